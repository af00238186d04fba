"""The normalize stage: ``str -> str`` fixers, run in order, each recorded.

Like ftfy, every fixer is a pure function with a doctest; :func:`normalize`
runs them in :data:`FIXERS` order and records the names of the ones that
changed the text. The last step removes page furniture (menus, share bars,
footers, other-article lists) and picks up the title and publication date
from the page header; when that leaves nothing, an article laid out one phrase
per line is read as sentences (:func:`join_short_lines`, recorded as a fix too).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources as _res

import ahocorasick_rs
import numpy as np

from . import regex_cache as rx
from . import regex_first
from .cache import cached, file_digest, resource_digest
from .records import Normalized, Problem
from .regex_first import edge_class, required_literals, top_level_alternatives, with_first_chars
from .resources import boilerplate_patterns, read_table
from .script import code_points, detect_script, opencc_stamp, script_counts, simplify, to_simplified, traditional_chars

__all__ = [
    "FIXERS",
    "collapse_punctuation",
    "detect_script",
    "fix_line_breaks",
    "join_digit_spacing",
    "join_short_lines",
    "nfkc",
    "normalize",
    "remove_control_chars",
    "remove_pinyin",
    "split_run_paragraphs",
    "strip_boilerplate",
    "to_simplified",
]


# ---------------------------------------------------------------- fixers
def fix_line_breaks(text: str) -> str:
    r"""Windows and old-Mac line endings, and Unicode line separators, become ``\n``.

    >>> fix_line_breaks("a\r\nb\rc\u2028d")
    'a\nb\nc\nd'
    """
    return _LINE_BREAK.sub("\n", text) if _BREAK_CHAR.search(text) else text  # one class scans fast


_BREAK_CHARS = "\r\u2028\u2029\x85"
_BREAK_CHAR = rx.compile(f"[{_BREAK_CHARS}]")
_LINE_BREAK = rx.compile(r"\r\n?|[\u2028\u2029\x85]")


# control, zero-width and direction characters: (first, last) code points, the class of _CONTROL and the
# bits of :func:`_fix_kinds`
_CONTROL_RANGES = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064),
                   (0xFEFF, 0xFEFF), (0xFFFE, 0xFFFE), (0xFFFC, 0xFFFC))
_CONTROL = rx.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _CONTROL_RANGES) + "]")


def remove_control_chars(text: str) -> str:
    r"""Control, zero-width and direction characters are removed (tabs and newlines stay).

    >>> remove_control_chars("党\u200b建\x07\tA")
    '党建\tA'
    """
    return _CONTROL.sub("", text)


def _composes_with_previous() -> set[int]:
    """Code points that can join the character before them in a composition (NFC_QC=Maybe and
    combining marks): second halves of canonical pairs, and Hangul jamo."""
    found = set(range(0x1100, 0x1200))
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(parts := d.split()) == 2:
            found.add(int(parts[1], 16))
    return found


@cache
def _nfkc_runs() -> re.Pattern[str]:
    """Runs of characters NFKC may change or combine (:func:`nfkc` adds the character before each).

    Outside the runs are the BMP characters NFKC keeps as they are and that never combine
    with the character before them (no combining class, no second half of a composition).
    A composition only reaches back to the character before a run, so normalizing each run
    with that character gives NFKC of the whole text (``tests/test_normalize.py`` checks it).
    """
    return rx.compile(f"[^{_nfkc_keep()}]+")  # one class first: re scans for it fast


def _nfkc_keep() -> str:
    """:func:`_nfkc_keep_ranges`, read from the disk cache (:func:`_fix_kinds` reads it without compiling the class,
    which costs a new process milliseconds: a text that holds no run never needs it)."""
    # built in about half a second, the same in every process: kept in the disk cache, keyed by the Unicode
    # version and this module's source
    key = (unicodedata.unidata_version, file_digest(__file__))
    return cached("nfkc_keep", key, _nfkc_keep_ranges)


def _nfkc_keep_ranges() -> str:
    """:func:`_ranges` of the BMP characters outside every run of :func:`_nfkc_runs`."""
    joins = _composes_with_previous()
    keep = [cp for cp in range(0x10000) if cp not in joins and not 0xD800 <= cp < 0xE000
            and not unicodedata.combining(chr(cp)) and unicodedata.normalize("NFKC", chr(cp)) == chr(cp)]
    return _ranges(keep)


def _ranges(cps: list[int]) -> str:
    r"""The inside of a character class holding the sorted BMP code points ``cps``, as ranges.

    >>> _ranges([0x61, 0x62, 0x63, 0x78])
    '\\u0061-\\u0063\\u0078'
    """
    out, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(f"\\u{cps[i]:04x}" + (f"-\\u{cps[j]:04x}" if j > i else ""))
        i = j + 1
    return "".join(out)


_WIDE = rx.compile("[\uff01-\uff5e\u3000\xa0]")


def _narrow(text: str) -> str:
    """Full-width ASCII forms, the ideographic space and no-break spaces become their NFKC forms
    (plain ASCII and a space), all at once with numpy: they are most of what NFKC changes in Chinese
    pages, and a callback for each would cost more than the rest.

    >>> _narrow("１２月,\u3000ＡＢ\xa0")
    '12月, AB '
    """
    codes = code_points(text).copy()
    codes[(codes >= 0xFF01) & (codes <= 0xFF5E)] -= 0xFEE0
    codes[(codes == 0x3000) | (codes == 0xA0)] = 0x20
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width letters, digits and punctuation become their plain forms.

    Replacing characters by their compatibility decompositions keeps NFKC of the text the
    same, so the common full-width forms are mapped at once (:func:`_narrow`) and only the
    runs of other characters NFKC can change go through ``unicodedata``.

    >>> nfkc("１２月４日，ＡＢ")
    '12月4日,AB'
    """
    if _WIDE.search(text):
        text = _narrow(text)
    parts: list[str] = []
    pos = 0
    for m in _nfkc_runs().finditer(text):
        start = max(m.start() - 1, pos)  # the character before: a composition may start there
        parts += [text[pos:start], unicodedata.normalize("NFKC", text[start : m.end()])]
        pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"


@cache
def _pinyin_re() -> re.Pattern[str]:
    """A pinyin reading in brackets after a Han character (compiled at its first use: a Han class costs ``re`` a
    millisecond or more to compile)."""
    # starts with the literal "(" (then looks behind it for a Han character), so re skips ahead to each "("
    return rx.compile(rf"\((?<=[\u3400-\u9fff]\()(?:[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*\s?){{1,3}}\)")


def remove_pinyin(text: str) -> str:
    """Pinyin readings pasted after characters, ``進(jìn)`` -> ``進``, are removed.

    >>> remove_pinyin("推進(jìn)黨的建設(shè)(2021)")
    '推進黨的建設(2021)'
    """
    return _pinyin_re().sub("", text) if "(" in text else text  # every match opens with "("


@cache
def _digit_space_re() -> re.Pattern[str]:
    """Spaces between Arabic digits and what reads them: a measure word of ``figure_units.tsv``, a date or
    time word, or an approximation (余, 多)."""
    firsts = {row[0][0] for row in read_table("figure_units.tsv")} | set("年月日号时点分秒周岁余多")
    # (?<=[0-9])[ \t]+(?=…), opening with the space so that re skips ahead to one (a look-behind first is tried at
    # every position): the same matches, as the look-behind checks the digit before the run's first space
    return rx.compile(f"[ \\t](?<=[0-9][ \\t])[ \\t]*(?=[{''.join(sorted(firsts))}])")


