"""Dates: find date expressions in the text and resolve them for each event.

Two steps, both cheap (compiled regexes and date arithmetic, no parser library):

- :func:`find_date_expressions` finds absolute forms (``2022年12月4日``,
  ``十二月四日``, ``2021-10-25``, ``12月4日上午``), ranges (``12月1日至3日``),
  ``以来``/``起``/``开始`` forms, month- and year-only forms, and the relative
  words of ``resources/date_relative.tsv`` (``第二天``, ``昨日``, ``去年8月``).
  The segmenter uses it to see where dated entries open.
- :func:`resolve_dates` gives each segment a :class:`DateInfo` following
  ANNOTATION.md "Dates": the year comes from the expression, else the
  publication date (manifest, page header, file path), else the latest
  explicit year in the body (not a year under annual review, ``2021年度述职评议``,
  nor a date in a person's life, ``1966年入党``: ``date_year_words.tsv``);
  otherwise it stays null, as do relative dates whose anchor is unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from .. import regex_cache as rx
from ..records import DateInfo, DocContext, Segment
from ..regex_first import with_first_chars
from ..resources import read_table, words_of
from .wordtrie import trie_pattern

__all__ = ["DateExpr", "RelativeWord", "body_year", "find_date_expressions", "holidays", "lunar_to_solar", "path_date",
           "resolve_dates", "tells_founding"]

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int:
    """An Arabic or small Chinese numeral (up to 99, or a digit-by-digit year) as an int.

    >>> cn_number("12"), cn_number("十二"), cn_number("二十一"), cn_number("三十"), cn_number("二〇二二")
    (12, 12, 21, 30, 2022)
    >>> cn_number("二○二三"), cn_number("二O二三"), cn_number("二0二三")  # the look-alikes of 〇 in a year
    (2023, 2023, 2023)
    """
    if s.isdigit():
        return int(s)
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _since_words(form: str) -> str:
    """The words of ``date_since_words.tsv`` read in ``form`` (tail, day, later, closing), as an alternation in the
    table's order, each with its look-ahead on the characters that make it part of another word.

    >>> _since_words("day")
    '以来|开始|起(?![草来床诉身码步])'
    """
    out = []
    for row in read_table("date_since_words.tsv"):
        if form in row[1].split(","):
            not_before = row[2] if len(row) > 2 else ""
            out.append(re.escape(row[0]) + (f"(?![{re.escape(not_before)}])" if not_before else ""))
    return "|".join(out)


_D2 = r"(?:3[01]|[12][0-9]|0?[1-9])"
_M2 = r"(?:1[0-2]|0?[1-9])"
_YEAR = r"(?:19|20)[0-9]{2}"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
_TAIL = (
    # a range end: 至3日, —12月3日, 至2022年1月2日, 起至10日 (from … to: a range, no since)
    rf"(?:\s*(?:(?:起|开始)?(?:至|到)|—{{1,2}}|–|-|~)\s*(?:(?P<y2>{_YEAR})\s*年\s*)?(?:(?P<m2>{_M2})\s*月\s*)?(?P<d2>{_D2})\s*[日号])?"
    # the day of the week in brackets: (周二), (星期三)
    r"(?:\s*[((]\s*(?:周|星期|礼拜)[一二三四五六日天]\s*[))])?"
    # a time of day: 上午, 下午3时, 晚10时许, 9:30, 下午03:00-05:00
    r"(?P<tod>上午|下午|晚上|晚间|早上|早晨|中午|凌晨|傍晚|清晨|夜间|夜里|晚(?![会餐饭报宴点]))?"
    r"(?:\s*[0-9]{1,2}\s*(?:[时点](?:\s*[0-9]{1,2}\s*分|半|许)?|:[0-5][0-9](?:\s*[-—~至到]\s*[0-9]{1,2}:[0-5][0-9])?)"
    r"(?!\d))?(?P<xu>许)?"
    rf"(?P<since>{_since_words('tail')})?"
)
_YEAR_ZEROS = "○O0"  # what stands for 〇 in a year written digit by digit (二○二三年, 二O二三年, 二0二三年)
_DATE_RE = rx.compile(
    r"(?<![0-9\-/])(?:(?<![0-9]\.)|(?<=\n[0-9]\.)|(?<=\n[0-9][0-9]\.)|(?<=\A[0-9]\.)|(?<=\A[0-9][0-9]\.))"
    r"(?P<pre>自|从)?(?:"
    # ISO-like: 2021-10-25, 2021.10.25, 2021/10/25
    rf"(?P<iy>{_YEAR})(?P<sep>[-./])(?P<im>{_M2})(?P=sep)(?P<id>{_D2})(?![0-9])"
    # Chinese: [2022年][12月[4日]], with Arabic or Chinese numerals
    rf"|(?=[0-9〇零一二三四五六七八九十])(?:(?:(?P<y>{_YEAR})|(?P<ycn>[〇零一二三四五六七八九][〇零一二三四五六七八九{_YEAR_ZEROS}]{{3}}))\s*年\s*)?"
    rf"(?:(?:(?P<m>{_M2})|(?P<mcn>{_CN_MONTH}))\s*月份?\s*"
    rf"(?:(?:(?P<d>{_D2})(?:\s*[-~至到、]\s*(?P<dd>{_D2}))?|(?P<dcn>{_CN_DAY}))\s*[日号])?)?"
    rf")" + _TAIL
)
_PRE_LEN = {"自": 1, "从": 1}
_DIGIT = "0-9〇零一二三四五六七八九十"
# Where a non-empty _DATE_RE match can start: 自/从 before a digit (alone, it matches as a bare prefix), or a
# digit not after [0-9-/] or a decimal point with at most three more digits and the character that makes them a date: 年, 月,
# an ISO separator, or the 时/点/: of a bare time (3时). Every other part of _DATE_RE is optional, so without
# one of these the match is empty. The leading class lets the engine skip ahead in C instead of trying
# _DATE_RE at every character.
_DATE_START = rx.compile(
    rf"[自从{_DIGIT}](?<![0-9\-/][\s\S])(?:(?<![0-9]\.[\s\S])|(?<=\n[0-9]\.[\s\S])|(?<=\n[0-9][0-9]\.[\s\S])"
    rf"|(?<=\A[0-9]\.[\s\S])|(?<=\A[0-9][0-9]\.[\s\S]))(?:(?<=[自从])(?=[{_DIGIT}])|[{_DIGIT}{_YEAR_ZEROS}]{{0,3}}\s*[年月时点:\-./])"
)


@dataclass(frozen=True, slots=True)
class RelativeWord:
    """A row of ``date_relative.tsv``: what a relative word counts from, in which unit, by how much."""

    word: str
    anchor: str  # "published" | "previous"
    unit: str  # "day" | "week" | "month" | "year" | "recent"
    offset: int
    not_after: str = ""  # characters that, just before the word, make it part of another word (节日前)


@cache
def relative_words() -> dict[str, RelativeWord]:
    """word -> :class:`RelativeWord`, from ``date_relative.tsv``.

    >>> relative_words()["第二天"]
    RelativeWord(word='第二天', anchor='previous', unit='day', offset=1, not_after='')
    """
    return {r[0]: RelativeWord(r[0], r[1], r[2], int(r[3]), r[4] if len(r) > 4 else "")
            for r in read_table("date_relative.tsv")}


# an age after a year word (今年70岁, 今年已经80多岁): the word dates nothing
_AGE_AFTER = rx.compile(r"(?:已经|已|刚满|满|都)?[0-9一二三四五六七八九十]{1,3}(?:多|余)?周?岁")


@cache
def _relative_re() -> re.Pattern[str]:
    words = sorted(relative_words(), key=len, reverse=True)
    return rx.compile(
        "(?P<rel>" + "|".join(map(re.escape, words)) + ")"
        # a month (and day) after a year word: 去年8月, 今年3月5日; a day after a month word: 本月20日, 当月15日;
        # a day of the week after a week word: 上周五, 本周三 (not 本周一系列, 上周一次)
        rf"(?:(?P<m>{_M2})\s*月份?(?:\s*(?P<d>{_D2})\s*[日号])?|(?P<md>{_D2})\s*[日号]"
        rf"|(?<=周)(?P<wd>[一二三四五六日天])(?![次系些个场批项起]))?" + _TAIL
        # 今年来, (今年以来): 来 alone, before a comma, after a year word (see _scan)
        + r"(?P<lai>(?<!以来)来(?=[,，]))?"
    )


# 2022-12-09, 202112, t20221213_456 (the t of many CMS article names), and folders 2022/12/13/
_PATH_DATE = rx.compile(
    r"(?:(?<=[/\\_.tT])|(?<![0-9A-Za-z]))(?P<y>(?:19|20)[0-9]{2})(?P<sep>[-_./\\]?)(?P<m>0[1-9]|1[0-2])"
    r"(?:(?P=sep)(?P<d>0[1-9]|[12][0-9]|3[01]))?(?![0-9A-Za-z])"
)


@lru_cache(maxsize=16)  # a document's path is asked about twice (the publication date, then the dates' anchor)
def path_date(source_path: str | None) -> tuple[int, int, int | None] | None:
    """(year, month, day-or-None) from a file or folder name such as ``2022-12-09.txt`` or ``.../202112/...``.

    The deepest path component that holds a date wins.

    >>> path_date("news/202112/a.txt"), path_date("2022-12-09.txt"), path_date("000_7854e43dd47ef38f.txt")
    ((2021, 12, None), (2022, 12, 9), None)
    >>> path_date("xxgk/t20221213_456.html"), path_date("site/2022/12/13/abc.html"), path_date("a/2022/05/x.txt")
    ((2022, 12, 13), (2022, 12, 13), (2022, 5, None))
    """
    if not source_path:
        return None
    path = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source_path)  # the extension
    for m in reversed(list(_PATH_DATE.finditer(path))):  # the deepest date wins
        day = int(m["d"]) if m["d"] else None
        try:
            dt.date(int(m["y"]), int(m["m"]), day or 1)
        except ValueError:
            continue
        return int(m["y"]), int(m["m"]), day
    return None


class DateExpr(NamedTuple):
    """A date expression found in the text, before resolution (immutable: the document-wide scan is cached).

    ``text`` is the expression as written (``text == doc[start:end]``).
    A range keeps its end in ``end_year``/``end_month``/``end_day`` (parts
    not written are None; the end's month defaults to the start's).
    """

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    since: bool = False
    relative: str | None = None  # the relative word, e.g. "第二天"
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    lunar: bool = False  # month and day are of the Chinese calendar (正月十五, 中秋节): resolved once a year is known
    digits: str | None = None  # a run of digits before 日 that lost its 月 or 年 (429日, 20210315日): a typo to repair
    weekday: int | None = None  # after a week word (上周五): the day of the week, Monday 0

    @property
    def year_only(self) -> bool:
        """An absolute expression that gives only a year (``2021年``, ``自2016年开始``)."""
        return self.relative is None and self.month is None and self.year is not None


def _valid(month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _range_end(m: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    if m["d2"]:
        return (int(m["y2"]) if m["y2"] else None, int(m["m2"]) if m["m2"] else None, int(m["d2"]))
    return None, None, None


def _absolute(m: re.Match[str], text: str) -> DateExpr | None:
    start = m.start() + (_PRE_LEN.get(m["pre"] or "", 0) if not m["since"] else 0)
    year: int | None
    month: int | None
    day: int | None
    if m["iy"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        year = int(m["y"]) if m["y"] else (cn_number(m["ycn"]) if m["ycn"] else None)
        month = int(m["m"]) if m["m"] else (cn_number(m["mcn"]) if m["mcn"] else None)
        day = int(m["d"]) if m["d"] else (cn_number(m["dcn"]) if m["dcn"] else None)
        if year is None and month is None:
            return None
        if m["mcn"] and day is None and year is None and not text.startswith("份", m.end("mcn") + 1):
            return None  # a bare Chinese month (一月) is too often not a date; 三月份 is one
        if month is None:
            before = text[max(0, m.start() - 2) : m.start()]
            if before[-1:] in ("到", "-", "—", "~") or (before[-1:] == "至" and before != "截至"):
                return None  # the end of a span of years (2021-2025年, 到2025年) is not a date
            if m["tod"] or m["d2"]:
                return None
    if not _valid(month, day):
        return None
    end_year, end_month, end_day = _range_end(m)
    if m["dd"] and ("、" not in text[m.end("d") : m.start("dd")] or int(m["dd"]) == int(m["d"]) + 1):
        end_day = int(m["dd"])  # 4月23、24日: two days running are a span; 4月3、8日 are two days, the first dates
    if end_day is not None and (day is None or not _valid(end_month, end_day)):
        end_year = end_month = end_day = None
    end = m.end()
    since = bool(m["since"]) or (end_day is None and _since_later(m, text, start, end))
    return DateExpr(start, end, text[start:end], year, month, day, since, None,
                    end_year, end_month, end_day)


# 自/从 + date, then in the same clause a verb phrase ending in 以来/开始/起 (自3月24日晚开展检测以来, 自10月初开展以来);
# 以来, which only ever closes such a phrase, may end a longer one that names a campaign in quotes
# (自2011年全区开展“某某某某”活动以来)
# (the words: ``date_since_words.tsv``, forms later and closing)
_SINCE_LATER = rx.compile(rf"[^,,。;;!?、]{{0,16}}?(?:{_since_words('later')})|[^,,。;;!?\n]{{17,40}}?(?:{_since_words('closing')})")
# a date opening its clause with no 自/从, then a verb phrase ending in 以来 (2019年开展结对共建以来,…)
_SINCE_BARE = rx.compile(rf"[^,,。;;!?、\n0-9]{{1,24}}?(?:{_since_words('closing')})(?=[,,。;;:])")
_CLAUSE_BEFORE = frozenset(",,。;;:!?\n“")  # what stands before a date that opens its clause


def _since_later(m: re.Match[str], text: str, start: int, end: int) -> bool:
    """Whether a verb phrase ending in 以来 (开始, 起) later in the date's clause makes it a "since" date: after
    自/从 (自2011年全区开展“某某”活动以来), or, for 以来 alone, after a date that opens its clause
    (2019年开展结对共建以来,…)."""
    if m["pre"]:
        return _SINCE_LATER.match(text, end) is not None
    return (start == 0 or text[start - 1] in _CLAUSE_BEFORE) and _SINCE_BARE.match(text, end) is not None


def _since_after_year_word(text: str, start: int, end: int) -> bool:
    """Whether a year word (今年, 去年) at ``text[start:end]`` starts a "since" date the way a written year does
    (:func:`_since_later`): a part of the year and 以来 after it (今年初以来, 去年底以来,), or a verb phrase ending in
    以来 after 自/从 before it (自去年底开展活动以来).

    >>> _since_after_year_word("今年初以来,全镇开展活动。", 0, 2), _since_after_year_word("今年初,全镇开展活动。", 0, 2)
    (True, False)
    """
    if start > 0 and text[start - 1] in _PRE_LEN:
        return _SINCE_LATER.match(text, end) is not None
    return (start == 0 or text[start - 1] in _CLAUSE_BEFORE) and _SINCE_BARE.match(text, end) is not None


def _date_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The non-empty matches of ``_DATE_RE.finditer(text, start, end)``, trying the regex only where one can start.

    >>> [m.group() for m in _date_matches("第3次,2022年12月4日,一起,3时许", 0, 30)]
    ['2022年12月4日', '3时许']
    """
    out: list[re.Match[str]] = []
    pos = start
    while (cand := _DATE_START.search(text, pos, end)) is not None:
        at = cand.start()
        m = _DATE_RE.match(text, at, end)
        if m is not None and m.end() > at:
            out.append(m)
            pos = m.end()
        else:
            pos = at + 1
    return out


