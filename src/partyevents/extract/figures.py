"""Figures: counts and amounts with their unit, the thing counted and a category.

A figure is a numeral (:mod:`.numerals`), an optional qualifier (近, 约, 余,
多, 左右 …), a measure word from ``figure_units.tsv`` and the noun it counts,
found after the measure word (``97名志愿者``) or before the number
(``志愿者1800多人``) and mapped to a category by ``figure_nouns.tsv``.
Ordinals, ranks (``前三名``), durations, numbers in titles, short quoted
slogans, a program's terms (``“1”即1名网格长``) and slogan shapes
(``十个一``, ``千家万户``) are not figures (``figure_exclusions.tsv``); a
repeat of ``两村`` refers back to the first. People after 其中 take the
category of the whole, and a bare ``10多万`` after a money word
(``figure_money_words.tsv``) is an amount. Each figure's kind comes from cue
words (``figure_kinds.tsv``) and from a place's population (``该村387户1200人,``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter

from .. import regex_cache as rx
from ..records import Figure
from ..resources import read_table
from .numerals import NUMERAL_CHARS, parse_numeral
from .wordtrie import trie_pattern

__all__ = ["find_figures"]

_PERSON_CATEGORIES = frozenset({"volunteers", "party_members", "cadres", "people"})
_MEMBERS = _PERSON_CATEGORIES - {"cadres"}
_NOT_COUNTED = "none"  # figure_nouns.tsv: a head that makes the number a heading (三个实践载体), not a figure
_SLOGAN_NUMERALS = frozenset("一二两三四五六七八九十百千万")
_FINANCIAL = "壹贰叁肆伍陆柒捌玖拾佰仟"  # numerals of amounts on cheques; 零, 〇, 万 and 亿 serve both kinds
_SHARED = "零〇万亿"
_TWO_AFTER = "一零〇千万亿"  # the numerals 两 may follow within a number
_ROUND = "百千万亿"
_MAX_VALUE = 1e14  # 百万亿: larger "counts" are codes
_RANK = {"places": 0, "organizations": 1}  # 小区 < 党支部 < 书记: a phrase's head outranks its modifiers
_PRE_WORDS = ("将近", "接近", "大约", "约", "近", "超过", "逾", "超", "不少于", "不低于", "不到", "不足")
_PRE_ROUND = "上"  # before a round number only: 上千人
_PRE = "|".join(_PRE_WORDS) + f"|{_PRE_ROUND}(?=[百千万])"
_SEPS = ("至", "到", "-", "~", "—", "–")
_POST = "左右|以上|上下|之多"
_TITLE_RE = rx.compile(r"《[^《》\n]{0,60}》")
_QUOTES = (  # (opening mark, the quotation)
    ("“", r"“[^“”\n]{0,40}”"), ("‘", r"‘[^‘’\n]{0,40}’"), ("「", r"「[^「」\n]{0,40}」"), ("『", r"『[^『』\n]{0,40}』"),
    ('"', r"\"[^\"\n]{0,40}\""),
)
_QUOTE_RE = rx.compile("|".join(q for _, q in _QUOTES))
_SENTENCE_PUNCT = frozenset(",，。;；!！?？:：")
_SENTENCE_PUNCT_RE = rx.compile(f"[{re.escape(''.join(sorted(_SENTENCE_PUNCT)))}]")  # one of them, found in place
_GENERAL_UNIT = "个"  # the general measure word: 两个新村 counts villages, it names none
_BEFORE_CODE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/#_-")


@dataclass(frozen=True, slots=True)
class _Unit:
    category: str
    mode: str  # "fixed", "person" or "noun"
    not_before: frozenset[str]
    arabic: bool = False  # only after Arabic digits or 两 (233村; 七五村 is a name)
    after: tuple[str, ...] = ()  # only right after one of these words (分成三组)
    then: re.Pattern[str] | None = None  # or right before one of these words, past 多/余 and 的 (两分多的菜地)
    noun_may: frozenset[str] = frozenset()  # noun categories that replace a fixed unit's own (企业2916户)
    needs_noun: bool = False  # without a counted noun or a connector before it, an address (宿舍12栋)
    persons: bool = False  # a word for people after it is what is counted (十几个农民); not so for 批, 家, 包
    refers: bool = False  # a repeat of the same number and unit names the same things again (两村 … 两村超市)


def _unit(row: list[str]) -> _Unit:
    """A row of ``figure_units.tsv``: unit, category, mode, not_before, options."""
    options = [o for o in (row[4] if len(row) > 4 else "").split(",") if o]
    after = next((o.removeprefix("after=") for o in options if o.startswith("after=")), "")
    noun_may = next((o.removeprefix("noun=") for o in options if o.startswith("noun=")), "")
    then = next((o.removeprefix("then=") for o in options if o.startswith("then=")), "")
    return _Unit(row[1], row[2], frozenset(row[3] if len(row) > 3 else ""), arabic="arabic" in options,
                 after=tuple(w for w in after.split("|") if w),
                 then=rx.compile(rf"[多余]?的?(?:{_alternation(then.split('|'))})") if then else None, noun_may=frozenset(w for w in noun_may.split("|") if w),
                 needs_noun="needs_noun" in options, persons="persons" in options, refers="refers" in options)


@dataclass(frozen=True, slots=True)
class _Grammar:
    figure_re: re.Pattern[str]
    head_re: re.Pattern[str]
    run_re: re.Pattern[str]
    unit_first: frozenset[str]
    number_run_re: re.Pattern[str]
    units: dict[str, _Unit]
    nouns: dict[str, str]
    members: dict[str, str]  # team noun -> the category of its members
    noun_maxlen: int
    phrase_re: re.Pattern[str]
    after_re: re.Pattern[str]
    before: tuple[str, ...]
    connector_re: re.Pattern[str]
    connectors: tuple[str, ...]
    tails: tuple[str, ...]
    cue_re: re.Pattern[str]
    cue_kinds: dict[str, str]
    speech_re: re.Pattern[str]
    program: tuple[str, ...]
    name_ends: frozenset[str]  # 社区, 镇: after a Chinese numeral, a measure word and one character, a place's name
    name_maxlen: int
    hamlets: tuple[str, ...]  # 厝, 屯: right after a Chinese numeral and a measure word of things, a hamlet's name
    topics: tuple[str, ...]  # after the counted noun: the things counted are the topic (某某等7名党员先进事迹)
    pronoun_after: tuple[str, ...]  # a conjunction before 两人 used as a pronoun (但两人)
    studied_re: re.Pattern[str]  # a verb of studying or telling, names and 等 right before the number (学习某某等7名)
    stock_places: tuple[str, ...]
    first: tuple[str, ...]
    modifier_re: re.Pattern[str]
    modifiers: dict[str, str]  # a word that says which kind of people a generic head counts -> their category
    selection_re: re.Pattern[str]
    person_re: re.Pattern[str]  # a word for people (or a team counting its members)
    member_words: frozenset[str]  # a word for the members of a group (成员): the team named before it says who they are
    collective: tuple[str, ...]  # the end of a word for the many cadres of one body (干部, 成员), not its one holder of a post
    device_names: tuple[str, ...]  # a noun that, counted by a Chinese numeral right before it, names a program (三张清单)
    areas: frozenset[str]  # a one-character word for an area (县, 市, 区), counted only standing alone after the measure word
    team_re: re.Pattern[str]  # a team noun (one with a members category in figure_nouns.tsv)
    joins: tuple[str, ...]  # a word joining the last item of a list of people (以及, 和): 干部以及志愿者共50人
    owner_re: re.Pattern[str]  # a team noun and 的 ending right before a number (服务队的十位): the team's members


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _grammar() -> _Grammar:
    """Compile the figure grammar from the resource tables (once)."""
    units = {row[0]: _unit(row) for row in read_table("figure_units.tsv")}
    noun_rows = read_table("figure_nouns.tsv")
    nouns = {row[0]: row[1] for row in noun_rows}
    members = {row[0]: row[2] for row in noun_rows if len(row) > 2 and row[2]}
    excl: dict[str, list[str]] = {}
    for kind, word in read_table("figure_exclusions.tsv"):
        excl.setdefault(kind, []).append(word)
    cues = {word: kind for kind, word in read_table("figure_kinds.tsv") if kind not in ("speech", "place")}
    speech = [word for kind, word in read_table("figure_kinds.tsv") if kind == "speech"]
    # Arabic digits may take Chinese numerals after them (3万); Chinese numerals are not followed by Arabic
    # digits, and financial ones (伍, 拾) do not mix with common ones: in 队伍3支 and 队伍三支 the 伍 ends a
    # word (队伍) and the figure is 3支, 三支
    common = "".join(c for c in NUMERAL_CHARS if c not in _FINANCIAL)
    financial = "".join(c for c in NUMERAL_CHARS if c in _FINANCIAL or c in _SHARED)
    # 两 goes on a number only after 一 (一两个) or a power (一万两千): in 李四两人 and 三两个 it starts one
    common_on = f"(?:[{common.replace('两', '')}余多几]|(?<=[{_TWO_AFTER}])两)"
    num = f"(?:[0-9][0-9.{NUMERAL_CHARS}余多几]*|[{common}]{common_on}*|[{financial}][{financial}余多几]*)"
    start = (f"(?:(?<![0-9.])(?=[0-9])|(?<![0-9.{common}几数若])(?=[{common}])"
             f"|(?<![0-9.{_TWO_AFTER}几数若])(?=两)|(?<![0-9.{financial}几数若])(?=[{financial}]))")
    figure_re = rx.compile(
        rf"(?P<pre>{_PRE})?{start}(?P<num>{num})(?:(?P<sep>{'|'.join(_SEPS)})(?P<num2>{num}))?"
        rf"(?P<unit>{_alternation(list(units))})(?P<post>{_POST})?"
    )
    head_re, run_re, unit_first = _start_scan(list(units))
    modifiers = {row[0]: row[1] for row in read_table("figure_modifiers.tsv")}
    return _Grammar(
        figure_re=figure_re, head_re=head_re, run_re=run_re, unit_first=unit_first,
        number_run_re=rx.compile(f"[0-9][0-9.{NUMERAL_CHARS}余多几]*"), units=units, nouns=nouns, members=members,
        noun_maxlen=max(map(len, nouns)),
        phrase_re=_phrase_re(list(nouns), excl.get("stop", []), excl.get("word", [])),
        after_re=rx.compile(trie_pattern(excl.get("after", []))), before=tuple(excl.get("before", [])),
        connector_re=rx.compile(rf"(?:{_alternation(excl.get('connector', []))})+$"),
        connectors=tuple(excl.get("connector", [])), tails=tuple(excl.get("tail", [])),
        cue_re=rx.compile(trie_pattern(list(cues))), cue_kinds=cues,
        speech_re=rx.compile(trie_pattern(speech)),
        program=tuple(excl.get("program", [])), topics=tuple(excl.get("topic", [])),
        pronoun_after=tuple(sorted(excl.get("pronoun_after", []), key=len, reverse=True)),
        studied_re=rx.compile(rf"(?:{_alternation(excl.get('topic_verb', []))}){_NAMES}等\Z"),
        name_ends=frozenset(excl.get("name_end", [])), name_maxlen=max(map(len, excl.get("name_end", ["村"]))),
        hamlets=tuple(excl.get("hamlet", [])), first=tuple(excl.get("first", [])),
        stock_places=tuple(word for kind, word in read_table("figure_kinds.tsv") if kind == "place"),
        modifier_re=rx.compile(trie_pattern(list(modifiers))), modifiers=modifiers,
        selection_re=rx.compile(rf"(?:{_alternation([r[0] for r in read_table('figure_selection.tsv')])})了?\Z"),
        person_re=rx.compile(trie_pattern([w for w, c in nouns.items() if c in _PERSON_CATEGORIES or w in members])),
        member_words=frozenset(excl.get("member", [])), collective=tuple(excl.get("collective", [])),
        device_names=tuple(excl.get("device", [])), areas=frozenset(excl.get("area", [])), team_re=rx.compile(trie_pattern(list(members))),
        joins=tuple(sorted(excl.get("join", []), key=len, reverse=True)),
        owner_re=rx.compile(rf"(?:{_alternation(list(members))})的\Z"),
    )


_NAME = "(?:(?!的)[\u4e00-\u9fff]){2,4}"  # a personal name (or a short title) in a list of names
_NAMES = f"(?:{_NAME}、)*{_NAME}"
_STUDIED_REACH = 32  # how far back from the number a verb of studying and the names after it are read
_BRACKETS = "()（）“”"  # skipped inside a noun phrase: 村(社区), 30余名“小候鸟”
_LIST_MARK = "、"


def _phrase_re(nouns: list[str], stops: list[str], words: list[str]) -> re.Pattern[str]:
    """What :func:`_noun_after` stops at, in the order it checks them: a noun or a known non-head word (the
    longest; a word is part of the gap: 在职, 人居), a bracket or quotation mark, a stop word, 的, any other
    non-CJK character. The characters between its matches are plain CJK ones.

    The lookahead is a cheap test of the first character before the word lists are tried.
    """
    first = _char_class({w[0] for w in nouns + stops + words} | set(_BRACKETS + "的"))
    return rx.compile(
        rf"(?=[\x00-\u4dff\ua000-\U0010ffff{first}])"
        rf"(?:(?P<noun>{trie_pattern(nouns + words)})|(?P<paren>[{_BRACKETS}])"
        rf"|(?P<stop>{trie_pattern(stops)})|(?P<de>的)|(?P<other>[^\u4e00-\u9fff]))"
    )


def _start_scan(units: list[str]) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Where a figure can start: a looser ``figure_re`` in two steps, each linear in the text.

    ``head_re`` finds a character that opens a qualifier, or a numeral not after ``[0-9.]`` (and not ending a short
    run that reaches no measure word, see below); ``run_re`` then
    runs over the characters of qualifiers, numerals and range separators that do not begin a measure word,
    and a candidate is kept when the character after that run begins one (``unit_first``). Every match of
    ``figure_re`` starts at a kept candidate. A rejected candidate rejects every start inside its run (they
    end at the same character), so the scan skips the run: a long run of numerals costs its length once,
    not its length per start (issue 19.16).
    """
    first = _char_class({w[0] for w in _PRE_WORDS} | {_PRE_ROUND})
    unit_first = frozenset(u[0] for u in units)
    inner = set("".join(_PRE_WORDS) + _PRE_ROUND + "".join(_SEPS) + "0123456789." + NUMERAL_CHARS + "余多几")
    run = _char_class(inner - unit_first)
    # ``head_re`` also reads ahead (at most _RUN_AHEAD run characters, possessively: linear) and passes over the
    # heads whose run ends there before a character that begins no measure word: the run check below would
    # reject them. Those whose run goes on are kept for that check (it reads the whole run).
    return (rx.compile(rf"[{first}0-9{NUMERAL_CHARS}](?:(?<=[{first}])|(?<![0-9.][\s\S]))"
                       rf"[{run}]{{0,{_RUN_AHEAD}}}+(?=[{run}{_char_class(set(unit_first))}])"),
            rx.compile(rf"[{run}]*"), unit_first)


