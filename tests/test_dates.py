"""Dates: expressions found in the text and resolved per event (ANNOTATION.md, "Dates").

The table of cases lives in ``tests/data/date_cases.json`` (see its README).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partyevents
from partyevents.extract.dates import body_year, find_date_expressions, path_date, resolve_dates
from partyevents.records import DateInfo, DocContext, Segment
from partyevents.segment import segment

CASES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "data" / "date_cases.json").read_text(encoding="utf-8"))


def _resolve(case: dict[str, Any]) -> DateInfo:
    """Resolve ``case['text']`` with each expression opening its own event; the one under test."""
    text = case["text"]
    published = dt.date.fromisoformat(case["published"]) if case.get("published") else None
    ctx = DocContext(text=text, source_path=case.get("path"), published_date=published,
                     published_source="manifest" if published else None)
    exprs = find_date_expressions(text)
    segments = [Segment(e.start, e.end, None, e.start, e.end) for e in exprs]
    infos = resolve_dates(ctx, segments)
    return next(info for info in infos if info.text == case["date_text"])


def test_the_case_table_is_big_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['date_text']}" for i, c in enumerate(CASES)])
def test_date_case(case: dict[str, Any]) -> None:
    info = _resolve(case)
    assert case["text"][info.start : info.end] == info.text == case["date_text"]
    assert (info.year, info.month, info.day) == (case["year"], case["month"], case["day"])
    assert info.since == case.get("since", False)
    if "end" in case:
        assert info.end_date == (dt.date.fromisoformat(case["end"]) if case["end"] else None)
    if "year_source" in case:
        assert info.year_source == case["year_source"]


@pytest.mark.parametrize("text", [
    "服务3个月,60岁以上老人", "《2021-2025年发展规划》", "第七次全国人口普查", "任期为2年", "32层的高层楼栋",
    "电话0710-3512345", "共160余家单位", "编号2021123", "十个一", "一月一次",
    "春节日前夕", "不同日期", "提前日程", "每日每当日",
    "国庆节期间", "春节前夕走访", "为迎接“七一”建党节,", "庆七一、促党建", "五一村", "青少年,", "每月15日,", "共3日,",
    "各支部于每季度首月10日前报送", "须在5日前完成",
])
def test_not_dates(text: str) -> None:
    assert [e.text for e in find_date_expressions(text)] == []


def test_expressions_carry_spans_into_the_text() -> None:
    text = "前言。\n12月4日上午,甲镇召开会议;自8月28日以来,乙镇开展活动,第二天又巡查。"
    for e in find_date_expressions(text):
        assert text[e.start : e.end] == e.text
    assert [e.text for e in find_date_expressions(text, 4, 20)] == ["12月4日上午"]


def test_body_year_is_the_latest_explicit_year() -> None:
    assert body_year("2020年,甲镇召开会议。2021年10月,乙镇开展活动。") == 2021
    assert body_year("12月4日,甲镇召开会议。") is None


def test_path_date_reads_file_and_folder_names() -> None:
    assert path_date("archive/2022-12-09.txt") == (2022, 12, 9)
    assert path_date("news/20211025/a.html") == (2021, 10, 25)
    assert path_date("news/2021-13-01.txt") is None
    assert path_date("gov/xxgk/t20221213_4567.html") == (2022, 12, 13)
    assert path_date("www.example.cn/2022/12/13/article.html") == (2022, 12, 13)
    assert path_date("pages/abc2022121322.html") is None


def test_full_width_digits_resolve_through_extract_text() -> None:
    rows = partyevents.extract_text("１２月４日，甲镇召开党建工作推进会议，街道党建办、各社区书记共３０余人参加会议。", published="2022-12-09")
    ev = rows.events[0]
    assert ev["date_start"] == dt.date(2022, 12, 4)
    assert ev["date_text"] == "12月4日"


def test_no_year_is_invented_without_publication_date_or_body_year() -> None:
    text = ("【动态】\n8月26日\n甲镇召开基层党建工作推进会,街道党建办、各社区书记参加会议。\n"
            "9月4日\n乙镇组织党员志愿者开展巡河志愿服务活动,发放宣传资料,引导群众参与。\n")
    rows = partyevents.extract_text(text)
    assert [(e["year"], e["month"], e["day"]) for e in rows.events] == [(None, 8, 26), (None, 9, 4)]


def test_date_text_holds_the_expression_as_written() -> None:
    text = ("2021-10-25 13:16|\n10月24日下午,夏都街道党工委组织开展了第三季度党建观摩活动,30余人参加。\n"
            "次日,街道组织党员志愿者开展清洁家园志愿服务活动,发放宣传资料。")
    rows = partyevents.extract_text(text)
    doc_text = rows.documents[0]["text"]
    for ev in rows.events:
        if ev["date_text"] is not None:
            assert ev["date_text"] in doc_text
    assert [ev["date_text"] for ev in rows.events] == ["10月24日下午", "次日"]
    assert rows.events[1]["date_start"] == dt.date(2021, 10, 25)


_DATEISH = st.text(alphabet=list("0123456789年月日号至到-—~.起以来自从开始今去昨前天第二次当随后近上周十一二〇,。\n“”《》午时许甲镇"),
                   max_size=60)


@settings(max_examples=150, deadline=None)
@given(_DATEISH, st.sampled_from([None, dt.date(2021, 3, 1)]))
def test_any_text_resolves_to_grounded_consistent_dates(text: str, published: dt.date | None) -> None:
    segs = segment(text)
    infos = resolve_dates(DocContext(text=text, published_date=published), segs)
    assert len(infos) == len(segs)
    for seg, info in zip(segs, infos, strict=True):
        assert 0 <= seg.start < seg.end <= len(text)
        if info.text is not None:
            assert info.start is not None and text[info.start : info.end] == info.text
        if info.year and info.month and info.day:
            assert info.full_date is not None
        if info.end_date is not None:
            assert info.full_date is not None and info.end_date > info.full_date
        if published is None and info.year is not None:
            assert info.year_source in ("expression", "body", "previous")


def test_a_repaired_date_is_recorded_as_a_problem() -> None:
    rows = partyevents.extract_text("617日上午,甲镇组织党员志愿者开展巡河志愿服务活动,共30余人参加。", published="2022-06-20")
    assert (rows.events[0]["year"], rows.events[0]["month"], rows.events[0]["day"]) == (2022, 6, 17)
    assert any("617日" in p["message"] for p in rows.problems)


def test_a_relative_word_with_the_day_in_brackets_takes_the_bracketed_day() -> None:
    rows = partyevents.extract_text("昨日(6月2日),记者从区委组织部获悉,全区开展主题党日活动,组织党员干部30余人参加。")
    assert [(e["month"], e["day"], e["date_text"]) for e in rows.events] == [(6, 2, "6月2日")]


@pytest.mark.parametrize("text", ["支部规定每月5日召开党员大会。", "活动第3日在乙村开展。", "会议定于本月8日召开。"])
def test_a_day_between_subject_and_verb_needs_a_subject(text: str) -> None:
    """每月5日召开 is a rule, 第3日 an ordinal, 本月8日 a month word's day: no day-only date is read there."""
    assert [e.text for e in find_date_expressions(text) if e.relative is None and e.month is None and e.day is not None] == []


