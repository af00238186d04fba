"""Incremental runs: known documents are skipped, new ones appended, a new pipeline version redoes everything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import partyevents
from partyevents import engines
from partyevents.api import ExtractConfig
from partyevents.write import VERSION_KEY

INCREMENTAL = ExtractConfig(progress=False, workers=1, incremental=True)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """source_path of every call of the per-document function (workers=1 runs it in this process)."""
    seen: list[str] = []
    real = engines.process_one

    def counting(raw: engines.RawDocument) -> engines.Rows:
        seen.append(raw.source_path)
        return real(raw)

    monkeypatch.setattr(engines, "process_one", counting)
    return seen


@pytest.fixture
def corpus(tmp_path: Path, raw_dir: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(raw_dir, folder)
    return folder


def test_rerun_on_an_unchanged_folder_does_no_work(tmp_path: Path, corpus: Path, calls: list[str]) -> None:
    partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert len(calls) == 5
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}
    summary = partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert len(calls) == 5  # no new call
    assert summary.skipped == 5 and sum(summary.documents.values()) == 0
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == before


def test_new_files_are_appended_and_old_ones_kept(tmp_path: Path, corpus: Path, calls: list[str]) -> None:
    moved = sorted(corpus.glob("*.txt"))[-1]
    aside = tmp_path / moved.name
    shutil.move(moved, aside)
    partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    (corpus / "new").mkdir()
    shutil.move(aside, corpus / "new" / moved.name)
    summary = partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert calls[4:] == [f"new/{moved.name}"]
    assert summary.skipped == 4 and summary.documents["ok"] == 1
    out = tmp_path / "out"
    assert (out / "documents.parquet").is_dir()  # the table became a dataset folder of two parts
    docs = partyevents.load(out).documents
    assert len(docs) == 5 and docs["doc_id"].is_unique
    assert len(pd.read_parquet(out / "events.parquet")) == len(partyevents.load(out).events)
    full = tmp_path / "full"
    partyevents.extract(corpus, full, ExtractConfig(progress=False, workers=1))
    for name in ("documents", "events", "figures"):  # the same rows as a full run, up to their order
        got, want = getattr(partyevents.load(out), name), getattr(partyevents.load(full), name)
        key = list(got.columns[:2])
        pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True).drop(columns="source_path",
                                                                                          errors="ignore"),
                                      want.sort_values(key).reset_index(drop=True).drop(columns="source_path",
                                                                                          errors="ignore"))


def test_a_new_pipeline_version_invalidates_previous_results(tmp_path: Path, corpus: Path, calls: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    meta = pq.read_schema(tmp_path / "out" / "events.parquet").metadata
    assert meta[VERSION_KEY].decode() == partyevents.PIPELINE_VERSION
    monkeypatch.setattr(partyevents, "PIPELINE_VERSION", "999+test")
    summary = partyevents.extract(corpus, tmp_path / "out", INCREMENTAL)
    assert len(calls) == 10 and summary.invalidated and summary.skipped == 0
    assert (tmp_path / "out" / "documents.parquet").is_file()  # replaced, not appended
    assert len(partyevents.load(tmp_path / "out").documents) == 5
    meta = pq.read_schema(tmp_path / "out" / "documents.parquet").metadata
    assert meta[VERSION_KEY] == b"999+test"


def test_cli_incremental_flag(tmp_path: Path, corpus: Path) -> None:
    from click.testing import CliRunner

    from partyevents.cli import main

    args = ["extract", str(corpus), str(tmp_path / "out"), "--workers", "1", "--incremental"]
    assert CliRunner().invoke(main, args).exit_code == 0
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "5 skipped" in res.output
    res = CliRunner().invoke(main, ["extract", str(corpus), str(tmp_path / "o2"), "--scheduler", "tcp://x:1"])
    assert res.exit_code == 2 and "--engine dask" in res.output


def test_a_new_copy_of_an_extracted_document_is_reported_once(tmp_path: Path, corpus: Path,
                                                              calls: list[str]) -> None:
    out = tmp_path / "out"
    partyevents.extract(corpus, out, INCREMENTAL)
    first = sorted(corpus.glob("*.txt"))[0]
    shutil.copy(first, corpus / "zz_copy.txt")
    summary = partyevents.extract(corpus, out, INCREMENTAL)
    assert len(calls) == 5 and summary.duplicates == 1  # the copy is not extracted again
    summary = partyevents.extract(corpus, out, INCREMENTAL)
    assert summary.duplicates == 0
    problems = partyevents.load(out).problems
    warning = problems[problems["message"].str.contains("identical bytes")]
    assert len(warning) == 1
    assert warning.iloc[0]["source_path"] == first.name and "zz_copy.txt" in warning.iloc[0]["detail"]


def test_another_input_folder_is_refused_before_it_can_replace_or_orphan_rows(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from partyevents.api import OtherInputFolder
    from partyevents.cli import main

    first, second, out = tmp_path / "county_a", tmp_path / "county_b", tmp_path / "out"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text("3月5日,甲镇党委组织党员开展冬训,50余人参加。\n", encoding="utf-8")
    (second / "a.txt").write_text("4月6日,乙镇党委组织党员义务植树,30余人参加。\n", encoding="utf-8")
    partyevents.extract(first, out, ExtractConfig(progress=False, workers=1))
    with pytest.raises(OtherInputFolder, match=r"was extracted from .*county_a.* place them under one folder"):
        partyevents.extract(second, out, INCREMENTAL)
    result = CliRunner().invoke(main, ["extract", str(second), str(out), "--incremental", "--quiet"])
    assert result.exit_code == 2 and "county_a" in result.output
    assert pd.read_parquet(out / "events.parquet")["text"].str.contains("甲镇").all()  # nothing replaced
    (first / "b.txt").write_text("5月6日,丙镇党委召开党建工作会议。\n", encoding="utf-8")
    partyevents.extract(first, out, INCREMENTAL)  # the same folder goes on as before
    assert len(pd.read_parquet(out / "documents.parquet")) == 2
