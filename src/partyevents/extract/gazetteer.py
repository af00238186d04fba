"""China's administrative divisions, from JioNLP's bundled dictionary, and a fast name matcher.

The dictionary (``jionlp/dictionary/china_location.txt``) is a tab-indented
tree: province, prefecture and county lines read ``name<TAB>code<TAB>short``,
townships (depth 3) and villages/communities (depth 4) are names only. We read
the file directly (importing jionlp is slow and prints a banner), keep the
~47k divisions down to township level, and index the ~658k villages lazily,
one county at a time, from the byte ranges remembered while loading.

Names are matched on characters with an Aho-Corasick automaton over full
names and short forms (``樊城`` → 樊城区, ``前川街`` → 前川街道, ``前川办事处``,
a Corps farm's regiment number ``一四三团`` → 兵团一四三团, a zone by its city
and a generic word ``濮阳经开区`` → 濮阳经济技术开发区). The automaton
is ``ahocorasick_rs`` (Rust): with ~60k keys its search is ~15× faster than
pyahocorasick, whose nodes look their children up one by one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import pickle
import re
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

from .. import regex_cache as rx
from ..cache import cache_dir, cached, file_digest, no_gc, resource_digest
from ..resources import read_table
from .wordtrie import WordEnds

__all__ = ["Change", "Division", "Gazetteer", "Match", "gazetteer"]

LEVELS = ("province", "prefecture", "county", "township")
_LEVEL_INDEX = {level: i for i, level in enumerate(LEVELS)}
_LINE = re.compile(rb"^(\t{0,3})([^\t\r\n]+)(?:\t(\d+)\t([^\t\r\n]*))?\r?$", re.M)
_VILLAGE = re.compile(rb"^(\t{3,4})([^\t\r\n]+)\r?$", re.M)
_TOWNSHIP_LINE = rx.compile(r"^\t{3}[^\t\r\n]+\r?$", re.M)  # a township's line in a decoded county block
_VILLAGE_NAME = rx.compile(r"^\t{4}([^\t\r\n]+)\r?$", re.M)  # a village's line: its name
_SURROGATE = rx.compile("[\ud800-\udfff]")
_START, _END = itemgetter(1), itemgetter(2)  # of an automaton match (pattern index, start, end)


class Division(NamedTuple):
    """One administrative division down to township level (a tuple: 47k of them are made at start-up)."""

    id: int
    name: str  # full official name, e.g. 樊城区
    level: str  # province | prefecture | county | township
    parent: int | None
    code: str | None = None  # 6-digit code (townships have none here)
    short: str | None = None  # short form, e.g. 樊城


class Change(NamedTuple):
    """A division's earlier name: valid until ``date`` (the change's approval), with its code if known."""

    date: dt.date
    name: str
    short: str
    code: str | None


class GazetteerTables(NamedTuple):
    """A :class:`Gazetteer`'s tables as plain data (what the disk cache stores)."""

    divisions: list[tuple[str, int, int | None, str | None, str | None]]  # (name, level index, parent, code, short)
    county_block: dict[int, tuple[int, int]]  # county -> byte range of its villages in the dictionary
    townships: dict[int, list[int]]  # county -> its townships, in file order
    history: dict[int, tuple[Change, ...]]
    keys: list[tuple[str, tuple[int, ...], bool]]  # the matcher's patterns: (key, candidates, short)
    township_names: dict[str, tuple[int, ...]]  # a township's full name -> the townships so named
    township_cores: frozenset[str]  # those names without their level suffix (:attr:`Gazetteer.township_cores`)


class Match(NamedTuple):
    """A gazetteer name found in a text: its span and every division it may name (a tuple: cheap to make)."""

    start: int
    end: int
    surface: str
    candidates: tuple[int, ...]
    short: bool  # matched a short form rather than a full name