def test_a_year_word_before_an_age_is_no_date() -> None:
    assert [e.text for e in find_date_expressions("今年70岁的王大爷,今年已经80多岁的李奶奶,今年3月入党。")] == ["今年3月"]


def test_a_recent_word_before_de_describes_a_thing() -> None:
    assert [e.text for e in find_date_expressions("由于近期的降雨,近日,某村党支部组织党员清理水渠。")] == ["近日"]


def test_a_part_of_the_day_takes_the_day_written_before_it() -> None:
    text = "9月12日清晨,一阵大风刮过柳溪乡松岗村。\n上午,帮扶工作队核对信息。\n下午,工作队走访松岗村困难户。\n"
    rows = partyevents.extract_text(text, published="2021-09-20")
    assert [(e["month"], e["day"], e["date_text"]) for e in rows.events][-1] == (9, 12, "下午")
    assert all(e["year"] == 2021 for e in rows.events)


def test_a_part_of_the_day_is_a_date_only_opening_its_line() -> None:
    assert [e.text for e in find_date_expressions("甲镇召开会议。下午,乙村开展活动。\n下午,丙村开展活动。")] == ["下午"]


def test_a_recent_word_before_a_noun_describes_a_thing() -> None:
    text = "各支部书记说明近期工作重点,驻村干部问起老人近期身体好不好。日前,某村召开会议。"
    assert [e.text for e in find_date_expressions(text)] == ["日前"]


