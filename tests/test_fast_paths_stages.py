"""Issue 20: the cheaper per-document forms of the date, segment, figure and validate stages, each checked against
its plain form (Hypothesis and hand-made shapes)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import match_spans, plain_figures
from partyevents import segment as sg
from partyevents.extract import dates, figures

_CAPTION_PIECES = st.one_of(
    st.sampled_from(["图为", "▲", "△", "摄", "(", ")", "(", ")", "记者", "通讯员", " ", "\u3000", "王某", "社区", "。",
                     "开展活动", "张三 摄", "(李四摄)"]),
    st.text(alphabet="图为摄记者通讯员()() 甲乙▲△", max_size=6),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CAPTION_PIECES, max_size=10))
def test_caption_check_is_the_plain_search(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert sg._is_caption(line) == (sg._CAPTION.search(line) is not None)


@pytest.mark.parametrize(("line", "caption"), [
    ("图为志愿者在社区打扫卫生", True), ("▲党员志愿者入户走访", True), ("志愿者入户走访(王小明摄)", True),
    ("记者 李华 摄", True), ("通讯员张三摄", True), ("摄影比赛在社区举行。", False), ("甲社区开展活动。", False),
    ("活动现场(摄)", False),
])
def test_caption_check_in_hand_made_lines(line: str, caption: bool) -> None:
    assert sg._is_caption(line) is caption
    assert (sg._CAPTION.search(line) is not None) is caption


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789/._-tTab", max_size=30))
def test_the_cached_path_date_is_the_plain_one(path: str) -> None:
    assert dates.path_date(path) == dates.path_date.__wrapped__(path)
    assert dates.path_date(path) == dates.path_date.__wrapped__(path)  # from the cache the second time


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=2 * dates._FEW), st.integers(-2, 60))
def test_spans_of_few_or_many_expressions_cover_as_any(spans: list[tuple[int, int]], x: int) -> None:
    found = [dates.DateExpr(s, s + n, "x" * n) for s, n in spans]
    assert dates._spans_of(found).covers(x) == any(e.start <= x < e.end for e in found)


@pytest.mark.parametrize("length", [0, 1, 2, figures._RUN_AHEAD - 1, figures._RUN_AHEAD, figures._RUN_AHEAD + 1,
                                    figures._RUN_AHEAD + 2, 3 * figures._RUN_AHEAD])
@pytest.mark.parametrize(("head", "tail"), [("3", "名党员"), ("约", "人"), ("三", "个村"), ("3", "。"), ("约", "年"),
                                            ("两", "户")])
def test_the_start_scan_reads_ahead_as_far_as_runs_go(length: int, head: str, tail: str) -> None:
    # runs of numerals and separators around the read-ahead's length, ending at a measure word or not
    g = figures._grammar()
    for filler in ("0", "1至", "万", "余"):
        text = "社区有" + head + (filler * length)[:length] + tail + "参加"
        for start, end in [(0, len(text)), (3, len(text)), (0, len(text) - 2), (4, len(text) - 1)]:
            assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(
                plain_figures(text, start, end))


def _plain_body_year(text: str) -> int | None:
    """The body's year as first written: every title found, then the years outside them."""
    titles = [m.span() for m in dates._TITLE_SPAN.finditer(text)]
    this_year = dt.date.today().year
    years = [e.year for e in dates.find_date_expressions(text) if e.year is not None and e.year <= this_year
             and not any(s <= e.start < t for s, t in titles)]
    return max(years) if years else None


_YEAR_PIECES = st.sampled_from(["2021年", "2019年3月", "2099年", "《", "》", "12月4日", "2020-05-06", "甲镇召开会议", "。",
                                "学习《2025年规划》", "去年", "二〇二二年", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_YEAR_PIECES, max_size=10))
def test_body_year_is_the_plain_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert dates.body_year(text) == _plain_body_year(text)
