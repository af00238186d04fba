"""The organizations stage's third speed pass agrees with the plain forms it replaces.

Each function read with fewer steps is checked against its plain form, kept here as first written: on the sample
pages' lines and on generated text made of the pieces that matter to it (place words that hold a cue, cues, marks,
names and their suffixes).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents.extract import organizations as orgs
from partyevents.extract import organizer

SAMPLES = samples()
_LINES = sorted({line for text in SAMPLES for line in text.split("\n") if line.strip()})[:400]

# place words holding a cue (阳和镇, 从江县, 人和镇), their suffixes, cues, openers, names and marks
_PIECES = ["阳和", "人和", "从江", "依托", "发布", "和平", "和谐", "联合", "东岭", "青禾", "镇", "县", "村", "社区", "街道", "区",
           "党委", "党支部", "委员会", "局", "在", "和", "与", "及", "的", "从", "以", "为", "到", "把", "组织", "召开",
           "开展", "组织部", "书记", "王明", "近日", "全县", "该镇", "我们", "他", "、", ",", "。", "“", "”", "3", "e", " ",
           "会议要求", "说", "\n", "!"]
_TEXTS = st.lists(st.sampled_from(_PIECES), min_size=0, max_size=16).map("".join)


def _plain_separators(text: str) -> list[tuple[int, int]]:
    """:func:`orgs._separators` as first written: every separator that opens with the first character of a cue some
    longer place word holds is looked up."""
    spans = [m.span() for m in orgs._chunk_re().finditer(text)]
    firsts = orgs._place_cue_firsts()
    return [(s, e) for s, e in spans if not (text[s] in firsts and orgs._cue_in_place(text, s, e))]


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
def test_the_separators_agree_with_the_plain_ones(text: str) -> None:
    assert orgs._separators(text) == _plain_separators(text)


def test_the_separators_of_the_samples_and_of_hand_written_sentences_agree() -> None:
    for line in _LINES:
        assert orgs._separators(line) == _plain_separators(line)
    for text in ("人和镇党委和社区开展活动", "从江县委从东岭村出发", "阳和镇、依托东岭村发布", "和平区和社区", "和", "镇和"):
        assert orgs._separators(text) == _plain_separators(text)
    held = "人和镇党委和社区开展活动"  # 和 of 人和镇 is none: the place word holds it
    assert (1, 2) not in orgs._separators(held) and (5, 6) in orgs._separators(held)


def _plain_organizer_span(text: str, spans: list[tuple[int, int, str]] | None) -> organizer.OrganizerSpan | None:
    """:func:`organizer.organizer_span` as first written: the clause found read alone, or the whole head again."""
    head = organizer.event_head(text)
    found = organizer.find_organizer(head, spans)
    lo, hi = (found.clause_start, found.clause_end) if found else (0, len(head))
    inner = None if spans is None else [(s - lo, e - lo, kind) for s, e, kind in spans if lo <= s and e <= hi]
    hit = organizer.find_organizer(head[lo:hi], inner)
    return organizer.OrganizerSpan(hit.start + lo, hit.end + lo, hit.source) if hit else None


def _both_organizer_spans_agree(text: str) -> None:
    assert organizer.organizer_span(text) == _plain_organizer_span(text, None)
    spans = orgs.org_spans(text)
    assert organizer.organizer_span(text, spans) == _plain_organizer_span(text, spans)


_EVENT_PIECES = [*_PIECES, "5月3日", "在", "东岭村党群服务中心", "党员们", "来自", "的志愿者", "。", "向", "捐赠", "观摩了", "各村党支部",
                 "村民", "组织部长", "王某", "一行", "到", "调研", "“", "大家好", "”"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EVENT_PIECES), min_size=0, max_size=20).map("".join))
def test_the_organizer_span_agrees_with_the_plain_one(text: str) -> None:
    _both_organizer_spans_agree(text)


def test_the_organizer_spans_of_the_samples_and_of_hand_written_events_agree() -> None:
    for text in SAMPLES:
        for paragraph in text.split("\n\n")[:40]:
            _both_organizer_spans_agree(paragraph)
    for text in ("近日,党员们齐聚一堂。大家合影。", "5月3日,在东岭村党群服务中心,党员们重温誓词。", "东岭镇党委召开会议。", ""):
        _both_organizer_spans_agree(text)
    assert organizer.organizer_span("近日,党员们齐聚一堂。") is None
