"""The review report: content of the HTML page, the CLI, and the page as headless Chromium shows it."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from partyevents import load
from partyevents.cli import main
from partyevents.report import render_report, write_report
from partyevents.report.charts import cjk_font

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def report_html(sample_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(sample_out, tmp_path_factory.mktemp("report") / "report.html")


def _index(page: str) -> list[dict]:
    match = re.search(r'<script id="doc-index" type="application/json">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_report_has_charts_highlights_and_every_document(report_html: Path, sample_out: Path) -> None:
    page = report_html.read_text(encoding="utf-8")
    tables = load(sample_out)
    assert page.count('<figure class="chart"') == 6 and page.count("<svg") >= 6
    assert {d["id"] for d in _index(page)} == set(tables.documents.doc_id)
    for kind in ("DATE", "FIGURE", "PLACE", "ORG"):
        assert re.search(rf'<mark class="entity"[^>]*>[^<]+<span[^>]*>{kind}</span>', page), kind
    assert page.count('<div class="event">') == len(tables.events)
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)  # nothing to fetch


def test_figure_highlights_are_the_figures_as_written(report_html: Path, sample_out: Path) -> None:
    page = report_html.read_text(encoding="utf-8")
    marked = re.findall(r'<mark class="entity"[^>]*>\s*([^<]*?)\s*<span[^>]*>FIGURE</span>', page)
    written = set(load(sample_out).figures.value_text)
    assert marked and set(marked) <= written


def test_report_survives_nulls_and_empty_tables(sample_out: Path) -> None:
    tables = load(sample_out)
    for col in tables.events.columns.drop(["event_id", "doc_id", "seq", "organizations", "activity_types"]):
        tables.events[col] = pd.Series([None] * len(tables.events), dtype="object")
    tables.figures["char_start"] = pd.Series([None] * len(tables.figures), dtype="Int32")
    tables.documents.loc[0, "text"] = None
    page = render_report(tables)
    assert page.count('<figure class="chart"') == 6
    assert "no events with a resolved year and month" in page and page.count('<div class="event">') == len(tables.events)
    tables.events, tables.figures = tables.events[:0], tables.figures[:0]
    empty = render_report(tables)
    assert "no county in these tables" in empty and '<div class="event">' not in empty


def test_report_caps_document_views(sample_out: Path) -> None:
    page = render_report(load(sample_out), max_docs=2)
    assert page.count('<section class="doc"') == 2
    assert sum(d["view"] for d in _index(page)) == 2 and len(_index(page)) == 5


def test_cli_writes_the_report(sample_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(sample_out), "--html", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 10_000 and str(target) in result.output
    missing = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert missing.exit_code == 1 and "partyevents extract" in missing.output


def _browser() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    reason = None
    try:
        import selenium  # noqa: F401
    except ImportError:
        reason = "selenium is not installed (pip install -e '.[dev]')"
    if not (chromium and driver):
        reason = "headless Chromium or chromedriver missing (apt-get install chromium chromium-driver)"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return str(chromium), str(driver)


def test_report_in_headless_chromium(report_html: Path, tmp_path: Path) -> None:
    chromium, chromedriver = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    if os.environ.get("CI") == "true":
        assert cjk_font() is not None, "no CJK font for the charts (apt-get install fonts-noto-cjk)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2600"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        driver.get(report_html.as_uri())
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        assert len(driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")) == 6
        visible = driver.find_elements(By.CSS_SELECTOR, "section.doc:not([hidden]) mark.entity")
        assert visible and visible[0].is_displayed()
        rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
        assert len(rows) == 5
        shots = [ROOT / "data" / "out" / "report.png"]
        if os.environ.get("PARTYEVENTS_UPDATE_DOCS"):  # refresh the README's screenshot on purpose only
            shots.append(ROOT / "docs" / "report.png")
        for out in shots:
            out.parent.mkdir(parents=True, exist_ok=True)
            assert driver.save_screenshot(str(out))
        rows[-1].click()  # another document's view replaces the first
        assert len(driver.find_elements(By.CSS_SELECTOR, "section.doc:not([hidden])")) == 1
        assert "current" in (driver.find_elements(By.CSS_SELECTOR, "#rows tr")[-1].get_attribute("class") or "")
        search = driver.find_element(By.ID, "search")
        search.send_keys("001_")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#rows tr")) == 1
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()