def join_digit_spacing(text: str) -> str:
    """Spaces that some editors put between Arabic digits and the measure word or date word after them are
    removed, so a count or a date reads as one word: ``共 100 余人参加`` -> ``共 100余人参加``.

    >>> join_digit_spacing("1 月 19 日,全镇 45 个党支部 100 余人参加。2021-03-06 青石镇讯")
    '1月 19日,全镇 45个党支部 100余人参加。2021-03-06 青石镇讯'
    """
    if " " not in text and "\t" not in text:  # every match opens with one: no pattern to build, no scan
        return text
    return _digit_space_re().sub("", text)


# (?<=[。!?”])[ \t]+(?=…), opening with the space so that re skips ahead to one (see _digit_space_re)
_RUN_BREAK = rx.compile(r"[ \t](?<=[。!?”][ \t])[ \t]*(?=[\u4e00-\u9fff“0-9])")
_LONG_LINE = 300  # characters: a line this long holding several paragraphs lost its line breaks


def split_run_paragraphs(text: str) -> str:
    r"""A long line whose paragraphs a scraper joined with spaces (``…达成一致。 某小区是…``) is split back
    into lines where a sentence ends and a space stands before the next one: Chinese prose puts no space there.

    >>> split_run_paragraphs("某社区召开议事会,协商加装电梯事宜。" * 20 + " 6月2日,某小区召开协商议事会。")[-20:]
    '事宜。\n6月2日,某小区召开协商议事会。'
    >>> split_run_paragraphs("短行。 另一句。")
    '短行。 另一句。'
    >>> split_run_paragraphs("某镇开展志愿服务 党员正在清扫街道。 " + "某社区召开议事会,协商加装电梯事宜。" * 20)[:27]
    '某镇开展志愿服务 党员正在清扫街道。 某社区召开议事会'
    """
    if len(text) < _LONG_LINE or not _RUN_BREAK.search(text):
        return text
    return "\n".join(_split_line(line) if len(line) >= _LONG_LINE else line for line in text.split("\n"))


_PARAGRAPH = 80  # characters at least before a break is taken: a title or a photo caption stays with what follows


def _split_line(line: str) -> str:
    pieces, start = [], 0
    for m in _RUN_BREAK.finditer(line):
        if m.start() - start >= _PARAGRAPH:
            pieces.append(line[start : m.start()])
            start = m.end()
    return "\n".join([*pieces, line[start:]])


_DOUBLED_MARKS = rx.compile(r"[,、]+(?=[,、。;!?])")


def collapse_punctuation(text: str) -> str:
    """A clause mark doubled by the editor (``3月9日,,某镇``, ``参加会议,。``, ``社区),、镇直单位``) is kept once:
    the last mark of the run stands.

    >>> collapse_punctuation("3月9日,,某镇召开会议,各村(社区),、镇直单位参加会议,。")
    '3月9日,某镇召开会议,各村(社区)、镇直单位参加会议。'
    """
    return _DOUBLED_MARKS.sub("", text)


@cache
def common_chars() -> frozenset[str]:
    """The most frequent Han characters (``resources/char_rank.txt``)."""
    return frozenset(_res.files("partyevents.resources").joinpath("char_rank.txt").read_text("utf-8").strip())


@cache
def _rare_chars() -> frozenset[str]:
    """Han characters outside the common-character table.

    A traditional character whose simplified form is common (篤, 踐) is common too: the fixer runs before
    ``to_simplified``, and a traditional page is no mojibake.
    """
    return frozenset(_rare_string())


def _rare_string() -> str:
    """:func:`_rare_chars` as one string, from the disk cache."""
    # built in about a tenth of a second (the converter loaded, every traditional character converted): kept in the
    # disk cache, keyed by the character table, the OpenCC build and this module's source
    key = (resource_digest("char_rank.txt"), opencc_stamp(), file_digest(__file__))
    return cached("rare_chars", key, _build_rare_chars)


def _build_rare_chars() -> str:
    """:func:`_rare_chars`, built: one string."""
    common = set(common_chars())
    trad = traditional_chars()
    common |= {t for t, simple in zip(trad, to_simplified("".join(trad)), strict=True) if simple in common}
    return "".join(c for c in map(chr, range(0x3400, 0xA000)) if c not in common)


_HAN = "\\u3400-\\u9fff\\ue000-\\uf8ff"


