"""Helpers for the fault tests: a run of the real command in its own process group, its process tree,
and hooks (a ``sitecustomize`` module on the child's path) that make documents slow or cleanup slow,
so a test can act while the run is at a known point."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
BODY = "{n}月{d}日,第{n}社区党支部组织党员志愿者开展志愿服务,走访群众{d}0余户。"

_HOOKS = '''
import os, time
if os.environ.get("PE_SLOW_DOCS"):
    import partyevents.engines as _engines
    _real = _engines.process_one
    def _slow(raw):
        started = os.environ.get("PE_STARTED")
        if started:
            open(started, "a").close()
        time.sleep(float(os.environ["PE_SLOW_DOCS"]))
        return _real(raw)
    _engines.process_one = _slow
if os.environ.get("PE_SLOW_ABORT"):
    from partyevents import write as _write
    _real_abort = _write.TableWriter.abort
    def _abort(self):
        open(os.environ["PE_SLOW_ABORT"], "a").close()
        time.sleep(5)
        _real_abort(self)
    _write.TableWriter.abort = _abort
'''


def corpus(folder: Path, n: int) -> Path:
    """``n`` small distinct reports."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(BODY.format(n=i % 12 + 1, d=i % 28 + 1) + f"\n编号{i}。", encoding="utf-8")
    return folder


def hooks_dir(tmp: Path) -> Path:
    d = tmp / "hooks"
    d.mkdir(exist_ok=True)
    (d / "sitecustomize.py").write_text(_HOOKS, encoding="utf-8")
    return d


def start(args: list[str], tmp: Path, **env: str) -> subprocess.Popen[str]:
    """``partyevents ARGS`` in a new session (so a test can signal its process group like a terminal)."""
    full_env = {**os.environ, "PYTHONPATH": f"{hooks_dir(tmp)}{os.pathsep}{SRC}", **env}
    return subprocess.Popen([sys.executable, "-m", "partyevents.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=full_env, start_new_session=True)


def wait_for(cond: Callable[[], bool], timeout: float = 240.0, proc: subprocess.Popen[str] | None = None) -> None:
    """Poll until ``cond()``; fail if the deadline passes or ``proc`` ends first."""
    deadline = time.monotonic() + timeout
    while not cond():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the run ended first (status {proc.returncode}): {proc.communicate()[1][-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


def _stat(pid: int) -> list[str] | None:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) is not None:
            children.setdefault(int(st[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting to be reaped is not running)."""
    return [p for p in pids if (st := _stat(p)) is not None and st[0] not in ("Z", "X")]
