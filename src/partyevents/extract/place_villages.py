"""Ambiguous township names told apart by the villages and communities the page names.

Many townships share a name (大川镇 ×3, 城东街道 ×29). When nothing else on the page names the county, the
gazetteer's village lists may tell which one it is: a page about 大川镇 that names 杨开村 is about the 大川镇
whose villages include 杨开村. A candidate wins when the page names a village or community listed under it
and none listed under another candidate; names of two characters or more before 村/社区/居委会/嘎查 count.
Names with too many candidates (城关镇 ×99) are left alone: a common village name would decide them by chance.

>>> from .gazetteer import gazetteer
>>> g = gazetteer()
>>> towns = g.find("大川镇")[0].candidates
>>> t = by_villages(g, "大川镇召开村级建制改革部署会,杨开村驻村干部参加。", towns)
>>> g.divisions[g.county_of(t)].name
'芦山县'
>>> by_villages(g, "大川镇召开村级建制改革部署会。", towns) is None
True
"""

from __future__ import annotations

from collections.abc import Callable

from .. import regex_cache as rx
from .gazetteer import Gazetteer

__all__ = ["MAX_CANDIDATES", "by_villages", "county_by_villages"]

MAX_CANDIDATES = 40  # more townships of one name than this: not decided by a village name
_SUFFIX = rx.compile(r"村|社区|居委会|嘎查")
_LONGEST_CORE = 5  # characters before the suffix tried as a name (杨开, 梁家坝, 石门坪)


def by_villages(gz: Gazetteer, text: str, candidates: tuple[int, ...]) -> int | None:
    """The one township among ``candidates`` under which the gazetteer lists a village or community that
    ``text`` names, when only one has any; else None."""
    if not 1 < len(candidates) <= MAX_CANDIDATES:
        return None
    towns = set(candidates)
    counties = sorted({c for t in candidates if (c := gz.county_of(t)) is not None})
    return _one_listing(gz, text, [(c, gz.villages(c)) for c in counties], lambda c, ts: [t for t in ts if t in towns])


def county_by_villages(gz: Gazetteer, text: str, candidates: tuple[int, ...]) -> int | None:
    """The one county among ``candidates`` (namesakes: 白云区 of 贵阳 and of 广州) whose list of villages and
    communities holds one that ``text`` names, when only one has any; else None.

    >>> from .gazetteer import gazetteer
    >>> g = gazetteer()
    >>> both = g.find("白云区")[0].candidates
    >>> g.divisions[g.divisions[county_by_villages(g, "白云区大山洞社区开展学习", both)].parent].name
    '贵阳市'
    """
    if not 1 < len(candidates) <= MAX_CANDIDATES:
        return None
    return _one_listing(gz, text, [(c, gz.villages(c)) for c in sorted(candidates)], lambda c, ts: [c])


def _one_listing(
    gz: Gazetteer,
    text: str,
    indexes: list[tuple[int, dict[str, tuple[int, ...]]]],
    hit: Callable[[int, tuple[int, ...]], list[int]],
) -> int | None:
    """The one division ``hit`` makes of the names ``text`` writes before 村/社区/居委会/嘎查 that the county
    ``indexes`` list (county id, its village index), when all such names make one; else None."""
    known = gz.village_names  # every name of the loaded counties: most words are in none
    found: set[int] = set()
    for m in _SUFFIX.finditer(text):
        pos, end = m.start(), m.end()
        for k in range(2, min(_LONGEST_CORE, pos) + 1):
            name = text[pos - k : end]
            if name not in known:
                continue
            for county, index in indexes:
                if (towns := index.get(name)) is not None:
                    found.update(hit(county, towns))
        if len(found) > 1:
            return None
    return found.pop() if found else None
