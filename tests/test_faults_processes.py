"""Issue 19, processes: real process trees. Workers never outlive the run (``kill -9`` included), a worker
killed mid-run does not hang it, Ctrl-C twice still exits 130, and an interrupted Dask run is quiet."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from faults_helpers import alive, corpus, descendants, start, wait_for
from partyevents import extract, load
from partyevents.api import ExtractConfig

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")


def _started(tmp: Path) -> Path:
    return tmp / "started"


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_kill_9_of_the_run_leaves_no_worker_alive(tmp_path: Path, engine: str) -> None:
    in_dir = corpus(tmp_path / "in", 40)
    proc = start(["extract", str(in_dir), str(tmp_path / "out"), "--workers", "2", "--engine", engine, "-q"],
                 tmp_path, PE_SLOW_DOCS="0.5", PE_STARTED=str(_started(tmp_path)))
    wait_for(_started(tmp_path).exists, proc=proc)  # a worker is inside a document
    workers = descendants(proc.pid)
    assert len(workers) >= 2
    proc.kill()
    proc.communicate()
    deadline = time.monotonic() + 5
    while alive(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive(workers) == []


def test_a_worker_killed_mid_run_does_not_hang_it(tmp_path: Path) -> None:
    in_dir = corpus(tmp_path / "in", 30)
    out = tmp_path / "out"
    proc = start(["extract", str(in_dir), str(out), "--workers", "2", "-q"], tmp_path, PE_SLOW_DOCS="0.2",
                 PE_STARTED=str(_started(tmp_path)))
    wait_for(_started(tmp_path).exists, proc=proc)
    os.kill(descendants(proc.pid)[0], signal.SIGKILL)  # as the kernel's OOM killer would
    _, err = proc.communicate(timeout=300)  # the bug: the tables were written and the command never exited
    assert proc.returncode == 0, err
    docs = load(out).documents
    assert len(docs) == 30 and set(docs["status"]) == {"ok"}  # the lost chunks were sent again


def _previous_tables(tmp: Path) -> tuple[Path, dict[str, pd.DataFrame]]:
    out = tmp / "out"
    extract(corpus(tmp / "old", 2), out, ExtractConfig(progress=False, workers=1))
    return out, {name: pd.read_parquet(out / f"{name}.parquet") for name in ("documents", "events", "figures")}


def _assert_unchanged(out: Path, before: dict[str, pd.DataFrame]) -> None:
    for name, frame in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), frame)
    assert len(load(out).documents) == 2
    assert not [p for p in out.iterdir() if p.name.startswith(".partyevents-")]  # no temp folder left behind


def test_ctrl_c_twice_exits_130_and_leaves_the_previous_tables(tmp_path: Path) -> None:
    out, before = _previous_tables(tmp_path)
    aborting = tmp_path / "aborting"
    proc = start(["extract", str(corpus(tmp_path / "in", 40)), str(out), "--workers", "2"], tmp_path,
                 PE_SLOW_DOCS="0.3", PE_STARTED=str(_started(tmp_path)), PE_SLOW_ABORT=str(aborting))
    wait_for(_started(tmp_path).exists, proc=proc)
    workers = descendants(proc.pid)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C: the whole process group
    wait_for(aborting.exists, proc=proc)  # the run is cleaning up (made slow here) when the second one comes
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted again" in err and "Traceback" not in err
    time.sleep(0.5)
    assert alive(workers) == []
    for name, frame in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), frame)
    extract(tmp_path / "in", out, ExtractConfig(progress=False, workers=1))  # a temp folder left is no obstacle
    assert len(load(out).documents) == 40


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ctrl_c_stops_the_run_quietly(tmp_path: Path, engine: str) -> None:
    out, before = _previous_tables(tmp_path)
    proc = start(["extract", str(corpus(tmp_path / "in", 40)), str(out), "--workers", "2", "--engine", engine, "-q"],
                 tmp_path, PE_SLOW_DOCS="0.3", PE_STARTED=str(_started(tmp_path)))
    wait_for(_started(tmp_path).exists, proc=proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "interrupted: nothing written; the previous tables in OUT_DIR are unchanged"
    _assert_unchanged(out, before)


def test_a_ctrl_c_swallowed_by_library_code_still_stops_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C raised inside a garbage-collector callback (Dask has one) is only printed by Python, never
    propagated; the run must still stop at the next batch, and nothing is printed about it."""
    import gc

    from partyevents.terminal import Interrupts, SafeStderr

    class Tick:
        def __del__(self) -> None:  # a place where a raised exception is "ignored"
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)  # the handler runs here, and its KeyboardInterrupt goes nowhere

    with Interrupts(SafeStderr()) as interrupts:
        Tick()
        gc.collect()
        assert interrupts.count == 1
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
    assert "KeyboardInterrupt" not in capsys.readouterr().err
