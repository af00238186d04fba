"""Figures: the golden phrase table, spans, and the figure grammar's invariants."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partyevents.extract.figures import find_figures
from partyevents.extract.numerals import to_chinese
from partyevents.models import FIGURE_CATEGORIES, FigureKind


def _found(text: str) -> list[tuple[str, str]]:
    """(value text, category) of each figure found in ``text``."""
    return [(f.value_text, f.category) for f in find_figures(text)]


CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "data" / "figure_cases.json").read_text("utf-8"))


def _params() -> list[Any]:
    out = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        out.append(pytest.param(case, id=case["text"][:16], marks=marks))
    return out


@pytest.mark.parametrize("case", _params())
def test_golden_phrase(case: dict[str, Any]) -> None:
    found = [
        {"value_text": f.value_text, "value": f.value, "unit": f.unit, "category": f.category, "noun": f.noun,
         "approximate": f.approximate, "value_max": f.value_max, "kind": f.kind}
        for f in find_figures(case["text"])
    ]
    assert found == [{"value_max": None, "kind": "count", **fig} for fig in case["figures"]]


def test_the_golden_table_is_big_and_uses_only_known_categories_and_kinds() -> None:
    assert len(CASES) >= 80
    assert sum(1 for c in CASES if not c["figures"]) >= 30  # not-a-figure cases
    assert {f["category"] for c in CASES for f in c["figures"]} <= set(FIGURE_CATEGORIES)
    kinds = Counter(f.get("kind", "count") for c in CASES if not c.get("xfail") for f in c["figures"])
    assert set(kinds) == set(get_args(FigureKind)) and min(kinds.values()) >= 3  # every kind has golden cases
    assert sum(1 for c in CASES for f in c["figures"] if f.get("value_max") is not None) >= 2  # ranges


def test_offsets_are_document_offsets_within_the_window() -> None:
    text = "前言。全镇97名志愿者参与防控,上门宣传400余户。尾声30人。"
    start, end = text.index("全镇"), text.index("尾声")
    figs = find_figures(text, start, end)
    assert [f.value_text for f in figs] == ["97名", "400余户"]
    assert all(text[f.start : f.end] == f.value_text and start <= f.start and f.end <= end for f in figs)


def test_a_noun_outside_the_window_is_not_read() -> None:
    text = "社区工作者325人"
    fig = find_figures(text, text.index("3"))[0]
    assert (fig.value, fig.category, fig.noun) == (325.0, "people", None)


_PIECES = st.sampled_from(["97名志愿者", "400余户", "“十个一”", "第七次", "12月4日", "两三个小区", "1.3万名党员",
                           "、", ",", "社区", "一户居民", "近10万元", "60岁", "《三张清单》", "工作者325人", "万",
                           "0", "多", "余", "个", "“", "”", "(", ")"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=12), st.data())
def test_any_text_gives_grounded_figures_with_known_categories(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    for f in find_figures(text, start, end):
        assert text[f.start : f.end] == f.value_text
        assert start <= f.start < f.end <= end
        assert f.category in FIGURE_CATEGORIES
        assert f.value >= 0


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=3, max_value=10**8), st.sampled_from(["", "余", "多"]))
def test_arabic_and_chinese_figures_agree(n: int, qualifier: str) -> None:
    for numeral in (str(n), to_chinese(n)):
        text = f"共有{numeral}{qualifier}名志愿者参加。"
        (fig,) = find_figures(text)
        assert (fig.value, fig.category, fig.approximate) == (float(n), "volunteers", bool(qualifier))
        assert fig.value_text == f"{numeral}{qualifier}名"


def test_a_long_digit_string_is_a_code_not_a_count() -> None:
    assert find_figures("编码" + "9" * 400 + "个") == []
    assert find_figures("备案号123456789012345个") == []


def test_event_totals_take_count_figures_only() -> None:
    """Running totals, plans and quoted numbers stay in the figures table but do not fill the event's totals."""
    import partyevents

    rows = partyevents.extract_text(
        "12月8日\n牛首镇组织40名志愿者上门宣传120户。截至目前,全镇已有志愿者900余名,累计走访3000余户。"
        "镇里计划再组织300名志愿者。", published="2022-12-20")
    assert [(f["value_text"], f["kind"]) for f in rows.figures] == [
        ("40名", "count"), ("120户", "count"), ("900余名", "cumulative"), ("3000余户", "cumulative"),
        ("300名", "target")]
    assert [(e["volunteers"], e["households"]) for e in rows.events] == [(40, 120)]


def test_spaced_digits_before_a_measure_word_are_a_figure() -> None:
    from partyevents import extract_text

    rows = extract_text("5 月 6 日,某镇党委组织 300 余名党员开展志愿服务。", published="2023-05-10")
    assert [(f["value"], f["category"]) for f in rows.figures] == [(300.0, "party_members")]


