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
from functools import cache

from ..records import DocContext, Event
from ..resources import read_table, taxonomy

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
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
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

    Keyword matches are found once over the whole text and the patterns that match
    nowhere in it are skipped (see :func:`_keywords_scan_whole`, :func:`_prefilter`);
    the result is that of :func:`clause_cues` on every clause.

    >>> score_labels("米公街道召开疫情防控推进会。会后开展志愿服务。")
    {'meeting': (3.0, 4), 'epidemic_control': (3.0, 6), 'volunteer_service': (0.3, 18)}
    """
    weights = _weights()
    subordinators = _subordinators()
    keyword_re, word_labels, patterns = _cues()
    whole = _keywords_scan_whole()
    all_hits = [(m.start(), m.end(), word_labels[m.group()]) for m in keyword_re.finditer(text)] if whole else []
    live = tuple((label, p) for label, p in patterns if not _prefilter(p) or p.search(text))
    if whole and not live:
        return _score_hits(text, all_hits)
    n_hits = len(all_hits)
    k = 0
    scores: dict[str, list[float]] = {}
    pos = 0
    main_found = False
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        cpos = pos
        for clause in _CLAUSE_SPLIT.split(sentence):
            if whole:
                cend = cpos + len(clause)
                hits: list[_Hit] = []
                while k < n_hits and all_hits[k][0] < cend:
                    start, end, labels = all_hits[k]
                    hits.append((start - cpos, end - cpos, labels))
                    k += 1
                found = _cues_in(clause, hits, live) if hits or live else {}
            else:
                found = _cues_in(clause, [(m.start(), m.end(), word_labels[m.group()])
                                          for m in keyword_re.finditer(clause)], live)
            if found:
                body = clause.lstrip(" “”\"'‘’")
                if body.startswith(subordinators):
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


def _score_hits(text: str, hits: list[_Hit]) -> dict[str, tuple[float, int]]:
    """:func:`score_labels` when the cues are exactly the keyword matches ``hits``: only their clauses are read."""
    if not hits:
        return {}
    weights = _weights()
    subordinators = _subordinators()
    bounds = [m.end() for m in _BOUNDARY.finditer(text)]
    first_sentence_end = next((m.end() for m in _SENTENCE_MARK.finditer(text)), len(text) + 1)
    scores: dict[str, list[float]] = {}
    main_found = False
    i = 0
    while i < len(hits):
        k = bisect.bisect_right(bounds, hits[i][0])  # the clause holding the hit: the k-th
        cpos = bounds[k - 1] if k else 0
        nxt = bounds[k] if k < len(bounds) else len(text)
        cend = nxt - 1 if nxt > cpos and text[nxt - 1] in _CLAUSE_MARKS else nxt
        group: list[_Hit] = []
        while i < len(hits) and hits[i][0] < cend:
            start, end, labels = hits[i]
            group.append((start - cpos, end - cpos, labels))
            i += 1
        clause = text[cpos:cend]
        found = _cues_in(clause, group, ())
        first_sentence = cpos < first_sentence_end
        if clause.lstrip(" “”\"'‘’").startswith(subordinators):
            w = weights["subordinate"]
        elif first_sentence and not main_found:
            w, main_found = weights["main"], True
        else:
            w = weights["sentence"] if first_sentence else weights["rest"]
        for label, (strength, offset) in found.items():
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
