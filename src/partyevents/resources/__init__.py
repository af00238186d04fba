"""Data tables the extractors read: keyword lists, suffixes, boilerplate patterns.

Each table is a UTF-8 TSV file beside this module (see ``README.md`` here for
their columns). Lines starting with ``#`` and blank lines are ignored. Tables
are loaded once, lazily, on first use.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources as _res

from .. import regex_cache as rx

__all__ = ["activity_keywords", "boilerplate_patterns", "read_table", "taxonomy", "words_of"]


def read_table(name: str) -> list[list[str]]:
    """Rows of a TSV resource, comments and blank lines skipped.

    >>> read_table("taxonomy.tsv")[0][0]
    'meeting'
    """
    raw = _res.files(__name__).joinpath(name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def words_of(name: str, kind: str) -> tuple[str, ...]:
    """The words (second column) of the rows of a ``kind, word`` table whose kind is ``kind``, in file order.

    >>> words_of("segment_words.tsv", "as_of")[:2]
    ('截至', '截止')
    """
    return tuple(row[1] for row in read_table(name) if row[0] == kind)


@cache
def taxonomy() -> tuple[str, ...]:
    """The activity-type labels, in the order of ANNOTATION.md (``other`` last)."""
    return tuple(row[0] for row in read_table("taxonomy.tsv"))


@cache
def activity_keywords() -> dict[str, tuple[str, ...]]:
    """label -> cue words, from ``activity_keywords.tsv`` (label, keyword)."""
    out: dict[str, list[str]] = {}
    for row in read_table("activity_keywords.tsv"):
        out.setdefault(row[0], []).append(row[1])
    return {k: tuple(v) for k, v in out.items()}


@cache
def boilerplate_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """kind -> compiled patterns, from ``boilerplate.tsv`` (kind, regex)."""
    out: dict[str, list[re.Pattern[str]]] = {}
    for row in read_table("boilerplate.tsv"):
        out.setdefault(row[0], []).append(rx.compile(row[1]))
    return {k: tuple(v) for k, v in out.items()}
