"""Townships written under another level's suffix than the gazetteer's, with no county in front.

A page writes 某某镇 where the dictionary (as of 2023) has 某某街道 (a town made a subdistrict) or 某某乡:
the matcher finds nothing there. When exactly one township in the country bears the name under another
suffix, it is that one if the page corroborates it: a village or community listed under that township is
named right after it (某某镇某村), or the page names another place of its province. Names the gazetteer
has under their own suffix anywhere are the matcher's, not this module's (:meth:`.Gazetteer.find`).

>>> from .gazetteer import gazetteer
>>> g = gazetteer()
>>> text = "4月8日，松北镇召开党员大会，哈尔滨市委组织部派员指导。"
>>> [(m.surface, g.divisions[m.candidates[0]].name) for m in variant_townships(g, text, g.find(text))]
[('松北镇', '松北街道')]
>>> variant_townships(g, "4月8日，松北镇召开党员大会。", []) == []
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .gazetteer import Gazetteer, Match

__all__ = ["variant_townships"]

_SUFFIX = re.compile(r"(?:街道|镇|乡)(?!镇|村|长|党|政府|干部|级|里|亲|土|贤|愁|音|情)")
_CORES = (4, 3, 2)  # characters before the suffix tried as the name's core, the longest first
_VILLAGE_CORES = range(2, 6)  # characters of a village name before 村/社区 tried right after the township
_VILLAGE_SUFFIXES = ("村", "社区", "居委会", "嘎查")


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
        for k in _CORES:
            start = pos - k
            if start < 0 or text[start:pos] not in cores or not may_start(text, start):
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
