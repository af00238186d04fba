"""Fast paths of the segment, dates and figures stages agree with the plain scans they replace.

Each fast path (a prefilter regex, a document-wide cache, a combined scan) is checked
against the slow form it stands for, on the sample documents and on generated text
made of the characters that matter to it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import match_spans, plain_figures, samples, window
from partyevents.extract import dates, figures
from partyevents.extract.numerals import NUMERAL_CHARS
from partyevents.resources import read_table
from partyevents.segment import split_lines

SAMPLES = samples()


def _slow_dates(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in dates._DATE_RE.finditer(text, start, end) if m.end() > m.start()]


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("text", SAMPLES)
def test_prefiltered_scans_find_what_the_plain_scans_find_in_the_samples(text: str) -> None:
    g = figures._grammar()
    for start, end in [(0, len(text)), (len(text) // 3, 2 * len(text) // 3), (17, len(text) - 5)]:
        assert match_spans(dates._date_matches(text, start, end)) == match_spans(_slow_dates(text, start, end))
        assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(plain_figures(text, start, end))


@pytest.mark.parametrize("text", [
    "3约5名党员", "1.约5人", "5上千人", "3至5名", "2-3个小区", "十个一", "两三个", "第3次", "1,约2万元",  # figures
    "0自九日", "甲自九日", "从8月", "自2016年开始", "2021-10-25", "12021-10-25", "3时许", "9:30", "十二月", "一二〇二二年",  # dates
    "12月1日至3日", "晚会", "12月4日晚", "5.12月", "自自2022年", "2022年12月4日起草",
])
def test_prefiltered_scans_find_what_the_plain_scans_find_in_tricky_shapes(text: str) -> None:
    for start in range(len(text) + 1):
        end = len(text)
        assert match_spans(dates._date_matches(text, start, end)) == match_spans(_slow_dates(text, start, end))
        g = figures._grammar()
        assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(plain_figures(text, start, end))


_DATE_CHARS = "自从0123456789〇零一二三四五六七八九十年月日号份至到—-~./: \u3000\n上下午晚会许以来起草开始今时点分半第二天次"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_DATE_CHARS, max_size=24), st.data())
def test_date_prefilter_finds_every_date_match(text: str, data: st.DataObject) -> None:
    start, end = window(data, text)
    assert match_spans(dates._date_matches(text, start, end)) == match_spans(_slow_dates(text, start, end))


_FIGURE_PIECES = st.one_of(
    st.sampled_from([*figures._PRE_WORDS, figures._PRE_ROUND, *figures._SEPS, *figures._grammar().units, "左右", "以上",
                     "余", "多", "几", "数", "若", ".", " ", "\n", "第"]),
    st.text(alphabet="0123456789", min_size=1, max_size=3),
    st.text(alphabet=NUMERAL_CHARS, min_size=1, max_size=3),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FIGURE_PIECES, max_size=10), st.data())
def test_figure_prefilter_finds_every_figure_match(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start, end = window(data, text)
    g = figures._grammar()
    assert match_spans(figures._figure_matches(g, text, start, end)) == match_spans(plain_figures(text, start, end))


@pytest.mark.parametrize("text", SAMPLES)
def test_the_cached_document_scan_is_the_plain_scan_and_a_fresh_list(text: str) -> None:
    first = dates.find_date_expressions(text)
    assert first == dates._scan(text, 0, len(text))
    first.clear()
    assert dates.find_date_expressions(text, 0, len(text)) == dates._scan(text, 0, len(text))


def _slow_noun_after(g: figures._Grammar, text: str, pos: int, end: int, person: bool,
                     prefer: str = "") -> tuple[str, str] | None:
    """The character-by-character form of :func:`figures._noun_after`."""
    table = read_table("figure_exclusions.tsv")
    words = [w for kind, w in table if kind == "word"]
    nouns = re.compile(figures._alternation(list(g.nouns) + words))
    stop = re.compile(figures._alternation([w for kind, w in table if kind == "stop"]))
    head_end, head_cat, gap, i = -1, "", 0, pos
    kept = (-1, "")
    body_end = -1  # where the last word for a body read before any head ends (区直单位、企业党员)
    limit = min(end, pos + 24)
    while i < limit:
        m = nouns.match(text, i)
        if m and m.group() in g.nouns:
            category = g.nouns[m.group()]
            team = g.members.get(m.group(), "")
            if person and team and team != "people" and (head_end < 0 or not gap):
                category = team
            if (head_end >= 0 and gap and category != prefer and (person or not team)
                    and figures._RANK.get(category, 2) < figures._RANK.get(head_cat, 2)):
                break
            if not person and head_cat in figures._RANK and (
                    category in figures._MEMBERS or (category == "cadres" and m.group().endswith(g.collective))):
                break
            if not person or category in figures._PERSON_CATEGORIES:
                head_end, head_cat, gap = m.end(), category, 0
            else:
                body_end = m.end()
            i = m.end()
            continue
        if m:  # a known non-head word: part of the gap
            gap += len(m.group())
            if gap > (4 if head_end >= 0 else 8):
                break
            i = m.end()
            continue
        ch = text[i]
        if ch in "()（）“”":
            if ch in ")）”" and not any(o in text[pos:i] for o in ("“" if ch == "”" else "(（")):
                break  # a bracket the phrase did not open ends it
            i += 1
            continue
        if ch == "、" and not person and head_cat == "places" and i == head_end:  # 村、社区党组织书记: one list of places
            nxt = nouns.match(text, i + 1)
            if nxt and not stop.match(text, i + 1) and g.nouns.get(nxt.group(), "") == "places":
                i += 1
                continue
        if ch == "、" and person and head_end < 0 and i == body_end:  # bodies listed before the word for people
            gap += 1
            i += 1
            continue
        if ch == "的" and head_end >= 0 and gap and not person:  # a relative clause: the head after 的 counts
            kept, head_end, gap = (head_end, head_cat), -1, 0
            i += 1
            continue
        if not figures._is_cjk(ch) or (ch == "的" and head_end >= 0) or stop.match(text, i):
            break
        gap += 1
        if gap > (4 if head_end >= 0 else 8):
            break
        i += 1
    if head_end < 0 and kept[0] >= 0:
        head_end, head_cat = kept
    if head_end < 0:
        if not person:
            return None
        # a clause said of the people counted (no digit, no punctuation but 、), its 的, then a word for people
        de = re.match(r"[^\d,，。;；:：!！?？“”()（）\n]{1,16}?的", text[pos:end])
        noun = _slow_noun_after(g, text, pos + de.end(), end, True) if de else None
        return (text[pos : pos + de.end()] + noun[0], noun[1]) if de and noun else None
    phrase, close = text[pos:head_end], text[head_end : head_end + 1]
    opened = phrase.count("(") + phrase.count("（") > phrase.count(")") if close in (")", "）") else (
        close == "”" and phrase.count("“") > phrase.count("”"))
    head_end += opened
    return text[pos:head_end].lstrip("的"), head_cat


_NOUN_PIECES = st.one_of(st.sampled_from(sorted(figures._grammar().nouns)),
                         st.sampled_from(["参加", "和", "的", "在", "共", "(", ")", "（", "）", ",", "1", "a", "、",
                                          "“", "”", "在职", "人居", "共建"]),
                         st.text(alphabet="甲乙丙丁戊的人员党", min_size=1, max_size=3))


@settings(max_examples=400, deadline=None)
@given(st.lists(_NOUN_PIECES, max_size=10), st.booleans(), st.sampled_from(["", "organizations", "places"]),
       st.data())
def test_noun_phrase_scan_agrees_with_the_character_loop(pieces: list[str], person: bool, prefer: str,
                                                         data: st.DataObject) -> None:
    text = "".join(pieces)
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    g = figures._grammar()
    assert figures._noun_after(g, text, pos, end, person, prefer) == _slow_noun_after(g, text, pos, end, person, prefer)


@pytest.mark.parametrize("text", SAMPLES)
def test_noun_phrase_scan_agrees_with_the_character_loop_in_the_samples(text: str) -> None:
    g = figures._grammar()
    for pos in range(0, len(text), 7):
        for person in (False, True):
            end = min(len(text), pos + 30)
            assert figures._noun_after(g, text, pos, end, person) == _slow_noun_after(g, text, pos, end, person)


_QUOTE_PIECES = st.one_of(st.sampled_from(["\"", "“", "”", "‘", "’", "《", "》", ",", "\n"]),
                          st.text(alphabet="甲乙1", min_size=1, max_size=6))


@settings(max_examples=300, deadline=None)
@given(st.lists(_QUOTE_PIECES, min_size=10, max_size=80), st.data())
def test_titles_and_quotes_from_the_document_scan_cover_what_a_window_scan_covers(
        pieces: list[str], data: st.DataObject) -> None:
    """A window that starts inside a quote pairs the ``"`` after it differently: the window's own scan decides."""
    text = "".join(pieces)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    spans = figures._protected(text, lo, hi)
    assert spans == sorted(spans)
    window = figures._scan_protected(text, max(0, lo - figures._WINDOW), min(len(text), hi + figures._WINDOW))
    for start in range(lo, hi):
        for end in range(start + 1, min(hi, start + 12) + 1):
            assert figures._covered(spans, start, end) == any(a <= start and end <= b for a, b in window)


