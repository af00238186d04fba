"""A regex behind a look-ahead on the characters its matches can start with: the same matches, found faster;
and the literals one of which every match of a regex holds (a text without any of them has no match).

``re`` tries a pattern that opens with an alternation, a look-behind or an anchor at every position
of the text. When every match of the pattern consumes at least one character, the first character
of any match belongs to a set that can be read off the parsed pattern; ``(?=[set])`` in front of it
changes no match (the look-ahead holds wherever a match starts) and lets ``re`` reject every other
position with one set test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

from . import regex_cache as rx

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

__all__ = ["edge_class", "first_chars", "required_literals", "top_level_alternatives", "with_first_chars"]

_Ranges = list[tuple[int, int]]
_T = TypeVar("_T")


class _Unknown(Exception):
    """A construct whose first characters are not worth computing (any character, classes by category…)."""


def _edges(items: Any, leaf: Callable[[Any, Any], list[_T] | None], last: bool = False) -> tuple[list[_T], bool]:
    """(what ``leaf`` reads off each one-character item a match of ``items`` can open with -- or, with ``last``, end
    with --, whether it can match without consuming a character); :class:`_Unknown` for what is not read."""
    out: list[_T] = []
    for op, av in reversed(items) if last else items:
        edge, nullable = _edge(op, av, leaf, last)
        out += edge
        if not nullable:
            return out, False
    return out, True


def _edge(op: Any, av: Any, leaf: Callable[[Any, Any], list[_T] | None], last: bool) -> tuple[list[_T], bool]:
    if (one := leaf(op, av)) is not None:
        return one, False
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero width: anchors, look-ahead and look-behind
        return [], True
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _Unknown
        return _edges(sub, leaf, last)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _edges(av, leaf, last)
    if op is _c.BRANCH:
        out: list[_T] = []
        nullable = False
        for branch in av[1]:
            edge, n = _edges(branch, leaf, last)
            out += edge
            nullable = nullable or n
        return out, nullable
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        if hi == 0:
            return [], True
        edge, n = _edges(sub, leaf, last)
        return edge, n or lo == 0
    raise _Unknown  # what the leaf does not read (ANY, NOT_LITERAL for first_chars), group references, conditionals


def _ranges(op: Any, av: Any) -> _Ranges | None:
    """The code point ranges of a literal or a plain class (None: another item; :class:`_Unknown`: a class by
    category or a negated one)."""
    if op is _c.LITERAL:
        return [(av, av)]
    if op is not _c.IN:
        return None
    ranges: _Ranges = []
    for kind, value in av:
        if kind is _c.LITERAL:
            ranges.append((value, value))
        elif kind is _c.RANGE:
            ranges.append(value)
        else:  # NEGATE, CATEGORY (\d, \s…)
            raise _Unknown
    return ranges


def first_chars(pattern: re.Pattern[str]) -> str | None:
    r"""A character class holding every character a match of ``pattern`` can start with, or None when the
    pattern can match the empty string or opens with a construct not read here (``.``, ``\d``, ``[^…]``).

    >>> first_chars(rx.compile("(?<=x)(?:ab|c[d-f])|欢迎"))
    '[ac欢]'
    >>> first_chars(rx.compile("a?b")), first_chars(rx.compile("a*")), first_chars(rx.compile(".b"))
    ('[a-b]', None, None)
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        ranges, nullable = _edges(_p.parse(pattern.pattern, pattern.flags), _ranges)
    except (_Unknown, re.error):
        return None
    if nullable or not ranges:
        return None
    merged: _Ranges = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return "[" + "".join(_esc(lo) if lo == hi else f"{_esc(lo)}-{_esc(hi)}" for lo, hi in merged) + "]"


def _esc(cp: int) -> str:
    ch = chr(cp)
    if ch.isalnum():
        return ch
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def _scans_itself(items: Any) -> bool:
    """Whether ``re`` already skips ahead to a match's first character, or tries the start only: the pattern opens
    with a literal, a class or ``^``, or with an alternation whose branches all do (a look-ahead in front would
    only slow it down)."""
    if not items:
        return False
    op, av = items[0]
    if op in (_c.LITERAL, _c.IN) or (op is _c.AT and av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)):
        return True  # a prefix re scans for, or an anchor at the start
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _scans_itself(av[3])
    if op is _c.BRANCH:
        return all(_scans_itself(branch) for branch in av[1])
    return False


