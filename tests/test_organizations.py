"""Organizer choice and organization names."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

import partyevents
from org_plain_rules import in_place as _in_place
from org_plain_rules import plain_masked as _plain_masked
from partyevents.extract.organizations import find_organizations, masked, name_at, org_spans, organizer_in
from partyevents.extract.wordtrie import trie_pattern
from partyevents.records import DocContext, Event, OrgMention
from partyevents.resources import read_table


def _organizer(text: str) -> str | None:
    span = organizer_in(text)
    return text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("王寨街道充分发挥社会组织作用,联合襄阳市乐源社会工作服务中心志愿者,为患病群众开展心理疏导。", "王寨街道"),
        ("8月26日,根据组织安排,为推进党员干部下沉社区,区教育局党委书记张明被选派为向阳社区第一书记。", "区教育局党委"),
        ("9月4日,区教育局与向阳社区党委旋即召开部署动员会。", "区教育局"),
        ("记者昨日从市委组织部获悉,全市著力推进结对共建。", "市委组织部"),
        ("在今年初的疫情期间,为强化社区疫情防控工作,黄陂区选派33个区直部门对口包保41个社区。", "黄陂区"),
        ("自2016年开始,宜城先后开展了三访一促活动。", "宜城"),
        ("夏都街道党工委组织开展了第三季度党建观摩活动。", "夏都街道党工委"),
    ],
)
def test_organizer_is_the_acting_body_not_the_first_named(text: str, want: str) -> None:
    assert _organizer(text) == want


def test_reporter_is_never_the_organizer() -> None:
    assert _organizer("记者昨日获悉,社区开展活动。") != "记者"


@pytest.mark.parametrize(
    "name", ["清河口街道明晶巷社区党委", "柿铺街道党工委", "襄阳市乐源社会工作服务中心", "黄陂区财政局"]
)
def test_names_the_segmenter_splits_are_read_whole(name: str) -> None:
    assert name_at(name + "召开会议") == name


def test_spans_point_into_the_document() -> None:
    text = "前言。\n12月7日\n清河口街道明晶巷社区党委成立“购药小分队”,义务购药上门。"
    start = text.index("12月7日")
    ev = Event(seq=0, start=start, end=len(text), text=text[start:])
    [(organizer, named)] = find_organizations(DocContext(text=text), [ev])
    assert organizer is not None and organizer.name == "清河口街道明晶巷社区党委"
    assert text[organizer.start : organizer.end] == organizer.name  # type: ignore[misc]
    assert [m.name for m in named] == ["清河口街道明晶巷社区党委", "购药小分队"]
    assert all(text[m.start : m.end] == m.name for m in named)  # type: ignore[misc]


def test_event_without_a_body_inherits_the_previous_organizer() -> None:
    text = "米公街道召开推进会。会议强调要落实责任。"
    cut = text.index("会议")
    events = [Event(0, 0, cut, text[:cut]), Event(1, cut, len(text), text[cut:])]
    (first, _), (second, _) = find_organizations(DocContext(text=text), events)
    assert first is not None and first.name == "米公街道"
    assert second is not None and second.name == "米公街道" and second.start is None


def test_a_photo_captions_body_is_not_passed_on_to_the_story_after_it() -> None:
    text = ("3月2日,青禾县召开农技培训会。\n"
            "2022年4月起,东岭村驻村工作队引导村民种植蓝莓。图为村民在采摘蓝莓。 记者王某 摄\n"
            "2019年5月起,已累计培训农技人员3000余名。")
    cuts = [0, text.index("2022年"), text.index("2019年"), len(text)]
    events = [Event(i, a, b, text[a:b]) for i, (a, b) in enumerate(itertools.pairwise(cuts))]
    (first, _), (caption, _), (after, _) = find_organizations(DocContext(text=text), events)
    assert first is not None and first.name == "青禾县"
    assert caption is not None and caption.name == "东岭村驻村工作队"
    assert after is not None and after.name == "青禾县" and after.start is None


def test_verb_phrases_are_not_listed_as_bodies() -> None:
    text = "社区党委带领党员结合社区实际开展服务"
    assert all("结合" not in text[s:e] for s, e, _ in org_spans(text))


def _names_start_by_start(text: str) -> list[tuple[int, int, str]]:
    """The name rule read literally: try a name at every chunk start, cut at the next stop."""
    text = _plain_masked(text)
    suffixes = {row[0]: row[1] for row in read_table("org_suffixes.tsv")}
    stopwords = [(*row, "", "")[:3] for row in read_table("org_stopwords.tsv") if row[3:4] not in (["after_body"], ["person"])]
    inside = {row[0] for row in read_table("org_stopwords.tsv") if len(row) > 3 and row[3] == "inside"}
    after_body = {row[0] for row in read_table("org_stopwords.tsv") if row[3:4] == ["after_body"]}
    verbs = _plain_cues()
    pronouns = {r[0] for r in read_table("org_openers.tsv") if r[1] in ("pronoun", "national")}
    starts, stops = {0}, {len(text)}
    for m in re.finditer(rf"[^\u4e00-\u9fff]+(?:(?:(?<=[0-9])|(?<=[0-9] ))[万千百个家支名所余多栋]*)?|(?:{verbs})(?!部)|[与及的]", text):
        if "\u4e00" <= m.group()[0] <= "\u9fff" and _in_place(text, *m.span(), longer=True):  # 和 of 阳和镇: no cue
            continue
        starts.add(m.end())
        stops.add(m.start())
    out: list[tuple[int, int, str]] = []
    end_seen = -1
    for s in sorted(starts):
        if s >= len(text):
            continue
        limit = min(t for t in stops if t > s)
        while s < limit and s >= end_seen:  # a name is read again after a stopword that ends a word
            found = _clean_name(text[:limit], s, suffixes, stopwords)
            if found:
                start, name = found
                out.append((start, start + len(name), next((k for suf, k in suffixes.items() if name.endswith(suf)), "other")))
                end_seen = start + len(name)
            first = name_at(text[:limit], s)
            bare = first in suffixes or _kinds_of_place(first or "", suffixes)
            stop = _first_stopword(first, stopwords) if first and not bare else None
            if stop is None or stop[1] in pronouns or stop[1] in inside or not (
                len(stop[1]) > 1 or any(w == stop[1] and (a or b) for w, a, b in stopwords) or stop[1] in after_body
            ):
                break
            s += stop[0] + len(stop[1])
    return out


def _first_stopword(name: str, stopwords: list[tuple[str, ...]]) -> tuple[int, str] | None:
    """The stopword a regex of the rows in order finds first in the name (the leftmost, the first row on a tie),
    passing over a position whose stopword lies inside a place word followed by a place suffix (回龙村)."""
    found: dict[int, tuple[int, str]] = {}  # position -> (row, word) of the first row found there
    for row, (word, unless_after, unless_before) in enumerate(stopwords):
        for at in range(len(name)):
            prev, nxt = name[at - 1 : at], name[at + len(word) : at + len(word) + 1]
            excepted = (prev and prev in unless_after) or (nxt and nxt in unless_before)
            if name.startswith(word, at) and not excepted and at not in found:  # rows in order: the first wins
                found[at] = (row, word)
    rows = read_table("org_stopwords.tsv")
    prepositions = [row[0] for row in rows if len(row) > 3 and row[3] in ("preposition", "after_body")]
    bodies = [sfx for sfx, kind in read_table("org_suffixes.tsv") if kind != "place"]
    bodies += [row[0] for row in rows if row[3:4] == ["person"]]  # 党员向X社区: a word for people, as a body
    for at in range(len(name)):  # a preposition right after a body's name (X党委向Y): a stopword whatever is around it
        word = next((w for w in sorted(prepositions, key=len, reverse=True) if name.startswith(w, at)), None)
        if word is not None and name[:at].endswith(tuple(bodies)):
            found[at] = (-1, word)
    for at in sorted(found):
        word = found[at][1]
        if found[at][0] < 0 or not _in_place(name, at, at + len(word)):
            return at, word
    return None


def _plain_cues() -> str:
    """The verb cues, longest first, each that may head a name (联合党支部) with its own look-ahead."""
    names: dict[str, list[str]] = {}
    for row in read_table("org_cues.tsv"):
        if row[0] in ("name", "not"):
            names.setdefault(row[1], []).append(re.escape(row[2]))
    words = sorted((r[1] for r in read_table("org_cues.tsv") if r[0] == "verb"), key=len, reverse=True)
    joins: dict[str, str] = {}  # 和 right after 住房 joins 住房和城乡建设局
    for row in read_table("org_cues.tsv"):
        if row[0] == "joins":
            joins[row[1]] = joins.get(row[1], "") + f"(?<!{re.escape(row[2] + row[1])})"
    return "|".join(
        re.escape(w) + (f"(?!{'|'.join(names[w])})" if w in names else "") + joins.get(w, "") for w in words
    )


def _has_stopword(name: str, stopwords: list[tuple[str, ...]]) -> bool:
    """A stopword in the name, not right after nor right before one of its exception characters, nor in a place."""
    return _first_stopword(name, stopwords) is not None


def _runs_on(text: str, end: int) -> bool:
    """The name ending at ``end`` ends on a suffix that runs on into a longer word there (乡 of 乡村)."""
    nxt = text[end : end + 1]
    return bool(nxt) and any(text[:end].endswith(sfx) and nxt in chars for sfx, chars in read_table("org_suffix_words.tsv"))


def _clean_name(text: str, s: int, suffixes: dict[str, str], stopwords: list[tuple[str, ...]]) -> tuple[int, str] | None:
    """The name read at ``s``, the rule written out: cut openers (up to two), then back off past stopwords."""
    openers = sorted((r[0] for r in read_table("org_openers.tsv")), key=len, reverse=True)
    heads = {r[0] for r in read_table("org_openers.tsv") if len(r) > 2 and r[2] in ("head", "place_only")}
    place_only = {r[0] for r in read_table("org_openers.tsv") if len(r) > 2 and r[2] == "place_only"}
    places = [sfx for sfx, kind in suffixes.items() if kind == "place"]
    areas = tuple(r[0] for r in read_table("org_not_bodies.tsv"))

    guards = [(r[1], r[2]) for r in read_table("org_cues.tsv") if r[0] in ("name", "not")]

    def opener(name: str) -> int:
        word = next(
            (
                w
                for w in openers
                if name.startswith(w) and not any(w.endswith(c) and name[len(w) :].startswith(r) for c, r in guards)
            ),
            "",
        )
        if not word or _opener_place(name) > len(word) or _in_place(name, 0, len(word), longer=True):
            return 0
        if word in heads and len(name) > 1 and name[1] not in suffixes and any(  # 至乐社区: 至 opens the name
            name.startswith(end, 2) for end in ("社区", "街道", "嘎查", "村", "镇", "乡", "路", "街")
        ):
            return 0
        rest = name[len(word) :]
        before_place = (  # 同东岭村党支部, 同社区, 同各小区: an opener; 同济大学: the name's first character
            rest in suffixes
            or any(rest.startswith(w) and not any(w.endswith(c) and rest[len(w):].startswith(r) for c, r in guards)
                   for w in openers)
            or any(
                any(rest[:k].endswith(sfx) and k - len(sfx) >= 2 for sfx in places) and name_at(rest[:k]) == rest[:k]
                for k in range(3, len(rest) + 1)
            )
        )
        if word in place_only and not before_place:
            return 0
        return len(word)

    name = name_at(text, s)
    pronouns = tuple(r[0] for r in read_table("org_openers.tsv") if r[1] in ("pronoun", "national"))
    for _ in range(2):
        if name is None or not (cut := opener(name)):
            break
        if name.startswith(pronouns):
            return None
        s += cut
        name = name_at(text, s)
    if name is None or opener(name):
        return None
    first = True
    while name is not None:
        if (
            name not in suffixes
            and not _kinds_of_place(name, suffixes)
            and not _has_stopword(name, stopwords)
            and not name.endswith(areas)
            and (first or not _runs_on(text, s + len(name)))
        ):
            return s, name
        name = name_at(text, s, s + len(name) - 1)
        first = False
    return None


def _kinds_of_place(name: str, suffixes: dict[str, str]) -> bool:
    """The name is place suffixes (no committee: 居委会) one after another and nothing else (乡镇街道社区)."""
    committees = {row[0] for row in read_table("org_committees.tsv")}
    places = [sfx for sfx, kind in suffixes.items() if kind == "place" and sfx not in committees]
    ok = [True] + [False] * len(name)  # ok[i]: name[:i] is a run of place suffixes
    for i in range(len(name)):
        if ok[i]:
            for sfx in places:
                if name.startswith(sfx, i):
                    ok[i + len(sfx)] = True
    return bool(name) and ok[len(name)]


def _opener_place(name: str) -> int:
    """Length of the longest full gazetteer name the name starts with (和平区 in 和平区马路湾街道)."""
    from partyevents.extract.gazetteer import gazetteer

    names = {d.name for d in gazetteer().divisions}
    return max((n for n in range(2, len(name) + 1) if name[:n] in names), default=0)


@pytest.mark.parametrize(
    "text",
    [
        "王寨街道联合襄阳市乐源社会工作服务中心志愿者,成立“购药小分队”,组织部与区委宣传部及市教育局的党员参加。",
        "12月9日\n米公街道召开疫情防控推进会,3个社区党支部、5家企业和柿铺街道党工委开展结对共建。",
        "记者昨日从市委组织部获悉,全市5名第一书记被选派到村。区财政局组织学习,党组织书记讲党课",
        "",
    ],
)
def test_names_found_in_one_pass_equal_the_start_by_start_rule(text: str) -> None:
    want = _names_start_by_start(text)
    assert org_spans(text) == want
    for cut in range(0, len(text), 5):
        assert org_spans(text[cut:]) == _names_start_by_start(text[cut:])


def test_cue_trie_matches_as_the_longest_first_alternation() -> None:
    words = ["组织", "组织部", "召开", "开展", "在", "在职", "和"]
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)) + "(?!部)")
    trie = re.compile(trie_pattern(words) + "(?!部)")
    text = "在职党员在组织部组织召开和开展活动,组织部署"
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_movement_verb_ends_the_organizer_name() -> None:
    """`X到Y调研`: X inspects Y; Y is not part of X's name, and a place gone to is no body taking part."""
    import partyevents

    rows = partyevents.extract_text("9月5日,禹州市委组织部到顺店镇调研基层党建工作。\n9月6日,区财政局赴康乐社区开展志愿服务。")
    assert [e["organization"] for e in rows.events] == ["禹州市委组织部", "区财政局"]
    assert "顺店镇" not in rows.events[0]["organizations"]


