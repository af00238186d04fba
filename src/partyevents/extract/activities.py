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
from functools import cache

from ..records import DocContext, Event
from ..resources import read_table, taxonomy

_CLAUSE_SPLIT = re.compile(r"[,，;；:：、\n]")
_SENTENCE_SPLIT = re.compile(r"(?<=[。!！?？])")
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


def clause_cues(clause: str) -> dict[str, tuple[float, int]]:
    """label -> (strength, offset of the first cue) in one clause.

    Strength is 1 for the first cue and a little more for each further cue that
    is not part of a longer one (``治理`` inside ``社会治理`` counts once).

    >>> clause_cues("米公街道召开疫情防控推进会")
    {'meeting': (1.0, 4), 'epidemic_control': (1.0, 6)}
    """
    keyword_re, word_labels, patterns = _cues()
    found: dict[str, set[tuple[int, int]]] = {}
    for m in keyword_re.finditer(clause):  # longest keyword first, so 治理 inside 社会治理 is not seen
        for label in word_labels[m.group()]:
            found.setdefault(label, set()).add(m.span())
    for label, pattern in patterns:
        if pm := pattern.search(clause):
            found.setdefault(label, set()).add(pm.span())
    out: dict[str, tuple[float, int]] = {}
    for label, spans in found.items():
        outer = [a for a in spans if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in spans)]
        out[label] = (round(1.0 + _EXTRA_CUE * (len(outer) - 1), 2), min(s for s, _ in spans))
    return out


def score_labels(text: str) -> dict[str, tuple[float, int]]:
    """label -> (weighted score, position of its first cue) over one event's text."""
    weights = _weights()
    scores: dict[str, list[float]] = {}
    pos = 0
    main_found = False
    for n_sentence, sentence in enumerate(_SENTENCE_SPLIT.split(text)):
        cpos = pos
        for clause in _CLAUSE_SPLIT.split(sentence):
            found = clause_cues(clause)
            if found:
                body = clause.lstrip(" “”\"'‘’")
                if body.startswith(_subordinators()):
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