def _dictionary_path() -> Path:
    """The dictionary file inside the installed jionlp package, found without importing it."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed; it provides the administrative-division dictionary")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.txt"


def _changes(path: Path) -> list[tuple[dt.date, list[str], str, str, str | None]]:
    """Renamed or merged divisions: (date, new chain names, old name, old short, old code).

    From JioNLP's ``china_location_change.txt`` beside the dictionary (``date<TAB>authority<TAB>``
    old chain as name/short pairs ``=>`` new chain names), extended by ``place_changes.tsv``.
    """
    out: list[tuple[dt.date, list[str], str, str, str | None]] = []
    change_file = path.with_name("china_location_change.txt")
    lines = change_file.read_text(encoding="utf-8").splitlines() if change_file.exists() else []
    for line in lines:
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        old, new = left.split("\t"), [c.strip() for c in right.split("\t")]
        try:
            date = dt.date.fromisoformat(old[0].strip())
        except ValueError:
            continue
        if len(old) >= 8 and len(new) >= 3:  # a county
            out.append((date, new[:3], old[6].strip(), old[7].strip(), None))
        elif len(old) >= 6 and len(new) >= 2:  # a prefecture
            out.append((date, new[:2], old[4].strip(), old[5].strip(), None))
    for row in read_table("place_changes.tsv"):
        date_s, province, prefecture, old_name, old_short, old_code, new_name = row[:7]
        out.append((dt.date.fromisoformat(date_s), [province, prefecture, new_name], old_name, old_short, old_code or None))
    return out


def _township_shorts(name: str, county: str = "") -> list[str]:
    """Other ways a township is written: short forms, and the name without its county's name in front
    (四子王旗白音朝克图镇). A township under another level's suffix (a 乡 that became a 镇) is
    :meth:`Gazetteer.township_variants`, looked up only for a township-shaped name the matcher missed.

    >>> _township_shorts("前川街道"), _township_shorts("新华街街道")[:4]
    (['前川街', '前川街道办事处', '前川街办', '前川办事处'], ['新华街街', '新华街街道办事处', '新华街街办', '新华街办事处'])
    >>> _township_shorts("牛首镇"), _township_shorts("四子王旗白音朝克图镇", "四子王旗")
    ([], ['白音朝克图镇'])
    >>> _township_shorts("兵团农九师一六三团"), _township_shorts("兵团三十六团"), _township_shorts("兵团四团")
    (['一六三团'], ['三十六团'], [])
    """
    if regiment := _REGIMENT.match(name):  # a Corps farm is written by its number (一六三团), not 兵团…
        return [regiment.group(1)]
    if county and name.startswith(county) and len(name) - len(county) >= 3 and name.endswith(("镇", "乡", "街道")):
        rest = name[len(county) :]
        return [rest, *_township_shorts(rest)]
    if name.endswith("街道") and len(name) >= 4:
        core = name[:-2]
        out = [core + "街", name + "办事处", core + "街办", core + _OFFICE]  # 某某办事处: see _matcher_keys
        if core.endswith("街") and len(core) >= 3:  # 新华街街道, written 新华街道
            out.append(core + "道")
        return out
    return []


_LEVEL_SUFFIXES = ("街道", "镇", "乡")
_VARIANT_SUFFIXES = (*_LEVEL_SUFFIXES, "地区")  # Beijing's 某某地区 (an area office) is the township 某某乡 or 某某镇
_OFFICE = "办事处"  # a subdistrict's office, also written after the subdistrict's core alone (某某办事处)
# a Production and Construction Corps farm (兵团二十一团, 兵团农九师一六三团, 兵团一三七团乡): its regiment's
# number of two numerals or more and 团 (一团 is also a word: 抱成一团)
_REGIMENT = rx.compile(r"兵团(?:[农第]?[一二三四五六七八九十]{1,3}师)?([一二三四五六七八九十零〇]{2,4}团)")


_SPLIT_OFF = frozenset("东西南北中新")
_VILLAGE_SUFFIXES = ("社区", "居委会", "居民区", "村", "嘎查")


def township_core(name: str) -> str | None:
    """A township's name without its level suffix, when that leaves two characters or more."""
    suffix = next((s for s in _LEVEL_SUFFIXES if name.endswith(s)), None)
    return name[: -len(suffix)] if suffix is not None and len(name) - len(suffix) >= 2 else None


