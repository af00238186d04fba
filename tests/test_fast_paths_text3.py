"""Fast paths of the text stages against their plain forms, third round: the suspect characters of a mojibake run
read off one table (rare Han characters and Latin letters between Han ones), a list's label looked for only on
short lines, and the patterns compiled at their first use (the same patterns as the module-level ones before)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import RAW, samples
from partyevents import cache, ingest, script, validate
from partyevents import normalize as nz
from partyevents import segment as seg
from partyevents.extract import dates
from partyevents.records import DateInfo, Event, Figure, OrgMention, Place
from partyevents.regex_first import edge_class

SAMPLES = samples()


def _plain_suspects(text: str) -> list[int]:
    """The rare characters' class and the Latin-letter pattern, searched over the text (before: two scans)."""
    rare, latin = nz._rare_char_re()
    return sorted(m.start() for m in [*rare.finditer(text), *latin.finditer(text)])


@pytest.mark.parametrize("text", [
    "", "a", "党a", "a党", "党a党", "党ab党", "党a 党", "施工!爸辽僖矐該測試僖", "矐A矐Z矐z\ue000q\uf8ff", "党\uf900a党",
    "Ab党c党d", "\U00020000a党", "党a\U00020000", "䶵x龘", "㐀y鿿", "\u33ffa党", "党a\ua000", "mojibake 锟斤拷烫烫烫",
])
def test_suspect_hits_on_hand_written_text(text: str) -> None:
    assert nz._suspect_hits(text) == _plain_suspects(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("施工爸辽僖矐該測試党建㐀鿿\u33ff\ua000\ue000\uf8ff\uf900\uffff\U00020000\ud800aZb 1@["),
               max_size=40))
def test_suspect_hits_are_the_rare_class_and_the_letters_between_han(text: str) -> None:
    assert nz._suspect_hits(text) == _plain_suspects(text)


def test_suspect_hits_on_the_samples() -> None:
    for text in SAMPLES:
        assert nz._suspect_hits(text) == _plain_suspects(text)


_PLAIN_LIST_HEADING = re.compile(r"[\u4e00-\u9fff]{2,6}")
_PLAIN_TEASER = re.compile(r"[\u3400-\u9fff]\.{3}$")


def _plain_opens_other_articles(line: str, lines: list[str], at: int) -> bool:
    """:func:`normalize._opens_other_articles` as it read before: the label's pattern tried on every line."""
    if not _PLAIN_LIST_HEADING.fullmatch(line):
        return False
    after = [ln for ln in lines[at + 1 : at + 8] if ln][:3]
    if after and _PLAIN_TEASER.search(after[0]):
        return True
    return len(after) == 3 and all(nz._title_like(ln) for ln in after)


_LIST_BITS = ["相关", "新闻", "推荐阅读", "看点", "某镇开展活动...", "某镇开展植树活动", "6月3日,某社区开展主题党日活动。",
              "ab", "党", "", " ", "活动现场", "某某某某某某某"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LIST_BITS), max_size=3).map("".join), min_size=1, max_size=8))
def test_list_label_on_short_lines_only_is_the_plain_test(lines: list[str]) -> None:
    for at, line in enumerate(lines):
        assert nz._opens_other_articles(line, lines, at) == _plain_opens_other_articles(line, lines, at), (line, lines)


def test_list_label_on_hand_written_pages() -> None:
    page = ["推荐阅读", "某镇开展植树活动", "某县召开党建会议", "某村举办文艺晚会", "看点", "某镇开展活动,组织党员学习..."]
    for at, line in enumerate(page):
        assert nz._opens_other_articles(line, page, at) == _plain_opens_other_articles(line, page, at)
    assert nz._opens_other_articles("推荐阅读", page, 0) and nz._opens_other_articles("看点", page, 4)


