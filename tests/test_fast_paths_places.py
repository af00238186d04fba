"""Fast paths of the places stage and the gazetteer agree with the plain forms they replace.

Each shortcut (two C sorts for a keyed sort, an early return when no name is ambiguous,
a village-name prefilter, the organizer's group found without building every group) is
checked against the plain form on the sample documents, and on generated inputs where
the shape matters.
"""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyevents import pipeline
from partyevents.extract import place_ambiguity, place_variants, places
from partyevents.extract.gazetteer import Gazetteer, Match, _short_ok, gazetteer
from partyevents.extract.wordtrie import first_ending, first_starting
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
            if key.startswith("共") and start > 0 and text[start - 1] == "中":  # 中共和县: no 共和县
                continue
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
            ["樊城", "樊城区", "武汉市", "黄陂区", "前川街", "前川街道", "城关镇", "领秀", "社区", "的", "人", "中",
             "共和县", "和县"]
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
            sets = [(place_ambiguity.candidate_sets(gz, o), len(o)) for other, o in units.items() if other != surface]
            scores.append((sum(place_ambiguity.affinity(chain, s[0], s[1]) / n for s, n in sets), c))
        scores.sort(reverse=True)
        best, runner_up = scores[0], scores[1]
        out[surface] = best[1] if best[0] > 0 and best[0] > runner_up[0] + 1e-9 else None
    return out


def test_disambiguation_agrees_with_scoring_everything_on_the_samples() -> None:
    gz = gazetteer()
    for r in RESULTS:
        matches = gz.find(r.text) + gz.find(r.title or "")
        assert place_ambiguity.disambiguate(gz, matches) == _slow_disambiguate(gz, matches)


def test_affinity_counts_the_shared_ancestors() -> None:
    gz = gazetteer()
    cands, nodes, _ = place_ambiguity.candidate_sets(gz, gz.find("前川街道")[0].candidates)
    for c in gz.find("城关镇")[0].candidates:
        chain = gz.ancestors(c)
        shared = sum(1 for x in chain if x in nodes)
        want = 1.0 if chain[-1] in nodes or not cands.isdisjoint(chain) else (0.0, 0.25, 0.5, 1.0)[min(shared, 3)]
        assert place_ambiguity.affinity(chain, cands, nodes) == want


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
    gz: Gazetteer, text: str, ev: Event, inside: list[places._Mention], listed: Container[int] = ()
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
        if in_org:  # the deeper place further on in the organizer's name: the same helper on both sides
            chosen = places._deeper_in_name(gz, inside, in_org[0][-1], org.end)
            named = [m for m in in_org[0] if org.start <= m.start and m.end <= org.end]
            if (
                not places._is_place_itself(org.start, org.end, named)
                and chosen.community is None
                and chosen.division is not None
                and gz.divisions[chosen.division].level in ("province", "prefecture", "county")
            ):
                stops = [i + 1 for i in range(org.end, ev.end) if text[i] in "。！？!?\n"]
                end = stops[0] if stops else ev.end  # the end of the organizer's sentence
                below = [
                    m
                    for m in inside
                    if m.community is not None
                    and (m.start < end or m.community in org.name)
                    and m.start not in listed
                    and places._under(gz, m.division, chosen.division)
                ]
                if below:
                    return below[0]
            return chosen
    return groups[0][-1]


_SPANS = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), max_size=8)  # (gap before, length)


