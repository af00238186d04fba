"""Places: the event's locality, resolved to its administrative chain.

1. Find every gazetteer name in the title, the manifest place and the body
   (:mod:`.gazetteer`), and named communities (``前川街向阳社区``, or a name
   the gazetteer lists under a county the document is about).
2. Resolve ambiguous names (城关镇 ×99) by the document's other places: each
   candidate scores by how closely it sits to the candidates of every other
   name; the best wins, a tie stays unresolved and becomes a warning.
3. Per event, the locality is the most specific place in the organizer's name
   (a county's bureau working in a named community: that community; an
   organizer that is only a place name, ``武汉市黄陂区``, stays that place),
   else in the first group of adjacent place names (``武汉市黄陂区`` → 黄陂区),
   else the document's home place (the one it names most, title counted thrice).

Mentions are found once per document and sliced per event (bisect on starts);
the name matcher, the community-name reach and per-name candidate sets are
cached, so the stage costs well under a millisecond per document.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Container
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from ..records import DocContext, Event, Place, Problem
from ..resources import read_table
from .gazetteer import Gazetteer, Match, gazetteer

__all__ = ["resolve_places"]

_COMMUNITY = re.compile(r"社区|居委会|村(?!民|委|干部|级|庄|落|镇)")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff]{1,5}")
_HOMETOWN = re.compile(r"(?:人|籍)(?=[,，。、;；)）\s]|$)")  # 河南禹州人, : a person's hometown
_BORN = ("出生于", "生于", "老家", "籍贯")
_HOME_WEIGHT = 3  # a place in the title or the manifest counts this many body mentions


class _Mention(NamedTuple):  # a tuple: cheap to make
    start: int
    end: int
    surface: str
    division: int | None  # resolved division (None: ambiguous or a community outside the gazetteer)
    community: str | None = None  # set for a named community; division is then its township or county
    candidates: tuple[int, ...] = ()


def resolve_places(ctx: DocContext, events: list[Event]) -> tuple[list[Place | None], list[Problem]]:
    """One locality (or None) per event, and problems such as ambiguous names."""
    gz = gazetteer()
    text = ctx.text
    body = gz.find(text)
    extra = gz.find(ctx.title or "") + gz.find(ctx.manifest_place or "")
    choice = _disambiguate(gz, body + extra)
    mentions = [_Mention(m.start, m.end, m.surface, choice[m.surface], None, m.candidates) for m in body]
    home = _home(gz, mentions, [choice[m.surface] for m in extra])
    mentions = _with_communities(gz, text, mentions, home)
    hometowns: set[int] = set()  # starts of mentions naming a hometown (河南禹州人: both names)
    for m in reversed(mentions):
        if m.end in hometowns or _hometown(text, m):
            hometowns.add(m.start)
    starts = [m.start for m in mentions]  # sorted: an event's mentions are one slice
    out: list[Place | None] = []
    problems: list[Problem] = []
    warned: set[str] = set()
    for ev in events:
        window = mentions[bisect_left(starts, ev.start) : bisect_left(starts, ev.end)]
        inside = [m for m in window if m.end <= ev.end and m.start not in hometowns]
        mention = _event_mention(gz, ev, inside)
        if mention is None:
            out.append(_place(gz, home, None, None, None) if home is not None else None)
            continue
        if mention.division is None and mention.community is None and mention.surface not in warned:
            warned.add(mention.surface)
            problems.append(_ambiguity(gz, mention))
        out.append(_place(gz, mention.division, mention, mention.community, mention.candidates))
    return out, problems


def _hometown(text: str, m: _Mention) -> bool:
    """Whether the mention names a person's hometown rather than where something happened.

    >>> _hometown("张明,河南禹州人,现任", _Mention(5, 7, "禹州", None))
    True
    >>> _hometown("禹州人民医院", _Mention(0, 2, "禹州", None))
    False
    """
    return bool(_HOMETOWN.match(text, m.end)) or text.endswith(_BORN, 0, m.start)


_SHARED_WEIGHT = (0.0, 0.25, 0.5)  # divisions meeting only at the root, the province, the prefecture


def _affinity(chain: tuple[int, ...], cands: frozenset[int], nodes: frozenset[int]) -> float:
    """How well a division (its ``chain`` from the province down) fits another name's candidates.

    1 when it lies on one chain with a candidate or in the same county, less the higher they meet;
    ``nodes`` holds every candidate's ancestors.

    >>> _affinity((1, 2, 3), frozenset({4}), frozenset({1, 2, 4}))  # same prefecture
    0.5
    >>> _affinity((1, 2), frozenset({4}), frozenset({1, 2, 4}))  # an ancestor of the candidate
    1.0
    """
    if chain[-1] in nodes or not cands.isdisjoint(chain):
        return 1.0
    shared = len(nodes.intersection(chain))  # a chain holds no division twice
    return _SHARED_WEIGHT[shared] if shared < len(_SHARED_WEIGHT) else 1.0


def _disambiguate(gz: Gazetteer, matches: list[Match]) -> dict[str, int | None]:
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
        cand_set, nodes, provinces = _candidate_sets(gz, cands)
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
                    _affinity(chain, other_cands, nodes) / n
                    for other, other_cands, nodes, n in entries
                    if other != surface
                ]
            )
            scores.append((score, c))
        scores.sort(reverse=True)
        best, runner_up = scores[0], scores[1]
        out[surface] = best[1] if best[0] > 0 and best[0] > runner_up[0] + 1e-9 else None
    return out


@lru_cache(maxsize=1 << 14)
def _candidate_sets(gz: Gazetteer, cands: tuple[int, ...]) -> tuple[frozenset[int], frozenset[int], tuple[int, ...]]:
    """A name's candidates as a set, with every ancestor of them (and themselves), and their provinces."""
    nodes = frozenset(a for c in cands for a in gz.ancestors(c))
    return frozenset(cands), nodes, tuple(sorted({gz.ancestors(c)[0] for c in cands}))


