"""The organizer of an event: the subject of its first clause that has one, and how it was found.

The event head is read clause by clause, after a leading dateline (``新华网上海1月25日电(记者)``,
``本报讯``) and leading quotations (``“…，…”``), which never hold the organizer. A clause's
subject is the text before its first action cue (``召开``, ``组织``, ``联合``… from
``resources/org_cues.tsv``); clauses that open with an adverbial (``为…``, ``近日``, ``在…期间``,
``…以来``) have none, nor do clauses said inside a quotation (``他说:“…”``). The first three sentences
are read. The subject is

- a body's name (:func:`~partyevents.extract.organizations.name_at`) that does not open with a
  verb, preposition or pronoun (``resources/org_openers.tsv``): source ``subject``, or ``leader``
  when a person's title follows it (``镇党委书记X`` → 镇党委, ``resources/org_titles.tsv``), or
  ``joint`` when a joint cue follows it (``X联合Y``, ``X与Y共同``: ``resources/org_joint_cues.tsv``).
  A place followed by 的 and a body (``白沙乡的红岩村党总支``, ``我市X镇的Y公司``) says where: the body acts.
  Units listed before the team they post together (``A局、B联、C医院驻X村工作队``) are that team, written whole.
  After a receiving cue (``迎来``, ``接待``: ``org_cues.tsv``, kind receive) the guest named acts, not the host;
  The name runs on through a quoted word to the body after it (``X社区“五星”党建联盟``); a name with a
  quoted word before the cue and no name before it is read from the words before that word
  (``市“平安”建设领导小组``). A facility said to be built or opened (``X村卫生室投入使用``) gives
  way to the place its name opens with; a name of a class of bodies (``农村党支部``:
  ``resources/org_class_words.tsv``) is none;
- a scope word and a place suffix (``全县``, ``全市``): that place as a whole, source ``reference`` (``全区`` of a page that
  names the autonomous region's bodies, ``自治区党委``, is the region);
- ``由X主办/牵头/组织``: X, source ``subject`` (also after words with no name, ``一场由X与Y联合发起的…``);
  so does ``在X的组织下/带领下`` (``org_cues.tsv``, kind under), before the clause that names who acts;
- a bare place name (``宜城``, ``黄陂区``) standing alone before the cue: source ``subject``;
- a reference (``我县``, ``该社区``, ``本单位``: ``resources/org_references.tsv``): source
  ``reference``, resolved by :func:`resolve_reference` against the title and the text before;
- a person (two or three characters) before the cue: source ``person``, resolved by
  :func:`resolve_person` to the body a title names them by elsewhere in the document (``县领导X``),
  or by :func:`short_place` to the place the page names with those words (``沙溪`` of ``沙溪镇``);
  unresolved, the head is read on after it (``高温持续,…``).

Pronouns, collectives (``我们``, ``居民们``, ``大家``) and verb phrases are none of these. When no
clause of a sentence has a subject, the first body its ``在X`` clause names stands in (``在X…仪式上``:
source ``venue``, written as ``subject``) before the next sentence is read; when no clause of the head has
one, the first body named right after 来自 (``org_cues.tsv``, kind from: 他们是来自X的志愿者), else the first body
the head names (source ``subject``); a body right after 向/对/将 (kind object: 向X捐赠) is acted on and stands in for
none. A clause of no action cue whose body is followed by a site and a word of place
(``X社区居民楼里传来…``: kinds site and at) sets a scene and has no subject; a place right before a word of who
lives there (``X村村民Y说``: kind home, :func:`home_of`) is a person's home, neither subject nor stand-in; nor do a
site shown on a tour (``观摩了X村``: kind toured) and each of a class of bodies (``各村党支部``) stand in. A ``在X…仪式上`` clause (``org_cues.tsv``, kind host)
names the host X even when the sentence's subject is the body of a speaker's title. Everything a clause
decides is read from the clause alone, so the organizer found in a whole head is found again in its clause
alone (the spaCy component reads only that).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from .. import regex_cache as rx
from ..resources import read_table
from . import organizations as orgs

__all__ = ["Found", "OrganizerSpan", "area_body", "class_words", "event_head", "expand_generic", "find_organizer", "is_scope", "organizer_span",
           "reference_match", "resolve_person", "resolve_reference", "scope_acts", "short_place", "skip_preamble", "titled_person"]

_CLAUSE_SPLIT = rx.compile(r"[,，。;；:：!！?？\n]")
_SENTENCE_SPLIT = rx.compile(r"(?<=[。!！?？])")
_MAX_SENTENCES = 3
_MAX_BARE = 4  # a bare place or person standing for the subject is short
_ADMIN_HEADS = frozenset("省市区县")  # a name opening with one is a department of the page's own place
_MIN_GENERIC = 3  # a suffix alone stands for the body (服务队, 工作队), but not 社区 or 党委
_QUOTES = " “”\"'‘’"
_TIME_ONLY = rx.compile(r"^[\d年月日号上下午晚早中凌晨以来前后至今初底旬]*$")
_LEADING_TIME = rx.compile(r"^(?:\d+[年月日号][\d年月日号]*|\d{1,2}[:：]\d{2})(?:以来)?(?:上午|下午|晚上|早上|中午|凌晨|晚|早)?")


@cache
def _leading_time_re() -> re.Pattern[str]:
    """A date or time opening a clause, or words of when (``org_openers.tsv``, kind time) written with no mark before
    the subject: ``当天下午东岭社区…`` -> ``当天下午``."""
    words = [row[0] for row in read_table("org_openers.tsv") if row[1:2] == ["time"]]
    when = f"|^(?:{orgs.trie_pattern(words)})+(?=[\u4e00-\u9fff])" if words else ""
    return rx.compile(_LEADING_TIME.pattern + when)


# a dateline: a short source name, then 讯 / 消息 / X日电, then a byline in brackets, a colon or a space
_DATELINE = rx.compile(
    r"[\u4e00-\u9fffA-Za-z0-9·]{0,24}?(?:讯|消息|日电)(?=[ \u3000(（:：])[ \u3000]*(?:[(（][^()（）\n]{0,40}[)）])?[ \u3000:：]*"
)
_QUOTE_RUN = rx.compile(r"[“\"「]([^”\"」\n]{1,300})[”\"」][.。…,，!！?？ \u3000]*")
_LOCATIVE = rx.compile(r"[ “”\"'‘’]*(?:\d+[年月日号][\d年月日号]*(?:上午|下午|晚上|早上|中午|晚)?)?在")
_QUOTE_MARK = rx.compile(r"[,，。;；:：!！?？、…]")


class Found(NamedTuple):
    """The organizer's span in the text, how it was found, and its clause's span."""

    start: int
    end: int
    source: str  # subject | leader | joint | reference | person | venue (the body of a 在X clause standing in)
    clause_start: int
    clause_end: int


_cues = orgs._cues  # one reading of org_cues.tsv, shared with the name finder


@cache
def _titles() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in read_table("org_titles.tsv")), key=len, reverse=True))


@cache
def _leader_titles() -> tuple[str, ...]:
    """The titles of those who lead a body (``org_titles.tsv`` less its staff rows), longest first."""
    staff = {row[0] for row in read_table("org_titles.tsv") if len(row) > 1 and row[1] == "staff"}
    return tuple(t for t in _titles() if t not in staff)


@cache
def _joint() -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern[str]]:
    """(cues that join by themselves, 与-like cues, a regex of the together-words)."""
    rows = read_table("org_joint_cues.tsv")
    together = [w for w, kind in rows if kind == "together"]
    return (
        tuple(w for w, kind in rows if kind == "verb"),
        tuple(w for w, kind in rows if kind == "with"),
        rx.compile("|".join(re.escape(w) for w in sorted(together, key=len, reverse=True)) or "(?!)"),
    )


@cache
def _reference_re() -> re.Pattern[str]:
    """A reference word (我/本/该) followed by an organization suffix or a body word (单位, 院), at the start."""
    rows = read_table("org_references.tsv")
    heads = "".join(re.escape(word) for kind, word in rows if kind == "head")
    kinds = orgs.trie_pattern([*orgs.suffixes(), *(word for kind, word in rows if kind == "body")])
    return rx.compile(rf"[{heads}]({kinds})")


@cache
def _scope_re() -> re.Pattern[str]:
    """A scope word (``全`` of ``org_references.tsv``, kind scope) and a place suffix after it: 全县, 全市, 全镇, 全社区.

    The place as a whole is the subject (``全县村(社区)换届工作启动``: the county); 全市场, 全区域 are none.
    """
    heads = "".join(re.escape(word) for kind, word in read_table("org_references.tsv") if kind == "scope")
    places = orgs.trie_pattern([s for s, kind in orgs.suffixes().items() if kind == "place"])
    return rx.compile(f"[{heads}]({places}){orgs.word_end_guard(orgs._word_ends())}" if heads else "(?!)")


def scope_acts(text: str) -> bool:
    """True when a scope (全区, 全县) right before an action cue is who acts in ``text`` (自2011年全区开展…以来): a whole
    place of no body named, which the body of the story before does not stand for.

    >>> scope_acts("自2011年全区开展活动以来,干部进驻各村"), scope_acts("全区干部参加"), scope_acts("东岭村召开会议")
    (True, False, False)
    """
    for m in _scope_re().finditer(text):
        cue = orgs.verb_re().match(text, m.end())
        if cue is not None:
            return True
    return False


@cache
def _host_re() -> re.Pattern[str]:
    """An occasion ending a clause (``org_cues.tsv``, kind host: ``仪式上``, ``大会上``)."""
    return rx.compile("(?:" + "|".join(re.escape(w) for w in _cues().get("host", ())) + ")$" if _cues().get("host") else "(?!)")


@cache
def _scene_re() -> re.Pattern[str]:
    """A site and a word of place soon after a body's name (``org_cues.tsv``, kinds site and at): 居民楼里, 文化广场上.

    >>> bool(_scene_re().match("居民楼里传来")), bool(_scene_re().match("党员上门服务"))
    (True, False)
    """
    sites, ats = _cues().get("site", ()), _cues().get("at", ())
    if not sites or not ats:
        return rx.compile("(?!)")
    return rx.compile(rf"[\u4e00-\u9fff]{{0,8}}?{orgs.trie_pattern(sites)}{orgs.trie_pattern(ats)}")


@cache
def _under_re() -> re.Pattern[str]:
    """``在X的组织下`` (``org_cues.tsv``, kind under): X, the body that organizes, in group 1.

    >>> _under_re().match("在镇党委的统一组织下").group(1)
    '镇党委'
    """
    words = _cues().get("under", ())
    return rx.compile(rf"在([^,，。;；]{{2,40}}?)的(?:{orgs.trie_pattern(words)})下") if words else rx.compile("(?!)")


@cache
def _hosted_by_re() -> re.Pattern[str]:
    """``由X主办``: the body after 由 hosts the event."""
    return rx.compile(r"由[^,，。;；]{2,60}?(?:主办|牵头|组织(?!部)|举办|发起|承办|带领|率领|带队)")


def skip_preamble(text: str) -> int:
    """Where the event's own words start: after a leading dateline and leading quotations.

    A quotation is skipped when it holds a clause or sentence mark (a slogan such as
    ``“五一”`` is part of the sentence).

    >>> t = "新华网上海1月25日电(许超)新春佳节临近。"
    >>> t[skip_preamble(t):]
    '新春佳节临近。'
    >>> t = "“大家好,我来了。”8月1日,米公街道召开会议"
    >>> t[skip_preamble(t):]
    '8月1日,米公街道召开会议'
    >>> skip_preamble("“五一”国际劳动节将至")
    0
    """
    pos = 0
    for _ in range(3):
        start = pos
        while pos < len(text) and text[pos] in " \u3000\n":
            pos += 1
        m = _DATELINE.match(text, pos)
        if m:
            pos = m.end()
        q = _QUOTE_RUN.match(text, pos)
        while q and _QUOTE_MARK.search(q.group(1)):
            pos = q.end()
            q = _QUOTE_RUN.match(text, pos)
        if pos == start:
            break
    return pos


def find_organizer(text: str, spans: Sequence[tuple[int, int, str]] | None = None) -> Found | None:
    """The organizer of an event's text, or None.

    ``spans`` are the names in ``text`` (:func:`~partyevents.extract.organizations.org_spans`),
    when the caller has them; they are read only when no clause has a subject.

    >>> t = "12月9日\\n柳溪街道召开疫情防控推进会。"
    >>> f = find_organizer(t); t[f.start:f.end], f.source
    ('柳溪街道', 'subject')
    >>> t = "8月16日,瑞峰镇天池村党委书记方国军和村干部一道劝导群众。"
    >>> f = find_organizer(t); t[f.start:f.end], f.source
    ('瑞峰镇天池村党委', 'leader')
    >>> t = "“好!”5月2日,在幸福村党群服务中心,党员们齐聚一堂。会后大家合影。"
    >>> f = find_organizer(t); t[f.start:f.end], f.source
    ('幸福村党群服务中心', 'venue')
    """
    found, found_in, clauses = _subjects(text)
    if not clauses:
        return found
    names: list[tuple[int, int]] | None = None

    def all_names() -> list[tuple[int, int]]:  # the event's body names, found once on first need
        nonlocal names
        if names is None:
            names = [(s, e) for s, e, _ in (orgs.org_spans(text) if spans is None else spans)]
        return names

    if found is not None and found.source == "leader":  # 在X…仪式上,Y党支部书记Z发言: X hosts, Y speaks
        for n_sentence, cpos, cend, is_locative in clauses:
            if n_sentence == found_in and is_locative and _host_re().search(text, cpos, cend):
                host = next(((s, e) for s, e in all_names() if cpos <= s and e <= cend), None)
                if host is not None and not _reference_re().match(text, host[0]):
                    return Found(host[0], host[1], "venue", cpos, cend)  # as its clause read alone gives it
    for locative in (True, False):  # a sentence's 在X… clause, before the next sentence; then any clause
        if not locative and found is None:  # no subject: where the people who act come from (来自X的志愿者) first
            origin = _origin(text, clauses, all_names())
            if origin is not None:
                return origin
        for n_sentence, cpos, cend, is_locative in clauses:
            if locative and (n_sentence >= found_in or not is_locative):
                continue
            for s, e in all_names():
                if (
                    cpos <= s and e <= cend
                    and not _reference_re().match(text, s)
                    and not text.startswith(class_words(), s)
                    and not text.startswith(_EACH, s)  # 各村党支部 named, not acting: each of a class, no stand-in
                    and not text.endswith(_cues().get("object", ()), cpos, s)  # 向X捐赠: X is acted on
                    and not _visited(text, cpos, s)  # 市长X到Y区调研: Y区 is visited
                    and not _area_re().match(text, e)  # X区Y小区近日…: the address of an area
                    and not home_of(text, s, e)  # X村村民Y: a person's home
                    and not _toured(text, cpos, s)  # 与会人员观摩了X村: X村 is shown
                ):
                    source = "venue" if locative else "visited" if _gone_to(text, cpos, s) else "subject"
                    return Found(s, e, source, cpos, cend)
        if found is not None:
            return found
    return None


@cache
def _toured_re() -> re.Pattern[str]:
    """A word of touring a site (``org_cues.tsv``, kind toured: 观摩, 参观) and 了, at the end."""
    words = _cues().get("toured", ())
    # the word, 了, and the items of a list before the name (观摩了X村、Y村: Y村 too)
    items = r"(?:[\u4e00-\u9fff()（）]{1,24}、)*"
    return rx.compile(f"(?:{orgs.trie_pattern(words)})(?:了|学习了)?{items}$") if words else rx.compile("(?!)")


def _toured(text: str, cpos: int, s: int) -> bool:
    """True when a word of touring a site stands right before the name at ``s`` in its clause (``现场观摩了X村``): the
    name is the site shown, never the organizer, whoever tours it.

    >>> _toured("与会人员现场观摩了东岭村", 0, 9), _toured("观摩了东岭村、西岭村", 0, 7), _toured("东岭村组织观摩", 0, 0)
    (True, True, False)
    """
    return _toured_re().search(text, cpos, s) is not None


_VISITORS = "一行"  # a delegation: 王某一行到X调研


def _visited(text: str, cpos: int, s: int) -> bool:
    """True when the name at ``s`` is a place visited (``org_cues.tsv``, kind visit): a visit word stands right
    before it and a leader's title or a delegation before that, in the clause from ``cpos`` (staff, 网格员在X社区,
    work where they belong).

    >>> _visited("市长王某到东岭区调研", 0, 5), _visited("志愿者到东岭社区服务", 0, 4), _visited("网格员在东岭社区值守", 0, 4)
    (True, False, False)
    """
    if not text.endswith(_cues().get("visit", ()), cpos, s):
        return False
    return _leader_title_re().search(text, cpos, s) is not None or _VISITORS in text[cpos:s]


_STAY = "在"  # a visit word of where one stays (网格员在X社区值守: their own community), not of going there


def _gone_to(text: str, cpos: int, s: int) -> bool:
    """True when a word of going (``org_cues.tsv``, kind visit, less 在) stands right before the name at ``s`` in its
    clause (``党员志愿者来到X社区``): the place the people of a clause of no subject go to, which stands in for the
    organizer only when no story before names one (source ``visited``).

    >>> _gone_to("党员志愿者来到东岭社区", 0, 7), _gone_to("网格员在东岭社区值守", 0, 4)
    (True, False)
    """
    return text.endswith(tuple(w for w in _cues().get("visit", ()) if w != _STAY), cpos, s)


@cache
def _leader_title_re() -> re.Pattern[str]:
    return rx.compile(orgs.trie_pattern(_leader_titles()))


def _origin(text: str, clauses: Sequence[_Clause], names: list[tuple[int, int]]) -> Found | None:
    """The first body named right after a from-word (``org_cues.tsv``, kind from: 他们是来自X的志愿者), or None."""
    words = _cues().get("from", ())
    for _, cpos, cend, _ in clauses:
        for s, e in names:
            if cpos <= s and e <= cend and text.endswith(words, cpos, s):
                return Found(s, e, "subject", cpos, cend)
    return None


_HEAD_END = rx.compile(r"[。!！?？]")
_HEAD_SENTENCES = 3


def event_head(text: str) -> str:
    """The first sentences of an event, where its organizer stands, after a leading dateline and quotations.

    >>> event_head("甲召开会议。乙参加。丙发言。丁总结。")
    '甲召开会议。乙参加。丙发言。'
    """
    end = skip_preamble(text)  # a leading quotation's sentences are not counted
    for _ in range(_HEAD_SENTENCES):
        m = _HEAD_END.search(text, end)
        if not m:
            return text
        end = m.end()
    return text[:end]


class OrganizerSpan(NamedTuple):
    """An organizer's characters in the text, and how it was found."""

    start: int
    end: int
    source: str