@given(
    _SPANS, st.integers(0, 30), st.integers(0, 12), st.sampled_from([None, 0, 1]), st.booleans(), st.sets(st.integers(0, 20)),
    st.sets(st.integers(0, 39)),
)
def test_event_mention_agrees_with_building_every_group(
    shape: list[tuple[int, int]], org_start: int, org_len: int, division: int | None, community: bool, listed: set[int],
    stops: set[int],
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
    text = "".join("。" if i in stops else "x" for i in range(40))  # sentence ends among the names
    ev = Event(0, 0, 40, text, organization=OrgMention("x" * org_len, org_start, org_start + org_len))
    assert places._event_mention(gz, text, ev, inside, listed) == _slow_event_mention(gz, text, ev, inside, listed)
    ev.organization = None
    assert places._event_mention(gz, text, ev, inside, listed) == _slow_event_mention(gz, text, ev, inside, listed)


# --- document-level shortcuts of resolve_places: each against the form it replaced ---------------------------

_OWN_TEXTS = [
    "武汉市黄陂区前川街向阳社区召开会议，樊城区王寨街道和通道县的干部参加，互助县也派人来到城关镇。",
    "在金山区委的指导下，长沙县星沙街道开展活动；松北区松北镇、新华街道和南湖社区一同参与。",
    "湖北省武汉市洪山区组织党员到浙江省嘉兴市南湖区学习，又到城关镇东风村、大同镇走访。",
]


def _doc_inputs(gz: Gazetteer, text: str, title: str = "") -> tuple[
    list[places._Mention], list[Match], list[Match], dict[str, int | None]
]:
    """The mentions, title and manifest matches and choices that resolve_places computes before the home place."""
    t = gz.find(title)
    body = places.corroborated(gz, text, gz.find(text), t)
    choice = place_ambiguity.disambiguate(gz, body + t)
    mentions = [places._Mention(m.start, m.end, m.surface, choice[m.surface], None, m.candidates, None, m.short)
                for m in body]
    return mentions, t, [], choice


def _doc_texts() -> list[tuple[str, str]]:
    return [(r.text, r.title or "") for r in RESULTS] + [(t, "") for t in _OWN_TEXTS] + [(_OWN_TEXTS[1], "长沙县")]


def _slow_home(
    gz: Gazetteer, body: list[places._Mention], title: list[Match], manifest: list[Match], choice: dict[str, int | None]
) -> places._Home | None:
    """:func:`places._home` as first written: Counters and one max over (count, level rank)."""
    from collections import Counter

    counts: Counter[str] = Counter()
    first: dict[str, places._Mention] = {}
    for m in body:
        counts[m.surface] += 1
        first.setdefault(m.surface, m)
    sources: dict[str, str] = {}
    for source, matches in (("manifest", manifest), ("title", title)):
        for t in matches:
            counts[t.surface] += places._HOME_WEIGHT
            sources[t.surface] = source
            first.setdefault(t.surface, places._Mention(t.start, t.end, t.surface, choice.get(t.surface), None,
                                                        t.candidates, None, t.short))
    by_division: Counter[int] = Counter()
    for surface, n in counts.items():
        d = first[surface].division
        if d is not None:
            by_division[d] += n
    if not counts:
        return None

    def weight(surface: str) -> tuple[int, int]:
        m = first[surface]
        n = by_division[m.division] if m.division is not None else counts[surface]
        return n, places._LEVEL_RANK[places._level(gz, m)]

    best = max(counts, key=weight)
    resolved = [s for s in counts if weight(s)[0] == weight(best)[0]
                and (first[s].division is not None or not first[s].candidates)]
    if first[best].division is None and first[best].candidates and resolved:  # a place with a chain wins a tie
        best = max(resolved, key=weight)
        counts = Counter({s: counts[s] for s in resolved})
    tied = [first[s] for s in counts if weight(s) == weight(best)]
    places_of_level = tuple(m for m in tied if weight(m.surface)[1] == weight(best)[1])
    distinct = {(m.division, m.community) for m in places_of_level}
    shared = places._shared_place(gz, places_of_level) if len(distinct) > 1 else None
    return places._Home(shared or first[best], sources.get(best, "document"))


def _slow_document_province(
    gz: Gazetteer, mentions: list[places._Mention], home: places._Home | None, title: list[Match],
    manifest: list[Match], choice: dict[str, int | None],
) -> int | None:
    """:func:`places._document_province` as first written: a Counter and a call per mention."""
    from collections import Counter

    support: Counter[int] = Counter()
    for i, m in enumerate(mentions):
        if any(n.start == m.end for n in mentions[i + 1 :]):  # a chain of adjacent names counts its last only
            continue
        if (p := places._province_of(gz, m)) is not None:
            support[p] += 1 if m.short else 2
    for t in title + manifest:
        d = choice.get(t.surface)
        if d is not None:
            support[gz.ancestors(d)[0]] += 2 * places._HOME_WEIGHT
    if home is not None and (p := places._province_of(gz, home.mention)) is not None:
        support[p] += 1
    return max(support, key=lambda p: support[p]) if support else None


def test_home_and_document_province_agree_with_the_first_forms() -> None:
    gz = gazetteer()
    for text, title in _doc_texts():
        mentions, t, manifest, choice = _doc_inputs(gz, text, title)
        home = places._home(gz, mentions, t, manifest, choice)
        assert home == _slow_home(gz, mentions, t, manifest, choice)
        for h in (home, None):
            assert places._document_province(gz, mentions, h, t, manifest, choice) == _slow_document_province(
                gz, mentions, h, t, manifest, choice
            )


_SURFACES = ["黄陂区", "前川街道", "城关镇", "樊城", "大同镇", "长沙县", "新华街道"]


@given(st.lists(st.tuples(st.sampled_from(_SURFACES), st.booleans()), max_size=10),
       st.lists(st.sampled_from(_SURFACES), max_size=3))
def test_home_agrees_with_the_first_form_on_generated_mentions(names: list[tuple[str, bool]], title: list[str]) -> None:
    """Ties in count and level, names left ambiguous (城关镇), short forms and title names mixed."""
    gz = gazetteer()
    body, pos = [], 0
    for surface, resolve in names:
        (m,) = gz.find(surface)[:1]
        division = m.candidates[0] if resolve or len(m.candidates) == 1 else None
        body.append(places._Mention(pos, pos + len(surface), surface, division, None, m.candidates, None, m.short))
        pos += len(surface) + 1
    t = [m for s in title for m in gz.find(s)[:1]]
    choice = {m.surface: m.candidates[0] for m in t}
    assert places._home(gz, body, t, [], choice) == _slow_home(gz, body, t, [], choice)
    home = places._home(gz, body, t, [], choice)
    assert places._document_province(gz, body, home, t, [], choice) == _slow_document_province(
        gz, body, home, t, [], choice
    )


def _slow_corroborated(gz: Gazetteer, text: str, matches: list[Match], extra: list[Match]) -> list[Match]:
    """:func:`place_evidence.corroborated` as first written: what is named is gathered before anything is asked."""
    from partyevents.extract import place_evidence as pe

    if not any(m.short for m in matches):
        return matches
    confirm = pe._confirm_words()
    named: set[int] = set()
    held: set[int] = set()
    extra_surfaces = {m.surface for m in extra}

    def add(m: Match) -> None:
        if len(m.candidates) <= pe._FEW:
            named.update(m.candidates)
            for c in m.candidates:
                held.update(gz.ancestors(c))

    for m in extra:
        add(m)
    keep: list[bool | None] = [not (m.short and min(pe._RANK[gz.divisions[c].level] for c in m.candidates) == 2)
                               for m in matches]
    for i, m in enumerate(matches):
        if keep[i] is False and any(text.startswith(w, m.end) for w in pe._unit_words()):
            keep[i] = None
    for i, m in enumerate(matches):
        if not m.short or i == 0:
            continue
        prev = matches[i - 1]
        low = max(pe._RANK[gz.divisions[c].level] for c in prev.candidates)
        if prev.end == m.start and low >= min(pe._RANK[gz.divisions[c].level] for c in m.candidates):
            keep[i] = None
    for i, m in enumerate(matches):
        if keep[i]:
            add(m)
    for _ in range(2):
        changed = False
        for i, m in enumerate(matches):
            if keep[i] is not False:
                continue
            if pe._supported(gz, text, matches, i, confirm, extra_surfaces, named, held):
                keep[i] = True
                add(m)
                changed = True
        if not changed:
            break
    return [m for m, k in zip(matches, keep, strict=True) if k]


def test_corroboration_agrees_with_the_first_form() -> None:
    gz = gazetteer()
    texts = [*_doc_texts(), ("樊城领秀中原商圈，长沙县", "樊城"), ("长宁区新华路街道", ""), ("武汉黄陂前川街", ""),
             ("蓝田党支部开展学习", ""), ("西安市蓝田党支部", "")]
    for text, title in texts:
        t = gz.find(title)
        assert places.corroborated(gz, text, gz.find(text), t) == _slow_corroborated(gz, text, gz.find(text), t)


@given(st.text(alphabet="前川街向阳黄陂区社村在", max_size=6), st.booleans(), st.booleans())
def test_one_character_community_names_are_what_community_start_finds(
    before: str, owner_there: bool, learned_any: bool
) -> None:
    """With a reach of one, _with_communities decides inline: a place name must end right before the name."""
    gz = gazetteer()
    text = "某" + before + "某社区"
    pos = len(text) - 2
    owner = places._Mention(0, pos - 1, "黄陂区", gz.find("黄陂区")[0].candidates[0])
    ending = {pos - 1: owner} if owner_there else {pos - 3: owner}
    learned: dict[str, places._Mention | None] = {"某社区": None, "阳某社区": owner} if learned_any else {}
    towns_of = places._TownsOf(gz, [owner.division] if owner.division is not None else [])
    free = places._FreeNames(text, "", [])
    got = places._community_start(gz, text, pos, "社区", 1, ending, towns_of, set(), learned, free)
    inline = (pos - 1, ending[pos - 1]) if pos - 1 in ending else (None, None)
    assert got == inline


def test_township_names_are_built_with_the_tables() -> None:
    gz = gazetteer()
    plain: dict[str, list[int]] = {}
    for div in gz.divisions:
        if div.level == "township":
            plain.setdefault(div.name, []).append(div.id)
    assert gz._township_names == {k: tuple(v) for k, v in plain.items()}
    assert gz.tables().township_names is gz._township_names
    assert Gazetteer(gz.path, gz.tables())._township_names == gz._township_names


def test_township_cores_come_back_with_the_tables() -> None:
    gz = gazetteer()
    plain = frozenset(name[: -len(s)] for name in gz._township_names for s in ("街道", "镇", "乡")
                      if name.endswith(s) and len(name) - len(s) >= 2)
    assert Gazetteer(gz.path, gz.tables()).township_cores == gz.township_cores == plain


@given(st.text(alphabet="人籍禹州,，。 生于老家河南x", max_size=8), st.integers(0, 8), st.integers(1, 3))
def test_hometown_agrees_with_the_regex_alone(text: str, start: int, length: int) -> None:
    """The character check before the regex changes nothing (also at the text's end)."""
    m = places._Mention(start, start + length, "禹州", None)
    plain = bool(places._HOMETOWN.match(text, m.end)) or text.endswith(places._BORN, 0, m.start)
    assert places._hometown(text, m) == plain


@given(
    st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=3), min_size=1, max_size=4, unique=True),
    st.text(alphabet="甲乙丙丁,。", max_size=40),
)
def test_core_hits_agree_with_a_regex_alternation_longest_first(cores: list[str], text: str) -> None:
    plain = [m.span() for m in re.finditer("|".join(map(re.escape, sorted(cores, key=len, reverse=True))), text)]
    assert places._core_hits(text, cores) == plain