# --- issue 14: table-driven cases per failure class (tests/data/org_cases.json, org_names_cases.json) ---

_DATA = Path(__file__).parent / "data"
_ORG_CASES = json.loads((_DATA / "org_cases.json").read_text(encoding="utf-8"))["cases"]
_NAME_CASES = json.loads((_DATA / "org_names_cases.json").read_text(encoding="utf-8"))["cases"]


def _run_case(case: dict[str, Any]) -> tuple[OrgMention | None, list[OrgMention]]:
    before = case.get("before", "")
    text = before + case["text"]
    events = [Event(1, len(before), len(text), case["text"], section="s")]
    if before:  # the text before is an event of another section: nothing is inherited from it
        events.insert(0, Event(0, 0, len(before), before, section="before"))
    return find_organizations(DocContext(text=text, title=case.get("title")), events)[-1]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=f"{cls}-{i}") for cls, cases in _ORG_CASES.items() for i, c in enumerate(cases)]
)
def test_organizer_cases_of_each_failure_class(case: dict[str, Any]) -> None:
    organizer, named = _run_case(case)
    assert (organizer and organizer.name) == case["organizer"]
    assert (organizer and organizer.source) == case["source"]
    if "named" in case:
        assert [m.name for m in named] == case["named"]


@pytest.mark.parametrize("case", _NAME_CASES, ids=[c["text"] for c in _NAME_CASES])
def test_organization_list_cases(case: dict[str, Any]) -> None:
    text = case["text"]
    assert [text[s:e] for s, e, _ in org_spans(text)] == case["names"]
    assert org_spans(text) == _names_start_by_start(text)


