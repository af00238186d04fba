"""Compiled regular expressions kept on disk: a fresh process loads in 5 ms what ``re`` takes 0.3 s to compile.

``re.compile`` parses a pattern and generates the code its matcher runs. For the pipeline's 500-odd patterns
(word-list tries, character classes of hundreds of CJK characters) that is about a third of a fresh process's
start-up, paid again by every notebook, CLI run and cluster worker. :func:`compile` does it once per pattern and
Python build: it keeps the generated code in the disk cache (:mod:`partyevents.cache`) and, in later processes,
hands the stored code straight to the matcher, ``_sre.compile``, the same last step ``re.compile`` takes. The
pattern it returns is equal (``==``: same pattern, flags and code) to the one ``re.compile`` returns.

- Keyed by the exact Python build (``sys.version``) and the matcher's ``MAGIC``: code is never shared across
  versions. On another implementation, or wherever the internals differ, every step falls back to
  ``re.compile``, so the worst case is the old speed.
- New patterns are added to the table and written back at exit and after a worker's warm-up (:func:`save`);
  a table that grows past :data:`MAX_PATTERNS` (resource files edited many times) keeps only the patterns this
  process used.

>>> import re
>>> compile(r"(?P<n>\\d+)(?:户|人)", re.I) == re.compile(r"(?P<n>\\d+)(?:户|人)", re.I)
True
>>> compile("[省市县]$").search("某县").group()
'县'
"""

from __future__ import annotations

import atexit
import contextlib
import re
import sys
from array import array

from .cache import cache_dir, load, store

__all__ = ["MAX_PATTERNS", "compile", "save"]

MAX_PATTERNS = 4000  # a table larger than this is cut to the patterns the process used
_NAME = "regex-code"

try:  # CPython's matcher and compiler internals; anything else falls back to re.compile
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _KEY: tuple[object, ...] | None = (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode)
    if array("I").itemsize != _sre.CODESIZE:  # pragma: no cover - no such CPython build is known
        _KEY = None
except Exception:  # pragma: no cover - not CPython
    _KEY = None

Entry = tuple[int, "array[int]", int, dict[str, int], tuple[str | None, ...]]  # code as 32-bit words: 8x smaller than ints
_table: dict[tuple[str, int], Entry] | None = None  # loaded on first use
_used: set[tuple[str, int]] = set()
_dirty = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the stored code when this Python build compiled it before."""
    global _dirty
    if _KEY is None or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    table = _loaded()
    entry = table.get(key)
    if entry is not None:
        with contextlib.suppress(Exception):  # a damaged entry: compiled afresh below
            compiled: re.Pattern[str] = _built(pattern, entry)
            _used.add(key)
            return compiled
    try:
        entry = _code_of(pattern, int(flags))
        compiled = _built(pattern, entry)
    except re.error:
        raise
    except Exception:  # the internals differ from what this module knows
        return re.compile(pattern, flags)
    table[key] = entry
    _used.add(key)
    if not _dirty:
        _dirty = True
        atexit.register(save)
    return compiled


def _code_of(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern: parsed, then generated."""
    parsed = _parser.parse(pattern, flags)
    code = array("I", _compiler._code(parsed, flags))
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _built(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code.tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _loaded() -> dict[tuple[str, int], Entry]:
    global _table
    if _table is None:
        found, value = load(_NAME, _KEY) if cache_dir() is not None else (False, None)
        _table = value if found and isinstance(value, dict) else {}
    return _table


def save() -> None:
    """Write the table back when this process compiled a pattern it did not hold (a no-op otherwise)."""
    global _dirty, _table
    if not _dirty or _table is None or cache_dir() is None:
        return
    if len(_table) > MAX_PATTERNS:
        _table = {k: v for k, v in _table.items() if k in _used}
    store(_NAME, _KEY, _table)
    _dirty = False

