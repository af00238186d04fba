"""Places: the event's locality, resolved to its administrative chain.

First working version (the foundation): the first township, county or
community name with a level suffix; no gazetteer yet.
"""

from __future__ import annotations

import re

from ..records import DocContext, Event, Place, Problem

_LEVELS = (("社区", "community"), ("村", "village"), ("街道", "township"), ("镇", "township"), ("乡", "township"),
           ("区", "county"), ("县", "county"), ("市", "prefecture"), ("省", "province"))
_PLACE_RE = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:社区|街道|镇|乡|区|县)")


def resolve_places(ctx: DocContext, events: list[Event]) -> tuple[list[Place | None], list[Problem]]:
    """One locality (or None) per event, and problems such as ambiguous names."""
    out: list[Place | None] = []
    for ev in events:
        m = _PLACE_RE.search(ev.text)
        if not m:
            out.append(None)
            continue
        name = m.group()
        level = next(lvl for suffix, lvl in _LEVELS if name.endswith(suffix))
        place = Place(surface=name, start=ev.start + m.start(), end=ev.start + m.end(), name=name, level=level)
        setattr(place, level if level != "village" else "community", name)
        out.append(place)
    return out, []
