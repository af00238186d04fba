"""regex_cache: patterns built from stored code are the patterns re.compile builds (the plain form)."""

from __future__ import annotations

import re
import subprocess
import sys
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents import regex_cache as rx

PATTERNS = [
    (r"(?P<n>\d+(?:\.\d+)?)(?P<unit>户|人次?|名)", 0),
    (r"(?<=[县区市])[^\s,，。]{2,8}(?:镇|乡|街道)(?![办])", 0),
    (r"[\u4e00-\u9fff]{2,4}(?:党委|党支部|党总支)", re.M),
    (r"^第[一二三四五六七八九十]+[章节条]$", re.M | re.S),
    (r"(?:开展|组织|举办)(?:了)?(?:主题党日|志愿服务|宣讲)", re.I),
    ("[" + "".join(chr(c) for c in range(0x4E00, 0x4E00 + 400, 3)) + "]+", 0),
    (r"(a)(b)?(?(2)c|d)", 0),
    (r"\bfoo\b|[A-Za-z]{3,}", re.A),
]


@pytest.fixture
def fresh_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rx, "_table", {})
    monkeypatch.setattr(rx, "_used", set())
    monkeypatch.setattr(rx, "_dirty", True)  # nothing registers an atexit write from a test


@pytest.mark.usefixtures("fresh_table")
@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_compiled_twice_equals_re(pattern: str, flags: int) -> None:
    first = rx.compile(pattern, flags)  # generated and stored
    second = rx.compile(pattern, flags)  # from the stored code
    plain = re.compile(pattern, flags)
    assert first == plain and second == plain  # Pattern equality: same pattern, flags and code
    assert (second.groups, second.groupindex) == (plain.groups, plain.groupindex)


@pytest.mark.usefixtures("fresh_table")
@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="0123456789户人次名县区市镇乡街道党委支部开展了志愿服务abc \n", max_size=40))
def test_matches_like_re(case: tuple[str, int], text: str) -> None:
    pattern, flags = case
    rx.compile(pattern, flags)
    stored, plain = rx.compile(pattern, flags), re.compile(pattern, flags)
    assert [m.span() for m in stored.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.groupdict() for m in stored.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]


@pytest.mark.usefixtures("fresh_table")
def test_damaged_entry_is_compiled_afresh() -> None:
    pattern = r"(\d+)户"
    rx._loaded()[(pattern, 0)] = (0, array("I", [999, 1, 2]), 0, {}, (None,))  # code the matcher refuses
    assert rx.compile(pattern) == re.compile(pattern)


@pytest.mark.usefixtures("fresh_table")
def test_errors_and_other_inputs_behave_like_re() -> None:
    with pytest.raises(re.error):
        rx.compile(r"(unclosed")
    assert rx.compile(rb"[\x80-\xff]+") == re.compile(rb"[\x80-\xff]+")  # type: ignore[arg-type]


def test_stored_table_is_read_by_the_next_process(tmp_path: object) -> None:
    """A process fills the table and writes it at exit; the next one builds every pattern from it, equal to re's."""
    script = (
        "import re, sys\n"
        "from partyevents import regex_cache as rx\n"
        f"cases = {PATTERNS!r}\n"
        "for p, f in cases: assert rx.compile(p, f) == re.compile(p, f)\n"
        "print(len(rx._loaded()), rx._dirty)\n"
    )
    env = {"PARTYEVENTS_CACHE_DIR": str(tmp_path), "PATH": ""}
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    held, dirty = first.stdout.split()
    assert int(held) >= len(PATTERNS) and dirty == "True"  # compiled here (with the package's own), written at exit
    assert second.stdout.split() == [held, "False"]  # all read back, nothing new to write


def test_pipeline_patterns_equal_their_source() -> None:
    """Every pattern the pipeline compiled through the cache, rebuilt from its stored code, equals re.compile's."""
    import partyevents

    partyevents.extract_text("2022年12月4日\n某街道党工委组织党员志愿者开展志愿服务,上门宣传400余户。")
    table = rx._loaded()
    assert len(table) > 100
    for (pattern, flags), entry in table.items():
        assert rx._built(pattern, entry) == re.compile(pattern, flags), pattern[:60]


def test_a_table_past_the_limit_keeps_what_was_used(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setenv("PARTYEVENTS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rx, "_table", {(f"x{i}", 0): rx._code_of(f"x{i}", 0) for i in range(5)})
    monkeypatch.setattr(rx, "_used", {("x1", 0)})
    monkeypatch.setattr(rx, "_dirty", True)
    monkeypatch.setattr(rx, "MAX_PATTERNS", 3)
    rx.save()
    assert rx.load(rx._NAME, rx._KEY) == (True, {("x1", 0): rx._code_of("x1", 0)})