def test_a_person_is_never_the_organizer_even_without_a_title() -> None:
    organizer, _ = _run_case({"text": "郑明远深入到红旗村走访群众。"})
    assert organizer is None


def test_a_resolved_organizer_keeps_the_span_of_the_words_that_stand_for_it() -> None:
    case = {"title": "东岭县:党员冲在防汛一线", "text": "入汛以来,我县组织党员干部巡查河堤。"}
    organizer, named = _run_case(case)
    assert organizer is not None and organizer.start is not None
    assert case["text"][organizer.start : organizer.end] == "我县"  # type: ignore[misc]
    assert "东岭县" not in [m.name for m in named]  # the list holds names as written in the event


def test_a_venue_of_an_undated_paragraph_does_not_replace_the_organizer_of_the_story() -> None:
    first = "5月3日,东岭县委组织部组织新任村党组织书记赴外地学习考察。\n"
    second = "在青川职业技术学院,书记们聆听了专题讲座。\n"
    dated = "5月4日,在青川职业技术学院,书记们聆听了专题讲座。\n"
    for text, want in ((first + second, "东岭县委组织部"), (first + dated, "青川职业技术学院")):
        events = [Event(0, 0, len(first), first, section="s"), Event(1, len(first), len(text), text[len(first) :], section="s")]
        if text.endswith(dated):
            events[1].date.month, events[1].date.day = 5, 4
        organizer, _ = find_organizations(DocContext(text=text), events)[-1]
        assert organizer is not None and organizer.name == want
        assert organizer.source == "subject"


@pytest.mark.parametrize(
    "name",
    ["他拉哈镇党委", "回龙村党支部", "前进社区", "跃进乡向阳社区", "他认真听取回龙村", "回到前进社区", "为民服务中心", "东风镇等"],
)
def test_the_first_stopword_passes_over_place_words_as_the_plain_rule(name: str) -> None:
    from partyevents.extract.organizations import first_stopword

    stopwords = [(*row, "", "")[:3] for row in read_table("org_stopwords.tsv") if row[3:4] not in (["after_body"], ["person"])]
    stop = first_stopword(name)
    assert (stop and (stop.start(), stop.group())) == _first_stopword(name, stopwords)


def test_a_class_of_bodies_is_left_out_of_the_organizations_list() -> None:
    organizer, named = _run_case({"text": "5月6日,秀水村组织特色党支部和基层党支部书记开展学习。"})
    assert organizer is not None and organizer.name == "秀水村"
    assert [m.name for m in named] == ["秀水村"]


