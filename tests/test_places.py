"""Places: locality per event, resolved to its administrative chain by document context."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partyevents import extract_text
from partyevents.extract.places import resolve_places
from partyevents.records import DateInfo, DocContext, Event, OrgMention, Place, Problem


def run(text: str, title: str | None = None, org: str | None = None) -> tuple[Place | None, list[Problem]]:
    """Resolve one event spanning the whole text (organizer ``org`` if given)."""
    ev = Event(seq=0, start=0, end=len(text), text=text)
    if org:
        start = text.index(org)
        ev.organization = OrgMention(org, start, start + len(org))
    places, problems = resolve_places(DocContext(text=text, title=title), [ev])
    return places[0], problems


def chain(p: Place | None) -> tuple:
    assert p is not None
    return (p.name, p.level, p.province, p.prefecture, p.county, p.township, p.community, p.adcode)


def test_short_form_resolves_to_full_name_with_chain_and_code() -> None:
    p, problems = run("江夏发布《致江夏区返乡游子的倡议书》")
    assert chain(p) == ("江夏区", "county", "湖北省", "武汉市", "江夏区", None, None, "420115")
    assert p is not None and p.surface == "江夏" and (p.start, p.end) == (0, 2)
    assert problems == []


def test_deepest_of_adjacent_names_wins() -> None:
    p, _ = run("今年以来,武汉市江夏区认真梳理做法")
    assert chain(p)[:5] == ("江夏区", "county", "湖北省", "武汉市", "江夏区")


def test_shared_township_resolved_by_context() -> None:
    g_text = "12月11日\n城关镇召开推进会。"
    p, problems = run(g_text, title="兴和县组织工作动态")
    assert chain(p)[:6] == ("城关镇", "township", "内蒙古自治区", "乌兰察布市", "兴和县", "城关镇")
    assert problems == []


def test_shared_township_without_context_is_left_unresolved_with_a_warning() -> None:
    p, problems = run("城关镇召开推进会。")
    assert p is not None and (p.name, p.county, p.prefecture, p.adcode) == ("城关镇", None, None, None)
    (problem,) = problems
    assert (problem.stage, problem.severity) == ("extract", "warning")
    assert len(json.loads(problem.detail or "{}")["candidates"]) > 50


def test_community_under_township_from_the_text() -> None:
    text = "纸坊街道秀山社区党委以楼道议事为抓手"
    p, _ = run(text, org="纸坊街道秀山社区党委")
    assert chain(p) == ("秀山社区", "community", "湖北省", "武汉市", "江夏区", "纸坊街道", "秀山社区", "420115")
    assert p is not None and text[p.start : p.end] == p.surface  # type: ignore[index]


def test_community_unknown_to_the_gazetteer_still_counts_after_its_township() -> None:
    p, _ = run("江陵县资市镇桂香里社区组织义务理发")
    assert chain(p)[:7] == ("桂香里社区", "community", "湖北省", "荆州市", "江陵县", "资市镇", "桂香里社区")


def test_bureau_of_a_county_working_in_a_named_community() -> None:
    p, _ = run("江夏区财政局结对下沉纸坊街秀山社区", org="江夏区财政局")
    assert chain(p)[:6] == ("秀山社区", "community", "湖北省", "武汉市", "江夏区", "纸坊街道")


def test_brand_name_is_not_a_township() -> None:
    p, _ = run("江夏锦绣中原商圈获评示范街区", title="武汉市江夏区党建简报")
    assert chain(p)[:2] == ("江夏区", "county")
    p, _ = run("中原商圈党建工作")
    assert p is None


def test_event_without_a_place_inherits_the_documents_home() -> None:
    text = "据市委组织部介绍,全市推行结对共建。株洲已安排36家机关支部结对。"
    cut = text.index("株洲")
    places, _ = resolve_places(DocContext(text=text), [Event(0, 0, cut, text[:cut]), Event(1, cut, len(text), text[cut:])])
    assert chain(places[0])[:4] == ("株洲市", "prefecture", "湖南省", "株洲市")
    assert places[0] is not None and places[0].start is None
    assert chain(places[1])[0] == "株洲市" and places[1] is not None and places[1].start == cut


def test_traditional_script_is_resolved_after_conversion() -> None:
    rows = extract_text("12月6日\n江陵縣資市鎮召開疫情防控推進會。", published="2022-12-09")
    (event,) = rows.events
    assert (event["locality"], event["county"], event["prefecture"], event["adcode"]) == (
        "资市镇",
        "江陵县",
        "荆州市",
        "421024",
    )


def test_village_after_its_township() -> None:
    p, _ = run("12月8日,江陵县资市镇桂香村召开支部大会")
    assert chain(p)[:7] == ("桂香村", "village", "湖北省", "荆州市", "江陵县", "资市镇", "桂香村")


def test_action_words_after_a_township_are_not_a_community() -> None:
    p, _ = run("资市镇组织社区老党员清扫楼道,熊河镇各村(社区)同步跟进")
    assert chain(p)[:2] == ("资市镇", "township")


def test_a_persons_hometown_is_not_the_locality() -> None:
    p, _ = run("李华,湖北江陵人,在资市镇开展宣讲")
    assert chain(p)[:5] == ("资市镇", "township", "湖北省", "荆州市", "江陵县")


def _line_events(text: str) -> list[Event]:
    """One event per line of ``text``."""
    events, start = [], 0
    for seq, line in enumerate(text.split("\n")):
        events.append(Event(seq=seq, start=start, end=start + len(line), text=line))
        start += len(line) + 1
    return events


def test_each_event_takes_the_places_in_its_own_span_and_names_inside_a_community_are_dropped() -> None:
    text = "江陵县资市镇社区组织义务理发。\n江夏区纸坊街秀山社区举行议事协商会。"
    events = _line_events(text)
    places, problems = resolve_places(DocContext(text=text), events)
    # 资市镇 inside 资市镇社区 is part of the community's name, not the event's place
    assert [chain(p)[:6] for p in places] == [
        ("资市镇社区", "community", "湖北省", "荆州市", "江陵县", None),
        ("秀山社区", "community", "湖北省", "武汉市", "江夏区", "纸坊街道"),
    ]
    assert problems == []


def test_organizer_that_is_only_a_place_keeps_that_place_over_a_community_it_mentions() -> None:
    # the district itself acts; the community is merely mentioned (contrast 江夏区财政局 above)
    p, _ = run("江夏区召开推进会,纸坊街秀山社区作交流发言", org="江夏区")
    assert chain(p)[:5] == ("江夏区", "county", "湖北省", "武汉市", "江夏区")


CASES = json.loads((Path(__file__).parent / "data" / "place_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['class'][:1]}-{i}" for i, c in enumerate(CASES)])
def test_place_cases(case: dict) -> None:
    """Table-driven cases, one or more per failure class of issue 13 (``tests/data/place_cases.json``)."""
    text = case["text"]
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text=case.get("date_text"), year=case.get("year")))
    if case.get("org"):
        start = text.index(case["org"])
        ev.organization = OrgMention(case["org"], start, start + len(case["org"]))
    for body in case.get("bodies", []):  # other bodies the organization finder named
        start = text.index(body)
        ev.organizations.append(OrgMention(body, start, start + len(body)))
    ctx = DocContext(text=text, title=case.get("title"), manifest_place=case.get("manifest_place"))
    (place,), problems = resolve_places(ctx, [ev])
    want = case["want"]
    if "place" in want:
        assert place is None
        return
    assert place is not None
    got = {k: getattr(place, k) for k in want}
    assert got == want, case["note"]
    messages = " ".join(p.message for p in problems)
    if "problem" in case:
        assert case["problem"] in messages, case["note"]
    else:
        assert not problems, case["note"]


def test_a_township_placed_under_its_county_stays_there_where_it_is_named_alone() -> None:
    text = "4月2日，腾冲市五合镇召开党员大会。\n4月9日，五合镇各村开展植树活动。"
    events = _line_events(text)
    places, problems = resolve_places(DocContext(text=text), events)
    assert [chain(p)[:6] for p in places] == [("五合镇", "township", "云南省", "保山市", "腾冲市", "五合镇")] * 2
    assert problems == []


def test_a_document_naming_several_townships_once_each_is_about_the_county_they_share() -> None:
    text = "为迎接建党节，县直机关开展系列活动。\n6月29日，机关党员分别到曲石镇、明光镇走访老党员。"
    events = _line_events(text)
    places, _ = resolve_places(DocContext(text=text), events)
    assert [chain(p)[:6] for p in places] == [("腾冲市", "county", "云南省", "保山市", "腾冲市", None)] * 2
    assert places[0] is not None and places[0].source == "document" and places[0].start is None


def test_a_province_wide_page_telling_of_one_village_stays_the_provinces() -> None:
    text = ("今年以来，云南省选派干部驻村帮扶，云南各地村集体经济稳步增长。\n"
            "在腾冲市固东镇河头村，河头村村民种植中药材增收。\n"
            "2019年以来，驻村工作队共帮助群众办实事2万余件。")
    events = _line_events(text)
    places, _ = resolve_places(DocContext(text=text), events)
    assert chain(places[1])[:2] == ("河头村", "village")
    assert chain(places[2])[:3] == ("云南省", "province", "云南省")


def test_no_village_name_ends_in_a_verb_before_cun() -> None:
    from partyevents.extract import places

    assert places._name_reach("县直单位驻") == 0  # 县直单位驻村工作队: no village 单位驻村
    assert places._name_reach("书记听取") < 2  # 听取村党支部汇报: no village 听取村
    assert places._name_reach("到河头") == 2


def _resolved(text: str, title: str | None = None) -> list[tuple]:
    places, _ = resolve_places(DocContext(text=text, title=title), _line_events(text))
    return [chain(p)[:7] for p in places]


def test_the_community_a_page_names_most_is_the_home_of_events_naming_no_place() -> None:
    # 锦绣社区 is also a township's name in Hefei: the page's community wins, under the county it names
    text = (
        "6月1日，锦绣社区召开党员大会。\n6月3日，锦绣社区组织志愿者清扫楼道。\n"
        "6月5日，锦绣社区与金桥社区开展联谊。\n6月9日，西陵区文明办检查创建工作。\n6月8日，志愿者走访独居老人。"
    )
    assert _resolved(text)[4] == ("锦绣社区", "community", "湖北省", "宜昌市", "西陵区", "葛洲坝街道", "锦绣社区")


def test_a_community_named_twice_among_others_is_no_home_of_a_city_page() -> None:
    text = (
        "3月1日，宜昌市召开驻村工作动员会。\n工作组来到伍家岗区桔城路社区，桔城路社区居民列队欢迎。\n"
        "另一组来到夷陵区许家冲村。\n市里还将继续选派干部。"
    )
    assert _resolved(text)[3][:2] == ("宜昌市", "prefecture")


def test_a_village_standing_on_its_own_is_found_again_where_it_is_named_later() -> None:
    text = "江陵县委组织部派驻丰收村工作队入户走访。\n一是分组排查。丰收村共有9个村民小组。\n针对丰收村外出人员多，工作队晚上入户。\n二是建立台账。"
    got = _resolved(text, title="驻丰收村工作队：遍访农户")
    assert got[2] == ("丰收村", "village", "湖北省", "荆州市", "江陵县", None, "丰收村")
    assert got[3] == got[2]  # the village named three times is the page's home


def test_an_unresolved_township_does_not_outrank_a_county_named_as_often() -> None:
    text = (
        "9月1日，常青第三居委会举办文艺汇演，常青第三居委会党支部书记致辞。\n节目由居民自编自演，常青第三居委会获评先进。\n"
        "搬到太平镇以后，居民生活更便利，该居委会曾获蔡甸区文明单位称号。\n居民合唱。"
    )
    assert _resolved(text)[3] == ("常青第三居委会", "community", "湖北省", "武汉市", "蔡甸区", None, "常青第三居委会")


def test_a_community_may_stand_right_after_a_time_word() -> None:
    assert _resolved("近日桂花社区开展消防演练。\n居民们踊跃参加。") == [("桂花社区", "community", None, None, None, None, "桂花社区")] * 2


def test_the_only_community_a_page_names_is_its_home() -> None:
    text = "4月4日下午，桂花社区组织党员到烈士陵园祭扫。\n随后，党员们瞻仰烈士墓碑。"
    events = _line_events(text)
    events[0].organization = OrgMention("桂花社区", 7, 11)  # the organizer the organization finder reads there
    places, _ = resolve_places(DocContext(text=text), events)
    assert chain(places[1])[:7] == ("桂花社区", "community", None, None, None, None, "桂花社区")


def test_a_township_written_longer_than_the_dictionary_writes_it_is_that_township_under_its_page_name() -> None:
    # 黄陂区 has 木兰乡 in the dictionary; a page writing 木兰山乡 right after the county means it
    text = "4月3日，黄陂区木兰山乡召开党员大会。\n4月5日，木兰山乡各村开展植树活动。"
    got = _resolved(text)
    assert got[0] == ("木兰山乡", "township", "湖北省", "武汉市", "黄陂区", "木兰山乡", None)


def test_a_township_written_with_a_direction_after_the_dictionary_name_is_not_taken_for_it() -> None:
    from partyevents.extract.gazetteer import gazetteer

    gz = gazetteer()
    county = gz.find("黄陂区")[0].candidates[0]
    assert gz.divisions[gz.township_near(county, "木兰山乡")].name == "木兰乡"
    assert gz.township_near(county, "木兰东乡") is None  # a township split off
    assert gz.township_near(county, "前川街道") is None  # the dictionary's own name: no near one needed


def test_the_party_prefix_does_not_lend_its_last_character_to_a_county() -> None:
    assert _resolved("3月2日，中共和县县委召开全会。")[0][:5] == ("和县", "county", "安徽省", "马鞍山市", "和县")
    assert _resolved("6月1日，共和县委组织部召开会议。")[0][4] == "共和县"
    assert _resolved("6月1日，中共共青城市委召开会议。")[0][4] == "共青城市"


def test_a_township_written_under_another_suffix_is_found_when_the_page_corroborates_it() -> None:
    # the dictionary has 松北街道 only; the page writes 松北镇
    by_province = "4月8日，松北镇召开党员大会，哈尔滨市委组织部派员指导。"
    assert _resolved(by_province)[0][:6] == ("松北镇", "township", "黑龙江省", "哈尔滨市", "松北区", "松北镇")
    by_village = "4月8日，松北镇金星村召开党员大会。"  # 金星村 is listed under 松北街道
    assert _resolved(by_village)[0] == ("金星村", "village", "黑龙江省", "哈尔滨市", "松北区", "松北镇", "金星村")
    places, _ = resolve_places(DocContext(text="4月8日，松北镇召开党员大会。"), _line_events("4月8日，松北镇召开党员大会。"))
    assert places == [None]  # nothing tells it is that one


def test_venues_in_other_townships_leave_the_organizers_township_when_the_page_never_names_their_county() -> None:
    # the spec's locality is a place the text names: the county the gazetteer puts all three townships in is not
    text = "5月12日，凤山镇组织村支部书记赴三里畈镇乌石冲村、九资河镇七娘山村观摩学习。"
    assert _resolved(text)[0][:6] == ("凤山镇", "township", "湖北省", "黄冈市", "罗田县", "凤山镇")
    named = "5月12日，罗田县凤山镇组织村支部书记赴三里畈镇乌石冲村、九资河镇七娘山村观摩学习。"
    assert _resolved(named)[0][:2] == ("罗田县", "county")


def test_a_martyrs_cemetery_named_after_a_county_stands_for_it() -> None:
    assert _resolved("4月3日，育才社区组织党员到通道烈士陵园祭扫。")[0][:5] == (
        "通道侗族自治县", "county", "湖南省", "怀化市", "通道侗族自治县")
    places, _ = resolve_places(DocContext(text="4月3日，和平纪念馆开放。"), _line_events("4月3日，和平纪念馆开放。"))
    assert places == [None]


def test_a_list_of_qualities_before_community_building_names_no_community() -> None:
    # 平原县 has a 幸福社区 and a 和谐社区: a quality list is no mention of them
    text = "近日，平原县第一中学党支部组织党员走进社区，推进平安、文明、幸福社区建设。"
    assert _resolved(text)[0][:2] == ("平原县", "county")
    from partyevents.extract.places import _quality_list

    listed = "平原县和谐社区、幸福社区建设新的服务站。"  # the item before the mark is a community: a list of names
    assert not _quality_list(listed, listed.index("幸福"), listed.index("建设"))
    assert _quality_list(text, text.index("幸福"), text.index("建设"))


def test_a_page_naming_only_its_community_is_placed_where_the_country_has_the_one_so_named() -> None:
    text = "5月20日，劲松北社区党委组织志愿者清理楼道。\n随后，志愿者们走访独居老人。"
    events = _line_events(text)
    events[0].organization = OrgMention("劲松北社区党委", 6, 13)
    places, _ = resolve_places(DocContext(text=text), events)
    want = ("劲松北社区", "community", "北京市", "北京市", "朝阳区", "劲松街道", "劲松北社区")
    assert [chain(p)[:7] for p in places] == [want, want]


def test_a_community_named_in_many_places_of_the_country_stays_without_a_chain() -> None:
    text = "5月20日，幸福社区党委组织志愿者清理楼道。"
    events = _line_events(text)
    events[0].organization = OrgMention("幸福社区党委", 6, 12)
    places, _ = resolve_places(DocContext(text=text), events)
    assert chain(places[0])[:7] == ("幸福社区", "community", None, None, None, None, "幸福社区")


def test_a_township_the_dictionary_names_by_its_suffix_alone_is_no_name_in_the_chain() -> None:
    from partyevents.extract.gazetteer import gazetteer
    from partyevents.extract.place_chain import chain_of

    gz = gazetteer()
    bare = next(d for d in gz.divisions if d.level == "township" and d.name == "街道")
    assert chain_of(gz, bare.id).township is None


def test_a_village_named_after_its_kind_stands_on_its_own() -> None:
    text = "3月12日上午，县委宣传部党支部组织党员到帮扶村梨树湾村开展植树活动。"
    assert _resolved(text)[0][:2] == ("梨树湾村", "village")


def test_a_name_of_five_characters_may_stand_on_its_own() -> None:
    text = "本周石门坎第二居民区党总支开展敬老活动。"
    events = _line_events(text)
    events[0].organization = OrgMention("石门坎第二居民区党总支", 2, 13)
    places, _ = resolve_places(DocContext(text=text), events)
    assert chain(places[0])[:2] == ("石门坎第二居民区", "community")


def test_a_village_after_a_township_the_gazetteer_lacks_keeps_that_township_as_written() -> None:
    text = "松北镇兴隆村党支部共有党员30名。\n下一步，该村将继续推进。"  # the dictionary has 松北街道 only
    events = _line_events(text)
    events[0].organization = OrgMention("松北镇兴隆村党支部", 0, 9)
    places, _ = resolve_places(DocContext(text=text), events)
    assert chain(places[0])[:7] == ("兴隆村", "village", None, None, None, "松北镇", "兴隆村")


def _dated(text: str, date: str, org: str | None = None) -> Place | None:
    """The locality of one event spanning ``text``, dated by ``date`` (and organized by ``org``) where written."""
    ev = Event(seq=0, start=0, end=len(text), text=text)
    d = text.index(date)
    ev.date = DateInfo(text=date, start=d, end=d + len(date))
    if org:
        o = text.index(org)
        ev.organization = OrgMention(org, o, o + len(org))
    places, _ = resolve_places(DocContext(text=text), [ev])
    return places[0]


def test_a_township_named_again_without_its_suffix_before_its_predicate_is_that_township() -> None:
    text = "诸暨市璜山镇推行党员联户制度。\n经过逐户摸排,璜山确定全镇45户示范户。\n沿璜山二级公路植树。"
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert chain(places[1])[:6] == ("璜山镇", "township", "浙江省", "绍兴市", "诸暨市", "璜山镇")
    assert places[1] is not None and places[1].source == "event"
    assert places[2] is not None and places[2].source == "document"  # 璜山二级公路: a road's name, no place named


def test_a_townships_office_working_in_one_of_its_communities_is_placed_there() -> None:
    text = "6月3日下午,诸暨市店口镇财政所党员陈立新带着登记表,敲开了湄池社区居民的家门。"
    p = _dated(text, "6月3日下午", org="诸暨市店口镇财政所")
    assert chain(p)[:7] == ("湄池社区", "community", "浙江省", "绍兴市", "诸暨市", "店口镇", "湄池社区")
    text = "6月3日下午,诸暨市店口镇党委召开会议,湄池社区书记作了发言。"  # a title: the body is the township's
    assert chain(_dated(text, "6月3日下午", org="诸暨市店口镇党委"))[:2] == ("店口镇", "township")
    text = "6月3日下午,诸暨市店口镇党委召开会议,湄池社区作交流发言。"  # a speaker
    assert chain(_dated(text, "6月3日下午", org="诸暨市店口镇党委"))[:2] == ("店口镇", "township")


def test_villages_opening_clause_after_clause_are_several_venues() -> None:
    text = "9月9日上午,诸暨市枫桥镇商会党支部一行走访慰问了阳春村老党员周某,马岭村老党员吴某,店口镇桃园村老党员许某。"
    assert chain(_dated(text, "9月9日上午"))[:2] == ("枫桥镇", "township")
    text = "9月9日上午,诸暨市枫桥镇商会党支部一行来到阳春村看望老党员周某,马岭村老党员吴某,店口镇桃园村老党员许某。"
    assert chain(_dated(text, "9月9日上午", org="诸暨市枫桥镇商会党支部"))[:2] == ("枫桥镇", "township")
    text = "9月9日上午,诸暨市枫桥镇商会党支部一行来到阳春村看望老党员周某。"
    assert chain(_dated(text, "9月9日上午"))[:2] == ("阳春村", "village")


def test_a_place_before_the_dated_sentence_yields_to_the_one_it_names() -> None:
    text = "“今年村里的路修好了。”永宁村老党员金某说。3月6日,诸暨市枫桥镇组织五十名党员参观学习。"
    assert chain(_dated(text, "3月6日", org="永宁村"))[:2] == ("枫桥镇", "township")
    text = "诸暨市陶朱街道城西社区党委高度重视志愿服务。3月6日,志愿者参加诸暨市半程马拉松保障。"
    assert chain(_dated(text, "3月6日", org="诸暨市陶朱街道城西社区党委"))[:2] == ("城西社区", "community")


def test_a_where_word_before_a_word_referring_to_the_page_s_county_still_names_the_venue() -> None:
    text = "近日,诸暨市财政局干部前往该市璜山镇五新村、化泉村开展走访。"
    assert chain(_dated(text, "近日", org="诸暨市财政局"))[:2] == ("璜山镇", "township")


def test_a_village_name_takes_the_township_written_last_before_it() -> None:
    text = (
        "5月1日，诸暨市枫桥镇新华村召开会议。\n5月2日，诸暨市店口镇新华村开展活动。\n5月4日，在新华村开展活动。\n"
        "5月6日，璜山新华村开展活动。"
    )
    got = [row[5] for row in _resolved(text)]
    assert got == ["枫桥镇", "店口镇", "店口镇", "璜山镇"]


def test_a_village_named_as_a_body_in_the_next_clause_is_no_second_venue() -> None:
    text = "2月3日,在诸暨市枫桥镇阳春村示范片,店口镇桃园村村支两委召开周例会。"
    assert chain(_dated(text, "2月3日"))[:2] == ("阳春村", "village")


def test_a_township_written_without_its_suffix_right_after_its_county_is_that_township() -> None:
    got = _resolved("5月1日，诸暨枫桥发动党员清扫街巷。\n5月3日，诸暨陶朱办事处华东社区开展义诊。")
    assert got[0][:6] == ("枫桥镇", "township", "浙江省", "绍兴市", "诸暨市", "枫桥镇")
    assert got[1][5:7] == ("陶朱街道", "华东社区")  # the office's word is no part of the community's name
    assert _resolved("5月2日，罗田县三里畈召集党员议事。")[0][:6] == (
        "三里畈镇", "township", "湖北省", "黄冈市", "罗田县", "三里畈镇")
    assert _resolved("5月1日，敦化市胜利完成全年植树任务。")[0][:2] == ("敦化市", "county")  # an everyday word
    road = "5月1日，诸暨市枫桥路开展活动。"  # a road's name
    assert _resolved(road)[0][:2] == ("诸暨市", "county")


def test_a_where_word_inside_a_theme_s_quotation_names_no_venue() -> None:
    text = "5月1日，诸暨市陶朱街道华东社区举办“走进枫桥镇”读书分享会。"
    assert chain(_dated(text, "5月1日"))[:2] == ("华东社区", "community")
    text = "5月1日，诸暨市陶朱街道华东社区党员走进枫桥镇参观。"
    assert chain(_dated(text, "5月1日"))[:2] == ("枫桥镇", "township")


def test_the_village_of_the_people_visited_is_where_it_happened() -> None:
    text = "1月5日，诸暨市枫桥镇武装部长带领志愿服务队慰问阳春村困难老兵，送上米油。"
    assert chain(_dated(text, "1月5日", org="诸暨市枫桥镇"))[:2] == ("阳春村", "village")


def test_a_person_s_hometown_lends_no_place_to_a_community_standing_on_its_own() -> None:
    text = "5月1日，华东社区王书记（枫桥镇人）领着志愿者擦洗栏杆。"
    assert chain(_dated(text, "5月1日", org="华东社区"))[:7] == (
        "华东社区", "community", None, None, None, None, "华东社区")


def test_a_village_named_for_a_villager_s_home_after_the_venue_is_no_deeper_venue() -> None:
    text = "5月9日，在诸暨市枫桥镇的茶叶采摘点，枫桥镇阳春村村民钱某正忙着摘茶。"
    assert chain(_dated(text, "5月9日"))[:2] == ("枫桥镇", "township")
    text = "5月9日，在诸暨市枫桥镇茶园，阳春村党员钱某正忙着摘茶。"  # no villager: the village is the deeper place
    assert chain(_dated(text, "5月9日"))[:2] == ("阳春村", "village")


def test_a_county_named_in_passing_on_a_villages_page_gives_way_to_the_village() -> None:
    text = ("安吉县递铺街道鲁家村党支部组织党员清扫村道。鲁家村党员随后走访了孤寡老人,鲁家村的年轻人也来帮忙。\n"
            "下午,驻村干部分组入户,给每户送去安吉县惠民政策手册。\n"
            "下午,驻村干部到德清县参加培训。")
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert [chain(p)[:2] for p in places[:2]] == [("鲁家村", "village")] * 2  # the county only names the booklet
    assert chain(places[2])[:2] == ("德清县", "county")  # where the event went: a where-word before it


def test_corps_regiment_is_the_township_of_its_company() -> None:
    p, _ = run("5月8日,一四三团六连党支部带领职工修整防风林带。", org="一四三团六连党支部")
    assert chain(p)[:6] == ("兵团一四三团", "township", "新疆维吾尔自治区", "塔城地区", "沙湾市", "兵团一四三团")


def test_subdistrict_office_named_after_its_prefecture() -> None:
    p, _ = run("6月2日,濮阳市胜利路办事处召集辖区物业企业座谈。", org="濮阳市胜利路办事处")
    assert chain(p)[:6] == ("胜利路街道", "township", "河南省", "濮阳市", "华龙区", "胜利路街道")


def test_deepest_place_in_the_organizer_past_a_unit_the_gazetteer_lacks() -> None:
    # 西海岸新区 is no division of the gazetteer: the subdistrict after it is the organizer's place
    p, _ = run("9月6日,青岛西海岸新区灵珠山街道发动志愿者清理河道。", org="青岛西海岸新区灵珠山街道")
    assert chain(p)[:6] == ("灵珠山街道", "township", "山东省", "青岛市", "黄岛区", "灵珠山街道")


def test_zone_known_by_its_city_and_a_generic_word() -> None:
    p, _ = run("4月2日,濮阳经开区组织快递骑手座谈。", org="濮阳经开区")
    assert chain(p)[:5] == ("濮阳经济技术开发区", "county", "河南省", "濮阳市", "濮阳经济技术开发区")
    assert p is not None and p.adcode == "410972"
    # a zone listing no townships of its own holds its city's townships named after it
    p, _ = run("4月2日,成都高新区肖家河街道为快递骑手送去防暑用品。", org="成都高新区肖家河街道")
    assert chain(p)[:2] == ("肖家河街道", "township") and p is not None and p.prefecture == "成都市"


def test_organizer_paired_with_a_partner_keeps_its_own_place() -> None:
    # 甲与乙联合开展: the partner's place is only named; the organizer's own is not their shared county
    p, _ = run("10月12日,商南县试马镇与淅川县荆紫关镇签订跨省联建协议。", org="商南县试马镇")
    assert chain(p)[:6] == ("试马镇", "township", "陕西省", "商洛市", "商南县", "试马镇")
    p, _ = run("6月9日,樊城区王寨街道幸福里社区与向阳社区携手举办邻里节。", org="樊城区王寨街道幸福里社区")
    assert chain(p)[:2] == ("幸福里社区", "community")
    p, _ = run("6月9日,樊城区王寨街道幸福里社区、向阳社区携手举办邻里节。", org="樊城区王寨街道幸福里社区")
    assert chain(p)[:2] == ("王寨街道", "township")  # a list of organizers stands for their township


def test_ambiguous_township_written_after_its_county_is_that_countys() -> None:
    # 红安县 has a 城关镇 too: a hometown named elsewhere cannot outweigh the county written right before it
    p, _ = run("7月1日,红安籍退伍老兵来到谷城县城关镇讲述战斗故事。")
    assert chain(p)[:6] == ("城关镇", "township", "湖北省", "襄阳市", "谷城县", "城关镇")


def test_community_after_its_county_takes_the_township_listing_it() -> None:
    p, _ = run("11月8日,樊城区明晶巷社区邀请律师为居民讲解民法典。")
    assert chain(p)[:7] == ("明晶巷社区", "community", "湖北省", "襄阳市", "樊城区", "清河口街道", "明晶巷社区")


def test_community_named_after_a_village_is_found_under_the_villages_name() -> None:
    # the gazetteer lists 塔影二村; the page writes 塔影二村社区
    p, _ = run("4月9日,塔影二村社区为独居老人上门理发,无锡市民政局到场指导。", org="塔影二村社区")
    assert chain(p)[:6] == ("塔影二村社区", "community", "江苏省", "无锡市", "梁溪区", "上马墩街道")


def test_where_people_moved_to_is_no_venue() -> None:
    text = "8月2日,长坪村党支部走访易地搬迁户,这些农户去年搬迁至翔凤镇仙佛寺村。"
    p, _ = run(text, org="长坪村党支部")
    assert p is not None and p.name == "长坪村"
    p, _ = run("8月2日,长坪村党支部带领党员前往翔凤镇仙佛寺村走访。", org="长坪村党支部")
    assert p is not None and p.name == "仙佛寺村"  # a venue


def test_beijing_area_office_written_as_its_township_after_an_ambiguous_county() -> None:
    # 朝阳区 is Beijing's and Changchun's; the dictionary has 将台地区 (Beijing) and a 将台乡 in Gansu
    p, _ = run("7月6日,朝阳区将台乡为辖区高龄老人送去防暑药品。", org="朝阳区将台乡")
    assert chain(p)[:6] == ("将台乡", "township", "北京市", "北京市", "朝阳区", "将台乡")


def test_a_place_compared_to_written_as_a_chain_counts_once_for_the_province() -> None:
    # the compared place's chain is one place learned from, not three names outweighing the organizer's province
    p, _ = run("6月1日,荆紫关镇召集村干部座谈,学习借鉴浙江省湖州市德清县的治村经验。", org="荆紫关镇")
    assert chain(p)[:5] == ("荆紫关镇", "township", "河南省", "南阳市", "淅川县")


def test_a_party_school_of_another_county_is_a_venue_its_guidance_is_not() -> None:
    p, _ = run("9月12日,荆紫关镇选派28名村干部赴西峡县委党校参加轮训。", org="荆紫关镇")
    assert chain(p)[:2] == ("西峡县", "county")
    p, _ = run("9月12日,荆紫关镇党委在西峡县委的帮助下完成轮训。", org="荆紫关镇党委")
    assert chain(p)[:2] == ("荆紫关镇", "township")


def test_a_dated_community_event_saying_the_whole_township_keeps_its_community() -> None:
    text = "3月份，全街各社区推行楼道自治，桃溪社区试行楼道议事会，选出楼长12名。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(year=2023, month=3))
    ev.organization = OrgMention("桃溪社区", text.index("桃溪"), text.index("桃溪") + 4)
    (place,), _ = resolve_places(DocContext(text=text, title="莲都区岩泉街道：红色管家进小区"), [ev])
    assert place is not None and place.name == "桃溪社区"


def test_a_community_named_in_the_pages_own_voice_is_the_home_of_its_other_events() -> None:
    text = "5月9日，党员志愿者上门为老人义务理发30余人次。\n今后，我们青枫社区居委会将坚持为老服务。"
    places, _ = resolve_places(DocContext(text=text, title="开封市：理发进家门"), _line_events(text))
    assert [(p.name, p.prefecture) for p in places if p is not None] == [("青枫社区", "开封市")] * 2


def test_a_county_opening_a_compound_name_yields_to_the_occasion_it_illustrates() -> None:
    text = "近年来，德化县浔中镇各社区把小区活动室建成居民之家。\n3月8日，在德化12号小区活动室，楼栋长和志愿者为老人理发。"
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert [chain(p)[:6] for p in places] == [("浔中镇", "township", "福建省", "泉州市", "德化县", "浔中镇")] * 2
    assert places[1] is not None and places[1].source == "document"


def test_a_county_opening_a_compound_name_yields_to_the_pages_township() -> None:
    text = "近年来，浔中镇各社区把小区活动室建成居民之家。\n3月8日，在德化12号小区活动室，楼栋长和志愿者为老人理发。"
    places, _ = resolve_places(DocContext(text=text, title="德化县浔中镇：小区活动室成了居民之家"), _line_events(text))
    assert chain(places[1])[:2] == ("浔中镇", "township")


def test_a_community_named_as_a_persons_post_is_one_example_of_the_districts_occasion() -> None:
    text = "“李奶奶，降压药已经送到门口了。”说这话的是秀山社区网格员陈芳。为摸清高龄老人底数，江夏区全面开展入户走访，指导各社区建立服务台账。"
    ev = Event(seq=0, start=0, end=len(text), text=text)
    start = text.index("江夏区")
    ev.organizations.append(OrgMention("江夏区", start, start + 3))
    (p,), _ = resolve_places(DocContext(text=text), [ev])
    assert chain(p)[:2] == ("江夏区", "county")
    other = "秀山社区书记陈芳带头擦洗健身器材，江夏区文明办为此点赞。"  # the district's office only comments
    ev = Event(seq=0, start=0, end=len(other), text=other)
    start = other.index("江夏区文明办")
    ev.organizations.append(OrgMention("江夏区文明办", start, start + 6))
    (p,), _ = resolve_places(DocContext(text=other), [ev])
    assert chain(p)[:2] == ("秀山社区", "community")


def test_a_township_of_another_province_acting_itself_keeps_its_name_without_a_chain() -> None:
    text = "近日，蒲缥镇动员党员群众清理沟渠垃圾，整治村容村貌。"
    p, problems = run(text, title="德化县浔中镇：打响清洁行动", org="蒲缥镇")
    assert chain(p)[:6] == ("蒲缥镇", "township", None, None, None, "蒲缥镇")
    assert p is not None and p.source == "event" and problems


def test_a_paragraph_with_a_year_of_its_own_stays_its_communitys_under_a_title_of_the_township_acting() -> None:
    text = "2022年，秀山社区修订居民公约，召开楼栋议事会十余场。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="2022年", year=2022, year_source="expression"))
    (p,), _ = resolve_places(DocContext(text=text, title="纸坊街健全居民议事制度，织密治理网络"), [ev])
    assert chain(p)[:2] == ("秀山社区", "community")


def test_a_village_named_only_as_a_quoted_villagers_home_is_no_locality() -> None:
    text = "5月12日，党员志愿者走上街头清扫落叶。“路边干净多了。”鲁家村村民王大爷乐呵呵地说。"
    assert chain(run(text, title="安吉县开展清洁家园行动")[0])[:2] == ("安吉县", "county")
    text = "5月12日，在安吉县递铺街道卫生院，鲁家村村民王大爷量完血压后笑着说，在家门口就能看病。"
    assert chain(run(text, org="鲁家村")[0])[:2] == ("递铺街道", "township")  # the finder read the village as a body
    text = "5月12日，志愿者来到镇上义诊，家住鲁家村的李奶奶量完血压后直夸方便。"
    assert chain(run(text, title="安吉县开展义诊")[0])[:2] == ("安吉县", "county")
    text = "谈起家乡的变化，递铺街道鲁家村流动党员王某某连连感慨。1月27日，递铺街道组织流动党员开展主题党日活动。"
    assert chain(run(text, title="安吉县流动党员返乡")[0])[:2] == ("递铺街道", "township")
    text = "5月12日，鲁家村村民自发清扫村道，党员带头。"  # villagers acting: their village
    assert chain(run(text, title="安吉县开展清洁家园行动")[0])[:2] == ("鲁家村", "village")


def test_a_township_opening_a_list_of_villages_holds_every_one_of_them() -> None:
    text = "3月12日，安吉县委组织部到递铺街道云栖湾村、梅溪口村调研村级集体经济。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="3月12日", start=0, end=5))
    ev.organization = OrgMention("安吉县委组织部", 6, 13)
    ev.organizations = [OrgMention(name, text.index(name), text.index(name) + 4) for name in ("云栖湾村", "梅溪口村")]
    (place,), _ = resolve_places(DocContext(text=text), [ev])
    assert chain(place)[:2] == ("递铺街道", "township")
    text = "3月12日，安吉县农业农村局下沉到递铺街道云栖湾村、梅溪口村;孝丰镇横溪坞村、石门坎村，协助抗旱。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="3月12日", start=0, end=5))
    ev.organization = OrgMention("安吉县农业农村局", 6, 14)
    names = ("云栖湾村", "梅溪口村", "横溪坞村", "石门坎村")
    ev.organizations = [OrgMention(name, text.index(name), text.index(name) + 4) for name in names]
    (place,), _ = resolve_places(DocContext(text=text), [ev])
    assert chain(place)[:2] == ("安吉县", "county")  # one township's part of a longer list


def _on_day(text: str, org: str) -> Place | None:
    """The locality of one event spanning ``text``, opening with the date 3月12日 and organized by ``org``."""
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="3月12日", start=0, end=5, month=3, day=12))
    o = text.index(org)
    ev.organization = OrgMention(org, o, o + len(org))
    places, _ = resolve_places(DocContext(text=text), [ev])
    return places[0]


def test_a_later_sentence_opening_with_a_venue_inside_the_organizers_township_names_where_it_happened() -> None:
    text = "3月12日，递铺街道组织开展植树活动。在递铺街道云栖湾村植树现场，党员干部挥锹铲土。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("云栖湾村", "village")
    text = "3月12日，递铺街道组织开展植树活动。随后，在鲁家村文化广场，党员干部开展义诊。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("鲁家村", "village")
    text = "3月12日，递铺街道组织开展植树活动。在鲁家村党支部的带领下，党员干部挥锹铲土。"  # a body, no venue
    assert chain(_on_day(text, "递铺街道"))[:2] == ("递铺街道", "township")


def test_people_gathering_at_a_village_name_it_as_the_venue() -> None:
    text = "3月12日，递铺街道党员干部齐聚云栖湾村植树现场，挥锹铲土。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("云栖湾村", "village")


def test_a_community_named_after_its_street_keeps_its_name_in_the_subdistrict_so_named() -> None:
    p, _ = run("3月12日，江岸区大智街社区组织党员开展义诊活动。", org="江岸区大智街社区")
    assert chain(p)[:7] == ("大智街社区", "community", "湖北省", "武汉市", "江岸区", "大智街道", "大智街社区")
    p, _ = run("3月12日，江岸区大智街居委会组织党员开展义诊活动。", org="江岸区大智街居委会")
    assert chain(p)[:7] == ("大智街居委会", "community", "湖北省", "武汉市", "江岸区", "大智街道", "大智街居委会")
    p, _ = run("3月12日，江岸区大智街社区组织党员开展义诊活动。", title="大智街开展义诊", org="江岸区大智街社区")
    assert chain(p)[:2] == ("大智街道", "township")  # the page calls the subdistrict 大智街: its communities together


def test_a_site_a_township_set_up_in_another_city_is_where_it_happened() -> None:
    text = "3月12日，在诸暨市枫桥镇设在杭州市的外出党员驿站里，党员们过组织生活。"
    assert chain(_on_day(text, "诸暨市枫桥镇"))[:2] == ("杭州市", "prefecture")
    text = "3月12日，在诸暨市枫桥镇设在成都市的外出党员驿站里，党员们过组织生活。"  # another province
    assert chain(_on_day(text, "诸暨市枫桥镇"))[:2] == ("成都市", "prefecture")


def test_a_city_wide_paragraph_on_a_communitys_page_is_the_citys() -> None:
    text = ("3月5日，武汉市江夏区纸坊街道秀山社区组织志愿者清扫楼道。秀山社区党员踊跃参加。\n"
            "3月8日，全市各级党组织开展学雷锋志愿服务活动。\n"
            "3月9日，市直机关党员到社区开展服务。")
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert [chain(p)[:2] for p in places] == [("秀山社区", "community"), ("武汉市", "prefecture"), ("武汉市", "prefecture")]
    text = "3月5日，临海市古城街道秀山社区组织志愿者清扫楼道。秀山社区党员踊跃参加。\n3月8日，全市各级党组织开展学雷锋志愿服务活动。"
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert chain(places[1])[:2] == ("临海市", "county")  # a county-level city's page: that city


def test_a_news_outlet_named_after_a_county_is_no_events_locality() -> None:
    text = "丽水新闻网讯 3月5日，党员志愿者开展清洁家园活动。\n3月6日，大峃镇召开推进会。大峃镇各村书记参加。"
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert chain(places[0])[:5] == ("大峃镇", "township", "浙江省", "温州市", "文成县")  # the page's place
    text = "丽水新闻网讯 3月5日，党员志愿者开展清洁家园活动。"  # nothing else: the outlet's place, for the page
    (place,), _ = resolve_places(DocContext(text=text), _line_events(text))
    assert place is not None and (place.name, place.source) == ("丽水市", "document")


def test_villages_joined_to_a_township_s_village_stand_for_that_township() -> None:
    text = "3月12日，安吉县委组织部调研组深入递铺街道梅溪口村和云栖湾村调研。"
    assert chain(_on_day(text, "安吉县委组织部"))[:2] == ("递铺街道", "township")


def test_a_village_after_a_where_word_in_the_sentence_naming_its_township_is_the_venue() -> None:
    text = "3月12日，安吉县委书记一行来到递铺街道，在云栖湾村调研集体经济。"
    assert chain(_on_day(text, "安吉县委"))[:6] == ("云栖湾村", "village", "浙江省", "湖州市", "安吉县", "递铺街道")


def test_a_dated_sentence_about_the_whole_city_is_the_citys_whatever_example_follows() -> None:
    text = "3月5日，全市各级党组织开展学雷锋志愿服务活动。在江夏区纸坊街道秀山社区，志愿者为老人理发。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="3月5日", start=0, end=4, month=3, day=5))
    (p,), _ = resolve_places(DocContext(text=text, title="武汉市学雷锋活动"), [ev])
    assert chain(p)[:2] == ("武汉市", "prefecture")
    text = "3月5日，全区开展学雷锋志愿服务活动，秀山社区组织志愿者为老人理发。"
    ev = Event(seq=0, start=0, end=len(text), text=text, date=DateInfo(text="3月5日", start=0, end=4, month=3, day=5))
    (p,), _ = resolve_places(DocContext(text=text, title="江夏区学雷锋活动"), [ev])
    assert chain(p)[:2] == ("江夏区", "county")


def test_an_undated_lead_about_the_whole_district_naming_no_place_is_the_districts_whatever_example_follows() -> None:
    text = "当前，防汛形势严峻，全区各单位党员干部纷纷下沉一线。在纸坊街道秀山社区，下沉干部正在值守。"
    (p,), _ = resolve_places(DocContext(text=text, title="江夏区干部下沉一线"), [Event(seq=0, start=0, end=len(text), text=text)])
    assert chain(p)[:2] == ("江夏区", "county")
    text = "当前，全区各单位党员干部下沉一线，在纸坊街道秀山社区值守。"  # the lead sentence names the venue
    (p,), _ = resolve_places(DocContext(text=text, title="江夏区干部下沉一线"), [Event(seq=0, start=0, end=len(text), text=text)])
    assert chain(p)[:2] == ("秀山社区", "community")


def test_a_venue_opening_the_next_paragraph_is_where_it_happened_unless_the_lead_spans_many_places() -> None:
    text = "3月12日，递铺街道联合多家单位开展植树活动。\n在递铺街道云栖湾村植树现场，党员干部挥锹铲土。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("云栖湾村", "village")
    text = "3月12日，递铺街道党员干部走进各村开展植树活动。\n在递铺街道云栖湾村植树现场，党员干部挥锹铲土。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("递铺街道", "township")  # one example of many


def test_a_site_of_a_village_after_a_where_word_makes_the_village_the_venue() -> None:
    text = "3月12日，递铺街道党工委组织党员干部在鲁家村的茶园里帮助采茶。"
    assert chain(_on_day(text, "递铺街道党工委"))[:2] == ("鲁家村", "village")
    text = "3月12日，递铺街道党工委组织党员在鲁家村党支部的带领下帮助采茶。"  # the village's guidance: no venue
    assert chain(_on_day(text, "递铺街道党工委"))[:2] == ("递铺街道", "township")


def test_a_later_sentence_opening_with_a_scene_in_a_village_names_the_venue() -> None:
    text = "3月12日，递铺街道组织党员干部开展植树活动。递铺街道云栖湾村植树现场热火朝天，党员们挥锹铲土。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("云栖湾村", "village")
    text = "3月12日，递铺街道组织党员干部开展植树活动。递铺街道云栖湾村党支部书记介绍了情况。"  # no scene: a body
    assert chain(_on_day(text, "递铺街道"))[:2] == ("递铺街道", "township")


def test_a_later_sentence_naming_a_village_as_the_time_of_another_activity_names_no_venue() -> None:
    text = "3月12日，递铺街道召开党建工作推进会。在鲁家村调研时，街道党工委书记强调要抓好落实。"
    assert chain(_on_day(text, "递铺街道"))[:2] == ("递铺街道", "township")


def test_a_county_bureau_working_on_several_villages_of_one_township_is_placed_at_the_township() -> None:
    text = "3月12日，安吉县委组织部对递铺街道鲁家村、南北庄村进行督查。"
    assert chain(_on_day(text, "安吉县委组织部"))[:2] == ("递铺街道", "township")
    text = "3月12日，安吉县委组织部召开会议，递铺街道鲁家村、南北庄村党支部书记参加。"  # bodies, in another clause
    assert chain(_on_day(text, "安吉县委组织部"))[:2] == ("安吉县", "county")


def test_a_news_outlet_s_province_yields_to_the_body_s_places() -> None:
    text = "浙江日报讯 3月5日，鹰潭志愿者到社区义诊。本文由浙江日报记者采写。"
    (place,), _ = resolve_places(DocContext(text=text, title="志愿者义诊"), _line_events(text))
    assert chain(place)[:3] == ("鹰潭市", "prefecture", "江西省")


def test_a_municipality_is_a_province_level_locality() -> None:
    p, _ = run("3月5日，天津市召开党建工作会议。", org="天津市")
    assert chain(p)[:4] == ("天津市", "province", "天津市", "天津市")


def test_a_media_centre_s_own_branch_keeps_its_county() -> None:
    text = "3月5日，德清县召开会议。德清县各单位参加。\n3月6日，安吉县融媒体中心党支部开展学习。"
    places, _ = resolve_places(DocContext(text=text, title="德清县党建"), _line_events(text))
    assert chain(places[1])[:2] == ("安吉县", "county")


def test_a_province_wide_paragraph_on_a_countys_page_is_the_provinces() -> None:
    text = "3月5日，安吉县召开党建工作会议。安吉县各乡镇参加。\n3月8日，全省各级党组织开展志愿服务活动。"
    places, _ = resolve_places(DocContext(text=text), _line_events(text))
    assert chain(places[1])[:2] == ("浙江省", "province")


def test_a_bulletins_date_line_is_not_the_entrys_lead_sentence() -> None:
    # 6月5日 alone on its line opens the entry: the where-word of the next line still finds the venue
    text = "宁陵县组织工作动态\n6月5日\n乔楼乡组织党员到石桥镇学习。"
    start = text.index("6月5日")
    date = DateInfo(text="6月5日", start=start, end=start + 4, month=6, day=5)
    ev = Event(seq=0, start=start, end=len(text), text=text[start:], date=date)
    org = text.index("乔楼乡")
    ev.organization = OrgMention("乔楼乡", org, org + 3)
    (place,), _ = resolve_places(DocContext(text=text), [ev])
    assert chain(place)[:6] == ("石桥镇", "township", "河南省", "商丘市", "宁陵县", "石桥镇")


def test_a_subdistrict_office_written_with_its_core_is_its_subdistrict() -> None:
    # after the zone it lies in: the gazetteer's subdistrict
    p, _ = run("3月2日,开发区前川办事处组织党员开展植树活动。")
    assert chain(p)[:6] == ("前川街道", "township", "湖北省", "武汉市", "黄陂区", "前川街道")
    # one the gazetteer lacks, after a where-word: a township as written, under the page's county
    p, _ = run("3月2日,县委组织部来到青桐办事处开展调研。", title="赤峰市宁城县")
    assert chain(p)[:6] == ("青桐办事处", "township", "内蒙古自治区", "赤峰市", "宁城县", "青桐办事处")
    # some body's office is no subdistrict
    for office in ("街道办事处", "公司办事处", "驻京办事处"):
        p, _ = run(f"3月2日,县委组织部来到{office}开展调研。", title="赤峰市宁城县")
        assert chain(p)[:2] == ("宁城县", "county")


def test_a_compound_called_a_community_lies_in_the_community_the_title_names() -> None:
    title = "武汉市江夏区青松社区:协商议事解民忧"
    p, _ = run("江夏区纸坊街道粮食局家属楼社区院内加装了路灯,社区居民十分满意。", title=title)
    assert chain(p)[:7] == ("青松社区", "community", "湖北省", "武汉市", "江夏区", "纸坊街道", "青松社区")
    # no compound: the township the event names stays
    p, _ = run("江夏区纸坊街道组织党员开展志愿服务,社区居民十分满意。", title=title)
    assert chain(p)[:2] == ("纸坊街道", "township")
    # no community in the title: the compound is no locality, its township is
    p, _ = run("江夏区纸坊街道税务局宿舍区社区楼前新装了电梯。")
    assert chain(p)[:2] == ("纸坊街道", "township")


def test_the_county_seat_a_township_travels_to_is_its_county() -> None:
    p, _ = run("5月3日,忙农镇党委组织全体党员到县城参观廉政教育基地。", title="宁城县")
    assert chain(p)[:5] == ("宁城县", "county", "内蒙古自治区", "赤峰市", "宁城县")
    p, _ = run("5月3日,忙农镇党委组织党员在县城内开展义务清扫。", title="宁城县")
    assert chain(p)[:2] == ("宁城县", "county")
    # people working in the seat are no venue; a district has no 县城
    p, _ = run("5月3日,忙农镇党委组织在县城工作的党员回村。", title="宁城县")
    assert chain(p)[:2] == ("忙农镇", "township")
    p, _ = run("5月3日,江夏区纸坊街道组织党员到县城参观。")
    assert chain(p)[:2] == ("纸坊街道", "township")


def test_a_county_short_form_after_a_travel_verb_near_the_page_is_the_county() -> None:
    for verb in ("赴", "前往"):
        p, _ = run(f"5月3日,临渭区组织全体党员{verb}大荔观摩学习。")
        assert chain(p)[:5] == ("大荔县", "county", "陕西省", "渭南市", "大荔县")
    # without a travel verb, or far from the page's province, the short form waits for evidence
    p, _ = run("5月3日,临渭区组织全体党员学习大荔经验。")
    assert chain(p)[:2] == ("临渭区", "county")
    p, _ = run("5月3日,江夏区组织全体党员赴大荔观摩学习。")
    assert chain(p)[:2] == ("江夏区", "county")


def test_credited_outlet_places_an_event_called_by_the_page_word() -> None:
    """A page naming no place, whose event says 我县, takes the credited outlet's county (来源:…); the organizer
    written 我县 is that county. Without the self word, the outlet places nothing."""
    import partyevents

    page = "要闻\n发布时间:2022-05-06 来源:丹棱县融媒体中心\n5月5日,我县召开乡村振兴工作推进会。会议强调,要压实责任。"
    ev = partyevents.extract_text(page).events[0]
    assert (ev["county"], ev["organization"], ev["locality_source"]) == ("丹棱县", "丹棱县", "document")
    assert "我县" not in list(ev["organizations"])
    other = page.replace("我县召开", "镇里召开")
    assert partyevents.extract_text(other).events[0]["locality"] is None


def test_an_unplaced_community_visiting_a_venue_of_the_pages_own_county_stays_the_locality() -> None:
    # the title names 罗田县: the community that runs the visit lies there, so the venue's county adds nothing
    text = "4月2日，映山红社区组织党员到罗田县革命烈士纪念馆开展祭扫活动。"
    got = run(text, title="罗田县：缅怀先烈", org="映山红社区")[0]
    assert chain(got)[:7] == ("映山红社区", "community", "湖北省", "黄冈市", "罗田县", None, "映山红社区")
    other = run(text.replace("罗田县革命", "英山县革命"), title="罗田县：缅怀先烈", org="映山红社区")[0]
    assert chain(other)[:2] == ("英山县", "county")  # another county: where it happened
    alone = run(text, org="映山红社区")[0]  # nothing but the venue says where the community lies
    assert chain(alone)[:2] == ("罗田县", "county")
