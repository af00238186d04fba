"""Organizations: every body named in an event, and the one that organizes it.

Names are matched on characters, not tokens (the segmenter splits names such
as ``清河口街道``): a name is a chain of pieces, each a short run of CJK
characters ending in an organization suffix from ``resources/org_suffixes.tsv``
(``区教育局党委`` = ``区教育局`` + ``党委``). The organizer is the subject of
the event's first clause that has one: the text before the first action cue
(``召开``, ``组织``, ``联合``… from ``resources/org_cues.tsv``), skipping
adverbial clauses (``为…``, ``在…期间``, dates). The spaCy pipeline in
:mod:`partyevents.nlp` wraps these functions as components.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..records import DocContext, Event, OrgMention
from ..resources import read_table
from .wordtrie import trie_pattern

_CJK = (0x4E00, 0x9FFF)
_NOT_IN_NAME = "与及的"
_CLAUSE_SPLIT = re.compile(r"[,，。;；:：!！?？\n]")
_TIME_ONLY = re.compile(r"^[\d年月日号上下午以来前后至今初底中旬]*$")
_LEADING_TIME = re.compile(r"^\d+[年月日号][\d年月日号]*(?:以来)?")
_MAX_SUBJECT = 4  # a bare subject without an org suffix (``樊城``, ``长沙``) is short
_MAX_SENTENCES = 2
_SENTENCE_SPLIT = re.compile(r"(?<=[。!！?？])")


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
_BARE_NAME = re.compile(rf"{_NAME_CHAR}+")


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
def _suffixes() -> dict[str, str]:
    """suffix -> kind, from ``org_suffixes.tsv``."""
    return {row[0]: row[1] for row in read_table("org_suffixes.tsv")}


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    """kind (verb | lead | stop) -> words, longest first, from ``org_cues.tsv``."""
    out: dict[str, list[str]] = {}
    for row in read_table("org_cues.tsv"):
        out.setdefault(row[0], []).append(row[1])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@cache
def _stopwords() -> tuple[str, ...]:
    """Substrings that mark a verb phrase caught as a name, from ``org_stopwords.tsv``."""
    return tuple(row[0] for row in read_table("org_stopwords.tsv"))


@cache
def _chain_re() -> re.Pattern[str]:
    """A name anchored at the start: one or more pieces, each ending in a suffix.

    One-character suffixes (``市``, ``局``) need at least two characters before them.
    """
    sfx = sorted(_suffixes(), key=len, reverse=True)
    short = "".join(re.escape(s) for s in sfx if len(s) == 1)
    long_ = _words_pattern(tuple(s for s in sfx if len(s) > 1))
    piece = rf"(?:{_NAME_CHAR}{{0,10}}?{long_}|{_NAME_CHAR}{{2,10}}?[{short}])"
    return re.compile(rf"(?:{piece})+(?<!党组(?=织))")


@cache
def _verb_re() -> re.Pattern[str]:
    return re.compile(rf"{_words_pattern(_cues()['verb'])}(?!部)")  # 组织 but not 组织部


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


_NON_CJK = r"\x00-\u4dff\ua000-\U0010ffff"  # [^\u4e00-\u9fff] as ranges, to join other characters


@cache
def _chunk_re() -> re.Pattern[str]:
    r"""What separates names: a non-CJK run (with a counter after it), an action cue, or 与/及/的.

    It matches what ``[^\u4e00-\u9fff]+[个家支名所余多]*|<cues, longest first>(?!部)|[与及的]``
    matches, written to open with one character class (the first characters of all three), so
    that ``re`` skips every other character in a tight loop. The branches go on after that
    character and look back at it: the non-CJK run; each cue's tail, longest cue first, then
    the whole cue behind; the one-character cues; 与/及/的.
    """
    verbs = sorted(_cues()["verb"], key=len, reverse=True)
    firsts = "".join(sorted({re.escape(w[0]) for w in verbs}))
    branches = [rf"(?<=[{_NON_CJK}])[^\u4e00-\u9fff]*[个家支名所余多]*"]
    branches += [rf"{re.escape(w[1:])}(?<={re.escape(w)})(?!部)" for w in verbs if len(w) > 1]
    singles = "".join(re.escape(w) for w in verbs if len(w) == 1)
    branches += [rf"(?<=[{singles}])(?!部)"] if singles else []
    branches.append("(?<=[与及的])")
    return re.compile(rf"[{_NON_CJK}{firsts}与及的](?:{'|'.join(branches)})")


def _separators(text: str) -> list[tuple[int, int]]:
    """Spans of the :func:`_chunk_re` matches in ``text``, in order.

    >>> _separators("王寨街道联合襄阳市,成立小分队")
    [(4, 6), (9, 10), (10, 12)]
    """
    return [sep.span() for sep in _chunk_re().finditer(text)]


@cache
def _suffix_end_re() -> re.Pattern[str]:
    """The last character of any suffix: a name ends on one."""
    return re.compile("[" + "".join(sorted({re.escape(sfx[-1]) for sfx in _suffixes()})) + "]")


@cache
def _stopword_re() -> re.Pattern[str] | None:
    words = _stopwords()
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@lru_cache(maxsize=1 << 16)
def kind_of(name: str) -> str:
    """The kind of the first suffix (in ``org_suffixes.tsv`` order) the name ends with.

    >>> kind_of("区教育局党委"), kind_of("购药小分队"), kind_of("某某")
    ('party', 'social', 'other')
    """
    return next((k for suf, k in _suffixes().items() if name.endswith(suf)), "other")


@lru_cache(maxsize=8)
def _subject(clause: str) -> tuple[int, str] | None:
    """(offset, name) of the clause's subject, or None when the clause has none.

    Cached for the last few clauses: :func:`partyevents.nlp.organizer_of` finds the
    organizer's clause in an event head, then the spaCy component reads it again.
    """
    offset = 0
    stripped = clause.lstrip(" “”\"'‘’")
    offset += len(clause) - len(stripped)
    if _TIME_ONLY.match(stripped):
        return None
    lead = _LEADING_TIME.match(stripped)
    if lead:
        offset += lead.end()
        stripped = stripped[lead.end() :]
    if stripped.startswith(_cues()["stop"]):  # 记者昨日从市委组织部获悉 -> the body after 从
        src = stripped.find("从") + 1
        if not src:
            return None
        offset += src
        stripped = stripped[src:]
        name = name_at(stripped)
        return (offset, name) if name else None
    if stripped.startswith(_cues()["lead"]):
        return None
    verb = _verb_re().search(stripped)
    head = stripped[: verb.start()] if verb else stripped
    name = name_at(head)
    if name:
        return offset, name
    bare = _BARE_NAME.match(head)
    if verb and bare and bare.end() == len(head) and 2 <= len(head) <= _MAX_SUBJECT:
        return offset, head
    return None


def organizer_in(text: str) -> tuple[int, int] | None:
    """Span of the organizer in an event's text: the subject of its first clause that has one.

    >>> t = "12月9日\\n米公街道召开疫情防控推进会。"
    >>> s = organizer_in(t); t[s[0]:s[1]]
    '米公街道'
    >>> t = "8月26日,为推进党员干部下沉社区常态化,区教育局党委书记张明被选派为社区第一书记"
    >>> s = organizer_in(t); t[s[0]:s[1]]
    '区教育局党委'
    """
    found = _organizer_and_clause(text)
    return found[:2] if found else None


def organizer_clause(text: str) -> tuple[int, int] | None:
    """(start, end) of the clause that holds the organizer: :func:`organizer_in` of it alone is the same name.

    A clause holds no clause or sentence mark, so read alone it is one sentence of one clause.

    >>> t = "8月26日,为推进党员干部下沉社区,区教育局党委书记张明被选派。会议强调"
    >>> s, e = organizer_clause(t); t[s:e]
    '区教育局党委书记张明被选派'
    >>> organizer_in(t[s:e])
    (0, 6)
    """
    found = _organizer_and_clause(text)
    return found[2:] if found else None


def _organizer_and_clause(text: str) -> tuple[int, int, int, int] | None:
    """(start, end) of the organizer, then (start, end) of its clause."""
    pos = 0
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        if n_sentence >= _MAX_SENTENCES:
            break
        cpos = pos
        for clause in _CLAUSE_SPLIT.split(sentence):
            hit = _subject(clause)
            if hit:
                start = cpos + hit[0]
                return start, start + len(hit[1]), cpos, cpos + len(clause)
            cpos += len(clause) + 1
        pos += len(sentence)
    return None


def org_spans(text: str) -> list[tuple[int, int, str]]:
    """Every organization name in ``text``: (start, end, kind), names read at chunk starts.

    A chunk starts after punctuation or an action cue, so verbs never glue onto names.

    >>> t = "王寨街道联合襄阳市乐源社会工作服务中心志愿者,成立“购药小分队”"
    >>> [t[s:e] for s, e, _ in org_spans(t)]
    ['王寨街道', '襄阳市乐源社会工作服务中心', '购药小分队']
    """
    n = len(text)
    seps = _separators(text)  # in order, never overlapping, never empty
    stops = [start for start, _ in seps]
    stops += (n, n)
    # A chunk starts at 0 and after each separator and runs to the next stop after its start (one
    # separator may follow another at once). A name is 2+ chars: it ends on a suffix's last char
    # after the chunk start and before the stop, so chunks without one are not read.
    can_end = _suffix_end_re().search
    chunks = [(0, stops[0] or stops[1])] if n and can_end(text, 1, stops[0] or stops[1]) else []
    chunks += [
        (end, limit)
        for i, (_, end) in enumerate(seps)
        if end < n and can_end(text, end + 1, limit := stops[i + 1] if stops[i + 1] > end else stops[i + 2])
    ]
    chain = _chain_re().match
    suffixes = _suffixes()
    stop_re = _stopword_re()
    out: list[tuple[int, int, str]] = []
    end_seen = -1
    for s, limit in chunks:
        if s < end_seen:
            continue
        m = chain(text, s, limit)
        if m is None:
            continue
        name = m.group()
        if name not in suffixes and (stop_re is None or not stop_re.search(name)):
            out.append((s, m.end(), kind_of(name)))
            end_seen = m.end()
    return out


def find_organizations(ctx: DocContext, events: list[Event]) -> list[tuple[OrgMention | None, list[OrgMention]]]:
    """For each event: (organizer, all bodies named), with document offsets.

    The organizer comes from the spaCy pipeline (:func:`partyevents.nlp.pipeline`)
    run over the event's head only, handed the names already found in the event
    so that they are not matched twice. An event that names no organizer inherits the
    previous event's organizer in the same section (span None): bulletin items and
    feature paragraphs usually continue the story of the body named before.
    """
    from ..nlp import organizer_of

    out: list[tuple[OrgMention | None, list[OrgMention]]] = []
    prev: OrgMention | None = None
    prev_section: str | None = None
    for ev in events:
        spans = org_spans(ev.text)
        named = [OrgMention(ev.text[s:e], ev.start + s, ev.start + e, kind) for s, e, kind in spans]
        span = organizer_of(ev.text, spans)
        if span is not None:
            s, e = span
            kind = next((m.kind for m in named if m.start == ev.start + s), None)
            organizer: OrgMention | None = OrgMention(ev.text[s:e], ev.start + s, ev.start + e, kind or "place")
        elif prev is not None and ev.section == prev_section:
            organizer = OrgMention(prev.name, None, None, prev.kind)
        else:
            organizer = None
        if organizer is not None and organizer.start is not None and all(m.start != organizer.start for m in named):
            named = sorted([*named, organizer], key=lambda m: m.start or 0)
        out.append((organizer, named))
        prev, prev_section = organizer, ev.section
    return out
