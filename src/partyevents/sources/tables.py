"""Record files: JSONL, CSV/TSV and Parquet, one document per record, read in a stream.

Which fields hold the text (or the page's HTML), url, date, title and id is
told by :class:`~partyevents.sources.Columns`, or found among the usual names
(``resources/record_columns.tsv``). A record's HTML goes through the HTML path
(main text, title, date). A record that cannot be used (a line that is not
JSON, a row without text) becomes a ``rejected`` document naming its line or
row; the other records are kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import IO, Any

from ..htmltext import parse_date
from ..records import RawDocument
from ..resources import read_table
from . import Columns, Context, Item, random_access

__all__ = ["iter_csv", "iter_json", "iter_jsonl", "iter_parquet", "record_document"]

PARQUET_BATCH = 64  # rows read at a time from a Parquet file


@cache
def default_columns() -> dict[str, tuple[str, ...]]:
    """field -> usual column names, from ``record_columns.tsv``."""
    out: dict[str, list[str]] = {}
    for fld, name in read_table("record_columns.tsv"):
        out.setdefault(fld, []).append(name.lower())
    return {k: tuple(v) for k, v in out.items()}


def _find(keys: Iterable[str], explicit: str | None, fld: str) -> str | None:
    """The record key for ``fld``: the named column when given, else the first usual name present."""
    if explicit:
        return explicit
    lower = {k.lower(): k for k in keys if isinstance(k, str)}
    return next((lower[n] for n in default_columns()[fld] if n in lower), None)


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or \
        (isinstance(value, str | bytes) and not value.strip())


class _Mapping:
    """Column names resolved once per file (CSV, Parquet) or per record (JSONL, whose keys may vary)."""

    def __init__(self, keys: Iterable[str], cols: Columns) -> None:
        keys = list(keys)
        self.text = None if cols.html else _find(keys, cols.text, "text")
        self.html = None if cols.text else _find(keys, cols.html, "html")
        self.url = _find(keys, cols.url, "url")
        self.date = _find(keys, cols.date, "date")
        self.title = _find(keys, cols.title, "title")
        self.id = _find(keys, cols.id, "id")

    def needed(self) -> list[str]:
        return [c for c in (self.text, self.html, self.url, self.date, self.title, self.id) if c]

    def missing_text(self, keys: Iterable[str]) -> str | None:
        """Why no record of these columns can have text, or None."""
        keys = list(keys)
        if (self.text and self.text in keys) or (self.html and self.html in keys):
            return None
        named = [c for c in (self.text, self.html) if c]
        wanted = named or list(default_columns()["text"] + default_columns()["html"])
        return (f"no text column: looked for {', '.join(wanted[:8])}; the columns are "
                f"{', '.join(map(str, list(keys)[:12])) or '(none)'}; name it with --text-col or --html-col")


def record_document(rec: Mapping[str, Any], mapping: _Mapping, *, path: str, fmt: str, where: str, n: object,
                    ctx: Context) -> RawDocument:
    """One record as a raw document (rejected, with the reason, when it has no usable text)."""
    ident = rec.get(mapping.id) if mapping.id else None
    record = where + (f"; id={ident}" if not _empty(ident) else "")
    source_path = f"{path}#{n}"
    url = rec.get(mapping.url) if mapping.url else None
    title = rec.get(mapping.title) if mapping.title else None
    meta: dict[str, Any] = {
        "source_format": fmt, "source_record": record,
        "url": url.strip() if isinstance(url, str) and url.strip() else None,
        "title": " ".join(title.split()) if isinstance(title, str) and title.strip() else None,
    }
    raw_date = rec.get(mapping.date) if mapping.date else None
    if not _empty(raw_date):
        published = parse_date(raw_date)
        if published is not None:
            meta.update(published=published, published_source="record")
        else:
            meta["warnings"] = (f"{where}: {mapping.date} {str(raw_date)[:40]!r} is not a date; ignored",)
    value: object = None
    html: bool | None = None
    if mapping.text and not _empty(rec.get(mapping.text)):
        value = rec.get(mapping.text)
    elif mapping.html and not _empty(rec.get(mapping.html)):
        value, html = rec.get(mapping.html), True
    if value is None:
        columns = [c for c in (mapping.text, mapping.html) if c]
        return RawDocument(source_path, None, **meta,
                           error=f"{where} has no text (column {' or '.join(columns) or 'text'} is empty or missing)")
    data = value if isinstance(value, bytes) else str(value).encode("utf-8")
    if len(data) > ctx.max_bytes:
        return RawDocument(source_path, None, **meta, error=f"{where}: the text is {len(data):,} bytes, over the "
                           f"{ctx.max_bytes:,}-byte limit (raise it with --max-bytes)")
    return RawDocument(source_path, data, html=html, **meta)


# ---------------------------------------------------------------- JSONL
def iter_jsonl(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """One document per line of a JSON Lines file; a line that is not a JSON object is rejected on its own."""
    mapping: _Mapping | None = None
    keys: tuple[str, ...] = ()
    for n, line in enumerate(fh, start=1):
        if n == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue
        where = f"line {n}"
        try:
            rec = json.loads(_line_text(line))
        except ValueError as exc:
            yield RawDocument(f"{path}#{n}", None, source_format="jsonl", source_record=where,
                              error=f"{where} is not JSON ({_json_reason(exc)}): {_clip(line)}")
            continue
        if not isinstance(rec, dict):
            yield RawDocument(f"{path}#{n}", None, source_format="jsonl", source_record=where,
                              error=f"{where} is a JSON {type(rec).__name__}, not an object with a text field")
            continue
        if mapping is None or tuple(rec) != keys:
            keys, mapping = tuple(rec), _Mapping(rec, ctx.columns)
        yield record_document(rec, mapping, path=path, fmt="jsonl", where=where, n=n, ctx=ctx)


def iter_json(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """A ``.json`` file: an array of records (``[{...}, {...}]``, or ``{"data": [...]}``, read whole), or
    JSON Lines under a ``.json`` name (one object per line, read as :func:`iter_jsonl`)."""
    peek = getattr(fh, "peek", None)
    head = (peek(4096) if peek is not None else b"").lstrip(codecs.BOM_UTF8 + b" \t\r\n")
    if not head.startswith(b"["):
        first_line = head.split(b"\n", 1)[0].strip()
        if not head or (first_line.startswith(b"{") and first_line.endswith(b"}")):
            yield from iter_jsonl(fh, name, path, ctx)
            return
    data = json.loads(_line_text(fh.read()).lstrip("\ufeff"))
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    if not isinstance(data, list):
        raise ValueError(f"a JSON {type(data).__name__}, not an array of records")
    mapping: _Mapping | None = None
    for n, rec in enumerate(data, start=1):
        where = f"record {n}"
        if not isinstance(rec, dict):
            yield RawDocument(f"{path}#{n}", None, source_format="json", source_record=where,
                              error=f"{where} is a JSON {type(rec).__name__}, not an object with a text field")
            continue
        if mapping is None:
            mapping = _Mapping(rec, ctx.columns)
        yield record_document(rec, mapping, path=path, fmt="json", where=where, n=n, ctx=ctx)


def _line_text(line: bytes) -> str:
    """A line's text: UTF-8, else GB18030 (a scraper that wrote its platform's encoding)."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("gb18030")


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)


