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

import bisect
import re
from collections.abc import Iterator
from functools import cache

from ..records import DocContext, Event
from ..resources import read_table, taxonomy
from .wordtrie import trie_pattern

_CLAUSE_SPLIT = re.compile(r"[,，;；:：、\n]")
_SENTENCE_SPLIT = re.compile(r"(?<=[。!！?？])")
_CLAUSE_MARKS = ",，;；:：、\n"
_BOUNDARY = re.compile(r"[,，;；:：、\n。!！?？]")  # a clause starts after each
_SENTENCE_MARK = re.compile(r"[。!！?？]")
_EXTRA_CUE = 0.1  # each further cue of the same label in one clause
_MIN_SCORE = 0.5  # a secondary label needs at least this much


@cache
def _cues() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(one regex of every keyword, longest first; keyword -> labels; (label, pattern) pairs).

    Labels outside the taxonomy are ignored.
    """
    known = set(taxonomy())
    words: dict[str, list[str]] = {}
    for label, word, *_ in read_table("activity_keywords.tsv"):
        if label in known:
            words.setdefault(word, []).append(label)
    # a trie matches as the alternation longest first would, so 治理 inside 社会治理 is not seen
    alternation = (
        trie_pattern(words)
        if words and all(words)
        else "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    )
    patterns = tuple(
        (label, re.compile(pattern)) for label, pattern, *_ in read_table("activity_patterns.tsv") if label in known
    )
    return re.compile(alternation), {w: tuple(v) for w, v in words.items()}, patterns


@cache
def _weights() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in read_table("activity_weights.tsv")}


@cache
def _subordinators() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in read_table("activity_subordinators.tsv")), key=len, reverse=True))


_Hit = tuple[int, int, tuple[str, ...]]  # (start, end, labels) of one keyword match
_CONTEXT_FREE = re.compile(r"\(\?<|\(\?=|\(\?!|[$^]|\\[AZbB]")  # lookaround, anchors, word boundaries
_NEGATED_CLASS = re.compile(r"(?<!\\)\[\^")  # the ^ of [^…] is no anchor
_MARKS = ",，;；:：、\n。!！?？"
# lookaround over plain text without clause marks sees the same at a clause edge as in the whole text
_LITERAL_LOOKAROUND = re.compile(rf"\(\?<?[=!][^\\()\[\]|.*+?{{}}^$\s{_MARKS}]+\)")


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
def _prefilter(pattern: re.Pattern[str]) -> bool:
    """True when a pattern that matches nowhere in an event cannot match in any of its clauses.

    That holds for patterns without anchors, word boundaries or lookaround (except
    over plain text without clause marks): a match inside a clause is then also a
    match in the whole text.

    >>> _prefilter(re.compile("学习[^,，。;；]{0,12}?精神")), _prefilter(re.compile("大?会(?!员)"))
    (True, True)
    >>> _prefilter(re.compile("会(?![,，])")), _prefilter(re.compile("^会")), _prefilter(re.compile("(?<=x.)会"))
    (False, False, False)
    """
    return not _CONTEXT_FREE.search(_LITERAL_LOOKAROUND.sub("", _NEGATED_CLASS.sub("[", pattern.pattern)))


def _cues_in(
    clause: str, hits: list[_Hit], patterns: tuple[tuple[str, re.Pattern[str]], ...]
) -> dict[str, tuple[float, int]]:
    """:func:`clause_cues` from the clause's keyword matches (clause offsets) and the patterns to try."""
    found: dict[str, set[tuple[int, int]]] = {}
    for start, end, labels in hits:
        for label in labels:
            found.setdefault(label, set()).add((start, end))
    for label, pattern in patterns:
        if pm := pattern.search(clause):
            found.setdefault(label, set()).add(pm.span())
    return _strengths(found)


def _strengths(found: dict[str, set[tuple[int, int]]]) -> dict[str, tuple[float, int]]:
    """label -> (strength, offset of the first cue), from each label's cue spans in one clause."""
    out: dict[str, tuple[float, int]] = {}
    for label, spans in found.items():
        if len(spans) == 1:
            out[label] = (1.0, next(iter(spans))[0])
            continue
        outer = [a for a in spans if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)]
        out[label] = (round(1.0 + _EXTRA_CUE * (len(outer) - 1), 2), min(s for s, _ in spans))
    return out


def clause_cues(clause: str) -> dict[str, tuple[float, int]]:
    """label -> (strength, offset of the first cue) in one clause.

    Strength is 1 for the first cue and a little more for each further cue that
    is not part of a longer one (``治理`` inside ``社会治理`` counts once).

    >>> clause_cues("米公街道召开疫情防控推进会")
    {'meeting': (1.0, 4), 'epidemic_control': (1.0, 6)}
    """
    keyword_re, word_labels, patterns = _cues()
    # longest keyword first, so 治理 inside 社会治理 is not seen
    hits = [(m.start(), m.end(), word_labels[m.group()]) for m in keyword_re.finditer(clause)]
    return _cues_in(clause, hits, patterns)


