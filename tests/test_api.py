"""The library entry points: extract_text for one document, extract + load for a folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

import partyevents
from partyevents.cli import main


def test_extract_text_returns_validated_rows_with_grounded_spans() -> None:
    text = "【镇(街)组织工作动态】\n12月7日\n屏襄门街道组织党员志愿者开展巡河志愿服务活动,上门宣传400余户。"
    rows = partyevents.extract_text(text, published=dt.date(2022, 12, 9))
    doc = rows.documents[0]
    assert doc["status"] == "ok" and doc["n_events"] == 1
    ev = rows.events[0]
    assert ev["section"] == "镇(街)组织工作动态"
    assert ev["date_start"] == dt.date(2022, 12, 7)
    assert doc["text"][ev["char_start"] : ev["char_end"]] == ev["text"]
    fig = rows.figures[0]
    assert fig["event_id"] == ev["event_id"]
    assert doc["text"][fig["char_start"] : fig["char_end"]] == fig["value_text"]


def test_extract_text_of_nothing_is_an_empty_document() -> None:
    rows = partyevents.extract_text("   \n")
    assert rows.documents[0]["status"] == "empty"
    assert rows.events == [] and rows.figures == []


def test_extract_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        partyevents.extract(tmp_path / "nope", tmp_path / "out")


def test_load_says_what_to_run_when_tables_are_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="partyevents extract"):
        partyevents.load(tmp_path)


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["evaluate", "--help"], ["report", "--help"]])
def test_every_command_has_help_with_an_example(args: list[str]) -> None:
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0
    assert "Example:" in res.output


def test_cli_extract_usage_error_says_how_to_fix(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "missing"), str(tmp_path / "out")])
    assert res.exit_code == 2
    assert "does not exist" in res.output


def test_cli_extract_writes_tables_and_a_summary(tmp_path: Path, raw_dir: Path) -> None:
    res = CliRunner().invoke(main, ["extract", str(raw_dir), str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "5 documents (5 ok, 0 empty, 0 rejected)" in res.output
    assert (tmp_path / "out" / "events.parquet").exists()


def test_a_single_sentence_is_a_document_not_boilerplate() -> None:
    rows = partyevents.extract_text("12月4日,甲镇召开会议。")
    assert rows.documents[0]["status"] == "ok"
    assert [(e["month"], e["day"]) for e in rows.events] == [(12, 4)]


def test_a_cms_page_in_gb18030_reads_like_a_person_would(tmp_path: Path) -> None:
    """Title without the site name, date from the header line, no menus, footers or scripts."""
    import shutil

    shutil.copy(Path(__file__).parent / "data" / "pages" / "cms_gb18030.html", tmp_path / "page.html")
    partyevents.extract(tmp_path, tmp_path / "out", partyevents.ExtractConfig(progress=False))
    t = partyevents.load(tmp_path / "out")
    doc = t.documents.iloc[0]
    assert (doc["status"], doc["encoding"]) == ("ok", "gb18030")
    assert doc["title"] == "前川街道:党员下沉社区助力疫情防控"
    assert (str(doc["published_date"]), doc["published_date_source"]) == ("2022-04-12", "text")
    for junk in ("首页", "浏览次数", "ICP", "不是正文", "color"):
        assert junk not in doc["text"]
    assert doc["text"].startswith("4月10日,前川街道组织")
    first = t.events.iloc[0]
    assert (first["date_start"].isoformat(), first["township"], first["county"]) == ("2022-04-10", "前川街道", "黄陂区")
    assert t.events.iloc[1]["date_start"].isoformat() == "2022-04-10"  # 当天
