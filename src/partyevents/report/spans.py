"""Highlight spans for the review report: where each extracted value sits in the text.

Figures and events carry their spans; dates, places and organizations do not,
so they are found again by string search inside their event's span.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

#: Span kinds, in the order they win when two spans overlap.
KINDS = ("FIGURE", "DATE", "ORG", "PLACE")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch ``[start, end)`` of a document's text."""

    start: int
    end: int
    label: str


def present(value: Any) -> bool:
    """True for a usable scalar value (not None, NaN or pandas NA).

    >>> present("x"), present(None), present(float("nan")), present(pd.NA), present(0)
    (True, False, False, False, True)
    """
    if value is None or isinstance(value, (list, tuple)):
        return value is not None
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def find_in(text: str, needle: object, lo: int, hi: int, label: str) -> Span | None:
    """The first occurrence of ``needle`` in ``text[lo:hi]`` as a span, or None.

    >>> find_in("12月4日樊城区召开会议", "樊城区", 0, 12, "PLACE")
    Span(start=5, end=8, label='PLACE')
    >>> find_in("12月4日樊城区召开会议", "襄州区", 0, 12, "PLACE") is None
    True
    """
    if not isinstance(needle, str) or not needle:
        return None
    at = text.find(needle, lo, hi)
    return None if at < 0 else Span(at, at + len(needle), label)


def find_all_in(text: str, needle: object, lo: int, hi: int, label: str, limit: int = 5) -> list[Span]:
    """Up to ``limit`` occurrences of ``needle`` in ``text[lo:hi]``.

    >>> [s.start for s in find_all_in("樊城区委在樊城区召开会议", "樊城区", 0, 12, "PLACE")]
    [0, 5]
    """
    out: list[Span] = []
    while len(out) < limit and (span := find_in(text, needle, lo, hi, label)) is not None:
        out.append(span)
        lo = span.end
    return out


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans: on overlap the higher-priority kind wins, then the longer span.

    >>> resolve([Span(0, 5, "PLACE"), Span(3, 8, "FIGURE"), Span(9, 12, "DATE")])
    [Span(start=3, end=8, label='FIGURE'), Span(start=9, end=12, label='DATE')]
    >>> resolve([Span(2, 2, "DATE"), Span(0, 4, "ORG"), Span(0, 2, "PLACE")])
    [Span(start=0, end=4, label='ORG')]
    """
    rank = {k: i for i, k in enumerate(KINDS)}
    ordered = sorted((s for s in spans if s.end > s.start),
                     key=lambda s: (rank.get(s.label, len(KINDS)), -(s.end - s.start), s.start))
    kept: list[Span] = []
    for s in ordered:
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def bounds(text: str, start: object, end: object) -> tuple[int, int] | None:
    """``(start, end)`` as ints when both are present and form a non-empty span inside ``text``.

    >>> bounds("abc", 1, 3), bounds("abc", 2, 9), bounds("abc", None, 2)
    ((1, 3), None, None)
    """
    if not (present(start) and present(end)):
        return None
    s, e = int(start), int(end)  # type: ignore[call-overload]
    return (s, e) if 0 <= s < e <= len(text) else None


def event_spans(text: str, event: Mapping[Any, Any]) -> list[Span]:
    """Date, place and organization spans found inside one event's span of ``text``.

    >>> ev = dict({"char_start": 0, "char_end": 13, "date_text": "12月4日", "locality": "樊城区",
    ...                 "township": None, "organization": "樊城区委", "organizations": ["樊城区委", "团区委"]})
    >>> [(s.label, "12月4日樊城区委召开会议"[s.start:s.end]) for s in resolve(event_spans("12月4日樊城区委召开会议", ev))]
    [('DATE', '12月4日'), ('ORG', '樊城区委')]
    """
    span = bounds(text, event.get("char_start"), event.get("char_end"))
    if span is None:
        return []
    lo, hi = span
    found = [find_in(text, event.get("date_text"), lo, hi, "DATE")]
    for col in ("locality", "community", "township", "county", "prefecture", "province"):
        found.extend(find_all_in(text, event.get(col), lo, hi, "PLACE"))  # one inside an ORG name may hide
    orgs = event.get("organizations")
    names = [event.get("organization"), *(list(orgs) if orgs is not None and not isinstance(orgs, str) else [])]
    found.extend(find_in(text, name, lo, hi, "ORG") for name in names)
    return [s for s in found if s is not None]


def figure_spans(text: str, figures: Iterable[Mapping[Any, Any]]) -> list[Span]:
    """Spans of the figures whose offsets point at their ``value_text`` (others are skipped).

    >>> figure_spans("上门宣传400余户", [{"char_start": 4, "char_end": 9, "value_text": "400余户"},
    ...                                 {"char_start": 0, "char_end": 3, "value_text": "bad"}])
    [Span(start=4, end=9, label='FIGURE')]
    """
    out = []
    for row in figures:
        span = bounds(text, row.get("char_start"), row.get("char_end"))
        if span and text[span[0]:span[1]] == row.get("value_text"):
            out.append(Span(span[0], span[1], "FIGURE"))
    return out


def clip(spans: Iterable[Span], lo: int, hi: int) -> list[dict[str, object]]:
    """Spans lying wholly inside ``[lo, hi)``, re-based to ``lo``, in displacy's manual format.

    >>> clip([Span(2, 4, "DATE"), Span(5, 12, "ORG")], 1, 10)
    [{'start': 1, 'end': 3, 'label': 'DATE'}]
    """
    return [{"start": s.start - lo, "end": s.end - lo, "label": s.label} for s in spans if lo <= s.start and s.end <= hi]
