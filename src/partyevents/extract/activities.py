"""Activity types: the primary taxonomy label of an event and every label that applies.

First working version (the foundation): keyword counts from
``resources/activity_keywords.tsv``.
"""

from __future__ import annotations

from ..records import DocContext, Event
from ..resources import activity_keywords


def classify_activities(ctx: DocContext, events: list[Event]) -> list[tuple[str, list[str]]]:
    """For each event: (primary label, all labels)."""
    table = activity_keywords()
    out: list[tuple[str, list[str]]] = []
    for ev in events:
        scores: dict[str, float] = {}
        for label, words in table.items():
            hits = [ev.text.find(w) for w in words if w in ev.text]
            if hits:
                scores[label] = len(hits) + 1.0 / (1 + min(hits))
        if not scores:
            out.append(("other", ["other"]))
            continue
        ranked = sorted(scores, key=lambda k: -scores[k])
        out.append((ranked[0], ranked))
    return out