def _clip(line: bytes, n: int = 60) -> str:
    text = line.decode("utf-8", errors="replace").strip()
    return repr(text if len(text) <= n else text[:n] + "…")


# ---------------------------------------------------------------- CSV / TSV
def iter_csv(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """One document per row of a CSV (or, by name, TSV) file with a header row; UTF-8 or GB18030."""
    fmt = "tsv" if name.lower().endswith(".tsv") or name.lower().endswith(".tsv.gz") else "csv"
    peek = getattr(fh, "peek", None)
    head = peek(1 << 16) if peek is not None else b""
    encoding = "utf-8-sig" if _is_utf8(head) else "gb18030"
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")  # type: ignore[type-var]
    reader = csv.reader(text, delimiter="\t" if fmt == "tsv" else ",")
    limit = max(ctx.max_bytes + 1, csv.field_size_limit())
    try:
        header = _next_row(reader, limit)
    except StopIteration:
        yield RawDocument(path, None, source_format=fmt, error=f"empty {fmt} file (not even a header row)")
        return
    mapping = _Mapping(header, ctx.columns)
    why = mapping.missing_text(header)
    if why is not None:
        yield RawDocument(path, None, source_format=fmt, error=f"{fmt} file with {why}")
        return
    row = 0
    while True:
        row += 1
        where = f"row {row}"
        try:
            cells = _next_row(reader, limit)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RawDocument(f"{path}#{row}", None, source_format=fmt, source_record=where,
                              error=f"{where} (line {reader.line_num}) is not valid {fmt.upper()}: {exc}")
            continue
        except UnicodeDecodeError as exc:
            raise ValueError(f"not {encoding.removesuffix('-sig').upper()} text after row {row - 1}: "
                             f"{exc.reason}") from None
        if not cells:
            row -= 1
            continue
        rec = dict(zip(header, cells, strict=False))
        yield record_document(rec, mapping, path=path, fmt=fmt, where=where, n=row, ctx=ctx)


def _next_row(reader: Any, limit: int) -> list[str]:
    """The next row, with the field size limit raised to the document size limit for this call only
    (the limit is global to the csv module; other readers keep theirs)."""
    old = csv.field_size_limit(limit)
    try:
        return next(reader)  # type: ignore[no-any-return]
    finally:
        csv.field_size_limit(old)


def _is_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------- Parquet
def iter_parquet(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """One document per row of a Parquet file, read a batch of rows (and only the needed columns) at a time."""
    import pyarrow.parquet as pq

    source = random_access(fh, ctx)
    pf = pq.ParquetFile(source)
    names = pf.schema_arrow.names
    mapping = _Mapping(names, ctx.columns)
    why = mapping.missing_text(names)
    if why is not None:
        yield RawDocument(path, None, source_format="parquet", error=f"parquet file with {why}")
        return
    columns = [c for c in dict.fromkeys(mapping.needed()) if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=PARQUET_BATCH, columns=columns):
        for rec in batch.to_pylist():
            row += 1
            yield record_document(rec, mapping, path=path, fmt="parquet", where=f"row {row}", n=row, ctx=ctx)


# ---------------------------------------------------------------- DataFrame
def frame_documents(df: Any, cols: Columns, ctx: Context) -> Iterator[RawDocument]:
    """One raw document per row of a pandas DataFrame (``source_path`` ``frame#<index>``)."""
    mapping = _Mapping([str(c) for c in df.columns], cols)
    needed = [c for c in dict.fromkeys(mapping.needed()) if c in df.columns]
    for pos, (label, rec) in enumerate(zip(df.index, df[needed].to_dict("records"), strict=True)):
        yield record_document(rec, mapping, path="frame", fmt="frame", where=f"row {pos}", n=label, ctx=ctx)
