"""The organizations stage's second speed pass agrees with the plain forms it replaces.

Each helper kept for names and clauses read again (``lru_cache``), or read with fewer steps, is checked against
its plain form, kept here as first written: on the sample pages' lines and on generated text made of the pieces
that matter to it (place words and their suffixes, stopwords, openers, cues, marks).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents.extract import organizations as orgs
from partyevents.extract import organizer

SAMPLES = samples()
_LINES = sorted({line for text in SAMPLES for line in text.split("\n") if line.strip()})[:400]

_PIECES = ["他拉哈", "回龙", "前进", "阳和", "联合", "东岭", "青禾", "于家", "同丰", "至乐", "和平区", "镇", "村", "社区", "街道",
           "区", "县", "乡", "党委", "党支部", "委员会", "局", "在", "向", "对", "将", "由", "的", "和", "与", "他", "我们",
           "进", "了解", "召开", "组织", "开展", "书记", "王明", "小区", "宿舍", "、", ",", "。", "“", "”", "全县", "该镇",
           "近日", "会议要求", "为", "自", "从", "记者", "说"]
_TEXTS = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join)


def _plain_in_place_word(name: str, start: int, end: int, longer: bool = False) -> bool:
    """:func:`orgs.in_place_word` as first written: every place word from each start before the span to each place
    suffix after it."""
    words, ends = orgs.place_words(), orgs.place_suffixes()
    least = end - start + 1 if longer else 2
    for i in range(max(0, end - orgs.MAX_PLACE_WORD), start + 1):
        for j in range(max(end, i + least), min(len(name), i + orgs.MAX_PLACE_WORD) + 1):
            if name[i:j] in words and name.startswith(ends, j):
                return True
    return False


def _plain_stopword_re() -> re.Pattern[str]:
    """:func:`orgs.stopword_re` as first written: each row as :func:`orgs.stopword_pattern` writes it, the
    characters a word may not follow looked back at before it."""
    rows = orgs._stopwords()
    return re.compile("|".join([orgs.preposition_pattern(), *(orgs.stopword_pattern(*row) for row in rows)]))


def _plain_first_stopword(name: str) -> tuple[int, int] | None:
    """:func:`orgs.first_stopword` as first written, read afresh: the span of the first stopword in no place word."""
    stop_re = _plain_stopword_re()
    stop = stop_re.search(name) if stop_re is not None else None
    while (
        stop is not None
        and _plain_in_place_word(name, stop.start(), stop.end())
        and not orgs._preposition_re().match(name, stop.start())
    ):
        stop = stop_re.search(name, stop.start() + 1)  # type: ignore[union-attr]
    return None if stop is None else stop.span()


def _span(m: re.Match[str] | None) -> tuple[int, int] | None:
    return None if m is None else m.span()


def _fresh(text: str) -> str:
    """An equal string that is another object: what a cache is asked with when a page repeats a name."""
    return "".join(list(text))


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.data())
def test_the_place_word_test_agrees_with_the_plain_one(name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    longer = data.draw(st.booleans())
    want = _plain_in_place_word(name, start, end, longer)
    assert orgs.in_place_word(name, start, end, longer) == want
    assert orgs.in_place_word(_fresh(name), start, end, longer=longer) == want  # asked again: from the cache


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_the_first_stopword_agrees_with_the_plain_one(name: str) -> None:
    want = _plain_first_stopword(name)
    assert _span(orgs.first_stopword(name)) == want
    assert _span(orgs.first_stopword(_fresh(name))) == want


def test_place_words_and_stopwords_of_the_samples_agree_with_the_plain_ones() -> None:
    for line in _LINES:
        for start in range(0, min(len(line), 40)):
            assert orgs.in_place_word(line, start, start + 1) == _plain_in_place_word(line, start, start + 1)
        assert _span(orgs.first_stopword(line)) == _plain_first_stopword(line)
    assert orgs.in_place_word("他拉哈镇党委", 2, 3) and not _plain_in_place_word("回到社区", 0, 1)
    assert _plain_first_stopword("他认真听取社区") == (0, 1) and _plain_first_stopword("他拉哈镇党委") is None


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_a_clause_read_again_gives_the_subject_read_afresh(clause: str) -> None:
    assert organizer._subject(clause) == organizer._subject.__wrapped__(_fresh(clause))
    assert organizer._subject(_fresh(clause)) == organizer._subject.__wrapped__(clause)


@pytest.mark.parametrize("clause", ["东岭村党支部召开会议", "近日,东岭村党支部书记王明说", "全县开展活动", "他认真听取"])
def test_hand_written_clauses_read_again_agree(clause: str) -> None:
    assert organizer._subject(clause) == organizer._subject.__wrapped__(clause)


def _plain_inner_reference(name: str) -> int:
    """:func:`orgs._inner_reference` as first written: every character after the first looked at."""
    for i, ch in enumerate(name[1:], 1):
        if ch in orgs._INNER_HEADS and organizer.reference_match(name[i:]) and not _plain_in_place_word(name, i, i + 1):
            return i
    return 0


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, "该", "我", "我县", "该镇", "该村", "我院", "春节前夕", "日本", "我们村"]),
                min_size=1, max_size=8).map("".join))
def test_the_inner_reference_agrees_with_the_plain_one(name: str) -> None:
    assert orgs._inner_reference(name) == _plain_inner_reference(name)


def test_hand_written_inner_references_agree() -> None:
    for name in ("春节前夕该镇党委", "东岭镇党委", "该镇党委", "新春佳节该镇", "我们我县党委", "该该镇", "东我县"):
        assert orgs._inner_reference(name) == _plain_inner_reference(name)
    assert _plain_inner_reference("春节前夕该镇党委") == 4


def _plain_outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The nesting filter of :func:`orgs._bracket_starts` as first written: every pair looked at."""
    return [span for span in spans if not any(o[0] < span[0] and span[1] <= o[1] and o[0] < span[0] for o in spans)]