def _rare_char_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The plain form of :func:`_rare_hits` (one class of every rare character; slow to compile, about
    60 ms, so used only by the equivalence test) and the pattern of a Latin letter between Han characters (the
    plain form of the rest of :func:`_suspect_hits`)."""
    rare = _ranges(sorted(map(ord, _rare_chars())))
    return rx.compile(f"[{rare}\\ue000-\\uf8ff]"), rx.compile(f"[A-Za-z](?<=[{_HAN}][A-Za-z])(?=[{_HAN}])")


def _rare_hits(text: str) -> list[int]:
    """Offsets of the rare Han characters and private-use ones in ``text``.

    Looked up for every character at once in a table over the BMP (:func:`_rare_mask`, numpy): one class
    of all twenty thousand would cost a new process 60 ms to compile, more than most documents.

    >>> _rare_hits("施工!爸辽僖矐該測試僖")
    [5, 6, 10]
    """
    if text.isascii():
        return []
    codes = code_points(text)
    return np.flatnonzero(_rare_mask()[np.minimum(codes, 0xFFFF)]).tolist()  # beyond the BMP: never rare


@cache
def _rare_mask() -> np.ndarray:
    """:func:`_rare_chars` and the private-use area as a boolean array over the BMP code points (U+FFFF: False)."""
    mask = np.zeros(0x10000, dtype=bool)
    mask[code_points(_rare_string())] = True  # not a set of twenty thousand characters: ~7 ms less for a new process
    mask[0xE000:0xF900] = True
    return mask


_RARE, _HAN_OR_PRIVATE, _LATIN = 1, 2, 4  # bits of :func:`_char_kinds`


@cache
def _char_kinds() -> np.ndarray:
    """Per code point, its kinds as bits: ``_RARE`` (:func:`_rare_mask`), ``_HAN_OR_PRIVATE`` (the class ``_HAN``)
    and ``_LATIN`` (A-Z, a-z); beyond the BMP, none. Over all of Unicode (a megabyte): a lookup needs no clipping."""
    kinds = np.zeros(0x110000, dtype=np.uint8)
    kinds[0x3400:0xA000] = kinds[0xE000:0xF900] = _HAN_OR_PRIVATE
    kinds[: len(_rare_mask())][_rare_mask()] |= _RARE
    kinds[ord("A") : ord("Z") + 1] = kinds[ord("a") : ord("z") + 1] = _LATIN
    return kinds


def _suspect_hits(text: str) -> list[int]:
    """Offsets of the rare Han and private-use characters of ``text`` (:func:`_rare_hits`) and of the Latin letters
    that stand between two Han or private-use characters, in order: both read off one table lookup per character,
    instead of a regex scan of the text for the letters (:func:`_rare_char_re` holds the plain forms).

    >>> _suspect_hits("施工!爸辽僖矐該測試僖"), _suspect_hits("党a建 b党"), _suspect_hits("a党")
    ([5, 6, 10], [1], [])
    """
    if text.isascii():
        return []
    kinds = _char_kinds().take(code_points(text))  # take: faster than indexing
    if not np.bitwise_or.reduce(kinds) & _LATIN:  # no Latin letter (many pages): no letter between Han characters
        return np.flatnonzero(kinds & _RARE).tolist()
    hits = kinds & _RARE
    han = (kinds & _HAN_OR_PRIVATE) != 0
    hits[1:-1] |= ((kinds[1:-1] & _LATIN) != 0) & han[:-2] & han[2:]
    return np.flatnonzero(hits).tolist()


@cache
def _run_char() -> re.Pattern[str]:
    """A run of Han, private-use and Latin characters (compiled at its first use: few pages need it)."""
    return rx.compile(r"[\u3400-\u9fffA-Za-z\ue000-\uf8ff]+")


def _mojibake_spans(text: str) -> list[tuple[int, int]]:
    """Clusters of two or more rare characters (at most one common one between them).

    >>> _mojibake_spans("施工!爸辽僖矐該測試"), _mojibake_spans("樊城区召开会议")
    ([(5, 7)], [])
    """
    hits = _suspect_hits(text)
    if len(hits) < 2:
        return []
    spans: list[tuple[int, int]] = []
    run = _run_char().fullmatch
    i = 0
    while i < len(hits):
        j = i
        while j + 1 < len(hits) and hits[j + 1] - hits[j] <= 2 and run(text, hits[j], hits[j + 1] + 1):
            j += 1
        if j > i:
            spans.append((hits[i], hits[j] + 1))
        i = j + 1
    return spans


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def remove_mojibake(text: str) -> str:
    """Runs of rare characters left by decoding text in the wrong encoding are removed.

    >>> remove_mojibake("施工!爸辽僖矐該測試")
    '施工!爸辽該測試'
    """
    return _cut(text, _mojibake_spans(text))


# ---------------------------------------------------------------- which fixers a text needs
# bits of :func:`_fix_kinds`: a text holding no character of a fixer's kind is one the fixer returns as it is
_KIND_BREAK, _KIND_CONTROL, _KIND_NFKC, _KIND_T2S = 1, 2, 4, 8
_NEEDS = {"fix_line_breaks": _KIND_BREAK, "remove_control_chars": _KIND_CONTROL, "nfkc": _KIND_NFKC,
          "to_simplified": _KIND_T2S}
# the fixers whose output may hold a character their input did not: every other one only removes characters or
# puts a line break (which no kind holds), so the kinds of the text before it still hold every kind after it
# (to_simplified adds characters too, but it is the last)
_ADDS_CHARACTERS = frozenset({"nfkc"})
_BEYOND_BMP = 0x10000  # the first code point beyond the BMP


@cache
def _fix_kinds() -> np.ndarray:
    """Per code point, the bits of the fixers that may change a text holding it: a line-break character
    (``_BREAK_CHAR``), a control character (``_CONTROL``), a character of a run of :func:`_nfkc_runs` (every one
    beyond the BMP is), a character t2s changes (:func:`simplify` converts a text holding one). Over all of Unicode
    (a megabyte): a lookup needs no clipping of the code points then."""
    kinds = np.full(0x110000, _KIND_NFKC, dtype=np.uint8)
    for a, b in _RANGE_ITEM.findall(_nfkc_keep()):  # what the runs' class [^ranges] leaves out: kept as they are
        kinds[int(a, 16) : int(b or a, 16) + 1] = 0
    kinds[[ord(c) for c in _BREAK_CHARS]] |= _KIND_BREAK
    for a, b in _CONTROL_RANGES:
        kinds[a : b + 1] |= _KIND_CONTROL
    kinds[[ord(c) for c in traditional_chars()]] |= _KIND_T2S
    return kinds


_RANGE_ITEM = rx.compile(r"\\u([0-9a-f]{4})(?:-\\u([0-9a-f]{4}))?")  # an item of :func:`_ranges`


def _kinds_in(text: str) -> int:
    """The bits of :func:`_fix_kinds` of the characters of ``text``, together (one table lookup per character:
    cheaper than a scan for each fixer).

    >>> _kinds_in("党员") == 0, _kinds_in("黨\\u2028") == _KIND_T2S | _KIND_BREAK, _kinds_in("Ａ\\U0001d400") == _KIND_NFKC
    (True, True, True)
    """
    return int(np.bitwise_or.reduce(_fix_kinds().take(code_points(text))))  # take: faster than indexing


Fixer = Callable[[str], str]
FIXERS: tuple[tuple[str, Fixer], ...] = (
    ("fix_line_breaks", fix_line_breaks),
    ("remove_control_chars", remove_control_chars),
    ("nfkc", nfkc),
    ("remove_pinyin", remove_pinyin),
    ("join_digit_spacing", join_digit_spacing),
    ("collapse_punctuation", collapse_punctuation),
    ("split_run_paragraphs", split_run_paragraphs),
    ("remove_mojibake", remove_mojibake),
    ("to_simplified", to_simplified),
)


# ---------------------------------------------------------------- boilerplate
@cache
def _domain_words() -> tuple[str, ...]:
    raw = _res.files("partyevents.resources").joinpath("domain_words.txt").read_text("utf-8")
    return tuple(w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#"))


_SENTENCE_END = rx.compile(r"[。!?;]")
_DATE_LINE = rx.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?:以来|起|至今)?$")
_HEADING = rx.compile(r"^【[^】]{1,30}】$")


_CLAUSE = rx.compile(r"[,、]")  # not ":": header lines are made of label:value pairs
_OPENS_WITH_DATE = rx.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]")
# Patterns that few lines need are compiled at their first use (``@cache``), not at import: a class of the Han block
# costs ``re`` a millisecond or more to compile (it walks the block in Python), and a new process that reads a short
# text would pay for all of them.


@cache
def _site_suffix() -> re.Pattern[str]:
    return rx.compile(r"\s*[_|\-–—]+\s*[^_|\-–—]{2,30}(?:人民政府|政府网|门户网站|官网|新闻网|党建网|网站|网|频道)$")


@cache
def _counted() -> re.Pattern[str]:
    """A count with its measure word (82个, 4.46万名, 9013项): prose states figures, titles and menus rarely hold two."""
    return rx.compile(r"[0-9]+(?:\.[0-9]+)?[万亿]?[\u4e00-\u9fff]")


def _figure_prose(line: str) -> bool:
    """A headline-less line of figures under a title (驻村干部帮助整顿82个村,健全90项制度): body, not header.

    Below the page's first line only, so a title stays a title.

    >>> _figure_prose("驻村干部帮助整顿82个软弱涣散村党组织,健全903项村级工作制度"), _figure_prose("某镇召开2023年党建会")
    (True, False)
    >>> _figure_prose("发布时间 | 2021-10-29 | 浏览 120次,来源 某镇人民政府网站")
    False
    """
    return (len(line) >= 25 and "|" not in line and ":" not in line and bool(_CLAUSE.search(line))
            and len(_counted().findall(line)) >= 2)


def _is_body(line: str) -> bool:
    """A line of article prose rather than a title, menu or header.

    >>> _is_body("前川街道:党员下沉社区助力疫情防控_黄陂区人民政府"), _is_body("4月10日,前川街道组织党员下沉社区")
    (False, True)
    >>> _is_body("来源:某某区融媒体中心 | 2020-12-19 21:23:50")
    False
    """
    if _OPENS_WITH_DATE.match(line) and _CLAUSE.search(line):
        return True
    if len(line) < 25:
        return False
    return bool(_SENTENCE_END.search(line)) or len(_CLAUSE.findall(line)) >= 2


def clean_title(title: str) -> str:
    """A page title without the site name that CMSs append.

    >>> clean_title("前川街道:党员下沉社区助力疫情防控_黄陂区人民政府"), clean_title("——某镇召开述职评议会")
    ('前川街道:党员下沉社区助力疫情防控', '某镇召开述职评议会')
    """
    title = title.lstrip("—-–─ ") or title  # a subtitle's dash
    return _site_suffix().sub("", title) or title


_NUMERIC_DATE = rx.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _parse_published(value: str) -> dt.date | None:
    """The date of a page-header timestamp.

    Numeric forms are read directly (the common case, and cheap); anything else
    goes to dateparser with explicit formats, where it is reliable.

    >>> _parse_published("2021-10-25 13:16"), _parse_published("2021年2月30日")
    (datetime.date(2021, 10, 25), None)
    """
    m = _NUMERIC_DATE.match(value.strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    import dateparser

    value = re.sub(r"\s+", " ", value.strip())
    parsed = dateparser.parse(value, languages=["zh", "en"], date_formats=[
        "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日",
        "%Y年%m月%d日 %H:%M", "%d %B %Y", "%B %d, %Y"], settings={"STRICT_PARSING": True})
    return parsed.date() if parsed else None


def _stamp_date(line: str) -> dt.date | None:
    """The first full calendar date a ``stamp`` pattern of ``boilerplate.tsv`` finds in a header line.

    >>> _stamp_date("来源:某某网 | 2020-12-19 21:23:50"), _stamp_date("13.12.2016  14:09"), _stamp_date("第3版")
    (datetime.date(2020, 12, 19), datetime.date(2016, 12, 13), None)
    """
    for pattern in boilerplate_patterns().get("stamp", ()):
        for m in pattern.finditer(line):
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


_CAPTION = rx.compile(r"^(?:图为|图片为|图:|▲|△|\(图\))")


def _header_title_like(line: str) -> bool:
    """Whether a header line can be the title: short, one phrase, no table cells (发布机构 | 乌盖苏木 | 文 号),
    no photo caption (图为会议现场).

    >>> _header_title_like("某镇召开党建工作会"), _header_title_like("图为会议现场")
    (True, False)
    """
    return (4 <= len(line) <= 60 and " " not in line and "|" not in line and not _SENTENCE_END.search(line)
            and not _CAPTION.match(line))


@cache
def _title_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a bare unit name, a Han character) for :func:`_first_title`."""
    return rx.compile(r"^[\u4e00-\u9fff]{2,12}(?:社区|村|镇|乡|街道|居委会|村委会|党支部|党总支|党委)$"), rx.compile(r"[\u4e00-\u9fff]")


