"""The segment stage: split a normalized body into event records.

Two document styles (ANNOTATION.md, "Events"):

- **bulletin** digests, where lines holding only a date expression
  (``12月4日``, ``12月8日以来``) open entries that run to the next date line
  or section heading (``【镇(街)组织工作动态】``);
- **news** prose, where a paragraph whose first sentence holds a date, or a
  sentence that opens with one, starts an event; undated paragraphs continue
  the current event, and a sub-heading closes it.

Every segment keeps its span in the normalized text and the span of the date
expression that opened it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from . import regex_cache as rx
from .extract.dates import FOUNDING_GAP, DateExpr, find_date_expressions, relative_words, tells_founding
from .records import Segment
from .resources import activity_keywords, words_of

__all__ = ["Line", "document_style", "segment", "split_lines"]

_SENTENCE_END = rx.compile(r"[。!?;]")
_BRACKET_HEADING = rx.compile(r"^【(?P<name>[^】]{1,30})】$")
# Relative day words that continue from the previous event; they open an event
# only at the start of a paragraph or of a sentence.
_DAY_SHIFT = frozenset({"第二天", "次日", "第三天", "翌日", "隔天"})
# 会后 (date_relative.tsv, unit after): the end of the running meeting, the same day; like 当天, it opens an event when
# another kind of activity or another place follows (会后,某服务站走访慰问…)
_AFTER = frozenset(w for w, r in relative_words().items() if r.unit == "after")
_SAME_DAY = frozenset({"当天", "当日", "同日", "同天", "随后"}) | _AFTER
_SAME_DAY_NEW = _SAME_DAY - {"随后"}  # inside a paragraph, these may start another activity of the day (随后 goes on)
_LINE = rx.compile(r"\S(?:[^\n]*\S)?")  # a line's text without its surrounding whitespace
_OPENER_MARKS = "“\"‘'((◆◇●○■□▲△★☆·•*-"  # with white space, what may stand before a sentence's opening date
_OPENER_WORDS = "自从在于"  # and one of these right before it
_ENUMERATORS = "一二三四五六七八九十"  # before 是, a point of an enumeration (一是…。二是12月6日,…) may stand before those
# a body's or place's name and a colon opening an entry (甲镇:12月5日,…): the entry's label, the date after it opens
_LABEL_CHARS = "\u4e00-\u9fff()（）"
_LABEL_MAX = 12
_LABEL_PATTERN = rf"[{_LABEL_CHARS}]{{0,{_LABEL_MAX - 1}}}(?:镇|乡|街道|社区|村|县|区|市|局|委|部|办|所|站|中心|支部|总支|公司|院)"
# The patterns below that few lines need are compiled at their first use, not at import: a class of the Han block
# costs ``re`` a millisecond or more to compile (it walks the block in Python), and a new process that reads a
# short text would pay for all of them (a cached call costs a line well under a microsecond).


@cache
def _label() -> re.Pattern[str]:
    return rx.compile(_LABEL_PATTERN)


@cache
def _label_char() -> re.Pattern[str]:
    return rx.compile(f"[{_LABEL_CHARS}]")


@cache
def _opener_prefix() -> re.Pattern[str]:
    """What may stand before a date that opens its sentence: the plain form of :func:`_opens`."""
    return rx.compile(rf"^(?:(?={_LABEL_PATTERN}[:：])[{_LABEL_CHARS}]{{1,{_LABEL_MAX}}}[:：])?"
                      rf"[\s{re.escape(_OPENER_MARKS)}]*(?:[{_ENUMERATORS}]是)?(?:{'|'.join(_OPENER_WORDS)})?")


_QUOTE_MARKS = rx.compile("[“”《》]")


@dataclass(slots=True)
class Line:
    """One line (paragraph) of the body with its offsets."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets, stripped of surrounding whitespace.

    >>> [(ln.start, ln.end, ln.text) for ln in split_lines("ab\\n \\n\\u3000cd \\n")]
    [(0, 2, 'ab'), (6, 8, 'cd')]
    """
    return [Line(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]


def _date_only(line: Line, exprs: list[DateExpr]) -> DateExpr | None:
    """The expression when the line holds nothing but a date expression."""
    for e in exprs:
        if e.start == line.start and e.end >= line.end - 1 and not line.text[e.end - line.start :].strip(":,。 "):
            return e
    return None


def _heading(line: Line, style: str) -> str | None:
    m = _BRACKET_HEADING.match(line.text)
    if m:
        return m.group("name")
    if (style == "news" and len(line.text) <= 30 and "。" not in line.text and line.text[-1] not in "。!?;:,"
            and not _counted_act(line.text)):
        return line.text.strip("“”\"")
    return None


_COUNT = rx.compile(r"[0-9]{2,}(?:余|多)?(?:名|人|户|位)")


def _counted_act(text: str) -> bool:
    """Whether a short line without end punctuation tells an act with a count (某市组织发动2443名党员): a line of body
    text broken off, not a heading (a verb of ``segment_words.tsv``, kind ``hold`` or ``year_act``, and a count of
    people or households in digits).

    >>> _counted_act("某市组织发动2443名机关党员"), _counted_act("组织发动党员群众")
    (True, False)
    """
    return (_COUNT.search(text) is not None
            and any(w in text for w in words_of("segment_words.tsv", "hold") + words_of("segment_words.tsv", "year_act")))


def document_style(text: str) -> str:
    """``bulletin`` when at least two lines are bare date expressions, else ``news``.

    >>> document_style("12月4日\\n甲镇召开会议。\\n12月6日\\n乙街道开展活动。")
    'bulletin'
    """
    lines = split_lines(text)
    return _style(lines, _by_line(lines, find_date_expressions(text)))


def _style(lines: list[Line], by_line: list[list[DateExpr]]) -> str:
    bare = [ln for ln, exprs in zip(lines, by_line, strict=True) if exprs and _date_only(ln, exprs) is not None]
    if len(bare) >= 2:
        return "bulletin"
    # a digest without date lines: most paragraphs open with a day of their own (2月1日,…  ◆5日上午,…)
    opened = sum(1 for ln, exprs in zip(lines, by_line, strict=True)
                 if exprs and exprs[0].day is not None and exprs[0].relative is None and _opens(ln, exprs[0])
                 and exprs[0].start - ln.start <= 2)
    return "bulletin" if opened >= 3 and opened * 2 >= len(lines) else "news"


def _by_line(lines: list[Line], exprs: list[DateExpr]) -> list[list[DateExpr]]:
    """The expressions that start on each line (both lists are in text order)."""
    out: list[list[DateExpr]] = [[] for _ in lines]
    i = 0
    for e in exprs:
        while i < len(lines) and lines[i].end <= e.start:
            i += 1
        if i < len(lines) and lines[i].start <= e.start:
            out[i].append(e)
    return out


@cache
def _dateline() -> re.Pattern[str]:
    """A dateline (新华网上海1月25日电(记者 某某), 5月3日讯): the date right before it is the report's, not an event's."""
    return rx.compile(r"[\u4e00-\u9fff]{0,6}?(?:讯|电|消息)(?=[\s((::,,“\"]|$)(?:\s*[((][^()()]{0,30}[))])?")


@cache
def _credit() -> re.Pattern[str]:
    """A credit with no date before the report (本报讯(记者 某某), 某某网讯): where the paragraph's own report begins."""
    return rx.compile(r"[\u4e00-\u9fff]{1,10}?讯(?=[\s((::,,“\"])(?:\s*[((][^()()]{0,30}[))])?[\s::,,]*")


_SHORT_LEAD = 30  # a first sentence this short with no date in it (金秋十月爽,九九话重阳。) lets the next one speak


def _dateline_end(line: Line, exprs: list[DateExpr]) -> int:
    """Where the text after a dateline near the paragraph start begins (the line start when there is none).

    >>> text = "某某网北京3月2日电(记者 王某)3月1日,甲镇召开会议。"
    >>> _dateline_end(Line(0, len(text), text), find_date_expressions(text))
    17
    >>> text = "本报讯(记者 王某)“我们干成了。”近日,甲村书记说。"
    >>> _dateline_end(Line(0, len(text), text), find_date_expressions(text))
    10
    """
    for e in exprs:
        if e.start - line.start > 20:
            break
        if e.relative is None and e.day is not None and (m := _dateline().match(line.text, e.end - line.start)):
            return m.end()
    m = _credit().match(line.text)
    return m.end() if m else 0


def _lead_start(line: Line, exprs: list[DateExpr]) -> int:
    """Offset in the line where its own report begins: after a dateline and after an opening quotation
    that is followed by more text (“……”4月13日,某某告诉记者…).

    >>> text = "“我们一起干。”4月13日,甲社区书记说。"
    >>> _lead_start(Line(0, len(text), text), find_date_expressions(text))
    8
    """
    pos = _dateline_end(line, exprs)
    text = line.text
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos < len(text) and text[pos] in "“\"":
        close = _closing_quote(text, pos)
        if 0 < close < len(text) - 2:
            pos = close + 1
    return pos


