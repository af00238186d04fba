"""Numerals: Arabic, Chinese and mixed numbers agree, both ways."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from partyevents.extract.numerals import Numeral, parse_numeral, to_chinese

_UP_TO_A_BILLION = st.integers(min_value=0, max_value=10**9)


@given(_UP_TO_A_BILLION)
def test_arabic_and_chinese_round_trip(n: int) -> None:
    assert parse_numeral(str(n)) == Numeral(float(n), False)
    assert parse_numeral(to_chinese(n)) == Numeral(float(n), False)


@given(_UP_TO_A_BILLION)
def test_agrees_with_cn2an_both_ways(n: int) -> None:
    assert parse_numeral(cn2an.an2cn(n)) == Numeral(float(n), False)
    assert cn2an.cn2an(to_chinese(n), "strict") == n


@given(st.integers(1, 9999), st.integers(0, 9999))
def test_wan_and_yi_multiply(a: int, b: int) -> None:
    assert parse_numeral(f"{a}万") == Numeral(a * 10_000.0, False)
    assert parse_numeral(f"{a}亿") == Numeral(a * 100_000_000.0, False)
    assert parse_numeral(f"{to_chinese(a)}万") == Numeral(a * 10_000.0, False)
    assert parse_numeral(f"{to_chinese(a)}亿{to_chinese(b)}万" if b else f"{to_chinese(a)}亿") == Numeral(
        a * 100_000_000.0 + b * 10_000.0, False)


@given(st.integers(1, 999), st.integers(1, 9))
def test_decimal_wan(a: int, tenth: int) -> None:
    assert parse_numeral(f"{a}.{tenth}万") == Numeral(a * 10_000.0 + tenth * 1000.0, False)


@given(st.integers(1, 10**6), st.sampled_from(["余", "多"]), st.sampled_from(["", "万"]))
def test_qualifiers_keep_the_stated_number_and_mark_it_approximate(n: int, q: str, wan: str) -> None:
    scale = 10_000.0 if wan else 1.0
    assert parse_numeral(f"{n}{q}{wan}") == Numeral(n * scale, True)  # 110余万
    assert parse_numeral(f"{n}{wan}{q}") == Numeral(n * scale, True)  # 65万多
    assert parse_numeral(f"{to_chinese(n)}{q}{wan}") == Numeral(n * scale, True)


@given(st.integers(1, 8), st.sampled_from(["", "十", "百", "千", "万"]))
def test_adjacent_digits_are_a_range_read_as_the_lower_bound(d: int, unit: str) -> None:
    low, high = to_chinese(d), to_chinese(d + 1)
    scale = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10_000}[unit]
    assert parse_numeral(f"{low}{high}{unit}") == Numeral(float(d * scale), True)


@pytest.mark.parametrize(
    ("text", "value", "approximate"),
    [
        ("两千", 2000, False), ("两三", 2, True), ("十二", 12, False), ("三千", 3000, False),
        ("一万二", 12000, False), ("三千五", 3500, False), ("两百五", 250, False), ("13万2", 132000, False),
        ("二十余", 20, True), ("1.3万", 13000, False), ("65万多", 650000, True), ("110余万", 1100000, True),
        ("十几", 10, True), ("二〇二〇", 2020, False), ("一亿二千万", 120_000_000, False), ("万", 10000, False),
        ("十万零一十", 100010, False), ("壹佰贰拾", 120, False), ("3864", 3864, False),
        ("百十", 100, True), ("千百", 1000, True), ("一百一十", 110, False),
    ],
)
def test_report_forms(text: str, value: float, approximate: bool) -> None:
    assert parse_numeral(text) == Numeral(float(value), approximate)


@pytest.mark.parametrize("text", ["", "余", "多", "几十", "二十x", "1.2.3"])
def test_non_numerals_give_none(text: str) -> None:
    assert parse_numeral(text) is None
