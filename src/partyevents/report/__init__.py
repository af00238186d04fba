"""The review report: what the pipeline read in each document, and the corpus at a glance.

``write_report("data/out")`` writes ``data/out/report.html``; ``render_report(tables)`` returns the page.
"""

from __future__ import annotations

from pathlib import Path

from ..api import Tables, load
from .charts import overview_charts
from .html import render_html
from .maps import county_map_block

__all__ = ["DEFAULT_MAX_DOCS", "render_report", "write_report"]

#: Documents that get a full view in the page (the list always holds them all).
DEFAULT_MAX_DOCS = 300


def render_report(tables: Tables, title: str = "partyevents review report", max_docs: int = DEFAULT_MAX_DOCS) -> str:
    """The report for loaded tables as one self-contained HTML string."""
    charts = overview_charts(tables.documents, tables.events, tables.figures)
    charts["map"] = county_map_block(tables.events)
    return render_html(title, tables.documents, tables.events, tables.figures, tables.problems, charts, max_docs)


def write_report(out_dir: Path | str, html_path: Path | str | None = None, max_docs: int = DEFAULT_MAX_DOCS) -> Path:
    """Render the report of the tables in ``out_dir`` to ``html_path`` (default ``out_dir/report.html``)."""
    out_dir = Path(out_dir)
    target = Path(html_path) if html_path is not None else out_dir / "report.html"
    page = render_report(load(out_dir), title=f"partyevents review report — {out_dir.resolve().name}",
                         max_docs=max_docs)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target