_SPAN = st.tuples(st.integers(0, 30), st.integers(0, 8), st.sampled_from(["place", "party"])).map(
    lambda t: (t[0], t[0] + t[1], t[2]))


@settings(max_examples=800, deadline=None)
@given(st.lists(_SPAN, max_size=8), st.booleans())
def test_the_outermost_spans_agree_with_the_plain_filter(spans: list[tuple[int, int, str]], ordered: bool) -> None:
    if ordered:  # the common case: names in order, none overlapping
        spans = sorted(spans)
    assert orgs._outermost(list(spans)) == _plain_outermost(spans)


def test_hand_written_nested_spans_are_left_out() -> None:
    spans = [(0, 10, "social"), (3, 10, "social"), (12, 15, "place")]
    assert orgs._outermost(spans) == _plain_outermost(spans) == [(0, 10, "social"), (12, 15, "place")]
    assert orgs._outermost([(0, 3, "place"), (3, 6, "party")]) == [(0, 3, "place"), (3, 6, "party")]


_STOP_PIECES = [row[0] for row in orgs._stopwords()] + [c for row in orgs._stopwords() for c in row[1] + row[2]]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*_PIECES, *_STOP_PIECES, "党委", "服务中心", "志愿者"]), min_size=1, max_size=10).map("".join),
       st.data())
