"""Per-document speed-ups agree with the plain forms they replace.

Each bounded scan or per-document cache added for speed is checked against the plain code it stands
for: on the sample documents and on generated text made of the pieces that matter to it.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import RAW, match_spans, samples, window
from partyevents import ingest, normalize
from partyevents import nlp as pe_nlp
from partyevents.extract import dates, places
from partyevents.extract import organizations as orgs
from partyevents.extract.organizer import organizer_span
from partyevents.regex_first import required_literals, with_first_chars

SAMPLES = samples()


def _plain_before(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """The plain form: scan on to the text's end, stop at the first match from ``end`` on."""
    out = []
    for m in pattern.finditer(text, start):
        if m.start() >= end:
            break
        out.append(m)
    return out


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
    start, end = window(data, text)
    for pattern, reach in _BOUNDED:
        assert match_spans(dates._matches_before(pattern, text, start, end, reach)) == match_spans(
            _plain_before(pattern, text, start, end))


@pytest.mark.parametrize("text", SAMPLES)
def test_bounded_scans_agree_on_every_line_of_the_samples(text: str) -> None:
    cuts = [0, *(i + 1 for i, c in enumerate(text) if c in "\n。,"), len(text)]
    for start, end in itertools.pairwise(cuts):
        for pattern, reach in _BOUNDED:
            assert match_spans(dates._matches_before(pattern, text, start, end, reach)) == match_spans(
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
                assert match_spans(dates._matches_before(pattern, text, start, end, reach)) == match_spans(
                    _plain_before(pattern, text, start, end)), (start, end)



# --- date regexes behind a first-character look-ahead match as the plain regexes

def _plain_date_regexes() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    names = sorted(dates.holidays(), key=len, reverse=True)
    holiday = re.compile("(?<![一二三四五六七八九十〇零0-9])(?P<name>" + "|".join(map(re.escape, names)) + ")"
                         + dates._HOLIDAY_AFTER)
    assert dates._LUNAR_RE.pattern.startswith("(?=[") and "农" in dates._LUNAR_RE.pattern.split("]")[0]
    out = [(dates._holiday_re(), holiday), (dates._LUNAR_RE, dates._LUNAR_PLAIN)]
    for fast, lead in ((dates._DAY_ONLY, "(?=[0-9])"), (dates._RUN_DAY, "(?=[0-9])")):
        assert fast.pattern.startswith(lead)
        out.append((fast, re.compile(fast.pattern.removeprefix(lead))))
    return out


_DATE_REGEXES = _plain_date_regexes()


def _assert_same_date_regexes(text: str, pos: int = 0) -> None:
    for fast, plain in _DATE_REGEXES:
        assert match_spans(list(fast.finditer(text, pos))) == match_spans(list(plain.finditer(text, pos))), plain.pattern[:40]


@pytest.mark.parametrize("text", SAMPLES)
def test_date_regexes_with_a_look_ahead_match_as_the_plain_ones_in_the_samples(text: str) -> None:
    _assert_same_date_regexes(text)


_LUNAR_PIECES = st.one_of(_DAY_PIECES, st.sampled_from(["农历", "正", "冬", "腊", "十", "十一", "二十", "廿", "初", "大年", "月",
                                                        "三十", "一", "九", "〇", "零"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_LUNAR_PIECES, max_size=30), st.data())
def test_date_regexes_with_a_look_ahead_match_as_the_plain_ones_on_generated_text(pieces: list[str],
                                                                                   data: st.DataObject) -> None:
    text = "".join(pieces)
    _assert_same_date_regexes(text, data.draw(st.integers(0, len(text))))


# --- the organizer without a spaCy Doc (organizer_span) is the spaCy pipeline's (nlp.organizer_of)

def _event_like(text: str) -> list[str]:
    """Every line of the text, and the text from each clause start on (up to 300 characters)."""
    starts = [0, *(m.end() for m in re.finditer(r"[,，。;；:：!！?？\n]", text))]
    return [line for line in text.splitlines() if line] + [text[s : s + 300] for s in starts if s < len(text)]


def _assert_same_organizer_span(text: str) -> None:
    spans = orgs.org_spans(text)
    assert organizer_span(text, spans) == pe_nlp.organizer_of(text, spans)
    assert organizer_span(text) == pe_nlp.organizer_of(text)
    some = spans[::2]  # names handed in need not be all of them: the same ones are read both ways
    assert organizer_span(text, some) == pe_nlp.organizer_of(text, some)


@pytest.mark.parametrize("text", SAMPLES)
def test_the_organizer_without_a_doc_is_the_pipelines_in_the_samples(text: str) -> None:
    for event in _event_like(text):
        _assert_same_organizer_span(event)


@pytest.mark.parametrize("text", [
    "“大家好,我来了。”8月1日,米公街道召开会议", "新华网上海1月25日电(记者)新春佳节临近,甲县委组织部召开会议。",
    "县委书记王某带领党员走访。", "我局党组召开会议。", "由区妇联主办,活动在幸福村举行。", "在幸福村党群服务中心,党员们齐聚。",
    "郑士民深入到村。", "柳河镇党委书记周明远带领党员走访群众。", "记者昨日从市委组织部获悉,", "", "。", "甲乙丙",
])
def test_the_organizer_without_a_doc_is_the_pipelines_in_tricky_shapes(text: str) -> None:
    _assert_same_organizer_span(text)


_ORG_ALPHABET = list(
    "社区党委街道工组织部市区县局镇乡村服务中心志愿队召开展联合在为以与及的和从记者昨日获悉根据"
    "年月日号前后中旬个支名充分发挥积极率先12 ,，。;：!？\n“”"
    "书记主任我该由主办讯电()、共同携手推动他们小王郑士民"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ORG_ALPHABET, max_size=60))
def test_the_organizer_without_a_doc_is_the_pipelines_on_generated_text(text: str) -> None:
    _assert_same_organizer_span(text)


# --- page furniture: patterns behind a first-character look-ahead, the per-line prefilter, domain words

def _boilerplate_regexes() -> list[re.Pattern[str]]:
    pats = [p for kind in ("inline", "tail", "line", "meta", "stamp") for p in normalize.boilerplate_patterns().get(kind, ())]
    pats += [re.compile("|".join(f"(?:{p.pattern})" for p in normalize.boilerplate_patterns()[k])) for k in ("inline", "tail")]
    return pats


_BOILERPLATE = _boilerplate_regexes()
_FURNITURE_PIECES = st.one_of(
    st.sampled_from(["(", "（", ")", "）", ":", "：", "欢迎光临", "线索提供人", "编辑", "来源", "a ", "b ", "1 ", "! ", "- ",
                     "x", "...", "。", ",", "\n", " ", "首页", ">", "ICP备", "版权所有", ".html", "-->", "社区", "2021",
                     "-10-29", "发布时间", "上一篇", "下一篇"]),
    st.text(alphabet="ab1!- .\n社区(（)）:：", max_size=6),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FURNITURE_PIECES, max_size=30))
