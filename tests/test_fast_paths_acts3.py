"""Fast paths of activity scoring and dates (third pass) agree with the plain forms they replace.

The rules read after the scores (:func:`activities.activity_over_topic`, :func:`activities.partner_act`, …) look
first for the words they need anywhere in the event's main sentence, and read its clauses only when one stands there.
The plain form of each rule is the rule with that look taken away: :func:`activities._may_match` always true.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents.extract import activities, dates, figures
from partyevents.resources import read_table

_MARKS = list(",，;；:：、\n。!！?？")
_SUBORDINATORS = [row[0] for row in read_table("activity_subordinators.tsv")]
_TOPIC_ROWS = [row[1] for row in read_table("activity_topics.tsv")]
_TITLE_ROWS = [row[1] for row in read_table("activity_titles.tsv")]
_PIECES = [
    *sorted(activities._cues()[1])[::5], *_SUBORDINATORS[::2], *_TOPIC_ROWS, *_TITLE_ROWS[::2], *_MARKS,
    *["召开", "党员大会", "成立", "联合党支部", "与", "结对共建的", "共建", "的", "社区党支部", "共同", "卫生清扫", "志愿者",
      "入户上门", "向群众", "宣传", "举办", "第五届", "赛马会", "“", "”", "系列", "人才", "交流会", "乡村振兴", "观摩学习",
      "5月3日", "近日", "为", "东岭镇", "开展", "活动", "〇〇", " "],
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)

_RULES: list[Callable[[str], object]] = [
    activities.activity_over_topic, activities.partner_act, activities.actor_act, activities.carried_act,
    activities.uncued_act,
]
_HAND_WRITTEN = [
    "", "6月3日,东岭村党支部召开党员大会,成立第二联合党支部。", "6月3日,东岭镇召开推进会,部署疫情防控工作。",
    "6月3日,东岭镇举行商会党委成立大会。", "5月3日,东岭镇开展了人才交流会。会上大家谈人才。",
    "为推进乡村振兴,5月3日,东岭镇赴青禾县观摩学习产业发展经验。", "近日,东岭村志愿者入户上门,向群众宣传防诈骗知识。",
    "近日,东岭村志愿者奔赴一线,参与防汛。", "4月10日,甲小学党支部与结对共建的东岭社区党支部共同开展卫生清扫活动。",
    "4月10日,甲小学党支部与东岭社区党支部开展联建共建活动。", "7月3日,东岭乡举办第五届赛马会。会上开展政策宣讲。",
    "7月3日,东岭乡举办政策宣讲会。", "7月3日,东岭村党员走进社区开展服务活动。大家清扫楼道。", "天气晴朗。",
    "7月3日,东岭乡举办“丰收”系列活动。", "青禾街道联合〇〇〇〇开展共建活动,清扫楼道。",
]


@contextmanager
def _plain() -> Iterator[None]:
    """The rules as written before the look for their words: every clause read."""
    with mock.patch.object(activities, "_may_match", lambda pattern, text: True):
        yield


def _clear() -> None:
    """Forget the kept clauses and sentences, so the plain rules read afresh and not from the fast ones' leavings."""
    for kept in (activities._clause_spans, activities._clause_hits, activities._clause_cues, activities._main_sentence,
                 activities._clauses, activities._lead_end, activities._scored, activities._text_hits):
        kept.cache_clear()


def _both(rule: Callable[[str], object], text: str) -> tuple[object, object]:
    fast = rule(text)
    _clear()
    with _plain():
        plain = rule(text)
    return fast, plain


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_rules_that_look_for_their_words_first_are_the_clause_by_clause_rules(text: str) -> None:
    for rule in _RULES:
        fast, plain = _both(rule, text)
        assert fast == plain, rule.__name__


def test_rules_on_hand_written_texts() -> None:
    for text in _HAND_WRITTEN:
        for rule in _RULES:
            fast, plain = _both(rule, text)
            assert fast == plain, (rule.__name__, text)


def test_the_hand_written_texts_reach_past_the_look_for_words() -> None:
    """Each rule finds something in some hand-written text: the comparison above is no comparison of Nones."""
    for rule in _RULES:
        assert any(rule(text) for text in _HAND_WRITTEN), rule.__name__