def _closing_quote(text: str, pos: int) -> int:
    """The offset of the mark that closes the quotation opened at ``pos`` (nested “…” counted), or -1.

    >>> _closing_quote("“推行“红马甲”行动。”4月13日", 0), _closing_quote("“未完", 0)
    (11, -1)
    """
    if text[pos] == "\"":
        return text.find("\"", pos + 1)
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _opening_date(line: Line, exprs: list[DateExpr], as_of_too: bool = False) -> DateExpr | None:
    """A date that opens the paragraph or stands in its first sentence (after a dateline or a quotation).

    A date after 截至 (how things stand at that date) counts only with ``as_of_too``: where no event runs yet.
    """
    lead = _lead_start(line, exprs)
    quotes = _Quotes(line.text)
    first_end = line.start + _sentence_end(line.text, lead)
    if first_end - line.start - lead <= _SHORT_LEAD and not any(line.start + lead <= e.start < first_end for e in exprs):
        first_end = line.start + _sentence_end(line.text, first_end - line.start + 1)
    as_of = () if as_of_too else _as_of()
    for e in exprs:
        if e.start >= first_end:
            break
        if e.start < line.start + lead or quotes.inside(e.start - line.start):
            continue
        if as_of and line.text.endswith(as_of, 0, e.start - line.start):  # 截至8月21日: how things stand
            continue
        if _bound(line, e) or _planned(line, e):  # 2016年以前: a bound; 预计在11月建成: a plan; no activity
            continue
        if line.text.startswith("的", e.end - line.start) and not _opens(line, e):
            continue  # 做好11月15日的换届准备: a day that describes a thing inside a sentence dates no activity
        if _asked(line, lead, e):
            continue  # 会议要求,各村于11月15日开展…: what is asked for or decided has not happened
        if _topic_or_speech(line, lead, e):  # 对去年的工作进行总结, 书记强调,今年以来…
            continue
        if e.relative in _DAY_SHIFT or e.relative in _SAME_DAY or e.year_only or _a_year_from_now(e):
            if _opens(line, e):
                return e
            continue
        if _weather(line, e) and (later := _clause_day(line, exprs, e.end)) is not None:
            return later  # 12月30日,一场大雪…。…,12月31日,某社区组织…: the weather's day, then the activity's
        return e
    # no date leads the paragraph: one that starts something (今年10月开始, 自2月份进驻以来) dates it
    for e in exprs:
        if e.start < line.start + lead or e.month is None or quotes.inside(e.start - line.start):
            continue
        if e.relative is None and _opens(line, e):
            return None  # a later sentence opener has its own rules (_sentence_openers)
        if e.since and not _topic_or_speech(line, lead, e) and not _asked(line, lead, e):
            return e  # 自2月份进驻以来; not 会议决定,11月15日起开展…
    return None


_FOLLOWED = "按照据的"  # right before 要求/安排: the plan followed (按要求, 上级的安排), no plan made


def _asked(line: Line, lead: int, e: DateExpr) -> bool:
    """Whether a word that asks for or decides what is to be done governs the date: one that asks (要求, 号召:
    ``segment_words.tsv``, kind ``directive``) in the date's own clause, or one that asks or decides (kind
    ``directive_lead``) ending the clause right before it (会议要求,各村于11月15日开展…; 会议决定,11月15日起…).
    The date is when the asked-for work is to happen, not an activity of the report. A verb that tells what
    happened (介绍, 说) leaves the date an activity's, and so does a clause that names the plan followed
    (按照县委部署要求,11月5日,…: kind ``basis``).

    >>> text = "会议要求,各村于11月15日开展集中宣传。"
    >>> _asked(split_lines(text)[0], 0, find_date_expressions(text)[0])
    True
    >>> text = "书记介绍,11月1日,村里组织党员清理了河道。"
    >>> _asked(split_lines(text)[0], 0, find_date_expressions(text)[0])
    False
    >>> text = "按照县委部署要求,11月5日,某镇组织党员巡河。"
    >>> _asked(split_lines(text)[0], 0, find_date_expressions(text)[0])
    False
    >>> text = "书记在工作安排中有条不紊,自3月24日开展检测以来,该社区…"
    >>> _asked(split_lines(text)[0], 0, find_date_expressions(text)[0])
    False
    """
    text, i = line.text, e.start - line.start
    head = text[lead:i]
    sentence = lead + 1 + max(head.rfind(mark) for mark in "。!?;")
    own = max(sentence, max(text.rfind(mark, sentence, i) for mark in ",，:：") + 1)  # the date's clause
    before = max(sentence, max(text.rfind(mark, sentence, own - 1) for mark in ",，:：") + 1) if own > sentence else own
    basis = words_of("segment_words.tsv", "basis")
    if _directive_in(text, own, i):
        return not text.startswith(basis, own)
    return own > sentence and _directive_in(text, before, own - 1, ending=True) and not text.startswith(basis, before)


def _directive_in(text: str, lo: int, hi: int, ending: bool = False) -> bool:
    """Whether a directive word (``segment_words.tsv``) stands in ``text[lo:hi]`` (with ``ending``, a ``directive_lead``
    word ends it: not 周密安排,), not right after 按/照/据/的 (按要求, 上级的安排: the plan followed)."""
    for w in words_of("segment_words.tsv", "directive_lead" if ending else "directive"):
        at = hi - len(w) if ending else text.find(w, lo, hi)
        while at >= lo:
            if text.startswith(w, at) and (at == 0 or text[at - 1] not in _FOLLOWED):
                return True
            at = -1 if ending else text.find(w, at + 1, hi)
    return False


def _weather(line: Line, e: DateExpr) -> bool:
    """Whether the sentence the date opens tells the weather (``segment_words.tsv``, kind ``weather``).

    >>> text = "1月5日,一场暴雪突袭县城。为保障出行,1月6日,某社区组织党员扫雪。"
    >>> _weather(split_lines(text)[0], find_date_expressions(text)[0])
    True
    """
    i = e.end - line.start
    return _weather_re().search(line.text, i, _sentence_end(line.text, i)) is not None


@cache
def _weather_re() -> re.Pattern[str]:
    """Any weather word (``segment_words.tsv``, kind ``weather``): one search instead of a test per word."""
    return rx.compile("|".join(map(re.escape, words_of("segment_words.tsv", "weather"))))


def _topic_or_speech(line: Line, lead: int, e: DateExpr) -> bool:
    """The date is the topic of the activity (对去年的工作进行总结), a period someone spoke of in its sentence
    (书记强调,今年以来…) or a founding (建成于2020年2月): either way it is not when an activity of the report
    happened. A day told in speech or a day of founding still dates one.

    >>> text = "会上,书记强调:今年以来全镇发展良好。"
    >>> line = split_lines(text)[0]
    >>> _topic_or_speech(line, 0, find_date_expressions(text)[0])
    True
    >>> text = "今年以来,全镇党员开展志愿服务。"
    >>> _topic_or_speech(split_lines(text)[0], 0, find_date_expressions(text)[0])
    False
    """
    i = e.start - line.start
    if line.text.endswith(_topic_words(), 0, i) or (
            i > 0 and line.text[i - 1] == "了" and line.text.endswith(_topic_words(), 0, i - 1)):
        return True  # 对去年的工作进行总结, 传达了11月1日县委全会精神
    if e.day is not None:
        return False  # 他介绍说,7月30日下午,村里召开…: a dated activity told in speech is still one
    if line.text.endswith(_history_words(), 0, i):
        return True
    head = line.text[lead:i]
    start = lead + 1 + max(head.rfind(mark) for mark in "。!?;")
    return _speech_re().search(line.text, start, i) is not None


@cache
def _speech_re() -> re.Pattern[str]:
    """A verb of saying followed by a mark (强调: / 表示,): ``segment_words.tsv``, kind ``speech``."""
    words = sorted(words_of("segment_words.tsv", "speech"), key=len, reverse=True)
    return rx.compile(f"(?:{'|'.join(map(re.escape, words))})[,:，：]")


_LEAD_SENTENCES = 3  # how far into a paragraph a day opening a clause still dates its event


def _vague(e: DateExpr) -> bool:
    """近日, 日前, 近期: a date with no day of its own."""
    word = relative_words().get(e.relative) if e.relative else None
    return word is not None and word.unit == "recent"


def _lead_exprs(line: Line, exprs: list[DateExpr], after: int) -> Iterator[tuple[DateExpr, int, _Quotes]]:
    """The date expressions after offset ``after`` in the paragraph's first sentences (``_LEAD_SENTENCES``), in
    order, each with its offset in the line and the line's quotations."""
    text, end = line.text, 0
    for _ in range(_LEAD_SENTENCES):
        end = _sentence_end(text, end) + 1
    quotes = _Quotes(text)
    for e in exprs:
        i = e.start - line.start
        if e.start <= after:
            continue
        if i >= end:
            return
        yield e, i, quotes


def _clause_day(line: Line, exprs: list[DateExpr], after: int, yu: bool = False) -> DateExpr | None:
    """A day (month and day at least) after offset ``after`` in the paragraph's first sentences that opens a
    clause and is followed by a comma, the way a news lead names its day after a purpose or a scene
    (为表达关爱之情,7月7日,某社区开展…; 在严格落实防控要求下,2月5日下午,某镇召开…).

    >>> text = "为了表达对环卫工人的关爱,7月7日,某社区开展送清凉活动。"
    >>> _clause_day(split_lines(text)[0], find_date_expressions(text), -1).text
    '7月7日'
    >>> text = "某社区于7月7日开展送清凉活动。"  # not opening a clause: the running rules decide
    >>> _clause_day(split_lines(text)[0], find_date_expressions(text), -1) is None
    True

    With ``yu``, a day after 于 counts too (某社区于7月7日开展…: when the subject acted):

    >>> _clause_day(split_lines(text)[0], find_date_expressions(text), -1, yu=True).text
    '7月7日'
    """
    text = line.text
    for e, i, quotes in _lead_exprs(line, exprs, after):
        j = e.end - line.start
        if e.relative is not None or e.month is None or e.day is None or quotes.inside(i):
            continue
        if i == 0 or not ((yu and text[i - 1] == "于") or (text[i - 1] in ",，" and text.startswith((",", "，"), j))):
            continue
        if _bound(line, e) or _topic_or_speech(line, 0, e):
            continue
        return e
    return None