def organizer_span(text: str, spans: Sequence[tuple[int, int, str]] | None = None) -> OrganizerSpan | None:
    """Character span and source of an event's organizer: what :func:`partyevents.nlp.organizer_of` gives, without
    spaCy.

    The spaCy path reads the event head (:func:`event_head`), takes the clause :func:`find_organizer` names
    (or the whole head when it names none), builds a ``Doc`` of that clause alone and has its organizer
    component run :func:`find_organizer` on the clause's text with the names that lie within it. The
    ``Doc`` (tokens, snapped spans) plays no part in the characters returned, so this reads the same
    clause with the same names directly (``tests/test_fast_paths_speed.py`` checks both agree).

    >>> t = "12月9日,为落实责任,区财政局党组召开会议。"
    >>> s = organizer_span(t); t[s.start:s.end], s.source
    ('区财政局党组', 'subject')
    """
    head = event_head(text)
    found = find_organizer(head, spans)
    if found is None:  # the whole head read again with the names within it (the same names read): none again
        return None
    lo, hi = found.clause_start, found.clause_end
    if _reads_alone(head, found):
        return OrganizerSpan(found.start, found.end, found.source)
    inner = None if spans is None else [(s - lo, e - lo, kind) for s, e, kind in spans if lo <= s and e <= hi]
    hit = find_organizer(head[lo:hi], inner)
    return OrganizerSpan(hit.start + lo, hit.end + lo, hit.source) if hit else None


