"""Assemble the review report: one self-contained HTML page (charts, document list, per-document views)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
from spacy import displacy

from .page import PAGE
from .spans import Span, bounds, clip, event_spans, figure_spans, present, resolve

#: Highlight colours per span kind (displacy ``colors`` option).
COLORS = {"DATE": "#ffd966", "PLACE": "#9fc5e8", "ORG": "#b6d7a8", "FIGURE": "#f4b183"}
CHAIN = ("province", "prefecture", "county", "township", "community")
FIGURE_COLUMNS = ("volunteers", "party_members", "households", "people", "person_times", "sessions")


def fmt(value: object) -> str:
    """A cell value as escaped text; empty for nulls, lists joined with ``、``.

    >>> fmt(None), fmt(float("nan")), fmt(["a", "<b>"]), fmt(3)
    ('', '', 'a、&lt;b&gt;', '3')
    """
    if value is not None and not isinstance(value, str) and hasattr(value, "__iter__"):
        return html.escape("、".join(str(v) for v in value if present(v)))
    return html.escape(str(value)) if present(value) else ""


def date_label(event: Mapping[Any, Any]) -> str:
    """The resolved date of an event as far as it is known, e.g. ``2022-12-04``, ``?-12-04``, ``2022-12-01 – 2022-12-03``.

    >>> date_label({"year": None, "month": 12, "day": 4, "date_end": None, "date_since": True})
    '?-12-04 起'
    >>> date_label({"year": None, "month": 10, "day": 19, "date_end": None, "month_end": 10, "day_end": 20})
    '?-10-19 – 10-20'
    """
    parts: list[Any] = [event.get("year"), event.get("month"), event.get("day")]
    if not any(present(p) for p in parts):
        return ""
    text = "-".join(f"{int(p):02d}" if present(p) else "?" for p in parts)
    if present(event.get("date_end")):
        text += f" – {event.get('date_end')}"
    elif present(event.get("day_end")):  # a range whose year is unknown: its end's month and day
        end_month: Any = event.get("month_end")
        end_day: Any = event.get("day_end")
        text += f" – {int(end_month):02d}-" if present(end_month) else " – ?-"
        text += f"{int(end_day):02d}"
    if present(event.get("date_since")) and bool(event.get("date_since")):
        text += " 起"
    return text


def render_spans(text: str, ents: list[dict[str, object]]) -> str:
    """``text`` with ``ents`` (sorted, non-overlapping, relative offsets) highlighted by displacy."""
    return str(displacy.render({"text": text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                               options={"colors": COLORS}))


Row = Mapping[Any, Any]  # a table row as a dict (column -> value)


def event_card(event: Row, figures: list[Row]) -> str:
    """The field table shown beside an event's text."""
    chain = " › ".join(fmt(event.get(c)) for c in CHAIN if present(event.get(c)))
    if present(event.get("adcode")):
        chain += f" <small>({fmt(event.get('adcode'))})</small>"
    figs = "".join(f"<li><b>{fmt(f.get('value_text'))}</b> {fmt(f.get('category'))}"
                   f"{' · ' + fmt(f.get('noun')) if present(f.get('noun')) else ''}</li>" for f in figures)
    rows = [("date", f"{date_label(event)} <small>{fmt(event.get('date_text'))}</small>"),
            ("locality", f"{fmt(event.get('locality'))} <small>{fmt(event.get('locality_level'))}</small>"),
            ("chain", chain), ("organizer", fmt(event.get("organization"))),
            ("organizations", fmt(event.get("organizations"))),
            ("activity", f"<b>{fmt(event.get('activity_type'))}</b> <small>{fmt(event.get('activity_types'))}</small>"),
            ("section", fmt(event.get("section"))), ("figures", f"<ul>{figs}</ul>" if figs else "")]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v.strip(" <>/smal"))
    return f'<table class="card"><caption>event {fmt(event.get("seq"))}</caption>{body}</table>'


def _start(event: Row) -> float:
    value: Any = event.get("char_start")
    return float(value) if present(value) else float("inf")