def _home(gz: Gazetteer, body: list[_Mention], extra: list[int | None]) -> int | None:
    """The place the document is about: the one it names most (title and manifest weigh more)."""
    counts: Counter[int] = Counter()
    for m in body:
        if m.division is not None:
            counts[m.division] += 1
    for d in extra:
        if d is not None:
            counts[d] += _HOME_WEIGHT
    if not counts:
        return None
    return max(counts, key=lambda d: (counts[d], _LEVEL_RANK[gz.divisions[d].level]))


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3}


def _with_communities(gz: Gazetteer, text: str, mentions: list[_Mention], home: int | None) -> list[_Mention]:
    """Add named communities: after a township or county name, or known to the gazetteer in the document's counties."""
    counties = {c for m in mentions if m.division is not None and (c := gz.county_of(m.division)) is not None}
    if home is not None and (c := gz.county_of(home)) is not None:
        counties.add(c)
    mentioned = {m.division for m in mentions if m.division is not None}
    owners = _Owners(gz, mentions)
    learned: dict[str, int | None] = {}  # community name -> township/county learned from an explicit mention
    towns_of = _TownsOf(gz, sorted(counties))
    name_reach = _name_reach
    found: list[_Mention] = []
    for cm in _COMMUNITY.finditer(text):
        pos = cm.start()
        reach = name_reach(text[pos - 5 if pos > 5 else 0 : pos])
        if not reach:  # no name can end here: _community_start would find none
            continue
        suffix = cm.group()
        ending = owners.towns if suffix == "村" else owners.any  # a village follows a township only
        start, parent = _community_start(gz, text, pos, suffix, reach, ending, towns_of, mentioned, learned)
        if start is None:
            continue
        name = text[start : cm.end()]
        if parent is not None:
            learned.setdefault(name, parent)
        found.append(
            _Mention(start, cm.end(), name, parent if parent is not None else learned.get(name), community=name)
        )
    if not found:
        return mentions
    # a mention inside a community's name is dropped: look for a community starting at or before it
    # that reaches at least as far (the furthest end among those starting no later)
    spans = sorted((f.start, f.end) for f in found)
    span_starts = [s for s, _ in spans]
    reach_of = list(accumulate((e for _, e in spans), max))
    kept = [m for m in mentions if (i := bisect_left(span_starts, m.start + 1)) == 0 or reach_of[i - 1] < m.end]
    return sorted(kept + found, key=lambda m: m.start)


class _Owners:
    """End offset -> division of the mentions a community name may follow: townships (before 村), or counties too."""

    def __init__(self, gz: Gazetteer, mentions: list[_Mention]) -> None:
        self.towns: dict[int, int] = {}
        self.any: dict[int, int] = {}
        divisions = gz.divisions
        for m in mentions:
            if m.division is not None:
                level = divisions[m.division].level
                if level == "township":
                    self.towns[m.end] = self.any[m.end] = m.division
                elif level == "county":
                    self.any[m.end] = m.division


