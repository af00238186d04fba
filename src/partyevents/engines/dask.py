"""The Dask engine: the same per-document function on a Dask cluster.

``--engine dask --scheduler tcp://host:8786`` connects to a running cluster
(every worker needs partyevents installed); ``--engine dask`` alone starts a
``LocalCluster`` with ``workers`` single-threaded worker processes. This
process reads the files, keeps a bounded number of chunks in flight and
writes the tables, exactly as the local engine does. Dask reschedules a task
whose worker died; a chunk that still fails is retried one document at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..records import RawDocument
from ..write import RowBatch
from . import EngineUnavailable, ordered_map, process_batch, warm_up

__all__ = ["DaskEngine"]


class DaskEngine:
    """A ``distributed.Client`` on ``scheduler`` (or on a new local cluster)."""

    def __init__(self, workers: int, scheduler: str | None = None, window_per_worker: int = 4) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(f"--engine dask needs Dask ({exc}); install it with "
                                    "`pip install 'partyevents[dask]'`") from exc
        self._cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=20)
            except (OSError, ValueError) as exc:
                raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                                        "`dask scheduler` or leave out --scheduler for a local cluster") from exc
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None)
            self.client = Client(self._cluster)
        self.client.run(warm_up)  # load the heavy resources once per worker, before any document
        threads = sum(self.client.nthreads().values()) or workers
        self.window = max(2, threads * window_per_worker)

    def _submit(self, chunk: list[RawDocument]) -> Any:
        return self.client.submit(process_batch, chunk, pure=False)

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]:
        result: Any = lambda fut: fut.result()  # noqa: E731
        return ordered_map(self._submit, result, chunks, self.window)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
