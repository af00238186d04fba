"""Compare two output folders of `partyevents extract` table by table, row for row.

Used to check that a speed change leaves the output unchanged:

    python tools/compare_tables.py /tmp/ref/dev2 /tmp/new/dev2 [--ignore COL ...]

Rows are compared in the order written (sorted by the tables' own keys first, so that a change of
worker count does not matter); columns named in --ignore (run-time columns, if any) are left out.
Prints the first differing rows of every table and exits 1 when any table differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

TABLES = ("documents", "events", "figures", "problems")
KEYS = {
    "documents": ["doc_id", "source_path"],
    "events": ["event_id"],
    "figures": ["figure_id"],
    "problems": ["doc_id", "source_path", "stage", "severity", "message"],
}
RUNTIME_COLUMNS: tuple[str, ...] = ()


def _canonical(df: pd.DataFrame, table: str, ignore: set[str]) -> pd.DataFrame:
    df = df.drop(columns=[c for c in df.columns if c in ignore])
    keys = [k for k in KEYS[table] if k in df.columns]
    if keys:
        df = df.sort_values(keys, kind="stable")
    df = df.reset_index(drop=True)
    # lists and arrays compare as tuples; missing values as one marker
    return df.map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)


def _cell(v: object) -> object:
    return "<NA>" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v


def compare(ref: Path, new: Path, ignore: set[str], show: int = 5) -> bool:
    same = True
    for table in TABLES:
        a_path, b_path = ref / f"{table}.parquet", new / f"{table}.parquet"
        if not a_path.exists() or not b_path.exists():
            print(f"{table}: missing in {'ref' if not a_path.exists() else 'new'}")
            same = False
            continue
        a = _canonical(pd.read_parquet(a_path), table, ignore)
        b = _canonical(pd.read_parquet(b_path), table, ignore)
        if list(a.columns) != list(b.columns):
            print(f"{table}: columns differ: {list(a.columns)} vs {list(b.columns)}")
            same = False
            continue
        if len(a) != len(b):
            print(f"{table}: {len(a)} rows vs {len(b)}")
            same = False
        diffs = 0
        for i in range(min(len(a), len(b))):
            ra = [_cell(v) for v in a.iloc[i]]
            rb = [_cell(v) for v in b.iloc[i]]
            if ra != rb:
                diffs += 1
                if diffs <= show:
                    cols = [c for c, x, y in zip(a.columns, ra, rb, strict=True) if x != y]
                    print(f"{table} row {i}: differs in {cols}")
                    for c in cols[:4]:
                        print(f"    {c}: {a.at[i, c]!r}\n -> {' ' * len(c)}  {b.at[i, c]!r}")
        if diffs:
            print(f"{table}: {diffs} differing rows")
            same = False
        elif len(a) == len(b):
            print(f"{table}: {len(a)} rows identical")
    return same


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ref", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--ignore", nargs="*", default=list(RUNTIME_COLUMNS))
    args = ap.parse_args(argv)
    return 0 if compare(args.ref, args.new, set(args.ignore)) else 1


if __name__ == "__main__":
    sys.exit(main())
