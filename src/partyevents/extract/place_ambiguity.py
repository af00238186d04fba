"""Ambiguous place names told apart by the rest of the page (step 2 of :mod:`.places`).

A name many divisions share (城关镇 ×99) names, in one document, the candidate sitting closest to the candidates of
every other name the page writes (:func:`disambiguate`): one on a chain with another name's candidate, or in its
county, scores 1, one sharing only its prefecture or province less; the best wins when it beats the runner-up.
A name written right after a place holding exactly one of its candidates (谷城县城关镇) is that one, wherever the page
so writes it (:func:`by_parents`). A township name still ambiguous is decided by the villages the page names
(:mod:`.place_villages`) or by a word used for a level in one province only (居民区党总支: Shanghai,
``place_regional_words.tsv``: :func:`by_known_villages`); else it stays unresolved (None).
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import pairwise

from ..resources import read_table
from .gazetteer import Gazetteer, Match
from .place_villages import by_villages, county_by_villages

__all__ = ["affinity", "by_known_villages", "by_parents", "candidate_sets", "disambiguate"]


_SHARED_WEIGHT = (0.0, 0.25, 0.5)  # divisions meeting only at the root, the province, the prefecture


def affinity(chain: tuple[int, ...], cands: frozenset[int], nodes: frozenset[int]) -> float:
    """How well a division (its ``chain`` from the province down) fits another name's candidates.

    1 when it lies on one chain with a candidate or in the same county, less the higher they meet;
    ``nodes`` holds every candidate's ancestors.

    >>> affinity((1, 2, 3), frozenset({4}), frozenset({1, 2, 4}))  # same prefecture
    0.5
    >>> affinity((1, 2), frozenset({4}), frozenset({1, 2, 4}))  # an ancestor of the candidate
    1.0
    """
    if chain[-1] in nodes or not cands.isdisjoint(chain):
        return 1.0
    shared = len(nodes.intersection(chain))  # a chain holds no division twice
    return _SHARED_WEIGHT[shared] if shared < len(_SHARED_WEIGHT) else 1.0


def disambiguate(gz: Gazetteer, matches: list[Match]) -> dict[str, int | None]:
    """surface -> the division it names in this document, or None when the context cannot tell."""
    units: dict[str, tuple[int, ...]] = {}
    for m in matches:
        units.setdefault(m.surface, m.candidates)
    if all(len(cands) == 1 for cands in units.values()):  # nothing to choose
        return {surface: cands[0] for surface, cands in units.items()}
    # Another name whose candidates all lie in other provinces adds 0 to a candidate's score, so each
    # candidate is scored against the names sharing its province only (in document order, as a full sum would).
    by_province: dict[int, list[tuple[str, frozenset[int], frozenset[int], int]]] = {}
    for surface, cands in units.items():
        cand_set, nodes, provinces = candidate_sets(gz, cands)
        entry = (surface, cand_set, nodes, len(cands))
        for province in provinces:
            by_province.setdefault(province, []).append(entry)
    out: dict[str, int | None] = {}
    for surface, cands in units.items():
        if len(cands) == 1:
            out[surface] = cands[0]
            continue
        scores = []
        for c in cands:
            chain = gz.ancestors(c)
            entries = by_province[chain[0]]
            if len(entries) == 1:  # no other name in its province: the sum below is of nothing
                scores.append((0.0, c))
                continue
            score = sum(
                [
                    affinity(chain, other_cands, nodes) / n
                    for other, other_cands, nodes, n in entries
                    if other != surface
                ]
            )
            scores.append((score, c))
        scores.sort(reverse=True)
        best, runner_up = scores[0], scores[1]
        out[surface] = best[1] if best[0] > 0 and best[0] > runner_up[0] + 1e-9 else None
    return out


def by_parents(gz: Gazetteer, lists: tuple[list[Match], ...], choice: dict[str, int | None]) -> dict[str, int | None]:
    """``choice`` with each ambiguous name written right after a place holding exactly one of its candidates
    (谷城县城关镇) set to that candidate, wherever the page so writes it and all such places agree: a name
    elsewhere on the page (a speaker's hometown, a partner's county) cannot outweigh it."""
    votes: dict[str, set[int]] = {}
    for matches in lists:
        for prev, m in pairwise(matches):
            if prev.end != m.start or len(m.candidates) < 2:
                continue
            parent = choice.get(prev.surface) if len(prev.candidates) > 1 else prev.candidates[0]
            if parent is None:
                continue
            under = [c for c in m.candidates if parent in gz.ancestors(c)[:-1]]
            if len(under) == 1:
                votes.setdefault(m.surface, set()).add(under[0])
    for surface, found in votes.items():
        if len(found) == 1:
            choice[surface] = found.pop()
    return choice


def by_known_villages(gz: Gazetteer, text: str, matches: list[Match], choice: dict[str, int | None]) -> dict[str, int | None]:
    """``choice`` with the township and county names the context left ambiguous decided, where it can be, by the
    villages and communities the page names (:mod:`.place_villages`)."""
    for m in matches:
        if choice.get(m.surface, 0) is not None:
            continue
        if all(gz.divisions[c].level == "township" for c in m.candidates):
            choice[m.surface] = by_villages(gz, text, m.candidates) or _by_regional_words(gz, text, m.candidates)
        elif all(gz.divisions[c].level == "county" for c in m.candidates):  # 白云区某社区: the 白云区 listing it
            choice[m.surface] = county_by_villages(gz, text, m.candidates)
    return choice


def _by_regional_words(gz: Gazetteer, text: str, candidates: tuple[int, ...]) -> int | None:
    """The one candidate in the province whose own word for a level the page uses (居民区: 上海市), if any
    (``place_regional_words.tsv``)."""
    for word, province in _regional_words():
        if word in text:
            inside = [c for c in candidates if gz.divisions[gz.ancestors(c)[0]].name == province]
            if len(inside) == 1:
                return inside[0]
    return None


@cache
def _regional_words() -> tuple[tuple[str, str], ...]:
    """(word, province) of words used for a level of place in one province only (``place_regional_words.tsv``)."""
    return tuple((row[0], row[1]) for row in read_table("place_regional_words.tsv"))


@lru_cache(maxsize=1 << 14)
def candidate_sets(gz: Gazetteer, cands: tuple[int, ...]) -> tuple[frozenset[int], frozenset[int], tuple[int, ...]]:
    """A name's candidates as a set, with every ancestor of them (and themselves), and their provinces."""
    nodes = frozenset(a for c in cands for a in gz.ancestors(c))
    return frozenset(cands), nodes, tuple(sorted({gz.ancestors(c)[0] for c in cands}))