def document_view(doc: Row, events: list[Row], figures: list[Row], problems: list[Row]) -> str:
    """One document: its header, problems, and its text in blocks, each event's text beside its row."""
    raw = doc.get("text")
    text = raw if isinstance(raw, str) else ""
    events = sorted(events, key=_start)
    spans: list[Span] = figure_spans(text, figures)
    for ev in events:
        spans.extend(event_spans(text, ev))
    spans = resolve(spans)
    meta = " · ".join(f"{k}: {fmt(doc.get(k))}" for k in ("status", "published_date", "published_date_source",
                                                          "encoding", "script", "n_events") if present(doc.get(k)))
    parts = [f'<h3>{fmt(doc.get("title")) or fmt(doc.get("source_path"))}</h3>',
             f'<p class="meta">{fmt(doc.get("source_path"))} · {fmt(doc.get("doc_id"))}<br>{meta}</p>']
    if present(doc.get("error")):
        parts.append(f'<p class="error">{fmt(doc.get("error"))}</p>')
    if problems:
        items = "".join(f'<li class="{fmt(p.get("severity"))}"><b>{fmt(p.get("severity"))}</b> '
                        f'[{fmt(p.get("stage"))}] {fmt(p.get("message"))}'
                        f'{" <code>" + fmt(str(p.get("detail"))[:300]) + "</code>" if present(p.get("detail")) else ""}'
                        "</li>" for p in problems)
        parts.append(f'<ul class="problems">{items}</ul>')
    by_event: dict[object, list[Row]] = {}
    for f in figures:
        by_event.setdefault(f.get("event_id"), []).append(f)
    pos = 0
    for ev in events:
        span = bounds(text, ev.get("char_start"), ev.get("char_end"))
        if span is not None and span[0] < pos:  # overlaps the previous event: show its own text only
            span = None
        if span is not None and span[0] > pos:
            parts.append(_gap(text, pos, span[0], spans))
        own = ev.get("text")
        ev_text = text[span[0]:span[1]] if span else (own if isinstance(own, str) else "")
        ents = clip(spans, *span) if span else []
        ev_figs = by_event.get(ev.get("event_id"), []) if present(ev.get("event_id")) else []
        parts.append(f'<div class="event"><div class="etext">{render_spans(ev_text, ents)}</div>'
                     f"{event_card(ev, ev_figs)}</div>")
        if span:
            pos = span[1]
    if pos < len(text):
        parts.append(_gap(text, pos, len(text), spans))
    return "".join(parts)


def _gap(text: str, lo: int, hi: int, spans: list[Span]) -> str:
    """Text outside any event, greyed, with only its own highlights (nothing for bare whitespace)."""
    if not text[lo:hi].strip():
        return ""
    return f'<div class="gap">{render_spans(text[lo:hi], clip(spans, lo, hi))}</div>'


def _chart_block(charts: dict[str, str]) -> str:
    """The charts; the county map (key ``map``, optional) gets a full-width figure of its own."""
    return "".join(f'<figure class="{"map" if name == "map" else "chart"}" id="chart-{name}">{svg}</figure>'
                   for name, svg in charts.items())


def _doc_index(documents: pd.DataFrame, viewed: set[str], problems: pd.DataFrame) -> str:
    """The document list as JSON for the page's script (``</`` escaped so it cannot close the script tag)."""
    counts = problems["doc_id"].value_counts().to_dict() if "doc_id" in problems.columns else {}
    rows = [{"id": fmt(d.get("doc_id")), "path": fmt(d.get("source_path")), "title": fmt(d.get("title")),
             "status": fmt(d.get("status")), "events": int(d["n_events"]) if present(d.get("n_events")) else 0,
             "problems": int(counts.get(d.get("doc_id"), 0)), "view": d.get("doc_id") in viewed}
            for d in documents.to_dict("records")]
    return json.dumps(rows, ensure_ascii=False).replace("</", "<\\/")


def _by_doc(frame: pd.DataFrame, wanted: set[str]) -> dict[object, list[Row]]:
    """The rows of ``frame`` belonging to the ``wanted`` documents, as plain dicts grouped by doc_id."""
    out: dict[object, list[Row]] = {}
    if "doc_id" in frame.columns:
        for row in frame[frame["doc_id"].isin(wanted)].to_dict("records"):
            out.setdefault(row.get("doc_id"), []).append(row)
    return out


def render_html(title: str, documents: pd.DataFrame, events: pd.DataFrame, figures: pd.DataFrame,
                problems: pd.DataFrame, charts: dict[str, str], max_docs: int) -> str:
    """The whole report page; per-document views for the first ``max_docs`` documents."""
    docs = documents.head(max_docs)
    wanted = set(docs["doc_id"]) if "doc_id" in docs.columns else set()
    ev_rows, fig_rows, pr_rows = (_by_doc(frame, wanted) for frame in (events, figures, problems))
    views = []
    for doc in docs.to_dict("records"):
        did = doc.get("doc_id")
        view = document_view(doc, ev_rows.get(did, []), fig_rows.get(did, []), pr_rows.get(did, []))
        views.append(f'<section class="doc" id="doc-{fmt(did)}" hidden>{view}</section>')
    loose = problems[problems["doc_id"].isna()] if "doc_id" in problems.columns else problems[:0]
    loose_html = "".join(f"<li><b>{fmt(p.severity)}</b> {fmt(p.source_path)}: {fmt(p.message)}</li>"
                         for p in loose.itertuples(index=False))
    legend = "".join(f'<span class="key" style="background:{c}">{k}</span>' for k, c in COLORS.items())
    capped = (f"<p class=\"meta\">Views are included for the first {len(docs)} of {len(documents)} documents "
              f"(raise <code>--max-docs</code> for more).</p>" if len(docs) < len(documents) else "")
    fills = {
        "TITLE": html.escape(title),
        "SUMMARY": (f"{len(documents)} documents · {len(events)} events · {len(figures)} figures · "
                    f"{len(problems)} problems"),
        "CHARTS": _chart_block(charts),
        "LOOSE": f'<h3>Problems outside any document</h3><ul class="problems">{loose_html}</ul>' if loose_html else "",
        "LEGEND": legend, "CAPPED": capped, "VIEWS": "".join(views),
        "INDEX": _doc_index(documents, wanted, problems),
    }
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: fills[m.group(1)], PAGE)
