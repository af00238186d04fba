"""The validate stage: a :class:`DocumentResult` -> checked table rows.

Every row goes through its pydantic model and a span check
(``text[char_start:char_end]`` must be the row's own text). A failing row is
left out of its table and reported in ``problems`` with the field, the value
and the reason; the document's other rows are kept.
"""

from __future__ import annotations

import ast
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import DocumentRow, EventRow, FigureRow, ProblemRow
from .records import SCHEMA_VERSION, DocumentResult, Event, Figure, Problem

__all__ = ["CONVENIENCE_CATEGORIES", "Rows", "json_detail", "validate_result"]

CONVENIENCE_CATEGORIES = ("volunteers", "party_members", "households", "people", "person_times", "sessions")


@dataclass(slots=True)
class Rows:
    """Validated rows of one document, one list per table."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


def _check(model: type[BaseModel], row: dict[str, Any]) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``(row, [])`` when the row passes its model in strict mode (no coercion: the row is written as
    it is, no dump needed), else ``(None, problems)``.

    The model's validator is called directly: ``model.model_validate(row, strict=True)`` does the same through a
    Python wrapper, which costs a third of the call on the smaller rows.
    """
    try:
        model.__pydantic_validator__.validate_python(row, strict=True)
        return row, []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"]) or "(row)"
            value = row.get(str(err["loc"][0])) if err["loc"] else None
            problems.append(Problem("validate", "error", f"{model.__name__} field {loc}: {err['msg']}; row not written",
                                    json.dumps({"field": loc, "value": value, "row_id": row.get("event_id")
                                                or row.get("figure_id") or row.get("doc_id")},
                                               ensure_ascii=False, default=str)))
        return None, problems


def _span_problem(kind: str, row_id: str, text: str, start: int, end: int, surface: str) -> Problem | None:
    if 0 <= start <= end <= len(text) and text[start:end] == surface:
        return None
    return Problem("validate", "error", f"{kind} {row_id}: span [{start}, {end}) does not slice the document "
                   "text to the record's text; row not written",
                   json.dumps({"surface": surface[:80], "start": start, "end": end}, ensure_ascii=False))


def _event_row(doc_id: str, ev: Event) -> dict[str, Any]:
    """The event's row, its columns in the order of the table (one dict display: building it by updates cost as
    much as validating it)."""
    d = ev.date
    place = ev.place
    org = ev.organization
    return {
        "event_id": f"{doc_id}:{ev.seq}", "doc_id": doc_id, "seq": ev.seq, "section": ev.section,
        "date_text": d.text, "year": d.year, "month": d.month, "day": d.day,
        "date_start": d.full_date, "date_end": d.end_date, "month_end": d.end_month, "day_end": d.end_day,
        "date_since": d.since,
        "year_source": d.year_source if d.year is not None else None,
        **(_NO_PLACE if place is None else {
            "locality": place.name, "locality_level": place.level, "province": place.province,
            "prefecture": place.prefecture, "county": place.county, "township": place.township,
            "community": place.community, "adcode": place.adcode, "province_code": place.province_code,
            "prefecture_code": place.prefecture_code, "county_code": place.county_code,
            "county_code_current": place.county_code_current, "locality_source": place.source,
        }),
        "organization_source": org.source if org else None,
        "is_repost": ev.is_repost,
        "organization": org.name if org else None,
        "organizations": list(dict.fromkeys([o.name for o in ev.organizations])),
        "activity_type": ev.activity_type, "activity_types": list(dict.fromkeys(ev.activity_types)),
        **(_largest(ev.figures) if ev.figures else _NO_COUNTS),
        "text": ev.text, "char_start": ev.start, "char_end": ev.end,
    }


def _largest(figures: list[Figure]) -> dict[str, int | None]:
    """The largest count of each convenience category among the figures (None: no count of it)."""
    largest: dict[str, int | None] = dict.fromkeys(CONVENIENCE_CATEGORIES)
    for f in figures:
        if f.kind == "count" and f.category in largest:
            cur = largest[f.category]
            largest[f.category] = max(cur or 0, int(f.value))
    return largest


# an event's place columns when it has no place (the columns in their order in the row)
_NO_PLACE: dict[str, None] = dict.fromkeys((
    "locality", "locality_level", "province", "prefecture", "county", "township", "community", "adcode",
    "province_code", "prefecture_code", "county_code", "county_code_current", "locality_source"))
_NO_COUNTS: dict[str, None] = dict.fromkeys(CONVENIENCE_CATEGORIES)  # an event's counts when it has no figure


def _figure_row(doc_id: str, event_id: str | None, n: int, f: Figure) -> dict[str, Any]:
    return {
        "figure_id": f"{event_id}:{n}" if event_id else f"{doc_id}:-:{n}", "event_id": event_id, "doc_id": doc_id,
        "value": float(f.value), "value_text": f.value_text, "unit": f.unit, "noun": f.noun,
        "category": f.category, "approximate": f.approximate, "value_max": f.value_max, "kind": f.kind,
        "char_start": f.start, "char_end": f.end,
    }


