"""The rank columns made when the layer is loaded (``data.layer.ranks``) give, row by row, what the one rule
(``data.layer.pools.pool_ranks``) gives for the row's (level, year) group: merged areas, non-EU regions, categories
and lower-is-better indicators included."""

from __future__ import annotations

import pytest

from data.layer.indicators import classification_hints
from data.layer.pools import merged_areas, pool_ranks


def groups_to_check(layer) -> list[tuple[str, int, int]]:
    """The first and last year of every level of every indicator."""
    out = []
    for indicator_id, frame in layer.by_indicator.items():
        years = frame.groupby("level")["year"].agg(["min", "max"])
        for level, (first, last) in years.iterrows():
            out += [(indicator_id, int(level), int(first)), (indicator_id, int(level), int(last))]
    return sorted(set(out))


def test_rank_columns_equal_pool_ranks_group_by_group(layer):
    checked = {"merged": 0, "categorical": 0, "lower": 0, "non_eu": 0, "rows": 0}
    for indicator_id, level, year in groups_to_check(layer):
        meta = layer.indicator(indicator_id)
        categorical = bool(classification_hints(meta["unit"]).get("categorical"))
        frame = layer.by_indicator[indicator_id]
        peers = frame[(frame.level == level) & (frame.year == year)]
        areas = merged_areas(peers)
        table = pool_ranks(peers.set_index("nuts_id").value, higher_is_better=meta["higher_is_better"], areas=areas)
        size = int(table["of"].iloc[0]) if len(table) else 0
        placed = {code: (int(rank), size, int(tied)) for code, rank, tied in zip(table.index, table["rank"], table["tied"])}
        codes = peers.nuts_id.tolist()
        expected = [(None, size, 0) if categorical else placed.get(code, (None, size, 0)) for code in codes]
        assert [layer.ranked(indicator_id, level, year, code) for code in codes] == expected, (indicator_id, level, year)
        checked["rows"] += len(codes)
        checked["non_eu"] += int((~table["in_pool"].astype(bool)).sum())
        assert layer.ranked(indicator_id, level, year, "XX99") == (None, size, 0)
        checked["merged"] += bool(areas)
        checked["categorical"] += categorical
        checked["lower"] += meta["higher_is_better"] is False
    assert checked["rows"] > 50_000
    assert min(checked["merged"], checked["categorical"], checked["lower"], checked["non_eu"]) > 0, checked


@pytest.mark.parametrize("level", [0, 2])
def test_a_region_of_another_level_has_no_rank_there(layer, level):
    code = "DE" if level == 0 else "DE21"
    other = 2 if level == 0 else 0
    year = int(layer.by_indicator["epo_patent_applications"].query("level == @level").year.max())
    assert layer.ranked("epo_patent_applications", level, year, code)[0] is not None
    assert layer.ranked("epo_patent_applications", other, year, code)[0] is None


def test_map_frames_read_by_position_equal_the_scan_and_merge(layer):
    """``data.layer._map_frame`` finds a year's rows by their positions; the answer is the scan and merge it replaced."""
    import pandas as pd

    from data.layer import _map_frame

    for indicator_id, level, year in groups_to_check(layer)[::7]:
        frame = layer.by_indicator[indicator_id]
        rows = frame[(frame.level == level) & (frame.year == year)][["nuts_id", "value", "flag", "note"]]
        regions = layer.regions[layer.regions.level == level][["nuts_id", "name_latn", "country"]]
        expected = regions.merge(rows, on="nuts_id", how="left").rename(columns={"name_latn": "name"})
        pd.testing.assert_frame_equal(_map_frame(layer, indicator_id, level, year), expected.reset_index(drop=True))