def test_a_lunar_festival_day_before_zhiji_is_an_occasion_not_a_day() -> None:
    text = "农历八月十五中秋佳节之际,桂花社区组织居民做月饼。正月十五,桂花社区举办灯会。"
    assert [e.text for e in find_date_expressions(text)] == ["正月十五"]


def test_today_before_de_describes_a_thing() -> None:
    assert [e.text for e in find_date_expressions("珍惜今天的好日子。今天,某村举行升旗仪式。")] == ["今天"]


def test_this_year_lai_reads_as_since() -> None:
    exprs = find_date_expressions("今年来,某街道建成议事厅6个。当天来,某村")
    assert [(e.text, e.since) for e in exprs] == [("今年来", True), ("当天", False)]


def test_a_since_form_that_needs_the_comma_after_it_stays_one_when_its_event_is_resolved() -> None:
    rows = partyevents.extract_text("今年来,桐梓镇为外出务工党员建起4处流动党员驿站。", published="2023-06-01")
    ev = rows.events[0]
    assert (ev["date_text"], ev["date_since"], ev["year"]) == ("今年来", True, 2023)


def test_a_day_without_its_month_takes_the_month_of_the_dateline_when_nothing_else_tells_it() -> None:
    text = "东方网榆林4月2日电 为推动园区党建与生产经营深度融合、补齐基层组织短板,我县出台新办法。30日上午,榆阳镇召开推进会。"
    ev = partyevents.extract_text(text).events[0]
    assert (ev["date_text"], ev["month"], ev["day"]) == ("30日上午", 3, 30)


def test_a_year_that_tells_a_founding_is_no_year_of_the_report() -> None:
    text = "3月8日,柳湾村组织妇女开展插花活动。\n2011年,柳湾村合作社创立,如今年收入可观。"
    assert body_year(text) is None


def test_a_festival_day_with_its_long_name_or_in_quotes_or_after_a_year_dates_the_event() -> None:
    def first(text: str, published: str | None = "2023-12-20") -> tuple[Any, ...]:
        ev = partyevents.extract_text(text, published=published).events[0]
        return ev["date_text"], ev["year"], ev["month"], ev["day"]
    assert first("枫林村于七一建党节上午组织党员升国旗。") == ("七一建党节", 2023, 7, 1)
    assert first("“八一”当天,枫林村慰问退役老兵。") == ("“八一”", 2023, 8, 1)
    assert first("2021年重阳节当天,枫林村为老人理发。") == ("2021年重阳节", 2021, 10, 14)
    assert first("去年国庆节当天,枫林村举行升旗仪式。") == ("去年国庆节", 2022, 10, 1)
    # the eve or the days around a festival are no day of it
    assert first("在“七一”建党节来临之际,枫林村慰问老党员。")[0] is None


def test_a_day_after_a_month_word_takes_that_month() -> None:
    def dates(text: str, published: str | None = "2023-10-28") -> list[tuple[Any, ...]]:
        return [(ev["date_text"], ev["year"], ev["month"], ev["day"])
                for ev in partyevents.extract_text(text, published=published).events]
    assert dates("9月3日,青石村开党员会。\n当月21日,青石村又组织党员清理河道。") == [
        ("9月3日", 2023, 9, 3), ("当月21日", 2023, 9, 21)]
    assert dates("9月3日,青石村开党员会。次月2日,青石村组织义诊。") == [
        ("9月3日", 2023, 9, 3), ("次月2日", 2023, 10, 2)]
    assert dates("本月12日,青石村开党员会。") == [("本月12日", 2023, 10, 12)]
    assert dates("上月12日,青石村开党员会。") == [("上月12日", 2023, 9, 12)]
    # 当月 alone opens nothing
    assert dates("9月3日,青石村开党员会。\n当月,全村还完成了道路硬化。") == [("9月3日", 2023, 9, 3)]


def test_a_day_without_a_month_takes_the_month_of_a_festival_named_before_it() -> None:
    text = "在“五一”劳动节到来之际,槐树村慰问一线职工。\n28日下午,槐树村召开表彰会。"
    ev = partyevents.extract_text(text).events[-1]
    assert (ev["date_text"], ev["month"], ev["day"]) == ("28日下午", 4, 28)
    text = "教师节前夕,槐树村走访老教师。\n12日上午,槐树村召开座谈会。"
    ev = partyevents.extract_text(text).events[-1]
    assert (ev["month"], ev["day"]) == (9, 12)