def _first_title(header: list[str]) -> str | None:
    """The title of a page with no date line under it: the first header line that reads as a headline.

    A headline may hold a space between its two phrases (某镇开展植树活动 共建美丽家园) when it is mostly
    Chinese and speaks of the domain (``domain_words.txt``); a bare unit name (某某社区, a byline) yields to a
    headline after it, and starts the headline when it is set right above it on a line of its own.

    >>> _first_title(["某某社区", "图片", "某某社区开展植树活动 共建美丽家园"]), _first_title(["某某社区"])
    ('某某社区开展植树活动 共建美丽家园', '某某社区')
    >>> _first_title(["某某社区", "开展植树活动"])
    '某某社区开展植树活动'

    >>> _first_title(["2022 05/ 13 10:36", "本报记者 某某", "某某日报 数字报纸", "某镇召开党建会"])
    '某镇召开党建会'
    """
    bare_unit, cjk = _title_res()

    def spaced_headline(line: str) -> bool:  # not a byline (本报记者 某某) or a masthead (某某日报 数字报)
        plain = line.replace(" ", "")
        return (all(len(part) >= 4 for part in line.split(" ")) and len(cjk.findall(plain)) >= 0.6 * len(plain)
                and line.count(" ") <= 2 and not line.endswith((":", ">")) and any(w in line for w in _domain_words()))

    titles = [h for h in header if _header_title_like(h.replace(" ", "") if spaced_headline(h) else h)]
    for i, line in enumerate(titles):
        if not bare_unit.match(line):
            return line
        if i + 1 < len(titles) and header.index(titles[i + 1]) == header.index(line) + 1 \
                and not bare_unit.match(titles[i + 1]):
            return line + titles[i + 1]  # a headline set on two lines: 某某社区 / 开展植树活动
    return titles[0] if titles else None


def _header_title(header: list[str]) -> str | None:
    """The title among the header lines above a date line: the last one, unless it is a row of table cells
    (发布机构 | 某镇 | 文 号); then the last line before it that reads as a title, if any.

    >>> _header_title(["首页", "某镇召开党建会"]), _header_title(["索引号 | 1234 |", "发布机构 | 某镇 | 文 号 |"])
    ('某镇召开党建会', None)
    """
    if "|" not in header[-1]:
        return header[-1]
    return next((h for h in reversed(header) if _header_title_like(h)), None)


def _edition(line: str) -> tuple[str, dt.date | None] | None:
    """``(line, date)`` when the line is a newspaper's edition credit (``edition`` in ``boilerplate.tsv``).

    >>> _edition("《人民日报》(2018年07月09日 04 版)")
    ('《人民日报》(2018年07月09日 04 版)', datetime.date(2018, 7, 9))
    >>> _edition("《关于开展第3版学习的通知》") is None
    True
    """
    for pattern in boilerplate_patterns().get("edition", ()):
        if (m := pattern.search(line)) is not None:
            return line, _parse_published(m["date"])
    return None


def _page_link(line: str) -> tuple[str, dt.date | None] | None:
    """``(line, date)`` when the line gives the page's own address with a date in its path (``link`` in
    ``boilerplate.tsv``).

    >>> _page_link("本文链接:https://news.example.cn/content/2021/12/31/1234.html")
    ('本文链接:https://news.example.cn/content/2021/12/31/1234.html', datetime.date(2021, 12, 31))
    >>> _page_link("原文链接:http://www.example.gov.cn/xwzx/202203/t20220315_88.html")[1]
    datetime.date(2022, 3, 15)
    >>> _page_link("本文链接:https://example.cn/a/88123.html") is None
    True
    """
    for pattern in boilerplate_patterns().get("link", ()):
        if (m := pattern.search(line)) is not None:
            try:
                return line, dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return line, None
    return None


def _link_date(lines: list[str]) -> tuple[str, dt.date] | None:
    """The first line anywhere on the page (the footer too) giving its own address with a date in it."""
    for line in lines:
        if "http" in line and (link := _page_link(line)) is not None and link[1] is not None:
            return line, link[1]
    return None


_FULL_DATE_LINE = rx.compile(r"^\d{4}年\d{1,2}月\d{1,2}[日号]$")


@cache
def _combined(kind: str) -> re.Pattern[str] | None:
    """All patterns of one kind as a single alternation (one scan per line instead of one per pattern), behind a
    look-ahead on the characters its matches can start with (:mod:`partyevents.regex_first`)."""
    pats = boilerplate_patterns().get(kind, ())
    return with_first_chars(rx.compile("|".join(f"(?:{p.pattern})" for p in pats))) if pats else None


def _inline_for(joined: str, present: frozenset[str]) -> re.Pattern[str] | None:
    """The ``inline`` patterns that cut something somewhere in ``joined``, as one alternation (None: none does).

    A pattern is tried on the text only when it holds one of the literals every match of it holds, and the
    alternation is built of the patterns that match: the same cuts as all of them, line by line, at the cost
    of the few that can cut here (one alternation of them all tries every pattern at every position).
    ``present`` is :func:`_present` of ``joined`` (or :func:`present_literals`, the same answer here).
    """
    chosen = tuple(i for i, ((fast, literals), gate) in enumerate(zip(_inline_searches(), _inline_gates(), strict=True))
                   if (literals is None or not literals.isdisjoint(present)) and (gate is None or gate.search(joined))
                   and fast.search(joined) is not None)
    return _inline_alternation(chosen) if chosen else None