def test_rare_measure_words_raft_households_pens_and_a_slip_for_ming() -> None:
    found = [(f.value_text, f.value, f.category) for f in find_figures("湖湾里养鱼的有300多排户,网箱3万多格,党员60多员。")]
    assert found == [("300多排户", 300.0, "households"), ("3万多格", 30000.0, "other"), ("60多员", 60.0, "party_members")]
    # a kind of tank and "one of" are no counts
    assert find_figures("改建三格式化粪池,他成为其中一员。") == []


def test_speaking_team_members_are_volunteers_and_the_four_leading_bodies_are_no_count() -> None:
    found = [(f.value_text, f.category) for f in find_figures("社区招募的理论宣讲员共15名,走进楼道宣讲。")]
    assert found == [("15名", "volunteers")]
    assert find_figures("区四套班子领导和县四个班子成员出席。") == []
    assert [f.value_text for f in find_figures("对7个乡镇班子进行考核。")] == ["7个"]


def test_a_total_of_a_list_of_several_kinds_of_people_counts_people() -> None:
    assert _found("乡机关干部和大学生志愿者共计40多人参加植树。") == [("40多人", "people")]
    assert _found("乡机关干部、网格员以及退休教师合计35人到场。") == [("35人", "people")]
    # a list of one kind keeps its kind; an adjective before the noun is no list item
    assert _found("部分青年志愿者共计40多人参加植树。") == [("40多人", "volunteers")]


def test_people_a_service_team_owns_are_its_volunteers() -> None:
    found = [(f.value_text, f.category) for f in find_figures("小区爱心服务队的六位阿姨包了饺子,志愿队的8名同志送到老人家中。")]
    assert found == [("六位", "volunteers"), ("8名", "volunteers")]
    # a team that is not the owner of the people counted says nothing of them
    assert [f.category for f in find_figures("服务队走访了六位老人。")] == ["people"]


def test_the_same_set_of_things_mentioned_again_is_one_figure() -> None:
    text = "全乡17个基层党支部书记参赛,评委对全乡17个基层党支部逐一打分,又对17个基层党支部进行点评。"
    assert [(f.value_text, f.category) for f in find_figures(text)] == [("17个", "cadres"), ("17个", "organizations")]
    # things named in a list are another set; people counted at each step are kept
    assert len(find_figures("走访甲、乙2个村和丙等2个村。")) == 2
    assert len(find_figures("百余名骑手前来参与,百余名骑手一同合影。")) == 2


def test_kinds_of_places_listed_before_a_word_for_their_officials_count_the_officials() -> None:
    assert _found("青山镇9个村、社区党组织书记轮流上台述职。") == [("9个", "cadres")]
    assert _found("全县6个乡镇、街道党委书记参加了培训。") == [("6个", "cadres")]
    # their members, or no word for people after them: the places are counted, as with 三个党支部党员
    assert _found("青山镇9个村、社区党员参加了活动。") == [("9个", "places")]
    assert _found("活动覆盖了9个村、社区。") == [("9个", "places")]
    # a new count after the list mark is a figure of its own
    assert _found("全省5个市、7个县的代表参加。") == [("5个", "places"), ("7个", "places")]


def test_a_small_count_of_people_standing_as_a_clause_subject_for_people_told_of_is_no_figure() -> None:
    assert _found("老周和小吴是村里的护林员。山路难走,但两人从未缺勤。") == []
    assert _found("老周和小吴是村里的护林员。两人每天清晨进山。") == []
    # set beside what it counts, repeating a count, or some of the people counted, it stays a figure
    assert _found("网格员孙某、周某两人逐户走访。") == [("两人", "cadres")]
    assert _found("护林小组由三名老党员组成,他们三人常年守在山上。") == [("三名", "party_members"), ("三人", "people")]
    assert _found("共有30余人参赛,两人获得一等奖。") == [("30余人", "people"), ("两人", "people")]


def test_people_named_after_a_verb_of_studying_are_the_topic_even_when_the_text_is_cut_off() -> None:
    assert _found("支部组织党员缅怀赵某、钱某等5位烈士") == []
    assert _found("党员学习黄某某等6名时代楷模") == []
    # people taking part, the studying told apart from them, are counted
    assert _found("参加学习的孙某等20名党员") == [("20名", "party_members")]


def test_person_times_with_the_ci_in_brackets() -> None:
    """人(次), 人（次）: person-times, the 次 set off in brackets (full-width ones are ASCII once normalized)."""
    import partyevents

    assert _found("全年为独居老人理发120余人(次)。") == [("120余人(次)", "person_times")]
    figs = partyevents.extract_text("5月8日,柳荫社区开展义诊,服务居民85人（次）。").figures
    assert [(f["value"], f["category"]) for f in figs] == [(85.0, "person_times")]