def test_a_founding_year_and_month_well_before_the_publication_date_dates_no_event() -> None:
    text = "2016年9月,石桥镇党委批准柳湾村成立合作社党支部,从此党员有了主心骨。"
    assert partyevents.extract_text(text, published="2021-05-06").events[0]["month"] is None
    assert partyevents.extract_text(text, published="2016-10-06").events[0]["month"] == 9


def test_a_founding_day_well_before_the_publication_date_dates_no_event() -> None:
    text = "2015年6月18日,柳湾村党支部正式成立,首批党员12名。"
    assert partyevents.extract_text(text, published="2021-05-06").events[0]["month"] is None
    assert partyevents.extract_text(text, published="2015-06-20").events[0]["day"] == 18
    assert partyevents.extract_text("2015年6月18日,柳湾村召开党支部成立大会。", published="2021-05-06").events[0]["day"] == 18


def test_a_year_after_a_founding_word_is_no_year_of_the_report() -> None:
    assert body_year("4月2日,柳湾社区组织义诊。柳湾社区建成于2009年,居民2000余户。") is None


def test_a_year_written_with_a_look_alike_of_zero_is_read_through_extract_text() -> None:
    for year in ("二○二二年", "二O二二年", "二0二二年"):
        rows = partyevents.extract_text(f"{year}十一月八日,青山镇召开基层党建工作推进会议,各村书记参加会议。")
        assert rows.events[0]["date_start"] == dt.date(2022, 11, 8), year


def test_a_day_after_a_numbered_item_mark_opening_its_line_is_a_date() -> None:
    text = "1.11月2日,青山镇召开党建推进会。\n2.11月5日,青山镇组织党员开展巡河。\n全年增长3.12个百分点。"
    assert [e.text for e in find_date_expressions(text)] == ["11月2日", "11月5日"]
    assert [text[s.date_start : s.date_end] for s in segment(text) if s.date_start is not None] == ["11月2日", "11月5日"]


def test_a_bare_day_with_no_month_anywhere_stays_in_the_date_text_only() -> None:
    rows = partyevents.extract_text("本报讯(通讯员 钱某)9日,河口乡组织党员志愿者为独居老人清扫庭院,共30余人参加。")
    ev = rows.events[0]
    assert ev["date_text"] == "9日" and (ev["year"], ev["month"], ev["day"]) == (None, None, None)


def test_a_bare_day_takes_the_month_of_a_publication_month_without_a_day() -> None:
    text = "◆9日,河口乡组织党员志愿者为独居老人清扫庭院。"
    ctx = DocContext(text=text, source_path="news/2023/05/a.html")
    e = find_date_expressions(text)[0]
    info = resolve_dates(ctx, [Segment(e.start, len(text), None, e.start, e.end)])[0]
    assert (info.year, info.month, info.day) == (2023, 5, 9)


@pytest.mark.parametrize(("text", "end"), [
    ("10月8日—11日,河口乡举办党员轮训班,共60名党员参加。", (10, 11)),
    ("5月6、7日,河口乡举办党员轮训班,共60名党员参加。", (5, 7)),
    ("11月29日至12月2日,河口乡举办党员轮训班,共60名党员参加。", (12, 2)),
    ("10月8日,河口乡举办党员轮训班,共60名党员参加。", (None, None)),
])
def test_a_range_without_a_year_keeps_its_end_month_and_day(text: str, end: tuple[int | None, int | None]) -> None:
    ev = partyevents.extract_text(text).events[0]
    assert ev["year"] is None and ev["date_end"] is None
    assert (ev["month_end"], ev["day_end"]) == end


def test_a_range_with_a_year_keeps_its_end_date_and_parts() -> None:
    ev = partyevents.extract_text("10月8日—11日,河口乡举办党员轮训班。", published="2023-10-20").events[0]
    assert ev["date_end"] == dt.date(2023, 10, 11) and (ev["month_end"], ev["day_end"]) == (10, 11)


@pytest.mark.parametrize(("day", "year"), [("2月3日", 2023), ("11月3日", 2022)])
def test_a_season_of_two_years_gives_the_year_that_holds_the_month(day: str, year: int) -> None:
    text = f"{day},河口乡组织党员开展集中学习。这是该乡抓好2022-2023年度党员冬训的一项举措。"
    assert partyevents.extract_text(text).events[0]["year"] == year
