"""A whole run over data/raw: every file accounted for, tables match the contract."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import partyevents
from partyevents.models import DocumentRow, EventRow, FigureRow, ProblemRow
from partyevents.write import SCHEMAS

MODELS = {"documents": DocumentRow, "events": EventRow, "figures": FigureRow, "problems": ProblemRow}


def test_every_input_file_has_one_document_row(sample_out: Path, raw_dir: Path) -> None:
    docs = partyevents.load(sample_out).documents
    inputs = sorted(p.relative_to(raw_dir).as_posix() for p in raw_dir.rglob("*") if p.is_file())
    assert sorted(docs["source_path"]) == inputs
    assert docs["doc_id"].is_unique


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_tables_match_the_contract_column_for_column(sample_out: Path, table: str) -> None:
    schema = pq.read_schema(sample_out / f"{table}.parquet")
    assert schema.names == SCHEMAS[table].names
    assert schema.types == SCHEMAS[table].types


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_every_row_validates_against_its_model(sample_out: Path, table: str) -> None:
    df = pq.read_table(sample_out / f"{table}.parquet").to_pylist()
    for row in df:
        MODELS[table].model_validate(row)


def test_event_and_figure_spans_slice_the_document_text(sample_out: Path) -> None:
    t = partyevents.load(sample_out)
    texts = dict(zip(t.documents["doc_id"], t.documents["text"], strict=True))
    assert len(t.events) > 20
    for ev in t.events.itertuples():
        assert texts[ev.doc_id][ev.char_start : ev.char_end] == ev.text
    for fig in t.figures.itertuples():
        assert texts[fig.doc_id][fig.char_start : fig.char_end] == fig.value_text


def test_sample_documents_are_read_and_dated(sample_out: Path) -> None:
    docs = partyevents.load(sample_out).documents.set_index("source_path")
    assert set(docs["status"]) == {"ok"}
    assert str(docs.loc["002_226e41d8ff047efe.txt", "published_date"]) == "2021-10-25"
    assert docs.loc["002_226e41d8ff047efe.txt", "published_date_source"] == "text"
    assert docs.loc["004_ec73c9a7ec0be2ff.txt", "script"] == "traditional"
    assert "進" not in docs.loc["004_ec73c9a7ec0be2ff.txt", "text"]


def test_boilerplate_listed_in_the_gold_never_reaches_an_event(sample_out: Path, gold: list[dict]) -> None:
    t = partyevents.load(sample_out)
    names = t.documents.assign(name=t.documents["source_path"].str.rsplit("/", n=1).str[-1])
    for doc in gold:
        doc_id = names.loc[names["name"] == doc["doc"], "doc_id"].iloc[0]
        texts = "\n".join(t.events.loc[t.events["doc_id"] == doc_id, "text"])
        for fragment in doc["boilerplate"]:
            assert fragment not in texts, (doc["doc"], fragment)


def test_load_returns_proper_dtypes(sample_out: Path) -> None:
    t = partyevents.load(sample_out)
    ev = t.events
    assert isinstance(ev["organizations"].iloc[0], list)
    assert str(ev["year"].dtype) == "Int16"
    dated = ev["date_start"].dropna()
    assert len(dated) and all(type(d).__name__ == "date" for d in dated)


def test_the_run_replaces_previous_tables(tmp_path: Path, raw_dir: Path) -> None:
    from partyevents.api import ExtractConfig

    one = tmp_path / "in"
    one.mkdir()
    (one / "a.txt").write_bytes((raw_dir / "000_7854e43dd47ef38f.txt").read_bytes())
    out = tmp_path / "out"
    partyevents.extract(raw_dir, out, ExtractConfig(progress=False))
    partyevents.extract(one, out, ExtractConfig(progress=False))
    assert list(partyevents.load(out).documents["source_path"]) == ["a.txt"]
    assert not [p for p in out.iterdir() if p.name.startswith(".partyevents-")]


def test_a_killed_run_leaves_no_temp_folder_behind_for_long(tmp_path: Path, raw_dir: Path) -> None:
    from partyevents.api import ExtractConfig

    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".partyevents-999999999-abc"  # a pid that cannot be alive
    stale.mkdir()
    (stale / "events.parquet").write_bytes(b"half")
    partyevents.extract(raw_dir, out, ExtractConfig(progress=False, workers=1))
    assert not stale.exists()


def test_every_year_says_where_it_came_from(sample_out: Path) -> None:
    t = partyevents.load(sample_out)
    ev = t.events.merge(t.documents[["doc_id", "source_path"]], on="doc_id")
    assert (ev["year"].isna() == ev["year_source"].isna()).all()
    bulletin = ev[ev["source_path"] == "000_7854e43dd47ef38f.txt"]
    assert set(bulletin["year_source"]) == {"body"}  # no page date: the body's 2022年
    news = ev[(ev["source_path"] == "002_226e41d8ff047efe.txt") & (ev["date_text"] == "10月24日")]
    assert list(news["year_source"]) == ["published"]
