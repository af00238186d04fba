"""Engines: the process pool and the Dask cluster write the same tables as one process, survive dying workers,
and report identical files once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import partyevents
from partyevents import engines
from partyevents.api import ExtractConfig
from partyevents.records import RawDocument


def _frames(out: Path) -> dict[str, pd.DataFrame]:
    tables = partyevents.load(out)
    return {name: getattr(tables, name) for name in ("documents", "events", "figures", "problems")}


def _assert_same_tables(a: Path, b: Path) -> None:
    fa, fb = _frames(a), _frames(b)
    for name in fa:
        pd.testing.assert_frame_equal(fa[name], fb[name], obj=name)


@pytest.fixture(scope="module")
def serial_out(tmp_path_factory: pytest.TempPathFactory, raw_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("serial")
    partyevents.extract(raw_dir, out, ExtractConfig(progress=False, workers=1))
    return out


def test_process_pool_writes_the_same_tables_as_one_process(tmp_path: Path, raw_dir: Path, serial_out: Path) -> None:
    summary = partyevents.extract(raw_dir, tmp_path, ExtractConfig(progress=False, workers=2, chunk_size=1))
    assert summary.documents["ok"] == 5
    _assert_same_tables(serial_out, tmp_path)


def test_dask_cluster_writes_the_same_tables_as_the_local_engine(tmp_path: Path, raw_dir: Path,
                                                                  serial_out: Path) -> None:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, host="127.0.0.1", protocol="tcp",
                      dashboard_address=None) as cluster:
        config = ExtractConfig(progress=False, engine="dask", scheduler=cluster.scheduler_address, chunk_size=2)
        summary = partyevents.extract(raw_dir, tmp_path, config)
    assert summary.documents["ok"] == 5
    _assert_same_tables(serial_out, tmp_path)


def _die_on_crash_files(raw: RawDocument) -> partyevents.api.Rows:
    if "crash" in raw.source_path:
        os._exit(3)  # the worker process dies without a word, as on a segfault or the OOM killer
    return engines.validate_result(engines.pipeline.process_document(raw))


def test_a_dying_worker_loses_only_its_document(tmp_path: Path, raw_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(raw_dir, corpus)
    (corpus / "crash.txt").write_text("12月4日\n某社区开展志愿服务。", encoding="utf-8")
    monkeypatch.setattr(engines, "process_one", _die_on_crash_files)  # the forked workers inherit it
    summary = partyevents.extract(corpus, tmp_path / "out", ExtractConfig(progress=False, workers=2, chunk_size=3))
    assert summary.documents == {"ok": 5, "empty": 0, "rejected": 1}
    docs = partyevents.load(tmp_path / "out").documents.set_index("source_path")
    assert docs.loc["crash.txt", "status"] == "rejected"
    assert "worker" in str(docs.loc["crash.txt", "error"])


def test_identical_bytes_under_two_paths_are_one_document(tmp_path: Path, raw_dir: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(raw_dir, corpus)
    first = sorted(corpus.glob("*.txt"))[0]
    (corpus / "zz_copy").mkdir()
    shutil.copy(first, corpus / "zz_copy" / first.name)
    summary = partyevents.extract(corpus, tmp_path / "out", ExtractConfig(progress=False, workers=1))
    assert summary.duplicates == 1
    tables = partyevents.load(tmp_path / "out")
    assert len(tables.documents) == 5 and tables.documents["doc_id"].is_unique
    warning = tables.problems[tables.problems["message"].str.contains("identical bytes")]
    assert len(warning) == 1
    assert warning.iloc[0]["source_path"] == first.name
    assert f"zz_copy/{first.name}" in warning.iloc[0]["detail"]


def test_ordered_map_keeps_order_and_rejects_a_document_that_fails_alone() -> None:
    docs = [RawDocument(f"{n}.txt", f"12月{n}日\n某社区开展志愿服务。".encode()) for n in range(1, 6)]

    def submit(chunk: list[RawDocument]) -> list[RawDocument]:
        return chunk

    def result(chunk: list[RawDocument]) -> engines.RowBatch:
        if any(d.source_path == "3.txt" for d in chunk):
            raise RuntimeError("worker lost")
        return engines.process_batch(chunk)

    out = list(engines.ordered_map(submit, result, iter([docs[:2], docs[2:4], docs[4:]]), window=2))
    docs_rows = [r for batch in out for r in batch.tables["documents"].to_pylist()]
    assert [r["source_path"] for r in docs_rows] == [d.source_path for d in docs]
    assert [r["status"] for r in docs_rows] == ["ok", "ok", "rejected", "ok", "ok"]
    assert "worker lost" in docs_rows[2]["error"]
    assert sum(batch.tables["events"].num_rows for batch in out) == 4  # the other documents keep their events


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        engines.make_engine("spark")


def test_cli_says_when_the_dask_scheduler_cannot_be_used(tmp_path: Path, raw_dir: Path) -> None:
    from click.testing import CliRunner

    from partyevents.cli import main

    args = ["extract", str(raw_dir), str(tmp_path / "out"), "--engine", "dask", "--scheduler", "nonsense://nowhere"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 2
    assert "Dask scheduler at nonsense://nowhere" in res.output
    assert not (tmp_path / "out").exists()
