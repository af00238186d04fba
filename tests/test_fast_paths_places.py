"""Fast paths of the places stage and the gazetteer agree with the plain forms they replace.

Each shortcut (two C sorts for a keyed sort, an early return when no name is ambiguous,
a village-name prefilter, the organizer's group found without building every group) is
checked against the plain form on the sample documents, and on generated inputs where
the shape matters.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyevents import pipeline
from partyevents.extract import places
from partyevents.extract.gazetteer import Gazetteer, Match, _short_ok, gazetteer
from partyevents.ingest import iter_inputs
from partyevents.records import DocContext, DocumentResult, Event, OrgMention, RawDocument

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _results() -> list[DocumentResult]:
    docs = [d for d in iter_inputs(RAW) if isinstance(d, RawDocument)]
    return [r for r in map(pipeline.process_document, docs) if r.events]


RESULTS = _results()


def _ctx(r: DocumentResult) -> DocContext:
    return DocContext(text=r.text, source_path=r.source_path, title=r.title, published_date=r.published_date)


def test_there_are_samples_with_events() -> None:
    assert len(RESULTS) >= 5


def _slow_find(gz: Gazetteer, text: str) -> list[Match]:
    """:meth:`Gazetteer.find` as first written: one keyed sort, and the empty text searched too."""
    found = gz._automaton.find_matches_as_indexes(text, overlapping=True)
    found.sort(key=lambda f: (f[1], -f[2]))
    out: list[Match] = []
    pos = 0
    for index, start, end in found:
        if start >= pos:
            key, ids, short = gz._keys[index]
            if not short or _short_ok(text, start, end, start == pos and bool(out)):
                out.append(Match(start, end, key, ids, short))
                pos = end
    return out


def test_find_agrees_with_the_keyed_sort_on_the_samples() -> None:
    gz = gazetteer()
    for r in RESULTS:
        for text in (r.text, r.title or "", ""):
            assert gz.find(text) == _slow_find(gz, text)


@given(
    st.lists(
        st.sampled_from(
            ["樊城", "樊城区", "武汉市", "黄陂区", "前川街", "前川街道", "城关镇", "领秀", "社区", "的", "人"]
        )
    )
)
def test_find_agrees_with_the_keyed_sort_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert gazetteer().find(text) == _slow_find(gazetteer(), text)


def _slow_disambiguate(gz: Gazetteer, matches: list[Match]) -> dict[str, int | None]:
    """Every candidate of every ambiguous name scored against every other name (no shortcut)."""
    units: dict[str, tuple[int, ...]] = {}
    for m in matches:
        units.setdefault(m.surface, m.candidates)
    out: dict[str, int | None] = {}
    for surface, cands in units.items():
        if len(cands) == 1:
            out[surface] = cands[0]
            continue
        scores = []
        for c in cands:
            chain = gz.ancestors(c)
            sets = [(places._candidate_sets(gz, o), len(o)) for other, o in units.items() if other != surface]
            scores.append((sum(places._affinity(chain, s[0], s[1]) / n for s, n in sets), c))
        scores.sort(reverse=True)
        best, runner_up = scores[0], scores[1]
        out[surface] = best[1] if best[0] > 0 and best[0] > runner_up[0] + 1e-9 else None
    return out


def test_disambiguation_agrees_with_scoring_everything_on_the_samples() -> None:
    gz = gazetteer()
    for r in RESULTS:
        matches = gz.find(r.text) + gz.find(r.title or "")
        assert places._disambiguate(gz, matches) == _slow_disambiguate(gz, matches)


def test_affinity_counts_the_shared_ancestors() -> None:
    gz = gazetteer()
    cands, nodes, _ = places._candidate_sets(gz, gz.find("前川街道")[0].candidates)
    for c in gz.find("城关镇")[0].candidates:
        chain = gz.ancestors(c)
        shared = sum(1 for x in chain if x in nodes)
        want = 1.0 if chain[-1] in nodes or not cands.isdisjoint(chain) else (0.0, 0.25, 0.5, 1.0)[min(shared, 3)]
        assert places._affinity(chain, cands, nodes) == want


def test_village_prefilter_changes_nothing_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [places.resolve_places(_ctx(r), r.events) for r in RESULTS]

    class Everything:
        def __contains__(self, name: object) -> bool:
            return True

    monkeypatch.setattr(places._TownsOf, "names", lambda self: Everything())
    assert [places.resolve_places(_ctx(r), r.events) for r in RESULTS] == fast


def test_village_names_hold_every_name_of_the_loaded_counties() -> None:
    gz = gazetteer()
    (m,) = gz.find("黄陂区")
    towns_of = places._TownsOf(gz, list(m.candidates))
    names = towns_of.names()
    assert all(name in names for name in gz.villages(m.candidates[0]))
    assert places._TownsOf(gz, []).names() == ()


def _slow_event_mention(
    gz: Gazetteer, ev: Event, inside: list[places._Mention], listed: Container[int] = ()
) -> places._Mention | None:
    """The organizer's place as first written: every group of adjacent names built first."""
    if not inside:
        return None
    groups: list[list[places._Mention]] = [[inside[0]]]
    for m in inside[1:]:
        if m.start == groups[-1][-1].end:
            groups[-1].append(m)
        else:
            groups.append([m])
    org = ev.organization
    if org is not None and org.start is not None and org.end is not None:
        in_org = [g for g in groups if any(org.start <= m.start and m.end <= org.end for m in g)]
        if in_org:
            chosen = in_org[0][-1]
            named = [m for m in in_org[0] if org.start <= m.start and m.end <= org.end]
            if (
                not places._is_place_itself(org.start, org.end, named)
                and chosen.community is None
                and chosen.division is not None
                and gz.divisions[chosen.division].level in ("province", "prefecture", "county")
            ):
                below = [
                    m
                    for m in inside
                    if m.community is not None
                    and m.start not in listed
                    and places._under(gz, m.division, chosen.division)
                ]
                if below:
                    return below[0]
            return chosen
    return groups[0][-1]


_SPANS = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), max_size=8)  # (gap before, length)


@given(
    _SPANS, st.integers(0, 30), st.integers(0, 12), st.sampled_from([None, 0, 1]), st.booleans(), st.sets(st.integers(0, 20))
)
def test_event_mention_agrees_with_building_every_group(
    shape: list[tuple[int, int]], org_start: int, org_len: int, division: int | None, community: bool, listed: set[int]
) -> None:
    gz = gazetteer()
    county = gz.find("黄陂区")[0].candidates[0]
    divisions = {None: None, 0: county, 1: gz.divisions[county].parent}
    inside, pos = [], 0
    for i, (gap, length) in enumerate(shape):
        pos += gap
        comm = "社区" if community and i % 2 else None
        inside.append(places._Mention(pos, pos + length, "x" * length, divisions[division], comm))
        pos += length
    ev = Event(0, 0, 40, "x" * 40, organization=OrgMention("x" * org_len, org_start, org_start + org_len))
    assert places._event_mention(gz, ev, inside, listed) == _slow_event_mention(gz, ev, inside, listed)
    ev.organization = None
    assert places._event_mention(gz, ev, inside, listed) == _slow_event_mention(gz, ev, inside, listed)
