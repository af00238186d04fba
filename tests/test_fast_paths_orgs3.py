"""The organizations stage's third speed pass agrees with the plain forms it replaces.

Each function read with fewer steps is checked against its plain form, kept here as first written: on the sample
pages' lines and on generated text made of the pieces that matter to it (place words that hold a cue, cues, marks,
names and their suffixes).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fast_path_helpers import samples
from partyevents.extract import organizations as orgs
from partyevents.extract import organizer

SAMPLES = samples()
_LINES = sorted({line for text in SAMPLES for line in text.split("\n") if line.strip()})[:400]

# place words holding a cue (阳和镇, 从江县, 人和镇), their suffixes, cues, openers, names and marks
_PIECES = ["阳和", "人和", "从江", "依托", "发布", "和平", "和谐", "联合", "东岭", "青禾", "镇", "县", "村", "社区", "街道", "区",
           "党委", "党支部", "委员会", "局", "在", "和", "与", "及", "的", "从", "以", "为", "到", "把", "组织", "召开",
           "开展", "组织部", "书记", "王明", "近日", "全县", "该镇", "我们", "他", "、", ",", "。", "“", "”", "3", "e", " ",
           "会议要求", "说", "\n", "!"]
_TEXTS = st.lists(st.sampled_from(_PIECES), min_size=0, max_size=16).map("".join)


def _plain_separators(text: str) -> list[tuple[int, int]]:
    """:func:`orgs._separators` as first written: every separator that opens with the first character of a cue some
    longer place word holds is looked up."""
    spans = [m.span() for m in orgs._chunk_re().finditer(text)]
    firsts = orgs._place_cue_firsts()
    return [(s, e) for s, e in spans if not (text[s] in firsts and orgs._cue_in_place(text, s, e))]


@settings(max_examples=800, deadline=None)
@given(_TEXTS)
def test_the_separators_agree_with_the_plain_ones(text: str) -> None:
    assert orgs._separators(text) == _plain_separators(text)


def test_the_separators_of_the_samples_and_of_hand_written_sentences_agree() -> None:
    for line in _LINES:
        assert orgs._separators(line) == _plain_separators(line)
    for text in ("人和镇党委和社区开展活动", "从江县委从东岭村出发", "阳和镇、依托东岭村发布", "和平区和社区", "和", "镇和"):
        assert orgs._separators(text) == _plain_separators(text)
    held = "人和镇党委和社区开展活动"  # 和 of 人和镇 is none: the place word holds it
    assert (1, 2) not in orgs._separators(held) and (5, 6) in orgs._separators(held)


def _plain_organizer_span(text: str, spans: list[tuple[int, int, str]] | None) -> organizer.OrganizerSpan | None:
    """:func:`organizer.organizer_span` as first written: the clause found read alone, or the whole head again."""
    head = organizer.event_head(text)
    found = organizer.find_organizer(head, spans)
    lo, hi = (found.clause_start, found.clause_end) if found else (0, len(head))
    inner = None if spans is None else [(s - lo, e - lo, kind) for s, e, kind in spans if lo <= s and e <= hi]
    hit = organizer.find_organizer(head[lo:hi], inner)
    return organizer.OrganizerSpan(hit.start + lo, hit.end + lo, hit.source) if hit else None


def _both_organizer_spans_agree(text: str) -> None:
    assert organizer.organizer_span(text) == _plain_organizer_span(text, None)
    spans = orgs.org_spans(text)
    assert organizer.organizer_span(text, spans) == _plain_organizer_span(text, spans)


_EVENT_PIECES = [*_PIECES, "5月3日", "在", "东岭村党群服务中心", "党员们", "来自", "的志愿者", "。", "向", "捐赠", "观摩了", "各村党支部",
                 "村民", "组织部长", "王某", "一行", "到", "调研", "“", "大家好", "”", "本报讯", "(记者王某)", "新华网上海1月25日电", "讯",
                 "(", "e支部", "学生", "A", "「", "」", "\"", "东岭村老党员王某说", "谈起变化", "党支部书记王明", "带领党员", "普降暴雨",
                 "东岭镇讯 ", "日电 ", "消息:"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EVENT_PIECES), min_size=0, max_size=20).map("".join))
def test_the_organizer_span_agrees_with_the_plain_one(text: str) -> None:
    _both_organizer_spans_agree(text)


def test_the_organizer_spans_of_the_samples_and_of_hand_written_events_agree() -> None:
    for text in SAMPLES:
        for paragraph in text.split("\n\n")[:40]:
            _both_organizer_spans_agree(paragraph)
    for text in ("近日,党员们齐聚一堂。大家合影。", "5月3日,在东岭村党群服务中心,党员们重温誓词。", "东岭镇党委召开会议。", "",
                 "本报讯(记者王某)东岭镇党委召开会议。", "本报讯(东岭镇党委召开会议", "5月3日,“东岭村党支部”召开会议。",
                 "“好!”,东岭村老党员王某说,西岭镇开展活动。", "学生e支部召开会议,理工学院学生e支部组织学习。"):
        _both_organizer_spans_agree(text)
    # the clause read alone reads otherwise: a quotation's speaker after its closing mark, a dateline opening it
    for text, want in (("近日,”东岭村老党员王某说", None), ("近日,东岭镇讯 西岭村召开会议", (8, 11)),
                       ("近日,东岭村日电 西岭镇召开会议", (9, 12))):
        _both_organizer_spans_agree(text)
        got = organizer.organizer_span(text)
        assert (got.start, got.end) == want if want else got is None
    assert organizer.organizer_span("近日,党员们齐聚一堂。") is None


def _plain_chunks(text: str) -> list[tuple[int, int]]:
    """:func:`orgs._chunks` as first written: each chunk's span searched for a suffix's end of its own."""
    n = len(text)
    seps = orgs._separators(text)
    stops = [s for s, _ in seps] + [n, n]
    can_end = orgs._suffix_end_re().search
    chunks = [(0, stops[0] or stops[1])] if n and can_end(text, 1, stops[0] or stops[1]) else []
    for i, (_, end) in enumerate(seps):
        limit = stops[i + 1] if stops[i + 1] > end else stops[i + 2]
        if end < n and can_end(text, end + 1, limit):
            chunks.append((end, limit))
    return chunks


_CHUNK_PIECES = [*_PIECES, "党员", "志愿者", "服务中心", "小分队", "三连", "一师七团", "会", "部", "1", "2万", "名", "(", ")"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_CHUNK_PIECES), min_size=0, max_size=16).map("".join))
def test_the_chunks_agree_with_the_plain_ones(text: str) -> None:
    assert orgs._chunks(text) == _plain_chunks(text)
    seps, nexts = orgs._separators_ahead(text)
    assert seps == orgs._separators(text) and len(nexts) == len(seps)


def test_the_chunks_of_the_samples_and_of_hand_written_sentences_agree() -> None:
    for line in _LINES:
        assert orgs._chunks(orgs.masked(line)) == _plain_chunks(orgs.masked(line))
    for text in ("王寨街道联合襄阳市,成立小分队", "召开会", "组织,", "和", "东岭村党支部组织党员", "人和镇和东岭村"):
        assert orgs._chunks(text) == _plain_chunks(text)
    assert orgs._chunks("王寨街道联合襄阳市,成立小分队") == [(0, 4), (6, 9), (10, 15), (12, 15)]
    # 会 right after 召开's end opens no name there (a name has two characters), but the chunk after the mark holds it
    assert orgs._chunks(",召开会议") == [(1, 5)]


def _plain_resolve_reference(word: str, title: str | None, before: str, after: str = "") -> str | None:
    """:func:`organizer.resolve_reference` as first written: every text's bodies' names and places read, in order."""
    m = organizer._reference_re().match(word) or organizer._scope_re().fullmatch(word)
    if m:
        kind, rest = m.group(1), word[m.end() :]
    elif word in organizer._bare_heads():
        kind, rest = word, ""
    else:
        return None
    bare = m is None
    fits = (lambda n: len(n) > len(kind)) if kind == "单位" else (
        lambda n: n.endswith(kind) and len(n) > len(kind) + 1 and not organizer._longer_place_end(n, kind)
    )
    order: tuple[tuple[str, bool], ...] = ((title or "", False), (before, True), (after, False))
    if bare:
        order = ((organizer._last_sentence(before), True), *order[2:], *order[:2])
    for text, last in order:
        names = [text[s:e] for s, e, _ in orgs.org_spans(text)]
        names += orgs.places_in(text)
        if bare:
            names = [n[: n.rindex(kind) + len(kind)] for n in names if kind in n[1:]]
            names = [n for n in names if not n.endswith(organizer._EACH + kind)]
        good = [n for n in names if (fits(n) or organizer._region_body(kind, n)) and not organizer._reference_re().match(n)]
        if good:
            return (good[-1] if last else good[0]) + rest
    return None


_WORDS = ["我县", "该镇", "我镇党委", "全县", "本社区", "该社区", "街道", "社区", "我院", "本单位", "我区", "东岭"]
_PLACE_PIECES = [*_PIECES, "丹棱县", "青禾县", "黄陂区", "宜城", "东岭村", "西岭镇", "幸福街道", "明德社区", "自治区党委", "各社区",
                 "区财政局", "县人民医院", "召开会议。"]
_PLACE_TEXTS = st.lists(st.sampled_from(_PLACE_PIECES), min_size=0, max_size=10).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.sampled_from(_WORDS), st.one_of(st.none(), _PLACE_TEXTS), _PLACE_TEXTS, _PLACE_TEXTS)
def test_a_reference_resolves_as_the_plain_reading_resolves_it(word: str, title: str | None, before: str, after: str) -> None:
    assert organizer.resolve_reference.__wrapped__(word, title, before, after) == _plain_resolve_reference(
        word, title, before, after)


def test_hand_written_references_resolve_as_the_plain_reading_resolves_them() -> None:
    cases = [("我县", "丹棱县:党旗飘扬", "", ""), ("该社区", None, "幸福街道明德社区组织开展活动。", ""),
             ("我镇", None, "东岭镇党委和西岭镇召开会议。", ""), ("我镇", None, "", "召开大会,表彰了青石镇优秀党员。"),
             ("镇", None, "在西岭镇,", "领导班子带领驻镇帮镇工作队赶到。"), ("我区", None, "东岭区委和黄陂区", ""), ("我区", None, "黄陂区,东岭区委召开会议", "")]
    for word, title, before, after in cases:
        assert organizer.resolve_reference.__wrapped__(word, title, before, after) == _plain_resolve_reference(
            word, title, before, after)
    # the last good place wins over a body's name named after it in the text before
    assert organizer.resolve_reference.__wrapped__("我区", None, "黄陂区,东岭区委召开会议", "") == "黄陂区"


_TAIL_PIECES = [*_CHUNK_PIECES, "。", "。", "〇", "一连", "第3", "A", "e支部", "3日", "住房和城乡建设局", "向", "我们村", "阳和镇", "在",
                "的", "与", "及", "公司", "宿舍", "小区", "乡村", "组织部", "党组织", "五连党支部", "12个", "2万名"]
_TAIL_TEXTS = st.lists(st.sampled_from(_TAIL_PIECES), min_size=0, max_size=24).map("".join)


def _cut_agrees(text: str, cut: int) -> None:
    whole = orgs.org_spans(text)
    assert all(e <= cut for s, e, _ in whole if s < cut)
    assert [(s, e, kind) for s, e, kind in whole if s >= cut] == [
        (s + cut, e + cut, kind) for s, e, kind in orgs.org_spans(text[cut:])]


@settings(max_examples=800, deadline=None)
@given(_TAIL_TEXTS)
def test_the_names_read_after_a_full_stop_are_those_the_whole_text_reads_there(text: str) -> None:
    for m in organizer._TAIL_CUT.finditer(text):
        _cut_agrees(text, m.end())


@settings(max_examples=500, deadline=None)
@given(_TAIL_TEXTS, st.integers(0, 40), st.booleans())
def test_the_last_good_body_of_a_tail_is_the_last_of_the_whole_text(text: str, least: int, long_only: bool) -> None:
    def good(names: list[str]) -> list[str]:
        return [n for n in names if len(n) > 4 or not long_only]

    want = good(organizer._body_names(text))
    got = organizer._good_bodies_last(text, good, least)
    assert bool(got) == bool(want) and (not got or got[-1] == want[-1])


def test_the_tails_of_the_samples_and_of_hand_written_texts_agree() -> None:
    for text in SAMPLES:
        for m in list(organizer._TAIL_CUT.finditer(text))[:30]:
            _cut_agrees(text, m.end())
    for text in ("西岭镇召开会议。东岭镇党委开展活动", "开展〇。东岭村党支部", "开展3。东岭村委会", "住房和。城乡建设局", "一师。七团"):
        for m in organizer._TAIL_CUT.finditer(text):
            _cut_agrees(text, m.end())
    assert organizer._good_bodies_last("西岭镇召开会议。东岭镇党委开展活动。散会", lambda n: n, 0) == ["东岭镇党委"]
    assert organizer._good_bodies_last("西岭镇召开会议。散会", lambda n: n, 0) == ["西岭镇"]  # none in the tail: all read


def _plain_subjects(text: str) -> tuple[organizer.Found | None, int, tuple[tuple[int, int, int, bool], ...]]:
    """:func:`organizer._subjects` as first written: every clause handed to each test."""
    o = organizer
    text = orgs.masked(text)
    base = o.skip_preamble(text)
    pos, depth = base, 0
    quoted = o._QUOTE_OPEN.search(text, base) is not None
    after_quote = text.rfind("”", 0, base) >= 0 or text.rfind("」", 0, base) >= 0
    clauses: list[tuple[int, int, int, bool]] = []
    idle = None
    undergoes = False
    for n_sentence, sentence in enumerate(o._SENTENCE_SPLIT.split(text[base:])):
        if n_sentence >= o._MAX_SENTENCES:
            break
        cpos, before = pos, ""
        for clause in o._CLAUSE_SPLIT.split(sentence):
            addressed, before = o._demands(before), clause
            if addressed:
                cpos += len(clause) + 1
                continue
            lead = len(clause) - len(clause.lstrip(o._QUOTES))
            spoken = False
            if quoted:
                opened = o._quote_depth(depth, clause[:lead]) > 0
                depth = o._quote_depth(depth, clause)
                spoken = opened and depth > 0
            if o._gives_examples(clause[lead:]) or o._says_quote(text[cpos - 1 : cpos] + clause):
                cpos += len(clause) + 1
                continue
            hit = None if spoken else o._subject.__wrapped__(clause)
            if hit and o._speaker(clause, hit[2], sentence, n_sentence == 0 and after_quote):
                cpos += len(clause) + 1
                continue
            if hit:
                start = cpos + hit[0]
                found = o.Found(start, start + hit[1], hit[2], cpos, cpos + len(clause))
                if idle is None and o._idle_place(clause, hit):
                    idle = (found, n_sentence, tuple(clauses))
                    undergoes = o._undergoes(clause, hit)
                elif idle is None or o._acting_body(clause, hit) or (undergoes and o._any_body(clause, hit)):
                    return found, n_sentence, tuple(clauses)
                else:
                    return idle
            if not spoken:
                clauses.append((n_sentence, cpos, cpos + len(clause), bool(o._LOCATIVE.match(clause))))
            cpos += len(clause) + 1
        pos += len(sentence)
    return idle or (None, o._MAX_SENTENCES, tuple(clauses))


_HEAD_PIECES = [*_EVENT_PIECES, "如", "比如", "如皋市", "要求", "强调", "会议要求", " ", "」", "「", "他说:", "说", "表示", "”东岭村老党员王某说",
                "东岭村党支部书记王明说", "。", "，"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_PIECES), min_size=0, max_size=20).map("".join))
def test_the_subjects_of_a_head_agree_with_the_plain_reading(head: str) -> None:
    assert organizer._subjects.__wrapped__(head) == _plain_subjects(head)


def test_the_subjects_of_the_samples_and_of_hand_written_heads_agree() -> None:
    for text in SAMPLES:
        for paragraph in text.split("\n\n")[:40]:
            head = organizer.event_head(paragraph)
            assert organizer._subjects.__wrapped__(head) == _plain_subjects(head)
    for head in ("会议要求,东岭村党支部要带头。", "如幸福社区、和平社区等开展义诊,东岭镇召开会议。", "“好!”东岭村老党员王某说,西岭镇开展活动。",
                 "如皋市开展义诊。", "他说:“东岭村召开会议,”西岭镇组织党员。"):
        assert organizer._subjects.__wrapped__(head) == _plain_subjects(head)
    found, _, _ = _plain_subjects("会议要求,东岭村党支部要带头,西岭镇召开会议。")
    assert found is not None and found.start == 15  # the body asked to act is passed over


def _plain_body_from(text: str, pos: int, endpos: int) -> tuple[int, int] | None:
    """:func:`orgs.body_at` as first written: the opener read afresh at every step."""
    chain, opener, _, _, _ = orgs._body_tools()
    m = chain(text, pos, endpos)
    if m is None:
        return None
    if opener(text, pos, m.end()):
        cut = 1
        for _ in range(orgs._MAX_OPENERS):
            if not (cut := orgs._opener_length(text, pos, m.end())):
                break
            if text.startswith(orgs._pronouns(), pos):
                return None
            pos += cut
            if (next_m := chain(text, pos, endpos)) is None:
                return None
            m = next_m
        if cut and orgs._opener_length(text, pos, m.end()):
            return None
    return orgs._backed_off(text, pos, m)


_OPENER_PIECES = ["在", "推动", "和平区", "于家村", "同丰村", "至乐社区", "同济大学", "他", "我们", "听取", "社区", "党支部", "街道", "村",
                  "镇", "东岭", "青禾", "局", "委员会", "宿舍", "小区", "对", "向", "了解", "乡村", "将", "由", "的", "中心", "在将"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_OPENER_PIECES), min_size=1, max_size=9).map("".join), st.data())
def test_the_body_read_with_its_first_opener_given_agrees_with_the_plain_one(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text) - 1))
    endpos = data.draw(st.integers(pos, len(text)))
    assert orgs.body_at(text, pos, endpos) == _plain_body_from(text, pos, endpos)
    opened = orgs._opener_re().match(text, pos, endpos)
    assert orgs._opener_length(text, pos, endpos, opened) == orgs._opener_length(text, pos, endpos)


def test_hand_written_bodies_read_with_their_first_opener_given_agree() -> None:
    for text in ("在青禾村党支部活动室", "推动东岭镇党委", "和平区东岭街道", "他认真听取东岭村", "将在社区党支部", "在至乐社区", "在同济大学"):
        assert orgs.body_at(text, 0, len(text)) == _plain_body_from(text, 0, len(text))
    assert orgs.body_at("在将社区党支部", 0, 7) == _plain_body_from("在将社区党支部", 0, 7)
