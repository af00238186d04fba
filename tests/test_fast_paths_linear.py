"""Issue 19.16: the scans that grew with the square of a long line, and their plain forms.

Each fast form is checked against its plain form (Hypothesis and hand-made shapes), and its work is
counted (characters read, not seconds) at two sizes of a page built to stress it: twice the text must
cost about twice the work.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import match_spans, plain_figures, window
from partyevents import segment as sg
from partyevents.extract import dates, figures
from partyevents.extract.dates import DateExpr, find_date_expressions
from partyevents.extract.numerals import NUMERAL_CHARS

# ---- figures: the start scan skips a run of numerals that reaches no measure word

@pytest.mark.parametrize("text", [
    "一" * 300, "一二三四五六七八九十" * 30, "1至" * 200, "1万" * 200, "约" * 100 + "3名", "千" * 50 + "克",
    "两" * 80 + "个", "1至" * 50 + "5名党员", "1千" * 100, "1千" * 50 + "克", "1千" * 40 + "名" + "1千" * 40, "约1千" * 30,
    "1千1至1千" * 20, "1.1.1千" * 30, "十1千" * 30 + "人", "壹佰1千" * 20 + "元", "三" * 40 + "约五十余人", "第一二三" * 20 + "四个", "12.5.6.7" * 20 + "份",
])
def test_figure_matches_on_long_numeral_runs_are_the_plain_matches(text: str) -> None:
    g = figures._grammar()
    for start, end in [(0, len(text)), (1, len(text)), (3, len(text) - 2), (len(text) // 2, len(text))]:
        assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(plain_figures(text, start, end))


_RUN_PIECES = st.one_of(
    st.sampled_from([*figures._PRE_WORDS, *figures._SEPS, *figures._grammar().units, "余", "多", "几", ".", "第",
                     "党员", "。"]),
    st.text(alphabet="0123456789", min_size=1, max_size=12),
    st.text(alphabet=NUMERAL_CHARS, min_size=1, max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_RUN_PIECES, max_size=14), st.data())
def test_figure_matches_with_runs_of_numerals_are_the_plain_matches(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start, end = window(data, text)
    g = figures._grammar()
    assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(plain_figures(text, start, end))


class _CountingPattern:
    """A compiled pattern that adds up the characters its ``match`` calls run over."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.read, self.calls = pattern, 0, 0

    def match(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        self.calls += 1
        m = self.pattern.match(text, pos, end)
        self.read += (m.end() - pos) if m else 1
        return m

    def search(self, text: str, pos: int, end: int) -> re.Match[str] | None:
        m = self.pattern.search(text, pos, end)
        self.read += (m.end() if m else end) - pos
        return m


def _figure_scan_work(unit: str, chars: int) -> int:
    g = figures._grammar()
    head, run = _CountingPattern(g.head_re), _CountingPattern(g.run_re)
    counted = figures._Grammar(**{**{f: getattr(g, f) for f in g.__dataclass_fields__}, "head_re": head, "run_re": run})
    text = "社区开展活动。" + unit * (chars // len(unit))
    figures._figure_matches(counted, text, 0, len(text))
    return head.read + run.read


@pytest.mark.parametrize("unit", ["一二三四五六七八九十", "一", "1至", "1万", "1千", "2022年", "1234567890"])
def test_the_figure_start_scan_reads_each_character_a_bounded_number_of_times(unit: str) -> None:
    small, large = _figure_scan_work(unit, 25_000), _figure_scan_work(unit, 50_000)
    assert large <= 2.2 * small
    assert large <= 3 * 50_000


@pytest.mark.parametrize(("unit", "tries"), [("1千", 1), ("1千1至", 2500), ("约1千", 2 * 3333)])
def test_a_number_that_is_no_figure_is_tried_once_not_from_each_of_its_digits(unit: str, tries: int) -> None:
    g = figures._grammar()
    figure_re = _CountingPattern(g.figure_re)
    counted = figures._Grammar(**{**{f: getattr(g, f) for f in g.__dataclass_fields__}, "figure_re": figure_re})
    text = "社区开展活动。" + unit * (10_000 // len(unit))
    assert figures._figure_matches(counted, text, 0, len(text)) == []
    assert figure_re.calls <= tries


# ---- segment: a date opens a sentence, a date stands in quotes

_LINE_PIECES = st.one_of(
    st.sampled_from(["2022年", "12月1日", "3月", "次日", "第二天", "当天", "2022-12-01", "自", "从", "在", "于", "。", ";",
                     "!", ",", " ", "\u3000", "“", "”", "《", "》", "\"", "●", "(", "-", "社区", "开展活动", "党员",
                     ":", "：", "甲镇", "二是", "甲乙丙丁戊己庚辛壬癸"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, min_size=1, max_size=16))
def test_opens_and_quotes_are_the_plain_checks(pieces: list[str]) -> None:
    text = "".join(pieces)
    exprs = find_date_expressions(text)
    for line in sg.split_lines(text):
        for e in exprs:
            assert sg._opens(line, e) == sg._opens_plain(line, e)
        for skip in (0, 1):
            quotes = sg._Quotes(line.text, skip)
            for pos in range(-2, len(line.text) + 2):
                assert quotes.inside(pos) == sg._in_quotes(line.text[skip:], pos)


@pytest.mark.parametrize(("text", "at"), [
    ("社区开展活动。 “自2022年起", 10), ("自2022年", 1), ("●从2022年", 2), ("从在2022年", 2), ("甲2022年", 1),
    ("。自", 2), ("", 0), ("abc", 5), ("abc", -1),
])
def test_opens_agrees_with_the_plain_check_in_tricky_shapes(text: str, at: int) -> None:
    line, e = sg.Line(0, len(text), text), DateExpr(at, at, "")
    assert sg._opens(line, e) == sg._opens_plain(line, e)


class _CountingStr(str):
    """A line's text that counts the characters read through indexing and slicing."""

    read = 0

    def __getitem__(self, key: int | slice) -> str:  # type: ignore[override]
        got = str.__getitem__(self, key)
        _CountingStr.read += len(got) if isinstance(key, slice) else 1
        return got


def _segment_work(unit: str, chars: int) -> int:
    text = "社区开展活动。" + unit * (chars // len(unit))
    exprs = find_date_expressions(text)
    line = sg.Line(0, len(text), _CountingStr(text))
    _CountingStr.read = 0
    sg._opening_date(line, exprs)
    sg._sentence_openers(line, exprs, -1)
    for e in exprs:
        sg._opens(line, e)
    return _CountingStr.read


@pytest.mark.parametrize("unit", ["2022年", "12月1日", "2022-12-01 ", "“2022年”", "次日"])
def test_the_sentence_opener_checks_read_each_character_a_bounded_number_of_times(unit: str) -> None:
    small, large = _segment_work(unit, 25_000), _segment_work(unit, 50_000)
    assert small > 0
    assert large <= 2.2 * small
    assert large <= 4 * 50_000


# ---- dates: whether a match starts inside an earlier expression or a title

@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 12)), max_size=8))
def test_spans_cover_what_the_plain_check_covers(spans: list[tuple[int, int]]) -> None:
    pairs = [(s, s + n) for s, n in spans]
    covered = dates._Spans(pairs)
    for x in range(-1, 45):
        assert covered.covers(x) == any(s <= x < t for s, t in pairs)


def _python_calls(run: Callable[[], object]) -> int:
    """Python function calls and generator steps made by ``run``: a work count that no machine load changes."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        run()
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("unit", ["次日12月1日", "《2022年》", "12月1日,1日", "当天1号", "2022年", "12月1日", "2022-12-01 "])
def test_the_date_scan_and_the_body_year_do_work_linear_in_the_page(unit: str) -> None:
    def work(chars: int) -> int:
        text = "社区开展活动。" + unit * (chars // len(unit))
        dates._document_expressions.cache_clear()
        return _python_calls(lambda: (dates.body_year(text), sg.segment(text)))

    small, large = work(25_000), work(50_000)
    assert small > 0
    assert large <= 2.2 * small