def _as_of_day(line: Line, exprs: list[DateExpr], after: int) -> DateExpr | None:
    """A day (month and day at least) after 截至/截止 (``segment_words.tsv``, kind ``as_of``) after offset ``after`` in
    the paragraph's first sentences: how the running work stood that day. It opens no event, but an event that has
    no day of its own is dated by it (某街道开展值守活动。党员踊跃报名。截至11月5日,共有130名党员参与).

    >>> text = "党员踊跃报名。截至11月5日,共有130名党员参与值守。"
    >>> _as_of_day(split_lines(text)[0], find_date_expressions(text), -1).text
    '11月5日'
    """
    text = line.text
    for e, i, quotes in _lead_exprs(line, exprs, after):
        if (e.relative is None and e.month is not None and e.day is not None and not e.lunar and not quotes.inside(i)
                and text.endswith(_as_of(), 0, i)):
            return e
    return None


def _month_or_since(line: Line, exprs: list[DateExpr], after: int) -> DateExpr | None:
    """For an event with no day of its own: a month (7月, 今年7月: no day) that opens a clause of the paragraph's
    first sentences and is followed by a comma (…摸底之后,今年9月,某村召开…), or a year word with a since
    form (今年以来) that opens a sentence (…。今年以来,已有…): when the paragraph's activity happened or runs from
    (ANNOTATION.md, Dates). Bounds, plans, topics, periods spoken of and asked-for work date nothing.

    >>> text = "某村原是一处老村落。经过摸底,今年9月,村党支部召开议事会。"
    >>> _month_or_since(split_lines(text)[0], find_date_expressions(text), -1).text
    '今年9月'
    >>> text = "某村原是一处老村落,今年9月的规划还未定稿。"
    >>> _month_or_since(split_lines(text)[0], find_date_expressions(text), -1) is None
    True
    """
    text = line.text
    for e, i, quotes in _lead_exprs(line, exprs, after):
        j = e.end - line.start
        word = relative_words().get(e.relative) if e.relative else None
        if e.lunar or e.digits is not None or quotes.inside(i) or (word is not None and word.unit != "year"):
            continue
        month = e.month is not None and e.day is None and (i == 0 or text[i - 1] in ",，" or _opens(line, e))
        since = word is not None and e.month is None and e.since and _opens(line, e)
        if not (month or since) or not text.startswith((",", "，"), j):
            continue
        if _bound(line, e) or _planned(line, e) or _topic_or_speech(line, 0, e) or _asked(line, 0, e):
            continue
        return e
    return None


def _day_of(e: DateExpr) -> bool:
    """A day written after a month or year word (当月15日, 本月20日, 今年3月5日): like a written date, it opens a
    sentence's event."""
    word = relative_words().get(e.relative) if e.relative else None
    return word is not None and word.unit in ("month", "year") and e.day is not None


def _year_month(e: DateExpr) -> bool:
    """A month written after a year word (今年7月, 去年10月): like a written year and month (2023年7月), it opens a
    sentence's event."""
    word = relative_words().get(e.relative) if e.relative else None
    return word is not None and word.unit == "year" and e.month is not None and not e.lunar


def _a_year_from_now(e: DateExpr) -> bool:
    """今年, 去年: like a bare year, such a word dates a paragraph only where it opens a sentence (今年已开展活动40余场
    in the middle of one sums up, it reports no activity)."""
    word = relative_words().get(e.relative) if e.relative else None
    return word is not None and word.unit == "year" and e.month is None and not e.since


def _history_words() -> tuple[str, ...]:
    """Words after which a year or month tells a founding: ``segment_words.tsv``, kind ``history``."""
    return words_of("segment_words.tsv", "history")


def _topic_words() -> tuple[str, ...]:
    """Words after which a date is the topic of the activity: ``segment_words.tsv``, kind ``topic``."""
    return words_of("segment_words.tsv", "topic")


def _as_of() -> tuple[str, ...]:
    """Words after which a date states how things stand (截至8月21日): ``segment_words.tsv``, kind ``as_of``."""
    return words_of("segment_words.tsv", "as_of")


def _bound(line: Line, e: DateExpr) -> bool:
    """Whether the date is a bound (2016年以前, 5月1日之前, a deadline 11月10日前完成) rather than when something
    happened. A day's 前 is a bound unless it starts a word of its own (11月10日前往某村: ``segment_words.tsv``, kind
    ``not_bound``).

    >>> text = "各镇于11月10日前完成摸排。11月12日前往甲村。"
    >>> [_bound(split_lines(text)[0], e) for e in find_date_expressions(text)]
    [True, False]
    """
    i = e.end - line.start
    if line.text.startswith(_before_words(), i):
        return True
    return (e.day is not None and e.relative is None and line.text.startswith("前", i)
            and not line.text.startswith(words_of("segment_words.tsv", "not_bound"), i))


def _planned(line: Line, e: DateExpr) -> bool:
    """Whether the date is a target a plan names (预计在2020年11月建成, 力争6月底前完成): it dates no activity of the
    report (``segment_words.tsv``, kind ``plan``, perhaps followed by 在/于/到).

    >>> text = "项目总投资60万元,预计在2023年5月建成。"
    >>> _planned(split_lines(text)[0], find_date_expressions(text)[0])
    True
    """
    head = line.text[max(0, e.start - line.start - 4) : e.start - line.start].rstrip()
    head = head[:-1] if head.endswith(("在", "于", "到")) else head
    return head.endswith(words_of("segment_words.tsv", "plan"))


def _retell_words() -> tuple[str, ...]:
    """Paragraph openers that go on with the running event (据悉): ``segment_words.tsv``, kind ``retell``."""
    return words_of("segment_words.tsv", "retell")


def _before_words() -> tuple[str, ...]:
    """Words after which a date is a bound (2016年以前): ``segment_words.tsv``, kind ``before``."""
    return words_of("segment_words.tsv", "before")


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


def _opens(line: Line, e: DateExpr) -> bool:
    """The expression stands at the start of the line or of a sentence.

    Walks back from the expression over what :func:`_opener_prefix` allows, so its cost is that prefix, not
    the line before it (a line of thousands of dates is linear, issue 19.16); :func:`_opens_plain` is the
    plain form.
    """
    text, i = line.text, e.start - line.start
    if not 0 <= i <= len(text):
        return _opens_plain(line, e)
    i -= 1
    ch = text[i] if i >= 0 else ""  # each character is read once
    if ch and ch in _OPENER_WORDS:
        i -= 1
        ch = text[i] if i >= 0 else ""
    if ch == "是" and i >= 1 and text[i - 1] in _ENUMERATORS:
        i -= 2
        ch = text[i] if i >= 0 else ""
    while ch and (ch in _OPENER_MARKS or ch.isspace()):
        i -= 1
        ch = text[i] if i >= 0 else ""
    if ch in (":", "：") and ch:
        k = i  # the label before the colon: at most _LABEL_MAX name characters, opening the line or a sentence
        label_char = _label_char().match
        while k > 0 and i - k < _LABEL_MAX and label_char(text[k - 1]):
            k -= 1
        if k < i and (k == 0 or not label_char(text[k - 1])) and _label().fullmatch(text, k, i):
            i = k - 1
    return i < 0 or _SENTENCE_END.match(text, i) is not None


def _opens_plain(line: Line, e: DateExpr) -> bool:
    before = line.text[: e.start - line.start]
    tail = _SENTENCE_END.split(before)[-1]
    return not _opener_prefix().sub("", tail)


def _sentence_openers(line: Line, exprs: list[DateExpr], after: int) -> list[DateExpr]:
    """Absolute dates (a year at least) or day shifts that open a sentence after offset ``after``.

    A paragraph that opens with a quotation mark is reported speech, not a quoted
    name, so its sentences may open events too.
    """
    out = []
    speech = line.text.startswith(("“", "\""))
    quotes = _Quotes(line.text, speech)
    for e in exprs:
        if e.start <= after or quotes.inside(e.start - line.start - speech):
            continue
        absolute = (e.relative is None and (e.month is not None or e.year is not None
                                            or (e.day is not None and e.digits is None and not e.lunar))) or _day_of(e) or _year_month(e)
        if ((absolute or e.relative in _DAY_SHIFT or e.relative in _SAME_DAY_NEW) and _opens(line, e)
                and not _bound(line, e) and not _year_summary(line, e, exprs)):
            out.append(e)
    return out