@cache
def _inline_searches() -> tuple[tuple[re.Pattern[str], frozenset[str] | None], ...]:
    """Per ``inline`` pattern: itself behind a look-ahead on its first characters (the same matches: one that opens
    with look-behinds, such as the one of stray ASCII words, is tried only where an ASCII character stands), and
    its :func:`_literals`."""
    return tuple((with_first_chars(p), _literals(p)) for p in boilerplate_patterns().get("inline", ()))


# A pattern of a text that every match of an ``inline`` pattern holds, for patterns whose required literals are
# found on most pages: a text without it is not searched with the pattern. Keyed by the pattern as boilerplate.tsv
# writes it, so that a pattern edited there is searched plainly until its entry here is written again.
_INLINE_GATES = {
    # stray ASCII words (the literal it requires is a space): every match consumes (?:[!-~]{1,2} ){3,}, three groups
    # of one or two ASCII characters, each followed by a space; from the first group's space on, the text reads
    # space, group, group, after an ASCII character. Searched from the space, which re finds fast (few pages hold
    # three such groups; the pattern itself is tried at each ASCII character, a comma or a digit of most lines).
    r"(?:(?<=\s)|^|(?<=[\u3400-\u9fff。、“”‘’《》「」:;,!?])(?![:;,.!?)\]}]))(?=(?:[!-~]{1,2} ){0,6}[!-~]?[!-/:-@\[-`{-~])"
    r"(?=(?:[!-~]{1,2} ){0,6}[!-~]?[A-Za-z])(?:[!-~]{1,2} ){3,}(?:[!-~](?:[!-'*-~])?(?=[\n(]|$|[\u3400-\u9fff]))?":
        r" (?<=[!-~] )[!-~]{1,2} [!-~]{1,2} ",
}


@cache
def _inline_gates() -> tuple[re.Pattern[str] | None, ...]:
    """Per ``inline`` pattern: its entry of ``_INLINE_GATES``, compiled (None: none)."""
    return tuple(rx.compile(gate) if (gate := _INLINE_GATES.get(p.pattern)) else None
                 for p in boilerplate_patterns().get("inline", ()))


