"""Activity types: every taxonomy label is reachable, and the main clause outweighs the others."""

from __future__ import annotations

import pytest

from partyevents.extract.activities import classify_activities, classify_text
from partyevents.records import DocContext, Event
from partyevents.resources import read_table, taxonomy

_FIRST_KEYWORD: dict[str, str] = {}
for _label, _word, *_ in read_table("activity_keywords.tsv"):
    _FIRST_KEYWORD.setdefault(_label, _word)


@pytest.mark.parametrize("label", [t for t in taxonomy() if t != "other"])
def test_each_label_is_recognised_from_its_first_keyword(label: str) -> None:
    primary, labels = classify_text(f"街道{_FIRST_KEYWORD[label]}。")
    assert primary == label
    assert labels[0] == label


def test_other_only_when_nothing_applies() -> None:
    assert classify_text("天气晴朗。") == ("other", ["other"])
    assert "other" not in classify_text("召开推进会。")[1]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("米公街道召开疫情防控推进会。", "meeting"),
        ("区教育局与向阳社区党委旋即召开部署动员会。", "meeting"),
        ("屏襄门街道组织党员志愿者开展巡河志愿服务活动,发放宣传资料。", "volunteer_service"),
        ("王寨街道联合社工志愿者,为患病群众开展心理疏导,让疫情防控工作更有温度。", "volunteer_service"),
        ("第二天,响应创建文明城市号召,教育系统党员干部和志愿者全员出动。", "volunteer_service"),
    ],
)
def test_main_clause_outweighs_subordinate_cues(text: str, want: str) -> None:
    assert classify_text(text)[0] == want


def test_subordinate_cue_is_still_listed_when_strong_enough() -> None:
    _, labels = classify_text("米公街道召开疫情防控推进会。")
    assert set(labels) == {"meeting", "epidemic_control"}


def test_labels_come_from_the_taxonomy() -> None:
    text = "社区召开座谈会,开展志愿服务和宣传,慰问困难群众。"
    [(primary, labels)] = classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])
    assert primary == labels[0]
    assert set(labels) <= set(taxonomy())
