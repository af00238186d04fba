"""Fast paths of the places stage (third pass) agree with the plain forms they replace.

The community regex with every branch opening on its literal first character (re scans for those in C) against
the plain alternation with its look-behinds in front; the numbered-community test that reads the character before
the suffix before running its regex against the regex alone; the warnings' JSON written with the encoder's own
string quoting against ``json.dumps``. Hand-written texts of our own, the shipped samples, and Hypothesis-generated
texts made of the words the code looks at; and the whole stage with each plain form put back.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import context_of, sample_results
from partyevents import pipeline
from partyevents.extract import places
from partyevents.extract.wordtrie import first_ending
from partyevents.records import DocumentResult

RESULTS = sample_results()
SAMPLE_TEXTS = [r.text for r in RESULTS]

# sentences of our own holding what the changed code reads: suffixes after names, numbers, committees, villages
OWN_TEXTS = [
    "3月2日,青松街道翠湖社区组织党员开展清扫活动。",
    "4月8日,白石镇红岭村党支部召开会议,乡村振兴工作队参加。",
    "5月6日,志愿者走进长乐街1207社区,为居民义诊。",
    "6月1日,某县某街道2号\n社区居委会开展活动。",
    "7月9日,社区居委会、居民区党总支和嘎查党支部联合开展学习。",
    "8月3日,金沙乡村民代表到东村、西村和新建村委会参观。",
    "9月5日,社区居民区居委会工作人员走访村民。",
    "10月2日,区委组织部到望湖社区居民区调研,村干部、村级组织参加。",
    "2021年,青松街道12社区、35社区完成换届。",
]


# --- the community regex: literal first characters, look-behinds after them ----------------------------------------

_PLAIN_COMMUNITY = re.compile(
    r"社区|(?<!社区)居委会|(?<!社区)居民区|嘎查|(?<!乡)村(?!民|委(?!会|员会)|干部|级|庄|落|镇|里|内|口|官|务|医|社区|居委会|居民区)"
)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_community_regex_matches_as_the_plain_one_on_own_texts_and_samples() -> None:
    hits = 0
    for text in [*OWN_TEXTS, *SAMPLE_TEXTS]:
        assert _spans(places._COMMUNITY, text) == _spans(_PLAIN_COMMUNITY, text), text[:40]
        hits += len(_spans(places._COMMUNITY, text))
    assert hits > 20
    # the look-behinds still refuse: 社区居委会 is one suffix, 乡村 no village
    assert _spans(places._COMMUNITY, "社区居委会") == [(0, 2, "社区")]
    assert _spans(places._COMMUNITY, "乡村振兴") == []
    assert _spans(places._COMMUNITY, "某居委会") == [(1, 4, "居委会")]


_COMMUNITY_PIECES = st.one_of(
    st.sampled_from(["社区", "社", "区", "居", "居委会", "居民区", "委会", "民区", "嘎查", "嘎", "村", "乡", "乡村", "村民",
                     "村委", "村委会", "村委员会", "干部", "镇", "医", "甲", "3", "\n", "，"]),
    st.text(alphabet="社区居委会民嘎查村乡镇甲", max_size=3),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_COMMUNITY_PIECES, max_size=24).map("".join), st.data())
def test_community_regex_matches_as_the_plain_one_on_generated_text(text: str, data: st.DataObject) -> None:
    assert _spans(places._COMMUNITY, text) == _spans(_PLAIN_COMMUNITY, text)
    start = data.draw(st.integers(0, len(text)))
    assert [m.span() for m in places._COMMUNITY.finditer(text, start)] == [
        m.span() for m in _PLAIN_COMMUNITY.finditer(text, start)
    ]


# --- the numbered community: the character before the suffix read before the regex ---------------------------------


def _plain_digits(text: str, pos: int) -> int | None:
    m = places._DIGIT_NAME.search(text, max(0, pos - 6), pos)
    return m.start() if m is not None else None


def _fast_digits(text: str, pos: int) -> int | None:
    if text[pos - 1 : pos] not in places._DIGIT_LAST:
        return None
    return _plain_digits(text, pos)


def test_digit_precheck_keeps_every_numbered_name_of_own_texts() -> None:
    cases = {("长乐街1207社区", 7): 3, ("2号\n社区", 3): None, ("12\n社区", 3): 0, ("社区", 0): None, ("a123456社区", 7): None, ("a23456社区", 6): 1}
    for (text, pos), want in cases.items():
        assert _plain_digits(text, pos) == want
        assert _fast_digits(text, pos) == want
    for text in [*OWN_TEXTS, *SAMPLE_TEXTS]:
        for pos in range(len(text) + 1):
            assert _fast_digits(text, pos) == _plain_digits(text, pos)


@given(st.text(alphabet="0123456789\n社区甲 ,。", max_size=14), st.data())
def test_digit_precheck_keeps_every_numbered_name_of_generated_text(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert _fast_digits(text, pos) == _plain_digits(text, pos)


# --- the warnings' JSON --------------------------------------------------------------------------------------------


def _plain_conflict_detail(seq: int, surface: str, start: int, kept: str, other: str) -> str:
    return json.dumps({"event": seq, "surface": surface, "start": start, "kept": kept, "other": other}, ensure_ascii=False)


def test_conflict_detail_is_the_plain_json_on_own_names() -> None:
    for args in ((0, "某县", 3, "浙江省", "江苏省"), (12, 'a"b\\c', 0, "广东省", "x\ny"), (3, "\u2028\t", 10**9, "", "")):
        assert places._conflict_detail(*args) == _plain_conflict_detail(*args)


@given(st.integers(0, 10**6), st.text(max_size=8), st.integers(0, 10**7), st.text(max_size=5), st.text(max_size=5))
def test_conflict_detail_is_the_plain_json_on_generated_text(seq: int, surface: str, start: int, kept: str, other: str) -> None:
    assert places._conflict_detail(seq, surface, start, kept, other) == _plain_conflict_detail(
        seq, surface, start, kept, other
    )


# --- the whole stage with the plain forms put back -------------------------------------------------------------------


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def _own_results() -> list[DocumentResult]:
    return [pipeline.analyze_text(t, published=dt.date(2021, 12, 31)) for t in OWN_TEXTS]


def test_resolve_places_is_unchanged_by_the_plain_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    own = _own_results()
    fast = [places.resolve_places(context_of(r), r.events) for r in [*RESULTS, *own]]
    assert any(p is not None and p.community for places_, _ in fast for p in places_)
    monkeypatch.setattr(places, "_COMMUNITY", _PLAIN_COMMUNITY)
    monkeypatch.setattr(places, "_DIGIT_LAST", _Everything())
    monkeypatch.setattr(places, "_conflict_detail", _plain_conflict_detail)
    monkeypatch.setattr(places, "_free_start", _plain_free_start)
    assert [places.resolve_places(context_of(r), r.events) for r in [*RESULTS, *own]] == fast


# --- _free_start: the character before the start read before the word look-ups --------------------------------------


def _plain_free_start(text: str, start: int) -> bool:
    """:func:`places._free_start` calling both word look-ups wherever the character before is a Han one."""
    if start == 0:
        return True
    prev = text[start - 1]
    if not ("\u4e00" <= prev <= "\u9fff"):
        return not prev.isalnum()
    if places._opening_ends()(text, start):
        return True
    if prev not in places._DATE_ENDS:
        word = first_ending(text, places._times_of_day(), start)
        if word is None:
            return False
        start -= len(word)
        if text[start - 1 : start] not in places._DATE_ENDS:
            return False
    return bool(places._DATE_BEFORE.search(text, max(0, start - 8), start))


_START_PIECES = st.sampled_from(
    ["12月23日", "下午", "上午", "晚上", "近日", "日前", "2019年", "3月份", "在", "来到", "前往", "我们", "驻点村", "新里", "开元",
     "社区", "村", "，", "。", "\n", " ", "a", "5", "某"]
)


def test_free_start_reads_as_the_plain_form_on_own_texts_and_samples() -> None:
    own = ["12月23日下午新里村召开会议。", "近日开元社区开展活动。", "我们开元社区组织党员。", "2019年开元社区获评。", "来到新里村。"]
    free = 0
    for text in [*own, *OWN_TEXTS, *SAMPLE_TEXTS]:
        for start in range(len(text) + 1):
            fast = places._free_start(text, start)
            assert fast == _plain_free_start(text, start), (text[max(0, start - 8) : start + 2], start)
            free += fast and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff"
    assert free > 5  # the word look-ups said yes somewhere


@settings(max_examples=400, deadline=None)
@given(st.lists(_START_PIECES, max_size=12).map("".join))
def test_free_start_reads_as_the_plain_form_on_generated_text(text: str) -> None:
    for start in range(len(text) + 1):
        assert places._free_start(text, start) == _plain_free_start(text, start), (text, start)