@cache
def _literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The literals one of which every match of ``pattern`` holds (None: no such set is known)."""
    literals = required_literals(pattern)
    return frozenset(literals) if literals and all(literals) else None


@cache
def _literal_automaton() -> tuple[ahocorasick_rs.AhoCorasick, frozenset[str]]:
    """One automaton of the required literals of the ``inline`` patterns, the unanchored ``line`` patterns and the
    anchored alternatives, and the literals of the first two kinds (what :func:`present_literals` reports)."""
    pats = [*boilerplate_patterns().get("inline", ()), *_furniture_rest()]
    mine = {lit for p in pats for lit in _literals(p) or ()}
    every = mine | {lit for *_rest, literals in _anchored_patterns() for lit in literals or ()}
    # a DFA: with the anchored alternatives' literals the automaton chosen by default reports its matches 2.5× slower
    automaton = ahocorasick_rs.AhoCorasick(sorted(every) or ["\x00"], implementation=ahocorasick_rs.Implementation.DFA)
    return automaton, frozenset(mine)


def _present(text: str) -> frozenset[str]:
    """The literals of :func:`_literal_automaton` that occur in ``text`` (one pass, overlapping matches)."""
    return frozenset(_literal_automaton()[0].find_matches_as_strings(text, overlapping=True))


def present_literals(text: str) -> frozenset[str]:
    """The required literals of the ``inline`` and unanchored ``line`` patterns that occur in ``text`` (one
    automaton pass, overlapping matches: ``{lit for lit in literals if lit in text}``).

    >>> sorted(present_literals("粤ICP备12345号 公安备案"))[-2:]
    ['ICP备', '公安备案']
    """
    return _present(text) & _literal_automaton()[1]


def _holds_literal(pattern: re.Pattern[str], present: frozenset[str]) -> bool:
    literals = _literals(pattern)
    return literals is None or not literals.isdisjoint(present)


@cache
def _inline_alternation(chosen: tuple[int, ...]) -> re.Pattern[str]:
    """The ``inline`` patterns numbered ``chosen`` as one alternation; one of them alone is itself, as
    :func:`_inline_searches` compiled it (most pages need one: no new pattern to compile)."""
    if len(chosen) == 1:
        return _inline_searches()[chosen[0]][0]
    pats = boilerplate_patterns()["inline"]
    return with_first_chars(rx.compile("|".join(f"(?:{pats[i].pattern})" for i in chosen)))


def _furniture_res() -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """The ``line`` patterns as (one alternation of their alternatives anchored at ``^``, the rest): the plain form
    the tests compare :func:`_is_furniture` with (the alternation is slow to compile, and not used in a run)."""
    return _anchored_alternation(tuple(range(len(_anchored_alternatives())))), _furniture_rest()


@cache
def _furniture_rest() -> tuple[re.Pattern[str], ...]:
    """The alternatives of the ``line`` patterns not anchored at ``^``, one alternation per pattern.

    Anchored alternatives only need trying at the start of a line (:func:`_anchored_patterns`); in one alternation
    with unanchored ones ``re`` would try them at every position, and could not skip ahead to the possible first
    characters of the others (2.5× slower on body lines).
    """
    rest: list[re.Pattern[str]] = []
    for p in boilerplate_patterns().get("line", ()):
        if others := [a for a in top_level_alternatives(p.pattern) if not a.startswith("^")]:
            rest.append(with_first_chars(rx.compile("|".join(others))))
    return tuple(rest)


@cache
def _anchored_alternatives() -> tuple[str, ...]:
    """The alternatives anchored at ``^`` of the ``line`` patterns, in order."""
    return tuple(a for p in boilerplate_patterns().get("line", ()) for a in top_level_alternatives(p.pattern) if a.startswith("^"))


@cache
def _anchored_alternation(chosen: tuple[int, ...]) -> re.Pattern[str] | None:
    """The anchored alternatives numbered ``chosen`` as one alternation (None: none)."""
    alts = _anchored_alternatives()
    return rx.compile("|".join(f"(?:{alts[i]})" for i in chosen)) if chosen else None


_Anchored = tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None, frozenset[str] | None]


@cache
def _anchored_patterns() -> tuple[_Anchored, ...]:
    """Per anchored alternative: itself compiled alone, the classes of the characters its matches can open and
    end with (:func:`~partyevents.regex_first.edge_class`; None: any), and its :func:`_literals` for an alternative
    that may open with most characters (None when one of them is a single character).

    Each compiles on its own in well under a millisecond; one alternation of those a line may match, per kind of
    line, cost a new process most of a second of compiling. What is read off each (:func:`_anchored_facts`) is kept
    in the disk cache: reading it costs a new process about 25 ms.
    """
    # keyed by the patterns, the module that reads them and this module's source
    key = (resource_digest("boilerplate.tsv"), file_digest(regex_first.__file__), file_digest(__file__))
    facts = cached("anchored_facts", key, _anchored_facts)
    return tuple((rx.compile(a), _compiled(first), _compiled(last), None if literals is None else frozenset(literals))
                 for a, (first, last, literals) in zip(_anchored_alternatives(), facts, strict=True))


def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    return None if pattern is None else rx.compile(pattern)


def _anchored_facts() -> list[tuple[str | None, str | None, tuple[str, ...] | None]]:
    """Per anchored alternative: the patterns of its :func:`~partyevents.regex_first.edge_class` (first and last
    character; None: any) and its sorted :func:`_literals` (None: not checked), as :func:`_anchored_patterns` uses
    them."""
    out = []
    for a in _anchored_alternatives():
        p = rx.compile(a)
        first, literals = edge_class(p), _literals(p)
        if literals is not None and (min(map(len, literals)) < _ANCHORED_LITERAL
                                     or (first is not None and not first.match(_ANY_HAN))):
            # 三, 编 (of 三 审, 编 辑): found on most pages; and an alternative that opens with a few characters only
            # is rarely tried: every literal makes the automaton slower
            literals = None
        last = edge_class(p, last=True)
        out.append((None if first is None else first.pattern, None if last is None else last.pattern,
                    None if literals is None else tuple(sorted(literals))))
    return out


_ANCHORED_LITERAL = 2  # characters at least in each required literal of an anchored alternative that the page is checked for
_ANY_HAN = "\u9fa5"  # a rare character no word opens with: a class holding it holds most lines' first characters


_ALL = -1  # every anchored alternative, as a mask of :func:`_anchored_patterns`


@lru_cache(maxsize=8192)
def _first_mask(ch: str) -> int:
    """The anchored alternatives (a bit each) whose matches can open with ``ch``."""
    return sum(1 << i for i, (_p, first, _l, _lit) in enumerate(_anchored_patterns()) if first is None or first.match(ch))


@lru_cache(maxsize=8192)
def _last_mask(ch: str) -> int:
    """The anchored alternatives (a bit each) that can match a line ending with ``ch`` (not a newline)."""
    return sum(1 << i for i, (_p, _f, last, _lit) in enumerate(_anchored_patterns()) if last is None or last.match(ch))


@lru_cache(maxsize=4096)
def _anchored_of(mask: int) -> tuple[re.Pattern[str], ...]:
    """The anchored alternatives in ``mask``, in order."""
    return tuple(p for i, (p, _f, _l, _lit) in enumerate(_anchored_patterns()) if mask >> i & 1)


def _anchored_mask(present: frozenset[str]) -> int:
    """The anchored alternatives a line of a text holding the literals ``present`` (:func:`_present`) may match:
    those without required literals, and those with one of theirs in the text."""
    keep, by_literal = _anchored_by_literal()
    for lit in present:
        keep |= by_literal.get(lit, 0)
    return keep


@cache
def _anchored_by_literal() -> tuple[int, dict[str, int]]:
    """(the anchored alternatives without required literals, literal -> the alternatives that require it or another)."""
    keep, by_literal = 0, dict[str, int]()
    for i, (_p, _f, _l, literals) in enumerate(_anchored_patterns()):
        if literals is None:
            keep |= 1 << i
        for lit in literals or ():
            by_literal[lit] = by_literal.get(lit, 0) | 1 << i
    return keep, by_literal


_LINE_BOUND = rx.compile(r"\^|\$|\\[AZbB]|\(\?<?!")  # anchors, \b/\B, negative lookaround


@cache
def _checkable_on_text(pattern: re.Pattern[str]) -> bool:
    """True when a pattern that matches nowhere in the text of joined lines matches in none of the lines.

    That holds without anchors, word boundaries and negative lookaround, whose outcome at
    a line's edge can depend on the line break next to it.

    >>> _checkable_on_text(rx.compile("ICP备|公安备案")), _checkable_on_text(rx.compile("^首页|x(?!y)"))
    (True, False)
    """
    return not _LINE_BOUND.search(pattern.pattern)


def _furniture_searches(joined: str, present: frozenset[str]) -> tuple[re.Pattern[str], ...]:
    """The unanchored ``line`` patterns worth trying on the lines of ``joined`` (one search of the whole
    text rules out each pattern that matches nowhere, instead of one search per line; a text holding none of
    the literals every match of a pattern holds rules it out too, whatever its anchors and look-arounds).
    ``present`` is :func:`_present` of ``joined`` (or :func:`present_literals`, the same answer here)."""
    return tuple(p for p, literals, checkable in _furniture_checks()
                 if (literals is None or not literals.isdisjoint(present)) and (not checkable or p.search(joined)))


@cache
def _furniture_checks() -> tuple[tuple[re.Pattern[str], frozenset[str] | None, bool], ...]:
    """Per unanchored ``line`` pattern: itself, its :func:`_literals` and :func:`_checkable_on_text` (what
    :func:`_may_match_a_line` (the plain form, kept for the tests) asks, looked up once)."""
    return tuple((p, _literals(p), _checkable_on_text(p)) for p in _furniture_rest())


def _may_match_a_line(pattern: re.Pattern[str], joined: str, present: frozenset[str]) -> bool:
    if not _holds_literal(pattern, present):
        return False  # ruled out by its literals, before a search of the text (or for a pattern that cannot have one)
    return not _checkable_on_text(pattern) or pattern.search(joined) is not None


def _is_furniture(line: str, searches: tuple[re.Pattern[str], ...] | None = None, anchored: int = _ALL) -> bool:
    """Whether a whole line is page furniture (a ``line`` pattern of ``boilerplate.tsv`` matches).

    ``searches`` are the unanchored patterns to try (default: all of them), ``anchored`` the mask of the anchored
    alternatives to try (:func:`_anchored_mask`; default: all); of those, only the ones whose matches can open with
    the line's first character and end with its last are tried.

    >>> _is_furniture("您所在的位置:首页 > 新闻"), _is_furniture("粤ICP备12345号"), _is_furniture("党员进社区。")
    (True, True, False)
    """
    if line:
        anchored &= _first_mask(line[0])
        if line[-1] != "\n":  # ``$`` may match before a final newline
            anchored &= _last_mask(line[-1])
    for pattern in _anchored_of(anchored):
        if pattern.match(line):
            return True
    for pattern in _furniture_rest() if searches is None else searches:  # noqa: SIM110 (a plain loop: a generator
        if pattern.search(line):  # per line costs as much as the searches)
            return True
    return False


@cache
def _list_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a list's label: two to six Han characters, a teaser cut off with ``...``) for :func:`_opens_other_articles`."""
    return rx.compile(r"[\u4e00-\u9fff]{2,6}"), rx.compile(r"[\u3400-\u9fff]\.{3}$")


def _title_like(line: str) -> bool:
    return 6 <= len(line) <= 40 and not _SENTENCE_END.search(line) and not _OPENS_WITH_DATE.match(line)


def _without_trailing_titles(kept: list[str]) -> list[str]:
    """The body without a run of three or more title-like lines that ends the page after prose: the headlines
    of other articles, listed with no label over them (an article closes with a sentence, not three headlines).

    >>> _without_trailing_titles(["5月6日,某镇开展植树活动,共30人参加。", "某县举办职工运动会 百名职工同场竞技",
    ...                           "古镇新貌 游人如织", "某某戏曲进校园"])
    ['5月6日,某镇开展植树活动,共30人参加。']
    >>> _without_trailing_titles(["5月6日,某镇开展植树活动,共30人参加。", "活动现场", "党员合影"])[-1]
    '党员合影'
    """
    n = len(kept)
    while n and _title_like(kept[n - 1]):
        n -= 1
    if len(kept) - n >= 3 and n and _SENTENCE_END.search(kept[n - 1]):
        return kept[:n]
    return kept


