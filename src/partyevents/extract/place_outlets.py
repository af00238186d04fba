"""News outlets named after a place (某某新闻网讯, 某某日报, 某某融媒): weak evidence of the page's place, never
an event's locality.

A report often opens with its outlet's name (``某某新闻网讯``) or credits one (``据某某日报``). The place in
that name says where the page comes from, not where the event happened: it still counts towards the page's
home (an event naming no place of its own takes the home, and the body's own places, named more often,
outweigh it), but no event takes it as its own locality. An outlet is a group of place names right before an
``outlet`` word of ``place_where_words.tsv`` (新闻网, 网讯, 日报, 融媒: a county or city publishing something,
某县发布…, is the county acting; an ``outlet_body`` word after it, 某县融媒体中心党支部, 某市日报社, makes it a body
whose place is its own).

>>> from typing import NamedTuple
>>> class M(NamedTuple):
...     start: int
...     end: int
...     community: str | None
>>> sorted(outlet_names("某地新闻网讯 3月5日,甲县召开会议。", [M(0, 2, None), M(12, 14, None)]))
[0]
>>> outlet_names("3月5日,某地融媒体中心党支部开展学习。", [M(5, 7, None)])
set()
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

from ..resources import words_of
from .wordtrie import first_starting

__all__ = ["Named", "outlet_names", "where_words"]


class Named(Protocol):
    """A place mention as the place_* rules read it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def community(self) -> str | None: ...


@cache
def where_words(kind: str) -> tuple[str, ...]:
    """The words of ``kind`` in ``place_where_words.tsv``."""
    return words_of("place_where_words.tsv", kind)


def outlet_names(text: str, mentions: Sequence[Named]) -> set[int]:
    """Starts of the mentions (sorted by start) naming an outlet's place: each name of a group right before an
    outlet word."""
    out: set[int] = set()
    words = where_words("outlet")
    n = len(mentions)
    for i, m in enumerate(mentions):
        if m.community is not None or (i + 1 < n and mentions[i + 1].start == m.end):
            continue
        word = first_starting(text, words, m.end)
        if word is not None and not text.startswith(where_words("outlet_body"), m.end + len(word)):
            lo = i
            while lo > 0 and mentions[lo - 1].end == mentions[lo].start:
                lo -= 1
            out.update(g.start for g in mentions[lo : i + 1])
    return out
