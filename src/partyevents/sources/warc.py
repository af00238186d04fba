"""Web archives (WARC, and the older ARC) read with warcio.

Each ``response`` (or ``resource``) record holding an HTML or text page is one
document: its ``WARC-Target-URI`` is the document's url and its ``WARC-Date``
a last-resort publication date (``published_date_source = "warc"``: the crawl
date, used only when neither the page nor its url has a date). The record's id
is ``source_record``. Other records (requests, metadata, images, scripts,
redirects, error pages) are counted in one warning per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from ..htmltext import parse_date
from ..records import Problem, RawDocument
from . import Context, Item, _reason

__all__ = ["iter_warc"]

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain", "text/xml", "application/xml")


def iter_warc(fh: IO[bytes], name: str, path: str, ctx: Context) -> Iterator[Item]:
    """Every page record of a WARC or ARC file (compressed or not), in file order."""
    from warcio.archiveiterator import ArchiveIterator

    fmt = "arc" if ".arc" in name.lower() and ".warc" not in name.lower() else "warc"
    skipped: Counter[str] = Counter()
    records = ArchiveIterator(fh, arc2warc=True)
    n = 0
    for n, rec in enumerate(records, start=1):
        if not rec.rec_type:
            yield RawDocument(f"{path}#{n}", None, source_format=fmt, source_record=f"record {n}",
                              error=f"WARC record {n} has no WARC-Type header: not a valid record")
            continue
        why = _not_a_page(rec)
        if why:
            skipped[why] += 1
            continue
        headers = rec.rec_headers
        url = headers.get_header("WARC-Target-URI")
        record = headers.get_header("WARC-Record-ID") or f"record {n}"
        published = parse_date(headers.get_header("WARC-Date") or "")
        meta: dict[str, Any] = {"source_format": fmt, "source_record": record, "url": url or None,
                                "published": published, "published_source": "warc" if published else None}
        ctype = _content_type(rec)
        try:
            data = rec.content_stream().read(ctx.max_bytes + 1)
        except Exception as exc:
            yield RawDocument(f"{path}#{n}", None, **meta, error=f"WARC record {n} cannot be decoded: {_reason(exc)}")
            continue
        if len(data) > ctx.max_bytes:
            yield RawDocument(f"{path}#{n}", None, **meta, error=f"WARC record {n} is over the "
                              f"{ctx.max_bytes:,}-byte limit (raise it with --max-bytes)")
            continue
        yield RawDocument(f"{path}#{n}", data, html=True if "html" in ctype else None, **meta)
    left = _unread(fh, records.offset)
    if left:
        yield RawDocument(f"{path}#{n + 1}", None, source_format=fmt, source_record=f"record {n + 1}",
                          error=f"the file ends with {left:,} bytes that are not a complete {fmt.upper()} record "
                          "(a truncated download?)")
    if skipped:
        parts = ", ".join(f"{k} {v}" for k, v in skipped.most_common())
        yield Problem("ingest", "warning", f"{path}: {sum(skipped.values())} {fmt.upper()} record(s) are not pages "
                      f"and were not read ({parts})", None, path)


def _unread(fh: IO[bytes], offset: int) -> int:
    """Bytes after the last whole record (warcio stops quietly at a record cut short); 0 when unknown."""
    try:
        if not fh.seekable():
            return 0
        return max(fh.seek(0, 2) - offset, 0)
    except (OSError, ValueError):
        return 0


def _content_type(rec: Any) -> str:
    if rec.http_headers is not None:
        return (rec.http_headers.get_header("Content-Type") or "").lower()
    return (rec.rec_headers.get_header("Content-Type") or "").lower()


def _not_a_page(rec: Any) -> str | None:
    """Why a record is not a page to read (its kind, an HTTP status, a content type), or None."""
    if rec.rec_type not in ("response", "resource"):
        return str(rec.rec_type)
    if rec.rec_type == "response" and rec.http_headers is not None:
        status = rec.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP {status or '?'}"
    ctype = _content_type(rec)
    if ctype and not ctype.startswith(_PAGE_TYPES):
        return ctype.split(";")[0].strip()
    return None
