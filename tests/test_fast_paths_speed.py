"""Per-document speed-ups agree with the plain forms they replace.

Each bounded scan or per-document cache added for speed is checked against the plain code it stands
for: on the sample documents and on generated text made of the pieces that matter to it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents import ingest, normalize
from partyevents.extract import dates

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _samples() -> list[str]:
    return [normalize.normalize(ingest.decode(p.read_bytes(), str(p)).text).text
            for p in sorted(RAW.iterdir()) if p.suffix in (".txt", ".html")]


SAMPLES = _samples()


def _plain_before(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """The plain form: scan on to the text's end, stop at the first match from ``end`` on."""
    out = []
    for m in pattern.finditer(text, start):
        if m.start() >= end:
            break
        out.append(m)
    return out


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


_BOUNDED = [(dates._DAY_ONLY, dates._DAY_REACH), (dates._RUN_DAY, dates._DAY_REACH),
            (dates._holiday_re(), dates._holiday_reach())]

_DAY_PIECES = st.one_of(
    st.sampled_from(["日", "号", "至", "到", "—", "–", "-", "~", "上午", "晚", "晚会", "以来", "开始", "起", "起草",
                     ",", ",", "。", "\n", " ", "   ", "\u3000", "甲", "乙镇", "当天", "当日", "一早",
                     *dates.holidays()]),
    st.text(alphabet="0123456789", min_size=1, max_size=8),
    st.text(alphabet=" \n\t\u3000", min_size=1, max_size=40),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_DAY_PIECES, max_size=80), st.data())
def test_bounded_day_and_holiday_scans_find_what_the_plain_scans_find(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for pattern, reach in _BOUNDED:
        assert _spans(dates._matches_before(pattern, text, start, end, reach)) == _spans(
            _plain_before(pattern, text, start, end))


@pytest.mark.parametrize("text", SAMPLES)
def test_bounded_scans_agree_on_every_line_of_the_samples(text: str) -> None:
    cuts = [0, *(i + 1 for i, c in enumerate(text) if c in "\n。,"), len(text)]
    for start, end in zip(cuts, cuts[1:]):
        for pattern, reach in _BOUNDED:
            assert _spans(dates._matches_before(pattern, text, start, end, reach)) == _spans(
                _plain_before(pattern, text, start, end))


@pytest.mark.parametrize("shape", [
    "5日至12日上午以来,", "3 日 至 4 日 开始 ", "20210315日晚,", "429日下午,", "国庆节当天,", "中秋节晚会,", "12号起草,",
    "8日—9日,", "8日——9日\n", "1日\t\t至 \u30002日 起,",
])
def test_bounded_scans_agree_on_shapes_cut_anywhere(shape: str) -> None:
    text = "甲," + shape + "乙" * 120
    for start in range(len(shape) + 2):
        for end in range(start, len(shape) + 3):
            for pattern, reach in _BOUNDED:
                assert _spans(dates._matches_before(pattern, text, start, end, reach)) == _spans(
                    _plain_before(pattern, text, start, end)), (start, end)