def _year_summary(line: Line, e: DateExpr, exprs: list[DateExpr]) -> bool:
    """Whether a bare year (2021年, no month, no 以来) opens a sentence that names no organized activity: no word of
    ``segment_words.tsv``, kind ``year_act`` (召开, 开展, 组织), before the sentence ends or a quotation opens, and
    the paragraph names no month or day after it (2020年是…之年。大年初二,… goes on to a dated activity). Such a
    sentence sums up the year (2021年,全村人均收入达到…; 2004年,128户牧民搬到…): history or results, not an event of
    the report (ANNOTATION.md, Events), so the year opens none.

    >>> text = "2019年,甲村人均可支配收入达到1.2万元。2020年,甲村召开党员大会。"
    >>> exprs = find_date_expressions(text)
    >>> [_year_summary(split_lines(text)[0], e, exprs) for e in exprs]
    [True, False]
    """
    if not e.year_only or e.since or any(x.start > e.start and (x.month is not None or x.day is not None or x.lunar)
                                         for x in exprs):
        return False
    i = e.end - line.start
    stop = _SENTENCE_OR_QUOTE.search(line.text, i)
    sentence = line.text[i : stop.start() if stop else len(line.text)]
    return not any(w in sentence for w in words_of("segment_words.tsv", "year_act"))


_SENTENCE_OR_QUOTE = rx.compile(r"[。!?;“\"]")
_CLAUSE_OPENER_WORDS = "在于自从"  # may stand between a clause's mark and the day opening it (,在3月10日召开…)
_CLAUSE_LEAD_REACH = 8  # the longest lead of a clause before its day: a mark, a joining word, 在/于
_CLAUSE_SENTENCE_REACH = 120  # how far back in its sentence a verb of saying before a clause's day is looked for


@cache
def _clause_lead() -> re.Pattern[str]:
    """A clause's lead right before a day: a comma, colon or semicolon, perhaps a joining word (其中, 并:
    ``segment_words.tsv``, kind ``clause_join``) and 在/于/自/从, ending where the day begins."""
    joins = "|".join(map(re.escape, sorted(words_of("segment_words.tsv", "clause_join"), key=len, reverse=True)))
    return rx.compile(rf"[,，:：;；]\s*(?:{joins})?[{_CLAUSE_OPENER_WORDS}]?\s*\Z")


def _clause_openers(line: Line, exprs: list[DateExpr], after: int) -> list[DateExpr]:
    """Days (month and day at least, or 当天/当日: the caller keeps those that start another activity) that open a
    clause after offset ``after``: a comma, colon or semicolon, then perhaps 在/于/自/从, then the day (…全年召开党员大会6次,其中在3月10日召开…,在8月20日举办…). A sentence with
    separately dated clauses gives one event per clause (ANNOTATION.md, Events). A bound (5月1日前), a date
    after 截至, a date told as a topic and a date after a verb of saying or asking in its sentence (会议要求,6月1日起,…)
    open none.

    >>> text = "全年开展活动6次,其中在3月10日召开动员会,在8月20日举办培训。"
    >>> [e.text for e in _clause_openers(split_lines(text)[0], find_date_expressions(text), -1)]
    ['3月10日', '8月20日']
    """
    out = []
    text = line.text
    quotes = _Quotes(text)
    for e in exprs:
        i = e.start - line.start
        if e.start <= after or e.lunar or not (e.relative in _SAME_DAY_NEW or (e.relative is None and e.month and e.day)):
            continue
        if not _clause_lead().search(text, max(0, i - _CLAUSE_LEAD_REACH), i) or quotes.inside(i) or _bound(line, e):
            continue
        if (text.endswith(_as_of(), 0, i) or (e.day is not None and _topic_or_speech(line, 0, e))
                or text.startswith("的", e.end - line.start)):
            continue
        lo = max(0, i - _CLAUSE_SENTENCE_REACH)
        opened = max(text.rfind(mark, lo, i) for mark in "。!?")  # the sentence so far: 会议要求,6月1日起,… is asked for
        if any(text.find(w, max(lo, opened + 1), i) >= 0 for w in words_of("segment_words.tsv", "speaker")):
            continue
        if _asked(line, 0, e):
            continue  # 会议决定,11月15日起开展…: work decided on, not done
        out.append(e)
    return out


def _openers(line: Line, exprs: list[DateExpr], after: int, days: set[tuple[int, int]]) -> list[tuple[int, DateExpr]]:
    """(where the event starts, its date) for the dates after offset ``after`` that open a sentence or a dated
    clause, in order. A clause's day already told by an event of the document (``days``: 8月9日伊始,… then
    …8月2日到岗后,8月9日开始,…) retells that event: it opens none. A clause's event starts at the 在/于 before
    its day."""
    found = {e.start: (e.start, e) for e in _sentence_openers(line, exprs, after)}
    for e in _clause_openers(line, exprs, after):
        if e.start not in found and (e.month, e.day) not in days:
            lead = _clause_lead().search(line.text, max(0, e.start - line.start - _CLAUSE_LEAD_REACH), e.start - line.start)
            found[e.start] = (line.start + lead.start() + 1 if lead else e.start, e)
    return [found[k] for k in sorted(found)]