_QUOTE_CHARS = frozenset("“”「」")


def _reads_alone(head: str, found: Found) -> bool:
    """True when the clause of ``found`` read alone is sure to give ``found`` again (shifted to the clause), so that
    :func:`organizer_span` need not read it: ``found`` is the subject :func:`_subjects` read in that clause (the clause
    alone has it as its first clause, and nothing before it), the clause holds no quotation mark (nothing of it is said
    in a quotation, nor does it open after one), no letter, digit nor CJK character stands before it (its Latin letters
    and digits are masked alike: :func:`~partyevents.extract.organizations.masked`) and it opens with no dateline nor
    quotation (:func:`skip_preamble`).
    """
    lo, hi = found.clause_start, found.clause_end
    if found != _subjects(head)[0] or (lo and head[lo - 1].isalnum()):  # CJK characters are alphanumeric too
        return False
    clause = head[lo:hi]
    return _QUOTE_CHARS.isdisjoint(clause) and skip_preamble(orgs.masked(clause)) == 0


_Clause = tuple[int, int, int, bool]  # (sentence number, start, end, opens with 在)


@lru_cache(maxsize=8)
def _subjects(text: str) -> tuple[Found | None, int, tuple[_Clause, ...]]:
    """The first subject of the head's clauses, the sentence it stands in, and the clauses read before it."""
    text = orgs.masked(text)  # 学生e支部, 第3党支部: names read with their Latin letters and digits
    base = skip_preamble(text)
    pos = base
    depth = 0  # quotation marks opened and not yet closed
    quoted = _QUOTE_OPEN.search(text, base) is not None
    after_quote = text.rfind("”", 0, base) >= 0 or text.rfind("」", 0, base) >= 0  # a leading quotation, skipped
    clauses: list[_Clause] = []
    idle: tuple[Found, int, tuple[_Clause, ...]] | None = None  # a place that does nothing, read on past it
    undergoes = False  # … and that is acted on (X村多户居民被困): any body acting later comes first
    # the words the tests below open with or end on, looked at before the tests are called: most clauses pass them
    demand, examples, closes = _cues().get("demand", ()), _cues()["example"], any(q in text for q in _CLOSE_QUOTE)
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text[base:])):
        if n_sentence >= _MAX_SENTENCES:
            break
        cpos = pos
        before = ""  # the clause before, in this sentence
        for clause in _CLAUSE_SPLIT.split(sentence):
            addressed, before = before.rstrip(" ").endswith(demand) and _demands(before), clause
            if addressed:  # 会议要求,X村党支部要…: X is asked to act, neither subject nor stand-in
                cpos += len(clause) + 1
                continue
            lead = len(clause) - len(clause.lstrip(_QUOTES))
            spoken = False
            if quoted:
                opened = (_quote_depth(depth, clause[:lead]) if lead else depth) > 0  # (depth is never below none)
                depth = _quote_depth(depth, clause)
                spoken = opened and depth > 0  # said inside a quotation (not a quoted name: “红色物业”联盟): no subject
            if (clause.startswith(examples, lead) and _gives_examples(clause[lead:])) or (
                closes and _says_quote(text[cpos - 1 : cpos] + clause)
            ):  # 如X、Y等…, “…”X说: neither subject nor stand-in
                cpos += len(clause) + 1
                continue
            hit = None if spoken else _subject(clause)
            if hit and _speaker(clause, hit[2], sentence, n_sentence == 0 and after_quote):
                cpos += len(clause) + 1  # “…”X村党支部书记Y说: who spoke, neither subject nor stand-in
                continue
            if hit:
                start = cpos + hit[0]
                found = Found(start, start + hit[1], hit[2], cpos, cpos + len(clause))
                if idle is None and _idle_place(clause, hit):  # X区普降暴雨…: a body acting later comes first
                    idle = (found, n_sentence, tuple(clauses))
                    undergoes = _undergoes(clause, hit)
                elif idle is None or _acting_body(clause, hit) or (undergoes and _any_body(clause, hit)):
                    return found, n_sentence, tuple(clauses)
                else:
                    return idle
            if not spoken:  # a body named in a quotation does not stand in for the organizer either
                clauses.append((n_sentence, cpos, cpos + len(clause), bool(_LOCATIVE.match(clause))))
            cpos += len(clause) + 1
        pos += len(sentence)
    return idle or (None, _MAX_SENTENCES, tuple(clauses))


_CLOSE_QUOTE = ("”", "」")


def _demands(clause: str) -> bool:
    """True for a clause that ends with a word of demanding (``org_cues.tsv``, kind demand: 会议要求, 他强调) and opens
    with no adverbial (``org_cues.tsv``, kind lead: 响应X号召 and 根据X要求 say why the subject after them acts): the
    clause after it names who is asked to act, not who organizes.

    >>> _demands("会议要求"), _demands("响应东岭街道党工委号召"), _demands("东岭镇召开会议")
    (True, False, False)
    """
    words = _cues().get("demand", ())
    end = clause.rstrip(" ")
    if not end.endswith(words):
        return False
    stripped = clause.lstrip(_QUOTES)
    lead = _leading_time_re().match(stripped)
    return not stripped[lead.end() if lead else 0 :].startswith(_cues()["lead"])
_WHILE = "时"  # X书记Y在述职会上发言时: the moment the quotation before was said


def _speaker(clause: str, source: str, sentence: str, after_quote: bool) -> bool:
    """True for a clause whose subject (of ``source``) is one who speaks: a titled person (source leader) whose clause
    ends with a word of saying (``org_cues.tsv``, kind said, of two characters or 说: X村党支部书记Y说), or, in the
    sentence right after a leading quotation (``after_quote``), a titled person whose clause ends with 时 (X书记Y在会上发言
    时), or any subject of a sentence that holds a word of speaking of something (kind speak: 谈起变化,X村流动党员Y感慨
    万分). The quotation's speaker is neither the subject nor a stand-in: the body that acts is named after.

    >>> _speaker("东岭村党支部书记王明说", "leader", "", False), _speaker("东岭村党支部书记王明带领党员清扫", "leader", "", False)
    (True, False)
    >>> _speaker("东岭村党支部书记王明在会上发言时", "leader", "", True), _speaker("东岭村党支部书记王明在会上发言时", "leader", "", False)
    (True, False)
    >>> _speaker("东岭村党员王明赞不绝口", "subject", "谈起变化,东岭村党员王明赞不绝口", True)
    True
    """
    if after_quote and any(w in sentence for w in _cues().get("speak", ())):
        return True
    if source != "leader":
        return False
    end = clause.rstrip(" 。")
    if end.endswith(_said_at_end()):
        return True
    return after_quote and end.endswith(_WHILE)


@cache
def _said_at_end() -> tuple[str, ...]:
    """The words of saying (``org_cues.tsv``, kind said) that end a speaker's clause: those of two characters, and 说."""
    return tuple(w for w in _cues().get("said", ()) if len(w) > 1 or w == "说")


