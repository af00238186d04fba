"""The numbers the README shows for the samples are the ones the pipeline gives (figures, event totals and the
per-county example)."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import partyevents

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _table(header_start: str) -> list[dict[str, str]]:
    """The rows of the README's markdown table whose header starts with ``header_start``."""
    lines = README.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    names = [c.strip() for c in lines[at].strip("|").split("|")]
    rows = []
    for line in lines[at + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(names, (c.strip() for c in line.strip("|").split("|")), strict=True)))
    return rows


def _blank(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Any:
    return partyevents.load(sample_out)


def _digest(tables: Any) -> str:
    docs = tables.documents
    return str(docs[docs.source_path.map(lambda p: Path(str(p)).name.startswith("000_"))].doc_id.iloc[0])


def test_the_figures_table_shows_what_the_pipeline_finds(tables: Any) -> None:
    rows = _table("| value_text |")
    assert len(rows) >= 5 and {r["kind"] for r in rows} >= {"count", "cumulative"}
    figs = tables.figures[tables.figures.doc_id == _digest(tables)]
    found = {(f.value_text, float(f.value), f.unit, None if _blank(f.noun) else f.noun, f.category,
              bool(f.approximate), f.kind) for f in figs.itertuples()}
    for r in rows:
        shown = (r["value_text"], float(r["value"]), r["unit"], r["noun"] or None, r["category"],
                 r["approximate"] == "True", r["kind"])
        assert shown in found


def test_the_event_totals_shown_are_the_count_figures(tables: Any) -> None:
    rows = _table("| date_text |")
    events = tables.events[tables.events.doc_id == _digest(tables)]
    for r in rows:
        same_day = events[events.date_text == r["date_text"]]
        totals = {(None if _blank(e.households) else int(e.households), None if _blank(e.people) else int(e.people))
                  for e in same_day.itertuples()}
        shown = (int(r["households"]) if r["households"] else None, int(r["people"]) if r["people"] else None)
        assert shown in totals, r["date_text"]


def test_the_per_county_example_prints_the_numbers_shown(tables: Any) -> None:
    block = next(b for b in re.findall(r"```python\n(.*?)```", README, re.S) if "mobilized" in b)
    code = "\n".join(line for line in block.splitlines() if not line.startswith(("import ", "t = ")))
    shown = [line.split()[1:] for line in block.splitlines() if re.match(r"# \S+\s+\d{4}\s+\d+\s+[\d.]+$", line)]
    assert shown, "the README shows the example's output"
    scope: dict[str, Any] = {"t": tables, "ev": tables.events}
    exec(compile(code, "README.md", "exec"), scope)  # the snippet as a reader would run it
    mobilized = scope["mobilized"]
    assert (mobilized.kind == "count").all()
    result = mobilized.groupby(["county", "year", "month"])["value"].sum()
    assert [[str(c), str(y), str(m), f"{v:.1f}"] for (c, y, m), v in result.items()] == shown
    # the sum the README gives for the same county and month without the kind filter
    county, year, month = shown[0][0], int(shown[0][1]), int(shown[0][2])
    without = int(re.search(r"Without `kind == \"count\"` it would be (\d+)", README)[1])  # type: ignore[index]
    figs = scope["figs"]
    same = figs[(figs.county == county) & (figs.year == year) & (figs.month == month)
                & figs.category.isin(["volunteers", "party_members", "people"])]
    assert same.value.sum() == without