def _in_quotes(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


_QUOTES_COUNTED = 4  # positions of a line answered by counting before its marks are listed


class _Quotes:
    """``_in_quotes(text[skip:], pos)`` for many positions of one line, each in log time.

    The first few positions asked about are answered by counting the marks before them (``str.count``, no list
    made); after that the marks are found once and counted by bisection, instead of counting the whole prefix
    for every date of the line (issue 19.16).
    """

    __slots__ = ("asked", "marks", "skip", "text")

    def __init__(self, text: str, skip: int = 0) -> None:
        self.text, self.skip = text, skip
        self.marks: dict[str, list[int]] | None = None
        self.asked = 0

    def _marks(self) -> dict[str, list[int]]:
        """Where each mark stands in the line; empty when no “ or 《 opens anything (most lines)."""
        if "“" not in self.text and "《" not in self.text:
            return {}
        marks: dict[str, list[int]] = {c: [] for c in "“”《》"}
        for m in _QUOTE_MARKS.finditer(self.text):
            marks[m.group()].append(m.start())
        return marks

    def inside(self, pos: int) -> bool:
        hi = self.skip + pos
        if pos < 0 or hi > len(self.text):
            return _in_quotes(self.text[self.skip:], pos)
        if self.marks is None:
            if self.asked < _QUOTES_COUNTED:
                self.asked += 1
                text, lo = self.text, self.skip
                return (text.count("“", lo, hi) > text.count("”", lo, hi)
                        or text.count("《", lo, hi) > text.count("》", lo, hi))
            self.marks = self._marks()
        if not self.marks:  # no opening mark in the line: no position is inside
            return False
        marks, lo = self.marks, self.skip
        opened, closed = marks["“"], marks["”"]
        if bisect_left(opened, hi) - bisect_left(opened, lo) > bisect_left(closed, hi) - bisect_left(closed, lo):
            return True
        opened, closed = marks["《"], marks["》"]
        return bisect_left(opened, hi) - bisect_left(opened, lo) > bisect_left(closed, hi) - bisect_left(closed, lo)


def segment(text: str) -> list[Segment]:
    """Event spans of a normalized body, in order.

    >>> text = "【动态】\\n12月4日\\n甲镇召开会议。\\n12月6日\\n乙街道开展活动。"
    >>> [text[s.start:s.end] for s in segment(text)]
    ['12月4日\\n甲镇召开会议。', '12月6日\\n乙街道开展活动。']
    """
    lines = split_lines(text)
    by_line = _by_line(lines, find_date_expressions(text))
    if _style(lines, by_line) == "bulletin":
        return _bulletin(lines, by_line)
    return _without_digest_preamble(text, _news(text, lines, by_line))


_ENTRY_DAY = rx.compile(r"(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}[日号]")


def _without_digest_preamble(text: str, segs: list[Segment]) -> list[Segment]:
    """A digest written as paragraphs: an undated opening paragraph and then only entries that each open with
    their own day (为推进…,某镇组织开展志愿服务活动。/ 9月14日,甲社区… / 9月16日,乙村…). The opening paragraph
    introduces the entries; it is no event of its own (ANNOTATION.md: every dated entry of a digest is one event).

    >>> text = "为弘扬志愿精神,某镇组织各村开展志愿服务活动。\\n9月14日,甲社区开展敬老活动。\\n9月16日,乙村组织党员打扫卫生。"
    >>> [text[s.start:s.start + 5] for s in segment(text)]
    ['9月14日', '9月16日']
    """
    rest = segs[1:]
    if (len(rest) >= 2 and segs[0].date_start is None
            and all(s.date_start == s.start and s.section == segs[0].section and _ENTRY_DAY.match(text, s.start)
                    for s in rest)):
        return rest
    return segs


class _Builder:
    def __init__(self) -> None:
        self.out: list[Segment] = []
        self.cur: list[int] | None = None  # [start, end, date_start, date_end]
        self.section: str | None = None
        self.cur_section: str | None = None
        self.notice = False  # the running event has passed a notice's item label (二、活动地点)
        self.parts: set[str] = set()  # the parts of the day (上午, 下午) the running event has told
        self.days: set[tuple[int, int]] = set()  # the (month, day) of every event opened so far

    def open(self, start: int, end: int, date: DateExpr | None) -> None:
        self.close()
        self.cur = [start, end, date.start if date else -1, date.end if date else -1]
        self.cur_section = self.section
        self.notice = False
        self.parts = {w for w in _part_words() if w in date.text} if date else set()
        if date is not None and date.month is not None and date.day is not None:
            self.days.add((date.month, date.day))

    def extend(self, end: int) -> None:
        assert self.cur is not None
        self.cur[1] = end

    def close(self) -> None:
        if self.cur is not None:
            s, e, ds, de = self.cur
            self.out.append(Segment(s, e, self.cur_section, ds if ds >= 0 else None, de if de >= 0 else None))
        self.cur = None


def _structure(b: _Builder, line: Line, exprs: list[DateExpr], heading: str | None) -> bool:
    """Handle a bare date line (it opens an entry) or a heading (it closes one); True when it was either.
    ``heading`` is :func:`_heading` of the line in the document's style (the caller reads it once a line)."""
    bare = _date_only(line, exprs) if exprs else None
    if bare is not None:  # a lone date line opens an entry in news too; it is no sub-heading
        b.open(line.start, line.end, bare)
        return True
    if heading is not None:
        if b.cur is not None and (b.notice or _notice_item(heading)):  # 二、活动地点 and the item's value
            b.notice = True  # (松园社区工作站会议室): parts of the one activity the notice announces
            b.extend(line.end)
            return True
        b.close()
        b.section = heading
        return True
    return False


@cache
def _enumerator() -> re.Pattern[str]:
    return rx.compile(r"^\s*(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2}|[((][一二三四五六七八九十0-9]{1,2}[))])\s*[、.．]?\s*")


def _notice_item(heading: str) -> bool:
    """Whether a heading is a notice's item label: an enumerator, then a word of ``segment_words.tsv``
    (kind ``notice_item``), perhaps with a colon.

    >>> _notice_item("二、活动地点"), _notice_item("(三)参加人员:"), _notice_item("二、强化组织领导")
    (True, True, False)
    """
    m = _enumerator().match(heading)
    if m is None or m.end() == 0:
        return False
    label = heading[m.end() :].strip().rstrip(":-").strip()
    return label in _notice_words()


@cache
def _notice_words() -> frozenset[str]:
    return frozenset(words_of("segment_words.tsv", "notice_item"))


def _bulletin(lines: list[Line], by_line: list[list[DateExpr]]) -> list[Segment]:
    b = _Builder()
    for line, exprs in zip(lines, by_line, strict=True):
        if _structure(b, line, exprs, _heading(line, "bulletin")):
            continue
        opening = next((e for e in exprs if _opens(line, e) and (e.relative is None or e.start - line.start <= 2)
                        and e.relative not in _part_words() and e.relative not in _AFTER),
                       None) if exprs else None  # a relative word opens an entry only at the line start (◆近日,…);
        # a part of the day (下午,…) goes on with the day's entry
        if opening is None and exprs:
            opening = _entry_day(line, exprs)  # 青山镇于11月3日召开…, 为…,11月6日,某社区…: a day in the first sentence
        if opening is not None and (b.cur is None or b.cur[1] != b.cur[3]):
            b.open(line.start, line.end, opening)
        elif b.cur is not None:
            b.extend(line.end)
        else:
            b.open(line.start, line.end, None)
    b.close()
    # an introduction before the first dated entry (随着春节临近,镇党委…开展了一系列慰问活动) is no entry
    first = next((i for i, seg in enumerate(b.out) if seg.date_start is not None), 0)
    return b.out[first:]


def _entry_day(line: Line, exprs: list[DateExpr]) -> DateExpr | None:
    """A day (month and day, written out) in the first sentence of a digest's paragraph that does not open with it:
    after the body or place acting (白石街道11月5日组织…, 青山镇于11月3日召开…) or opening a clause of the lead
    (为…,11月6日,黄河社区…). The paragraph is an entry of its own (ANNOTATION.md, Events: an entry that opens with a
    date inside its first sentence). A day told further on (会议传达了12月1日会议精神) opens none.

    >>> text = "青山镇于11月3日召开党建推进会。"
    >>> _entry_day(split_lines(text)[0], find_date_expressions(text)).text
    '11月3日'
    >>> text = "会议传达了12月1日全县工作会议精神。"
    >>> _entry_day(split_lines(text)[0], find_date_expressions(text)) is None
    True
    """
    e = _opening_date(line, exprs)
    if e is None or e.relative is not None or e.month is None or e.day is None or e.lunar or e.since:
        return None
    i = e.start - line.start
    subject = line.text[:i].removesuffix("于")
    if _label().fullmatch(subject) or _clause_day(line, exprs, -1) is e:
        return e
    return None


@cache
def _place_name() -> re.Pattern[str]:
    """A named place (八经街道, 南彩门社区) right after 当天/当日: the same day, but somewhere else."""
    return rx.compile(r"(?<![各全该本每所其此])(?:(?![各全该本每所其此等])[\u4e00-\u9fff]){2,6}?(?:街道|社区|村|镇|乡)"
                      r"(?![\u4e00-\u9fff]{0,1}[民委里])")


# a photo caption: opens with 图为/▲, or ends with the photographer's credit ((某某摄), 记者 某某 摄)
_CAPTION = rx.compile(r"^(?:图为|▲|△)|[((][^()()]{1,12}(?:摄|供图)[))]$|(?:记者|通讯员)\s*\S{1,10}\s*摄$"
                      r"|。\s*[^。,,]{0,12}(?:(?<!拍)摄|供图|[网社]发)$|\s[\u4e00-\u9fff]{2,4}\s*(?<!拍)摄$")
_CAPTION_OPENERS = ("图为", "▲", "△")
_CAPTION_CREDITS = ("供图", "供图)", "供图）", "网发", "社发")


def _is_caption(line: str) -> bool:
    """``_CAPTION.search(line) is not None``, searched only when the line opens like a caption or holds the 摄
    or 供图 that the credit forms end with (most lines do neither: the search would try every position for
    nothing).

    >>> _is_caption("党员志愿者在清理河道。某镇供图"), _is_caption("某村村貌。(某镇党委供图)")
    (True, True)
    >>> _is_caption("孩子们在文明实践站读书。某某网发")
    True
    >>> _is_caption("党员在河边捡拾垃圾。本报通讯员摄"), _is_caption("党员入户走访 钱某某摄")
    (True, True)
    >>> _is_caption("活动全程由专人拍摄")
    False
    >>> _is_caption("某镇党委提供图书500册。")
    False
    """
    return ((line.startswith(_CAPTION_OPENERS) or "摄" in line or line.endswith(_CAPTION_CREDITS))
            and _CAPTION.search(line) is not None)


is_caption = _is_caption  # for the stages after segmentation: a caption's event is a side scene


def _same_activity(text: str, line: Line, e: DateExpr, cur: list[int] | None) -> bool:
    """当天/当日 (or 随后) going on with the running event: no new place is named right after it, and its
    sentence's activity cue words (activity_keywords.tsv) share a label with the running event, if it has any.

    >>> text = "5月3日,甲街道乙社区开展志愿服务。\\n当天,乙社区还组织志愿服务。\\n当日下午,丙街道丁社区开展宣讲。"
    >>> lines = split_lines(text)
    >>> e1, e2 = [x for x in find_date_expressions(text) if x.relative]
    >>> _same_activity(text, lines[1], e1, [0, 18, 0, 4]), _same_activity(text, lines[2], e2, [0, 33, 0, 4])
    (True, False)

    A verb of going before 村 (驻村干部) names no other place:

    >>> text = "5月3日,甲镇召开述职评议会。\\n当日,各支部书记和驻村干部参加述职评议会。"
    >>> lines = split_lines(text)
    >>> _same_activity(text, lines[1], [x for x in find_date_expressions(text) if x.relative][0], [0, 15, 0, 4])
    True
    """
    if cur is None or (e.relative not in _SAME_DAY and not _day_again(text, e, cur)):
        return False
    if e.relative == "随后":
        return True  # 随后 goes on with the activity of the paragraph before (ANNOTATION.md "Events")
    return _goes_on(text, line, e, cur)


_GOES_ON_REACH = 200  # how much of the sentence after 当天 and of the running event before it are compared


def _goes_on(text: str, line: Line, e: DateExpr, cur: list[int]) -> bool:
    """Whether the sentence after ``e`` goes on with the running event ``cur``: it tells the reporter's steps or
    the whole area's occasion, or it names no place the running event did not and its activity cue words share
    a label with the running event's, if it has any. After 会后, see :func:`_after_goes_on`."""
    if e.relative in _AFTER:
        return _after_goes_on(text, line, e, cur)
    if line.text.startswith(_reporters() + _whole_areas(), e.end - line.start + 1):
        return True  # 当天,记者跟随…: the reporter's steps; 当天,全区各单位…: the whole occasion in sum
    running = text[cur[0] : cur[1]]
    names = [name for name in _place_name().findall(line.text, e.end - line.start, min(len(line.text), e.end - line.start
                                                                                      + 40))
             if not name.endswith(words_of("segment_words.tsv", "not_place")) and not _generic_place(name)]
    if any(name not in running for name in names):
        return False
    # another kind of activity: the sentence's activity cue words share no label with the running event's
    i = e.end - line.start
    stop = _SENTENCE_END.search(line.text, i, i + _GOES_ON_REACH)
    here = _activity_labels(line.text[i : stop.start() if stop else i + _GOES_ON_REACH])
    return not here or bool(here & _activity_labels(running))


_AT_A_MEETING = frozenset({"meeting", "study"})  # what people go on doing at a meeting after it (座谈, 学习, 表态)


def _after_goes_on(text: str, line: Line, e: DateExpr, cur: list[int]) -> bool:
    """Whether the clause after 会后 (``date_relative.tsv``, unit after) goes on with the running event: unless it opens
    a clause (会后,…) whose activity cue words name another kind of activity than the running event's dated sentence
    and than a meeting's own (会后,某服务站登门看望老兵: a visit after a meeting, an event of its own; 会后,大家
    座谈交流 or 会后,大家谈了体会… go on).

    >>> text = "8月1日,甲乡召开座谈会。\\n会后,甲乡服务站登门看望慰问老兵。\\n会后,与会人员进行座谈交流。"
    >>> lines = split_lines(text)
    >>> [_after_goes_on(text, ln, find_date_expressions(ln.text, 0)[0]._replace(start=ln.start, end=ln.start + 2),
    ...                 [0, 13, 0, 4]) for ln in lines[1:]]
    [False, True]
    """
    i = e.end - line.start
    if not line.text.startswith((",", "，"), i):
        return True  # 会后3个工作日内: a rule's time limit, no clause of its own
    stop = _SENTENCE_END.search(line.text, i, i + _GOES_ON_REACH)
    here = _activity_labels(line.text[i : stop.start() if stop else i + _GOES_ON_REACH])
    if cur[2] >= 0:
        lead_end = _SENTENCE_END.search(text, cur[2], cur[1])
        lead = text[cur[2] : lead_end.start() if lead_end else cur[1]]
    else:
        lead = ""
    told = _activity_labels(lead) or _activity_labels(text[cur[0] : cur[1]])  # the dated sentence's, else the event's
    return not here or bool(here & (told | _AT_A_MEETING))


def _running_date(text: str, cur: list[int]) -> DateExpr | None:
    """The date expression that dates the running event, if any."""
    return None if cur[2] < 0 else _first_date(text, cur[2], cur[3])


@lru_cache(maxsize=32)
def _first_date(text: str, start: int, end: int) -> DateExpr | None:
    """The first date expression of ``text[start:end]``: a running event's date is asked about for many of the
    paragraphs after it (a scan of its span each time, before)."""
    running = find_date_expressions(text, start, end)
    return running[0] if running else None


def _another_time(text: str, e: DateExpr, cur: list[int] | None) -> bool:
    """Whether a written date (a month at least) names another time than the running event's day: a span opened
    by it (2021年5月起), or a month or day that differs from the running event's. A photo caption opening with such
    a date (2021年5月起,某村工作队…(某某摄)) shows another activity than the running event: it opens its own.

    >>> text = "12日,某区召开总结会。\\n2021年5月起,某村工作队带领村民养殖。(王某摄)\\n5月12日,某区召开总结会。(王某摄)"
    >>> caption, same = [x for x in find_date_expressions(text) if x.month]
    >>> _another_time(text, caption, [0, 12, 0, 3]), _another_time(text, same, [0, 12, 0, 3])
    (True, False)
    """
    if cur is None or e.relative is not None or e.lunar or e.month is None:
        return False
    running = _running_date(text, cur)
    if running is None or running.relative is not None:
        return False
    if e.since and not running.since:
        return True
    return (running.month is not None and e.month != running.month) or (
        running.day is not None and e.day is not None and e.day != running.day)


def _dates_the_lead(text: str, line: Line, e: DateExpr, cur: list[int] | None) -> bool:
    """Whether a day (3月10日,…) opening a paragraph after an event dated only vaguely (近日,某镇开展植树活动…)
    tells the day of that same activity: one event, dated by the day (ANNOTATION.md, Events). It does when its
    first clause shows the activity's scene (在某村的植树现场: ``segment_words.tsv``, kind ``scene``) or when its
    sentence goes on with the running event (:func:`_goes_on`). A vague date after a dated event
    (3月10日,… then 近日,…) that goes on with it retells it the same way."""
    if cur is None or e.lunar or e.since or e.end_day is not None:
        return False
    running = _running_date(text, cur)
    if running is None or running.since:
        return False
    if _vague(e):  # 近日 opening its paragraph after a dated event
        return (running.day is not None and running.relative is None and e.start == line.start
                and _goes_on(text, line, e, cur))
    if not _vague(running) or e.relative is not None or e.month is None or e.day is None:
        return False
    i = e.end - line.start
    clause = _CLAUSE_STOP.search(line.text, i + 1)  # the clause after the day's own comma
    if any(w in line.text[i : clause.start() if clause else len(line.text)] for w in _scene_words()):
        return True
    return _goes_on(text, line, e, cur)


_CLAUSE_STOP = rx.compile(r"[,，。!?;]")


@cache
def _scene_words() -> tuple[str, ...]:
    """Words for the scene of an activity (现场): ``segment_words.tsv``, kind ``scene``."""
    return words_of("segment_words.tsv", "scene")


def _day_again(text: str, e: DateExpr, cur: list[int]) -> bool:
    """Whether ``e`` names again the day of the running event (3月12日,… then 植树节当天,…): like 当天, it goes on
    with that event unless another place or kind of activity follows.

    >>> text = "3月12日,甲镇开展植树活动。\\n植树节当天,甲镇党员种下树苗。"
    >>> _day_again(text, find_date_expressions(text)[1], [0, 15, 0, 5])
    True
    """
    if e.relative is not None or e.lunar or e.month is None or e.day is None or e.since:
        return False
    r = _running_date(text, cur)
    if r is None or r.relative is not None or r.lunar or r.since:
        return False
    return (r.month, r.day) == (e.month, e.day) and (r.year is None or e.year is None or r.year == e.year)


@cache
def _part_words() -> tuple[str, ...]:
    """The parts of the day (上午, 下午): ``date_relative.tsv``, unit ``part``."""
    return tuple(w for w, r in relative_words().items() if r.unit == "part")


def _day_part(b: _Builder, e: DateExpr) -> bool:
    """Whether a paragraph opening with a part of the day (上午, / 下午,) goes on with the running event: it does
    unless the running event has told another part of the day already (its date, 6月20日上午, or a paragraph
    of its own): a day told in parts is one activity per part. An undated running event takes it as its date.

    >>> b = _Builder()
    >>> b.open(0, 10, find_date_expressions("7月1日上午,甲村")[0])
    >>> [_day_part(b, find_date_expressions(t)[0]) for t in ("上午,乙", "下午,丙")]
    [True, False]
    """
    if b.cur is None or b.cur_section != b.section or e.relative not in _part_words():
        return False
    if b.parts and e.relative not in b.parts:
        return False
    if b.cur[2] < 0:
        b.cur[2], b.cur[3] = e.start, e.end
    b.parts.add(e.relative)
    return True


def _reporters() -> tuple[str, ...]:
    """Words for the report's writer (记者, 笔者): ``segment_words.tsv``, kind ``reporter``."""
    return words_of("segment_words.tsv", "reporter")


def _whole_areas() -> tuple[str, ...]:
    """Words for a whole area (全区, 全市): ``segment_words.tsv``, kind ``whole``."""
    return words_of("segment_words.tsv", "whole")


_LEVEL_WORDS = rx.compile(r"(?:街道|社区|村|镇|乡|区|县|市)+")


_ELSEWHERE_REACH = 3000  # how much of the running event (its last characters) is searched for the county


@cache
def _elsewhere_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(a paragraph opening in a county and a township (在某某县某某镇某村,…): where it happens is named in full;
    one opening with a named community or village (or its party body) that acts (某社区联合某医院开展…): the subject
    of an activity of its own, while one opening at a place (在某村,…) may illustrate the running occasion;
    a county's part of the first one's chain)."""
    return (rx.compile(r"(?:在|走进|来到)(?P<chain>(?:[\u4e00-\u9fff]{2,5}?[市县区旗])+)[\u4e00-\u9fff]{1,5}?(?:镇|乡|街道)"),
            rx.compile(r"(?P<name>(?:(?![各全该本每所其此等我在])[\u4e00-\u9fff]){2,6}?(?:社区|村))"
                       r"(?:党委|党总支|党支部|居委会|村委会)?(?:联合|组织|开展|举办|召开|启动)"),
            rx.compile(r"[\u4e00-\u9fff]{1,4}?[市县区旗]"))


def _elsewhere(text: str, line: Line, cur: list[int]) -> bool:
    """Whether an undated paragraph after a dated event opens at a place named down to its county and township
    (在某县某镇某村,…, 走进某市某镇…) whose city and county the running event does not name: another story of the
    report, not more of the running event. So does a paragraph whose subject is a community or village the running
    event never named, acting on its own (某社区联合某医院开展义诊…). It opens an undated event of its own.

    >>> text = "3月8日,甲乙县丙丁镇党员巡河。\\n在戊己县庚辛镇壬村,村里新发展党员5名。"
    >>> _elsewhere(text, split_lines(text)[1], [0, 17, 0, 4])
    True
    """
    elsewhere, elsewhere_local, county_part = _elsewhere_res()
    local = elsewhere_local.match(line.text)
    if (local is not None and not _generic_place(local["name"]) and local["name"] not in text[cur[0] : cur[1]]
            and not local["name"].endswith(words_of("segment_words.tsv", "not_place"))  # 党员进村开展…: no name
            and not _announced(text, cur)):
        return True  # 某社区联合…开展: a community or village the running event never named acts on its own
    if cur[2] < 0:
        return False
    running = text[max(cur[0], cur[1] - _ELSEWHERE_REACH) : cur[1]]
    m = elsewhere.match(line.text)
    if m is None:
        return False
    return not any(part in running for part in county_part.findall(m["chain"]))


_FIRST_CLAUSE = rx.compile(r"[,，:：。!?;]")


@cache
def _described() -> re.Pattern[str]:
    """A body described as the area's first or only one of its kind (某服务队是某县首个…: ``segment_words.tsv``, kind
    ``first_of_kind``): background about it."""
    words = "|".join(map(re.escape, sorted(words_of("segment_words.tsv", "first_of_kind"), key=len, reverse=True)))
    return rx.compile(rf"^[^,，。!?;“”]{{2,30}}?是[^,，。!?;]{{0,20}}?(?:{words})")


def _apart(text: str, line: Line, cur: list[int]) -> bool:
    """Whether an undated paragraph after a dated event tells something apart from that event, an undated event of
    its own (ANNOTATION.md, Events: background paragraphs): it opens with 据悉/据了解 (kind ``retell``) and a wider
    scope in its first clause (据悉,该镇…, 据了解,全镇…: kind ``wide``) and names the running activity nowhere in its
    first sentence (本次, 此次: kind ``this_time``); it describes a body as the area's first or only one of its kind
    (某服务队是某县首个…); it opens with a word of an earlier time (前不久, 此前: kind ``earlier``); its first
    sentence opens an activity of its own at once (第一时间召开…会, 第一时间成立…: kind ``prompt``, then a ``hold``
    verb); it opens at a township the running event never named (在某镇,…); or it opens with an occasion's
    period and a body acting in it that the running event's dated sentence does not name (某节期间,某村党支部开展…;
    not 活动期间, 会议期间: kind ``period_same``). The figures such a paragraph gives are not the
    running event's.

    >>> text = "3月8日,甲村组织党员巡河。\\n据悉,该镇今年已发展党员20名。\\n据悉,本次活动共30名党员参加。"
    >>> [_apart(text, ln, [0, 14, 0, 4]) for ln in split_lines(text)[1:]]
    [True, False]
    """
    if cur[2] < 0:
        return False
    first = _SENTENCE_END.search(line.text)
    sentence = line.text[: first.start() if first else len(line.text)]
    if line.text.startswith(_retell_words()):
        clause = _FIRST_CLAUSE.search(line.text, len(next(w for w in _retell_words() if line.text.startswith(w))) + 1)
        head = line.text[: clause.start() if clause else len(line.text)]
        return (any(w in head for w in words_of("segment_words.tsv", "wide"))
                and not any(w in sentence for w in words_of("segment_words.tsv", "this_time")))
    if line.text.startswith(words_of("segment_words.tsv", "earlier")):
        return True
    for w in words_of("segment_words.tsv", "prompt"):  # 某街道第一时间召开动员会: a step taken before the running day
        at = sentence.find(w)
        if at >= 0 and sentence.startswith((*words_of("segment_words.tsv", "hold"), "成立", "组建"), at + len(w)):
            return True
    if _described().match(line.text) and not line.text.startswith(words_of("segment_words.tsv", "this_time")):
        return True
    m = _at_township().match(line.text)
    if m is not None and not _generic_place(m["name"]) and m["name"] not in text[cur[0] : cur[1]]:
        return True
    m = _period_body().match(line.text)  # 某节期间,某村党支部开展…: another body's activity during the occasion
    if m is None or m["occasion"].endswith(words_of("segment_words.tsv", "period_same")):
        return False
    stop = _SENTENCE_END.search(text, cur[2], cur[1])
    return m["body"] not in text[cur[2] : stop.start() if stop else cur[1]]


def _alternation(kind: str) -> str:
    """The words of ``segment_words.tsv`` of ``kind`` as a regex alternation, in file order."""
    return "|".join(map(re.escape, words_of("segment_words.tsv", kind)))


@cache
def _period_body() -> re.Pattern[str]:
    """A paragraph (perhaps after a short lead sentence, 活动暖民心。) opening with an occasion's period and a body
    acting in it (某节期间,某村党支部…): the body ends in a word of ``segment_words.tsv``, kind ``period_body``."""
    return rx.compile(r"(?:[^。!?;,，]{1,10}[。!?])?(?P<occasion>[\u4e00-\u9fff]{2,8}?)期间[,，]"
                      rf"(?P<body>[^,，。!?;]{{2,20}}?(?:{_alternation('period_body')}))")


@cache
def _occasion_end() -> re.Pattern[str]:
    """A word that ends an occasion's name (节, 会, 周: ``segment_words.tsv``, kind ``occasion_end``), ending the text."""
    return rx.compile(rf"(?:{_alternation('occasion_end')})\Z")


