"""Issue 19, time per input (16): a document that uses up its time budget is rejected with the reason, in this
process, in the local engine's workers and on a Dask worker's threads, and the run goes on."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from faults_helpers import corpus
from partyevents import extract, load, pipeline, segment
from partyevents.api import ExtractConfig
from partyevents.budget import ENV, seconds_for
from partyevents.engines import process_one
from partyevents.records import RawDocument
from partyevents.validate import Rows

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="the budget is a SIGALRM timer")


def test_a_document_over_its_budget_is_rejected_and_the_run_goes_on(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    in_dir = corpus(tmp_path / "in", 3)
    (in_dir / "stuck.txt").write_text("某社区开展活动。", encoding="utf-8")
    real = pipeline.process_document

    def stuck(raw: RawDocument) -> object:
        while raw.source_path == "stuck.txt":  # a stage that never ends
            pass
        return real(raw)

    monkeypatch.setattr(pipeline, "process_document", stuck)
    monkeypatch.setenv(ENV, "0.5")
    summary = extract(in_dir, tmp_path / "out", ExtractConfig(progress=False, workers=1))
    assert summary.documents == {"ok": 3, "empty": 0, "rejected": 1} and summary.errors == 1
    t = load(tmp_path / "out")
    error = t.documents.set_index("source_path").loc["stuck.txt", "error"]
    assert error.startswith("processing took longer than 0.5 s, the time budget for a document of this size")
    assert ENV in error
    assert t.problems.loc[t.problems["source_path"] == "stuck.txt", "severity"].tolist() == ["error"]


def test_the_budget_leaves_the_alarm_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    before = signal.getsignal(signal.SIGALRM)
    monkeypatch.setenv(ENV, "30")
    rows = process_one(RawDocument("a.txt", "12月4日\n某社区开展志愿服务。".encode()))
    assert rows.documents[0]["status"] == "ok"
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork-based local engine")
def test_a_stage_that_never_ends_does_not_block_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Text built to stress the patterns no longer takes minutes (tests/test_fast_paths_linear.py): a stage that
    # never ends on one page stands for whatever else might, in the forked workers.
    in_dir = corpus(tmp_path / "in", 4)
    (in_dir / "flat.txt").write_text("社区开展活动。" + "一" * 2_000, encoding="utf-8")
    real = segment.segment

    def never_ends(text: str) -> object:
        while "一" * 2_000 in text:
            pass
        return real(text)

    monkeypatch.setattr(segment, "segment", never_ends)
    monkeypatch.setenv(ENV, "1")
    summary = extract(in_dir, tmp_path / "out", ExtractConfig(progress=False, workers=2))
    assert summary.documents == {"ok": 4, "empty": 0, "rejected": 1}
    docs = load(tmp_path / "out").documents.set_index("source_path")
    assert "time budget" in docs.loc["flat.txt", "error"]


def test_the_budget_grows_with_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert seconds_for(10_000_000) == 5 * seconds_for(2_000_000) - 4 * seconds_for(0)
    monkeypatch.setenv(ENV, "0")
    assert seconds_for(10_000_000) is None


def _stuck_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.process_document

    def stuck(raw: RawDocument) -> object:
        while raw.source_path == name:  # a stage that never ends
            pass
        return real(raw)

    monkeypatch.setattr(pipeline, "process_document", stuck)


def _in_a_thread(fn: Callable[[], object]) -> object:
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the document ran past its budget"
    return out[0]


def test_the_budget_holds_on_a_thread_other_than_the_main_one(monkeypatch: pytest.MonkeyPatch) -> None:
    _stuck_on("stuck.txt", monkeypatch)
    monkeypatch.setenv(ENV, "0.5")
    rows = _in_a_thread(lambda: process_one(RawDocument("stuck.txt", "某社区开展活动。".encode())))
    assert isinstance(rows, Rows) and rows.documents[0]["status"] == "rejected"
    assert rows.documents[0]["error"].startswith("processing took longer than 0.5 s")


def test_a_thread_whose_document_ended_in_time_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV, "0.3")

    def one_then_wait() -> tuple[str, int]:
        rows = process_one(RawDocument("a.txt", "12月4日\n某社区开展志愿服务。".encode()))
        spins, until = 0, time.monotonic() + 1.0
        while time.monotonic() < until:  # well past the document's deadline: nothing may be raised here
            spins += 1
        return rows.documents[0]["status"], spins

    status, spins = _in_a_thread(one_then_wait)  # type: ignore[misc]
    assert status == "ok" and spins > 0


def test_a_dask_worker_thread_rejects_a_document_over_its_budget(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from dask.distributed import LocalCluster

    in_dir = corpus(tmp_path / "in", 3)
    (in_dir / "stuck.txt").write_text("某社区开展活动。", encoding="utf-8")
    _stuck_on("stuck.txt", monkeypatch)
    monkeypatch.setenv(ENV, "0.5")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1", protocol="tcp",
                      dashboard_address=None) as cluster:  # workers are threads of this process
        config = ExtractConfig(progress=False, engine="dask", scheduler=cluster.scheduler_address, chunk_size=1)
        summary = extract(in_dir, tmp_path / "out", config)
    assert summary.documents == {"ok": 3, "empty": 0, "rejected": 1}
    docs = load(tmp_path / "out").documents.set_index("source_path")
    assert docs.loc["stuck.txt", "error"].startswith("processing took longer than 0.5 s")


def test_after_a_thread_ran_out_of_time_the_process_runs_on_under_a_profiler(tmp_path: Path) -> None:
    # Clearing a pending raise with PyThreadState_SetAsyncExc(id, NULL) would leave CPython 3.11's "pending" flag
    # set, and the next profiled call would spin forever: run it in a child process that must end.
    script = tmp_path / "child.py"
    script.write_text(
        "import os, sys, threading\n"
        "from partyevents import pipeline\n"
        "from partyevents.engines import process_one\n"
        "from partyevents.records import RawDocument\n"
        "real = pipeline.process_document\n"
        "def slow(raw):\n"
        "    while raw.source_path == 'stuck.txt':\n"
        "        pass\n"
        "    return real(raw)\n"
        "pipeline.process_document = slow\n"
        f"os.environ[{ENV!r}] = '0.3'\n"
        "out = []\n"
        "t = threading.Thread(target=lambda: out.append(process_one(RawDocument('stuck.txt', b'x'))))\n"
        "t.start(); t.join()\n"
        "assert out[0].documents[0]['status'] == 'rejected'\n"
        "sys.setprofile(lambda *a: None)\n"
        "rows = process_one(RawDocument('a.txt', '12月4日,某社区开展志愿服务。'.encode()))\n"
        "sys.setprofile(None)\n"
        "print(rows.documents[0]['status'])\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