def test_a_county_leader_who_visits_stands_for_the_county_and_one_who_attends_is_a_guest() -> None:
    visit, _ = _run_case({"title": "枫岭县:干部下沉一线", "text": "5月3日,县领导陈某某莅临云溪镇检查指导。"})
    assert visit is not None and (visit.name, visit.source) == ("枫岭县", "reference")
    guest, _ = _run_case({"title": "枫岭县:干部下沉一线", "text": "5月3日,县领导陈某某出席云溪镇表彰大会。"})
    assert guest is None or guest.name != "枫岭县"


def test_a_visit_word_ends_a_name() -> None:
    text = "市委副书记、市长陈某某莅临云溪镇检查"
    assert [text[s:e] for s, e, _ in org_spans(text)] == ["云溪镇"]


def test_a_leader_posted_to_a_village_stands_for_that_village() -> None:
    posted, _ = _run_case({"text": "5月3日,区水利局驻石泉村第一书记陈某某带领村干部清理沟渠。"})
    assert posted is not None and (posted.name, posted.source) == ("石泉村", "leader")
    team, _ = _run_case({"text": "5月3日,区水利局驻石泉村工作队开展入户走访。"})
    assert team is not None and team.name == "区水利局驻石泉村工作队"  # a team named in full


def test_a_title_of_a_place_before_a_name_stands_for_that_place() -> None:
    town, _ = _run_case({"title": "石泉镇:冬日送温暖", "text": "5月3日,镇长陈某某带队走访辖区困难群众。"})
    assert town is not None and (town.name, town.source) == ("石泉镇", "reference")
    county, _ = _run_case({"title": "枫岭县:干部下沉一线", "text": "5月3日,副县长陈某某深入云溪镇检查。"})
    assert county is not None and county.name == "枫岭县"
    guest, _ = _run_case({"title": "枫岭县:干部下沉一线", "text": "5月3日,副县长陈某某出席云溪镇表彰大会。"})
    assert guest is None or guest.name != "枫岭县"


def test_a_name_before_a_title_of_a_place_is_a_person_not_a_body() -> None:
    town, named = _run_case({"title": "石泉镇:冬日送温暖", "text": "5月3日,陈某某镇长带队走访辖区困难群众。"})
    assert town is not None and (town.name, town.source) == ("石泉镇", "reference")
    assert named == []  # 陈某某镇 is no body
    guest, _ = _run_case({"title": "枫岭县:干部下沉一线", "text": "5月3日,陈某某县长出席云溪镇表彰大会。"})
    assert guest is None or guest.name != "枫岭县"


def test_a_quoted_place_or_branch_name_is_a_title_given_not_a_body() -> None:
    _, named = _run_case({"text": "5月3日,石泉村党支部争创“五好党支部”,推进“平安家园社区”建设。"})
    assert [m.name for m in named] == ["石泉村党支部"]


def test_a_place_that_only_gives_an_area_its_address_is_not_the_organizer() -> None:
    organizer, _ = _run_case({"text": "枫岭县石泉区翠柳小区近日出了件新鲜事,引来议论:身为建设单位,某置业集团党委在园内举行揭牌。"})
    assert organizer is not None and organizer.name == "某置业集团党委"
    acting, _ = _run_case({"text": "5月3日,石泉社区党委在翠柳小区开展议事活动。"})
    assert acting is not None and acting.name == "石泉社区党委"


def test_a_township_written_short_is_the_owner_of_what_it_opens_not_its_county() -> None:
    organizer, _ = _run_case({"text": "6月2日,和平区小白楼街“红色家园”服务站揭牌仪式举行,辖区居民到场。"})
    assert organizer is not None and organizer.name == "和平区小白楼街"
    owner, _ = _run_case({"text": "6月2日,东岭镇白沙村党群服务中心揭牌仪式举行。"})
    assert owner is not None and owner.name == "东岭镇白沙村"


def test_a_place_that_does_nothing_gives_way_to_the_organ_that_acts_later() -> None:
    rain, _ = _run_case({"text": "7月2日,枫岭区突降大雨,多处路段积水。千余名干部投入抢险。面对汛情,枫岭区委、区政府连夜部署。"})
    assert rain is not None and rain.name == "枫岭区委"
    ref, _ = _run_case({"before": "青禾镇召开会议。", "text": "在此次换届里,青禾镇显出有序的特点。自今年6月起,该镇党委早作谋划。"})
    assert ref is not None and ref.name == "青禾镇党委"
    holds, _ = _run_case({"text": "6月28日,枫岭县青禾乡举行表彰大会,各支部书记列席。"})
    assert holds is not None and holds.name == "枫岭县青禾乡"  # 举行: the place acts
    guest, _ = _run_case({"text": "5月8日,青禾村投资百万元的服务中心主体完工。县政协秘书长陈某某出席仪式。"})
    assert guest is not None and guest.name == "青禾村"  # a guest's title names no one who acts


def test_a_border_area_named_as_a_kind_is_no_body() -> None:
    _, named = _run_case({"text": "5月3日,石泉县委对边境市、县、乡党组织提出要求。"})
    assert [m.name for m in named] == ["石泉县委"]


def test_the_speaker_of_a_quotation_is_not_the_organizer() -> None:
    organizer, _ = _run_case({"text": "“我一早听书记讲了,今天去参观。”七星村老党员陈某某说。1月5日下午,青禾镇五个村的党员前往参观学习。"})
    assert organizer is not None and organizer.name == "青禾镇"


def test_a_whole_place_that_acts_is_not_the_body_of_the_story_before() -> None:
    ctx_text = "5月3日,石泉村工作队走访群众。自2015年全省开展驻村工作以来,每年都有上万名干部进驻各村。"
    cut = ctx_text.index("自")
    events = [Event(0, 0, cut, ctx_text[:cut], section="s"), Event(1, cut, len(ctx_text), ctx_text[cut:], section="s")]
    (first, _), (second, _) = find_organizations(DocContext(text=ctx_text), events)
    assert first is not None and first.name == "石泉村工作队"
    assert second is None  # 全省 acts: the village's team does not stand for it


def test_a_bare_branch_of_a_leaders_title_takes_the_area_its_sentence_names() -> None:
    organizer, _ = _run_case({"text": "2月4日下午,在青禾16号小区活动室,党支部书记钱某某和党员一起包饺子。"})
    assert organizer is not None and organizer.name == "青禾16号小区党支部"


def test_a_unit_that_acts_is_written_as_its_party_branch_when_the_event_names_it() -> None:
    organizer, _ = _run_case({"text": "6月2日上午,七连职工扛起锄头参加除草。随后七连党支部成员清运杂物。"})
    assert organizer is not None and organizer.name == "七连党支部"


