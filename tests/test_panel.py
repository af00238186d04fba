"""The place-by-period panel: counting rules, every --by/--freq, the Parquet/CSV/Stata files and the command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

import partyevents
from partyevents.cli import main
from partyevents.panel import FREQS, LEVELS, build_panel, panel_of, to_stata, write_panel
from test_dedup import CORPUS, RUN, URLS, write

PLACE = {"province_code": "420000", "province": "湖北省", "prefecture_code": "420600", "prefecture": "襄阳市",
         "county_code": "420606", "county": "樊城区", "county_code_current": "420606", "township": "王寨街道"}


def event(n: int, doc: str = "d1", **kw: Any) -> dict[str, Any]:
    row = {"event_id": f"{doc}:{n}", "doc_id": doc, "year": 2023, "month": 3, "day": 5, "date_end": None,
           "date_since": False, "is_repost": False, "activity_type": "meeting", **PLACE}
    row.update(kw)
    return row


def docs(*rows: tuple[str, dt.date | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "published_date": p, "duplicate_of": dup, "cluster_id": dup or d}
                         for d, p, dup in rows])


NO_FIGURES = pd.DataFrame(columns=["event_id", "category", "kind", "value"])


def panel(events: list[dict[str, Any]], documents: pd.DataFrame, figures: pd.DataFrame = NO_FIGURES,
          **kw: str) -> pd.DataFrame:
    return build_panel(pd.DataFrame(events), documents, figures, **kw).table


def test_reposts_are_counted_once_and_documents_and_clusters_are_counted_apart() -> None:
    evs = [event(0, "d1"), event(1, "d1", activity_type="study"), event(0, "d2", is_repost=True),
           event(0, "d3")]
    d = docs(("d1", dt.date(2023, 3, 9), None), ("d2", dt.date(2023, 3, 10), "d1"), ("d3", None, None))
    row = panel(evs, d).iloc[0]
    assert (row["events"], row["events_meeting"], row["events_study"]) == (3, 2, 1)
    assert (row["documents"], row["clusters"]) == (3, 2)


def test_a_repost_is_left_out_by_duplicate_of_even_without_is_repost() -> None:
    d = docs(("d1", None, None), ("d2", None, "d1"))
    assert panel([event(0, "d1"), event(0, "d2")], d).iloc[0]["events"] == 1


@pytest.mark.parametrize(("kw", "undated", "period"), [
    ({}, "drop", "2023-03"),
    ({"date_end": dt.date(2023, 4, 2), "month": 3, "day": 30}, "drop", "2023-03"),  # a range: where it starts
    ({"date_since": True, "month": 1, "day": 8}, "drop", "2023-01"),  # since: where it starts
    ({"year": None}, "drop", None),  # year-less: left out
    ({"year": None, "month": 3, "day": 5}, "published", "2023-03"),  # published 2023-04-09: same year
    ({"year": None, "month": 12, "day": 5}, "published", "2022-12"),  # a later month: the year before
    ({"year": None, "month": None, "day": None}, "drop", None),  # undated
    ({"year": None, "month": None, "day": None}, "published", "2023-04"),  # the publication's month
    ({"year": 2021, "month": None, "day": None}, "published", None),  # another year than the publication's
])
def test_date_rules(kw: dict[str, Any], undated: str, period: str | None) -> None:
    table = panel([event(0, **kw)], docs(("d1", dt.date(2023, 4, 9), None)), undated=undated)
    assert (table["period"].tolist() or [None]) == [period]


def test_since_and_publication_dated_events_are_counted_in_their_own_columns() -> None:
    evs = [event(0, date_since=True), event(1, year=None, month=3, day=1), event(2)]
    row = panel(evs, docs(("d1", dt.date(2023, 3, 20), None)), undated="published").iloc[0]
    assert (row["events"], row["events_since"], row["events_dated_by_publication"]) == (3, 1, 1)


def test_only_count_figures_of_counted_events_are_summed() -> None:
    evs = [event(0), event(0, "d2", is_repost=True)]
    figs = pd.DataFrame([
        {"event_id": "d1:0", "category": "volunteers", "kind": "count", "value": 30.0},
        {"event_id": "d1:0", "category": "volunteers", "kind": "cumulative", "value": 3000.0},
        {"event_id": "d1:0", "category": "households", "kind": "target", "value": 500.0},
        {"event_id": "d1:0", "category": "households", "kind": "count", "value": 12.0},
        {"event_id": "d2:0", "category": "volunteers", "kind": "count", "value": 30.0},  # the repost's copy
        {"event_id": None, "category": "people", "kind": "count", "value": 99.0},  # outside any event
    ])
    row = panel(evs, docs(("d1", None, None), ("d2", None, "d1")), figs).iloc[0]
    assert (row["sum_volunteers"], row["sum_households"], row["sum_people"]) == (30.0, 12.0, 0.0)


def test_events_without_a_place_at_the_level_are_left_out_and_reported() -> None:
    evs = [event(0), event(1, township=None), event(2, county=None, county_code=None, township=None)]
    result = build_panel(pd.DataFrame(evs), docs(("d1", None, None)), NO_FIGURES, by="township", freq="month")
    assert result.table["events"].tolist() == [1]
    assert result.left_out["without a place at the township level"] == 2
    county = build_panel(pd.DataFrame(evs), docs(("d1", None, None)), NO_FIGURES, by="county", freq="month")
    assert county.table["events"].tolist() == [2]


def test_same_named_townships_of_two_counties_stay_apart() -> None:
    other = {"county": "襄城区", "county_code": "420602", "county_code_current": "420602"}
    evs = [event(0, township="城关镇"), event(1, township="城关镇", **other)]
    table = panel(evs, docs(("d1", None, None)), by="township")
    assert sorted(table["county_code"]) == ["420602", "420606"]


@pytest.fixture(scope="module")
def reposted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tables of the repost corpus: an article, two reposts of it, an unrelated article."""
    root = tmp_path_factory.mktemp("panel")
    partyevents.extract(write(root / "in", CORPUS, URLS), root / "out", RUN)
    return root / "out"