def home_of(text: str, start: int, end: int) -> bool:
    """True when the place named at ``text[start:end]`` is where a person lives: a word of who lives there follows it
    (``org_cues.tsv``, kind home: X村村民王某, X社区居民), not a body's suffix or word (kind homebody) after that word
    (X村村民委员会, X村村民小组).

    >>> home_of("东岭村村民王某说", 0, 3), home_of("东岭村村民小组召开会议", 0, 3), home_of("东岭村党支部书记", 0, 3)
    (True, False, False)
    """
    words = _cues().get("home", ())
    if not text.startswith(words, end):  # most names are followed by no such word: one test
        return False
    word = next(w for w in words if text.startswith(w, end))
    if orgs.kind_of(text[start:end]) != "place":
        return False
    return not text.startswith((*orgs.suffixes(), *_cues().get("homebody", ())), end + len(word))


def _says_quote(clause: str) -> bool:
    """True for a clause that opens right after a closing quotation mark and ends with a word of saying (``org_cues.tsv``,
    kind said): who spoke the quotation (``”X村老党员Y说``).

    >>> _says_quote("”东岭村老党员王某说"), _says_quote("东岭村党支部书记王某说"), _says_quote("”东岭村开展活动")
    (True, False, False)
    """
    opens = clause.lstrip("。!！?？…. ")  # the mark that ends the quotation's last sentence, read with the clause
    return opens.startswith(_CLOSE_QUOTE) and clause.rstrip(" 。").endswith(_cues().get("said", ()))


_IDLE_CUES = frozenset(["在", "被"])  # a cue that says where or that is done to it: X社区小喇叭在小区响起, X村多户居民被困


def _idle_place(clause: str, hit: tuple[int, int, str]) -> bool:
    """True for a clause's subject that is a place's bare name in a clause of no action cue (``X区普降暴雨``,
    ``X社区小喇叭在小区响起``): the place is where, a body that acts later in the head is who.

    >>> _idle_place("东岭区普降暴雨", (0, 3, "subject")), _idle_place("东岭区召开会议", (0, 3, "subject"))
    (True, False)
    >>> _idle_place("东岭镇创新制定《办法》", (0, 3, "subject"))
    False
    """
    start, end = hit[0], hit[0] + hit[1]
    if hit[2] != "subject" or orgs.kind_of(clause[start:end]) != "place" or orgs.body_at(clause, start, len(clause)) != (
        start, end
    ):
        return False  # a body, or the owner of a facility named (X村卫生室投入使用: X村)
    if not _TIME_ONLY.match(clause[:start].strip(_QUOTES + "，,")):  # 由X镇主办: X镇 hosts
        return False
    rest = clause[end:]
    cue = orgs.first_cue(rest)
    while cue is not None and cue.group() in _IDLE_CUES:  # X区在Y召开: the cue after 在 acts
        rest = rest[cue.end() :]
        cue = orgs.first_cue(rest)
    return cue is None and not any(word in rest for word in _cues().get("act", ()))  # X镇创新制定…: it acts


_PASSIVE = "被"


def _undergoes(clause: str, hit: tuple[int, int, str]) -> bool:
    """True for an idle place (:func:`_idle_place`) that undergoes what its clause tells (``X村多户居民被困``): a
    passive after it. Any body acting later organizes, a team as well as an organ (镇应急救援队迅速集结).

    >>> _undergoes("东岭村多户居民被困", (0, 3, "subject")), _undergoes("东岭社区本着为民理念", (0, 4, "subject"))
    (True, False)
    """
    return _PASSIVE in clause[hit[0] + hit[1] :]


def _any_body(clause: str, hit: tuple[int, int, str]) -> bool:
    """True for a clause's subject that is a body other than a place, acting (no leader's body: a guest's title)."""
    name = clause[hit[0] : hit[0] + hit[1]]
    return hit[2] in ("subject", "reference", "joint") and orgs.kind_of(name) != "place" and not name.startswith(_EACH)


_ORGANS = ("party", "government")  # kinds of a body that acts for a place (X区委, 该镇党委, X社区党支部)


def _acting_body(clause: str, hit: tuple[int, int, str]) -> bool:
    """True for a clause's subject that is a party or government organ named as such (not a leader's body: a guest's
    title, 县政协办公室副主任X出席, says nothing of who acts).

    >>> _acting_body("东岭区委迅速部署", (0, 4, "subject")), _acting_body("东岭区委书记王某出席", (0, 4, "leader"))
    (True, False)
    """
    name = clause[hit[0] : hit[0] + hit[1]]
    return hit[2] in ("subject", "reference", "joint") and orgs.kind_of(name) in _ORGANS and not name.startswith(_EACH)


_QUOTE_OPEN = rx.compile("[“「]")


def _quote_depth(depth: int, text: str) -> int:
    """Quotation marks open after ``text``, ``depth`` of them open before it (never below none).

    >>> _quote_depth(0, "他说:“我们"), _quote_depth(1, "到了。”"), _quote_depth(0, "”社区")
    (1, 0, 0)
    """
    if _QUOTE_MARKS.search(text) is None:  # most clauses hold no quotation mark: one scan
        return max(0, depth)
    return max(0, depth + text.count("“") + text.count("「") - text.count("”") - text.count("」"))


_QUOTE_MARKS = rx.compile("[“「”」]")


@lru_cache(maxsize=1 << 12)
def _subject(clause: str) -> tuple[int, int, str] | None:
    """(offset, length, source) of the clause's subject, or None when the clause has none. Kept for clauses read
    again: the head's clause read alone (:func:`organizer_span`), and a page's clauses written more than once."""
    offset = 0
    stripped = clause.lstrip(_QUOTES)
    offset += len(clause) - len(stripped)
    if _TIME_ONLY.match(stripped):
        return None
    lead = _leading_time_re().match(stripped)
    if lead:
        offset += lead.end()
        stripped = stripped[lead.end() :]
    cues = _cues()
    if stripped.startswith(cues["stop"]):  # 记者昨日从市委组织部获悉 -> the body after 从
        src = stripped.find("从") + 1
        if not src:
            return None
        span = orgs.body_at(stripped, src, len(stripped))
        return (offset + src, span[1] - src, "subject") if span and span[0] == src else None
    if stripped.startswith("由"):  # 由X主办: X hosts
        host = _hosted_by_re().match(stripped)
        span = orgs.body_at(stripped, 1, host.end()) if host else None
        return (offset + 1, span[1] - 1, "subject") if span and span[0] == 1 else None
    under = _under_re().match(stripped) if stripped.startswith("在") else None
    if under is not None:  # 在X的组织下: X organizes
        span = orgs.body_at(stripped, 1, under.end(1))
        if span == (1, under.end(1)):
            return offset + 1, span[1] - 1, "subject"
    leads = cues["lead"]  # longest first; most clauses open with none of them: one test
    lead_word = next((w for w in leads if stripped.startswith(w)), None) if stripped.startswith(leads) else None
    if lead_word is not None and not orgs.in_place_word(stripped, 0, len(lead_word), longer=True):
        return None  # 自2016年起…: an adverbial; but the 自 of 自治区党委 opens a place
    verb = orgs.first_cue(stripped)
    host = _hosted_by_re().search(stripped) if "由" in stripped else None
    if host is not None and (verb is None or host.start() < verb.start()) and orgs.name_at(stripped[: host.start()]) is None:
        # 一场由X与Y联合发起的…: X hosts (the 由 stands before any cue, and no name before it)
        span = orgs.body_at(stripped, host.start() + 1, host.end())
        if span and span[0] == host.start() + 1:
            return offset + span[0], span[1] - span[0], "subject"
    head = stripped[: verb.start()] if verb else stripped
    if verb is not None and verb.group() in cues.get("receive", ()):  # X社区迎来了Y医院的医护人员: Y acts
        guest = _guest(stripped, verb)  # 我县迎来降雨: none acts
        return None if guest is None else (offset + guest[0], guest[1] - guest[0], "subject")
    scope = _scope_re().match(head)
    if scope:  # 全县…: the county as a whole, whatever follows (村, 上下, 党员干部)
        return offset, scope.end(), "reference"
    ref = _reference_re().match(head)
    if ref:  # 我镇党委…, or 我县 standing alone before the cue
        words = orgs.clean_name_at(head) or ""
        owned = _owned_body(head, 0, len(words)) if words and head.startswith("的", len(words)) else None
        if owned is not None:  # 我市某镇的X公司成立…: the body after 的
            return offset + len(words) + 1, owned, "subject"
        if words.startswith(ref.group()):
            return offset, _through_brackets(head, 0, len(words)), "reference"  # 我镇各村(社区)党(总)支部
        if head.startswith(_titles(), ref.end()):  # 该镇班子成员、各党支部书记参加…: the town
            return offset, ref.end(), "reference"
        return (offset, ref.end(), "reference") if verb and ref.end() == len(head) else None
    if verb and head in _bare_places():  # 街道组织各村党支部…: the street office the page is about, not its objects
        return offset, len(head), "reference"
    m = _bare_head_re().match(head)  # the longest place suffix the head opens with
    place = m.group() if m else None
    if (
        place is not None
        and head.startswith(_leader_titles(), len(place))
        and (place not in _ADMIN_HEADS or _visits(stripped, verb))
    ):  # 镇领导班子成员深入…: the town they lead; 县领导X到Y镇调研 too, but 区领导X出席 is a guest
        return offset, len(place), "reference"
    titled = _place_title(head)
    if (
        titled and head.startswith(_surnames(), titled[1]) and _LIST_MARK not in head
        and (titled[0] not in _ADMIN_HEADS or _visits(stripped, verb))
    ):  # 镇长X带队…, 副县长X深入…: the place the title's holder leads (in a list of people, the next one's body)
        return offset + titled[1] - 2, 1, "reference"
    item = 0
    while True:
        name = orgs.name_at(head, item)
        if name:
            if name in orgs.suffixes():
                if _place_committee(name) and head.startswith(_titles(), item + len(name)):  # 县委书记X
                    return offset + item, len(name), "leader"
                if len(name) >= _MIN_GENERIC:  # 工作队 / 服务队 + adverbs
                    return offset + item, len(name), "subject"
            span = orgs.body_at(head, item, len(head))
            if span is None or span[0] != item:
                return None
            end = _through_alias(head, _through_quotes(head, span[1]))  # 高河塘社区“五星”党建联盟: one name
            street = _through_short_township(head, item, end)  # 和平区小白楼街 (of 小白楼街道): one name
            township = street > end  # a township written short: a place, though 街 is no place suffix
            end = _through_brackets(head, item, street)  # 红岭镇各村(社区)党(总)支部: one name
            end = _shared_team(head, end)  # X局、Y联、Z医院驻W村工作队: the units' one team
            length = end - item
            if verb is None and (_scene_re().match(head, end) or _area_re().match(head, end)):
                return None  # X社区居民楼里传来…, X区Y小区日前发生…: a scene, where and not who
            if home_of(head, item, end):  # X村村民Y说: a person's home, no body acting
                return None
            owned = _owned_body(head, item, end) if head.startswith("的", end) else None
            if owned is not None:  # 白沙乡的红岩村党支部开展…: the body after 的 acts, the place says where
                return offset + end + 1, owned, "subject"
            if titled_person(head[item:end], head[end : end + 1]):  # 王某镇长带队: the town, as 镇长王某
                stands = _LIST_MARK not in head and (head[end - 1] not in _ADMIN_HEADS or _visits(stripped, verb))
                return (offset + end - 1, 1, "reference") if stands else None
            if head.startswith(_titles(), end):
                if head.startswith(_EACH, item):  # 各村党支部书记: the leaders of a class of bodies take part
                    return None
                posted = _posted_to(head[item:end])  # 县财政局驻X村第一书记: the village the leader is posted to
                return offset + item + posted, length - posted, "leader"
            if verb and _joins(verb.group(), stripped[verb.end() :]):
                return offset + item, length, "joint"
            name = head[item : item + length]
            if name.startswith(class_words()):  # 各村党支部, 农村党支部: a class of bodies, no organizer
                return None
            if not township and orgs.kind_of(name) != "place" and _built_re().search(stripped, item + length):
                length = _owner_length(name) or length  # X村党群服务中心正式投入使用: X村, the facility's owner
            return offset + item, length, "subject"
        nxt = _next_item(head, item)  # 副市长曾奕、镇党委书记薛治国: the next person of the list
        if nxt is None:
            break
        item = nxt
    quoted = _quoted_name(head) if verb and "“" in head else None
    if quoted is not None:  # 市“平安”建设领导小组, 思想“四进”宣讲团 before the cue
        return offset + quoted, len(head) - quoted, "subject"
    if verb and head in orgs.suffixes() and len(head) >= _MIN_GENERIC:  # 工作队, 服务队 as the subject
        return offset, len(head), "subject"
    if verb and 2 <= len(head) <= _MAX_BARE and orgs.BARE_NAME.fullmatch(head):
        if orgs.is_place(head):
            return offset, len(head), "subject"
        if _looks_like_person(head):
            return offset, len(head), "person"
    return None