def test_the_plain_rules_differ_from_a_look_that_finds_nothing() -> None:
    """Taking every word away from the look changes the answers: the comparison above can fail."""
    with mock.patch.object(activities, "_may_match", lambda pattern, text: False):
        assert not any(rule(text) for rule in _RULES for text in _HAND_WRITTEN)


def test_may_hold_is_whether_a_word_stands_in_the_text() -> None:
    words = ("乡村振兴", "振兴", "人才")
    for text in ["", "推进乡村振兴", "振", "人 才", "引进人才,", chr(0xD800) + "人才"]:
        assert activities._may_hold(words, text) == any(w in text for w in words), text
    assert activities._may_hold(None, "") and not activities._may_hold((), "人才")


def test_labelled_words_are_the_keywords_of_those_labels() -> None:
    _, word_labels, patterns = activities._cues()
    for labels in (activities._topics()[0], activities._CO_BUILDING_ONLY, frozenset({"meeting"})):
        got = activities._labelled_words(labels)
        if any(label in labels for label, _ in patterns):
            assert got is None
        else:
            assert got is not None and set(got) == {w for w, found in word_labels.items() if labels & set(found)}
    assert activities._labelled_words(activities._topics()[0])  # subject matter: words, no pattern


def test_occasion_names_found_in_a_clause_are_found_in_its_sentence() -> None:
    """uncued_act looks for :data:`activities._OCCASION_NAME` in the sentence first: it holds no anchor or
    look-around, so a match in a clause is a match in the sentence."""
    assert not re.search(r"\(\?<|\(\?=|\(\?!|[$^]|\\[AZbB]", activities._OCCASION_NAME.pattern)


_TIME_PIECES = ["3", "12", "月", "日", "号", "近日", "近", "日前", "连日来", "当天", "昨日", "今天", "上午", "下午", "晚上",
                "年", "2024", "０", "٣", "。", ",", "甲", " "]


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_times_found_behind_their_first_characters_are_the_time_regex_matches(data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(st.sampled_from(_TIME_PIECES), max_size=20)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    want = [m.span() for m in activities._any_time().finditer(text, start, end)]
    assert [m.span() for m in activities._any_time_scan().finditer(text, start, end)] == want


def test_times_behind_their_first_characters_on_hand_written_texts() -> None:
    assert activities._any_time_scan() is not activities._any_time()  # the look-ahead is there
    for text in ["", "3月5日", "近日,甲镇", "٣月", "今天是12号", "甲乙丙。昨天"]:
        want = [m.span() for m in activities._any_time().finditer(text)]
        assert [m.span() for m in activities._any_time_scan().finditer(text)] == want, text


def _plain_lead_end(text: str) -> int:
    """_lead_end with the undated lead read by the time regex itself."""
    with mock.patch.object(activities, "_any_time_scan", activities._any_time):
        return activities._lead_end.__wrapped__(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_the_lead_read_with_the_time_scan_is_the_lead_read_with_the_time_regex(text: str) -> None:
    assert activities._lead_end.__wrapped__(text) == _plain_lead_end(text)


def test_the_tables_fetched_once_are_the_tables() -> None:
    weights = activities._weights()
    tables = activities._score_tables()
    assert tables[0] == (weights["subordinate"], weights["main"], weights["sentence"], weights["rest"])
    assert tables[1] == activities._subordinate_opening().match
    assert tables[2:4] == (activities._subordinate_endings(), activities._occasions())
    assert tables[5] == activities._topic_kinds()
    for text in ["", "参加完主题党日", "间", "调研间隙", "工作之余,又开展学习"]:
        assert (tables[4].search(text) is not None) == any(w in text for w in activities._asides()), text


def _plain_told_masked(text: str) -> str:
    """_told_masked as first written: each word of telling looked for in turn."""
    if not any(w in text for w in activities._told_words()) or not activities._told_end_re().search(text):
        return text
    out = activities._told_re().sub(lambda m: m.group()[: m.start(1) - m.start()] + activities._MASK * len(m.group(1)),
                                    text)
    return out if out != text and activities.score_labels(out) else text


_TOLD_PIECES = ["镇党委书记", "王明", "指出", "强调", "要求", ",", ":", "。", "要", "开展学习", "召开部署会", "5月6日,", "东岭镇"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOLD_PIECES), max_size=20).map("".join))
def test_told_masked_after_one_search_for_a_word_of_telling_is_the_plain_rule(text: str) -> None:
    got = activities._told_masked(text)
    assert got == _plain_told_masked(text) and (got is text) == (_plain_told_masked(text) is text)