class Gazetteer:
    """Divisions, their chains, a name matcher and a lazy village index."""

    def __init__(self, path: Path, tables: GazetteerTables | None = None) -> None:
        """Load from the dictionary at ``path``, or from ``tables`` built from it earlier (:meth:`tables`)."""
        self.path = path
        self.divisions: list[Division] = []
        self._county_block: dict[int, tuple[int, int]] = {}
        self._villages: dict[int, dict[str, tuple[int, ...]]] = {}
        self._cores: frozenset[str] | None = None  # township names without their suffix, on first use
        self._unique: dict[str, int] | None = None  # village/community name -> its township, when only one, on use
        # every county's village index pickled, one slice each (:meth:`villages`), read from the disk cache on use
        self._blob: tuple[bytes, dict[int, tuple[int, int]]] | None = None
        self.village_names: set[str] = set()  # every name in the village indexes loaded so far
        self._ancestors: dict[int, tuple[int, ...]] = {}
        self._county: dict[int, int | None] = {}  # division -> county_of(division), filled on use
        self._townships: dict[int, list[int]] = {}  # county -> its townships, in file order
        self._township_names: dict[str, tuple[int, ...]] = {}  # full name -> townships (built with the tables)
        self.history: dict[int, tuple[Change, ...]] = {}
        self._keys: list[tuple[str, tuple[int, ...], bool]] = []  # pattern index -> (key, candidates, short)
        if tables is None:
            self._build(path)
        else:
            self._restore(tables)
        self._automaton = ahocorasick_rs.AhoCorasick([key for key, _, _ in self._keys])

    def _build(self, path: Path) -> None:
        """Read the dictionary, the renamings and the matcher's keys (about a second: see :meth:`tables`)."""
        self._load(path.read_bytes())
        self.history = self._history()
        self._keys = self._matcher_keys()
        self._township_names = self._townships_by_name()

    def tables(self) -> GazetteerTables:
        """What :meth:`_build` computed, as plain data: :func:`gazetteer` keeps it in the disk cache
        (:mod:`partyevents.cache`) and reads it back in a few hundredths of a second."""
        rows = [(d.name, _LEVEL_INDEX[d.level], d.parent, d.code, d.short) for d in self.divisions]
        return GazetteerTables(rows, self._county_block, self._townships, self.history, self._keys,
                               self._township_names, self.township_cores)

    def _restore(self, tables: GazetteerTables) -> None:
        levels, new = LEVELS, tuple.__new__
        self.divisions = [new(Division, (i, name, levels[level], parent, code, short))
                          for i, (name, level, parent, code, short) in enumerate(tables.divisions)]
        self._county_block = tables.county_block
        self._townships = tables.townships
        self.history = tables.history
        self._keys = tables.keys
        self._township_names = tables.township_names
        self._cores = tables.township_cores

    def _load(self, data: bytes) -> None:
        stack: list[int] = []
        open_county: tuple[int, int] | None = None  # (division id, byte offset)
        for m in _LINE.finditer(data):
            depth = len(m.group(1))
            if depth <= 2 and open_county is not None:
                self._county_block[open_county[0]] = (open_county[1], m.start())
                open_county = None
            del stack[depth:]
            parent = stack[-1] if stack else None
            code = m.group(3).decode() if m.group(3) else None
            short = m.group(4).decode().strip() if m.group(4) else None
            div = Division(len(self.divisions), m.group(2).decode().strip(), LEVELS[depth], parent, code, short)
            self.divisions.append(div)
            stack.append(div.id)
            if depth == 3 and parent is not None:
                self._townships.setdefault(parent, []).append(div.id)
            if depth == 2:
                open_county = (div.id, m.end())
        if open_county is not None:
            self._county_block[open_county[0]] = (open_county[1], len(data))

    def _history(self) -> dict[int, tuple[Change, ...]]:
        """Current division id -> its earlier names, oldest change first."""
        ids: dict[tuple[str, ...], int] = {}
        by_short: dict[tuple[int | None, str | None], int] = {}  # (prefecture, short) -> county
        for div in self.divisions:
            if div.level != "township":
                ids[tuple(self.divisions[j].name for j in self.ancestors(div.id))] = div.id
                by_short[div.parent, div.short] = div.id
        out: dict[int, list[Change]] = {}
        for date, new, old_name, old_short, old_code in _changes(self.path):
            found = ids.get(tuple(new))
            if found is None and len(new) == 3:  # the table's new name differs from the dictionary's (玉环区/玉环市)
                found = by_short.get((ids.get(tuple(new[:2])), old_short))
            if found is not None and old_name != self.divisions[found].name:
                known = out.setdefault(found, [])
                same = next((k for k, c in enumerate(known) if c.name == old_name), None)
                if same is None:
                    known.append(Change(date, old_name, old_short, old_code))
                elif old_code:  # a row of place_changes.tsv adding the code of a JioNLP row
                    known[same] = known[same]._replace(code=old_code)
        return {k: tuple(sorted(v, key=lambda c: c.date)) for k, v in out.items()}

    def name_at(self, i: int, when: dt.date | None, surface: str = "") -> tuple[str, str | None]:
        """(name, code) of division ``i`` valid at ``when``; with no date, the earlier name when ``surface`` is one.

        >>> g = gazetteer(); i = g.find("凤翔县")[0].candidates[0]
        >>> g.name_at(i, dt.date(2013, 5, 1)), g.name_at(i, dt.date(2022, 5, 1))[0], g.name_at(i, None, "凤翔县")[0]
        (('凤翔县', '610322'), '凤翔市', '凤翔县')
        """
        div = self.divisions[i]
        for change in self.history.get(i, ()):
            if (when is not None and when < change.date) or (when is None and surface in (change.name, change.short)):
                return change.name, change.code
        return div.name, div.code

    def township_variants(self, name: str) -> tuple[int, ...]:
        """Townships a name like ``松北镇`` may mean under another level's suffix (松北街道, 松北乡).

        >>> g = gazetteer(); [g.divisions[i].name for i in g.township_variants("松北镇")]
        ['松北街道']
        >>> [g.divisions[i].name for i in g.township_variants("东小口镇")]
        ['东小口地区']
        """
        return _township_variants(self, name)

    def _plain_township_variants(self, name: str) -> tuple[int, ...]:
        """:meth:`township_variants` computed (its cache, :func:`_township_variants`, calls this)."""
        suffix = next((s for s in _LEVEL_SUFFIXES if name.endswith(s)), None)
        if suffix is None or len(name) - len(suffix) < 2:
            return ()
        core = name[: -len(suffix)]
        return tuple(i for s in _VARIANT_SUFFIXES if s != suffix for i in self._township_names.get(core + s, ()))

    def only_township_listing(self, name: str) -> int | None:
        """The township under which the dictionary lists a village or community ``name``, when it lists one so
        named in the whole country (names of four characters or more), else None.

        The index is built once from the whole dictionary (a few seconds) and kept in the disk cache; a
        process reads it (a tenth of a second) the first time it asks.

        >>> g = gazetteer(); t = g.only_township_listing("擦耳岩村"); t is None or g.divisions[t].level == "township"
        True
        """
        if self._unique is None:
            self._unique = cached("gazetteer-unique-villages", _cache_key(self.path), self._unique_villages)
        return self._unique.get(name)

    def _unique_villages(self) -> dict[str, int]:
        """Names listed under one township only in the whole dictionary -> that township."""
        data = self.path.read_bytes()
        counts: dict[str, int] = {}
        home: dict[str, int] = {}
        for county, (a, b) in self._county_block.items():
            towns = iter(self._townships.get(county, ()))
            town: int | None = None
            for m in _VILLAGE.finditer(data, a, b):
                if len(m.group(1)) == 3:
                    town = next(towns, None)
                elif town is not None:
                    name = m.group(2).decode().strip()
                    counts[name] = counts.get(name, 0) + 1
                    home[name] = town
        return {n: home[n] for n, k in counts.items() if k == 1 and len(n) >= 4 and n.endswith(_VILLAGE_SUFFIXES)}

    def townships_of_core(self, core: str) -> tuple[int, ...]:
        """Townships whose name is ``core`` and a level suffix (木渎 -> 木渎镇), the core written without it.

        >>> g = gazetteer(); [g.divisions[i].name for i in g.townships_of_core("朱家角")]
        ['朱家角镇']
        """
        return tuple(i for s in _LEVEL_SUFFIXES for i in self._township_names.get(core + s, ()))

    @property
    def township_cores(self) -> frozenset[str]:
        """Every township's name without its level suffix (a quick test before :meth:`township_variants`)."""
        if self._cores is None:
            self._cores = frozenset(c for name in self._township_names if (c := township_core(name)) is not None)
        return self._cores

    def has_townships(self, county: int) -> bool:
        """Whether the gazetteer lists townships under ``county`` (a zone such as 成都高新区 has none: its
        townships are listed under the districts they lie in)."""
        return bool(self._townships.get(county))

    def township_named(self, name: str) -> bool:
        """Whether some township bears exactly this full name."""
        return name in self._township_names

    def townships_named(self, name: str) -> tuple[int, ...]:
        """The townships bearing exactly this full name."""
        return self._township_names.get(name, ())

    def township_near(self, county: int, name: str) -> int | None:
        """The one township of ``county`` whose name, without its suffix, begins the core of ``name`` or is
        begun by it (the page's 某某山镇 for the dictionary's 某某镇, under the same county), else None. A
        core longer by a direction or 新 only (某某东街道 beside 某某镇) names a township split off from it.

        >>> g = gazetteer(); c = g.find("丹棱县")[0].candidates[0]; g.divisions[g.township_near(c, "杨场山镇")].name
        '杨场镇'
        """
        core = township_core(name)
        if core is None:
            return None
        found = [
            t for t in self._townships.get(county, ())
            if (other := township_core(self.divisions[t].name)) is not None and other != core
            and (core.startswith(other) or other.startswith(core))
            and max(core, other, key=len)[min(len(core), len(other)):] not in _SPLIT_OFF
        ]
        return found[0] if len(found) == 1 else None

    def _townships_by_name(self) -> dict[str, tuple[int, ...]]:
        """A township's full name -> the townships so named (built with the tables, so that forked workers
        share it and no document pays for building it)."""
        out: dict[str, list[int]] = {}
        for div in self.divisions:
            if div.level == "township":
                out.setdefault(div.name, []).append(div.id)
        return {name: tuple(ids) for name, ids in out.items()}

    def _matcher_keys(self) -> list[tuple[str, tuple[int, ...], bool]]:
        """The matcher's patterns: (name or short form, the divisions it may name, whether it is short)."""
        out: list[tuple[str, tuple[int, ...], bool]] = []
        stop = {row[0] for row in read_table("place_stop_names.tsv")}
        whole = {row[0] for row in read_table("place_whole_provinces.tsv")}
        whole_ids = {d.id for d in self.divisions if d.level == "province" and d.name in whole}
        keys: dict[str, tuple[list[int], list[int]]] = {}  # key -> (full-name ids, short-form ids)
        divisions = self.divisions
        # 某某办事处 is a subdistrict's office, but 北京办事处 a province's or a city's liaison office elsewhere
        offices = {n + _OFFICE for d in divisions if d.level in ("province", "prefecture") for n in (d.name, d.short) if n}
        for div in divisions:
            if div.level != "province" and self.ancestors(div.id)[0] in whole_ids:  # 台湾省's 大社区
                continue
            if div.name not in stop and len(div.name) >= (3 if div.level == "township" else 2):
                keys.setdefault(div.name, ([], []))[0].append(div.id)
            if div.level == "township":
                parent = divisions[div.parent].name if div.parent is not None else ""
                shorts = _township_shorts(div.name, parent)
            else:
                shorts = [div.short or ""]
            for s in shorts:
                if len(s) >= 2 and s != div.name and s not in stop and s not in offices:
                    keys.setdefault(s, ([], []))[1].append(div.id)
        for div in divisions:  # 成都高新区: a zone known by its city's name and a generic word (高新区, 经开区)
            if div.level == "county" and div.short in stop and div.short.endswith("区") and div.parent is not None:
                city = divisions[div.parent]
                for p in {city.name, city.short or ""} - {""}:
                    ids = keys.setdefault(p + div.short, ([], []))[0]
                    if div.id not in ids:
                        ids.append(div.id)
        for i, changes in self.history.items():  # earlier names match the division they became
            for change in changes:
                if change.name not in stop and i not in keys.setdefault(change.name, ([], []))[0]:
                    keys[change.name][0].append(i)
                if len(change.short) >= 2 and change.short not in stop and change.short not in keys:
                    keys[change.short] = ([], [i])
        divisions = self.divisions
        for key, (full, short) in keys.items():
            ids = self._prune(full, deepest=True) if full else self._prune(short, deepest=False)
            if full and short and divisions[full[0]].level == "township":
                # 新华街道 is a township's full name somewhere, and 新华街街道 written short elsewhere: both may be meant
                ids += [i for i in short if divisions[i].level == "township"]
            if ids:
                out.append((key, tuple(ids), not full))
        out.sort()  # the automaton is built twice as fast from sorted keys (their order is not seen outside)
        return out

    def _prune(self, ids: list[int], deepest: bool) -> list[int]:
        """Drop a candidate whose ancestor (or, for full names, descendant) is also a candidate.

        A full name shared by a node and its child is one place (上海市 the
        province and the prefecture): keep the deeper. A short form shared by
        a prefecture and one of its counties (长沙 → 长沙市, 长沙县) means the
        prefecture: keep the higher.
        """
        if len(ids) == 1:
            return ids
        idset = set(ids)
        out = []
        for i in ids:
            anc = set(self.ancestors(i)[:-1])
            if deepest and any(i in set(self.ancestors(j)[:-1]) for j in idset if j != i):
                continue
            if not deepest and anc & idset:
                continue
            out.append(i)
        return out

    def ancestors(self, i: int) -> tuple[int, ...]:
        """Ids from the province down to ``i`` itself."""
        found = self._ancestors.get(i)
        if found is None:
            parent = self.divisions[i].parent
            found = (*self.ancestors(parent), i) if parent is not None else (i,)
            self._ancestors[i] = found
        return found

    def chain(self, i: int) -> dict[str, Division]:
        """level -> division, for ``i`` and its ancestors."""
        return {self.divisions[j].level: self.divisions[j] for j in self.ancestors(i)}

    def county_of(self, i: int) -> int | None:
        """The county at or above ``i``, if ``i`` is at county level or below."""
        try:
            return self._county[i]
        except KeyError:
            found = next((j for j in self.ancestors(i) if self.divisions[j].level == "county"), None)
            self._county[i] = found
            return found

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest non-overlapping gazetteer names in ``text``."""
        if not text:
            return []
        try:
            found = self._automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate: the search needs UTF-8; one char for one keeps the offsets
            found = self._automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
        # by start, the longest first (two stable sorts; no two matches share a span, as no two keys are alike)
        found.sort(key=_END, reverse=True)
        found.sort(key=_START)
        keys = self._keys
        out: list[Match] = []
        pos = 0
        for index, start, end in found:
            if start >= pos:
                key, ids, short = keys[index]
                if key[0] == "共" and text[start - 1 : start] == "中":  # 中共和县委: the Party's 和县, no 共和县
                    continue
                if not short or _short_ok(text, start, end, start == pos and bool(out)) or (
                    after_travel(text, start) and all(self.divisions[i].level == "county" for i in ids)
                    and not text.startswith(_short_context()[1], end)
                ):  # 前往某某: a county's short form after a travel verb
                    out.append(Match(start, end, key, ids, short))
                    pos = end
        return out

    def villages(self, county: int) -> dict[str, tuple[int, ...]]:
        """Village/community name -> ids of the townships of ``county`` that have one so named.

        Its names join :attr:`village_names`: a name missing there is in none of the loaded counties.
        """
        if county not in self._villages:
            if self._blob is None and cache_dir() is not None:  # no disk cache: each county parsed as it is needed
                self._blob = cached("gazetteer-village-indexes", _cache_key(self.path), self._village_blob)
            span = self._blob[1].get(county) if self._blob is not None else None
            if span is not None and self._blob is not None:  # four times faster than parsing the block again
                index = pickle.loads(memoryview(self._blob[0])[span[0] : span[1]])
            else:
                index = self._parse_villages(county)
            self._villages[county] = index
            self.village_names.update(index)
        return self._villages[county]

    def _parse_villages(self, county: int) -> dict[str, tuple[int, ...]]:
        """The village index of ``county`` (:meth:`villages`) read from its block of the dictionary."""
        index: dict[str, tuple[int, ...]] = {}
        span = self._county_block.get(county)
        if span is not None:
            with self.path.open("rb") as fh:
                fh.seek(span[0])
                block = fh.read(span[1] - span[0])
            # the block cut at its township lines: the villages of each township, one findall per township
            chunks = _TOWNSHIP_LINE.split(block.decode())
            get = index.get
            for town, chunk in zip(self._townships.get(county, ()), chunks[1:], strict=False):  # lines may outnumber
                for name in _VILLAGE_NAME.findall(chunk):
                    name = name.strip()
                    got = get(name)
                    index[name] = (town,) if got is None else (*got, town)
        return index

    def _village_blob(self) -> tuple[bytes, dict[int, tuple[int, int]]]:
        """Every county's village index pickled, joined into one bytes (one object: a forked worker reading it
        copies no page of it) with each county's slice: built once (a second), kept in the disk cache."""
        parts: list[bytes] = []
        spans: dict[int, tuple[int, int]] = {}
        pos = 0
        for county in self._county_block:
            part = pickle.dumps(self._parse_villages(county), protocol=5)
            spans[county] = (pos, pos + len(part))
            parts.append(part)
            pos += len(part)
        return b"".join(parts), spans


