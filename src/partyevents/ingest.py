"""The ingest stage: files -> raw documents -> decoded text.

Reading the input folder (:func:`iter_inputs`) is the only part that touches
the file system; :func:`decode` is a pure ``bytes -> text`` function.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import errno
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from . import regex_cache as rx
from .records import Decoded, ManifestRow, Problem, RawDocument
from .sources import Columns, Context, container_kind, iter_container
from .sources.folder import display_name, long_path_reason, name_problem, walk

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("path", "url", "published_date", "place")

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or docx/xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# A detector's answer -> the codec we decode with (GB18030 is a superset of GBK/GB2312).
_CODEC_FOR = {"gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "big5": "big5hkscs",
              "big5hkscs": "big5hkscs", "cp950": "big5hkscs", "utf_8": "utf-8", "ascii": "utf-8"}
_REPORTED_AS = {"big5hkscs": "big5"}


class RejectedInput(Exception):
    """The input cannot be read as a document; the message says why."""


def doc_id_for(data: bytes) -> str:
    """First 16 hex characters of the SHA-256 of the raw bytes.

    >>> doc_id_for(b"")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()[:16]


# ---------------------------------------------------------------- decoding
def decode(data: bytes, source_path: str = "", *, html: bool | None = None) -> Decoded:
    """Decode raw bytes to text; HTML is reduced to its main text (title, date and url kept aside).

    HTML is told by content, whatever the file is called (``.shtml``, ``.php``,
    ``.aspx``, ``c.html?id=123``, no extension); ``html=True`` says so outright
    (a record's HTML column). Raises :class:`RejectedInput` for binary or
    undecodable input.

    >>> decode("党建".encode("gb18030")).encoding
    'gb18030'
    >>> decode("<p>党建&amp;工作</p><script>x()</script>".encode(), "a.html").text
    '党建&工作'
    """
    text, encoding = _decode_bytes(data)
    problems: list[Problem] = []
    if "+" in encoding:
        problems.append(Problem("ingest", "warning", f"the file mixes encodings ({encoding.replace('+', ' and ')}); "
                                "each part was decoded with its own", None))
    if "\ufffd" in text:
        problems.append(Problem("ingest", "warning", f"{text.count(chr(0xFFFD))} undecodable byte sequences "
                                "were replaced; the file may mix encodings", None))
    is_html = html if html is not None else (source_path.lower().endswith(HTML_SUFFIXES) or _looks_like_html(text))
    if not is_html:
        return Decoded(text=text, encoding=encoding, problems=problems)
    from .htmltext import extract_html

    page = extract_html(text)
    text = page.text  # the title goes first, as on the page, so the normalizer reads the header as it would
    if page.title and not text.startswith(page.title):
        text = f"{page.title}\n{text}"
    return Decoded(text=text, encoding=encoding, is_html=True, problems=problems, title=page.title,
                   published=page.published, url=page.url)


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), name
            except UnicodeDecodeError as exc:
                raise RejectedInput(f"starts with a {name} byte-order mark but does not decode as {name}: {exc.reason}") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise RejectedInput(f"binary file ({what}), not text")
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data:
        raise RejectedInput("binary file (contains NUL bytes), not text")
    guess = _detect(data)
    if guess is not None and not _utf8_line_with_cjk(data) and _reads_common(guess):
        return guess  # a page in one legacy encoding: no need to read it run by run for UTF-8 parts
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed, "utf-8+gb18030"
    if guess is not None:
        return guess
    # Mostly UTF-8 with a few bad bytes (e.g. a truncated multibyte sequence at the end).
    bad = _count_bad_utf8(data)
    if bad * 50 <= len(data):
        return data.decode("utf-8", errors="replace"), "utf-8"
    raise RejectedInput(f"cannot tell the text encoding (not UTF-8: {utf8_error.reason} at byte "
                        f"{utf8_error.start}; not GB18030 or Big5 either)")


