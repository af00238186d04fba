"""One regex for a list of words, shaped as a trie, that matches what the plain alternation matches.

``re`` tries the branches of ``a|b|c`` one after the other at every position, so a
long keyword list costs a test per word per character. Sharing prefixes makes it a
test per distinct next character. Every branch is greedy, so at each position the
longest word is tried first and then the shorter ones in turn: the matches are those
of the alternation sorted longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["WordEnds", "first_ending", "first_starting", "trie_pattern"]

_Node = dict[str, "_Node"]
_END = ""  # marks a node where a word ends


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching the same as the words as an alternation, longest first.

    >>> p = trie_pattern(["组织", "组织部", "召开", "在"])
    >>> p
    '(?:(?:召开|在|组织(?:部)?))'
    >>> [m.group() for m in re.finditer(p, "在组织部召开会议组织")]
    ['在', '组织部', '召开', '组织']
    >>> trie_pattern([]) == "(?!)"
    True
    """
    root: _Node = {}
    for word in words:
        if not word:
            raise ValueError("empty word")
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return "(?:" + _emit(root) + ")" if root else "(?!)"


def _emit(node: _Node) -> str:
    branches = [re.escape(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def first_ending(text: str, words: tuple[str, ...], end: int) -> str | None:
    """The first of ``words``, in their order, that ``text[:end]`` ends with (None: none does).

    ``next((w for w in words if text.endswith(w, 0, end)), None)``, with one test in C first: at most positions
    no word ends there.

    >>> first_ending("前往某村", ("往", "前往"), 2), first_ending("前往某村", ("往",), 3)
    ('往', None)
    """
    if not text.endswith(words, 0, end):
        return None
    return next(w for w in words if text.endswith(w, 0, end))


def first_starting(text: str, words: tuple[str, ...], at: int) -> str | None:
    """The first of ``words``, in their order, that ``text`` holds at ``at`` (None: none): :func:`first_ending`'s
    counterpart.

    >>> first_starting("某村村民说", ("村民", "村"), 2), first_starting("某村村民说", ("居民",), 2)
    ('村民', None)
    """
    if not text.startswith(words, at):
        return None
    return next(w for w in words if text.startswith(w, at))


class WordEnds:
    """Whether ``text[:end]`` ends with one of many words: ``text.endswith(words, 0, end)``, looked up in a set.

    ``str.endswith`` with a tuple compares every word in turn (a few microseconds for the 300 where-words); this
    looks at the character before ``end`` first (most positions end no word) and then slices once per distinct
    word length.

    >>> ends = WordEnds(("来到", "在", "前往该县"))
    >>> ends("他来到某村", 3), ends("他来到某村", 4), ends("在", 1), ends("在", 5), ends("某在", 0), ends("在某", -1)
    (True, False, True, True, False, True)
    """

    __slots__ = ("last", "lengths", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        if "" in self.words:
            raise ValueError("empty word")
        self.last = frozenset(w[-1] for w in self.words)
        self.lengths = tuple(sorted({len(w) for w in self.words}))

    def __call__(self, text: str, end: int) -> bool:
        if end > len(text):  # as str.endswith: the end is clamped to the text, a negative one counts from its end
            end = len(text)
        elif end < 0:
            end += len(text)
        if end <= 0 or text[end - 1] not in self.last:
            return False
        words = self.words
        for n in self.lengths:
            if n > end:
                return False
            if text[end - n : end] in words:
                return True
        return False