def find_date_expressions(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """All date expressions in ``text[start:end]``, in order, with document offsets.

    The whole-text scan is cached for the last few texts: the segmenter and
    :func:`body_year` both ask for it.

    >>> [e.text for e in find_date_expressions("12月8日以来,牛首镇第二天开展")]
    ['12月8日以来', '第二天']
    >>> [(e.year, e.month, e.day, e.end_day, e.since) for e in find_date_expressions("自2016年开始,12月1日至3日")]
    [(2016, None, None, None, True), (None, 12, 1, 3, False)]
    """
    if start == 0 and (end is None or end == len(text)):
        return list(_document_expressions(text))
    return _scan(text, start, len(text) if end is None else end)


@lru_cache(maxsize=4)
def _document_expressions(text: str) -> tuple[DateExpr, ...]:
    return tuple(_scan(text, 0, len(text)))


_LUNAR_MONTH = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_DAY = r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)"
# 正月十五, 腊月二十三, 农历八月十五, 大年初二: a Chinese-calendar day, written without 日
_LUNAR_PLAIN = rx.compile(
    rf"(?:农历)?(?:(?P<lm>正|冬|腊|十[一二]?|[一二三四五六七八九])月(?P<ld>{_LUNAR_DAY})(?![日号])"
    r"|大年(?P<dn>初[一二三四五六七八九十]|三十))"
)
_LUNAR_RE = with_first_chars(_LUNAR_PLAIN)  # one set test on the first character where re would try each branch
_LUNAR_HINT = rx.compile(r"月[初十二廿三]|大年")
# where a festival's name stands as the day itself (中秋节当天, 元旦上午, and 国庆节, opening a clause), not
# 国庆节期间, 春节前夕 or 为迎接“七一”建党节,
_HOLIDAY_AFTER = r"(?=当天|当日|上午|下午|晚上|晚间|晚(?![会餐饭报宴点])|早上|中午|一早|[,,]|\n|$)"
_YEAR_BEFORE = rx.compile(rf"(?<![0-9]){_YEAR}\s*年\s*$")
_SPELLED_DAY = rx.compile(r"(?<![0-9.])(?P<m>1[0-2]|0?[1-9])[.](?P<d>[12][0-9]|3[01]|0?[1-9])$")
_CLAUSE_START = "\n,,。;:!?◆◇●○■□▲△★☆·•、 "


