"""Very long documents are segmented and extracted piece by piece, so time and memory grow in step with size.

A page of many megabytes (a year of bulletins on one page, a table flattened to text) would otherwise make
every stage build per-character structures for the whole text at once, and stages that look at the whole
text for each event would take time growing with its square. Past :data:`CHUNK_CHARS` characters the
normalized text is cut at line breaks into pieces of at most that many characters (a single longer line is
cut where the limit falls); each piece is segmented and extracted on its own, with the document's title,
date, source and manifest place, and the results are put back in the coordinates of the whole text.
Pages of normal length (a few thousand characters) never reach this module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from . import segment
from .extract import extract_events
from .records import DocContext, Event, Figure, Problem

__all__ = ["CHUNK_CHARS", "extract_long", "pieces"]

CHUNK_CHARS = 50_000


def pieces(text: str, limit: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text`` of at most ``limit`` characters, cut after a line
    break where there is one in the second half of the piece.

    >>> list(pieces("ab\\ncd\\nef", 4)), list(pieces("abcdefghij", 4))
    ([(0, 3), (3, 6), (6, 8)], [(0, 4), (4, 8), (8, 10)])
    """
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            if cut >= 0:
                end = cut + 1
        yield start, end
        start = end


def extract_long(ctx: DocContext) -> tuple[list[Event], list[Figure], list[Problem]]:
    """:func:`~partyevents.extract.extract_events` over the pieces of ``ctx.text``, in whole-text coordinates."""
    events: list[Event] = []
    stray: list[Figure] = []
    problems: list[Problem] = []
    for start, end in pieces(ctx.text):
        part = dataclasses.replace(ctx, text=ctx.text[start:end])
        found, loose, notes = extract_events(part, segment.segment(part.text))
        shifted: set[int] = set()
        for event in found:
            _shift(event, start, shifted)
            event.seq = len(events)
            events.append(event)
        for figure in loose:
            _shift(figure, start, shifted)
        stray += loose
        problems += notes
    return events, stray, problems


def _shift(obj: object, offset: int, done: set[int]) -> None:
    """Move every character position held by ``obj`` (and what it holds) by ``offset``, each object once."""
    if id(obj) in done or not offset:
        return
    done.add(id(obj))
    for name in ("start", "end"):
        value = getattr(obj, name, None)
        if isinstance(value, int):
            setattr(obj, name, value + offset)
    if isinstance(obj, Event):
        for inner in (obj.date, obj.place, obj.organization, *obj.organizations, *obj.figures):
            if inner is not None:
                _shift(inner, offset, done)
