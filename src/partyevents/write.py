"""The write stage: Parquet tables with explicit schemas, written atomically.

:class:`TableWriter` streams rows into row groups of temporary files inside
the output folder and, on :meth:`TableWriter.commit`, publishes the four
tables as one new generation (:mod:`~partyevents.tableset`), so a reader sees
either the previous run's table set or the new one, never a half-written file
nor a mix of the two. A failure to write (disk full, a read-only folder)
leaves the previous tables as they were and raises
:class:`~partyevents.tableset.OutputError` with one sentence saying what to do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .tableset import OutputError, explain_os_error, publish, remove_path, tables_dir

__all__ = ["INPUT_KEY", "SCHEMAS", "TABLES", "VERSION_KEY", "RowBatch", "TableWriter", "existing_documents", "table_files",
           "table_inputs", "table_versions"]

_str = pa.string()
_i16 = pa.int16()
_i32 = pa.int32()
_i64 = pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", _str), ("source_path", _str), ("status", _str), ("error", _str), ("encoding", _str),
        ("script", _str), ("title", _str), ("published_date", pa.date32()), ("published_date_source", _str),
        ("text", pa.large_string()), ("n_events", _i32), ("url", _str), ("source_format", _str),
        ("source_record", _str), ("cluster_id", _str), ("duplicate_of", _str), ("schema_version", _str),
    ]),
    "events": pa.schema([
        ("event_id", _str), ("doc_id", _str), ("seq", _i32), ("section", _str), ("date_text", _str),
        ("year", _i16), ("month", _i16), ("day", _i16), ("date_start", pa.date32()), ("date_end", pa.date32()),
        ("month_end", _i16), ("day_end", _i16), ("date_since", pa.bool_()), ("year_source", _str), ("locality", _str), ("locality_level", _str), ("province", _str),
        ("prefecture", _str), ("county", _str), ("township", _str), ("community", _str), ("adcode", _str),
        ("province_code", _str), ("prefecture_code", _str), ("county_code", _str), ("county_code_current", _str),
        ("locality_source", _str), ("organization_source", _str), ("is_repost", pa.bool_()),
        ("organization", _str), ("organizations", pa.list_(_str)), ("activity_type", _str),
        ("activity_types", pa.list_(_str)), ("volunteers", _i64), ("party_members", _i64), ("households", _i64),
        ("people", _i64), ("person_times", _i64), ("sessions", _i64), ("text", pa.large_string()),
        ("char_start", _i32), ("char_end", _i32),
    ]),
    "figures": pa.schema([
        ("figure_id", _str), ("event_id", _str), ("doc_id", _str), ("value", pa.float64()), ("value_text", _str),
        ("unit", _str), ("noun", _str), ("category", _str), ("approximate", pa.bool_()), ("value_max", pa.float64()), ("kind", _str),
        ("char_start", _i32),
        ("char_end", _i32),
    ]),
    "problems": pa.schema([
        ("doc_id", _str), ("source_path", _str), ("stage", _str), ("severity", _str), ("message", _str),
        ("detail", _str),
    ]),
}
TABLES = tuple(SCHEMAS)
VERSION_KEY = b"partyevents.pipeline_version"  # Parquet key-value metadata of every table file
INPUT_KEY = b"partyevents.input_folder"  # … and the input folder its rows were read from (absolute)
NOT_NULL = {"documents": {"doc_id", "source_path", "status", "n_events", "schema_version"}}


_TMP_PREFIX = ".partyevents-"


@dataclass(frozen=True, slots=True)
class RowBatch:
    """Rows of a few documents, one Arrow record batch per table.

    Engines build it in the worker, next to the rows, so that the process that
    writes only receives columns: cheap to pass between processes and ready to write.

    >>> from partyevents.validate import Rows
    >>> b = RowBatch.of([Rows(problems=[{"doc_id": None, "source_path": "a.pdf", "stage": "ingest",
    ...                                  "severity": "error", "message": "binary", "detail": None}])])
    >>> b.tables["problems"].num_rows, b.tables["events"].num_rows, b.column("problems", "severity")
    (1, 0, ['error'])
    """

    tables: dict[str, pa.RecordBatch]

    @classmethod
    def of(cls, rows: list[Any]) -> RowBatch:
        """From per-document :class:`~partyevents.validate.Rows` (one list of dicts per table)."""
        return cls({t: pa.RecordBatch.from_pylist([row for r in rows for row in getattr(r, t)], schema=SCHEMAS[t])
                    for t in TABLES})

    def column(self, table: str, name: str) -> list[Any]:
        return self.tables[table].column(name).to_pylist()  # type: ignore[no-any-return]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _remove_stale_temp(out_dir: Path, max_age_s: float = 3600.0) -> None:
    """Remove temp folders (and half-made links) left by killed runs: their pid is gone, or they are old and carry
    none. A symbolic link by that name is not ours: it is left alone."""
    for path in out_dir.glob(".*.parquet.*.link"):
        pid = path.name.rsplit(".", 2)[1]
        if path.is_symlink() and pid.isdigit() and not _pid_alive(int(pid)):
            remove_path(path)
    for path in out_dir.glob(_TMP_PREFIX + "*"):
        if path.is_symlink() or not path.is_dir():
            continue
        pid_text = path.name[len(_TMP_PREFIX):].split("-", 1)[0]
        if pid_text.isdigit():
            stale = not _pid_alive(int(pid_text))
        else:
            try:
                stale = time.time() - path.stat().st_mtime > max_age_s
            except OSError:
                continue
        if stale:
            remove_path(path)


class TableWriter:
    """Append rows to the four tables; nothing is visible until :meth:`commit`.

    ``metadata`` goes into every file's Parquet key-value metadata. With
    ``append=True`` the new rows become one more part file of each table's
    dataset folder, after the previous table set's parts (hard-linked, not
    copied); otherwise the tables are replaced.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with TableWriter(out) as w:
    ...     w.add("problems", [{"doc_id": None, "source_path": "a.pdf", "stage": "ingest", "severity": "error",
    ...                         "message": "binary", "detail": None}])
    >>> sorted(p.name for p in out.iterdir())
    ['.partyevents', 'documents.parquet', 'events.parquet', 'figures.parquet', 'problems.parquet']
    >>> pq.read_table(out / "problems.parquet").num_rows
    1
    """

    def __init__(self, out_dir: Path, row_group_size: int = 2000, metadata: dict[bytes, bytes] | None = None,
                 append: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.metadata = metadata or {}
        self.append = append
        self.row_group_size = row_group_size
        self._done = False
        self._tmp: Path | None = None
        self._buffers: dict[str, list[pa.RecordBatch]] = {name: [] for name in TABLES}
        self._buffered: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._sealed: set[str] = set()  # tables passed through rewrite(): finished, no more rows
        self._replaced: dict[str, Path] = {}  # real path of an earlier generation's part -> its rewritten copy
        with self._writing():
            self.out_dir.mkdir(parents=True, exist_ok=True)
            _remove_stale_temp(self.out_dir)
            self._tmp = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", dir=self.out_dir))

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A failure to write drops what was written and becomes an :class:`OutputError` saying what to do."""
        try:
            yield
        except OSError as exc:
            self.abort()
            raise OutputError(explain_os_error(exc, self.out_dir)) from exc

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Append rows (dicts with the table's columns)."""
        self.add_batch(table, pa.RecordBatch.from_pylist(rows, schema=SCHEMAS[table]))

    def add_batch(self, table: str, batch: pa.RecordBatch) -> None:
        """Append a record batch of the table's schema (see :class:`RowBatch`)."""
        if not batch.num_rows:
            return
        self._buffers[table].append(batch)
        self._buffered[table] += batch.num_rows
        self.counts[table] += batch.num_rows
        if self._buffered[table] >= self.row_group_size:
            with self._writing():
                self._flush(table)

    def _flush(self, table: str) -> None:
        buf = self._buffers[table]
        if not buf and table in self._writers:
            return
        schema = SCHEMAS[table].with_metadata(self.metadata)
        writer = self._writers.get(table)
        if writer is None:
            assert self._tmp is not None
            writer = pq.ParquetWriter(self._tmp / f"{table}.parquet", schema, compression="zstd")
            self._writers[table] = writer
        writer.write_table(pa.Table.from_batches(buf, schema=SCHEMAS[table]).replace_schema_metadata(self.metadata))
        buf.clear()
        self._buffered[table] = 0

    def rewrite(self, table: str, fn: Callable[[pa.RecordBatch], pa.RecordBatch]) -> None:
        """Pass this run's rows of ``table`` through ``fn``, one record batch at a time, before the commit
        (e.g. to fill a column known only once every document is in). No rows may be added afterwards."""
        if table in self._sealed:
            raise RuntimeError(f"{table} was already rewritten")
        assert self._tmp is not None
        with self._writing():
            self._flush(table)
            self._writers.pop(table).close()
            self._sealed.add(table)
            path = self._tmp / f"{table}.parquet"
            self._copy(path, path.with_suffix(".rewrite"), fn)
            os.replace(path.with_suffix(".rewrite"), path)

    def replace_part(self, table: str, part: Path, fn: Callable[[pa.RecordBatch], pa.RecordBatch]) -> None:
        """In the new generation, the file ``part`` of the previous generation's ``table`` is replaced by its
        rows passed through ``fn`` (a record batch at a time; the copy is written now, in the temporary folder,
        and the previous generation is left as it is). Only with ``append=True``."""
        if not self.append:
            raise RuntimeError("replace_part needs append=True: a plain run does not keep earlier parts")
        assert self._tmp is not None
        with self._writing():
            replaced = self._tmp / ".replaced"
            replaced.mkdir(exist_ok=True)
            copy = replaced / f"{table}.part-{len(self._replaced):05d}.parquet"
            self._copy(part, copy, fn)
        self._replaced[os.path.realpath(part)] = copy

    def _copy(self, source: Path, target: Path, fn: Callable[[pa.RecordBatch], pa.RecordBatch]) -> None:
        table = target.name.split(".", 1)[0]
        schema = SCHEMAS[table].with_metadata(self.metadata)
        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for batch in pq.ParquetFile(source).iter_batches(batch_size=self.row_group_size):
                batch = fn(batch)
                writer.write_table(pa.Table.from_batches([batch], schema=SCHEMAS[table]).replace_schema_metadata(
                    self.metadata))

    def commit(self) -> None:
        """Finish every table and publish the four as the folder's new table set (one atomic switch).

        A table passed through :meth:`rewrite` is already finished. With ``append=True`` each table becomes a
        dataset folder: the previous generation's parts (hard links, or the copies made by :meth:`replace_part`
        in their place), then this run's rows.
        """
        with self._writing():
            for table in TABLES:
                if table not in self._sealed:
                    self._flush(table)
                    self._writers.pop(table).close()
            assert self._tmp is not None
            if self.append:
                base = tables_dir(self.out_dir)
                for table in TABLES:
                    self._stage_parts(table, table_files(base / f"{table}.parquet"))
            unused = [str(p) for p in self._replaced.values() if p.exists()]
            if unused:
                raise RuntimeError(f"replace_part() named files that are not parts of the current tables: {unused}")
            remove_path(self._tmp / ".replaced")
            publish(self.out_dir, self._tmp)
        self._tmp = None
        self._done = True

    def _stage_parts(self, table: str, previous: list[Path]) -> None:
        """Make the staged table a dataset folder: the previous table's parts (hard links, or their rewritten
        copies), then the new rows."""
        if not previous:
            return
        assert self._tmp is not None
        new, folder = self._tmp / f"{table}.new", self._tmp / f"{table}.parquet"
        os.replace(folder, new)
        folder.mkdir()
        for i, part in enumerate(previous):
            staged = folder / f"part-{i:05d}.parquet"
            copy = self._replaced.get(os.path.realpath(part))
            if copy is not None:
                os.replace(copy, staged)
            else:
                _link_or_copy(part, staged)
        os.replace(new, folder / f"part-{len(previous):05d}.parquet")

    def abort(self) -> None:
        """Drop everything written so far; the previous tables stay as they were."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self._cleanup()
        self._done = True

    def _cleanup(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self._done:
            return
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _link_or_copy(src: Path, dst: Path) -> None:
    """A hard link (no copy of the data) where the file system has them, else a copy."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copyfile(src, dst)


def table_files(path: Path) -> list[Path]:
    """The Parquet files of one table: the file itself, or a dataset folder's visible parts in order.

    >>> table_files(Path("/nonexistent.parquet"))
    []
    """
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.glob("*.parquet") if not p.name.startswith((".", "_")))
    return []


