"""The gazetteer: JioNLP's division tree, short forms, and the lazy village index."""

from __future__ import annotations

import datetime as dt

import pytest

from partyevents.extract.gazetteer import gazetteer


def names(text: str) -> list[tuple[str, list[str]]]:
    g = gazetteer()
    return [(m.surface, sorted({g.divisions[c].name for c in m.candidates})) for m in g.find(text)]


def test_sizes_match_the_dictionary() -> None:
    levels = [d.level for d in gazetteer().divisions]
    assert (levels.count("province"), levels.count("prefecture"), levels.count("county")) == (34, 350, 3192)
    assert levels.count("township") > 40000


@pytest.mark.parametrize(
    ("text", "surface", "full"),
    [
        ("樊城发布", "樊城", "樊城区"),
        ("前川街向阳社区", "前川街", "前川街道"),
        ("黄陂的", "黄陂", "黄陂区"),
        ("禹州夏都街道", "禹州", "禹州市"),
        ("长沙率先", "长沙", "长沙市"),
    ],
)
def test_short_forms_name_their_full_division(text: str, surface: str, full: str) -> None:
    assert names(text)[0] == (surface, [full])


def test_chain_and_codes() -> None:
    g = gazetteer()
    (m,) = g.find("樊城区")
    chain = g.chain(m.candidates[0])
    assert [d.name for d in chain.values()] == ["湖北省", "襄阳市", "樊城区"]
    assert chain["county"].code == "420606"


def test_longest_match_wins_and_spans_slice() -> None:
    text = "武汉市黄陂区前川街道"
    found = gazetteer().find(text)
    assert [m.surface for m in found] == ["武汉市", "黄陂区", "前川街道"]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_short_form_inside_another_name_is_not_a_place() -> None:
    assert names("樊城领秀中原商圈") == [("樊城", ["樊城区"])]
    assert [s for s, _ in names("前川街向阳社区")] == ["前川街"]  # 向阳 is not 向阳区 here


def test_generic_words_are_not_places() -> None:
    assert names("城区500个社区和经济开发区") == []


def test_shared_township_name_keeps_every_candidate() -> None:
    (m,) = gazetteer().find("城关镇")
    assert len(m.candidates) > 50


def test_villages_are_indexed_per_county() -> None:
    g = gazetteer()
    (m,) = g.find("黄陂区")
    towns = g.villages(m.candidates[0])["康乐社区"]
    assert [g.divisions[t].name for t in towns] == ["前川街道"]


def test_lone_surrogate_keeps_offsets() -> None:
    # undecodable bytes may survive as lone surrogates; the matcher must neither fail nor shift spans
    text = "\udcff武汉市黄陂区"
    found = gazetteer().find(text)
    assert [(m.start, m.end, m.surface) for m in found] == [(1, 4, "武汉市"), (4, 7, "黄陂区")]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_township_written_without_its_county_in_front() -> None:
    # the dictionary names some townships with their county in front (四子王旗白音朝克图镇)
    assert names("白音朝克图镇")[0] == ("白音朝克图镇", ["四子王旗白音朝克图镇"])


def test_corps_farm_written_by_its_regiment_number() -> None:
    # the dictionary names a Corps farm 兵团一四三团; pages write 一四三团, also after its division (八师)
    assert names("今天,一四三团六连职工")[0] == ("一四三团", ["兵团一四三团"])
    assert names("走访八师一四三团")[0] == ("一四三团", ["兵团一四三团"])
    assert names("走访第一四三团") == [] and names("同志们抱成一团") == []  # an army's ordinal, an idiom


def test_subdistrict_office_written_after_its_core() -> None:
    # 某某办事处 for 某某街道 (common in Henan); a province's or a city's liaison office (北京办事处) is none
    assert names("群众来到古塔办事处咨询")[0] == ("古塔办事处", ["古塔街道"])
    assert names("宣传材料送到北京办事处") == [("北京", ["北京市"])]


def test_township_under_another_level_suffix() -> None:
    g = gazetteer()
    assert [g.divisions[i].name for i in g.township_variants("松北镇")] == ["松北街道"]
    assert g.township_variants("镇") == ()


def test_street_written_without_its_doubled_street() -> None:
    # 新华街街道 (Wuhan) is also written 新华街道, a full name elsewhere: both are candidates
    (m,) = gazetteer().find("新华街道")
    assert "新华街街道" in {gazetteer().divisions[c].name for c in m.candidates}


def test_earlier_names_match_and_hold_until_the_change() -> None:
    g = gazetteer()
    (m,) = g.find("沾化县")
    i = m.candidates[0]
    assert g.divisions[i].name == "沾化区" and not m.short
    assert g.name_at(i, dt.date(2013, 1, 1)) == ("沾化县", "371624")
    assert g.name_at(i, dt.date(2020, 1, 1)) == ("沾化区", "371603")
    assert g.name_at(i, None, "沾化县")[0] == "沾化县"
    assert g.name_at(i, None, "沾化区")[0] == "沾化区"


def test_jionlp_change_table_is_read() -> None:
    g = gazetteer()
    (m,) = g.find("襄樊市")  # 2010: 襄樊市 → 襄阳市
    assert g.divisions[m.candidates[0]].name == "襄阳市"
    assert g.name_at(m.candidates[0], dt.date(2009, 5, 1))[0] == "襄樊市"


def test_a_subdistrict_office_after_its_zone_is_found() -> None:
    g = gazetteer()
    (m,) = g.find("高新区前川办事处")
    assert (m.surface, g.divisions[m.candidates[0]].name) == ("前川办事处", "前川街道")
    assert g.find("高新区前川街") == []  # other short forms still need a word before them that ends no name