def _utf8_line_with_cjk(data: bytes) -> bool:
    r"""Whether some line of ``data`` is UTF-8 holding Chinese (a page in GB18030 or Big5 has none).

    >>> _utf8_line_with_cjk("社区党支部".encode("gb18030") + b"\n" + "党员".encode()), _utf8_line_with_cjk(
    ...     "社区党支部".encode("gb18030") + b"\nabc")
    (True, False)
    """
    for line in data.split(b"\n"):
        try:
            if _CJK_RUN.search(line.decode("utf-8")):
                return True
        except UnicodeDecodeError:
            continue
    return False


def _reads_common(decoded: tuple[str, str]) -> bool:
    """Whether a legacy reading's Chinese is mostly common characters (as a misread page's is not)."""
    text, codec = decoded
    return _common_share(text, traditional=codec.startswith("big5")) >= 0.5


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs on one side only, and the text reads as Chinese or plain text.

    Chinese in UTF-16 has few NUL bytes (only its ASCII digits and punctuation
    have them), so the NUL count only picks the byte order; the decoded text
    must then be made of CJK, ASCII and common punctuation.

    >>> _sniff_utf16("党员30人,参加活动。".encode("utf-16-le")), _sniff_utf16("abc".encode())
    ('utf-16-le', None)
    """
    sample = data[:4000]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 2 * even:
        codec = "utf-16-le"
    elif even > 2 * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(codec, errors="strict")
    except UnicodeDecodeError:
        return None
    plausible = sum(1 for c in text if (c.isascii() and (c.isprintable() or c in "\r\n\t"))
                    or "\u3000" <= c <= "\u303f" or "\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return codec if plausible >= 0.9 * len(text) else None


def _decode_mixed(data: bytes) -> str | None:
    r"""UTF-8 with parts in GB18030 (a page assembled from two sources, even inside one line), or None.

    A line that is not UTF-8 is decoded in runs (:func:`_decode_runs`): each run of non-ASCII bytes as
    UTF-8, else as GB18030, else split where one encoding ends and the other begins. Accepted only when the
    UTF-8 parts hold real Chinese text (at least 4 CJK characters and a fifth of all of them), the GB18030
    parts at least 2 CJK characters, and at most one character in 50 could not be decoded.

    >>> _decode_mixed("党员志愿者\n".encode() + "社区党支部".encode("gb18030"))
    '党员志愿者\n社区党支部'
    >>> _decode_mixed("党员志愿者走访".encode() + "社区党支部开展活动".encode("gb18030") + b"\n")
    '党员志愿者走访社区党支部开展活动\n'
    >>> _decode_mixed("社区党支部召开会议".encode("gb18030")) is None
    True
    """
    parts: list[str] = []
    utf8_cjk = gb_cjk = bad = 0
    for line in data.split(b"\n"):
        try:
            text = line.decode("utf-8")
            utf8_cjk += _n_cjk(text)
        except UnicodeDecodeError:
            text, n_utf8, n_gb, n_bad = _decode_runs(line)
            utf8_cjk, gb_cjk, bad = utf8_cjk + n_utf8, gb_cjk + n_gb, bad + n_bad
        parts.append(text)
    if utf8_cjk < 4 or utf8_cjk * 4 < gb_cjk or gb_cjk < 2 or bad * 50 > utf8_cjk + gb_cjk:
        return None
    return "\n".join(parts)


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _decode_runs(line: bytes) -> tuple[str, int, int, int]:
    """A line that is not UTF-8, run by run: ``(text, CJK read as UTF-8, CJK read as GB18030, bytes replaced)``.

    ASCII is the same in both encodings; each run of other bytes is UTF-8, else GB18030 (a GB18030 character
    whose second byte is ASCII continues the run), else a UTF-8 part followed by a GB18030 part or the other
    way round; what is none of these is replaced with U+FFFD. Linear in the line's length.

    >>> _decode_runs("会议".encode() + "开始".encode("gb18030") + b", 30" + "人".encode())
    ('会议开始, 30人', 3, 2, 0)
    """
    out: list[str] = []
    n_utf8 = n_gb = n_bad = 0
    pos = 0
    while pos < len(line):
        m = _HIGH_RUN.search(line, pos)
        if m is None:
            out.append(line[pos:].decode("ascii"))
            break
        out.append(line[pos:m.start()].decode("ascii"))
        start, end = m.start(), m.end()
        for _ in range(8):  # bounded: a run is re-read at most 8 times
            run = line[start:end]
            text, n_u, n_g = _decode_run(run)
            if text is not None or end >= len(line) or not 0x40 <= line[end] <= 0x7E:
                break
            nxt = _HIGH_RUN.match(line, end + 1)  # a GB18030 pair with an ASCII second byte: read on
            end = nxt.end() if nxt else end + 1
        if text is None:
            text = run.decode("utf-8", errors="replace")
            n_bad += text.count("\ufffd")
        out.append(text)
        n_utf8, n_gb = n_utf8 + n_u, n_gb + n_g
        pos = end
    return "".join(out), n_utf8, n_gb, n_bad


def _decode_run(run: bytes) -> tuple[str | None, int, int]:
    """One run of non-ASCII bytes: (text or None, CJK read as UTF-8, CJK read as GB18030).

    UTF-8 if it is; else of the readings that decode (all GB18030; UTF-8 then GB18030; GB18030 then UTF-8)
    and whose GB18030 part is mostly common characters (UTF-8 misread as GB18030 is mostly rare ones), the
    one with the most common characters; None when there is none.
    """
    try:
        text = run.decode("utf-8")
        return text, _n_cjk(text), 0
    except UnicodeDecodeError as exc:
        valid_utf8 = exc.start  # the longest prefix that is UTF-8
    readings: list[tuple[str, str, bool]] = []  # (UTF-8 part, GB18030 part, whether UTF-8 comes first)
    with contextlib.suppress(UnicodeDecodeError):
        readings.append(("", run.decode("gb18030"), False))
    if valid_utf8:  # UTF-8, then GB18030 from where UTF-8 stops
        with contextlib.suppress(UnicodeDecodeError):
            readings.append((run[:valid_utf8].decode("utf-8"), run[valid_utf8:].decode("gb18030"), True))
    utf8_from = _utf8_suffixes(run)
    cut, tries = 0, 0
    while cut < len(run) and tries < 3:  # GB18030, then UTF-8: the first GB18030 boundary the rest is UTF-8 from
        if utf8_from[cut]:
            tries += 1
            with contextlib.suppress(UnicodeDecodeError):
                readings.append((run[cut:].decode("utf-8"), run[:cut].decode("gb18030"), False))
                break
        cut += 4 if cut + 1 < len(run) and 0x30 <= run[cut + 1] <= 0x39 else 2 if run[cut] >= 0x81 else 1
    readings = [r for r in readings if 2 * _n_common(r[1]) >= _n_cjk(r[1])]  # not UTF-8 misread as GB18030
    if not readings:
        return None, 0, 0
    utf8, gb, utf8_first = max(readings, key=lambda r: _n_common(r[0]) + _n_common(r[1]))
    text = utf8 + gb if utf8_first else gb + utf8
    return text, _n_cjk(utf8), _n_cjk(gb)


def _n_common(text: str) -> int:
    return sum(map(len, _common_run_re().findall(text)))


def _utf8_suffixes(run: bytes) -> list[bool]:
    """``[i]``: whether ``run[i:]`` is valid UTF-8 (computed from the end, in one pass).

    >>> _utf8_suffixes(b"\\xb5" + "党".encode())
    [False, True, False, False, True]
    """
    n = len(run)
    ok = [False] * (n + 1)
    ok[n] = True
    for i in range(n - 1, -1, -1):
        b = run[i]
        size = 1 if b < 0x80 else 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        if size and i + size <= n and ok[i + size] and all(0x80 <= c <= 0xBF for c in run[i + 1:i + size]):
            ok[i] = size == 1 or _valid_utf8(run[i:i + size])
    return ok


def _valid_utf8(seq: bytes) -> bool:
    try:
        seq.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _detect(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5: the decoding whose Chinese reads as common characters (a near tie goes to GB18030).

    On an exact tie, charset-normalizer's guess decides.
    """
    scored: list[tuple[float, str, str]] = []
    for codec in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "big5hkscs" and _cjk_share(text) <= 0.2:
            continue
        bonus = 0.05 if codec == "gb18030" else 0.0  # a mainland corpus: GB18030 wins a near tie
        scored.append((_common_share(text, traditional=codec == "big5hkscs") + bonus, text, codec))
    if not scored:
        return None
    scored.sort(key=lambda s: s[0], reverse=True)
    if len(scored) == 2 and scored[0][0] == scored[1][0]:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_8"]).best()
        guess = _CODEC_FOR.get(best.encoding.lower().replace("-", "_")) if best is not None else None
        scored.sort(key=lambda s: s[2] != guess)
    _, text, codec = scored[0]
    return text, _REPORTED_AS.get(codec, codec)


