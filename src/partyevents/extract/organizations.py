"""Organizations: every body named in an event, and the one that organizes it.

Names are matched on characters, not tokens (the segmenter splits names such
as ``清河口街道``): a name is a chain of pieces, each a short run of CJK
characters ending in an organization suffix from ``resources/org_suffixes.tsv``
(``区教育局党委`` = ``区教育局`` + ``党委``); a name never opens with a verb,
preposition or pronoun (``resources/org_openers.tsv``) and holds no verb phrase
(``resources/org_stopwords.tsv``): :func:`body_at`. The organizer is chosen by
:mod:`partyevents.extract.organizer` (the subject of the event's first clause
that has one) and resolved here against the document (references, persons,
generic names). The spaCy pipeline in :mod:`partyevents.nlp` wraps these
functions as components.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise, repeat
from pathlib import Path

from .. import regex_cache as rx
from ..cache import cached, file_digest
from ..records import DocContext, Event, OrgMention
from ..resources import read_table
from .wordtrie import trie_pattern

_CJK = (0x4E00, 0x9FFF)
_NOT_IN_NAME = "与及的"


def _cjk_class(excluded: str) -> str:
    r"""A character class of the CJK block (U+4E00 to U+9FFF) minus ``excluded``: one set test per character.

    >>> _cjk_class("与的")
    '[\\u4e00-\\u4e0d\\u4e0f-\\u7683\\u7685-\\u9fff]'
    """
    lo, hi = _CJK
    ranges: list[tuple[int, int]] = []
    start = lo
    for cp in sorted({ord(ch) for ch in excluded if lo <= ord(ch) <= hi}):
        if cp > start:
            ranges.append((start, cp - 1))
        start = cp + 1
    if start <= hi:
        ranges.append((start, hi))
    return "[" + "".join(rf"\u{a:04x}" if a == b else rf"\u{a:04x}-\u{b:04x}" for a, b in ranges) + "]"


_NAME_CHAR = _cjk_class(_NOT_IN_NAME)  # the same as (?:(?![与及的])[\u4e00-\u9fff]), cheaper
BARE_NAME = rx.compile(rf"{_NAME_CHAR}+")


def _words_pattern(words: tuple[str, ...]) -> str:
    """The words as one regex (a trie, :func:`trie_pattern`) behind a look-ahead on their first characters.

    It matches what the longest-first alternation matches, also when backtracked into;
    the look-ahead is one set test where ``re`` would try every branch of the trie.

    >>> _words_pattern(("召开", "组织", "组织部"))
    '(?=[召组])(?:(?:召开|组织(?:部)?))'
    >>> _words_pattern(())
    '(?!)'
    """
    if not words:
        return "(?!)"
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])" + trie_pattern(words)


@cache
def suffixes() -> dict[str, str]:
    """suffix -> kind, from ``org_suffixes.tsv``."""
    return {row[0]: row[1] for row in read_table("org_suffixes.tsv")}


_suffixes = suffixes


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    """kind (verb | lead | stop) -> words, longest first, from ``org_cues.tsv``."""
    out: dict[str, list[str]] = {}
    for row in read_table("org_cues.tsv"):
        if row[0] not in ("name", "not", "joins"):
            out.setdefault(row[0], []).append(row[1])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@cache
def cue_guard() -> str:
    """A look-ahead that fails where a verb cue heads a body's name (``联合`` + ``党支部``: a joint branch)
    or is part of another word (``到来``, ``以来``, ``和谐``).

    From the ``name`` and ``not`` rows of ``org_cues.tsv`` (the cue, and what follows it there).
    """
    rows = [(row[1], row[2]) for row in read_table("org_cues.tsv") if row[0] in ("name", "not")]
    if not rows:
        return ""
    first = "".join(sorted({re.escape(rest[0]) for _, rest in rows}))  # one set test before the branches
    return f"(?!(?=[{first}])(?:" + "|".join(f"(?<={re.escape(cue)}){re.escape(rest)}" for cue, rest in rows) + "))"


@cache
def join_guard() -> str:
    """A look-ahead that fails right after a cue that joins two halves of a department's name (``住房和城乡建设局``).

    From the ``joins`` rows of ``org_cues.tsv`` (the cue, and the word right before it there).

    >>> rx.compile("和" + join_guard()).findall("县住房和城乡建设局和社区")
    ['和']
    """
    rows = [(row[1], row[2]) for row in read_table("org_cues.tsv") if row[0] == "joins"]
    if not rows:
        return ""
    last = "".join(sorted({re.escape(cue[-1]) for cue, _ in rows}))  # one set test before the branches
    return f"(?!(?<=[{last}])(?:" + "|".join(f"(?<={re.escape(before + cue)})" for cue, before in rows) + "))"


@cache
def _stopwords() -> tuple[tuple[str, str, str], ...]:
    """(substring, characters it may follow, characters it may precede), from ``org_stopwords.tsv``.

    A substring marks a verb phrase caught as a name, unless it stands right after one of the
    first characters or right before one of the second (向 is a stopword, but not in 向阳).
    """
    rows: list[tuple[str, str, str]] = []
    for row in read_table("org_stopwords.tsv"):
        if row[3:4] in (["after_body"], ["person"]):  # a stopword right after a body's name only; a person's word
            continue
        word, unless_after, unless_before = (*row, "", "")[:3]
        rows.append((word, unless_after, unless_before))
    return tuple(rows)


def stopword_pattern(word: str, unless_after: str = "", unless_before: str = "") -> str:
    r"""One stopword row as a regex: the word, not after nor before the characters of its exceptions.

    >>> stopword_pattern("向", "", "阳"), stopword_pattern("等", "高中")
    ('向(?![阳])', '(?<![高中])等')
    """
    after = f"(?<![{re.escape(unless_after)}])" if unless_after else ""
    before = f"(?![{re.escape(unless_before)}])" if unless_before else ""
    return f"{after}{re.escape(word)}{before}"


@cache
def _word_ends() -> dict[str, str]:
    """suffix -> the characters that, right after it, make it part of a longer word (乡村, 村级, 市场, 局面)."""
    return {row[0]: row[1] for row in read_table("org_suffix_words.tsv")}


def word_end_guard(ends: dict[str, str]) -> str:
    """A look-ahead that fails where a suffix just read runs on into a longer word (``乡`` + ``村``).

    >>> word_end_guard({"乡": "村镇", "中学": "习"})
    '(?!(?=[习村镇])(?:(?<=乡)[村镇]|(?<=中学)[习]))'
    >>> word_end_guard({})
    ''
    """
    if not ends:
        return ""
    chars = "".join(sorted({re.escape(c) for c in "".join(ends.values())}))
    return f"(?!(?=[{chars}])(?:{_run_on_pattern(ends)}))"  # one set test before the branches


def _run_on_pattern(ends: dict[str, str]) -> str:
    return "|".join(f"(?<={re.escape(sfx)})[{re.escape(chars)}]" for sfx, chars in ends.items()) or "(?!)"


@cache
def _run_on_re() -> re.Pattern[str]:
    """Matches where a suffix that ends right before runs on into a longer word (for names cut short by an end)."""
    return rx.compile(_run_on_pattern(_word_ends()))


@cache
def _chain_re() -> re.Pattern[str]:
    """A name anchored at the start: one or more pieces, each ending in a suffix.

    One-character suffixes (``市``, ``局``) need at least two characters before them; a suffix that
    runs on into a longer word (``乡村``, ``市场``: ``org_suffix_words.tsv``) ends no piece.
    """
    sfx = sorted(_suffixes(), key=len, reverse=True)
    short = "".join(re.escape(s) for s in sfx if len(s) == 1)
    long_ = _words_pattern(tuple(s for s in sfx if len(s) > 1))
    piece = rf"(?:{_NAME_CHAR}{{0,10}}?{long_}|{_NAME_CHAR}{{2,10}}?[{short}]){word_end_guard(_word_ends())}"
    units = re.escape(_units().get("unit", "")) or "(?!)"
    # a unit piece (two characters at most before it: 立足三师五团) is tried only where a unit's character lies close
    # ahead (one possessive scan): they are rare
    unit = rf"(?=[^{units}]{{0,8}}+[{units}]){_NAME_CHAR}{{0,2}}?{unit_pattern()}"
    return rx.compile(rf"(?:{piece}|{unit})+(?<!党组(?=织))")


@cache
def _units() -> dict[str, str]:
    """kind -> characters, from ``org_units.tsv`` (military-corps units: numeral, inner, unit, not_before)."""
    return {row[0]: row[1] for row in read_table("org_units.tsv")}


@cache
def unit_pattern() -> str:
    """A military-corps unit written with numbers, one piece of a name: ``一师七团``, ``十四团五连``, ``三连``.

    >>> rx.compile(unit_pattern()).fullmatch("三师十四团五连") is not None, re.match(unit_pattern(), "一连三天")
    (True, None)
    """
    u = _units()
    num, inner, unit = (re.escape(u.get(k, "")) for k in ("numeral", "inner", "unit"))
    if not (num and unit):
        return "(?!)"
    stop = re.escape(u.get("not_before", "")) + num
    return rf"(?:第?[{num}]{{1,5}}[{inner}])*第?[{num}]{{1,5}}[{unit}](?![{stop}])"


@cache
def verb_re() -> re.Pattern[str]:
    """The action cues (``org_cues.tsv``, kind verb), longest first; 组织 not as in 组织部."""
    return rx.compile(rf"{_words_pattern(_cues()['verb'])}(?!部){cue_guard()}{join_guard()}")  # 组织 but not 组织部


_verb_re = verb_re


@cache
def openers() -> tuple[str, ...]:
    """Words a body's name never starts with (``org_openers.tsv``), longest first."""
    return tuple(sorted((row[0] for row in read_table("org_openers.tsv")), key=len, reverse=True))


@cache
def _pronouns() -> tuple[str, ...]:
    """The openers of kind pronoun or national: a name read after one is dropped, not cut (我们村党支部; 全国文明村,
    全国政协: an honour or a national body, never the grassroots organizer)."""
    return tuple(row[0] for row in read_table("org_openers.tsv") if row[1] in ("pronoun", "national"))


