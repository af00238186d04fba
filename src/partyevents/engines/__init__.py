"""Engines: run the per-document function over many documents, in order, with bounded memory.

Every engine maps :func:`process_batch` over chunks of raw documents and
yields the validated rows (a :class:`~partyevents.write.RowBatch` per chunk, built
in the worker) in input order, so all engines write the same
tables row for row. At most ``window`` chunks are in flight at once: the
input folder is read lazily, and memory does not grow with the corpus.

A chunk whose worker died (or whose task failed on a cluster) is sent again,
then one document at a time; a document that fails on its own becomes a
``rejected`` document with the reason, and the run goes on. Workers never
outlive the run (:mod:`~partyevents.engines.lifetime`).

>>> from partyevents.records import RawDocument
>>> batches = list(SerialEngine().map(iter([[RawDocument("a.txt", "12月4日\\n某社区开展志愿服务。".encode())]])))
>>> batches[0].column("documents", "status")
['ok']
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from .. import pipeline, regex_cache
from ..budget import ENV, DocumentTimeout, seconds_for, time_budget
from ..records import DocumentResult, Problem, RawDocument
from ..validate import Rows, validate_result

if TYPE_CHECKING:  # Arrow is imported by the engines that run, not by extract_text
    from ..write import RowBatch

__all__ = ["ENGINES", "Engine", "EngineUnavailable", "SerialEngine", "default_workers", "make_engine", "process_batch", "process_chunk", "process_one",
           "warm_up"]

ENGINES = ("local", "dask")


class EngineUnavailable(RuntimeError):
    """The engine cannot start here (a missing package, an unreachable scheduler); the message says what to do."""


_warm = False  # this process has loaded the resources


def process_one(raw: RawDocument) -> Rows:
    """The per-document function: one raw document -> its validated rows (never raises).

    A document that uses up its time budget (:mod:`~partyevents.budget`) is ``rejected`` with the reason.
    """
    global _warm
    if not _warm:  # loading the resources is not the document's time
        _warm = True
        warm_up()
    try:
        with time_budget(seconds_for(len(raw.data or b""))):
            return validate_result(pipeline.process_document(raw))
    except DocumentTimeout as exc:
        return timed_out_rows(raw, exc)


def timed_out_rows(raw: RawDocument, exc: DocumentTimeout) -> Rows:
    """Rows of a document that used up its time budget: ``rejected``, with the reason and what to do.

    >>> timed_out_rows(RawDocument("a.txt", b"x"), DocumentTimeout(60)).documents[0]["error"][:40]
    'processing took longer than 60 s, the ti'
    """
    message = (f"{exc}; not extracted (often a table flattened into one very long line; split such pages, or "
               f"raise the budget with {ENV}=SECONDS)")
    result = DocumentResult(doc_id=pipeline.doc_id_of(raw), source_path=raw.source_path, status="rejected",
                            error=message, source_format=raw.source_format, source_record=raw.source_record,
                            url=raw.url)
    return validate_result(result)  # its problems row: "document rejected: <message>"


def process_chunk(raws: list[RawDocument]) -> list[Rows]:
    """:func:`process_one` over a few documents (one task of an engine)."""
    return [process_one(raw) for raw in raws]


def process_batch(raws: list[RawDocument]) -> RowBatch:
    """:func:`process_chunk`, its rows packed as Arrow record batches (what engines send back)."""
    from ..write import RowBatch

    return RowBatch.of(process_chunk(raws))


def warm_up() -> None:
    """Load the heavy resources (gazetteers, keyword tables, models) once per worker process.

    Arrow is loaded too, by packing the rows as an engine does: its first conversion of Python rows imports
    pandas (a quarter of a second and 50 MiB), which the local engine's forked workers then share with the
    parent instead of each importing its own. Patterns compiled here are written to the disk cache at once
    (:mod:`~partyevents.regex_cache`): a worker process does not run exit handlers.
    """
    from ..write import RowBatch

    RowBatch.of([validate_result(pipeline.analyze_text("2022年12月4日\n某街道党工委组织党员志愿者开展志愿服务,上门宣传400余户。"))])
    regex_cache.save()


def crashed_rows(raw: RawDocument, reason: str) -> Rows:
    """Rows of a document whose worker died: ``rejected`` with the reason, nothing else lost.

    >>> rows = crashed_rows(RawDocument("a.txt", b"x"), "worker died")
    >>> rows.documents[0]["status"], rows.problems[0]["severity"]
    ('rejected', 'error')
    """
    doc_id = pipeline.doc_id_of(raw)
    message = f"internal error: {reason} while processing this document (please report this with the file)"
    result = DocumentResult(doc_id=doc_id, source_path=raw.source_path, status="rejected", error=message)
    result.problems.append(Problem("extract", "error", message, None))
    return validate_result(result)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine(Protocol):
    """Maps :func:`process_batch` over chunks, yielding each chunk's rows in input order."""

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]: ...

    def close(self) -> None: ...


class SerialEngine:
    """In this process, one document after the other (``--workers 1``)."""

    def map(self, chunks: Iterator[list[RawDocument]]) -> Iterator[RowBatch]:
        for chunk in chunks:
            yield process_batch(chunk)

    def close(self) -> None:
        pass


def ordered_map(submit: Callable[[list[RawDocument]], Any], result: Callable[[Any], RowBatch],
                chunks: Iterable[list[RawDocument]], window: int,
                recover: Callable[[], None] = lambda: None) -> Iterator[RowBatch]:
    """Submit chunks with at most ``window`` in flight; yield results in order.

    A failing chunk is sent again whole, then document by document (after
    ``recover()`` has restarted whatever died); a document that fails alone
    is rejected.
    """
    pending: deque[tuple[list[RawDocument], Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        while len(pending) >= window:
            yield _collect(*pending.popleft(), submit, result, recover)
    while pending:
        yield _collect(*pending.popleft(), submit, result, recover)


def _collect(chunk: list[RawDocument], future: Any, submit: Callable[[list[RawDocument]], Any],
             result: Callable[[Any], RowBatch], recover: Callable[[], None]) -> RowBatch:
    try:
        return result(future)
    except Exception:
        recover()
    if len(chunk) > 1:  # a dying worker fails every chunk in flight: most were not the cause, send them again whole
        try:
            return result(submit(chunk))
        except Exception:
            recover()
    parts: list[Rows] = []
    for raw in chunk:
        try:
            parts.append(Rows(**{t: b.to_pylist() for t, b in result(submit([raw])).tables.items()}))
        except Exception as exc:
            recover()
            parts.append(crashed_rows(raw, f"the worker failed ({type(exc).__name__}: {exc})"))
    from ..write import RowBatch

    return RowBatch.of(parts)


def make_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` with ``workers`` processes (default: all cores)."""
    workers = workers or default_workers()
    if name == "local":
        if workers == 1:
            return SerialEngine()
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "dask":
        from .dask import DaskEngine

        return DaskEngine(workers, scheduler)
    raise ValueError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
