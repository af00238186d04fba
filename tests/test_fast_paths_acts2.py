"""Fast paths of activity scoring (second pass) agree with the plain forms they replace.

A clause's cues come from the keyword automaton and are kept for the last clauses, the event's lead and main
sentence are found once and shared by every rule, and whether a masked text holds a cue is read from its matches
instead of scoring it.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents.extract import activities
from partyevents.resources import read_table

_WORDS = sorted(activities._cues()[1])
_MARKS = list(",，;；:：、\n。!！?？")
_SUBORDINATORS = [row[0] for row in read_table("activity_subordinators.tsv")]
_PIECES = [
    *_WORDS[::7], *_SUBORDINATORS[::3], *_MARKS,
    *["召开", "会", "推进会", "学习", "精神", "成立", "服务队", "第一书记", "张明", "等", "“", "”", "主题", "以"],
    *["8月9日", "近日", "今年以来", "近年来", "为", "走访", "群众", "围绕", "开展", "调研", "活动中心", "揭牌", " "],
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _plain_clause_cues(clause: str) -> dict[str, tuple[float, int]]:
    """clause_cues as first written: the keyword regex, titles dropped, then every pattern."""
    keyword_re, word_labels, patterns = activities._cues()
    hits = [(m.start(), m.end(), word_labels[m.group()]) for m in keyword_re.finditer(clause) if word_labels[m.group()]]
    found = activities._spans_in(clause, activities._drop_titles(clause, hits), patterns)
    return activities._strengths(found, clause)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_clause_cues_from_the_automaton_and_kept_are_the_keyword_regex_cues(text: str) -> None:
    for clause in re.split(r"[,，;；:：、\n]", text):
        want = _plain_clause_cues(clause)
        assert list(activities.clause_cues(clause).items()) == list(want.items())
        assert list(activities.clause_cues(clause).items()) == list(want.items())  # read again: from the cache
        assert activities.clause_cues(clause) is not activities.clause_cues(clause)  # each caller its own dict


def _plain_main_sentence(text: str) -> str:
    start = activities._lead_end.__wrapped__(text)
    mark = re.compile(r"[。!！?？]").search(text, start)
    return text[start : mark.end() if mark else len(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_the_kept_lead_and_main_sentence_are_those_read_afresh(text: str) -> None:
    assert activities._lead_end(text) == activities._lead_end.__wrapped__(text)
    assert activities._main_sentence(text) == _plain_main_sentence(text)
    sentence = activities._main_sentence(text)
    assert list(activities._clauses(sentence)) == re.split(r"[,，;；:：、\n]", sentence)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_has_cue_is_whether_the_text_scores_any_label(text: str) -> None:
    assert activities._has_cue(text) == bool(activities.score_labels(text))


def test_has_cue_on_hand_written_texts() -> None:
    for text in ["", "天气晴朗。", "召开会议", "第一书记张明", "召开、会", "成立了\n党支部", "活动中心今日揭牌。", "区委宣传部",
                 "帮助群众", "帮助、群众", "帮助、帮助群众"]:
        assert activities._has_cue(text) == bool(activities.score_labels(text)), text


_ITEM_PIECES = ["一是", "二、", "(三)", "（四）", "十是", "五", "是", "、", " ", "\u3000", "开展培训", "召开会议", *_MARKS, "(", "）"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_ITEM_PIECES), max_size=25).map("".join))
def test_items_found_from_their_marks_are_the_item_regex_matches(text: str) -> None:
    first = activities._ITEM_FIRST.match(text)
    fast = ([first.end()] if first else []) + [m.end() for m in activities._ITEM_AFTER.finditer(text)]
    assert fast == [m.end() for m in activities._ITEM_RE.finditer(text)]


def test_items_label_on_hand_written_summaries() -> None:
    assert activities.items_label("\n一是开展集中轮训。二是结对帮带培训。\n三是外出考察学习。") == "study"
    assert activities.items_label(" 一是开展轮训;(二)结对培训:三、考察学习") == "study"
    assert activities.items_label("一是开展轮训,二是结对培训,三是考察学习") is None  # commas end no item
