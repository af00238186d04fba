"""Figures: counts and amounts with their unit, the thing counted and a category.

First working version (the foundation): Arabic numerals with 万 and a
qualifier, followed by a measure word.
"""

from __future__ import annotations

import re

from ..records import Figure

_FIG_RE = re.compile(r"(?P<num>[0-9]+(?:\.[0-9]+)?)(?P<wan>万)?(?P<q>余|多)?(?P<unit>人次|场次|名|人|户|次|场|个|支|家|项|起|份|万元|元)")
_CATEGORY = {"户": "households", "人次": "person_times", "次": "sessions", "场": "sessions", "场次": "sessions",
             "人": "people", "名": "people", "元": "money_cny", "万元": "money_cny"}


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Figures in ``text[start:end]`` with document offsets."""
    end = len(text) if end is None else end
    out: list[Figure] = []
    for m in _FIG_RE.finditer(text, start, end):
        before = text[max(0, m.start() - 1) : m.start()]
        if before.isdigit() or text[m.end() : m.end() + 1] in ("年", "月", "日"):
            continue
        value = float(m["num"]) * (10000 if m["wan"] else 1)
        unit = m["unit"]
        if unit == "万元":
            value, unit = value * 10000, "元"
        out.append(Figure(value=value, value_text=m.group(), unit=unit, category=_CATEGORY.get(unit, "other"),
                          start=m.start(), end=m.end(), approximate=bool(m["q"])))
    return out
