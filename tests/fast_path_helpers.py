"""What the fast-path equivalence tests share: the normalized sample texts and the plain forms they compare with."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

from partyevents import ingest, normalize, pipeline
from partyevents.extract import figures
from partyevents.records import DocContext, DocumentResult, RawDocument

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def samples() -> list[str]:
    """The shipped sample pages, decoded and normalized as the pipeline reads them."""
    return [normalize.normalize(ingest.decode(path.read_bytes(), str(path)).text).text
            for path in sorted(RAW.iterdir()) if path.suffix in (".txt", ".html")]


def sample_results() -> list[DocumentResult]:
    """The shipped sample pages run through the pipeline (those with events): what a stage's inputs look like."""
    docs = [d for d in ingest.iter_inputs(RAW) if isinstance(d, RawDocument)]
    return [r for r in map(pipeline.process_document, docs) if r.events]


def context_of(r: DocumentResult) -> DocContext:
    """The document context the extract stage was given for ``r``."""
    return DocContext(text=r.text, source_path=r.source_path, title=r.title, published_date=r.published_date)


def match_spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    """Matches as comparable values: span and named groups."""
    return [(m.span(), m.groupdict()) for m in matches]


def plain_figures(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The figure regex run plainly, from every position: what the figure start scan must agree with."""
    return list(figures._grammar().figure_re.finditer(text, start, end))


def window(data: st.DataObject, text: str) -> tuple[int, int]:
    """A ``(start, end)`` span of ``text`` drawn by Hypothesis: what a bounded scan is asked about."""
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))