class _TownsOf:
    """Community name -> townships listing it in the document's counties (in county order), looked up once."""

    def __init__(self, gz: Gazetteer, counties: list[int]) -> None:
        self.gz, self.counties = gz, counties
        self.indexes: list[dict[str, tuple[int, ...]]] | None = None  # the counties' village indexes, on first use
        self.seen: dict[str, list[int]] = {}

    def names(self) -> Container[str]:
        """A superset of the names the counties list (every name of the loaded counties): others have no towns."""
        if not self.counties:
            return ()
        if self.indexes is None:
            self.indexes = [self.gz.villages(c) for c in self.counties]
        return self.gz.village_names

    def __call__(self, name: str) -> list[int]:
        towns = self.seen.get(name)
        if towns is None:
            if self.indexes is None:
                self.indexes = [self.gz.villages(c) for c in self.counties]
            towns = [t for index in self.indexes for t in index.get(name, ())]
            self.seen[name] = towns
        return towns


def _community_start(
    gz: Gazetteer,
    text: str,
    pos: int,
    suffix: str,
    reach: int,
    ending: dict[int, int],
    towns_of: _TownsOf,
    mentioned: set[int],
    learned: dict[str, int | None],
) -> tuple[int | None, int | None]:
    """Where the community name ending at ``pos`` (before ``suffix``) begins, and the township/county it belongs to.

    ``reach`` is :func:`_name_reach` of the text before ``pos`` (at least 1); ``ending`` maps the end of each
    township (or county) name the community may follow to its division.
    """
    if ending:
        for k in range(1, reach + 1):  # right after a township or county name: 前川街向阳社区
            owner = ending.get(pos - k)
            if owner is not None:
                return pos - k, owner
    if reach < 2:
        return None, None
    listed = towns_of.names()
    if not listed and not learned:
        return None, None
    for k in range(reach, 1, -1):  # a name the gazetteer lists, or one the document introduced earlier
        start = pos - k
        name = text[start:pos] + suffix
        if name in learned:
            return start, learned[name]
        if name in listed and (towns := towns_of(name)):
            named = [t for t in towns if t in mentioned]
            if len(named) == 1 or len(set(towns)) == 1:
                return start, (named or towns)[0]
            counties_of = {gz.county_of(t) for t in towns}
            return start, counties_of.pop() if len(counties_of) == 1 else None
    return None, None


@lru_cache(maxsize=1 << 16)
def _name_reach(before: str) -> int:
    """The most characters at the end of ``before`` that can be a community's name (0 to 5).

    A longer core holds every shorter one, so the names that may end there are the cores of 1 to this length.

    >>> _name_reach("在明晶巷"), _name_reach("41个"), _name_reach("党组织"), _name_reach("")  # 在…, 组织 are no name
    (3, 0, 1, 0)
    """
    k = 0
    while k < len(before) and _is_name(before[len(before) - k - 1 :]):
        k += 1
    return k


@cache
def _not_in_name() -> re.Pattern[str]:
    """Words that cannot be part of a community or village name (``place_not_community.tsv``)."""
    return re.compile("|".join(re.escape(row[0]) for row in read_table("place_not_community.tsv")))


def _is_name(core: str) -> bool:
    """Whether ``core`` can be a community's name before 社区/村.

    >>> _is_name("明晶巷"), _is_name("组织"), _is_name("41个")
    (True, False, False)
    """
    return bool(_NAME_CHARS.fullmatch(core)) and not _not_in_name().search(core)


def _event_mention(gz: Gazetteer, ev: Event, inside: list[_Mention]) -> _Mention | None:
    """The organizer's most specific place, else the last of the first group of adjacent names."""
    if not inside:
        return None
    org = ev.organization
    if org is not None and org.start is not None and org.end is not None:
        o_start, o_end = org.start, org.end
        first = next((i for i, m in enumerate(inside) if o_start <= m.start and m.end <= o_end), None)
        if first is not None:  # the group of adjacent names holding the first name in the organizer
            group = _adjacent(inside, first)
            chosen = group[-1]
            named = [m for m in group if o_start <= m.start and m.end <= o_end]
            if (
                not _is_place_itself(o_start, o_end, named)
                and chosen.community is None
                and chosen.division is not None
                and gz.divisions[chosen.division].level in ("province", "prefecture", "county")
            ):
                # a county's bureau working in a named community: the community is the more specific place
                below = [m for m in inside if m.community is not None and _under(gz, m.division, chosen.division)]
                if below:
                    return below[0]
            return chosen
    return _adjacent(inside, 0)[-1]


