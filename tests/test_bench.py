"""The benchmark's smoke version: a few hundred KB, every number reported (the full run is `make bench`)."""

from __future__ import annotations

import json
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
    bench.main(["--mb", "0.3", "--workers", "1", "--corpus", str(corpus), "--baseline-chars", "30000"])
    out = capsys.readouterr().out
    for words in ("characters/second/core", "documents/second", "peak RSS", "baseline spaCy", "ratio"):
        assert words in out
    result = bench.run(0.3, workers=1, corpus=corpus, baseline_chars=30000)
    assert result.documents == json.loads((corpus / "corpus.json").read_text())["documents"]
    assert result.peak_rss > 50 * 2**20 and result.baseline_chars_per_s > 0
    assert result.ratio == pytest.approx(result.chars_per_s_per_core / result.baseline_chars_per_s)
    assert len(result.baselines) == 2 and result.baseline_chars_per_s == max(result.baselines)
    assert 0 < result.startup <= result.seconds