def test_the_stopword_scan_finds_what_the_plain_regex_finds(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    assert _span(orgs.stopword_re().search(text, pos)) == _span(_plain_stopword_re().search(text, pos))  # type: ignore[union-attr]


def test_the_stopword_scan_agrees_on_the_samples_and_on_its_exceptions() -> None:
    plain, fast = _plain_stopword_re(), orgs.stopword_re()
    assert fast is not None
    for line in _LINES:
        for pos in range(0, len(line), 7):
            assert _span(fast.search(line, pos)) == _span(plain.search(line, pos))
    for word, unless_after, _ in orgs._stopwords():
        for ch in unless_after[:3]:  # an exception before the word, and the word alone
            assert _span(fast.search(ch + word)) == _span(plain.search(ch + word))
            assert _span(fast.search(ch + word, 1)) == _span(plain.search(ch + word, 1))
    assert fast.search("高等") is None or fast.search("高等").group() != "等"


_MIXED = st.lists(st.sampled_from([*_PIECES, "第", "3", "12", "e", "G", "A", "第3", "“", "”", "「", "」", "被评为", "荣获",
                                   "省级", "文明", "片区", "分队", "前往", "党群服务中心", "欧阳", "王", "司马", "们", "\n", "；", "!"]),
                  max_size=12).map("".join)


@settings(max_examples=600, deadline=None)
@given(_MIXED)
def test_the_inner_hint_scan_finds_what_the_plain_alternation_finds(text: str) -> None:
    assert (orgs._INNER_HINT.search(text) is None) == (re.search(r"[A-Za-z]|第[0-9]", text) is None)


@settings(max_examples=600, deadline=None)
@given(_MIXED, st.sampled_from([orgs._sub_unit_words(), orgs._gone_words(), orgs._venue_words()["suffix"],
                                orgs._goal_words().get("award", ()), orgs._goal_words().get("quality", ()), ()]))
def test_one_word_scan_finds_what_a_test_per_word_finds(text: str, words: tuple[str, ...]) -> None:
    assert (orgs._any_word_re(words).search(text) is not None) == any(w in text for w in words)


def _plain_honour(text: str, start: int, end: int, words: dict[str, tuple[str, ...]]) -> bool:
    """:func:`orgs._honour` as first written: the clause found by reading the text before the name backwards."""
    clause_end = re.compile(r"[,，。;；:：!！?？\n]")
    clause = start - next((m.end() for m in clause_end.finditer(text[:start][::-1])), start)
    if not any(w in text[clause:start] for w in words.get("award", ())):
        return False
    return any(q in text[start:end] for q in words.get("quality", ()))


@settings(max_examples=600, deadline=None)
@given(_MIXED, st.data())
def test_the_honour_test_agrees_with_the_plain_one(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = orgs._goal_words()
    assert orgs._honour(text, start, end, words) == _plain_honour(text, start, end, words)


def test_hand_written_honours_agree() -> None:
    words = orgs._goal_words()
    for text, start, end in (("东岭镇被评为省级文明镇", 6, 11), ("东岭镇被评为省级文明镇", 0, 3), ("荣获,省级文明镇", 3, 8),
                             ("被评为省级文明镇", 3, 8), (",被评为省级文明镇", 4, 9)):
        assert orgs._honour(text, start, end, words) == _plain_honour(text, start, end, words)
    assert _plain_honour("东岭镇被评为省级文明镇", 6, 11, words)


def _plain_quote_depth(depth: int, text: str) -> int:
    return max(0, depth + text.count("“") + text.count("「") - text.count("”") - text.count("」"))


@settings(max_examples=400, deadline=None)
@given(st.integers(-2, 3), _MIXED)
def test_the_quote_depth_agrees_with_the_plain_count(depth: int, text: str) -> None:
    assert organizer._quote_depth(depth, text) == _plain_quote_depth(depth, text)


def _plain_looks_like_person(head: str) -> bool:
    """:func:`organizer._looks_like_person` as first written: the family names tried longest first."""
    surname = next((s for s in organizer._surnames() if head.startswith(s)), None)
    return surname is not None and 1 <= len(head) - len(surname) <= 2 and not head.endswith(("们", "俩", "等"))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([*organizer._surnames()[:40], *organizer._surnames()[-40:], "明", "们", "等", "东岭", "镇"]),
                min_size=1, max_size=4).map("".join))
def test_a_person_is_read_as_the_plain_surname_scan_reads_one(head: str) -> None:
    assert organizer._looks_like_person(head) == _plain_looks_like_person(head)


def test_hand_written_persons_agree() -> None:
    for head in ("郑士民", "居民们", "大雨还", "欧阳明", "欧阳明华", "司马", "王", "王明明明"):
        assert organizer._looks_like_person(head) == _plain_looks_like_person(head)
    assert _plain_looks_like_person("欧阳明华") and not _plain_looks_like_person("居民们")


