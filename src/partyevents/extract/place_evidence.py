"""Which short forms of counties in a text stand for their place.

Many county short forms are ordinary words (互助, 通道, 金山, 和平, 团结) or parts of
other names (贺兰山路, 南湖山庄, 安溪县公安局). A short form of a county is kept only
when something corroborates it (a prefecture's short form, 长沙, 唐山, is a place
name in its own right):

- a level or organization word right after it (``互助县``, ``金山区委``: the
  ``confirm`` rows of ``place_short_context.tsv``);
- a place under it named right after it (``樊城王寨街道``), or its parent right
  before it (``武汉黄陂``);
- the place itself, a place under it, or its prefecture or province named
  elsewhere in full, or in the title or the manifest;
- a travel verb right before it (``赴大荔``, ``前往大荔``: the ``travel`` rows) and a place of its province named,
  when it is the one county of that short form there (the page's people travel to a county near them).

A county's short form followed by a small unit's word (``蓝田党支部``: the ``unit`` rows) is a compound's
or a company's name, never the county (a county has no 党支部 of its own).

A short form right after a name of its own level or below is never a place: it
starts another name (``安溪县公安局``, ``长宁区新华路街道``, ``汉阳镇汉阳场社区``), unless it is a
division right under that name (``和平区小白楼街``: 小白楼街道 of 和平区).
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..resources import read_table
from .gazetteer import Gazetteer, Match, after_travel

__all__ = ["corroborated", "without_word_parts"]

_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
_COUNTY = _RANK["county"]
_FEW = 3  # a name with more candidates than this (城关镇) says nothing about where the document is


@cache
def _confirm_words() -> tuple[str, ...]:
    return tuple(r[1] for r in read_table("place_short_context.tsv") if r[0] == "confirm")


@cache
def _unit_words() -> tuple[str, ...]:
    """Words after a county's short form that make it a small unit's own name (蓝田党支部)."""
    return tuple(r[1] for r in read_table("place_short_context.tsv") if r[0] == "unit")


@lru_cache(maxsize=1 << 14)
def _ranks(gz: Gazetteer, candidates: tuple[int, ...]) -> tuple[int, int]:
    """The highest and the lowest rank among a name's candidates (a pure function of them: cached)."""
    ranks = [_RANK[gz.divisions[c].level] for c in candidates]
    return min(ranks), max(ranks)


@lru_cache(maxsize=1 << 14)
def _held(gz: Gazetteer, candidates: tuple[int, ...]) -> frozenset[int]:
    """The candidates and every ancestor of them (a pure function of them: cached)."""
    return frozenset(a for c in candidates for a in gz.ancestors(c))


@cache
def _village_words() -> tuple[str, ...]:
    """Words after 某乡村 that make 某乡 a township (某乡村民, 某乡村干部)."""
    return tuple(r[1] for r in read_table("place_short_context.tsv") if r[0] == "village")