_GUEST_GAP = 2  # characters between a receiving cue and the guest's name (了)


def _guest(clause: str, verb: re.Match[str] | None) -> tuple[int, int] | None:
    """Span of the body named right after a receiving cue that is the clause's first (``org_cues.tsv``, kind receive:
    X社区迎来了Y医院的医护人员 -> Y医院), else None.

    >>> c = "东岭社区迎来了青禾县人民医院的医生"; s, e = _guest(c, orgs.first_cue(c)); c[s:e]
    '青禾县人民医院'
    >>> _guest("东岭社区迎来了新年", orgs.first_cue("东岭社区迎来了新年")) is None
    True
    """
    if verb is None or verb.group() not in _cues().get("receive", ()):
        return None
    span = orgs.body_at(clause, verb.end(), len(clause))
    return span if span is not None and span[0] <= verb.end() + _GUEST_GAP else None


def _place_title(head: str) -> tuple[str, int] | None:
    """(the place's suffix, the title's length) when the head opens with a leader's title of a place's suffix and 长
    (``镇长``, ``副县长``), else None.

    >>> _place_title("镇长王某带队"), _place_title("副县长王某"), _place_title("局长王某"), _place_title("镇党委")
    (('镇', 2), ('县', 3), None, None)
    """
    m = _leader_title_re().match(head)  # the longest title the head opens with
    title = m.group() if m else None
    if title is None or len(title) != 2 + title.startswith("副"):
        return None
    place = title[-2]
    return (place, len(title)) if place in _bare_places_one() else None


@cache
def _bare_places_one() -> frozenset[str]:
    """The one-character place suffixes that stand alone for the place's body before a title (镇, 乡, 县…)."""
    return frozenset(w for w in _bare_heads() if len(w) == 1)


_HEAD_OF = "长"  # 镇长, 县长 after a place's suffix


def titled_person(name: str, after: str) -> bool:
    """True for a person's name read with the place suffix of the title after it (``王某镇`` of ``王某镇长``): no body.

    >>> titled_person("王某某镇", "长"), titled_person("王庄镇", "党"), titled_person("云溪镇", "长")
    (True, False, False)
    """
    return (
        after == _HEAD_OF and name[-1:] in _bare_places_one() and _looks_like_person(name[:-1])
        and not orgs.is_place(name)
    )


_LIST_MARK = "、"
_POSTED = "驻"  # 县财政局驻X村第一书记, 驻X村第一书记: one posted to a village by the body before


_TEAM_KINDS = ("social",)  # the kind of a team's suffix (工作队, 工作组)


def _shared_team(head: str, end: int) -> int:
    """Where a list of units ends when it closes with the team they post together (``A局、B联、C医院驻X村工作队``:
    the team of all three, written as the text writes it); else ``end``.

    >>> h = "市审计局、市工商联、市医院驻东岭村工作队走访"; h[: _shared_team(h, 4)]
    '市审计局、市工商联、市医院驻东岭村工作队'
    >>> _shared_team("市审计局、市工商联开展", 4)
    4
    """
    pos = end
    while pos < len(head) and head[pos] == _LIST_MARK:
        span = orgs.body_at(head, pos + 1, len(head))
        if span is None or span[0] != pos + 1:
            return end
        name = head[span[0] : span[1]]
        if _POSTED in name[1:] and orgs.kind_of(name) in _TEAM_KINDS:  # C医院驻X村工作队: a unit's team posted
            return span[1]
        pos = span[1]
    return end


def _posted_to(name: str) -> int:
    """Where the place a leader is posted to starts in a name read before a title (after 驻, when a place's name
    follows it to the end: 县财政局驻东岭村 -> 东岭村), else 0 (驻村工作队 is a team's name).

    >>> _posted_to("县财政局驻东岭村"), _posted_to("驻东岭村"), _posted_to("东岭村驻村工作队")
    (5, 1, 0)
    """
    at = name.rfind(_POSTED)
    if at < 0 or orgs.kind_of(name) != "place" or orgs.name_at(name, at + 1) != name[at + 1 :]:
        return 0
    return at + 1


_MAX_AREA = 6  # characters of an area's own name
_NOT_IN_AREA = "在到赴于向为对把将与和及的"  # words before an area that make it a place gone to, not an address


@cache
def _area_re() -> re.Pattern[str]:
    """A residential area right after a body's name (``org_cues.tsv``, kind area: X区金穗苑小区): the name is its
    address.

    >>> bool(_area_re().match("金穗苑小区近日")), bool(_area_re().match("党员上门服务")), bool(_area_re().match("在东苑小区"))
    (True, False, False)
    """
    words = _cues().get("area", ())
    if not words:
        return rx.compile("(?!)")
    return rx.compile(rf"(?:(?![{_NOT_IN_AREA}])[\u4e00-\u9fff]){{1,{_MAX_AREA}}}?{orgs.trie_pattern(words)}")


@cache
def _visit_re() -> re.Pattern[str]:
    return rx.compile(orgs.trie_pattern(_cues().get("visit", ())))


def _visits(clause: str, verb: re.Match[str] | None) -> bool:
    """True when the clause's first action is a visit (``org_cues.tsv``, kind visit: 到, 深入, 莅临).

    >>> _visits("县领导王某莅临东岭镇检查", None), _visits("县领导王某出席东岭镇表彰大会", None)
    (True, False)
    """
    visit = _visit_re().search(clause)
    return visit is not None and (verb is None or visit.start() <= verb.start())