def _plain_separators(text: str) -> list[tuple[int, int]]:
    """:func:`orgs._separators` as first written: each match looked at, its first character tested."""
    firsts = orgs._place_cue_firsts()
    return [
        span for sep in orgs._chunk_re().finditer(text)
        if text[(span := sep.span())[0]] not in firsts or not orgs._cue_in_place(text, *span)
    ]


def _plain_chunks(text: str) -> list[tuple[int, int]]:
    """The chunks :func:`orgs.org_spans` reads, as first written (indexing the stops by each separator's number)."""
    n = len(text)
    seps = _plain_separators(text)
    stops = [start for start, _ in seps] + [n, n]
    can_end = orgs._suffix_end_re().search
    chunks = [(0, stops[0] or stops[1])] if n and can_end(text, 1, stops[0] or stops[1]) else []
    return chunks + [
        (end, limit)
        for i, (_, end) in enumerate(seps)
        if end < n and can_end(text, end + 1, limit := stops[i + 1] if stops[i + 1] > end else stops[i + 2])
    ]


_SEP_PIECES = st.sampled_from([*_PIECES, "阳和镇", "从江县", "和谐", "以来", "人和镇", "联合区", "2万多名", "7家", "3 个", " ",
                               "A", "(", ")", "与", "及", "的", "组织部", "开展了", "到来"])


@settings(max_examples=800, deadline=None)
@given(st.lists(_SEP_PIECES, max_size=16).map("".join))
def test_the_separators_agree_with_the_plain_ones(text: str) -> None:
    assert orgs._separators(text) == _plain_separators(text)


def test_the_separators_of_the_samples_agree_and_a_cue_in_a_place_is_none() -> None:
    for text in SAMPLES:
        assert orgs._separators(text) == _plain_separators(text)
    assert orgs._separators("人和镇党委和社区开展活动") == _plain_separators("人和镇党委和社区开展活动")
    assert (1, 2) not in _plain_separators("人和镇党委和社区开展活动")  # 和 of 人和镇: no separator


@settings(max_examples=600, deadline=None)
@given(st.lists(_SEP_PIECES, max_size=16).map("".join))
def test_the_chunks_read_agree_with_the_plain_ones(text: str) -> None:
    assert orgs._chunks(text) == _plain_chunks(text)


def test_the_chunks_of_the_samples_agree() -> None:
    for text in SAMPLES:
        assert orgs._chunks(orgs.masked(text)) == _plain_chunks(orgs.masked(text))
    assert _plain_chunks("王寨街道联合襄阳市,成立小分队") == [(0, 4), (6, 9), (10, 15), (12, 15)]


@pytest.mark.parametrize(("word", "title", "before", "after"), [
    ("我县", "丹棱县:党旗在防汛一线飘扬", "", ""), ("该社区", None, "幸福街道明德社区组织开展活动。", ""),
    ("我镇", None, "", "召开大会,表彰了青石镇优秀党员。"), ("镇", None, "在西岭镇,", "领导班子带领驻镇帮镇工作队赶到。"),
    ("该村", None, "东岭村召开会议。", ""), ("我局党组", None, "区财政局召开会议。", ""), ("全县", None, "", ""),
])
def test_a_reference_resolved_again_is_resolved_as_afresh(word: str, title: str | None, before: str, after: str) -> None:
    want = organizer.resolve_reference.__wrapped__(word, title, before, after)
    assert organizer.resolve_reference(word, title, before, after) == want
    assert organizer.resolve_reference(_fresh(word), title, _fresh(before), _fresh(after)) == want  # from the cache


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["我县", "该镇", "本社区", "该村", "镇", "全县", "我院"]), _TEXTS, _TEXTS)
def test_generated_references_resolved_again_agree(word: str, before: str, after: str) -> None:
    want = organizer.resolve_reference.__wrapped__(word, None, before, after)
    assert organizer.resolve_reference(word, None, before, after) == want
    assert organizer.resolve_reference(word, None, _fresh(before), after) == want
