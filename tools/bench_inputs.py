"""Benchmarks for reading scrape outputs (issue 17); not part of the test suite.

    PYTHONPATH=src .venv/bin/python tools/bench_inputs.py html [--docs 200]
    PYTHONPATH=src .venv/bin/python tools/bench_inputs.py jsonl-memory [--small-mb 100 --large-mb 1000]
    PYTHONPATH=src .venv/bin/python tools/bench_inputs.py jsonl-memory --extract --small-mb 5 --large-mb 50

``html``: the same texts as .txt files and as HTML pages (the furniture of the
fixtures in ``tests/data/html``: menu, sidebar, related list, scripts, footer),
through the whole pipeline in one process; prints documents/second of each and
the time HTML decoding takes per page with trafilatura and with the tag
stripper alone.

``jsonl-memory``: peak resident memory while reading a JSONL file of
``--small-mb`` and of ``--large-mb`` (generated under /tmp from the sample
reports, every record different): by default the ingest stream alone (every
record read and turned into a raw document), with ``--extract`` the whole
``partyevents extract`` run (slow: the pipeline's speed).
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from make_html_fixtures import _page  # noqa: E402

from partyevents import ingest  # noqa: E402
from partyevents.api import ExtractConfig, extract  # noqa: E402
from partyevents.bench import PeakRSS  # noqa: E402


def _texts(n: int) -> list[str]:
    folders = [ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus" / "wild"]
    paths = [p for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return [t for t in texts if t.strip()][:n]


def bench_html(n: int) -> None:
    texts = _texts(n)
    tmp = Path(tempfile.mkdtemp(prefix="bench-html-"))
    try:
        (tmp / "txt").mkdir()
        (tmp / "html").mkdir()
        pages = []
        for i, text in enumerate(texts):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            page = _page(lines[0][:40], "2022-05-06", "pubdate", lines[1:] or lines, i)
            (tmp / "txt" / f"{i:04d}.txt").write_text(text, encoding="utf-8")
            (tmp / "html" / f"{i:04d}.shtml").write_text(page, encoding="utf-8")
            pages.append(page)
        extract(tmp / "txt", tmp / "warm-out", ExtractConfig(progress=False, workers=1))  # models loaded once
        for kind in ("txt", "html", "txt", "html"):
            start = time.perf_counter()
            extract(tmp / kind, tmp / f"{kind}-out", ExtractConfig(progress=False, workers=1))
            took = time.perf_counter() - start
            print(f"{kind:5s} pipeline: {len(texts)} documents in {took:.1f} s = {len(texts) / took:.1f} docs/s")
        start = time.perf_counter()
        for page in pages:
            ingest.decode(page.encode(), "a.shtml")
        new = (time.perf_counter() - start) / len(pages)
        start = time.perf_counter()
        for page in pages:
            ingest.html_to_text(page)
        old = (time.perf_counter() - start) / len(pages)
        print(f"HTML decoding per page: trafilatura path {new * 1000:.1f} ms, tag stripper alone {old * 1000:.1f} ms")
    finally:
        shutil.rmtree(tmp)


def _jsonl(path: Path, mb: float) -> int:
    texts = _texts(300)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        while fh.tell() < mb * 2**20:
            text = texts[n % len(texts)]
            fh.write(json.dumps({"id": n, "text": f"第{n}期\n{text}", "url": f"http://example.gov.cn/{n}.html",
                                 "published": "2022-05-06", "title": html.escape(text[:20])},
                                ensure_ascii=False) + "\n")
            n += 1
    return n


def _peak(cmd: list[str]) -> int:
    with PeakRSS(interval=0.1) as peak:
        subprocess.run(cmd, check=False)
    return peak.peak


def bench_jsonl_memory(small_mb: float, large_mb: float, full: bool) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-jsonl-"))
    try:
        for mb in (small_mb, large_mb):
            folder = tmp / f"in{mb:g}"
            folder.mkdir()
            n = _jsonl(folder / "pages.jsonl", mb)
            if full:
                cmd = [sys.executable, "-m", "partyevents.cli", "extract", str(folder), str(tmp / f"out{mb:g}"), "-q"]
            else:
                cmd = [sys.executable, "-c", "import sys; from pathlib import Path; from partyevents import ingest; "
                       "print(sum(1 for _ in ingest.iter_inputs(Path(sys.argv[1]))))", str(folder)]
            start = time.perf_counter()
            peak = _peak(cmd)
            took = time.perf_counter() - start
            print(f"{mb:g} MiB JSONL ({n} records): peak RSS {peak / 2**20:.0f} MiB, {took:.1f} s "
                  f"({'extract' if full else 'ingest stream'})")
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["html", "jsonl-memory"])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--small-mb", type=float, default=100)
    parser.add_argument("--large-mb", type=float, default=1000)
    parser.add_argument("--extract", action="store_true", help="measure the whole extract run, not the stream alone")
    args = parser.parse_args()
    if args.what == "html":
        bench_html(args.docs)
    else:
        bench_jsonl_memory(args.small_mb, args.large_mb, args.extract)


if __name__ == "__main__":
    main()
