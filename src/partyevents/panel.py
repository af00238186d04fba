"""From event rows to a place-by-period panel (``partyevents panel``), and a Stata export that just works.

One row per place (at the ``by`` level) and period (``freq``) that has at
least one counted event; the rules (which events count, which period an
event falls in) are in :data:`RULES` and ``docs/panel.md``.

>>> import datetime as dt
>>> ev = pd.DataFrame({"event_id": ["d:0", "d:1"], "doc_id": ["d", "d"], "year": [2023, None],
...     "month": [3, 4], "day": [5, 1], "date_since": [False, False], "is_repost": [False, False],
...     "province_code": ["420000"] * 2, "province": ["湖北省"] * 2, "activity_type": ["meeting", "study"]})
>>> docs = pd.DataFrame({"doc_id": ["d"], "published_date": [dt.date(2023, 4, 9)], "duplicate_of": [None],
...                      "cluster_id": ["d"]})
>>> figs = pd.DataFrame({"event_id": ["d:0"], "category": ["people"], "kind": ["count"], "value": [40.0]})
>>> p = build_panel(ev, docs, figs, by="province", freq="month", undated="published")
>>> p.table[["province", "period", "events", "events_meeting", "events_study", "sum_people"]].to_dict("records")
[{'province': '湖北省', 'period': '2023-03', 'events': 1, 'events_meeting': 1, 'events_study': 0, 'sum_people': 40.0}, {'province': '湖北省', 'period': '2023-04', 'events': 1, 'events_meeting': 0, 'events_study': 1, 'sum_people': 0.0}]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .models import FIGURE_CATEGORIES
from .resources import taxonomy

__all__ = ["FREQS", "LEVELS", "RULES", "UNDATED", "Panel", "build_panel", "flatten_lists", "panel_of", "to_stata",
           "write_panel"]

#: The columns of a place at each level in the panel: names identify it (the chain of names down to the
#: level, so two 城关镇 of different counties stay apart); each code column holds the code its events give.
LEVELS: dict[str, tuple[str, ...]] = {
    "province": ("province_code", "province"),
    "prefecture": ("province_code", "province", "prefecture_code", "prefecture"),
    "county": ("province_code", "province", "prefecture_code", "prefecture", "county_code", "county",
               "county_code_current"),
    "township": ("province_code", "province", "prefecture_code", "prefecture", "county_code", "county",
                 "county_code_current", "township"),
}
FREQS = ("month", "quarter", "year")
UNDATED = ("drop", "published")

RULES = """\
Which events count and where they fall:
- Reposts count once: events of a document that is a near-duplicate of an earlier-published one
  (documents.duplicate_of set, events.is_repost) are left out; the cluster's earliest-published member carries
  them. `documents` counts every document (reposts too) with an event in the cell, `clusters` the distinct
  articles.
- An event falls in the period of its start date (year, month). A range (12月1日至3日, date_end set) counts once,
  in the period it starts. A "since" date (12月8日以来, date_since) also counts in the period it starts;
  `events_since` says how many of the cell's events are such.
- An event needs a place at the --by level (township needs its county); events resolved only to a higher level
  are left out of that panel, and counted in the summary.
- Undated events (no month for --freq month/quarter, no year for --freq year) and year-less dates (3月5日 in a
  page whose year could not be justified: year is null) are left out with --undated drop (the default). With
  --undated published, a year-less date takes the year its document's publication date implies (a month/day
  later than the publication date belongs to the previous year) and an event without a month takes the
  publication's month when its year is the publication's or unknown; `events_dated_by_publication` counts them.
- Figures: `sum_<category>` adds the value of every figure of kind "count" (done in the event, not cumulative,
  target or quoted) in the cell's counted events; a range (5至7名) adds its lower end.
