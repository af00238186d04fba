"""The benchmark's smoke version: a few hundred KB, every number reported (the full run is `make bench`)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from partyevents import bench
from partyevents.ingest import decode


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench")
    bench.build_corpus(folder, 0.3)
    return folder


def test_corpus_is_big_enough_and_mixes_scripts_and_encodings(corpus: Path) -> None:
    info = json.loads((corpus / "corpus.json").read_text())
    files = sorted((corpus / "texts").rglob("*.txt"))
    assert info["documents"] == len(files)
    assert info["bytes"] == sum(f.stat().st_size for f in files) >= 0.3 * 2**20
    encodings = {decode(f.read_bytes()).encoding for f in files}
    assert {"utf-8", "gb18030"} <= encodings
    assert any("黨" in decode(f.read_bytes()).text for f in files)  # traditional script
    assert bench.build_corpus(corpus, 0.3) == info  # reused, not rebuilt


def test_smoke_run_reports_throughput_memory_and_the_baseline_ratio(corpus: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(["--mb", "0.3", "--workers", "1", "--corpus", str(corpus), "--baseline-chars", "30000",
                "--real-mb", "0", "--startup-runs", "0"])
    out = capsys.readouterr().out
    for words in ("characters/second/core", "documents/second", "peak RSS", "baseline spaCy", "ratio"):
        assert words in out
    result = bench.run(0.3, workers=1, corpus=corpus, baseline_chars=30000)
    assert result.documents == json.loads((corpus / "corpus.json").read_text())["documents"]
    assert result.peak_rss > 50 * 2**20 and result.baseline_chars_per_s > 0
    assert result.ratio == pytest.approx(result.chars_per_s_per_core / result.baseline_chars_per_s)
    assert len(result.baselines) == 2 and result.baseline_chars_per_s == max(result.baselines)
    assert 0 < result.startup <= result.seconds


def _pages(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("首页 新闻动态\n某镇召开党建工作会议\n2023-05-06\n"
                                  "5月6日,某镇党委召开党建工作推进会。会议部署了下一阶段工作。30余人参加。\n"
                                  "版权所有 某镇人民政府\n", encoding="utf-8")
    (folder / "b.txt").write_text("某社区开展志愿服务\n"
                                  "6月1日,某社区党支部组织党员志愿者开展环境整治。清理垃圾2吨。群众纷纷点赞。\n",
                                  encoding="utf-8")
    return folder


def test_real_pages_are_recombined_line_by_line(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    docs = list(bench.real_documents((pages,), 0.02, seed=3))
    assert sum(len(data) for _, data, _ in docs) >= 0.02 * 2**20
    assert {form for _, _, form in docs} == {"utf-8"}
    texts = [text for text, _, _ in docs]
    assert len(set(texts)) > len(texts) // 2  # recombined, not the same two pages over and over
    assert any("版权所有" in t for t in texts) and any("志愿" in t for t in texts)


def test_real_run_is_pinned_to_one_core_and_reported(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages")
    cores = os.sched_getaffinity(0)
    with bench.one_core() as core:
        assert os.sched_getaffinity(0) == {core}
    assert os.sched_getaffinity(0) == cores  # given back
    result = bench.run_real(0.02, tmp_path / "corpus", baseline_chars=5000, real=(pages,))
    assert result.workers == 1 and result.documents > 10
    info = json.loads((tmp_path / "corpus" / "corpus.json").read_text())
    assert info["source"] == "real"
    assert "ratio pipeline/baseline per core" in result.report()


def test_startup_report_names_every_figure_and_its_target() -> None:
    result = bench.StartupResult(3, [0.4, 0.5, 0.6], [0.8, 0.9, 1.2], [1.4, 1.2, 1.1], 2.5)
    text = result.report()
    assert "import partyevents: 0.50 s" in text
    assert "first extract_text result: 0.90 s (target <= 1.0 s: met)" in text
    assert "one document, --workers 1: 1.20 s (target <= 1.3 s: met)" in text
    assert "empty cache" in text


def test_extra_workers_are_measured_against_the_resources_size() -> None:
    from partyevents.bench_memory import WorkerMemory

    mib = 2**20
    shared = WorkerMemory({1: (300 * mib, 300 * mib), 2: (800 * mib, 360 * mib), 4: (1200 * mib, 400 * mib)}, 60 * mib)
    assert shared.per_extra_worker() == 20 * mib  # (400 - 360) / (4 - 2)
    assert "adds 20 MiB of PSS" in shared.report() and ": met" in shared.report()
    copied = WorkerMemory({2: (0, 300 * mib), 3: (0, 380 * mib)}, 60 * mib)
    assert copied.per_extra_worker() == 80 * mib and "NOT met" in copied.report()
    assert WorkerMemory({1: (0, 1), 2: (0, 2)}, 1).per_extra_worker() is None  # one forked pool: no slope


def test_worker_memory_runs_each_worker_count_and_counts_shared_pages_once() -> None:
    from partyevents.bench_memory import resources_size, worker_memory

    result = worker_memory(bench.SAMPLES, (1, 2))
    assert set(result.peaks) == {1, 2}
    for rss, pss in result.peaks.values():
        assert 50 * 2**20 < pss <= rss * 1.01  # PSS splits shared pages: never above the summed RSS
    assert result.peaks[2][1] < result.peaks[2][0]  # two forked workers share the parent's pages
    assert resources_size() > 10 * 2**20
