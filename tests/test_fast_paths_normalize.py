"""Fast paths of the normalize stage against their plain forms: the furniture test by a line's first character,
the inline patterns behind their first-character look-ahead, and the rare-character table."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents import normalize as nz

# openings of furniture lines and of prose, so that drawn lines start where the anchored alternatives do
_LINE_BITS = ["首页", " > ", "当前位置:", "上一篇:", "版权所有", "Copyright", "12:30", "编辑:王某", "摄影/李某",
              "【打印】", "关闭窗口", "http://a.cn", "·请遵守", "2021-05-06", "某社区开展活动,", "共30人参加。", "(", "]",
              "热线:", "值班电话:", "©", "  ", "a", "7", "。", "扫一扫", "责任编辑 张三"]


def _plain_is_furniture(line: str, searches: tuple[re.Pattern[str], ...] | None = None) -> bool:
    """:func:`normalize._is_furniture` trying every anchored alternative on every line."""
    anchored, rest = nz._furniture_res()
    if anchored is not None and anchored.match(line):
        return True
    return any(p.search(line) for p in (rest if searches is None else searches))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINE_BITS), max_size=5).map("".join))
def test_furniture_by_first_character_is_the_plain_test(line: str) -> None:
    assert nz._is_furniture(line) == _plain_is_furniture(line)


def test_furniture_by_first_character_on_sample_lines() -> None:
    lines = [line for text in samples() for line in text.split("\n")]
    openings = [line for a in nz._anchored_alternatives() for line in (a.lstrip("^(?:")[:6],)]
    for line in [*lines, *openings, ""]:
        assert nz._is_furniture(line) == _plain_is_furniture(line), line


_INLINE_BITS = ["(线索提供人:王某)", "(上接第2版)", " 责任编辑:张三", "(记者 李四)", "。", "欢迎光临本站2021",
                "ab cd", " x y ", "某镇召开会议", "\n", ":", "(来源:某网)", "A"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_INLINE_BITS), max_size=8).map("".join))
def test_inline_patterns_chosen_as_by_plain_searches(joined: str) -> None:
    present = nz.present_literals(joined)
    pats = nz.boilerplate_patterns().get("inline", ())
    plain = tuple(i for i, p in enumerate(pats) if p.search(joined) is not None)
    fast = nz._inline_for(joined, present)
    assert (fast.pattern if fast is not None else None) == (
        nz._inline_alternation(plain).pattern if plain else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("施工爸辽僖矐該測試\ue000\uf8ff\uf900\uffff\U00020000\U000f0000\ud800ab 1"),
               max_size=40))
def test_rare_table_matches_the_class_beyond_the_han_block(text: str) -> None:
    rare, _ = nz._rare_char_re()
    assert nz._rare_hits(text) == [m.start() for m in rare.finditer(text)]


_TEXT_BITS = ["粤ICP备12345号", "版权所有", "网站地图", "上一篇:a 下一篇:b", " > x > ", "Processed in 0.1 second",
              "某社区开展活动。", "\n", "已有12人参与", "a.jpg", "读完约需3分钟", "二维码下载"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_BITS), max_size=8).map("".join))
def test_furniture_searches_are_the_plain_per_pattern_checks(joined: str) -> None:
    present = nz.present_literals(joined)
    plain = tuple(p for p in nz._furniture_res()[1] if nz._may_match_a_line(p, joined, present))
    assert nz._furniture_searches(joined, present) == plain
