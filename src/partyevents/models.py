"""The validate stage: pydantic v2 row models for the four tables.

A row that fails its model is not written as data; it becomes a
``problems`` row naming the field, the value and the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .resources import taxonomy

Status = Literal["ok", "empty", "rejected"]
Level = Literal["province", "prefecture", "county", "township", "community", "village"]
Script = Literal["simplified", "traditional", "mixed"]
StageName = Literal["ingest", "normalize", "segment", "extract", "validate", "write"]
FIGURE_CATEGORIES = ("volunteers", "party_members", "cadres", "people", "person_times", "households", "sessions",
                     "organizations", "places", "projects", "money_cny", "other")
FigureCategory = Literal["volunteers", "party_members", "cadres", "people", "person_times", "households",
                         "sessions", "organizations", "places", "projects", "money_cny", "other"]
Count = Annotated[int, Field(ge=0)]
Code6 = Annotated[str, Field(pattern=r"^[0-9]{6}$")]
FigureKind = Literal["count", "cumulative", "target", "quoted"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DocumentRow(_Row):
    doc_id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    source_path: str
    status: Status
    error: str | None
    encoding: str | None
    script: Script | None
    title: str | None
    published_date: dt.date | None
    published_date_source: Literal["manifest", "record", "html", "text", "path", "warc"] | None
    text: str | None
    n_events: Count
    url: str | None
    source_format: str | None
    source_record: str | None
    cluster_id: str | None
    duplicate_of: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")] | None
    schema_version: str

    @model_validator(mode="after")
    def _status_has_reason(self) -> Self:
        if self.status != "ok" and not self.error:
            raise ValueError(f"status {self.status!r} needs an error message")
        return self


class EventRow(_Row):
    event_id: str
    doc_id: str
    seq: Count
    section: str | None
    date_text: str | None
    year: Annotated[int, Field(ge=1900, le=2100)] | None
    month: Annotated[int, Field(ge=1, le=12)] | None
    day: Annotated[int, Field(ge=1, le=31)] | None
    date_start: dt.date | None
    date_end: dt.date | None
    month_end: Annotated[int, Field(ge=1, le=12)] | None = None  # a range's end, kept when the year is unknown too
    day_end: Annotated[int, Field(ge=1, le=31)] | None = None
    date_since: bool
    year_source: Literal["expression", "published", "path", "body", "previous"] | None
    locality: str | None
    locality_level: Level | None
    province: str | None
    prefecture: str | None
    county: str | None
    township: str | None
    community: str | None
    adcode: Annotated[str, Field(pattern=r"^[0-9]{6}([0-9]{3}([0-9]{3})?)?$")] | None
    province_code: Code6 | None
    prefecture_code: Code6 | None
    county_code: Code6 | None
    county_code_current: Code6 | None
    locality_source: Literal["event", "title", "manifest", "document"] | None
    organization_source: Literal["subject", "leader", "reference", "joint"] | None
    is_repost: bool
    organization: str | None
    organizations: list[str]
    activity_type: str
    activity_types: list[str]
    volunteers: Count | None
    party_members: Count | None
    households: Count | None
    people: Count | None
    person_times: Count | None
    sessions: Count | None
    text: str
    char_start: Count
    char_end: Count

    @field_validator("activity_type")
    @classmethod
    def _known_label(cls, v: str) -> str:
        if v not in taxonomy():
            raise ValueError(f"{v!r} is not a taxonomy label ({', '.join(taxonomy())})")
        return v

    @field_validator("activity_types")
    @classmethod
    def _known_labels(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if x not in taxonomy()]
        if bad:
            raise ValueError(f"{bad} are not taxonomy labels")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.char_end < self.char_start:
            raise ValueError("char_end before char_start")
        if self.day is not None and self.month is None:
            raise ValueError("a day without a month")
        if self.year and self.month and self.day:
            try:
                full = dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise ValueError(f"not a calendar date: {self.year}-{self.month}-{self.day}") from exc
            if self.date_start is not None and self.date_start != full:
                raise ValueError("date_start disagrees with year/month/day")
        if self.date_end is not None and self.date_start is not None and self.date_end < self.date_start:
            raise ValueError("date_end before date_start")
        return self


class FigureRow(_Row):
    figure_id: str
    event_id: str | None
    doc_id: str
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    value_text: Annotated[str, Field(min_length=1)]
    unit: Annotated[str, Field(min_length=1)]
    noun: str | None
    category: FigureCategory
    approximate: bool
    value_max: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None
    kind: FigureKind
    char_start: Count
    char_end: Count


class ProblemRow(_Row):
    doc_id: str | None
    source_path: str
    stage: StageName
    severity: Literal["error", "warning"]
    message: Annotated[str, Field(min_length=1)]
    detail: str | None