def test_a_residents_home_place_is_not_the_organizer() -> None:
    organizer, _ = _run_case({"text": "5月3日,青禾村村民赵某某说,党员帮大家把路修好了。"})
    assert organizer is None
    organizer, _ = _run_case({"text": "5月3日,青禾村村民委员会组织大家清扫街道。"})
    assert organizer is not None and organizer.name == "青禾村村民委员会"


@pytest.mark.parametrize(
    "text",
    ["理工学院学生e支部开展学习", "东岭社区第3党支部联合5G党支部", "3日A社区开展活动", "共12个支部,第1234党支部", "ab东岭abcdefg社区"],
)
def test_names_may_carry_latin_letters_and_ordinal_digits(text: str) -> None:
    assert org_spans(text) == _names_start_by_start(text)
    assert masked(text) == _plain_masked(text)


def test_a_name_is_read_whole_through_latin_letters_and_digits() -> None:
    text = "5月3日,理工学院学生e支部与青禾社区第2党支部开展共建。"
    organizer, named = _run_case({"text": text})
    assert organizer is not None and organizer.name == "理工学院学生e支部"
    assert [m.name for m in named] == ["理工学院学生e支部", "青禾社区第2党支部"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("青禾镇党委同石泉村党支部一起巡河", ["青禾镇党委", "石泉村党支部"]),  # 同 after a body: a preposition
        ("会后石泉村党支部书记带队", ["石泉村党支部"]),  # 会后: a time word, no part of the name
        ("志愿者同社区一起值守,成立后支部运转顺畅", []),  # 同/后 before a bare suffix
        ("党员们向东岭社区居民送去年货", ["东岭社区"]),  # 们向: people acting on the body after them
        ("至乐社区党支部与同丰村党支部、后沟村党支部", ["至乐社区党支部", "同丰村党支部", "后沟村党支部"]),
        ("同砚路派出所民警", ["同砚路派出所"]),
        ("同济大学党委与后勤服务中心党支部、向阳花志愿服务队", ["同济大学党委", "后勤服务中心党支部", "向阳花志愿服务队"]),
        ("同东岭村党支部一起巡河", ["东岭村党支部"]),
        ("石泉村党支部联手青禾社区党委", ["石泉村党支部", "青禾社区党委"]),  # a verb between two bodies
        ("青禾镇党委帮扶石泉村,县驻村帮扶工作队", ["青禾镇党委", "石泉村", "县驻村帮扶工作队"]),
        ("未来社区将持续开展", []),
        ("除石泉社区外,自青禾街道成立以来,自来水公司党支部", ["石泉社区", "青禾街道", "自来水公司党支部"]),
    ],
)
def test_function_words_do_not_glue_onto_names(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e, _ in org_spans(text)] == want
    assert org_spans(text) == _names_start_by_start(text)


def test_goals_and_slogans_are_not_listed_as_bodies() -> None:
    text = "5月3日,青禾街道以“爱家园,美社区”为主题开展活动,推进文明、和谐、幸福社区建设,为打造平安社区出力。"
    organizer, named = _run_case({"text": text})
    assert organizer is not None and organizer.name == "青禾街道"
    assert [m.name for m in named] == ["青禾街道"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("县财政局、县工商联、县人民医院驻石泉村工作队走访", ["县财政局", "县工商联", "县人民医院驻石泉村工作队"]),
        ("区法院联合区检察院、区卫健委开展普法", ["区法院", "区检察院", "区卫健委"]),
        ("青禾镇中心幼儿园与镇卫生室结对", ["青禾镇中心幼儿园", "镇卫生室"]),
    ],
)
def test_mass_organizations_courts_and_units_are_bodies(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e, _ in org_spans(text)] == want
    assert org_spans(text) == _names_start_by_start(text)


def test_the_whole_region_of_a_page_on_an_autonomous_region_is_the_region() -> None:
    text = "6月2日,全区基层党建现场推进会在青禾县召开,自治区党委常委王某某现场观摩了东岭区石泉村。"
    organizer, _ = _run_case({"text": text})
    assert organizer is not None and organizer.name == "自治区党委"


def test_a_committee_member_who_heads_a_department_stands_for_the_department() -> None:
    organizer, _ = _run_case({"text": "5月3日,青禾县委常委、组织部长王某某到石泉村调研。"})
    assert organizer is not None and organizer.name == "青禾县委组织部"
    organizer, _ = _run_case({"text": "5月3日,青禾县委书记王某某到石泉村调研。"})
    assert organizer is not None and organizer.name == "青禾县委"


def test_the_zi_of_an_autonomous_region_opens_its_body_not_an_adverbial() -> None:
    organizer, _ = _run_case({"text": "5月3日,自治区党委常委、组织部部长王某某到石泉村调研。"})
    assert organizer is not None and organizer.name == "自治区党委组织部"
    organizer, _ = _run_case({"text": "自去年以来,青禾镇先后开展了三访活动。"})
    assert organizer is not None and organizer.name == "青禾镇"


def test_a_guest_body_that_acts_wins_over_the_host_that_receives_it() -> None:
    organizer, named = _run_case({"text": "5月3日,石泉社区迎来了青禾县中医院的医护人员,为居民义诊。"})
    assert organizer is not None and organizer.name == "青禾县中医院"
    assert [m.name for m in named] == ["石泉社区", "青禾县中医院"]
    organizer, named = _run_case({"text": "5月3日,在石泉社区,区图书馆的志愿者为孩子们讲故事。"})
    assert organizer is not None and organizer.name == "区图书馆"


def test_an_undated_paragraph_about_another_place_takes_that_places_branch() -> None:
    text = "3月5日,东岭村党支部组织巡边。在青禾镇石泉村,家家挂起国旗。石泉村党总支书记王某说,大家很自豪。"
    cut = text.index("在青禾镇")
    events = [Event(0, 0, cut, text[:cut], section="s"), Event(1, cut, len(text), text[cut:], section="s")]
    (first, _), (second, _) = find_organizations(DocContext(text=text), events)
    assert first is not None and first.name == "东岭村党支部"
    assert second is not None and second.name == "石泉村党总支"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("由区委组织部主办、区委党校承办", ["区委组织部", "区委党校"]),
        ("市委第二巡察组来到青禾镇", ["市委第二巡察组", "青禾镇"]),
        ("回顾了上半年督导组的工作", []),  # a time word is no part of a name
        ("为文明创建贡献党校力量", []),  # 党校力量: a word, no school
    ],
)
def test_party_schools_and_working_groups_are_bodies(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e, _ in org_spans(text)] == want
    assert org_spans(text) == _names_start_by_start(text)


