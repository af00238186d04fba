"""Activity types: every taxonomy label is reachable, and the main clause outweighs the others."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import partyevents
from partyevents.extract.activities import (
    classify_activities,
    classify_text,
    clause_actors,
    clause_cues,
    clause_topics,
    score_labels,
)
from partyevents.records import DocContext, Event
from partyevents.resources import read_table, taxonomy


def _primary(text: str) -> str:
    """The primary label :func:`classify_activities` gives a one-event text of no title."""
    return classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0][0]

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
        ("作为驻村工作队的一员,她每周走访慰问独居老人。", "assistance"),
    ],
)
def test_main_clause_outweighs_subordinate_cues(text: str, want: str) -> None:
    assert classify_text(text)[0] == want


def test_a_clause_of_manner_is_subordinate_unless_it_holds_the_action() -> None:
    assert classify_text("立足巡河护岸,石牛镇随后召开推进会。")[0] == "meeting"
    assert classify_text("3月1日,结合春耕组织义务劳动,石牛镇随后召开推进会。")[0] == "volunteer_service"
    assert classify_text("5月6日,利用巡河间隙,红溪村支委会召开碰头会。")[0] == "meeting"


def test_a_clause_going_on_with_the_purpose_is_subordinate() -> None:
    assert classify_text("为夯实组织根基,推动党课学习常态化,青石镇召开推进会。")[0] == "meeting"


def test_the_founding_of_the_party_is_an_anniversary_and_its_greeting_the_occasion() -> None:
    assert classify_text("7月1日,喜迎党成立百年,石台镇召开座谈会。") == ("meeting", ["meeting"])


def test_who_takes_part_closing_a_list_with_等_is_no_main_clause() -> None:
    assert classify_text("4月3日,青溪社区带领老党员、志愿者等20余人,前往南岭烈士陵园祭扫。")[0] == "commemoration"


def test_what_the_day_is_is_no_main_clause() -> None:
    assert classify_text("2023年是南岭乡建乡七十周年,南岭乡带领党员清扫河堤。")[0] == "volunteer_service"


def test_the_partys_day_said_as_a_time_is_no_cue() -> None:
    assert classify_text("北坡村支委会于建党节当日组织党员上党课。") == ("study", ["study"])


def test_looking_and_learning_on_a_visit_is_an_inspection() -> None:
    text = "6月3日,柳溪乡干部赴邻县观摩学习。大家先参观学习了茶园,又参观学习了竹编坊,还参观学习了民宿。"
    assert classify_text(text)[0] == "inspection"


def test_a_meeting_held_to_do_an_act_is_its_vehicle() -> None:
    assert _primary("6月3日,南岭村党支部召开党员大会,成立南岭村第二联合党支部。") == "org_building"
    assert _primary("6月3日,南岭镇召开推进会,部署疫情防控工作。") == "meeting"


def test_subject_matter_right_before_the_act_is_its_object() -> None:
    text = "8月2日,南岭社区组织党员开展垃圾分类宣传,在桶站前值守。"
    assert classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0][0] == "outreach"


def test_a_cue_inside_a_partners_name_is_no_cue() -> None:
    text = "7月20日,南岭社区党支部联合青禾物业党支部开展“夏送清凉”主题党日活动,为环卫工人送去防暑物品。"
    import partyevents

    [event] = partyevents.extract_text(text).events
    assert event["activity_type"] == "study" and "governance" not in event["activity_types"]


@pytest.mark.parametrize(
    "text", ["9月1日,南岭社区党群服务中心完成建设并向群众开放,中心将依托活动室开展学习讨论。", "9月1日,南岭村文明实践站正式投用。"]
)
def test_a_facility_built_or_opened_is_org_building(text: str) -> None:
    import partyevents

    [event] = partyevents.extract_text(text).events
    assert event["activity_type"] == "org_building"


def test_a_title_names_no_side_act_the_event_tells_only_at_its_end() -> None:
    text = "3月5日,南岭社区启动学雷锋志愿服务月活动,志愿者为居民清扫楼道。活动中,社区还成立了一支服务队。"
    ctx = DocContext(text=text, title="南岭社区成立服务队")
    assert classify_activities(ctx, [Event(0, 0, len(text), text)])[0][0] == "volunteer_service"
    ctx = DocContext(text=text, title="南岭社区清扫楼道")
    assert classify_activities(ctx, [Event(0, 0, len(text), text)])[0][0] == "volunteer_service"


def test_the_tie_between_partners_is_no_activity_what_they_do_is() -> None:
    assert _primary("4月10日,南岭小学党支部与结对共建的南岭社区党支部共同开展卫生清扫活动。") == "volunteer_service"
    assert _primary("4月10日,南岭小学党支部与南岭社区党支部开展联建共建活动,党员们清扫街道。") == "co_building"


def test_an_activity_named_as_such_beats_subject_matter() -> None:
    text = "8月2日,南岭社区党员在垃圾分类桶前值守,引导居民分类投放,开展志愿服务活动。"
    assert classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0][0] == "volunteer_service"


def test_a_word_that_opens_with_a_subordinator_opens_no_subordinate_clause() -> None:
    assert classify_text("近日,在职党员纷纷到居住地社区报到,开展志愿服务。")[0] == "co_building"


def test_what_a_leader_tells_is_no_label_of_the_event() -> None:
    text = "5月6日,南岭镇召开部署会,镇党委书记王某指出,要优化规划布局和人才的选拔。"
    assert classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0][1] == ["meeting"]


def test_a_medical_check_up_is_no_inspection() -> None:
    assert "inspection" not in classify_text("10月9日,西岭社区开展敬老志愿服务,医生为老人量血压、做检查。")[1]


def test_subordinate_cue_is_still_listed_when_strong_enough() -> None:
    _, labels = classify_text("米公街道召开疫情防控推进会。")
    assert set(labels) == {"meeting", "epidemic_control"}


def test_labels_come_from_the_taxonomy() -> None:
    text = "社区召开座谈会,开展志愿服务和宣传,慰问困难群众。"
    [(primary, labels)] = classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])
    assert primary == labels[0]
    assert set(labels) <= set(taxonomy())


_SAMPLES = [
    "米公街道召开疫情防控推进会。会后开展志愿服务,为群众发放资料、宣传普法;让社区治理更有温度。",
    "8月26日,为推进党员干部下沉社区,区教育局党委召开动员大会,学习二十大精神。成立志愿服务队:巡河、巡查。",
    "社区组建“小分队”,召开表彰会员大会。\n次日,社会治理与社区治理培训开展,召开了部署会议",
    "巡逻队成立以来,队员们每晚巡查。志愿服务开展以来 ,群众点赞",
    "为学习精神,助推乡村振兴,8月9日,镇党委组织观摩、调研。为开展志愿服务,近日 ,社区召开会议",
    "社区在组织建设、基层治理、志愿服务等方面开展共建、结对,召开会议",
    "天气晴朗。。为了,在:",
    "",
]


def _clause_by_clause(text: str) -> list[tuple[str, tuple[float, int]]]:
    """The scoring rule read literally: every sentence, every clause, :func:`clause_cues` on each."""
    weights = {row[0]: float(row[1]) for row in read_table("activity_weights.tsv")}
    rows = read_table("activity_subordinators.tsv")
    subordinators = tuple(row[0] for row in rows if len(row) < 2 or row[1] == "opening")
    own_words = tuple(row[0] for row in rows if len(row) > 1 and row[1] == "word")  # 在职: no subordinator

    def opens_subordinate(clause: str) -> bool:
        words = clause.lstrip(" “”\"'‘’")
        return words.startswith(subordinators) and not words.startswith(own_words)

    endings = tuple(row[0] for row in rows if len(row) > 1 and row[1] == "ending")
    times = [row[0] for row in rows if len(row) > 1 and row[1] == "time"]
    actions = [row[0] for row in rows if len(row) > 1 and row[1] == "action"]
    asides = [row[0] for row in rows if len(row) > 1 and row[1] == "aside"]  # what went before or around the activity
    person_titles = [row[1] for row in read_table("activity_titles.tsv") if row[0] == "title"]  # 、第一书记巴特尔,
    opens_with_time = re.compile("[ \u3000]*(?:(?:\\d{1,4}年)?\\d{1,2}月|\\d{1,2}日|" + "|".join(times) + ")")
    first = re.split(r"[,，;；:：、\n]", re.split(r"(?<=[。!！?？])", text)[0])
    lead_end = 0  # a first sentence opening with 为…: its clauses before the first that opens with a time
    if len(first) > 1 and opens_subordinate(first[0]):
        at = len(first[0]) + 1
        for clause in first[1:]:
            if opens_with_time.match(clause):
                lead_end = at
                break
            at += len(clause) + 1
    sentences = re.split(r"(?<=[。!！?？])", text)
    any_time = re.compile("\\d{1,2}月|\\d{1,2}[日号]|" + "|".join(times))
    main_sentence = 0
    backgrounds = tuple(row[0] for row in rows if len(row) > 1 and row[1] == "background")
    background_endings = tuple(row[0] for row in rows if len(row) > 1 and row[1] == "background_ending")
    head = re.split(r"[,，;；:：、\n。!！?？]", text)[0]  # the first clause and the mark that ends it
    mark = text[len(head) : len(head) + 1]
    if not lead_end and mark and (text.lstrip(" “”\"'‘’").startswith(backgrounds)
                                  or (mark not in "。!！?？" and head.endswith(background_endings))):
        # a background opening the event (近年来…, 今年以来,…): the activity comes in the first later clause or
        # sentence that opens with a time, and the sentence it stands in is the main one
        later = re.compile("(?<=[,，;；:：、\n。!！?？])" + opens_with_time.pattern)
        if (m := later.search(text, len(head))) is not None:
            lead_end, start = m.start(), 0
            for k, sentence in enumerate(sentences):
                if lead_end < start + len(sentence):
                    main_sentence = k
                    break
                start += len(sentence)
    # an undated first sentence before one that opens with a time: the second is the main one
    if not lead_end and len(sentences) > 1 and sentences[0][-1:] in "。!！?？" and not any_time.search(sentences[0]):
        spaces = len(sentences[1]) - len(sentences[1].lstrip(" \u3000\n"))
        second = sentences[1][spaces:]
        tail = re.split(r"[,，;；:：、\n。!！?？]", second)[0]
        # a first sentence holding no cue (a motto) before one whose first clause ends with a span up to now
        # (今年以来,) is the second's lead as well
        since_after_motto = (tail.endswith(background_endings) and second[len(tail) : len(tail) + 1] in list(",，;；:：、\n")
                             and not any(clause_cues(c) for c in re.split(r"[,，;；:：、\n]", sentences[0])))
        if re.match("(?:\\d{1,4}年)?\\d{1,2}月|\\d{1,2}日|" + any_time.pattern, second) or since_after_motto:
            lead_end, main_sentence = len(sentences[0]) + spaces, 1
    scores: dict[str, list[float]] = {}
    pos, main_found = 0, False
    for n_sentence, sentence in enumerate(sentences):
        cpos = pos
        for clause in re.split(r"[,，;；:：、\n]", sentence):
            found = clause_cues(clause)
            end = cpos + len(clause)
            listed = clause.find("等")  # the last item of a list closed by 等 with no verb of action after it
            inner_item = cpos > 0 and text[cpos - 1] == "、" and (
                (end < len(text) and text[end] == "、")
                or (listed >= 0 and not any(a in clause[listed:] for a in actions))
                or any(re.fullmatch(f".*?{t}[\u4e00-\u9fff·]{{0,3}}", clause, re.S) for t in person_titles))
            if found:
                if (opens_subordinate(clause) or clause.endswith(endings)
                        or cpos < lead_end or any(a in clause for a in asides)):
                    w = weights["subordinate"]
                elif n_sentence == main_sentence and not main_found and not inner_item:
                    w, main_found = weights["main"], True
                else:
                    w = weights["sentence"] if n_sentence == main_sentence else weights["rest"]
                # a topic or who acts (志愿者) of the main clause: as in another clause of its sentence
                minor = clause_topics(clause) | clause_actors(clause) if w == weights["main"] else set()
                for label, (strength, offset) in found.items():
                    weight = weights["sentence"] if label in minor else w
                    scores.setdefault(label, [0.0, float(cpos + offset)])[0] += weight * strength
            cpos += len(clause) + 1
        pos += len(sentence)
    return [(k, (v[0], int(v[1]))) for k, v in scores.items()]


@pytest.mark.parametrize("text", _SAMPLES)
def test_scores_read_once_per_event_equal_the_clause_by_clause_rule(text: str) -> None:
    want = _clause_by_clause(text)
    assert list(score_labels(text).items()) == want  # same labels, scores, positions and order
    for cut in range(0, len(text), 7):  # and on pieces cut anywhere
        assert list(score_labels(text[cut:]).items()) == _clause_by_clause(text[cut:])


def test_clause_by_clause_fallback_gives_the_same_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    from partyevents.extract import activities

    fast = [list(score_labels(t).items()) for t in _SAMPLES]
    monkeypatch.setattr(activities, "_scan_whole", lambda: False)  # as for a keyword holding a comma
    assert [list(score_labels(t).items()) for t in _SAMPLES] == fast


_PIECES = [
    *list(_FIRST_KEYWORD.values())[:12],
    *[row[0] for row in read_table("activity_subordinators.tsv")][:4],
    *["召开", "会", "会员", "推进会", "学习", "精神", "成立", "服务队", "社会治理", "治理", "街道", "群众"],
    *["第一书记", "驻村第一书记", "张明", "巴特尔", "和", "等", "选派"],  # titles: named people or the post
    *["以来", "以来 "],  # a clause ending with 以来 is subordinate (not with a space after it)
    *["8月9日", "12日", "近日", " 近日", "2023年5月"],  # a clause opening with a time ends a purpose lead
    *["6号", "上午"],  # and a sentence opening with one ends an undated first sentence
    *["参加完", "间隙"],  # a clause holding a word of kind aside is subordinate
    *list(",，;；:：、\n。!！?？"),
    " ",
    "“",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_scores_read_once_per_event_equal_the_clause_by_clause_rule_on_generated_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert list(score_labels(text).items()) == _clause_by_clause(text)


# --- issue 14: activity types (tests/data/activity_cases.json) ---

_ACTIVITY_CASES = json.loads(
    (Path(__file__).parent / "data" / "activity_cases.json").read_text(encoding="utf-8")
)["cases"]


@pytest.mark.parametrize("case", _ACTIVITY_CASES, ids=[c["text"][:16] for c in _ACTIVITY_CASES])
def test_activity_cases(case: dict[str, Any]) -> None:
    import partyevents

    [event] = partyevents.extract_text(case["text"]).events
    assert event["activity_type"] in case["labels"]


def test_a_word_that_holds_a_cue_but_is_none_gives_no_label() -> None:
    assert "outreach" not in clause_cues("区委宣传部负责人参加")
    assert "outreach" in clause_cues("开展宣传活动")


def test_the_organizer_is_not_read_as_the_activity() -> None:
    from partyevents.records import OrgMention

    text = "驻村工作队看望群众"
    ev = Event(0, 0, len(text), text)
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "personnel"  # read as written
    ev.organization = OrgMention("驻村工作队", 0, 5)
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "assistance"


def test_a_team_named_for_its_work_keeps_that_work_but_loses_a_tie_to_the_verb() -> None:
    from partyevents.records import OrgMention

    def primary(text: str, organizer: str) -> str:
        ev = Event(0, 0, len(text), text)
        ev.organization = OrgMention(organizer, text.index(organizer), text.index(organizer) + len(organizer))
        return classify_activities(DocContext(text=text), [ev])[0][0]

    assert primary("东坡区“百姓”宣讲团选派骨干到青石村,开展政策宣讲", "东坡区“百姓”宣讲团") == "study"
    assert primary("白鹭社区志愿服务队为独居老人打扫房间", "白鹭社区志愿服务队") == "volunteer_service"
    assert primary("白鹭社区志愿服务队开展防诈骗宣讲", "白鹭社区志愿服务队") == "study"  # the verb wins the tie
    assert primary("驻村工作队为困难户送去米面", "驻村工作队") == "assistance"  # no team word: all masked


def test_a_title_before_a_name_is_a_person_not_an_activity() -> None:
    assert "personnel" not in clause_cues("第一书记李红梅慰问")  # a name follows: the person
    assert "personnel" in clause_cues("选派第一书记")  # the post itself
    assert "personnel" in clause_cues("第一书记和工作队员")  # 和 after a title is "and", no family name
    assert "personnel" not in clause_cues("驻村第一书记等参加")  # a list of people
    assert "personnel" not in score_labels("镇干部、驻村第一书记、村干部赴外地观摩。")  # an item of a list of people
    assert "personnel" in score_labels("镇里选派驻村第一书记。")


def test_a_word_for_a_region_is_no_cue_of_self_government() -> None:
    assert "governance" not in clause_cues("广西壮族自治区")
    assert "governance" in clause_cues("推行居民自治")


def test_a_topic_right_before_a_named_activity_gives_way_to_that_activity() -> None:
    import partyevents

    def primary(text: str) -> str:
        [event] = partyevents.extract_text(text).events
        return str(event["activity_type"])

    assert primary("4月9日,云溪镇开展防疫政策宣传活动。") == "outreach"  # 防疫 is what the 宣传 is about
    assert primary("4月9日,云溪镇开展网格化治理督查工作。") == "inspection"  # a topic of two cues, one topic
    assert primary("4月9日,云溪镇举办特色产业培训班。") == "study"
    assert primary("4月9日,云溪镇开展防疫宣传、排查和服务。") == "epidemic_control"  # the topic of a list of tasks
    assert primary("4月9日,云溪镇慰问防疫一线人员。") == "assistance"  # a verb and its object


def test_a_summary_whose_items_are_all_of_one_kind_is_of_that_kind() -> None:
    text = ("随着新一届村班子上任,全镇推进产业发展和乡村振兴。\n一是举办短期集训培训,讲解惠农政策。\n"
            "二是组织结对帮带培训。\n三是赴外地考察学习先进做法。")
    ev = Event(0, 0, len(text), text)
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "study"
    mixed = text.replace("三是赴外地考察学习先进做法", "三是看望慰问困难户")
    ev = Event(0, 0, len(mixed), mixed)
    assert classify_activities(DocContext(text=mixed), [ev])[0][0] == "economic"  # items of several kinds


def test_the_sentence_that_opens_with_the_events_date_names_its_activity() -> None:
    text = "枫岭村大力培育特色产业。全村样貌一新。2024年5月,枫岭村荣获省级先进党组织称号。"
    ev = Event(0, 0, len(text), text)
    ev.date.start, ev.date.month = text.index("2024"), 5
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "award"
    ev.date.month = None  # a year alone is no day's activity: the first sentence leads
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "economic"


def test_election_checkpoints_and_the_basis_of_an_activity() -> None:
    assert classify_text("3月2日,石泉村完成了“两委”选举。")[0] == "org_building"
    text = "3月4日,各支部党员深入路段,在路口设卡参加联防联控,按照网格化、全覆盖清查工作要求,给居民量体温。"
    assert classify_text(text)[0] == "epidemic_control"  # …要求, is the basis, not the activity


def test_what_is_done_in_the_main_sentence_wins_over_its_subject_matter_repeated_later() -> None:
    def primary(text: str) -> str:
        ev = Event(0, 0, len(text), text)
        return classify_activities(DocContext(text=text), [ev])[0][0]

    talk = "会上大家谈人才培养。人才是关键。要引进人才、留住人才。"
    assert primary("6月1日,青禾镇举行了人才交流会。" + talk) == "meeting"  # the form, not the topic
    farm = "大家学习了产业发展经验。要做强产业,发展集体经济。"
    assert primary("为推进产业兴旺,6月1日,青禾镇组织干部赴石泉县观摩学习乡村振兴经验。" + farm) == "inspection"
    assert primary("6月1日,青禾镇开展疫情防控排查。随后开展宣传。") == "epidemic_control"  # epidemic control does not yield


def test_the_title_of_a_page_of_one_event_names_its_activity() -> None:
    text = "为深入开展“双报到”活动,5月3日,青禾中学党支部组织党员走进石泉社区,开展义务劳动。"
    ev = Event(0, 0, len(text), text)
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "volunteer_service"  # no title: the main clause
    titled = DocContext(text=text, title="青禾中学党支部深入开展“双报到”活动")
    assert classify_activities(titled, [ev])[0][0] == "co_building"
    two = [Event(0, 0, len(text), text), Event(1, 0, len(text), text)]
    assert classify_activities(titled, two)[0][0] == "volunteer_service"  # a page of several events: each its own


def test_the_title_names_the_activity_of_an_occasion_that_has_no_label_of_its_own() -> None:
    text = "为增进邻里感情,近日,石泉社区开展“携手同行”系列活动。居民和志愿者一起清扫楼道、修剪绿植。"
    ev = Event(0, 0, len(text), text)
    assert classify_activities(DocContext(text=text), [ev])[0][0] == "other"  # no title: a named occasion, no label
    titled = DocContext(text=text, title="石泉社区“携手同行”志愿服务活动")
    assert classify_activities(titled, [ev])[0][0] == "volunteer_service"


def test_flood_control_done_by_volunteers_is_volunteer_service_else_other() -> None:
    def primary(text: str) -> str:
        ev = Event(0, 0, len(text), text)
        return classify_activities(DocContext(text=text), [ev])[0][0]

    assert primary("7月9日,青禾镇党员志愿者连夜奔赴河堤防汛抢险。") == "volunteer_service"
    assert primary("7月9日,青禾镇干部连夜奔赴河堤防汛抢险。") == "other"


def test_words_said_and_titles_of_attendees_are_no_cues() -> None:
    def labels(text: str) -> list[str]:
        ev = Event(0, 0, len(text), text)
        return classify_activities(DocContext(text=text), [ev])[0][1]

    said = "5月3日,石泉社区开展义诊活动。“在家门口就能检查,太方便了!”刚看完病的李大爷说。"
    assert "inspection" not in labels(said)  # a resident's words
    assert "personnel" not in labels("5月3日,青禾镇召开座谈会,各村“第一书记”等60人参加。")  # who attends
    assert labels("5月3日,石泉社区开展“清洁家园,你我同行”卫生清扫活动。")[0] == "volunteer_service"  # a slogan is kept


def test_a_visit_to_old_people_living_alone_is_assistance() -> None:
    assert classify_text("5月3日,石泉社区党支部组织党员走访独居老人。")[0] == "assistance"
    assert classify_text("5月3日,石泉社区党支部组织党员走访辖区企业。")[0] != "assistance"


def test_a_title_of_people_who_attend_is_no_cue() -> None:
    assert "personnel" not in clause_cues("师生党员和入党积极分子共同参加了活动")
    assert "personnel" not in clause_cues("12名预备党员参加")
    assert "personnel" in clause_cues("确定入党积极分子")  # the step of recruiting itself


def test_disputes_services_at_the_door_and_lectures() -> None:
    assert classify_text("5月3日,石泉社区调解了一起邻里纠纷。")[0] == "governance"
    assert classify_text("5月3日,石泉社区为行动不便的老人上门理发。")[0] == "assistance"
    assert "study" in classify_text("5月3日,石泉社区举办健康知识讲座。")[1]


def test_celebrating_an_anniversary_is_no_commemoration_the_meeting_held_is_the_activity() -> None:
    assert classify_text("6月30日,青禾镇召开庆祝中国共产党成立一百周年座谈会。")[0] == "meeting"
    assert classify_text("4月3日,青禾镇组织党员到烈士陵园缅怀先烈。")[0] == "commemoration"


def test_a_festival_names_the_occasion_not_the_activity() -> None:
    assert classify_text("10月9日,东坪社区开展“爱在重阳”活动,为老人义务理发。")[0] == "volunteer_service"


def test_what_went_before_or_around_the_activity_is_no_main_clause() -> None:
    assert classify_text("9月2日,党员们刚参加完专题培训,又一起打扫村委会院落。")[0] == "volunteer_service"
    assert classify_text("9月2日,会议结束后,党员们来到河边清扫垃圾。")[0] == "volunteer_service"


def test_a_title_naming_what_went_around_the_activity_does_not_name_it() -> None:
    text = "3月5日,东岭村干部利用培训学习间隙,召开了一次碰头会。"
    [event] = classify_activities(DocContext(text=text, title="东岭村赴邻县培训学习"), [Event(0, 0, len(text), text)])
    assert event[0] == "meeting"


def test_a_title_and_name_closing_a_list_of_who_acts_is_no_main_clause() -> None:
    text = "7月6日下午,镇党委书记扎西与老党员、牧区第一书记巴特尔,来到牧场,给党员讲授党课。"
    assert classify_text(text)[0] == "study"


def test_who_acts_is_not_what_they_do() -> None:
    assert _primary("近日,东岭村志愿者入户上门,向群众宣传防诈骗知识。") == "outreach"
    assert _primary("近日,东岭村党员志愿者奔赴河堤,参与防汛抢险。") == "volunteer_service"


def test_an_award_handed_out_at_a_meeting_leaves_it_a_meeting() -> None:
    text = "6月28日,南岭镇召开党员大会,表彰优秀共产党员。"
    labels = classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0]
    assert labels[0] == "meeting"
    assert "award" in labels[1]


def test_cleaning_up_by_hand_is_volunteer_service() -> None:
    assert classify_text("4月2日,东岭村党员分头除草、扫地、捡垃圾,干得热火朝天。")[0] == "volunteer_service"


def test_a_named_occasion_of_no_label_is_other_whatever_the_later_paragraphs_tell() -> None:
    def classified(text: str) -> tuple[str, list[str]]:
        return classify_activities(DocContext(text=text), [Event(0, 0, len(text), text)])[0]

    primary, _ = classified("7月3日,东岭乡举办第五届赛马会。\n赛场边,党员向牧民宣讲政策,还走访慰问了困难户。")
    assert primary == "other"
    primary, _ = classified("7月3日,东岭村党员走进社区开展服务活动。\n大家清扫楼道,清理杂物。")
    assert primary == "volunteer_service"  # a generic activity: what the paragraphs tell


def test_a_motto_opening_the_page_leaves_the_main_clause_to_the_sentence_after_it() -> None:
    # the first sentence holds no cue; the second opens with a span up to now and tells the activity, so a topic
    # the later paragraphs repeat (乡村振兴, 产业发展) does not outweigh it
    text = ("好风凭借力。今年以来,青山县委组织部组织80名村党组织书记赴外省围绕乡村振兴开展学习考察。\n"
            "书记们参加了专题轮训班,听取了乡村振兴战略解读。\n"
            "大家表示要抓好产业发展、农民增收,争当乡村振兴的排头兵。")
    assert partyevents.extract_text(text).events[0]["activity_type"] == "study"


def test_a_topic_of_the_main_clause_does_not_outrank_its_activity() -> None:
    # 疫情防控 is only the topic of the 推进会: the later clauses of the same subject matter do not lift it over the
    # meeting the main clause holds
    text = "3月9日,青岗乡召开疫情防控推进会,部署疫情防控和核酸检测工作。会后各村开展疫苗接种。"
    assert _primary(text) == "meeting"
    assert "epidemic_control" in classify_text(text)[1]


def test_for_an_audience_a_lecture_is_the_activity_not_a_purpose() -> None:
    # 为 + who is taught + a lecture names the beneficiary; 为 + a verb stays a purpose
    assert _primary("6月28日,镇党委书记来到石岭村,为全村党员上了一堂专题党课,随后走访困难党员。") == "study"
    assert _primary("6月28日,为深入宣讲政策,石岭村走访困难党员。") == "assistance"


def test_an_act_named_before_a_meeting_is_its_topic_unless_the_meeting_is_named_for_it() -> None:
    # 换届选举 is what the 部署会议 is about: the meeting is the activity, however much the election is told after it
    text = ("5月8日,青岗镇召开换届选举工作部署会议,村干部到会。镇里设立换届工作指导组,"
            "负责指导换届选举。换届选举工作月底结束。")
    assert _primary(text) == "meeting"
    assert "org_building" in classify_text(text)[1]
    # the founding is what a 成立大会 is held for
    assert _primary("5月8日,青岗镇举行商会党委成立大会,镇领导出席大会。") == "org_building"


def test_flood_control_is_the_topic_of_a_meeting_named_for_it() -> None:
    # other (flood control) is subject matter like epidemic control: right before the meeting's name, its topic
    text = "7月2日,青岗镇召开防汛工作部署会,安排防汛抢险和灾情排查。"
    assert _primary(text) == "meeting"
    assert "other" in classify_text(text)[1]


def test_a_national_meeting_opening_is_the_occasion_not_the_activity() -> None:
    text = "3月5日,十四届全国人大二次会议在京开幕。当天,东岭社区组织党员群众收听收看开幕盛况。"
    assert _primary(text) == "study"
    assert _primary("3月5日,东岭镇第五届人民代表大会第一次会议开幕。") == "meeting"  # a local one is the activity


def test_volunteers_named_before_what_they_do_in_the_main_clause_are_who_acts() -> None:
    # 志愿者 is the subject of the main clause; 看望, 宣传 are what is done there
    text = "9月2日,青岗村志愿者上门看望孤寡老人。"
    assert _primary(text) == "assistance"
    assert "volunteer_service" in classify_text(text)[1]
    assert _primary("9月2日,青岗村组织志愿者开展防诈骗宣传。") == "outreach"
    assert _primary("9月2日,青岗村组织慰问志愿者。") == "assistance"  # who is visited: the act comes first anyway


def test_a_list_item_ending_with_a_title_named_twice_is_no_main_clause() -> None:
    # the title the clause ends with is the last one written (found by the generated-text equivalence test)
    assert list(score_labels("、第一书记第一书记").items()) == [("personnel", (1.1, 1))]


def test_a_title_named_before_what_its_holder_does_in_the_main_clause_is_who_acts() -> None:
    # 驻村第一书记 is who acts; 规范化建设 is what is done
    text = "4月6日,驻村第一书记指导石岭村党支部开展规范化建设。"
    assert _primary(text) == "org_building"
    assert "personnel" in classify_text(text)[1]
