"""The library's entry points: :func:`extract_text`, :func:`extract`, :func:`load`."""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import pipeline
from . import regex_cache as rx
from .engines import make_engine
from .ingest import DEFAULT_MAX_BYTES, InputOptions, iter_inputs
from .inventory import GONE_MESSAGE, PRUNED_MESSAGE, Inventory
from .pipeline import analyze_text
from .records import Problem, RawDocument
from .runlock import run_lock
from .sources import Columns
from .tableset import OutputError, TablesDamaged, check_tables, tables_dir
from .validate import Rows, json_detail, validate_result

if TYPE_CHECKING:  # Arrow, pandas and the writer are imported where used: extract_text needs none of them
    import pandas as pd

    from .reposts import Reposts
    from .write import RowBatch, TableWriter

__all__ = ["ExtractConfig", "RunSummary", "Tables", "extract", "extract_frame", "extract_text", "load"]


def extract_text(text: str, published: dt.date | str | None = None, source: str | None = None) -> Rows:
    """Validated rows for one document's text.

    ``published`` (a date or ISO string) anchors relative dates and years;
    ``source`` is a path or URL whose file/folder name may also carry a date.

    >>> rows = extract_text("12月4日\\n樊城区召开疫情防控推进会。\\n12月6日\\n王寨街道开展志愿服务,400余户受益。",
    ...                     published="2022-12-09")
    >>> [(e["date_start"].isoformat(), e["activity_type"]) for e in rows.events]
    [('2022-12-04', 'meeting'), ('2022-12-06', 'volunteer_service')]
    >>> [(f["value"], f["category"]) for f in rows.figures]
    [(400.0, 'households')]
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return validate_result(analyze_text(text, published=published, source=source))


@dataclass(slots=True)
class ExtractConfig:
    """Options of a whole run (the CLI flags of ``partyevents extract``)."""

    manifest: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    progress: bool = True
    workers: int | None = None  # worker processes; None: all cores (1: everything in this process)
    engine: str = "local"  # "local" (a process pool) or "dask"
    scheduler: str | None = None  # Dask scheduler address; None with engine "dask": a local cluster
    incremental: bool = False  # skip inputs whose doc_id is already in OUT_DIR and append the rest
    prune: bool = False  # with incremental: drop the rows of earlier documents whose input is gone
    chunk_size: int = 32  # at most this many documents per task sent to a worker (fewer tasks, less overhead)
    chunk_bytes: int = 1 << 20  # a task also closes once its documents reach this many bytes (bounded memory)
    columns: Columns = field(default_factory=Columns)  # fields of record files (JSONL/CSV/Parquet) holding text, url, date, title, id


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the one-line summary and the exit status."""

    documents: dict[str, int] = field(default_factory=lambda: {"ok": 0, "empty": 0, "rejected": 0})
    events: int = 0
    figures: int = 0
    problems: int = 0
    errors: int = 0
    seconds: float = 0.0
    skipped: int = 0  # already in OUT_DIR (incremental runs)
    duplicates: int = 0  # files whose bytes equal an earlier file's: reported once, under the first path
    invalidated: bool = False  # an incremental run found tables of another pipeline version and redid everything
    rejected_reasons: Counter[str] = field(default_factory=Counter)  # why documents were rejected (digits as N)
    notes: list[str] = field(default_factory=list)  # problems of the input folder, for the screen
    replaced: int = 0  # earlier runs' documents replaced by a later version of the same page (incremental runs)
    gone: int = 0  # earlier runs' documents whose input is no longer in IN_DIR (kept, or dropped with prune)
    pruned: bool = False

    def line(self) -> str:
        d = self.documents
        extra = "".join([f", {self.skipped} skipped (already extracted)" if self.skipped else "",
                         f", {self.duplicates} duplicate files" if self.duplicates else "",
                         ", previous tables were of another pipeline version" if self.invalidated else "",
                         f", {self.replaced} replaced by a later version" if self.replaced else "",
                         f", {self.gone} earlier documents no longer in the input folder"
                         + (" (dropped)" if self.pruned else " (kept)") if self.gone else ""])
        top = "; ".join(f"{n} × {why}" for why, n in self.rejected_reasons.most_common(3))
        return (f"{sum(d.values())} documents ({d['ok']} ok, {d['empty']} empty, {d['rejected']} rejected), "
                f"{self.events} events, {self.figures} figures, {self.problems} problems, {self.seconds:.1f} s"
                + extra + (f"\nrejected: {top}" if top else ""))