_RUN_AHEAD = 16


def _char_class(chars: set[str]) -> str:
    return re.escape("".join(sorted(chars)))


def _figure_matches(g: _Grammar, text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(g.figure_re.finditer(text, start, end))``, trying the regex only where a figure can start.

    >>> [m.group() for m in _figure_matches(_grammar(), "2022年,约200名党员和三十余位群众", 0, 30)]
    ['约200名', '三十余位']
    """
    out: list[re.Match[str]] = []
    pos = start
    while (cand := g.head_re.search(text, pos, end)) is not None:
        at, run_end = cand.span()
        if run_end - at > _RUN_AHEAD:  # the read-ahead stopped inside the run: read the rest of it
            run_end = g.run_re.match(text, at + 1, end).end()  # type: ignore[union-attr]
        if run_end >= end or text[run_end] not in g.unit_first:
            pos = run_end  # no start inside the run can reach a measure word either
            continue
        m = g.figure_re.match(text, at, end)
        if m is not None:
            out.append(m)
            pos = m.end()
        elif "0" <= text[at] <= "9":
            # A figure starting later in this number's run (no qualifier starts with a numeral, and every number
            # starting there is the tail of one starting here) would make one start here too (issue 19.16).
            pos = g.number_run_re.match(text, at, end).end()  # type: ignore[union-attr]
        else:
            pos = at + 1
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _noun_after(g: _Grammar, text: str, pos: int, end: int, person: bool, prefer: str = "") -> tuple[str, str] | None:
    """The noun phrase counted after a measure word: (phrase, category of its head), or None.

    The phrase runs word by word; its last known word is the head. Up to 8
    unknown characters may precede the first known word (``拟划转的在岗人员``),
    up to 4 may separate later ones (``区直单位主要负责人``); a stop word,
    punctuation or a digit ends it. After a person measure word (名, 人, 位)
    only a word for people can be the head. A word of the measure word's own
    category (``prefer``: 支 counts organizations) may follow a head that outranks it
    (``10支党员先锋队伍``), and so may a team (``25个党员救援队``). After a person measure word a team
    counts its members when its members are of one kind and it is the first head or follows the head
    directly (``二十余人的服务队``, ``30名党员志愿服务队``: volunteers; ``20名党员突击队``: party members).
    """
    head_end, head_cat, gap, i = -1, "", 0, pos
    kept = (-1, "")  # the head before a relative clause (3个问题突出的村), should no head follow its 的
    body_end = -1  # where the last word for a body or place read before any head ends
    limit = min(end, pos + 24)
    while i < limit:
        m = g.phrase_re.search(text, i)  # the characters before it are plain CJK ones, part of a gap
        if m is None:
            break
        at, after = m.span()
        if at >= limit:
            break
        gap += at - i
        if gap > (4 if head_end >= 0 else 8):
            break
        kind, i = m.lastgroup, after
        category = g.nouns.get(text[at:i], "") if kind == "noun" else ""
        team = g.members.get(text[at:i], "") if category else ""
        if person and team and team != "people" and (head_end < 0 or not gap):
            category = team  # 二十余人的服务队, 30名党员志愿服务队: its members are counted
        if category:
            if (head_end >= 0 and gap and category != prefer and (person or not team)
                    and _RANK.get(category, 2) < _RANK.get(head_cat, 2)):
                break  # 党支部联系小区: a new phrase, not a wider head
            if not person and head_cat in _RANK and (
                    category in _MEMBERS or (category == "cadres" and text[at:i].endswith(g.collective))):
                break  # 三个党支部党员, 6个小区业委会成员: the bodies are counted, not their members (村支部书记 are)
            if not person or category in _PERSON_CATEGORIES:
                head_end, head_cat, gap = i, category, 0
            else:
                body_end = i  # a body or place before the word for people (区直单位党员)
        elif kind == "noun" or (kind == "de" and head_end < 0):
            gap += i - at  # a known non-head word (在职, 对口); 的 before any head (符合条件的人员): part of the gap
            if gap > (4 if head_end >= 0 else 8):
                break
        elif kind == "de" and gap and not person:
            # 3个信访问题突出的行政村: a noun, then what is said of it, then 的: the noun after 的 is counted
            kept, head_end, gap = (head_end, head_cat), -1, 0
        elif person and head_end < 0 and text[at:i] == _LIST_MARK and at == body_end:
            gap += 1  # 300名区直单位、国有企业党员: the bodies the people come from, listed before the word for them
        elif not person and head_cat == "places" and text[at:i] == _LIST_MARK and at == head_end and _place_next(g, text, i):
            continue  # 12个村、社区党组织书记: kinds of places listed as one, like 村(社区); the head comes after them
        elif kind != "paren" or _unopened(text, pos, at):
            break  # a stop word, 的 right after the head, punctuation, a digit, or a bracket the phrase did not open
    if head_end < 0:
        if kept[0] >= 0:
            return _close_brackets(text, pos, kept[0]).lstrip("的"), kept[1]
        return _person_after_clause(g, text, pos, end) if person else None
    return _close_brackets(text, pos, head_end).lstrip("的"), head_cat


def _place_next(g: _Grammar, text: str, pos: int) -> bool:
    """Whether a word for a kind of place opens ``text`` at ``pos`` (``社区`` after ``村、``).

    >>> g = _grammar()
    >>> _place_next(g, "社区党组织书记", 0), _place_next(g, "3个社区", 0), _place_next(g, "党员", 0)
    (True, False, False)
    """
    m = g.phrase_re.match(text, pos)
    return m is not None and m.lastgroup == "noun" and g.nouns.get(m.group(), "") == "places"


_RELATIVE_RE = rx.compile(r"[^\d,，。;；:：!！?？“”()（）\n]{1,16}?的")  # a clause said of the people counted, to its 的


def _person_after_clause(g: _Grammar, text: str, pos: int, end: int) -> tuple[str, str] | None:
    """After a person measure word, the word for people that follows a clause said of them and its 的:
    ``25位责任心强、教学效果好的教师``, ``50名有发展潜力的村党组织书记`` (cadres), when no head came sooner."""
    m = _RELATIVE_RE.match(text, pos, end)
    if m is None:
        return None
    noun = _noun_after(g, text, m.end(), end, True)
    if noun is None:
        return None
    return text[pos : m.end()] + noun[0], noun[1]


_OPENER = {")": "(（", "）": "(（", "”": "“"}


def _unopened(text: str, pos: int, at: int) -> bool:
    """Whether ``text[at]`` closes a bracket or quotation that the phrase from ``pos`` did not open
    (``(包含56名正式党员)共产党员家庭``: the phrase ends at the bracket)."""
    openers = _OPENER.get(text[at])
    return openers is not None and not any(o in text[pos:at] for o in openers)


def _close_brackets(text: str, pos: int, head_end: int) -> str:
    """``text[pos:head_end]``, with the closing mark after it when the phrase opened one (``村(社区)``, ``“红马甲”``)."""
    phrase = text[pos:head_end]
    close = text[head_end : head_end + 1]
    if close in (")", "）") and phrase.count("(") + phrase.count("（") > phrase.count(")"):
        return text[pos : head_end + 1]
    if close == "”" and phrase.count("“") > phrase.count("”"):
        return text[pos : head_end + 1]
    return phrase


def _suffix_noun(g: _Grammar, phrase: str) -> tuple[str, str] | None:
    """The longest known noun that ``phrase`` ends with."""
    for size in range(min(g.noun_maxlen, len(phrase)), 0, -1):
        word = phrase[-size:]
        if word in g.nouns:
            return word, g.nouns[word]
    return None


def _clause_before(text: str, pos: int, lo: int) -> tuple[str, str]:
    """The run of words ending at ``pos`` (at most 16 characters) and the character that ends it on the left."""
    window = text[max(lo, pos - 16) : pos]
    tail = _CLAUSE_TAIL.search(window)  # it matches at the end at least
    k = tail.start() if tail else 0
    return window[k:], window[k - 1 : k]


_CLAUSE_TAIL = rx.compile(r"[\u4e00-\u9fff()”’:]*\Z")  # the characters a clause before a number may hold


def _noun_before(g: _Grammar, text: str, pos: int, lo: int, person: bool) -> tuple[str, str] | None:
    """A known noun ending right before the number (``志愿者1800多人``, ``人数达到900余人``).

    People counted after a list of people (``书记、负责人共30余人参加``) are a total of
    participants: no single noun. After a list of bodies (``机关党支部、社区党员60余人``)
    the noun stands. People named one by one take the word before the first name (``村干部黄某某、吴某两人``).
    """
    clause, left = _clause_before(text, pos, lo)
    noun = _suffix_noun(g, _trim_clause(g, clause))
    if noun is None and person and left == "、":
        return _named_people(g, text, pos, lo, clause)
    if noun is None or not person:
        return noun
    team = g.members.get(noun[0], "people")
    if team != "people":
        noun = (noun[0], team)  # 服务队20余人: the team's members
    if noun[1] not in _PERSON_CATEGORIES:
        return None  # 培训400人: not a word for the people counted
    if left == "、":
        at = pos - len(clause) - 1
        item = _suffix_noun(g, _trim_clause(g, _clause_before(text, at, lo)[0]))
        if item is None or item[1] in _PERSON_CATEGORIES:
            return None
    elif _joined_other_kind(g, _trim_clause(g, clause)[: -len(noun[0])], noun[1]):
        return None  # 网格员及退休教师共40余人: the total of a list of several kinds of people
    return noun


def _joined_other_kind(g: _Grammar, head: str, category: str) -> bool:
    """Whether ``head``, the words before the last counted noun, ends with a list item joined to it (``以及``,
    ``和``: ``村干部以及部分``) whose own noun counts people of another kind than ``category``.

    >>> g = _grammar()
    >>> [_joined_other_kind(g, h, "volunteers") for h in ("村干部以及部分", "部分青年", "青年志愿者和")]
    [True, False, False]
    """
    found = [(k + len(j), -k) for j in g.joins if (k := head.rfind(j)) >= 0]
    k = -max(found)[1] if found else -1  # the last join, the longest one ending there (以及, not 及)
    if k <= 0:
        return False
    item = _suffix_noun(g, head[:k])
    if item is None:
        return False
    kind = g.members.get(item[0], item[1])
    return kind in _PERSON_CATEGORIES and kind != category


_NAME_SIZES = (3, 2)  # a Chinese personal name: a surname and one or two characters


def _named_people(g: _Grammar, text: str, pos: int, lo: int, clause: str) -> tuple[str, str] | None:
    """The word for people before a list of their names that ends right before the number at ``pos``
    (``党员张某某、李某等3人``: party members); ``clause`` is the last name. None unless every item after the
    first is a name (two or three characters, no known noun) and the first is a word for people and a name."""
    item = _trim_clause(g, clause).removesuffix("等")
    at = pos - len(clause)
    while True:
        if not (len(item) in _NAME_SIZES and _suffix_noun(g, item) is None):
            return None
        if text[at - 1 : at] != "、":
            return None
        at -= 1
        clause = _clause_before(text, at, lo)[0]
        at -= len(clause)
        if len(clause) in _NAME_SIZES and _suffix_noun(g, clause) is None:
            item = clause  # another name
            continue
        for size in _NAME_SIZES:
            noun = _suffix_noun(g, clause[:-size]) if len(clause) > size else None
            if noun is not None and noun[1] in _PERSON_CATEGORIES:
                return noun
        return None


def _trim_clause(g: _Grammar, clause: str) -> str:
    """The clause before a number without its connectors (共, 达到), a closing parenthetical (副书记(主持工作))
    and a word naming an exemplary kind (红色业委会典型)."""
    if clause.endswith((")", "）")):
        k = max(clause.rfind("("), clause.rfind("（"))
        if k > 0:
            clause = clause[:k]
    clause = g.connector_re.sub("", clause)
    for tail in g.tails:
        if clause.endswith(tail):
            return clause[: -len(tail)]
    return clause


def _protected(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of titles and short quoted slogans around ``text[lo:hi]``, where numbers are not figures, sorted.

    They are those :func:`_scan_protected` finds, taken from the document-wide scan when that gives the
    same ones: a title holds no 《》, so it never depends on where the scan starts; quotes do (``"`` both
    opens and closes), but only until the two scans meet, so the document's quotes serve when none of them
    runs across the window's start. Only spans that start before ``hi`` are returned: no others can hold a
    figure of ``text[lo:hi]``, and those stay within the window (a quote is at most 42 characters).
    """
    a = max(0, lo - _WINDOW)
    titles, title_starts, quotes, quote_starts = _document_marks(text)
    first = bisect_left(quote_starts, a)
    if first and quotes[first - 1][1] > a:
        spans = [span for span in _scan_protected(text, a, min(len(text), hi + _WINDOW)) if span[0] < hi]
    else:
        spans = titles[bisect_left(title_starts, a) : bisect_left(title_starts, hi)]
        spans += [(s, e) for s, e, slogan in quotes[first : bisect_left(quote_starts, hi)] if slogan]
    return sorted(spans)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted ``spans`` (each shorter than ``_WINDOW``) covers ``start..end``.

    >>> _covered([(0, 5), (3, 20), (30, 40)], 4, 12), _covered([(0, 5), (30, 40)], 4, 12)
    (True, False)
    """
    i = bisect_right(spans, start, key=itemgetter(0))
    while i and spans[i - 1][0] > start - _WINDOW:
        i -= 1
        if end <= spans[i][1]:
            return True
    return False


_WINDOW = 64  # how far around a stretch of text titles and quotes are looked for; longer than any of them


@lru_cache(maxsize=4)
def _document_marks(text: str) -> tuple[list[tuple[int, int]], list[int], list[tuple[int, int, bool]], list[int]]:
    """The titles and the quotes (with whether each is a short slogan) of the whole text, each with their starts."""
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    opening = "".join(mark for mark, _ in _QUOTES if mark in text)
    found = _quote_re(opening).finditer(text) if opening else ()
    quotes = []
    for m in found:
        a, b = m.span()
        quotes.append((a, b, _SENTENCE_PUNCT_RE.search(text, a, b) is None))  # read in place: no set of its characters
    return titles, [t[0] for t in titles], quotes, [q[0] for q in quotes]


@lru_cache(maxsize=32)
def _quote_re(opening: str) -> re.Pattern[str]:
    """:data:`_QUOTE_RE` with only the kinds of quotation whose opening marks ``opening`` holds: a kind whose mark a
    text lacks matches nowhere in it, and most texts have only “…”, which the search then skips ahead to."""
    return rx.compile("|".join(q for mark, q in _QUOTES if mark in opening))


def _scan_protected(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of titles and short quoted slogans found by scanning ``text[a:b]`` alone."""
    spans = [(m.start(), m.end()) for m in _TITLE_RE.finditer(text, a, b)]
    for m in _QUOTE_RE.finditer(text, a, b):
        if not _SENTENCE_PUNCT.intersection(m.group()):
            spans.append((m.start(), m.end()))
    return spans


def _slogan_shape(text: str, num_start: int, run: str, unit_end: int) -> bool:
    """``十个一``, ``六个一``, ``千家万户``: numeral, measure word, numeral."""
    if unit_end < len(text) and text[unit_end] in _SLOGAN_NUMERALS:
        return True
    if len(run) == 1 and run in _SLOGAN_NUMERALS and num_start >= 2:
        before, before2 = text[num_start - 1], text[num_start - 2]
        return before2 in _SLOGAN_NUMERALS and _is_cjk(before) and before not in NUMERAL_CHARS
    return False


def _plausible_run(run: str, unit: str, pre: str | None) -> bool:
    """Reject numerals that are words: bare ``一`` (``一户居民``), ``二次`` (counts say 两), ``千万``, ``万人``;
    ``百万元`` and ``千万元`` are amounts.

    >>> [_plausible_run(r, "人", None) for r in ("一", "二", "万", "万余", "千万", "两", "十")], _plausible_run("万", "名", None)
    ([False, False, False, True, False, True, True], True)
    >>> _plausible_run("千万", "元", None), _plausible_run("万", "元", None)
    (True, False)
    """
    if run in ("一", "二"):
        return False
    core = run.strip("余多几")
    if not core.strip(_ROUND):  # only round numerals: 万名党员, 上千人, 百余家 — not 万人空巷, 千家万户
        if unit == "元" and core in _ROUND_AMOUNTS:
            return True
        return len(core) == 1 and (core != run or pre is not None or unit == "名")
    return True


_ROUND_AMOUNTS = frozenset({"百万", "千万"})  # 投入百万元; not 万元 alone (万元户)


def find_figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Figures in ``text[start:end]`` with document offsets.

    >>> [(f.value, f.value_text, f.category) for f in find_figures("区财政局有110名党员干部下沉,花费20多万元。")]
    [(110.0, '110名', 'party_members'), (200000.0, '20多万元', 'money_cny')]
    >>> [(f.value, f.category, f.approximate) for f in find_figures("志愿者1800多人参加,服务两三个小区")]
    [(1800.0, 'volunteers', True), (2.0, 'places', True)]
    >>> find_figures("任期为2年,第七次普查,60岁以上,“十个一”活动,四个方面,一户居民")
    []
    """
    end = len(text) if end is None else end
    g = _grammar()
    protected: list[tuple[int, int]] | None = None  # found once a match needs them
    out: list[Figure] = []
    rests: list[int] = []  # where the clause after each figure and its counted noun goes on
    # a program spelled out (“1”即…) near the stretch: its words are rare, so most stretches skip the check
    program = _program_near(g, text, max(0, start - _PROGRAM_REACH), end)
    for m in _figure_matches(g, text, start, end):
        if _excluded(g, text, m) or (program and _in_program(g, text, m.start())):
            continue
        if protected is None:
            protected = _protected(text, start, end)
        if protected and _covered(protected, *m.span()):
            continue
        figure = _figure(g, text, m, start, end, max(start, rests[-1]) if rests else start)
        if figure is not None:
            out.append(figure)
            rests.append(m.end() + (len(figure.noun) if figure.noun and text.startswith(figure.noun, m.end()) else 0))
    if text.find("万", start, end) >= 0 or text.find("亿", start, end) >= 0:
        _add_bare_amounts(text, start, end, out, rests)
        _add_bare_people(g, text, start, end, out, rests)
    if out:
        _subsets(g, text, out)
        _selected(g, text, start, out)
        _set_kinds(g, text, out, rests)
        out = _once(text, start, out)
    return out


def _once(text: str, lo: int, figures: list[Figure]) -> list[Figure]:
    """The figures without a repeat of an earlier one: the same value, unit, counted noun and category of things
    (not people) is the same set mentioned again (``全镇12个党支部…对12个党支部逐一考核``). A figure with no noun,
    a count of people (participants at each step) and one after a list of the things it counts (``甲、乙2个村``,
    ``丙等2个村``: another set) are kept, however often.

    >>> [f.value_text for f in find_figures("全镇12个党支部参赛,评委对12个党支部逐一打分,甲、乙2个村和丙等2个村")]
    ['12个', '2个', '2个']
    """
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in figures:
        key = (f.value, f.value_max, f.unit, f.noun, f.category, f.kind)
        if f.noun and f.category not in _PERSON_CATEGORIES and not _listed_before(text, f.start, lo):
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out


def _listed_before(text: str, pos: int, lo: int) -> bool:
    """Whether the number at ``pos`` closes a list of the things it counts (``甲、乙2个村``, ``丙等2个村``)."""
    clause, left = _clause_before(text, pos, lo)
    return left == _LIST_MARK or clause.endswith("等")


# a number in 万 or 亿 with no measure word, ending its clause (挣了10多万。): the 元 of an amount left out. Found
# from each 万 and 亿 (few) backwards: the digits before one, then what follows it
_BIG_CHARS = rx.compile("[万亿]")
_DIGITS_BEFORE = rx.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?[余多]?\Z")
_AMOUNT_END = frozenset(",，。;；!！?？、”)）")
_AMOUNT_DIGITS = 16  # how far back from 万 its digits are read
_MONEY_REACH = 12  # how far back in its clause a money word is looked for


@cache
def _money_words() -> re.Pattern[str]:
    return rx.compile(trie_pattern([row[0] for row in read_table("figure_money_words.tsv")]))


def _add_bare_amounts(text: str, start: int, end: int, out: list[Figure], rests: list[int]) -> None:
    """Add to ``out`` (and ``rests``, in order) the amounts of money written without 元 after a money word in
    their clause (``一年就挣了10多万``, ``年收入突破20万``)."""
    for big in _BIG_CHARS.finditer(text, start, end):
        stop = big.end() + (text.startswith(("余", "多"), big.end()))
        if stop < len(text) and text[stop] not in _AMOUNT_END:
            continue
        lo = max(start, big.start() - _AMOUNT_DIGITS)
        digits = _DIGITS_BEFORE.search(text[lo : big.start()])
        if digits is None or (lo + digits.start() > 0 and text[lo + digits.start() - 1] in "0123456789."):
            continue
        at = lo + digits.start()
        window = text[max(start, at - _MONEY_REACH) : at]
        clause = _CLAUSE_MARKS.search(window)
        if _money_words().search(window, clause.start() + 1 if clause else 0) is None:
            continue
        written = text[at:stop]
        parsed = parse_numeral(written)
        if parsed is None:
            continue
        figure = Figure(value=parsed.value, value_text=written, unit="元", category="money_cny", start=at,
                        end=stop, noun=None, approximate=parsed.approximate, value_max=None, kind="count")
        k = bisect_left([f.start for f in out], at)
        out.insert(k, figure)
        rests.insert(k, stop)


# a number in 万 with no measure word, right before a word for people (逾3万多群众, 2万余党员): a count of them
_WAN_DIGITS_BEFORE = rx.compile(r"(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+)\Z")
_WAN_PRE = rx.compile(rf"(?:{_PRE})\Z")


def _add_bare_people(g: _Grammar, text: str, start: int, end: int, out: list[Figure], rests: list[int]) -> None:
    """Add to ``out`` (and ``rests``, in order) the counts of people written in 万 with no measure word right before
    the word for them (``逾3万多群众``, ``2万余名`` has its 名 and is found by the measure word).

    >>> [(f.value, f.value_text, f.category) for f in find_figures("县内外逾3万多群众进山采挖。")]
    [(30000.0, '逾3万多', 'people')]
    """
    protected: list[tuple[int, int]] | None = None
    for big in re.finditer("万", text[start:end]):
        at_big = start + big.start()
        stop = at_big + 1 + (text.startswith(("余", "多"), at_big + 1))
        word = g.person_re.match(text, stop, end)
        if word is None or g.nouns.get(word.group(), "") not in _PERSON_CATEGORIES:
            continue
        lo = max(start, at_big - _AMOUNT_DIGITS)
        digits = _WAN_DIGITS_BEFORE.search(text, lo, at_big)
        if digits is None or (digits.start() > 0 and text[digits.start() - 1] in NUMERAL_CHARS + "0123456789.数几"):
            continue
        at = digits.start()
        pre = _WAN_PRE.search(text, max(start, at - 4), at)
        if pre is not None:
            at = pre.start()
        if any(f.start < stop and at < f.end for f in out):
            continue
        if protected is None:
            protected = _protected(text, start, end)
        if protected and _covered(protected, at, stop):
            continue
        parsed = parse_numeral(text[digits.start() : stop])
        noun = _noun_after(g, text, stop, end, True)
        if parsed is None or noun is None or noun[1] not in _PERSON_CATEGORIES:
            continue
        figure = Figure(value=parsed.value, value_text=text[at:stop], unit="人", category=noun[1], start=at, end=stop,
                        noun=noun[0], approximate=parsed.approximate or pre is not None, value_max=None, kind="count")
        k = bisect_left([f.start for f in out], at)
        out.insert(k, figure)
        rests.insert(k, stop + len(noun[0]))


_SUBSET_WORD = "其中"
_SUBSET_REACH = 80  # how far after the whole its parts are looked for
_FULL_STOP = rx.compile(r"[。!！?？\n]")


def _subsets(g: _Grammar, text: str, figures: list[Figure]) -> None:
    """People counted after 其中 without a word of their own are part of the people counted before it, and take
    their category (``选出村书记19名,其中新当选6人,35周岁以下2人``: cadres)."""
    whole: Figure | None = None
    for figure in figures:
        person = g.units[figure.unit].mode == "person"
        if person and figure.noun and figure.category in _PERSON_CATEGORIES:
            whole = figure
            continue
        if (whole is None or not person or figure.noun is not None or figure.start - whole.end > _SUBSET_REACH
                or figure.category == whole.category):
            continue
        between = text[whole.end : figure.start]
        if _SUBSET_WORD in between and _FULL_STOP.search(between) is None:
            figure.category = whole.category


def _selected(g: _Grammar, text: str, lo: int, figures: list[Figure]) -> None:
    """People counted with no word of their own right after a verb that picks them (``figure_selection.tsv``:
    ``最终选定20人``) are picked from the people last named earlier in the sentence, and take their category
    (``青年志愿者踊跃报名,最终选定20人``: volunteers)."""
    for figure in figures:
        if figure.noun is not None or figure.category != "people" or g.units[figure.unit].mode != "person":
            continue
        head = text[max(lo, figure.start - _SELECTION_REACH) : figure.start]
        verb = g.selection_re.search(head)
        if verb is None:
            continue
        stop = figure.start - len(head) + verb.start()
        ends = list(_SENTENCE_END.finditer(text, max(lo, stop - _KIND_REACH), stop))
        named = list(g.person_re.finditer(text, ends[-1].end() if ends else max(lo, stop - _KIND_REACH), stop))
        if named:
            word = named[-1].group()
            figure.category = g.members.get(word) or g.nouns[word]


_SELECTION_REACH = 8  # how far back a selection verb before a count of people is looked for


def _excluded(g: _Grammar, text: str, m: re.Match[str]) -> bool:
    """A numeral that is a word, an ordinal or code, a duration or a slogan shape (cheap checks first)."""
    run, unit_word, pre = m.group("num", "unit", "pre")
    if not _plausible_run(run, unit_word, pre):
        return True
    start = m.start()
    head = text[max(0, start - 6) : start].rstrip(": ")
    if head.endswith(g.before) or (head and head[-1] in _BEFORE_CODE):
        return True
    if head.endswith(g.first) or (head.endswith("前") and (len(head) == 1 or head[-2] in _CLAUSE_OPENERS)):
        return True  # 评出前三名, 梳理前两批: the first N, a rank
    unit = g.units[unit_word]
    if unit.arabic and not (run[0].isascii() or run[0] == "两"):
        return True  # 七五村: a name
    unit_end = m.end("unit")
    if unit.after and not head.endswith(unit.after) and not (unit.then and unit.then.match(text, unit_end)):
        return True  # 村三组: a place; 五分钟: not an area (两分多的菜地 is one)
    if unit_end < len(text) and text[unit_end] in unit.not_before:
        return True
    after = g.after_re.match(text, unit_end)
    if after is not None:
        noun = g.phrase_re.match(text, unit_end)  # 8个重点部位: a longer counted noun than the word 重点
        return noun is None or noun.lastgroup != "noun" or noun.end() <= after.end()
    return _slogan_shape(text, m.start("num"), run, unit_end)


_CLAUSE_OPENERS = frozenset(",，。;；:：!！?？、\n“(（")  # what stands before a word that opens a clause
_SENTENCE_OPENERS = frozenset("。;；!！?？\n“")  # and before one that opens a sentence
_PROGRAM_REACH = 30  # how far back in its clause a program's item being spelled out is looked for
_CLAUSE_MARK = rx.compile(r"[,，。;；:：!！?？\n]")
_CLAUSE_MARKS = rx.compile(r"[,，。;；:：!！?？\n][^,，。;；:：!！?？\n]*\Z")


def _program_near(g: _Grammar, text: str, lo: int, hi: int) -> bool:
    """Whether a program's word stands in ``text[lo:hi]``: ``any(text.find(w, lo, hi) >= 0 for w in g.program)``,
    read from where the words stand in the whole text (:func:`_program_starts`, found once per text).

    >>> g = _grammar()
    >>> text = "甲。“1”即1名网格长"
    >>> [_program_near(g, text, lo, hi) for lo, hi in ((0, len(text)), (5, len(text)), (0, 5))]
    [True, False, False]
    """
    for size, starts in _program_starts(g.program, text):
        k = bisect_left(starts, lo)  # the first that starts in the stretch: ends in it if any does
        if k < len(starts) and starts[k] + size <= hi:
            return True
    return False


@lru_cache(maxsize=4)
def _program_starts(words: tuple[str, ...], text: str) -> tuple[tuple[int, list[int]], ...]:
    """(length, where it starts in ``text``) of each program word that stands in the text (most texts hold none):
    find_figures reads the stretches of one document in turn."""
    out = []
    for w in words:
        starts, at = [], text.find(w)
        while at >= 0:
            starts.append(at)
            at = text.find(w, at + 1)
        if starts:
            out.append((len(w), starts))
    return tuple(out)


def _in_program(g: _Grammar, text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` spells out a program's item (``“1”即1名网格长``, ``“2”即1名党小组长和1名楼长``):
    its numbers are the program's terms, not counts (ANNOTATION.md: numbers inside programs)."""
    lo = max(0, pos - _PROGRAM_REACH)
    last = max([text.rfind(w, lo, pos) for w in g.program])
    return last >= 0 and _CLAUSE_MARK.search(text, last, pos) is None  # the program's word in the figure's clause


def _refers_back(text: str, m: re.Match[str], unit: _Unit) -> bool:
    """Whether the same number and unit stand earlier in the text as a figure of their own: ``两村`` after
    ``辖区两村`` names the same two villages again."""
    written = m.group("num") + m.group("unit")
    at = text.find(written, 0, m.start("num"))
    while at >= 0:
        after = at + len(written)
        if (after >= len(text) or text[after] not in unit.not_before) and (at == 0 or text[at - 1] not in NUMERAL_CHARS):
            return True
        at = text.find(written, at + 1, m.start("num"))
    return False


_PRONOUN_UNIT = "人"
_PRONOUN_MAX = 10  # 两人, 三人: a small count in Chinese numerals standing for people, like a pronoun


def _pronoun(m: re.Match[str], unit: _Unit) -> bool:
    """Whether the match is a small count of people written in Chinese numerals with 人 and nothing more (两人,
    三人; not 2人, 两名, 三十余人): how a report refers back to people it has told of."""
    run = m.group("num")
    if m.group("unit") != _PRONOUN_UNIT or unit.mode != "person" or run[0].isascii() or m.group("pre", "num2", "post") != (None, None, None):
        return False
    parsed = parse_numeral(run)
    return parsed is not None and not parsed.approximate and parsed.value <= _PRONOUN_MAX


def _refers_to_people(g: _Grammar, text: str, pos: int) -> bool:
    """Whether a 两人 at ``pos`` opens a sentence, or a clause after a conjunction (``figure_exclusions.tsv``, kind
    ``pronoun_after``: 但两人): the subject of its clause standing for people the report told of (甲和乙是驻村队员。
    但两人依然坚守…), not a count. Set beside what it counts it is one, as a repeat of a count is (甲、乙两人, 他们两人,
    这三人, 这126名老党员), and so it is opening a clause after a comma (共20余人参加,三人获奖: some of them)."""
    head = next((w for w in g.pronoun_after if text.endswith(w, 0, pos)), "")
    at = pos - len(head)
    return at == 0 or text[at - 1] in (_CLAUSE_OPENERS if head else _SENTENCE_OPENERS)


def _figure(g: _Grammar, text: str, m: re.Match[str], start: int, end: int, lo: int) -> Figure | None:
    """The figure of a match that passed :func:`_excluded`, with its noun, category and kind; None for a code,
    an ID or an address. A noun before the number is looked for after ``lo``, where the previous figure and
    the noun it counts end (``22幢楼栋44台电梯``: 楼栋 is counted by 22幢, not by 44台)."""
    run, unit_word, pre, num2, post = m.group("num", "unit", "pre", "num2", "post")
    unit = g.units[unit_word]
    parsed = parse_numeral(run)
    upper = parse_numeral(num2) if num2 else None
    if parsed is None or not parsed.value < _MAX_VALUE or (num2 and upper is None):
        return None  # a code or an ID, not a count
    m_start, m_end = m.span()
    if unit.refers and _refers_back(text, m, unit):
        return None
    if _pronoun(m, unit) and _refers_to_people(g, text, m_start):
        return None  # 甲和乙是队员。但两人…: the people told of before, named again
    noun = _noun_after(g, text, m_end, end, unit.mode == "person", unit.category)
    if unit.needs_noun and text.startswith("的", m_end) and not _after_connector(g, text, m_start, start):
        return None  # 社区9栋的志愿者之家: a building's number in an address, whatever stands around it
    before = None if noun else _noun_before(g, text, m_start, lo, unit.mode == "person")
    if unit.needs_noun and (noun or before or ("", ""))[1] != unit.category and not _after_connector(g, text, m_start, start):
        return None  # 宿舍12栋, 6栋居民: an address; 居民楼12栋 counts
    if before and unit.mode == "fixed" and before[1] in ("places", "organizations") and before[1] not in unit.noun_may:
        before = None  # where it happened, not what was counted
    if _in_name(g, text, m, unit, noun if noun is not before else None):
        return None  # 五棵松社区, 三户村, 某村五座厝: a place's name that holds a numeral (两个新村 counts)
    if noun and text.startswith(g.topics, m_end + len(noun[0]) + text.startswith("的", m_end + len(noun[0]))):
        return None  # 学习某某等7名优秀党员先进事迹: the people are what was studied, not counted
    if unit.mode == "person" and g.studied_re.search(text, max(0, m_start - _STUDIED_REACH), m_start):
        return None  # 学习某某等7名优秀党员 (the 事迹 perhaps cut off): the people are what was studied
    noun = noun or before
    if not run[0].isascii() and (text.startswith(g.device_names, m_end) or (
            noun and noun is not before and noun[0].endswith(g.device_names))):
        return None  # 三张清单, 四张名片: a program's name that holds a numeral (问题清单3张, 6项攻坚项目清单 count)
    if noun and noun[1] == _NOT_COUNTED:
        if unit.mode != "fixed":
            return None  # 三个实践载体, 五个工作环节: headings, not things counted
        noun = None  # 30亩建设…标准: the measure word alone decides what is counted
    category = unit.category
    if unit.mode == "person":
        category = noun[1] if noun and noun[1] in _PERSON_CATEGORIES else "people"
        if noun and noun is not before and category != "volunteers" and _volunteers_listed(g, text, m_end + len(noun[0]), end):
            category = "volunteers"  # 20名党员、青年志愿者: the group serves as volunteers
        if noun and noun[0] in g.member_words:
            category = _team_members(g, text, m_start, lo) or category  # 讲师团现有成员5名: the team's members
        if category == "people":
            category = _team_owner(g, text, m_start, lo) or category  # 服务队的八位阿姨: the team's members
        if category == "people":
            category = _modified(g, text, m_start, lo, noun) or category
    elif unit.mode == "noun" and _lone_place(g, text, m_end, end):
        category, noun = "places", (text[m_end], "places")  # 全省13个市、3个县的干部: places
    elif noun and (unit.mode == "noun" or noun[1] in unit.noun_may) and (
            noun[1] not in _PERSON_CATEGORIES or unit.persons):
        category = noun[1]  # not so for 十几家单位负责人, 三批第一书记: 家 and 批 count bodies and batches
    approximate = parsed.approximate or bool(pre or post or num2)
    value_max = upper.value if upper is not None and upper.value > parsed.value else None
    return Figure(value=parsed.value, value_text=m.group(), unit=unit_word, category=category,
                  start=m_start, end=m_end, noun=noun[0] if noun else None, approximate=approximate,
                  value_max=value_max, kind="target" if pre in ("不少于", "不低于") else "count")


_LONE_PLACE_NEXT = frozenset("的、和及与,，。;；:：!！?？)）(（\n")  # what may follow a one-character place word


def _lone_place(g: _Grammar, text: str, pos: int, end: int) -> bool:
    """Whether a one-character word for an area (县, 市, 区: ``figure_exclusions.tsv``, kind ``area``) stands alone
    right after the measure word (``13个市、``, ``3个县的``): places. Such a word is no noun of the table: it would
    end too many words before a number (``该市``, ``城区``) and start too many after one (``区域``, ``县直``).

    >>> g = _grammar()
    >>> [_lone_place(g, t, 2, len(t)) for t in ("3个县、", "3个区域", "3个市")]
    [True, False, True]
    """
    return (pos < end and text[pos] in g.areas
            and (pos + 1 >= end or text[pos + 1] in _LONE_PLACE_NEXT))


_TEAM_REACH = 40  # how far back in its sentence the team whose members are counted may be named
_TEAM_CLAUSE = rx.compile(r"[。;；!！?？\n]")


def _team_members(g: _Grammar, text: str, pos: int, lo: int) -> str | None:
    """The category of the members of the last team named before ``pos`` in its sentence (``组建讲师团,现有成员5名``,
    ``某服务队由30名成员组成``), when its members are of one kind: a word for members alone (``成员``,
    ``figure_exclusions.tsv``, kind ``member``) says nothing of who they are.

    >>> g = _grammar()
    >>> text = "该志愿服务队现有成员30名"
    >>> _team_members(g, text, text.index("30"), 0)
    'volunteers'
    """
    start = max(lo, pos - _TEAM_REACH)
    stops = list(_TEAM_CLAUSE.finditer(text, start, pos))
    if stops:
        start = stops[-1].end()
    found = None
    for m in g.team_re.finditer(text, start, pos):
        found = m.group()
    team = g.members.get(found, "") if found else ""
    return team if team in _PERSON_CATEGORIES and team != "people" else None


def _team_owner(g: _Grammar, text: str, pos: int, lo: int) -> str | None:
    """The category of the members of a team that owns the people counted at ``pos`` (``志愿队的十位阿姨``,
    ``服务队的8名同志``): a team noun and 的 right before the number, its members of one kind.

    >>> g = _grammar()
    >>> text = "爱心服务队的六位阿姨"
    >>> _team_owner(g, text, text.index("六"), 0)
    'volunteers'
    """
    found = g.owner_re.search(text, max(lo, pos - 12), pos)
    team = g.members.get(found.group()[:-1], "") if found else ""
    return team if team in _PERSON_CATEGORIES and team != "people" else None


_NAME_GAP = 2  # how many characters may stand between a measure word and the place word that ends a name
_PLACE_DETERMINERS = frozenset("全该本各每此这那其两")  # 全村, 该村: the place referred to, no name before the number


def _in_name(g: _Grammar, text: str, m: re.Match[str], unit: _Unit, noun: tuple[str, str] | None) -> bool:
    """Whether a Chinese numeral and its measure word (not 个, not a measure of people) are part of a place's
    name rather than a count: after a measure word that decides its own category (户), the counted noun is a bare
    place word (``name_end``: 三户村; 三条街道 counts streets); or, after a measure word of things (座, 棵, 家), the
    counted noun is a place word after one character (五棵松社区, 八家子镇), a
    hamlet's word (``hamlet``: 五座厝, 三家屯) follows, or no known noun follows and a place word comes one or two
    characters later (五棵松路) or the number stands right after a named place (某村五座厝修缮工程)."""
    run, unit_word = m.group("num", "unit")
    if run[0].isascii() or unit_word == _GENERAL_UNIT or unit.mode == "person":
        return False
    if unit.mode != "noun":  # 三户村; not 开展三次入村走访, 送戏下乡三场: what the activity did
        return noun is not None and noun[0] in g.name_ends
    after = m.end()
    if (noun is not None and noun[0][1:] in g.name_ends) or text.startswith(g.hamlets, after):
        return True
    named = g.phrase_re.match(text, after)
    if named is not None and named.lastgroup == "noun":
        return False  # 三座桥梁: a known thing is counted
    for k in range(1, _NAME_GAP + 1):  # 五棵松路: one or two characters, then the place word (驻村干部 counts cadres)
        end = next((after + k + len(w) for w in g.name_ends if text.startswith(w, after + k)), -1)
        named = g.phrase_re.match(text, end) if end >= 0 else None
        if end >= 0 and (named is None or named.lastgroup != "noun"):
            return True
    head = text[max(0, m.start() - 4) : m.start()]
    return any(head.endswith(w) and len(head) > len(w) and _is_cjk(head[-len(w) - 1])
               and head[-len(w) - 1] not in _PLACE_DETERMINERS for w in g.name_ends)


def _modified(g: _Grammar, text: str, pos: int, lo: int, noun: tuple[str, str] | None) -> str | None:
    """The category a modifier (``figure_modifiers.tsv``) gives people counted with a generic word or none: in
    the counted phrase before its head (``拟划转的在岗人员``: cadres) or in a clause ending in 的 right before
    the number at ``pos`` (``为新入党的十二位大学生``: party members), or before a noun ending right there."""
    found = g.modifier_re.search(noun[0]) if noun else None
    if found is None:
        window = text[max(lo, pos - _MODIFIER_REACH) : pos]
        mark = _CLAUSE_MARKS.search(window)
        clause = window[mark.start() + 1 :] if mark else window
        if clause.endswith("的") or (noun and clause.endswith(noun[0])):  # 拟划转的在岗人员60名: the noun before
            found = g.modifier_re.search(clause)
    return g.modifiers[found.group()] if found else None


_MODIFIER_REACH = 12  # how far back a clause ending in 的 before a count of people is read


_LIST_JOINS = "、和及"
_LIST_ITEMS = 4  # how many more items of a list of people are read


def _volunteers_listed(g: _Grammar, text: str, pos: int, end: int) -> bool:
    """Whether a list of people that goes on at ``pos`` (after the first counted noun: ``20名党员、青年志愿者``)
    names volunteers among its items."""
    for _ in range(_LIST_ITEMS):
        if pos >= end or text[pos] not in _LIST_JOINS:
            return False
        item = _noun_after(g, text, pos + 1, end, True)
        if item is None:
            return False
        if item[1] == "volunteers":
            return True
        pos += 1 + len(item[0])
    return False


def _after_connector(g: _Grammar, text: str, pos: int, lo: int) -> bool:
    """Whether a connector (共, 达, 有) or a verb-like stop word ends right before ``pos``."""
    head = text[max(lo, pos - 3) : pos]
    return head.endswith(g.connectors)


_SENTENCE_END = rx.compile(r"[。!！?？;；\n]")
_KIND_REACH = 120  # how far back in its sentence a cue is looked for


def _set_kinds(g: _Grammar, text: str, figures: list[Figure], rests: list[int]) -> None:
    """Set each figure's kind: ``quoted`` inside a person's quotation, else the nearest cue word
    (``figure_kinds.tsv``) earlier in its sentence (at most ``_KIND_REACH`` characters back), else the kind
    it has (``count``, or ``target`` after 不少于). ``rests[i]`` is where the clause after figure i and its
    counted noun goes on (共有党员5000余名 ends there: a stock; so does 共有居民320户1050人, figures in a row).

    The cues and sentence ends of the stretch the figures stand in are found once.
    """
    lo = max(0, figures[0].start - _KIND_REACH)
    hi = figures[-1].start
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, hi)]
    cues = [(m.start(), m.end(), g.cue_kinds[m.group()]) for m in g.cue_re.finditer(text, lo, hi)]
    cue_starts = [c[0] for c in cues]
    stock_until = -1  # where a place's population (白鹤社区1760户6540人) ends
    for n, (figure, rest) in enumerate(zip(figures, rests, strict=True)):
        pos = figure.start
        if _in_speech(text, pos):
            figure.kind = "quoted"
            continue
        if pos >= stock_until and _population(g, text, figures, rests, n):
            stock_until = rests[n + 1]  # the households and the people after them
        if pos < stock_until:
            if figure.kind == "count":
                figure.kind = "cumulative"
            continue
        k = bisect_right(ends, pos)
        first = max(pos - _KIND_REACH, ends[k - 1] if k else 0)
        kind, this_activity, as_of, basis_until = "", False, False, -1
        for at, cue_end, cue_kind in cues[bisect_left(cue_starts, first) :]:
            if cue_end > pos:
                break
            if cue_kind == "basis":
                clause_end = _CLAUSE_END.search(text, cue_end, pos)  # none: the figure is in the plan followed
                basis_until = clause_end.start() if clause_end else -1
            elif cue_kind == "purpose":  # 确保…: a target inside its own clause only
                if at >= basis_until and _CLAUSE_END.search(text, cue_end, pos) is None:
                    kind = "target"
            elif at >= basis_until:
                kind = cue_kind
                this_activity = this_activity or cue_kind == "count"
                as_of = as_of or cue_kind == "cumulative"
        if kind == "total" and as_of:
            kind = "cumulative"  # 截至目前,共有49户挂牌: a total as of a day is a stock
        elif kind == "total":  # 共有党员5000余名 (a stock), 共有300余名居民参加 (a count)
            j = n
            while j + 1 < len(figures) and figures[j + 1].start == rest:  # 共有居民320户1050人: both end the clause
                j += 1
                rest = rests[j]
            after = _SPEAKER_RE.match(text, rest, rest + 24)
            kind = "count" if after and after.group().strip() else "cumulative"
        if kind == "cumulative" and this_activity:
            kind = "count"
        if kind and figure.kind == "count":
            figure.kind = kind


