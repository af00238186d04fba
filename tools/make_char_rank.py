"""Regenerate ``src/partyevents/resources/char_rank.txt`` from JioNLP's character counts.

    .venv/bin/python tools/make_char_rank.py

The table holds the most frequent CJK characters, most frequent first; the
normalizer treats characters outside it as rare when it looks for mojibake.
``tests/test_char_rank.py`` checks that the shipped table matches this source.
"""

from __future__ import annotations

import json
from pathlib import Path

import jionlp

TOP = 6000


def build() -> str:
    src = Path(jionlp.__file__).parent / "dictionary" / "char_distribution.json"
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").split("\n") if line.strip()]
    cjk = sorted(((c, n) for c, n in rows if "\u4e00" <= c <= "\u9fff"), key=lambda r: (-r[1], r[0]))
    return "".join(c for c, _ in cjk[:TOP]) + "\n"


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "src" / "partyevents" / "resources" / "char_rank.txt"
    out.write_text(build(), encoding="utf-8")
    print(f"wrote {out}")
