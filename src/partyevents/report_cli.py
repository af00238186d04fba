"""``partyevents report``: the self-contained HTML review report of an output folder."""

from __future__ import annotations

from pathlib import Path

import click

from .report import DEFAULT_MAX_DOCS, write_report
from .tableset import TablesDamaged


@click.command("report")
@click.argument("out_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the report (default: OUT_DIR/report.html).")
@click.option("--max-docs", type=click.IntRange(min=0), default=DEFAULT_MAX_DOCS, show_default=True,
              help="Documents that get a full highlighted view (the searchable list always holds them all).")
def report_cmd(out_dir: Path, html_path: Path | None, max_docs: int) -> None:
    """Write a self-contained HTML review report of the tables in OUT_DIR.

    The page shows the corpus at a glance (charts) and, per document, the
    normalized text with dates, places, organizations and figures highlighted
    beside each event's row. It needs no network to open.

    \b
    Example:
        partyevents report data/out --html data/out/report.html
    """
    try:
        target = write_report(out_dir, html_path, max_docs=max_docs)
    except (FileNotFoundError, TablesDamaged) as exc:  # both say how to write the tables again
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {target}")