"""


@dataclass(slots=True)
class Panel:
    """The panel and what was left out of it (events, by reason)."""

    table: pd.DataFrame
    by: str
    freq: str
    left_out: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        out = "; ".join(f"{n:,} {why}" for why, n in self.left_out.items() if n)
        return (f"{len(self.table):,} {self.by}-{self.freq} rows, {int(self.table['events'].sum()) if len(self.table) else 0:,}"
                f" events counted" + (f"; left out: {out}" if out else ""))


def _col(frame: pd.DataFrame, name: str, default: Any = None) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(default, index=frame.index, dtype=object)


def _periods(ev: pd.DataFrame, freq: str, undated: str) -> pd.DataFrame:
    """Columns year, sub (month or quarter), dated_by_publication for each event (year NaN: no period)."""
    year = pd.to_numeric(_col(ev, "year"), errors="coerce").astype("float64")
    month = pd.to_numeric(_col(ev, "month"), errors="coerce").astype("float64")
    day = pd.to_numeric(_col(ev, "day"), errors="coerce").astype("float64")
    by_pub = pd.Series(False, index=ev.index)
    if undated == "published":
        pub = pd.to_datetime(_col(ev, "published_date"), errors="coerce")
        py, pm, pdd = pub.dt.year.astype("float64"), pub.dt.month.astype("float64"), pub.dt.day.astype("float64")
        # a year-less date: the year its publication implies (a later month/day belongs to the previous year)
        yearless = year.isna() & month.notna() & py.notna()
        later = (month > pm) | ((month == pm) & day.fillna(0).gt(pdd))
        year = year.where(~yearless, py - later.astype("float64"))
        if freq != "year":  # no month: the publication's, when the year is the publication's or unknown
            monthless = month.isna() & py.notna() & (year.isna() | (year == py))
            month = month.where(~monthless, pm)
        else:  # no year at all: the publication's
            monthless = year.isna() & py.notna()
        year = year.where(~monthless, py)
        by_pub = yearless | monthless
    ok = year.notna() & (month.notna() if freq != "year" else True)
    sub = month if freq == "month" else (month + 2) // 3 if freq == "quarter" else pd.Series(0.0, index=ev.index)
    return pd.DataFrame({"_year": year.where(ok), "_sub": sub.where(ok), "_by_pub": by_pub & ok}, index=ev.index)


def _period_label(year: pd.Series, sub: pd.Series, freq: str) -> pd.Series:
    y = year.astype(int).astype(str)
    if freq == "month":
        return y + "-" + sub.astype(int).astype(str).str.zfill(2)
    if freq == "quarter":
        return y + "Q" + sub.astype(int).astype(str)
    return y


def build_panel(events: pd.DataFrame, documents: pd.DataFrame, figures: pd.DataFrame, by: str = "county",
                freq: str = "month", undated: str = "drop") -> Panel:
    """The tidy panel of ``events`` (with their ``documents`` and ``figures``) at level ``by``, period ``freq``."""
    if by not in LEVELS:
        raise ValueError(f"--by must be one of {', '.join(LEVELS)}, not {by!r}")
    if freq not in FREQS:
        raise ValueError(f"--freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if undated not in UNDATED:
        raise ValueError(f"--undated must be one of {', '.join(UNDATED)}, not {undated!r}")
    keys = list(LEVELS[by])
    doc_cols = [c for c in ("doc_id", "published_date", "duplicate_of", "cluster_id") if c in documents.columns]
    ev = events.drop(columns=[c for c in doc_cols if c != "doc_id" and c in events.columns]).merge(
        documents[doc_cols], on="doc_id", how="left")
    for k in keys:
        if k not in ev.columns:
            ev[k] = None
    _codes_from_adcode(ev)
    repost = _col(ev, "is_repost", False).fillna(False).astype(bool) | _col(ev, "duplicate_of").notna()
    cluster = _col(ev, "cluster_id").fillna(ev["doc_id"]).astype(object)
    ev = ev.assign(_repost=repost.to_numpy(), _cluster=cluster.to_numpy())
    ev = pd.concat([ev, _periods(ev, freq, undated)], axis=1)
    placed = ev[by].notna() & (ev["county"].notna() if by == "township" else True)
    dated = ev["_year"].notna()
    left_out = {"reposts (counted in their original)": int(ev["_repost"].sum()),
                f"without a place at the {by} level": int((~ev["_repost"] & ~placed).sum()),
                f"without a {freq} (see --undated)": int((~ev["_repost"] & placed & ~dated).sum())}
    cell = ev[placed & dated].copy()
    cell["period"] = _period_label(cell["_year"], cell["_sub"], freq) if len(cell) else pd.Series(dtype=str)
    names = [k for k in keys if not k.endswith("_code") and k != "county_code_current"]
    codes = [k for k in keys if k not in names]
    cell[names] = cell[names].astype(object).where(cell[names].notna(), "")
    group = [*names, "_year", "_sub", "period"]
    counted = cell[~cell["_repost"]]
    g = counted.groupby(group, dropna=False, sort=True)
    table = g.size().rename("events").to_frame()
    types = pd.crosstab([counted[c] for c in group], counted["activity_type"]) if len(counted) else None
    for label in taxonomy():
        col = f"events_{label}"
        table[col] = types[label].reindex(table.index, fill_value=0) if types is not None and label in types else 0
    figs = _count_figures(figures, counted, group)
    for cat in FIGURE_CATEGORIES:
        col = f"sum_{cat}"
        table[col] = figs[cat].reindex(table.index, fill_value=0.0) if cat in figs else 0.0
    every = cell.groupby(group, dropna=False, sort=True)
    table["documents"] = every["doc_id"].nunique().reindex(table.index, fill_value=0)
    table["clusters"] = every["_cluster"].nunique().reindex(table.index, fill_value=0)
    table["events_since"] = g["date_since"].sum().astype(int) if "date_since" in counted else 0
    table["events_dated_by_publication"] = g["_by_pub"].sum().astype(int)
    for code in codes:  # the code its events give (the most frequent one when they disagree)
        table[code] = every[code].agg(_mode).reindex(table.index)
    table = table.reset_index()
    table = table.rename(columns={"_year": "year", "_sub": freq if freq != "year" else "_sub"})
    table = table.drop(columns=[c for c in ("_sub",) if c in table.columns])
    table["year"] = table["year"].astype("int64")
    if freq != "year":
        table[freq] = table[freq].astype("int64")
    for k in names:
        table[k] = table[k].astype(object).where(table[k] != "", None)
    table = table[[*keys, *[c for c in table.columns if c not in keys]]]
    for c in table.columns:
        if c.startswith("events") or c in ("documents", "clusters"):
            table[c] = table[c].astype("int64")
    return Panel(table, by, freq, left_out)


def _codes_from_adcode(ev: pd.DataFrame) -> None:
    """Fill missing province/prefecture/county codes from ``adcode`` (the deepest code the place resolved to,
    county or above) where the chain names that level (tables written before the code columns were filled).

    >>> ev = pd.DataFrame({"adcode": ["420606", "420600"], "province": ["湖北省"] * 2, "prefecture": ["襄阳市"] * 2,
    ...                    "county": ["樊城区", None], "county_code": [None, None]})
    >>> _codes_from_adcode(ev); ev["county_code"].tolist(), ev["prefecture_code"].tolist()
    (['420606', None], ['420600', '420600'])
    """
    if "adcode" not in ev.columns:
        return
    codes = [c[:6] if isinstance(c, str) and c[:6].isdigit() and len(c) >= 6 else None for c in ev["adcode"]]
    for level, n, pad in (("province", 2, "0000"), ("prefecture", 4, "00"), ("county", 6, "")):
        if level not in ev.columns:
            continue
        column = f"{level}_code"
        current = ev[column].tolist() if column in ev.columns else [None] * len(ev)
        named = ev[level].notna().tolist()
        ev[column] = pd.Series([
            cur if isinstance(cur, str) else (c[:n] + pad if c and has and c[n - 2:n] != "00" else None)
            for cur, c, has in zip(current, codes, named, strict=True)], index=ev.index, dtype=object)


def _mode(values: pd.Series) -> str | None:
    counts = values.dropna().value_counts()
    return str(counts.index[0]) if len(counts) else None


def _count_figures(figures: pd.DataFrame, counted: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """Per cell and category, the sum of the values of ``count`` figures of the counted events."""
    if figures.empty or counted.empty:
        return pd.DataFrame()
    kind = _col(figures, "kind", "count").fillna("count")
    f = figures[(kind == "count").to_numpy() & figures["event_id"].notna().to_numpy()][["event_id", "category",
                                                                                         "value"]]
    f = f.merge(counted[["event_id", *group]], on="event_id", how="inner")
    if f.empty:
        return pd.DataFrame()
    return f.groupby([*group, "category"], dropna=False, sort=True)["value"].sum().unstack("category").fillna(0.0)


def panel_of(out_dir: Path | str, by: str = "county", freq: str = "month", undated: str = "drop") -> Panel:
    """:func:`build_panel` of the tables in ``out_dir``, read with only the columns it needs (never the texts)."""
    out_dir = Path(out_dir)
    frames = {name: _read(out_dir, name, columns) for name, columns in _NEEDED.items()}
    return build_panel(frames["events"], frames["documents"], frames["figures"], by=by, freq=freq, undated=undated)


_NEEDED = {
    "events": ["event_id", "doc_id", "year", "month", "day", "date_end", "date_since", "is_repost", "activity_type",
               "adcode", *dict.fromkeys(c for cols in LEVELS.values() for c in cols)],
    "documents": ["doc_id", "published_date", "duplicate_of", "cluster_id"],
    "figures": ["event_id", "category", "kind", "value"],
}


def _read(out_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    import pyarrow.parquet as pq

    from .write import SCHEMAS

    path = out_dir / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; run `partyevents extract IN_DIR {out_dir}` first")
    schema = SCHEMAS[name]
    table = pq.read_table(path, columns=columns, schema=schema if path.is_dir() else None)
    return table.to_pandas(date_as_object=True)


def write_panel(panel: Panel, folder: Path | str, name: str | None = None) -> list[Path]:
    """Write the panel as Parquet, CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese) and Stata."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem = name or f"panel_{panel.by}_{panel.freq}"
    paths = [folder / f"{stem}.parquet", folder / f"{stem}.csv", folder / f"{stem}.dta"]
    panel.table.to_parquet(paths[0], index=False)
    panel.table.to_csv(paths[1], index=False, encoding="utf-8-sig")
    to_stata(panel.table, paths[2], label=f"partyevents panel by {panel.by} and {panel.freq}")
    return paths


