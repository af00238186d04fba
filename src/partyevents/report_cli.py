"""``partyevents report``: the review report (placeholder until the report lands)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report")
@click.argument("out_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the report (default: OUT_DIR/report.html).")
def report_cmd(out_dir: Path, html_path: Path | None) -> None:
    """Write a self-contained HTML review report of the tables in OUT_DIR.

    \b
    Example:
        partyevents report data/out --html data/out/report.html
    """
    raise click.ClickException("the review report is not built yet")