def _opens_other_articles(line: str, lines: list[str], at: int) -> bool:
    """A short label (新闻推荐, 相关报道) over a list of other articles: a teaser cut off with ``...`` or
    three title-like lines in a row. By the shape of what follows, not by the label's words.

    >>> _opens_other_articles("看点", ["看点", "某镇开展活动,组织党员学习,共30人参加,活动..."], 0)
    True
    >>> _opens_other_articles("活动现场", ["活动现场", "6月3日,某社区开展主题党日活动。"], 0)
    False
    """
    if not 2 <= len(line) <= 6:  # what the label's pattern fullmatches: most lines are longer
        return False
    heading, teaser = _list_res()
    if not heading.fullmatch(line):
        return False
    after = [ln for ln in lines[at + 1 : at + 8] if ln][:3]
    if after and teaser.search(after[0]):
        return True
    return len(after) == 3 and all(_title_like(ln) for ln in after)


def strip_boilerplate(text: str) -> tuple[str, dict[str, object], list[Problem]]:
    """Remove page furniture line by line; return the body, header facts and problems.

    Header facts: ``title``, ``published_date`` and ``published_text``.

    >>> body, facts, _ = strip_boilerplate("您所在的位置: 首页 > 新闻\\n标题在这里\\n发布时间:2021-10-29 来源:\\n"
    ...     "10月24日,夏都街道党工委组织开展了第三季度党建观摩活动,共30余人参加。\\n上一篇:别的新闻")
    >>> body
    '10月24日,夏都街道党工委组织开展了第三季度党建观摩活动,共30余人参加。'
    >>> facts["title"], str(facts["published_date"])
    ('标题在这里', '2021-10-29')
    """
    pats = boilerplate_patterns()
    tail_re = _combined("tail")
    facts: dict[str, object] = {"title": None, "published_date": None, "published_text": None}
    problems: list[Problem] = []
    lines = [" ".join(line.split()) for line in text.split("\n")]
    joined = "\n".join(lines)
    present = _present(joined)  # one automaton pass, for the prefilters below
    inline_re = _inline_for(joined, present)  # None: no fragment to cut anywhere
    # cutting a fragment out of a line can make a pattern match there: then every pattern is tried
    # (a line the inline fragments leave as it was is a line of ``joined``: the searches hold for it)
    searches = _furniture_searches(joined, present)
    doc_anchored = _anchored_mask(present)
    kept: list[str] = []
    header: list[str] = []  # short lines before the first body line
    seen_body = False
    # a line holding only a full date (2017年09月18日) is the page's date when no other line is a bare date:
    # several of them are the entries of a bulletin
    lone_date = sum(1 for line in lines if _DATE_LINE.match(line)) == 1
    stamp: tuple[str, dt.date | None] | None = None  # an unlabelled header date: (line, date)
    editions: list[tuple[str, dt.date | None]] = []  # newspaper edition credits: (line, date)
    for i, line in enumerate(lines):
        if not line:
            continue
        if seen_body and _opens_other_articles(line, lines, i):
            break
        line_searches: tuple[re.Pattern[str], ...] | None = searches
        line_anchored = doc_anchored
        if inline_re is not None:
            cut, n_cut = inline_re.subn("", line)
            if n_cut:
                line, line_searches, line_anchored = cut.strip(), None, _ALL
        if not line:
            continue
        if stamp is None and lone_date and len(kept) <= 3 and _FULL_DATE_LINE.match(line):
            stamp = (line, _stamp_date(line))
            continue
        # a labelled date line right under a title that read as prose (网格无小事,摸排是大事!…) is still the header
        early = seen_body and len(kept) <= 2 and all(len(k) <= 60 for k in kept) and not _SENTENCE_END.search(line)
        if (not seen_body or early) and facts["published_date"] is None:
            meta = next((m for p in pats.get("meta", ()) if (m := p.search(line))), None)
            if meta is not None:
                if early:
                    header += kept
                    kept.clear()
                    seen_body = False
                facts["published_text"] = meta.group(0)
                facts["published_date"] = _parse_published(meta.group("date"))
                if header and facts["title"] is None:
                    facts["title"] = _header_title(header)
                rest = line[meta.end() :].strip()
                if len(rest) >= 25 and _SENTENCE_END.search(rest) and not _is_furniture(rest):  # header and article on one line
                    kept.append(rest)
                    seen_body = True
                continue
            if stamp is None and not _is_body(line) and not _DATE_LINE.match(line) and (found := _stamp_date(line)):
                stamp = (line, found)  # a labelled header date (发布时间:…) further down still wins
                if header and facts["title"] is None:
                    facts["title"] = _header_title(header)
                continue
        if ("版" in line or "星期" in line) and len(line) <= 160 and (edition := _edition(line)) is not None:
            editions.append(edition)  # 《人民日报》(2018年07月09日 04 版): the newspaper's date, no article text
            continue
        if "http" in line and _page_link(line) is not None:  # 本文链接:https://…/2021/12/31/…: the page's address
            continue
        if seen_body and len(line) <= 40 and tail_re is not None and tail_re.search(line):
            break
        if _is_furniture(line, line_searches, line_anchored):
            continue
        if not seen_body and not _is_body(line) and not (header and _figure_prose(line)):
            if _HEADING.match(line) or _DATE_LINE.match(line):
                kept.append(line)
                seen_body = True
            else:
                header.append(line)
            continue
        seen_body = True
        kept.append(line)
    if facts["published_date"] is None and (found_date := editions[0] if editions else stamp or _link_date(lines)):
        facts["published_text"], facts["published_date"] = found_date
    if facts["title"] is None:
        facts["title"] = _first_title(header)
    if isinstance(facts["title"], str):
        facts["title"] = clean_title(facts["title"])
    if not kept:  # a short text with no page around it: its sentences are the body
        kept = [h for h in header if _SENTENCE_END.search(h) and h != facts["title"]]
    kept = _without_trailing_titles(kept)
    kept, dropped = _drop_unrelated(kept)
    for para in dropped:
        problems.append(Problem("normalize", "warning", "dropped a paragraph that reads as an unrelated story "
                                "spliced into the page (no Party-building vocabulary)", json.dumps(para[:200],
                                                                                                    ensure_ascii=False)))
    kept, repeats = drop_repeated_paragraphs(kept)
    if repeats:
        problems.append(Problem("normalize", "warning", f"dropped {len(repeats)} paragraph(s) that repeat other "
                                "text word for word (a page holding its article twice, a lead repeated or cut off as a "
                                "teaser): counted once",
                                json.dumps([para[:80] for para in repeats[:5]], ensure_ascii=False)))
    return "\n".join(kept), facts, problems


@cache
def _domain_re() -> re.Pattern[str]:
    """The domain words as one regex: it finds one in a line exactly when ``any(w in line for w in words)``."""
    words = _domain_words()
    return rx.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))) or "(?!)")


# a paragraph that opens with its own time (昨晚10时许, 5月3日, 2019年): a report of its own, not a continuation
_OWN_TIME = rx.compile(r"^(?:(?:19|20)[0-9]{2}年|[0-9]{1,2}月|[0-9]{1,2}日|昨|今[天日晨早晚]|前天|近日|日前)")


