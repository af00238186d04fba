"""``partyevents panel``: a place-by-period table of the events in an output folder."""

from __future__ import annotations

from pathlib import Path

import click

from .panel import FREQS, LEVELS, RULES, UNDATED, flatten_lists, panel_of, to_stata, write_panel

_HELP = f"""Count the events in OUT_DIR by place and period: one tidy table for a researcher.

One row per place at the --by level and period (--freq) with at least one counted event: place codes and
names, year, month or quarter, period ("2023-03", "2023Q1", "2023"), events (all and per activity type,
events_<type>), sums of count figures per category (sum_<category>), documents and clusters (distinct
articles), events_since and events_dated_by_publication. Written as Parquet, CSV (UTF-8) and Stata .dta
(version 118, UTF-8) into --to (default OUT_DIR/panel). Full description: docs/panel.md.

\b
{RULES}
\b
Example:
    partyevents panel data/out --by county --freq month
    partyevents panel data/out --by township --freq quarter --undated published --to results/
    partyevents panel data/out --by province --freq year --events   # also events.dta, flat, for Stata
    partyevents panel data/out --plot                               # also county_map.png
"""


@click.command("panel", help=_HELP)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--by", type=click.Choice(list(LEVELS)), default="county", show_default=True,
              help="Administrative level of a row.")
@click.option("--freq", type=click.Choice(list(FREQS)), default="month", show_default=True, help="Period of a row.")
@click.option("--undated", type=click.Choice(list(UNDATED)), default="drop", show_default=True,
              help="Events whose own date gives no period: leave out, or date by their document's publication.")
@click.option("--to", "dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: OUT_DIR/panel).")
@click.option("--events", "with_events", is_flag=True,
              help="Also write the events table flat (lists joined by '; ') as events.csv and events.dta.")
@click.option("--plot", is_flag=True,
              help="Also draw events per county on a map, county_map.png (needs pip install 'partyevents[maps]').")
def panel_cmd(out_dir: Path, by: str, freq: str, undated: str, dest: Path | None, with_events: bool,
              plot: bool) -> None:
    if not (out_dir / "events.parquet").exists():
        raise click.UsageError(f"{out_dir} holds no events.parquet: give the folder `partyevents extract` wrote, "
                               f"e.g. `partyevents extract data/raw {out_dir}` first, then "
                               f"`partyevents panel {out_dir} --by {by} --freq {freq}`")
    try:
        panel = panel_of(out_dir, by=by, freq=freq, undated=undated)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    folder = dest or out_dir / "panel"
    if plot:
        from .report.maps import MISSING, boundaries

        if boundaries() is None:
            raise click.ClickException(MISSING)
    paths = write_panel(panel, folder)
    if with_events:
        from .api import load

        events = load(out_dir).events
        flatten_lists(events).to_csv(folder / "events.csv", index=False, encoding="utf-8-sig")
        paths += [folder / "events.csv", to_stata(events, folder / "events.dta", label="partyevents events")]
    if plot:
        from .api import load
        from .report.maps import county_map

        fig = county_map(load(out_dir).events)
        if fig is not None:
            fig.savefig(folder / "county_map.png", dpi=150)
            paths.append(folder / "county_map.png")
    click.echo(panel.summary(), err=True)
    for path in paths:
        click.echo(f"wrote {path}")
