"""Chinese script: traditional -> simplified conversion (OpenCC ``t2s``) and script detection.

OpenCC is fast on a whole text; what costs is calling it when there is nothing
to convert and comparing texts character by character in Python. So a text is
converted only when it holds a character that t2s changes, converted once, and
the changed characters are counted with numpy.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path

import numpy as np

from . import regex_cache as rx
from .cache import cached, file_digest

__all__ = ["code_points", "detect_script", "opencc_stamp", "script_counts", "simplify", "to_simplified", "traditional_chars"]

_HAN = rx.compile(r"[\u4e00-\u9fff]+")


@cache
def _converter(config: str) -> object:
    import opencc

    return opencc.OpenCC(config)


def _convert(config: str, text: str) -> str:
    return _converter(config).convert(text)  # type: ignore[attr-defined, no-any-return]


@cache
def _changed_chars(config: str) -> tuple[str, ...]:
    """Han characters (BMP) that OpenCC's ``config`` changes on their own, sorted.

    Finding them loads the converter and converts the whole Han block (about a tenth of a second per config, and
    ``s2t`` is otherwise loaded only for a traditional page): kept in the disk cache, keyed by OpenCC's version.
    """
    key = (config, opencc_stamp(), file_digest(__file__))
    return tuple(cached(f"opencc_changed_{config}", key, lambda: _build_changed_chars(config)))


@cache
def opencc_stamp() -> str:
    """What names the installed OpenCC build in a cache key, read without importing it (that costs 40 ms): the
    name, size and modification time of its compiled library (its dictionaries come with it)."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        return ""
    return ";".join(f"{p.name}:{st.st_size}:{st.st_mtime_ns}"
                    for p in sorted((Path(spec.origin).parent / "clib").glob("opencc_clib*")) for st in [p.stat()])


def _build_changed_chars(config: str) -> str:
    """:func:`_changed_chars`, built: one string."""
    han = "".join(chr(cp) for cp in range(0x3400, 0xA000))
    return "".join(sorted({a for a, b in zip(han, _convert(config, han), strict=False) if a != b}))


@cache
def _changed_by(config: str) -> re.Pattern[str]:
    """:func:`_changed_chars` as one character class: a text without any of t2s's is simplified already."""
    return rx.compile("[" + "".join(_changed_chars(config)) + "]")


@cache
def _changed_mask(config: str) -> np.ndarray:
    """:func:`_changed_chars` as a boolean array over the BMP code points (for vectorized counts)."""
    mask = np.zeros(0x10000, dtype=bool)
    mask[[ord(c) for c in _changed_chars(config)]] = True
    return mask


def traditional_chars() -> tuple[str, ...]:
    """The Han characters (BMP) that the traditional-to-simplified conversion changes, sorted.

    >>> "黨" in traditional_chars(), "党" in traditional_chars()
    (True, False)
    """
    return _changed_chars("t2s")


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as a read-only numpy array (lone surrogates kept).

    >>> code_points("党a").tolist()
    [20826, 97]
    """
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def simplify(text: str) -> tuple[str, int]:
    """``(text in simplified script, number of characters changed)``.

    >>> simplify("黨員進社區,憑藉")
    ('党员进社区,凭借', 6)
    >>> simplify("党员")
    ('党员', 0)
    """
    if not _changed_by("t2s").search(text):
        return text, 0
    new = _convert("t2s", text)
    if new == text:
        return text, 0
    if len(new) != len(text):  # OpenCC keeps the length; count the slow way if it ever does not
        return new, sum(map(str.__ne__, text, new)) + abs(len(new) - len(text))
    return new, int(np.count_nonzero(code_points(new) != code_points(text)))


def to_simplified(text: str) -> str:
    """Traditional characters become simplified (OpenCC ``t2s``).

    >>> to_simplified("黨員進社區")
    '党员进社区'
    """
    return simplify(text)[0]


def script_counts(text: str, n_trad: int | None = None) -> tuple[str | None, int]:
    """(script, number of characters t2s changes) of a text.

    ``n_trad``, when given, is the count :func:`simplify` already made. A text is
    ``simplified`` when under 1% of its Han characters change in t2s,
    ``traditional`` when under 1% are simplified-only forms (characters s2t
    changes), else ``mixed`` when both shares are within a factor of five of each
    other, else the larger.

    >>> script_counts("党员进社区"), script_counts("黨員進社區"), script_counts("abc")
    (('simplified', 0), ('traditional', 4), (None, 0))
    """
    if n_trad is None:
        n_trad = simplify(text)[1]
    if not n_trad:  # no need to count the Han characters
        return ("simplified" if _HAN.search(text) else None), 0
    codes = code_points(text)
    n_han = int(np.count_nonzero((codes >= 0x4E00) & (codes <= 0x9FFF)))
    if not n_han:
        return None, n_trad
    trad = n_trad / n_han
    if trad < 0.01:
        return "simplified", n_trad
    simp = int(np.count_nonzero(_changed_mask("s2t")[codes[codes < 0x10000]])) / n_han
    if simp < 0.01:
        return "traditional", n_trad
    if min(trad, simp) / max(trad, simp) > 0.2:
        return "mixed", n_trad
    return ("traditional" if trad > simp else "simplified"), n_trad


def detect_script(text: str) -> str | None:
    """``simplified``, ``traditional`` or ``mixed``; None when there is no Chinese text.

    >>> detect_script("党员进社区"), detect_script("黨員進社區"), detect_script("abc")
    ('simplified', 'traditional', None)
    """
    return script_counts(text)[0]
