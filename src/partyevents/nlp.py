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
``nlp.to_disk`` and read back with ``spacy.load`` once this module is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .extract.organizations import org_spans
from .extract.organizer import Found, find_organizer, skip_preamble

__all__ = ["OrganizerSpan", "RJiebaTokenizer", "organizer_of", "pipeline"]

_HEAD_END = re.compile(r"[。!！?？]")
_HEAD_SENTENCES = 2


def _cut_function() -> Callable[[str], list[str]]:
    try:
        import rjieba

        return rjieba.cut  # type: ignore[no-any-return]
    except ImportError:  # pragma: no cover - rjieba is a dependency
        import jieba

        return lambda text: list(jieba.cut(text))


class RJiebaTokenizer:
    """A spaCy tokenizer that segments Chinese with rjieba (jieba as fallback)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._cut = _cut_function()

    def __call__(self, text: str) -> Doc:
        words = [w for w in self._cut(text) if w]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["text"] = text  # doc.text rebuilds the string from tokens: components read this
        return doc

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> RJiebaTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> RJiebaTokenizer:
        return self


@spacy.registry.tokenizers("partyevents.RJiebaTokenizer.v1")
def create_rjieba_tokenizer() -> Callable[[Language], RJiebaTokenizer]:
    def make(nlp: Language) -> RJiebaTokenizer:
        return RJiebaTokenizer(nlp.vocab)

    return make


def _text(doc: Doc) -> str:
    text: str | None = doc.user_data.get("text")
    return text if text is not None else doc.text


def _snap(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.factory("partyevents_org_matcher")
def make_org_matcher(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Organization names, matched on characters, snapped to tokens: ``doc.spans["orgs"]``.

    Names already matched by the caller can be handed in as ``doc.user_data["org_spans"]``
    (a list of (start, end, kind) in the doc's characters: :func:`org_spans` of the text the
    doc was cut from, those within the doc, shifted to its start).
    """

    def org_matcher(doc: Doc) -> Doc:
        found: list[tuple[int, int, str]] | None = doc.user_data.pop("org_spans", None)
        if found is None:
            found = org_spans(_text(doc))
        spans = [_snap(doc, s, e, kind) for s, e, kind in found]
        doc.spans["orgs"] = [sp for sp in spans if sp is not None]
        doc.user_data["org_chars"] = found  # the exact names, for the organizer component
        return doc

    return org_matcher


@Language.factory("partyevents_organizer")
def make_organizer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The organizer (subject of the first clause that has one): ``doc.spans["organizer"]``, labelled with its source."""

    def organizer(doc: Doc) -> Doc:
        found = find_organizer(_text(doc), doc.user_data.pop("org_chars", None))
        span = _snap(doc, found.start, found.end, found.source) if found else None
        doc.spans["organizer"] = [span] if span is not None else []
        # the exact name and its source; the span is snapped to tokens
        doc.user_data["organizer_chars"] = OrganizerSpan(found.start, found.end, found.source) if found else None
        return doc

    return organizer


def build() -> Language:
    """A fresh pipeline: blank Chinese, rjieba tokenizer, org matcher, organizer."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "partyevents.RJiebaTokenizer.v1"}}})
    nlp.add_pipe("partyevents_org_matcher")
    nlp.add_pipe("partyevents_organizer")
    return nlp


@cache
def pipeline() -> Language:
    """The shared pipeline, built once per process."""
    return build()


def event_head(text: str) -> str:
    """The first sentences of an event, where its organizer stands, after a leading dateline and quotations.

    >>> event_head("甲召开会议。乙参加。丙发言。")
    '甲召开会议。乙参加。'
    """
    end = skip_preamble(text)  # a leading quotation's sentences are not counted
    for _ in range(_HEAD_SENTENCES):
        m = _HEAD_END.search(text, end)
        if not m:
            return text
        end = m.end()
    return text[:end]


class OrganizerSpan(NamedTuple):
    """An organizer's characters in the text, and how it was found."""

    start: int
    end: int
    source: str


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
