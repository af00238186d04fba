"""Worker processes live no longer than the run that started them.

A worker asks the kernel to kill it as soon as the process that started it
dies (``PR_SET_PDEATHSIG`` on Linux, so even ``kill -9`` of the run leaves no
worker behind); where that is not available, a watchdog thread polls the
parent's pid once a second. Workers ignore Ctrl-C, which the terminal sends
to the whole process group: the parent decides what happens and stops them.
They take the default action on SIGTERM whatever handler the parent had
installed before forking them, so a pool can always terminate its workers.

>>> import os
>>> parent_alive(os.getppid())
True
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable

__all__ = ["die_with_parent", "kill_processes", "parent_alive"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def parent_alive(parent_pid: int) -> bool:
    """Whether the process that started this one is still its parent (a dead parent's children are adopted)."""
    return os.getppid() == parent_pid


def _ask_kernel_to_kill_us() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills this process when its parent exits (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int, every_s: float = 1.0) -> None:
    while parent_alive(parent_pid):
        time.sleep(every_s)
    os._exit(1)


def die_with_parent(parent_pid: int) -> None:
    """Called first in every worker: die with the parent, ignore Ctrl-C, default SIGTERM."""
    with contextlib.suppress(ValueError):  # not the main thread: leave the handlers alone
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watched_by_kernel = _ask_kernel_to_kill_us()
    if not parent_alive(parent_pid):  # the parent died before the kernel was asked
        os._exit(1)
    if not watched_by_kernel:
        threading.Thread(target=_watch_parent, args=(parent_pid,), name="partyevents-parent-watch",
                         daemon=True).start()


def kill_processes(processes: Iterable[object]) -> None:
    """SIGKILL every ``multiprocessing.Process`` given that is still running (a broken or abandoned pool)."""
    for proc in processes:
        with contextlib.suppress(Exception):
            if proc.is_alive():  # type: ignore[attr-defined]
                proc.kill()  # type: ignore[attr-defined]
