"""Date accuracy of partyevents next to JioNLP's time parser, on the same events of the dev sets.

    PYTHONPATH=$PWD/src .venv/bin/python tools/compare_dates_jionlp.py [--gold ../shared/gold/dev2.jsonl ...]

For every gold event that carries a ``date`` (default: ``../shared/gold/dev2.jsonl`` and ``dev3.jsonl``,
pages under ``../shared/corpus/<set>/``), both systems read the same text: the partyevents event whose
text holds the gold anchor (or, when none does, the body line that holds it). partyevents gives that
event's resolved date; JioNLP runs ``jio.ner.extract_time`` (which calls ``parse_time`` on each time
expression) over the same text with the page's publication date as ``time_base`` and gives its first time
point or span start. Scoring follows ``../shared/eval/score.py``: a gold ``--MM-DD`` compares month and day,
a gold ``null`` wants no month and day, otherwise year, month and day must all agree.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from partyevents import ingest
from partyevents.pipeline import analyze_text

_SQUASH = re.compile(r"[\W_]+")
_GOLD_DATE = re.compile(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?")
Ymd = tuple[int | None, int | None, int | None]


def _squash(s: str) -> str:
    return _SQUASH.sub("", s)


def _gold(s: str | None) -> Ymd | None:
    if s is None:
        return None
    m = _GOLD_DATE.fullmatch(s)
    if m is None:
        raise ValueError(f"bad gold date {s!r}")
    return (None if m[1] == "-" else int(m[1]), int(m[2]), int(m[3]) if m[3] else None)


def _ok(gold: Ymd | None, got: Ymd) -> bool:
    if gold is None:
        return got[1] is None and got[2] is None
    if gold[0] is None:
        return (got[1], got[2]) == (gold[1], gold[2])
    return got == gold


def _jionlp_date(jio: Any, text: str, published: dt.date | None) -> Ymd:
    """(year, month, day) of the first time point or span JioNLP finds in ``text`` (Nones when it finds none).

    Without a publication date the base is today, as in JioNLP itself; its year then only counts where
    the gold date has one. A month-level time (``time`` spanning the month) gives no day.
    """
    base = {"year": published.year, "month": published.month, "day": published.day} if published else None
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            found = jio.ner.extract_time(text, time_base=base, with_parsing=True) if base else (
                jio.ner.extract_time(text, with_parsing=True))
        except Exception:  # JioNLP raises on some inputs; count it as no date
            found = []
    for item in found:
        detail = item.get("detail") or {}
        times = detail.get("time")
        if detail.get("type") not in ("time_point", "time_span") or not isinstance(times, list) or len(times) != 2:
            continue
        if not all(isinstance(t, str) and t[:1].isdigit() for t in times):
            continue
        start, end = (dt.datetime.fromisoformat(t) for t in times)
        if (end - start).days >= 360:
            continue  # a whole year (2020年, 今年) is no event date here
        day = start.day if (end - start).days < 2 else None
        return start.year, start.month, day
    return None, None, None


def _documents(gold_files: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for gold in gold_files:
        corpus = gold.parent.parent / "corpus" / gold.stem
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                out.append((corpus / doc["doc"], doc))
    return out


def compare(gold_files: list[Path], verbose: bool = False) -> dict[str, float | int]:
    """Both systems' date accuracy over every dated gold event (an event partyevents misses counts as
    undated for it, so this can be lower than score.py's figure, which counts found events only)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp as jio
    logging.getLogger().setLevel(logging.CRITICAL)  # JioNLP logs a traceback for each expression it cannot parse

    hits = {"partyevents": 0, "jionlp": 0}
    total = 0
    for path, doc in _documents(gold_files):
        result = analyze_text(ingest.decode(path.read_bytes(), str(path)).text, source=str(path))
        body = result.text or ""
        events = [(e, _squash(e.text)) for e in result.events]
        for ge in doc["events"]:
            if "date" not in ge:
                continue
            anchor = _squash(ge["anchor"])
            event = next((e for e, squashed in events if anchor in squashed), None)
            if event is not None:
                text = event.text
                ours: Ymd = (event.date.year, event.date.month, event.date.day)
            else:
                text = next((ln for ln in body.split("\n") if anchor in _squash(ln)), "")
                ours = (None, None, None)
            theirs = _jionlp_date(jio, text, result.published_date)
            want = _gold(ge["date"])
            total += 1
            hits["partyevents"] += _ok(want, ours)
            hits["jionlp"] += _ok(want, theirs)
            if verbose and _ok(want, ours) != _ok(want, theirs):
                print(f"  {doc['doc']} «{ge['anchor'][:16]}» want {ge['date']} partyevents {ours} jionlp {theirs}")
    return {"events": total, "partyevents": hits["partyevents"] / total, "jionlp": hits["jionlp"] / total}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path.cwd() / ".." / "shared" / "gold"
    ap.add_argument("--gold", type=Path, nargs="+", default=[here / "dev2.jsonl", here / "dev3.jsonl"])
    ap.add_argument("--verbose", action="store_true", help="list the events where the two disagree in outcome")
    a = ap.parse_args(argv)
    r = compare(a.gold, a.verbose)
    print(f"dated gold events        {r['events']}")
    print(f"partyevents date accuracy {r['partyevents']:.3f}")
    print(f"JioNLP date accuracy      {r['jionlp']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
