"""Issue 19.16: seconds per MB of text built to stress the patterns, against normal text (not run by CI).

    PYTHONPATH=src .venv/bin/python tools/stress_patterns.py [--chars 10000 20000]

For each class (long runs without line breaks of years, digits, Chinese numerals, 一, 1至, 1万, dates) it
prints seconds per MB at two sizes, the growth ratio between them (2.0 = linear when the second size is
twice the first, 4.0 = quadratic), and the cost relative to normal report text. The issue's goal: every
class within 5× normal text per MB, up to 1 MB. The per-document time budget (partyevents.budget) is off.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ["PARTYEVENTS_DOC_SECONDS"] = "0"

from partyevents import pipeline
from partyevents.engines import warm_up
from partyevents.records import RawDocument

CLASSES = {"years": "2022年", "digits": "1234567890", "chinese numerals": "一二三四五六七八九十", "一": "一",
           "1至": "1至", "1万": "1万", "month-day": "12月1日", "iso dates": "2022-12-01 ",
           # found after the first round of fixes: a number that reaches no measure word, relative words among
           # dates, dates in titles
           "1千": "1千", "次日12月1日": "次日12月1日", "《2022年》": "《2022年》", "约1名": "约1名", "12月": "12月"}
NORMAL = "{i}月{d}日,某街道第{n}社区党支部组织党员志愿者开展环境整治活动,清理卫生死角{d}处,参与群众{n}0余人。\n"


def seconds_per_mb(text: str, repeat: int = 1) -> float:
    """The best of ``repeat`` runs (the machine is shared: one slow run says little)."""
    data = text.encode()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pipeline.process_document(RawDocument("stress.txt", data))
        best = min(best, time.perf_counter() - start)
    return best / (len(data) / 1e6)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, nargs=2, default=[10_000, 20_000])
    ap.add_argument("--normal", type=Path, default=Path("../shared/corpus/wild"),
                    help="folder of real pages (*.txt) that sets the normal cost per MB")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    ap.add_argument("--only", nargs="+", choices=list(CLASSES), help="measure these classes only")
    args = ap.parse_args()
    warm_up()
    small, large = args.chars
    pages = [p.read_bytes() for p in sorted(args.normal.glob("*.txt"))] or [
        NORMAL.format(i=k % 12 + 1, d=k % 28 + 1, n=k).encode() for k in range(200)]
    start = time.perf_counter()
    for k, data in enumerate(pages):
        pipeline.process_document(RawDocument(f"{k}.txt", data))
    normal = (time.perf_counter() - start) / (sum(map(len, pages)) / 1e6)
    print(f"normal text ({len(pages)} pages): {normal:.2f} s/MB")
    print(f"{'class':18} {'s/MB @' + str(small):>12} {'s/MB @' + str(large):>12} {'growth':>7} {'× normal':>9}")
    for name, unit in CLASSES.items():
        if args.only and name not in args.only:
            continue
        a = seconds_per_mb("社区开展活动。" + unit * (small // len(unit)), args.repeat)
        b = seconds_per_mb("社区开展活动。" + unit * (large // len(unit)), args.repeat)
        print(f"{name:18} {a:12.1f} {b:12.1f} {b * large / (a * small):7.1f} {b / normal:9.0f}")


if __name__ == "__main__":
    main()
