"""Activity types: the primary taxonomy label of an event and every label that applies.

Cues come from data tables a user can extend without touching code:
``resources/activity_keywords.tsv`` (label, word) and
``resources/activity_patterns.tsv`` (label, regex). A cue counts by where it
stands (``resources/activity_weights.tsv``): the main clause of the first
sentence (the first one with a cue that does not open with a subordinator from
``resources/activity_subordinators.tsv``) outweighs the other clauses of that
sentence, which outweigh subordinate clauses (``…让疫情防控工作更有温度``) and
the rest of the event. Within a clause a label counts once, plus a little for
each further cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

import ahocorasick_rs

from .. import regex_cache as rx
from ..records import DocContext, Event
from ..regex_first import edge_class, top_level_alternatives, with_first_chars
from ..resources import read_table, taxonomy
from .organizer import skip_preamble
from .wordtrie import trie_pattern

_CLAUSE_SPLIT = rx.compile(r"[,，;；:：、\n]")
_SENTENCE_SPLIT = rx.compile(r"(?<=[。!！?？])")
_CLAUSE_MARKS = ",，;；:：、\n"
_BOUNDARY = rx.compile(r"[,，;；:：、\n。!！?？]")  # a clause starts after each
_SENTENCE_MARK = rx.compile(r"[。!！?？]")
_CLAUSE_HEAD = rx.compile(r"(?s:.*[,，;；:：、\n。!！?？])?")  # up to endpos: through the last mark before it
_EXTRA_CUE = 0.1  # each further cue of the same label in one clause
_MIN_SCORE = 0.5  # a secondary label needs at least this much
_NOT_A_CUE = "-"  # the label of a word that holds a cue but is none (宣传部)
_MASK = "\u3007"  # 〇: stands in for the organizer's characters, which are no cue of the activity


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(one regex of every keyword, longest first; keyword -> labels; (label, pattern) pairs).

    Labels outside the taxonomy are ignored; a word listed with label ``-`` has no labels (it holds
    a cue but is none, ``宣传部``): matched as a whole, it keeps the cue inside it from matching.
    """
    known = set(taxonomy())
    words: dict[str, list[str]] = {}
    for label, word, *_ in read_table("activity_keywords.tsv"):
        if label in known:
            words.setdefault(word, []).append(label)
        elif label == _NOT_A_CUE:
            words.setdefault(word, [])
    # a trie matches as the alternation longest first would, so 治理 inside 社会治理 is not seen
    alternation = (
        trie_pattern(words)
        if words and all(words)
        else "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    )
    patterns = tuple(
        (label, rx.compile(pattern)) for label, pattern, *_ in read_table("activity_patterns.tsv") if label in known
    )
    return rx.compile(alternation), {w: tuple(v) for w, v in words.items()}, patterns


@cache
def _weights() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in read_table("activity_weights.tsv")}


@cache
def _subordinators() -> tuple[str, ...]:
    """Words that open a subordinate clause (``activity_subordinators.tsv``, no kind or kind opening), longest first."""
    rows = read_table("activity_subordinators.tsv")
    return tuple(sorted((row[0] for row in rows if len(row) < 2 or row[1] == "opening"), key=len, reverse=True))


@cache
def _occasions() -> tuple[str, ...]:
    """Words that end a clause naming the occasion of the event (``activity_subordinators.tsv``, kind occasion:
    ``在X召开的座谈会上``): such a clause opening with a subordinator is no subordinate clause."""
    return tuple(row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "occasion")


@cache
def _subordinate_endings() -> tuple[str, ...]:
    """Words that end a subordinate clause (``activity_subordinators.tsv``, kind ending: ``…成立以来``)."""
    return tuple(row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "ending")


_Hit = tuple[int, int, tuple[str, ...]]  # (start, end, labels) of one keyword match


@cache
def _titles() -> tuple[frozenset[str], frozenset[int], re.Pattern[str]]:
    """(title words, their lengths, a regex matching where a personal name starts), from ``activity_titles.tsv``.

    A name is a family name (``org_surnames.txt``, less those listed ``not_a_name``) and one more
    character of Han script: marks and spaces end it, so it never runs into the next clause.
    """
    rows = read_table("activity_titles.tsv")
    titles = frozenset(row[1] for row in rows if row[0] == "title")
    not_names = {row[1] for row in rows if row[0] == "not_a_name"}
    surnames = sorted((row[0] for row in read_table("org_surnames.txt") if row[0] not in not_names), key=len, reverse=True)
    name = rx.compile("(?:" + "|".join(map(re.escape, surnames)) + ")[\u4e00-\u9fff]")
    return titles, frozenset(len(t) for t in titles), name


def _drop_titles(text: str, hits: list[_Hit]) -> list[_Hit]:
    """The keyword hits less those of a title that names people, not an activity: right before a personal name
    (``第一书记张明``) or ``等`` (``第一书记等参加``), or making up a whole clause (``乡领导、第一书记、村书记``).

    What decides lies inside the clause or at its edges, so a clause read alone gives the same as the whole text.

    >>> [text[s:e] for text in ("第一书记张明慰问群众", "选派第一书记,", "乡干部、第一书记、") for s, e, _ in
    ...  _drop_titles(text, _keyword_hits(text))]
    ['慰问', '选派', '第一书记']
    """
    titles, sizes, name = _titles()
    if not any(e - s in sizes for s, e, _ in hits):
        return hits
    return [h for i, h in enumerate(hits)
            if not (h[1] - h[0] in sizes and text[h[0] : h[1]] in titles
                    and (_names_people(text, h[0], h[1], name) or _before_any_name(text, hits, i)))]


_NAME_RUN = rx.compile("[\u4e00-\u9fff·]{2,3}")  # a name of no known family name: 巴特尔, 阿不都 (two or three)


def _before_any_name(text: str, hits: list[_Hit], i: int) -> bool:
    """Whether the title of ``hits[i]`` stands before a name of no known family name: a run of two or three
    characters right after it, then another cue or a verb of ``activity_titles.tsv`` (kind name_verb) --
    牧区第一书记巴特尔走访, 第一书记阿不都带领. Not when the title is the object of a cue right before it
    (选派第一书记), nor when a cue follows at once (第一书记驻村).

    >>> t = "牧区第一书记巴特尔走访慰问牧民"; [t[s:e] for s, e, _ in _drop_titles(t, _keyword_hits(t))]
    ['走访慰问']
    >>> t = "选派第一书记巴特尔走访慰问"; [t[s:e] for s, e, _ in _drop_titles(t, _keyword_hits(t))]
    ['选派', '第一书记', '走访慰问']
    """
    start, end, _ = hits[i]
    if i > 0 and hits[i - 1][1] == start:
        return False
    run = _NAME_RUN.match(text, end)
    if run is None:
        return False
    after = i + 1 < len(hits) and hits[i + 1][0] - end in (2, 3) and hits[i + 1][0] <= run.end()
    return after or any(text.startswith(_name_verbs(), k) for k in range(end + 2, run.end() + 1))


@cache
def _attend_words() -> tuple[str, ...]:
    """Words that, right after a title, say those people attend (``activity_titles.tsv``, kind attend)."""
    return tuple(row[1] for row in read_table("activity_titles.tsv") if row[0] == "attend")


@cache
def _name_verbs() -> tuple[str, ...]:
    return tuple(row[1] for row in read_table("activity_titles.tsv") if row[0] == "name_verb")


def _names_people(text: str, start: int, end: int, name: re.Pattern[str]) -> bool:
    """Whether the title at ``text[start:end]`` names people: before a name or 等, or alone in its clause; a title
    written in quotation marks (各村“第一书记”等) is read as without them.

    >>> t = "各村“第一书记”等170人参加"; bool(_names_people(t, 3, 7, _titles()[2]))
    True
    >>> bool(_names_people("“第一书记", 1, 5, _titles()[2]))  # a quotation left open at the text's end
    False
    """
    if start > 0 and end < len(text) and text[start - 1] in _OPEN_MARKS and text[end] in _CLOSE_MARKS:
        start, end = start - 1, end + 1
    if name.match(text, end) or text.startswith("等", end) or text.startswith(_attend_words(), end):
        return True
    return (start == 0 or text[start - 1] in _MARKS) and (end == len(text) or text[end] in _MARKS)


_OPEN_MARKS, _CLOSE_MARKS = "“\"‘", "”\"’"


_CONTEXT_FREE = rx.compile(r"\(\?<|\(\?=|\(\?!|[$^]|\\[AZbB]")  # lookaround, anchors, word boundaries
_NEGATED_CLASS = rx.compile(r"(?<!\\)\[\^")  # the ^ of [^…] is no anchor
_MARKS = ",，;；:：、\n。!！?？"
# lookaround over plain text without clause marks sees the same at a clause edge as in the whole text
_LITERAL_LOOKAROUND = rx.compile(rf"\(\?<?[=!][^\\()\[\]|.*+?{{}}^$\s{_MARKS}]+\)")


@cache
def _keywords_scan_whole() -> bool:
    """True when keyword matches can be found once over a whole event and shared out by clause.

    That holds when no keyword is empty or contains a clause or sentence mark: no match
    can then cross a clause boundary, so scanning the event finds exactly the matches
    of scanning each clause.
    """
    _, word_labels, _ = _cues()
    return all(w and not set(_MARKS) & set(w) for w in word_labels)


@cache
def _scan_whole() -> bool:
    """True when an event can be scored from one scan for keywords and one search per pattern (:func:`_score_whole`).

    That needs keywords that cannot cross a clause boundary and prefiltered patterns.
    """
    _, _, patterns = _cues()
    return _keywords_scan_whole() and all(_prefilter(p) for _, p in patterns)