# the patterns now compiled at their first use, as the module-level ones read before
_BEFORE = {
    "dateline": r"[\u4e00-\u9fff]{0,6}?(?:讯|电|消息)(?=[\s((::,,“\"]|$)(?:\s*[((][^()()]{0,30}[))])?",
    "credit": r"[\u4e00-\u9fff]{1,10}?讯(?=[\s((::,,“\"])(?:\s*[((][^()()]{0,30}[))])?[\s::,,]*",
    "place_name": r"(?<![各全该本每所其此])(?:(?![各全该本每所其此等])[\u4e00-\u9fff]){2,6}?(?:街道|社区|村|镇|乡)"
                  r"(?![\u4e00-\u9fff]{0,1}[民委里])",
    # the label's characters as the characters themselves (a plain string, as the module wrote them)
    "label": "[\u4e00-\u9fff()（）]{0,11}(?:镇|乡|街道|社区|村|县|区|市|局|委|部|办|所|站|中心|支部|总支|公司|院)",
    "label_char": "[\u4e00-\u9fff()（）]",
    "enumerator": r"^\s*(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2}|[((][一二三四五六七八九十0-9]{1,2}[))])\s*[、.．]?\s*",
    "elsewhere": r"(?:在|走进|来到)(?P<chain>(?:[\u4e00-\u9fff]{2,5}?[市县区旗])+)[\u4e00-\u9fff]{1,5}?(?:镇|乡|街道)",
    "elsewhere_local": r"(?P<name>(?:(?![各全该本每所其此等我在])[\u4e00-\u9fff]){2,6}?(?:社区|村))"
                       r"(?:党委|党总支|党支部|居委会|村委会)?(?:联合|组织|开展|举办|召开|启动)",
    "county_part": r"[\u4e00-\u9fff]{1,4}?[市县区旗]",
    "run_char": r"[\u3400-\u9fffA-Za-z\ue000-\uf8ff]+",
    "site_suffix": r"\s*[_|\-–—]+\s*[^_|\-–—]{2,30}(?:人民政府|政府网|门户网站|官网|新闻网|党建网|网站|网|频道)$",
    "counted": r"[0-9]+(?:\.[0-9]+)?[万亿]?[\u4e00-\u9fff]",
    "bare_unit": r"^[\u4e00-\u9fff]{2,12}(?:社区|村|镇|乡|街道|居委会|村委会|党支部|党总支|党委)$",
    "cjk": r"[\u4e00-\u9fff]",
    "short_line": r"[\u4e00-\u9fff\u201c\u201d\u300a\u300b ,、0-9a-zA-Z]{2,24}",
}


def _now() -> dict[str, str]:
    elsewhere, local, county = seg._elsewhere_res()
    bare_unit, cjk = nz._title_res()
    return {"dateline": seg._dateline().pattern, "credit": seg._credit().pattern, "place_name": seg._place_name().pattern,
            "label": seg._label().pattern, "label_char": seg._label_char().pattern,
            "enumerator": seg._enumerator().pattern, "elsewhere": elsewhere.pattern, "elsewhere_local": local.pattern,
            "county_part": county.pattern, "run_char": nz._run_char().pattern, "site_suffix": nz._site_suffix().pattern,
            "counted": nz._counted().pattern, "bare_unit": bare_unit.pattern, "cjk": cjk.pattern,
            "short_line": nz._SHORT_RE}


def test_patterns_compiled_at_first_use_are_the_ones_compiled_at_import_before() -> None:
    assert _now() == _BEFORE
    assert seg._opener_prefix().pattern == (
        "^(?:(?=" + _BEFORE["label"] + "[:：])[\u4e00-\u9fff()（）]{1,12}[:：])?"
        + "[\\s" + re.escape(seg._OPENER_MARKS) + "]*(?:[一二三四五六七八九十]是)?(?:自|从|在|于)?")
    assert nz._list_res()[0].pattern == _PLAIN_LIST_HEADING.pattern
    assert nz._list_res()[1].pattern == _PLAIN_TEASER.pattern


# ---------------------------------------------------------------- fixers not run on a text without their characters
_OLD_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffe\ufffc]")


def _bmp_with(bit: int) -> set[int]:
    kinds = nz._fix_kinds()
    return {cp for cp in range(0x10000) if kinds[cp] & bit}


def test_fix_kinds_hold_every_character_a_fixer_looks_for() -> None:
    bmp = [chr(cp) for cp in range(0x10000)]
    assert _bmp_with(nz._KIND_BREAK) == {ord(c) for c in bmp if nz._BREAK_CHAR.match(c)}
    control = {ord(c) for c in bmp if _OLD_CONTROL.match(c)}
    assert _bmp_with(nz._KIND_CONTROL) == control == {ord(c) for c in bmp if nz._CONTROL.match(c)}
    runs = nz._nfkc_runs()
    assert _bmp_with(nz._KIND_NFKC) == {ord(c) for c in bmp if runs.match(c)}
    assert {ord(c) for c in bmp if nz._WIDE.match(c)} <= _bmp_with(nz._KIND_NFKC)  # nfkc narrows only those
    t2s = script._changed_by("t2s")
    assert _bmp_with(nz._KIND_T2S) == {ord(c) for c in bmp if t2s.match(c)}
    # beyond the BMP: NFKC's runs hold every character, no other fixer's class holds one
    assert set(nz._fix_kinds()[nz._BEYOND_BMP :].tolist()) == {nz._KIND_NFKC}
    for c in ("\U00010000", "\U0001d400", "\U00020000", "\U0010ffff"):
        assert runs.match(c) and not nz._BREAK_CHAR.match(c) and not nz._CONTROL.match(c) and not t2s.match(c)


