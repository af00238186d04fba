"""Report charts keep their text as text: Chinese labels render in the reader's browser without a CJK font
where the report is built, and building it warns about no missing glyph."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

from partyevents import load
from partyevents.report import charts, render_report


@pytest.fixture
def no_cjk_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a machine without any CJK font installed."""
    monkeypatch.setattr(charts, "cjk_font", lambda: None)


def test_report_without_a_cjk_font_has_the_chinese_labels_as_text(sample_out: Path, no_cjk_font: None) -> None:
    tables = load(sample_out)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        page = render_report(tables)
    assert [str(w.message) for w in caught] == []
    texts = set(re.findall(r"<text [^>]*>([^<]+)</text>", page))
    for label in set(tables.events["county"].dropna()) | set(tables.events["township"].dropna()):
        assert label in texts
    assert "Events by county (区/县)" in texts
    assert 'id="DejaVuSans-' not in page  # no glyphs drawn as paths


def test_svg_text_asks_the_browser_for_a_cjk_font(no_cjk_font: None) -> None:
    import pandas as pd

    svg = charts.to_svg(charts.bar_chart(pd.Series([4, 2], index=["王寨街道", "米公祠社区"]), "乡镇", "events",
                                         "township", horizontal=True))
    styles = re.findall(r'<text style="([^"]*)"[^>]*>[^<]*[\u4e00-\u9fff]', svg)
    assert len(styles) == 3 and all("'Noto Sans CJK SC'" in s and "sans-serif" in s for s in styles)


def test_wide_totals_get_few_short_ticks() -> None:
    import pandas as pd

    fig = charts.bar_chart(pd.Series([650015, 127450, 99], index=["person_times", "party_members", "volunteers"]),
                           "totals", "sum of values", "category", horizontal=True)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert 2 <= len(labels) <= 7
    assert all(len(label) <= 5 for label in labels), labels
    assert any(label.endswith("k") for label in labels)