def test_boilerplate_regexes_behind_a_look_ahead_match_as_the_plain_ones(pieces: list[str]) -> None:
    text = "".join(pieces)
    for plain in _BOILERPLATE:
        fast = with_first_chars(plain)
        assert match_spans(list(fast.finditer(text))) == match_spans(list(plain.finditer(text))), plain.pattern
        assert fast.sub("", text) == plain.sub("", text)


@pytest.mark.parametrize("pattern", [
    "(?:(?<=\\s)|^)[!-~]{2}", "a?b|c*d", "(?=x)[a-c]+", "(?<![0-9])(?P<y>19|20)", "(?:ab)+|[x-z]{2,}", "(a|b)?c",
])
def test_first_characters_hold_every_match_start(pattern: str) -> None:
    plain = re.compile(pattern)
    fast = with_first_chars(plain)
    for text in ["abcd xz ab c 1920 19 !! ~~ a", "xxab\nab!!", "zzz cd d bc", ""]:
        assert match_spans(list(fast.finditer(text))) == match_spans(list(plain.finditer(text)))


@pytest.mark.parametrize("pattern", ["a*", "x?", "(?=a)", ".b", "\\db", "[^a]b", "(?i)ab"])
def test_no_look_ahead_where_the_first_characters_are_unknown_or_a_match_may_be_empty(pattern: str) -> None:
    assert with_first_chars(re.compile(pattern)).pattern == pattern