def _owned_body(head: str, item: int, end: int) -> int | None:
    """Length of the body named right after ``的`` at ``end`` when the name before it (``head[item:end]``) is a
    place and that body is none (``白沙乡的红岩村党支部``); else None.

    >>> _owned_body("白沙乡的红岩村党支部", 0, 3), _owned_body("白沙乡的党员干部", 0, 3)
    (6, None)
    """
    if orgs.kind_of(head[item:end]) != "place":
        return None
    span = orgs.body_at(head, end + 1, len(head))
    if span is None or span[0] != end + 1:
        return None
    name = head[span[0] : span[1]]
    return None if orgs.kind_of(name) == "place" or name.startswith(class_words()) else span[1] - span[0]


_QUOTED_PART = rx.compile(r"“[^“”\"',，。;；:：!！?？、\s]{1,12}”")  # a short quoted word: a slogan or a program
_MAX_QUOTED_LEAD = 16  # characters of a name before its quoted part (习近平新时代中国特色社会主义思想“四进”宣讲团)


def _through_quotes(head: str, end: int) -> int:
    """Where a body's name ending at ``end`` ends when a quoted word and a body's name follow it at once:
    the name runs on through them (``高河塘社区“五星”党建联盟``); else ``end``.

    >>> h = "红星社区“邻里守望”志愿服务队全体队员"
    >>> h[: _through_quotes(h, 4)], _through_quotes("红星社区“邻里守望”活动", 4)
    ('红星社区“邻里守望”志愿服务队', 4)
    """
    while (q := _QUOTED_PART.match(head, end)) is not None:
        after = _body_end(head, q.end())
        if after is None:
            break
        end = after
    return end


_ALIAS = rx.compile(r"[(（]([\u4e00-\u9fff]{2,12})[)）]")


def _through_alias(head: str, end: int) -> int:
    """Where a body's name ending at ``end`` ends when a place's other name in brackets and a body's name follow it
    at once: the name runs on through them (``长宁乡(长宁街道)第一社区党支部``); else ``end``.

    >>> h = "长宁乡(长宁街道)第一社区党支部"; h[: _through_alias(h, 3)]
    '长宁乡(长宁街道)第一社区党支部'
    >>> _through_alias("长宁乡(记者)", 3), _through_alias("长宁乡(长宁街道)", 3), _through_alias("青石镇(青石街道)党委", 3)
    (3, 3, 11)
    """
    alias = _ALIAS.match(head, end)
    if alias is None or orgs.kind_of(alias.group(1)) != "place" or orgs.first_stopword(alias.group(1)) is not None:
        return end
    after = _body_end(head, alias.end())
    if after is None and (bare := orgs.name_at(head, alias.end())) in orgs.suffixes():  # 青石镇(青石街道)党委
        after = alias.end() + len(bare)  # type: ignore[arg-type]  # bare is a suffix, so a str
    return end if after is None else after


_BRACKET = rx.compile(r"[(（]([\u4e00-\u9fff]{1,4})[)）]")
_BRACKET_RUN = rx.compile(r"(?:[(（][\u4e00-\u9fff]{1,4}[)）][\u4e00-\u9fff]{0,4})+")


def _through_brackets(head: str, start: int, end: int) -> int:
    """Where a body's name ending at ``end`` ends when short words in brackets run on in it (``各村(社区)党(总)支部``:
    the name read with the bracketed words, or without them, runs on through them); else ``end``.

    >>> h = "红岭镇各村(社区)党(总)支部积极"; h[: _through_brackets(h, 0, 5)]
    '红岭镇各村(社区)党(总)支部'
    >>> h = "红岭镇各村(社区)积极"; h[: _through_brackets(h, 0, 5)], _through_brackets("红岭镇(记者)", 0, 3)
    ('红岭镇各村(社区)', 3)
    """
    run = _BRACKET_RUN.match(head, end)
    if run is None:
        return end
    groups = [g.end() for g in _BRACKET.finditer(head, end, run.end())]
    best = end
    for last in groups:  # the name ends at a bracket's close or a few characters after it
        for cut in range(last, min(run.end(), last + 4) + 1):
            if cut > best and _reads_whole(head[start:cut], cut > last):
                best = cut
    return best


def _reads_whole(words: str, goes_on: bool) -> bool:
    """True when ``words`` read with its bracket marks taken out, or (when the name ``goes_on`` after the last
    bracket) without its bracketed words, is one name as a whole. A name of its own in brackets (长宁乡(原长宁镇))
    is another name of the body, not part of it: read only without it."""
    inner = [b.group(1) for b in _BRACKET.finditer(words)]
    parts = all(w in orgs.suffixes() or orgs.name_at(w) is None for w in inner)
    plains = ((_BRACKET.sub(r"\1", words),) if parts else ()) + ((_BRACKET.sub("", words),) if goes_on else ())
    return any(orgs.name_at(plain) == plain and orgs.first_stopword(plain) is None for plain in plains)


def _through_short_township(head: str, start: int, end: int) -> int:
    """Where a place's name ending at ``end`` ends when a township the gazetteer knows follows it written short
    with 街 (``天津和平区小白楼街`` of 小白楼街道); else ``end``.

    >>> h = "天津和平区小白楼街33个社区"; h[: _through_short_township(h, 0, 5)]
    '天津和平区小白楼街'
    >>> _through_short_township("和平区小白楼街道", 0, 8), _through_short_township("和平区党委书记", 0, 3)
    (8, 3)
    >>> _through_short_township("青山区白云街", 0, 3), _through_short_township("青山区商业街", 0, 3)
    (6, 3)
    """
    if end >= len(head) or "街" not in head[end : end + 6] or orgs.kind_of(head[start:end]) != "place":
        return end
    from .gazetteer import gazetteer

    g = gazetteer()
    found = g.find(head[end : end + 8])
    short = found[0] if found and found[0].start == 0 and found[0].surface.endswith("街") else None
    if short is not None and any(g.divisions[c].name == short.surface + "道" for c in short.candidates):
        return end + short.end
    # a township the gazetteer does not know, written short, right after a county and right before the cue
    # (武昌区中南路街开展…): a street or an area (商业街, 步行街: org_not_bodies.tsv) is none
    street = _SHORT_STREET.match(head, end)
    if (
        street is not None
        and street.end() == len(head)
        and head.endswith(_COUNTY_ENDS, start, end)
        and not street.group().endswith(orgs.not_body_endings())
        and orgs.first_stopword(street.group()) is None
    ):
        return street.end()
    return end


_SHORT_STREET = rx.compile(r"[\u4e00-\u9fff]{1,4}街")
_COUNTY_ENDS = ("区", "县", "市", "旗")


def _body_end(head: str, pos: int) -> int | None:
    """End of the body's name read at ``pos``, a bare suffix of three or more characters (志愿服务队) too."""
    span = orgs.body_at(head, pos, len(head))
    if span is not None and span[0] == pos:
        return span[1]
    name = orgs.name_at(head, pos)
    return pos + len(name) if name in orgs.suffixes() and len(name) >= _MIN_GENERIC else None


def _quoted_name(head: str) -> int | None:
    """Start of a name with a quoted word that runs from that word on to the cue (``市“平安”建设领导小组``),
    or None.

    The words before the quoted word belong to the name when they are a short run of Han script that opens
    with no opener and holds no stopword (``习近平新时代中国特色社会主义思想``); else the name starts at the
    quoted word (``…站1949网站全民健身“三进”宣讲团`` -> ``“三进”宣讲团``).

    >>> h = "市“平安”建设领导小组"; h[_quoted_name(h):]
    '市“平安”建设领导小组'
    >>> _quoted_name("开展“我为群众办实事”活动") is None
    True
    """
    for q in reversed(list(_QUOTED_PART.finditer(head))):
        if _body_end(head, q.end()) != len(head):
            continue
        start = q.start()
        while start > 0 and "\u4e00" <= head[start - 1] <= "\u9fff":  # the run of Han script before it
            start -= 1
        words = head[start : q.start()]
        if (
            not words
            or len(words) > _MAX_QUOTED_LEAD
            or (start > 0 and head[start - 1] in "“”")
            or words.startswith(orgs.openers())
            or orgs.first_stopword(words) is not None
        ):
            return q.start()
        return start
    return None


@cache
def class_words() -> tuple[str, ...]:
    """Words that open the name of a class of bodies (``org_class_words.tsv``: 各, 农村, 基层), longest first."""
    return tuple(sorted((row[0] for row in read_table("org_class_words.tsv")), key=len, reverse=True))


@cache
def _built_re() -> re.Pattern[str]:
    """Words saying a facility is built or opened (``org_cues.tsv``, kind built: 开工, 落成, 揭牌, 投入使用)."""
    words = _cues().get("built", ())
    return rx.compile("|".join(re.escape(w) for w in words) if words else "(?!)")


