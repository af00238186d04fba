"""The spaCy pipeline for organizations: a fast segmenter and two components.

``spacy.blank("zh")`` with its tokenizer replaced by :class:`RJiebaTokenizer`
(rjieba, a Rust binding of jieba; jieba when rjieba is missing), then

- ``partyevents_org_matcher``: organization names matched on characters
  (:func:`partyevents.extract.organizations.org_spans`) and snapped to tokens
  with ``doc.char_span(..., alignment_mode="expand")`` into ``doc.spans["orgs"]``;
- ``partyevents_organizer``: the body that carries out the event, into
  ``doc.spans["organizer"]``, labelled with how it was found (``subject``, ``leader``, ``joint``,
  ``reference``, ``person``: :func:`partyevents.extract.organizer.find_organizer`).

Factory names use ``_`` because spaCy forbids ``.`` in them. The pipeline is built once per process (:func:`pipeline`) and can be saved with
``nlp.to_disk`` and read back with ``spacy.load`` (spaCy finds the components through the package's
entry points, or once :mod:`partyevents.spacy_pipeline` is imported). spaCy itself is imported only when
the pipeline is built or one of its classes is asked for: this module's plain functions do not need it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from .extract.organizer import Found, OrganizerSpan, event_head, find_organizer

if TYPE_CHECKING:
    from spacy.language import Language

    from .spacy_pipeline import RJiebaTokenizer

__all__ = ["OrganizerSpan", "RJiebaTokenizer", "event_head", "organizer_of", "pipeline"]

# spaCy is imported with the pipeline, on first use: these names come from :mod:`partyevents.spacy_pipeline`
_SPACY_NAMES = frozenset({"RJiebaTokenizer", "build", "create_rjieba_tokenizer", "make_org_matcher",
                          "make_organizer"})


def __getattr__(name: str) -> Any:
    if name in _SPACY_NAMES:
        from . import spacy_pipeline

        return getattr(spacy_pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def pipeline() -> Language:
    """The shared pipeline, built once per process (spaCy is imported here, not with this module)."""
    from .spacy_pipeline import build

    return build()


def organizer_of(text: str, spans: list[tuple[int, int, str]] | None = None) -> OrganizerSpan | None:
    """Character span and source of an event's organizer, found by the pipeline over the event head.

    The span is the exact name (the spaCy span in ``doc.spans`` is snapped to tokens).
    The doc covers only the head's clause that holds the organizer (:class:`Found`'s clause:
    the organizer component finds the same name in it alone), or the whole head when no clause
    has one. ``spans`` are the event's names (:func:`org_spans` of ``text``), when the caller
    has them: the doc gets those that lie within its text.

    >>> t = "屏襄门街道组织党员志愿者开展巡河志愿服务活动。"
    >>> s = organizer_of(t); t[s.start:s.end], s.source
    ('屏襄门街道', 'subject')
    >>> t = "12月9日,为落实责任,区财政局党组召开会议。"
    >>> s = organizer_of(t); t[s.start:s.end]
    '区财政局党组'

    The extraction reads the same characters without building a ``Doc``:
    :func:`partyevents.extract.organizer.organizer_span`.
    """
    nlp = pipeline()
    head = event_head(text)
    found: Found | None = find_organizer(head, spans)
    lo, hi = (found.clause_start, found.clause_end) if found else (0, len(head))
    doc = nlp.make_doc(head[lo:hi])
    if spans is not None:
        doc.user_data["org_spans"] = [(s - lo, e - lo, kind) for s, e, kind in spans if lo <= s and e <= hi]
    doc = nlp(doc)
    hit: OrganizerSpan | None = doc.user_data.get("organizer_chars")
    return OrganizerSpan(hit.start + lo, hit.end + lo, hit.source) if hit else None