def _period_date(text: str, line: Line, cur: list[int]) -> DateExpr | None:
    """The running event's date for a paragraph that opens with an occasion's period and a body acting in it
    (某节期间,某村党支部…) when the running event's dated sentence names that occasion (8月1日—3日,某乡举办文化节 then
    文化节期间,…): the period is the occasion's days. The occasion is named there by its name and any word that ends
    an occasion's name (龙舟节 by 龙舟赛 too, not by 龙舟码头).

    >>> text = "8月1日—3日,某乡举办民俗文化周。\\n文化周期间,甲村党支部组织宣讲。"
    >>> _period_date(text, split_lines(text)[1], [0, 17, 0, 7]).text
    '8月1日—3日'
    """
    m = _period_body().match(line.text)
    running = _running_date(text, cur)
    if m is None or running is None:
        return None
    stop = _SENTENCE_END.search(text, cur[2], cur[1])
    sentence = text[cur[2] : stop.start() if stop else cur[1]]
    end = _occasion_end().search(m["occasion"])
    if end is None or end.start() < 2:
        return running if m["occasion"] in sentence else None
    named = rx.compile(rf"{re.escape(m['occasion'][: end.start()])}(?:{_alternation('occasion_end')})")
    return running if named.search(sentence) else None


@cache
def _at_township() -> re.Pattern[str]:
    """A paragraph opening at a township, then a comma (在某镇,…); a determiner (各, 该: ``segment_words.tsv``, kind
    ``determiner``) inside the name makes it no name of its own (在该镇,)."""
    determiners = "".join(words_of("segment_words.tsv", "determiner"))
    return rx.compile(rf"在(?P<name>(?:(?![{determiners}])[\u4e00-\u9fff]){{2,6}}?(?:镇|乡|街道))[,，]")