def validate_result(result: DocumentResult) -> Rows:
    """Check every row of one document; failures become problems. Never raises.

    Whatever goes wrong while checking still gives the document its one
    ``documents`` row (``rejected``, with the reason) and a problem row.
    """
    try:
        return _validate(result)
    except Exception as exc:
        message = f"internal error in validate: {type(exc).__name__}: {exc} (please report this with the file)"
        doc_id = result.doc_id if isinstance(result.doc_id, str) and len(result.doc_id) == 16 else "0" * 16
        source = str(result.source_path)
        doc = {**dict.fromkeys(DocumentRow.model_fields, None), "doc_id": doc_id, "source_path": source,
               "status": "rejected", "error": message, "n_events": 0, "schema_version": SCHEMA_VERSION}
        problem = {"doc_id": doc_id, "source_path": source, "stage": "validate", "severity": "error",
                   "message": message, "detail": None}
        return Rows(documents=[DocumentRow.model_validate(doc).model_dump()],
                    problems=[ProblemRow.model_validate(problem).model_dump()])


def json_detail(detail: object) -> str | None:
    """``problems.detail`` as the JSON that ``docs/tables.md`` promises, whatever a stage put there.

    >>> json_detail('{"field": "day"}'), json_detail("['a.txt', 'b.txt']"), json_detail("Traceback: boom")
    ('{"field": "day"}', '["a.txt", "b.txt"]', '"Traceback: boom"')
    """
    if detail is None:
        return None
    if isinstance(detail, str):
        try:
            json.loads(detail)
            return detail
        except ValueError:
            pass
        if detail[:1] in "[({'\"" and len(detail) < 100_000:  # a Python repr of a list, dict or string
            with contextlib.suppress(ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                return json.dumps(ast.literal_eval(detail), ensure_ascii=False, default=str)
        return json.dumps(detail, ensure_ascii=False)
    return json.dumps(detail, ensure_ascii=False, default=str)


def _problem_row(doc_id: str, source: str, p: Problem) -> dict[str, Any]:
    """A problem as a row; a problem that does not fit the model is kept with its stage/severity made valid."""
    prow = {"doc_id": doc_id, "source_path": source, "stage": p.stage, "severity": p.severity,
            "message": p.message or "(no message)", "detail": json_detail(p.detail)}
    checked, _ = _check(ProblemRow, prow)
    if checked is not None:
        return checked
    fixed = {**prow, "stage": p.stage if p.stage in _STAGES else "validate",
             "severity": p.severity if p.severity in ("error", "warning") else "error",
             "message": str(prow["message"]), "detail": prow["detail"]}
    return ProblemRow.model_validate(fixed).model_dump()


_STAGES = ("ingest", "normalize", "segment", "extract", "validate", "write")


def _validate(result: DocumentResult) -> Rows:
    rows = Rows()
    problems = list(result.problems)
    text = result.text or ""
    doc_id = result.doc_id
    stray: list[Figure] = list(result.stray_figures)
    for ev in result.events:
        row = _event_row(doc_id, ev)
        bad = _span_problem("event", row["event_id"], text, ev.start, ev.end, ev.text)
        checked, found = _check(EventRow, row) if bad is None else (None, [bad])
        problems.extend(found)
        if checked is None:
            stray.extend(ev.figures)  # the event is gone; its figures stay, outside any event
            continue
        rows.events.append(checked)
        for n, fig in enumerate(ev.figures):
            _add_figure(rows, problems, text, doc_id, checked["event_id"], n, fig)
    for n, fig in enumerate(stray):
        _add_figure(rows, problems, text, doc_id, None, n, fig)
    doc = {
        "doc_id": doc_id, "source_path": result.source_path, "status": result.status, "error": result.error,
        "encoding": result.encoding, "script": result.script, "title": result.title,
        "published_date": result.published_date, "published_date_source": result.published_date_source,
        "text": result.text, "n_events": len(rows.events), "url": result.url, "source_format": result.source_format,
        "source_record": result.source_record, "cluster_id": result.cluster_id, "duplicate_of": result.duplicate_of,
        "schema_version": SCHEMA_VERSION,
    }
    checked_doc, found = _check(DocumentRow, doc)
    problems.extend(found)
    if checked_doc is None:  # a document always gets its row: keep the facts that are sure
        checked_doc = DocumentRow.model_validate({
            **dict.fromkeys(doc, None), "doc_id": doc_id, "source_path": result.source_path, "status": "rejected",
            "error": "document row failed validation (see problems)", "n_events": 0,
            "schema_version": SCHEMA_VERSION}).model_dump()
        rows.events, rows.figures = [], []
    rows.documents.append(checked_doc)
    if result.status != "ok" and result.error:
        problems.insert(0, Problem("ingest" if result.status == "rejected" else "normalize",
                                   "error" if result.status == "rejected" else "warning",
                                   f"document {result.status}: {result.error}", None))
    for p in problems:
        rows.problems.append(_problem_row(doc_id, result.source_path, p))
    return rows


def _add_figure(rows: Rows, problems: list[Problem], text: str, doc_id: str, event_id: str | None, n: int,
                fig: Figure) -> None:
    row = _figure_row(doc_id, event_id, n, fig)
    bad = _span_problem("figure", row["figure_id"], text, fig.start, fig.end, fig.value_text)
    checked, found = _check(FigureRow, row) if bad is None else (None, [bad])
    problems.extend(found)
    if checked is not None:
        rows.figures.append(checked)
