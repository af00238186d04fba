"""A time budget per document: a page that would keep a worker busy for minutes is rejected with the reason.

The budget grows with the document's size (:func:`seconds_for`): normal pages take about a second per MB, so
the default (60 s plus 60 s per MB of input) only stops input built, or flattened, into something the
patterns handle slowly. ``PARTYEVENTS_DOC_SECONDS`` sets a fixed budget instead (``0``: none); worker
processes inherit it.

On a process's main thread (the local engine's workers, ``--workers 1``) the budget is a ``SIGALRM`` timer.
On other threads (a Dask worker runs its tasks on threads) one watchdog thread per process raises the same
exception in the document's thread when its time is up (``PyThreadState_SetAsyncExc``). Either way the
exception arrives between two Python steps: a single long call into C (one regex search) finishes first.
"""

from __future__ import annotations

import contextlib
import ctypes
import heapq
import itertools
import os
import signal
import sys
import threading
import time

__all__ = ["DocumentTimeout", "seconds_for", "time_budget"]

BASE_SECONDS = 60.0
SECONDS_PER_MB = 60.0
ENV = "PARTYEVENTS_DOC_SECONDS"


class DocumentTimeout(BaseException):  # not an Exception: the stages' own handlers must not catch it
    """The document used up its time budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"processing took longer than {seconds:g} s, the time budget for a document of this size")


def seconds_for(n_bytes: int) -> float | None:
    """The time budget of a document of ``n_bytes`` (None: no budget).

    >>> seconds_for(0), seconds_for(2_000_000)
    (60.0, 180.0)
    """
    fixed = os.environ.get(ENV)
    if fixed:
        with contextlib.suppress(ValueError):
            value = float(fixed)
            return value if value > 0 else None
    return BASE_SECONDS + SECONDS_PER_MB * n_bytes / 1_000_000


class time_budget:  # lower case: used as a context manager, like the function it was
    """Raise :class:`DocumentTimeout` in the block once ``seconds`` have passed (with ``None``, or where neither
    a timer nor the watchdog is available, the block runs to its end). On the main thread the alarm's handler
    and timer are as they were after the block.

    A class rather than a ``contextlib.contextmanager``: entered once per document, the generator machinery cost
    more than the timer.
    """

    __slots__ = ("previous", "seconds", "token")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and (_can_alarm() or _can_interrupt_threads()) else None
        self.previous: signal._HANDLER = None
        self.token: int | None = None

    def __enter__(self) -> None:
        if self.seconds is None:
            return
        if _can_alarm():
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self.token = _watchdog().watch(self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds is None:
            return
        if self.token is None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        elif _watchdog().done(self.token):  # its time ran out, whether or not the block saw it yet
            raise DocumentTimeout(self.seconds) from None

    def _expire(self, signum: int, frame: object) -> None:
        raise DocumentTimeout(self.seconds or 0.0)


def _can_alarm() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def _can_interrupt_threads() -> bool:
    return sys.implementation.name == "cpython"


class _ThreadTimeout(DocumentTimeout):
    """What the watchdog raises in a thread: built there, with no arguments (the block turns it into a
    :class:`DocumentTimeout` with the budget on its way out)."""

    def __init__(self) -> None:
        super().__init__(0.0)


def _raise_in(thread_id: int, exc: type[BaseException]) -> None:
    """Have ``exc`` raised in the thread at its next Python step."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc))


class _Watchdog:
    """One daemon thread for the whole process: it raises :class:`_ThreadTimeout` in a thread whose document
    is past its deadline. ``watch`` and ``done`` cost a lock and a heap step, not a thread per document."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.deadlines: list[tuple[float, int]] = []  # a heap of (deadline, token); finished ones dropped lazily
        self.threads: dict[int, int] = {}  # token -> thread id, while the document runs
        self.fired: set[int] = set()
        self.tokens = itertools.count()
        self.pid = os.getpid()
        threading.Thread(target=self._run, name="partyevents-time-budget", daemon=True).start()

    def watch(self, seconds: float) -> int:
        with self.cond:
            token = next(self.tokens)
            self.threads[token] = threading.get_ident()
            heapq.heappush(self.deadlines, (time.monotonic() + seconds, token))
            if self.deadlines[0][1] == token:
                self.cond.notify()
            return token

    def done(self, token: int) -> bool:
        """The document has left its block: whether its time ran out.

        A raise the watchdog asked for and the thread has not seen yet is taken here, so it cannot land after
        the block. (Not by clearing it with ``PyThreadState_SetAsyncExc(id, NULL)``: on CPython 3.11 that leaves
        the interpreter's "pending" flag set, and a profiled thread then spins forever.)
        """
        try:
            with self.cond:
                self.threads.pop(token, None)
                if len(self.deadlines) > 64 and len(self.deadlines) > 2 * len(self.threads):
                    self.deadlines = [d for d in self.deadlines if d[1] in self.threads]
                    heapq.heapify(self.deadlines)
                if token not in self.fired:
                    return False
                self.fired.discard(token)
            for _ in range(100):  # a loop checks for pending exceptions at every turn: the first one raises it
                pass
            return True
        except _ThreadTimeout:
            with self.cond:
                self.fired.discard(token)
            return True

    def _run(self) -> None:
        with self.cond:
            while True:
                while self.deadlines and self.deadlines[0][1] not in self.threads:
                    heapq.heappop(self.deadlines)
                if not self.deadlines:
                    self.cond.wait()
                    continue
                deadline, token = self.deadlines[0]
                left = deadline - time.monotonic()
                if left > 0:
                    self.cond.wait(left)
                    continue
                heapq.heappop(self.deadlines)
                self.fired.add(token)
                _raise_in(self.threads.pop(token), _ThreadTimeout)


_the_watchdog: _Watchdog | None = None
_watchdog_lock = threading.Lock()


def _watchdog() -> _Watchdog:
    """The process's watchdog, started on first use (and again in a forked child, where the thread is gone)."""
    global _the_watchdog
    with _watchdog_lock:
        if _the_watchdog is None or _the_watchdog.pid != os.getpid():
            _the_watchdog = _Watchdog()
        return _the_watchdog