def _problem_row(p: Problem, source: str) -> dict[str, object]:
    return {"doc_id": None, "source_path": source, "stage": p.stage, "severity": p.severity,
            "message": p.message, "detail": json_detail(p.detail)}


def extract(in_dir: Path | str, out_dir: Path | str, config: ExtractConfig | None = None,
            on_document: Callable[[str], None] | None = None) -> RunSummary:
    """Run the pipeline over every file below ``in_dir`` and write the tables to ``out_dir``.

    Files are read lazily and processed by the configured engine with a
    bounded number in flight; rows are written as they come back, in input
    order, so memory stays flat however large the folder is. The four tables
    are replaced together, only once the new ones are complete.

    Raises :class:`~partyevents.tableset.OutputError` (its message says what
    to do) when ``out_dir`` cannot take the tables: another run is writing
    there, it is ``in_dir`` itself, it cannot be written (permissions, a
    read-only or full disk), or ``incremental`` finds its tables damaged. An
    ``out_dir`` inside ``in_dir`` is left out of the input.
    """
    config = config or ExtractConfig()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if not in_dir.is_dir():
        raise FileNotFoundError(f"input folder {in_dir} does not exist or is not a folder")
    inside = _output_inside_input(in_dir, out_dir)
    with run_lock(out_dir):
        return _extract(in_dir, out_dir, config, on_document, inside)


def _output_inside_input(in_dir: Path, out_dir: Path) -> str | None:
    """OUT_DIR's ``/``-path below IN_DIR when it lies inside it (its files are then not input), else None.

    >>> _output_inside_input(Path("/data/raw"), Path("/data/raw/out")), _output_inside_input(Path("/a"), Path("/b"))
    ('out', None)
    """
    try:
        rel = out_dir.resolve().relative_to(in_dir.resolve()).as_posix()
    except ValueError:
        return None
    if rel == ".":
        raise OutputError(f"OUT_DIR {out_dir} is the input folder itself, so its tables would be read as input; "
                          f"write them to another folder, e.g. {in_dir.resolve().parent / (in_dir.resolve().name + '-out')}")
    return rel


def _folder_name(folder: Path) -> str:
    """The absolute name of an input folder, as recorded in the tables (symbolic links resolved)."""
    return str(folder.resolve())


class OtherInputFolder(OutputError):
    """``--incremental`` was pointed at another input folder than the one ``OUT_DIR`` was built from."""


def _same_input(in_dir: Path, out_dir: Path) -> None:
    """Raise :class:`OtherInputFolder` when ``out_dir``'s tables were read from another input folder.

    Paths in the tables are relative to the input folder, so another folder's ``a.txt`` would read as a new
    version of this one's, replacing its rows, and every file of the first folder would read as deleted.
    """
    from .write import table_inputs

    earlier = table_inputs(out_dir)
    if earlier and _folder_name(in_dir) not in earlier:
        raise OtherInputFolder(
            f"{out_dir} was extracted from {sorted(earlier)[0]}, not from {_folder_name(in_dir)}; --incremental adds "
            f"the new files of the same input folder. To put several folders into one set of tables, place them "
            f"under one folder and extract that; to extract this folder on its own, give another OUT_DIR; if you "
            f"moved the input folder, run once without --incremental")


def _outside(items: Iterator[RawDocument | Problem], inside: str | None) -> Iterator[RawDocument | Problem]:
    """The inputs that are not in the output folder ``inside`` (a ``/``-path below IN_DIR)."""
    if inside is None:
        yield from items
        return
    for item in items:
        if not (isinstance(item, RawDocument) and (item.source_path == inside
                                                    or item.source_path.startswith(inside + "/"))):
            yield item


