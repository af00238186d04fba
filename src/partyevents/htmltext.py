"""Main content of an HTML page: body text, title, publication date and address.

:func:`extract_html` runs trafilatura (main-content extraction) on the page
and reads the page's own metadata (``<meta name="PubDate">``,
``article:published_time``, JSON-LD ``datePublished``, ``og:title``,
``<link rel="canonical">``; the list is ``resources/html_meta.tsv``). When
trafilatura finds no main text, the page's whole visible text
(:func:`partyevents.ingest.html_to_text`) is used instead.

A ``发布时间:`` line near the top of the page is outside the main text
trafilatura returns; it is kept (put before the body) so the normalizer still
reads the date from it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import regex_cache as rx
from .resources import boilerplate_patterns, read_table

__all__ = ["HtmlContent", "extract_html", "parse_date"]

WHOLE_PAGE = 0.9  # main text this large a share of the visible text: the page's own text is used
ANCHOR_CHARS = 5  # main-text lines at least this long line it up with the page's own lines
HEAD_LINES = 3  # a page with no title of its own: this many lines before the main text are kept (its heading)
REGION_GROWTH = 1.3  # the page's lines between the main text's first and last line: at most this much larger



@dataclass(slots=True)
class HtmlContent:
    """What one page holds: main text and the metadata the page states."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    extractor: str = "trafilatura"  # "trafilatura" | "fallback" (whole visible text)


@cache
def _meta_names() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for field, name in read_table("html_meta.tsv"):
        out.setdefault(field, []).append(name.lower())
    return {k: tuple(v) for k, v in out.items()}