def _announced(text: str, cur: list[int]) -> bool:
    """Whether the running event is a lead paragraph alone, dated vaguely or not at all (近日,某街道开展…系列活动), that
    points at the activity it announces (本次活动…: ``segment_words.tsv``, kind ``this_time``): the paragraph after
    it tells that activity, whoever acts in it (a community of the area: one event, ANNOTATION.md, Events).

    >>> text = "近日,甲街道开展邻里节系列活动。本次活动吸引居民参与。\\n乙社区组织居民开展义诊。"
    >>> _announced(text, [0, 27, 0, 2])
    True
    """
    if "\n" in text[cur[0] : cur[1]]:
        return False
    running = _running_date(text, cur)
    if running is not None and not _vague(running):
        return False
    return any(w in text[cur[0] : cur[1]] for w in words_of("segment_words.tsv", "this_time"))


def _generic_place(name: str) -> bool:
    """A name made of level words only (街道社区, 区街道): a kind of place, no place of its own.

    >>> _generic_place("街道社区"), _generic_place("八经街道")
    (True, False)
    """
    return _LEVEL_WORDS.fullmatch(name) is not None


def _activity_labels(text: str) -> set[str]:
    return {label for label, words in activity_keywords().items() if any(w in text for w in words)}


def _captions(b: _Builder, line: Line, exprs: list[DateExpr], held: list[str], heading: str | None) -> bool:
    """Hold back a short line that would close the running event as a sub-heading until the next paragraph shows
    what it was: a photo caption without a credit (奏唱国歌, 党员在某村除草) when that paragraph goes on with the
    running event (会上, 会议由…主持, 活动中: ``segment_words.tsv``, kind ``go_on``; or 截至今日,…: kind ``as_of``),
    else a heading after all.
    A line that is a caption by its form (▲…, 图为…, a credit: :func:`_is_caption`) is never a sub-heading: it is
    passed over, and the lines held before it stay held.
    True when ``line`` was held back or passed over. ``heading`` is :func:`_heading` of the line in news style."""
    if b.cur is not None and heading is not None and _is_caption(line.text):
        return True
    if (heading is not None and b.cur is not None and b.cur_section == b.section and not b.notice
            and not (exprs and _date_only(line, exprs)) and not _BRACKET_HEADING.match(line.text)
            and not _notice_item(heading)):
        held.append(heading)
        return True
    if held:
        # 截至今日,… (how the running work stands) goes on with it like 会上: the lines were its photos' captions
        if not line.text.startswith(_go_on_words() + _as_of()) or heading is not None:
            b.close()
            b.section = held[-1]
        held.clear()
    return False


def _go_on_words() -> tuple[str, ...]:
    """Paragraph openers that go on with the running activity (会上, 活动中): ``segment_words.tsv``, kind ``go_on``."""
    return words_of("segment_words.tsv", "go_on")


_SPEAKER_CLAUSE = 20  # the longest first clause that may name a speaker and the verb (镇党委书记某某强调)
_SPEECH_LOOKAHEAD = 3  # how many paragraphs after a background paragraph may lead to the speech