def _plain_normalize(text: str) -> object:
    """:func:`normalize.normalize` running every fixer on every text."""
    needs = nz._NEEDS
    nz._NEEDS = {}
    try:
        return nz.normalize(text)
    finally:
        nz._NEEDS = needs


@pytest.mark.parametrize("text", [
    "", "党员进社区。", "黨員進社區,推進(jìn)工作。", "Ａ\r\nＢ\u2028党\x07员\u200b", "第1版 ｜ 記者 王某\n\n12月4日,某鎮召開會議。",
    "\U0001d400党建\U00020000", "e\u0301党", "\ufeff3月9日,,某镇召开会议。", "施工!爸辽僖矐該測試",
])
def test_normalize_skipping_fixers_is_the_plain_run(text: str) -> None:
    assert nz.normalize(text) == _plain_normalize(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    "党员進區黨镇\r\n\u2028\x85\x07\u200b\ufeffＡ１\u3000\xa0e\u0301\U0001d400\uf900(jìn) ,、。12月日:来源版a僖矐"), max_size=60))
def test_normalize_skipping_fixers_is_the_plain_run_on_drawn_text(text: str) -> None:
    assert nz.normalize(text) == _plain_normalize(text)


def test_normalize_skipping_fixers_on_the_samples() -> None:
    for path in sorted(RAW.iterdir()):
        if path.suffix in (".txt", ".html"):
            text = ingest.decode(path.read_bytes(), str(path)).text
            assert nz.normalize(text) == _plain_normalize(text), path


# ---------------------------------------------------------------- an event's row built in one dict display
def _plain_event_row(doc_id: str, ev: Event) -> dict[str, object]:
    """:func:`validate._event_row` as it read before: a dict built by updates."""
    d = ev.date
    place = ev.place
    largest: dict[str, int | None] = dict.fromkeys(validate.CONVENIENCE_CATEGORIES)
    for f in ev.figures:
        if f.kind == "count" and f.category in largest:
            cur = largest[f.category]
            largest[f.category] = max(cur or 0, int(f.value))
    org = ev.organization
    row: dict[str, object] = {
        "event_id": f"{doc_id}:{ev.seq}", "doc_id": doc_id, "seq": ev.seq, "section": ev.section,
        "date_text": d.text, "year": d.year, "month": d.month, "day": d.day,
        "date_start": d.full_date, "date_end": d.end_date, "month_end": d.end_month, "day_end": d.end_day,
        "date_since": d.since, "year_source": d.year_source if d.year is not None else None,
    }
    if place is None:
        row.update(dict.fromkeys(("locality", "locality_level", "province", "prefecture", "county", "township",
                                  "community", "adcode", "province_code", "prefecture_code", "county_code",
                                  "county_code_current", "locality_source")))
    else:
        row.update({
            "locality": place.name, "locality_level": place.level, "province": place.province,
            "prefecture": place.prefecture, "county": place.county, "township": place.township,
            "community": place.community, "adcode": place.adcode, "province_code": place.province_code,
            "prefecture_code": place.prefecture_code, "county_code": place.county_code,
            "county_code_current": place.county_code_current, "locality_source": place.source,
        })
    row.update({
        "organization_source": org.source if org else None, "is_repost": ev.is_repost,
        "organization": org.name if org else None,
        "organizations": list(dict.fromkeys(o.name for o in ev.organizations)),
        "activity_type": ev.activity_type, "activity_types": list(dict.fromkeys(ev.activity_types)),
        **largest, "text": ev.text, "char_start": ev.start, "char_end": ev.end,
    })
    return row


_CATEGORIES = st.sampled_from(["volunteers", "party_members", "households", "people", "cadres", "money_cny"])
_FIGURES = st.builds(Figure, value=st.floats(0, 1e6, allow_nan=False), value_text=st.just("30人"), unit=st.just("人"),
                     category=_CATEGORIES, start=st.just(0), end=st.just(3),
                     kind=st.sampled_from(["count", "cumulative", "target"]))