_DATE = rx.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})|((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")


def parse_date(value: object) -> dt.date | None:
    """A calendar date from a metadata value (ISO, ``2021/10/29``, ``2021年10月29日``, ``20211029``), or None.

    >>> parse_date("2021-10-29T08:00:00+08:00"), parse_date("2021年3月5日 10:00"), parse_date("soon")
    (datetime.date(2021, 10, 29), datetime.date(2021, 3, 5), None)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE.search(value)
    if m is None:
        return None
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
    try:
        date = dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return date if date <= dt.date.today() + dt.timedelta(days=1) else None


def _meta(tree: Any, field: str) -> str | None:
    """The first non-empty ``<meta>`` value for ``field``, in the order of the resource table."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = el.get("name") or el.get("property") or el.get("itemprop") or el.get("http-equiv")
        value = el.get("content")
        if key and value and value.strip():
            found.setdefault(key.strip().lower(), value.strip())
    return next((found[n] for n in _meta_names().get(field, ()) if n in found), None)


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _page_metadata(tree: Any) -> tuple[str | None, dt.date | None, str | None]:
    """(title, published, url) stated by the page's metadata."""
    title, published, url = _meta(tree, "title"), parse_date(_meta(tree, "date")), _meta(tree, "url")
    for item in _json_ld(tree):
        published = published or parse_date(item.get("datePublished"))
        headline = item.get("headline")
        title = title or (headline.strip() if isinstance(headline, str) and headline.strip() else None)
        if url is None and isinstance(item.get("url"), str) and item["url"].startswith("http"):
            url = item["url"]
    if published is None:
        for el in tree.iter("time"):
            if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
                published = parse_date(el.get("datetime") or el.text_content())
                if published:
                    break
    if url is None:
        for el in tree.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and (el.get("href") or "").startswith("http"):
                url = el.get("href")
                break
    return title, published, url if url and url.startswith("http") else None


def _date_line(visible: str, body: str) -> str | None:
    """The ``发布时间:…`` line of the page header (before the main text), if any."""
    from .normalize import nfkc

    pats = boilerplate_patterns().get("meta", ())
    first = next((line for line in body.split("\n") if line.strip()), "")
    for line in visible.split("\n"):
        if first and first in line:
            break
        if any(p.search(nfkc(line)) for p in pats):
            return line
    return None


def extract_html(html: str) -> HtmlContent:
    """Main text and metadata of a page; the page's whole visible text when no main text is found.

    >>> page = ("<html><head><title>社区开展活动_某区政府网</title><meta name='PubDate' content='2023-05-12'>"
    ...         "</head><body><div>首页</div><p>" + "红星社区党支部组织党员开展主题党日活动。" * 3 + "</p></body></html>")
    >>> c = extract_html(page)
    >>> "红星社区" in c.text, c.published, c.title
    (True, datetime.date(2023, 5, 12), '社区开展活动')
    """
    from .ingest import html_to_text

    tree = _parse(html)
    if tree is not None:
        try:
            return _from_tree(tree)
        except Exception:  # an odd tree: the tag stripper reads anything
            pass
    return HtmlContent(text=html_to_text(html), extractor="fallback")


def _from_tree(tree: Any) -> HtmlContent:
    """:func:`extract_html` on a parsed page."""
    title, published, url = _page_metadata(tree)
    if title and is_site_name(title):
        title = None  # og:title set to the site's name on every page
    main = _main_text(tree)
    page_title, body = _visible(tree)
    visible = f"{page_title}\n{body}" if page_title and not body.startswith(page_title) else body
    text = _same_region(body, main) if main else None
    if text is None and main and _size(main) < WHOLE_PAGE * _size(body):
        text = main
    if not text:  # nothing found, or nothing to line up and nearly the whole page: the page's own text
        return HtmlContent(text=visible, title=_clean(title or _title(tree)), published=published, url=url,
                           extractor="fallback")
    title = title or _title(tree)
    if title is None and (head := _head_lines(body, text)):
        text = f"{head}\n{text}"  # a fragment without <title> or <h1>: its first lines are its heading
    if published is None and (line := _date_line(visible, text)):
        text = f"{line}\n{text}"
    return HtmlContent(text=text, title=_clean(title), published=published, url=url)


def _head_lines(body: str, text: str) -> str | None:
    """The page's few lines before the main text (the normalizer reads a title among them), or None."""
    lines = body.split("\n")
    first = next((line for line in text.split("\n") if line.strip()), None)
    if first is None or first not in lines:
        return None
    at = lines.index(first)
    return "\n".join(lines[:at]) if 0 < at <= HEAD_LINES else None


def _visible(tree: Any) -> tuple[str, str]:
    r"""``(title, body)`` of a parsed page: what :func:`partyevents.ingest.visible_text` gives, from lxml's tree.

    >>> _visible(_parse("<html><head><title>T</title></head><body><div>一<b>二</b><!-- x --></div>"
    ...                 "<script>s()</script>三<br>四</body></html>"))
    ('T', '一二\n三\n四')
    """
    from lxml import etree

    from .ingest import BLOCK_TAGS, SKIP_TAGS

    parts: list[str] = []
    skip = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None  # None: a comment or processing instruction
        if event == "start":
            if tag in SKIP_TAGS:
                skip += 1
            elif tag is not None and not skip:
                if tag in BLOCK_TAGS:
                    parts.append("\n")
                if el.text:
                    parts.append(el.text)
            continue
        if tag in SKIP_TAGS:
            skip -= 1
        elif tag in BLOCK_TAGS and not skip:
            parts.append("\n")
        if el.tail and not skip and el is not tree:
            parts.append(el.tail)
    found = tree.find(".//title")
    title = " ".join(found.text_content().split()) if found is not None else ""
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return title, "\n".join(line for line in lines if line)


def _clean(title: str | None) -> str | None:
    from .normalize import clean_title

    title = " ".join(title.split()) if title else None
    return clean_title(title) if title else None


def _same_region(visible: str, main: str) -> str | None:
    r"""The page's own lines from the first to the last line of trafilatura's main text, or None.

    trafilatura drops short paragraphs it has seen before on the page (a bulletin's repeated date headings,
    ``12月6日``), and on a page too small for it to find the main part, splits lines at inline tags; the
    page's own lines between the main text's first and last line keep both right. The lines are lined up
    by the main-text lines found verbatim among the page's lines; None when none is (the main text is
    then kept as trafilatura gave it). When the region is much larger than the main text (it would take
    in a sidebar), the main text is kept as well.

    >>> _same_region("首页\n12月4日\n甲社区党支部开展主题活动。\n12月4日\n乙社区党支部开展主题活动。\n相关文章",
    ...              "甲社区党支部开展主题活动。\n乙社区党支部开展主题活动。")
    '甲社区党支部开展主题活动。\n12月4日\n乙社区党支部开展主题活动。'
    """
    lines = visible.split("\n")
    keys = ["".join(line.split()) for line in lines]
    known = set(keys)
    anchors = [k for k in ("".join(line.split()) for line in main.split("\n")) if len(k) >= ANCHOR_CHARS
               and k in known]
    if not anchors:
        return None
    start = keys.index(anchors[0])
    end = len(keys) - 1 - keys[::-1].index(anchors[-1])
    if end < start:
        return main
    region = lines[start:end + 1]
    if _size("".join(region)) > REGION_GROWTH * _size(main):
        return main
    return "\n".join(region)


def _size(text: str) -> int:
    return len(text) - text.count(" ") - text.count("\n")


def _parse(html: str) -> Any:
    from trafilatura.utils import load_html

    _quiet()
    try:
        return load_html(html)
    except Exception:
        return None


def _title(tree: Any) -> str | None:
    """The page's heading (trafilatura: a single ``<h1>``, a ``class="title"`` element, else ``<title>``), or
    its ``<title>`` when the heading is only the site's name (a logo in ``<h1>``).

    >>> _title(_parse("<html><head><title>社区开展主题党日_某区门户网站</title></head><body><h1>某区人民政府</h1>"
    ...               "<p>正文</p></body></html>"))
    '社区开展主题党日_某区门户网站'
    """
    from trafilatura.metadata import extract_title

    try:
        heading = extract_title(tree)
    except Exception:
        heading = None
    heading = " ".join(heading.split()) if heading else None
    found = tree.find(".//title")
    page_title = " ".join(found.text_content().split()) if found is not None else ""
    if heading and page_title and heading not in page_title and is_site_name(heading):
        return page_title
    return heading or page_title or None


def is_site_name(text: str) -> bool:
    """Whether a heading is a site's name (what CMSs append to titles: …人民政府, …门户网站, …网).

    >>> is_site_name("某区人民政府"), is_site_name("社区开展主题党日")
    (True, False)
    """
    from .normalize import clean_title

    return clean_title("标题_" + text) == "标题"


def _main_text(tree: Any) -> str:
    import trafilatura

    try:
        text = trafilatura.extract(tree, include_comments=False, include_tables=False, with_metadata=False, fast=True)
    except Exception:
        return ""
    if not text:
        return ""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@cache
def _quiet() -> None:
    """trafilatura logs a warning for every page it finds no main text in; the fallback handles those."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)
