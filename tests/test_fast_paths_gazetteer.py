"""The gazetteer's village index read from the decoded block equals the plain form (a bytes match each)."""

from __future__ import annotations

from partyevents.extract.gazetteer import _VILLAGE, Gazetteer, gazetteer


def _plain_villages(gz: Gazetteer, county: int) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    span = gz._county_block.get(county)
    if span is None:
        return {}
    block = gz.path.read_bytes()[span[0] : span[1]]
    towns = iter(gz._townships.get(county, ()))
    town: int | None = None
    for m in _VILLAGE.finditer(block):
        if len(m.group(1)) == 3:
            town = next(towns, None)
        elif town is not None:
            index.setdefault(m.group(2).decode().strip(), []).append(town)
    return {k: tuple(v) for k, v in index.items()}


def test_village_index_equals_the_plain_form_on_a_sample_of_counties() -> None:
    gz = gazetteer()
    counties = sorted(gz._county_block)[::29]
    assert len(counties) > 20
    for county in counties:
        assert gz.villages(county) == _plain_villages(gz, county), gz.divisions[county].name


def test_village_index_from_the_disk_cache_equals_the_parsed_one() -> None:
    gz = gazetteer()
    counties = sorted(gz._county_block)[5::31]
    for county in counties:
        index = gz.villages(county)
        assert list(index.items()) == list(gz._parse_villages(county).items()), gz.divisions[county].name