def test_units_that_post_one_team_together_organize_as_that_team() -> None:
    organizer, named = _run_case({"text": "5月3日,县财政局、县工商联、县人民医院驻石泉村工作队走访脱贫户。"})
    assert organizer is not None and organizer.name == "县财政局、县工商联、县人民医院驻石泉村工作队"
    assert [m.name for m in named] == ["县财政局", "县工商联", "县人民医院驻石泉村工作队"]
    organizer, _ = _run_case({"text": "5月3日,县财政局、县工商联开展联合督查。"})
    assert organizer is not None and organizer.name == "县财政局"


def test_a_reference_is_listed_as_the_body_it_stands_for_once() -> None:
    _, named = _run_case({"text": "5月3日,石泉街道开展义诊。该街道组织党员参加,青禾社区协助。"})
    assert [m.name for m in named] == ["石泉街道", "青禾社区"]


def test_a_verb_of_visiting_ends_a_name() -> None:
    text = "参会人员走进石泉社区参观党群服务中心"
    assert [text[s:e] for s, e, _ in org_spans(text)] == ["石泉社区", "党群服务中心"]
    assert org_spans(text) == _names_start_by_start(text)


def test_sites_shown_on_a_tour_are_not_the_organizer() -> None:
    organizer, named = _run_case({"text": "5月3日,全县党建现场会召开,与会人员现场观摩了石泉村、青禾村。"})
    assert organizer is None
    assert [m.name for m in named] == ["石泉村", "青禾村"]


def test_each_of_a_class_of_bodies_neither_leads_nor_stands_in() -> None:
    organizer, _ = _run_case({"text": "5月3日,各村党支部书记个个摩拳擦掌,青禾镇党委组织比武。"})
    assert organizer is not None and organizer.name == "青禾镇党委"
    organizer, _ = _run_case({"text": "5月3日,评委查看了各村党支部的台账。"})
    assert organizer is None


def test_a_reference_of_no_body_named_gives_way_to_the_branch_it_names() -> None:
    organizer, named = _run_case({"text": "6月3日,我院后勤三党支部到东岭社区开展志愿服务活动。"})
    assert organizer is not None and organizer.name == "后勤三党支部"
    assert [m.name for m in named] == ["后勤三党支部"]  # 东岭社区 is where it goes, no body taking part
    organizer, _ = _run_case({"text": "6月3日,我镇党委召开会议。"})  # nothing but suffixes after it: as written
    assert organizer is not None and organizer.name == "我镇党委"
    organizer, _ = _run_case({"text": "6月3日,我院后勤三党支部开展学习。", "title": "青禾县人民医院开展主题党日"})
    assert organizer is not None and organizer.name == "青禾县人民医院后勤三党支部"


def test_a_body_fused_with_a_guests_title_is_no_body_of_the_event() -> None:
    organizer, named = _run_case({"text": "7月1日,青禾镇召开座谈会,副市长、公安局长王某出席会议。"})
    assert organizer is not None and organizer.name == "青禾镇"
    assert [m.name for m in named] == ["青禾镇"]
    organizer, named = _run_case({"text": "1月27日,东岭镇武装部长李某带领志愿者慰问老兵。"})  # the leader's body acts
    assert organizer is not None and organizer.name == "东岭镇武装部"
    assert [m.name for m in named] == ["东岭镇武装部"]


def test_a_place_that_does_its_own_work_is_no_idle_scene() -> None:
    organizer, _ = _run_case({"text": "今年以来,青禾区东岭镇创新制定《纪实办法》,推动规范化。镇党建办指导各支部按季度报备。"})
    assert organizer is not None and organizer.name == "青禾区东岭镇"
    organizer, _ = _run_case({"text": "7月9日,青禾区普降暴雨,区应急局组织党员抢险。"})
    assert organizer is not None and organizer.name == "区应急局"


def test_a_word_of_when_written_right_before_the_body_is_no_part_of_its_name() -> None:
    organizer, named = _run_case({"text": "当天下午青禾镇东岭社区组织党员清扫楼道。"})
    assert organizer is not None and organizer.name == "青禾镇东岭社区"
    assert [m.name for m in named] == ["青禾镇东岭社区"]
    organizer, named = _run_case({"text": "近日西岭村党支部开展主题党日活动。"})
    assert organizer is not None and organizer.name == "西岭村党支部"


def test_a_place_acted_on_gives_way_to_any_team_that_acts_after_it() -> None:
    text = "7月20日清晨,暴雨导致青河水位暴涨,石泉镇西岭村多户居民被困,县消防救援大队、驻村工作队迅速集结赶赴现场。"
    organizer, _ = _run_case({"text": text})
    assert organizer is not None and organizer.name == "县消防救援大队"
    text = "7月20日,东岭社区本着为民理念,“邻里帮帮团”、志愿服务队纷纷出手。"  # no passive: the place acts
    organizer, _ = _run_case({"text": text})
    assert organizer is not None and organizer.name == "东岭社区"


def test_a_generic_name_takes_the_place_named_last_before_it_even_one_the_gazetteer_lacks() -> None:
    text = "受台风影响,霞洞镇普降暴雨。20日,沙瑯镇观青村多户居民被困,镇应急救援队迅速集结。"
    events = [Event(0, 0, 15, text[:15], section="s"), Event(1, 15, len(text), text[15:], section="s")]
    organizer, _ = find_organizations(DocContext(text=text), events)[-1]
    assert organizer is not None and organizer.name == "沙瑯镇应急救援队"


def test_a_place_people_go_to_stands_in_only_when_no_story_before_names_a_body() -> None:
    text = "4月1日,青禾县税务局开展志愿服务月活动。5月3日,党员志愿者来到东岭社区,帮助居民清扫楼道。"
    cut = text.index("5月3日")
    events = [Event(0, 0, cut, text[:cut], section="s"), Event(1, cut, len(text), text[cut:], section="s")]
    organizer, named = find_organizations(DocContext(text=text), events)[-1]
    assert organizer is not None and organizer.name == "青禾县税务局"
    assert [m.name for m in named] == ["青禾县税务局"]  # the organizer carried on is listed, the place gone to not
    organizer, _ = _run_case({"text": "5月3日,党员志愿者来到东岭社区,帮助居民清扫楼道。"})  # no story before: the place
    assert organizer is not None and organizer.name == "东岭社区"