_PLACES = st.none() | st.builds(Place, surface=st.just("甲镇"), start=st.just(0), end=st.just(2), name=st.just("甲镇"),
                                level=st.just("township"), province=st.sampled_from([None, "某省"]),
                                adcode=st.sampled_from([None, "110101"]), source=st.sampled_from([None, "event"]))
_ORGS = st.builds(OrgMention, name=st.sampled_from(["甲镇党委", "乙村党支部"]), start=st.none(), end=st.none(),
                  source=st.sampled_from([None, "subject"]))
_DATES = st.builds(DateInfo, text=st.sampled_from([None, "5月3日"]), year=st.sampled_from([None, 2021]),
                   month=st.sampled_from([None, 5, 2]), day=st.sampled_from([None, 3, 30]),
                   year_source=st.sampled_from([None, "expression"]), since=st.booleans())
_EVENTS = st.builds(Event, seq=st.integers(0, 9), start=st.just(0), end=st.just(5), text=st.just("甲镇开会。"),
                    section=st.sampled_from([None, "动态"]), date=_DATES, place=_PLACES, organization=st.none() | _ORGS,
                    organizations=st.lists(_ORGS, max_size=3), activity_type=st.just("meeting"),
                    activity_types=st.lists(st.sampled_from(["meeting", "study"]), max_size=3),
                    figures=st.lists(_FIGURES, max_size=4), is_repost=st.booleans())


@settings(max_examples=300, deadline=None)
@given(_EVENTS)
def test_event_row_is_the_plain_row(ev: Event) -> None:
    fast, plain = validate._event_row("0123456789abcdef", ev), _plain_event_row("0123456789abcdef", ev)
    assert fast == plain and list(fast) == list(plain)


def test_event_row_on_a_hand_written_event() -> None:
    place = Place("甲镇", 0, 2, "甲镇", "township", province="某省", adcode="110101", source="event")
    figures = [Figure(30.0, "30人", "人", "people", 0, 3), Figure(50.0, "50人", "人", "people", 4, 7),
               Figure(8.0, "8名", "名", "volunteers", 8, 10, kind="target")]
    orgs = [OrgMention("甲镇党委", 0, 4), OrgMention("甲镇党委", 5, 9), OrgMention("乙村", 10, 12)]
    for ev in (Event(1, 0, 5, "甲镇开会。"), Event(2, 0, 5, "甲镇开会。", place=place, figures=figures, organizations=orgs,
                                                   organization=orgs[0], activity_types=["meeting", "meeting"])):
        fast, plain = validate._event_row("0123456789abcdef", ev), _plain_event_row("0123456789abcdef", ev)
        assert fast == plain and list(fast) == list(plain)
    assert fast["people"] == 50 and fast["volunteers"] is None and fast["organizations"] == ["甲镇党委", "乙村"]


# ---------------------------------------------------------------- inline patterns searched only past their gate
def test_every_gate_names_an_inline_pattern_of_the_table() -> None:
    inline = {p.pattern for p in nz.boilerplate_patterns()["inline"]}
    assert set(nz._INLINE_GATES) <= inline
    assert sum(g is not None for g in nz._inline_gates()) == len(nz._INLINE_GATES)


_ASCII_BITS = ["a", "b c", "A", "1", " ", "  ", "x y z", ",", "(", ")", ":", "!", "党", "。", "\n", "、", "ab ", "@",
               ".", "~", "\t", "Q R S T", "?", "3 4 5", "某社区开展活动", " . ", "w w w . c n", "- "]


def _gated_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    pats = nz.boilerplate_patterns()["inline"]
    return [(p, gate) for p, gate in zip(pats, nz._inline_gates(), strict=True) if gate is not None]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_ASCII_BITS), max_size=12).map("".join))
def test_a_text_an_inline_pattern_matches_holds_its_gate(text: str) -> None:
    for pattern, gate in _gated_patterns():
        if pattern.search(text) is not None:
            assert gate.search(text) is not None, (pattern.pattern, text)


