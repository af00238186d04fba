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

__all__ = ["first_ending", "first_starting", "trie_pattern"]

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