def _extract(in_dir: Path, out_dir: Path, config: ExtractConfig, on_document: Callable[[str], None] | None,
             inside: str | None) -> RunSummary:
    """:func:`extract`, once the output folder's run lock is held."""
    from . import PIPELINE_VERSION
    from .reposts import Reposts
    from .write import INPUT_KEY, TABLES, VERSION_KEY, TableWriter, existing_documents, table_files, table_versions

    summary = RunSummary()
    start = time.perf_counter()
    known: dict[str, str] = {}
    old_problems: set[tuple[str | None, str]] = set()
    append = False
    if config.incremental:
        check_tables(tables_dir(out_dir), f"--incremental cannot add to it; run once without --incremental to "
                                          f"write all the tables of {out_dir} again")
    if config.incremental and any(table_files(tables_dir(out_dir) / f"{t}.parquet") for t in TABLES):
        if table_versions(out_dir) == {PIPELINE_VERSION}:
            _same_input(in_dir, out_dir)
            known, old_problems, append = existing_documents(out_dir), _previous_problems(out_dir), True
        else:
            summary.invalidated = True
    options = InputOptions(max_bytes=config.max_bytes, manifest=config.manifest, columns=config.columns,
                           exclude=(out_dir,))
    first_path: dict[str, str] = {}
    duplicates: dict[str, list[str]] = {}
    engine = make_engine(config.engine, config.workers, config.scheduler)
    metadata = {VERSION_KEY: PIPELINE_VERSION.encode(), INPUT_KEY: _folder_name(in_dir).encode("utf-8", "replace")}
    reposts = Reposts(out_dir, append)
    try:
        with TableWriter(out_dir, metadata=metadata, append=append) as writer:
            manifest_name = (config.manifest or in_dir / "manifest.csv").name
            items = _outside(iter_inputs(in_dir, options), inside)
            inventory = Inventory(known) if append else None
            docs = _new_documents(items, writer, summary, known, old_problems, first_path, duplicates,
                                  manifest_name, inventory)
            for batch in engine.map(_chunks(docs, config.chunk_size, config.chunk_bytes)):
                _add_batch(writer, batch, summary)
                _add_reposts(writer, reposts, batch, summary)
                if on_document is not None:
                    for source in batch.column("documents", "source_path"):
                        on_document(source)
            for doc_id, paths in duplicates.items():
                writer.add("problems", [_duplicate_row(doc_id, first_path.get(doc_id) or known[doc_id], paths)])
                summary.problems += 1
            back: set[str] = set()
            if inventory is not None:
                _gone(writer, reposts, inventory.gone(reposts.replaced), old_problems, summary, config.prune)
                if back := reposts.came_back(inventory.seen):
                    summary.notes.append(f"{len(back)} documents reported gone by an earlier run are back in the "
                                         "input folder; their warning rows were taken out")
            if append and not any(writer.counts.values()) and not back:
                writer.abort()  # nothing new: leave the tables exactly as they are
            else:
                reposts.finish(writer)  # cluster columns of every document, earlier runs' included
    finally:
        engine.close()
    summary.seconds = time.perf_counter() - start
    return summary


def _new_documents(items: Iterator[RawDocument | Problem], writer: TableWriter, summary: RunSummary,
                   known: dict[str, str], old_problems: set[tuple[str | None, str]], first_path: dict[str, str],
                   duplicates: dict[str, list[str]], manifest_name: str,
                   inventory: Inventory | None = None) -> Iterator[RawDocument]:
    """The documents still to process: folder problems are written, repeats and known documents dropped.

    ``known`` maps the doc_id of each document already in OUT_DIR to its path; a new copy of one of them is
    reported as a duplicate unless ``old_problems`` holds ``(doc_id, path)`` for it (reported earlier).
    ``inventory`` is told every input seen (and every path that could not be read whole).
    """
    for item in items:
        if isinstance(item, Problem):
            source = item.source or manifest_name
            summary.notes.append(item.message)
            if (source, item.message) not in old_problems:
                writer.add("problems", [_problem_row(item, source)])
                summary.problems += 1
            summary.errors += item.severity == "error"  # inputs not read, or not under their own name
            if inventory is not None and item.severity == "error" and item.source:
                inventory.unsure(item.source)
            continue
        doc_id = pipeline.doc_id_of(item)  # the SHA-256 of the bytes as they were read
        if inventory is not None:
            inventory.saw(doc_id, item.source_path)
            if item.data is None:
                inventory.unsure(item.source_path)
        if doc_id in known:
            summary.skipped += 1
            if item.source_path != known[doc_id] and (doc_id, item.source_path) not in old_problems:
                duplicates.setdefault(doc_id, []).append(item.source_path)
                summary.duplicates += 1
        elif doc_id in first_path:
            duplicates.setdefault(doc_id, []).append(item.source_path)
            summary.duplicates += 1
        else:
            first_path[doc_id] = item.source_path
            yield item


