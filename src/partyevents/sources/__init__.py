"""Documents inside files: record files, archives and web archives.

A corpus of millions of pages is rarely millions of loose files. This package
reads, in a stream and without unpacking anything to disk:

- record files, one document per record: ``.jsonl``/``.ndjson``, ``.json``
  (an array of records), ``.csv``, ``.tsv``, ``.parquet`` (:mod:`.tables`);
- archives: ``.zip``, ``.tar``, ``.tar.gz``/``.tgz``, a single ``.gz``
  (:mod:`.archives`), members of any kind, archives in archives included;
- web archives: ``.warc``/``.warc.gz``/``.arc`` (:mod:`.warc`).

Every document gets a path that leads back to it: ``pages.jsonl#12`` (line 12),
``crawl.zip!/a/b.html`` (a member), ``crawl.warc.gz#7`` (the 7th record), and
a :class:`~partyevents.records.RawDocument` whose ``source_format`` and
``source_record`` say the same in words. A record or member that cannot be
read becomes a ``rejected`` document with the reason; the others are kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..records import ManifestRow, Problem, RawDocument

__all__ = ["Columns", "Context", "container_kind", "iter_container", "kind_of"]

Item = RawDocument | Problem
MAX_DEPTH = 4  # archives inside archives: deeper nesting is rejected (a zip bomb made of nested zips)
_DOCUMENTS = (".txt", ".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp", ".md")  # not sniffed
_OFFICE = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".jar", ".apk", ".whl")
_TAR = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")
_WARC = (".warc", ".warc.gz", ".arc", ".arc.gz")
_RECORDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
            ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which record fields hold the document and its metadata (None: the defaults of ``record_columns.tsv``)."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    date: str | None = None
    title: str | None = None
    id: str | None = None


@dataclass(slots=True)
class Context:
    """What every reader needs: the per-document size limit, the column mapping, the manifest."""

    max_bytes: int
    columns: Columns = field(default_factory=Columns)
    manifest: Mapping[str, ManifestRow] = field(default_factory=dict)
    depth: int = 0


def kind_of(name: str, head: bytes = b"") -> str:
    """What a file is, by its name and first bytes: ``warc``, ``tar``, ``zip``, ``gz``, ``jsonl``, ``csv``,
    ``tsv``, ``parquet`` or ``file`` (one document).

    >>> [kind_of(n) for n in ("a.jsonl", "b.tar.gz", "c.warc.gz", "d.txt.gz", "e.shtml")]
    ['jsonl', 'tar', 'warc', 'gz', 'file']
    >>> kind_of("page", b"PK\\x03\\x04"), kind_of("report.docx", b"PK\\x03\\x04"), kind_of("x", b"WARC/1.0")
    ('zip', 'file', 'warc')
    """
    n = name.lower()
    if n.endswith(_WARC) or head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if n.endswith(_TAR) or head[257:262] == b"ustar":
        return "tar"
    if n.endswith(".zip") or (head.startswith(b"PK\x03\x04") and not n.endswith(_OFFICE)):
        return "zip"
    if n.endswith(".gz") or head.startswith(b"\x1f\x8b"):
        return "gz"
    suffix = n[n.rfind("."):] if "." in n else ""
    if suffix in _RECORDS:
        return _RECORDS[suffix]
    if head.startswith(b"PAR1"):
        return "parquet"
    return "file"


def container_kind(path: Path) -> str | None:
    """The kind of a file on disk when it holds documents (records, members), None for a single document."""
    try:
        if not path.is_file():  # a pipe or a device is never opened (it could block or never end)
            return None
    except OSError:
        return None  # read_file says why
    kind = kind_of(path.name)
    if kind != "file" or path.name.lower().endswith(_DOCUMENTS):
        return None if kind == "file" else kind
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return None  # read_file says why
    kind = kind_of(path.name, head)
    return None if kind == "file" else kind


def iter_container(path: Path, rel: str, kind: str, ctx: Context) -> Iterator[Item]:
    """Every document inside the file ``path`` (shown as ``rel``); never raises."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield RawDocument(rel, None, error=f"cannot read: {exc.strerror}", source_format=kind)
        return
    with fh:
        yield from open_kind(kind, fh, path.name, rel, ctx)


def open_kind(kind: str, fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """Documents of a stream of a known kind; whatever breaks the stream ends it with a rejected row."""
    from . import archives, tables, warc

    if ctx.depth >= MAX_DEPTH:
        yield RawDocument(path, None, error=f"archives nested more than {MAX_DEPTH} deep; not read",
                          source_format=kind)
        return
    readers = {"jsonl": tables.iter_jsonl, "json": tables.iter_json, "csv": tables.iter_csv, "tsv": tables.iter_csv,
               "parquet": tables.iter_parquet, "zip": archives.iter_zip, "tar": archives.iter_tar,
               "gz": archives.iter_gz, "warc": warc.iter_warc}
    inner = Context(ctx.max_bytes, ctx.columns, ctx.manifest, ctx.depth + 1)
    done = 0
    try:
        for item in readers[kind](fh, name, path, inner):
            done += isinstance(item, RawDocument)
            yield item
    except Exception as exc:  # a broken stream: what was read is kept, the rest is reported
        after = f"after {done} document(s)" if done else "from the start"
        yield RawDocument(path, None, source_format=kind,
                          error=f"cannot read this {kind} file {after}: {_reason(exc)}; the rest of it is not read")


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if type(exc).__name__ not in text else text


def random_access(fh: IO[bytes], ctx: Context) -> IO[bytes]:
    """A stream a reader can seek in (zip, Parquet): a file on disk as it is; a member of an archive or a
    decompressed stream read into memory (seeking back in those means decompressing again, or is refused)."""
    if ctx.depth <= 1 and fh.seekable():
        return fh
    return io.BytesIO(fh.read())


def read_document(fh: IO[bytes], name: str, path: str, ctx: Context, *, fmt: str, record: str | None,
                  size: int | None = None) -> Iterator[Item]:
    """One member of an archive: a container in its turn (by name and first bytes), or one document."""
    peek = getattr(fh, "peek", None)
    head = peek(512)[:512] if peek is not None else b""
    kind = kind_of(name, head)
    if kind != "file":
        yield from open_kind(kind, fh, name, path, ctx)
        return
    manifest = ctx.manifest.get(path)
    if size is not None and size > ctx.max_bytes:
        yield RawDocument(path, None, manifest=manifest, source_format=fmt, source_record=record,
                          error=f"member is {size:,} bytes, over the {ctx.max_bytes:,}-byte limit "
                          "(raise it with --max-bytes)")
        return
    data = fh.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        yield RawDocument(path, None, manifest=manifest, source_format=fmt, source_record=record,
                          error=f"member is over the {ctx.max_bytes:,}-byte limit (raise it with --max-bytes)")
        return
    yield RawDocument(path, data, manifest=manifest, source_format=fmt, source_record=record)