@cache
def _occasion_re() -> re.Pattern[str]:
    """A festival's name (or a few characters ending in 节) and then a word of ``date_occasion_words.tsv``."""
    words = [row[0] for row in read_table("date_occasion_words.tsv")]
    return rx.compile(rf"(?:{_holiday_names_re().pattern}|[\u4e00-\u9fff]{{0,3}}节)?(?:{'|'.join(map(re.escape, words))})")


def _occasion_after(text: str, pos: int) -> bool:
    """Whether a lunar date ending at ``pos`` is an occasion (腊月初八腊八节之际), not a day.

    >>> _occasion_after("腊月初八腊八节之际,", 4), _occasion_after("农历八月十五前夕", 6), _occasion_after("正月十五,", 4)
    (True, True, False)
    """
    return _occasion_re().match(text, pos) is not None


def _lunar_number(s: str) -> int:
    """初二 -> 2, 廿三 -> 23, 三十 -> 30 (the day of a lunar month)."""
    s = s.replace("初", "").replace("廿", "二十")
    return cn_number(s)


@cache
def holidays() -> dict[str, tuple[bool, int, int]]:
    """name -> (lunar, month, day), from ``date_holidays.tsv``.

    >>> holidays()["中秋节"], holidays()["国庆节"]
    ((True, 8, 15), (False, 10, 1))
    """
    return {r[0]: (r[1] == "lunar", int(r[2]), int(r[3])) for r in read_table("date_holidays.tsv")}


@cache
def _holiday_re() -> re.Pattern[str]:
    # the names as a trie (the same matches as the longest-first alternation) behind a look-ahead on their first
    # characters: one set test per character where ``re`` would try every name
    names = sorted(holidays(), key=len, reverse=True)
    firsts = "".join(sorted({re.escape(n[0]) for n in names}))
    # a digit before the name only as the day of a month.day that spells the festival's day (3.5学雷锋纪念日)
    return rx.compile(f"(?=[{firsts}])(?<![一二三四五六七八九十〇零])(?:(?<![0-9])|(?<=[0-9][.][0-9])|(?<=[0-9][.][0-9]{{2}}))"
                      f"(?P<name>{trie_pattern(names)})" + _HOLIDAY_AFTER)


@cache
def _quoted_holiday_re() -> re.Pattern[str]:
    """A festival's name in quotation marks standing as the day (“七一”当天, “八一”上午)."""
    return rx.compile(f"[“\"](?P<name>{trie_pattern(sorted(holidays(), key=len, reverse=True))})[”\"]" + _HOLIDAY_AFTER)


@cache
def _holiday_names_re() -> re.Pattern[str]:
    """The festival names alone, as a plain alternation (every branch opens with a literal: re skips ahead)."""
    return rx.compile("|".join(map(re.escape, sorted(holidays(), key=len, reverse=True))))


def _calendar_days(text: str, start: int, end: int) -> list[DateExpr]:
    """Lunar dates and festival days in ``text[start:end]``.

    >>> [(e.text, e.month, e.day, e.lunar) for e in _calendar_days("大年初二,甲村;国庆节当天,乙镇;正月十五", 0, 30)]
    [('大年初二', 1, 2, True), ('正月十五', 1, 15, True), ('国庆节', 10, 1, False)]
    >>> [(e.text, e.month, e.day) for e in _calendar_days("3.5学雷锋纪念日\\n3.6学雷锋纪念日\\n", 0, 20)]
    [('3.5学雷锋纪念日', 3, 5)]
    """
    out: list[DateExpr] = []
    # every lunar date holds 月 before its day (初, 十, 二十, 廿, 三十) or 大年: without one, no match to look for
    lunar_dates = _LUNAR_RE.finditer(text, start, end) if _LUNAR_HINT.search(text, start, end) else ()
    for m in lunar_dates:
        if _occasion_after(text, m.end()):
            continue  # 腊月初八腊八节之际: the occasion, not the day
        if m["dn"]:
            month, day = (1, 0) if m["dn"] == "三十" else (1, _lunar_number(m["dn"]))
        else:
            month = _LUNAR_MONTH.get(m["lm"]) or cn_number(m["lm"])
            day = _lunar_number(m["ld"])
        out.append(DateExpr(m.start(), m.end(), m.group(), None, month, day, lunar=True))
    # a festival match starts where a name does: the plain names' alternation (which re scans for fast) finds the
    # first one starting before ``end`` (its name may run past it), and the scan starts there
    name = _holiday_names_re().search(text, start, end + _holiday_reach())
    festivals = _matches_before(_holiday_re(), text, name.start(), end, _holiday_reach()) if name and name.start() < end else []
    if name and name.start() <= end and (text.find("“", start, end) >= 0 or text.find('"', start, end) >= 0):
        quoted = _quoted_holiday_re().finditer(text, max(start, name.start() - 1), min(len(text), end + _holiday_reach() + 2))
        festivals = sorted([*festivals, *(m for m in quoted if m.start() < end)], key=lambda m: m.start())
    for m in festivals:  # the lookahead reads past end
        if (m.end() < len(text) and text[m.end()] in ",," and m.start() > 0 and text[m.start() - 1] not in _CLAUSE_START
                and not _YEAR_BEFORE.search(text, max(0, m.start() - 8), m.start())):
            continue  # 国庆节, inside a clause; 2021年国庆节, stands as the day
        lunar, month, day = holidays()[m["name"]]
        begin = m.start()
        if begin and text[begin - 1].isdigit():  # 3.5学雷锋纪念日: the month.day goes with the name when it spells it
            spelled = _SPELLED_DAY.search(text, max(0, begin - 6), begin)
            if spelled is None or lunar or (int(spelled["m"]), int(spelled["d"])) != (month, day):
                continue
            begin = spelled.start()
        if (m.end() == len(text) or text[m.end()] == "\n") and begin and text[begin - 1] != "\n":
            continue  # at a line's end, a festival is a day only as the whole line (a heading: 3.5学雷锋纪念日)
        out.append(DateExpr(begin, m.end(), text[begin : m.end()], None, month, day, lunar=lunar))
    return out


