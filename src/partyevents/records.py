"""Small typed records passed between the pipeline stages.

Plain dataclasses: the stages build and read them; pydantic only checks the
final rows (see :mod:`partyevents.models`). Every mention that comes from the
text carries its half-open character span ``(start, end)`` into the
document's normalized text, or ``None`` when it could not be grounded
(for example a date inherited from the previous event).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SCHEMA_VERSION = "1"

Stage = str  # "ingest" | "normalize" | "segment" | "extract" | "validate" | "write"
Severity = str  # "error" | "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something a user should know about: a dropped record or a flagged one."""

    stage: Stage
    severity: Severity
    message: str
    detail: str | None = None  # the offending value or record, as JSON
    source: str | None = None  # the file it is about, for a problem of the input folder rather than of a document


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """Metadata a scraper already has for one input file (``manifest.csv``)."""

    path: str
    url: str | None = None
    published_date: dt.date | None = None
    place: str | None = None


@dataclass(slots=True)
class RawDocument:
    """One input file as read from disk: bytes and where they came from."""

    source_path: str  # relative to the input folder, "/"-separated; "a.zip!/b.html", "pages.jsonl#12" inside files
    data: bytes | None  # None when the file could not be read
    error: str | None = None  # why it could not be read
    manifest: ManifestRow | None = None
    # What a record file, archive or WARC says about the document (None for a loose file):
    source_format: str | None = None  # jsonl | csv | tsv | parquet | warc | arc | zip | tar | gz
    source_record: str | None = None  # "line 12", "row 3", a WARC-Record-ID, an archive member
    url: str | None = None
    published: dt.date | None = None  # the record's own date (a date column, or WARC-Date: see published_source)
    published_source: str | None = None  # "record" | "warc"
    title: str | None = None
    html: bool | None = None  # True: the record came from an HTML column (None: tell by content)
    warnings: tuple[str, ...] = ()  # what the record had that could not be used (a date that is not a date)


@dataclass(slots=True)
class Decoded:
    """Text decoded from raw bytes (the ingest stage's result)."""

    text: str
    encoding: str
    is_html: bool = False
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None  # what an HTML page states about itself (metadata, <h1>, <title>)
    published: dt.date | None = None
    url: str | None = None


@dataclass(slots=True)
class Normalized:
    """The normalize stage's result: body text that every span points into."""

    text: str
    title: str | None = None
    published_date: dt.date | None = None
    published_text: str | None = None  # the header as written, e.g. "发布时间:2021-10-29"
    credit: str | None = None  # the outlet a source credit names (来源:某某日报 -> 某某日报)
    script: str | None = None  # "simplified" | "traditional" | "mixed"
    fixes: list[str] = field(default_factory=list)  # names of the fixers that changed something
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Segment:
    """One event record's extent in the normalized text."""

    start: int
    end: int
    section: str | None = None
    date_start: int | None = None  # span of the date expression that opened it
    date_end: int | None = None


@dataclass(slots=True)
class DocContext:
    """What the extractors may know about the document beyond one event."""

    text: str
    source_path: str | None = None
    title: str | None = None
    published_date: dt.date | None = None
    published_source: str | None = None  # "manifest" | "text" | "path"
    manifest_place: str | None = None
    credit: str | None = None  # the outlet the page credits (来源:…): its place is the page's of last resort


@dataclass(slots=True)
class DateInfo:
    """A resolved event date. Parts stay None when the text does not justify them."""

    text: str | None = None  # the expression as written
    start: int | None = None
    end: int | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_date: dt.date | None = None  # end of a range
    end_month: int | None = None  # the end's month and day, kept when the year is unknown too (10月19日—20日)
    end_day: int | None = None
    since: bool = False
    year_source: str | None = None  # "expression" | "published" | "path" | "body" | "previous"
    repaired: bool = False  # read from a typo (429日 as 4月29日) that the publication date or next entries bear out

    @property
    def full_date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            try:
                return dt.date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None


@dataclass(slots=True)
class Place:
    """A place mention resolved (as far as possible) to its administrative chain."""

    surface: str  # as written
    start: int | None
    end: int | None
    name: str  # full official form, e.g. 樊城区
    level: str  # province | prefecture | county | township | community | village
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    township: str | None = None
    community: str | None = None
    adcode: str | None = None
    province_code: str | None = None  # 6-digit codes of the divisions named, as of the event's date
    prefecture_code: str | None = None
    county_code: str | None = None
    county_code_current: str | None = None  # today's successor of county_code
    source: str | None = None  # event | title | manifest | document: where the locality came from


@dataclass(slots=True)
class OrgMention:
    """A body named in the text, written in full."""

    name: str
    start: int | None
    end: int | None
    kind: str | None = None  # party | government | social | enterprise | school | place | other
    source: str | None = None  # subject | leader | reference | joint: how it was found (primary organizer)


@dataclass(slots=True)
class Figure:
    """A count or amount: number, measure word and the thing counted."""

    value: float
    value_text: str  # the figure as written, e.g. "400余户"
    unit: str
    category: str
    start: int
    end: int
    noun: str | None = None
    approximate: bool = False
    value_max: float | None = None  # upper end of a range (5至7名)
    kind: str = "count"  # count | cumulative | target | quoted


@dataclass(slots=True)
class Event:
    """One event record with everything extracted from it."""

    seq: int
    start: int
    end: int
    text: str
    section: str | None = None
    date: DateInfo = field(default_factory=DateInfo)
    place: Place | None = None
    organization: OrgMention | None = None
    organizations: list[OrgMention] = field(default_factory=list)
    activity_type: str = "other"
    activity_types: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    is_repost: bool = False


@dataclass(slots=True)
class DocumentResult:
    """Everything the pipeline learned about one input document."""

    doc_id: str
    source_path: str
    status: str  # ok | empty | rejected
    error: str | None = None
    encoding: str | None = None
    script: str | None = None
    title: str | None = None
    published_date: dt.date | None = None
    published_date_source: str | None = None
    text: str | None = None
    url: str | None = None
    source_format: str | None = None  # txt | html | jsonl | csv | parquet | warc | zip | tar ...
    source_record: str | None = None  # line/row number, WARC record id or archive member
    cluster_id: str | None = None
    duplicate_of: str | None = None
    events: list[Event] = field(default_factory=list)
    stray_figures: list[Figure] = field(default_factory=list)  # figures outside any event
    problems: list[Problem] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
