"""Score output tables against hand-made answers (the gold format in docs/gold-format.md).

Researchers hand-code a sample of their own corpus and measure the pipeline
on it. Comparisons ignore whitespace and punctuation; an event is found when
one extracted event's text contains its anchor.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from .api import load

__all__ = ["format_scores", "parse_gold_date", "score"]

_SPACE = re.compile(r"[\W_]+")
_LEVEL_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|街道办事处|街道|社区|居委会|省|市|区|县|镇|乡|村|州|盟|旗)$")


def _squash(s: object) -> str:
    return _SPACE.sub("", s) if isinstance(s, str) else ""


def _core(place: str) -> str:
    return _LEVEL_SUFFIX.sub("", _squash(place)) or _squash(place)


def _null(v: object) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))  # type: ignore[arg-type, call-overload]
    except (TypeError, ValueError):
        return False


def _int(v: object) -> int | None:
    return None if _null(v) else int(v)  # type: ignore[call-overload]


def parse_gold_date(s: str | None) -> tuple[int | None, int, int | None] | None:
    """``2022-12-04`` -> (2022, 12, 4); ``--12-04`` -> (None, 12, 4); ``2022-12`` -> (2022, 12, None).

    >>> parse_gold_date("--08-26"), parse_gold_date("2021-01"), parse_gold_date(None)
    ((None, 8, 26), (2021, 1, None), None)
    """
    if s is None:
        return None
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?", s)
    if not m:
        raise ValueError(f"bad gold date {s!r}: use YYYY-MM-DD, --MM-DD, YYYY-MM or null")
    return (None if m.group(1) == "-" else int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)


class _Tally:
    def __init__(self) -> None:
        self.hit: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.misses: list[tuple[str, str]] = []

    def add(self, name: str, ok: bool, note: str) -> None:
        self.total[name] += 1
        self.hit[name] += bool(ok)
        if not ok:
            self.misses.append((name, note))

    def rate(self, name: str) -> float:
        return self.hit[name] / self.total[name] if self.total[name] else float("nan")


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if p and r and not math.isnan(p) and not math.isnan(r) else 0.0
    return {"precision": p, "recall": r, "f1": f}


def _fig_tp(gold: list[dict[str, Any]], pred: list[tuple[float, str]], with_category: bool) -> int:
    pool = Counter((round(v, 3), c if with_category else None) for v, c in pred)
    tp = 0
    for g in gold:
        key = (round(float(g["value"]), 3), g["category"] if with_category else None)
        if pool[key] > 0:
            pool[key] -= 1
            tp += 1
    return tp


def _score_event(t: _Tally, ge: dict[str, Any], pe: pd.Series, label: str) -> None:
    if "date" in ge:
        g = parse_gold_date(ge["date"])
        py, pm, pd_ = _int(pe.get("year")), _int(pe.get("month")), _int(pe.get("day"))
        if g is None:
            ok = pm is None and pd_ is None
        elif g[0] is None:
            ok = (pm, pd_) == (g[1], g[2])
        else:
            ok = (py, pm, pd_) == g
        t.add("date", ok, f"{label}: want {ge['date']} got {py}-{pm}-{pd_}")
    if ge.get("since"):
        t.add("date_since", bool(pe.get("date_since")), label)
    if ge.get("date_end") and not ge["date_end"].startswith("--"):
        end = pe.get("date_end")
        got = None if _null(end) else str(end)[:10]
        t.add("date_end", got == ge["date_end"], f"{label}: want {ge['date_end']} got {got}")
    elif ge.get("date_end"):  # --MM-DD: an end whose year is unknown, scored by month_end and day_end
        want = parse_gold_date(ge["date_end"])
        em, ed = _int(pe.get("month_end")), _int(pe.get("day_end"))
        t.add("date_end", want is not None and (em, ed) == (want[1], want[2]),
              f"{label}: want {ge['date_end']} got --{em}-{ed}")
    if ge.get("locality"):
        loc = pe.get("locality")
        loc = None if _null(loc) else _squash(loc)
        t.add("locality", loc == _squash(ge["locality"]), f"{label}: want {ge['locality']} got {loc}")
        t.add("locality_lenient", loc is not None and _core(loc) == _core(ge["locality"]),
              f"{label}: want {ge['locality']} got {loc}")
    for level in ("province", "prefecture", "county", "township"):
        if ge.get(level):
            got = pe.get(level)
            got = None if _null(got) else _squash(got)
            t.add("chain", got == _squash(ge[level]), f"{label}: {level} want {ge[level]} got {got}")
    accept = [_squash(o) for o in ge.get("organization", [])]
    if accept:
        org = "" if _null(pe.get("organization")) else _squash(pe.get("organization"))
        ok = bool(org) and any(org == a or (len(org) >= 2 and (a in org or org in a)) for a in accept)
        t.add("organization", ok, f"{label}: want {ge['organization']} got {org or None}")
    if ge.get("activity_types"):
        got = pe.get("activity_type")
        t.add("activity_type", got in ge["activity_types"], f"{label}: want {ge['activity_types']} got {got}")


def score(gold_path: Path, out_dir: Path) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Scores of the tables in ``out_dir`` against ``gold_path``, and the list of misses."""
    gold_docs = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    tables = load(out_dir)
    docs, events, figures = tables.documents, tables.events, tables.figures
    names = docs["source_path"].map(lambda p: str(p).replace("\\", "/").rsplit("/", 1)[-1])
    t = _Tally()
    ev_tp = seg_pred = seg_gold = seg_tp = 0
    fig_gold = fig_pred = tp_val = tp_cat = 0
    leaks: list[str] = []
    missing: list[str] = []
    for gd in gold_docs:
        rows = docs[names == gd["doc"]]
        if rows.empty:
            missing.append(gd["doc"])
            doc_events, doc_figs = events.iloc[0:0], figures.iloc[0:0]
        else:
            doc_id = rows.iloc[0]["doc_id"]
            doc_events = events[events["doc_id"] == doc_id].sort_values("seq")
            doc_figs = figures[figures["doc_id"] == doc_id]
            if "published_date" in gd:
                pub = rows.iloc[0]["published_date"]
                got = None if _null(pub) else str(pub)[:10]
                t.add("published_date", gd["published_date"] == got,
                      f"{gd['doc']}: want {gd['published_date']} got {got}")
        texts = [_squash(x) for x in doc_events["text"].tolist()]
        used: set[int] = set()
        for ge in gd["events"]:
            anchor = _squash(ge["anchor"])
            idx = next((i for i, tx in enumerate(texts) if i not in used and anchor in tx), None)
            label = f"{gd['doc']} «{ge['anchor'][:18]}»"
            t.add("event_found", idx is not None, label)
            if idx is None:
                continue
            used.add(idx)
            ev_tp += 1
            _score_event(t, ge, doc_events.iloc[idx], label)
        if gd.get("style") == "bulletin":
            seg_pred, seg_gold, seg_tp = seg_pred + len(texts), seg_gold + len(gd["events"]), seg_tp + len(used)
        gold_figs = gd.get("figures", [])
        pred = [(float(v), str(c)) for v, c in zip(doc_figs["value"], doc_figs["category"], strict=True)]
        fig_gold, fig_pred = fig_gold + len(gold_figs), fig_pred + len(pred)
        tp_val += _fig_tp(gold_figs, pred, with_category=False)
        tp_cat += _fig_tp(gold_figs, pred, with_category=True)
        gv = Counter((round(float(g["value"]), 3), g["category"]) for g in gold_figs)
        pv = Counter((round(v, 3), c) for v, c in pred)
        t.misses += [("figure_missed", f"{gd['doc']}: {k}") for k in sorted((gv - pv).elements(), key=str)]
        t.misses += [("figure_extra", f"{gd['doc']}: {k}") for k in sorted((pv - gv).elements(), key=str)]
        leaks += [f"{gd['doc']}: {b}" for b in gd.get("boilerplate", []) if any(_squash(b) in tx for tx in texts)]
    n_gold = sum(len(g["events"]) for g in gold_docs)
    result = {
        "documents": len(gold_docs), "documents_missing": missing, "gold_events": n_gold,
        "event_recall": ev_tp / n_gold if n_gold else float("nan"),
        "bulletin_segmentation": _prf(seg_tp, seg_pred, seg_gold),
        "date_accuracy": t.rate("date"), "date_since_recall": t.rate("date_since"),
        "date_end_accuracy": t.rate("date_end"), "published_date_accuracy": t.rate("published_date"),
        "locality_accuracy": t.rate("locality"), "locality_lenient_accuracy": t.rate("locality_lenient"),
        "admin_chain_accuracy": t.rate("chain"), "organization_accuracy": t.rate("organization"),
        "activity_type_accuracy": t.rate("activity_type"),
        "figures_value": _prf(tp_val, fig_pred, fig_gold), "figures_value_category": _prf(tp_cat, fig_pred, fig_gold),
        "boilerplate_leaks": leaks,
    }
    return result, t.misses