def _adjacent(mentions: list[_Mention], i: int) -> list[_Mention]:
    """The run of adjacent mentions (each ending where the next starts) holding ``mentions[i]``.

    >>> ms = [_Mention(0, 3, "武汉市", 1), _Mention(3, 6, "黄陂区", 2), _Mention(9, 11, "前川", 3)]
    >>> [m.surface for m in _adjacent(ms, 1)], [m.surface for m in _adjacent(ms, 2)]
    (['武汉市', '黄陂区'], ['前川'])
    """
    lo = i
    while lo > 0 and mentions[lo - 1].end == mentions[lo].start:
        lo -= 1
    hi = i + 1
    while hi < len(mentions) and mentions[hi - 1].end == mentions[hi].start:
        hi += 1
    return mentions[lo:hi]


def _is_place_itself(start: int, end: int, named: list[_Mention]) -> bool:
    """Whether an organizer span ``start:end`` is nothing but adjacent place names (长沙, 武汉市黄陂区).

    Such an organizer is the place's own leadership, acting for the whole place: a community named
    later in the event is where something happened, not a more specific locality.

    >>> _is_place_itself(0, 6, [_Mention(0, 3, "武汉市", 1), _Mention(3, 6, "黄陂区", 2)])
    True
    >>> _is_place_itself(0, 6, [_Mention(0, 3, "黄陂区", 2)])  # 黄陂区财政局
    False
    """
    return (
        bool(named)
        and named[0].start == start
        and named[-1].end == end
        and all(a.end == b.start for a, b in pairwise(named))
    )


def _under(gz: Gazetteer, division: int | None, ancestor: int | None) -> bool:
    """Whether ``division`` lies in ``ancestor`` (an unknown division lies anywhere)."""
    return division is None or ancestor is None or ancestor in gz.ancestors(division)


def _place(
    gz: Gazetteer,
    division: int | None,
    mention: _Mention | None,
    community: str | None,
    candidates: tuple[int, ...] | None,
) -> Place:
    """A Place record for a division (or a community under it); spans from the mention when there is one."""
    start, end, surface = (mention.start, mention.end, mention.surface) if mention else (None, None, "")
    province, prefecture, county, township, adcode = _chain_names(gz, division)
    if community is not None:
        name, level = community, "village" if community.endswith("村") else "community"
    elif division is not None:
        name, level = gz.divisions[division].name, gz.divisions[division].level
    else:  # ambiguous: keep the name when every candidate shares it, but no chain
        names = {gz.divisions[c].name for c in candidates or ()}
        levels = {gz.divisions[c].level for c in candidates or ()}
        name = names.pop() if len(names) == 1 else surface
        level = levels.pop() if len(levels) == 1 else "county"
    return Place(
        surface=surface or name,
        start=start,
        end=end,
        name=name,
        level=level,
        province=province,
        prefecture=prefecture,
        county=county,
        township=township,
        community=community,
        adcode=adcode,
    )


_Names = tuple[str | None, str | None, str | None, str | None, str | None]


@lru_cache(maxsize=1 << 14)
def _chain_names(gz: Gazetteer, division: int | None) -> _Names:
    """(province, prefecture, county, township, adcode) of a division; all None for no division."""
    chain = gz.chain(division) if division is not None else {}
    coded = [d for d in chain.values() if d.code]
    return (
        chain["province"].name if "province" in chain else None,
        chain["prefecture"].name if "prefecture" in chain else None,
        chain["county"].name if "county" in chain else None,
        chain["township"].name if "township" in chain else None,
        coded[-1].code if coded else None,
    )


def _ambiguity(gz: Gazetteer, mention: _Mention) -> Problem:
    chains = ["/".join(gz.divisions[j].name for j in gz.ancestors(c)) for c in mention.candidates]
    return Problem(
        stage="extract",
        severity="warning",
        message=f"place name {mention.surface!r} matches {len(chains)} divisions and the document does not "
        "say which; its administrative chain is left empty",
        detail=json.dumps(
            {"surface": mention.surface, "start": mention.start, "candidates": chains}, ensure_ascii=False
        ),
    )
