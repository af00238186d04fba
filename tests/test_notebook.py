"""notebooks/explore.ipynb runs top to bottom against the tables of an extraction run."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_explore_notebook_runs(sample_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTYEVENTS_OUT", str(sample_out))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert sys.prefix in printed and str(sample_out.resolve()) in printed  # the venv's kernel read the run's tables
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2
    tables = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "value_text" in tables and "activity_type" in tables