def _speaker_line(line: Line, exprs: list[DateExpr]) -> bool:
    """Whether the paragraph opens by naming who speaks: a short dateless first clause ending with a verb of
    saying (镇长某某要求, / 书记某某强调:): ``segment_words.tsv``, kind ``speaker``.

    >>> text = "镇长钱某要求,各村要抓好落实。"
    >>> _speaker_line(split_lines(text)[0], [])
    True
    >>> text = "全镇共有党员300名,其中女党员50名。"
    >>> _speaker_line(split_lines(text)[0], [])
    False
    """
    marks = (_CLAUSE_STOP.search(line.text), _COLON.search(line.text))
    end = min((m.start() for m in marks if m is not None), default=len(line.text))
    if end > _SPEAKER_CLAUSE or any(e.start < line.start + end for e in exprs):
        return False
    return line.text.endswith(words_of("segment_words.tsv", "speaker"), 0, end)


_COLON = rx.compile(r"[:：]")


def _background_before_speech(b: _Builder, line: Line, e: DateExpr, after: list[tuple[Line, list[DateExpr]]]) -> bool:
    """Whether a paragraph dated only by a coarse period (去年底, 今年以来, 2023年) while a dated event runs is
    background told inside that event's report: it names no holding verb (``segment_words.tsv``, kind ``hold``)
    and speech at the running event (镇长某某要求,…: :func:`_speaker_line`) follows it, perhaps after other
    dateless paragraphs. Such a paragraph opens no event (ANNOTATION.md, Events: background paragraphs)."""
    if b.cur is None or b.cur[2] < 0 or b.cur_section != b.section or not _background(line, [e]):
        return False
    for nxt, exprs in after[:_SPEECH_LOOKAHEAD]:
        if _speaker_line(nxt, exprs):
            return True
        if (exprs and not _background(nxt, exprs)) or _heading(nxt, "news") is not None:
            return False
    return False


def _background(line: Line, exprs: list[DateExpr]) -> bool:
    """Whether a paragraph's dates are coarse periods only (去年, 今年以来: no day, not 近日) and it names no holding
    verb (``segment_words.tsv``, kind ``hold``)."""
    return (all(e.day is None and not e.lunar and not _vague(e) for e in exprs)
            and not any(w in line.text for w in words_of("segment_words.tsv", "hold")))


_HISTORY_GAP = 10  # a date this many years before the latest dated month a report names is history (1921年7月23日,中共一大…)
_HISTORY_BEFORE = 1990  # and a date before this year always is: the reports are web pages of this century


def _history_floor(by_line: list[list[DateExpr]]) -> int:
    """The earliest year a date of the report may have and still date an activity of it: older dates tell history
    (ANNOTATION.md, Events: a date inside a history paragraph opens no event). The latest year is read from dates
    with a month (2021年6月28日), not from bare years that may name a goal (2035年远景目标).

    >>> _history_floor([find_date_expressions("1921年7月,中共一大召开。2021年6月28日,甲镇召开大会。")])
    2011
    """
    latest = max((e.year for exprs in by_line for e in exprs if e.year is not None and e.month is not None), default=0)
    return max(latest - _HISTORY_GAP, _HISTORY_BEFORE)




def _founding(line: Line, e: DateExpr, latest: int) -> bool:
    """Whether a date tells when something was founded (2006年,某村党支部成立; 2012年组建了服务队): the clause it
    opens names a founding (:func:`~partyevents.extract.dates.tells_founding`). Such a date belongs to a history
    paragraph and opens no event (ANNOTATION.md, Events), whether or not the report names a later date: a bare year
    always, a year and month or a full day when the report names a year at least ``FOUNDING_GAP`` later (``latest``;
    against the publication date, :func:`~partyevents.extract.dates.resolve_dates` leaves such a date out); a span
    (以来) or a date without a year may be the report's own founding.

    >>> text = "2006年,甲村党支部成立,现有党员40名。"
    >>> _founding(split_lines(text)[0], find_date_expressions(text)[0], 0)
    True
    >>> text = "2023年,甲村召开党支部成立大会。"
    >>> _founding(split_lines(text)[0], find_date_expressions(text)[0], 0)
    False
    """
    if e.month is not None and e.year is not None and e.year + FOUNDING_GAP > latest:
        return False
    return tells_founding(line.text, e, line.start, day_too=True)


def _news(text: str, lines: list[Line], by_line: list[list[DateExpr]]) -> list[Segment]:
    b = _Builder()
    held: list[str] = []  # short lines after the running event: captions or sub-headings (:func:`_captions`)
    floor = _history_floor(by_line)
    as_of: set[int] = set()  # where the days after 截至 that dated an undated event start (:func:`_as_of_day`)
    this_year = dt.date.today().year  # a later year names a plan (2035年远景目标), not the report's time
    latest = max((e.year for exprs in by_line for e in exprs if e.year is not None and e.year <= this_year), default=0)
    pairs = [(line, [e for e in exprs if (e.year is None or e.year >= floor) and not _founding(line, e, latest)])
             for line, exprs in zip(lines, by_line, strict=True)]
    for n, (line, exprs) in enumerate(pairs):
        heading = _heading(line, "news")  # asked about up to four times below: read once
        if _captions(b, line, exprs, held, heading) or _structure(b, line, exprs, heading):
            continue
        if b.cur is None and n + 1 < len(pairs) and not any(e.day is not None for e in exprs) and _is_caption(line.text):
            continue  # a photo caption before the report (…。本报通讯员摄) opens no event
        opening = _opening_date(line, exprs, b.cur is None) if exprs else None
        if opening is not None and b.cur is not None and b.cur_section == b.section and line.text.startswith(
            _retell_words()
        ):
            opening = None  # 据悉,…: more about the running event
        retold = -1  # where a date that retells the running event's day ends (its sentence opens nothing more)
        if opening is not None and b.cur_section == b.section and _same_activity(text, line, opening, b.cur):
            retold, opening = opening.end, None
        elif opening is not None and b.cur_section == b.section and _dates_the_lead(text, line, opening, b.cur):
            assert b.cur is not None
            if not _vague(opening):  # 近日,… then 3月10日,在某村的植树现场: the day of the one activity
                b.cur[2], b.cur[3] = opening.start, opening.end
            retold, opening = opening.end, None
        if opening is not None and _day_part(b, opening):
            opening = None  # 上午,…: more of the running day
        if opening is not None and _background_before_speech(b, line, opening, pairs[n + 1 : n + 1 + _SPEECH_LOOKAHEAD]):
            opening = None  # 去年底,…达100%。 then 书记某某强调,…: background inside the running report
        # a photo caption (…(某某摄), 图为…) retells the running event: none of its dates opens an event
        caption = b.cur is not None and b.cur_section == b.section and _is_caption(line.text)
        if caption and (opening is None or not _another_time(text, opening, b.cur)):
            opening = None
        elif caption:
            caption = False  # 2021年5月起,某村工作队…(某某摄): a caption telling another time tells its own activity
        if opening is not None and not caption and _vague(opening):
            opening = _clause_day(line, exprs, opening.end) or opening  # 近日,…。为…,7月16日上午,…
        elif opening is not None and not caption and opening.year_only:  # 2021年是…。某站于4月11日上午,…
            day = _clause_day(line, exprs, opening.end, yu=True)
            if day is not None and not any(c.start < day.start for c in _clause_openers(line, exprs, opening.end)):
                opening = day  # not past an earlier dated clause (2022年,…,其中在3月10日…,并于10月15日…)
        if opening is not None and _year_summary(line, opening, exprs):
            opening = None  # 2021年,全村人均收入达到…: the year's results, no activity of the report
        if opening is not None:
            b.open(line.start, line.end, opening)
            after = opening.end
        elif (b.cur is not None and b.cur_section == b.section and not _elsewhere(text, line, b.cur)
              and not _apart(text, line, b.cur)):
            b.extend(line.end)
            after = max(line.start - 1, retold)
            opening = None
        else:
            period = _period_date(text, line, b.cur) if b.cur is not None and b.cur_section == b.section else None
            b.open(line.start, line.end, period)
            after = line.start - 1
        # An undated event takes a day that opens a clause of the paragraph's lead (为…,7月7日,某社区开展…).
        if opening is None and not caption and exprs and b.cur is not None and b.cur[2] < 0:
            day = _clause_day(line, exprs, after)
            if day is None and (day := _as_of_day(line, exprs, after)) is not None:
                as_of.add(day.start)
            day = day or _month_or_since(line, exprs, after)
            if day is not None:
                b.cur[2], b.cur[3] = day.start, day.end
                opening, after = day, day.end
        # A later sentence that opens with its own date starts another event.
        first_dated = opening is not None
        for at, e in _openers(line, exprs, after, b.days) if exprs and not caption else ():
            running = [max(b.cur[0], at - _GOES_ON_REACH), at, b.cur[2], b.cur[3]] if b.cur is not None else None
            if e.relative in _SAME_DAY_NEW and (running is None or _goes_on(text, line, e, running)):
                continue  # 当天下午,… going on with the running activity; another place or kind of activity opens one
            if not first_dated and b.cur is not None and b.cur[2] < 0:
                b.cur[2], b.cur[3] = e.start, e.end  # an undated running event takes its first date
                first_dated = True
                continue
            b.extend(at)
            b.open(at, line.end, e)
    b.close()
    if as_of and any(seg.date_start is not None and seg.date_start not in as_of for seg in b.out):
        # a day after 截至 dates an event only on a page that tells no other dated activity: beside one, the
        # undated paragraph is background or an achievement summary (ANNOTATION.md, Events)
        return [Segment(seg.start, seg.end, seg.section) if seg.date_start in as_of else seg for seg in b.out]
    return b.out