@pytest.mark.parametrize(("text", "stray"), [
    ("党员 a . b c d。", True), ("活动 a b - c d 党", True), ("d . i . a 党", True), ("某镇 w w w . c n 党", True),
    ("某社区开展活动 a b c 。", False), ("党员 A B C D\n", False), ("12 月 4 日", False), ("某社区开展活动。", False),
    ("a b", False), ("(a b c)", False),
])
def test_gate_on_hand_written_text(text: str, stray: bool) -> None:
    [(pattern, gate)] = _gated_patterns()
    assert (pattern.search(text) is not None) is stray
    if stray:
        assert gate.search(text) is not None
    present = nz.present_literals(text)
    plain = tuple(i for i, p in enumerate(nz.boilerplate_patterns()["inline"]) if p.search(text) is not None)
    fast = nz._inline_for(text, present)
    assert (fast.pattern if fast is not None else None) == (nz._inline_alternation(plain).pattern if plain else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_ASCII_BITS, "(线索提供人:王某)", "责任编辑:张三", "(记者 李四)"]), max_size=10).map("".join))
def test_inline_patterns_chosen_past_their_gates_as_by_plain_searches(joined: str) -> None:
    present = nz.present_literals(joined)
    plain = tuple(i for i, p in enumerate(nz.boilerplate_patterns()["inline"]) if p.search(joined) is not None)
    fast = nz._inline_for(joined, present)
    assert (fast.pattern if fast is not None else None) == (nz._inline_alternation(plain).pattern if plain else None)


# ---------------------------------------------------------------- segment: a line's heading read once
def _plain_structure(b: seg._Builder, line: seg.Line, exprs: list[dates.DateExpr], style: str) -> bool:
    """:func:`segment._structure` as it read before: it read the line's heading itself."""
    bare = seg._date_only(line, exprs) if exprs else None
    if bare is not None:
        b.open(line.start, line.end, bare)
        return True
    heading = seg._heading(line, style)
    if heading is not None:
        if b.cur is not None and (b.notice or seg._notice_item(heading)):
            b.notice = True
            b.extend(line.end)
            return True
        b.close()
        b.section = heading
        return True
    return False


def _plain_captions(b: seg._Builder, line: seg.Line, exprs: list[dates.DateExpr], held: list[str]) -> bool:
    """:func:`segment._captions` as it read before: it read the line's heading itself, up to three times."""
    if b.cur is not None and seg._heading(line, "news") is not None and seg._is_caption(line.text):
        return True
    if b.cur is not None and b.cur_section == b.section and not b.notice and not (exprs and seg._date_only(line, exprs)):
        heading = seg._heading(line, "news")
        if heading is not None and not seg._BRACKET_HEADING.match(line.text) and not seg._notice_item(heading):
            held.append(heading)
            return True
    if held:
        if not line.text.startswith(seg._go_on_words() + seg._as_of()) or seg._heading(line, "news") is not None:
            b.close()
            b.section = held[-1]
        held.clear()
    return False


def _plain_segment(text: str) -> list[object]:
    """:func:`segment.segment` with the plain forms of ``_captions`` and ``_structure`` (the heading passed in is
    not used: they read it again)."""
    real = seg._captions, seg._structure
    seg._captions = lambda b, line, exprs, held, _heading: _plain_captions(b, line, exprs, held)  # type: ignore[assignment]
    seg._structure = lambda b, line, exprs, _heading: _plain_structure(  # type: ignore[assignment]
        b, line, exprs, "bulletin" if seg.document_style(text) == "bulletin" else "news")
    try:
        return list(seg.segment(text))
    finally:
        seg._captions, seg._structure = real


_SEGMENT_LINES = ["12月4日", "【镇(街)组织工作动态】", "活动现场", "奏唱国歌", "会上,书记讲话。", "5月3日,甲社区开展志愿服务。",
                  "当天,乙村召开党员大会。", "二、活动地点", "社区会议室", "图为活动现场", "(王某摄)", "截至今日,共有30人参加。",
                  "某镇组织发动2443名党员", "据悉,该镇今年已发展党员20名。", "会议要求,各村于11月15日开展集中宣传。",
                  "书记强调:今年以来全镇发展良好。", "全年开展活动6次,其中在3月10日召开动员会,在8月20日举办培训。", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SEGMENT_LINES), max_size=10).map("\n".join))
def test_segment_reading_a_heading_once_is_the_plain_segmentation(text: str) -> None:
    assert seg.segment(text) == _plain_segment(text)


def test_segment_reading_a_heading_once_on_the_samples() -> None:
    for text in SAMPLES:
        assert seg.segment(text) == _plain_segment(text)



