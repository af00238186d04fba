"""``resources/char_rank.txt`` is exactly what ``tools/make_char_rank.py`` builds from its source."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_char_rank_matches_its_generator() -> None:
    pytest.importorskip("jionlp", reason="the generator's source (JioNLP's character counts) is not installed")
    spec = importlib.util.spec_from_file_location("make_char_rank", ROOT / "tools" / "make_char_rank.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (ROOT / "src" / "partyevents" / "resources" / "char_rank.txt").read_text(encoding="utf-8")
    assert shipped == module.build(), "run `.venv/bin/python tools/make_char_rank.py` and commit the result"


def test_char_rank_is_distinct_common_cjk_characters() -> None:
    ranked = (ROOT / "src" / "partyevents" / "resources" / "char_rank.txt").read_text(encoding="utf-8").strip()
    assert len(ranked) == len(set(ranked)) >= 3000
    assert all("\u4e00" <= c <= "\u9fff" for c in ranked)
    assert ranked[0] == "的" and "党" in ranked and "矐" not in ranked  # a rare character counts as mojibake