def table_versions(out_dir: Path) -> set[str | None]:
    """Pipeline versions recorded in the tables' files (``None`` for a file without one, or a missing table)."""
    versions: set[str | None] = set()
    folder = tables_dir(out_dir)
    for table in TABLES:
        files = table_files(folder / f"{table}.parquet")
        if not files:
            versions.add(None)
        for f in files:
            meta = pq.read_schema(f).metadata or {}
            version = meta.get(VERSION_KEY)
            versions.add(version.decode() if version is not None else None)
    return versions


def table_inputs(out_dir: Path) -> set[str]:
    """The input folders the documents table's files were read from (tables written before this was recorded
    name none)."""
    found: set[str] = set()
    for f in table_files(tables_dir(out_dir) / "documents.parquet"):
        folder = (pq.read_schema(f).metadata or {}).get(INPUT_KEY)
        if folder is not None:
            found.add(folder.decode("utf-8", "replace"))
    return found


def existing_documents(out_dir: Path) -> dict[str, str]:
    """doc_id -> source_path of the documents already in ``out_dir`` (empty when there is none)."""
    known: dict[str, str] = {}
    for f in table_files(tables_dir(out_dir) / "documents.parquet"):
        table = pq.read_table(f, columns=["doc_id", "source_path"])
        known.update(zip(table.column("doc_id").to_pylist(), table.column("source_path").to_pylist(), strict=True))
    return known