@lru_cache(maxsize=1 << 14)
def _township_variants(gz: Gazetteer, name: str) -> tuple[int, ...]:
    """:meth:`Gazetteer.township_variants`, kept: a page's township-shaped names recur (a pure look-up)."""
    return gz._plain_township_variants(name)


@cache
def _short_context() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str], tuple[str, ...]]:
    """(words allowed before a short form, words that may not follow it, words allowed before a Corps
    regiment's number only, words allowed before a subdistrict's office only, travel verbs), from
    ``place_short_context.tsv``."""
    rows = read_table("place_short_context.tsv")
    return (
        frozenset(r[1] for r in rows if r[0] == "before"),
        tuple(r[1] for r in rows if r[0] == "after"),
        frozenset(r[1] for r in rows if r[0] == "regiment_before"),
        frozenset(r[1] for r in rows if r[0] == "office_before"),
        tuple(r[1] for r in rows if r[0] == "travel"),
    )


def _short_ok(text: str, start: int, end: int, after_place: bool) -> bool:
    """Whether a short form at ``text[start:end]`` stands for its place rather than part of another word.

    >>> _short_ok("樊城领秀中原商圈", 4, 6, False)
    False
    >>> _short_ok("樊城领秀中原商圈", 0, 2, False)
    True
    >>> _short_ok("前川街向阳社区", 3, 5, True)
    False
    >>> _short_ok("八师一四三团", 2, 6, False), _short_ok("八师长沙", 2, 4, False)
    (True, False)
    >>> _short_ok("开发区某某办事处", 3, 8, False), _short_ok("开发区某某街", 3, 6, False)
    (True, False)
    """
    before, after, regiment_before, office_before, _ = _short_context()
    if text.startswith(after, end):
        return False
    prev = text[start - 1] if start else ""
    return (
        after_place
        or not ("\u4e00" <= prev <= "\u9fff")
        or prev in before
        or (prev in regiment_before and text[end - 1] == "团")
        or (prev in office_before and text.endswith(_OFFICE, start, end))
    )


