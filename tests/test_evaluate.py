"""The evaluate command scores tables against hand-made answers in the gold format."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from partyevents.cli import main
from partyevents.evaluate import _score_event, _Tally, parse_gold_date, score

GOLD = Path(__file__).parent / "data" / "gold_dev.jsonl"


def test_scores_on_the_sample_set_meet_the_foundation_bar(sample_out: Path) -> None:
    result, _ = score(GOLD, sample_out)
    assert result["documents_missing"] == []
    assert result["event_recall"] >= 0.85
    assert result["bulletin_segmentation"]["f1"] >= 0.95
    assert result["published_date_accuracy"] == 1.0
    assert result["boilerplate_leaks"] == []


def test_a_wrong_answer_is_counted_as_a_miss(sample_out: Path, tmp_path: Path) -> None:
    doc = json.loads(GOLD.read_text(encoding="utf-8").splitlines()[2])
    doc["published_date"] = "1999-01-01"
    doc["events"] = [{"anchor": "这段文字不在任何事件里", "date": None}]
    doc["figures"] = [{"value": 123456, "category": "other", "text": "x"}]
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result, misses = score(gold, sample_out)
    assert result["published_date_accuracy"] == 0.0
    assert result["event_recall"] == 0.0
    assert result["figures_value"]["recall"] == 0.0
    assert any(kind == "event_found" for kind, _ in misses)


def test_gold_dates_parse_and_bad_ones_are_refused() -> None:
    assert parse_gold_date("2022-12-04") == (2022, 12, 4)
    with pytest.raises(ValueError, match="bad gold date"):
        parse_gold_date("12/04/2022")


def test_cli_prints_the_score_table(sample_out: Path) -> None:
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(GOLD), "--out", str(sample_out)])
    assert res.exit_code == 0, res.output
    assert "event recall" in res.output and "figures F1 (value)" in res.output


def test_cli_says_how_to_fix_a_missing_output_folder(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(GOLD), "--out", str(tmp_path)])
    assert res.exit_code == 1
    assert "run `partyevents extract" in res.output


def test_a_range_end_without_a_year_is_scored_by_its_month_and_day() -> None:
    t = _Tally()
    ge = {"date": "--10-08", "date_end": "--10-11"}
    _score_event(t, ge, pd.Series({"year": None, "month": 10, "day": 8, "month_end": 10, "day_end": 11}), "a")
    _score_event(t, ge, pd.Series({"year": None, "month": 10, "day": 8, "month_end": None, "day_end": None}), "b")
    assert (t.hit["date_end"], t.total["date_end"]) == (1, 2)
