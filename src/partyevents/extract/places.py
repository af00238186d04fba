"""Places: the event's locality, resolved to its administrative chain.

1. Find every gazetteer name in the title, the manifest place and the body
   (:mod:`.gazetteer`). A short form of a county or prefecture that is also an
   ordinary word (互助, 金山, 通道) counts only when something corroborates it
   (:mod:`.place_evidence`); one right after a name of its own level or below
   (安溪县公安局, 长宁区新华路) is part of another name. A township written right
   after a county that the gazetteer lists only under other counties (腾冲市五合镇,
   where it has 五合乡) is that county's, wherever the page names it (:mod:`.place_variants`). Names that
   are parts of words (振兴乡村, 常德城区, 市委和县委) are dropped. A township the page writes under
   another suffix than the gazetteer's, with no county in front (某某镇 for 某某街道), counts when the page
   corroborates it (:mod:`.place_variants`).
2. Resolve ambiguous names (城关镇 ×99) by the document's other places: each
   candidate scores by how closely it sits to the candidates of every other
   name; the best wins, unless the page writes the name right after a place
   holding exactly one of its candidates (谷城县城关镇: that one, whatever
   other counties the page names). A township name still ambiguous is decided by the
   villages the page names, where the gazetteer lists one under only one of
   its namesakes (:mod:`.place_villages`), or by a word used in one province
   only (居民区党总支: Shanghai); a county name several prefectures share, by the villages the page names (普陀区某社区);
   else it stays unresolved (its name is kept,
   and the chain its candidates share). This step is :mod:`.place_ambiguity`.
3. Add what the gazetteer lacks or writes differently: a township named after
   its county (游仙区游仙镇), one written without its suffix
   after its county (诸暨枫桥) or again at a clause start (…,某某确定全镇…), a subdistrict written 某某街
   where the matcher refuses it (走进某某街3520社区: :func:`.place_variants.street_townships`), and
   named communities and villages (``前川街向阳社区``, ``在鸿翔社区``,
   ``，某某苑社区联合…``, 嘎查, 居民区); a village takes the township written
   last right before it, a community written right after its county the one
   township of it listing the community (某某二村社区 listed as 某某二村 too). A village named by one
   character (a surname or a direction) counts right after a where-word (赴某村观摩), a community numbered
   rather than named right after a place (某某街3520社区), a name after the page's own voice (我们某社区).
   A community the title writes right after its township (某街道某村…, a township the gazetteer lacks as written)
   is that township's where the body names it, whatever township the gazetteer lists it under.
   A community or village the page writes right after one township (甲镇某村) is that township's wherever else the
   page names it in that county (赴某县某村), over a namesake the county's list puts elsewhere; Shanghai's 某村居民区
   is one community, found under the 某村 the list writes; 某村委会 names the village. A name standing on its own
   (在明珠花园社区, 共建的某社区党群服务中心) beats a shorter listed name inside it (花园社区) and holds no place's
   name (赴某县某村); a village of one character right after its county is the one the county lists (某县余村).
   A township's other name in brackets (某乡(某街道)某社区) is an alias: the township is named once and the
   community after the bracket is its. A village no place holds takes the township its sentence names last
   before it (某乡组织党员到某村), unless another village or community comes between.
4. Per event, the locality is where it happened when the lead sentence (the
   one with the date, else the organizer; a bulletin's date alone on its line opens the sentence after it) says so
   (``来到繁峙县``, ``前往该县某乡``, ``来到位于某镇的农场``,
   ``在鸿翔社区召开``; not inside a quotation, nor where people moved to: 搬迁至某村), else the most specific place in the
   organizer's name (past a unit the gazetteer lacks: 青岛西海岸新区某街道; a county's bureau,
   or a township's office, working in a community its own sentence or name names: that community; an organizer
   joined to a partner by 与 or 和 keeps its own place), else the first group of adjacent place names (a community named
   in the page's own voice, 我们某社区, over a city named in passing), else the
   document's home place (the one it names most, title and manifest counted
   thrice; several of one level named equally often: the place they share; a
   lone community under it, or one named at least thrice and more than all the
   others together, or one named in the page's own voice: 我们某社区, is more specific; a home that is a community with no place
   to set it under takes the one township in the country listing that name). A community listed
   with others (``甲社区、乙社区等``) stands for its township; places of one
   level listed as venues (``到甲乡、乙乡调研``, or opening clause after clause:
   ``慰问了甲村某某,乙村某某``) for the county or township they share, or, when they
   share a province at most, for the document's place; a place they share that the page never names does not
   outweigh the organizer's own named before them (甲乡组织…赴乙镇某村、丙乡某村: 甲乡, not their county), and
   villages opening a later clause as speakers (，甲村、乙村作交流) are no venues. A community named later in the
   township's clause and followed by a site of it (某街“某品牌”某社区党群服务中心揭牌) is the venue. A place chosen before the
   dated sentence (a quotation's speaker) yields to the one that sentence opens with.
   An undated paragraph opening with the whole township (该街坚持…, 全街各社区…, 某某街道 alone at a clause start)
   is the township's, a community it names later one example; so is one with no year of its own under a title
   opening with the township acting (某街完善…; not a lead dated 近日, one activity), and one naming its community only as a person's post before the
   wider place acts (某社区网格员某某…,某区持续推进…: that place). A county or city opening the name of a unit
   below the community (在某县29号小区) is no venue: the page's township inside it, or the previous event's.
   A village or community named only as a resident's home (某村村民某某说, 家住某村的…: :mod:`.place_residents`)
   and a place naming a news outlet (某某新闻网讯: :mod:`.place_outlets`, the page's home at most) are no event's
   place. A later sentence of the lead's paragraph or the next opening with a venue inside the organizer's place
   (…。在某镇某村植树现场,…; 某镇某村植树现场,…) names where it happened when the lead names none and spans no many
   places (各村, 各乡镇, 全乡) and is not run by a county or wider place acting itself (某区开展…活动: one example);
   so does a place after a word of location (在某镇设立于某市的驿站: 某市). A township opening a
   list of villages (到某镇甲村、乙村) holds them all, and a county's bureau working on such a list in its own clause
   is placed at the township they share. A dated sentence whose subject is a whole-place word (3月5日,全市…) is the
   city's or county's occasion; 全市, 市直 name the page's city as 全县 its county. 某某街社区 the county does not
   list is a community in the subdistrict 某某街道, unless the page itself calls the subdistrict 某某街.
5. A locality in another province than the document's better-supported one
   falls back to the document's place when its own evidence is weak, and is
   reported as a warning either way (:func:`_province_conflict`); a township that is the organizer itself
   keeps its name there, without a chain (a spliced paragraph: 某镇积极响应…).

The chain's names are those valid at the event's date (:mod:`.place_chain`).
Mentions are found once per document and sliced per event (bisect on starts);
the name matcher, the community-name reach and per-name candidate sets are
cached, so the stage costs well under a millisecond per document.
"""

from __future__ import annotations

import datetime as dt
import json
import json.encoder
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import NamedTuple

from .. import regex_cache as rx
from ..records import DocContext, Event, Place, Problem
from ..resources import read_table, words_of
from .gazetteer import Division, Gazetteer, Match, gazetteer, township_core
from .place_ambiguity import by_known_villages, by_parents, disambiguate
from .place_chain import chain_of, name_in_time, shared_chain
from .place_evidence import corroborated, without_word_parts
from .place_outlets import outlet_names
from .place_residents import resident_homes
from .place_variants import (
    bare_after_counties,
    recandidated,
    street_townships,
    townships_of_counties,
    variant_townships,
)
from .wordtrie import WordEnds, first_ending, first_starting, trie_pattern

__all__ = ["is_self_word", "resolve_places"]

# 村 before 社区 is part of a community's name (某新村社区); 社区居委会 is a community's own committee. Every branch
# opens with its literal first character, the look-behinds written after it (居(?<!社区居) for (?<!社区)居): re then
# finds the branch's first characters with a set scan in C, as it does for no pattern opening with a look-around
_COMMUNITY = rx.compile(r"社区|居(?<!社区居)(?:委会|民区)|嘎查|村(?<!乡村)(?!民|委(?!会|员会)|干部|级|庄|落|镇|里|内|口|官|务|医|社区|居委会|居民区)")
_NAME_CHARS = rx.compile(r"[\u4e00-\u9fff]{1,6}")
_DIGIT_NAME = rx.compile(r"(?<![0-9])[0-9]{1,5}$")  # a community numbered rather than named (某某街3520社区)
_DIGIT_LAST = frozenset("0123456789\n")  # what _DIGIT_NAME's match ends with, or its $ stands before: tested first
_TOWNSHIP = rx.compile(r"([\u4e00-\u9fff]{2,5}?)(街道|镇|乡)(?!镇|村|街|长|党|政府|干部|级|里)")
_SENTENCE_END = rx.compile(r"[。！？!?\n]")
_HOMETOWN = rx.compile(r"(?:人|籍)(?=[,，。、;；)）\s]|$)")  # 河南禹州人, : a person's hometown
_BORN = ("出生于", "生于", "老家", "籍贯")
_HOME_WEIGHT = 3  # a place in the title or the manifest counts this many body mentions
_START = itemgetter(0)  # a _Mention's start, as a sort key
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "community": 4, "village": 4}


class _Mention(NamedTuple):  # a tuple: cheap to make
    start: int
    end: int
    surface: str
    division: int | None  # resolved division (None: ambiguous or a community outside the gazetteer)
    community: str | None = None  # set for a named community; division is then its township or county
    candidates: tuple[int, ...] = ()
    township: str | None = None  # a township as written when the gazetteer lacks it or names it otherwise
    short: bool = False  # a short form (樊城) rather than a full name


class _Home(NamedTuple):
    """The document's home place and where it was named."""

    mention: _Mention
    source: str  # title | manifest | document


def resolve_places(ctx: DocContext, events: list[Event]) -> tuple[list[Place | None], list[Problem]]:
    """One locality (or None) per event, and problems such as ambiguous names or two provinces."""
    gz = gazetteer()
    text = ctx.text
    title = gz.find(ctx.title or "")
    manifest = gz.find(ctx.manifest_place or "")
    found = gz.find(text)
    if bare := bare_after_counties(gz, text, found):  # 诸暨枫桥: a township without its suffix after its county
        found = sorted(found + bare, key=_START)
    body = corroborated(gz, text, without_word_parts(gz, text, found), title + manifest)
    if variants := variant_townships(gz, text, body, title + manifest, _free_start):  # 某某镇 for the dictionary's 某某街道
        body = sorted(body + variants, key=_START)
    if streets := street_townships(gz, text, body, title + manifest, _free_start):  # 走进某某街3520社区
        body = sorted(body + streets, key=_START)
    written = townships_of_counties(gz, (body, title, manifest))
    for v in variants:  # named as the page writes it
        written.setdefault(v.surface, (v.candidates, v.surface))
    if written:
        body, title, manifest = (recandidated(ms, written) for ms in (body, title, manifest))
    choice = disambiguate(gz, body + title + manifest)
    choice = by_known_villages(gz, text, body + title + manifest, by_parents(gz, (body, title, manifest), choice))
    mentions = [
        _Mention(m.start, m.end, m.surface, choice[m.surface], None, m.candidates,
                 written[m.surface][1] if m.surface in written else None, m.short)
        for m in body
    ]
    mentions = [_with_level_word(gz, text, m) if m.short else m for m in mentions]  # only a short form grows
    mentions = _without_aliases(gz, text, _with_bare_townships(gz, text, _with_townships(gz, text, mentions)))
    hometowns = _hometowns(text, mentions)  # a person's hometown (某某人) is no place of the page
    pre_home = _home(gz, [m for m in mentions if m.start not in hometowns], title, manifest, choice)
    mentions = _with_communities(
        gz, text, mentions, pre_home, _FreeNames(text, ctx.title or "", events),
        _title_communities(gz, ctx.title or "", title, choice),
    )
    lists = _mention_lists(gz, text, mentions)  # found once, for _list_townships and _listed
    placed = _list_townships(gz, text, mentions, lists)  # 到某镇甲村、乙村: 乙村 is 某镇's too
    if placed is not mentions:  # villages placed: the lists hold their new mentions (same spans, same levels)
        lists = _relisted(lists, mentions, placed)
    mentions = placed
    home = _national(gz, _descend(gz, text, pre_home, mentions))
    hometowns = _hometowns(text, mentions) | resident_homes(text, mentions)  # 某村村民某某说: a resident's home
    outlets = outlet_names(text, mentions)  # 某县新闻网讯: the page's place at most, no event's
    listed = _listed(gz, text, mentions, lists)
    page_places = {d for d in (*(m.division for m in mentions), *(choice.get(m.surface) for m in (*title, *manifest))) if d is not None}
    old_names = _old_names(gz, mentions)
    starts = [m.start for m in mentions]  # sorted: an event's mentions are one slice
    own = [m for m in mentions if m.start not in hometowns]
    province = _document_province(gz, [m for m in own if m.start not in outlets], home, title, manifest, choice)
    if province is None and outlets:  # an outlet's place is the page's province only when nothing else says one
        province = _document_province(gz, own, home, title, manifest, choice)
    out: list[Place | None] = []
    problems: list[Problem] = []
    warned: set[str] = set()
    occasion: _Mention | None = None  # the previous event's own place
    for ev in events:
        window = mentions[bisect_left(starts, ev.start) : bisect_left(starts, ev.end)]
        inside = [m for m in window if m.end <= ev.end and m.start not in hometowns and m.start not in outlets]
        mention = _locality(gz, text, ev, inside, listed, page_places, home)
        source = "event"
        if (whole := _whole_place(gz, text, ev, inside, listed, home)) is not None:
            mention, source = whole, "document"  # 3月5日,全市…。在某社区…: the city's occasion, the community one example
        stray = False  # a township of another province acting itself: its name only, no chain
        if mention is not None and province is not None:
            named = mention
            mention, problem = _province_conflict(gz, text, ev, mention, inside, province)
            if problem is not None:
                problems.append(problem)
            if mention is None and _acting_township(gz, ev, named):  # a spliced paragraph: 某镇积极响应…
                mention, stray = named._replace(division=None, candidates=(), township=named.surface), True
        if (mention is None or _LEVEL_RANK[_level(gz, mention)] < _LEVEL_RANK["township"]) and (
            as_written := _written_township(gz, text, ev)
        ) is not None:  # 某县某局…到某某乡开展: a township the gazetteer lacks, where the event happened
            mention = as_written
        if (by_title := _title_community(gz, text, ev, ctx.title or "", title, choice, mention)) is not None:
            mention = by_title  # 某区某社区：… over 某单位宿舍楼社区院内…: the compound's community
        if mention is not None and (seat := _county_town(gz, text, ev, inside, mention)) is not None:
            mention = seat  # 某镇组织党员到县城参观: the township's county
        if mention is not None and home is not None and _home_below(gz, text, ev, inside, mention, home.mention):
            mention = None  # 为贫困户送去某县…明白卡: a county named in passing, the page's village inside it
        if mention is not None and occasion is not None and _unit_prefix(gz, text, inside, mention, occasion):
            mention, source = occasion, "document"  # 某县某镇各社区…。2月4日,在某县29号小区…: the occasion's
        if mention is None:
            if (fallback := home or _credited_home(gz, ctx, ev)) is None:
                out.append(None)
                continue
            mention, source = _self_named(gz, text, ev, fallback.mention), fallback.source
        elif (mention.community or mention.township) and mention.division is None and not mention.candidates and not stray:
            # 某乡组织党员到某村: the township named just before the village; else 赴新西社区: of the document's place
            mention = _township_before(gz, text, inside, mention) or _inherit(gz, mention, home)
        elif mention.division is None and mention.community is None and mention.surface not in warned:
            warned.add(mention.surface)
            problems.append(_ambiguity(gz, mention))
        if source == "event" and mention.community is not None and ev.date.month is None:
            mention = _whole_township(gz, text, ev, inside, mention)  # 全街…: an overview of the township's work
            if ev.date.year_source != "expression":  # no year of its own either (2021年,某社区制定…: its own)
                mention = _example_of(gz, text, ev, inside, mention)  # 某社区网格员某某…,某区持续推进…: the district's
                if not (ev.date.text or "").startswith(_recent_words()):  # 近日,某社区…: one activity, no overview
                    mention = _title_township(gz, text, inside, ctx.title or "", title, mention)  # 某街完善…: the street's
        occasion = mention if source == "event" else None
        place = _place(gz, mention, _when(ctx, ev), old_names)
        place.source = source
        if source != "event" or not mention.surface:  # the home, or the place several listed ones share
            place.surface, place.start, place.end = place.name, None, None
        out.append(place)
    return out, problems


