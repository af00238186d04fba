"""The Dask engine: the same per-document function on a Dask cluster.

``--engine dask --scheduler tcp://host:8786`` connects to a running cluster
(every worker needs partyevents installed); ``--engine dask`` alone starts a
``LocalCluster`` with ``workers`` single-threaded worker processes. This
process reads the files, keeps a bounded number of chunks in flight and
writes the tables, exactly as the local engine does. Dask reschedules a task
whose worker died; a chunk that still fails is sent again, then one document
at a time.

The workers of a local cluster are this process's children: they ignore
Ctrl-C (this process stops them) and die with it, even after ``kill -9``.
A run that stops early cancels its tasks and closes the cluster quietly.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import warnings
from collections.abc import Iterator
from typing import Any

from ..records import RawDocument
from ..write import RowBatch
from . import EngineUnavailable, ordered_map, process_batch, warm_up
from .lifetime import die_with_parent

__all__ = ["DaskEngine"]


def _adopt_worker(parent_pid: int) -> None:
    """In a worker of our own local cluster (its parent is this run): die with the run, ignore Ctrl-C."""
    if os.getppid() == parent_pid:
        die_with_parent(parent_pid)


def _quiet() -> None:
    """Dask's log lines about cancelled tasks and closing workers are not the user's business."""
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _quiet_resource_tracker() -> None:
    """After a hard stop (a second Ctrl-C) multiprocessing's resource tracker would warn about the cluster's
    semaphores; it is started with our environment, so tell it now."""
    quiet = "ignore:resource_tracker:UserWarning"
    current = os.environ.get("PYTHONWARNINGS", "")
    if quiet not in current:
        os.environ["PYTHONWARNINGS"] = f"{current},{quiet}" if current else quiet


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Processes started inside inherit an ignored SIGINT (Ctrl-C reaches the whole process group)."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskEngine:
    """A ``distributed.Client`` on ``scheduler`` (or on a new local cluster)."""

    def __init__(self, workers: int, scheduler: str | None = None, window_per_worker: int = 4) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise EngineUnavailable(f"--engine dask needs Dask ({exc}); install it with "
                                    "`pip install 'partyevents[dask]'`") from exc
        self._cluster: Any = None
        self._futures: list[Any] = []
        self._busy = False
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=20)
            except (OSError, ValueError) as exc:
                raise EngineUnavailable(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                                        "`dask scheduler` or leave out --scheduler for a local cluster") from exc
        else:
            _quiet_resource_tracker()
            with _ctrl_c_ignored(), warnings.catch_warnings():
                # another local cluster on this machine holds the dashboard's port: Dask takes another, say nothing
                warnings.filterwarnings("ignore", message=r"Port \d+ is already in use")
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None)
            self.client = Client(self._cluster)
            self.client.run(_adopt_worker, os.getpid())
        self.client.run(warm_up)  # load the heavy resources once per worker, before any document
        threads = sum(self.client.nthreads().values()) or workers
        self.window = max(2, threads * window_per_worker)

    def _submit(self, chunk: list[RawDocument]) -> Any:
        future = self.client.submit(process_batch, chunk, pure=False)
        self._futures = [f for f in self._futures if not f.done()] + [future]
        return future

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]:
        result: Any = lambda fut: fut.result()  # noqa: E731
        self._busy = True
        yield from ordered_map(self._submit, result, chunks, self.window)
        self._busy = False

    def close(self) -> None:
        if self._busy:  # stopped early: drop our tasks; the cluster's goodbyes are not the user's business
            _quiet()
            with contextlib.suppress(Exception):
                if self._cluster is not None:  # our own workers; a shared cluster's logging is not ours to change
                    self.client.run(_quiet)
                self.client.cancel(self._futures)
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
