"""Benchmark: the pipeline on a synthetic corpus against spaCy + jieba tokenization alone.

``python -m partyevents.bench --mb 200`` (or ``make bench``) builds a corpus
of recombined sample entries under /tmp (shuffled dates and numbers, a share
in traditional script, GB18030 and Big5 files), runs ``extract`` on it,
tokenizes a fixed sample of the same texts with ``spacy.blank("zh")`` and the
jieba segmenter, and prints characters/second/core, documents/second, peak
RSS of the whole process tree and the ratio to the baseline.

>>> docs = list(synthetic_documents(_samples(SAMPLES), 0.05, seed=1))
>>> sum(len(data) for _, data, _ in docs) >= 0.05 * 2**20
True
>>> {form for _, _, form in docs} <= {"big5", "gb18030", "utf-8", "utf-8-traditional"}
True
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .api import ExtractConfig, extract
from .engines import default_workers
from .ingest import decode

__all__ = ["BenchResult", "baseline", "build_corpus", "main", "run", "synthetic_documents"]

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw"
# Share of documents per form: UTF-8 simplified, UTF-8 traditional, GB18030 simplified, Big5 traditional.
FORMS = (("utf-8", 0.70), ("utf-8-traditional", 0.15), ("gb18030", 0.10), ("big5", 0.05))
_NUMBERS = re.compile(r"(20\d\d)年|(\d{1,2})月(\d{1,2})日|\d+")


def _samples(folder: Path) -> list[list[str]]:
    texts = []
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.htm*")):
        lines = [line for line in decode(path.read_bytes(), path.name).text.splitlines() if line.strip()]
        if lines:
            texts.append(lines)
    if not texts:
        raise FileNotFoundError(f"no sample documents in {folder}; give --samples a folder of .txt reports")
    return texts


def _shuffle_numbers(line: str, rng: random.Random) -> str:
    """New dates and numbers of the same shape.

    >>> _shuffle_numbers("2022年12月4日发放300份", random.Random(0))
    '2022年7月2日发放365份'
    """
    def repl(m: re.Match[str]) -> str:
        if m.group(1):
            return f"{rng.randint(2019, 2024)}年"
        if m.group(2):
            return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        digits = m.group(0)
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))

    return _NUMBERS.sub(repl, line)


def synthetic_documents(samples: list[list[str]], mb: float, seed: int = 0) -> Iterator[tuple[str, bytes, str]]:
    """``(text, bytes, form)`` until ``mb`` MiB: sample documents with half their lines swapped for lines
    of the same kind (short heading/date lines, long entries) from any sample, dates and numbers shuffled."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    pool = {kind: [line for lines in samples for line in lines if (len(line) <= 30) == kind] for kind in (True, False)}
    forms, weights = [f for f, _ in FORMS], [w for _, w in FORMS]
    total, target = 0, mb * 2**20
    while total < target:
        lines = [rng.choice(pool[len(line) <= 30]) if rng.random() < 0.5 else line for line in rng.choice(samples)]
        text = "\n".join(_shuffle_numbers(line, rng) for line in lines) + "\n"
        form = rng.choices(forms, weights)[0]
        if form in ("utf-8-traditional", "big5"):
            text = s2t.convert(text)
        codec = {"utf-8-traditional": "utf-8", "big5": "big5hkscs"}.get(form, form)
        data = text.encode(codec, errors="replace")
        total += len(data)
        yield text, data, form


def build_corpus(folder: Path, mb: float, samples: Path = SAMPLES, seed: int = 0) -> dict[str, object]:
    """Write the synthetic corpus (1000 files per subfolder) unless the same one is already there."""
    info_path = folder / "corpus.json"
    wanted = {"mb": mb, "seed": seed}
    if info_path.exists():
        info: dict[str, object] = json.loads(info_path.read_text())
        if {k: info.get(k) for k in wanted} == wanted:
            return info
    shutil.rmtree(folder, ignore_errors=True)
    docs = chars = size = 0
    texts = folder / "texts"
    for n, (text, data, _form) in enumerate(synthetic_documents(_samples(samples), mb, seed)):
        sub = texts / f"{n // 1000:05d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:07d}.txt").write_bytes(data)
        docs, chars, size = docs + 1, chars + len(text), size + len(data)
    info = {**wanted, "documents": docs, "characters": chars, "bytes": size}
    info_path.write_text(json.dumps(info))
    return info


