"""Villages and communities named only as a resident's home: not where the event happened.

A report often quotes a villager or a resident and says where they live (``某村村民某某说``,
``家住某社区的某阿姨对记者讲``). Such a name is a person's home (ANNOTATION.md, Places: a person's hometown
is no locality), like a hometown written ``某某人``: the event's locality comes from its other places.

A community or village is a resident's home when

- a ``home_before`` word (``家住``, ``住在``) comes right before it or its group of adjacent names
  (``家住某县某镇某村的…``: the whole group), or
- a ``resident`` word (``村民``, ``居民``, ``阿姨``; ``的`` may come between) comes right after it and the rest of
  its sentence quotes that person (a ``speech`` word: ``说``, ``表示``, ``告诉``): ``某镇某村村民某某笑着说``.
  Villagers acting (``某村村民自发清扫村道``) leave the village a place.

A resident word opening a body's name (``村民委员会``, ``居民议事会``: ``resident_body``) names no resident.
The words are the ``home_before``, ``resident``, ``resident_body`` and ``speech`` rows of ``place_where_words.tsv``.

>>> from typing import NamedTuple
>>> class M(NamedTuple):
...     start: int
...     end: int
...     community: str | None
>>> text = "活动现场,云栖湾村村民老张说:“真方便。”"
>>> sorted(resident_homes(text, [M(5, 9, "云栖湾村")]))
[5]
>>> resident_homes("云栖湾村村民自发清扫村道。", [M(0, 4, "云栖湾村")])
set()
>>> resident_homes("云栖湾村村民委员会主任介绍了情况。", [M(0, 4, "云栖湾村")])
set()
"""

from __future__ import annotations

from collections.abc import Sequence

from .place_outlets import Named, where_words
from .wordtrie import first_starting

__all__ = ["resident_homes"]

_ENDS = "。！？!?\n"



def resident_homes(text: str, mentions: Sequence[Named]) -> set[int]:
    """Starts of the mentions (sorted by start) that name a resident's home: the community or village and the
    names adjacent before it."""
    out: set[int] = set()
    n = len(mentions)
    for i, m in enumerate(mentions):
        if m.community is None or (i + 1 < n and mentions[i + 1].start == m.end):
            continue  # the last name of its group only
        lo = i
        while lo > 0 and mentions[lo - 1].end == mentions[lo].start:
            lo -= 1
        if text.endswith(where_words("home_before"), 0, mentions[lo].start) or _quoted_resident(text, m.end):
            out.update(g.start for g in mentions[lo : i + 1])
    return out


def _quoted_resident(text: str, end: int) -> bool:
    """Whether a resident word follows ``end`` (after an optional 的) and the sentence goes on to quote them."""
    at = end + 1 if text.startswith("的", end) else end
    word = first_starting(text, where_words("resident"), at)
    if word is None:
        return False
    rest = at + len(word)
    if text.startswith(where_words("resident_body"), rest):  # 某村村民委员会主任介绍: the village's body, no resident
        return False
    stop = min((k for c in _ENDS if (k := text.find(c, rest)) >= 0), default=len(text))
    sentence = text[rest:stop]
    return any(w in sentence for w in where_words("speech"))
