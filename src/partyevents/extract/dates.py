"""Dates: find date expressions in the text and resolve them for each event.

First working version (the foundation): absolute ``[YYYY年]M月D日`` forms,
``以来``/``起`` and a few relative words. The segmenter uses
:func:`find_date_expressions` to see where dated entries open.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..records import DateInfo, DocContext, Segment

_NUM = r"[0-9]{1,2}"
_DATE_RE = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}})\s*年\s*)?(?P<m>{_NUM})\s*月(?:\s*(?P<d>{_NUM})\s*[日号])?"
    r"(?P<since>以来|起|开始)?"
)
_RELATIVE_RE = re.compile(r"第二天|次日|当天|当日|同日|今年以来|今年|去年|昨日|昨天|前天|近日")


_PATH_DATE = re.compile(
    r"(?<![0-9A-Za-z])(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-_.]?)(?P<m>0[1-9]|1[0-2])"
    r"(?:(?P=sep)(?P<d>0[1-9]|[12][0-9]|3[01]))?(?![0-9A-Za-z])"
)


def path_date(source_path: str | None) -> tuple[int, int, int | None] | None:
    """(year, month, day-or-None) from a file or folder name such as ``2022-12-09.txt`` or ``.../202112/...``.

    The deepest path component that holds a date wins.

    >>> path_date("news/202112/a.txt"), path_date("2022-12-09.txt"), path_date("000_7854e43dd47ef38f.txt")
    ((2021, 12, None), (2022, 12, 9), None)
    """
    if not source_path:
        return None
    for part in reversed(re.split(r"[/\\]", source_path)):
        stem = part.rsplit(".", 1)[0] if "." in part else part
        m = _PATH_DATE.search(stem)
        if m:
            day = int(m["d"]) if m["d"] else None
            try:
                dt.date(int(m["y"]), int(m["m"]), day or 1)
            except ValueError:
                continue
            return int(m["y"]), int(m["m"]), day
    return None


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression found in the text, before resolution."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    since: bool = False
    relative: str | None = None  # the relative word, e.g. "第二天"


def find_date_expressions(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """All date expressions in ``text[start:end]``, in order, with document offsets.

    >>> [e.text for e in find_date_expressions("12月8日以来,牛首镇第二天开展")]
    ['12月8日以来', '第二天']
    """
    end = len(text) if end is None else end
    found: list[DateExpr] = []
    for m in _DATE_RE.finditer(text, start, end):
        month = int(m["m"])
        day = int(m["d"]) if m["d"] else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        found.append(
            DateExpr(m.start(), m.end(), m.group(), int(m["y"]) if m["y"] else None, month, day, bool(m["since"]))
        )
    for m in _RELATIVE_RE.finditer(text, start, end):
        if not any(e.start <= m.start() < e.end for e in found):
            found.append(DateExpr(m.start(), m.end(), m.group(), since=m.group().endswith("以来"), relative=m.group()))
    return sorted(found, key=lambda e: e.start)


def resolve_dates(ctx: DocContext, segments: list[Segment]) -> list[DateInfo]:
    """One :class:`DateInfo` per segment, resolved against the document context."""
    out: list[DateInfo] = []
    for seg in segments:
        if seg.date_start is None or seg.date_end is None:
            out.append(DateInfo())
            continue
        exprs = find_date_expressions(ctx.text, seg.date_start, seg.date_end)
        if not exprs:
            out.append(DateInfo())
            continue
        e = exprs[0]
        info = DateInfo(text=e.text, start=e.start, end=e.end, since=e.since)
        if e.relative is None:
            info.month, info.day = e.month, e.day
            if e.year:
                info.year, info.year_source = e.year, "expression"
            elif ctx.published_date is not None:
                info.year, info.year_source = ctx.published_date.year, "published"
        out.append(info)
    return out
