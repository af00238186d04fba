"""Fast paths of activity scoring (second pass) agree with the plain forms they replace.

A clause's cues come from the keyword automaton and are kept for the last clauses, the event's lead and main
sentence are found once and shared by every rule, and whether a masked text holds a cue is read from its matches
instead of scoring it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import window
from partyevents.extract import activities, figures
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


def _plain_live(text: str) -> list[tuple[str, tuple[int, int]]]:
    return [(label, m.span()) for label, p in activities._cues()[2] if (m := p.search(text))]


_PATTERN_PIECES = [*_PIECES, "动员", "大会", "会员", "组建", "党支部", "入户", "家中", "针对", "进行", "专题", "宣传",
                   "服务站", "驿站", "投用", "帮助", "老人", "精神", "实践所", "围", "绕"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_PIECES), max_size=30).map("".join))
def test_patterns_searched_from_their_opening_words_find_what_a_plain_search_finds(text: str) -> None:
    assert [(label, m.span()) for label, _, m in activities._live_patterns(text)] == _plain_live(text)


def test_live_patterns_of_a_text_with_a_lone_surrogate_and_of_hand_written_texts() -> None:
    for text in ["", "召开动员大会", chr(0xD800) + "就乡村振兴进行调研", "活动中心揭牌,服务站投用", "围绕产业开展调研"]:
        assert [(label, m.span()) for label, _, m in activities._live_patterns(text)] == _plain_live(text)


@pytest.mark.parametrize(
    ("pattern", "want"),
    [("召开[^,]{0,20}?会", ("召开",)), ("(?:走访|入户)群众", ("走访", "入户")), ("ab?c", ("a",)), ("ab*", ("a",)),
     ("a{2}", None), ("a|b", None), ("(?:a|b)?c", None), ("(?:a|b)|c", None), ("[|]a", None), (r"\d会", None),
     ("(?i)ab", None), ("(?x)a b", None), ("(?:a(?:b|c))d", None), ("x(?:a|b)", ("x",)), ("x[|]|y", None)],
)
def test_leading_words(pattern: str, want: tuple[str, ...] | None) -> None:
    assert activities._leading_words(re.compile(pattern)) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PATTERN_PIECES), max_size=30).map("".join))
def test_every_match_of_a_table_pattern_opens_with_one_of_its_leading_words(text: str) -> None:
    for (_, p), words in zip(activities._cues()[2], map(activities._leading_words, (p for _, p in activities._cues()[2])),
                             strict=True):
        if words is not None:
            assert all(text.startswith(words, m.start()) for m in p.finditer(text))


def _plain_activity_over_topic(text: str) -> tuple[str, tuple[str, ...]] | None:
    """activity_over_topic as first written: each clause's spans from its own keyword and pattern searches."""
    subjects = activities._topics()[0]
    yielding = activities._yielding()
    sentence = _plain_main_sentence(text)
    live = [(label, p) for label, p in activities._cues()[2] if not activities._prefilter(p) or p.search(sentence)]
    for clause in re.split(r"[,，;；:：、\n]", sentence):
        spans: dict[str, set[tuple[int, int]]] = {}
        for s, e, labels in activities._drop_titles(clause, activities._keyword_hits(clause)):
            for label in labels:
                spans.setdefault(label, set()).add((s, e))
        for label, pattern in live:
            if pm := pattern.search(clause):
                spans.setdefault(label, set()).add(pm.span())
        topics = tuple(sorted(label for label in spans if label in subjects))
        acts = [label for label in spans if label not in subjects]
        if not topics or not acts:
            continue
        if not yielding.issuperset(topics):
            return None
        strength = activities._strength
        act = min(acts, key=lambda label: (-strength(spans[label])[0], strength(spans[label])[1]))
        first = min(s for s, _ in spans[act])
        named = activities.topic_labels(clause, spans)
        _, linkers, _, verbs = activities._topics()
        named |= {
            label for label in topics
            if all(clause.endswith(tuple(verbs), 0, s) for s, _ in spans[label] if not any(e == s for _, e in spans[label]))
            and all(any(clause[e:s] in linkers for s, _ in spans[act] if s >= e) for e in activities._run_ends(spans[label]))
        }
        if all(label in named or all(s > first for s, _ in spans[label]) for label in topics):
            return act, topics
        return None
    return None


_TOPIC_PIECES = [*_PATTERN_PIECES, "人才", "交流会", "乡村振兴", "观摩学习", "产业发展", "经验", "赴", "垃圾分类", "开展了",
                 "疫情防控", "推进", "工作", "5月3日,", "东岭镇"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOPIC_PIECES), max_size=25).map("".join))
def test_activity_over_topic_from_the_kept_clause_spans_is_the_plain_rule(text: str) -> None:
    assert activities.activity_over_topic(text) == _plain_activity_over_topic(text)


def test_activity_over_topic_on_hand_written_texts() -> None:
    for text in ["5月3日,东岭镇开展了人才交流会。会上大家谈人才。", "为推进乡村振兴,5月3日,东岭镇赴青禾县观摩学习产业发展经验。",
                 "5月3日,东岭镇召开会议,部署疫情防控工作。", "开展垃圾分类宣传", "帮助、群众学习人才"]:
        assert activities.activity_over_topic(text) == _plain_activity_over_topic(text), text