@pytest.mark.parametrize("by", list(LEVELS))
@pytest.mark.parametrize("freq", FREQS)
def test_every_level_and_frequency_counts_each_cluster_once(reposted: Path, by: str, freq: str) -> None:
    tables = partyevents.load(reposted)
    originals = tables.events[~tables.events["is_repost"].astype(bool)]
    result = panel_of(reposted, by=by, freq=freq)
    table = result.table
    placed = originals[by].notna() & originals["year"].notna() & originals["month"].notna()
    assert table["events"].sum() == placed.sum() > 0
    assert result.left_out["reposts (counted in their original)"] == len(tables.events) - len(originals) > 0
    assert list(table.columns[:len(LEVELS[by])]) == list(LEVELS[by])
    assert table[by].notna().all()
    labels = {"month": "2023-03", "quarter": "2023Q1", "year": "2023"}
    assert labels[freq] in set(table["period"])
    assert (table["clusters"] <= table["documents"]).all()
    types = [c for c in table.columns if c.startswith("events_") and c not in ("events_since",
                                                                           "events_dated_by_publication")]
    assert (table[types].sum(axis=1) == table["events"]).all()
    figures = tables.figures[(tables.figures["kind"] == "count")
                             & tables.figures["event_id"].isin(originals.loc[placed, "event_id"])]
    sums = table[[c for c in table.columns if c.startswith("sum_")]].to_numpy().sum()
    assert sums == pytest.approx(figures["value"].sum()) and sums > 0
    march = table[table["period"] == labels[freq]]
    assert (march["documents"] - march["clusters"]).max() == 2  # three copies of one article


def test_the_stata_file_round_trips_chinese_text(tmp_path: Path, reposted: Path) -> None:
    paths = write_panel(panel_of(reposted, by="township", freq="month"), tmp_path)
    assert [p.suffix for p in paths] == [".parquet", ".csv", ".dta"]
    back = pd.read_stata(paths[2])
    parquet = pd.read_parquet(paths[0])
    assert back["township"].tolist() == parquet["township"].tolist() and "王寨街道" in set(back["township"])
    assert back["events"].tolist() == parquet["events"].tolist()
    assert pd.read_csv(paths[1], encoding="utf-8-sig")["county"].tolist() == parquet["county"].tolist()


def test_the_events_table_exports_to_stata(tmp_path: Path, reposted: Path) -> None:
    events = partyevents.load(reposted).events
    with pytest.raises(ValueError):  # what pandas alone does with these columns
        events.to_stata(tmp_path / "plain.dta")
    back = pd.read_stata(to_stata(events, tmp_path / "events.dta"))
    assert len(back) == len(events)
    assert back["county"].tolist() == events["county"].fillna("").tolist()
    assert back["organizations"].tolist() == ["; ".join(v) for v in events["organizations"]]
    assert back["is_repost"].tolist() == events["is_repost"].astype(int).tolist()
    assert back["text"].str.len().tolist() == events["text"].str.len().tolist()


def test_long_text_and_odd_column_names(tmp_path: Path) -> None:
    frame = pd.DataFrame({"text": ["党" * 3000, None], "a very long column name that Stata would refuse": [1, 2],
                          "1st": [True, None], "date_start": [dt.date(2023, 3, 5), None]})
    back = pd.read_stata(to_stata(frame, tmp_path / "x.dta"))
    assert back.columns.tolist() == ["text", "a_very_long_column_name_that_Sta", "_1st", "date_start"]
    assert back["text"][0] == "党" * 3000 and back["text"][1] == ""
    assert back["date_start"][0] == pd.Timestamp(2023, 3, 5) and pd.isna(back["_1st"][1])


def test_panel_command_writes_three_files_and_says_what_it_left_out(tmp_path: Path, reposted: Path) -> None:
    res = CliRunner().invoke(main, ["panel", str(reposted), "--by", "county", "--freq", "quarter", "--to",
                                    str(tmp_path / "p"), "--events"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "events.csv", "events.dta", "panel_county_quarter.csv", "panel_county_quarter.dta",
        "panel_county_quarter.parquet"]
    assert "reposts (counted in their original)" in res.output


def test_panel_command_explains_a_missing_folder(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["panel", str(tmp_path / "nothing")])
    assert res.exit_code == 2 and "partyevents extract" in res.output
    res = CliRunner().invoke(main, ["panel", str(tmp_path), "--by", "village"])
    assert res.exit_code == 2 and "province" in res.output
