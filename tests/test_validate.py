"""The validate stage: a bad record becomes a problem row; the document's other records stay."""

from __future__ import annotations

import json

import pytest

from partyevents.models import DocumentRow, EventRow, FigureRow, ProblemRow
from partyevents.pipeline import analyze_text
from partyevents.records import DocumentResult, Event, Figure
from partyevents.validate import validate_result

TEXT = ("12月4日\n樊城区召开疫情防控推进会。\n12月6日\n王寨街道开展志愿服务,400余户受益。\n"
        "12月8日\n某社区党支部组织党员开展学习活动,党员30人参加。")


@pytest.fixture
def result() -> DocumentResult:
    res = analyze_text(TEXT, published=None, source="2022-12-09.txt")
    assert res.status == "ok" and len(res.events) == 3
    return res


def _details(rows: list[dict]) -> list[dict]:
    return [json.loads(p["detail"]) for p in rows if p["stage"] == "validate"]


def test_clean_document_has_no_validate_problems(result: DocumentResult) -> None:
    rows = validate_result(result)
    assert len(rows.events) == 3 and rows.documents[0]["n_events"] == 3
    assert _details(rows.problems) == []


def test_event_failing_its_model_is_reported_with_field_value_and_reason(result: DocumentResult) -> None:
    result.events[1].activity_type = "not_a_label"
    rows = validate_result(result)
    assert [e["seq"] for e in rows.events] == [result.events[0].seq, result.events[2].seq]
    assert rows.documents[0]["n_events"] == 2
    (problem,) = [p for p in rows.problems if p["stage"] == "validate"]
    assert "activity_type" in problem["message"] and "not a taxonomy label" in problem["message"]
    assert problem["severity"] == "error"
    detail = json.loads(problem["detail"])
    assert detail["field"] == "activity_type" and detail["value"] == "not_a_label"
    assert detail["row_id"].endswith(f":{result.events[1].seq}")


def test_dropped_event_keeps_its_figures_outside_any_event(result: DocumentResult) -> None:
    result.events[1].date.month = 13
    n_figures = sum(len(e.figures) for e in result.events)
    rows = validate_result(result)
    assert len(rows.events) == 2
    assert len(rows.figures) == n_figures
    assert any(f["event_id"] is None for f in rows.figures)


def test_span_that_does_not_slice_the_text_is_dropped(result: DocumentResult) -> None:
    ev = result.events[0]
    result.events[0] = Event(seq=ev.seq, start=ev.start + 1, end=ev.end, text=ev.text, activity_type="meeting")
    rows = validate_result(result)
    assert len(rows.events) == 2
    assert any("does not slice" in p["message"] for p in rows.problems)


def test_bad_figure_is_dropped_alone(result: DocumentResult) -> None:
    good = result.events[2].figures[0]
    bad = Figure(value=-1.0, value_text=good.value_text, unit=good.unit, category=good.category,
                 start=good.start, end=good.end)
    result.events[2].figures.append(bad)
    rows = validate_result(result)
    assert len(rows.events) == 3
    assert len([f for f in rows.figures if f["value"] == good.value]) == 1
    assert any(d["field"] == "value" and d["value"] == -1.0 for d in _details(rows.problems))


def test_document_row_failing_validation_still_gets_a_rejected_row(result: DocumentResult) -> None:
    result.script = "klingon"
    rows = validate_result(result)
    (doc,) = rows.documents
    assert doc["status"] == "rejected" and "failed validation" in doc["error"]
    assert rows.events == [] and rows.figures == []
    assert any(d["field"] == "script" and d["value"] == "klingon" for d in _details(rows.problems))


def test_every_row_validates(result: DocumentResult) -> None:
    rows = validate_result(result)
    for model, table in ((DocumentRow, rows.documents), (EventRow, rows.events), (FigureRow, rows.figures),
                         (ProblemRow, rows.problems)):
        for row in table:
            model.model_validate(row)


def test_problem_with_an_unknown_stage_is_kept_not_fatal(result: DocumentResult) -> None:
    from partyevents.records import Problem

    result.problems.append(Problem("plugin", "fatal", "something odd", None))
    rows = validate_result(result)
    assert len(rows.events) == 3
    odd = [p for p in rows.problems if p["message"] == "something odd"]
    assert odd and odd[0]["stage"] == "validate" and odd[0]["severity"] == "error"


def test_validate_never_raises(result: DocumentResult) -> None:
    result.events.append("not an event")  # type: ignore[arg-type]
    rows = validate_result(result)
    (doc,) = rows.documents
    assert doc["status"] == "rejected" and "internal error in validate" in doc["error"]
    assert rows.events == [] and rows.problems[0]["severity"] == "error"