def _gone(writer: TableWriter, reposts: Reposts, gone: dict[str, str], old_problems: set[tuple[str | None, str]],
          summary: RunSummary, prune: bool) -> None:
    """Earlier documents whose input is gone: a warning row each (once), or with ``prune`` their rows dropped."""
    if not gone:
        return
    summary.gone, summary.pruned = len(gone), prune
    if prune:
        reposts.drop(gone)
        rows = [{"doc_id": None, "source_path": path, "stage": "ingest", "severity": "warning",
                 "message": PRUNED_MESSAGE, "detail": json.dumps({"doc_id": doc_id})} for doc_id, path in gone.items()]
        summary.notes.append(f"{len(gone)} documents of earlier runs are no longer in the input folder; "
                             "--prune dropped their rows")
    else:
        rows = [{"doc_id": doc_id, "source_path": path, "stage": "ingest", "severity": "warning",
                 "message": GONE_MESSAGE, "detail": None}
                for doc_id, path in gone.items() if (path, GONE_MESSAGE) not in old_problems]
        summary.notes.append(f"{len(gone)} documents of earlier runs are no longer in the input folder; their rows "
                             "are kept (--prune drops them)")
    for i in range(0, len(rows), 2000):
        writer.add("problems", rows[i:i + 2000])
    summary.problems += len(rows)


def _chunks(docs: Iterator[RawDocument], size: int, max_bytes: int | None = None) -> Iterator[list[RawDocument]]:
    """Lists of at most ``size`` documents, closed early once they hold ``max_bytes`` of input.

    >>> docs = [RawDocument(str(i), b"x" * 10) for i in range(5)]
    >>> [len(c) for c in _chunks(iter(docs), 2)], [len(c) for c in _chunks(iter(docs), 4, max_bytes=25)]
    ([2, 2, 1], [3, 2])
    """
    chunk: list[RawDocument] = []
    held = 0
    for doc in docs:
        chunk.append(doc)
        held += len(doc.data or b"")
        if len(chunk) >= size or (max_bytes is not None and held >= max_bytes):
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


_DUPLICATE_MESSAGE = "identical bytes also stored under other paths; reported once"


def _duplicate_row(doc_id: str, first: str, others: list[str]) -> dict[str, object]:
    """One warning per group of identical files, once the whole folder is read: the first path and the others."""
    return {"doc_id": doc_id, "source_path": first, "stage": "ingest", "severity": "warning",
            "message": _DUPLICATE_MESSAGE, "detail": json.dumps(others, ensure_ascii=False)}


def _previous_problems(out_dir: Path) -> set[tuple[str | None, str]]:
    """What ``out_dir`` already reports: (source_path, message) of folder-level problems (no doc_id) and
    (doc_id, path) of every copy named in a duplicate warning."""
    import pyarrow.parquet as pq

    from .write import table_files

    seen: set[tuple[str | None, str]] = set()
    for f in table_files(tables_dir(out_dir) / "problems.parquet"):
        for row in pq.read_table(f, columns=["doc_id", "source_path", "message", "detail"]).to_pylist():
            if row["doc_id"] is None or row["message"] == GONE_MESSAGE:
                seen.add((row["source_path"], row["message"]))
            elif row["message"] == _DUPLICATE_MESSAGE:
                with contextlib.suppress(ValueError, SyntaxError):  # JSON; a Python list in older tables
                    detail = row["detail"] or "[]"
                    paths = json.loads(detail) if detail.startswith('["') else ast.literal_eval(detail)
                    seen.update((row["doc_id"], path) for path in paths)
    return seen


def _add_batch(writer: TableWriter, batch: RowBatch, summary: RunSummary) -> None:
    for table in batch.tables:
        writer.add_batch(table, batch.tables[table])
    for status, error in zip(batch.column("documents", "status"), batch.column("documents", "error"), strict=True):
        summary.documents[status] += 1
        if status == "rejected" and error:
            summary.rejected_reasons[_reason_kind(error)] += 1
    summary.events += batch.tables["events"].num_rows
    summary.figures += batch.tables["figures"].num_rows
    summary.problems += batch.tables["problems"].num_rows
    summary.errors += batch.column("problems", "severity").count("error")


_DIGITS = rx.compile(r"\d[\d,]*")


def _reason_kind(error: str) -> str:
    """A rejection reason with its numbers and quoted bits made general, to count alike reasons together.

    >>> _reason_kind("line 12 is not JSON (Expecting value at column 1): '{x'")
    'line N is not JSON (Expecting value at column N)'
    """
    return _DIGITS.sub("N", error.split(": '")[0].split(': "')[0])[:120]


def _add_reposts(writer: TableWriter, reposts: Reposts, batch: RowBatch, summary: RunSummary) -> None:
    """Index the batch's documents for near-duplicates; write the replacements of earlier versions it makes."""
    replaced = reposts.add(batch.tables["documents"])
    if replaced:
        writer.add("problems", replaced)
        summary.problems += len(replaced)
        summary.replaced += len(replaced)


@dataclass(slots=True)
class Tables:
    """The four output tables as pandas DataFrames."""

    documents: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    problems: pd.DataFrame