_FIGURE_PIECES = ["”即", "”是指", "”指的是", "”指", "“1", "1名网格长", "即", "指", "”", "。", ",", "共有", "3人", "甲"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_program_words_near_a_stretch_are_those_a_find_per_word_sees(data: st.DataObject) -> None:
    g = figures._grammar()
    text = "".join(data.draw(st.lists(st.sampled_from(_FIGURE_PIECES), max_size=20)))
    lo, hi = window(data, text)
    assert figures._program_near(g, text, lo, hi) == any(text.find(w, lo, hi) >= 0 for w in g.program)


def test_figures_of_a_program_spelled_out_are_no_counts() -> None:
    text = "推行“1+3”模式,“1”即1名网格长,“3”指3名楼长。共有党员30名。"
    assert [f.value_text for f in figures.find_figures(text)] == ["30名"]
    assert [f.value_text for f in figures.find_figures(text, 28)] == ["30名"]


def _plain_themes_masked(text: str) -> str:
    if "主" not in text:
        return text
    return activities._theme_re().sub(lambda m: m.group(1) + activities._MASK * len(m.group(2)) + m.group(3), text)


_THEME_PIECES = ["以", "“", "”", '"', "为", "主题", "主线", "载体", "题", "主", "共建家园", "党日", "\n", "开展", ","]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_THEME_PIECES), max_size=20).map("".join))
def test_themes_masked_after_looking_for_a_themes_end_is_the_plain_substitution(text: str) -> None:
    got = activities._themes_masked(text)
    assert got == _plain_themes_masked(text)
    assert (got is text) == (_plain_themes_masked(text) is text)  # the text itself when nothing is masked


def test_the_kept_whole_text_hits_are_the_keyword_hits_less_titles() -> None:
    for text in ["召开会议,第一书记张明慰问群众", "选派第一书记", "", "乡干部、第一书记、"]:
        assert list(activities._text_hits(text)) == activities._drop_titles(text, activities._keyword_hits(text))


_QUOTE_PIECES = ["“", "”", "‘", "’", "「", "」", "『", "』", '"', "\n", "十个一", "。", ",", "好", "共30人"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=25).map("".join))
def test_quotes_of_the_kinds_a_text_holds_are_the_quote_regex_matches(text: str) -> None:
    figures._document_marks.cache_clear()
    _, _, quotes, _ = figures._document_marks(text)
    plain = [(m.start(), m.end(), not figures._SENTENCE_PUNCT.intersection(m.group())) for m in figures._QUOTE_RE.finditer(text)]
    assert quotes == plain


def test_quotes_on_hand_written_texts() -> None:
    for text in ['他说"好的"。', "“十个一”和‘两学’、「三会」『一课』", "", "无引号的文字"]:
        figures._document_marks.cache_clear()
        want = [m.span() for m in figures._QUOTE_RE.finditer(text)]
        assert [q[:2] for q in figures._document_marks(text)[2]] == want


def _plain_by_volunteers(text: str) -> bool:
    for clause in re.split(r"[,，;；:：、\n]", text):
        found = activities.clause_cues(clause)
        if "other" in found:
            return set(found) == {"other", "volunteer_service"}
    return False


_FLOOD_PIECES = [*_PIECES, "防汛", "抢险", "抗洪", "志愿者", "党员志愿者", "奔赴一线", "驻村工作队", "和", "开展", "7月9日,"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FLOOD_PIECES), max_size=25).map("".join))
def test_by_volunteers_from_the_first_match_of_other_is_the_clause_by_clause_rule(text: str) -> None:
    assert activities.by_volunteers(text) == _plain_by_volunteers(text)


def test_by_volunteers_on_hand_written_texts() -> None:
    for text in ["7月9日,党员志愿者奔赴一线防汛抢险。", "7月9日,镇党委组织驻村工作队和志愿者开展防汛。", "防汛", "",
                 "志愿者,防汛。志愿者防汛", "第一书记张明防汛\n志愿者抢险"]:
        assert activities.by_volunteers(text) == _plain_by_volunteers(text), text


def _plain_told_masked(text: str) -> str:
    if not any(w in text for w in activities._told_words()):
        return text
    out = activities._told_re().sub(lambda m: m.group()[: m.start(1) - m.start()] + activities._MASK * len(m.group(1)), text)
    return out if out != text and activities.score_labels(out) else text


_TOLD_PIECES = ["书记", "镇党委书记", "王明", "指出", "强调", "要求", ",", ":", "。", "要优化人才选拔", "召开部署会", "开展学习", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOLD_PIECES), max_size=20).map("".join))
def test_told_masked_after_looking_for_a_word_of_telling_and_its_mark_is_the_plain_rule(text: str) -> None:
    got = activities._told_masked(text)
    assert got == _plain_told_masked(text)
    assert (got is text) == (_plain_told_masked(text) is text)


def test_told_masked_on_a_hand_written_text() -> None:
    text = "5月6日,东岭镇召开部署会。书记王明指出,要优化人才选拔。"
    assert activities._told_masked(text) == _plain_told_masked(text) != text