def _acting_township(gz: Gazetteer, ev: Event, m: _Mention) -> bool:
    """Whether ``m`` is a township (or below) that is the event's organizer itself (某镇积极响应…), so that the
    event is its own, whatever province the document's other places lie in."""
    org = ev.organization
    return org is not None and (org.start, org.end) == (m.start, m.end) and _LEVEL_RANK[_level(gz, m)] >= 3


def _national(gz: Gazetteer, home: _Home | None) -> _Home | None:
    """A home that is a community the page names standing on its own, with no place of the gazetteer to set it
    under, placed under the one township in the country that lists a community so named (坳下社区 in 深圳's
    莲塘街道), if there is one."""
    if home is None:
        return None
    m = home.mention
    if m.community is None or m.division is not None or m.candidates or m.township is not None:
        return home  # placed, or under a township the page names (as written) and the gazetteer lacks
    t = gz.only_township_listing(m.community)
    return home if t is None else _Home(m._replace(division=t, candidates=(t,)), home.source)


def _inherit(gz: Gazetteer, m: _Mention, home: _Home | None) -> _Mention:
    """A community the gazetteer cannot place, put under the document's home place (when that is resolved): under
    its county when the home is a township whose listing lacks the village, or under the one other township of
    the county that lists it (某村组织党员来到白石村: a village anywhere in the county, not surely in the home's
    township; villages are listed far more fully than towns' new communities); under the one township of a
    prefecture home that lists it (the prefecture's village lists are read then, as a page naming one of its
    counties would)."""
    if home is None or home.mention is m:
        return m
    if m.community is None:  # a township as written: under the home's county (or prefecture), not its township
        d = home.mention.division
        if d is None or (up := gz.county_of(d) or d) is None or _LEVEL_RANK[gz.divisions[up].level] > 2:
            return m
        return m._replace(division=up, candidates=(up,))
    if (d := home.mention.division) is None:  # an ambiguous township: the chain its namesakes share, and its name
        h = home.mention
        if h.candidates and m.community is not None and not m.community.endswith("村") and _level(gz, h) == "township":
            return m._replace(candidates=h.candidates, township=h.surface)
        return m
    if (
        m.community is not None
        and m.community.endswith("村")
        and gz.divisions[d].level == "township"
        and (county := gz.county_of(d)) is not None
        and d not in (towns := set(_listing(gz.villages(county), m.community)))
    ):  # the one township of the county listing it, else the county
        up = towns.pop() if len(towns) == 1 else county
        return m._replace(division=up, candidates=(up,))
    if m.community is not None and gz.divisions[d].level == "prefecture" and (t := _listed_in(gz, d, m.community)):
        return m._replace(division=t, candidates=(t,))  # 荆州市…来到某村: the one township listing it there
    return m._replace(division=d, candidates=(d,), township=home.mention.township)


def _township_before(gz: Gazetteer, text: str, inside: list[_Mention], m: _Mention) -> _Mention | None:
    """A village no place holds, put under the township the sentence names last before it (某乡组织党员到某村,
    the county's list lacking the village), when no other village or community comes between (某村组织党员来到
    另一村: anywhere in the county), nor a word for the whole county or above (来到全县的示范村某村)."""
    if m.community is None or not m.community.endswith("村"):
        return None
    lo = _sentence_start(text, m.start)
    before = [n for n in inside if lo <= n.start and n.end <= m.start]
    if not before or (t := before[-1]).community is not None or _level(gz, t) != "township":
        return None
    if t.division is None and t.township is None:  # an ambiguous township: not this way
        return None
    if any(level in _ABOVE_TOWNSHIP and word in text[t.end : m.start] for word, level in _self_words()):
        return None  # 某镇…来到全县的示范村某村: a village anywhere in the county
    return m._replace(division=t.division, candidates=t.candidates, township=t.township)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    return max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1


def _listed_in(gz: Gazetteer, prefecture: int, name: str) -> int | None:
    """The township (else the county) of ``prefecture`` under which the gazetteer lists a community or village
    ``name``, when only one does."""
    towns = {t for c in _counties_of(gz, prefecture) for t in _listing(gz.villages(c), name)}
    if len(towns) == 1:
        return towns.pop()
    counties = {gz.county_of(t) for t in towns}
    return counties.pop() if len(counties) == 1 else None


def _listing(index: Mapping[str, tuple[int, ...]], name: str) -> tuple[int, ...]:
    """The townships a county's village ``index`` lists ``name`` under, a community named after a village
    (某某一村社区) found under the village's name too (某某一村)."""
    found = index.get(name, ())
    if not found and name.endswith(_VILLAGE_COMMUNITY):
        suffix = next(s for s in _VILLAGE_COMMUNITY if name.endswith(s))
        found = index.get(name[: -len(suffix) + 1], ())
    return found


# 某某新村社区, Shanghai's 某某一村居民区 and 某某一村居委会: listed as 某某新村, 某某一村
_VILLAGE_COMMUNITY = ("村社区", "村居民区", "村居委会")


def _counties_of(gz: Gazetteer, prefecture: int) -> tuple[int, ...]:
    """The counties right under a prefecture, in the dictionary's order."""
    return _counties_by_parent(gz).get(prefecture, ())


@lru_cache(maxsize=4)
def _counties_by_parent(gz: Gazetteer) -> dict[int, tuple[int, ...]]:
    """Division -> the counties right under it (one pass over the dictionary, not one per prefecture)."""
    out: dict[int, list[int]] = {}
    for d in gz.divisions:
        if d.level == "county" and d.parent is not None:
            out.setdefault(d.parent, []).append(d.id)
    return {k: tuple(v) for k, v in out.items()}


def is_self_word(word: str) -> bool:
    """Whether ``word`` is one by which a page names its own place (我县, 全市: ``place_self_words.tsv``).

    >>> is_self_word("我县"), is_self_word("县委")
    (True, False)
    """
    return word in _self_word_set()


@cache
def _self_word_set() -> frozenset[str]:
    return frozenset(word for word, _ in _self_words())


@cache
def _self_word_re() -> re.Pattern[str]:
    """Any word of :func:`_self_words`: one search tells whether a text holds one of them."""
    return rx.compile(trie_pattern(word for word, _ in _self_words()))


@cache
def _self_words() -> tuple[tuple[str, str], ...]:
    """(word, level) by which a page names its own place (``place_self_words.tsv``)."""
    return tuple((row[0], row[1]) for row in read_table("place_self_words.tsv"))


def _credited_home(gz: Gazetteer, ctx: DocContext, ev: Event) -> _Home | None:
    """The place of the outlet the page credits (来源:某县融媒体中心), for an event that calls its place by a word
    of ``place_self_words.tsv`` (我市召开…) on a page that names no place at all; None when the outlet's name holds
    no place or one that several divisions share.

    >>> from partyevents.records import DateInfo
    >>> text = "4月2日,我县召开党建工作会议。"
    >>> ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo())
    >>> _credited_home(gazetteer(), DocContext(text=text, credit="丹棱县融媒体中心"), ev).mention.surface
    '丹棱县'
    >>> _credited_home(gazetteer(), DocContext(text="4月2日,社区召开会议。", credit="丹棱县融媒体中心"), ev) is None
    True
    """
    if not ctx.credit or not any(word in ctx.text[ev.start : ev.end] for word, _ in _self_words()):
        return None
    named = [m for m in gz.find(ctx.credit) if len(m.candidates) == 1]
    if len(named) != 1:
        return None
    m = named[0]
    return _Home(_Mention(m.start, m.end, gz.divisions[m.candidates[0]].name, m.candidates[0], None, m.candidates,
                          None, m.short), "document")


def _self_named(gz: Gazetteer, text: str, ev: Event, home: _Mention) -> _Mention:
    """The home place, or its county or township when the event calls it 我县, 全镇…"""
    if home.division is None or _self_word_re().search(text, ev.start, ev.end) is None:  # most events use none
        return home
    event_text = text[ev.start : ev.end]
    for word, level in _self_words():
        if word in event_text:
            chain = gz.chain(home.division)
            level = _level_named(chain, level, _level_char(word))
            if level in chain and (home.community is not None or chain[level].id != home.division):
                d = chain[level].id
                return _Mention(home.start, home.end, gz.divisions[d].name, d, candidates=(d,))
            return home
    return home


def _whole_place(
    gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], listed: Mapping[int, tuple[_Mention, ...]],
    home: _Home | None,
) -> _Mention | None:
    """The page's place at the level of a whole-place word (全市, 全县, 全镇: ``place_self_words.tsv``) that is
    the subject of the dated sentence (3月5日,全市各级党组织开展…), when that sentence names no venue: a city- or
    county-wide occasion, whatever local example the event goes on to tell of. The place is the home's (else the
    event's first placed name's) division at that level; None when there is no such word or no place to take."""
    d = ev.date
    if d.start is None:  # an undated overview: a clause of its lead sentence that opens with the word
        undated = _undated_whole_at(text, ev, inside)
        if undated is None:
            return None
        at = undated
    else:
        if d.end is None or not ev.start <= d.start < ev.end:
            return None
        at = d.end
        while at < ev.end and text[at] in ",，、 ":
            at += 1
        at += len(first_starting(text, _times_of_day(), at) or "")
        while at < ev.end and text[at] in ",，、 ":
            at += 1
    if text[at : at + 1] not in _WHOLE_OPENERS:  # most dated sentences: no whole-place word can start here
        return None
    found = next(
        ((w, level) for w, level in _self_words() if w[0] in _WHOLE_OPENERS and text.startswith(w, at)), None
    )
    if found is None or _where_mention(gz, text, inside, _first_sentence_end(text, ev), listed) is not None:
        return None
    ref = home.mention if home is not None and home.mention.division is not None else next(
        (m for m in inside if m.division is not None), None
    )
    if ref is None or ref.division is None:
        return None
    word, level = found
    chain = gz.chain(ref.division)
    suffix = _level_char(word)
    level = _level_named(chain, level, suffix)
    if level not in chain:  # a home above that level (全市 on a city's page): the nearest above named so
        level = next((up for up in ("prefecture", "province") if up in chain and chain[up].name.endswith(suffix)), "")
        if not level:
            return None
    div = chain[level].id
    return _Mention(ref.start, ref.end, gz.divisions[div].name, div, candidates=(div,))


def _undated_whole_at(text: str, ev: Event, inside: list[_Mention]) -> int | None:
    """Where a clause of an undated event's lead sentence opens with a whole-place word, when that sentence names no
    place (当前,防汛形势严峻,全区各单位党员下沉一线。在某镇某村,…: the district's occasion, the village one example);
    else None."""
    first_end = _first_sentence_end(text, ev)
    if any(m.start < first_end for m in inside):
        return None
    starts = (ev.start, *(i + 1 for i in range(ev.start, first_end) if text[i] in ",，"))
    return next((at for at in starts if text[at : at + 1] in _WHOLE_OPENERS), None)


_WHOLE_OPENERS = frozenset("全")  # the whole-place words (全市, 全县), not the page's voice (我县迎来降雨,某村…) nor a body's (市直)


def _level_char(word: str) -> str:
    """The character of a self word naming its level (全区: 区, 市直: 市, 全省: 省), else its last."""
    return next((c for c in reversed(word) if c in _SELF_LEVEL_CHARS), word[-1])


_SELF_LEVEL_CHARS = frozenset("县区市旗州盟省")


def _level_named(chain: Mapping[str, Division], level: str, suffix: str) -> str:
    """The level a county word means (全区): the county's when its name ends with the word's suffix (某某区), else
    the nearest above it that does (某某地区, 某某自治区: 全区 on a county's page of Tibet), else ``level``."""
    if level != "county" or "county" not in chain or chain["county"].name.endswith(suffix):
        return level
    return next((up for up in ("prefecture", "province") if up in chain and chain[up].name.endswith(suffix)), level)


def _with_level_word(gz: Gazetteer, text: str, m: _Mention) -> _Mention:
    """A short form followed by its level's word (大通县 for 大通回族土族自治县) spans that word too."""
    if not m.short or m.end >= len(text) or text[m.end] not in _LEVEL_WORDS:
        return m
    levels = {gz.divisions[c].level for c in m.candidates}
    if levels - {"county", "prefecture"}:
        return m
    return m._replace(end=m.end + 1, surface=m.surface + text[m.end])


_LEVEL_WORDS = frozenset("县区市旗州盟")


def _old_names(gz: Gazetteer, mentions: list[_Mention]) -> dict[int, str]:
    """Counties the document names by an earlier name (沾化县, now 沾化区) -> that name, and townships it names
    otherwise than the dictionary, right after their county (格尔木市某某山镇 for 某某镇) -> the page's name."""
    out: dict[int, str] = {}
    history = gz.history
    for m in mentions:
        d = m.division
        if d is not None and m.township is not None and m.community is None and gz.divisions[d].level == "township":
            out.setdefault(d, m.township)
            continue
        if d is None or m.community is not None or (changes := history.get(d)) is None:  # most were never renamed
            continue
        if any(m.surface in (c.name, c.short) for c in changes):
            out.setdefault(d, m.surface)
    return out


def _when(ctx: DocContext, ev: Event) -> dt.date | None:
    """The event's date as far as known (a month or a year alone: its middle), else the publication date."""
    d = ev.date
    if d.year:
        try:
            return dt.date(d.year, d.month or 7, d.day or (15 if d.month else 1))
        except ValueError:
            return dt.date(d.year, d.month or 7, 1)
    return ctx.published_date


def _hometowns(text: str, mentions: list[_Mention]) -> set[int]:
    """Starts of the mentions naming a person's hometown (河南禹州人: both names)."""
    out: set[int] = set()
    n = len(text)
    for m in reversed(mentions):  # _hometown inlined: this runs twice over every mention of the page
        end = m.end
        if end in out or (end < n and text[end] in "人籍" and _HOMETOWN.match(text, end)) or text.endswith(
            _BORN, 0, m.start
        ):
            out.add(m.start)
    return out


def _hometown(text: str, m: _Mention) -> bool:
    """Whether the mention names a person's hometown rather than where something happened.

    >>> _hometown("张明,河南禹州人,现任", _Mention(5, 7, "禹州", None))
    True
    >>> _hometown("禹州人民医院", _Mention(0, 2, "禹州", None))
    False
    """
    end = m.end
    # _HOMETOWN starts with 人 or 籍: the regex only runs after one of them
    return (end < len(text) and text[end] in "人籍" and bool(_HOMETOWN.match(text, end))) or text.endswith(
        _BORN, 0, m.start
    )


