"""The spaCy parts of :mod:`partyevents.nlp`: the rjieba tokenizer, the two components, the pipeline.

Imported on first use (:func:`partyevents.nlp.pipeline`, or an attribute of :mod:`partyevents.nlp` such as
``RJiebaTokenizer``; spaCy finds the factories through the package's ``spacy_factories`` entry points): importing
spaCy takes over half a second, which a process that never builds the pipeline does not pay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .extract.organizations import org_spans
from .extract.organizer import OrganizerSpan, find_organizer

__all__ = ["RJiebaTokenizer", "build", "create_rjieba_tokenizer", "make_org_matcher", "make_organizer"]


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
