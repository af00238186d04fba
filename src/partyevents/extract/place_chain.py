"""The administrative chain of a division: names and codes, as of a date.

Names come from the gazetteer (JioNLP's dictionary, as of 2023); a county renamed or merged since the
event's date is named as it was then (:meth:`.gazetteer.Gazetteer.name_at`), with its code of that time
when on record. The dictionary's fillers (市直辖行政区划) are no division.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from .gazetteer import Gazetteer

__all__ = ["Chain", "chain_of", "name_in_time", "shared_chain"]


class Chain(NamedTuple):
    """Names of a division's chain, and the 6-digit codes of its province, prefecture and county."""

    province: str | None
    prefecture: str | None
    county: str | None
    township: str | None
    province_code: str | None
    prefecture_code: str | None
    county_code: str | None


def name_in_time(
    gz: Gazetteer, division: int, when: dt.date | None, old_names: dict[int, str]
) -> tuple[str, str | None] | None:
    """(name, code) of the division's county at ``when`` when it had another name then, else None.

    With no date, the earlier name when the document writes it (``old_names``: county -> that name).
    """
    county = gz.county_of(division)
    if county is None or county not in gz.history:
        return None
    name, code = gz.name_at(county, when, old_names.get(county, ""))
    return (name, code) if name != gz.divisions[county].name else None


@lru_cache(maxsize=1 << 14)
def chain_of(gz: Gazetteer, division: int) -> Chain:
    """(province, prefecture, county, township, province/prefecture/county codes) of a division.

    The dictionary's fillers (a prefecture's 市直辖行政区划 standing for its missing counties) are no
    division; a township written with its county's name in front (四子王旗白音朝克图镇) loses it.
    """
    chain = {level: d for level, d in gz.chain(division).items() if not _filler(d.name)}
    county = chain["county"].name if "county" in chain else None
    township = chain["township"].name if "township" in chain else None
    if township is not None and county is not None and township.startswith(county):
        rest = township[len(county) :]
        township = rest if len(rest) >= 3 and rest.endswith(("镇", "乡", "街道")) else township
    return Chain(
        chain["province"].name if "province" in chain else None,
        chain["prefecture"].name if "prefecture" in chain else None,
        county,
        township,
        chain["province"].code if "province" in chain else None,
        chain["prefecture"].code if "prefecture" in chain else None,
        chain["county"].code if "county" in chain else None,
    )


def _filler(name: str) -> bool:
    """Whether a dictionary entry only fills a level (市直辖行政区划, 市辖区, a township named 街道)."""
    return name.endswith("直辖行政区划") or name in ("市辖区", "街道", "镇", "乡")  # a bare suffix: no name


@lru_cache(maxsize=1 << 12)
def shared_chain(gz: Gazetteer, candidates: tuple[int, ...]) -> Chain:
    """The chain every candidate of an ambiguous name shares: a level's name when they all have the same
    one there (four 东山镇 in four provinces: township 东山镇), its code when it is the same division."""
    if not candidates:
        return Chain(None, None, None, None, None, None, None)
    chains = [chain_of(gz, c) for c in candidates]
    ids = [gz.chain(c) for c in candidates]
    names: list[str | None] = []
    for k in range(4):
        values = {ch[k] for ch in chains}
        names.append(values.pop() if len(values) == 1 else None)
    codes: list[str | None] = []
    for level in ("province", "prefecture", "county"):
        divs = {ch[level].id if level in ch else None for ch in ids}
        d = divs.pop() if len(divs) == 1 else None
        codes.append(gz.divisions[d].code if d is not None else None)
    return Chain(names[0], names[1], names[2], names[3], codes[0], codes[1], codes[2])
