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