@cache
def _opener_re() -> re.Pattern[str]:
    """The openers, longest first; one that is a cue in a longer word (和 of 和谐社区) is none there."""
    return rx.compile(trie_pattern(openers()) + cue_guard())


@cache
def not_body_endings() -> tuple[str, ...]:
    """Endings of areas that are no bodies (``org_not_bodies.tsv``: 小区, 辖区…)."""
    return tuple(row[0] for row in read_table("org_not_bodies.tsv"))


def _opener_length(text: str, pos: int, end: int, opened: re.Match[str] | None = None) -> int:
    """Length of the opener (``org_openers.tsv``) the name at ``text[pos:end]`` starts with; 0 for none.
    ``opened``: the opener regex's match there, when the caller has it (else it is read here).

    A name that starts with a full place name of the gazetteer that opens with an opener
    (和平区, 于都县), or with a longer place word a place suffix follows (于家村), has none.

    >>> _opener_length("在社区党群服务中心", 0, 9), _opener_length("和平区马路湾街道", 0, 8), _opener_length("区财政局", 0, 4)
    (1, 0, 0)
    """
    m = opened or _opener_re().match(text, pos, end)
    if m is None:
        return 0
    place = _opener_place_re().match(text, pos, end)
    if place and place.end() > m.end():
        return 0
    # nor one inside a longer place word a place suffix follows (于家村, 于集镇: 于家, 于集 of the gazetteer)
    if in_place_word(text[pos:end], 0, m.end() - pos, longer=True):
        return 0
    if m.end() == pos + 1 and text[pos] in _head_openers():
        if _opens_place(text, pos + 1, end):  # 至乐社区, 同丰村
            return 0
        if text[pos] in _place_only_openers() and not _before_place(text, pos + 1, end):  # 同济大学, 后勤服务中心
            return 0
    return m.end() - pos


@cache
def _place_only_openers() -> frozenset[str]:
    """The head openers that are openers only before a place's name, a bare suffix or another opener (``org_openers.tsv``,
    third column place_only: 同 of 同东岭村党支部, 同社区, 同各小区; not of 同济大学)."""
    return frozenset(row[0] for row in read_table("org_openers.tsv") if len(row) > 2 and row[2] == "place_only")


_MIN_PLACE_WORD = 2  # characters of a place's own name before its suffix (东岭 of 东岭村)


def _before_place(text: str, pos: int, end: int) -> bool:
    """True when what follows at ``pos`` (before ``end``) is a bare suffix (社区), opens with an opener (各小区) or opens
    with a place's name of two or more characters before its suffix (东岭村党支部).

    >>> _before_place("同东岭村党支部", 1, 7), _before_place("同社区", 1, 3), _before_place("同济大学", 1, 4)
    (True, True, False)
    """
    rest = text[pos:end]
    if rest in _suffixes() or _opener_re().match(rest):
        return True
    for k in range(_MIN_PLACE_WORD + 1, len(rest) + 1):
        head = rest[:k]
        suffix = next((sfx for sfx in place_suffixes() if head.endswith(sfx)), None)
        if suffix is not None and len(head) - len(suffix) >= _MIN_PLACE_WORD and name_at(head) == head:
            return True
    return False


@cache
def _head_openers() -> frozenset[str]:
    """The one-character openers that also open communities' and villages' names (``org_openers.tsv``, third column
    head: 至 of 至乐社区, 同 of 同丰村)."""
    return frozenset(row[0] for row in read_table("org_openers.tsv") if len(row) > 2 and row[2] in ("head", "place_only"))


# the ends of a place or a road named by two characters (乐社区 of 至乐社区, 砚路 of 同砚路派出所)
_HEAD_PLACE_ENDS = ("社区", "街道", "嘎查", "村", "镇", "乡", "路", "街")


def _opens_place(text: str, pos: int, end: int) -> bool:
    """True when one character that is no place suffix and a place's end follow at ``pos`` (before ``end``):
    a two-character place's name of which the opener before ``pos`` is the first character.

    >>> _opens_place("至乐社区党支部", 1, 7), _opens_place("后支部", 1, 3), _opens_place("在乡村", 1, 3)
    (True, False, False)
    """
    if pos >= end or not _is_cjk(text[pos]) or text[pos] in _suffixes():
        return False
    return any(text.startswith(e, pos + 1) and pos + 1 + len(e) <= end for e in _HEAD_PLACE_ENDS)


@cache
def address_words() -> tuple[str, ...]:
    """Words of an address a body's name may be followed by (``org_address_words.tsv``: 宿舍, 家属院…)."""
    return tuple(row[0] for row in read_table("org_address_words.tsv"))


def _in_address(text: str, end: int) -> bool:
    """True when the name ending at ``end`` is part of an address (``X局宿舍``): an address word follows it."""
    return text.startswith(address_words(), end)


@cache
def _opener_place_re() -> re.Pattern[str]:
    """The full gazetteer names (province to township) that open with an opener: 和平区, 于都县, 将乐县."""
    from .gazetteer import gazetteer

    first = _opener_re()
    names = {d.name for d in gazetteer().divisions if first.match(d.name) and len(d.name) > 1}
    return rx.compile(trie_pattern(names))


def is_place(word: str) -> bool:
    """True when ``word`` is a gazetteer place name as a whole (full name or short form).

    >>> is_place("黄陂区"), is_place("宜城"), is_place("大雨还")
    (True, True, False)
    """
    from .gazetteer import gazetteer

    found = gazetteer().find(word)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(word)


def places_in(text: str) -> list[str]:
    """Full names of the gazetteer places named in ``text``, in order (``丹棱`` -> 丹棱县).

    >>> places_in("丹棱县:党旗飘扬")
    ['丹棱县']
    """
    from .gazetteer import gazetteer

    g = gazetteer()
    return [g.divisions[m.candidates[0]].name for m in g.find(text)]


def places_at(text: str) -> list[tuple[int, str]]:
    """(where, full name) of the gazetteer places named in ``text``, in order (:func:`places_in`).

    >>> places_at("在丹棱县:党旗飘扬")
    [(1, '丹棱县')]
    """
    from .gazetteer import gazetteer

    g = gazetteer()
    return [(m.start, g.divisions[m.candidates[0]].name) for m in g.find(text)]


def name_at(text: str, pos: int = 0, endpos: int | None = None) -> str | None:
    """The organization name starting at ``pos`` (pieces ending in org suffixes), if any.

    ``endpos`` cuts the text there, as if it ended (no name runs past it).

    >>> name_at("清河口街道明晶巷社区党委以共同缔造为契机")
    '清河口街道明晶巷社区党委'
    >>> name_at("区教育局党委书记")
    '区教育局党委'
    >>> name_at("区教育局党委书记", 0, 4)
    '区教育局'
    >>> name_at("全市") is None
    True
    """
    m = _chain_re().match(text, pos, len(text) if endpos is None else endpos)
    return m.group() if m else None


_MAX_OPENERS = 2  # openers cut from the start of one name (在将社区…)
_NON_CJK = r"\x00-\u4dff\ua000-\U0010ffff"  # [^\u4e00-\u9fff] as ranges, to join other characters
# the counter after a number (2万多名, 7家, 3 个) is no start of a name; after other marks (,支持…) it is text
_COUNTER = r"(?:(?:(?<=[0-9])|(?<=[0-9] ))[万千百个家支名所余多栋]*)?"


@cache
def _chunk_re() -> re.Pattern[str]:
    r"""What separates names: a non-CJK run (with a counter after it), an action cue, or 与/及/的.

    It matches what ``[^\u4e00-\u9fff]+(?:(?:(?<=[0-9])|(?<=[0-9] ))[万千百个家支名所余多栋]*)?|<cues, longest first>(?!部)|[与及的]``
    matches, written to open with one character class (the first characters of all three), so
    that ``re`` skips every other character in a tight loop. The branches go on after that
    character and look back at it: the non-CJK run; each cue's tail, longest cue first, then
    the whole cue behind; the one-character cues; 与/及/的.
    """
    verbs = sorted(_cues()["verb"], key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in verbs}))
    branches = [rf"(?<=[{_NON_CJK}])[^\u4e00-\u9fff]*{_COUNTER}"]
    branches += [rf"{re.escape(w[1:])}(?<={re.escape(w)})(?!部)" for w in verbs if len(w) > 1]
    singles = "".join(re.escape(w) for w in verbs if len(w) == 1)
    branches += [rf"(?<=[{singles}])(?!部)"] if singles else []
    branches.append("(?<=[与及的])")
    return rx.compile(rf"[{_NON_CJK}{firsts}与及的](?:{'|'.join(branches)}){cue_guard()}{join_guard()}")


def _separators(text: str) -> list[tuple[int, int]]:
    """Spans of the :func:`_chunk_re` matches in ``text``, in order.

    >>> _separators("王寨街道联合襄阳市,成立小分队")
    [(4, 6), (9, 10), (10, 12)]
    """
    return _separators_ahead(text)[0]