_STATA_NAME = re.compile(r"[^A-Za-z0-9_]")


def to_stata(frame: pd.DataFrame, path: Path | str, label: str | None = None) -> Path:
    """Write any partyevents table to a Stata 14+ ``.dta`` (format 118: UTF-8, so Chinese text round-trips).

    List columns become ``; ``-joined strings, missing strings empty strings, booleans 0/1 bytes (missing:
    Stata missing), dates Stata dates; long texts become strL; names are cut to 32 valid characters.

    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "t.dta")
    >>> _ = to_stata(pd.DataFrame({"名": ["樊城区", None], "orgs": [["党委", "社区"], []]}), path)
    >>> pd.read_stata(path).to_dict("list")
    {'_': ['樊城区', ''], 'orgs': ['党委; 社区', '']}
    """
    out = pd.DataFrame(index=range(len(frame)))
    dates: dict[Any, Any] = {}
    strl: list[str] = []
    names: set[str] = set()
    for col in frame.columns:
        s = frame[col].reset_index(drop=True)
        name = _stata_name(str(col), names)
        names.add(name)
        if pd.api.types.is_bool_dtype(s.dtype) or str(s.dtype) == "boolean" or _all(s, bool):
            out[name] = s.astype("float64") if s.isna().any() else s.astype(bool).astype("int8")
        elif pd.api.types.is_integer_dtype(s.dtype):
            out[name] = s.astype("float64") if s.isna().any() else s.astype("int64")
        elif pd.api.types.is_float_dtype(s.dtype):
            out[name] = s.astype("float64")
        elif pd.api.types.is_datetime64_any_dtype(s.dtype) or _all(s, dt.date):
            out[name] = pd.to_datetime(s, errors="coerce")
            dates[name] = "td"
        else:
            text = s.map(_flat_text)
            out[name] = text.astype(object)
            if text.map(lambda v: len(v.encode("utf-8"))).max() > 2045 if len(text) else False:
                strl.append(name)
    out.to_stata(path, write_index=False, version=118, convert_dates=dates or None, convert_strl=strl or None,
                 data_label=(label or "partyevents")[:80])
    return Path(path)


def flatten_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with list columns as ``; ``-joined strings (for CSV and Stata).

    >>> flatten_lists(pd.DataFrame({"a": [["x", "y"], []], "b": [1, 2]}))["a"].tolist()
    ['x; y', '']
    """
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: isinstance(v, list | tuple | np.ndarray)).any():
            out[col] = out[col].map(_flat_text)
    return out


def _all(s: pd.Series, kind: type) -> bool:
    """An object column whose values (missing ones aside) are all of ``kind``."""
    if s.dtype != object:
        return False
    values = s.dropna()
    return bool(len(values)) and all(isinstance(v, kind) for v in values)


def _flat_text(value: Any) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(str(v) for v in value if v is not None and not (isinstance(v, float) and np.isnan(v)))
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value)


def _stata_name(name: str, taken: set[str]) -> str:
    base = _STATA_NAME.sub("_", name)[:32] or "v"
    if base[0].isdigit():
        base = ("_" + base)[:32]
    candidate, n = base, 1
    while candidate in taken:
        suffix = f"_{n}"
        candidate, n = base[:32 - len(suffix)] + suffix, n + 1
    return candidate