@cache
def _keyword_automaton() -> tuple[ahocorasick_rs.AhoCorasick, tuple[tuple[str, ...], ...], dict[str, tuple[str, ...]]]:
    """The keywords as a leftmost-longest Aho-Corasick automaton, their labels by index and by word.

    At each position the keyword regex takes the longest keyword starting there and goes
    on after it: that is leftmost-longest matching, found here in one call without a
    match object per hit. A label listed twice for a word is kept once.
    """
    _, word_labels, _ = _cues()
    by_word = {w: tuple(dict.fromkeys(labels)) for w, labels in word_labels.items()}
    automaton = ahocorasick_rs.AhoCorasick(list(by_word), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return automaton, tuple(by_word.values()), by_word


def _keyword_hits(text: str) -> list[_Hit]:
    """(start, end, labels) of every keyword match in ``text``, as the keyword regex finds them.

    >>> _keyword_hits("召开会议,开展志愿服务"), _keyword_hits(chr(0xD800) + "召开")  # a lone surrogate: the regex
    ([(0, 4, ('meeting',)), (7, 11, ('volunteer_service',))], [(1, 3, ('meeting',))])
    """
    automaton, labels, by_word = _keyword_automaton()
    try:
        return [(start, end, labels[i]) for i, start, end in automaton.find_matches_as_indexes(text) if labels[i]]
    except UnicodeEncodeError:  # the automaton searches UTF-8, which has no lone surrogates
        keyword_re, _, _ = _cues()
        return [(m.start(), m.end(), by_word[m.group()]) for m in keyword_re.finditer(text) if by_word[m.group()]]


@cache
def _prefilter(pattern: re.Pattern[str]) -> bool:
    """True when a pattern that matches nowhere in an event cannot match in any of its clauses.

    That holds for patterns without anchors, word boundaries or lookaround (except
    over plain text without clause marks): a match inside a clause is then also a
    match in the whole text.

    >>> _prefilter(rx.compile("学习[^,，。;；]{0,12}?精神")), _prefilter(rx.compile("大?会(?!员)"))
    (True, True)
    >>> _prefilter(rx.compile("会(?![,，])")), _prefilter(rx.compile("^会")), _prefilter(rx.compile("(?<=x.)会"))
    (False, False, False)
    """
    return not _CONTEXT_FREE.search(_LITERAL_LOOKAROUND.sub("", _NEGATED_CLASS.sub("[", pattern.pattern)))


def _spans_in(
    clause: str, hits: Collection[_Hit], patterns: tuple[tuple[str, re.Pattern[str]], ...]
) -> dict[str, set[tuple[int, int]]]:
    """label -> its cue spans in one clause, from the clause's keyword matches and the patterns to try."""
    found: dict[str, set[tuple[int, int]]] = {}
    for start, end, labels in hits:
        for label in labels:
            found.setdefault(label, set()).add((start, end))
    for label, pattern in patterns:
        if pm := pattern.search(clause):
            found.setdefault(label, set()).add(pm.span())
    return found


def _strengths(found: Mapping[str, Collection[tuple[int, int]]], clause: str) -> dict[str, tuple[float, int]]:
    """label -> (strength, offset of the first cue), from each label's cue spans in one clause; a topic's label
    (:func:`topic_labels`) counts :data:`_TOPIC_TIE` less."""
    topics = topic_labels(clause, found)
    out = {label: _strength(spans) for label, spans in found.items()}
    for label in topics:
        strength, first = out[label]
        out[label] = (untied(strength), first)
    return out


_TOPIC_TIE = 0.05  # what a topic's cue counts less than the activity it is the topic of (疫情防控 of 疫情防控宣传)


def untied(strength: float) -> float:
    """A topic label's strength in a clause: a little less than one cue of the activity, however many cues its
    topic holds (人居环境整治督查: one topic)."""
    return round(min(strength, 1.0) - _TOPIC_TIE, 2)


@cache
def _topics() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """(labels of a subject matter, words that may join it to its activity, nouns that name an activity, verbs of
    doing that join it to any activity): ``activity_topics.tsv``."""
    rows = read_table("activity_topics.tsv")
    return (
        frozenset(r[1] for r in rows if r[0] == "label"),
        frozenset(["", *(r[1] for r in rows if r[0] == "linker")]),
        tuple(r[1] for r in rows if r[0] == "head"),
        frozenset(r[1] for r in rows if r[0] == "verb"),
    )


@cache
def _topic_kinds() -> frozenset[str]:
    """The labels whose cues may be the topic of another's activity: those of subject matter and those of kind topic
    (``activity_topics.tsv``: org_building, 换届选举工作动员会)."""
    return _topics()[0] | {row[1] for row in read_table("activity_topics.tsv") if row[0] == "topic"}


def topic_labels(text: str, found: Mapping[str, Collection[tuple[int, int]]]) -> set[str]:
    """The labels of a subject matter or of kind topic (``activity_topics.tsv``) each cue of which, among ``found`` (label -> cue
    spans in ``text``, one clause), stands right before another label's cue that names an activity (a noun of
    activity follows it or ends it: 宣传活动, 推进会), or a linker word before that cue.

    >>> sorted(topic_labels("开展疫情防控知识宣传活动", {"epidemic_control": [(2, 6)], "outreach": [(8, 10)]}))
    ['epidemic_control']
    >>> topic_labels("开展疫苗接种宣传", {"epidemic_control": [(2, 6)], "outreach": [(6, 8)]})
    set()
    >>> topic_labels("慰问疫情防控一线人员", {"assistance": [(0, 2)], "epidemic_control": [(2, 6)]})
    set()
    >>> topic_labels("围绕乡村振兴开展学习", {"economic": [(2, 6)], "study": [(8, 10)]})
    {'economic'}
    """
    _, linkers, heads, verbs = _topics()
    labels = _topic_kinds()
    if len(found) < 2 or labels.isdisjoint(found):
        return set()
    out = set()
    for label in labels.intersection(found):
        others = [(s, e) for other, spans in found.items() if other != label for s, e in spans]
        named = [s for s, e in others if text.startswith(heads, e) or text.endswith(heads, s, e)]  # 宣传活动, 推进会
        done = [s for s, _ in others]  # 围绕乡村振兴开展学习: what a verb of doing is done with
        if all(
            any(s >= e and text[e:s] in linkers for s in named) or any(s >= e and text[e:s] in verbs for s in done)
            for e in _run_ends(found[label])
        ):
            out.add(label)
    return out


def _run_ends(spans: Collection[tuple[int, int]]) -> list[int]:
    """Where each cue's run of cues of the same label ends (人居环境 and 整治 of 人居环境整治: one run)."""
    after = {s: e for s, e in spans}
    ends = []
    for _, end in spans:
        while end in after and after[end] > end:
            end = after[end]
        ends.append(end)
    return ends


def _strength(spans: Collection[tuple[int, int]]) -> tuple[float, int]:
    """(strength, offset of the first cue) of one label's distinct cue spans in one clause.

    A cue inside another (``治理`` in ``社会治理``) adds nothing: sorted by start and longest
    first, a span lies in another exactly when an earlier one reaches as far.

    >>> _strength([(4, 6)]), _strength([(0, 4), (2, 4), (6, 8)]), _strength([(2, 4), (2, 6)])
    ((1.0, 4), (1.1, 0), (1.0, 2))
    """
    if len(spans) == 1:
        return 1.0, next(iter(spans))[0]
    ordered = sorted((start, -end) for start, end in spans)
    outer, reach = 0, ordered[0][0] - 1
    for _, neg_end in ordered:
        if -neg_end > reach:
            outer, reach = outer + 1, -neg_end
    return round(1.0 + _EXTRA_CUE * (outer - 1), 2), ordered[0][0]


def clause_cues(clause: str) -> dict[str, tuple[float, int]]:
    """label -> (strength, offset of the first cue) in one clause.

    Strength is 1 for the first cue and a little more for each further cue that
    is not part of a longer one (``治理`` inside ``社会治理`` counts once).

    >>> clause_cues("柳溪街道召开疫情防控推进会")  # 疫情防控 is the topic of the 推进会: a little less
    {'meeting': (1.0, 4), 'epidemic_control': (0.95, 6)}
    """
    return dict(_clause_cues(clause))


@lru_cache(maxsize=256)
def _clause_cues(clause: str) -> tuple[tuple[str, tuple[float, int]], ...]:
    """:func:`clause_cues` as (label, cue) pairs in order: the clauses of an event's main sentence are read by
    several rules (:func:`actor_act`, :func:`carried_act`, …), the last clauses' cues are kept."""
    return tuple(_strengths(_clause_spans(clause), clause).items())


@lru_cache(maxsize=256)
def _clause_spans(clause: str) -> Mapping[str, AbstractSet[tuple[int, int]]]:
    """label -> its cue spans in one clause: the keyword matches (:func:`_keyword_hits`, the keyword regex's) less
    those of titles, then the patterns. Kept for the last clauses, so shared: read only."""
    _, _, patterns = _cues()
    return _spans_in(clause, _clause_hits(clause), patterns)


@lru_cache(maxsize=256)
def _clause_hits(clause: str) -> tuple[_Hit, ...]:
    """The keyword matches of one clause less those of titles (:func:`_drop_titles`): several rules read the clauses
    of an event's main sentence (:func:`partner_act`, :func:`actor_act`, …), the last clauses' are kept."""
    return tuple(_drop_titles(clause, _keyword_hits(clause)))


def clause_topics(clause: str) -> set[str]:
    """The labels of one clause that are only the topic of another's activity (:func:`topic_labels`).

    >>> clause_topics("柳溪街道召开疫情防控推进会"), clause_topics("柳溪街道开展疫情防控")
    ({'epidemic_control'}, set())
    """
    return topic_labels(clause, _clause_spans(clause))


def clause_actors(clause: str) -> set[str]:
    """The labels of one clause that only name who acts before what they do (:func:`actor_labels`)."""
    return actor_labels(clause, _clause_spans(clause))


def actor_labels(text: str, found: Mapping[str, Collection[tuple[int, int]]]) -> set[str]:
    """The labels each cue of which, among ``found`` (label -> cue spans in ``text``, one clause), is a word that names
    who acts (``activity_titles.tsv``, kinds actor and title: 志愿者, 驻村干部) standing before another label's cue: the
    subject of the clause, not what it does (``党员志愿者为环卫工人送清凉`` is assistance).

    >>> actor_labels("志愿者为老人送清凉", {"volunteer_service": [(0, 3)], "assistance": [(6, 9)]})
    {'volunteer_service'}
    >>> actor_labels("慰问志愿者", {"assistance": [(0, 2)], "volunteer_service": [(2, 5)]})
    set()
    """
    if len(found) < 2:
        return set()
    actors = _actors() | _titles()[0]  # 志愿者, 驻村干部: who acts
    out = set()
    for label, spans in found.items():
        if all(text[s:e] in actors for s, e in spans):
            last = max(e for _, e in spans)
            if any(s >= last for other, cues in found.items() if other != label for s, _ in cues):
                out.add(label)
    return out


def score_labels(text: str) -> dict[str, tuple[float, int]]:
    """label -> (weighted score, position of its first cue) over one event's text.

    The rule is :func:`clause_cues` on every clause, weighted by where the clause stands.
    When keywords and patterns allow it (:func:`_scan_whole`) keywords are matched once over
    the whole text, each pattern is searched there once, and only the clauses with a cue are
    read (:func:`_score_whole`); the clause-by-clause loop below is the rule as written, for
    cue lists that do not.

    >>> score_labels("米公街道开展疫情防控,召开会议。会后开展志愿服务。")
    {'epidemic_control': (3.0, 6), 'meeting': (1.0, 11), 'volunteer_service': (0.3, 20)}

    An event's text is scored several times over (its activity, its leading sentence, a masked variant that comes
    out the same): the last texts' scores are kept, and each caller gets a dict of its own.
    """
    return dict(_scored(text, _scan_whole()))


@lru_cache(maxsize=64)
def _scored(text: str, whole: bool) -> tuple[tuple[str, tuple[float, int]], ...]:
    """:func:`score_labels` as (label, score) pairs in order; ``whole``: :func:`_scan_whole`."""
    return tuple(_score_labels(text, whole).items())


def _score_labels(text: str, whole: bool) -> dict[str, tuple[float, int]]:
    """:func:`score_labels`, read once over the text when ``whole``, else clause by clause."""
    if whole:
        return _score_whole(text, _text_hits(text), _live_patterns(text))
    weights = _weights()
    subordinate = _subordinate_opening().match
    endings = _subordinate_endings()
    occasions = _occasions()
    lead_end = _lead_end(text)
    aside = any(w in text for w in _asides())  # most events hold no word of kind aside
    scores: dict[str, list[float]] = {}
    pos = 0
    main_found = False
    main_sentence = -1
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        if main_sentence < 0 and lead_end < pos + len(sentence):
            main_sentence = n_sentence  # the sentence the lead ends in: the first, unless a background opens it
        cpos = pos
        for clause in _CLAUSE_SPLIT.split(sentence):
            found = clause_cues(clause)
            if found:
                if (
                    (subordinate(clause) and not clause.endswith(occasions))
                    or clause.endswith(endings)
                    or cpos < lead_end
                    or (aside and _aside(clause, 0, len(clause)))
                ):
                    w = weights["subordinate"]
                elif n_sentence == main_sentence and not main_found and not _inner_item(text, cpos, cpos + len(clause)):
                    w, main_found = weights["main"], True
                else:
                    w = weights["sentence"] if n_sentence == main_sentence else weights["rest"]
                minor = clause_topics(clause) | clause_actors(clause) if w == weights["main"] else set()
                for label, (strength, offset) in found.items():
                    entry = scores.setdefault(label, [0.0, float(cpos + offset)])
                    entry[0] += (weights["sentence"] if label in minor else w) * strength
            cpos += len(clause) + 1
        pos += len(sentence)
    return {k: (v[0], int(v[1])) for k, v in scores.items()}


@lru_cache(maxsize=8)
def _text_hits(text: str) -> tuple[_Hit, ...]:
    """The keyword matches of a whole text less those of titles: a masked text is checked for a cue
    (:func:`_has_cue`) and mostly scored after, the last texts' are kept."""
    return tuple(_drop_titles(text, _keyword_hits(text)))


def _live_patterns(text: str) -> tuple[tuple[str, re.Pattern[str], re.Match[str]], ...]:
    """(label, pattern, its first match) of each pattern of ``activity_patterns.tsv`` that matches in ``text``.

    Most patterns open with one of a few words (:func:`_leading_words`: ``(?:动员|推进|…)``), for which the regex
    engine has no fast scan: one pass of an automaton finds where each pattern's words first stand, and a pattern
    is searched from there, or not at all when none of them does.
    """
    _, _, patterns = _cues()
    automaton, opened, always = _pattern_gate()
    try:
        found = automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:  # the automaton searches UTF-8, which has no lone surrogates
        return tuple((label, p, hint) for label, p in patterns if (hint := p.search(text)))
    first = dict.fromkeys(always, 0)
    for i, start, _ in found:
        for j in opened[i]:
            if first.get(j, start + 1) > start:
                first[j] = start
    return tuple(
        (label, p, hint)
        for j, (label, p) in enumerate(patterns)
        if (at := first.get(j)) is not None and (hint := p.search(text, at))
    )


@cache
def _pattern_gate() -> tuple[ahocorasick_rs.AhoCorasick, tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """(an automaton of the words the patterns open with, for each of its words the patterns it opens, the patterns
    whose opening words are not known: searched from the start)."""
    starts = [_leading_words(p) for _, p in _cues()[2]]
    words = sorted({w for ws in starts if ws for w in ws})
    opened = tuple(tuple(j for j, ws in enumerate(starts) if ws and w in ws) for w in words)
    always = tuple(j for j, ws in enumerate(starts) if ws is None)
    return ahocorasick_rs.AhoCorasick(words), opened, always


_PLAIN = r"[^\\()\[\]{}|.*+?^$]+"  # characters that stand for themselves in a regex
_LEADING = rx.compile(rf"(?P<run>{_PLAIN})|\(\?:(?P<words>{_PLAIN}(?:\|{_PLAIN})*)\)")
_QUANTIFIERS = ("?", "*", "+", "{")


def _leading_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words one of which every match of ``pattern`` opens with: its leading plain characters (less the last when
    a quantifier follows it), or the words of a leading group of plain alternatives (``(?:走访|入户)``) with no
    quantifier after it; None when the pattern opens otherwise, ignores case or spaces, or holds ``|`` outside any
    group.

    >>> [_leading_words(rx.compile(p)) for p in ("召开[^,]{0,20}?会", "(?:走访|入户)群众", "ab?c", "a|b", "(?:a|b)?c")]
    [('召开',), ('走访', '入户'), ('a',), None, None]
    """
    src = pattern.pattern
    m = _LEADING.match(src)
    if m is None or pattern.flags & (re.IGNORECASE | re.VERBOSE) or len(top_level_alternatives(src)) > 1:
        return None
    quantified = src.startswith(_QUANTIFIERS, m.end())
    if m.group("run") is not None:
        run = m.group("run")[:-1] if quantified else m.group("run")
        return (run,) if run else None
    return None if quantified else tuple(m.group("words").split("|"))


def _clause_at(text: str, pos: int) -> tuple[int, int, int]:
    """(start, end, start of the next clause or -1 for the last) of the clause holding ``pos``.

    The clauses are those of splitting at every mark (:data:`_BOUNDARY`): a clause mark
    (comma, colon…) ends a clause and is no part of it, a sentence mark is the end of its
    clause. Only the characters back to the previous mark and on to the next are read.

    >>> [_clause_at("甲乙,丙丁。戊", p) for p in (0, 3, 6)]
    [(0, 2, 3), (3, 6, 6), (6, 7, -1)]
    """
    cs = _CLAUSE_HEAD.match(text, 0, pos).end()  # type: ignore[union-attr]  # the pattern matches empty
    mark = _BOUNDARY.search(text, pos)
    if mark is None:
        return cs, len(text), -1
    nxt = mark.end()
    return cs, (nxt - 1 if text[nxt - 1] in _CLAUSE_MARKS else nxt), nxt


def _clause_matches(
    text: str, pattern: re.Pattern[str], hint: re.Match[str] | None
) -> Iterator[tuple[tuple[int, int, int], re.Match[str]]]:
    """(clause, match) of a prefiltered pattern's first match in each clause that has one.

    Such a pattern matches in a clause only where it also matches in the whole text
    (``hint``: its first match there), so the search jumps from one whole-text match to
    the clause holding it; there it searches the clause within the whole text
    (``pos``/``endpos``), the same as searching the clause alone.
    """
    while hint is not None:
        clause = _clause_at(text, hint.start())
        if pm := pattern.search(text, clause[0], clause[1]):
            yield clause, pm
        if clause[2] < 0:
            return
        hint = pattern.search(text, clause[2])


_Cues = dict[int, tuple[int, dict[str, list[tuple[int, int]]]]]  # clause start -> (its end, label -> distinct spans)


def _score_whole(
    text: str, hits: Collection[_Hit], patterns: tuple[tuple[str, re.Pattern[str], re.Match[str]], ...]
) -> dict[str, tuple[float, int]]:
    """:func:`score_labels` from the event's keyword matches and the patterns matching in it (with their first match).

    Only the clauses holding a cue are read (:func:`_clause_cues_whole`); spans stay in whole-text
    offsets, which changes neither a cue's strength nor its position.
    """
    clauses = _clause_cues_whole(text, hits, patterns)
    if not clauses:
        return {}
    (w_sub, w_main, w_sentence, w_rest), subordinate, endings, occasions, asides, topic_kinds = _score_tables()
    lead_end = _lead_end(text)
    mark = _SENTENCE_MARK.search(text, lead_end)
    first_sentence_end = mark.end() if mark else len(text) + 1
    aside = asides.search(text) is not None  # most events hold no word of kind aside
    scores: dict[str, list[float]] = {}
    main_found = False
    for cs in sorted(clauses) if len(clauses) > 1 else clauses:
        ce, found = clauses[cs]
        first_sentence = cs < first_sentence_end
        if (
            cs < lead_end
            or (subordinate(text, cs, ce) and not text.endswith(occasions, cs, ce))
            or text.endswith(endings, cs, ce)
            or (aside and _aside(text, cs, ce))
        ):
            w = w_sub
        elif first_sentence and not main_found and not _inner_item(text, cs, ce):
            w, main_found = w_main, True
        else:
            w = w_sentence if first_sentence else w_rest
        # one label (most clauses) or none of kind topic: no topic (topic_labels' own first test, without the call)
        topics = topic_labels(text, found) if len(found) > 1 and not topic_kinds.isdisjoint(found) else ()
        actors = actor_labels(text, found) if w == w_main else ()
        for label, spans in found.items():
            strength, first = (1.0, spans[0][0]) if len(spans) == 1 else _strength(spans)
            weight = w
            if label in topics:  # a topic of the main clause counts as in another clause of its sentence
                strength, weight = untied(strength), (w_sentence if w == w_main else w)
            elif label in actors:  # and so does who acts before what they do
                weight = w_sentence
            score = scores.get(label)
            if score is None:
                scores[label] = [weight * strength, float(first)]
            else:
                score[0] += weight * strength
    return {k: (v[0], int(v[1])) for k, v in scores.items()}


_Tables = tuple[
    tuple[float, float, float, float], Callable[[str, int, int], re.Match[str] | None], tuple[str, ...], tuple[str, ...],
    re.Pattern[str], frozenset[str],
]


@cache
def _score_tables() -> _Tables:
    """What :func:`_score_whole` reads for every text, fetched once: the weights (subordinate, main, sentence, rest),
    the match of :func:`_subordinate_opening`, :func:`_subordinate_endings`, :func:`_occasions`, a regex of
    :func:`_asides` and :func:`_topic_kinds`."""
    weights = _weights()
    return (
        (weights["subordinate"], weights["main"], weights["sentence"], weights["rest"]),
        _subordinate_opening().match, _subordinate_endings(), _occasions(), _words_re(_asides()), _topic_kinds(),
    )


def _clause_cues_whole(
    text: str, hits: Collection[_Hit], patterns: tuple[tuple[str, re.Pattern[str], re.Match[str]], ...]
) -> _Cues:
    """The cues of each clause holding one, in the order :func:`_spans_in` collects them (keywords, then patterns).

    >>> _clause_cues_whole("召开会议,开展志愿服务", _keyword_hits("召开会议,开展志愿服务"), ())
    {0: (4, {'meeting': [(0, 4)]}), 5: (11, {'volunteer_service': [(7, 11)]})}
    """
    clauses: _Cues = {}
    found: dict[str, list[tuple[int, int]]] = {}
    nxt = 0
    for start, end, labels in hits:  # in text order, and no two alike: a clause's hits are adjacent
        if start >= nxt >= 0:
            cs, ce, nxt = _clause_at(text, start)
            found = {}
            clauses[cs] = (ce, found)
        for label in labels:
            spans = found.get(label)
            if spans is None:
                found[label] = [(start, end)]
            else:
                spans.append((start, end))
    for label, pattern, hint in patterns:
        for (cs, ce, _), pm in _clause_matches(text, pattern, hint):
            entry = clauses.get(cs)
            if entry is None:
                entry = clauses[cs] = (ce, {})
            spans = entry[1].setdefault(label, [])
            if pm.span() not in spans:
                spans.append(pm.span())
    return clauses


@cache
def _asides() -> tuple[str, ...]:
    """Words that make the clause holding them tell what went before or around the activity (``activity_subordinators.tsv``,
    kind aside: 参加完, 间隙)."""
    return tuple(row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "aside")


def _aside(text: str, start: int, end: int) -> bool:
    """True for the clause ``text[start:end]`` holding a word of kind aside: it tells what went before or around the
    activity (``他们刚参加完主题党日``, ``利用调研间隙``), not the activity.

    >>> _aside("他们刚参加完主题党日,又打扫卫生", 0, 10), _aside("他们刚参加完主题党日,又打扫卫生", 11, 16)
    (True, False)
    """
    return any(text.find(w, start, end) >= 0 for w in _asides())


def _inner_item(text: str, start: int, end: int) -> bool:
    """True for a clause between two enumeration commas (``在组织建设、基层治理、招商引资等方面开展…``), or for the
    last item of a list that closes with 等 and no verb of action after it (``组织党员、志愿者等30余人,``: who takes
    part): an item of a list, never the main clause.

    >>> t = "在组织建设、基层治理、招商引资等方面开展共建"
    >>> _inner_item(t, 6, 10), _inner_item(t, 11, len(t))
    (True, False)
    >>> t = "组织党员、志愿者等30人,开展义诊"
    >>> _inner_item(t, 5, 12)
    True
    """
    if start == 0 or text[start - 1] != "、":
        return False
    if end < len(text) and text[end] == "、":
        return True
    listed = text.find("等", start, end)
    return (listed >= 0 and not _actions().search(text, listed, end)) or _named_person(text, start, end)


_NAME_TAIL = rx.compile("[\u4e00-\u9fff·]{0,3}")


def _named_person(text: str, start: int, end: int) -> bool:
    """True for a clause ``text[start:end]`` that ends with a title of ``activity_titles.tsv`` or a title and a name of
    at most three characters (``牧区第一书记巴特尔``): as the last item of a list it names who acts, not what is done.

    >>> _named_person("牧区第一书记巴特尔", 0, 9), _named_person("选派第一书记驻村帮扶", 0, 10)
    (True, False)
    """
    titles, _, _ = _titles()
    for title in titles:
        at = text.rfind(title, start, end)  # the last: a title the name ends with (第一书记…第一书记巴特尔)
        if at >= 0 and _NAME_TAIL.match(text, at + len(title), end).end() == end:  # type: ignore[union-attr]
            return True
    return False


@cache
def _actions() -> re.Pattern[str]:
    """A verb of action (``activity_subordinators.tsv``, kind action: 开展, 组织…)."""
    rows = read_table("activity_subordinators.tsv")
    return rx.compile("|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "action"))


@lru_cache(maxsize=16)
def _lead_end(text: str) -> int:
    """Where the event's lead ends: after the purpose that opens a first sentence (:func:`_purpose_end`), or after
    the background that opens the event (:func:`_background_end`); the sentence it ends in is the main one.

    An event's text is read for its lead by the scoring and by each rule after it (:func:`_main_sentence`): the
    last texts' leads are kept.
    """
    return _purpose_end(text) or _background_end(text) or _undated_lead_end(text)


@lru_cache(maxsize=16)
def _main_sentence(text: str) -> str:
    """The event's main sentence: the first after its lead (:func:`_lead_end`), through its end mark.

    Several rules read it from the same text (:func:`carried_act`, :func:`actor_act`, …): the last texts' are kept.

    >>> _main_sentence("为拓宽思路,助推乡村振兴,8月9日,镇党委组织观摩。又调研。")
    '8月9日,镇党委组织观摩。'
    """
    start = _lead_end(text)
    mark = _SENTENCE_MARK.search(text, start)
    return text[start : mark.end() if mark else len(text)]


@lru_cache(maxsize=16)
def _clauses(sentence: str) -> tuple[str, ...]:
    """The clauses of a sentence, split at every clause mark; kept for the last sentences (:func:`_main_sentence`).

    >>> _clauses("甲,乙、丙。")
    ('甲', '乙', '丙。')
    """
    return tuple(_CLAUSE_SPLIT.split(sentence))


def _undated_lead_end(text: str) -> int:
    """Where an undated first sentence ends when the next one opens with a time: the start of that sentence (the
    first tells the occasion or the story so far, ``清明节是…传统节日,…。4月4日,X社区开展…``); else 0.

    >>> t = "清明节是传统节日,共抗疫情。4月4日,石桥社区开展祭扫活动。"
    >>> t[_undated_lead_end(t):]
    '4月4日,石桥社区开展祭扫活动。'
    >>> _undated_lead_end("4月4日,石桥社区开展祭扫活动。近日,又开展义诊。"), _undated_lead_end("石桥社区开展义诊。")
    (0, 0)
    """
    mark = _SENTENCE_MARK.search(text)
    if mark is None or _any_time_scan().search(text, 0, mark.end()):
        return 0
    opening = _sentence_time().match(text, mark.end())
    if opening:
        return opening.end(1)
    return _since_after_motto(text, mark.end())


def _since_after_motto(text: str, start: int) -> int:
    """The start of the second sentence when the first holds no cue of any label (a motto: ``乡村兴则国家兴。``) and
    the second opens with a span up to now (``今年以来,``: its first clause ends with a word of kind
    background_ending): that sentence tells the event's activity; else 0.

    >>> t = "众人拾柴火焰高。今年以来,甲县组织党员开展学习。"
    >>> t[_since_after_motto(t, 8):]
    '今年以来,甲县组织党员开展学习。'
    >>> _since_after_motto("甲县开展宣传。今年以来,甲县组织党员开展学习。", 7)
    0
    """
    body = len(text) - len(text[start:].lstrip(" \u3000\n"))
    first = _BOUNDARY.search(text, body)
    if (first is None or text[first.start()] not in _CLAUSE_MARKS
            or not text.endswith(_background_endings(), body, first.start())):
        return 0
    if any(clause_cues(clause) for clause in _CLAUSE_SPLIT.split(text[:start])):
        return 0
    return body


@cache
def _any_time() -> re.Pattern[str]:
    """A date or a word of ``activity_subordinators.tsv`` of kind time, anywhere."""
    words = [row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "time"]
    return rx.compile("|".join([r"\d{1,2}月", r"\d{1,2}[日号]", *(re.escape(w) for w in words)]))


@cache
def _any_time_scan() -> re.Pattern[str]:
    """:func:`_any_time` behind a look-ahead on the characters its matches open with (a digit, 近, 昨…): the same
    matches, found faster, as ``re`` tries every alternative of it at every position but rejects most at once."""
    edge = edge_class(_any_time())
    return rx.compile(f"(?=(?:{edge.pattern}))(?:{_any_time().pattern})") if edge is not None else _any_time()


@cache
def _sentence_time() -> re.Pattern[str]:
    """A sentence opening with a time (after spaces and line breaks): group 1 ends where the sentence starts."""
    return rx.compile(rf"([ \u3000\n]*)(?:(?:\d{{1,4}}年)?\d{{1,2}}月|\d{{1,2}}日|{_any_time().pattern})")


def _background_end(text: str) -> int:
    """Where a background that opens the event ends: when its first clause opens with a word of
    ``activity_subordinators.tsv`` of kind background (近年来) or ends with one of kind background_ending (今年以来), the
    start of the first later clause or sentence that opens with a time (a date, 近日); else 0. The clauses
    and sentences before it tell the story so far, not the event's activity.

    >>> t = "近年来,花园村坚持党建引领乡村振兴。3月2日,村党支部组织党员学习。"
    >>> t[_background_end(t):]
    '3月2日,村党支部组织党员学习。'
    >>> _background_end("3月2日,村党支部组织党员学习。近日,又开展志愿服务。")
    0
    """
    if not text.lstrip(" “”\"'‘’").startswith(_backgrounds()):  # most events open otherwise
        first = _BOUNDARY.search(text)
        if first is None or not text.endswith(_background_endings(), 0, first.start()):
            return 0
        if text[first.start()] in "。!！?？":  # …以来。 ends a sentence: no background opening a later clause
            return 0
    first = _BOUNDARY.search(text)
    if first is None:
        return 0
    time = _time_after_any().search(text, first.start())
    return time.start() if time else 0


@cache
def _backgrounds() -> tuple[str, ...]:
    return tuple(row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "background")


@cache
def _background_endings() -> tuple[str, ...]:
    rows = read_table("activity_subordinators.tsv")
    return tuple(row[0] for row in rows if len(row) > 1 and row[1] == "background_ending")


@cache
def _time_after_any() -> re.Pattern[str]:
    """:func:`_time_opening` after any mark, a sentence's end too."""
    return rx.compile(_time_opening().pattern.replace(f"(?<=[{re.escape(_CLAUSE_MARKS)}])", "(?<=[,，;；:：、\\n。!！?？])", 1))


def _purpose_end(text: str) -> int:
    """Where the lead of a first sentence that opens with a subordinate clause ends: the start of its first
    later clause that opens with a time (``为…,跑出…“加速度”,8月29日,…``: the clauses before the date go on
    with the purpose). 0 when the sentence opens otherwise or no clause of it opens with a time.

    >>> t = "为拓宽思路,助推乡村振兴,8月9日,镇党委组织观摩。"
    >>> t[_purpose_end(t):]
    '8月9日,镇党委组织观摩。'
    >>> _purpose_end("镇党委组织观摩,8月9日,助推乡村振兴。"), _purpose_end("为拓宽思路,助推乡村振兴。")
    (0, 0)
    """
    if not _subordinate_opening().match(text):  # most events open otherwise: nothing more to read
        return 0
    mark = _SENTENCE_MARK.search(text)
    end = mark.start() if mark else len(text)
    first = _BOUNDARY.search(text, 0, end)
    if (
        first is None
        or not _subordinate_opening().match(text, 0, first.start())
        or text.endswith(_occasions(), 0, first.start())
    ):
        return 0
    time = _time_opening().search(text, first.start(), end)
    return time.start() if time else 0


@cache
def _time_opening() -> re.Pattern[str]:
    """A clause opening with a time: a date (8月29日, 29日) or a word of ``activity_subordinators.tsv`` of kind time."""
    words = [row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "time"]
    alternatives = "|".join([r"(?:\d{1,4}年)?\d{1,2}月", r"\d{1,2}日", *(re.escape(w) for w in words)])
    return rx.compile(rf"(?<=[{re.escape(_CLAUSE_MARKS)}])[ \u3000]*(?:{alternatives})")


@cache
def _subordinate_opening() -> re.Pattern[str]:
    """Matches where a clause opens with a subordinator, after any spaces and quotes, or with a word of manner
    (``结合``) when no verb of action follows it in the clause (``activity_subordinators.tsv``, kinds manner, action),
    or with a time and 是 (``2021年是…周年``: what the day is, not what is done), or with a national meeting that
    opens or closes (``全国政协…会议开幕``, kinds national, opened: the occasion of the day).

    >>> bool(_subordinate_opening().match(" “为群众办实事")), bool(_subordinate_opening().match("群众"))
    (True, False)
    >>> bool(_subordinate_opening().match("结合春耕,")), bool(_subordinate_opening().match("结合春耕开展义诊"))
    (True, False)
    >>> bool(_subordinate_opening().match("3月5日是学雷锋纪念日")), bool(_subordinate_opening().match("3月5日开展义诊"))
    (True, False)
    >>> bool(_subordinate_opening().match("在职党员到社区报到")), bool(_subordinate_opening().match("在社区报到"))
    (False, True)
    >>> bool(_subordinate_opening().match("为全村党员上了一堂党课")), bool(_subordinate_opening().match("为深入宣讲政策"))
    (False, True)
    >>> bool(_subordinate_opening().match("十四届全国人大二次会议在京开幕")), bool(_subordinate_opening().match("全国文明村"))
    (True, False)
    """
    words = "|".join(re.escape(w) for w in _subordinators())
    rows = read_table("activity_subordinators.tsv")
    manner = "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "manner")
    clause = f"[^{re.escape(_CLAUSE_MARKS)}。!！?？]*?"
    times = "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "time")
    copula = rf"(?:\d{{1,4}}年|\d{{1,2}}月\d{{1,2}}[日号]|{times})是"  # 2021年是建党百年: what the day is
    own = "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "word")  # 在职: no 在 of place
    not_own = f"(?!{own})" if own else ""
    not_own += f"(?!{_taught()})"  # 为全体党员上党课: who is taught, no purpose
    national = "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "national") or "(?!)"
    opened = "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == "opened") or "(?!)"
    occasion = f"(?:第?[一二三四五六七八九十]+届)?(?:{national}){clause}(?:{opened})"  # 全国政协…会议开幕: the day's
    return rx.compile(
        f"[ “”\"'‘’]*+(?:{not_own}(?:{words})|(?:{manner})(?!{clause}(?:{_actions().pattern}))|{copula}|{occasion})"
    )


def _taught() -> str:
    """A pattern of 为 naming who is taught (``activity_subordinators.tsv``, kinds audience, lecture, lecture_verb,
    lecture_object): 为, a word of audience within a few characters, then a lecture (为村民宣讲, 为大家讲党课)."""
    rows = read_table("activity_subordinators.tsv")

    def kind(name: str) -> str:
        return "|".join(re.escape(row[0]) for row in rows if len(row) > 1 and row[1] == name) or "(?!)"

    clause = f"[^{re.escape(_CLAUSE_MARKS)}。!！?？]"
    lecture = f"(?:{kind('lecture')}|(?:{kind('lecture_verb')}){clause}{{0,8}}?(?:{kind('lecture_object')}))"
    return f"为(?!了){clause}{{0,12}}?(?:{kind('audience')}){clause}{{0,4}}?{lecture}"


def classify_text(text: str) -> tuple[str, list[str]]:
    """(primary label, all labels, primary first) for one event's text.

    >>> classify_text("王寨街道联合志愿者,为患病群众开展心理疏导,让疫情防控工作更有温度。")[0]
    'volunteer_service'
    >>> classify_text("今天天气很好。")
    ('other', ['other'])
    """
    return _ranked(score_labels(text))


def _ranked(scores: dict[str, tuple[float, int]]) -> tuple[str, list[str]]:
    """(primary label, all labels) from the scores: the highest first, ties to the earlier cue."""
    if not scores:
        return "other", ["other"]
    ranked = sorted(scores, key=lambda k: (-scores[k][0], scores[k][1]))
    labels = [ranked[0]] + [k for k in ranked[1:] if scores[k][0] >= _MIN_SCORE]
    return ranked[0], labels


def classify_activities(ctx: DocContext, events: list[Event]) -> list[tuple[str, list[str]]]:
    """For each event: (primary label, all labels), read from :func:`activity_text`."""
    named = _title_label(ctx.title) if len(events) == 1 else None
    out = []
    for ev in events:
        scores = _scores(ev)
        if named is not None and named in scores and (_ranked(scores)[0] == _OTHER or named in _leading_labels(ev)):
            # the title of a page of one event names its activity, one its leading sentence supports, or one the
            # event's cues hold when its occasion has no label (开展“清风邻里行”系列活动 under a title of 志愿服务活动)
            top = max(score for score, _ in scores.values())
            scores[named] = (max(scores[named][0], top + _ITEMS_TIE), scores[named][1])
        out.append(_ranked(scores))
    return out


def _leading_labels(ev: Event) -> set[str]:
    """The labels cued in the event up to the end of its leading sentence (the first after its lead, :func:`_lead_end`:
    the lead's purpose too), its slogans and quotations read too: what a page's title may pick from
    (``成立志愿服务队`` of a title does not name an event whose leading sentence launches a volunteer month and whose
    team is set up only in a closing line).

    >>> _leading_labels(Event(0, 0, 30, "3月5日,南岭社区启动志愿服务月活动。月底还成立了服务队。"))
    {'volunteer_service'}
    >>> _leading_labels(Event(0, 0, 20, "3月5日,利用培训间隙,南岭村召开例会。"))  # what went around it: no
    {'meeting'}
    """
    text, cut, _ = _masked(ev)
    start = cut + _lead_end(text[cut:])
    mark = _SENTENCE_MARK.search(text, start)
    return set(score_labels(_asides_masked(text[cut : mark.end() if mark else len(text)])))


def _asides_masked(text: str) -> str:
    """``text`` with every clause that tells what went before or around the activity (:func:`_aside`) masked, its marks
    kept.

    >>> _asides_masked("利用调研间隙,召开例会。")
    '〇〇〇〇〇〇,召开例会。'
    """
    if not any(w in text for w in _asides()):
        return text
    out, start = [], 0
    for mark in _BOUNDARY.finditer(text):
        out.append(_MASK * (mark.start() - start) if _aside(text, start, mark.start()) else text[start : mark.start()])
        out.append(mark.group())
        start = mark.end()
    out.append(_MASK * (len(text) - start) if _aside(text, start, len(text)) else text[start:])
    return "".join(out)


def _title_label(title: str | None) -> str | None:
    """The label a page's title names, first (:func:`score_labels`) and last (:func:`_last_label`) alike, or None when
    they differ (``排查软弱涣散村``: a verb and its object) or nothing is named; a quoted slogan's words count only when
    nothing else has a cue.

    >>> _title_label("东岭小学深入开展“在职党员进社区”活动"), _title_label("东岭社区的一天") is None
    ('co_building', True)
    >>> _title_label("东岭社区开展“爱老敬老”志愿服务活动"), _title_label("东岭街道成立党员志愿服务队")
    ('volunteer_service', 'org_building')
    >>> _title_label("东岭社区开展敬老志愿服务活动") is None
    True
    """
    if not title:
        return None
    plain = _QUOTED.sub(lambda m: m.group(1) + _MASK * len(m.group(2)) + m.group(3), title)
    if not score_labels(plain):  # a quoted slogan (“在职党员进社区”) names the activity when nothing else does
        plain = title
    scores = score_labels(plain)
    last = _last_label(plain)
    return last if scores and _ranked(scores)[0] == last else None


def _last_label(text: str) -> str | None:
    """The label of the cue that ends last in ``text`` (the longest of those that end there): a title names its
    activity last (``X社区开展敬老志愿服务活动``), or None for no cue."""
    _, _, patterns = _cues()
    spans = [(e, e - s, label) for s, e, labels in _drop_titles(text, _keyword_hits(text)) for label in labels]
    spans += [(m.end(), m.end() - m.start(), label) for label, p in patterns if (m := p.search(text))]
    return max(spans, key=lambda span: span[:2])[2] if spans else None


_QUOTED = rx.compile(r"([“\"])([^“”\"\n]{1,40})([”\"])")


_OTHER, _VOLUNTEERS = "other", "volunteer_service"  # flood control and rescue (other) done by volunteers: their service


def by_volunteers(text: str) -> bool:
    """True when the first clause holding a cue of ``other`` (flood control, rescue: no label of the taxonomy) says
    volunteers do it: a volunteer cue and no cue of another label there (``党员志愿者奔赴一线防汛抢险``; not
    ``组织驻村工作队和党员志愿者开展防汛抢险``, a body's teams of several kinds).

    >>> by_volunteers("7月9日,党员志愿者奔赴一线防汛抢险。"), by_volunteers("7月9日,镇党委组织驻村工作队和志愿者开展防汛。")
    (True, False)
    """
    if not _scan_whole() or any(label == _OTHER for label, _ in _cues()[2]):
        for clause in _CLAUSE_SPLIT.split(text):  # the rule as written
            found = clause_cues(clause)
            if _OTHER in found:
                return set(found) == {_OTHER, _VOLUNTEERS}
        return False
    # no pattern cues other, and a clause's keyword matches are the text's within it: the first clause with a cue of
    # other is the one holding the text's first such match
    at = next((start for start, _, labels in _text_hits(text) if _OTHER in labels), -1)
    if at < 0:
        return False
    start = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    end = min((k for mark in _CLAUSE_MARKS if (k := text.find(mark, at)) >= 0), default=len(text))
    return set(clause_cues(text[start:end])) == {_OTHER, _VOLUNTEERS}
_TEAM_TIE = 0.01  # what a cue in the organizer's own name (宣讲团) counts less than the same cue elsewhere


@cache
def _team_words() -> tuple[str, ...]:
    """Words of an organizer's name that say what it does (``activity_team_words.tsv``), longest first."""
    return tuple(sorted((row[0] for row in read_table("activity_team_words.tsv")), key=len, reverse=True))


def _scores(ev: Event) -> dict[str, tuple[float, int]]:
    """:func:`score_labels` of :func:`activity_text`, without scoring a text twice.

    The labels of a team word left in the organizer's name (:func:`_masked`) count :data:`_TEAM_TIE` less.
    """
    text, cut, team = _masked(ev)
    themed = _speech_masked(_themes_masked(text))
    scores = score_labels(themed[cut:]) if cut else {}
    if not scores:
        scores = score_labels(themed)
    if not scores and themed is not text:  # only the theme has a cue: it names the activity
        scores = score_labels(text[cut:]) if cut else {}
        if not scores:
            scores = score_labels(text)
    if team:
        for label in {label for _, _, labels in _keyword_hits(team) for label in labels}:
            if label in scores:
                score, first = scores[label]
                scores[label] = (score - _TEAM_TIE, first)
    common = items_label(text)
    if common is None:  # the sentence the event's date stands in, after a background: its activity first
        dated = _dated_sentence(ev, themed, cut)
        common = _ranked(score_labels(themed[dated:]))[0] if dated is not None else None
    if common is not None and common in scores:  # a summary of items all of one kind: that kind first
        top = max(score for score, _ in scores.values())
        scores[common] = (max(scores[common][0], top + _ITEMS_TIE), scores[common][1])
    other, volunteers = scores.get(_OTHER), scores.get(_VOLUNTEERS)
    if other is not None and volunteers is not None and by_volunteers(themed[cut:]):  # 志愿者奔赴一线防汛抢险
        scores[_VOLUNTEERS] = (max(volunteers[0], other[0] + _ITEMS_TIE), volunteers[1])
    yielding, subjects = _yielding(), _topics()[0]
    ymax = max((scores[label][0] for label in yielding if label in scores), default=None)
    # the rule can only raise a label of doing that a yielding label outscores or ties
    can_change = ymax is not None and any(v <= ymax for label, (v, _) in scores.items() if label not in subjects)
    pair = activity_over_topic(themed[cut:]) if can_change else None
    if pair is not None and pair[0] in scores:  # 开展了人才交流会, 赴X观摩学习乡村振兴: the activity before its topic
        act, topics = pair
        top = max((scores[t][0] for t in topics if t in scores), default=0.0)
        if scores[act][0] <= top and (common is None or common == act):
            scores[act] = (top + _ITEMS_TIE, scores[act][1])
    partner = partner_act(themed[cut:]) if _CO_BUILDING in scores else None
    if partner is not None and partner in scores:  # 与共建的X党支部共同开展卫生清扫: what they do together
        top = max(score for score, _ in scores.values())
        if scores[_CO_BUILDING][0] >= top and (common is None or common in (_CO_BUILDING, partner)):
            scores[partner] = (top + _ITEMS_TIE, scores[partner][1])
    top_label = max(scores, key=lambda k: (scores[k][0], -scores[k][1])) if scores else None
    named = named_activity(themed[cut:]) if top_label in yielding else None
    if named is not None and named in scores and named not in subjects:  # 值守垃圾分类桶,开展志愿服务活动
        top = max(score for score, _ in scores.values())
        scores[named] = (top + _ITEMS_TIE, scores[named][1])
    done = actor_act(themed[cut:]) if _VOLUNTEERS in scores else None
    if done is not None and done in scores:  # 志愿者入户上门,向群众宣传…: what the volunteers do
        top = max(score for score, _ in scores.values())
        if scores[_VOLUNTEERS][0] >= top and common is None:
            scores[done] = (top + _ITEMS_TIE, scores[done][1])
    if _OTHER not in scores and scores and common is None and uncued_act(themed[cut:]) and uncued_act(text[cut:]):
        # 举办第七届赛马会。…: an occasion of no label, whatever its later paragraphs tell (a theme's slogan read too:
        # 开展以“结对共建”为主题的活动 is named by it)
        top = max(score for score, _ in scores.values())
        scores[_OTHER] = (top + _ITEMS_TIE, len(text))
    carried = carried_act(themed[cut:]) if _MEETING in scores else None
    if carried is not None and carried in scores:  # 召开党员大会,成立联合党支部: the act the meeting is held for
        top = max(score for score, _ in scores.values())
        if scores[_MEETING][0] >= top and (common is None or common in (_MEETING, carried)):
            scores[carried] = (top + _ITEMS_TIE, scores[carried][1])
    return scores


_MEETING = "meeting"
_CO_BUILDING = "co_building"
_CO_BUILDING_ONLY = frozenset({_CO_BUILDING})


@cache
def _uncued_heads() -> tuple[str, ...]:
    """Nouns that end the name of an occasion (``activity_topics.tsv``, kind occasion: 活动, 会, 节)."""
    return tuple(row[1] for row in read_table("activity_topics.tsv") if row[0] == "occasion")


def uncued_act(text: str) -> bool:
    """True when the event's main sentence (the first after its lead) holds no cue in a clause of its own and one of
    its clauses has a verb of doing (``activity_topics.tsv``, kind verb) and ends with the name of an occasion (kind
    occasion) that is a name (a quoted title, an edition: 第五届, a series: 系列): ``X乡举办第五届赛马会。`` -- what is
    done is of no label, whatever the later paragraphs tell; a generic one (开展服务活动) leaves it to them.

    >>> uncued_act("7月3日,东岭乡举办第五届赛马会。会上开展政策宣讲。"), uncued_act("7月3日,东岭乡举办政策宣讲会。")
    (True, False)
    >>> uncued_act("7月3日,东岭村党员走进社区开展服务活动。大家清扫楼道。")
    False
    """
    verbs, heads = _topics()[3], _uncued_heads()
    sentence = _main_sentence(text)
    if not _may_match(_OCCASION_NAME, sentence):  # a clause's name of an occasion stands in its sentence: most none
        return False
    for clause in _clauses(sentence):
        words = clause.rstrip("。!！?？ ")
        if words.endswith(heads) and any(v in words for v in verbs) and _OCCASION_NAME.search(words):
            return not score_labels(sentence)  # the cues read last: most sentences name no occasion
    return False


_OCCASION_NAME = rx.compile(r"[”\"」]|第[0-9一二三四五六七八九十百]{1,4}[届期次]|系列")  # a named occasion, not 服务活动


@cache
def _actors() -> frozenset[str]:
    """Cue words that name who acts (``activity_titles.tsv``, kind actor: 志愿者)."""
    return frozenset(row[1] for row in read_table("activity_titles.tsv") if row[0] == "actor")


@cache
def _actor_words() -> tuple[str, ...]:
    return tuple(sorted(_actors(), key=len, reverse=True))


def actor_act(text: str) -> str | None:
    """The label of what the volunteers do when the first clause of the event's main sentence (the first after its
    lead) holding a cue holds only words that name who acts (``activity_titles.tsv``, kind actor: 志愿者入户上门) and a
    later clause of that sentence holds a cue of another label but other (flood control done by volunteers is their
    service): the first such label; None otherwise.

    >>> actor_act("近日,东岭村志愿者入户上门,向群众宣传防诈骗知识。")
    'outreach'
    >>> actor_act("近日,东岭村志愿者奔赴一线,参与防汛。") is None
    True
    """
    actors = _actors()
    sentence = _main_sentence(text)
    if not _may_hold(_actor_words(), sentence):  # the first clause with a cue holds only them: most sentences none
        return None
    subject_seen = False
    for clause in _clauses(sentence):
        found = clause_cues(clause)
        if not found:
            continue
        if not subject_seen:
            hits = _clause_hits(clause)
            if set(found) != {_VOLUNTEERS} or not hits or any(clause[s:e] not in actors for s, e, _ in hits):
                return None
            subject_seen = True
            continue
        labels = [label for label in found if label not in (_VOLUNTEERS, _OTHER)]
        return min(labels, key=lambda label: found[label][1]) if labels else None
    return None


@cache
def _named_heads() -> tuple[str, ...]:
    """Nouns that name an activity as such (``activity_topics.tsv``, kind named: 活动, 行动)."""
    return tuple(row[1] for row in read_table("activity_topics.tsv") if row[0] == "named")


def named_activity(text: str) -> str | None:
    """The label of the activity the event's main sentence (the first after its lead) names as such: a verb of doing
    (``activity_topics.tsv``, kind verb: 开展, 组织) and, within its clause, a cue right before a noun naming an
    activity (kind named: 活动, 行动): ``开展志愿服务活动``; None when it names none. Subject matter that outweighs it
    (垃圾分类 of 在垃圾分类桶前值守) yields to it.

    >>> named_activity("8月2日,党员在垃圾分类桶前值守,开展志愿服务活动。")
    'volunteer_service'
    >>> named_activity("8月2日,党员在垃圾分类桶前值守。") is None
    True
    """
    verbs = _topics()[3]
    heads = _named_heads()
    sentence = _main_sentence(text)
    for clause in _clauses(sentence):
        verb = min((i for v in verbs if (i := clause.find(v)) >= 0), default=-1)
        if verb < 0:
            continue
        for s, e, labels in _clause_hits(clause):
            if s > verb and labels and clause.startswith(heads, e):
                return labels[0]
    return None


def partner_act(text: str) -> str | None:
    """The label of what is done in the first clause of the event's main sentence (the first after its lead) that holds
    a cue of co_building, when every such cue there qualifies a partner (right before a body's name, 的 at most
    between: ``与结对共建的X党支部``, ``联合共建社区党支部``) and another label's cue follows: the partners' tie is
    no activity, what they do together is; None otherwise.

    >>> partner_act("4月10日,甲小学党支部与结对共建的东岭社区党支部共同开展卫生清扫活动。")
    'volunteer_service'
    >>> partner_act("4月10日,甲小学党支部与东岭社区党支部开展联建共建活动。") is None
    True
    """
    from .organizations import name_at

    sentence = _main_sentence(text)
    if not _may_hold(_labelled_words(_CO_BUILDING_ONLY), sentence):  # no keyword of co_building: no tie
        return None
    for clause in _clauses(sentence):
        hits = _clause_hits(clause)
        ties = [(s, e) for s, e, labels in hits if _CO_BUILDING in labels]
        if not ties:
            continue
        at = [e + clause.startswith("的", e) for _, e in ties]  # a masked name (〇) is a body's too
        if not all(clause.startswith(_MASK, p) or name_at(clause, p) for p in at):
            return None
        last = max(e for _, e in ties)
        after = [labels for s, _, labels in hits if s >= last and _CO_BUILDING not in labels and labels]
        return after[0][0] if after else None
    return None


@cache
def _carried_words() -> tuple[str, ...]:
    """Words of an act a meeting is held to do (``activity_topics.tsv``, kind carried), longest first."""
    words = (row[1] for row in read_table("activity_topics.tsv") if row[0] == "carried")
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _carried_heads() -> tuple[str, ...]:
    """Names of a meeting that, right after a word of kind carried, say it is held for that act (``activity_topics.tsv``,
    kind carried_head: 成立大会)."""
    return tuple(row[1] for row in read_table("activity_topics.tsv") if row[0] == "carried_head")


def carried_act(text: str) -> str | None:
    """The label of the act a meeting of the event's main sentence (the first after its lead) is held for: a word of
    kind carried (``activity_topics.tsv``) in the meeting's clause or a later one of that sentence, its label in the
    keyword table; None when the sentence holds no meeting, or no such act. An act that is only the topic of the
    meeting (``换届选举工作动员会``: :func:`clause_topics`) is none the meeting is held for, unless the meeting is
    named right after it (``成立大会``: ``activity_topics.tsv``, kind carried_head).

    >>> carried_act("6月3日,东岭村党支部召开党员大会,成立第二联合党支部。")
    'org_building'
    >>> carried_act("6月3日,东岭镇召开推进会,部署疫情防控工作。") is None
    True
    >>> carried_act("6月3日,东岭镇召开村级换届选举工作部署会。") is None, carried_act("6月3日,东岭镇举行商会党委成立大会。")
    (True, 'org_building')
    """
    sentence = _main_sentence(text)
    if not _may_hold(_carried_words(), sentence):  # the act is a word of kind carried in a clause: most have none
        return None
    labels = _cues()[1]
    meeting_seen = False
    for clause in _clauses(sentence):
        found = clause_cues(clause)
        meeting_seen = meeting_seen or _MEETING in found
        if not meeting_seen:
            continue
        topics = clause_topics(clause)
        for word in _carried_words():
            at = clause.find(word)
            if at >= 0 and _drop_titles(clause, [(at, at + len(word), labels.get(word, ()))]):
                label = next(iter(labels.get(word, ())), None)
                named = clause.startswith(_carried_heads(), at + len(word))  # 成立大会: held for it
                if label is not None and label in found and (named or label not in topics):
                    return label
    return None


@cache
def _yielding() -> frozenset[str]:
    """The labels of subject matter that yield to the activity of their clause (``activity_topics.tsv``, kind yields)."""
    return frozenset(row[1] for row in read_table("activity_topics.tsv") if row[0] == "yields")


def activity_over_topic(text: str) -> tuple[str, tuple[str, ...]] | None:
    """(activity, its topics) of the first clause of the event's main sentence (the first after its lead) that holds
    both labels of subject matter that yield (``activity_topics.tsv``, kinds label and yields; no other) and one of
    doing, before or after them: what
    is done is the event's activity, whatever its subject matter adds up to in the rest of the event
    (``开展了人才交流会``: meeting; ``赴X县观摩学习乡村振兴经验``: inspection); None when no clause holds both.

    >>> activity_over_topic("5月3日,东岭镇开展了人才交流会。会上大家谈人才。")
    ('meeting', ('personnel',))
    >>> activity_over_topic("为推进乡村振兴,5月3日,东岭镇赴青禾县观摩学习产业发展经验。")
    ('inspection', ('economic',))
    >>> activity_over_topic("5月3日,东岭镇召开会议,部署疫情防控工作。") is None
    True
    """
    subjects = _topics()[0]
    yielding = _yielding()
    sentence = _main_sentence(text)
    if not _may_hold(_labelled_words(subjects), sentence):  # most main sentences hold no word of subject matter
        return None
    for clause in _clauses(sentence):
        spans = _clause_spans(clause)  # read by the other rules too
        topics = tuple(sorted(label for label in spans if label in subjects))
        acts = [label for label in spans if label not in subjects]
        if not topics or not acts:
            continue
        if not yielding.issuperset(topics):
            return None
        act = min(acts, key=lambda label: (-_strength(spans[label])[0], _strength(spans[label])[1]))
        first = min(s for s, _ in spans[act])
        named = topic_labels(clause, spans)  # a topic right before the activity it names (人才交流会)
        _, linkers, _, verbs = _topics()
        named |= {  # … or the object of a verb of doing, right before the act's cue (开展垃圾分类宣传)
            label for label in topics
            if all(clause.endswith(tuple(verbs), 0, s) for s, _ in spans[label] if not any(e == s for _, e in spans[label]))
            and all(any(clause[e:s] in linkers for s, _ in spans[act] if s >= e) for e in _run_ends(spans[label]))
        }
        if all(label in named or all(s > first for s, _ in spans[label]) for label in topics):  # or its object
            return act, topics
        return None
    return None


@cache
def _labelled_words(labels: frozenset[str]) -> tuple[str, ...] | None:
    """The keywords with one of ``labels``, longest first; None when a pattern has one of them: a clause then may
    hold a cue of them with none of the words."""
    _, word_labels, patterns = _cues()
    if any(label in labels for label, _ in patterns):
        return None
    return tuple(sorted((w for w, found in word_labels.items() if labels.intersection(found)), key=len, reverse=True))


def _may_hold(words: tuple[str, ...] | None, text: str) -> bool:
    """Whether one of ``words`` stands anywhere in ``text`` (inside a longer word too); True for None (no list).

    A clause of ``text`` holds a cue of a word only where the word stands, so a rule that needs one in some clause
    has nothing to find in a text without any: one search of the text instead of reading every clause."""
    return words is None or _may_match(_words_re(words), text)


def _may_match(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` (no anchors, no look-around) matches in ``text``: if not, it matches in no clause of it."""
    return pattern.search(text) is not None


@lru_cache(maxsize=16)
def _words_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """The words as one regex that skips ahead to a character one of them opens with."""
    return with_first_chars(rx.compile(trie_pattern(words) if words else "(?!)"))


def _dated_sentence(ev: Event, text: str, cut: int) -> int | None:
    """Where the sentence that opens with the event's date (a month or a day, no span: not ``2016年以来``) starts,
    when a sentence before it opens the event's text (read from ``cut``): ``近年来,X坚持…。2024年9月,X荣获…称号。`` ->
    the second sentence; else None.

    >>> ev = Event(0, 0, 20, "多年来甲村坚持发展产业。9月,甲村荣获称号。")
    >>> ev.date.start, ev.date.month = 12, 9
    >>> _dated_sentence(ev, ev.text, 0)
    12
    """
    if ev.date.start is None or ev.date.month is None or ev.date.since:  # a day's activity, not a span's summary
        return None
    at = ev.date.start - ev.start
    mark = _SENTENCE_MARK.search(text, cut)
    if mark is None or not mark.end() <= at < len(text):
        return None
    start = max(m.end() for m in _SENTENCE_MARK.finditer(text, cut, at))  # the last sentence's end before the date
    return start if not text[start:at].strip(_SPACES) else None  # the sentence opens with the date


_SPACES = " \u3000\n"


_ITEMS_TIE = 0.01  # what the kind every item of a summary shares counts more than the best label of the event
_MIN_ITEMS = 3  # items a summary lists at least
_ITEM_RE = rx.compile(
    r"(?:^|(?<=[\n。;；:：]))[ \u3000]*(?:[一二三四五六七八九十]是|[一二三四五六七八九十]、|[(（][一二三四五六七八九十][)）])"
)
# the same items found faster: the first at the text's start, the others with the mark before them, so the search
# skips ahead to a mark (a match holds no mark: each starts at the text's start or right after one)
_ITEM_FIRST = rx.compile(_ITEM_RE.pattern.replace(r"(?:^|(?<=[\n。;；:：]))", "", 1))
_ITEM_AFTER = rx.compile(_ITEM_RE.pattern.replace(r"(?:^|(?<=[\n。;；:：]))", r"[\n。;；:：]", 1))
_ITEM_END = rx.compile(r"[。;；\n]")


def items_label(text: str) -> str | None:
    """The label every item of an enumeration shares (``一是…。二是…。三是…``, ``一、…``, ``(一)…``), read in
    each item's first sentence; None for fewer than :data:`_MIN_ITEMS` items, or no label in all of them (the one
    the items' cues weigh most when several are).

    >>> items_label("为提升能力:一是开展集中轮训。二是结对帮带培训。三是外出考察学习。")
    'study'
    >>> items_label("一是召开会议。二是开展培训。三是走访慰问。") is None
    True
    """
    first = _ITEM_FIRST.match(text)
    starts = [first.end()] if first else []
    starts += [m.end() for m in _ITEM_AFTER.finditer(text)]  # = [m.end() for m in _ITEM_RE.finditer(text)]
    if len(starts) < _MIN_ITEMS:
        return None
    shared: dict[str, float] | None = None
    for start in starts:
        end = _ITEM_END.search(text, start)
        found = clause_cues(text[start : end.start() if end else len(text)])
        strengths = {label: strength for label, (strength, _) in found.items()}
        shared = strengths if shared is None else {k: v + strengths[k] for k, v in shared.items() if k in strengths}
        if not shared:
            return None
    return max(shared, key=lambda k: shared[k]) if shared else None


def activity_text(ev: Event) -> str:
    """The event's text as its activity is read: the organizer's name masked, a leading quotation or dateline dropped.

    The body that acts is not what it does (``驻村工作队走访慰问`` is assistance, not personnel),
    and a quotation or dateline opening the event is no part of its main clause; when nothing
    else in the event has a cue, the whole text is read.

    >>> from ..records import OrgMention
    >>> ev = Event(0, 0, 21, "“大家好,开会了。”驻村工作队走访慰问群众")
    >>> ev.organization = OrgMention("驻村工作队", 10, 15)
    >>> activity_text(ev)
    '〇〇〇〇〇走访慰问群众'
    """
    text, cut, _ = _masked(ev)
    themed = _speech_masked(_themes_masked(text))
    if cut and score_labels(themed[cut:]):
        return themed[cut:]
    if score_labels(themed):
        return themed
    return text[cut:] if cut and score_labels(text[cut:]) else text


_SPEECH = rx.compile(r"“([^“”\n]{8,300}?)”")
_SPEECH_MARK = rx.compile(r"[,，。!！?？]")
_KEEP = frozenset(_MARKS)


def _speech_masked(text: str) -> str:
    """``text`` with the words said in a quotation masked, its marks kept (a quotation of eight or more characters
    that holds a clause or sentence mark: what a resident or a leader says, ``“现在在家门口就能检查,太方便了!”``): the
    words of a speech are no cue of what the event does; ``text`` itself when it has none.

    >>> _speech_masked("开展义诊。“在家就能检查,太方便了!”王大爷说")
    '开展义诊。“〇〇〇〇〇〇,〇〇〇〇!”王大爷说'
    >>> _speech_masked("开展“讲文明,树新风”活动"), _speech_masked("“在家就能检查,太方便了”王大爷笑着说")[:6]
    ('开展“讲文明,树新风”活动', '“〇〇〇〇〇')
    """
    text = _told_masked(text)
    if "“" not in text:
        return text
    return _SPEECH.sub(
        lambda m: "“" + "".join(c if c in _KEEP else _MASK for c in m.group(1)) + "”" if _is_speech(text, m)
        else m.group(), text
    )


_SAID_BEFORE = ":：。!！?？\n "  # a quotation right after one of these stands as a sentence of its own
_SAID_AFTER = ",，。!！?？\n"


def _is_speech(text: str, m: re.Match[str]) -> bool:
    """True for a quotation that holds a clause mark and stands as words said: after a colon or a sentence's end
    (``X说:“…”``, ``。“…”``), or before a mark or a said-word (``“…”,X说``, ``“…”X表示``); a slogan that names an
    activity (``开展了“共建家园,环保先行”清扫活动``) is none."""
    if not _SPEECH_MARK.search(m.group(1)):
        return False
    start, end = m.start(), m.end()
    if start == 0 or text[start - 1] in _SAID_BEFORE or end == len(text) or text[end] in _SAID_AFTER:
        return True
    mark = _SPEECH_MARK.search(text, end)
    return text.endswith(_SAID_WORDS, end, mark.start() if mark else len(text))


_SAID_WORDS = ("说", "表示", "说道", "介绍", "感慨", "笑着说", "告诉记者")


@cache
def _told_words() -> tuple[str, ...]:
    return tuple(row[0] for row in read_table("activity_subordinators.tsv") if row[1:2] == ["told"])


@cache
def _told_re() -> re.Pattern[str]:
    """A leader's word of telling (``activity_subordinators.tsv``, kind told: 指出, 强调, 要求) after a leader's title
    (``org_titles.tsv``) and a name (``镇党委书记王明指出,``), then what is told, to the sentence's end: group 1."""
    words = _told_words()
    if not words:
        return rx.compile("(?!)")
    from .organizer import _leader_titles  # the titles of those who lead a body (org_titles.tsv)

    titles = trie_pattern(_leader_titles())
    told = "|".join(map(re.escape, words))
    return rx.compile(rf"(?:{titles})[\u4e00-\u9fff]{{0,3}}(?:{told})[,，:：]([^。!！?？\n]+)")


@cache
def _told_end_re() -> re.Pattern[str]:
    """What every match of :func:`_told_re` holds: a word of telling and the mark after it (``指出,``), found faster
    than a whole match, which opens with one of many titles."""
    return rx.compile(f"(?:{'|'.join(map(re.escape, _told_words()))})[,，:：]" if _told_words() else "(?!)")


def _told_masked(text: str) -> str:
    """``text`` with what a leader tells in indirect speech masked (``镇党委书记王明指出,要优化人才的选拔``): the
    words of a speech are no cue of what the event does; ``text`` itself when it has none, or when nothing but them
    holds a cue.

    >>> _told_masked("5月6日,东岭镇召开部署会。书记王明指出,要优化人才选拔。")
    '5月6日,东岭镇召开部署会。书记王明指出,〇〇〇〇〇〇〇。'
    """
    if _words_re(_told_words()).search(text) is None or not _told_end_re().search(text):  # no word of telling, mark
        return text
    out = _told_re().sub(lambda m: m.group()[: m.start(1) - m.start()] + _MASK * len(m.group(1)), text)
    return out if out != text and score_labels(out) else text


def _themes_masked(text: str) -> str:
    """``text`` with the slogan of a theme masked (``以“党群连心共建家园”为主题``, ``“共建家园”主题党日``:
    activity_subordinators.tsv, kind theme, right after the closing quote or 为): a slogan's words are no cue while
    the rest of the event has one; ``text`` itself when it has none.

    >>> _themes_masked("以“共建家园”为主题,开展环境整治")
    '以“〇〇〇〇”为主题,开展环境整治'
    >>> _themes_masked('开展"清洁河道"主题党日')
    '开展"〇〇〇〇"主题党日'
    """
    if "主" not in text or not _theme_end_re().search(text):  # most texts hold no closing quote before a theme word
        return text
    return _theme_re().sub(lambda m: m.group(1) + _MASK * len(m.group(2)) + m.group(3), text)


def _theme_words() -> str:
    words = [row[0] for row in read_table("activity_subordinators.tsv") if len(row) > 1 and row[1] == "theme"]
    return "|".join(map(re.escape, words))


@cache
def _theme_re() -> re.Pattern[str]:
    return rx.compile(f"((?:以)?[“\"])([^“”\"\n]{{1,40}})([”\"]为?(?:{_theme_words()}))")


@cache
def _theme_end_re() -> re.Pattern[str]:
    """How every match of :func:`_theme_re` ends (its group 3): a closing quote, 为 perhaps, a theme word. Found
    faster than a whole match, as the search skips ahead to a closing quote."""
    return rx.compile(f"[”\"]为?(?:{_theme_words()})")


def _masked(ev: Event) -> tuple[str, int, str]:
    """The event's text with the organizer's name masked but for a team word (``activity_team_words.tsv``: the
    宣讲团 of ``…“四进”宣讲团``), where it starts after a leading quotation or dateline, and the team word left.

    >>> from ..records import OrgMention
    >>> ev = Event(0, 0, 12, "红星社区宣讲团走进学校宣讲")
    >>> ev.organization = OrgMention("红星社区宣讲团", 0, 7)
    >>> _masked(ev)
    ('〇〇〇〇宣讲团走进学校宣讲', 0, '宣讲团')
    """
    text = ev.text
    org = ev.organization
    team = ""
    if org is not None and org.start is not None and org.end is not None:
        s, e = org.start - ev.start, org.end - ev.start
        if 0 <= s < e <= len(text):
            name = text[s:e]
            team = next((w for w in _team_words() if w in name), "")
            at = name.find(team) if team else e - s
            kept = s + at + len(team)
            text = text[:s] + _MASK * at + text[s + at : kept] + _MASK * (e - kept) + text[e:]
    return _bodies_masked(ev, text), skip_preamble(text), team


_MASKED_KINDS = ("party", "enterprise")  # partners' kinds whose names hold a cue by chance (物业公司, 物业党支部), not
# the facilities, committees and teams named for what they do (党群服务中心, 协商会, 驻村工作队)


def _bodies_masked(ev: Event, text: str) -> str:
    """``text`` with the names of the party branches and enterprises the event names besides its organizer masked
    (``联合青禾物业党支部开展…``: 物业 of a partner's name is no cue of what is done), when a cue is left outside
    them; ``text`` itself otherwise.

    >>> from ..records import OrgMention
    >>> ev = Event(0, 0, 15, "东岭社区联合青禾物业公司开展清扫")
    >>> ev.organizations = [OrgMention("青禾物业公司", 6, 12, "enterprise")]
    >>> _bodies_masked(ev, ev.text)
    '东岭社区联合〇〇〇〇〇〇开展清扫'
    """
    out = text
    for m in ev.organizations:
        if m.start is None or m.end is None or m is ev.organization or m.kind not in _MASKED_KINDS:
            continue
        s, e = m.start - ev.start, m.end - ev.start
        if 0 <= s < e <= len(out) and ev.text[s:e] == m.name and _MASK not in out[s:e]:
            out = out[:s] + _MASK * (e - s) + out[e:]
    return out if out is not text and _has_cue(out) else text


def _has_cue(text: str) -> bool:
    """Whether ``text`` holds a cue: ``bool(score_labels(text))``, read from the keyword matches and, only when none
    is left, the clauses the patterns match in (:func:`_score_whole` scores every clause holding either)."""
    if not _scan_whole():
        return bool(score_labels(text))
    if _text_hits(text):
        return True
    return any(next(_clause_matches(text, p, hint), None) is not None for _, p, hint in _live_patterns(text))
