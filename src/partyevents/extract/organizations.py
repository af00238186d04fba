"""Organizations: every body named in an event, and the one that organizes it.

First working version (the foundation): names ending in an organization
suffix; the organizer is the first one named.
"""

from __future__ import annotations

import re

from ..records import DocContext, Event, OrgMention

_ORG_RE = re.compile(
    r"[\u4e00-\u9fff]{1,12}?(?:党工委|党委|党总支|党支部|组织部|局|街道|镇|乡|社区|服务中心|服务队|小分队|突击队)"
)


def find_organizations(ctx: DocContext, events: list[Event]) -> list[tuple[OrgMention | None, list[OrgMention]]]:
    """For each event: (organizer, all bodies named), with document offsets."""
    out: list[tuple[OrgMention | None, list[OrgMention]]] = []
    for ev in events:
        named = [
            OrgMention(m.group(), ev.start + m.start(), ev.start + m.end())
            for m in _ORG_RE.finditer(ev.text)
        ]
        out.append((named[0] if named else None, named))
    return out
