"""Script: conversion is OpenCC's t2s (skipped only when it would change nothing), detection by shares."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents.ingest import decode
from partyevents.script import detect_script, script_counts, simplify, to_simplified

ROOT = Path(__file__).resolve().parents[1]
T2S = opencc.OpenCC("t2s")
S2T = opencc.OpenCC("s2t")


def test_sample_reports_convert_as_opencc() -> None:
    for path in sorted((ROOT / "data" / "raw").iterdir()):
        text = decode(path.read_bytes(), path.name).text
        for variant in (text, S2T.convert(text)):
            assert to_simplified(variant) == T2S.convert(variant)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF) | st.sampled_from(",。\n a1"),
               max_size=40))
def test_skipping_texts_without_traditional_characters_changes_nothing(text: str) -> None:
    assert to_simplified(text) == T2S.convert(text)


def test_simplify_counts_changed_characters() -> None:
    assert simplify("黨員進社區") == ("党员进社区", 4)
    assert simplify("党员进社区") == ("党员进社区", 0)
    assert simplify("") == ("", 0)


@pytest.mark.parametrize(("text", "script"), [
    ("党员进社区开展志愿服务活动", "simplified"),
    ("黨員進社區開展志願服務活動", "traditional"),
    ("党员进社区开展志愿服务活动。黨員進社區開展志願服務活動", "mixed"),
    ("2021-10-25", None),
])
def test_detect_script(text: str, script: str | None) -> None:
    assert detect_script(text) == script


def test_script_counts_reuse_the_given_count() -> None:
    assert script_counts("黨員進社區", n_trad=4) == ("traditional", 4)
    assert script_counts("黨員進社區", n_trad=0) == ("simplified", 0)