def _common_share(text: str, *, traditional: bool) -> float:
    """Share of the CJK characters that are among the common ones (after t2s for Big5 text).

    >>> _common_share("党建工作", traditional=False) > _common_share("數膘釬", traditional=True)
    True
    """
    from .normalize import to_simplified

    han = "".join(_CJK_RUN.findall(text[:20000]))
    if not han:
        return 0.0
    if traditional:
        han = to_simplified(han)
    return sum(map(len, _common_run_re().findall(han))) / len(han)


_CJK_RUN = rx.compile(r"[\u4e00-\u9fff]+")


def _n_cjk(text: str) -> int:
    """Number of CJK unified ideographs in ``text``.

    >>> _n_cjk("党建 abc 工作。")
    4
    """
    return sum(map(len, _CJK_RUN.findall(text)))


@cache
def _common_run_re() -> re.Pattern[str]:
    from .normalize import common_chars

    return rx.compile("[" + "".join(sorted(common_chars())) + "]+")


def _cjk_share(text: str) -> float:
    return _n_cjk(text) / len(text) if text else 0.0


def _count_bad_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd")


_HTML_HINT = rx.compile(r"<(?:!doctype|html|head|meta|title|body|div|p|br|table|span|h[1-6]|article|section)\b",
                        re.I)