def _plain_strip(monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[str, dict[str, object], list[object]]:
    """strip_boilerplate with every pattern tried on every line and the plain regexes."""
    with monkeypatch.context() as m:
        m.setattr(normalize, "_furniture_searches", lambda joined, present: tuple(
            re.compile(p.pattern.split(")(?:", 1)[1][:-1]) if p.pattern.startswith("(?=[") else p
            for p in normalize._furniture_res()[1]))
        m.setattr(normalize, "_combined", lambda kind: re.compile("|".join(
            f"(?:{p.pattern})" for p in normalize.boilerplate_patterns()[kind])) if kind in ("inline", "tail") else None)
        m.setattr(normalize, "_inline_for", lambda joined, present: re.compile("|".join(
            f"(?:{p.pattern})" for p in normalize.boilerplate_patterns()["inline"])))
        words = normalize._domain_words()
        m.setattr(normalize, "_domain_re", lambda: type("R", (), {"search": staticmethod(
            lambda line: any(w in line for w in words))})())
        return normalize.strip_boilerplate(text)


_RAW_TEXTS = [ingest.decode(p.read_bytes(), str(p)).text for p in sorted(RAW.iterdir()) if p.suffix in (".txt", ".html")]


@pytest.mark.parametrize("text", [
    *_RAW_TEXTS,
    "首页 > 新闻\n标题在这里\n发布时间:2021-10-29\n10月24日,某街道党工委组织开展党建观摩活动,共30余人参加。(线索提供人:王某)\n"
    "某村党支部召开会议,学习文件精神,部署下一步工作,党员群众参加。 a b c d e\n粤ICP(线索提供人:王某)备12345号\n"
    "某村党支部召开会议,学习文件精神,部署下一步工作,党员群众参加。\n上一篇:别的新闻",
    "标题\n某社区开展志愿服务,志愿者上门服务居民,共50人参加活动。\n(图片来源:某某)\n更多请见 index.html\n看点\n甲乙丙...",
])
def test_strip_boilerplate_is_the_plain_form(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for fixer_name, fixer in normalize.FIXERS:
        if fixer_name not in ("to_simplified", "remove_mojibake"):
            text = fixer(text)
    assert normalize.strip_boilerplate(text) == _plain_strip(monkeypatch, text)


@settings(max_examples=600, deadline=None)
@given(st.lists(_DAY_PIECES, max_size=60), st.data())
def test_day_candidates_find_what_the_day_regexes_find(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    day, run = dates._day_matches(text, start)
    assert match_spans(day) == match_spans(list(dates._DAY_ONLY.finditer(text, start)))
    assert match_spans(run) == match_spans(list(dates._RUN_DAY.finditer(text, start)))


@pytest.mark.parametrize("text", SAMPLES)
def test_day_candidates_find_what_the_day_regexes_find_in_the_samples(text: str) -> None:
    for start in (0, 1, len(text) // 2):
        day, run = dates._day_matches(text, start)
        assert match_spans(day) == match_spans(list(dates._DAY_ONLY.finditer(text, start)))
        assert match_spans(run) == match_spans(list(dates._RUN_DAY.finditer(text, start)))


@pytest.mark.parametrize("shape", ["429日下午,", "20210315日 ", "1215号,", "5日,", "31 日至 2日以来\n", "12日晚会,", "7号起草 "])
def test_day_candidates_agree_on_shapes_after_every_delimiter(shape: str) -> None:
    for before in ["", "甲", ",", "\n", "、", "-", "1", " "]:
        text = "乙" + before + shape + "丙,3日,"
        for start in range(3):
            day, run = dates._day_matches(text, start)
            assert match_spans(day) == match_spans(list(dates._DAY_ONLY.finditer(text, start)))
            assert match_spans(run) == match_spans(list(dates._RUN_DAY.finditer(text, start)))


@settings(max_examples=500, deadline=None)
@given(st.lists(_LUNAR_PIECES, max_size=30), st.data())
def test_the_lunar_hint_is_found_wherever_a_lunar_date_is(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start, end = window(data, text)
    if any(True for _ in dates._LUNAR_RE.finditer(text, start, end)):
        assert dates._LUNAR_HINT.search(text, start, end) is not None


@pytest.mark.parametrize("text", ["正月十五", "腊月二十三", "农历八月十五", "大年初二", "冬月廿一", "十一月初一", "三月三十"])
def test_the_lunar_hint_is_found_in_every_lunar_form(text: str) -> None:
    assert list(dates._LUNAR_RE.finditer(text)) and dates._LUNAR_HINT.search(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(_FURNITURE_PIECES, max_size=30))
def test_every_match_of_a_boilerplate_regex_holds_one_of_its_required_literals(pieces: list[str]) -> None:
    text = "".join(pieces)
    for pattern in _BOILERPLATE + list(normalize._furniture_res()[1]):
        literals = required_literals(pattern)
        for m in pattern.finditer(text):
            assert literals is None or any(lit in m.group() for lit in literals), (pattern.pattern, m.group())


@pytest.mark.parametrize(("pattern", "text"), [
    ("[\\u3400-\\u9fff]\\.{3}$", "甲..."), ("-->|<!--|[a-z]\\.s?html?", "a.shtml"), ("ab?c", "ac"), ("a(?:bc|de)f", "adef"),
    ("x(?=yz)y", "xyz"), ("(?:ab)+c", "ababc"), ("a[bc]d", "acd"), ("a\\d+b", "a12b"),
])
def test_the_required_literals_are_in_the_match(pattern: str, text: str) -> None:
    m = re.search(pattern, text)
    literals = required_literals(re.compile(pattern))
    assert m is not None and literals is not None and any(lit in m.group() for lit in literals)


# --- places: the community regex behind its look-ahead, the date check before a free-standing name

_PLAIN_COMMUNITY = re.compile(
    r"社区|(?<!社区)居委会|(?<!社区)居民区|嘎查|(?<!乡)村(?!民|委(?!会|员会)|干部|级|庄|落|镇|里|内|口|官|务|医|社区|居委会|居民区)"
)
_PLACE_PIECES = st.one_of(
    st.sampled_from(["社区", "社", "区", "居委会", "居民区", "嘎查", "村", "乡村", "村民", "村委", "在", "到", "2019年", "3月",
                     "5日", "12号", "月份", "甲", "乙", ",", "。", " ", "\n", "鸿翔", "明晶巷"]),
    st.text(alphabet="甲乙丙年月日号份0123456789 ,\n在到", max_size=4),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PLACE_PIECES, max_size=30))
def test_the_community_regex_matches_as_the_plain_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert match_spans(list(places._COMMUNITY.finditer(text))) == match_spans(list(_PLAIN_COMMUNITY.finditer(text)))


def _plain_free_start(text: str, start: int) -> bool:
    if start == 0:
        return True
    prev = text[start - 1]
    if not ("\u4e00" <= prev <= "\u9fff"):
        return not prev.isalnum()
    return text.endswith(places._where_words(), 0, start) or bool(places._DATE_BEFORE.search(text, max(0, start - 8), start))


@settings(max_examples=400, deadline=None)
@given(st.lists(_PLACE_PIECES, max_size=20))
def test_a_free_standing_start_is_read_as_the_plain_form_reads_it(pieces: list[str]) -> None:
    text = "".join(pieces)
    for start in range(len(text) + 1):
        assert places._free_start(text, start) == _plain_free_start(text, start), (text, start)


def _plain_calendar_days(text: str, start: int, end: int) -> list[dates.DateExpr]:
    """The lunar and festival scan as first written: both regexes over the whole range, no hints."""
    out = []
    for m in dates._LUNAR_RE.finditer(text, start, end):
        if m["dn"]:
            month, day = (1, 0) if m["dn"] == "三十" else (1, dates._lunar_number(m["dn"]))
        else:
            month = dates._LUNAR_MONTH.get(m["lm"]) or dates.cn_number(m["lm"])
            day = dates._lunar_number(m["ld"])
        out.append(dates.DateExpr(m.start(), m.end(), m.group(), None, month, day, lunar=True))
    for m in _plain_before(dates._holiday_re(), text, start, end):
        if m.end() < len(text) and text[m.end()] in ",," and m.start() > 0 and text[m.start() - 1] not in dates._CLAUSE_START:
            continue
        lunar, month, day = dates.holidays()[m["name"]]
        begin = m.start()
        if begin and text[begin - 1].isdigit():
            spelled = re.search(r"(?<![0-9.])(1[0-2]|0?[1-9])[.]([12][0-9]|3[01]|0?[1-9])$", text[: begin])
            if spelled is None or lunar or (int(spelled[1]), int(spelled[2])) != (month, day):
                continue
            begin = spelled.start()
        if text[m.end() : m.end() + 1] in ("", "\n") and text[:begin].split("\n")[-1]:
            continue
        out.append(dates.DateExpr(begin, m.end(), text[begin : m.end()], None, month, day, lunar=lunar))
    return out


@settings(max_examples=600, deadline=None)
@given(st.lists(_LUNAR_PIECES, max_size=40), st.data())
def test_calendar_days_with_hints_are_the_plain_scan(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start, end = window(data, text)
    assert dates._calendar_days(text, start, end) == _plain_calendar_days(text, start, end)


@pytest.mark.parametrize("text", SAMPLES)
def test_calendar_days_with_hints_are_the_plain_scan_in_the_samples(text: str) -> None:
    cuts = [0, *(i + 1 for i, c in enumerate(text) if c in "\n。"), len(text)]
    for start, end in [(0, len(text)), *itertools.pairwise(cuts)]:
        assert dates._calendar_days(text, start, end) == _plain_calendar_days(text, start, end)


@pytest.mark.parametrize("shape", ["国庆节当天,", "五一劳动节上午", "五一劳动节期间,劳动节当天", "元旦,", "大年初一晚上", "七一建党节,"])
def test_calendar_days_with_hints_are_the_plain_scan_on_festival_shapes(shape: str) -> None:
    text = "甲," + shape + "乙" * 20
    for start in range(len(shape) + 2):
        for end in range(start, len(shape) + 4):
            assert dates._calendar_days(text, start, end) == _plain_calendar_days(text, start, end), (start, end)


def _plain_present_literals(text: str) -> frozenset[str]:
    pats = [*normalize.boilerplate_patterns().get("inline", ()), *normalize._furniture_res()[1]]
    literals = {lit for p in pats for lit in normalize._literals(p) or ()}
    return frozenset(lit for lit in literals if lit in text)


@pytest.mark.parametrize("text", [*_RAW_TEXTS, "粤ICP备12345号 公安备案 (线索提供人:王某) 欢迎光临本站2023", "", "ICP备ICP备案"])
def test_present_literals_are_the_plain_membership_tests(text: str) -> None:
    assert normalize.present_literals(text) == _plain_present_literals(text)