def without_word_parts(gz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """``matches`` without full names that are parts of common words.

    A township ending in 乡 that starts the word 乡村 or 乡镇 (发展乡村, 促进乡村振兴, 发展乡镇企业: 发展乡,
    促进乡), unless a village's word follows (某乡村民, 某乡村干部); a county ending in 城区 whose first
    character ends another place's name (位于常德城区: the urban area of 常德, not 德城区); a county of two
    characters X县 after a word's first character, whose 县 starts a county word (市委和县委, 贡献县域, 英雄县城:
    和县, 献县, 雄县; the ``county_word`` rows), unless a place name or a ``before`` word comes before it
    (安徽和县县委, 在和县县城).
    """
    ends = {m.end for m in matches}
    return [
        m
        for m in matches
        if m.short  # none of the three tests drops a short form
        or m.surface[-1] not in _WORD_PART_ENDS  # nor a name not ending in 乡, 区 (城区) or 县
        or (not _rural_word(text, m) and not _urban_area(gz, text, m) and not _county_word(text, m, ends))
    ]


_WORD_PART_ENDS = frozenset("乡区县")  # the last characters of the names :func:`without_word_parts` may drop


def _county_word(text: str, m: Match, ends: set[int]) -> bool:
    """Whether a county named X县 is X ending a word and 县 starting another (市委和县委: no 和县)."""
    if m.short or len(m.surface) != 2 or not m.surface.endswith("县") or not m.start or m.start in ends:
        return False
    prev = text[m.start - 1]
    if not "\u4e00" <= prev <= "\u9fff" or prev in _before_words():
        return False
    return text.startswith(_county_words(), m.end - 1)


@cache
def _before_words() -> frozenset[str]:
    """Characters before a name that leave it standing on its own (``place_short_context.tsv``, ``before``)."""
    return frozenset(r[1] for r in read_table("place_short_context.tsv") if r[0] == "before")


@cache
def _county_words() -> tuple[str, ...]:
    """Words that start with 县 and name no county (县委, 县域, 县城: ``place_short_context.tsv``)."""
    return tuple(r[1] for r in read_table("place_short_context.tsv") if r[0] == "county_word")


def _urban_area(gz: Gazetteer, text: str, m: Match) -> bool:
    """Whether a county named X城区 is the word 城区 after a place whose name ends in X (常德城区)."""
    if m.short or not m.surface.endswith("城区") or not m.start or not "\u4e00" <= text[m.start - 1] <= "\u9fff":
        return False
    return any(k.end == 2 for k in gz.find(text[m.start - 1 : m.start + 1]))  # a name of two: 常德, 白云


def _rural_word(text: str, m: Match) -> bool:
    """Whether a township name ending in 乡 starts the word 乡村 or 乡镇 (:func:`without_word_parts`)."""
    if m.short or m.end >= len(text) or text[m.end] not in "村镇" or not m.surface.endswith("乡"):
        return False
    return text[m.end] == "镇" or not text.startswith(_village_words(), m.end + 1)


def _child_of(gz: Gazetteer, m: Match, prev: Match) -> bool:
    """Whether one of ``m``'s candidates lies right under one of ``prev``'s (和平区小白楼街: 小白楼街道 of 和平区)."""
    parents = set(prev.candidates)
    return any(gz.divisions[c].parent in parents for c in m.candidates)


def _top_rank(gz: Gazetteer, m: Match) -> int:
    return _ranks(gz, m.candidates)[0]


def _low_rank(gz: Gazetteer, m: Match) -> int:
    return _ranks(gz, m.candidates)[1]


def corroborated(gz: Gazetteer, text: str, matches: list[Match], extra: list[Match]) -> list[Match]:
    """``matches`` (found in ``text``) without the short forms nothing corroborates.

    ``extra`` holds the names found in the title and the manifest place.
    """
    if not any(m.short for m in matches):
        return matches
    # a county's short form waits for evidence (False); None: never kept
    keep: list[bool | None] = [not (m.short and _ranks(gz, m.candidates)[0] == _COUNTY) for m in matches]
    units = _unit_words()
    for i, m in enumerate(matches):  # 蓝田党支部: a unit's own name, never the county
        if keep[i] is False and text.startswith(units, m.end):
            keep[i] = None
    for i, m in enumerate(matches):  # a short form starting another name is dropped first (八经街道甲社区)
        if not m.short or i == 0:
            continue
        prev = matches[i - 1]
        if prev.end == m.start and _low_rank(gz, prev) >= _top_rank(gz, m) and not _child_of(gz, m, prev):
            keep[i] = None
    if False not in keep:  # no short form waits for evidence: what is named elsewhere does not matter
        return [m for m, k in zip(matches, keep, strict=True) if k]
    confirm = _confirm_words()
    named: set[int] = set()  # divisions named: candidates of full names and of title/manifest names
    held: set[int] = set()  # those and every ancestor of them
    extra_surfaces = {m.surface for m in extra}

    def add(m: Match) -> None:
        if len(m.candidates) <= _FEW:
            named.update(m.candidates)
            held.update(_held(gz, m.candidates))

    for m in extra:
        add(m)
    for i, m in enumerate(matches):
        if keep[i]:
            add(m)
    for _ in range(2):  # a short form corroborated by another one corroborates in turn
        changed = False
        for i, m in enumerate(matches):
            if keep[i] is not False:
                continue
            if _supported(gz, text, matches, i, confirm, extra_surfaces, named, held):
                keep[i] = True
                add(m)
                changed = True
        if not changed:
            break
    return [m for m, k in zip(matches, keep, strict=True) if k]


def _supported(
    gz: Gazetteer,
    text: str,
    matches: list[Match],
    i: int,
    confirm: tuple[str, ...],
    extra_surfaces: set[str],
    named: set[int],
    held: set[int],
) -> bool:
    m = matches[i]
    if text.startswith(confirm, m.end) or m.surface in extra_surfaces:
        return True
    if i + 1 < len(matches) and matches[i + 1].start == m.end:  # 樊城王寨街道
        nxt = matches[i + 1]
        if any(c in gz.ancestors(n)[:-1] for n in nxt.candidates for c in m.candidates):
            return True
    if i > 0 and matches[i - 1].end == m.start:  # 武汉黄陂
        prev = matches[i - 1]
        if any(p in gz.ancestors(c)[:-1] for c in m.candidates for p in prev.candidates):
            return True
    if any(c in held or named.intersection(gz.ancestors(c)[:-1]) for c in m.candidates):
        return True
    if not after_travel(text, m.start):
        return False
    near = [c for c in m.candidates if held.intersection(gz.ancestors(c)[:-1])]  # in a province the page names
    return len(near) == 1
