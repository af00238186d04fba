"""What the command line needs from its terminal, so that output problems never cost the results.

- :func:`ensure_std_fds`: descriptors 0-2 exist (a run started with ``2>&-`` would otherwise open a
  table file as descriptor 2, and anything printed to stderr would land in it);
- :class:`SafeStderr`: stderr that never fails the run: once it is gone (a closed pipe, a closed
  descriptor) the progress bar and the summary go nowhere, and the exit status stays the run's;
- :class:`Interrupts`: the first Ctrl-C or SIGTERM stops the run cleanly (``KeyboardInterrupt``: the
  temporary tables are dropped, the workers stopped); a second one stops it at once with status 130.
  Either way the previous tables are untouched. A signal that comes while the new tables are being
  switched in waits until they are (:func:`~partyevents.tableset.publishing`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType
from typing import Any

from . import tableset

__all__ = ["INTERRUPTED", "Interrupts", "SafeStderr", "ensure_std_fds"]

INTERRUPTED = 130  # 128 + SIGINT, what shells report for a job stopped by Ctrl-C


def ensure_std_fds() -> None:
    """Open ``/dev/null`` on any of descriptors 0, 1, 2 that is closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if fd == 2 and sys.stderr is None:
                sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115


def _stderr_gone() -> None:
    """stderr cannot be written any more: send descriptor 2, and what is still buffered for it, to /dev/null."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


class SafeStderr:
    """A file-like view of ``sys.stderr`` whose writes never raise (for tqdm and the summary line)."""

    @property
    def encoding(self) -> str:
        return getattr(sys.stderr, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        try:
            if sys.stderr is not None:
                sys.stderr.write(text)
        except (OSError, ValueError):
            _stderr_gone()
        return len(text)

    def flush(self) -> None:
        try:
            if sys.stderr is not None:
                sys.stderr.flush()
        except (OSError, ValueError):
            _stderr_gone()

    def isatty(self) -> bool:
        try:
            return bool(sys.stderr is not None and sys.stderr.isatty())
        except (OSError, ValueError):
            return False

    def say(self, line: str) -> None:
        """One line, flushed."""
        self.write(line + "\n")
        self.flush()


class Interrupts:
    """Ctrl-C and SIGTERM while a run is going: the first raises ``KeyboardInterrupt``, the second exits 130.

    Used as a context manager around the run; the previous handlers come back afterwards. An ignored
    SIGINT (a job started in the background by a shell) stays ignored.
    """

    def __init__(self, err: SafeStderr) -> None:
        self._err = err
        self._pid = os.getpid()
        self._previous: dict[int, Any] = {}
        self.count = 0
        self.deferred = False

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self._pid:  # a forked worker before it set its own handlers: the default action
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if tableset.publishing():  # the new tables are being switched in: let that finish
            self.deferred = True
            return
        self.count += 1
        if self.count == 1:
            raise KeyboardInterrupt
        self._err.say("interrupted again: stopping now; the previous tables in OUT_DIR are unchanged")
        os._exit(INTERRUPTED)  # the workers die with this process

    def check(self) -> None:
        """Raise ``KeyboardInterrupt`` again if one came and was swallowed on the way (raised inside a garbage
        collector callback or a library's ``except``): called between batches, so the run still stops."""
        if self.count:
            raise KeyboardInterrupt

    def _unraisable(self, info: Any) -> None:
        """A Ctrl-C swallowed where exceptions cannot propagate: :meth:`check` raises it again, so say nothing."""
        if not isinstance(info.exc_value, KeyboardInterrupt):
            self._unraisable_hook(info)

    def __enter__(self) -> Interrupts:
        self._unraisable_hook = sys.unraisablehook
        sys.unraisablehook = self._unraisable
        for sig in (signal.SIGINT, signal.SIGTERM):
            if sig == signal.SIGINT and signal.getsignal(sig) == signal.SIG_IGN:
                continue
            with contextlib.suppress(ValueError):  # not the main thread
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        sys.unraisablehook = self._unraisable_hook