def test_told_masked_on_hand_written_texts() -> None:
    for text in ["5月6日,东岭镇召开部署会。书记王明指出,要优化人才选拔。", "", "指出", "书记王明强调:要开展学习。"]:
        assert activities._told_masked(text) == _plain_told_masked(text), text
    assert activities._told_masked("5月6日,东岭镇召开部署会。书记王明指出,要优化人才选拔。").count(activities._MASK) == 7


def _plain_season_span(text: str) -> tuple[int, int] | None:
    """season_span as first written: the span regex run over every page."""
    this_year = dt.date.today().year
    found = None
    for m in dates._SEASON_SPAN.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if b == a + 1 and b <= this_year:
            found = (a, b)
    return found


_SEASON_PIECES = ["2025", "2026", "2019", "2020", "1999", "年", "年度", "学年", "度", "学", "—", "——", "-", "–", "~", "至",
                  "到", " ", "冬训", "甲镇", "3", "。"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SEASON_PIECES), max_size=20).map("".join))
def test_season_span_of_a_page_without_its_closing_words_is_none_as_the_scan_finds(text: str) -> None:
    assert dates.season_span(text) == _plain_season_span(text)


def test_season_span_on_hand_written_texts() -> None:
    for text in ["甲镇紧扣2025—2026年度党员冬训工作。", "2023-2024学年", "2021-2025年规划", "", "2023-2024 年度,2024~2025学年"]:
        assert dates.season_span(text) == _plain_season_span(text), text
    assert dates.season_span("2023-2024学年") == (2023, 2024)
    assert dates._SEASON_SPAN.pattern.endswith("(?:年度|学年)")  # what the look before the scan reads


def _plain_speech_spans(text: str) -> tuple[list[int], list[int]]:
    """figures._speech_spans as first written: each quotation's characters gathered into a set."""
    g = figures._grammar()
    starts: list[int] = []
    ends: list[int] = []
    for m in figures._SPEECH_QUOTE_RE.finditer(text):
        a, b = m.span()
        if not figures._SENTENCE_PUNCT.intersection(m.group()):
            continue
        before = text[max(0, a - 6) : a].rstrip(":：,，")
        after = figures._SPEAKER_RE.match(text, b, b + 24)
        if (g.speech_re.search(before[-4:]) or (after and g.speech_re.search(after.group()))
                or figures._SENTENCE_STOP.search(m.group())):
            starts.append(a)
            ends.append(b)
    return starts, ends


_SPEECH_PIECES = ["“", "”", "说", "表示", "他说:", ",", "，", "。", "!", "?", ":", ";", "好", "大家", "共30人", "\n", "书记"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPEECH_PIECES), max_size=25).map("".join))
def test_speech_spans_read_in_place_are_those_of_each_quotations_characters(text: str) -> None:
    assert figures._speech_spans.__wrapped__(text) == _plain_speech_spans(text)
    _, _, quotes, _ = figures._document_marks.__wrapped__(text)
    assert quotes == [(m.start(), m.end(), not figures._SENTENCE_PUNCT.intersection(m.group()))
                      for m in figures._QUOTE_RE.finditer(text)]


def test_speech_spans_on_hand_written_texts() -> None:
    for text in ["他说:“今天来了三十人,很热闹。”", "开展“十个一”活动", "“好,好!”书记表示", "", "“甲;乙”"]:
        assert figures._speech_spans.__wrapped__(text) == _plain_speech_spans(text), text
    assert figures._speech_spans.__wrapped__("他说:“今天来了三十人,很热闹。”") == ([3], [17])
    assert figures._SENTENCE_PUNCT_RE.findall("".join(sorted(figures._SENTENCE_PUNCT)) + "“”、a") == sorted(
        figures._SENTENCE_PUNCT)