def _home(
    gz: Gazetteer, body: list[_Mention], title: list[Match], manifest: list[Match], choice: dict[str, int | None]
) -> _Home | None:
    """The place the document is about: the one it names most (title and manifest weigh more).

    A name left ambiguous counts by its surface, and stays a name without a chain (大同镇); it yields to
    a place with a chain named as often.
    """
    counts: dict[str, int] = {}
    first: dict[str, _Mention] = {}
    for m in body:
        surface = m.surface
        if surface in counts:
            counts[surface] += 1
        else:
            counts[surface] = 1
            first[surface] = m
    sources: dict[str, str] = {}
    for source, matches in (("manifest", manifest), ("title", title)):
        for t in matches:
            counts[t.surface] = counts.get(t.surface, 0) + _HOME_WEIGHT
            sources[t.surface] = source
            first.setdefault(
                t.surface, _Mention(t.start, t.end, t.surface, choice.get(t.surface), None, t.candidates, None, t.short)
            )
    if not counts:
        return None
    # names of one division add up (樊城, 樊城区)
    by_division: dict[int, int] = {}
    for surface, n in counts.items():
        d = first[surface].division
        if d is not None:
            by_division[d] = by_division.get(d, 0) + n
    # the most named, then the most specific: max over (count, level rank), the level looked up for the
    # most named only (max keeps the first of a tie either way)
    named = {s: by_division[d] if (d := first[s].division) is not None else n for s, n in counts.items()}
    most = max(named.values())
    tied = [s for s, n in named.items() if n == most]
    if len(tied) == 1:
        return _Home(first[tied[0]], sources.get(tied[0], "document"))
    best = max(tied, key=lambda s: _LEVEL_RANK[_level(gz, first[s])])
    if _unresolved(first[best]) and (resolved := [s for s in tied if not _unresolved(first[s])]):
        tied = resolved  # 东丽区 and an ambiguous 新市镇, once each: the place with a chain
        best = max(tied, key=lambda s: _LEVEL_RANK[_level(gz, first[s])])
    return _Home(_tied_home(gz, [first[s] for s in tied], first[best]), sources.get(best, "document"))


def _unresolved(m: _Mention) -> bool:
    """Whether a mention is a name the document leaves ambiguous (大同镇: no chain of its own)."""
    return m.division is None and bool(m.candidates)


def _tied_home(gz: Gazetteer, tied: list[_Mention], best: _Mention) -> _Mention:
    """The home among places named equally often: the most specific one (``best``), or when several places
    of that level tie (甲镇, 乙镇 and 丙镇, once each), the county or township they share."""
    rank = _LEVEL_RANK[_level(gz, best)]
    top = tuple(m for m in tied if _LEVEL_RANK[_level(gz, m)] == rank)
    if len({(m.division, m.community) for m in top}) > 1 and (shared := _shared_place(gz, top)) is not None:
        return shared
    return best


def _level(gz: Gazetteer, m: _Mention) -> str:
    """The level a mention names."""
    if m.community is not None:
        return "village" if m.community.endswith(("村", "嘎查")) else "community"
    if m.township is not None:
        return "township"
    if m.division is not None:
        return gz.divisions[m.division].level
    levels = {gz.divisions[c].level for c in m.candidates}
    return levels.pop() if len(levels) == 1 else "county"


def _descend(gz: Gazetteer, text: str, home: _Home | None, mentions: list[_Mention]) -> _Home | None:
    """The home place, or the one community or village the document is about, inside it (a village's own page).

    That is the only one it names, or one named at least thrice and more often than all the others together
    (甲村 thrice, a 乙村 once in passing). It must be named twice, or once as where something happened (下派到丹棱县杨场镇某村);
    a home the title or the manifest names stays, unless the community is named there too, and so does a
    province (a province-wide page that tells of one village). A community the page names in its own voice
    (我们某社区居委会将…) is its home however often named. A community the gazetteer cannot place is
    put under the home (:func:`_inherit`).
    """
    communities = Counter(m.community for m in mentions if m.community is not None)
    if not communities:
        return home
    own = {m.community for m in mentions if m.community is not None and text.endswith(_speaker_words(), 0, m.start)}
    if len(own) == 1 and home is not None:  # 我们某社区居委会将…: the page's own community, however often named
        m = next(m for m in mentions if m.community in own)
        h = home.mention
        if h.division is not None and gz.divisions[h.division].level == "province":
            return home
        return _descended(gz, home, m)
    (name, n), *others = communities.most_common()
    if others and (n < 3 or n <= sum(k for _, k in others)):  # a city's page with one example named twice
        return home
    i, m = next((i, m) for i, m in enumerate(mentions) if m.community == name)
    if home is None and not others:  # the only place the page names
        return _Home(m, "document")
    if n < 2 and not _after_where(text, mentions, i):  # named once in passing: 曾任岚山村书记
        return home
    if home is None:
        return _Home(m, "document")
    h = home.mention
    if h.community is None and h.surface == m.community:  # 锦绣社区: a township's name elsewhere, the page's community
        return _Home(m, home.source)
    if home.source != "document" and m.community != h.community:
        return home
    if h.division is not None and gz.divisions[h.division].level == "province":  # a province-wide page's example
        return home
    return _descended(gz, home, m)


def _descended(gz: Gazetteer, home: _Home, m: _Mention) -> _Home:
    """The community ``m`` as the page's home when it lies in the home place (or can be put under it), else the home."""
    h = home.mention
    if m.division is None and not m.candidates:  # standing on its own: a community of the home place
        inherited = _inherit(gz, m, home)
        return home if inherited is m else _Home(inherited, home.source)
    if m.division is None or (h.division is None and h.candidates):
        return home
    if h.division is not None and h.division not in gz.ancestors(m.division):
        return home
    return _Home(m, home.source)


