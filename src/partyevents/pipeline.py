"""One document through every stage: raw bytes -> :class:`DocumentResult`.

This is the per-document function every engine runs. It does no I/O and never
raises: whatever goes wrong becomes a ``rejected`` document with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback

from . import ingest, longdoc, normalize, segment
from .extract import extract_events
from .extract.dates import path_date
from .records import Decoded, DocContext, DocumentResult, Problem, RawDocument

__all__ = ["analyze_text", "doc_id_of", "process_document"]

def doc_id_of(raw: RawDocument) -> str:
    """The document's id: SHA-256 of its bytes, or of its path when it could not be read."""
    if raw.data is not None:
        return ingest.doc_id_for(raw.data)
    return hashlib.sha256(("unreadable:" + raw.source_path).encode()).hexdigest()[:16]


def process_document(raw: RawDocument) -> DocumentResult:
    """Run one raw document through ingest → normalize → segment → extract."""
    doc_id = doc_id_of(raw)
    result = DocumentResult(doc_id=doc_id, source_path=raw.source_path, status="rejected",
                            source_format=raw.source_format, source_record=raw.source_record, url=raw.url)
    result.problems.extend(Problem("ingest", "warning", w, None) for w in raw.warnings)
    if raw.data is None or raw.error:
        result.error = raw.error or "could not be read"
        return result
    try:
        decoded = ingest.decode(raw.data, raw.source_path, html=raw.html)
    except ingest.RejectedInput as exc:
        result.error = str(exc)
        return result
    except Exception as exc:
        return _crashed(result, "ingest", exc)
    result.encoding = decoded.encoding
    result.source_format = raw.source_format or ("html" if decoded.is_html else "txt")
    result.source_record = raw.source_record
    result.problems.extend(decoded.problems)
    manifest = raw.manifest
    result.url = (manifest.url if manifest else None) or raw.url or decoded.url
    published, how = _stated_date(raw, decoded)
    fallback = (raw.published, "warc") if raw.published is not None and raw.published_source == "warc" else None
    # a date in the url (…/2021/10/29/…) says more than a file name inside a record file
    source = raw.url if raw.source_record is not None and raw.url else raw.source_path
    return analyze_text(
        decoded.text,
        published=published,
        published_source=how,
        fallback_published=fallback,
        source=source,
        place=manifest.place if manifest else None,
        title=raw.title or decoded.title,
        result=result,
    )


def _stated_date(raw: RawDocument, decoded: Decoded) -> tuple[dt.date | None, str]:
    """The publication date the input states outright, and where: the manifest, the record's date column, the
    HTML page's metadata (a crawl date, WARC-Date, is only a fallback: see :func:`analyze_text`)."""
    if raw.manifest is not None and raw.manifest.published_date is not None:
        return raw.manifest.published_date, "manifest"
    if raw.published is not None and raw.published_source != "warc":
        return raw.published, raw.published_source or "record"
    if decoded.published is not None:
        return decoded.published, "html"
    return None, "manifest"


def analyze_text(
    text: str,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    place: str | None = None,
    result: DocumentResult | None = None,
    published_source: str = "manifest",
    fallback_published: tuple[dt.date, str] | None = None,
    title: str | None = None,
) -> DocumentResult:
    """Normalize, segment and extract one document's text (no validation yet).

    ``published`` (stated by ``published_source``) wins over a date in the text or the path;
    ``fallback_published`` (a date and its source, e.g. a crawl date) is used only when neither has one;
    ``title``, when given, is the document's title whatever the text's first lines are.
    """
    if result is None:
        data = text.encode("utf-8")
        result = DocumentResult(doc_id=ingest.doc_id_for(data), source_path=source or "<text>", status="rejected",
                                encoding="utf-8")
    try:
        norm = normalize.normalize(text)
        result.problems.extend(norm.problems)
        result.script, result.title, result.text, result.fixes = norm.script, norm.title, norm.text, norm.fixes
        if title and (title := _normalized_title(title)):
            result.title = title
        if published is not None:
            result.published_date, result.published_date_source = published, published_source
        elif norm.published_date is not None:
            result.published_date, result.published_date_source = norm.published_date, "text"
        else:
            from_path = path_date(source)
            if from_path and from_path[2]:
                result.published_date = dt.date(from_path[0], from_path[1], from_path[2])
                result.published_date_source = "path"
            elif fallback_published is not None:
                result.published_date, result.published_date_source = fallback_published
        if not norm.text.strip():
            result.status = "empty"
            result.error = "no body text" if not text.strip() else "no body text once page boilerplate is removed"
            result.text = ""
            return result
        ctx = DocContext(text=norm.text, source_path=source, title=result.title,
                         published_date=result.published_date, published_source=result.published_date_source,
                         manifest_place=place, credit=norm.credit)
        if len(norm.text) > longdoc.CHUNK_CHARS:  # piece by piece: time and memory in step with size
            events, stray, problems = longdoc.extract_long(ctx)
        else:
            events, stray, problems = extract_events(ctx, segment.segment(norm.text))
        result.events, result.stray_figures = events, stray
        result.problems.extend(problems)
        result.status = "ok"
        return result
    except Exception as exc:
        return _crashed(result, "extract", exc)


def _normalized_title(title: str) -> str:
    """A title from outside the text (page metadata, a record's column) put through the text's own fixers.

    >>> _normalized_title("黨建：工作 ")
    '党建:工作'
    """
    for name, fixer in normalize.FIXERS:
        if name != "remove_mojibake":
            title = fixer(title)
    return normalize.clean_title(" ".join(title.split()))


def _crashed(result: DocumentResult, stage: str, exc: Exception) -> DocumentResult:
    result.status = "rejected"
    result.error = f"internal error in {stage}: {type(exc).__name__}: {exc}"
    result.events, result.stray_figures = [], []
    tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
    result.problems.append(Problem(stage, "error", result.error + " (please report this with the file)",
                                   "".join(tb[-3:])))
    return result