_CLAUSE_END = rx.compile(r"[,，:：]")


def _population(g: _Grammar, text: str, figures: list[Figure], rests: list[int], n: int) -> bool:
    """Whether figure ``n`` and the next one are a place's households and people, written right after its name
    and ending the clause (``白鹤社区1760户6540人中``, ``该村387户1200人,``): a stock, not what the activity
    reached (``转移群众90户343人``, ``甲镇128户407位牧民搬迁``)."""
    figure = figures[n]
    if figure.unit != "户" or figure.noun or n + 1 >= len(figures):
        return False
    after = figures[n + 1]
    if after.start != rests[n] or g.units[after.unit].mode != "person" or after.noun:
        return False  # 某镇120户400位牧民搬进新居: what the people did
    end = rests[n + 1]
    return ((end >= len(text) or text[end] in _POPULATION_END)
            and text[max(0, figure.start - 4) : figure.start].endswith(g.stock_places))


_POPULATION_END = frozenset(",，。;；、中的")  # what follows a place's population (1760户6540人中), or the text's end


_SPEECH_QUOTE_RE = rx.compile(r"“[^“”]{2,600}”")
_SENTENCE_STOP = rx.compile(r"[。!！?？]")  # a quotation holding a full sentence is speech, a verb of saying or not
_SPEAKER_RE = rx.compile(r"[^。，,;；!！?？\n“]*")  # what follows a quotation up to the end of its clause


@lru_cache(maxsize=4)
def _speech_spans(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the quotations in ``text`` that a speaker says: sentence punctuation inside, and a speech
    verb (说, 表示) right before the opening mark or right after the closing one, or a full stop inside (a whole
    sentence said: names and slogans in quotation marks hold none)."""
    g = _grammar()
    starts: list[int] = []
    ends: list[int] = []
    for m in _SPEECH_QUOTE_RE.finditer(text):
        a, b = m.span()
        if _SENTENCE_PUNCT_RE.search(text, a, b) is None:  # read in place: no set of the quote's characters
            continue
        before = text[max(0, a - 6) : a].rstrip(":：,，")
        after = _SPEAKER_RE.match(text, b, b + 24)  # ”肖港镇党政办支部书记郑强说。
        if (g.speech_re.search(before[-4:]) or (after and g.speech_re.search(after.group()))
                or _SENTENCE_STOP.search(m.group())):  # “…山高路陡,来回要大半天。”: a whole sentence said
            starts.append(a)
            ends.append(b)
    return starts, ends


def _in_speech(text: str, pos: int) -> bool:
    starts, ends = _speech_spans(text)
    i = bisect_right(starts, pos)
    return bool(i) and pos < ends[i - 1]