def format_scores(result: dict[str, Any], misses: list[tuple[str, str]] | None = None, as_json: bool = False) -> str:
    """The score table as text (or JSON), optionally followed by every miss."""
    if as_json:
        return json.dumps(result, ensure_ascii=False, indent=1, default=str)
    rows = [
        ("event recall", result["event_recall"]),
        ("bulletin segmentation F1", result["bulletin_segmentation"]["f1"]),
        ("date accuracy", result["date_accuracy"]), ("date 'since' recall", result["date_since_recall"]),
        ("date range end accuracy", result["date_end_accuracy"]),
        ("published date accuracy", result["published_date_accuracy"]),
        ("locality accuracy (strict)", result["locality_accuracy"]),
        ("locality accuracy (lenient)", result["locality_lenient_accuracy"]),
        ("admin chain accuracy", result["admin_chain_accuracy"]),
        ("organization accuracy", result["organization_accuracy"]),
        ("activity type accuracy", result["activity_type_accuracy"]),
        ("figures F1 (value)", result["figures_value"]["f1"]),
        ("figures F1 (value+category)", result["figures_value_category"]["f1"]),
    ]
    lines = [f"{name:32s} {'  n/a' if isinstance(v, float) and math.isnan(v) else f'{v:5.3f}'}" for name, v in rows]
    lines.append(f"{'boilerplate leaks':32s} {len(result['boilerplate_leaks'])}")
    if result["documents_missing"]:
        lines.append("documents missing from output: " + ", ".join(result["documents_missing"]))
    for kind, note in misses or []:
        lines.append(f"  {kind}: {note}")
    if misses is not None:
        lines += [f"  leak: {leak}" for leak in result["boilerplate_leaks"]]
    return "\n".join(lines)