def _separators_ahead(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """:func:`_separators`, and for each where the first suffix end after its end's character lies
    (:func:`_chunk_ahead_re`, group 1): read in the same scan, so that a chunk is tested with no search of its own.

    >>> _separators_ahead("王寨街道联合襄阳市,成立小分队")
    ([(4, 6), (9, 10), (10, 12)], [8, 14, 14])
    """
    found = list(_chunk_ahead_re().finditer(text))
    spans = list(map(re.Match.span, found))  # the spans taken without a Python step per match
    nexts = list(map(re.Match.end, found, repeat(1)))
    # a cue some longer place word holds (和 of 阳和镇) has a character of that word right before or after it: only
    # separators opening where such a cue does are looked up (most texts have none)
    starts = list(map(re.Match.start, _place_cue_at_re().finditer(text)))
    if not starts:
        return spans, nexts
    ends = dict(spans)
    held = {start for start in starts if start in ends and _cue_in_place(text, start, ends[start])}
    if not held:
        return spans, nexts
    kept = [i for i, span in enumerate(spans) if span[0] not in held]
    return [spans[i] for i in kept], [nexts[i] for i in kept]


@cache
def _chunk_ahead_re() -> re.Pattern[str]:
    """:func:`_chunk_re`, and a look-ahead past the character after the match to the first suffix end
    (:func:`_suffix_end_re`) or the text's end: group 1 ends there (-1 for a match at the text's end).

    The look-ahead always succeeds (its last branch is empty): the matches are :func:`_chunk_re`'s.
    """
    return rx.compile(f"{_chunk_re().pattern}(?=(?s:.)([^{_suffix_end_chars()}]*)|)")


@cache
def _place_cue_at_re() -> re.Pattern[str]:
    """Where a cue some longer place word holds starts with a character that word has right before the cue
    (side 0 of :func:`_place_cues`) or right after it (side 1): one character matched, the rest looked at.

    Every separator :func:`_cue_in_place` finds in a place word starts at one of these: its cue is under
    one of the two characters around it in :func:`_place_cues`.
    """
    sides: dict[tuple[str, int], set[str]] = {}
    for cue, side, ch in _place_cues():
        sides.setdefault((cue, side), set()).add(ch)
    if not sides:
        return rx.compile("(?!)")
    branches = []
    for (cue, side), chars in sorted(sides.items()):
        first, rest, around = re.escape(cue[0]), re.escape(cue[1:]), "".join(sorted(re.escape(c) for c in chars))
        branches.append(f"{first}(?<=[{around}]{first}){f'(?={rest})' if rest else ''}" if side == 0
                        else f"{first}(?={rest}[{around}])")
    firsts = "".join(sorted(re.escape(c) for c in _place_cue_firsts()))
    return rx.compile(f"(?=[{firsts}])(?:{'|'.join(branches)})")  # one set test before the branches


@cache
def _place_cues() -> dict[tuple[str, int, str], tuple[tuple[str, int], ...]]:
    """The longer place words holding an action cue (和 of 阳和镇, 从 of 从江县), by the cue and the character
    before it (side 0) or after it (side 1) there: (cue, side, character) -> (place word, the cue's offset).

    Every place word longer than the cue has one of the two, so the words a cue in a text may lie in are
    those under the characters around it there: :func:`_cue_in_place` reads only those.
    """
    cues = frozenset(_cues()["verb"])
    firsts = frozenset(cue[0] for cue in cues)
    longest = max(map(len, cues), default=0)
    out: dict[tuple[str, int, str], list[tuple[str, int]]] = {}
    for word in place_words():
        if firsts.isdisjoint(word):  # most place words hold no cue's first character: one set test
            continue
        for at in range(len(word)):
            for cue in {word[at : at + n] for n in range(1, longest + 1)} & cues:
                if at > 0:
                    out.setdefault((cue, 0, word[at - 1]), []).append((word, at))
                elif len(cue) < len(word):
                    out.setdefault((cue, 1, word[len(cue)]), []).append((word, at))
    return {key: tuple(words) for key, words in out.items()}


@cache
def _place_cue_words() -> frozenset[str]:
    """The cues some longer place word holds."""
    return frozenset(cue for cue, _, _ in _place_cues())


@cache
def _place_cue_firsts() -> frozenset[str]:
    """The first characters of the cues some longer place word holds."""
    return frozenset(cue[0] for cue in _place_cue_words())


def _cue_in_place(text: str, start: int, end: int) -> bool:
    """:func:`in_place_word` with ``longer`` for the cue at ``text[start:end]``, read from :func:`_place_cues`."""
    index, ends, cue = _place_cues(), place_suffixes(), text[start:end]  # a separator not a cue finds nothing
    found = index.get((cue, 0, text[start - 1]), ()) if start > 0 else ()
    if end < len(text):
        found += index.get((cue, 1, text[end]), ())
    for word, at in found:
        i = start - at
        if i >= 0 and text.startswith(word, i) and text.startswith(ends, i + len(word)):
            return True
    return False


def first_cue(text: str) -> re.Match[str] | None:
    """The first action cue (:func:`verb_re`) in ``text`` that lies in no longer place word (和 of 阳和镇).

    >>> first_cue("人和镇党委和社区开展活动").start()
    5
    """
    verb, cues = _verb_re(), _place_cue_words()
    found = verb.search(text)
    while found is not None and found.group() in cues and _cue_in_place(text, found.start(), found.end()):
        found = verb.search(text, found.start() + 1)
    return found


@cache
def _suffix_end_re() -> re.Pattern[str]:
    """The last character of any suffix or military-corps unit: a name ends on one."""
    return rx.compile(f"[{_suffix_end_chars()}]")


@cache
def _suffix_end_chars() -> str:
    """The last characters of the suffixes and military-corps units, escaped for a character class."""
    ends = {sfx[-1] for sfx in _suffixes()} | set(_units().get("unit", ""))
    return "".join(sorted(re.escape(c) for c in ends))


@cache
def stopword_re() -> re.Pattern[str] | None:
    """The stopwords of ``org_stopwords.tsv`` as one regex (None when there are none); a preposition right after a
    body's name (:func:`preposition_pattern`) is one whatever stands around it."""
    rows = _stopwords()
    return rx.compile("|".join([preposition_pattern(), *(_scan_pattern(*row) for row in rows)])) if rows else None


def _scan_pattern(word: str, unless_after: str = "", unless_before: str = "") -> str:
    r""":func:`stopword_pattern` written to open with the word: the characters it may not follow are looked back at
    after it (with it). Every branch of :func:`stopword_re` then opens with a character, so that ``re`` scans a
    name for their first characters at once instead of trying each of the many branches at every position.

    >>> _scan_pattern("等", "高中"), _scan_pattern("向", "", "阳")
    ('等(?<![高中]等)', '向(?![阳])')
    """
    after = f"(?<![{re.escape(unless_after)}]{re.escape(word)})" if unless_after else ""
    before = f"(?![{re.escape(unless_before)}])" if unless_before else ""
    return f"{re.escape(word)}{after}{before}"


@cache
def preposition_pattern() -> str:
    """The prepositions of ``org_stopwords.tsv`` (fourth column preposition or after_body) right after a body's name, a
    suffix of a kind other than place (``X党委向北岭村``: 向, though 向 before 北 is excepted elsewhere), or after a word
    for people (fourth column person: 党员向东岭社区).

    >>> rx.compile(preposition_pattern()).search("青禾镇党委向北岭村").start(), rx.compile(preposition_pattern()).search("青禾镇向北村")
    (5, None)
    """
    rows = read_table("org_stopwords.tsv")
    words = [row[0] for row in rows if len(row) > 3 and row[3] in ("preposition", "after_body")]
    people = [row[0] for row in rows if row[3:4] == ["person"]]  # 党员向X社区: as after a body's name
    bodies = sorted({sfx for sfx, kind in _suffixes().items() if kind != "place"} | set(people), key=len, reverse=True)
    if not words or not bodies:
        return "(?!)"
    # each word, then a look-behind at the body's suffix and the word: a pattern that opens with its words' characters
    # lets the joined stopword regex keep its first-character scan
    return "|".join(
        re.escape(w) + "(?:" + "|".join(f"(?<={re.escape(b + w)})" for b in bodies) + ")"
        for w in sorted(words, key=len, reverse=True)
    )


@cache
def _preposition_re() -> re.Pattern[str]:
    return rx.compile(preposition_pattern())


_stopword_re = stopword_re
MAX_PLACE_WORD = 6  # the longest place word (a place's name less its suffix) a stopword is looked for in


@cache
def place_suffixes() -> tuple[str, ...]:
    """The suffixes of kind place (``org_suffixes.tsv``: 街道, 镇, 村…), longest first."""
    return tuple(sorted((sfx for sfx, kind in _suffixes().items() if kind == "place"), key=len, reverse=True))


@cache
def place_words() -> frozenset[str]:
    """The names of the gazetteer's places less their suffix, of two to :data:`MAX_PLACE_WORD` characters
    (他拉哈 of 他拉哈镇, 回龙 of 回龙镇, 跃进 of 跃进乡). Built once and kept in the disk cache, beside the
    gazetteer's tables and keyed by the same sources (:mod:`partyevents.cache`)."""
    from .gazetteer import cache_key

    key = (*cache_key(), file_digest(Path(__file__)), place_suffixes(), MAX_PLACE_WORD)
    return frozenset(cached("org-place-words", key, _build_place_words))


def _build_place_words() -> tuple[str, ...]:
    from .gazetteer import gazetteer

    end = rx.compile(f"(?:{'|'.join(map(re.escape, place_suffixes()))})$")  # the leftmost match: the longest suffix
    return tuple(sorted({
        div.name[: m.start()] for div in gazetteer().divisions
        if (m := end.search(div.name)) and 2 <= m.start() <= MAX_PLACE_WORD
    }))


@cache
def _kinds_of_place_re() -> re.Pattern[str]:
    committees = {row[0] for row in read_table("org_committees.tsv")}
    return rx.compile(f"(?:{trie_pattern([s for s in place_suffixes() if s not in committees])})+")


def is_kinds_of_place(name: str) -> bool:
    """True for a name made of place suffixes alone, a committee (``org_committees.tsv``) none of them: a list of
    kinds of place, no body.

    >>> is_kinds_of_place("乡镇街道社区"), is_kinds_of_place("市县乡"), is_kinds_of_place("新区街道")
    (True, True, False)
    >>> is_kinds_of_place("社区居委会")
    False
    """
    return _kinds_of_place_re().fullmatch(name) is not None


@cache
def _place_suffix_firsts() -> frozenset[str]:
    """The first characters of the place suffixes (:func:`place_suffixes`)."""
    return frozenset(sfx[0] for sfx in place_suffixes())


@lru_cache(maxsize=1 << 14)
def in_place_word(name: str, start: int, end: int, longer: bool = False) -> bool:
    """True when ``name[start:end]`` lies inside a place word followed by a place suffix (:func:`place_words`):
    the 他 of 他拉哈镇, the 进 of 前进村, the 回 of 回龙村 are no stopwords there. ``longer``: only in a place
    word longer than itself (the 和 of 阳和镇, not the 联合 of 联合区卫健局). Kept for names and spans read again
    (a page names its places more than once).

    >>> in_place_word("他拉哈镇党委", 2, 3), in_place_word("回龙村", 0, 1), in_place_word("回到社区", 0, 1)
    (True, True, False)
    >>> in_place_word("联合区卫健局", 0, 2), in_place_word("联合区卫健局", 0, 2, longer=True)
    (True, False)
    """
    words, ends = place_words(), place_suffixes()
    least = end - start + 1 if longer else 2
    first = max(0, end - MAX_PLACE_WORD)
    # where a place suffix starts, after the span and before the longest place word from ``first`` ends: most names
    # have none there, and then no place word holds the span
    # (a set test on the first character first: most characters open no place suffix; j == len(name) opens none)
    firsts = _place_suffix_firsts()
    heads = [
        j for j in range(end, min(len(name) - 1, start + MAX_PLACE_WORD) + 1)
        if name[j] in firsts and name.startswith(ends, j)
    ]
    if not heads:
        return False
    for i in range(first, start + 1):
        for j in heads:
            if max(end, i + least) <= j <= i + MAX_PLACE_WORD and name[i:j] in words:
                return True
    return False


@lru_cache(maxsize=1 << 13)
def first_stopword(name: str) -> re.Match[str] | None:
    """The first stopword (``org_stopwords.tsv``) in a name that lies in no place word (:func:`in_place_word`).

    At each position the stopword regex's match is taken; one inside a place word is passed over. Kept for names
    read again (a page names its bodies and places more than once): the match is only read, never changed.

    >>> first_stopword("他拉哈镇党委") is None, first_stopword("他认真听取社区").group()
    (True, '他')
    """
    stop_re = _stopword_re()
    stop = stop_re.search(name) if stop_re is not None else None
    while (
        stop is not None
        and in_place_word(name, stop.start(), stop.end())
        and not _preposition_re().match(name, stop.start())  # X党委对江村: 对 after a body is no place's
    ):
        stop = stop_re.search(name, stop.start() + 1)  # type: ignore[union-attr]  # stop is from stop_re
    return stop


@lru_cache(maxsize=1 << 16)
def kind_of(name: str) -> str:
    """The kind of the first suffix (in ``org_suffixes.tsv`` order) the name ends with.

    >>> kind_of("区教育局党委"), kind_of("购药小分队"), kind_of("某某")
    ('party', 'social', 'other')
    """
    return next((k for suf, k in _suffixes().items() if name.endswith(suf)), "other")


def organizer_in(text: str) -> tuple[int, int] | None:
    """Span of the organizer in an event's text (:func:`partyevents.extract.organizer.find_organizer`).

    >>> t = "12月9日\\n柳溪街道召开疫情防控推进会。"
    >>> s = organizer_in(t); t[s[0]:s[1]]
    '柳溪街道'
    >>> t = "8月26日,为推进党员干部下沉社区常态化,区教育局党委书记张明被选派为社区第一书记"
    >>> s = organizer_in(t); t[s[0]:s[1]]
    '区教育局党委'
    """
    from .organizer import find_organizer

    found = find_organizer(text)
    return (found.start, found.end) if found else None


def organizer_clause(text: str) -> tuple[int, int] | None:
    """(start, end) of the clause that holds the organizer: :func:`organizer_in` of it alone is the same name.

    A clause holds no clause or sentence mark, so read alone it is one sentence of one clause.

    >>> t = "8月26日,为推进党员干部下沉社区,区教育局党委书记张明被选派。会议强调"
    >>> s, e = organizer_clause(t); t[s:e]
    '区教育局党委书记张明被选派'
    >>> organizer_in(t[s:e])
    (0, 6)
    """
    from .organizer import find_organizer

    found = find_organizer(text)
    return (found.clause_start, found.clause_end) if found else None


_ASCII_RUN = rx.compile(r"[A-Za-z0-9]+")
# what any run masked holds: a Latin letter, or 第 and a digit (written to open with one character class, so that re
# scans for it at once: [A-Za-z]|第[0-9] would try both branches at every position)
_INNER_HINT = rx.compile(r"[A-Za-z第](?:(?<=第)[0-9]|(?<!第))")
_MAX_INNER = 6  # characters of a run of Latin letters or digits inside a name (学生e支部, 5G党支部)
_MAX_INNER_NUMBER = 3  # digits of an ordinal inside a name (第3党支部)
_INNER_MASK = "\u4e02"  # 丂: a Han character in no word of the tables, standing for one Latin letter or digit
_NOT_BEFORE_INNER = "年月日号时分秒"  # 3日A社区: a date, and what follows it starts afresh


def _is_cjk(ch: str) -> bool:
    return _CJK[0] <= ord(ch) <= _CJK[1]


def masked(text: str) -> str:
    """``text`` with every short run of Latin letters or digits inside a name written as Han characters of no word
    (:data:`_INNER_MASK`), one for one: a run between two Han characters that holds a letter (学生e支部, 5G党支部), or
    digits right after 第 (第3党支部). Names are read on the masked text and written from the text itself, so that
    they carry the run; the offsets are the same.

    >>> masked("学院学生e支部和第3党支部,3日A社区,共12个")
    '学院学生丂支部和第丂党支部,3日A社区,共12个'
    """
    if not _INNER_HINT.search(text):  # most texts hold no Latin letter and no digit after 第
        return text
    parts: list[str] = []
    last = 0
    for m in _ASCII_RUN.finditer(text):
        s, e = m.span()
        if s == 0 or e >= len(text) or not _is_cjk(text[s - 1]) or not _is_cjk(text[e]):
            continue
        run = m.group()
        if run.isdigit():
            inner = len(run) <= _MAX_INNER_NUMBER and text[s - 1] == "第"
        else:
            inner = len(run) <= _MAX_INNER and text[s - 1] not in _NOT_BEFORE_INNER
        if inner:
            parts += [text[last:s], _INNER_MASK * len(run)]
            last = e
    return "".join(parts) + text[last:] if parts else text


def _chunks(text: str) -> list[tuple[int, int]]:
    """(start, stop) of each chunk of ``text`` (masked) that a name may be read in: :func:`org_spans`."""
    n = len(text)
    seps, nexts = _separators_ahead(text)  # in order, never overlapping, never empty
    stops = [start for start, _ in seps]
    stops += (n, n)
    # A chunk starts at 0 and after each separator and runs to the next stop after its start (one
    # separator may follow another at once). A name is 2+ chars: it ends on a suffix's last char
    # after the chunk start and before the stop, so chunks without one are not read.
    can_end = _suffix_end_re().search
    chunks = [(0, stops[0] or stops[1])] if n and can_end(text, 1, stops[0] or stops[1]) else []
    chunks += [  # each separator's end, with the next stop after it and the one after that; ``nexts`` holds where
        # the first suffix's end after the end's character lies (the text's end for none)
        (end, limit)
        for (_, end), nxt, after, first in zip(seps, stops[1:], stops[2:], nexts, strict=False)  # stops: two longer
        if end < n and first < (limit := nxt if nxt > end else after)
    ]
    return chunks


def org_spans(text: str) -> list[tuple[int, int, str]]:
    """Every organization name in ``text``: (start, end, kind), names read at chunk starts.

    A chunk starts after punctuation or an action cue, so verbs never glue onto names. A name may carry Latin letters
    or an ordinal's digits (:func:`masked`: 学生e支部, 第3党支部).

    >>> t = "王寨街道联合襄阳市乐源社会工作服务中心志愿者,成立“购药小分队”"
    >>> [t[s:e] for s, e, _ in org_spans(t)]
    ['王寨街道', '襄阳市乐源社会工作服务中心', '购药小分队']
    >>> t = "理工学院学生e支部与东岭社区第3党支部开展共建"
    >>> [t[s:e] for s, e, _ in org_spans(t)]
    ['理工学院学生e支部', '东岭社区第3党支部']
    """
    text = masked(text)
    chunks = _chunks(text)
    chain, opener, suffixes, stop_re, not_bodies = _body_tools()
    out: list[tuple[int, int, str]] = []
    end_seen = -1
    for s, limit in chunks:
        while s < limit:  # one read, and a read after each stopword met (X村党支部书记Y对Z局: Z局 too)
            if s < end_seen:
                break
            m = chain(text, s, limit)
            if m is None:
                break
            name = m.group()
            if name in suffixes or is_kinds_of_place(name):  # a bare suffix (社区): no shorter name in it
                break
            stop = stop_re.search(name) if stop_re is not None else None
            if stop is not None:  # rare: a stopword inside a place word (他拉哈镇) is none
                stop = first_stopword(name)
            if (  # the common case, read here; openers and back-offs in body_at
                stop is None and not opener(text, s, m.end()) and not name.endswith(not_bodies)
                and not _in_address(text, m.end())
            ):
                out.append((s, m.end(), kind_of(name)))
                end_seen = m.end()
            elif (found := _body_from(text, s, limit, m)) is not None:
                out.append((found[0], found[1], kind_of(text[found[0] : found[1]])))
                end_seen = found[1]
            if stop is None or not _reads_on(stop.group()):
                break
            s += stop.end()
    return out


@cache
def _read_on_words() -> frozenset[str]:
    """Stopwords after which a name is read again: words of two or more characters, and the one-character
    words with exceptions (对, 向, 由, 将, 等); after 了, 进, 是 the text goes on inside a word (了解, 进一步:
    a word without exceptions, or one marked ``inside`` in ``org_stopwords.tsv``),
    and after a pronoun (我们村党支部) what follows is no name of its own."""
    pronouns = set(_pronouns())
    inside = {row[0] for row in read_table("org_stopwords.tsv") if len(row) > 3 and row[3] == "inside"}
    after_body = {row[0] for row in read_table("org_stopwords.tsv") if row[3:4] == ["after_body"]}
    return frozenset(
        w for w, after, before in _stopwords() if (len(w) > 1 or after or before) and w not in pronouns | inside
    ) | after_body


def _reads_on(word: str) -> bool:
    return word in _read_on_words()


def body_at(text: str, pos: int, endpos: int) -> tuple[int, int] | None:
    """Span of the body's name read at ``pos`` (not past ``endpos``): :func:`name_at`, cleaned.

    Openers (``在``, ``推动``) are cut from its start, up to :data:`_MAX_OPENERS` of them (after a
    pronoun, ``他认真听取X村``, nothing is left); a name
    that holds a stopword, ends as an area or is a bare suffix backs off to the longest shorter
    name that does not (``X村党支部流动党员返乡`` -> ``X村党支部``). None when nothing is left.

    >>> t = "在恩施市新田村党支部流动党员返乡座谈会上"
    >>> s, e = body_at(t, 0, len(t)); t[s:e]
    '恩施市新田村党支部'
    >>> body_at("推动乡村振兴", 0, 6) is None
    True
    """
    m = _body_tools()[0](text, pos, endpos)
    return None if m is None else _body_from(text, pos, endpos, m)


def _body_from(text: str, pos: int, endpos: int, m: re.Match[str]) -> tuple[int, int] | None:
    """:func:`body_at` once the name at ``pos`` is read (``m``): the caller that has it reads it only once."""
    chain, opener, _, _, _ = _body_tools()
    opened = opener(text, pos, m.end())
    if opened:  # rare: most names open with no opener
        cut = 1
        for _ in range(_MAX_OPENERS):  # 在社区党群服务中心 -> 社区党群服务中心; 推动乡 -> nothing
            if not (cut := _opener_length(text, pos, m.end(), opened)):  # the first opener is read already
                break
            if text.startswith(_pronouns(), pos):  # 他认真听取X村: what follows a pronoun is its verb phrase
                return None
            pos += cut
            if (next_m := chain(text, pos, endpos)) is None:
                return None
            m, opened = next_m, None
        if cut and _opener_length(text, pos, m.end()):  # (a cut of 0 was the same test, just made)
            return None
    return _backed_off(text, pos, m)


def _backed_off(text: str, pos: int, m: re.Match[str] | None) -> tuple[int, int] | None:
    """The span of the longest name from ``m`` on down that holds no stopword, is no area and no bare suffix."""
    chain, _, suffixes, stop_re, not_bodies = _body_tools()
    run_on = _run_on_re().match
    first = True
    while m is not None:
        if _in_address(text, m.end()):  # X局宿舍: a place's name, the body does nothing
            return None
        name = m.group()
        stop = stop_re.search(name) if stop_re is not None else None
        if stop is not None:  # rare: a stopword inside a place word (他拉哈镇) is none
            stop = first_stopword(name)
        if stop is not None:  # the name must end before the stopword's last character
            m = chain(text, pos, pos + stop.end() - 1) if stop.end() > 1 else None
            first = False
            continue
        # a shorter name read with an end set after it must not end inside a word (乡 of 乡村) either
        if (
            name not in suffixes
            and not name.endswith(not_bodies)
            and (first or not run_on(text, m.end()))
            and not is_kinds_of_place(name)
        ):
            return pos, m.end()
        m = chain(text, pos, m.end() - 1)
        first = False
    return None


def clean_name_at(text: str, pos: int = 0) -> str | None:
    """:func:`name_at`, backed off past stopwords and area endings as :func:`body_at` does, openers left alone.

    >>> clean_name_at("我院行政党支部向幸福社区送去书籍")
    '我院行政党支部'
    """
    span = _backed_off(text, pos, _chain_re().match(text, pos))
    return text[span[0] : span[1]] if span else None


@cache
def _body_tools() -> tuple[
    Callable[..., re.Match[str] | None], Callable[..., re.Match[str] | None], dict[str, str], re.Pattern[str] | None,
    tuple[str, ...],
]:
    """What :func:`body_at` reads, looked up once: chain match, opener match, suffixes, stopwords, area endings."""
    return _chain_re().match, _opener_re().match, _suffixes(), _stopword_re(), not_body_endings()


def find_organizations(ctx: DocContext, events: list[Event]) -> list[tuple[OrgMention | None, list[OrgMention]]]:
    """For each event: (organizer, all bodies named), with document offsets.

    The organizer is what the spaCy pipeline (:func:`partyevents.nlp.organizer_of`) finds
    over the event's head, handed the names already found in the event so that they are not
    matched twice, read without building a ``Doc``
    (:func:`~partyevents.extract.organizer.organizer_span`). A reference (``我县``) or a person found as the
    subject is resolved against the title and the text before the event
    (:func:`~partyevents.extract.organizer.resolve_reference`, :func:`~partyevents.extract.organizer.resolve_person`):
    the organizer is then written as resolved, with the span of the words that stand for it.
    An event that names no organizer inherits the previous event's organizer in the same
    section (span None): bulletin items and feature paragraphs usually continue the story
    of the body named before; so does an event of no date of its own whose organizer would only be the
    body of its ``在X`` clause (source ``venue``: ``在X学院,学员们聆听了讲座``). A photo caption's event (its first
    line a caption, :func:`partyevents.segment.is_caption`) passes on nothing: the story goes on from before it.
    An organizer carried on is listed among the bodies too (one resolved is listed as written: 我县).
    """
    from ..segment import is_caption
    from .organizer import class_words, event_head, is_scope, organizer_span, scope_acts, titled_person

    classes = class_words()
    out: list[tuple[OrgMention | None, list[OrgMention]]] = []
    prev: OrgMention | None = None
    prev_section: str | None = None
    for ev in events:
        spans = org_spans(ev.text)
        spans = [(s + _inner_reference(ev.text[s:e]), e, kind) for s, e, kind in spans]  # 春节前夕该镇: 该镇
        spans = _bracket_starts(ev.text, spans)  # 区(中)直单位…: the name opens before the brackets
        spans = _joint_starts(ev.text, spans)  # 东岭、西岭村联合党支部: the joint body of both
        units = _any_word_re(_sub_unit_words()).search(ev.text) is not None  # most events name no sub-unit: one scan
        if units:
            spans = [(s, _sub_unit_end(ev.text, e), kind) for s, e, kind in spans]  # X镇Y片区组织…: the sub-unit acts
        spans = [(s, e - _doubled_end(ev.text, s, e), kind) for s, e, kind in spans]  # 尚村村部: 尚村
        named = [OrgMention(ev.text[s:e], ev.start + s, ev.start + e, kind) for s, e, kind in spans
                 if not ev.text.startswith(classes, s)  # 农村党支部, 特色党支部: a class of bodies, none of them
                 and not titled_person(ev.text[s:e], ev.text[e : e + 1])  # 王某镇 of 王某镇长: a person
                 and not _quoted_title(ev.text, s, e, kind)
                 and not is_goal(ev.text, s, e, kind)
                 and not fused_title(ev.text, s, e)]
        said = _speeches(ev.text)  # “…代表县委、县政府来看您”: a body named in words said takes no part
        found = organizer_span(ev.text, spans)
        if found is not None and (opened := _bracket_start(ev.text, found.start)) != found.start:
            found = found._replace(start=opened)
        if found is not None and (doubled := _doubled_end(ev.text, found.start, found.end)):
            found = found._replace(end=found.end - doubled)
        if units and found is not None and (unit_end := _sub_unit_end(ev.text, found.end)) != found.end:
            found = found._replace(end=unit_end)  # X镇Y片区组织…: the sub-unit acts
        inner = _inner_reference(ev.text[found.start : found.end]) if found is not None else 0
        if found is not None and inner:  # 春节前夕该镇党委走访…: the reference acts
            found = found._replace(start=found.start + inner, source="reference")
        own = None
        went_on = found is not None and found.source == "venue" and _goes_on(ev, prev)
        if found is not None and went_on:
            # 在X, … of no date of its own: the story of the event before goes on, unless it names X's own branch
            own = _venue_branch(ev.text[found.start : found.end], named)
            found = None
        elif found is not None and found.source == "visited" and prev is not None and ev.section == prev_section:
            found = None  # 党员志愿者来到X社区 of no body named: the body of the story before sends them, X is visited
        organizer = _resolve(ctx, ev, found, named) if found is not None else own
        if organizer is not None and organizer.kind in ("place", "other") and organizer.source == "subject":
            organizer = _own_branch(organizer, named)  # 五连党员干部…, 五连党支部…: the unit's party branch
        if organizer is None and found is not None and found.source == "person":
            organizer = _after_person(ctx, ev, found.end, named)
        if organizer is None and found is not None and found.source == "reference" and found.end - found.start > 1:
            organizer = _past_scope(ctx, ev, found, named)  # 全市 of no city named; not 镇 of 镇长X of no town named
        if organizer is not None:
            organizer = _distributive_owner(organizer)  # X街道各社区党组织: X街道
        scope = (  # 全区… of no place named: a whole place, which the body of the story before does not stand for
            is_scope(ev.text[found.start : found.end]) if found is not None and found.source == "reference"
            else found is None and scope_acts(event_head(ev.text))
        )
        if organizer is None and prev is not None and (ev.section == prev_section or went_on) and not scope:
            organizer = OrgMention(prev.name, None, None, prev.kind, prev.source)
        if (
            organizer is not None
            and organizer.start is not None
            and all(m.start != organizer.start for m in named)
            and ctx.text[organizer.start : organizer.end] == organizer.name
        ):
            named = sorted([*named, organizer], key=lambda m: m.start or 0)
        if said:
            named = [m for m in named if _same(m, organizer) or not _inside(m, ev.start, said)]
        if _any_word_re(_gone_words()).search(ev.text):  # 先后前往X县、Y区: the places visited
            named = [m for m in named if _same(m, organizer) or not _place_gone_to(ev, m)]
        if _any_word_re(_venue_words()["suffix"]).search(ev.text):  # 在X党群服务中心,党员们…: where, not who
            named = [m for m in named if _same(m, organizer) or not _venue_mention(ev, m)]
        listed = _references_resolved(ctx, ev, named)  # 该街道: the body it stands for, listed once
        if organizer is not None and organizer.start is None and all(m.name != organizer.name for m in listed):
            listed.append(organizer)  # carried on from the event before: listed too
        out.append((organizer, listed))
        if not is_caption(ev.text.split("\n", 1)[0]):  # a photo caption's scene: the story goes on from before it
            prev, prev_section = organizer, ev.section
    return out


@lru_cache(maxsize=64)
def _any_word_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """A regex that finds any of ``words`` (none: never): one scan of a text where ``any(w in text for w in words)``
    scans it once per word.

    >>> bool(_any_word_re(("片区", "分队")).search("东岭镇第一片区")), _any_word_re(()).search("片区")
    (True, None)
    """
    return rx.compile(trie_pattern(words) if words else "(?!)")


def _same(mention: OrgMention, organizer: OrgMention | None) -> bool:
    """Whether ``mention`` is the organizer's own words (the same span, perhaps resolved to a longer name): the
    organizer is always listed, even when it is a place gone to or named in words said."""
    return organizer is not None and (mention is organizer or (
        mention.start is not None and mention.start == organizer.start))


@cache
def _sub_unit_words() -> tuple[str, ...]:
    return tuple(row[0] for row in read_table("org_sub_units.tsv"))


@cache
def _sub_unit_re() -> re.Pattern[str]:
    """A sub-unit's short name (no verb cue nor opener in it) and its word (``org_sub_units.tsv``), right before a verb
    cue (``org_cues.tsv``)."""
    words = _sub_unit_words()
    if not words:
        return rx.compile("(?!)")
    verbs = _words_pattern(_cues()["verb"])
    no_cue = _words_pattern(tuple(sorted({*_cues()["verb"], *openers()}, key=len, reverse=True)))
    name = f"(?:(?!{no_cue}){_NAME_CHAR}){{1,4}}?"  # its own name holds no verb cue nor opener: X镇在Y片区开展
    return rx.compile(f"{name}(?:{'|'.join(map(re.escape, words))})(?={verbs})")


def _sub_unit_end(text: str, end: int) -> int:
    """Where a body's name ending at ``end`` ends when a sub-unit of it that acts follows (``X镇东岭片区组织…``,
    ``org_sub_units.tsv``); else ``end``.

    >>> t = "青禾县东岭镇南山片区组织党员学习"; t[:_sub_unit_end(t, 6)]
    '青禾县东岭镇南山片区'
    >>> t = "青禾县东岭镇南山片区的党员"; _sub_unit_end(t, 6)
    6
    >>> t = "青禾县东岭镇在南山片区开展冬训"; _sub_unit_end(t, 6)
    6
    """
    m = _sub_unit_re().match(text, end)
    return m.end() if m else end


def _joint_starts(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans, a joint body's name opened at the list of places it joins (:func:`_joint_start`), and a name inside
    one so read (东岭 of 东岭、西岭村联合党支部) left out."""
    if _LIST_MARK not in text:  # most events: no list, no joint body closing one
        return spans
    out = [(_joint_start(text, s, e), e, kind) for s, e, kind in spans]
    if out == spans:
        return spans
    return [span for span in out if not any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in out)]




def _place_gone_to(ev: Event, m: OrgMention) -> bool:
    """True for a place (kind place) that a word of going (``org_cues.tsv``, kind visit, less 在) stands right before:
    ``先后前往青禾县…`` -- the place visited, no body taking part. The items of a list after the first (``下沉到X村、
    Y村``) stay: the places stage reads them for where a district-wide occasion went on.

    >>> ev = Event(0, 0, 16, "考察组先后前往青禾县、东岭区的示范点")
    >>> _place_gone_to(ev, OrgMention("青禾县", 7, 10, "place")), _place_gone_to(ev, OrgMention("东岭区", 11, 14, "place"))
    (True, False)
    """
    if m.kind != "place" or m.start is None:
        return False
    return ev.text.endswith(_gone_words(), 0, m.start - ev.start)


@cache
def _gone_words() -> tuple[str, ...]:
    """Words of going (``org_cues.tsv``, kind visit, less 在)."""
    return tuple(w for w in _cues().get("visit", ()) if w != "在")


@cache
def _venue_words() -> dict[str, tuple[str, ...]]:
    """kind (suffix | before | after) -> words of ``org_venues.tsv``, longest first."""
    out: dict[str, list[str]] = {}
    for word, kind in read_table("org_venues.tsv"):
        out.setdefault(kind, []).append(word)
    return {kind: tuple(sorted(words, key=len, reverse=True)) for kind, words in out.items()}


@cache
def _venue_before_re() -> re.Pattern[str]:
    """A before word of ``org_venues.tsv``, perhaps a place and 的, and the items of a list after it (依托X中心、Y站: Y站
    too), at the end."""
    items = r"(?:[\u4e00-\u9fff()（）]{1,24}、)*"
    owner = r"(?:[\u4e00-\u9fff]{2,12}的)?"  # 在X镇的Y社区党群服务中心: the place it stands in, then its name
    return rx.compile(f"(?:{trie_pattern(_venue_words().get('before', ()))}){owner}{items}$")


def _venue_mention(ev: Event, m: OrgMention) -> bool:
    """True for a mention of the event that is a venue (:func:`venue_only`)."""
    return m.start is not None and m.end is not None and venue_only(ev.text, m.start - ev.start, m.end - ev.start)


_VENUE_LOOK_BACK = 60  # characters before a facility's name read for the word that makes it a place


def venue_only(text: str, start: int, end: int) -> bool:
    """True for a facility (a name ending with a suffix row of ``org_venues.tsv``) named as the place where something
    happens: a before word right before it (在, 依托, 来到), or an after word right after it (内, 门口, 投入使用); not
    ``在X的组织下``, ``在X的指导下``, where X acts.

    >>> t = "在东岭社区党群服务中心,党员们重温入党誓词"; venue_only(t, 1, 11)
    True
    >>> t = "东岭社区党群服务中心组织党员学习"; venue_only(t, 0, 10)
    False
    >>> t = "在东岭社区新时代文明实践站的带领下,志愿者们"; venue_only(t, 1, 12)
    False
    >>> t = "在东岭社区新时代文明实践站的精心指导下,志愿者们"; venue_only(t, 1, 12)
    False
    """
    words = _venue_words()
    if not text.endswith(words.get("suffix", ()), start, end):
        return False
    if text.startswith(words.get("after", ()), end):
        return True
    if _venue_before_re().search(text, max(0, start - _VENUE_LOOK_BACK), start) is None:
        return False
    return _UNDER_ITS.match(text, end) is None


_UNDER_ITS = rx.compile(r"的[\u4e00-\u9fff]{1,4}下")  # 在X的指导下, 在X的大力支持下: X acts


_SPEECH = rx.compile(r"“[^“”\n]{8,300}?”")
_SPEECH_MARK = rx.compile(r"[,，。!！?？;；]")


def _speeches(text: str) -> list[tuple[int, int]]:
    """The spans of the words said in ``text``: quotations of eight or more characters that hold a clause or sentence
    mark (a slogan or a title in quotation marks holds none).

    >>> _speeches("他说:“我们是县委的,今天来看您。”又说“东岭村”")
    [(3, 18)]
    """
    if "“" not in text:
        return []
    return [m.span() for m in _SPEECH.finditer(text) if _SPEECH_MARK.search(m.group())]


def _inside(m: OrgMention, offset: int, spans: list[tuple[int, int]]) -> bool:
    """True when the mention (document offsets; the event's text starts at ``offset``) lies inside one of ``spans``."""
    if m.start is None or m.end is None:
        return False
    return any(s <= m.start - offset and m.end - offset <= e for s, e in spans)


_HEAD = "长"  # what makes a body's last character a person's title: 局 + 长, 部 + 长, 站 + 长


def fused_title(text: str, start: int, end: int) -> bool:
    """True for a body's name whose last character is fused with 长 into a person's title (``org_titles.tsv``: 局长,
    部长, 组长) before that person's name or the next title: ``副市长、公安局长王某出席`` names a guest's office, no body
    of the event (the organizer, ``武装部长X带队`` -> 武装部, is kept as the organizer all the same).

    >>> fused_title("副市长、公安局长王某出席", 4, 7), fused_title("区民政局长期坚持", 0, 4), fused_title("区民政局局长王某", 0, 4)
    (True, False, False)
    >>> fused_title("组织党小组长、党员参加", 2, 5)
    True
    """
    if not text.startswith(_HEAD, end) or end <= start:
        return False
    from .organizer import _titles

    if text[end - 1] + _HEAD not in _titles():
        return False
    after = text[end + 1 : end + 2]
    return after in ("、", "") or after in _surname_firsts()  # 长期, 长远: no family name opens them


@cache
def _surname_firsts() -> frozenset[str]:
    from .organizer import _surnames

    return frozenset(s[0] for s in _surnames())

_EACH_WORD = "各"


def _distributive_owner(organizer: OrgMention) -> OrgMention:
    """The body a distributive name opens with (``X街道各社区``, ``X街道各机关``): each of a class of places or units
    under X is no one body, X is; the organizer itself otherwise (X镇各村党支部: the branches, as written).

    >>> _distributive_owner(OrgMention("东岭街道各社区", 0, 7, "place", "subject")).name
    '东岭街道'
    >>> _distributive_owner(OrgMention("东岭镇党委", 0, 5, "party", "subject")).name
    '东岭镇党委'
    >>> _distributive_owner(OrgMention("市直机关各单位", 0, 7, "government", "subject")).name
    '市直机关各单位'
    """
    at = organizer.name.find(_EACH_WORD, 2)
    if at < 0 or kind_of(organizer.name) == "party":  # X镇各村党支部: party branches, a body of its own kind
        return organizer
    owner = organizer.name[:at]
    if name_at(owner) != owner or owner in suffixes() or kind_of(owner) != "place":
        return organizer  # 市直机关各单位: the units of a body that is itself all of them, written whole
    end = None if organizer.start is None else organizer.start + len(owner)
    return OrgMention(owner, organizer.start, end, kind_of(owner), organizer.source)


_OPENED_BY_BRACKETS = rx.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[与和及同]))[\u4e00-\u9fff]{1,3}[(（][\u4e00-\u9fff]{1,3}[)）]$")


def _bracket_start(text: str, start: int) -> int:
    """Where a name that starts right after a closing bracket opens when a short word and a bracketed alternative
    stand before it, alone in their clause (``区(中)直部门帮扶工作队``, ``县(市)直机关工委``): before them; else
    ``start``.

    >>> t = "5月,区(中)直部门帮扶工作队走访"; t[_bracket_start(t, 7):15]
    '区(中)直部门帮扶工作队'
    >>> _bracket_start("东岭社区(居委会)党员", 9)
    9
    """
    if start == 0 or text[start - 1] not in ")）":
        return start
    m = _OPENED_BY_BRACKETS.search(text, max(0, start - 8), start)
    return m.start() if m else start


@cache
def _joint_re() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """(the heads of a joint body's name, ``org_cues.tsv`` kind name after 联合: 联合党支部; the items of a list of
    places right before a name, each of two to six characters and 、, the first after no character of a name or
    after a conjunction)."""
    heads = tuple(row[1] + row[2] for row in read_table("org_cues.tsv") if row[0] == "name" and row[1] == "联合")
    return heads, rx.compile(f"(?:(?<![\u4e00-\u9fff])|(?<=[与和及同暨]))(?:{_NAME_CHAR}{{2,6}}{_LIST_MARK})+$")


_MAX_JOINT_LEAD = 30  # characters of the list of places before a joint body's name


def _joint_start(text: str, start: int, end: int) -> int:
    """Where the name ``text[start:end]`` of a joint body (``X村联合党支部``) opens when it closes a list of the places
    it joins (``东岭、西岭村联合党支部``): at the list's first item; else ``start``.

    >>> t = "5月,乡党委及东岭、西岭村联合党支部开展"; t[_joint_start(t, 10, 18):18]
    '东岭、西岭村联合党支部'
    >>> t = "东岭社区、西岭村党支部"; _joint_start(t, 5, 11)
    5
    >>> t = "东岭村、西岭村、农业联合党支部"; _joint_start(t, 8, 15)
    8
    """
    if start == 0 or text[start - 1] != _LIST_MARK:
        return start
    heads, lead = _joint_re()
    at = min((i for head in heads if (i := text.find(head, start, end)) >= 0), default=-1)
    if at < 0:
        return start
    own = max((p for p in place_suffixes() if text.endswith(p, start, at)), key=len, default=None)
    m = lead.search(text, max(0, start - _MAX_JOINT_LEAD), start)
    if own is None or m is None:  # 农业联合党支部: a joint body of a trade, no list of places before it
        return start
    items = text[m.start() : start - 1].split(_LIST_MARK)
    if not all(item.endswith(own) or not item.endswith(place_suffixes()) for item in items):
        return start  # 东岭镇、西岭村联合党支部: a list of bodies of other kinds
    return m.start()


def _bracket_starts(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans, a name opened before brackets (:func:`_bracket_start`) read from there, and a shorter name inside
    one so read (部门帮扶工作队 of 区(中)直部门帮扶工作队) left out."""
    out = [(_bracket_start(text, s), e, kind) for s, e, kind in spans]
    if any(ch in text for ch in _ALIAS_CLOSE):
        places = {e: s for s, e, kind in spans if kind == "place"}
        chained = [(_aliased_start(text, s, places), e, kind) for s, e, kind in out]
        if chained != out:  # the place before the brackets and its other name are read within the chain
            whole = [c for c, o in zip(chained, out, strict=True) if c != o]
            out = [c for c in chained if c in whole or not any(w[0] <= c[0] and c[1] <= w[1] for w in whole)]
    return _outermost(out)


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans that lie inside no span opened before theirs. Names read in order, each ending before the next
    opens (most events), hold none inside another: one pass; else every pair is looked at."""
    if all(s < e for s, e, _ in spans) and all(a[1] <= b[0] for a, b in pairwise(spans)):
        return spans
    return [span for span in spans if not any(o[0] < span[0] and span[1] <= o[1] for o in spans)]


_ALIAS_CLOSE = ")）"
_MAX_ALIAS = 8  # characters of a place's other name in brackets after it: 开发区(头屯河区)


def _aliased_start(text: str, start: int, places: dict[int, int]) -> int:
    """Where a name that starts right after a place's other name in brackets opens (``经开区(东岭区)西岭社区``): at
    the place before the brackets, a chain of places written whole; else ``start``. ``places`` maps the end of each
    place named to its start.

    >>> t = "在青禾经开区(东岭区)西岭社区,"; t[_aliased_start(t, 11, {6: 1}):15]
    '青禾经开区(东岭区)西岭社区'
    >>> t = "在东岭村(社区)党支部"; _aliased_start(t, 8, {4: 1})  # 村(社区): a kind of place, no other name
    8
    """
    if start == 0 or text[start - 1] not in _ALIAS_CLOSE:
        return start
    opened = max(text.rfind("(", max(0, start - _MAX_ALIAS - 2), start), text.rfind("（", max(0, start - _MAX_ALIAS - 2), start))
    alias = text[opened + 1 : start - 1]
    if opened not in places or alias in suffixes() or name_at(alias) != alias or kind_of(alias) != "place":
        return start
    return places[opened]


_OFFICE_OF = {"村": "部"}  # 村部: the village office written after its name


def _doubled_end(text: str, start: int, end: int) -> int:
    """1 when a place's name ends with its suffix written twice and the office word goes on after it (``尚村村部``,
    尚村 + 村部), the last suffix being the office's; else 0.

    >>> _doubled_end("在石村村部座谈", 1, 4), _doubled_end("石泉村党支部", 0, 6)
    (1, 0)
    """
    if end - start < 3 or text[end - 1] != text[end - 2] or text[end : end + 1] not in _OFFICE_OF.get(text[end - 1], ""):
        return 0
    return 1


_INNER_HEADS = "该我"  # reference heads that open no longer word inside a name (本 does: 日本, 本溪市)


def _inner_reference(name: str) -> int:
    """Where a reference (``该镇``, ``我县``: org_references.tsv) starts inside a name a time or a phrase runs into
    (``春节前夕该镇党委``, ``新春佳节该镇``): the body the name stands for is the reference's; 0 for none.

    >>> _inner_reference("春节前夕该镇党委"), _inner_reference("东岭镇党委"), _inner_reference("该镇党委")
    (4, 0, 0)
    """
    at = _INNER_HEAD_RE.search(name, 1)  # most names hold no reference head after their first character: one scan
    if at is None:
        return 0
    from .organizer import reference_match

    while at is not None:
        i = at.start()
        if reference_match(name[i:]) and not in_place_word(name, i, i + 1):
            return i
        at = _INNER_HEAD_RE.search(name, i + 1)
    return 0


_INNER_HEAD_RE = rx.compile(f"[{_INNER_HEADS}]")


_OPEN_QUOTES = "“\"「‘"
_CLOSE_QUOTES = "”\"」’"


def _quoted_title(text: str, start: int, end: int, kind: str) -> bool:
    """True for a place's or a party branch's name that a quotation holds alone: a title or a slogan given
    (打造X村为“书香党支部”, 创建“无诈社区”), not a body.

    >>> _quoted_title("创建“无诈社区”活动", 3, 7, "place"), _quoted_title("组建“夕阳红宣讲团”", 3, 8, "social")
    (True, False)
    >>> _quoted_title("以“讲文明,美社区”为主题", 6, 9, "place"), _quoted_title("“东岭社区”", 1, 5, "place")
    (True, True)
    >>> _quoted_title("被称为‘书香村’", 4, 7, "place")
    True
    >>> _quoted_title("开展“青春社区·幸福家园”活动", 3, 7, "place"), _quoted_title("“东岭社区、西岭村”", 1, 5, "place")
    (True, False)
    """
    if kind not in ("place", "party") or start == 0:
        return False
    if text[start - 1] in _OPEN_QUOTES and text[end : end + 1] in _SLOGAN_JOINS:  # “青春社区·幸福家园”: a slogan
        close = min((i for q in _CLOSE_QUOTES if (i := text.find(q, end)) >= 0), default=-1)
        return 0 < close - end <= _MAX_SLOGAN
    if text[end : end + 1] not in tuple(_CLOSE_QUOTES):
        return False
    if text[start - 1] in _OPEN_QUOTES:
        return True
    # a slogan that ends with the name (“学雷锋,靓社区”): a quotation opened shortly before, holding a clause mark
    before = text[max(0, start - _MAX_SLOGAN) : start]
    at = max(before.rfind(q) for q in _OPEN_QUOTES)
    return at >= 0 and not any(q in before[at + 1 :] for q in _CLOSE_QUOTES) and _SLOGAN_MARK.search(before, at) is not None


_MAX_SLOGAN = 16  # characters of a slogan before the name it ends with, or after the name it opens with
_SLOGAN_JOINS = ("·", "•", ",", "，", " ", "!", "！")  # what joins a slogan's parts (、 joins a list of names)
_SLOGAN_MARK = rx.compile(r"[,，、;；!！ ]")


@cache
def _goal_words() -> dict[str, tuple[str, ...]]:
    """kind (after | verb | quality) -> words, longest first, from ``org_goal_words.tsv``."""
    out: dict[str, list[str]] = {}
    for row in read_table("org_goal_words.tsv"):
        out.setdefault(row[0], []).append(row[1])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


_LIST_MARK = "、"


def is_goal(text: str, start: int, end: int, kind: str) -> bool:
    """True for a place's name that is a goal or a quality, no body (``org_goal_words.tsv``): the last item of a list
    of qualities before a word of building (文明、和谐、幸福社区建设), or a quality word and a place suffix after a
    word of building or striving (为打造平安社区).

    >>> t = "推进文明、和谐、幸福社区建设"; is_goal(t, 8, 12, "place")
    True
    >>> t = "为打造平安社区"; is_goal(t, 3, 7, "place"), is_goal("东岭社区、西岭社区建设", 5, 9, "place")
    (True, False)
    """
    if kind != "place":
        return False
    words = _goal_words()
    if start > 0 and text[start - 1] == _LIST_MARK and text.startswith(words.get("after", ()), end):
        item = start - 1
        while item > 0 and _is_cjk(text[item - 1]):
            item -= 1
        before = text[item : start - 1]
        if before and not org_spans(before) and not places_in(before):
            return True
    if _honour(text, start, end, words):
        return True
    if not text.endswith(words.get("verb", ()), 0, start):  # most names follow no word of building
        return False
    name = text[start:end]
    quality = next((w for w in words.get("quality", ()) if name.startswith(w)), None)
    return quality is not None and name[len(quality) :] in place_suffixes()


_LAST_CLAUSE_END = rx.compile(r".*[,，。;；:：!！?？\n]", re.S)  # up to the last mark: read back from the end


def _honour(text: str, start: int, end: int, words: dict[str, tuple[str, ...]]) -> bool:
    """True for a place's name after a word of being honoured in its clause (``org_goal_words.tsv``, kind award) that
    holds a quality word: the honour given, ``被评为省级文明镇``, ``荣获A、市级红旗村等称号``.

    >>> w = _goal_words(); _honour("东岭镇被评为省级文明镇", 6, 11, w), _honour("东岭镇被评为省级文明镇", 0, 3, w)
    (True, False)
    """
    last = _LAST_CLAUSE_END.match(text, 0, start)  # the clause's mark (the last before the name), or the start
    clause = last.end() - 1 if last else 0
    if not _any_word_re(words.get("award", ())).search(text, clause, start):
        return False
    return _any_word_re(words.get("quality", ())).search(text, start, end) is not None


def _own_branch(organizer: OrgMention, named: list[OrgMention]) -> OrgMention:
    """The party body of a place or unit acting (``X连``, ``X村``) when the event names it (``X连党支部``): the
    organizer written as that body; else the organizer itself.

    >>> org = OrgMention("五连", 3, 5, "other", "subject")
    >>> _own_branch(org, [org, OrgMention("五连党支部", 20, 25, "party")]).name
    '五连党支部'
    """
    for m in named:
        if m.kind == "party" and m.name.startswith(organizer.name) and m.name[len(organizer.name) :] in _suffixes():
            return OrgMention(m.name, organizer.start, organizer.end, "party", organizer.source)
    return organizer


def _references_resolved(ctx: DocContext, ev: Event, named: list[OrgMention]) -> list[OrgMention]:
    """The bodies named, a reference among them (``该街道``, ``我县``, ``本社区``) written as the body it stands for
    (:func:`~partyevents.extract.organizer.resolve_reference`), or left out when that body is listed already: a
    reference is no name of a body of its own. Unresolved, it stays as written (我院党支部 of a page that names no 院)."""
    from .organizer import reference_match

    if not any(reference_match(m.name) for m in named):  # most events name none
        return named
    from .organizer import reference_rest, resolve_reference
    out: list[OrgMention] = []
    for m in named:
        if reference_match(m.name) and m.start is not None:
            start = m.start
            name = resolve_reference(m.name, ctx.title, ctx.text[max(0, start - _LOOK_BACK) : start],
                                     ev.text[start - ev.start + len(m.name) :])
            rest = None if name is not None else reference_rest(m.name)
            if rest is not None:  # 我院后勤三党支部, no 院 named: the branch it names
                name = rest
                start += len(m.name) - len(rest)
            if name is not None and any(n.name == name for n in named):
                continue
            if name is not None:
                m = OrgMention(name, start, m.end, kind_of(name), m.source)
        out.append(m)
    return out


def _venue_branch(venue: str, named: list[OrgMention]) -> OrgMention | None:
    """The party body of the place an undated event's 在X clause names, when the event names it (``在X镇护龙村,…
    护龙村党总支书记Y说``: 护龙村党总支), else None: the story is about that place, not the body of the event before.

    >>> named = [OrgMention("石泉村党总支", 20, 26, "party")]
    >>> _venue_branch("青禾镇石泉村", named).name, _venue_branch("青禾镇东岭村", named)
    ('石泉村党总支', None)
    """
    for m in named:
        if m.kind != "party" or m.start is None:
            continue
        place = next((m.name[: -len(sfx)] for sfx in _party_suffixes() if m.name.endswith(sfx)), "")
        if len(place) >= 2 and venue.endswith(place) and kind_of(place) == "place":
            return OrgMention(m.name, m.start, m.end, m.kind, "subject")
    return None


@cache
def _party_suffixes() -> tuple[str, ...]:
    return tuple(sorted((sfx for sfx, kind in _suffixes().items() if kind == "party"), key=len, reverse=True))


def _goes_on(ev: Event, prev: OrgMention | None) -> bool:
    """True for an event of no date of its own after one with an organizer, in the same section or under a new
    subheading of the same story (a 在X clause names where the story goes on, not a body of its own)."""
    return prev is not None and ev.date.month is None and ev.date.year is None


_CLAUSE_MARK = rx.compile(r"[,，。;；:：!！?？\n]")
_MAX_PERSONS = 3  # subjects read as persons that name no body, passed over in one event head


def _after_person(ctx: DocContext, ev: Event, end: int, named: list[OrgMention]) -> OrgMention | None:
    """The organizer read on in the event head after a subject taken for a person that no title names.

    Two or three characters that open with a family name are often no person at all (``高温持续``,
    ``明确在职党员…``): the clauses after it are read as the head is.
    """
    from .organizer import event_head, organizer_span

    head = event_head(ev.text)
    for _ in range(_MAX_PERSONS):
        mark = _CLAUSE_MARK.search(head, end)
        if mark is None:
            return None
        cut = mark.end()
        found = organizer_span(head[cut:])
        if found is None:
            return None
        organizer = _resolve(ctx, ev, (found.start + cut, found.end + cut, found.source), named)
        if organizer is not None or found.source != "person":
            return organizer
        end = found.end + cut
    return None


_NO_NAME = "\u3007"  # 〇: no character of a name, nor a cue


def _past_scope(ctx: DocContext, ev: Event, found: tuple[int, int, str], named: list[OrgMention]) -> OrgMention | None:
    """The organizer of an event whose subject is a scope of no place named (``全县…``): the head read as if the
    scope were not there (``全县…推进会在东湖镇召开`` -> 东湖镇, or the subject of a later sentence)."""
    from .organizer import organizer_span

    s, e, _ = found
    hit = organizer_span(ev.text[:s] + _NO_NAME * (e - s) + ev.text[e:])
    return None if hit is None else _resolve(ctx, ev, hit, named)


def _resolve(ctx: DocContext, ev: Event, found: tuple[int, int, str], named: list[OrgMention]) -> OrgMention | None:
    """The organizer an organizer span stands for: the name itself, or a resolved reference or person."""
    from .organizer import (
        area_body,
        expand_generic,
        full_name_after,
        is_scope,
        reference_rest,
        resolve_person,
        resolve_reference,
        short_place,
    )

    s, e, source = found
    words = ev.text[s:e]
    start, end = ev.start + s, ev.start + e
    if source == "reference":  # unresolved, it stays as written (我县): the page names no county
        name = resolve_reference(words, ctx.title, ctx.text[max(0, start - _LOOK_BACK) : start], ev.text[e:])
        if name is None and (is_scope(words) or len(words) == 1):  # 全市, 镇 of no place named: no body
            return None
        rest = None if name is not None else reference_rest(words)
        if rest is not None:  # 我院后勤三党支部 of a page that names no 院: the branch it names
            return OrgMention(rest, start + len(words) - len(rest), end, kind_of(rest), "subject")
        name = name or words
        return OrgMention(name, start, end, kind_of(name), "reference")
    if source == "person":
        body = resolve_person(words, ctx.text, start)
        if body:
            return OrgMention(body, start, end, kind_of(body), "leader")
        place = short_place(words, ctx.text)  # 沙溪确定… where the page names 沙溪镇: the place, no person
        return OrgMention(place, start, end, "place", "subject") if place else None
    source = "subject" if source in ("venue", "visited") else source
    if source == "leader":  # 县委常委、组织部长X: the department the leader heads, 县委组织部
        dept = _headed_department(ev.text, e)
        if dept is not None:
            base = expand_generic(words, ctx.title, ctx.text[max(0, start - _LOOK_BACK_GENERIC) : start]) or words
            return OrgMention(base + dept, start, end, kind_of(dept), source)
    kind = next((m.kind for m in named if m.start == start), None)
    full = expand_generic(words, ctx.title, ctx.text[max(0, start - _LOOK_BACK_GENERIC) : start])
    if full is None and start > _LOOK_BACK_GENERIC:  # the story told just before names none: the page before it
        full = expand_generic(words, None, ctx.text[max(0, start - _LOOK_BACK) : start - _LOOK_BACK_GENERIC + 20])
    if full is None:  # none before it: the event writes it in full later (社区居委会 … 桂湾社区居委会主任)
        full = full_name_after(words, ev.text[e:])
    if full is None and words in suffixes():  # 在X小区…,党支部书记Y: X小区党支部
        full = area_body(words, ev.text[:s])
    return OrgMention(full or words, start, end, kind or "place", source)  # 县委 of no county named: as written


@cache
def _department_head_re() -> re.Pattern[str]:
    """A second title after a committee member's (``常委、组织部长``, ``常委、宣传部部长``): the department, group 1 (the
    party committee's departments of ``org_suffixes.tsv``: a suffix of kind government ending with 部)."""
    depts = [sfx for sfx, kind in _suffixes().items() if kind == "government" and sfx.endswith("部") and len(sfx) > 2]
    return rx.compile(rf"[\u4e00-\u9fff]{{1,4}}、({trie_pattern(depts)})部?长") if depts else rx.compile("(?!)")


def _headed_department(text: str, end: int) -> str | None:
    """The department a leader heads when a committee's title list after its name (ending at ``end``) names it:
    ``县委常委、组织部长X`` -> 组织部; else None.

    >>> _headed_department("县委常委、组织部长王某到村", 2), _headed_department("县委书记王某到村", 2) is None
    ('组织部', True)
    """
    m = _department_head_re().match(text, end)
    return m.group(1) if m else None


_LOOK_BACK = 1500  # characters before an event searched for the body a reference stands for
_LOOK_BACK_GENERIC = 300  # … and for the place a generic name (社区党总支) belongs to: the story told just before
