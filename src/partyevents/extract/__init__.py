"""The extract stage: turn segmented event records into fully described events.

Each extractor is a module with one document-level entry function, so that it
can use context from the rest of the document (an earlier event's date, a
county named in the title):

- :func:`dates.resolve_dates` ``(ctx, segments) -> list[DateInfo]``
- :func:`organizations.find_organizations` ``(ctx, events) -> list[(OrgMention | None, list[OrgMention])]``
- :func:`places.resolve_places` ``(ctx, events) -> (list[Place | None], list[Problem])``
- :func:`activities.classify_activities` ``(ctx, events) -> list[(str, list[str])]``
- :func:`figures.find_figures` ``(text, start, end) -> list[Figure]``
"""

from __future__ import annotations

from ..records import DocContext, Event, Figure, OrgMention, Place, Problem, Segment
from . import activities, dates, figures, organizations, places

__all__ = ["extract_events"]


def extract_events(ctx: DocContext, segments: list[Segment]) -> tuple[list[Event], list[Figure], list[Problem]]:
    """Run every extractor over the document's segments.

    Returns the events, the figures that stand outside every event, and problems.
    """
    text = ctx.text
    problems: list[Problem] = []
    events = [
        Event(seq=i, start=s.start, end=s.end, text=text[s.start : s.end], section=s.section)
        for i, s in enumerate(segments)
    ]
    for event, info in zip(events, dates.resolve_dates(ctx, segments), strict=True):
        event.date = info
        if info.repaired:
            problems.append(Problem("extract", "warning", f"read the date {info.text!r} as "
                                    f"{info.year or '?'}-{info.month}-{info.day}: a character seems to be missing"))
    for event, (primary, named) in zip(events, organizations.find_organizations(ctx, events), strict=True):
        event.organization = primary
        event.organizations = named
    resolved, place_problems = places.resolve_places(ctx, events)
    problems.extend(place_problems)
    for event, place in zip(events, resolved, strict=True):
        event.place = place
        event.organization = _self_reference_named(event.organization, place)
        event.organizations = [o for o in (_self_reference_named(o, place) for o in event.organizations) if o is not None]
    for event, (primary_label, labels) in zip(events, activities.classify_activities(ctx, events), strict=True):
        event.activity_type = primary_label
        event.activity_types = labels
    for event in events:
        event.figures = figures.find_figures(text, event.start, event.end)
    stray = _stray_figures(text, segments)
    return events, stray, problems


def _self_reference_named(org: OrgMention | None, place: Place | None) -> OrgMention | None:
    """An organizer written only as the page's word for its own place (我市, 全县: ``place_self_words.tsv``) that
    no name in the text resolved is the event's place at that level, once the places stage found it (from the
    page's outlet, say).

    >>> p = Place("丹棱县", None, None, "丹棱县", "county", "四川省", "眉山市", "丹棱县")
    >>> _self_reference_named(OrgMention("我县", 6, 8, "place", "subject"), p).name
    '丹棱县'
    >>> _self_reference_named(OrgMention("我镇", 6, 8, "place", "subject"), p).name
    '我镇'
    """
    if org is None or place is None or not places.is_self_word(org.name):
        return org
    for name in (place.township, place.county, place.prefecture):
        if name and name.endswith(org.name[-1]):
            return OrgMention(name, org.start, org.end, org.kind, org.source)
    return org


def _stray_figures(text: str, segments: list[Segment]) -> list[Figure]:
    """Figures in the parts of the body that no event covers."""
    out: list[Figure] = []
    pos = 0
    for s in sorted(segments, key=lambda s: s.start):
        if s.start > pos:
            out.extend(figures.find_figures(text, pos, s.start))
        pos = max(pos, s.end)
    if pos < len(text):
        out.extend(figures.find_figures(text, pos, len(text)))
    return out