def _looks_like_html(text: str) -> bool:
    """HTML by content: a tag of page structure near the start.

    >>> _looks_like_html("\\n<!DOCTYPE html><html>"), _looks_like_html("党员<30人")
    (True, False)
    """
    return bool(_HTML_HINT.search(text[:4000]))


# ---------------------------------------------------------------- HTML
BLOCK_TAGS = _BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "title", "option"]
)
SKIP_TAGS = _SKIP_TAGS = frozenset(["script", "style", "noscript", "template", "svg", "iframe", "object", "head", "select", "button"])


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one line per block element.

    >>> html_to_text("<title>T</title><div>一<b>二</b></div><p>三<!-- x --></p>")
    'T\\n一二\\n三'
    """
    title, text = visible_text(html)
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def visible_text(html: str) -> tuple[str, str]:
    """``(title, body)``: the ``<title>`` and the visible text of the body, one line per block element.

    >>> visible_text("<title>T</title><div>一<b>二</b></div>")
    ('T', '一二')
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        pass
    body = "".join(parser.parts)
    title = " ".join("".join(parser.title).split())
    lines = [" ".join(line.split()) for line in body.split("\n")]
    return title, "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- the folder
@dataclass(frozen=True, slots=True)
class InputOptions:
    """How :func:`iter_inputs` reads the input folder."""

    max_bytes: int = DEFAULT_MAX_BYTES
    manifest: Path | None = None  # default: IN_DIR/manifest.csv when present
    columns: Columns = field(default_factory=Columns)  # which fields of a record file hold the text, url, date, title, id
    exclude: tuple[Path, ...] = ()  # folders never read (the output folder when it is inside the input folder)


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[Problem]]:
    """Rows of ``manifest.csv`` keyed by their ``/``-separated path; bad rows become problems."""
    rows: dict[str, ManifestRow] = {}
    problems: list[Problem] = []
    try:
        raw = _manifest_bytes(path).decode("utf-8-sig")
    except RejectedInput as exc:
        return rows, [Problem("ingest", "warning", f"manifest {path.name} not read: {exc}")]
    except (OSError, UnicodeDecodeError) as exc:
        return rows, [Problem("ingest", "warning", f"cannot read manifest {path.name}: {exc}; "
                              "save it as UTF-8 CSV with columns path,url,published_date,place")]
    reader = csv.DictReader(io.StringIO(raw))
    if not reader.fieldnames or "path" not in reader.fieldnames:
        return rows, [Problem("ingest", "warning", f"manifest {path.name} has no 'path' column; "
                              "expected columns path,url,published_date,place", repr(reader.fieldnames))]
    unknown = [c for c in reader.fieldnames if c not in MANIFEST_COLUMNS]
    if unknown:
        problems.append(Problem("ingest", "warning", f"manifest {path.name} has unknown column(s) {', '.join(unknown)}"
                                f"; they are ignored (expected columns {','.join(MANIFEST_COLUMNS)})", None))
    try:
        for lineno, rec in enumerate(reader, start=2):
            _manifest_row(rec, lineno, rows, problems)
    except csv.Error as exc:
        problems.append(Problem("ingest", "warning", f"manifest {path.name} is not valid CSV after line "
                                f"{reader.line_num}: {exc}; the rows after it are ignored", None))
    return rows, problems