def test_an_honour_after_a_word_of_being_honoured_is_no_body() -> None:
    text = "5月3日,东岭村先后荣获省级四星级党组织、市级红旗村等称号,西岭镇被评为省级文明镇。"
    _, named = _run_case({"text": text})
    assert [m.name for m in named] == ["东岭村", "西岭镇"]


def test_a_reference_a_time_runs_into_stands_for_its_body() -> None:
    text = "东岭镇召开会议。\n春节前夕该镇党委分批走访困难党员。"
    cut = text.index("\n") + 1
    events = [Event(0, 0, cut, text[:cut], section="a"), Event(1, cut, len(text), text[cut:], section="b")]
    organizer, named = find_organizations(DocContext(text=text), events)[-1]
    assert organizer is not None and organizer.name == "东岭镇党委"
    assert [m.name for m in named] == ["东岭镇党委"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("今年来,青禾区东岭街道各社区党组织把议事会开进小区。", "青禾区东岭街道"),
        ("全市在职党员双报到工作开展以来,东岭街道各机关事业单位的党员纷纷到社区报到。", "东岭街道"),
    ],
)
def test_each_of_a_class_under_a_body_is_that_body(text: str, want: str) -> None:
    organizer, _ = _run_case({"text": text})
    assert organizer is not None and organizer.name == want


@pytest.mark.parametrize(
    "text", ["9月1日,南岭社区开展“青春社区·幸福家园”主题活动。", "9月1日,南岭社区党员清扫街道,为美好社区出一份力。"]
)
def test_a_slogan_or_a_purpose_names_no_body(text: str) -> None:
    _, named = _run_case({"text": text})
    assert [m.name for m in named] == ["南岭社区"]


def test_a_short_word_and_its_bracketed_alternative_open_the_name() -> None:
    organizer, named = _run_case({"text": "5月12日,区(中)直部门帮扶工作队与地(市)部门帮扶工作队走访慰问困难群众。"})
    assert organizer is not None and organizer.name == "区(中)直部门帮扶工作队"
    assert [m.name for m in named] == ["区(中)直部门帮扶工作队", "地(市)部门帮扶工作队"]


def test_a_village_office_after_the_villages_name_is_no_part_of_it() -> None:
    _, named = _run_case({"text": "5月12日,在东岭乡石村村部,镇党委召开座谈会。"})
    assert [m.name for m in named] == ["东岭乡石村", "镇党委"]


def test_a_name_is_cut_at_the_verb_of_handing_in_before_it() -> None:
    text = "各支部须于3个工作日内报镇组织办备案,并及时报告县委组织部。"
    assert [text[s:e] for s, e, _ in org_spans(text)] == ["各支部", "县委组织部"]
    text = "于月底前报东岭镇党建办审核。"
    assert [text[s:e] for s, e, _ in org_spans(text)] == ["东岭镇党建办"]


def test_the_organizer_is_always_listed_among_the_bodies() -> None:
    text = "5月2日,南溪街道召开动员会。5月9日,于辖内三处广场开展宣传活动,发放传单。"
    cut = text.index("5月9日")
    events = [Event(0, 0, cut, text[:cut]), Event(1, cut, len(text), text[cut:])]
    _, (second, listed) = find_organizations(DocContext(text=text), events)
    assert second is not None and second.name == "南溪街道"
    assert [m.name for m in listed] == ["南溪街道"]


def test_a_generic_compound_with_no_proper_name_is_no_body() -> None:
    text = "5月2日,南溪村党支部书记带队前往兄弟乡镇观摩,推动居民社区自治。"
    assert [text[s:e] for s, e, _ in org_spans(text)] == ["南溪村党支部"]


def test_a_joint_branch_of_a_list_of_villages_is_read_whole() -> None:
    text = "9月3日,乡党委及青石、白沙村联合党支部开展政策宣讲,东岭村、西岭村、林业联合党支部书记参加。"
    _, named = _run_case({"text": text})
    names = [m.name for m in named]
    assert "青石、白沙村联合党支部" in names and "白沙村联合党支部" not in names
    assert "林业联合党支部" in names  # a trade's joint branch closing a list of villages: three bodies


def test_a_sub_unit_acting_under_its_full_name_is_the_organizer() -> None:
    organizer, named = _run_case({"text": "3月4日,青禾县东岭镇南山片区组织60余名党员开展冬训。"})
    assert organizer is not None and organizer.name == "青禾县东岭镇南山片区"
    assert [m.name for m in named] == ["青禾县东岭镇南山片区"]
    organizer, _ = _run_case({"text": "3月4日,青禾县东岭镇在南山片区开展冬训。"})  # an area where it is done
    assert organizer is not None and organizer.name == "青禾县东岭镇"


def test_a_body_named_only_in_words_said_takes_no_part() -> None:
    text = "1月20日,东岭县委组织部慰问老党员。干部说:“我们代表县委、县政府来看您,祝您新年快乐!”"
    organizer, named = _run_case({"text": text})
    assert organizer is not None and organizer.name == "东岭县委组织部"
    assert [m.name for m in named] == ["东岭县委组织部"]


def test_a_place_gone_to_is_no_body_taking_part() -> None:
    text = "6月2日,东岭县委组织部组织村书记前往青禾县西坡村观摩学习。"
    organizer, named = _run_case({"text": text})
    assert organizer is not None and organizer.name == "东岭县委组织部"
    assert [m.name for m in named] == ["东岭县委组织部"]


def test_a_place_where_the_story_goes_on_under_a_new_subheading_does_not_replace_its_organizer() -> None:
    first = "7月8日,东岭镇志愿服务队来到田间,帮农户抗旱。\n"
    second = "在西坡村,志愿者们帮农户铺设水管。\n"
    text = first + second
    events = [Event(0, 0, len(first), first, section="抗旱一线"),
              Event(1, len(first), len(text), second, section="田间地头")]
    _, (organizer, _) = find_organizations(DocContext(text=text), events)
    assert organizer is not None and organizer.name == "东岭镇志愿服务队"