def score_labels(text: str) -> dict[str, tuple[float, int]]:
    """label -> (weighted score, position of its first cue) over one event's text.

    The rule is :func:`clause_cues` on every clause, weighted by where the clause stands.
    When keywords allow it (:func:`_keywords_scan_whole`) they are matched once over the
    whole text and only the clauses with a cue are read (:func:`_score_whole`); the
    clause-by-clause loop below is the rule as written, for keyword lists that do not.

    >>> score_labels("米公街道召开疫情防控推进会。会后开展志愿服务。")
    {'meeting': (3.0, 4), 'epidemic_control': (3.0, 6), 'volunteer_service': (0.3, 18)}
    """
    keyword_re, word_labels, patterns = _cues()
    if _keywords_scan_whole():
        hits = [(m.start(), m.end(), word_labels[m.group()]) for m in keyword_re.finditer(text)]
        live = tuple((label, p) for label, p in patterns if not _prefilter(p) or p.search(text))
        return _score_whole(text, hits, live)
    weights = _weights()
    subordinators = _subordinators()
    scores: dict[str, list[float]] = {}
    pos = 0
    main_found = False
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        cpos = pos
        for clause in _CLAUSE_SPLIT.split(sentence):
            found = clause_cues(clause)
            if found:
                if clause.lstrip(" “”\"'‘’").startswith(subordinators):
                    w = weights["subordinate"]
                elif n_sentence == 0 and not main_found:
                    w, main_found = weights["main"], True
                else:
                    w = weights["sentence"] if n_sentence == 0 else weights["rest"]
                for label, (strength, offset) in found.items():
                    entry = scores.setdefault(label, [0.0, float(cpos + offset)])
                    entry[0] += w * strength
            cpos += len(clause) + 1
        pos += len(sentence)
    return {k: (v[0], int(v[1])) for k, v in scores.items()}


def _clause_matches(
    text: str, pattern: re.Pattern[str], starts: list[int], ends: list[int]
) -> Iterator[tuple[int, int, re.Match[str]]]:
    """(clause index, clause start, match) of the pattern's first match in each clause that has one.

    A prefiltered pattern matches in a clause only where it also matches in the whole
    text, so the search jumps from one whole-text match to the clause holding it; there
    it searches the clause within the whole text (``pos``/``endpos``), the same as
    searching the clause alone. Other patterns search every clause cut out alone.
    """
    if not _prefilter(pattern):
        for k, (cs, ce) in enumerate(zip(starts, ends, strict=True)):
            if pm := pattern.search(text[cs:ce]):
                yield k, cs, pm
        return
    k = 0
    while k < len(starts) and (hint := pattern.search(text, starts[k])):
        k = bisect.bisect_right(starts, hint.start(), k) - 1  # no clause before this one can match
        if pm := pattern.search(text, starts[k], ends[k]):
            yield k, starts[k], pm
        k += 1


def _score_whole(
    text: str, hits: list[_Hit], patterns: tuple[tuple[str, re.Pattern[str]], ...]
) -> dict[str, tuple[float, int]]:
    """:func:`score_labels` from the event's keyword matches and the prefiltered patterns still in play.

    Only the clauses holding a cue are read; patterns are searched clause by clause
    within the whole text (``pos``/``endpos``), which for prefiltered patterns is the
    same as searching the clause alone.
    """
    bounds = [m.end() for m in _BOUNDARY.finditer(text)]
    starts = [0, *bounds]
    ends = [b - 1 if text[b - 1] in _CLAUSE_MARKS else b for b in bounds]
    ends.append(len(text))
    per_clause: dict[int, list[_Hit]] = {}
    for start, end, labels in hits:
        k = bisect.bisect_right(starts, start) - 1
        cs = starts[k]
        per_clause.setdefault(k, []).append((start - cs, end - cs, labels))
    matched: dict[int, list[tuple[str, tuple[int, int]]]] = {}
    for label, pattern in patterns:
        for k, cs, pm in _clause_matches(text, pattern, starts, ends):
            matched.setdefault(k, []).append((label, (pm.start() - cs, pm.end() - cs)))
    if not per_clause and not matched:
        return {}
    weights = _weights()
    subordinators = _subordinators()
    first_sentence_end = next((m.end() for m in _SENTENCE_MARK.finditer(text)), len(text) + 1)
    scores: dict[str, list[float]] = {}
    main_found = False
    for k in sorted(per_clause.keys() | matched.keys()):
        cpos = starts[k]
        found: dict[str, set[tuple[int, int]]] = {}
        for start, end, labels in per_clause.get(k, ()):
            for label in labels:
                found.setdefault(label, set()).add((start, end))
        for label, span in matched.get(k, ()):
            found.setdefault(label, set()).add(span)
        first_sentence = cpos < first_sentence_end
        if text[cpos : ends[k]].lstrip(" “”\"'‘’").startswith(subordinators):
            w = weights["subordinate"]
        elif first_sentence and not main_found:
            w, main_found = weights["main"], True
        else:
            w = weights["sentence"] if first_sentence else weights["rest"]
        for label, (strength, offset) in _strengths(found).items():
            entry = scores.setdefault(label, [0.0, float(cpos + offset)])
            entry[0] += w * strength
    return {k: (v[0], int(v[1])) for k, v in scores.items()}


def classify_text(text: str) -> tuple[str, list[str]]:
    """(primary label, all labels, primary first) for one event's text.

    >>> classify_text("王寨街道联合志愿者,为患病群众开展心理疏导,让疫情防控工作更有温度。")[0]
    'volunteer_service'
    >>> classify_text("今天天气很好。")
    ('other', ['other'])
    """
    scores = score_labels(text)
    if not scores:
        return "other", ["other"]
    ranked = sorted(scores, key=lambda k: (-scores[k][0], scores[k][1]))
    labels = [ranked[0]] + [k for k in ranked[1:] if scores[k][0] >= _MIN_SCORE]
    return ranked[0], labels


def classify_activities(ctx: DocContext, events: list[Event]) -> list[tuple[str, list[str]]]:
    """For each event: (primary label, all labels)."""
    return [classify_text(ev.text) for ev in events]
