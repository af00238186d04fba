"""One document through every stage: raw bytes -> :class:`DocumentResult`.

This is the per-document function every engine runs. It does no I/O and never
raises: whatever goes wrong becomes a ``rejected`` document with the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import traceback

from . import ingest, normalize, segment
from .extract import extract_events
from .extract.dates import path_date
from .records import DocContext, DocumentResult, Problem, RawDocument

__all__ = ["analyze_text", "doc_id_of", "process_document"]

def doc_id_of(raw: RawDocument) -> str:
    """The document's id: SHA-256 of its bytes, or of its path when it could not be read."""
    if raw.data is not None:
        return ingest.doc_id_for(raw.data)
    return hashlib.sha256(("unreadable:" + raw.source_path).encode()).hexdigest()[:16]


def process_document(raw: RawDocument) -> DocumentResult:
    """Run one raw document through ingest → normalize → segment → extract."""
    doc_id = doc_id_of(raw)
    result = DocumentResult(doc_id=doc_id, source_path=raw.source_path, status="rejected")
    if raw.data is None or raw.error:
        result.error = raw.error or "could not be read"
        return result
    try:
        decoded = ingest.decode(raw.data, raw.source_path)
    except ingest.RejectedInput as exc:
        result.error = str(exc)
        return result
    except Exception as exc:
        return _crashed(result, "ingest", exc)
    result.encoding = decoded.encoding
    result.source_format = "html" if decoded.is_html else "txt"
    result.problems.extend(decoded.problems)
    manifest = raw.manifest
    if manifest is not None:
        result.url = manifest.url
    return analyze_text(
        decoded.text,
        published=manifest.published_date if manifest else None,
        source=raw.source_path,
        place=manifest.place if manifest else None,
        result=result,
    )


def analyze_text(
    text: str,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    place: str | None = None,
    result: DocumentResult | None = None,
) -> DocumentResult:
    """Normalize, segment and extract one document's text (no validation yet)."""
    if result is None:
        data = text.encode("utf-8")
        result = DocumentResult(doc_id=ingest.doc_id_for(data), source_path=source or "<text>", status="rejected",
                                encoding="utf-8")
    try:
        norm = normalize.normalize(text)
        result.problems.extend(norm.problems)
        result.script, result.title, result.text, result.fixes = norm.script, norm.title, norm.text, norm.fixes
        if published is not None:
            result.published_date, result.published_date_source = published, "manifest"
        elif norm.published_date is not None:
            result.published_date, result.published_date_source = norm.published_date, "text"
        else:
            from_path = path_date(source)
            if from_path and from_path[2]:
                result.published_date = dt.date(from_path[0], from_path[1], from_path[2])
                result.published_date_source = "path"
        if not norm.text.strip():
            result.status = "empty"
            result.error = "no body text" if not text.strip() else "no body text once page boilerplate is removed"
            result.text = ""
            return result
        ctx = DocContext(text=norm.text, source_path=source, title=norm.title,
                         published_date=result.published_date, published_source=result.published_date_source,
                         manifest_place=place)
        segments = segment.segment(norm.text)
        events, stray, problems = extract_events(ctx, segments)
        result.events, result.stray_figures = events, stray
        result.problems.extend(problems)
        result.status = "ok"
        return result
    except Exception as exc:
        return _crashed(result, "extract", exc)


def _crashed(result: DocumentResult, stage: str, exc: Exception) -> DocumentResult:
    result.status = "rejected"
    result.error = f"internal error in {stage}: {type(exc).__name__}: {exc}"
    result.events, result.stray_figures = [], []
    tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
    result.problems.append(Problem(stage, "error", result.error + " (please report this with the file)",
                                   "".join(tb[-3:])))
    return result