def test_counties_of_a_prefecture_agree_with_a_scan_of_the_dictionary() -> None:
    gz = gazetteer()
    prefectures = [d.id for d in gz.divisions if d.level == "prefecture"][::7]
    for p in prefectures:
        plain = tuple(d.id for d in gz.divisions if d.parent == p and d.level == "county")
        assert places._counties_of(gz, p) == plain


@given(st.text(alphabet="在到赴来走进甲乙,", max_size=12), st.integers(min_value=-1, max_value=12))
def test_where_word_ending_late_enough_agrees_with_endswith_per_position(clause: str, cut: int) -> None:
    words = places._where_words()
    lo = max(cut + 1, 1)
    plain = any(clause.endswith(w, 0, k) for k in range(lo, len(clause) + 1) for w in words)
    assert places._where_word_ending_from(clause, lo) == plain


_WORD_LISTS = [("往", "前往", "到"), ("村民", "村"), ("上午", "下午", "午"), ("在",)]


@given(st.text(alphabet=st.sampled_from("前往到村民上下午在某甲"), max_size=12), st.sampled_from(_WORD_LISTS),
       st.integers(0, 13))
def test_first_word_ending_or_starting_is_the_plain_search(text: str, words: tuple[str, ...], at: int) -> None:
    at = min(at, len(text))
    assert first_ending(text, words, at) == next((w for w in words if text.endswith(w, 0, at)), None)
    assert first_starting(text, words, at) == next((w for w in words if text.startswith(w, at)), None)


