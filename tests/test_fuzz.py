"""Fuzzing the whole pipeline: random bytes, random Unicode and mutated real reports.

Whatever comes in: no exception escapes, every input has exactly one documents
row, every span slices the text exactly, and every row validates.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partyevents import extract, extract_text, load
from partyevents.api import ExtractConfig
from partyevents.models import DocumentRow, EventRow, FigureRow, ProblemRow
from partyevents.pipeline import process_document
from partyevents.records import RawDocument
from partyevents.validate import Rows, validate_result

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
REPORTS = [p.read_bytes() for p in sorted(RAW.glob("*.txt"))]
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(rows: Rows) -> None:
    (doc,) = rows.documents
    DocumentRow.model_validate(doc)
    text = doc["text"] or ""
    for ev in rows.events:
        EventRow.model_validate(ev)
        assert text[ev["char_start"]:ev["char_end"]] == ev["text"]
    for fig in rows.figures:
        FigureRow.model_validate(fig)
        assert text[fig["char_start"]:fig["char_end"]] == fig["value_text"]
    for p in rows.problems:
        ProblemRow.model_validate(p)
    if doc["status"] != "ok":
        assert doc["error"] and not rows.events


@st.composite
def mutated_report(draw: st.DrawFn) -> bytes:
    """A real report with a few bytes flipped, cut, repeated or spliced in."""
    data = bytearray(draw(st.sampled_from(REPORTS)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate", "splice_gbk"]))
        i = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[i:i + draw(st.integers(1, 200))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=20))
        elif op == "truncate":
            del data[i:]
        else:
            data[i:i] = "\n党支部召开会议,党员30人参加。\n".encode("gb18030")
    return bytes(data)


_inputs = st.one_of(st.binary(max_size=2000), mutated_report(),
                    st.text(max_size=500).map(lambda t: t.encode("utf-8", errors="surrogatepass")))
_names = st.sampled_from(["a.txt", "b.html", "2022-12-09/c.txt", "d.htm"])


@FUZZ
@given(_inputs, _names)
def test_process_document_never_raises_and_rows_validate(data: bytes, name: str) -> None:
    _check(validate_result(process_document(RawDocument(name, data))))


@FUZZ
@given(st.text(max_size=800), st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_extract_text_on_random_unicode(text: str, published: str | None) -> None:
    _check(extract_text(text, published=published))


@FUZZ
@given(mutated_report())
def test_extract_text_on_mutated_reports(data: bytes) -> None:
    _check(extract_text(data.decode("utf-8", errors="replace")))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_inputs, min_size=1, max_size=5))
def test_extract_over_a_fuzzed_folder(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="badinput-fuzz-") as tmp:
        in_dir, out_dir = Path(tmp) / "in", Path(tmp) / "out"
        in_dir.mkdir()
        for i, data in enumerate(files):
            (in_dir / f"{i:02d}.txt").write_bytes(data)
        extract(in_dir, out_dir, ExtractConfig(progress=False, workers=1))
        docs = load(out_dir).documents
        distinct = {d for d in files}  # identical bytes are reported once, under the first path
        assert len(docs) == len(distinct)
        assert docs["source_path"].is_unique
        assert set(docs["status"]) <= {"ok", "empty", "rejected"}
