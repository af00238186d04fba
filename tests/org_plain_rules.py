"""The place-word rule written out plainly, for the organization tests' plain oracles.

A place word is a gazetteer name of two to six characters less its longest place suffix (回龙 of 回龙镇); a
stopword or an action cue inside a place word that a place suffix follows in the text is none there.
"""

from __future__ import annotations

import functools

from partyevents.resources import read_table


@functools.cache
def place_words() -> tuple[list[str], set[str]]:
    """(the place suffixes, the gazetteer's names of two to six characters less their longest place suffix)."""
    from partyevents.extract.gazetteer import gazetteer

    ends = [r[0] for r in read_table("org_suffixes.tsv") if r[1] == "place"]
    words = set()
    for div in gazetteer().divisions:
        end = max((e for e in ends if div.name.endswith(e)), key=len, default=None)
        if end is not None and 2 <= len(div.name) - len(end) <= 6:
            words.add(div.name[: -len(end)])
    return ends, words


def in_place(text: str, start: int, end: int, longer: bool = False) -> bool:
    """Whether some substring around ``text[start:end]`` is a place word that a place suffix follows
    (``longer``: a place word longer than ``text[start:end]`` itself)."""
    ends, words = place_words()
    longest = max(map(len, words))  # no substring longer than a place word is one
    return any(
        text[i:j] in words and any(text.startswith(e, j) for e in ends) and not (longer and j - i == end - start)
        for i in range(max(0, end - longest), start + 1)
        for j in range(end, min(len(text), i + longest) + 1)
    )
