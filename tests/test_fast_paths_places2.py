"""Fast paths of the places stage (second pass, issue 20) agree with the plain forms they replace.

Each replaced function keeps its plain form here: a where-word ending at a position found by a set lookup
(:class:`~partyevents.extract.wordtrie.WordEnds`) against ``str.endswith`` with the word tuple, the prefilters
in front of per-mention tests against the tests run on every mention, and the shared or skipped work of
:func:`~partyevents.extract.places.resolve_places` against running it in full. Hand-written texts and the shipped
samples, and Hypothesis-generated texts made of the words the tests look for.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from fast_path_helpers import context_of, sample_results
from partyevents.extract import gazetteer as gazetteer_module
from partyevents.extract import place_evidence, place_variants, places
from partyevents.extract.gazetteer import Gazetteer, Match, _short_ok, gazetteer
from partyevents.extract.wordtrie import WordEnds, first_starting
from partyevents.records import DateInfo, DocumentResult, Event

RESULTS = sample_results()
SAMPLE_TEXTS = [r.text for r in RESULTS]

# pieces that make the tested words, their parts and their neighbours likely in generated text
_PIECES = ["在", "来到", "前往", "赴", "该县", "走进", "近日", "我们", "示范村", "某村", "社区", "乡", "县", "区", "城区",
           "乡村", "乡镇", "和县", "县委", "常德", "德城区", "全县", "我镇", "本市", "市委", "，", "。", "2021年", "人",
           "乡村振兴", "发展", "村民", "中", "共"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


# --- WordEnds: a set lookup for text.endswith(words, 0, end) ---------------------------------------------------


def _plain_ends(words: tuple[str, ...], text: str, end: int) -> bool:
    return text.endswith(words, 0, end)


def test_word_ends_agree_with_endswith_on_the_samples() -> None:
    for words in (places._where_words(), places._opening_words(), places._venue_words() + places._kind_words()):
        ends = WordEnds(words)
        for text in SAMPLE_TEXTS:
            for end in range(-3, len(text) + 3):
                assert ends(text, end) == _plain_ends(words, text, end), (text[max(0, end - 6) : end], end)


@given(_TEXTS, st.data())
def test_word_ends_agree_with_endswith_on_generated_text(text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(-len(text) - 2, len(text) + 2))
    for words in (places._where_words(), places._opening_words(), ("在", "来到", "前往该县")):
        assert WordEnds(words)(text, end) == _plain_ends(words, text, end)


@given(st.lists(st.text("ab", min_size=1, max_size=3), min_size=1, max_size=5), st.text("abc", max_size=8), st.data())
def test_word_ends_agree_with_endswith_on_any_words(words: list[str], text: str, data: st.DataObject) -> None:
    end = data.draw(st.integers(-len(text) - 2, len(text) + 2))
    assert WordEnds(words)(text, end) == text.endswith(tuple(words), 0, end)


def test_the_cached_word_ends_are_of_their_lists() -> None:
    assert places._where_ends().words == frozenset(places._where_words())
    assert places._opening_ends().words == frozenset(places._opening_words())
    assert places._venue_or_kind_ends().words == frozenset(places._venue_words() + places._kind_words())


# --- without_word_parts: three tests only on names that may be word parts --------------------------------------


def _plain_without_word_parts(gz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """Every match put through the three tests (no prefilter)."""
    ends = {m.end for m in matches}
    return [
        m for m in matches
        if not place_evidence._rural_word(text, m) and not place_evidence._urban_area(gz, text, m)
        and not place_evidence._county_word(text, m, ends)
    ]


def test_word_parts_agree_with_the_plain_form_on_the_samples() -> None:
    gz = gazetteer()
    texts = [*SAMPLE_TEXTS, "发展乡村振兴,促进乡镇企业", "位于常德城区的", "市委和县委,英雄县城", "安徽和县县委"]
    for text in texts:
        found = gz.find(text)
        assert place_evidence.without_word_parts(gz, text, found) == _plain_without_word_parts(gz, text, found)
    assert _plain_without_word_parts(gz, "市委和县委", gz.find("市委和县委")) != gz.find("市委和县委")  # the test bites


@given(_TEXTS)
def test_word_parts_agree_with_the_plain_form_on_generated_text(text: str) -> None:
    gz = gazetteer()
    found = gz.find(text)
    assert place_evidence.without_word_parts(gz, text, found) == _plain_without_word_parts(gz, text, found)


# --- _self_named: one search for any self word before the loop ------------------------------------------------


def _plain_self_named(gz: Gazetteer, text: str, ev: Event, home: places._Mention) -> places._Mention:
    """:func:`places._self_named` walking the self words for every event."""
    if home.division is None:
        return home
    event_text = text[ev.start : ev.end]
    for word, level in places._self_words():
        if word in event_text:
            chain = gz.chain(home.division)
            level = places._level_named(chain, level, places._level_char(word))
            if level in chain and (home.community is not None or chain[level].id != home.division):
                d = chain[level].id
                return places._Mention(home.start, home.end, gz.divisions[d].name, d, candidates=(d,))
            return home
    return home


def _homes(gz: Gazetteer) -> list[places._Mention]:
    out = []
    for name in ("黄陂区", "前川街道", "丹棱县", "武汉市"):
        (m,) = gz.find(name)
        out.append(places._Mention(m.start, m.end, m.surface, m.candidates[0], None, m.candidates))
    out.append(out[1]._replace(community="某某社区"))
    out.append(places._Mention(0, 2, "某地", None))
    return out


@given(_TEXTS, st.data())
def test_self_named_agrees_with_the_plain_form(text: str, data: st.DataObject) -> None:
    gz = gazetteer()
    start = data.draw(st.integers(0, len(text)))
    ev = Event(seq=0, start=start, end=data.draw(st.integers(start, len(text))), text="", date=DateInfo())
    for home in _homes(gz):
        assert places._self_named(gz, text, ev, home) == _plain_self_named(gz, text, ev, home)


def test_self_named_agrees_with_the_plain_form_on_written_cases() -> None:
    gz = gazetteer()
    changed = 0
    for text in ("4月2日,我县召开党建工作会议。", "全镇开展清扫", "本市举行", "某社区开展活动", *SAMPLE_TEXTS[:5]):
        ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo())
        for home in _homes(gz):
            fast = places._self_named(gz, text, ev, home)
            assert fast == _plain_self_named(gz, text, ev, home)
            changed += fast is not home
    assert changed  # a self word moves the home to its level


# --- the whole stage on the samples ----------------------------------------------------------------------------


def test_resolve_places_is_unchanged_by_the_plain_forms(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fast = [places.resolve_places(context_of(r), r.events) for r in RESULTS]
    assert any(p is not None for places_, _ in fast for p in places_)
    monkeypatch.setattr(place_evidence, "without_word_parts", _plain_without_word_parts)
    monkeypatch.setattr(places, "without_word_parts", _plain_without_word_parts)
    monkeypatch.setattr(places, "_self_named", _plain_self_named)
    for name, words in (("_where_ends", places._where_words), ("_opening_ends", places._opening_words)):
        monkeypatch.setattr(places, name, lambda words=words: lambda text, end: text.endswith(words(), 0, end))
    assert [places.resolve_places(context_of(r), r.events) for r in RESULTS] == fast


# --- after_travel: a set lookup for the travel verbs --------------------------------------------------------------


def _plain_after_travel(text: str, start: int) -> bool:
    words = gazetteer_module._short_context()[4]
    return text.endswith(words, max(0, start - max(map(len, words), default=0)), start)


@given(st.lists(st.sampled_from(["前往", "赶赴", "以往", "往", "赴", "某某", "县", "，"]), max_size=8).map("".join), st.data())
def test_after_travel_agrees_with_the_plain_form(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    assert gazetteer_module.after_travel(text, start) == _plain_after_travel(text, start)


def test_after_travel_agrees_with_the_plain_form_on_the_samples() -> None:
    hits = 0
    for text in SAMPLE_TEXTS:
        for start in range(len(text) + 1):
            fast = gazetteer_module.after_travel(text, start)
            assert fast == _plain_after_travel(text, start)
            hits += fast
    assert hits or gazetteer_module.after_travel("前往某某", 2)


# --- _hometowns: _hometown inlined ------------------------------------------------------------------------------


def _plain_hometowns(text: str, mentions: list[places._Mention]) -> set[int]:
    out: set[int] = set()
    for m in reversed(mentions):
        if m.end in out or places._hometown(text, m):
            out.add(m.start)
    return out


def _mentions_of(text: str) -> list[places._Mention]:
    return [places._Mention(m.start, m.end, m.surface, m.candidates[0], None, m.candidates) for m in gazetteer().find(text)]


@given(st.lists(st.sampled_from(["河南", "禹州", "人", "籍", "出生于", "老家", "人民", "，", "黄陂区", "张明"]), max_size=10).map("".join))
def test_hometowns_agree_with_the_plain_form(text: str) -> None:
    mentions = _mentions_of(text)
    assert places._hometowns(text, mentions) == _plain_hometowns(text, mentions)


def test_hometowns_agree_with_the_plain_form_on_the_samples() -> None:
    assert places._hometowns("张明,河南禹州人,现任", _mentions_of("张明,河南禹州人,现任")) == {3, 5}
    for text in SAMPLE_TEXTS:
        mentions = _mentions_of(text)
        assert places._hometowns(text, mentions) == _plain_hometowns(text, mentions)


# --- _mention_lists found once: _relisted gives what a second search finds ------------------------------------------


def test_relisted_lists_are_those_of_the_placed_mentions() -> None:
    gz = gazetteer()
    text = "到前川街道甲村、乙村和丙村调研"
    (t,) = gz.find("前川街道")
    d = t.candidates[0]
    mentions = [
        places._Mention(1, 5, "前川街道", d, None, (d,)),
        places._Mention(5, 7, "甲村", d, "甲村", (d,)),
        places._Mention(8, 10, "乙村", None, "乙村"),
        places._Mention(11, 13, "丙村", None, "丙村"),
    ]
    lists = places._mention_lists(gz, text, mentions)
    placed = places._list_townships(gz, text, mentions, lists)
    assert placed is not mentions and placed == places._list_townships(gz, text, mentions)
    relisted = places._relisted(lists, mentions, placed)
    assert relisted == places._mention_lists(gz, text, placed) != lists
    assert places._listed(gz, text, placed, relisted) == places._listed(gz, text, placed)


# --- _bare_township: the cores before a community found by one cached look-up -----------------------------------


def _plain_bare_township(
    gz: Gazetteer, text: str, pos: int, reach: int, ending: dict[int, places._Mention], provinces: set[int],
    bounds: set[int],
) -> places._Mention | None:
    """:func:`places._bare_township` with its (rest, k) loop over slices."""
    cores = gz.township_cores
    for rest in range(min(reach, places._FREE_LONGEST), places._BARE_TOWNSHIP_REST - 1, -1):
        after = pos - rest
        for k in (3, 2):
            start = after - k
            if start < 0 or text[start:after] not in cores or any(i in bounds for i in range(start + 1, pos)):
                continue
            towns = gz.townships_of_core(text[start:after])
            holder = ending.get(start)
            if holder is not None and holder.division is not None:
                towns = tuple(t for t in towns if holder.division in gz.ancestors(t))
            elif not places._free_start(text, start):
                continue
            elif k == 2:
                towns = tuple(t for t in towns if gz.ancestors(t)[0] in provinces)
            if len(towns) == 1 and places._free_name(text[after:pos]):
                return places._Mention(start, after, text[start:after], towns[0], candidates=towns)
    return None


def _bare_cases(text: str) -> list[tuple[int, int, dict[int, places._Mention], set[int], set[int]]]:
    gz = gazetteer()
    mentions = _mentions_of(text)
    ending = {m.end: m for m in mentions}
    provinces = {gz.ancestors(m.division)[0] for m in mentions if m.division is not None}
    bounds = {m.start for m in mentions} | {m.end for m in mentions}
    return [
        (cm.start(), places._name_reach(text[max(0, cm.start() - places._FREE_LONGEST) : cm.start()]), ending, provinces,
         bounds)
        for cm in places._COMMUNITY.finditer(text)
    ]


@given(st.lists(st.sampled_from(["朱家角", "淀山湖", "社区", "吴中区", "木渎", "天平", "村", "在", "，", "华明", "第二",
                                 "居委会", "上海市", "青浦区"]), max_size=8).map("".join))
def test_bare_township_agrees_with_the_plain_form(text: str) -> None:
    gz = gazetteer()
    for pos, reach, ending, provinces, bounds in _bare_cases(text):
        for r in range(1, reach + 1):
            assert places._bare_township(gz, text, pos, r, ending, provinces, bounds) == _plain_bare_township(
                gz, text, pos, r, ending, provinces, bounds
            )


def test_bare_township_agrees_with_the_plain_form_on_the_samples() -> None:
    gz = gazetteer()
    found = 0
    for text in [*SAMPLE_TEXTS, "上海市青浦区朱家角淀山湖社区,吴中区木渎天平社区"]:
        for pos, reach, ending, provinces, bounds in _bare_cases(text):
            fast = places._bare_township(gz, text, pos, reach, ending, provinces, bounds)
            assert fast == _plain_bare_township(gz, text, pos, reach, ending, provinces, bounds)
            found += fast is not None
    assert found


# --- _first_alone: the free-standing loop with _stands_alone inlined -----------------------------------------------


def _plain_first_alone(
    text: str, pos: int, end: int, longest: int, shortest: int, held: int, free: places._FreeNames
) -> int | None:
    for k in range(longest, shortest - 1, -1):
        start = pos - k
        if held > start:
            continue
        if places._stands_alone(text, start, end, free) and free(start, pos, end):
            return start
    return None


def _alone_cases(r: DocumentResult) -> list[tuple[int, int, int]]:
    out = []
    for cm in places._COMMUNITY.finditer(r.text):
        pos = cm.start()
        out.append((pos, cm.end(), min(places._FREE_LONGEST, pos)))
    return out


def test_first_alone_agrees_with_the_plain_form_on_the_samples() -> None:
    found = 0
    for r in RESULTS:
        free = places._FreeNames(r.text, r.title or "", r.events)
        for pos, end, longest in _alone_cases(r):
            for shortest in (2, 3):
                for held in (-1, pos - 3):
                    fast = places._first_alone(r.text, pos, end, longest, shortest, held, free)
                    assert fast == _plain_first_alone(r.text, pos, end, longest, shortest, held, free)
                    found += fast is not None
    assert found


@given(st.lists(st.sampled_from(["在", "鸿翔", "社区", "。", "宝山苑", "党支部", "与", "携手", "共建的", "的", "明珠花园",
                                 "村", "近日", "2021年", "下午"]), max_size=8).map("".join), st.data())
def test_first_alone_agrees_with_the_plain_form_on_generated_text(text: str, data: st.DataObject) -> None:
    bodies = data.draw(st.sets(st.integers(0, max(0, len(text)))))
    free = places._FreeNames(text, data.draw(st.sampled_from(["", text[:6]])), [])
    free._bodies = bodies
    for cm in places._COMMUNITY.finditer(text):
        pos = cm.start()
        longest = min(places._FREE_LONGEST, pos)
        held = data.draw(st.integers(-1, pos))
        assert places._first_alone(text, pos, cm.end(), longest, 2, held, free) == _plain_first_alone(
            text, pos, cm.end(), longest, 2, held, free
        )


# --- place_variants: the township cores after a county's name and before a suffix, one cached look-up -------------


def _plain_bare_after_counties(gz: Gazetteer, text: str, matches: list[Match]) -> list[Match]:
    """:func:`place_variants.bare_after_counties` slicing every core length after every name."""
    out: list[Match] = []
    starts = {m.start for m in matches}
    cores = gz.township_cores
    common = place_variants.words_of("place_short_context.tsv", "common_core")
    for m in matches:
        if m.end in starts:
            continue
        counties: set[int] | None = None
        for k in place_variants._CORES:
            end = m.end + k
            core = text[m.end : end]
            if core not in cores or core in common or not _short_ok(text, m.end, end, True) or text.startswith("第", end):
                continue
            if counties is None:
                counties = {c for c in m.candidates if gz.divisions[c].level == "county"}
            if not counties:
                break
            towns = [t for t in gz.townships_of_core(core) if gz.divisions[t].parent in counties]
            if len(towns) == 1:
                office = first_starting(text, place_variants._OFFICE_WORDS, end) or ""
                out.append(Match(m.end, end + len(office), core + office, (towns[0],), True))
                break
    return out


def _plain_variant_townships(
    gz: Gazetteer, text: str, matches: list[Match], extra: list[Match], may_start: Callable[[str, int], bool]
) -> list[Match]:
    """:func:`place_variants.variant_townships` slicing every core length before every suffix."""
    out: list[Match] = []
    covered = [(m.start, m.end) for m in matches]
    provinces: set[int] | None = None
    cores = gz.township_cores
    for sm in place_variants._SUFFIX.finditer(text):
        pos, end = sm.start(), sm.end()
        for k in place_variants._CORES:
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
                provinces = place_variants._provinces(gz, [*matches, *extra])
            if place_variants._village_after(gz, text, end, t) or gz.ancestors(t)[0] in provinces:
                out.append(Match(start, end, name, (t,), False))
                covered.append((start, end))
            break
    return out


_VARIANT_TEXTS = ["5月1日，诸暨枫桥发动党员清扫街巷。", "罗田县三里畈镇", "某某县胜利完成", "诸暨枫桥社区", "枫桥",
                  "余杭区良渚镇", "松北区松北镇", "金凤区满城北街街道"]


def test_variant_cores_agree_with_the_plain_forms_on_the_samples() -> None:
    gz = gazetteer()
    found = 0
    for text in [*SAMPLE_TEXTS, *_VARIANT_TEXTS]:
        matches = gz.find(text)
        fast = place_variants.bare_after_counties(gz, text, matches)
        assert fast == _plain_bare_after_counties(gz, text, matches)
        found += len(fast)
        for may_start in (lambda text, start: True, places._free_start):
            assert place_variants.variant_townships(gz, text, matches, [], may_start) == _plain_variant_townships(
                gz, text, matches, [], may_start
            )
    assert found


@given(st.lists(st.sampled_from(["诸暨", "枫桥", "罗田县", "三里畈", "镇", "乡", "街道", "社区", "第三", "居委会", "，",
                                 "胜利", "完成", "余杭区", "良渚"]), max_size=8).map("".join))
def test_variant_cores_agree_with_the_plain_forms_on_generated_text(text: str) -> None:
    gz = gazetteer()
    matches = gz.find(text)
    assert place_variants.bare_after_counties(gz, text, matches) == _plain_bare_after_counties(gz, text, matches)
    assert place_variants.variant_townships(gz, text, matches, [], places._free_start) == _plain_variant_townships(
        gz, text, matches, [], places._free_start
    )


# --- _title_community: no title name, no search of the event's text --------------------------------------------------


def test_title_community_without_a_title_is_none_whatever_the_text() -> None:
    gz = gazetteer()
    for text in ("某单位家属楼社区院内开展清扫", *SAMPLE_TEXTS[:5]):
        ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo())
        assert places._title_community(gz, text, ev, "", [], {}, None) is None
    title_text = "黄陂区某某社区：开展清扫"
    title = gz.find(title_text)
    choice = {t.surface: t.candidates[0] for t in title}
    text = "某单位家属楼社区院内开展清扫"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo())
    got = places._title_community(gz, text, ev, title_text, title, choice, None)
    assert got is not None and got.community == "某某社区"  # with a title the path is still taken


# --- _ambiguity: the candidates' chains written as JSON once per name ------------------------------------------------


def _plain_ambiguity_detail(gz: Gazetteer, mention: places._Mention) -> str:
    chains = ["/".join(gz.divisions[j].name for j in gz.ancestors(c)) for c in mention.candidates]
    return json.dumps({"surface": mention.surface, "start": mention.start, "candidates": chains}, ensure_ascii=False)


@given(st.sampled_from(["城关镇", "新华街道", "大同镇", "朝阳区", "和平区"]), st.integers(0, 10**6),
       st.sampled_from(["", '"', "\\", "\u2028", "a\nb", "城关"]))
def test_ambiguity_detail_is_the_plain_json(name: str, start: int, odd: str) -> None:
    gz = gazetteer()
    (m,) = [k for k in gz.find(name) if k.surface == name]
    for surface in (name, name + odd):
        mention = places._Mention(start, start + len(surface), surface, None, None, m.candidates)
        problem = places._ambiguity(gz, mention)
        assert problem.detail == _plain_ambiguity_detail(gz, mention)
        assert json.loads(problem.detail or "")["candidates"][0].count("/") >= 2
        assert f"matches {len(m.candidates)} divisions" in problem.message


# --- Gazetteer.township_variants: kept per name ------------------------------------------------------------------------


@given(st.lists(st.sampled_from(["松北", "东小口", "镇", "乡", "街道", "地区", "新华", "城关", "前川", "苏木", "某"]),
                max_size=4).map("".join))
def test_township_variants_agree_with_the_plain_form(name: str) -> None:
    gz = gazetteer()
    assert gz.township_variants(name) == gz._plain_township_variants(name)
    assert gz.township_variants(name) == gz._plain_township_variants(name)  # a second time: from the cache


def test_township_variants_agree_with_the_plain_form_on_the_samples() -> None:
    gz = gazetteer()
    names = {m.group() for text in SAMPLE_TEXTS for m in places._TOWNSHIP.finditer(text)} | {"松北镇", "东小口镇"}
    assert any(gz._plain_township_variants(n) for n in names)
    for name in names:
        assert gz.township_variants(name) == gz._plain_township_variants(name)
