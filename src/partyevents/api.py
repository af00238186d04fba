"""The library's entry points: :func:`extract_text`, :func:`extract`, :func:`load`."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .ingest import DEFAULT_MAX_BYTES, InputOptions, iter_inputs
from .pipeline import analyze_text, process_document
from .records import Problem
from .validate import Rows, validate_result
from .write import SCHEMAS, TABLES, TableWriter

__all__ = ["ExtractConfig", "RunSummary", "Tables", "extract", "extract_text", "load"]


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


@dataclass(slots=True)
class RunSummary:
    """What a run did, for the one-line summary and the exit status."""

    documents: dict[str, int] = field(default_factory=lambda: {"ok": 0, "empty": 0, "rejected": 0})
    events: int = 0
    figures: int = 0
    problems: int = 0
    errors: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        d = self.documents
        return (f"{sum(d.values())} documents ({d['ok']} ok, {d['empty']} empty, {d['rejected']} rejected), "
                f"{self.events} events, {self.figures} figures, {self.problems} problems, {self.seconds:.1f} s")


def _problem_row(p: Problem, source: str) -> dict[str, object]:
    return {"doc_id": None, "source_path": source, "stage": p.stage, "severity": p.severity,
            "message": p.message, "detail": p.detail}


def extract(in_dir: Path | str, out_dir: Path | str, config: ExtractConfig | None = None,
            on_document: Callable[[str], None] | None = None) -> RunSummary:
    """Run the pipeline over every file below ``in_dir`` and write the tables to ``out_dir``."""
    config = config or ExtractConfig()
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    if not in_dir.is_dir():
        raise FileNotFoundError(f"input folder {in_dir} does not exist or is not a folder")
    summary = RunSummary()
    start = time.perf_counter()
    options = InputOptions(max_bytes=config.max_bytes, manifest=config.manifest)
    with TableWriter(out_dir) as writer:
        for item in iter_inputs(in_dir, options):
            if isinstance(item, Problem):
                writer.add("problems", [_problem_row(item, (config.manifest or in_dir / "manifest.csv").name)])
                summary.problems += 1
                continue
            rows = validate_result(process_document(item))
            _add_rows(writer, rows, summary)
            if on_document is not None:
                on_document(item.source_path)
    summary.seconds = time.perf_counter() - start
    return summary


def _add_rows(writer: TableWriter, rows: Rows, summary: RunSummary) -> None:
    for table in TABLES:
        writer.add(table, getattr(rows, table))
    for doc in rows.documents:
        summary.documents[doc["status"]] += 1
    summary.events += len(rows.events)
    summary.figures += len(rows.figures)
    summary.problems += len(rows.problems)
    summary.errors += sum(1 for p in rows.problems if p["severity"] == "error")


@dataclass(slots=True)
class Tables:
    """The four output tables as pandas DataFrames."""

    documents: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    problems: pd.DataFrame


_PANDAS_TYPES = {pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
                 pa.bool_(): pd.BooleanDtype()}


def load(out_dir: Path | str) -> Tables:
    """Read the tables written by :func:`extract` (a file or a dataset folder per table).

    Dates come back as ``datetime.date``, list columns as Python lists, integer
    columns as nullable integers.
    """
    out_dir = Path(out_dir)
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        path = out_dir / f"{name}.parquet"
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing; run `partyevents extract IN_DIR {out_dir}` first")
        table = pq.read_table(path, schema=SCHEMAS[name]) if path.is_dir() else pq.read_table(path)
        df = table.to_pandas(types_mapper=_PANDAS_TYPES.get, date_as_object=True)
        for col, typ in zip(table.schema.names, table.schema.types, strict=True):
            if pa.types.is_list(typ):
                df[col] = df[col].map(lambda v: [] if v is None else list(v))
        frames[name] = df
    return Tables(**frames)