def test_the_organizer_is_listed_even_when_it_is_a_place_gone_to() -> None:
    # the visited places after 来到 leave the list, but the one that stands in for the organizer is its own words
    ev = partyevents.extract_text("近日,记者来到青山县东岭乡西坡村、南河镇北沟村,村里的大喇叭都在播放党的二十大报告。").events[0]
    assert ev["organization"] == "青山县东岭乡西坡村"
    assert ev["organization"] in ev["organizations"]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("5月9日,在青禾镇的松林社区党群服务中心,松林社区党支部组织党员重温入党誓词。", "松林社区党群服务中心"),
        ("6月2日,柳岸街道依托辖区便民服务中心、桃源村新时代文明实践站开展义诊。", "桃源村新时代文明实践站"),
        ("6月2日,柳岸街道党工委组织党员座谈,会后,大家走进了桃源村党群服务中心。", "桃源村党群服务中心"),
    ],
)
def test_a_facility_named_as_the_place_where_something_happens_is_not_listed(text: str, gone: str) -> None:
    _, named = _run_case({"text": text})
    assert gone not in [m.name for m in named]


def test_a_facility_that_acts_stays_listed() -> None:
    _, named = _run_case({"text": "6月2日,柳岸街道党工委联合桃源村新时代文明实践站开展义诊,在松林社区党群服务中心的带领下,志愿者们排队,"
                                  "在西坡村便民服务中心的悉心指导下开展登记。"})
    assert "桃源村新时代文明实践站" in [m.name for m in named]
    assert "松林社区党群服务中心" in [m.name for m in named]
    assert "西坡村便民服务中心" in [m.name for m in named]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("“渠修通了,庄稼再也不愁水。”近日,青禾县柳湾村党支部书记宋建国说。3月2日,柳湾镇组织党员开展春耕帮扶。", "柳湾镇"),
        ("“账目一笔笔都摆在了台面上。”日前,柳湾村党支部书记宋建国在全镇书记述职大会上亮家底时,会场安静下来。"
         "当天,柳湾镇党委组织班子成员参加评议。", "柳湾镇党委"),
        ("“多亏了他们常来帮忙。”聊起这一年,柳湾村党支部书记宋建国对帮扶队连连称赞。柳湾镇党委组织党员开展春耕帮扶。", "柳湾镇党委"),
    ],
)
def test_a_titled_speaker_of_a_quotation_is_not_the_organizer(text: str, want: str) -> None:
    organizer, _ = _run_case({"text": text})
    assert organizer is not None and organizer.name == want


def test_a_titled_person_who_acts_after_a_quotation_still_gives_the_organizer() -> None:
    organizer, _ = _run_case({"text": "“大家搭把手!”3月2日,柳湾村党支部书记宋建国带领党员清理沟渠。"})
    assert organizer is not None and organizer.name == "柳湾村党支部"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("青禾县人大常委会副主任李平到东岭村调研。", ["青禾县人大常委会", "东岭村"]),
        ("柳湾村人大代表联络站里,代表们听取民意。", ["柳湾村"]),
        ("区直各部门、5个街道党工委迅速行动。", ["区直各部门", "街道党工委"]),
        ("承担包保任务的州直单位、乡直部门和市直机关单位都派出了干部。", ["州直单位", "乡直部门", "市直机关单位"]),
        ("网格员走访了沿街店铺、驻社区单位的党员。", []),
    ],
)
def test_a_congress_standing_committee_and_the_units_of_a_whole_are_named_in_full(text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e, _ in org_spans(text)] == names


def test_the_units_of_a_body_that_is_all_of_them_are_the_organizer_written_whole() -> None:
    organizer, _ = _run_case({"text": "5月10日,州直机关各单位迅速行动,组织党员下沉社区。"})
    assert organizer is not None and organizer.name == "州直机关各单位"
    organizer, _ = _run_case({"text": "5月10日,东岭街道各社区迅速行动,组织党员入户。"})
    assert organizer is not None and organizer.name == "东岭街道"


def test_bodies_of_every_level_are_a_class_not_listed() -> None:
    _, named = _run_case({"text": "5月10日,青禾县委召开会议,会议强调,各级各部门要压实责任。"})
    assert [m.name for m in named] == ["青禾县委"]


def test_a_place_and_its_other_name_in_brackets_open_the_name_after_them() -> None:
    organizer, named = _run_case({"text": "当天,在青禾高新区(东岭区)柳湾社区,居民们敲锣打鼓迎接新来的工作队。"})
    assert organizer is not None and organizer.name == "青禾高新区(东岭区)柳湾社区"
    assert [m.name for m in named] == ["青禾高新区(东岭区)柳湾社区"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("4月8日,会议要求,柳湾村党支部要立即排查隐患。青禾镇党委随后组织检查组入村。", "青禾镇党委"),
        ("4月8日,督导组要求柳湾村党支部限期整改。", None),
        ("4月8日,响应青禾镇党委号召,柳湾村党支部组织党员清理河道。", "柳湾村党支部"),
    ],
)
def test_a_body_asked_to_act_is_not_the_organizer(text: str, want: str | None) -> None:
    organizer, _ = _run_case({"text": text})
    assert (organizer and organizer.name) == want


def test_a_bare_place_word_stands_for_the_place_its_sentence_names_before_it() -> None:
    organizer, _ = _run_case({"text": "在青禾镇,镇领导班子带领党员干部连夜巡堤,县农业局驻镇帮扶工作队也赶来支援。"})
    assert organizer is not None and organizer.name == "青禾镇"


def test_a_villager_who_speaks_of_a_quotation_gives_no_organizer() -> None:
    organizer, _ = _run_case({"text": "“村口的路修宽了,回家方便多了。”说起老家的变化,青禾县柳湾村外出党员宋明感慨不已。"})
    assert organizer is None


def test_a_whole_district_is_never_a_community_whose_name_ends_with_the_same_character() -> None:
    case = {"text": "全区机关党员干部纷纷下沉,在柳湾镇锦绣家园社区门岗值守,海淀区委组织部统筹调度。"}
    organizer, _ = _run_case(case)
    assert organizer is not None and organizer.name == "海淀区"


def test_a_titled_person_who_tells_a_reporter_is_a_speaker() -> None:
    organizer, _ = _run_case({"text": "“今年的收成比去年好。”柳湾村党支部书记宋建国告诉记者。4月8日,青禾镇党委组织农技员入村指导。"})
    assert organizer is not None and organizer.name == "青禾镇党委"