def lunar_to_solar(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian day of a day of lunar ``year`` (day 0: the last day of the month before).

    >>> lunar_to_solar(2020, 1, 2), lunar_to_solar(2020, 1, 0)
    (datetime.date(2020, 1, 26), datetime.date(2020, 1, 24))
    """
    from lunardate import LunarDate

    try:
        if day == 0:
            return LunarDate(year, month, 1).to_solar_date() - dt.timedelta(days=1)
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:
        return None


# A day without its month (◆5日上午, 12日,), only where an entry or a clause opens: the month comes from the
# neighbouring entries or the publication date (:func:`resolve_dates`).
_DAY_ONLY = rx.compile(  # (?=[0-9]): a set test before the look-behinds
    # where an entry or a clause opens (after a credit's closing bracket too: 本报讯(记者 王五)3日,…) …
    rf"(?=[0-9])(?:(?:(?<=[\n,。;:!?◆◇●○■□▲△★☆·•\-*、 )）])|^)(?P<d>{_D2})\s*[日号]"
    rf"(?:\s*(?:至|到|—{{1,2}}|–|-|~)\s*(?P<d2>{_D2})\s*[日号])?"
    r"(?P<tod>上午|下午|晚上|晚间|早上|早晨|清晨|中午|凌晨|傍晚|夜间|夜里|深夜|一早|一大早|晚(?![会餐饭报宴点]))?"
    rf"(?P<since>{_since_words('day')})?(?=[,,\s])"
    # … or between a subject and its verb, as news agencies write (西藏自治区12日在拉萨召开…)
    rf"|(?<=[\u4e00-\u9fff])(?<![月第每逢前后数几余多共近约等今昨明本当同次])(?P<sd>{_D2})[日号]"
    r"(?:上午|下午|晚上|晚间)?(?=在|召开|举行|举办|开展|启动|组织))"
)


# digits before 日 that are no day (429日, 20210315日): a date that lost a character, where an entry opens
_RUN_DAY = rx.compile(
    r"(?=[0-9])(?:(?<=[\n,。;:!?◆◇●○■□▲△★☆·•\-*、 ])|^)(?P<digits>[0-9]{3,4}|20[0-9]{6})\s*[日号]"
    r"(?P<tod>上午|下午|晚上|早上|中午|晚(?![会餐饭报宴点]))?(?=[,,\s])"
)


# How many characters other than whitespace matched by ``\s*`` an attempt of _DAY_ONLY or _RUN_DAY inspects at
# most: _DAY_ONLY's 2 digits, 日, 2 for the range sign, 2 digits, 日, 2 for the time of day, 2 for 以来, 1 for the
# lookahead (13); _RUN_DAY's 8 digits, 日, 2, 1 (12).
_DAY_REACH = 16
_WS = rx.compile(r"\s")


@cache
def _holiday_reach() -> int:
    """The longest festival name plus what _HOLIDAY_AFTER reads after it (no whitespace in that pattern)."""
    return max(map(len, holidays())) + 2


def _matches_before(pattern: re.Pattern[str], text: str, start: int, end: int, reach: int) -> list[re.Match[str]]:
    r"""The matches of ``pattern.finditer(text, start)`` that start before ``end``, without scanning the rest of the
    text (the plain form breaks at the first match from ``end`` on, so it reads to the text's end when there
    is none: per segment, that made the date scan quadratic in the document's length).

    ``reach`` bounds the characters, other than whitespace taken by ``\s*``, that one attempt of ``pattern``
    inspects from where it starts. The scan stops at ``end + 4 * reach``: no attempt starting before ``end``
    can read that far when the text from ``end - 4 * reach`` to there holds fewer than ``reach`` whitespace
    characters (an attempt starting earlier would have to cross those ``8 * reach`` characters with at most
    ``2 * reach`` of them). Otherwise (long runs of whitespace) it falls back to the plain scan.

    >>> [m.group() for m in _matches_before(_DAY_ONLY, "甲,5日,乙,6日 上午,丙", 0, 8, _DAY_REACH)]
    ['5日', '6日']
    """
    return _matches_until(pattern, text, start, end, _scan_stop(text, start, end, reach))


def _scan_stop(text: str, start: int, end: int, reach: int) -> int | None:
    """Where :func:`_matches_before` may stop scanning (None: at the text's end); the same for every pattern of
    the same ``reach``."""
    span = 4 * reach
    stop = end + span
    if stop < len(text) and len(_WS.findall(text, max(start, end - span), stop)) < reach:
        return stop
    return None


def _matches_until(pattern: re.Pattern[str], text: str, start: int, end: int, stop: int | None) -> list[re.Match[str]]:
    """:func:`_matches_before` with its stop found (:func:`_scan_stop`)."""
    matches = pattern.finditer(text, start) if stop is None else pattern.finditer(text, start, stop)
    out = []
    for m in matches:
        if m.start() >= end:
            break
        out.append(m)
    return out


# Where a _DAY_ONLY or _RUN_DAY match can start: both read a whole run of digits, then 日 or 号, so each starts
# where a match of this begins (a digit after a delimiter is never inside one of its matches).
_DAY_CANDIDATE = rx.compile(r"[0-9]+\s*[日号]")


def _day_matches(text: str, start: int) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """``list(_DAY_ONLY.finditer(text, start))`` and ``list(_RUN_DAY.finditer(text, start))``, trying the two
    regexes only where :data:`_DAY_CANDIDATE` finds digits before 日/号 (one scan instead of two slower ones).

    >>> [[m.group() for m in ms] for ms in _day_matches("甲,5日,乙,429日下午,丙 12 号 ", 0)]
    [['5日', '12 号'], ['429日下午']]
    """
    day: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    day_pos = run_pos = start
    for c in _DAY_CANDIDATE.finditer(text, start):
        at = c.start()
        if at >= day_pos and (m := _DAY_ONLY.match(text, at)) is not None:
            day.append(m)
            day_pos = m.end()
        if at >= run_pos and (m := _RUN_DAY.match(text, at)) is not None:
            run.append(m)
            run_pos = m.end()
    return day, run


def _typo_candidates(digits: str) -> list[tuple[int | None, int, int]]:
    """The (year, month, day) a run of digits may have meant: 429 -> 4/29 (or 42/9, no month); 1215 -> 12/15.

    >>> _typo_candidates("429"), _typo_candidates("113"), _typo_candidates("20210315")
    ([(None, 4, 29)], [(None, 1, 13), (None, 11, 3)], [(2021, 3, 15)])
    """
    if len(digits) == 8:
        options: list[tuple[int | None, int, int]] = [(int(digits[:4]), int(digits[4:6]), int(digits[6:]))]
    elif len(digits) == 4:
        options = [(None, int(digits[:2]), int(digits[2:]))]
    else:
        options = [(None, int(digits[0]), int(digits[1:])), (None, int(digits[:2]), int(digits[2]))]
    out = []
    for y, m, d in options:
        try:
            dt.date(y or 2000, m, d)
        except ValueError:
            continue
        out.append((y, m, d))
    return out


class _Spans:
    """Spans of the text, asked whether one covers a position: ``any(s <= x < t for s, t in spans)`` in log
    time, so a page of thousands of dates is not checked date by date against every other (issue 19.16).

    >>> [_Spans([(5, 9), (0, 3), (2, 4)]).covers(x) for x in (0, 3, 4, 5, 8, 9)]
    [True, True, False, True, True, False]
    """

    __slots__ = ("reach", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((t for _, t in ordered), max))  # the furthest end of the spans up to each

    def covers(self, x: int) -> bool:
        i = bisect_right(self.starts, x) - 1
        return i >= 0 and self.reach[i] > x


class _FewSpans:
    """:class:`_Spans` of a few spans, checked one by one (cheaper than sorting them for a bisection: most stretches
    a segment's date is rescanned in hold one expression or none)."""

    __slots__ = ("spans",)

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def covers(self, x: int) -> bool:
        for s, t in self.spans:  # noqa: SIM110 (a plain loop: no generator per check)
            if s <= x < t:
                return True
        return False


_FEW = 4


def _spans_of(found: list[DateExpr]) -> _Spans | _FewSpans:
    """The spans of ``found`` (``_Spans``, or for a few of them ``_FewSpans``)."""
    if len(found) <= _FEW:
        return _FewSpans([(e.start, e.end) for e in found])
    return _Spans((e.start, e.end) for e in found)


@cache
def _describing() -> dict[str, tuple[str, ...]]:
    """A unit (recent) or a relative word (今天) -> the words after it that make it describe a thing (近期重点任务,
    今天的好日子): ``date_recent_nouns.tsv``."""
    out: dict[str, tuple[str, ...]] = {}
    for which, word in read_table("date_recent_nouns.tsv"):
        out[which] = (*out.get(which, ()), word)
    return out


_LINE_MARKS = " \t\u3000◆◇●○■□▲△★☆·•*-"  # what may stand between a line's start and a part of the day opening it


def _part_opens(text: str, m: re.Match[str]) -> bool:
    """Whether a part of the day (上午, 下午: ``date_relative.tsv`` unit ``part``) opens its line and its clause
    (``上午,`` or ``下午3时,``): the paragraph then tells that part of the day the running report is about.

    >>> [_part_opens(t, _relative_re().search(t)) for t in ("甲。\\n下午,乙", "甲\\n下午3时,乙", "甲。下午,乙", "甲\\n下午乙")]
    [True, True, False, False]
    """
    i = m.start() - 1
    while i >= 0 and text[i] in _LINE_MARKS:
        i -= 1
    if i >= 0 and text[i] != "\n":
        return False
    return m.end() > m.end("rel") or text.startswith((",", "，"), m.end())


def _with_years(text: str, found: list[DateExpr], calendar: list[DateExpr]) -> list[DateExpr]:
    """``found + calendar``, where a bare year right before a festival or lunar day (2023年重阳节当天) and that day
    make one expression: the day of that year.

    >>> [(e.text, e.year, e.month, e.day) for e in _scan("2023年国庆节当天,甲镇升旗。", 0, 16)][0]
    ('2023年国庆节', 2023, 10, 1)
    """
    words = relative_words()
    years = {len(e.text.rstrip()) + e.start: e for e in found if e.month is None and not e.since and (
        e.year is not None if e.relative is None else words[e.relative].unit == "year")}
    if not years:
        return found + calendar
    merged: list[DateExpr] = []
    for day in calendar:
        year = years.get(len(text[: day.start].rstrip()))
        if year is not None:
            found.remove(year)
            del years[len(year.text.rstrip()) + year.start]
            day = day._replace(start=year.start, text=text[year.start : day.end], year=year.year, relative=year.relative)
        merged.append(day)
    return found + merged


def _scan(text: str, start: int, end: int) -> list[DateExpr]:
    """The relative words of ``text[start:end]``, then the absolute expressions that do not start inside one,
    then days without a month that start inside neither."""
    found: list[DateExpr] = []
    words = relative_words()
    for m in _relative_re().finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] in words[m["rel"]].not_after:
            continue
        if not m["m"] and words[m["rel"]].unit == "year" and _AGE_AFTER.match(text, m.end()):
            continue  # 今年70岁: an age, no date
        if text.startswith(_describing().get(m["rel"], ()) + _describing().get(words[m["rel"]].unit, ()), m.end()):
            continue  # 近期的降雨, 说明近期重点任务: describes a thing, dates no activity
        if words[m["rel"]].unit == "part" and not _part_opens(text, m):
            continue  # 上午 inside a sentence (次日上午, 工作了一上午): no paragraph of its own
        month = int(m["m"]) if m["m"] else None
        day = int(m["d"]) if m["d"] else None
        if words[m["rel"]].unit == "month":
            if m["md"]:
                day = int(m["md"])  # 本月20日, 当月15日: a day of that month
            elif words[m["rel"]].anchor == "previous":
                continue  # 当月, alone: that month of something told before, no date of an activity
        if not _valid(month, day):
            month = day = None
        since = bool(m["since"]) or (bool(m["lai"]) and words[m["rel"]].unit == "year" and month is None)
        if not since and words[m["rel"]].unit == "year" and month is None:
            since = _since_after_year_word(text, m.start(), m.end())  # 今年初以来, 自去年底以来
        upto = m.end() if since or not m["lai"] else m.start("lai")
        weekday = "一二三四五六日".find(m["wd"].replace("天", "日")) if m["wd"] else None
        found.append(DateExpr(m.start(), upto, text[m.start() : upto], None, month, day, since, m["rel"],
                              weekday=weekday))
    relative = _spans_of(found)
    for m in _date_matches(text, start, end):
        if relative.covers(m.start()):
            continue
        if (e := _absolute(m, text)) is not None:
            found.append(e)
    spans = _spans_of(found)
    calendar = [e for e in _calendar_days(text, start, end) if not spans.covers(e.start)]
    if calendar:
        found = _with_years(text, found, calendar)
    if text.find("日", start, end) >= 0 or text.find("号", start, end) >= 0:
        spans = _spans_of(found)
        if end == len(text):  # the whole text: both scans at once, from where a day can start
            day_only, run_days = _day_matches(text, start)
        else:  # the lookahead reads past end
            stop = _scan_stop(text, start, end, _DAY_REACH)  # one reach for both
            day_only = _matches_until(_DAY_ONLY, text, start, end, stop)
            run_days = _matches_until(_RUN_DAY, text, start, end, stop)
        for m in day_only:
            if not spans.covers(m.start()):
                day, end_day = int(m["d"] or m["sd"]), int(m["d2"]) if m["d2"] else None
                found.append(DateExpr(m.start(), m.end(), m.group(), None, None, day, bool(m["since"]), None,
                                      None, None, end_day if end_day and end_day > day else None))
        for m in run_days:
            if _typo_candidates(m["digits"]) and not spans.covers(m.start()):
                found.append(DateExpr(m.start(), m.end(), m.group(), digits=m["digits"]))
    return sorted(found, key=attrgetter("start"))


_TITLE_SPAN = rx.compile(r"《[^》]{0,80}》")


def body_year(text: str, exprs: list[DateExpr] | None = None) -> int | None:
    """The latest explicit year (``YYYY年``, ``YYYY-MM-DD``) written in the body, outside ``《…》`` titles.

    Years after the current one are plans (``2035年远景目标``), not the report's year.

    >>> body_year("12月4日,甲镇召开2022年基层党建工作总结会,学习《2025年规划》。")
    2022
    >>> body_year("12月4日,甲镇召开会议。") is None
    True

    A year that tells a founding (2006年,某支部成立; 始建于1998年) names a body's past, not the report's year:

    >>> body_year("3月5日,甲社区开展活动。该社区始建于1998年,居民3000人。") is None
    True
    """
    exprs = find_date_expressions(text) if exprs is None else exprs
    this_year = dt.date.today().year
    dated = [e for e in exprs if e.year is not None and e.year <= this_year]
    if not dated:  # no title to look for
        return None
    titles = _Spans((m.start(), m.end()) for m in _TITLE_SPAN.finditer(text))
    years = [e.year for e in dated if e.year is not None and not titles.covers(e.start) and not _past_year(text, e)
             and not (e.month is None and tells_founding(text, e))  # 2006年,某村党支部成立: a body's past
             and not (e.day is None and text.endswith(_founded_in(), 0, e.start))]  # 始建于1998年: the same
    return max(years) if years else None


@cache
def _year_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``review`` and ``history`` words of ``date_year_words.tsv``."""
    rows = read_table("date_year_words.tsv")
    return tuple(w for k, w in rows if k == "review"), tuple(w for k, w in rows if k == "history")


@cache
def _founding_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``founded`` and ``founding_event`` words of ``date_year_words.tsv``."""
    rows = read_table("date_year_words.tsv")
    return tuple(w for k, w in rows if k == "founded"), tuple(w for k, w in rows if k == "founding_event")


@cache
def _founded_in() -> tuple[str, ...]:
    """Words after which a year or month tells a founding (建成于2020年2月): ``segment_words.tsv``, kind ``history``."""
    return words_of("segment_words.tsv", "history")


_FOUNDING_CLAUSE = rx.compile(r"[,，。!！?？;；、:：]")
_FOUNDING_BEFORE = frozenset("\n,，。!！?？;；:： “\"")  # what stands before a year that opens its clause
_FOUNDING_REACH = 24  # how far into its clause a year's founding word is looked for
_NUMERAL_RUN = rx.compile(r"[0-9一二三四五六七八九十百多余]*")  # 成立100周年: the number before a founding_event word


def tells_founding(text: str, e: DateExpr, offset: int = 0, day_too: bool = False) -> bool:
    """Whether a year (or a year and month; with ``day_too``, a full day) that is not a span tells when something was
    founded: the clause it opens names a founding (``date_year_words.tsv``, kind ``founded``, not followed by a
    ``founding_event`` word: 成立大会 is a meeting). ``offset`` is where ``text`` starts in the document (``e`` has
    document offsets).

    >>> [tells_founding(t, find_date_expressions(t)[0]) for t in ("2006年,甲村党支部成立,", "2023年,甲村召开成立大会。")]
    [True, False]
    >>> [tells_founding(t, find_date_expressions(t)[0]) for t in ("2021年是建党成立百周年", "谋划2018年创建工作")]
    [False, False]
    >>> tells_founding("2006年5月8日,甲村党支部成立。", find_date_expressions("2006年5月8日,甲村党支部成立。")[0])
    False
    """
    if e.year is None or (e.day is not None and not day_too) or e.since or e.relative is not None:
        return False
    i = e.start - offset
    if i > 0 and text[i - 1] not in _FOUNDING_BEFORE:
        return False  # the year is no clause's opener (统筹谋划2018年换届)
    i = e.end - offset
    while i < len(text) and text[i] in ",，":
        i += 1
    stop = _FOUNDING_CLAUSE.search(text, i, i + _FOUNDING_REACH)
    clause = text[i : stop.start() if stop else i + _FOUNDING_REACH]
    founded, activity = _founding_words()
    for word in founded:
        at = clause.find(word)
        while at >= 0:
            after = _NUMERAL_RUN.match(clause, at + len(word))
            if after is not None and not clause.startswith(activity, after.end()):
                return True
            at = clause.find(word, at + 1)
    return False


_CLAUSE_AFTER = rx.compile(r"[^,，。;；!！?？:：\n]{0,24}")


def _past_year(text: str, e: DateExpr) -> bool:
    """Whether a year written in the body names no year of the report: the year under review of an annual
    review (``2021年度述职评议会``, held the next year) or a date in a person's life (``1966年入党``).

    >>> [_past_year(t, find_date_expressions(t)[0]) for t in ("召开2021年度述职评议会", "1966年7月入党,", "开办2013年度培训班")]
    [True, True, False]
    >>> _past_year("召开2017年入党积极分子培训会", find_date_expressions("召开2017年入党积极分子培训会")[0])
    False
    """
    review = _year_words()[0]
    if e.month is None and text.startswith("度", e.end):
        clause = _CLAUSE_AFTER.match(text, e.end + 1)
        if clause is not None and any(w in clause.group() for w in review):
            return True
    return _history_re().match(text, e.end) is not None


@cache
def _history_re() -> re.Pattern[str]:
    """A history word that ends its phrase (1966年入党, 1966年入党的老党员; not 2017年入党积极分子培训会)."""
    return rx.compile(f"(?:{trie_pattern(list(_year_words()[1]))})(?=[,，。;；、!！?？()（）\\s的后]|以来|至今|$)")


def _shift(year: int | None, month: int, day: int, days: int) -> tuple[int | None, int, int] | None:
    """(year, month, day) moved by ``days``; without a year only when leap years cannot matter."""
    if year is not None:
        try:
            d = dt.date(year, month, day) + dt.timedelta(days=days)
        except ValueError:
            return None
        return d.year, d.month, d.day
    try:
        a = dt.date(2000, month, day) + dt.timedelta(days=days)
        b = dt.date(2001, month, day) + dt.timedelta(days=days)
    except ValueError:
        return None
    return (None, a.month, a.day) if (a.month, a.day) == (b.month, b.day) else None


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What the publication date tells: a year and month, maybe a day, and where it came from."""

    year: int
    month: int
    day: int | None
    source: str  # "published" | "path"


def _anchor(ctx: DocContext) -> _Anchor | None:
    if ctx.published_date is not None:
        pub = ctx.published_date
        return _Anchor(pub.year, pub.month, pub.day, "path" if ctx.published_source == "path" else "published")
    found = path_date(ctx.source_path)
    if found:
        return _Anchor(found[0], found[1], found[2], "path")
    return None


def _year_for(month: int, day: int | None, anchor: _Anchor) -> int:
    """The anchor's year, or the one before when the month/day falls after the anchor."""
    if month > anchor.month or (month == anchor.month and day and anchor.day and day > anchor.day):
        return anchor.year - 1
    return anchor.year


def _resolve_absolute(e: DateExpr, info: DateInfo, anchor: _Anchor | None, year_in_body: int | None) -> None:
    info.month, info.day = e.month, e.day
    if e.year is not None:
        info.year, info.year_source = e.year, "expression"
    elif e.month is not None and anchor is not None:
        info.year, info.year_source = _year_for(e.month, e.day, anchor), anchor.source
    elif year_in_body is not None:
        info.year, info.year_source = year_in_body, "body"
    if e.end_day is not None and info.month is not None and info.day is not None:
        _end_parts(info, e.end_month or info.month, e.end_day)
    if e.end_day is not None and info.year is not None and info.month is not None and info.day is not None:
        end_year = e.end_year or info.year
        end_month = e.end_month or info.month
        if e.end_year is None and (end_month, e.end_day) < (info.month, info.day):
            end_year += 1  # 12月30日至1月2日 runs into the next year
        try:
            end_date = dt.date(end_year, end_month, e.end_day)
        except ValueError:
            return
        if info.full_date is not None and end_date > info.full_date:
            info.end_date = end_date


def _end_parts(info: DateInfo, month: int, day: int) -> None:
    """Keep a range's end month and day (``month_end``/``day_end``) when they name another day than the start, with
    or without a year (10月19日—20日 on a page that names no year still ends on the 20th).

    >>> info = DateInfo(month=10, day=19)
    >>> _end_parts(info, 10, 20)
    >>> (info.end_month, info.end_day)
    (10, 20)
    """
    if _valid(month, day) and (month, day) != (info.month, info.day):
        info.end_month, info.end_day = month, day


def _resolve_typo(e: DateExpr, info: DateInfo, prev: DateInfo | None, later: DateExpr | None,
                  anchor: _Anchor | None, year_in_body: int | None) -> None:
    """A date that lost a character (429日), read as the candidate whose month (and year, for 20210315日) the
    publication date or the neighbouring entries bear out; otherwise left undated. The repair is recorded."""
    assert e.digits is not None
    months = {x.month for x in (prev, later) if x is not None and x.month is not None}
    years = {x.year for x in (prev, later) if x is not None and x.year is not None}
    if anchor is not None:
        months |= {anchor.month, anchor.month - 1 if anchor.month > 1 else 12}
        years.add(anchor.year)
    for year, month, day in _typo_candidates(e.digits):
        if month in months and (year is None or year in years):
            _resolve_absolute(e._replace(year=year, month=month, day=day), info, anchor, year_in_body)
            info.repaired = True
            return


def _resolve_lunar(e: DateExpr, info: DateInfo, anchor: _Anchor | None, year_in_body: int | None) -> None:
    """A lunar day (大年初二) in the Gregorian calendar: the latest one not after the publication date (within
    the year before it: a festival still to come is no event), or the one in the year written in the body;
    without a year it stays unknown."""
    assert e.month is not None and e.day is not None
    if e.year is not None or e.relative is not None:  # 2023年重阳节, 去年重阳节: the day of that year
        if e.year is not None:
            year, source = e.year, "expression"
        elif anchor is not None:
            year, source = anchor.year + relative_words()[e.relative or ""].offset, anchor.source
        else:
            return
        d = lunar_to_solar(year, e.month, e.day)
        if d is not None:
            info.year, info.month, info.day, info.year_source = d.year, d.month, d.day, source
        return
    if anchor is not None:
        limit = dt.date(anchor.year, anchor.month, anchor.day or 28)
        options = [d for y in (anchor.year, anchor.year - 1)
                   if (d := lunar_to_solar(y, e.month, e.day)) and limit - dt.timedelta(days=330) <= d <= limit]
        source = anchor.source
    elif year_in_body is not None:
        options = [d for y in (year_in_body, year_in_body - 1)
                   if (d := lunar_to_solar(y, e.month, e.day)) and d.year == year_in_body]
        source = "body"
    else:
        return
    if options:
        d = max(options)
        info.year, info.month, info.day, info.year_source = d.year, d.month, d.day, source


def _resolve_day_only(e: DateExpr, info: DateInfo, prev: DateInfo | None, later: DateExpr | None,
                      anchor: _Anchor | None, year_in_body: int | None, text: str) -> None:
    """A day without a month (5日上午) takes the month of the previous dated entry, else of the next one,
    else of the publication date, else of a day written before it that opened no event (a dateline); the month
    before when the day is still to come."""
    assert e.day is not None
    if prev is not None and prev.month is not None:
        month, info.year, info.year_source = prev.month, prev.year, "previous" if prev.year else None
    elif later is not None and later.month is not None:
        month = later.month
        _resolve_absolute(later._replace(day=None, end_day=None), info, anchor, year_in_body)
    elif anchor is not None and anchor.day is not None:
        month, year = anchor.month, anchor.year
        if e.day > anchor.day:
            month, year = (month - 1, year) if month > 1 else (12, year - 1)
        info.year, info.year_source = year, anchor.source
    elif (told := _context_day(text, e.start, anchor, year_in_body)) is not None and told.month and told.day:
        month = told.month  # 某网11月3日电 … 1日下午,…: the dateline's month (the month before for a later day)
        if e.day > told.day:
            month = month - 1 if month > 1 else 12
        info.year = (told.year - (month > told.month)) if told.year else None
        info.year_source = told.year_source if info.year else None
    elif (festival := _festival_before(text, e.start)) is not None:
        month = _month_near(festival, e.day)  # 八一前夕,… 29日上午,…: July, three days before
        info.year = year_in_body if year_in_body is not None and month <= festival[0] else None  # not across a new year
        info.year_source = "body" if info.year else None
    elif anchor is not None:  # a publication month without its day: the day falls in it
        month, info.year, info.year_source = anchor.month, anchor.year, anchor.source
    else:
        # 26日一大早 with no month anywhere: a day is no date of the tables without its month (the gold format has
        # no day-only form, and panels count by month); date_text keeps what was written
        return
    info.month, info.day = month, e.day
    if e.end_day is not None:
        _end_parts(info, month, e.end_day)
    if e.end_day is not None and info.year is not None:
        try:
            info.end_date = dt.date(info.year, month, e.end_day)
        except ValueError:
            info.end_date = None


def _month_near(festival: tuple[int, int], day: int) -> int:
    """The month, the festival's or the one before, that puts ``day`` nearest the festival's day.

    >>> _month_near((8, 1), 29), _month_near((10, 1), 2), _month_near((1, 1), 30)
    (7, 10, 12)
    """
    month, fday = festival
    before = month - 1 if month > 1 else 12
    # distances in days, months taken as 30 days long: the festival's month, or the one before
    return month if abs(day - fday) <= fday + 30 - day else before


def _festival_before(text: str, pos: int) -> tuple[int, int] | None:
    """The (month, day) of the last festival of the solar calendar named before ``pos`` in any role (国庆节前夕,
    “八一”前夕): a page that names no month may still say which month its days are in.

    >>> _festival_before("八一前夕,甲镇看望老兵。\\n29日上午,甲镇开座谈会。", 16)
    (8, 1)
    """
    found = None
    for m in _holiday_names_re().finditer(text, 0, pos):
        lunar, month, day = holidays()[m.group()]
        if not lunar and m.end() <= pos:
            found = (month, day)
    return found


FOUNDING_GAP = 2  # a founding's year and month this many years before the report's are history


def _founded_before(text: str, e: DateExpr, anchor: _Anchor) -> bool:
    """A year and month (or a full day) that tell a founding (:func:`tells_founding`) at least :data:`FOUNDING_GAP`
    years before the publication date: a history paragraph's date, which dates no event (ANNOTATION.md, Events).

    >>> text = "2018年5月,甲镇党委批准甲村成立海上党支部。"
    >>> _founded_before(text, find_date_expressions(text)[0], _Anchor(2020, 7, 10, "published"))
    True
    """
    return (e.year is not None and e.month is not None and anchor.year - e.year >= FOUNDING_GAP
            and tells_founding(text, e, day_too=True))


def _resolve_published(e: DateExpr, rel: RelativeWord, info: DateInfo, anchor: _Anchor | None) -> None:
    if anchor is None:
        if rel.unit == "year" and rel.offset == 0:  # 今年10月 reads as a bare 10月; 去年8月 stays unknown
            info.month, info.day = e.month, e.day
        return
    if rel.unit == "year":
        info.year, info.year_source = anchor.year + rel.offset, anchor.source
        info.month, info.day = e.month, e.day
        return
    if rel.unit == "recent":  # 近日, 日前: a few days or weeks back, no month or day (ANNOTATION.md "Events")
        if anchor.month > 1:
            info.year, info.year_source = anchor.year, anchor.source
        return
    if rel.unit == "month":
        month = anchor.month + rel.offset
        year = anchor.year + (month - 1) // 12
        info.year, info.month, info.day, info.year_source = year, (month - 1) % 12 + 1, e.day, anchor.source
        return
    if anchor.day is None:
        return  # a day or a week needs the day of publication
    pub = dt.date(anchor.year, anchor.month, anchor.day)
    if rel.unit == "day":
        d = pub + dt.timedelta(days=rel.offset)
        info.year, info.month, info.day, info.year_source = d.year, d.month, d.day, anchor.source
    elif rel.unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=rel.offset)
        if e.weekday is not None:  # 上周五: that very day, when it is not after the publication
            d = monday + dt.timedelta(days=e.weekday)
            if d <= pub:
                info.year, info.month, info.day, info.year_source = d.year, d.month, d.day, anchor.source
                return
        sunday = monday + dt.timedelta(days=6)
        if monday.year == sunday.year:
            info.year, info.year_source = monday.year, anchor.source
            if monday.month == sunday.month:
                info.month = monday.month


def _resolve_previous(e: DateExpr, rel: RelativeWord, info: DateInfo, prev: DateInfo | None) -> None:
    if rel.unit == "month" and prev is not None and prev.month is not None:  # 当月15日, 次月3日: a day of its month
        month = prev.month + rel.offset
        info.month, info.day = (month - 1) % 12 + 1, e.day
        if prev.year is not None:
            info.year, info.year_source = prev.year + (month - 1) // 12, "previous"
        return
    if prev is None or prev.month is None or prev.day is None:
        return
    shifted = _shift(prev.year, prev.month, prev.day, rel.offset)
    if shifted is None:
        return
    info.year, info.month, info.day = shifted
    if info.year is not None:
        info.year_source = "previous"


def _context_day(text: str, pos: int, anchor: _Anchor | None, year_in_body: int | None) -> DateInfo | None:
    """The day a relative word at ``pos`` counts from when no dated event comes before it: the last day (month and
    day at least) written before it that opened no event (a dateline, 5月3日讯; a scene, 6月20日早晨,一场急雨…).

    >>> text = "5月3日讯 某镇的雨下了一夜。\\n当天,甲村组织党员排涝。"
    >>> info = _context_day(text, text.index("当天"), None, None)
    >>> (info.month, info.day)
    (5, 3)
    """
    days = [e for e in find_date_expressions(text) if e.start < pos and e.relative is None and e.month is not None
            and e.day is not None and not e.lunar and e.digits is None]
    if not days:
        return None
    info = DateInfo()
    _resolve_absolute(days[-1], info, anchor, year_in_body)
    return info


def _with_prefix(text: str, start: int) -> int:
    """The start of a date expression moved back over the 自/从 it leaves out of its text when it is
    no ``since`` form by itself (自3月24日晚开展检测以来): rescanning from there sees the prefix again."""
    return start - 1 if start > 0 and text[start - 1] in _PRE_LEN else start


def _expressions_in(text: str, start: int, end: int) -> list[DateExpr]:
    """The expression of the document-wide scan that starts in ``text[start:end]`` (the segmenter's), else a scan
    of that stretch alone. The document's scan read past ``end``: 今年来 needs the comma after it to be a since
    form, which a scan that stops at ``end`` cannot see.

    >>> [e.text for e in _expressions_in("今年来,甲镇开展活动。", 0, 3)]
    ['今年来']
    """
    doc = _document_expressions(text)
    k = bisect_left(doc, start, key=attrgetter("start"))
    if k < len(doc) and doc[k].start < end:
        return [doc[k]]
    return find_date_expressions(text, start, end)


# a span of two running years named as one season (2025—2026年度冬训, 2023-2024学年): a month of the season belongs
# to the first year from SEASON_TURN on, to the second before it (冬训 in February: the second year)
_SEASON_SPAN = rx.compile(rf"(?<![0-9])(?P<a>{_YEAR})\s*年?\s*(?:—{{1,2}}|–|-|~|至|到)\s*(?P<b>{_YEAR})\s*(?:年度|学年)")
SEASON_TURN = 7


def season_span(text: str) -> tuple[int, int] | None:
    """The last span of two running years named as a season (``2025—2026年度``), not after the current year, or None.

    >>> season_span("甲镇紧扣2025—2026年度党员冬训工作。"), season_span("2021-2025年规划") is None
    ((2025, 2026), True)
    """
    if "年度" not in text and "学年" not in text:  # every span ends with one of them: most pages hold neither
        return None
    this_year = dt.date.today().year
    found = None
    for m in _SEASON_SPAN.finditer(text):
        a, b = int(m["a"]), int(m["b"])
        if b == a + 1 and b <= this_year:
            found = (a, b)
    return found


def _season_year(season: tuple[int, int] | None, month: int | None, year_in_body: int | None) -> int | None:
    """The body year for a month: the season's year that holds the month when the body names no other year than
    the season's (ANNOTATION.md, Dates: a year consistent with the entry), else ``year_in_body``.

    >>> _season_year((2025, 2026), 2, None), _season_year((2025, 2026), 11, 2026), _season_year((2025, 2026), 2, 2024)
    (2026, 2025, 2024)
    """
    if season is None or month is None or (year_in_body is not None and year_in_body not in season):
        return year_in_body
    return season[0] if month >= SEASON_TURN else season[1]


def resolve_dates(ctx: DocContext, segments: list[Segment]) -> list[DateInfo]:
    """One :class:`DateInfo` per segment, resolved against the document context.

    A relative day (``第二天``, ``当天``) counts from the last dated event before it.

    >>> text = "12月4日,甲镇召开2022年工作会。\\n第二天,乙镇开展活动。"
    >>> segs = [Segment(0, 19, None, 0, 5), Segment(20, 31, None, 20, 23)]
    >>> [(d.year, d.month, d.day, d.year_source) for d in resolve_dates(DocContext(text=text), segs)]
    [(2022, 12, 4, 'body'), (2022, 12, 5, 'previous')]
    """
    anchor = _anchor(ctx)
    in_body = body_year(ctx.text) if anchor is None else None
    season = season_span(ctx.text) if anchor is None else None
    out: list[DateInfo] = []
    prev: DateInfo | None = None
    firsts: list[DateExpr | None] = []
    for seg in segments:
        exprs = [] if seg.date_start is None or seg.date_end is None else (
            _expressions_in(ctx.text, _with_prefix(ctx.text, seg.date_start), seg.date_end))
        if exprs and exprs[0].relative and ctx.text.startswith(("(", "（"), exprs[0].end):
            # 昨日(3月1日): the date in brackets says which day
            exprs = find_date_expressions(ctx.text, exprs[0].end + 1, min(len(ctx.text), exprs[0].end + 16)) or exprs
        firsts.append(exprs[0] if exprs else None)
    for i, e in enumerate(firsts):
        if e is None or (anchor is not None and _founded_before(ctx.text, e, anchor)):
            out.append(DateInfo())
            continue
        info = DateInfo(text=e.text, start=e.start, end=e.end, since=e.since)
        year_in_body = _season_year(season, e.month, in_body)
        rel = relative_words().get(e.relative) if e.relative else None
        later = next((x for x in firsts[i + 1 :] if x is not None and x.relative is None and x.month and not x.since),
                     None)  # 2011年10月起 starts a span: it tells no month of a day before it
        if e.digits is not None:
            _resolve_typo(e, info, prev, later, anchor, year_in_body)
        elif e.lunar:
            _resolve_lunar(e, info, anchor, year_in_body)
        elif rel is None and e.month is None and e.year is None and e.day is not None:
            _resolve_day_only(e, info, prev, later, anchor, year_in_body, ctx.text)
        elif rel is None:
            _resolve_absolute(e, info, anchor, year_in_body)
        elif rel.anchor == "published":
            _resolve_published(e, rel, info, anchor)
        else:
            if rel.unit == "month" and prev is None and e.day is not None:  # 当月15日 with no month told before
                _resolve_day_only(e, info, prev, later, anchor, year_in_body, ctx.text)
            else:
                _resolve_previous(e, rel, info, prev or _context_day(ctx.text, e.start, anchor, year_in_body))
        if info.year and info.month and info.day and info.full_date is None:
            info.day = None  # 2月30日 is no calendar day: keep what can be trusted
        if info.month is not None and info.day is not None:
            prev = info
        out.append(info)
    return out
