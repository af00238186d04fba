"""The local engine: a pool of worker processes on this machine (``--workers N``).

Each worker loads the heavy resources once (:func:`~partyevents.engines.warm_up`
in the pool initializer) after arranging to die with this process
(:func:`~partyevents.engines.lifetime.die_with_parent`); with the fork start
method the parent loads them first, so the workers inherit them and share
their pages copy-on-write (``gc.freeze`` keeps their collector from writing to
them) and the initializer is then quick. The parent reads files, keeps a
bounded number of chunks in flight and writes the tables. A worker that dies
(killed, out of memory, a crash in native code) breaks the pool: what is left
of it is killed, a new pool starts, and the lost chunks are sent again (see
:func:`~partyevents.engines.ordered_map`). A run that stops early (an error,
Ctrl-C) kills its workers instead of waiting for them.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..records import RawDocument
from ..write import RowBatch
from . import ordered_map, process_batch, warm_up
from .lifetime import die_with_parent, kill_processes

__all__ = ["LocalEngine"]


def _init_worker(parent_pid: int) -> None:
    die_with_parent(parent_pid)
    warm_up()


class LocalEngine:
    """``workers`` processes; at most ``window_per_worker`` chunks per worker in flight."""

    def __init__(self, workers: int, window_per_worker: int = 4, start_method: str | None = None) -> None:
        self.workers = workers
        fork = "fork" in mp.get_all_start_methods()
        self.start_method = start_method or ("fork" if fork else mp.get_start_method())
        self.window = workers * window_per_worker
        self._pool: ProcessPoolExecutor | None = None
        self._busy = False  # a map() has not run to its end: close() kills the workers rather than wait

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context(self.start_method)
            if self.start_method == "fork":  # load here, once: the forked workers inherit it (warm_up is then quick)
                warm_up()
                gc.freeze()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(os.getpid(),))
        return self._pool

    def _submit(self, chunk: list[RawDocument]) -> Future[RowBatch]:
        return self._start().submit(process_batch, chunk)

    def _recover(self) -> None:
        """After a failed chunk: replace the pool if it is broken (a chunk of an earlier pool may have failed)."""
        if self._pool is not None and getattr(self._pool, "_broken", True):
            self._discard(self._pool)
            self._pool = None

    @staticmethod
    def _discard(pool: ProcessPoolExecutor) -> None:
        # a worker that survived the pool's SIGTERM would block the pool's shutdown (and the exit) forever
        kill_processes(list((getattr(pool, "_processes", None) or {}).values()))
        pool.shutdown(wait=True, cancel_futures=True)

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]:
        self._busy = True
        yield from ordered_map(self._submit, lambda fut: fut.result(), chunks, self.window, self._recover)
        self._busy = False

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            if self._busy:
                self._discard(pool)
            else:
                pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