def _drop_unrelated(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): a story spliced into a Party-building page is dropped. It is a long paragraph that
    opens with its own time and holds no Party-building word (``domain_words.txt``), on a page where at least
    two paragraphs hold one. A paragraph that goes on with the article without a date of its own (大家干得热火朝天,
    a caption) stays, whatever its words.

    >>> page = ["5月3日,某社区党委组织党员志愿者清扫小区。", "党员们分组行动,党支部书记带头。",
    ...         "虽然天气很冷,但是大家干得热火朝天,经过数小时的奋力清扫,道路上的积雪得到了及时有效的清除,保证了道路的安全畅通。",
    ...         "昨晚10时许,记者从某医院了解到,两名工人仍在接受治疗,但已无生命危险,医护人员介绍说以往类似的意外较多,施工人员应引以为戒。"]
    >>> [len(part) for part in _drop_unrelated(page)]
    [3, 1]
    """
    has_word = _domain_re().search
    on_topic = 0
    for line in lines:  # two are enough: the count is only compared with 2
        if has_word(line):
            on_topic += 1
            if on_topic == 2:
                break
    if on_topic < 2:
        return lines, []
    kept, dropped = [], []
    for line in lines:
        if len(line) >= 60 and _OWN_TIME.match(line) and not has_word(line):
            dropped.append(line)
        else:
            kept.append(line)
    return kept, dropped


_REPEAT_MIN_CHARS = 20  # shorter lines (captions, headings such as 活动现场) may repeat on purpose


def drop_repeated_paragraphs(lines: list[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): a paragraph of at least 20 characters that repeats an earlier one exactly, or that
    another paragraph begins with (a lead cut off as a teaser, a caption the body repeats), is dropped.

    Scraped pages often hold their article twice (a print copy, a mobile copy, a lead quoted again under
    the headline); the second copy would make every event and figure count twice. Of a paragraph and a
    longer one that begins with it, the longer is kept: it holds everything the shorter says.

    >>> kept, dropped = drop_repeated_paragraphs(["5月3日,东湖社区党委组织党员清理小区楼道杂物。", "活动现场",
    ...     "5月3日,东湖社区党委组织党员清理小区楼道杂物。", "活动现场"])
    >>> kept, dropped
    (['5月3日,东湖社区党委组织党员清理小区楼道杂物。', '活动现场', '活动现场'], ['5月3日,东湖社区党委组织党员清理小区楼道杂物。'])
    >>> drop_repeated_paragraphs(["为做好复检工作,5月3日,东湖社区党委组织党员清理小区楼道",
    ...     "2017年05月04日", "为做好复检工作,5月3日,东湖社区党委组织党员清理小区楼道杂物,共清理垃圾3车。"])[1]
    ['为做好复检工作,5月3日,东湖社区党委组织党员清理小区楼道']
    """
    n = _REPEAT_MIN_CHARS
    heads = [line[:n] for line in lines if len(line) >= n]
    if len(set(heads)) == len(heads):  # no two paragraphs begin alike: none repeats or begins another
        return list(lines), []
    by_head: dict[str, list[str]] = {}
    for line in lines:
        if len(line) >= n:
            by_head.setdefault(line[:n], []).append(line)
    seen: set[str] = set()
    kept: list[str] = []
    dropped: list[str] = []
    for line in lines:
        if len(line) >= n:
            longer = by_head[line[:n]]
            if line in seen or (len(longer) > 1 and any(len(o) > len(line) and o.startswith(line) for o in longer)):
                dropped.append(line)
                continue
            seen.add(line)
        kept.append(line)
    return kept, dropped


_SHORT_RE = r"[\u4e00-\u9fff\u201c\u201d\u300a\u300b ,、0-9a-zA-Z]{2,24}"  # no colon, no sentence end
_SHORT_RUN = 4  # lines in a row, at least, to be read as one sentence


def join_short_lines(text: str) -> str:
    """Runs of short lines with no punctuation at their ends (an article laid out as verse, one phrase per
    line, as mobile editors do) joined into sentences: ``，`` between the lines, ``。`` after the run.
    Other lines (a title with a colon, ``来源:…``, a long paragraph) stay as they are.

    >>> join_short_lines("近日,某社区党支部\\n联合某单位党支部\\n开展了志愿服务\\n共有17名党员参加\\n来源:某街道")
    '近日,某社区党支部,联合某单位党支部,开展了志愿服务,共有17名党员参加。\\n来源:某街道'
    """
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    short = rx.compile(_SHORT_RE).fullmatch  # compiled here: few pages get this far

    def flush() -> None:
        if len(run) >= _SHORT_RUN:
            out.append(",".join(line.strip() for line in run) + "。")
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if short(line.strip()):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


# ---------------------------------------------------------------- the stage
def source_credit(text: str) -> str | None:
    """The outlet the page's first source credit names (a ``credit`` pattern of ``boilerplate.tsv``), or None.

    >>> source_credit("标题\\n发布时间:2021-04-22 来源:青禾日报 作者:李明\\n正文。")
    '青禾日报'
    >>> source_credit("来源不明的传言。") is None
    True
    """
    for pattern, literals in _credit_searches():
        if (literals is None or any(lit in text for lit in literals)) and (m := pattern.search(text)) is not None:
            return m.group("name")
    return None


@cache
def _credit_searches() -> tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]:
    """Per ``credit`` pattern: itself and the fewest of its :func:`_literals` that a text holds whenever it holds
    one of them (信息来源 holds 来源): a page without any has no credit, and is not searched (the pattern opens with
    an alternation and a look-behind, so a search tries every position)."""
    out = []
    for pattern in boilerplate_patterns().get("credit", ()):
        literals = _literals(pattern)
        out.append((pattern, None if literals is None else tuple(sorted(
            lit for lit in literals if not any(other != lit and other in lit for other in literals)))))
    return tuple(out)


def normalize(text: str) -> Normalized:
    """Run every fixer, then strip boilerplate; record what changed.

    >>> n = normalize("記者昨日從市委組織部獲悉,推進(jìn)黨的建設(shè)工作,進一步加強基層組織。")
    >>> n.text, n.script, n.fixes
    ('记者昨日从市委组织部获悉,推进党的建设工作,进一步加强基层组织。', 'traditional', ['remove_pinyin', 'to_simplified'])
    """
    problems: list[Problem] = []
    fixes: list[str] = []
    script = None
    kinds = _kinds_in(text)  # a fixer that would find none of its characters is not run (:data:`_NEEDS`)
    for name, fixer in FIXERS:
        if name in _NEEDS and not kinds & _NEEDS[name]:
            if name == "to_simplified":  # what simplify(text) gives then
                script = script_counts(text, 0)[0]
            continue
        if name == "to_simplified":
            fixed, n_trad = simplify(text)
            script = script_counts(text, n_trad)[0]
            if n_trad:
                fixes.append(name)
                text = fixed
            continue
        if name == "remove_mojibake":
            spans = _mojibake_spans(text)
            if spans:
                sample = [text[a:b] for a, b in spans[:10]]
                problems.append(Problem("normalize", "warning", f"removed {len(spans)} mojibake run(s): text "
                                        "decoded in the wrong encoding somewhere in the page",
                                        json.dumps(sample, ensure_ascii=False)))
                text = _cut(text, spans)
                fixes.append(name)
            continue
        fixed = fixer(text)
        if fixed != text:
            fixes.append(name)
            text = fixed
            if name in _ADDS_CHARACTERS:
                kinds = _kinds_in(text)
    body, facts, bp_problems = strip_boilerplate(text)
    if not body.strip() and (joined := join_short_lines(text)) != text:
        body, facts, bp_problems = strip_boilerplate(joined)
        text = joined
        fixes.append("join_short_lines")
        problems.append(Problem("normalize", "warning", "the page writes its article as short lines without "
                                "punctuation (a mobile layout); runs of them were read as sentences"))
    problems.extend(bp_problems)
    if body != text.strip():
        fixes.append("strip_boilerplate")
    published = facts["published_date"]
    return Normalized(
        credit=source_credit(text),
        text=body,
        title=facts["title"] if isinstance(facts["title"], str) else None,
        published_date=published if isinstance(published, dt.date) else None,
        published_text=facts["published_text"] if isinstance(facts["published_text"], str) else None,
        script=script,
        fixes=fixes,
        problems=problems,
    )
