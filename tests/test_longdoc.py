"""Very long documents are extracted piece by piece (issue 19.17): the same events as in one piece, with
positions in the whole text."""

from __future__ import annotations

import pytest

from partyevents import longdoc, pipeline
from partyevents.validate import validate_result

ACTS = ["召开党员大会,学习上级会议精神", "开展志愿服务活动,为老人理发", "组织党史学习教育专题讲座", "开展环境卫生整治",
        "举办迎新春文艺演出"]


def _page(n: int) -> str:
    lines = ["青山街道党建工作简报"]
    for i in range(n):
        month, day = i % 12 + 1, i % 27 + 1
        lines.append(f"{month}月{day}日,青山街道第{i + 1}社区党支部{ACTS[i % len(ACTS)]},参加党员{i % 80 + 5}名,"
                     f"服务群众{i % 300 + 20}人次。")
    return "\n".join(lines)


def _rows(text: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[str]]:
    rows = validate_result(pipeline.analyze_text(text, published=None, source="brief.txt"))
    events = [(e["seq"], e["date_start"], e["activity_type"], e["text"], e["char_start"]) for e in rows.events]
    figures = [(f["value"], f["category"], f["char_start"], f["char_end"]) for f in rows.figures]
    return events, figures, [p["message"] for p in rows.problems]


def test_pieces_give_the_events_of_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _page(60)
    whole = _rows(text)
    monkeypatch.setattr(longdoc, "CHUNK_CHARS", 1000)  # the page becomes several pieces
    assert len(list(longdoc.pieces(pipeline.normalize.normalize(text).text, 1000))) >= 3
    pieced = _rows(text)
    assert pieced[0] == whole[0] and len(whole[0]) == 60
    assert pieced[1] == whole[1]
    assert not [m for m in pieced[2] if "span" in m or "does not match" in m]


def test_each_position_is_in_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(longdoc, "CHUNK_CHARS", 700)
    result = pipeline.analyze_text(_page(40), source="brief.txt")
    assert [e.seq for e in result.events] == list(range(len(result.events))) and len(result.events) == 40
    text = result.text or ""
    for e in result.events:
        assert text[e.start:e.end] == e.text
        assert e.date.start is not None and text[e.date.start:e.date.end] == e.date.text
        for f in e.figures:
            assert e.start <= f.start < f.end <= e.end and text[f.start:f.end] == f.value_text
        for o in e.organizations:
            assert o.start is None or text[o.start:o.end] == o.name or o.name.endswith(text[o.start:o.end])


def test_a_line_longer_than_a_piece_is_cut_where_the_limit_falls() -> None:
    assert list(longdoc.pieces("x" * 10 + "\n" + "y" * 3, 4)) == [(0, 4), (4, 8), (8, 11), (11, 14)]
