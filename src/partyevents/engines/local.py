"""The local engine: a pool of worker processes on this machine (``--workers N``).

Each worker loads the heavy resources once (:func:`~partyevents.engines.warm_up`
as the pool initializer); with the fork start method the parent loads them first,
so the workers inherit them and share their pages copy-on-write (``gc.freeze``
keeps their collector from writing to them). The parent reads files, keeps a bounded number of
chunks in flight and writes the tables. A worker that dies (killed, out of
memory, a crash in native code) breaks the pool: the pool is restarted and
the documents of the lost chunks are retried one by one.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..records import RawDocument
from ..write import RowBatch
from . import ordered_map, process_batch, warm_up

__all__ = ["LocalEngine"]


class LocalEngine:
    """``workers`` processes; at most ``window_per_worker`` chunks per worker in flight."""

    def __init__(self, workers: int, window_per_worker: int = 4, start_method: str | None = None) -> None:
        self.workers = workers
        fork = "fork" in mp.get_all_start_methods()
        self.start_method = start_method or ("fork" if fork else mp.get_start_method())
        self.window = workers * window_per_worker
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context(self.start_method)
            if self.start_method == "fork":  # load here, once: the forked workers inherit it (warm_up is then quick)
                warm_up()
                gc.freeze()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=warm_up)
        return self._pool

    def _submit(self, chunk: list[RawDocument]) -> Future[RowBatch]:
        return self._start().submit(process_batch, chunk)

    def _recover(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]:
        return ordered_map(self._submit, lambda fut: fut.result(), chunks, self.window, self._recover)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        gc.unfreeze()
