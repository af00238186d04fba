"""Fast paths of the activities stage agree with the plain forms they replace.

Keyword hits come from an Aho-Corasick automaton instead of the keyword regex, a clause
is found around a cue instead of by splitting the whole event, and a label's strength
comes from one sorted pass instead of comparing every pair of spans.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from partyevents.extract import activities

_WORDS = sorted(activities._cues()[1])
_MARKS = list(",，;；:：、\n。!！?？")
_TEXT = st.lists(st.sampled_from([*_WORDS[:40], *_MARKS, "会", "社会", "治", "理", "a", " "]), max_size=40).map("".join)


@given(_TEXT)
def test_keyword_hits_are_the_keyword_regex_matches(text: str) -> None:
    keyword_re, word_labels, _ = activities._cues()
    matches = keyword_re.finditer(text)
    want = [(m.start(), m.end(), tuple(dict.fromkeys(word_labels[m.group()]))) for m in matches]
    assert activities._keyword_hits(text) == [hit for hit in want if hit[2]]  # words that are no cue: no hit


def test_every_keyword_is_found_alone_and_inside_text() -> None:
    keyword_re, word_labels, _ = activities._cues()
    for word in _WORDS:
        text = f"在{word}中"
        want = [m.span() for m in keyword_re.finditer(text) if word_labels[m.group()]]
        assert [h[:2] for h in activities._keyword_hits(text)] == want


def _split_clauses(text: str) -> list[tuple[int, int, int]]:
    """Every clause as (start, end, next start or -1), from splitting the whole text at each mark."""
    bounds = [m.end() for m in re.finditer(r"[,，;；:：、\n。!！?？]", text)]
    starts = [0, *bounds]
    ends = [b - 1 if text[b - 1] in ",，;；:：、\n" else b for b in bounds] + [len(text)]
    return [(s, e, n) for s, e, n in zip(starts, ends, [*bounds, -1], strict=True)]


@given(_TEXT)
def test_the_clause_around_a_position_is_the_split_clause_holding_it(text: str) -> None:
    clauses = _split_clauses(text)
    for pos in range(len(text)):
        (want,) = [c for c in clauses if c[0] <= pos and (pos < c[2] or c[2] < 0)]
        assert activities._clause_at(text, pos) == want


def _slow_strength(spans: set[tuple[int, int]]) -> tuple[float, int]:
    if len(spans) == 1:
        return 1.0, next(iter(spans))[0]
    outer = [a for a in spans if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)]
    return round(1.0 + activities._EXTRA_CUE * (len(outer) - 1), 2), min(s for s, _ in spans)


@given(st.sets(st.tuples(st.integers(0, 12), st.integers(1, 6)).map(lambda t: (t[0], t[0] + t[1])), min_size=1))
def test_strength_from_one_sorted_pass_is_the_pairwise_rule(spans: set[tuple[int, int]]) -> None:
    assert activities._strength(spans) == _slow_strength(spans)
    assert activities._strength(sorted(spans, reverse=True)) == _slow_strength(spans)
