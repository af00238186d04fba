"""Fast paths of the text stages (normalize, segment, dates) against their plain forms, second round: the anchored
furniture alternatives tried one by one by a line's first and last characters and the literals of the page; a line
without opening quotation marks; the running event's date looked up once."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents import normalize as nz
from partyevents import script
from partyevents import segment as seg
from partyevents.extract import dates
from partyevents.regex_first import edge_class

SAMPLES = samples()

# openings and endings of furniture lines and of prose, so that drawn lines start and end where the anchored
# alternatives do
_LINE_BITS = ["首页", " > ", "当前位置:", "上一篇:", "版权所有", "Copyright", "12:30", "编辑:王某", "摄影/李某", "【打印】",
              "关闭窗口", "http://a.cn", "·请遵守", "2021-05-06", "某社区开展活动,", "共30人参加。", "(", ")", "]", "】",
              "热线:", "值班电话:", "©", "  ", "a", "7", "。", "扫一扫", "责任编辑 张三", "摄", "报道", "字号:大 中 小",
              "浏览次数:12", "来源:某网", "\n", "未经授权,不得转载", "请下载客户端查看", "0", "次", "?", "]", "版"]
_LINES = st.lists(st.sampled_from(_LINE_BITS), max_size=6).map("".join)


def _plain_anchored(line: str) -> bool:
    """Whether one alternation of every anchored alternative matches the line (the plain form)."""
    anchored = nz._anchored_alternation(tuple(range(len(nz._anchored_alternatives()))))
    return anchored is not None and anchored.match(line) is not None


def _plain_is_furniture(line: str) -> bool:
    return _plain_anchored(line) or any(p.search(line) for p in nz._furniture_rest())


@settings(max_examples=500, deadline=None)
@given(_LINES)
def test_edge_classes_hold_the_first_and_last_character_of_every_anchored_match(line: str) -> None:
    for p, first, last, _literals in nz._anchored_patterns():
        m = p.match(line)
        if m is None or not m.group():
            continue
        assert first is None or first.match(line[0]), (p.pattern, line)
        if not line.endswith("\n"):
            assert last is None or last.match(line[-1]), (p.pattern, line)


# (pattern, characters a match may open with, characters none opens with, the same for the end); None: no class
@pytest.mark.parametrize(("pattern", "opens", "never_opens", "ends", "never_ends"), [
    (r"^\s*[^a-c]x$", " dz", "b", "x", "ay"), (r"(?=y)\d|.z", "5.y", "\n", None, None),
    (r"^a(?:b|\W)*$", "a", "b-", "ab-", "c"), (r"^(?:x|y?)$", None, None, None, None),
    (r"^\S++( \S++){0,3} 首页( \S+)*$", "x首", " ", "页x", " "), (r"^a\Z", "a", "b", "a", "b"), (r"^ab", "a", "b", None, None),
])
def test_edge_classes_read_off_hand_written_patterns(pattern: str, opens: str | None, never_opens: str | None,
                                                     ends: str | None, never_ends: str | None) -> None:
    first, last = edge_class(re.compile(pattern)), edge_class(re.compile(pattern), last=True)
    for cls, holds, never in ((first, opens, never_opens), (last, ends, never_ends)):
        assert (cls is None) == (holds is None), pattern
        for ch in holds or "":
            assert cls is not None and cls.match(ch), (pattern, ch)
        for ch in never or "":
            assert cls is not None and not cls.match(ch), (pattern, ch)


@settings(max_examples=500, deadline=None)
@given(_LINES)
def test_furniture_by_edges_and_literals_is_the_plain_test(line: str) -> None:
    plain = _plain_is_furniture(line)
    assert nz._is_furniture(line) == plain
    mask = nz._anchored_mask(nz._present(line))  # what strip_boilerplate passes for a line it did not cut
    assert nz._is_furniture(line, None, mask) == plain


def test_furniture_by_edges_and_literals_on_sample_lines() -> None:
    for text in SAMPLES:
        mask = nz._anchored_mask(nz._present(text))
        for line in text.split("\n"):
            assert nz._is_furniture(line, None, mask) == _plain_is_furniture(line), line


@pytest.mark.parametrize("text", ["", "粤ICP备12345号 (线索提供人:王某) 首页 > 新闻", *SAMPLES[:5]])
def test_present_literals_are_those_of_the_whole_automaton_kept_to_their_patterns(text: str) -> None:
    pats = [*nz.boilerplate_patterns().get("inline", ()), *nz._furniture_rest()]
    mine = {lit for p in pats for lit in nz._literals(p) or ()}
    assert nz.present_literals(text) == frozenset(lit for lit in mine if lit in text)
    every = mine | {lit for *_r, literals in nz._anchored_patterns() for lit in literals or ()}
    assert nz._present(text) == frozenset(lit for lit in every if lit in text)


_PAGE_BITS = ["首页 > 新闻", "当前位置:首页", "上一篇:某镇召开会议", "版权所有 2021", "http://www.a.cn/1.html", "12:30",
              "发布时间:2021-10-29", "12月4日,某社区开展志愿服务,共30余人参加。", "党员进社区开展活动。", "来源:某网",
              "(线索提供人:张三)", "未经授权,不得转载", "(记者 李四)", "编辑:王某", "扫一扫", "【打印】", "2021-05-06",
              "(上接第2版)"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PAGE_BITS), min_size=1, max_size=3).map("".join), max_size=12))
def test_strip_boilerplate_with_the_literal_mask_is_as_without(lines: list[str]) -> None:
    text = "\n".join(lines)
    real = nz._anchored_mask
    try:
        nz._anchored_mask = lambda present: nz._ALL  # type: ignore[assignment]
        expected = nz.strip_boilerplate(text)
    finally:
        nz._anchored_mask = real  # type: ignore[assignment]
    assert nz.strip_boilerplate(text) == expected



def _plain_source_credit(text: str) -> str | None:
    for pattern in nz.boilerplate_patterns().get("credit", ()):
        if (m := pattern.search(text)) is not None:
            return m.group("name")
    return None


def _plain_drop_unrelated(lines: list[str]) -> tuple[list[str], list[str]]:
    has_word = nz._domain_re().search
    if sum(1 for line in lines if has_word(line)) < 2:
        return lines, []
    kept, dropped = [], []
    for line in lines:
        (dropped if len(line) >= 60 and nz._OWN_TIME.match(line) and not has_word(line) else kept).append(line)
    return kept, dropped


def _plain_drop_repeated(lines: list[str]) -> tuple[list[str], list[str]]:
    n = nz._REPEAT_MIN_CHARS
    by_head: dict[str, list[str]] = {}
    for line in lines:
        if len(line) >= n:
            by_head.setdefault(line[:n], []).append(line)
    seen: set[str] = set()
    kept, dropped = [], []
    for line in lines:
        if len(line) >= n:
            longer = by_head[line[:n]]
            if line in seen or (len(longer) > 1 and any(len(o) > len(line) and o.startswith(line) for o in longer)):
                dropped.append(line)
                continue
            seen.add(line)
        kept.append(line)
    return kept, dropped


_PARA_BITS = ["5月3日,", "昨晚10时许,", "某社区党委组织党员清理小区楼道杂物", "党支部", "党员", "记者从某医院了解到两名工人仍在接受治疗",
              "。", "活动现场", "来源:某网", "信息来源:县融媒体中心", "稿源 : 某日报", "\n", " "]
_PARAS = st.lists(st.lists(st.sampled_from(_PARA_BITS), min_size=1, max_size=8).map("".join), max_size=8)


@settings(max_examples=400, deadline=None)
@given(_PARAS)
def test_page_level_paragraph_checks_are_their_plain_forms(lines: list[str]) -> None:
    for extra in ([], lines[:2], [line + "。另一句。" for line in lines[:1]]):
        page = [*lines, *extra]
        assert nz._drop_unrelated(page) == _plain_drop_unrelated(page)
        assert nz.drop_repeated_paragraphs(page) == _plain_drop_repeated(page)
    text = "\n".join(lines)
    assert nz.source_credit(text) == _plain_source_credit(text)


def test_page_level_checks_on_the_samples() -> None:
    for text in SAMPLES:
        lines = text.split("\n")
        assert nz._drop_unrelated(lines) == _plain_drop_unrelated(lines)
        assert nz.drop_repeated_paragraphs(lines + lines[:3]) == _plain_drop_repeated(lines + lines[:3])
        assert nz.source_credit(text) == _plain_source_credit(text)



def _plain_digit_space() -> re.Pattern[str]:
    return re.compile("(?<=[0-9])[ \\t]+(?=" + nz._digit_space_re().pattern.split("(?=", 1)[1])


_PLAIN_RUN_BREAK = re.compile(r"(?<=[。!?”])[ \t]+(?=[\u4e00-\u9fff“0-9])")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("12 \t\t  月个人x。!?”“党,\n"), max_size=60))
def test_space_first_patterns_match_as_their_look_behind_first_forms(text: str) -> None:
    assert nz._digit_space_re().sub("", text) == _plain_digit_space().sub("", text)
    assert [m.span() for m in nz._RUN_BREAK.finditer(text)] == [m.span() for m in _PLAIN_RUN_BREAK.finditer(text)]
    assert (nz._RUN_BREAK.search(text) is None) == (_PLAIN_RUN_BREAK.search(text) is None)


# ---------------------------------------------------------------- segment
_QUOTE_BITS = ["“", "”", "《", "》", "\"", "甲", "某镇召开会议", "。", "3月5日", " ", "\n"]


def _plain_in_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_BITS), max_size=12).map("".join), st.integers(0, 2))
def test_quotes_of_a_line_are_the_plain_prefix_counts(text: str, skip: int) -> None:
    quotes = seg._Quotes(text, skip)  # the first positions counted, the later ones by the listed marks
    for pos in range(-3, len(text) + 3):
        plain = _plain_in_quotes(text[skip:], pos)
        assert quotes.inside(pos) == plain, (text, skip, pos)
        assert seg._Quotes(text, skip).inside(pos) == plain, (text, skip, pos)  # counted


_DATE_BITS = ["3月5日", "2021年", "当天", "近日", ",", "。", "甲镇召开会议", "\n", "上午", "以来", "12日"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), min_size=1, max_size=10).map("".join), st.data())
def test_running_date_is_the_first_expression_of_its_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = dates.find_date_expressions(text, start, end)
    for _ in range(2):  # the second time from the cache
        assert seg._running_date(text, [0, len(text), start, end]) == (plain[0] if plain else None)
    assert seg._running_date(text, [0, len(text), -1, -1]) is None


# ---------------------------------------------------------------- tables kept in the disk cache
def test_disk_cached_character_tables_are_the_built_ones() -> None:
    for config in ("t2s", "s2t"):
        assert "".join(script._changed_chars(config)) == script._build_changed_chars(config)
    assert nz._rare_chars() == frozenset(nz._build_rare_chars())
    assert "黨" in script._changed_chars("t2s") and "党" in script._changed_chars("s2t")


def test_the_opencc_stamp_names_the_installed_library() -> None:
    stamp = script.opencc_stamp()
    assert stamp.startswith("opencc_clib") and stamp.count(":") >= 2


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["(线索提供人:王某)", "(上接第2版)", " 责任编辑:张三", "。(记者 李四)", "欢迎光临本站2021",
                                 "a b c d ", "某镇召开会议", "(来源:某网)", "\n", " "]), max_size=8).map("".join))
def test_one_inline_pattern_alone_cuts_as_its_alternation(line: str) -> None:
    pats = nz.boilerplate_patterns()["inline"]
    for i, p in enumerate(pats):
        plain = re.compile(f"(?:{p.pattern})")
        assert nz._inline_alternation((i,)).subn("", line) == plain.subn("", line), p.pattern
