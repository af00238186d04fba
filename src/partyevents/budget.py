"""A time budget per document: a page that would keep a worker busy for minutes is rejected with the reason.

The budget grows with the document's size (:func:`seconds_for`): normal pages take about a second per MB, so
the default (60 s plus 60 s per MB of input) only stops input built, or flattened, into something the
patterns handle slowly. ``PARTYEVENTS_DOC_SECONDS`` sets a fixed budget instead (``0``: none); worker
processes inherit it.

The budget is a ``SIGALRM`` timer, so it works where documents are processed on a process's main thread:
the local engine's workers and ``--workers 1``. A Dask worker runs documents on threads: there the budget is
not enforced (the document runs to its end).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

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
    """Raise :class:`DocumentTimeout` in the block once ``seconds`` have passed (on the main thread only;
    elsewhere, or with ``None``, the block runs to its end). The alarm's handler and timer are as they were after
    the block.

    A class rather than a ``contextlib.contextmanager``: entered once per document, the generator machinery cost
    more than the timer.
    """

    __slots__ = ("previous", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and _can_alarm() else None
        self.previous: signal._HANDLER = None

    def __enter__(self) -> None:
        if self.seconds is not None:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expire(self, signum: int, frame: object) -> None:
        raise DocumentTimeout(self.seconds or 0.0)


def _can_alarm() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