def load(out_dir: Path | str) -> Tables:
    """Read the tables written by :func:`extract` (a file or a dataset folder per table).

    Dates come back as ``datetime.date``, list columns as Python lists, integer
    columns as nullable integers. The four tables come from one complete run
    (the folder's current generation), even while another run is replacing
    them. A missing table raises ``FileNotFoundError``, a damaged one
    :class:`~partyevents.tableset.TablesDamaged`; both say how to recover.
    """
    out_dir = Path(out_dir)
    folder = tables_dir(out_dir)
    try:
        return _load(out_dir, folder)
    except (FileNotFoundError, TablesDamaged):
        if tables_dir(out_dir) == folder:
            raise
        return _load(out_dir, tables_dir(out_dir))  # a run replaced the tables while they were read


def _load(out_dir: Path, folder: Path) -> Tables:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .write import SCHEMAS, TABLES

    pandas_types = {pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
                    pa.bool_(): pd.BooleanDtype()}
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{out_dir / path.name} is missing; run `partyevents extract IN_DIR {out_dir}` "
                                    "first")
        try:
            table = pq.read_table(path, schema=SCHEMAS[name]) if path.is_dir() else pq.read_table(path)
        except (pa.ArrowException, OSError) as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            check_tables(folder, _REWRITE.format(out_dir=out_dir))  # names the damaged file
            raise TablesDamaged(out_dir / path.name, str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                                _REWRITE.format(out_dir=out_dir)) from exc
        df = table.to_pandas(types_mapper=pandas_types.get, date_as_object=True)
        for col, typ in zip(table.schema.names, table.schema.types, strict=True):
            if pa.types.is_list(typ):
                df[col] = df[col].map(lambda v: [] if v is None else list(v))
        frames[name] = df
    return Tables(**frames)


_REWRITE = "run `partyevents extract IN_DIR {out_dir}` (without --incremental) to write the tables again"


def extract_frame(df: pd.DataFrame, text: str | None = "text", url: str | None = "url",
                  published: str | None = "published", title: str | None = "title", id: str | None = "id",
                  html: str | None = None, config: ExtractConfig | None = None) -> Tables:
    """Run the pipeline over the rows of a DataFrame (one document per row) and return the four tables.

    ``text`` names the column of plain text, or ``html`` the column of page HTML (main text, title and date are
    then read from the page); ``url``, ``published`` (a date or a date string), ``title`` and ``id`` the columns
    of what is known about each page; a column that is not in ``df`` is ignored. The tables are those
    :func:`extract` writes and :func:`load` reads; ``source_path`` is ``frame#<index>``. Runs in this process
    unless ``config.workers`` says otherwise.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"text": ["12月4日\\n樊城区召开疫情防控推进会,30余人参加。"], "published": ["2022-12-09"]})
    >>> t = extract_frame(df)
    >>> t.documents.loc[0, ["source_path", "published_date_source"]].tolist(), t.events.loc[0, "date_start"]
    (['frame#0', 'record'], datetime.date(2022, 12, 4))
    """
    from .sources import Context
    from .sources.tables import frame_documents

    config = config or ExtractConfig(workers=1)
    present = set(map(str, df.columns))
    if html is None and text not in present:
        raise KeyError(f"no column {text!r} in the DataFrame (columns: {', '.join(sorted(present)[:12])}); "
                       "name the text column with text=... or the HTML column with html=...")
    if html is not None and html not in present:
        raise KeyError(f"no column {html!r} in the DataFrame")
    cols = Columns(text=None if html else text, html=html, url=url if url in present else None,
                   date=published if published in present else None, title=title if title in present else None,
                   id=id if id in present else None)
    ctx = Context(config.max_bytes, cols)
    with tempfile.TemporaryDirectory(prefix="partyevents-frame-") as tmp:
        out = Path(tmp)
        summary = RunSummary()
        first_path: dict[str, str] = {}
        duplicates: dict[str, list[str]] = {}
        engine = make_engine(config.engine, config.workers, config.scheduler)
        from .write import TableWriter

        try:
            with TableWriter(out) as writer:
                docs = _new_documents(frame_documents(df, cols, ctx), writer, summary, {}, set(), first_path,
                                      duplicates, "frame")
                for batch in engine.map(_chunks(docs, config.chunk_size, config.chunk_bytes)):
                    _add_batch(writer, batch, summary)
                for doc_id, paths in duplicates.items():
                    writer.add("problems", [_duplicate_row(doc_id, first_path[doc_id], paths)])
        finally:
            engine.close()
        return load(out)