def _owner_length(name: str) -> int | None:
    """Length of the place a facility's name opens with (``公道镇赤岸村村级党群服务中心`` -> 公道镇赤岸村), or None.

    >>> n = "公道镇赤岸村村级党群服务中心"; n[: _owner_length(n)]
    '公道镇赤岸村'
    >>> _owner_length("区委党校") is None
    True
    """
    for end in range(len(name) - 1, 1, -1):
        if orgs.kind_of(name[:end]) == "place" and orgs.body_at(name, 0, end) == (0, end):
            return end
    return None


def _gives_examples(clause: str) -> bool:
    """True for a clause that opens with 如/比如/例如 (``org_cues.tsv``, kind example) that is no place's first word.

    >>> _gives_examples("如幸福社区、和平社区等开展义诊"), _gives_examples("如皋市开展义诊")
    (True, False)
    """
    return clause.startswith(_cues()["example"]) and not _opens_with_place(clause)


def _opens_with_place(text: str) -> bool:
    """True when a gazetteer place name starts the text (如皋市, 如东县 open with 如 but give no example)."""
    from .gazetteer import gazetteer

    found = gazetteer().find(text[:8])
    return bool(found) and found[0].start == 0


def _place_committee(name: str) -> bool:
    """True for a place's party committee written as a bare suffix: 县委, 市委, 区委 (the place is elsewhere)."""
    return orgs.suffixes().get(name) == "party" and name[:1] in _generic_firsts()


def _next_item(head: str, item: int) -> int | None:
    """Start of the next item of a list of titled people (``副市长曾奕、镇党委书记薛治国``)."""
    sep = head.find("、", item)
    if sep < 0 or sep + 1 >= len(head) or not _title_re().search(head, item, min(sep, item + 8)):
        return None
    return sep + 1


@cache
def _title_re() -> re.Pattern[str]:
    return rx.compile(orgs.trie_pattern(_titles()))


def _joins(cue: str, rest: str) -> bool:
    verbs, withs, together = _joint()
    if cue in verbs:
        return True
    if cue in withs:
        return together.search(rest) is not None
    return False


def reference_match(name: str) -> bool:
    """True for a name that opens with a reference (``该街道``, ``我县``, ``本社区``: ``org_references.tsv``).

    >>> reference_match("该街道"), reference_match("东岭街道")
    (True, False)
    """
    return _reference_re().match(name) is not None


def reference_rest(word: str) -> str | None:
    """The body a reference names after its own word (``我院后勤三党支部`` -> ``后勤三党支部``): what stands for it when
    the page names no body of the reference's kind; None when nothing but suffixes follows (``我镇党委``), or a class
    of bodies (``我镇各村党支部``).

    >>> reference_rest("我院后勤三党支部"), reference_rest("我镇党委"), reference_rest("本单位")
    ('后勤三党支部', None, None)
    """
    m = _reference_re().match(word)
    rest = word[m.end() :] if m else ""
    if len(rest) < 3 or rest.startswith((*orgs.suffixes(), *class_words(), _EACH)) or orgs.name_at(rest) != rest:
        return None
    return rest


def is_scope(words: str) -> bool:
    """True for a scope word and its place suffix alone (``全县``): unresolved, it names no body.

    >>> is_scope("全县"), is_scope("我县"), is_scope("全县村")
    (True, False, False)
    """
    return _scope_re().fullmatch(words) is not None


@lru_cache(maxsize=8)
def resolve_reference(word: str, title: str | None, before: str, after: str = "") -> str | None:
    """The body a reference (``我县``, ``我镇党委``, ``该社区``) stands for, or None. Kept for the few read last: the
    organizer of an event that is a reference is resolved again when the event's bodies are listed (one in five calls).

    The body of the reference's kind (its suffix) named in the title, else the last one named
    in the text before, else the first one named in the text after (the rest of the event: ``我镇召开大会,
    表彰了青石镇优秀党员``); 我县/我区/我市 may also be a place in the title (``丹棱县``).

    >>> resolve_reference("我县", "丹棱县:党旗在防汛一线飘扬", "")
    '丹棱县'
    >>> resolve_reference("该社区", None, "幸福街道明德社区组织开展活动。")
    '幸福街道明德社区'
    >>> resolve_reference("我局党组", None, "区财政局召开会议。") is None
    False
    >>> resolve_reference("全县", "丹棱县:换届工作顺利推进", "")
    '丹棱县'
    >>> resolve_reference("我镇", None, "", "召开大会,表彰了青石镇优秀党员。")
    '青石镇'
    >>> resolve_reference("镇", None, "在西岭镇,", "领导班子带领驻镇帮镇工作队赶到。")
    '西岭镇'
    """
    m = _reference_re().match(word) or _scope_re().fullmatch(word)
    if m:
        kind, rest = m.group(1), word[m.end() :]
    elif word in _bare_heads():  # 街道 standing alone for the body: as 本街道
        kind, rest = word, ""
    else:
        return None
    bare = m is None
    fits = (lambda n: len(n) > len(kind)) if kind == "单位" else (
        lambda n: n.endswith(kind) and len(n) > len(kind) + 1 and not _longer_place_end(n, kind)
    )
    order: tuple[tuple[str, bool], ...] = ((title or "", False), (before, True), (after, False))
    if bare:  # a bare 社区: the one its sentence names before it (在X镇,镇领导班子…), else the one its event names first
        order = ((_last_sentence(before), True), *order[2:], *order[:2])

    def good(names: list[str]) -> list[str]:  # the names that may be the body, in order (read one by one)
        if bare:  # 街道 of X街道党工委: one of its bodies names it too
            names = [n[: n.rindex(kind) + len(kind)] for n in names if kind in n[1:]]
            names = [n for n in names if not n.endswith(_EACH + kind)]  # X街道各社区: a class, no body
        return [n for n in names if (fits(n) or _region_body(kind, n)) and not _reference_re().match(n)]

    for text, last in order:
        # the bodies' names, then the places': the last of the good ones is the last good place when there is one,
        # the first the first good body's name when there is one; the other list is read only when it must be
        if last:
            found = good(orgs.places_in(text)) or _good_bodies_last(text, good)
        else:
            found = good(_body_names(text)) or good(orgs.places_in(text))
        if found:
            return found[-1 if last else 0] + rest
    return None


def _body_names(text: str) -> list[str]:
    """The bodies' names in ``text``, in order (:func:`~partyevents.extract.organizations.org_spans`)."""
    return [text[s:e] for s, e, _ in orgs.org_spans(text)]


# a full stop before a CJK character: no name, separator or look-around of the name finder reads across it, so the
# names read from there on are those read in the whole text that start there or later
_TAIL_CUT = rx.compile("。(?=[\u4e00-\u9fff])")
_MIN_TAIL = 200  # characters of the first tail read for the last good name


def _good_bodies_last(text: str, good: Callable[[list[str]], list[str]], least: int = _MIN_TAIL) -> list[str]:
    """``good`` of the bodies' names in ``text``, or of those of a tail of it (after a full stop): a list whose last
    name is the last of ``good(_body_names(text))``, empty when that is. Tails of ``least`` characters or more are read
    first, each at least twice as long as the one before; the whole text last.

    ``good`` keeps or drops each name by itself (in order), so the good names of the whole text end with those of
    the tail.

    >>> _good_bodies_last("西岭镇召开会议。东岭镇党委开展活动", lambda names: names, 0)
    ['东岭镇党委']
    """
    cuts = [m.end() for m in _TAIL_CUT.finditer(text)]
    for cut in reversed(cuts):
        if len(text) - cut < least:
            continue
        found = good(_body_names(text[cut:]))
        if found:
            return found
        least = 2 * (len(text) - cut)
    return good(_body_names(text))


def _longer_place_end(name: str, kind: str) -> bool:
    """True when a place suffix longer than ``kind`` ends ``name`` (X社区 for 全区, X街道 for 本街): a place of
    another level, which the reference does not stand for.

    >>> _longer_place_end("东岭家园社区", "区"), _longer_place_end("东岭区", "区"), _longer_place_end("县人民医院", "院")
    (True, False, False)
    """
    return any(len(p) > len(kind) and name.endswith(p) and p.endswith(kind) for p in _generic_heads())


_SENTENCE_END = rx.compile(r"[。!！?？\n]")


def _last_sentence(text: str) -> str:
    """The words of ``text`` after its last sentence end: the sentence a reference at its end stands in.

    >>> _last_sentence("东岭镇召开会议。在西岭镇,")
    '在西岭镇,'
    """
    ends = list(_SENTENCE_END.finditer(text))
    return text[ends[-1].end() :] if ends else text


_REGION = "自治区"  # 全区, 我区 of a page that names 自治区党委: the autonomous region, not a district


def _region_body(kind: str, name: str) -> bool:
    """True for a body of the autonomous region (``自治区党委``, ``自治区发改委``) where a reference's kind is 区: the
    region the page is about stands for 全区 as a district does.

    >>> _region_body("区", "自治区党委"), _region_body("县", "自治区党委"), _region_body("区", "自治区")
    (True, False, False)
    """
    return kind == _REGION[-1] and name.startswith(_REGION) and len(name) > len(_REGION)


@cache
def _surnames() -> tuple[str, ...]:
    raw = read_table("org_surnames.txt")
    return tuple(sorted((row[0] for row in raw), key=len, reverse=True))