_FIXER_TEXT = st.text(alphabet=st.sampled_from(
    "党员進區\r\n\u2028\x85\x07\u200b\ufeffＡ１\u3000\xa0e\u0301\U0001d400\uf900(jìn) \t,、。!?”“12月日摄a僖矐該測"), max_size=80)


@settings(max_examples=400, deadline=None)
@given(_FIXER_TEXT)
def test_fixers_but_nfkc_add_no_character_but_a_line_break(text: str) -> None:
    """What lets :func:`normalize.normalize` keep a text's kinds past a fixer that changed it (``_ADDS_CHARACTERS``)."""
    long_line = text * (1 + nz._LONG_LINE // max(1, len(text)))  # split_run_paragraphs looks at long lines only
    for name, fixer in nz.FIXERS:
        if name in nz._ADDS_CHARACTERS or name == "to_simplified":  # to_simplified: the last fixer
            continue
        for t in (text, long_line):
            assert set(fixer(t)) <= set(t) | {"\n"}, name


def test_fixers_but_nfkc_add_no_character_on_hand_written_text() -> None:
    run = "某社区召开议事会,协商加装电梯事宜。" * 20 + " 6月2日,某小区召开协商议事会。"
    for text in ("a\r\nb\rc\u2028d", "党\u200b建\x07\tA", "推進(jìn)黨的建設(shè)", "共 100 余人参加", "3月9日,,某镇,。",
                 run, "施工!爸辽僖矐該測試"):
        for name, fixer in nz.FIXERS:
            if name not in nz._ADDS_CHARACTERS and name != "to_simplified":
                assert set(fixer(text)) <= set(text) | {"\n"}, name
    assert "\n" in nz.split_run_paragraphs(run) and nz.fix_line_breaks("a\rb") == "a\nb"


# ---------------------------------------------------------------- what is read off the anchored alternatives, cached
def _plain_anchored_patterns() -> list[tuple[str, str | None, str | None, frozenset[str] | None]]:
    """:func:`normalize._anchored_patterns` as it read before (every alternative read again in each process), as
    comparable values: the patterns and the literals."""
    out = []
    for a in nz._anchored_alternatives():
        p = re.compile(a)
        first, literals = edge_class(p), nz._literals(p)
        if literals is not None and (min(map(len, literals)) < nz._ANCHORED_LITERAL
                                     or (first is not None and not first.match(nz._ANY_HAN))):
            literals = None
        last = edge_class(p, last=True)
        out.append((p.pattern, first and first.pattern, last and last.pattern, literals))
    return out


def _as_values(anchored: tuple[nz._Anchored, ...]) -> list[tuple[str, str | None, str | None, frozenset[str] | None]]:
    return [(p.pattern, first and first.pattern, last and last.pattern, literals) for p, first, last, literals in anchored]


def test_anchored_facts_read_from_the_cache_are_a_fresh_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    nz._anchored_patterns.cache_clear()
    try:
        built = _as_values(nz._anchored_patterns())  # read off the patterns, then stored
        assert list(tmp_path.glob("anchored_facts-*.pickle"))
        nz._anchored_patterns.cache_clear()
        assert _as_values(nz._anchored_patterns()) == built == _plain_anchored_patterns()  # read back
        assert any(literals for *_rest, literals in built) and any(first for _p, first, *_rest in built)
    finally:
        nz._anchored_patterns.cache_clear()


# ---------------------------------------------------------------- fixers not scanning a text without their opening
_PLAIN_PINYIN = re.compile(rf"\((?<=[\u3400-\u9fff]\()(?:[a-zü{nz._TONED}]*[{nz._TONED}][a-zü{nz._TONED}]*\s?){{1,3}}\)")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("進黨设(()) jìnshèa1ǎ\t\n12月余人个"), max_size=40))
def test_pinyin_and_digit_spacing_without_their_scan_are_the_plain_fixers(text: str) -> None:
    assert nz.remove_pinyin(text) == _PLAIN_PINYIN.sub("", text)
    assert nz.join_digit_spacing(text) == nz._digit_space_re().sub("", text)


@pytest.mark.parametrize("text", ["推進(jìn)黨的建設(shè)(2021)", "推進黨的建設", "共 100 余人参加", "共100\t余人", "共100余人",
                                  "", "進(jìn", "(jìn)"])
def test_pinyin_and_digit_spacing_on_hand_written_text(text: str) -> None:
    assert nz.remove_pinyin(text) == _PLAIN_PINYIN.sub("", text)
    assert nz.join_digit_spacing(text) == nz._digit_space_re().sub("", text)