def after_travel(text: str, start: int) -> bool:
    """Whether a travel verb (前往, 赶赴: ``place_short_context.tsv``, ``travel``) ends right before ``start``: a
    county's short form may stand there (前往某某观摩), though the verb's last character is no ``before`` word.

    >>> after_travel("前往某某观摩", 2), after_travel("以往某某", 2)
    (True, False)
    """
    return _travel_ends()(text, start)


@cache
def _travel_ends() -> WordEnds:
    """Whether a travel verb (:func:`_short_context`) ends at a position: a set lookup."""
    return WordEnds(_short_context()[4])


def _cache_key(path: Path) -> tuple[object, ...]:
    """What the tables are built from: JioNLP's dictionary and change list (size and time: the dictionary
    is large), and the bytes of this module and of the resource files it reads."""
    stats = []
    for p in (path, path.with_name("china_location_change.txt")):
        with contextlib.suppress(OSError):
            st = p.stat()
            stats.append((str(p), st.st_size, st.st_mtime_ns))
    own = [file_digest(Path(__file__)), *(resource_digest(name) for name in _RESOURCES)]
    return (tuple(stats), tuple(own))


_RESOURCES = ("place_stop_names.tsv", "place_changes.tsv", "place_whole_provinces.tsv")  # the resource files the tables are built from


def cache_key() -> tuple[object, ...]:
    """What the process-wide gazetteer is built from (:func:`_cache_key`): values derived from it key on this."""
    return _cache_key(_dictionary_path())


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use (its tables from the disk cache: :mod:`partyevents.cache`)."""
    path = _dictionary_path()
    tables = cached("gazetteer", _cache_key(path), lambda: Gazetteer(path).tables())
    with no_gc():
        return Gazetteer(path, tables)
