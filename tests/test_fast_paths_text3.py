"""Fast paths of the text stages against their plain forms, third round: the suspect characters of a mojibake run
read off one table (rare Han characters and Latin letters between Han ones), a list's label looked for only on
short lines, and the patterns compiled at their first use (the same patterns as the module-level ones before)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents import normalize as nz
from partyevents import segment as seg

SAMPLES = samples()


def _plain_suspects(text: str) -> list[int]:
    """The rare characters' class and the Latin-letter pattern, searched over the text (before: two scans)."""
    rare, latin = nz._rare_char_re()
    return sorted(m.start() for m in [*rare.finditer(text), *latin.finditer(text)])


@pytest.mark.parametrize("text", [
    "", "a", "党a", "a党", "党a党", "党ab党", "党a 党", "施工!爸辽僖矐該測試僖", "矐A矐Z矐z\ue000q\uf8ff", "党\uf900a党",
    "Ab党c党d", "\U00020000a党", "党a\U00020000", "䶵x龘", "㐀y鿿", "\u33ffa党", "党a\ua000", "mojibake 锟斤拷烫烫烫",
])
def test_suspect_hits_on_hand_written_text(text: str) -> None:
    assert nz._suspect_hits(text) == _plain_suspects(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("施工爸辽僖矐該測試党建㐀鿿\u33ff\ua000\ue000\uf8ff\uf900\uffff\U00020000\ud800aZb 1@["),
               max_size=40))
def test_suspect_hits_are_the_rare_class_and_the_letters_between_han(text: str) -> None:
    assert nz._suspect_hits(text) == _plain_suspects(text)


def test_suspect_hits_on_the_samples() -> None:
    for text in SAMPLES:
        assert nz._suspect_hits(text) == _plain_suspects(text)


_PLAIN_LIST_HEADING = re.compile(r"[\u4e00-\u9fff]{2,6}")
_PLAIN_TEASER = re.compile(r"[\u3400-\u9fff]\.{3}$")


def _plain_opens_other_articles(line: str, lines: list[str], at: int) -> bool:
    """:func:`normalize._opens_other_articles` as it read before: the label's pattern tried on every line."""
    if not _PLAIN_LIST_HEADING.fullmatch(line):
        return False
    after = [ln for ln in lines[at + 1 : at + 8] if ln][:3]
    if after and _PLAIN_TEASER.search(after[0]):
        return True
    return len(after) == 3 and all(nz._title_like(ln) for ln in after)


_LIST_BITS = ["相关", "新闻", "推荐阅读", "看点", "某镇开展活动...", "某镇开展植树活动", "6月3日,某社区开展主题党日活动。",
              "ab", "党", "", " ", "活动现场", "某某某某某某某"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LIST_BITS), max_size=3).map("".join), min_size=1, max_size=8))
def test_list_label_on_short_lines_only_is_the_plain_test(lines: list[str]) -> None:
    for at, line in enumerate(lines):
        assert nz._opens_other_articles(line, lines, at) == _plain_opens_other_articles(line, lines, at), (line, lines)


def test_list_label_on_hand_written_pages() -> None:
    page = ["推荐阅读", "某镇开展植树活动", "某县召开党建会议", "某村举办文艺晚会", "看点", "某镇开展活动,组织党员学习..."]
    for at, line in enumerate(page):
        assert nz._opens_other_articles(line, page, at) == _plain_opens_other_articles(line, page, at)
    assert nz._opens_other_articles("推荐阅读", page, 0) and nz._opens_other_articles("看点", page, 4)


# the patterns now compiled at their first use, as the module-level ones read before
_BEFORE = {
    "dateline": r"[\u4e00-\u9fff]{0,6}?(?:讯|电|消息)(?=[\s((::,,“\"]|$)(?:\s*[((][^()()]{0,30}[))])?",
    "credit": r"[\u4e00-\u9fff]{1,10}?讯(?=[\s((::,,“\"])(?:\s*[((][^()()]{0,30}[))])?[\s::,,]*",
    "place_name": r"(?<![各全该本每所其此])(?:(?![各全该本每所其此等])[\u4e00-\u9fff]){2,6}?(?:街道|社区|村|镇|乡)"
                  r"(?![\u4e00-\u9fff]{0,1}[民委里])",
    # the label's characters as the characters themselves (a plain string, as the module wrote them)
    "label": "[\u4e00-\u9fff()（）]{0,11}(?:镇|乡|街道|社区|村|县|区|市|局|委|部|办|所|站|中心|支部|总支|公司|院)",
    "label_char": "[\u4e00-\u9fff()（）]",
    "enumerator": r"^\s*(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2}|[((][一二三四五六七八九十0-9]{1,2}[))])\s*[、.．]?\s*",
    "elsewhere": r"(?:在|走进|来到)(?P<chain>(?:[\u4e00-\u9fff]{2,5}?[市县区旗])+)[\u4e00-\u9fff]{1,5}?(?:镇|乡|街道)",
    "elsewhere_local": r"(?P<name>(?:(?![各全该本每所其此等我在])[\u4e00-\u9fff]){2,6}?(?:社区|村))"
                       r"(?:党委|党总支|党支部|居委会|村委会)?(?:联合|组织|开展|举办|召开|启动)",
    "county_part": r"[\u4e00-\u9fff]{1,4}?[市县区旗]",
    "run_char": r"[\u3400-\u9fffA-Za-z\ue000-\uf8ff]+",
    "site_suffix": r"\s*[_|\-–—]+\s*[^_|\-–—]{2,30}(?:人民政府|政府网|门户网站|官网|新闻网|党建网|网站|网|频道)$",
    "counted": r"[0-9]+(?:\.[0-9]+)?[万亿]?[\u4e00-\u9fff]",
    "bare_unit": r"^[\u4e00-\u9fff]{2,12}(?:社区|村|镇|乡|街道|居委会|村委会|党支部|党总支|党委)$",
    "cjk": r"[\u4e00-\u9fff]",
    "short_line": r"[\u4e00-\u9fff\u201c\u201d\u300a\u300b ,、0-9a-zA-Z]{2,24}",
}


def _now() -> dict[str, str]:
    elsewhere, local, county = seg._elsewhere_res()
    bare_unit, cjk = nz._title_res()
    return {"dateline": seg._dateline().pattern, "credit": seg._credit().pattern, "place_name": seg._place_name().pattern,
            "label": seg._label().pattern, "label_char": seg._label_char().pattern,
            "enumerator": seg._enumerator().pattern, "elsewhere": elsewhere.pattern, "elsewhere_local": local.pattern,
            "county_part": county.pattern, "run_char": nz._run_char().pattern, "site_suffix": nz._site_suffix().pattern,
            "counted": nz._counted().pattern, "bare_unit": bare_unit.pattern, "cjk": cjk.pattern,
            "short_line": nz._SHORT_RE}


def test_patterns_compiled_at_first_use_are_the_ones_compiled_at_import_before() -> None:
    assert _now() == _BEFORE
    assert seg._opener_prefix().pattern == (
        "^(?:(?=" + _BEFORE["label"] + "[:：])[\u4e00-\u9fff()（）]{1,12}[:：])?"
        + "[\\s" + re.escape(seg._OPENER_MARKS) + "]*(?:[一二三四五六七八九十]是)?(?:自|从|在|于)?")
    assert nz._list_res()[0].pattern == _PLAIN_LIST_HEADING.pattern
    assert nz._list_res()[1].pattern == _PLAIN_TEASER.pattern