class PeakRSS:
    """Peak resident memory of this process and all its children, sampled every ``interval`` seconds."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return int(total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def _texts(folder: Path, max_chars: int) -> list[str]:
    texts, chars = [], 0
    for path in sorted(folder.rglob("*.txt")):
        text = decode(path.read_bytes(), path.name).text
        texts.append(text)
        chars += len(text)
        if chars >= max_chars:
            break
    return texts


def baseline(texts: list[str]) -> float:
    """Characters/second of spaCy + jieba tokenization alone (one process, ``nlp.pipe``)."""
    import logging

    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    list(nlp.pipe(texts[:2]))  # loads jieba's dictionary outside the timing
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return sum(len(t) for t in texts) / (time.perf_counter() - start)


@dataclass(slots=True)
class BenchResult:
    """What one benchmark run measured."""

    workers: int
    documents: int
    characters: int
    corpus_bytes: int
    seconds: float
    peak_rss: int
    baseline_chars_per_s: float  # the faster of the runs before and after the pipeline
    baseline_chars: int
    startup: float = 0.0  # seconds until the first document came back (workers loading their resources)
    baselines: tuple[float, ...] = ()  # each baseline run, in order

    @property
    def chars_per_s_per_core(self) -> float:
        return self.characters / self.seconds / self.workers

    @property
    def ratio(self) -> float:
        return self.chars_per_s_per_core / self.baseline_chars_per_s

    def report(self) -> str:
        return "\n".join([
            f"corpus: {self.documents:,} documents, {self.characters:,} characters, "
            f"{self.corpus_bytes / 2**20:.1f} MiB on disk",
            f"pipeline: {self.seconds:.1f} s with {self.workers} worker(s) on {default_workers()} core(s)",
            f"  {self.chars_per_s_per_core:,.0f} characters/second/core, {self.documents / self.seconds:,.1f} "
            "documents/second",
            f"  of which startup (until the first document is back): {self.startup:.1f} s",
            f"  peak RSS (process tree): {self.peak_rss / 2**20:,.0f} MiB",
            f"baseline spaCy blank('zh') + jieba, 1 process, fixed sample of {self.baseline_chars:,} characters: "
            f"{self.baseline_chars_per_s:,.0f} characters/second"
            + (f" (the faster of {' before and '.join(f'{b:,.0f}' for b in self.baselines)} after the pipeline)"
               if len(self.baselines) == 2 else ""),
            f"ratio pipeline/baseline per core: {self.ratio:.2f}x",
        ])


def _baseline_apart(texts: list[str]) -> float:
    """:func:`baseline` in a fresh process: its models stay out of the pipeline's memory figures."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(baseline, texts).result()


def run(mb: float, workers: int | None = None, corpus: Path | None = None, baseline_chars: int = 2_000_000,
        engine: str = "local") -> BenchResult:
    """Build (or reuse) the corpus; time the baseline, the pipeline, and the baseline again.

    The machine's speed can drift during a run (a shared host): the baseline is measured
    just before the pipeline (in a fresh process, so that its models stay out of the
    pipeline's memory figures) and just after it (in this process), and the ratio uses
    the faster of the two, which is the harder yardstick.
    """
    workers = workers or default_workers()
    corpus = corpus or Path(tempfile.gettempdir()) / f"partyevents-bench-{mb:g}mb"
    info = build_corpus(corpus, mb)
    sample = _texts(corpus / "texts", baseline_chars)
    before = _baseline_apart(sample)
    out = Path(tempfile.mkdtemp(prefix="partyevents-bench-out-"))
    first: list[float] = []
    start = time.perf_counter()

    def on_document(_: str) -> None:
        if not first:
            first.append(time.perf_counter() - start)

    try:
        with PeakRSS() as rss:
            summary = extract(corpus / "texts", out, ExtractConfig(progress=False, workers=workers, engine=engine),
                              on_document=on_document)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    after = baseline(sample)
    return BenchResult(workers=workers, documents=sum(summary.documents.values()),
                       characters=int(str(info["characters"])), corpus_bytes=int(str(info["bytes"])),
                       seconds=summary.seconds, peak_rss=rss.peak, baseline_chars_per_s=max(before, after),
                       baseline_chars=sum(len(t) for t in sample), startup=first[0] if first else 0.0,
                       baselines=(before, after))


# The stages' entry functions, by (module file, function name), in pipeline order.
STAGES = (("ingest.py", "decode"), ("normalize.py", "normalize"), ("segment.py", "segment"),
          ("dates.py", "resolve_dates"), ("organizations.py", "find_organizations"),
          ("places.py", "resolve_places"), ("activities.py", "classify_activities"), ("figures.py", "find_figures"),
          ("validate.py", "validate_result"))


def stage_profile(folder: Path = SAMPLES, repeat: int = 20) -> list[tuple[str, float]]:
    """Share of the per-document function's time spent in each stage (cProfile, cumulative time).

    >>> shares = dict(stage_profile(repeat=1))
    >>> 0.9 < sum(shares.values()) <= 1.1 and shares["normalize"] > 0
    True
    """
    import cProfile
    import pstats

    from .engines import process_one, warm_up
    from .ingest import iter_inputs
    from .records import RawDocument

    docs = [d for d in iter_inputs(folder) if isinstance(d, RawDocument)]
    warm_up()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        for doc in docs:
            process_one(doc)
    profiler.disable()
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(ct for (f, _, name), (_, _, _, ct, _) in stats.items() if name == "process_one")
    shares = []
    for module, func in STAGES:
        ct = sum(v[3] for (f, _, name), v in stats.items() if name == func and f.endswith(module))
        shares.append((func if func != "decode" else "decode (ingest)", ct / total if total else 0.0))
    return shares


def main(argv: list[str] | None = None) -> None:
    """``python -m partyevents.bench --mb 200 --workers 2``."""
    parser = argparse.ArgumentParser(prog="python -m partyevents.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size in MiB (default 200)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="where to build the corpus (default: /tmp/partyevents-bench-<MB>mb; reused if there)")
    parser.add_argument("--baseline-chars", type=int, default=2_000_000,
                        help="characters of the fixed sample tokenized by the baseline (default 2,000,000)")
    parser.add_argument("--profile", action="store_true",
                        help="only print the share of time per stage on the sample documents (cProfile)")
    parser.add_argument("--dedup", type=int, default=None, metavar="N",
                        help="only measure the near-duplicate index on N synthetic documents: memory and time")
    args = parser.parse_args(argv)
    if args.dedup:
        from .dedup import bench_report

        print(bench_report(args.dedup))
        return
    if args.profile:
        for stage, share in stage_profile():
            print(f"{stage:<22} {share:6.1%}")
        return
    print(run(args.mb, args.workers, args.corpus, args.baseline_chars, args.engine).report())


if __name__ == "__main__":
    main()
