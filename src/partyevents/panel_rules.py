"""The panel's options and counting rules (:mod:`partyevents.panel`), without pandas.

``partyevents panel``'s options are made from these when the CLI starts: :mod:`partyevents.panel`
imports pandas, which a CLI that runs ``extract`` does not need.
"""

from __future__ import annotations

__all__ = ["FREQS", "LEVELS", "RULES", "UNDATED"]

#: The columns of a place at each level in the panel: names identify it (the chain of names down to the
#: level, so two 城关镇 of different counties stay apart); each code column holds the code its events give.
LEVELS: dict[str, tuple[str, ...]] = {
    "province": ("province_code", "province"),
    "prefecture": ("province_code", "province", "prefecture_code", "prefecture"),
    "county": ("province_code", "province", "prefecture_code", "prefecture", "county_code", "county",
               "county_code_current"),
    "township": ("province_code", "province", "prefecture_code", "prefecture", "county_code", "county",
                 "county_code_current", "township"),
}
FREQS = ("month", "quarter", "year")
UNDATED = ("drop", "published")

RULES = """\
Which events count and where they fall:
- Reposts count once: events of a document that is a near-duplicate of an earlier-published one
  (documents.duplicate_of set, events.is_repost) are left out; the cluster's earliest-published member carries
  them. `documents` counts every document (reposts too) with an event in the cell, `clusters` the distinct
  articles.
- An event falls in the period of its start date (year, month). A range (12月1日至3日, date_end set) counts once,
  in the period it starts. A "since" date (12月8日以来, date_since) also counts in the period it starts;
  `events_since` says how many of the cell's events are such.
- An event needs a place at the --by level (township needs its county); events resolved only to a higher level
  are left out of that panel, and counted in the summary.
- Undated events (no month for --freq month/quarter, no year for --freq year) and year-less dates (3月5日 in a
  page whose year could not be justified: year is null) are left out with --undated drop (the default). With
  --undated published, a year-less date takes the year its document's publication date implies (a month/day
  later than the publication date belongs to the previous year) and an event without a month takes the
  publication's month when its year is the publication's or unknown; `events_dated_by_publication` counts them.
- Figures: `sum_<category>` adds the value of every figure of kind "count" (done in the event, not cumulative,
  target or quoted) in the cell's counted events; a range (5至7名) adds its lower end.
"""
