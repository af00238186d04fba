"""Figures: counts and amounts with their unit, the thing counted and a category.

A figure is a numeral (:mod:`.numerals`), an optional qualifier (近, 约, 余,
多, 左右 …), a measure word from ``figure_units.tsv`` and the noun it counts,
found after the measure word (``97名志愿者``) or before the number
(``志愿者1800多人``) and mapped to a category by ``figure_nouns.tsv``.
Ordinals, durations, numbers in titles, short quoted slogans and slogan
shapes (``十个一``, ``千家万户``) are not figures (``figure_exclusions.tsv``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..records import Figure
from ..resources import read_table
from .numerals import NUMERAL_CHARS, parse_numeral

__all__ = ["find_figures"]

_PERSON_CATEGORIES = frozenset({"volunteers", "party_members", "cadres", "people"})
_SLOGAN_NUMERALS = frozenset("一二两三四五六七八九十百千万")
_ROUND = frozenset("百千万亿")
_MAX_VALUE = 1e14  # 百万亿: larger "counts" are codes
_RANK = {"places": 0, "organizations": 1}  # 小区 < 党支部 < 书记: a phrase's head outranks its modifiers
_PRE = "将近|接近|大约|约|近|超过|逾|超|不少于|不低于|不到|不足|上(?=[百千万])"
_POST = "左右|以上|上下|之多"
_TITLE_RE = re.compile(r"《[^《》\n]{0,60}》")
_QUOTE_RE = re.compile(r"“[^“”\n]{0,40}”|‘[^‘’\n]{0,40}’|「[^「」\n]{0,40}」|『[^『』\n]{0,40}』|\"[^\"\n]{0,40}\"")
_SENTENCE_PUNCT = frozenset(",，。;；!！?？:：")
_BEFORE_CODE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/#_-")


@dataclass(frozen=True, slots=True)
class _Unit:
    category: str
    mode: str  # "fixed", "person" or "noun"
    not_before: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Grammar:
    figure_re: re.Pattern[str]
    units: dict[str, _Unit]
    nouns: dict[str, str]
    noun_re: re.Pattern[str]
    noun_maxlen: int
    stop_re: re.Pattern[str]
    after_re: re.Pattern[str]
    before: tuple[str, ...]
    connector_re: re.Pattern[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _grammar() -> _Grammar:
    """Compile the figure grammar from the resource tables (once)."""
    units = {row[0]: _Unit(row[1], row[2], frozenset(row[3] if len(row) > 3 else "")) for row in
             read_table("figure_units.tsv")}
    nouns = {row[0]: row[1] for row in read_table("figure_nouns.tsv")}
    excl: dict[str, list[str]] = {}
    for kind, word in read_table("figure_exclusions.tsv"):
        excl.setdefault(kind, []).append(word)
    num = f"[0-9{NUMERAL_CHARS}][0-9.{NUMERAL_CHARS}余多几]*"
    cn = f"[{NUMERAL_CHARS}]"
    start = f"(?:(?<![0-9.])(?=[0-9])|(?<![0-9.{NUMERAL_CHARS}几数若])(?={cn}))"
    figure_re = re.compile(
        rf"(?P<pre>{_PRE})?{start}(?P<num>{num})(?:(?P<sep>至|到|-|~|—|–)(?P<num2>{num}))?"
        rf"(?P<unit>{_alternation(list(units))})(?P<post>{_POST})?"
    )
    return _Grammar(
        figure_re=figure_re, units=units, nouns=nouns, noun_re=re.compile(_alternation(list(nouns))),
        noun_maxlen=max(map(len, nouns)), stop_re=re.compile(_alternation(excl.get("stop", []))),
        after_re=re.compile(rf"(?:{_alternation(excl.get('after', []))})"), before=tuple(excl.get("before", [])),
        connector_re=re.compile(rf"(?:{_alternation(excl.get('connector', []))})+$"),
    )


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _noun_after(g: _Grammar, text: str, pos: int, end: int, person: bool) -> tuple[str, str] | None:
    """The noun phrase counted after a measure word: (phrase, category of its head), or None.

    The phrase runs word by word; its last known word is the head. Up to 8
    unknown characters may precede the first known word (``符合划转条件的人员``),
    up to 4 may separate later ones (``区直单位主要负责人``); a stop word,
    punctuation or a digit ends it. After a person measure word (名, 人, 位)
    only a word for people can be the head.
    """
    head_end, head_cat, gap, i = -1, "", 0, pos
    limit = min(end, pos + 24)
    while i < limit:
        m = g.noun_re.match(text, i)
        if m:
            category = g.nouns[m.group()]
            if head_end >= 0 and gap and _RANK.get(category, 2) < _RANK.get(head_cat, 2):
                break  # 党支部联系小区: a new phrase, not a wider head
            if not person or category in _PERSON_CATEGORIES:
                head_end, head_cat, gap = m.end(), category, 0
            i = m.end()
            continue
        ch = text[i]
        if ch in "()（）":
            i += 1
            continue
        if not _is_cjk(ch) or (ch == "的" and head_end >= 0) or g.stop_re.match(text, i):
            break
        gap += 1
        if gap > (4 if head_end >= 0 else 8):
            break
        i += 1
    if head_end < 0:
        return None
    phrase = text[pos:head_end]
    if text[head_end : head_end + 1] in (")", "）") and phrase.count("(") + phrase.count("（") > phrase.count(")"):
        head_end += 1
    return text[pos:head_end].lstrip("的"), head_cat


def _suffix_noun(g: _Grammar, phrase: str) -> tuple[str, str] | None:
    """The longest known noun that ``phrase`` ends with."""
    for size in range(min(g.noun_maxlen, len(phrase)), 0, -1):
        word = phrase[-size:]
        if word in g.nouns:
            return word, g.nouns[word]
    return None


def _clause_before(text: str, pos: int, lo: int) -> tuple[str, str]:
    """The run of words ending at ``pos`` (at most 16 characters) and the character that ends it on the left."""
    window = text[max(lo, pos - 16) : pos]
    for k in range(len(window) - 1, -1, -1):
        if not (_is_cjk(window[k]) or window[k] in "()”’:"):
            return window[k + 1 :], window[k]
    return window, ""


def _noun_before(g: _Grammar, text: str, pos: int, lo: int, person: bool) -> tuple[str, str] | None:
    """A known noun ending right before the number (``志愿者1800多人``, ``人数达到900余人``).

    People counted after a list (``书记、负责人共30余人参加``) are a total of
    participants: no single noun.
    """
    clause, left = _clause_before(text, pos, lo)
    noun = _suffix_noun(g, g.connector_re.sub("", clause))
    if noun is None or not person:
        return noun
    if noun[1] not in _PERSON_CATEGORIES or left == "、":
        return None  # 培训400人: not a word for the people counted
    return noun


def _protected(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of titles and short quoted slogans around ``text[lo:hi]``, where numbers are not figures."""
    a, b = max(0, lo - 64), min(len(text), hi + 64)
    spans = [(m.start(), m.end()) for m in _TITLE_RE.finditer(text, a, b)]
    for m in _QUOTE_RE.finditer(text, a, b):
        if not _SENTENCE_PUNCT.intersection(m.group()):
            spans.append((m.start(), m.end()))
    return spans


