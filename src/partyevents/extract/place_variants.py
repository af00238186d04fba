"""Townships written otherwise than the gazetteer has them: under another suffix, or without one after their county.

A page writing a township right after its county may leave out its suffix (诸暨枫桥 for 诸暨市枫桥镇, 罗田县三里畈):
the core of the one township of that county so named is that township (:func:`bare_after_counties`).

A page may write a subdistrict 某某街道 as 某某街 where the matcher refuses the short form (after a verb: 走进某某街),
or 某某街 for a 某某街街道 the matcher has no short form of (some 某某街 is a street in every city): it is that
township when a community follows (某某街3520社区, one the gazetteer lists under it) or the page names the
county holding it, and no street's word or house number follows (某某街123号, 某某街口: :func:`street_townships`).

A page writes 某某镇 where the dictionary (as of 2023) has 某某街道 (a town made a subdistrict) or 某某乡:
the matcher finds nothing there. When exactly one township in the country bears the name under another
suffix, it is that one if the page corroborates it: a village or community listed under that township is
named right after it (某某镇某村), or the page names another place of its province. Names the gazetteer
has under their own suffix anywhere are the matcher's, not this module's (:meth:`.Gazetteer.find`).

A township written right after a county that the gazetteer lists only under other counties (涪陵区大顺镇, where
it has 大顺乡 under 涪陵区) is that county's wherever the page names it (:func:`townships_of_counties`,
:func:`recandidated`).

>>> from .gazetteer import gazetteer
>>> g = gazetteer()
>>> text = "4月8日，松北镇召开党员大会，哈尔滨市委组织部派员指导。"
>>> [(m.surface, g.divisions[m.candidates[0]].name) for m in variant_townships(g, text, g.find(text))]
[('松北镇', '松北街道')]
>>> variant_townships(g, "4月8日，松北镇召开党员大会。", []) == []
True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise

from .. import regex_cache as rx
from ..resources import words_of
from .gazetteer import Gazetteer, Match, _short_ok
from .wordtrie import first_starting

__all__ = ["bare_after_counties", "recandidated", "street_townships", "townships_of_counties", "variant_townships"]

_SUFFIX = rx.compile(r"(?:街道|镇|乡)(?!镇|村|长|党|政府|干部|级|里|亲|土|贤|愁|音|情)")
_CORES = (4, 3, 2)  # characters before the suffix tried as the name's core, the longest first
_VILLAGE_CORES = range(2, 6)  # characters of a village name before 村/社区 tried right after the township
_VILLAGE_SUFFIXES = ("村", "社区", "居委会", "嘎查")
_OFFICE_WORDS = ("街道办事处", "办事处", "街办")  # a township's office, written after its core (某某办事处)


def variant_townships(
    gz: Gazetteer, text: str, matches: list[Match], extra: list[Match] | tuple[()] = (),
    may_start: Callable[[str, int], bool] = lambda text, start: True,
) -> list[Match]:
    """Matches for the township names in ``text`` the gazetteer has only under another suffix, once each
    corroborated as the module says; ``matches`` are the gazetteer's names found in ``text``, ``extra`` those
    of the title and the manifest (their provinces count); ``may_start`` tells where a name may start (after
    a punctuation mark, a where-word…)."""
    out: list[Match] = []
    covered = [(m.start, m.end) for m in matches]
    provinces: set[int] | None = None  # provinces the page's unambiguous names lie in, on first use
    cores = gz.township_cores
    for sm in _SUFFIX.finditer(text):
        pos, end = sm.start(), sm.end()
        for k in _core_lengths_before(cores, text[max(0, pos - _CORES[0]) : pos]):  # most suffixes follow no core
            start = pos - k
            if not may_start(text, start):
                continue
            name = text[start:end]
            variants = gz.township_variants(name)
            if len(variants) != 1 or gz.township_named(name):
                continue
            if any(s < end and start < e for s, e in covered):
                break
            t = variants[0]
            if provinces is None:
                provinces = _provinces(gz, [*matches, *extra])
            if _village_after(gz, text, end, t) or gz.ancestors(t)[0] in provinces:
                out.append(Match(start, end, name, (t,), False))
                covered.append((start, end))
            break
    return out


def _provinces(gz: Gazetteer, matches: list[Match]) -> set[int]:
    """Provinces of the names the page gives that lie in one province (every candidate in it)."""
    out: set[int] = set()
    for m in matches:
        provinces = {gz.ancestors(c)[0] for c in m.candidates}
        if len(provinces) == 1:
            out |= provinces
    return out


def _village_after(gz: Gazetteer, text: str, end: int, township: int) -> bool:
    """Whether a village or community the gazetteer lists under ``township`` is named right at ``end``."""
    county = gz.county_of(township)
    if county is None:
        return False
    index = gz.villages(county)
    for k in _VILLAGE_CORES:
        for suffix in _VILLAGE_SUFFIXES:
            if text.startswith(suffix, end + k) and township in index.get(text[end : end + k + len(suffix)], ()):
                return True
    return False


def bare_after_counties(gz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """Matches (short forms) for townships written without their suffix right after their county, where no other
    name follows it (诸暨枫桥, 罗田县三里畈): the longest core of one township of that county, unless a word that
    ends names follows it (诸暨枫桥社区, 某某路: ``place_short_context.tsv``, ``after``) or an ordinal unit's name
    holds it (某某第三居委会), or it is an everyday word too (某某县胜利完成…: ``common_core``).

    >>> from .gazetteer import gazetteer
    >>> g = gazetteer()
    >>> text = "5月1日，诸暨枫桥发动党员清扫街巷。"
    >>> [(m.surface, g.divisions[m.candidates[0]].name) for m in bare_after_counties(g, text, g.find(text))]
    [('枫桥', '枫桥镇')]
    """
    out: list[Match] = []
    starts = {m.start for m in matches}
    cores = gz.township_cores
    longest = _CORES[0]
    for m in matches:
        if m.end in starts:
            continue
        counties: set[int] | None = None  # the match's counties, once a core follows it (most have none)
        for k in _core_lengths(cores, text[m.end : m.end + longest]):  # most names are followed by no core
            end = m.end + k
            core = text[m.end : end]
            if not _short_ok(text, m.end, end, True) or text.startswith("第", end):
                continue  # 某某第三居委会: an ordinal unit keeps the township's name in its own
            if counties is None:
                counties = {c for c in m.candidates if gz.divisions[c].level == "county"}
            if not counties:
                break
            towns = [t for t in gz.townships_of_core(core) if gz.divisions[t].parent in counties]
            if len(towns) == 1:
                office = first_starting(text, _OFFICE_WORDS, end) or ""  # 某区某某办事处
                out.append(Match(m.end, end + len(office), core + office, (towns[0],), True))
                break
    return out


# 街 ending a subdistrict's name written short (某某街 for 某某街道 or 某某街街道), not the start of 街道 or 街办
_STREET = rx.compile(r"街(?!道|办|街)")
_NUMBERED = rx.compile(r"[0-9]{1,5}(?:社区|居委会)")  # a community numbered rather than named (某某街3520社区)
_HOUSE = rx.compile(r"[0-9０-９]+号")  # a house number: the 街 is a street


@lru_cache(maxsize=1 << 14)
def _core_lengths_before(cores: frozenset[str], before: str) -> tuple[int, ...]:
    """The k of ``_CORES``, in order, for which the last k characters of ``before`` (the text before a township
    suffix, ``_CORES[0]`` characters at most) are a township core: what :func:`variant_townships` tries further.

    >>> _core_lengths_before(frozenset({"枫桥", "诸暨枫桥"}), "诸暨枫桥"), _core_lengths_before(frozenset({"枫桥"}), "桥")
    ((4, 2), ())
    """
    n = len(before)
    return tuple(k for k in _CORES if k <= n and before[n - k :] in cores)


@lru_cache(maxsize=1 << 14)
def _core_lengths(cores: frozenset[str], after: str) -> tuple[int, ...]:
    """The k of ``_CORES``, in order, for which ``after[:k]`` (the text after a name, ``_CORES[0]`` characters at
    most) is a township core (``cores``) and no everyday word (``common_core``): what :func:`bare_after_counties`
    tries further. A slice shorter than k near the text's end is tried as it is, as the plain loop did.

    >>> _core_lengths(frozenset({"枫桥", "三里畈"}), "枫桥发动"), _core_lengths(frozenset({"枫桥"}), "发动党员")
    ((2,), ())
    """
    common = words_of("place_short_context.tsv", "common_core")
    return tuple(k for k in _CORES if (core := after[:k]) in cores and core not in common)


def street_townships(
    gz: Gazetteer, text: str, matches: list[Match], extra: list[Match] | tuple[()] = (),
    may_start: Callable[[str, int], bool] = lambda text, start: True,
) -> list[Match]:
    """Short-form matches for subdistricts written 某某街 that the matcher left out, as the module says:
    a community right after it (numbered, or one the gazetteer lists under it), or the county holding it
    named by the page (``matches``, ``extra``: the title's and the manifest's names); the name starts where
    ``may_start`` allows or right after another name, and no street's word follows (``after`` rows of
    ``place_short_context.tsv`` other than a community's: 某某街路口, 某某街小区) nor a house number.

    >>> from .gazetteer import gazetteer
    >>> g = gazetteer()
    >>> [(m.surface, g.divisions[m.candidates[0]].name) for m in street_townships(g, "志愿者走进营市街1207社区。", [])]
    [('营市街', '营市街街道')]
    >>> street_townships(g, "志愿者走进营市街123号。", [])
    []
    """
    out: list[Match] = []
    covered = [(m.start, m.end) for m in matches]
    ends = {m.end for m in matches}
    counties: set[int] | None = None  # counties the page's names hold or lie in, on first use
    for sm in _STREET.finditer(text):
        end = sm.end()
        if any(s < end and sm.start() < e for s, e in covered) or _HOUSE.match(text, end):
            continue
        numbered = _NUMBERED.match(text, end) is not None
        if not numbered and text.startswith(_street_after(), end):  # 某某街社区: a community named after its street
            continue
        for k in _CORES:
            start = sm.start() - k
            if start < 0 or not (start in ends or may_start(text, start)):
                continue
            towns = gz.townships_named(text[start:end] + "道") + gz.townships_named(text[start:end] + "街道")
            if not towns:
                continue
            if not numbered:
                listing = [t for t in towns if _village_after(gz, text, end, t)]
                if not listing:
                    if counties is None:
                        counties = _counties(gz, [*matches, *extra])
                    listing = [t for t in towns if gz.county_of(t) in counties]
                towns = tuple(listing)
            if towns:
                out.append(Match(start, end, text[start:end], towns, True))
                covered.append((start, end))
            break
    return out


def _counties(gz: Gazetteer, matches: list[Match]) -> set[int]:
    """Counties named by the page (a name with few candidates), or holding a place it names."""
    out: set[int] = set()
    for m in matches:
        if len(m.candidates) <= 3:
            out.update(c for d in m.candidates if (c := gz.county_of(d)) is not None)
    return out


@cache
def _street_after() -> tuple[str, ...]:
    """Words after 某某街 that make it a street or part of another name, a community named after the street
    included (某某街社区, 某某街路口: ``place_short_context.tsv``, ``after``)."""
    return words_of("place_short_context.tsv", "after")


def townships_of_counties(
    gz: Gazetteer, lists: tuple[list[Match], ...]
) -> dict[str, tuple[tuple[int, ...], str]]:
    """Township names written right after a county that the gazetteer lists under other counties only.

    ``涪陵区大顺镇`` when the gazetteer has 大顺乡 under 涪陵区 and a 大顺镇 in another province: the page
    means 涪陵区's township wherever it names it, under the name the page gives it (a short form, 某区某某街:
    its full name, 某某街道). Returns surface -> (its candidates: the township under the county with another
    level's suffix, else the county itself; the township's name).
    """
    out: dict[str, tuple[tuple[int, ...], str]] = {}
    divisions = gz.divisions
    for matches in lists:
        for prev, m in pairwise(matches):
            if prev.end != m.start or m.surface in out or any(divisions[c].level != "county" for c in prev.candidates):
                continue
            if any(divisions[c].level != "township" or divisions[c].parent in prev.candidates for c in m.candidates):
                continue
            names = {divisions[c].name for c in m.candidates}
            name = names.pop() if m.short and len(names) == 1 else m.surface
            variants = gz.township_variants(name)
            if len(prev.candidates) > 1:  # 朝阳区将台乡: the one namesake county with such a township
                holding = {c for c in prev.candidates if any(divisions[i].parent == c for i in variants)}
                if len(holding) != 1:
                    continue
                county = holding.pop()
            else:
                county = prev.candidates[0]
            under = [i for i in variants if divisions[i].parent == county]
            out[m.surface] = ((under[0],) if len(under) == 1 else (county,), name)
    return out


def recandidated(matches: list[Match], written: dict[str, tuple[tuple[int, ...], str]]) -> list[Match]:
    """``matches`` with the townships :func:`townships_of_counties` placed under their county."""
    return [m._replace(candidates=written[m.surface][0]) if m.surface in written else m for m in matches]
