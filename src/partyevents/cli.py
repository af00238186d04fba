"""Command line: a thin layer over the library (``partyevents --help``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .api import ExtractConfig, extract
from .sources import Columns


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="partyevents")
def main() -> None:
    """Turn Chinese grassroots Party-building reports into validated event tables.

    \b
    Example:
        partyevents extract data/raw data/out
        partyevents evaluate --gold tests/data/gold_dev.jsonl --out data/out
    """


MAX_NOTES = 10  # notes about the input folder shown on screen


def _column_options(f: Callable[..., None]) -> Callable[..., None]:
    """--text-col … --id-col: which fields of record files hold what (default: the usual names)."""
    for name, what, usual in [
        ("id", "an id of the record (kept in documents.source_record)", "id, doc_id"),
        ("title", "the title", "title, headline"),
        ("date", "the publication date", "published, date, pubdate"),
        ("url", "the page's address", "url, link"),
        ("html", "the page's HTML (read as a web page: main text, title, date)", "html, raw_html"),
        ("text", "the plain text", "text, content, body"),
    ]:
        f = click.option(f"--{name}-col", f"{name}_col", metavar="NAME", default=None,
                         help=f"Field of JSONL/CSV/TSV/Parquet records holding {what} (default: {usual}).")(f)
    return f


@main.command("extract")
@click.argument("in_dir", type=click.Path(file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CSV with columns path,url,published_date,place (default: IN_DIR/manifest.csv if present).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=ExtractConfig().max_bytes, show_default=True,
              help="Files larger than this are rejected without being read.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores; 1 runs everything in this process).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (see --scheduler).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default with --engine dask: a local cluster).")
@click.option("--incremental", is_flag=True,
              help="Skip files already extracted into OUT_DIR (same bytes, same pipeline version); append the rest. "
                   "A later version of an extracted page (same URL, else same path) replaces it.")
@click.option("--prune", is_flag=True,
              help="With --incremental: drop the rows of documents whose input is no longer in IN_DIR (without "
                   "it they are kept, and problems.parquet lists them).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@_column_options
def extract_cmd(in_dir: Path, out_dir: Path, manifest: Path | None, max_bytes: int, workers: int | None,
                engine: str, scheduler: str | None, incremental: bool, prune: bool, quiet: bool, **columns: str | None) -> None:
    """Read every document below IN_DIR and write the tables to OUT_DIR.

    Documents are loose files (text or HTML, told by content, whatever the
    extension), records of .jsonl/.ndjson/.csv/.tsv/.parquet files, members of
    .zip/.tar/.tar.gz/.tgz/.gz archives and pages of .warc/.warc.gz/.arc files
    (see docs/inputs.md).

    Writes documents, events, figures and problems .parquet, replacing the
    previous run's tables only once the new ones are complete.

    Exit status: 0 all documents read (empty documents and warnings included),
    1 some documents were rejected or records dropped, or some inputs could not
    be listed or named (see problems.parquet),
    2 nothing written: a usage error, or OUT_DIR cannot take the tables (another
    run is writing there, it is IN_DIR, it is not writable or the disk is full,
    --incremental found a damaged table; the message says what to do),
    130 interrupted (Ctrl-C or SIGTERM; the previous tables are left as they were).

    \b
    Example:
        partyevents extract data/raw data/out
        partyevents extract ~/scrape/2022 out/2022 --manifest ~/scrape/2022/manifest.csv --quiet
        partyevents extract ~/scrape/2023 out/2023 --incremental --workers 2
        partyevents extract ~/scrape/all out/all --engine dask --scheduler tcp://10.0.0.5:8786
        partyevents extract ~/scrape/jsonl out/jsonl --html-col raw_html --date-col crawl_pubdate
    """
    if not in_dir.is_dir():
        raise click.UsageError(f"input folder {in_dir} does not exist; give the folder that holds the pages "
                               "(loose files, record files, archives or WARC files), e.g. "
                               "`partyevents extract data/raw data/out`")
    if manifest is not None and not manifest.is_file():
        raise click.UsageError(f"--manifest {manifest} is not a regular file (a pipe or a device?); give the "
                               "manifest CSV file itself")
    if prune and not incremental:
        raise click.UsageError("--prune needs --incremental (a run without it writes only what IN_DIR holds)")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask, e.g. `partyevents extract IN OUT --engine dask "
                               f"--scheduler {scheduler}`")
    config = ExtractConfig(manifest=manifest, max_bytes=max_bytes, progress=not quiet, workers=workers,
                           engine=engine, scheduler=scheduler, incremental=incremental, prune=prune,
                           columns=Columns(**{k.removesuffix("_col"): v for k, v in columns.items()}))
    from tqdm import tqdm

    from .engines import EngineUnavailable
    from .tableset import OutputError
    from .terminal import INTERRUPTED, Interrupts, SafeStderr, ensure_std_fds

    ensure_std_fds()
    err = SafeStderr()
    bar = tqdm(desc="documents", unit="doc", disable=quiet, file=err)
    with Interrupts(err) as interrupts:
        try:
            def on_document(_path: str) -> None:
                interrupts.check()
                bar.update()

            summary = extract(in_dir, out_dir, config, on_document=on_document)
        except EngineUnavailable as exc:
            raise click.UsageError(str(exc)) from exc
        except OutputError as exc:
            bar.close()
            err.say(f"Error: {exc}")
            sys.exit(2)
        except KeyboardInterrupt:
            bar.close()
            err.say("interrupted: nothing written; the previous tables in OUT_DIR are unchanged")
            sys.exit(INTERRUPTED)
        finally:
            bar.close()
    if not quiet:
        notes = list(dict.fromkeys(summary.notes))
        for note in notes[:MAX_NOTES]:
            err.say(f"note: {note}")
        if len(notes) > MAX_NOTES:
            err.say(f"note: … and {len(notes) - MAX_NOTES} more (problems.parquet has them all)")
        err.say(summary.line())
    if interrupts.deferred or interrupts.count:
        err.say("interrupted while the new tables were being put in place: they are complete")
    sys.exit(1 if summary.documents["rejected"] or summary.errors else 0)


@main.command("evaluate")
@click.option("--gold", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="JSONL file of hand-made answers (format: docs/gold-format.md).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder holding the tables written by `partyevents extract`.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--verbose", is_flag=True, help="List every miss.")
def evaluate_cmd(gold: Path, out_dir: Path, as_json: bool, verbose: bool) -> None:
    """Score extracted tables against hand-coded answers for a sample of documents.

    \b
    Example:
        partyevents evaluate --gold tests/data/gold_dev.jsonl --out data/out
    """
    from .evaluate import format_scores, score

    try:
        result, misses = score(gold, out_dir)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_scores(result, misses if verbose else None, as_json=as_json))


# Commands that live in their own modules.
from .report_cli import report_cmd  # noqa: E402

main.add_command(report_cmd)

from .panel_cli import panel_cmd  # noqa: E402

main.add_command(panel_cmd)

if __name__ == "__main__":
    main()