def with_first_chars(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a look-ahead on its possible first characters (itself when they are unknown, or when
    ``re`` skips ahead by itself: a literal or a class opens every branch).

    >>> with_first_chars(rx.compile("(?:(?<=x)|^)[a-z]{2}")).pattern
    '(?=[a-z])(?:(?:(?<=x)|^)[a-z]{2})'
    >>> with_first_chars(rx.compile("ab|[cd]e")).pattern, with_first_chars(rx.compile("^ab|^c")).pattern
    ('ab|[cd]e', '^ab|^c')
    """
    first = first_chars(pattern)
    if first is None or _scans_itself(_p.parse(pattern.pattern, pattern.flags)):
        return pattern
    try:
        return rx.compile(f"(?={first})(?:{pattern.pattern})", pattern.flags)
    except re.error:  # pragma: no cover - e.g. global inline flags, which must open a pattern
        return pattern


_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
               _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}


def _code(cp: int) -> str:
    """A code point as an escape that reads the same inside and outside a character class."""
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def _one_char(op: Any, av: Any) -> str | None:
    """The source of a regex matching what the one-character item ``(op, av)`` matches (None: not such an item)."""
    if op is _c.LITERAL:
        return _code(av)
    if op is _c.NOT_LITERAL:
        return f"[^{_code(av)}]"
    if op is _c.ANY:
        return "."
    if op is not _c.IN:
        return None
    parts = []
    for kind, value in av:
        if kind is _c.NEGATE:
            parts.append("^")
        elif kind is _c.LITERAL:
            parts.append(_code(value))
        elif kind is _c.RANGE:
            parts.append(f"{_code(value[0])}-{_code(value[1])}")
        elif kind is _c.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            raise _Unknown
    return "[" + "".join(parts) + "]"


def _sources(op: Any, av: Any) -> list[str] | None:
    """:func:`_one_char` as a list, for :func:`_edges`."""
    one = _one_char(op, av)
    return None if one is None else [one]


def edge_class(pattern: re.Pattern[str], last: bool = False) -> re.Pattern[str] | None:
    r"""A regex matching (as ``match`` of a one-character string) every character a match of ``pattern`` can open
    with, classes by category and negated ones included, or None when that is not read off the pattern (flags,
    back references, a pattern that may match the empty string).

    With ``last``: every character a match can end with, for a pattern whose every match ends at ``$`` or ``\Z`` (the
    end of a string without a final newline); None for any other pattern.

    >>> [edge_class(rx.compile(p)).pattern for p in (r"^\s*[^a-c]x", r"(?=y)\d|.z")]
    ['[\\s]|[^\\u0061-\\u0063]', '[\\d]|.']
    >>> edge_class(rx.compile(r"^ab?(?:c|\W)?$"), last=True).pattern, edge_class(rx.compile("^ab"), last=True)
    ('[\\u0063\\W]|\\u0062|\\u0061', None)
    """
    if pattern.flags & ~re.UNICODE:
        return None
    try:
        items = list(_p.parse(pattern.pattern, pattern.flags))
        if last:
            if not items or items[-1][0] is not _c.AT or items[-1][1] not in (_c.AT_END, _c.AT_END_STRING):
                return None
            items.pop()
        edge, nullable = _edges(items, _sources, last)
    except (_Unknown, re.error):
        return None
    if nullable or not edge:
        return None
    return rx.compile("|".join(dict.fromkeys(edge)))


def _better(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """The more selective of two lists of alternatives: the one whose shortest literal is longer."""
    if not b:
        return a
    if not a:
        return b
    return b if min(map(len, b)) > min(map(len, a)) else a


def _required(items: Any) -> list[str] | None:
    best: list[str] | None = None
    run = ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == av[1] and len(av[2]) == 1 and av[2][0][0] is _c.LITERAL:
            run += chr(av[2][0][1]) * av[0]  # a literal repeated a fixed number of times: \.{3}
            continue
        best = _better(best, [run] if run else None)
        run = ""
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            best = _better(best, _required(av[3]))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            best = _better(best, _required(av))
        elif op is _c.BRANCH:
            alts = [_required(branch) for branch in av[1]]
            if all(alts):
                best = _better(best, [lit for alt in alts if alt for lit in alt])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            best = _better(best, _required(av[2]))
    return _better(best, [run] if run else None)


@cache
def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    r"""Literals one of which every match of ``pattern`` holds, or None when no such list is read off it.

    A text holding none of them has no match, whatever the anchors and look-arounds around the match.

    >>> required_literals(rx.compile(r"[\u3400-\u9fff]\.{3}$")), required_literals(rx.compile("-->|<!--|[a-z]\.s?html?"))
    (('...',), ('-->', '<!--', 'htm'))
    >>> required_literals(rx.compile("(?i)abc")), required_literals(rx.compile("a|[bc]"))
    (None, None)
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        found = _required(_p.parse(pattern.pattern, pattern.flags))
    except re.error:  # pragma: no cover - the pattern compiled once already
        return None
    return tuple(dict.fromkeys(found)) if found else None


def top_level_alternatives(source: str) -> list[str]:
    r"""A regex source's top-level alternatives: split on ``|`` outside groups, character classes and escapes
    (a ``]`` right after ``[`` or ``[^`` stands for itself).

    >>> top_level_alternatives(r"^a|b(c|d)|[|]e\|f")
    ['^a', 'b(c|d)', '[|]e\\|f']
    >>> [len(top_level_alternatives(s)) for s in ("a|b", "(?:a|b)c", "[|]a", "[]|]", r"\|")]
    [2, 1, 1, 1, 1]
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (source[i + 1 : i + 2] == "^")
            i += source[i : i + 1] == "]"
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]