def _with_townships(gz: Gazetteer, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Add townships named right after their county that the gazetteer lacks or names otherwise.

    ``西夏区贺兰山路街道`` (the gazetteer has 贺兰山西路街道): a township of 西夏区 as written;
    ``松北区松北镇`` (now 松北街道): that township, under the name the page gives it.
    """
    divisions = gz.divisions
    found: list[_Mention] = []
    nexts = {m.start for m in mentions}
    for m in mentions:
        if m.division is None or divisions[m.division].level != "county" or m.end in nexts:
            continue
        t = _TOWNSHIP.match(text, m.end)
        if t is None or not _free_name(t.group(1)):
            continue
        name = t.group()
        under = [i for i in gz.township_variants(name) if divisions[i].parent == m.division]
        if not under and (near := gz.township_near(m.division, name)) is not None:
            under = [near]  # 某某山镇 written for the dictionary's 某某镇 of that county
        division = under[0] if len(under) == 1 else m.division
        found.append(_Mention(t.start(), t.end(), name, division, None, (division,), name))
    if not found:
        return mentions
    spans = [(f.start, f.end) for f in found]
    kept = [m for m in mentions if not any(s <= m.start < e for s, e in spans)]
    return sorted(kept + found, key=_START)


def _with_bare_townships(gz: Gazetteer, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Add a township the page names in full, written again without its suffix at a clause start before a word
    opening its predicate (某某镇…。,某某确定全镇…; 某某共有…): the same township
    (``place_short_context.tsv``, ``bare_township``)."""
    cores: dict[str, _Mention] = {}
    for m in mentions:
        if m.short or m.community is not None or m.township is not None or _level(gz, m) != "township":
            continue
        if (core := township_core(m.surface)) is not None:
            cores.setdefault(core, m)
    if not cores:
        return mentions
    openers = _bare_openers()
    starts = [m.start for m in mentions]
    found: list[_Mention] = []
    for start, end in _core_hits(text, cores):
        if not text.startswith(openers, end) or not _free_start(text, start):
            continue
        i = bisect_left(starts, end)  # no mention overlaps it: the one before it ends at its start or earlier
        if i and mentions[i - 1].end > start:
            continue
        core = text[start:end]
        found.append(cores[core]._replace(start=start, end=end, surface=core))
    return sorted(mentions + found, key=_START) if found else mentions


@cache
def _bare_openers() -> tuple[str, ...]:
    return words_of("place_short_context.tsv", "bare_township")


def _core_hits(text: str, cores: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of the ``cores`` in ``text``, left to right and not overlapping, the longest at a position first: what
    a regex alternation of them, longest first, finds (str.find per core: a page has one to three, and no pattern is
    compiled per page)."""
    hits: list[tuple[int, int]] = []
    for core in cores:
        k = text.find(core)
        while k >= 0:
            hits.append((k, -len(core)))
            k = text.find(core, k + 1)
    hits.sort()
    out: list[tuple[int, int]] = []
    pos = 0
    for start, neg in hits:
        if start >= pos:
            out.append((start, start - neg))
            pos = start - neg
    return out


def _without_aliases(gz: Gazetteer, text: str, mentions: list[_Mention]) -> list[_Mention]:
    """``mentions`` less the names in a township's alias bracket (某镇(某街道), 某街道（原某镇）): the township is
    named once, under the name written first, unless only the bracketed name is resolved."""
    inside: set[int] = set()
    for i, m in enumerate(mentions):
        if m.division is None or (alias := _TOWNSHIP_ALIAS.match(text, m.end)) is None or _level(gz, m) != "township":
            continue
        inside.update(n.start for n in mentions[i + 1 :] if n.start < alias.end())
    return [m for m in mentions if m.start not in inside] if inside else mentions


class _FreeNames:
    """Whether a community name standing on its own may be one: after a where-word (``在鸿翔社区``), or at a
    clause start when it opens a body (``，宝山苑社区党支部``, an organizer found there) or the title names it."""

    def __init__(self, text: str, title: str, events: list[Event]) -> None:
        self.text, self.title, self.events = text, title, events
        self._bodies: set[int] | None = None  # starts of the events' organizers, on first use

    @property
    def bodies(self) -> set[int]:
        """Where the events' organizers start."""
        if self._bodies is None:
            self._bodies = {
                o.start for ev in self.events for o in (ev.organization, *ev.organizations) if o is not None and o.start
            }
        return self._bodies

    def __call__(self, start: int, core_end: int, end: int) -> bool:
        """Whether ``text[start:end]`` (its name ``text[start:core_end]``) is a community's name."""
        text = self.text
        if not _free_name(text[start:core_end]) or _not_in_name().search(text, start, end):  # 广大农村
            return False
        if start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff":  # after a where-word
            return True
        return start in self.bodies or text.startswith(_BODY_WORDS, end) or text[start:end] in self.title


_WRITTEN_TOWNSHIP = rx.compile(r"[\u4e00-\u9fff]{2,3}?(?:镇|乡|街道)(?=[\u4e00-\u9fff]{2})")  # in a free name
_FREE_LONGEST = 6  # the longest community name before its suffix (某某城第一居民区, 某某城市花园居民区)
_BODY_WORDS = ("党委", "党总支", "党支部", "支部", "党组织", "居委会", "村委会", "两委", "居民委员会", "村民委员会", "党群")


def _with_communities(
    gz: Gazetteer, text: str, mentions: list[_Mention], home: _Home | None, free: _FreeNames | None = None,
    titled: dict[str, _Mention] | None = None,
) -> list[_Mention]:
    """Add named communities: after a place name, known to the gazetteer in the document's counties,
    or standing on their own (:class:`_FreeNames`); ``titled``: communities the title writes right after their
    township (:func:`_title_communities`), which the body's mentions of them take."""
    counties = {c for m in mentions if m.division is not None and (c := gz.county_of(m.division)) is not None}
    if home is not None and home.mention.division is not None and (c := gz.county_of(home.mention.division)):
        counties.add(c)
    mentioned = {m.division for m in mentions if m.division is not None}
    owners = _Owners(gz, mentions, text)
    learned: dict[str, _Mention | None] = dict(titled or {})  # community name -> its owner, from an explicit mention
    towns_of = _TownsOf(gz, sorted(counties))
    name_reach = _name_reach
    found: list[_Mention] = []
    provinces: set[int] | None = None  # provinces of the resolved names, on first use
    bounds: set[int] | None = None  # where the place names start and end, on first use
    for cm in _COMMUNITY.finditer(text):
        pos = cm.start()
        reach = name_reach(text[pos - _FREE_LONGEST if pos > _FREE_LONGEST else 0 : pos])
        suffix = cm.group()
        if not reach:  # no name can end here: _community_start would find none, unless one of digits follows a place
            if text[pos - 1 : pos] not in _DIGIT_LAST or (digits := _DIGIT_NAME.search(text, max(0, pos - 6), pos)) is None or (
                owner := owners.any.get(digits.start())
            ) is None:  # 某某街3520社区: a numbered community of that township
                continue
            found.append(_Mention(digits.start(), cm.end(), text[digits.start() : cm.end()], owner.division,
                                  community=text[digits.start() : cm.end()], candidates=owner.candidates,
                                  township=owner.township))
            continue
        ending = owners.towns if suffix == "村" else owners.any  # a village follows a township only
        if reach == 1:  # a one-character name: only right after a place name (what _community_start finds)
            owner = ending.get(pos - 1)
            if owner is None and not (suffix == "村" and _single_village(text, pos)):  # 赴韩村观摩: a village
                continue
            start = pos - 1
        else:
            found_start, owner = _community_start(
                gz, text, pos, suffix, reach, ending, towns_of, mentioned, learned, free,
                owners.counties if suffix == "村" else None,
            )
            # the owner learned or listed elsewhere: a township written right before the name wins (甲镇新华村…,
            # 乙镇新华村 written 乙新华村)
            elsewhere = owner is not None and found_start is not None and owner.end != found_start
            if owner is None or elsewhere or _level(gz, owner) in _ABOVE_TOWNSHIP:  # 朱家角淀山湖社区,
                # 吴中区木渎天平社区: a township written without its suffix
                if provinces is None:
                    provinces = {gz.ancestors(m.division)[0] for m in mentions if m.division is not None}
                if bounds is None:
                    bounds = {m.start for m in mentions} | {m.end for m in mentions}
                if (bare := _bare_township(gz, text, pos, reach, owners.any, provinces, bounds)) is not None and (
                    not elsewhere or bare.end == found_start
                ):
                    # an ordinal unit (华明第二居委会) keeps the township's name in its own
                    owner, found_start = bare, bare.start if text.startswith("第", bare.end) else bare.end
            if found_start is None:
                if not (suffix == "村" and _single_village(text, pos)):
                    continue
                found_start = pos - 1
            start = found_start
        if _quality_list(text, start, cm.end()):  # 文明、和谐、幸福社区建设: no name
            continue
        if owner is None and (town := _WRITTEN_TOWNSHIP.match(text, start, pos)) is not None:
            # 某某镇某村 with a township the gazetteer lacks: the village of that township, as written
            owner = _Mention(start, town.end(), town.group(), None, township=town.group())
            start = town.end()
        name = text[start : cm.end()]
        if (owner is None or _level(gz, owner) == "county") and (
            street := _street_township(gz, name, suffix, counties | mentioned, towns_of)
        ) is not None:  # 某某街社区: a community named after its street, in the subdistrict 某某街道
            owner = _Mention(start, pos, text[start:pos], street, candidates=(street,), short=True)
            if _street_written_alone(text, free.title if free is not None else "", text[start:pos]):
                found.append(owner)  # the page calls the subdistrict 某某街 (某某街开展…): 某某街社区 are its communities
                continue
        if owner is not None and owner.end == start:  # written right after its owner: the latest such owner holds
            learned[name] = owner
        elif owner is not None or name not in learned:  # a name standing on its own is learned too: 。某村…针对某村
            learned.setdefault(name, owner)
        else:
            owner = learned.get(name)
        found.append(
            _Mention(
                start,
                cm.end(),
                name,
                owner.division if owner is not None else None,
                community=name,
                candidates=owner.candidates if owner is not None else (),
                township=owner.township if owner is not None else None,
            )
        )
    if not found:
        return mentions
    found = _under_written_townships(gz, mentions, found)
    # a mention inside a community's name is dropped: look for a community starting at or before it
    # that reaches at least as far (the furthest end among those starting no later)
    spans = sorted((f.start, f.end) for f in found)
    span_starts = [s for s, _ in spans]
    reach_of = list(accumulate((e for _, e in spans), max))
    kept = [m for m in mentions if (i := bisect_left(span_starts, m.start + 1)) == 0 or reach_of[i - 1] < m.end]
    return sorted(kept + found, key=_START)


def _under_written_townships(gz: Gazetteer, mentions: list[_Mention], found: list[_Mention]) -> list[_Mention]:
    """``found`` with each community or village the page writes right after one resolved township only (甲镇某村)
    placed under that township wherever else it is named in that township's county (赴某县某村, 某村 alone), even
    before it and where the gazetteer lists a namesake under another township of the county (its list is older than
    the page, or the page's village is another of that name: the page's own writing decides)."""
    town_ends = {m.end: m.division for m in mentions if m.division is not None and m.community is None and _level(gz, m) == "township"}
    written: dict[str, set[int]] = {}
    for f in found:
        if (t := town_ends.get(f.start)) is not None and f.division == t:
            written.setdefault(f.surface, set()).add(t)
    if not any(len(ts) == 1 for ts in written.values()):
        return found
    out = []
    for f in found:
        ts = written.get(f.surface)
        if ts is not None and len(ts) == 1 and f.start not in town_ends and f.township is None and f.division not in ts:
            (town,) = ts
            d = f.division
            if (d is None and not f.candidates) or (d is not None and gz.county_of(d) == gz.county_of(town)):
                f = f._replace(division=town, candidates=(town,))
        out.append(f)
    return out


_TITLE_COMMUNITY = rx.compile(r"[\u4e00-\u9fff]{2,6}?(?:社区|居委会|居民区|嘎查|村)(?![民委干级])")
_LEVEL_SUFFIXES = ("街道", "镇", "乡")
_TITLE_TOWNSHIP = rx.compile(r"[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡)")  # one the gazetteer lacks, after its county


def _title_communities(gz: Gazetteer, title_text: str, title: list[Match], choice: Mapping[str, int | None]) -> dict[str, _Mention]:
    """Communities and villages the title writes right after their township (某街道某村…; a township the gazetteer
    lacks, right after its county: as written) -> that township, with no span in the body: where the gazetteer
    lists the name elsewhere, the page's word holds."""
    out: dict[str, _Mention] = {}
    for m in title:
        d = choice.get(m.surface)
        if d is None:
            continue
        level, end, township = gz.divisions[d].level, m.end, None
        if level == "county" and m.surface.endswith(_LEVEL_SUFFIXES):  # a township under its county as written
            township = m.surface
        elif level == "county" and (t := _TITLE_TOWNSHIP.match(title_text, end)) is not None:
            core = t.group()[:-2] if t.group().endswith("街道") else t.group()[:-1]
            if not _free_name(core) or any(k.end - k.start == len(t.group()) for k in gz.find(t.group())):
                continue
            end, township = t.end(), t.group()
        elif level != "township":
            continue
        if (c := _TITLE_COMMUNITY.match(title_text, end)) is None:
            continue
        suffix = next(s for s in _COMMUNITY_ENDS if c.group().endswith(s))
        if _is_name(c.group()[: -len(suffix)]):
            out[c.group()] = _Mention(-1, -1, "", d, candidates=(d,), township=township)
    return out


_STREET_SUFFIXES = ("社区", "居委会", "居民区")  # a community named after its street: 某某街社区, 某某街居委会


def _street_written_alone(text: str, title: str, street: str) -> bool:
    """Whether the page writes ``street`` (某某街) on its own, not opening a community's name or the subdistrict's
    full one (某某街社区, 某某街道, 某某街办): then it calls the subdistrict so (天津's 某某街), and 某某街社区 means
    the subdistrict's communities together."""
    for source in (title, text):
        k = source.find(street)
        while k >= 0:
            if not source.startswith(_STREET_NAME_GOES_ON, k + len(street)):
                return True
            k = source.find(street, k + 1)
    return False


_STREET_NAME_GOES_ON = ("社区", "居委会", "居民区", "道", "办", "街")  # 某某街社区, 某某街道, 某某街办


def _street_township(gz: Gazetteer, name: str, suffix: str, places: set[int], towns_of: _TownsOf) -> int | None:
    """The subdistrict holding a community 某某街社区 (某某街居委会) the gazetteer does not list in the page's
    counties: the one named 某某街道 or 某某街街道 (a community named after its street lies in the subdistrict of that
    name), one the page names or of a county it names (``places``: both), else None. The community keeps its name:
    某某街 followed by 社区 is no subdistrict of its own."""
    if suffix not in _STREET_SUFFIXES or not name.endswith("街" + suffix) or towns_of(name):
        return None
    core = name[: -len(suffix)]
    towns = [t for t in gz.townships_named(core + "道") + gz.townships_named(core + "街道") if t in places or gz.county_of(t) in places]
    return towns[0] if len(towns) == 1 else None


def _single_village(text: str, pos: int) -> bool:
    """Whether the one character before 村 at ``pos`` is a village's name: a surname or a direction
    (``place_single_village_chars.tsv``) right after a where-word (赴韩村观摩, 到东村学习)."""
    return text[pos - 1] in _single_village_chars() and _venue_or_kind_ends()(text, pos - 1)


@cache
def _kind_words() -> tuple[str, ...]:
    """Kinds of villages and communities put before a name (示范村某村: ``place_where_words.tsv``, ``title_word``)."""
    return words_of("place_where_words.tsv", "title_word")


@cache
def _single_village_chars() -> frozenset[str]:
    """Characters that may alone name a village (``place_single_village_chars.tsv``)."""
    return frozenset(row[0] for row in read_table("place_single_village_chars.tsv"))


@cache
def _venue_words() -> tuple[str, ...]:
    """The where-words proper (``place_where_words.tsv``, kind ``where``)."""
    return words_of("place_where_words.tsv", "where")


def _quality_list(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` ends a list of qualities before a word of building (文明、和谐、幸福社区
    建设): a list mark before it, no community or village before that, a ``place_slogan_words.tsv`` word after."""
    return (
        text[start - 1 : start] == "、"
        and text.startswith(_slogan_words(), end)
        and not text.endswith(_COMMUNITY_ENDS, 0, start - 1)
    )


_COMMUNITY_ENDS = ("社区", "居委会", "居民区", "嘎查", "村")


@cache
def _slogan_words() -> tuple[str, ...]:
    """Words after a list of qualities ending in 社区/村 (``place_slogan_words.tsv``)."""
    return tuple(row[0] for row in read_table("place_slogan_words.tsv"))


# a township's other name in brackets right after it (某乡(某街道), 某街道（原某镇）): a community may follow it
_TOWNSHIP_ALIAS = rx.compile(r"[（(](?:原|现|今|即)?[\u4e00-\u9fff]{0,8}?(?:街道办事处|街道|办事处|镇|乡|苏木)[）)]")


class _Owners:
    """End offset -> the mention a community name may follow: townships (before 村), or any place (before 社区)."""

    def __init__(self, gz: Gazetteer, mentions: list[_Mention], text: str) -> None:
        self.towns: dict[int, _Mention] = {}
        self.any: dict[int, _Mention] = {}
        self.counties: dict[int, _Mention] = {}  # full county names: a village's name may follow one (边坝县普玉村)
        for m in mentions:
            level = _level(gz, m)
            if level == "township":
                self.towns[m.end] = self.any[m.end] = m
                if (alias := _TOWNSHIP_ALIAS.match(text, m.end)) is not None:  # 某乡(某街道)某社区: the chain goes on
                    self.towns[alias.end()] = self.any[alias.end()] = m._replace(end=alias.end())
            elif level in ("county", "prefecture") and (m.division is not None or not m.short):
                self.any[m.end] = m
                if level == "county" and m.division is not None and not m.short:
                    self.counties[m.end] = m


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
            towns = [t for index in self.indexes for t in _listing(index, name)]
            self.seen[name] = towns
        return towns


_ABOVE_TOWNSHIP = ("province", "prefecture", "county")
_BARE_TOWNSHIP_REST = 2  # the fewest characters of a community's own name after a township written bare


def _bare_township(
    gz: Gazetteer, text: str, pos: int, reach: int, ending: dict[int, _Mention], provinces: set[int],
    bounds: set[int],
) -> _Mention | None:
    """The township written without its suffix before the community name ending at ``pos`` (朱家角淀山湖社区,
    吴中区木渎天平社区), where a name may start or right after a place holding it: the only township with that
    core in the country (of three characters or more), in a province the page names (of two), or under that place.
    ``reach`` is :func:`_name_reach` before ``pos``; the community keeps a name of two characters at least, and
    no place name found (``bounds``: where they start and end) starts or ends inside (牡丹江市二纺社区: no 牡丹)."""
    window = _BARE_CORE_LONGEST + _FREE_LONGEST
    for rest, k in _cores_before(gz.township_cores, text[max(0, pos - window) : pos], min(reach, _FREE_LONGEST)):
        after = pos - rest
        start = after - k
        if any(i in bounds for i in range(start + 1, pos)):
            continue
        towns = gz.townships_of_core(text[start:after])
        holder = ending.get(start)
        if holder is not None and holder.division is not None:
            towns = tuple(t for t in towns if holder.division in gz.ancestors(t))
        elif not _free_start(text, start):
            continue
        elif k == 2:
            towns = tuple(t for t in towns if gz.ancestors(t)[0] in provinces)
        if len(towns) == 1 and _free_name(text[after:pos]):
            return _Mention(start, after, text[start:after], towns[0], candidates=towns)
    return None


_BARE_CORE_LONGEST = 3  # the longest township core :func:`_bare_township` tries (then one of two)


@lru_cache(maxsize=1 << 14)
def _cores_before(cores: frozenset[str], before: str, longest: int) -> tuple[tuple[int, int], ...]:
    """The (rest, k) that :func:`_bare_township` tries, in its order (rest from ``longest`` down to
    ``_BARE_TOWNSHIP_REST``, k 3 then 2), where the k characters ending ``rest`` before the end of ``before`` are a
    township core: one cached look-up per window (a community's name recurs) instead of up to ten slices.

    >>> _cores_before(frozenset({"木渎", "朱家角"}), "吴中区木渎天平", 4), _cores_before(frozenset({"木渎"}), "天平", 2)
    (((2, 2),), ())
    """
    n = len(before)
    out = []
    for rest in range(longest, _BARE_TOWNSHIP_REST - 1, -1):
        after = n - rest
        for k in (_BARE_CORE_LONGEST, 2):
            if after - k >= 0 and before[after - k : after] in cores:
                out.append((rest, k))
    return tuple(out)


def _community_start(
    gz: Gazetteer,
    text: str,
    pos: int,
    suffix: str,
    reach: int,
    ending: dict[int, _Mention],
    towns_of: _TownsOf,
    mentioned: set[int],
    learned: dict[str, _Mention | None],
    free: _FreeNames | None = None,
    counties: dict[int, _Mention] | None = None,
) -> tuple[int | None, _Mention | None]:
    """Where the community name ending at ``pos`` (before ``suffix``) begins, and the place it belongs to.

    ``reach`` is :func:`_name_reach` of the text before ``pos`` (at least 1); ``ending`` maps the end of each
    place name the community may follow to its mention.
    """
    owned: tuple[int, _Mention] | None = None
    after_county: tuple[int, _Mention] | None = None
    if ending:
        for k in range(1, reach + 1):  # right after a township or county name: 前川街向阳社区
            owner = ending.get(pos - k)
            if owner is not None and (
                k == 1 or _level(gz, owner) == "township" or _free_name(text[pos - k : pos])
            ) and _is_name(text[pos - k : pos]):  # after a county or prefecture: 牡丹江市二纺社区, not 西宁市举行首批社区
                owned = (k, owner)
                break
    if owned is None and counties:  # a village right after its county's full name: 边坝县普玉村, not 武陟县总结农村
        for k in range(2, min(reach, 3) + 1):
            owner = counties.get(pos - k)
            if owner is not None and _free_name(text[pos - k : pos]) and not _not_in_name().search(text, pos - k, pos + 1):
                # unless the county lists the village under one of its townships (checked below)
                after_county = (k, owner)
                break
        if (
            after_county is None
            and suffix == "村"
            and counties.get(pos - 1) is not None
            and (towns := towns_of(text[pos - 1 : pos + 1]))
        ):  # 安吉县余村: a village of one character its county lists
            return pos - 1, _listed_owner(gz, towns, mentioned)
    shortest = owned[0] + 1 if owned is not None and owned[1].short else 2  # a listed name may hold a short form
    if owned is not None and not owned[1].short:
        k, owner = owned
        if k > 2 and _led(text, pos - k, pos + len(suffix), owner, towns_of):  # 某街道以某社区为试点
            k -= 1
        return pos - k, _township_listing(gz, owner, text[pos - k : pos + len(suffix)], towns_of)
    listed = towns_of.names() if reach >= 2 else ()
    if listed or learned:
        end = pos + len(suffix)  # the suffix is the text's
        for k in range(reach, shortest - 1, -1):  # a name the gazetteer lists, or one the document introduced
            start = pos - k
            name = text[start:end]
            if name in learned or (name in listed and towns_of(name)):
                if (longer := _longer_free_name(text, pos, end, reach, k, free, (ending, counties or {}))) is not None:
                    return longer, None  # 在明珠花园社区: another community, not the 花园社区 the list or the page names
                if name in learned:
                    return start, learned[name]
                return start, _listed_owner(gz, towns_of(name), mentioned)
    if owned is not None:
        return pos - owned[0], owned[1]
    if after_county is not None:
        return pos - after_county[0], after_county[1]
    if reach < 2:
        return None, None
    if free is None:
        return None, None
    longest = min(reach, _FREE_LONGEST)
    held = _last_end(pos - longest + 1, pos, (ending, counties or {}))  # 赴某县某村: no name holds a place's name
    return _first_alone(text, pos, pos + len(suffix), longest, 2, held, free), None  # 。宝山苑社区党支部…, 在鸿翔社区


def _longer_free_name(
    text: str, pos: int, end: int, reach: int, k: int, free: _FreeNames | None, places: tuple[Container[int], ...]
) -> int | None:
    """Where a community name standing on its own (:class:`_FreeNames`, after a where-word or a clause start) begins
    before the name of ``k`` characters ending at ``pos`` that the gazetteer's list or the page knows, holding it
    (在明珠花园社区: not 花园社区), if one does; none holds a place name ending in it (来到某县某村: the county's
    village). ``places`` map the ends of the page's place names."""
    if free is None or text[pos - k - 1 : pos - k] in _LIST_MARKS or text.endswith(_PLACE_ENDS, 0, pos - k):
        return None  # 沙某镇某村: a village after a township the gazetteer writes otherwise
    longest = min(reach, _FREE_LONGEST)
    held = _last_end(pos - longest + 1, pos - k + 1, places)  # a place's name ends inside: no start before it
    return _first_alone(text, pos, end, longest, k + 1, held, free)


def _first_alone(text: str, pos: int, end: int, longest: int, shortest: int, held: int, free: _FreeNames) -> int | None:
    """Where the longest community name of ``longest`` down to ``shortest`` characters ending at ``pos`` (its suffix
    ending at ``end``) starts that stands on its own (:func:`_stands_alone`) and may be a name (``free``), starting no
    earlier than ``held``; None when none does. :func:`_stands_alone` inlined, what does not change with the start
    looked at once: this runs for most community suffixes of a page."""
    body_after = text.startswith(_BODY_WORDS, end)
    for k in range(longest, shortest - 1, -1):
        start = pos - k
        if held > start:
            continue
        if (
            _free_start(text, start)
            or (start in free.bodies and text.endswith(_partner_words(), 0, start))  # _partner_body
            or (body_after and text.startswith("的", start - 1))  # _described_body
        ) and free(start, pos, end):
            return start
    return None


def _last_end(lo: int, hi: int, places: tuple[Container[int], ...]) -> int:
    """The last position in ``range(lo, hi)`` where a place's name ends (a key of one of ``places``), else -1: a
    name starting at ``start`` holds one exactly when it is after ``start`` (one pass, not one per start tried).

    >>> _last_end(3, 8, ({4: "a"}, {6: "b"})), _last_end(3, 8, ({9: "c"},))
    (6, -1)
    """
    for e in range(hi - 1, lo - 1, -1):
        for ends in places:
            if e in ends:
                return e
    return -1


_PLACE_ENDS = ("省", "市", "州", "盟", "县", "区", "旗", "镇", "乡", "街道", "苏木")  # a place's level word ends it


def _led(text: str, start: int, end: int, owner: _Mention, towns_of: _TownsOf) -> bool:
    """Whether the name ``text[start:end]`` right after the township ``owner`` opens with a preposition, no part
    of it (``place_not_community.tsv``, ``lead``): the rest is listed under the township, or the preposition's
    closing word follows (以某社区为试点)."""
    closing = _leads().get(text[start])
    if closing is None:
        return False
    return bool(closing and text.startswith(closing, end)) or (
        owner.division is not None and owner.division in towns_of(text[start + 1 : end])
    )


@cache
def _leads() -> dict[str, str]:
    """Prepositions that may open the text after a township -> their closing word ('' for none)."""
    return {row[0]: row[2] if len(row) > 2 else "" for row in read_table("place_not_community.tsv") if row[1:2] == ["lead"]}


def _township_listing(gz: Gazetteer, owner: _Mention, name: str, towns_of: _TownsOf) -> _Mention:
    """A county ``owner`` written right before the community ``name``, or the one township of it whose listing
    holds the community (天宁区某某社区: that township's)."""
    d = owner.division
    if d is None or owner.township is not None or gz.divisions[d].level != "county":  # not a township as written
        return owner
    under = {t for t in towns_of(name) if gz.divisions[t].parent == d}
    if len(under) != 1:
        return owner
    t = under.pop()
    return _Mention(0, 0, "", t, candidates=(t,))


def _listed_owner(gz: Gazetteer, towns: list[int], mentioned: set[int]) -> _Mention | None:
    """The township (or county) of a community the gazetteer lists under ``towns``, if the document tells which."""
    named = [t for t in towns if t in mentioned]
    if len(named) == 1 or len(set(towns)) == 1:
        t = (named or towns)[0]
        return _Mention(0, 0, "", t, candidates=(t,))
    counties_of = {gz.county_of(t) for t in towns}
    c = counties_of.pop() if len(counties_of) == 1 else None
    return _Mention(0, 0, "", c, candidates=(c,)) if c is not None else None


@cache
def _where_words() -> tuple[str, ...]:
    """Words saying the place after them is where the event happened, alone or before a word referring back to
    the page's place (前往该县某某乡: ``place_where_words.tsv``, kinds ``where`` and ``reference``)."""
    where = words_of("place_where_words.tsv", "where")
    return where + tuple(w + r for w in where for r in words_of("place_where_words.tsv", "reference"))


@cache
def _where_ends() -> WordEnds:
    """Whether a where-word (:func:`_where_words`) ends at a position: a set lookup, not 266 comparisons."""
    return WordEnds(_where_words())


@cache
def _opening_ends() -> WordEnds:
    """Whether a word of :func:`_opening_words` ends at a position."""
    return WordEnds(_opening_words())


@cache
def _venue_or_kind_ends() -> WordEnds:
    """Whether a where-word proper or a kind of village (:func:`_venue_words`, :func:`_kind_words`) ends at a position."""
    return WordEnds(_venue_words() + _kind_words())


@cache
def _sites() -> tuple[str, ...]:
    """Words after a place naming a site in it, though they start like a body's name (市委党校: ``place_where_words.tsv``,
    kind ``site``)."""
    return words_of("place_where_words.tsv", "site")


def _not_venue() -> tuple[str, ...]:
    """Words after a place that make it a body or an owner rather than a venue (``place_where_words.tsv``)."""
    return words_of("place_where_words.tsv", "not_venue")


def _after_where(text: str, mentions: list[_Mention], i: int) -> bool:
    """Whether a where-word comes right before the mention or its group of names (到贵溪河潭镇丰田村)."""
    group = _adjacent(mentions, i)
    return _where_ends()(text, group[0].start)


def _free_start(text: str, start: int) -> bool:
    """Whether a name may start at ``start`` on its own: at the text's start, after a punctuation mark or a space,
    after a date (2019年开元社区), a where-word, a time word (近日开元社区) or a kind of village (驻点村某村)."""
    if start == 0:
        return True
    prev = text[start - 1]
    if not ("\u4e00" <= prev <= "\u9fff"):
        return not prev.isalnum()
    opening_lasts, time_lasts = _last_chars()  # most characters end no word: the look-ups are not called there
    if prev in opening_lasts and _opening_ends()(text, start):
        return True
    if prev not in _DATE_ENDS:  # a time of day between the date and the name: 12月23日下午新里村
        if prev not in time_lasts:  # first_ending would find none
            return False
        word = first_ending(text, _times_of_day(), start)
        if word is None:
            return False
        start -= len(word)
        if text[start - 1 : start] not in _DATE_ENDS:
            return False
    # _DATE_BEFORE ends at ``start`` (the character before it is no line break): on one of 年月日号份
    return bool(_DATE_BEFORE.search(text, max(0, start - 8), start))


def _stands_alone(text: str, start: int, end: int, free: _FreeNames) -> bool:
    """Whether a community's name may start at ``start`` on its own (its suffix ending at ``end``): after a boundary
    or a where-word (:func:`_free_start`), a partner word before a body (:func:`_partner_body`) or a description
    (:func:`_described_body`)."""
    return _free_start(text, start) or _partner_body(text, start, free) or _described_body(text, start, end)


def _described_body(text: str, start: int, end: int) -> bool:
    """Whether a community's name starting at ``start`` follows a description ending in 的 and opens a body or its
    center right after its suffix ending at ``end`` (共建的某社区党群服务中心, 新成立的某村党支部)."""
    return text.startswith("的", start - 1) and text.startswith(_BODY_WORDS, end)


def _partner_body(text: str, start: int, free: _FreeNames) -> bool:
    """Whether a body's name, read by the organization finder, starts at ``start`` right after a partner word:
    ``区人大机关党委与中兴社区党委联合开展``, ``携手文汇苑社区党总支``."""
    return start in free.bodies and text.endswith(_partner_words(), 0, start)


def _partner_words() -> tuple[str, ...]:
    """Words joining a partner body (``place_where_words.tsv``, kind ``partner``)."""
    return words_of("place_where_words.tsv", "partner")


@cache
def _opening_words() -> tuple[str, ...]:
    """Where-words, time words, kinds of villages, verbs taking a place as object and the page's own voice (我们):
    a name may stand on its own after one."""
    return (
        _where_words() + _time_words() + words_of("place_where_words.tsv", "object_verb")
        + _speaker_words()
    )


@cache
def _speaker_words() -> tuple[str, ...]:
    """The page's own voice before its body's name (我们: ``place_where_words.tsv``, kind ``speaker``)."""
    return words_of("place_where_words.tsv", "speaker")


@cache
def _time_words() -> tuple[str, ...]:
    """Time words, and kinds of villages put before a name (驻点村某某村), after which a name may stand on its
    own (``place_where_words.tsv``, kinds ``time_word`` and ``title_word``)."""
    return words_of("place_where_words.tsv", "time_word") + words_of("place_where_words.tsv", "title_word")


@cache
def _last_chars() -> tuple[frozenset[str], frozenset[str]]:
    """The last characters of :func:`_opening_words` and of :func:`_times_of_day`: one of them ends only there."""
    return frozenset(w[-1] for w in _opening_words()), frozenset(w[-1] for w in _times_of_day())


def _times_of_day() -> tuple[str, ...]:
    """Times of day that may stand between a date and a name (``place_where_words.tsv``, kind ``time_of_day``)."""
    return words_of("place_where_words.tsv", "time_of_day")


_DATE_BEFORE = rx.compile(r"\d(?:年|月|日|号|月份)$")
_DATE_ENDS = frozenset("年月日号份")


@cache
def _free_stops() -> re.Pattern[str]:
    """Words that cannot be part of a name standing on its own (``place_free_name_stops.tsv``)."""
    return rx.compile("|".join(re.escape(row[0]) for row in read_table("place_free_name_stops.tsv")))


@lru_cache(maxsize=1 << 16)
def _free_name(core: str) -> bool:
    """Whether ``core`` can be the name of a community, village or township standing on its own.

    >>> _free_name("鸿翔"), _free_name("各"), _free_name("党员进"), _free_name("贺兰山路")
    (True, False, False, True)
    """
    return len(core) >= 2 and _is_name(core) and not _free_stops().search(core)


@lru_cache(maxsize=1 << 16)
def _name_reach(before: str) -> int:
    """The most characters at the end of ``before`` that can lie in a community's name (0 to 6).

    A longer core holds every shorter one, so the names that may end there are the cores of 1 to this length.

    >>> _name_reach("在明晶巷"), _name_reach("41个"), _name_reach("党组织"), _name_reach("")  # 在…, 组织 are no name
    (3, 0, 1, 0)
    """
    k = 0
    while k < len(before) and _core_chars(before[len(before) - k - 1 :]):
        k += 1
    return k


@cache
def _not_in_name() -> re.Pattern[str]:
    """Words that cannot be part of a community or village name (``place_not_community.tsv``)."""
    rows = read_table("place_not_community.tsv")
    return rx.compile("|".join(re.escape(row[0]) for row in rows if row[1:2] in ([], ["any"])))


@cache
def _edge_stops() -> tuple[str, ...]:
    """Words that cannot open or close a community or village name (``place_not_community.tsv``, ``edge`` and
    ``compound``)."""
    return tuple(row[0] for row in read_table("place_not_community.tsv") if row[1:2] in (["edge"], ["compound"]))


@cache
def _county_town_re() -> re.Pattern[str]:
    """A county's seat named without its county (``place_where_words.tsv``, ``county_town``): after a where-word
    other than 在 (到县城), or with 内 after it (县城内); not 县城关镇 (a township's name) nor 县城区."""
    towns = "|".join(map(re.escape, words_of("place_where_words.tsv", "county_town")))
    where = "|".join(re.escape(w) for w in sorted(words_of("place_where_words.tsv", "where"), key=len, reverse=True) if w != "在")
    return rx.compile(rf"(?:(?:{where})(?:{towns})内?|(?:{towns})内)(?![关乡镇区])")


def _county_town(gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], m: _Mention) -> _Mention | None:
    """The county of a township, community or village ``m`` the event is run by, when its lead sentence says it
    happened in the county's seat (某镇组织党员到县城参观, 在县城内开展清扫) and names no place right after the
    seat; else None."""
    if m.division is None or _LEVEL_RANK[_level(gz, m)] < _LEVEL_RANK["township"]:
        return None
    seat = _county_town_re().search(text, ev.start, _first_sentence_end(text, ev))
    if seat is None or any(k.start == seat.end() for k in inside):
        return None
    county = gz.county_of(m.division)
    if county is None or county == m.division or not gz.divisions[county].name.endswith("县"):
        return None
    return _Mention(seat.start(), seat.end(), "", county, candidates=(county,))


@cache
def _compound_re() -> re.Pattern[str]:
    """A compound's kind (家属楼, ``place_not_community.tsv``, ``compound``) right before 社区 or 居委会."""
    words = [row[0] for row in read_table("place_not_community.tsv") if row[1:2] == ["compound"]]
    return rx.compile(f"(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?:社区|居委会)")


def _title_community(
    gz: Gazetteer, text: str, ev: Event, title_text: str, title: list[Match], choice: Mapping[str, int | None], m: _Mention | None
) -> _Mention | None:
    """The community the title names right after its county or township (某区某某社区：…), for an event that calls
    a compound (某单位家属楼社区: ``_compound_re``) a community and names none of its own: the compound lies in
    that community. It goes under the event's township when that lies in the title's county, else under the
    township of the county that lists it, else under the title's place; None when the title names no community."""
    if not title or (m is not None and _LEVEL_RANK[_level(gz, m)] > _LEVEL_RANK["township"]):
        return None  # no title name, no community after one: the event's text need not be searched
    if _compound_re().search(text, ev.start, ev.end) is None:
        return None
    for t in title:
        d = choice.get(t.surface)
        if d is None or gz.divisions[d].level not in ("county", "township"):
            continue
        c = _TITLE_COMMUNITY.match(title_text, t.end)
        if c is None or not c.group().endswith(("社区", "居委会")):
            continue
        name = c.group()
        if not _is_name(name[: -2 if name.endswith("社区") else -3]):
            continue
        if m is not None and m.division is not None and gz.divisions[m.division].level == "township" and (
            d == m.division or gz.county_of(m.division) == d
        ):
            d = m.division
        elif gz.divisions[d].level == "county" and len(towns := _listing(gz.villages(d), name)) == 1:
            d = towns[0]
        return _Mention(-1, -1, "", d, community=name, candidates=(d,))
    return None


def _core_chars(core: str) -> bool:
    """Whether ``core`` may lie inside a community's name: what every longer name ending with it needs."""
    return (
        bool(_NAME_CHARS.fullmatch(core))
        and not _not_in_name().search(core)
        and not any(core.find(w, 1) >= 0 for w in _open_words())
    )


@cache
def _open_words() -> tuple[str, ...]:
    """Words that may open a community or village name only (和平社区: ``place_not_community.tsv``, ``open``)."""
    return tuple(row[0] for row in read_table("place_not_community.tsv") if row[1:2] == ["open"])


def _is_name(core: str) -> bool:
    """Whether ``core`` can be a community's name before 社区/村.

    >>> _is_name("明晶巷"), _is_name("组织"), _is_name("41个"), _is_name("和平"), _is_name("甲和乙"), _is_name("祥和")
    (True, False, False, True, False, False)
    """
    edges = _edge_stops()
    return (
        _core_chars(core) and not core.startswith(edges) and not core.endswith(edges) and not core.endswith(_open_words())
    )


def _listed(
    gz: Gazetteer, text: str, mentions: list[_Mention], lists: list[tuple[_Mention, ...]] | None = None
) -> dict[int, tuple[_Mention, ...]]:
    """Places named in a list with others -> the list's members: none of them is the locality.

    Communities before or after another one (``甲社区、乙社区等``, ``城东区东兴社区、大通县小石山社区``) or
    before 等 (``某县某镇李家村等地``: each name of it), alone when the others are no mention; places of one level joined by list marks
    (``甲乡、乙乡和丙乡``, ``甲镇甲社区、乙乡乙社区``), with every member. ``lists``: :func:`_mention_lists` of
    ``mentions`` when already known.
    """
    out: dict[int, tuple[_Mention, ...]] = {}
    for i, m in enumerate(mentions):
        if text.startswith("等", m.end) and (i + 1 == len(mentions) or mentions[i + 1].start != m.end):
            for g in _adjacent(mentions, i):  # 同心县石狮镇李家村等地: the whole name is one of several venues
                out.setdefault(g.start, (g,))
            continue
        if m.community is None:
            continue
        first = _adjacent(mentions, i)[0].start  # 、大通县小石山社区: the list mark comes before the county
        if _LIST_NEXT.match(text, m.end) or (
            first > 0 and text[first - 1] in _LIST_MARKS and _LIST_PREV.search(text, max(0, first - 4), first - 1)
        ):
            out[m.start] = (m,)
    for members in _mention_lists(gz, text, mentions) if lists is None else lists:
        for m in members:
            out[m.start] = members
    return out


_LIST_MARKS = "、和及与"
_SUBLIST_MARKS = (";", "；")  # between the parts of a list, each part one township's (甲镇甲村、乙村;乙镇丙村)
_PAIR_MARKS = ("与", "和")  # joining the organizer to a partner (某社区与某社区共同举办, 某社区和某村联合), not listing venues


def _mention_lists(gz: Gazetteer, text: str, mentions: list[_Mention]) -> list[tuple[_Mention, ...]]:
    """Runs of place names of one level joined by list marks (``甲乡、乙乡和丙乡``), each name the last of
    its group of adjacent names (``甲镇甲社区、乙乡乙社区``: the two communities)."""
    runs: list[list[_Mention]] = []
    run: list[_Mention] = []
    prev: _Mention | None = None  # the last name of the previous group
    n = len(mentions)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and mentions[j].end == mentions[j + 1].start:
            j += 1
        if prev is not None and mentions[i].start == prev.end + 1 and text[prev.end] in _LIST_MARKS:
            run.append(mentions[j])
        else:
            if len(run) > 1:
                runs.append(run)
            run = [mentions[j]]
        prev = mentions[j]
        i = j + 1
    if len(run) > 1:
        runs.append(run)
    return [tuple(r) for r in runs if len({_LEVEL_RANK[_level(gz, m)] for m in r}) == 1]


def _list_townships(
    gz: Gazetteer, text: str, mentions: list[_Mention], lists: list[tuple[_Mention, ...]] | None = None
) -> list[_Mention]:
    """``mentions`` with the villages and communities of a list opened by a township (到某镇甲村、乙村和丙村)
    that no place holds placed under that township: it is written once for the whole list. Not when the list is
    one part of a longer one (甲镇甲村、乙村;乙镇丙村: several townships' venues). ``lists``: :func:`_mention_lists`
    of ``mentions`` when already known."""
    out = mentions
    for run in _mention_lists(gz, text, mentions) if lists is None else lists:
        first = run[0]
        if first.community is None or all(m.division is not None or m.candidates for m in run[1:]):
            continue
        if text.startswith(_SUBLIST_MARKS, run[-1].end):  # 甲镇甲村、乙村;乙镇丙村: one township's part of a longer list
            continue
        i = out.index(first)
        t = out[i - 1] if i else None
        if t is None or t.end != first.start or t.community is not None or _level(gz, t) != "township":
            continue
        if (t.division is None and t.township is None) or (first.division, first.township) != (t.division, t.township):
            continue
        if out is mentions:
            out = list(mentions)
        for m in run[1:]:
            if m.community is not None and m.division is None and not m.candidates:
                out[out.index(m)] = m._replace(division=t.division, candidates=t.candidates, township=t.township)
    return out


def _relisted(
    lists: list[tuple[_Mention, ...]], before: list[_Mention], after: list[_Mention]
) -> list[tuple[_Mention, ...]]:
    """``lists`` (runs of ``before``) with each member replaced by the mention at its index in ``after``: what
    :func:`_mention_lists` finds in ``after`` when it differs from ``before`` only by mentions placed in place
    (:func:`_list_townships` changes no span and no level)."""
    new = {id(a): b for a, b in zip(before, after, strict=True) if a is not b}
    return [tuple(new.get(id(m), m) for m in run) for run in lists]


def _shared_place(gz: Gazetteer, members: tuple[_Mention, ...]) -> _Mention | None:
    """The lowest division below the province holding every listed place (甲乡、乙乡: their county), as a
    mention with no span of its own; None when a member is unresolved or they share a province at most."""
    if len(members) < 2 or any(m.division is None for m in members):
        return None
    chains = [gz.ancestors(m.division) for m in members if m.division is not None]
    shared = None
    for ids in zip(*chains, strict=False):
        if any(d != ids[0] for d in ids):
            break
        shared = ids[0]
    if shared is None or gz.divisions[shared].level == "province":
        return None
    return _Mention(members[0].start, members[-1].end, "", shared, candidates=(shared,))


# another community after this one (、乙社区; 、大通县小石山社区), or one just before it
_LIST_NEXT = rx.compile(r"[、和及与][\u4e00-\u9fff]{1,12}?(?:社区|居委会|居民区|嘎查|村)(?![民委干级])")
_LIST_PREV = rx.compile(r"(?:社区|居委会|居民区|嘎查|村)$")


def _locality(
    gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], listed: Mapping[int, tuple[_Mention, ...]],
    page_places: Container[int] = (), home: _Home | None = None,
) -> _Mention | None:
    """Where it happened when the first sentence says so, else the organizer's or the first named place."""
    if not inside:
        return None
    first_end = _first_sentence_end(text, ev)
    base = _event_mention(gz, text, ev, inside, listed)
    org = ev.organization
    by_org = (
        base is not None
        and org is not None
        and org.start is not None
        and org.end is not None
        and any(org.start <= m.start and m.end <= org.end for m in inside)
    )
    if not by_org and base is not None and base.community is None and (own := _own_voice(text, inside)) is not None:
        base = own  # 为实现某市…目标。…我们某社区居委会…: the narrator's community, not a city named in passing
    if by_org and base is not None and org is not None:  # 天津和平区小白楼街不断…: the name runs on past the body's
        for i, m in enumerate(inside):
            if m.start == org.end and m.start not in listed and _strictly_under(gz, m, base):
                base = [g for g in _adjacent(inside, i) if g.start >= m.start and g.start not in listed][-1]
                break
    if base is not None and _quoted(text, base.start):  # “某某省监测对象申报小程序”: a name, not the place
        plain = next((i for i, m in enumerate(inside) if not _quoted(text, m.start)), None)
        if plain is not None:
            base, by_org = _adjacent(inside, plain)[-1], False
    if base is not None and (lead := _lead_place(text, ev, inside, listed, base, first_end)) is not None:
        base, by_org = lead, False  # 某村老党员说。1月5日,某镇组织…: the dated sentence's own place
    if by_org and base is not None and org is not None and org.start is not None and org.end is not None:
        named = [m for m in inside if org.start <= m.start and m.end <= org.end]
        if not _is_place_itself(org.start, org.end, named) and _level(gz, base) == "township":
            # a township's office working in a community of it named in the lead sentence: that community
            base = _worked_in(gz, text, inside, listed, base, org.end, first_end) or base
    if by_org and base is not None and org is not None and (shared := _worked_in_list(gz, text, ev, inside, listed, base, first_end)):
        base, by_org = shared, False  # 某县某局对某镇甲村、乙村进行督查: the township the listed villages share
    where = _where_mention(gz, text, inside, first_end, listed)
    if where is None and base is not None and base.community is None:
        where = _site_community(gz, text, inside, listed, base, first_end)  # 某街“某品牌”某社区党群服务中心揭牌
    if where is None and base is not None and base.community is None and not _wide_place_acting(gz, ev, inside, base):
        where = _later_venue(gz, text, inside, listed, base, first_end)  # 某镇开展植树活动。在某镇某村植树现场,…
    if where is not None and (
        base is None
        or not (_strictly_under(gz, base, where) or (by_org and _unplaced_runner_in(gz, base, where, home)))
        or (not where.surface and not _holds_venue(gz, base, where, inside) and not _named_runner(base, where, page_places))
    ):
        base, by_org = where, False  # a place the venues share (赴甲镇某村、乙乡某村) wins over the organizer's own
    if base is None or not base.surface:  # none, or the place several listed venues share
        return base
    if base.start in listed:  # one of several places: the one they share, or their township named before them
        members = listed[base.start]
        if by_org and members[0] is base and text.startswith(_PAIR_MARKS, base.end):
            return base  # 某镇某社区与某社区携手: the organizer's own place; its partner's only named
        # venues (the organizer's own place listed with a partner's, 某社区与某社区联合开展, stays its own)
        if not by_org and len(members) > 1 and all(m.division is not None for m in members):
            return _shared_place(gz, members)  # none when they share no county or prefecture: the document's place
        group = _adjacent(inside, inside.index(base))
        i = group.index(base)
        if i > 0:
            return group[i - 1]
        if not by_org and base.community is not None and (d := base.division) is not None:  # where it is listed
            return _Mention(base.start, base.end, "", d, candidates=(d,), township=base.township)
        return base
    if not by_org and base.community is None and base.division is not None:
        # a place named first, a place inside it named later in the sentence (唐山…联合路南区广场街道燕南社区):
        # the more specific one
        for i, m in enumerate(inside):
            if m.start >= first_end:
                break
            if m.start >= base.end and m.start not in listed and (
                _strictly_under(gz, m, base) or _venue_of_township(gz, text, m, base)
            ):
                group = [g for g in _adjacent(inside, i) if g.start >= m.start and g.start not in listed]
                if text.startswith(_person_words(), group[-1].end):  # 在某县某采集点,某村村民某某…: a person's home
                    continue
                if _venue_series(text, inside, inside.index(group[-1]) + 1, first_end):
                    return base  # one of several venues (慰问了甲村某某,乙村某某): the place named first
                return group[-1]
    return base


def _unplaced_runner_in(gz: Gazetteer, base: _Mention, where: _Mention, home: _Home | None) -> bool:
    """Whether ``base``, the organizer's community the gazetteer cannot place, lies in ``where``, a county or city
    the event went to (某社区组织党员到某县烈士陵园): only when something other than the venue itself names the page's
    home inside ``where`` (the title, or another sentence); the venue's name alone says nothing of the community's."""
    if base.community is None or base.division is not None or base.candidates or base.township is not None:
        return False
    if where.division is None or where.community is not None or _LEVEL_RANK[_level(gz, where)] > _LEVEL_RANK["county"]:
        return False
    if home is None or (d := home.mention.division) is None or (home.source == "document" and home.mention.start == where.start):
        return False
    return d == where.division or where.division in gz.ancestors(d)


def _named_runner(base: _Mention, shared: _Mention, page_places: Container[int]) -> bool:
    """Whether ``base``, a place the text names before the venues, stays over ``shared``, the place the venues
    share, which the page never names (甲乡组织…赴乙镇某村、丙乡某村: 甲乡, not the county the gazetteer puts all
    three in); a shared place the page names (某县…赴乙镇、丙乡) or a body with no place name of its own (县委组织部
    赴乙镇、丙乡) leaves the shared place."""
    return bool(base.surface) and base.end <= shared.start and shared.division not in page_places


def _venue_of_township(gz: Gazetteer, text: str, m: _Mention, base: _Mention) -> bool:
    """Whether ``m`` is a community or village no place holds, named after a where-word later in the sentence that
    named the township ``base`` (来到某镇,在某村调研): a venue in that township."""
    return (
        m.community is not None
        and m.division is None
        and not m.candidates
        and _level(gz, base) == "township"
        and _where_ends()(text, m.start)
    )


def _whole_township(gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], m: _Mention) -> _Mention:
    """The township of the community ``m`` when the undated paragraph opens with the whole township as its
    subject, the community one example: a word for it (全街, 该街: ``place_self_words.tsv``, level ``township``) or
    its name alone at a clause start, before the community in its paragraph (该街坚持…,以某社区为试点…); not a
    township written right before its community (该镇某村党支部…), nor a community after a where-word; else ``m``."""
    d = m.division
    towns = (d,) if d is not None else m.candidates
    if not towns or any(gz.divisions[t].level != "township" for t in towns):
        towns = ()
    if (not towns and m.township is None) or _venue(text, inside, m):
        return m
    lo = max(ev.start, text.rfind("\n", ev.start, m.start) + 1)
    for word, level in _self_words():
        i = text.find(word, lo, m.start) if level == "township" else -1
        if i >= 0 and i + len(word) != m.start:
            break
    else:
        if not any(
            lo <= t.start < m.start and t.community is None and _free_start(text, t.start)
            and (
                (towns and (t.candidates == towns or (t.division is not None and (t.division,) == towns)))
                or (m.township is not None and m.township in (t.township, t.surface))
            )
            and inside[i + 1].start != t.end  # the community's own township right before it: 某街道某社区
            for i, t in enumerate(inside[:-1])
        ):
            return m
    if towns:
        return _Mention(m.start, m.end, "", d, candidates=towns, township=m.township if d is None else None)
    return _Mention(m.start, m.end, m.township or "", d, candidates=m.candidates, township=m.township)


def _title_township(
    gz: Gazetteer, text: str, inside: list[_Mention], title_text: str, title: list[Match], m: _Mention
) -> _Mention:
    """The township of the community ``m`` when the title opens with that township acting (某街完善…制度, not a
    label: 某街道：…) and names no community: an undated paragraph of the page is an overview of the township's
    work, the community one example of it, unless the community follows a where-word; else ``m``."""
    if m.community is None or m.division is None or not title or title[0].start != 0 or m.community in title_text:
        return m
    group = [title[0]]
    for t in title[1:]:
        if t.start != group[-1].end:
            break
        group.append(t)
    end = group[-1].end
    if m.division not in group[-1].candidates or gz.divisions[m.division].level != "township":
        return m
    if end >= len(title_text) or not "\u4e00" <= title_text[end] <= "\u9fff" or _venue(text, inside, m):
        return m
    return _Mention(m.start, m.end, "", m.division, candidates=(m.division,), township=m.township)


@cache
def _recent_words() -> tuple[str, ...]:
    """Date words for a few days back (近日, 日前: unit ``recent`` of ``date_relative.tsv``): an event dated so reports
    one activity (近日, 近日上午), not an overview of a place's work."""
    return tuple(row[0] for row in read_table("date_relative.tsv") if len(row) > 2 and row[2] == "recent")


def _own_voice(text: str, inside: list[_Mention]) -> _Mention | None:
    """The community or village the page names in its own voice (我们某社区: ``speaker`` words), if any."""
    return next((m for m in inside if m.community is not None and text.endswith(_speaker_words(), 0, m.start)), None)


def _example_of(gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], m: _Mention) -> _Mention:
    """In an undated paragraph, the place holding the community ``m`` that a later clause opens with, acting itself
    (…,某区持续推进网格化治理: a body the organization finder read is that place alone; not 某区文明办), when ``m``
    is named only as a person's post (某社区居委会网格员某某: the ``title`` words of ``place_where_words.tsv``, after
    the community's body if any): the occasion is the wider place's, the person one example of it; else ``m``."""
    end = m.end
    body = first_starting(text, _BODY_WORDS, end) or ""
    if m.community is None or not text.startswith(_title_words(), end + len(body)):
        return m
    acting = {(o.start, o.end) for o in (ev.organization, *ev.organizations) if o is not None}
    for i, n in enumerate(inside):
        if n.start > end and n.community is None and _free_start(text, n.start) and _strictly_under(gz, m, n):
            group = [g for g in _adjacent(inside, i) if g.start >= n.start]
            if (n.start, group[-1].end) in acting:
                return group[-1]
    return m


@cache
def _title_words() -> tuple[str, ...]:
    """A person's post after a community or village (网格员, 书记: ``place_where_words.tsv``, kind ``title``)."""
    return words_of("place_where_words.tsv", "title")


def _lead_place(
    text: str, ev: Event, inside: list[_Mention], listed: Container[int], base: _Mention, first_end: int
) -> _Mention | None:
    """The place opening a clause of the dated sentence (its subject: 3月5日,某镇组织…), when the one chosen lies
    before that sentence (a quotation's speaker, a preamble): the deepest of its group of adjacent names."""
    d = ev.date.start
    if d is None or not ev.start <= d < ev.end or base.end > d:
        return None
    lead = max(ev.start, *(text.rfind(c, ev.start, d) + 1 for c in "。！？!?\n"))
    if base.end > lead:
        return None
    for i, m in enumerate(inside):
        if m.start >= first_end:
            break
        if m.start >= lead and m.start not in listed and not _quoted(text, m.start):
            if not _free_start(text, m.start):  # 某社区…。3月5日,志愿者参加某市马拉松: a place in passing
                return None
            return [g for g in _adjacent(inside, i) if g.start >= m.start][-1]
    return None


def _worked_in_list(
    gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], listed: Mapping[int, tuple[_Mention, ...]],
    base: _Mention, first_end: int,
) -> _Mention | None:
    """The place shared by the first list of communities or villages in the lead sentence (甲村、乙村) that lies
    inside the organizer's own place ``base``, a county or above whose body (not the place itself: 某县某局) works
    there, in the organizer's own clause (某局对某镇甲村、乙村进行督查), unless the list names bodies or speakers
    (甲村、乙村党支部书记, 甲村、乙村作交流发言); None else."""
    org = ev.organization
    if org is None or org.start is None or org.end is None or base.community is not None or base.division is None:
        return None
    if _LEVEL_RANK[_level(gz, base)] > _LEVEL_RANK["county"]:
        return None
    if _is_place_itself(org.start, org.end, [m for m in inside if org.start <= m.start and m.end <= org.end]):
        return None
    for m in inside:
        if m.start >= first_end:
            return None
        if m.community is not None and m.start >= org.end and len(members := listed.get(m.start, ())) > 1:
            if text.startswith(_role_words(), members[-1].end):  # 甲村、乙村作交流发言: bodies or speakers, no venues
                return None
            if any(c in text[org.end : members[0].start] for c in _CLAUSE_MARKS):  # 某局召开会议,表彰甲村、乙村
                return None
            shared = _shared_place(gz, members)
            return shared if shared is not None and _strictly_under(gz, shared, base) else None
    return None


def _worked_in(
    gz: Gazetteer, text: str, inside: list[_Mention], listed: Container[int], base: _Mention, lo: int, hi: int
) -> _Mention | None:
    """The one community or village inside ``base`` named in ``text[lo:hi]`` as a place rather than a body or a
    title (某社区居民, 某村慰问; not 某村党支部, 某村书记: the ``role`` and ``not_venue`` words), if there is one."""
    stops = _role_words()
    found = [
        m for m in inside
        if lo <= m.start < hi and m.community is not None and m.start not in listed
        and _strictly_under(gz, m, base) and not text.startswith(stops, m.end)
    ]
    return found[0] if found and len({m.community for m in found}) == 1 else None


def _person_words() -> tuple[str, ...]:
    """Words for the people of a place (村民, 居民): a place before one says where a person is from, not where
    the event named before it happened (``place_where_words.tsv``, kind ``person``)."""
    return words_of("place_where_words.tsv", "person")


@cache
def _role_words() -> tuple[str, ...]:
    """Words after a community or village that make it a body or a person's title (``place_where_words.tsv``,
    kinds ``role`` and ``not_venue``)."""
    return words_of("place_where_words.tsv", "role") + _not_venue()


def _holds_venue(gz: Gazetteer, base: _Mention, shared: _Mention, inside: list[_Mention]) -> bool:
    """Whether the organizer's own place ``base`` holds one of the venues whose shared place is ``shared``."""
    return any(
        shared.start <= m.start < shared.end and (m.division == base.division or _strictly_under(gz, m, base))
        for m in inside
        if m is not base
    )


_QUOTE_REACH = 40  # how far back an opening quotation mark or 《 is looked for
_OPENERS, _CLOSERS = "“《「", "”》」"


def _quoted(text: str, start: int) -> bool:
    """Whether the name at ``start`` stands inside a quotation or a 《》 title (“某某省防返贫监测小程序”).

    >>> _quoted("宣传“江西省监测小程序”", 3), _quoted("到江西省“红色之旅”", 1)
    (True, False)
    """
    lo = max(0, start - _QUOTE_REACH)
    for opener, closer in zip(_OPENERS, _CLOSERS, strict=True):
        o = text.rfind(opener, lo, start)
        if o >= 0 and text.find(closer, o, start) < 0:
            return True
    return False


@cache
def _where_township() -> re.Pattern[str]:
    """A where-word, then a township's name as written (到七河乡开展; a subdistrict's office, 到某某办事处: that
    subdistrict, named as written; 某某街道办事处 is 某某街道)."""
    words = "|".join(re.escape(w) for w in sorted(_where_words(), key=len, reverse=True))
    return rx.compile(rf"(?:{words})([\u4e00-\u9fff]{{2,3}}?(?:街道|镇|乡|{_OFFICE}))(?!镇|村|街|长|党|政府|干部|级|里|亲|土|贤|情)")


_OFFICE = "办事处"  # a subdistrict's office, also written with the subdistrict's core alone (某某办事处)


@cache
def _office_not() -> tuple[str, ...]:
    """Words that make a name before 办事处 some body's office (``place_short_context.tsv``, ``office_not``)."""
    return words_of("place_short_context.tsv", "office_not")


def _written_township(gz: Gazetteer, text: str, ev: Event) -> _Mention | None:
    """A township the gazetteer lacks, written after a where-word in the event's first sentence and not one of a
    list: the place it happened, as written (its chain from the document's county, :func:`_inherit`)."""
    for m in _where_township().finditer(text, ev.start, _first_sentence_end(text, ev)):
        name = m.group(1)
        if text[m.end(1) : m.end(1) + 1] in _LIST_MARKS:  # 到甲乡、乙乡调研: several venues
            return None
        core = name[:-2] if name.endswith("街道") else name.removesuffix(_OFFICE) if name.endswith(_OFFICE) else name[:-1]
        if name.endswith(_OFFICE) and any(w in core for w in _office_not()):
            continue  # 到街道办事处, 到公司办事处: some body's office, no subdistrict's name
        if _free_name(core) and not gz.find(name):
            return _Mention(m.start(1), m.end(1), name, None, township=name)
    return None


def _first_sentence_end(text: str, ev: Event) -> int:
    """End of the event's lead sentence: the one holding its date expression, else the one holding its organizer
    (a preamble before it: 为抢抓农时…。近期,某村组织党员来到…), else its first."""
    d = ev.date.start
    if d is None or not ev.start <= d < ev.end:
        org = ev.organization
        d = org.start if org is not None else None
    begin = d if d is not None and ev.start <= d < ev.end else ev.start
    if text.startswith("“", begin) and (close := text.find("”", begin, ev.end)) > 0:  # a quotation opens it
        begin = close + 1
    m = _SENTENCE_END.search(text, begin, ev.end)
    e = ev.date.end
    if m and m.group() == "\n" and begin == ev.date.start and e is not None and not text[e : m.start()].strip(_DATE_LINE_REST):
        m = _SENTENCE_END.search(text, m.end(), ev.end)  # a bulletin's date line (6月5日⏎某乡组织…): the entry's first
    return m.end() if m else ev.end


_DATE_LINE_REST = " \t,，:：、\u3000"  # what may follow a date on a line of its own


def _where_mention(
    gz: Gazetteer, text: str, inside: list[_Mention], first_end: int, listed: Mapping[int, tuple[_Mention, ...]]
) -> _Mention | None:
    """The deepest of the group of names right after a where-word (来到, 赴, 在…) in the first sentence; for a list
    of venues (到甲乡、乙乡), the place they share."""
    where_ends = _where_ends()
    for i, m in enumerate(inside):
        if m.start >= first_end:
            return None
        if (
            (where_ends(text, m.start) or _located_after_where(text, m.start) or _described_venue(text, inside, i))
            and (i == 0 or inside[i - 1].end != m.start)
            and not _quoted(text, m.start)  # 开展“走进某某镇”主题活动: a theme's words, no venue
            and not _moved_to(text, m.start)
        ):
            group = [g for g in _adjacent(inside, i) if g.start >= m.start]
            end = group[-1].end
            if (located := _located_at(text, inside, end)) is not None:  # 在某镇设立于某市的驿站: the second place
                group, end = located, located[-1].end
            elif (
                text.startswith(_not_venue(), end) and not text.startswith(_sites(), end) and not _site_of(text, end)
            ):  # 在黄陂区委的指导下: a body
                continue
            if any(g.start in listed for g in group):  # 走进福民社区、幸福社区: several venues, none is the locality
                last = listed.get(group[-1].start)
                if (
                    last is not None and len(last) == 1 and len(group) > 1 and group[-1].community is not None
                    and text.startswith(tuple(_LIST_MARKS), group[-1].end)
                ):
                    return group[-2]  # 深入某镇甲村和乙村 (乙村 no mention): the place named before the list
                return _shared_place(gz, last) if last is not None else None
            series = _venue_series(text, inside, inside.index(group[-1]) + 1, first_end)
            if series and (shared := _shared_place(gz, (group[-1], *series))) is not None:
                return shared  # 慰问了甲村老党员某某,乙村老党员某某: several venues
            return group[-1]
    return None


def _site_community(
    gz: Gazetteer, text: str, inside: list[_Mention], listed: Container[int], base: _Mention, first_end: int
) -> _Mention | None:
    """The community or village named later in the clause of the township ``base`` that a site of it follows
    (某街“某品牌”某社区党群服务中心揭牌仪式举行: the center lies in that community, where the event happened), placed
    under ``base`` when no place holds it; None else. Not one in a list, a quotation, after a clause mark, nor a
    community the gazetteer puts outside ``base``."""
    if _level(gz, base) != "township":
        return None
    for m in inside:
        if m.start < base.end or m.community is None:
            continue
        if m.start >= first_end or any(c in _CLAUSE_MARKS or c in "。！？\n" for c in text[base.end : m.start]):
            return None
        if m.start in listed or _quoted(text, m.start) or not _scene_after().match(text, m.end):
            continue
        if m.division is None and not m.candidates:
            return m._replace(division=base.division, candidates=base.candidates, township=base.township)
        return m if _strictly_under(gz, m, base) else None
    return None


def _wide_place_acting(gz: Gazetteer, ev: Event, inside: list[_Mention], base: _Mention) -> bool:
    """Whether the organizer is a county or a wider place itself (某区开展学雷锋活动), not one of its bodies (某区委组织部):
    its activity spans the place, and a venue a later sentence names is one example of it."""
    org = ev.organization
    if org is None or org.start is None or org.end is None or _LEVEL_RANK[_level(gz, base)] > _LEVEL_RANK["county"]:
        return False
    named = [m for m in inside if org.start <= m.start and m.end <= org.end]
    return bool(named) and _is_place_itself(org.start, org.end, named)


def _later_venue(
    gz: Gazetteer, text: str, inside: list[_Mention], listed: Container[int], base: _Mention, first_end: int
) -> _Mention | None:
    """The venue a later sentence of the lead's paragraph or the next opens with, when the lead sentence names none
    (某镇开展植树活动。在某镇某村植树现场,党员…; 随后,在某村文化广场…; 某镇某村植树现场,…: a scene there): the
    deepest of its group of names, when it lies inside ``base`` (the organizer's place, or the first named; a village
    no place holds lies in a township ``base``). Not a body (在某村党支部的带领下), another activity's time (在某村调研
    时) nor one of several, nor when the lead sentence spans many places (各村, 全乡: the venue is one example)."""
    lead = text[_sentence_start(text, first_end - 1) if first_end > 0 else 0 : first_end]
    if _several_re().search(lead):  # 穿梭在各个村、社区…。在某村,…: one example of many
        return None
    stop = text.find("\n", first_end)  # the lead's paragraph and the next one
    stop = text.find("\n", stop + 1) if stop >= 0 else -1
    stop = len(text) if stop < 0 else stop
    for i, m in enumerate(inside):
        if m.start < first_end or (i and inside[i - 1].end == m.start):
            continue
        if m.start >= stop:
            return None
        opener = text[_sentence_start(text, m.start) : m.start]
        group = [g for g in _adjacent(inside, i) if g.start >= m.start]
        last = group[-1]
        if not _LATER_WHERE.fullmatch(opener) and not (opener.strip() == "" and _scene_after().match(text, last.end)):
            continue  # 在某村…; or 某镇某村植树现场,… opening the sentence
        clause = _CLAUSE_END.search(text, last.end)
        if (
            last.start in listed
            or (text.startswith(_not_venue(), last.end) and not text.startswith("的", last.end))
            or text[last.end : clause.start() if clause else len(text)].endswith(("下", "时", "期间"))  # 在某村的带领下;
            # 在某村调研时: another activity's time, not a venue of this one
        ):
            return None
        if last.community is not None and last.division is None and not last.candidates and _level(gz, base) == "township":
            return last._replace(division=base.division, candidates=base.candidates, township=base.township)
        return last if _strictly_under(gz, last, base) else None
    return None


@cache
def _several_words() -> tuple[str, ...]:
    """Words of a lead sentence spanning many places (各村, 全乡: ``place_where_words.tsv``, kind ``several``)."""
    return words_of("place_where_words.tsv", "several")


@cache
def _several_re() -> re.Pattern[str]:
    """:func:`_several_words` as one regex: it finds one in a text exactly when ``any(w in text for w in words)``."""
    return rx.compile("|".join(map(re.escape, _several_words())) or "(?!)")


@cache
def _scene_after() -> re.Pattern[str]:
    """A scene in a place, right after its name (植树现场, 的文化广场: ``place_where_words.tsv``, kind ``scene``, after at
    most four characters naming the activity)."""
    words = "|".join(re.escape(w) for w in sorted(words_of("place_where_words.tsv", "scene"), key=len, reverse=True))
    return rx.compile(rf"的?[\u4e00-\u9fff]{{0,4}}?(?:{words})")


# the words opening a later sentence before its venue: a where-word, after a word of time if any (随后,在…)
_LATER_WHERE = rx.compile(r"(?:(?:随后|之后|当天|当日|活动中|活动当天|上午|下午|晚上)[,，]?)?(?:在|来到|走进|深入)")
_CLAUSE_END = rx.compile(r"[，,。；;！？!?\n]")


def _site_of(text: str, end: int) -> bool:
    """Whether ``的`` after a place ending at ``end`` opens a site in it (在某村的茶园里, 在某村的广场上), not the
    place's guidance or help (在某镇的带领下: a clause ending in 下)."""
    if not text.startswith("的", end):
        return False
    clause = _CLAUSE_END.search(text, end)
    return not text[end : clause.start() if clause else len(text)].endswith("下")


def _located_at(text: str, inside: list[_Mention], end: int) -> list[_Mention] | None:
    """The group of names right after a word of location that follows a venue's owner ending at ``end`` (在某镇设立于
    某市的服务站: 某市; ``place_where_words.tsv``, kind ``located``), else None."""
    word = first_starting(text, _located_words(), end)
    if word is None:
        return None
    k = next((k for k, n in enumerate(inside) if n.start == end + len(word)), None)
    return None if k is None else [g for g in _adjacent(inside, k) if g.start >= inside[k].start]


def _located_after_where(text: str, start: int) -> bool:
    """Whether a where-word and a word of location come right before ``start`` (来到位于某镇的农场: the site lies in
    某镇, where the event happened)."""
    word = first_ending(text, _located_words(), start)
    return word is not None and _where_ends()(text, start - len(word))


@cache
def _located_words() -> tuple[str, ...]:
    """Words between a site's owner and where the site lies (设立于, 位于: ``place_where_words.tsv``, ``located``)."""
    return words_of("place_where_words.tsv", "located")


def _venue(text: str, inside: list[_Mention], m: _Mention) -> bool:
    """Whether a where-word says the place ``m`` is a venue, right before it or before a short description of it
    (在某社区, 来到全县的示范村某村)."""
    i = next((k for k, n in enumerate(inside) if n.start == m.start), None)
    return _where_ends()(text, m.start) or (i is not None and _described_venue(text, inside, i))


_DESCRIPTION = 16  # the most characters describing a venue between a where-word and its kind (来到全县的示范村某村)


def _described_venue(text: str, inside: list[_Mention], i: int) -> bool:
    """Whether the name ``inside[i]`` follows a kind of village (示范村: ``title_word``) that a where-word opens a
    short description of, in one clause and naming no other place (来到全县美丽乡村示范村某村)."""
    m = inside[i]
    kind = first_ending(text, _kind_words(), m.start)
    if kind is None:
        return False
    lo = max(0, m.start - len(kind) - _DESCRIPTION, inside[i - 1].end if i else 0)
    clause = text[lo : m.start - len(kind)]
    cut = max(clause.rfind(c) for c in "，,。；;！？!?、\n")
    return _where_word_ending_from(clause, max(cut + 1, 1))


def _where_word_ending_from(clause: str, lo: int) -> bool:
    """Whether a where-word ends in ``clause`` at ``lo`` or later (one find per word, not an endswith per position)."""
    return any(clause.find(w, max(0, lo - len(w))) >= 0 for w in _where_words())


def _moved_to(text: str, start: int) -> bool:
    """Whether the where-word before ``start`` follows a word of moving (移民搬迁至某村): the place is where people
    moved to, not where the event happened (``place_where_words.tsv``, kind ``moving``)."""
    if not _where_ends()(text, start):  # one set lookup: most names follow no where-word
        return False
    word = _longest_where_word(text, start)
    return bool(word) and text.endswith(_moving_words(), 0, start - len(word))


def _longest_where_word(text: str, start: int) -> str:
    """The longest where-word ending at ``start`` ('' for none): ``max((w for w in _where_words() if
    text.endswith(w, 0, start)), key=len, default="")``, by a set lookup per word length.

    >>> _longest_where_word("搬迁到某村", 3), _longest_where_word("某村", 1)
    ('到', '')
    """
    words, lengths = _where_word_lengths()
    return next((text[start - n : start] for n in lengths if n <= start and text[start - n : start] in words), "")


@cache
def _where_word_lengths() -> tuple[frozenset[str], tuple[int, ...]]:
    """:func:`_where_words` as a set, and their lengths, longest first."""
    words = _where_words()
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


@cache
def _moving_words() -> tuple[str, ...]:
    """Words of moving before a where-word (``place_where_words.tsv``, kind ``moving``)."""
    return words_of("place_where_words.tsv", "moving")


_CLAUSE_MARKS = "，,；;"


def _venue_series(text: str, inside: list[_Mention], k: int, first_end: int) -> list[_Mention]:
    """Other communities or villages opening the clauses that follow a venue ``inside[k - 1]`` in the lead
    sentence (走访慰问了甲村某某,乙村某某,丙镇丙村某某): the deepest name of each group; none when there are none."""
    venue = inside[k - 1]
    if venue.community is None:
        return []
    out: list[_Mention] = []
    while k < len(inside) and inside[k].start < first_end:
        group = _adjacent(inside, k)
        last = group[-1]
        if (
            text[inside[k].start - 1] in _CLAUSE_MARKS
            and last.community not in (None, venue.community)
            and not text.startswith(_role_words(), _list_end(text, last.end))  # ,乙村村支两委…: a body, no venue;
            # ,乙村、丙村作交流发言: speakers
        ):
            out.append(last)
        k = inside.index(last) + 1
    return out


def _list_end(text: str, end: int) -> int:
    """The end of the list of communities or villages the one ending at ``end`` opens (甲村、乙村和丙村), or ``end``."""
    while (more := _LIST_NEXT.match(text, end)) is not None:
        end = more.end()
    return end


def _home_below(gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], mention: _Mention, home: _Mention) -> bool:
    """Whether the event names, in passing, only places of county level or above that hold the page's home
    (为贫困户送去某县…明白卡 on a village's page): none after a where-word, none in the organizer's name.
    Then the home, deeper, is where it happened."""
    if _LEVEL_RANK[_level(gz, mention)] >= _LEVEL_RANK["township"] or not _strictly_under(gz, home, mention):
        return False
    org = ev.organization
    o_start, o_end = (org.start, org.end) if org is not None and org.start is not None and org.end is not None else (0, 0)
    return all(
        _strictly_under(gz, home, m)
        and (not _after_where(text, inside, i) or _opens_unit(text, inside, i))
        and not o_start <= m.start < o_end
        for i, m in enumerate(inside)
    )


def _unit_prefix(gz: Gazetteer, text: str, inside: list[_Mention], m: _Mention, occasion: _Mention) -> bool:
    """Whether the event's place ``m`` only opens the name of a unit below the community (在某县29号小区) while the
    previous event's place (the occasion it illustrates: 某县某镇各社区…) lies inside it."""
    i = next((k for k, n in enumerate(inside) if n is m), None)
    return i is not None and _opens_unit(text, inside, i) and _strictly_under(gz, occasion, m)


_UNIT_NAME = rx.compile(r"[0-9]{1,4}号?|[\u4e00-\u9fff]{1,4}?(?=小区|楼栋|网格|片区|家属院)")  # a unit's own name


def _opens_unit(text: str, inside: list[_Mention], i: int) -> bool:
    """Whether the place ``inside[i]`` opens the name of a unit below the community (在某县88号小区: the
    ``unit`` words of ``place_where_words.tsv``), no other place name following it."""
    m = inside[i]
    if i + 1 < len(inside) and inside[i + 1].start == m.end:
        return False
    name = _UNIT_NAME.match(text, m.end)
    if name is None or not (name.group().isdigit() or name.group().endswith("号") or _is_name(name.group())):
        return False
    return text.startswith(_unit_words(), name.end())


@cache
def _unit_words() -> tuple[str, ...]:
    """Words ending a unit below the community (``place_where_words.tsv``, kind ``unit``)."""
    return words_of("place_where_words.tsv", "unit")


def _strictly_under(gz: Gazetteer, m: _Mention, ancestor: _Mention) -> bool:
    """Whether mention ``m`` names a place inside ``ancestor``'s (and not the same one)."""
    if m.start == ancestor.start:
        return False
    if m.division is None or ancestor.division is None:
        return False
    if m.division == ancestor.division:
        return m.community is not None and ancestor.community is None
    return ancestor.division in gz.ancestors(m.division)


def _event_mention(
    gz: Gazetteer, text: str, ev: Event, inside: list[_Mention], listed: Container[int] = ()
) -> _Mention | None:
    """The organizer's most specific place, else the last of the first group of adjacent names."""
    if not inside:
        return None
    org = ev.organization
    if org is not None and org.start is not None and org.end is not None:
        o_start, o_end = org.start, org.end
        first = next((i for i, m in enumerate(inside) if o_start <= m.start and m.end <= o_end), None)
        if first is not None:  # the group of adjacent names holding the first name in the organizer
            group = _adjacent(inside, first)
            chosen = _deeper_in_name(gz, inside, group[-1], o_end)
            named = [m for m in group if o_start <= m.start and m.end <= o_end]
            if (
                not _is_place_itself(o_start, o_end, named)
                and chosen.community is None
                and chosen.division is not None
                and gz.divisions[chosen.division].level in ("province", "prefecture", "county")
            ):
                # a county's bureau working in a community named in its sentence or in its own name (某局驻某村工作队):
                # the more specific place (not one a later paragraph names, an example of the county's work)
                end = _sentence_end_after(text, ev, o_end)
                below = [
                    m
                    for m in inside
                    if m.community is not None and (m.start < end or m.community in org.name) and m.start not in listed
                    and _under(gz, m.division, chosen.division)
                ]
                if below:
                    return below[0]
            return chosen
    return _adjacent(inside, 0)[-1]


def _sentence_end_after(text: str, ev: Event, pos: int) -> int:
    """Where the sentence holding ``pos`` ends, within the event."""
    stop = _SENTENCE_END.search(text, pos, ev.end)
    return stop.end() if stop else ev.end


def _deeper_in_name(gz: Gazetteer, inside: list[_Mention], chosen: _Mention, o_end: int) -> _Mention:
    """The deepest place inside ``chosen`` named further on in the organizer's name (ending at ``o_end``), past a
    unit the gazetteer lacks (青岛西海岸新区某街道, 某市某片区某镇): else ``chosen``. A zone listing no townships
    of its own (成都高新区某街道) holds those of its city."""
    anchor = found = chosen
    d = chosen.division
    if d is not None and gz.divisions[d].level == "county" and not gz.has_townships(d):
        anchor = chosen._replace(division=gz.divisions[d].parent)
    for m in inside:
        if m.start > anchor.end and m.end <= o_end and _strictly_under(gz, m, anchor):
            anchor = found = m
    return found


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


def _province_of(gz: Gazetteer, m: _Mention) -> int | None:
    """The province a mention lies in, when known (an ambiguous name: when all its candidates share one)."""
    if m.division is not None:
        return gz.ancestors(m.division)[0]
    return _common_province(gz, m.candidates)


@lru_cache(maxsize=1 << 14)
def _common_province(gz: Gazetteer, candidates: tuple[int, ...]) -> int | None:
    """The province all ``candidates`` lie in, if they share one (a pure function of them: cached)."""
    provinces = {gz.ancestors(c)[0] for c in candidates}
    return provinces.pop() if len(provinces) == 1 else None


def _document_province(
    gz: Gazetteer,
    mentions: list[_Mention],
    home: _Home | None,
    title: list[Match],
    manifest: list[Match],
    choice: dict[str, int | None],
) -> int | None:
    """The province the document's place evidence supports best (full names count double, title and manifest more)."""
    support: dict[int, int] = {}  # province -> weight, in the order first met (max keeps the first of a tie)
    ancestors = gz.ancestors
    starts = {m.start for m in mentions}
    for m in mentions:  # _province_of, inlined: this runs over every mention
        if m.end in starts:  # 某省某县某村: one place, counted once (its last name)
            continue
        d = m.division
        p = ancestors(d)[0] if d is not None else _common_province(gz, m.candidates)
        if p is not None:
            support[p] = support.get(p, 0) + (1 if m.short else 2)
    for t in title + manifest:
        d = choice.get(t.surface)
        if d is not None:
            p = ancestors(d)[0]
            support[p] = support.get(p, 0) + 2 * _HOME_WEIGHT
    if home is not None and (p := _province_of(gz, home.mention)) is not None:
        support[p] = support.get(p, 0) + 1
    return max(support, key=support.__getitem__) if support else None


def _province_conflict(
    gz: Gazetteer, text: str, ev: Event, mention: _Mention, inside: list[_Mention], province: int
) -> tuple[_Mention | None, Problem | None]:
    """An event place in another province than the document's better-supported one.

    The document's province is kept: the event's own place there if it names one, else none (the caller
    falls back to the home place), unless the event says in full that it happened there (赴浙江省宁波市…, 在某镇
    设立于某市的驿站: where it happened wins). A warning names the other province either way.
    """
    p = _province_of(gz, mention)
    if p is None or p == province:
        return mention, None
    i = next((k for k, m in enumerate(inside) if m is mention), None)
    marked = (
        i is not None
        and not mention.short
        and mention.division is not None
        and (_after_where(text, inside, i) or text.endswith(_located_words(), 0, _adjacent(inside, i)[0].start))
    )
    others = [k for k, m in enumerate(inside) if _province_of(gz, m) == province]
    kept = mention if marked else (_adjacent(inside, others[0])[-1] if others else None)
    ours, theirs = gz.divisions[province].name, gz.divisions[p].name
    chosen, other = (theirs, ours) if kept is mention else (ours, theirs)
    problem = Problem(
        stage="extract",
        severity="warning",
        message=f"event {ev.seq}: place evidence points to two provinces; kept {chosen}, not {other} "
        f"({mention.surface!r} is in {theirs})",
        detail=_conflict_detail(ev.seq, mention.surface, mention.start, chosen, other),
    )
    return kept, problem


def _conflict_detail(seq: int, surface: str, start: int, kept: str, other: str) -> str:
    """``json.dumps({"event": seq, "surface": surface, "start": start, "kept": kept, "other": other},
    ensure_ascii=False)``, its strings quoted by the encoder's own function (:data:`_quote`): the same text, without
    a new encoder per call (these are half the warnings of the stage).

    >>> _conflict_detail(2, "某县", 5, "浙江省", "江苏省")
    '{"event": 2, "surface": "某县", "start": 5, "kept": "浙江省", "other": "江苏省"}'
    """
    q = _quote
    return f'{{"event": {seq}, "surface": {q(surface)}, "start": {start}, "kept": {q(kept)}, "other": {q(other)}}}'


# what json.dumps(..., ensure_ascii=False) quotes every string with (the C function where there is one)
_quote = json.encoder.encode_basestring


def _place(gz: Gazetteer, mention: _Mention, when: dt.date | None, old_names: dict[int, str] | None = None) -> Place:
    """A Place record for a mention (a division, a community under one, or an ambiguous name)."""
    division = mention.division
    if division is not None:
        province, prefecture, county, township, p_code, f_code, c_code = chain_of(gz, division)
        county_current = c_code
        if county is not None and (hist := name_in_time(gz, division, when, old_names or {})) is not None:
            county, c_code = hist
        if old_names and (t := gz.chain(division).get("township")) is not None and t.id in old_names:
            township = old_names[t.id]  # the page's name of the township, over the dictionary's
    else:
        province, prefecture, county, township, p_code, f_code, c_code = shared_chain(gz, mention.candidates)
        county_current = c_code
    if mention.township is not None:
        township = mention.township
    level = _level(gz, mention)
    if level == "prefecture" and prefecture is not None and prefecture == province:
        level = "province"  # a municipality (北京市): the dictionary repeats it as its own prefecture
    if mention.community is not None:
        name = mention.community
    elif mention.township is not None:
        name = mention.township
    elif division is not None:
        name = {"province": province, "prefecture": prefecture, "county": county, "township": township}.get(
            level
        ) or gz.divisions[division].name
    else:
        names = {gz.divisions[c].name for c in mention.candidates}
        name = names.pop() if len(names) == 1 else mention.surface
    return Place(
        surface=mention.surface or name,
        start=mention.start,
        end=mention.end,
        name=name,
        level=level,
        province=province,
        prefecture=prefecture,
        county=county,
        township=township,
        community=mention.community,
        adcode=c_code or f_code or p_code,
        province_code=p_code,
        prefecture_code=f_code,
        county_code=c_code,
        county_code_current=county_current,
    )


def _ambiguity(gz: Gazetteer, mention: _Mention) -> Problem:
    return Problem(
        stage="extract",
        severity="warning",
        message=f"place name {mention.surface!r} matches {len(mention.candidates)} divisions and the document does not "
        "say which; only the part of the chain they share is filled",
        detail=_ambiguity_detail(mention.surface, mention.start, _chains_json(gz, mention.candidates)),
    )


def _ambiguity_detail(surface: str, start: int, chains_json: str) -> str:
    """``json.dumps({"surface": surface, "start": start, "candidates": chains}, ensure_ascii=False)`` with the
    chains' part already written (:func:`_chains_json`): the same text."""
    return (
        f'{{"surface": {_quote(surface)}, "start": {start}, '
        f'"candidates": {chains_json}}}'
    )


@lru_cache(maxsize=1 << 10)
def _chains_json(gz: Gazetteer, candidates: tuple[int, ...]) -> str:
    """The candidates' chains (省/市/县/镇) as JSON, written once per name: 城关镇's 99 recur page after page."""
    return json.dumps(["/".join(gz.divisions[j].name for j in gz.ancestors(c)) for c in candidates], ensure_ascii=False)