MAX_MANIFEST_BYTES = 512 * 1024 * 1024  # a manifest of millions of rows fits; /dev/zero does not


def _manifest_bytes(path: Path, limit: int = MAX_MANIFEST_BYTES) -> bytes:
    """The bytes of a manifest that is a regular file of at most ``limit`` bytes, else :class:`RejectedInput`.

    A pipe is opened without waiting for a writer and never read; a device (``/dev/zero``) is not read either.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a pipe" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or \
                stat.S_ISBLK(st.st_mode) else "not a regular file"
            raise RejectedInput(f"it is {what}; only a regular CSV file is read as a manifest")
        if st.st_size > limit:
            raise RejectedInput(f"it is {st.st_size:,} bytes, over the {limit:,}-byte limit for a manifest")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise RejectedInput(f"it grew over the {limit:,}-byte limit for a manifest while it was read")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _manifest_row(rec: dict[str, str | None], lineno: int, rows: dict[str, ManifestRow],
                  problems: list[Problem]) -> None:
    """Add one manifest record to ``rows``, or say why it cannot be used."""
    rel = (rec.get("path") or "").strip().replace("\\", "/")
    if not rel:
        problems.append(Problem("ingest", "warning", f"manifest line {lineno} has an empty path; row ignored",
                                repr(rec)))
        return
    published = None
    value = (rec.get("published_date") or "").strip()
    if value:
        try:
            published = dt.date.fromisoformat(value[:10])
        except ValueError:
            problems.append(Problem("ingest", "warning", f"manifest line {lineno}: published_date {value!r} "
                                    "is not an ISO date (YYYY-MM-DD); ignored", repr(rec)))
    rows[rel] = ManifestRow(path=rel, url=(rec.get("url") or None), published_date=published,
                            place=(rec.get("place") or "").strip() or None)


def iter_inputs(in_dir: Path, options: InputOptions | None = None) -> Iterator[RawDocument | Problem]:
    """Every document below ``in_dir`` (sorted, recursive) as a :class:`RawDocument`.

    A loose file is one document, whatever its name (HTML and text are told by
    content); a record file, archive or WARC file gives one document per
    record or member (:mod:`partyevents.sources`). Folder-level problems (an
    unreadable manifest, a skipped output folder, an empty folder) are yielded
    as :class:`Problem` values between the documents.
    """
    options = options or InputOptions()
    manifest_path = options.manifest or (in_dir / MANIFEST_NAME)
    manifest: dict[str, ManifestRow] = {}
    if options.manifest is not None or manifest_path.exists():
        manifest, problems = read_manifest(manifest_path)
        yield from problems
    ctx = Context(options.max_bytes, options.columns, manifest)
    unmatched = set(manifest)
    skip = {_resolved(p) for p in (*options.exclude, manifest_path)}
    n_files = 0
    for path in walk(in_dir, skip):
        if isinstance(path, Problem):
            yield path
            continue
        rel, how = display_name(path.relative_to(in_dir).as_posix())
        if how is not None:
            yield name_problem(rel, how)
        if rel == MANIFEST_NAME or _resolved(path) in skip:
            continue  # the folder's manifest is never a document, even when --manifest names another file
        n_files += 1
        unmatched.discard(rel)
        kind = container_kind(path)
        if kind is None:
            yield read_file(path, rel, options.max_bytes, manifest.get(rel))
            continue
        for item in iter_container(path, rel, kind, ctx):
            for named in _named(item):
                if isinstance(named, RawDocument):
                    unmatched.discard(named.source_path)
                yield named
    if not n_files:
        yield Problem("ingest", "warning", f"the input folder {in_dir} holds no files to read", None, ".")
    if unmatched:
        missing = sorted(unmatched)
        yield Problem("ingest", "warning", f"manifest lists {len(missing)} path(s) that are not in the input folder",
                      repr(missing[:20]))


def _resolved(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _named(item: RawDocument | Problem) -> Iterator[RawDocument | Problem]:
    """``item`` with a path that is valid UTF-8 (a member of a tar file can have any bytes for a name),
    after an ``error`` problem when it had to be changed."""
    if isinstance(item, Problem):
        yield item
        return
    shown, how = display_name(item.source_path)
    if how is None:
        yield item
        return
    yield name_problem(shown, how)
    record = display_name(item.source_record)[0] if item.source_record else item.source_record
    yield dataclasses.replace(item, source_path=shown, source_record=record)


def read_file(path: Path, rel: str, max_bytes: int, manifest: ManifestRow | None = None) -> RawDocument:
    """Read one file's bytes, or say why not (without reading an oversized file)."""
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reason = "symbolic link loop"
        elif exc.errno == errno.ENAMETOOLONG:
            reason = long_path_reason(path)
        else:
            reason = "broken symbolic link" if path.is_symlink() else f"cannot stat: {exc.strerror}"
        return RawDocument(rel, None, error=reason, manifest=manifest)
    if path.is_symlink() and path.is_dir():
        return RawDocument(rel, None, manifest=manifest,
                           error="symbolic link to a folder; not followed (links can loop)")
    if not path.is_file():
        return RawDocument(rel, None, error="not a regular file", manifest=manifest)
    if st.st_size > max_bytes:
        return RawDocument(rel, None, manifest=manifest,
                           error=f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                           "(raise it with --max-bytes)")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return RawDocument(rel, None, error=f"cannot read: {exc.strerror}", manifest=manifest)
    if len(data) > max_bytes:
        return RawDocument(rel, None, error=f"file grew over the {max_bytes:,}-byte limit while reading",
                           manifest=manifest)
    return RawDocument(rel, data, manifest=manifest)
