"""The place-word rule written out plainly, for the organization tests' plain oracles.

A place word is a gazetteer name of two to six characters less its longest place suffix (回龙 of 回龙镇); a
stopword or an action cue inside a place word that a place suffix follows in the text is none there.
"""

from __future__ import annotations

import functools
import re

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


_PLAIN_INNER = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![年月日号时分秒])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,6}(?=[\u4e00-\u9fff])"
    r"|(?<=第)[0-9]{1,3}(?=[\u4e00-\u9fff])"
)


def plain_masked(text: str) -> str:
    """A run of Latin letters (and digits) of six at most between Han characters, not after a date's word, or up to
    three digits after 第 before a Han character: written as 丂, one for one (the text names are read in)."""
    return _PLAIN_INNER.sub(lambda m: "\u4e02" * len(m.group()), text)