@given(st.text(alphabet=st.sampled_from("迁至移民搬到在某村甲"), max_size=12), st.integers(0, 13))
def test_moved_to_with_its_early_exit_is_the_plain_test(text: str, start: int) -> None:
    start = min(start, len(text))
    word = max((w for w in places._where_words() if text.endswith(w, 0, start)), key=len, default="")
    assert places._moved_to(text, start) == (bool(word) and text.endswith(places._moving_words(), 0, start - len(word)))


@given(st.text(alphabet=st.sampled_from("来到前往赴在于走进深入某村乡"), max_size=12), st.integers(0, 13))
def test_longest_where_word_is_the_plain_max(text: str, start: int) -> None:
    start = min(start, len(text))
    plain = max((w for w in places._where_words() if text.endswith(w, 0, start)), key=len, default="")
    assert places._longest_where_word(text, start) == plain


@given(st.text(alphabet=st.sampled_from("各个村社区居()（）全乡镇街某"), max_size=14))
def test_several_words_regex_is_the_plain_membership_test(lead: str) -> None:
    assert bool(places._several_re().search(lead)) == any(w in lead for w in places._several_words())


def _plain_bare_after_counties(gz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """:func:`place_variants.bare_after_counties` with every match's counties taken before its cores are tried."""
    out: list[Match] = []
    starts = {m.start for m in matches}
    common = place_variants.words_of("place_short_context.tsv", "common_core")
    for m in matches:
        counties = {c for c in m.candidates if gz.divisions[c].level == "county"}
        if m.end in starts or not counties:
            continue
        for k in place_variants._CORES:
            end = m.end + k
            core = text[m.end : end]
            if (core not in gz.township_cores or core in common or not _short_ok(text, m.end, end, True)
                    or text.startswith("第", end)):
                continue
            towns = [t for t in gz.townships_of_core(core) if gz.divisions[t].parent in counties]
            if len(towns) == 1:
                office = next((w for w in place_variants._OFFICE_WORDS if text.startswith(w, end)), "")
                out.append(Match(m.end, end + len(office), core + office, (towns[0],), True))
                break
    return out


@pytest.mark.parametrize("text", [
    *[r.text for r in RESULTS], "5月1日,诸暨枫桥发动党员清扫街巷。", "罗田县三里畈镇党委书记到浙江湖州调研。",
    "长沙县黄兴办事处组织开展活动,宁乡县第三居委会参加。", "某县胜利完成任务,东阳横店街道办事处召开会议。"])
def test_bare_townships_after_counties_as_the_plain_loop(text: str) -> None:
    gz = gazetteer()
    found = gz.find(text)
    assert place_variants.bare_after_counties(gz, text, found) == _plain_bare_after_counties(gz, text, found)


@given(st.sets(st.integers(0, 12)), st.sets(st.integers(0, 12)), st.integers(0, 12), st.integers(1, 6))
def test_last_place_end_answers_the_plain_test_for_every_start(a: set[int], b: set[int], pos: int, longest: int) -> None:
    ends = (dict.fromkeys(a), dict.fromkeys(b))
    held = places._last_end(pos - longest + 1, pos, ends)
    for start in range(max(0, pos - longest), pos):
        assert (held > start) == any(e in d for d in ends for e in range(start + 1, pos))