def _slogan_shape(text: str, num_start: int, run: str, unit_end: int) -> bool:
    """``十个一``, ``六个一``, ``千家万户``: numeral, measure word, numeral."""
    if unit_end < len(text) and text[unit_end] in _SLOGAN_NUMERALS:
        return True
    if len(run) == 1 and run in _SLOGAN_NUMERALS and num_start >= 2:
        before, before2 = text[num_start - 1], text[num_start - 2]
        return before2 in _SLOGAN_NUMERALS and _is_cjk(before) and before not in NUMERAL_CHARS
    return False


def _plausible_run(run: str, unit: str, pre: str | None) -> bool:
    """Reject numerals that are words: bare ``一`` (``一户居民``), ``二次`` (counts say 两), ``千万``, ``万人``.

    >>> [_plausible_run(r, "人", None) for r in ("一", "二", "万", "万余", "千万", "两", "十")], _plausible_run("万", "名", None)
    ([False, False, False, True, False, True, True], True)
    """
    if run in ("一", "二"):
        return False
    core = run.strip("余多几")
    if all(ch in _ROUND for ch in core):  # 万名党员, 上千人, 百余家 — not 万人空巷, 千家万户
        return len(core) == 1 and (core != run or pre is not None or unit == "名")
    return True


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Figures in ``text[start:end]`` with document offsets.

    >>> [(f.value, f.value_text, f.category) for f in find_figures("区财政局有110名党员干部下沉,花费20多万元。")]
    [(110.0, '110名', 'party_members'), (200000.0, '20多万元', 'money_cny')]
    >>> [(f.value, f.category, f.approximate) for f in find_figures("志愿者1800多人参加,服务两三个小区")]
    [(1800.0, 'volunteers', True), (2.0, 'places', True)]
    >>> find_figures("任期为2年,第七次普查,60岁以上,“十个一”活动,四个方面,一户居民")
    []
    """
    end = len(text) if end is None else end
    g = _grammar()
    protected = _protected(text, start, end)
    out: list[Figure] = []
    for m in g.figure_re.finditer(text, start, end):
        run, unit_word, pre = m["num"], m["unit"], m["pre"]
        unit = g.units[unit_word]
        num_start, unit_end = m.start("num"), m.end("unit")
        if not _plausible_run(run, unit_word, pre):
            continue
        head = text[max(0, m.start() - 6) : m.start()].rstrip(": ")
        if head.endswith(g.before) or (head and head[-1] in _BEFORE_CODE):
            continue
        if unit_end < len(text) and text[unit_end] in unit.not_before:
            continue
        if g.after_re.match(text, unit_end) or _slogan_shape(text, num_start, run, unit_end):
            continue
        if any(a <= m.start() and m.end() <= b for a, b in protected):
            continue
        parsed = parse_numeral(run)
        if parsed is None or not parsed.value < _MAX_VALUE or (m["num2"] and parse_numeral(m["num2"]) is None):
            continue  # a code or an ID, not a count
        noun = _noun_after(g, text, m.end(), end, unit.mode == "person")
        if noun is None:
            noun = _noun_before(g, text, m.start(), start, unit.mode == "person")
            if noun and unit.mode == "fixed" and noun[1] in ("places", "organizations"):
                noun = None  # where it happened, not what was counted
        category = unit.category
        if unit.mode == "person":
            category = noun[1] if noun and noun[1] in _PERSON_CATEGORIES else "people"
        elif unit.mode == "noun" and noun:
            category = noun[1]
        approximate = parsed.approximate or bool(pre or m["post"] or m["num2"])
        out.append(Figure(value=parsed.value, value_text=m.group(), unit=unit_word, category=category,
                          start=m.start(), end=m.end(), noun=noun[0] if noun else None, approximate=approximate))
    return out