def test_a_window_that_starts_inside_a_quote_pairs_the_marks_after_it_on_its_own() -> None:
    text = "\"甲甲" * 40  # "甲甲"甲甲"…: where the scan starts decides which marks pair up
    for lo in range(60, 72):
        hi = lo + 20
        spans = figures._protected(text, lo, hi)
        window = figures._scan_protected(text, lo - figures._WINDOW, hi + figures._WINDOW)
        for start in range(lo, hi):
            assert figures._covered(spans, start, start + 1) == any(a <= start < b for a, b in window)


def _slow_split_lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            out.append((pos + len(raw) - len(raw.lstrip()), pos + len(raw.rstrip()), raw.strip()))
        pos += len(raw) + 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab甲 \t\r\n\u3000\u00a0\x0b\x1c\u2028", max_size=30))
def test_split_lines_strips_like_str_strip(text: str) -> None:
    assert [(ln.start, ln.end, ln.text) for ln in split_lines(text)] == _slow_split_lines(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="甲乙()”’:,、 1a\n“", max_size=24), st.data())
def test_clause_before_ends_at_the_last_character_outside_a_clause(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, pos))
    window = text[max(lo, pos - 16) : pos]
    k = len(window)
    while k and (figures._is_cjk(window[k - 1]) or window[k - 1] in "()”’:"):
        k -= 1
    assert figures._clause_before(text, pos, lo) == (window[k:], window[k - 1 : k])
