"""Fast forms of the organizations stage agree with the plain forms they replace.

The name and cue regexes (one character class instead of a look-ahead per character, a
trie behind a first-character look-ahead instead of the longest-first alternation) and the
spaCy doc cut down to the organizer's clause are checked on the sample documents and on
generated text made of the characters that matter to them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from org_plain_rules import in_place, plain_masked
from partyevents import ingest, normalize
from partyevents import nlp as pe_nlp
from partyevents.extract import organizations as orgs
from partyevents.extract.organizer import find_organizer
from partyevents.resources import read_table

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
_PLAIN_NAME_CHAR = r"(?:(?![与及的])[\u4e00-\u9fff])"


def _longest_first(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _plain_chain_re() -> re.Pattern[str]:
    """The name rule as first written: a look-ahead per character, suffixes as a plain alternation."""
    sfx = sorted((row[0] for row in read_table("org_suffixes.tsv")), key=len, reverse=True)
    short = "".join(re.escape(s) for s in sfx if len(s) == 1)
    long_ = _longest_first([s for s in sfx if len(s) > 1])
    # no piece ends on a suffix that runs on into a longer word (乡 of 乡村): one look-behind per table row
    runs_on = "".join(f"(?<!{re.escape(sfx)}(?=[{re.escape(chars)}]))" for sfx, chars in read_table("org_suffix_words.tsv"))
    piece = rf"(?:{_PLAIN_NAME_CHAR}{{0,10}}?{long_}|{_PLAIN_NAME_CHAR}{{2,10}}?[{short}]){runs_on}"
    return re.compile(rf"(?:{piece}|{_PLAIN_NAME_CHAR}{{0,2}}?{_plain_unit()})+(?<!党组(?=织))")


def _plain_unit() -> str:
    """A military-corps unit (一师七团, 二十一团八连), one look-ahead per character that may not follow it."""
    u = {row[0]: row[1] for row in read_table("org_units.tsv")}
    num, inner, unit = u["numeral"], u["inner"], u["unit"]
    not_after = "".join(f"(?!{re.escape(c)})" for c in u["not_before"] + num)
    return rf"(?:第?[{num}]{{1,5}}[{inner}])*第?[{num}]{{1,5}}[{unit}]{not_after}"


def _plain_verb_re() -> re.Pattern[str]:
    """The cues longest first, each that may head a name (联合 of 联合党支部) with its own look-ahead."""
    names: dict[str, list[str]] = {}
    for row in read_table("org_cues.tsv"):
        if row[0] in ("name", "not"):
            names.setdefault(row[1], []).append(re.escape(row[2]))
    words = sorted((r[1] for r in read_table("org_cues.tsv") if r[0] == "verb"), key=len, reverse=True)
    joins: dict[str, list[str]] = {}  # 和 right after 住房 joins 住房和城乡建设局: a look-behind per row
    for row in read_table("org_cues.tsv"):
        if row[0] == "joins":
            joins.setdefault(row[1], []).append(f"(?<!{re.escape(row[2] + row[1])})")
    alts = [
        re.escape(w) + (f"(?!{'|'.join(names[w])})" if w in names else "") + "".join(joins.get(w, []))
        for w in words
    ]
    return re.compile("(?:" + "|".join(alts) + ")(?!部)")


PLAIN_CHAIN = _plain_chain_re()
PLAIN_VERB = _plain_verb_re()
PLAIN_SEPARATOR = re.compile(rf"[^\u4e00-\u9fff]+(?:(?:(?<=[0-9])|(?<=[0-9] ))[万千百个家支名所余多栋]*)?|{PLAIN_VERB.pattern}|[与及的]")


def _samples() -> list[str]:
    return [
        normalize.normalize(ingest.decode(path.read_bytes(), str(path)).text).text
        for path in sorted(RAW.iterdir())
        if path.suffix in (".txt", ".html")
    ]


SAMPLES = _samples()


def _event_like(text: str) -> list[str]:
    """Every line of the text, and the text from each clause start on (up to 300 characters)."""
    starts = [0, *(m.end() for m in re.finditer(r"[,，。;；:：!！?？\n]", text))]
    return [line for line in text.splitlines() if line] + [text[s : s + 300] for s in starts if s < len(text)]


def _assert_same_names(text: str) -> None:
    chain = orgs._chain_re()
    for pos in range(len(text)):
        for endpos in (len(text), min(len(text), pos + 3), min(len(text), pos + 9)):
            fast, slow = chain.match(text, pos, endpos), PLAIN_CHAIN.match(text, pos, endpos)
            assert (fast and fast.span()) == (slow and slow.span()), (text, pos, endpos)
    assert [m.span() for m in orgs._verb_re().finditer(text)] == [m.span() for m in PLAIN_VERB.finditer(text)]
    assert orgs._separators(text) == [  # a cue inside a place word (和 of 阳和镇) is none
        m.span() for m in PLAIN_SEPARATOR.finditer(text)
        if not ("\u4e00" <= m.group()[0] <= "\u9fff" and in_place(text, *m.span(), longer=True))
    ]


def _assert_same_organizer(text: str) -> None:
    whole = find_organizer(text)
    if whole is not None:  # the clause read alone gives the same name, found the same way
        lo, hi = whole.clause_start, whole.clause_end
        alone = find_organizer(text[lo:hi])
        assert alone is not None and (alone.start + lo, alone.end + lo, alone.source) == whole[:3]
    head = pe_nlp.event_head(text)
    in_head = find_organizer(head)
    want = in_head[:3] if in_head else None
    assert pe_nlp.organizer_of(text) == want  # as read from a doc over the whole head
    assert pe_nlp.organizer_of(text, orgs.org_spans(text)) == want


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 5


def test_the_name_character_class_is_the_cjk_block_without_the_joiners() -> None:
    fast, slow = re.compile(orgs._NAME_CHAR), re.compile(_PLAIN_NAME_CHAR)
    for cp in range(0x3000, 0xA000):
        assert bool(fast.fullmatch(chr(cp))) == bool(slow.fullmatch(chr(cp))), hex(cp)


@pytest.mark.parametrize("text", SAMPLES)
def test_names_and_cues_match_as_the_plain_regexes_in_the_samples(text: str) -> None:
    _assert_same_names(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_the_organizer_is_found_in_its_clause_alone_in_the_samples(text: str) -> None:
    for event in _event_like(text):
        _assert_same_organizer(event)


_ALPHABET = list(
    "社区党委街道工组织部市区县局镇乡村服务中心志愿队召开展联合在为以与及的和从记者昨日获悉根据"
    "年月日号前后中旬个支名充分发挥积极率先12 ,，。;：!？\n“”\u4dff\ua000𠀀"
    "书记主任我该由主办讯电()、共同携手推动他们小王"
    "向阳对等高级场集民格局面学生"
    "一二十第师团连续火"
)


_CASES = json.loads((Path(__file__).parent / "data" / "org_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("text", [c["text"] for cases in _CASES.values() for c in cases])
def test_the_organizer_is_found_in_its_clause_alone_in_the_issue_cases(text: str) -> None:
    _assert_same_organizer(text)


def test_the_organizer_span_is_labelled_with_its_source() -> None:
    doc = pe_nlp.pipeline()("柳河镇党委书记周明远带领党员走访群众。")
    assert [s.label_ for s in doc.spans["organizer"]] == ["leader"]  # the span is snapped to whole tokens
    assert doc.user_data["organizer_chars"] == (0, 5, "leader")  # the exact name: 柳河镇党委


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_names_cues_and_organizer_agree_on_generated_text(text: str) -> None:
    _assert_same_names(text)
    _assert_same_organizer(text)


_HEAD_ALPHABET = list("镇县乡区市村社街道长副书记党委主任领导班子王某一行到")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_HEAD_ALPHABET, max_size=8))
def test_title_and_place_heads_read_by_trie_as_by_a_scan_longest_first(head: str) -> None:
    from partyevents.extract import organizer as org

    title = next((t for t in org._leader_titles() if head.startswith(t)), None)  # the plain scan
    m = org._leader_title_re().match(head)
    assert (m.group() if m else None) == title
    place = next((w for w in org._bare_heads() if head.startswith(w)), None)
    m = org._bare_head_re().match(head)
    assert (m.group() if m else None) == place


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("第学生支部社区党ab3Z9 ,年日"), max_size=16))
def test_the_hint_before_masking_passes_every_text_masked(text: str) -> None:
    assert orgs.masked(text) == plain_masked(text)
    if orgs.masked(text) != text:
        assert orgs._INNER_HINT.search(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("他拉哈镇回龙村前进社区阳和联合区党委向北"), min_size=1, max_size=12), st.data())
def test_a_place_word_is_found_as_the_plain_rule_finds_it(name: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(name) - 1))
    end = data.draw(st.integers(start + 1, len(name)))
    for longer in (False, True):
        assert orgs.in_place_word(name, start, end, longer) == in_place(name, start, end, longer)
