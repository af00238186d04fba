"""The local engine: a pool of worker processes on this machine (``--workers N``).

Each worker loads the heavy resources once (:func:`~partyevents.engines.warm_up`
as the pool initializer); the parent reads files, keeps a bounded number of
chunks in flight and writes the tables. A worker that dies (killed, out of
memory, a crash in native code) breaks the pool: the pool is restarted and
the documents of the lost chunks are retried one by one.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from ..records import RawDocument
from ..write import RowBatch
from . import ordered_map, process_batch, warm_up

__all__ = ["LocalEngine"]


class LocalEngine:
    """``workers`` processes; at most ``window_per_worker`` chunks per worker in flight."""

    def __init__(self, workers: int, window_per_worker: int = 4) -> None:
        self.workers = workers
        self.window = workers * window_per_worker
        self._pool: ProcessPoolExecutor | None = None

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
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