@cache
def _surname_re() -> re.Pattern[str]:
    """The family names as one trie: what a scan of them longest first finds first."""
    return rx.compile(orgs.trie_pattern(_surnames()))


def _looks_like_person(head: str) -> bool:
    """Two or three characters (four with a double surname) opening with a family name, no plural.

    >>> _looks_like_person("郑士民"), _looks_like_person("居民们"), _looks_like_person("大雨还")
    (True, False, False)
    """
    found = _surname_re().match(head)  # the longest family name the head opens with
    surname = found.group() if found else None
    return surname is not None and 1 <= len(head) - len(surname) <= 2 and not head.endswith(("们", "俩", "等"))


_SHORT_PLACE_ENDS = ("镇", "乡", "街道", "县", "区", "市")  # what a place's short form leaves off (沙溪 of 沙溪镇)


def short_place(words: str, text: str) -> str | None:
    """The place a subject taken for a person stands for: the words with a place ending, as the page names it.

    >>> short_place("沙溪", "而沙溪镇被列入首批试点。沙溪确定全镇86户党员中心户")
    '沙溪镇'
    >>> short_place("王刚", "王刚深入到村") is None
    True
    """
    return next((words + end for end in _SHORT_PLACE_ENDS if words + end in text), None)


@cache
def _titled_list_re() -> re.Pattern[str]:
    """A title, then the people it names before the person looked up: ``领导杜庆节、`` (up to the end)."""
    return rx.compile(rf"({orgs.trie_pattern(_titles())})(?:[\u4e00-\u9fff]{{2,4}}、){{0,8}}$")


def resolve_person(person: str, text: str, before: int) -> str | None:
    """The body a person is named by with a title in the document (``金乡县领导杜庆节、郑士民`` → 金乡县).

    The mentions of the person before ``before`` are read, first to last; the first that stands
    right after a title, or in a list of names after one, gives the body named before the title.

    >>> resolve_person("郑士民", "金乡县领导杜庆节、郑士民等走访。郑士民深入到村", 17)
    '金乡县'
    >>> resolve_person("郑士民", "郑士民深入到村", 7) is None
    True
    """
    at = text.find(person, 0, before)
    while at >= 0:
        window = text[max(0, at - 60) : at]
        m = _titled_list_re().search(window)
        if m:
            body = window[: m.start()]
            for s, e, _ in reversed(orgs.org_spans(body)):
                if e == len(body):
                    return body[s:e]
            places = orgs.places_in(body[-12:])
            if places and body.endswith(places[-1]):
                return places[-1]
        at = text.find(person, at + len(person), before)
    return None


@cache
def _generic_heads() -> tuple[str, ...]:
    """Place suffixes a name may open with as a generic word (社区党总支, 镇党委, 村党支部), longest first."""
    return tuple(sorted((s for s, kind in orgs.suffixes().items() if kind == "place"), key=len, reverse=True))


@cache
def _bare_places() -> frozenset[str]:
    """Place suffixes of two characters that stand alone for the place's body before a cue (街道, 社区); a longer
    one (村委会) is read as a generic body's name."""
    return frozenset(s for s in _generic_heads() if 2 <= len(s) < _MIN_GENERIC)


_EACH = "各"


@cache
def _bare_heads() -> tuple[str, ...]:
    """Place suffixes that stand alone for the place's body before a title (镇 of 镇领导班子), longest first;
    committees (村委会) are bodies' names. 区领导, 市领导 (of 省市区县) are guests more often than not: they stand for
    their place only when they visit (:func:`_subject`); 自治区… never."""
    return tuple(w for w in _generic_heads() if w not in _committees() and w[:2] != "自治")


@cache
def _bare_head_re() -> re.Pattern[str]:
    """The place suffixes of :func:`_bare_heads` as one trie, longest first (what a scan of them in order finds)."""
    return rx.compile(orgs.trie_pattern(_bare_heads()))


@cache
def _generic_firsts() -> frozenset[str]:
    return frozenset(h[0] for h in _generic_heads())


def expand_generic(name: str, title: str | None, before: str) -> str | None:
    """A name that opens with a generic place word (``社区党总支``), written in full from the text before.

    The last body of that kind named before it in the event or the document (else in the title)
    gives the place: ``汉阳镇汉阳场社区`` … ``社区党总支`` → ``汉阳镇汉阳场社区党总支``. None when the
    name is no such name or no body of its kind is named.

    >>> expand_generic("社区党总支", None, "近日,在汉阳镇汉阳场社区,演练正在进行,")
    '汉阳镇汉阳场社区党总支'
    >>> expand_generic("县委", "金乡县:走访慰问暖人心", "")
    '金乡县委'
    >>> expand_generic("村委会", None, "走进普安村,")
    '普安村村委会'
    >>> expand_generic("区财政局", None, "樊城区") is None, expand_generic("米公街道", None, "樊城区") is None
    (True, True)
    """
    parts = _generic_parts(name)
    if parts is None:
        return None
    head, tail = parts
    if head not in before and head not in (title or ""):
        return None
    for text, last in ((before, True), (title or "", False)):
        found = [(s, text[s:e]) for s, e, _ in orgs.org_spans(text)]
        found += orgs.places_at(text) if len(head) == 1 else []
        names = [n for _, n in sorted(found, key=lambda p: p[0])]  # in the order the text names them
        # a body of that kind, or one of its bodies (X社区党委 gives X社区): the name up to its last such word
        cut = [n[: n.rindex(head) + len(head)] for n in names if head in n[1:] and not _reference_re().match(n)]
        # a one-character head (镇) from a place the gazetteer knows, or one a longer name opens with as a name of
        # its own (沙瑯镇 of 沙瑯镇观青村: a variant the gazetteer lacks)
        good = [n for n in cut if len(n) > len(head) and (len(head) > 1 or n in names or _named_place(n))]
        if good:
            return (good[-1] if last else good[0]) + tail
    return None


def _named_place(name: str) -> bool:
    """True for a place's name of three or more characters read whole as a name (``沙瑯镇``), no kinds of place
    (``乡镇``)."""
    return len(name) >= 3 and orgs.name_at(name) == name and orgs.kind_of(name) == "place" and not (
        orgs.is_kinds_of_place(name)
    )


def _generic_parts(name: str) -> tuple[str, str] | None:
    """(place word, rest) of a name that opens with a generic place word (社区 + 党总支; 村委会: 村 + 村委会), or None.

    >>> _generic_parts("社区党总支"), _generic_parts("区财政局"), _generic_parts("米公街道")
    (('社区', '党总支'), None, None)
    """
    if name[:1] not in _generic_firsts():
        return None
    head = _committees().get(name)  # 村委会: the committee of the village named last
    if head is not None:
        return head, name
    head = next((h for h in _generic_heads() if name.startswith(h)), None)
    if head is None or len(name) == len(head):
        return None
    tail = name[len(head) :]
    committee = _place_committee(name)  # 县委 is 县 + 委
    if head in _ADMIN_HEADS and not committee:  # 区财政局, 市委组织部: written as the page writes them
        return None
    if orgs.name_at(tail) is None and not committee:
        return None
    return head, tail


@cache
def _named_area_re() -> re.Pattern[str]:
    """A residential area's name (``org_cues.tsv``, kind area) that opens the text or follows 在/到/于 or a mark."""
    words = _cues().get("area", ())
    if not words:
        return rx.compile("(?!)")
    return rx.compile(
        rf"(?:(?<=[在到于])|(?<![\u4e00-\u9fff0-9]))(?![在到于])([\u4e00-\u9fff0-9]{{2,10}}?{orgs.trie_pattern(words)})"
    )


def area_body(name: str, before: str) -> str | None:
    """A body's bare name (``党支部``) written with the residential area the sentence before it names (``在X小区…,
    党支部书记Y`` -> X小区党支部), else None.

    >>> area_body("党支部", "3月5日,在东岭18号小区党员活动室,"), area_body("党支部", "3月5日,在活动室,") is None
    ('东岭18号小区党支部', True)
    """
    sentence = before[max(before.rfind(m) for m in "。!！?？\n") + 1 :]
    found = list(_named_area_re().finditer(sentence))
    return found[-1].group(1) + name if found else None


def full_name_after(name: str, after: str) -> str | None:
    """A generic name (``社区居委会``) as the event writes it in full after it (``桂湾社区居委会主任…``), or None:
    the first body named after it that ends with the whole generic name and is longer.

    >>> full_name_after("社区居委会", "开展整治,桂湾社区居委会主任带队。")
    '桂湾社区居委会'
    >>> full_name_after("社区居委会", "开展整治,桂湾社区党支部书记带队。") is None
    True
    """
    if _generic_parts(name) is None or name not in after:
        return None
    for s, e, _ in orgs.org_spans(after):
        if e - s > len(name) and after.endswith(name, s, e) and not _reference_re().match(after, s):
            return after[s:e]
    return None


@cache
def _committees() -> dict[str, str]:
    """A committee written bare (村委会) -> the place word of its place (村), from ``org_committees.tsv``."""
    return {row[0]: row[1] for row in read_table("org_committees.tsv")}
