"""Numerals: Arabic, Chinese and mixed number words to values, and back.

A small hand grammar (faster than a general converter, and it knows the
qualifiers of report prose): ``两千``, ``一万二`` (= 12000), ``1.3万``,
``13万2`` (= 132000), ``110余万``, ``二十余``, ranges such as ``两三`` or
``三四百`` (the lower bound, approximate).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

__all__ = ["CN_DIGITS", "CN_UNITS", "NUMERAL_CHARS", "Numeral", "parse_numeral", "to_chinese"]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_QUALIFIERS = "余多几"
NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(_BIG)


class Numeral(NamedTuple):
    """A parsed number: its value and whether the text only gives it roughly."""

    value: float
    approximate: bool


def _clean(value: float) -> float:
    """Round away float noise (``1.3 * 10000``)."""
    return float(round(value, 6))


def _collapse_ranges(s: str) -> tuple[str, bool]:
    """``两三`` → ``两``, ``三四百`` → ``三百``: keep the lower of two adjacent digits.

    >>> _collapse_ranges("三四百")
    ('三百', True)
    >>> _collapse_ranges("二三")
    ('二', True)
    >>> _collapse_ranges("一二〇")
    ('一二〇', False)
    """
    out: list[str] = []
    approx = False
    structured = len(s) == 2 or any(ch in CN_UNITS or ch in _BIG for ch in s)
    i = 0
    while structured and i < len(s):
        ch = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        a, b = CN_DIGITS.get(ch, 0), CN_DIGITS.get(nxt, 0)
        after = s[i + 2] if i + 2 < len(s) else ""
        before = s[i - 1] if i else ""
        if a and b == a + 1 and after not in CN_DIGITS and before not in CN_DIGITS:
            out.append(ch)
            approx = True
            i += 2
            continue
        out.append(ch)
        i += 1
    return ("".join(out), approx) if structured else (s, False)


def _parse_plain(s: str) -> float | None:
    """Value of a numeral without qualifiers, or None when it is not one."""
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:  # positional: 二〇二〇
        return float("".join(str(CN_DIGITS[ch]) for ch in s))
    result = 0.0
    section = 0.0
    number: float | None = None
    last_unit = 0  # the unit written just before the pending number (for 一万二, 三千五)
    after_zero = False
    wan_seen = False
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            try:
                number = float(s[i:j])
            except ValueError:
                return None
            i = j
            continue
        if ch in CN_DIGITS:
            if number is not None and not after_zero:
                return None  # two digits in a row inside a structured numeral
            number = float(CN_DIGITS[ch])
            after_zero = ch in "零〇"
            if after_zero:
                last_unit = 0
                number = None
        elif ch in CN_UNITS:
            section += (1.0 if number is None else number) * CN_UNITS[ch]
            number, last_unit, after_zero = None, CN_UNITS[ch], False
        elif ch == "万":
            section = section + (number or 0.0)
            if wan_seen:  # 一万零一余万: 万 scales everything before it
                result = (result + section) * 10_000
            else:
                result += (section or 1.0) * 10_000
            section, number, last_unit, after_zero, wan_seen = 0.0, None, 10_000, False, True
        elif ch == "亿":
            result = (result + section + (number or 0.0)) or 1.0
            result *= 100_000_000
            section, number, last_unit, after_zero, wan_seen = 0.0, None, 100_000_000, False, False
        else:
            return None
        i += 1
    if number is not None:
        if last_unit >= 100 and number < 10 and number == int(number):
            number *= last_unit // 10  # 一万二 = 12000, 三千五 = 3500
        section += number
    return _clean(result + section)


@lru_cache(maxsize=4096)  # figures meet the same few numerals again and again
def parse_numeral(text: str) -> Numeral | None:
    """Value of an Arabic, Chinese or mixed numeral with 余/多/几, or None.

    >>> parse_numeral("两千")
    Numeral(value=2000.0, approximate=False)
    >>> parse_numeral("110余万")
    Numeral(value=1100000.0, approximate=True)
    >>> parse_numeral("1.3万").value, parse_numeral("13万2").value, parse_numeral("一万二").value
    (13000.0, 132000.0, 12000.0)
    >>> parse_numeral("两三")
    Numeral(value=2.0, approximate=True)
    >>> parse_numeral("二十余"), parse_numeral("余") is None
    (Numeral(value=20.0, approximate=True), True)
    """
    s = text.strip()
    if not s or s[0] in _QUALIFIERS:
        return None
    approx = any(q in s for q in _QUALIFIERS)
    s = "".join(ch for ch in s if ch not in _QUALIFIERS)
    s, ranged = _collapse_ranges(s)
    s, rough = _rough_units(s)
    value = _parse_plain(s)
    if value is None:
        return None
    return Numeral(value, approx or ranged or rough)


def _rough_units(s: str) -> tuple[str, bool]:
    """``百十`` → ``百``, ``千百`` → ``千``: a numeral that opens with a unit and a smaller one, no digit before them,
    is a rough count of the larger (``百十名党员``: about a hundred; a hundred and ten is written 一百一十).

    >>> _rough_units("百十"), _rough_units("千百万"), _rough_units("一百十"), _rough_units("十万")
    (('百', True), ('千万', True), ('一百十', False), ('十万', False))
    """
    if len(s) >= 2 and s[0] in CN_UNITS and s[1] in CN_UNITS and CN_UNITS[s[1]] < CN_UNITS[s[0]]:
        return s[0] + s[2:], True
    return s, False


_CN = "零一二三四五六七八九"


def _section(n: int) -> str:
    """Chinese for 0 < n < 10000 (no leading 零)."""
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d:
            if zero and out:
                out.append("零")
            out.append(_CN[d] + name)
            zero = False
        else:
            zero = True
    return "".join(out)


def to_chinese(n: int) -> str:
    """Chinese numeral for a non-negative integer below 10**16.

    >>> to_chinese(0), to_chinese(10), to_chinese(100010), to_chinese(1000000000)
    ('零', '十', '十万零一十', '十亿')
    """
    if n == 0:
        return "零"
    parts: list[str] = []
    groups = [(n // 100_000_000_0000) % 10000, (n // 100_000_000) % 10000, (n // 10000) % 10000, n % 10000]
    names = ["万", "亿", "万", ""]
    pending_zero = False
    for i, (g, name) in enumerate(zip(groups, names, strict=True)):
        if not g:
            if parts:
                pending_zero = True
            if i == 1 and parts:  # 万亿 with an empty 亿 group still needs its 亿
                parts.append("亿")
            continue
        if parts and (pending_zero or g < 1000):
            parts.append("零")
        parts.append(_section(g) + name)
        pending_zero = False
    out = "".join(parts)
    return out[1:] if out.startswith("一十") else out
