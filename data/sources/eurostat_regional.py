"""Eurostat regional extract (Dec 2020): GDP, population, labour market, broadband; NUTS 2016 codes."""

from __future__ import annotations

import pandas as pd

from data.registry import source_file
from data.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "eurostat_regional"


def _select(raw: pd.DataFrame, filters: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=raw.index)
    for column, wanted in filters.items():
        mask &= raw[column] == wanted
    return raw[mask]


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    raw = pd.read_csv(source_file(SOURCE_ID, "eu_all_geo_data.csv"), dtype=str)
    raw = raw[raw.time.str.fullmatch(r"\d{4}")]
    raw = raw.assign(year=raw.time.astype(int), value=pd.to_numeric(raw["values"], errors="coerce"))
    notes: list[str] = []
    frames, selected = [], {}
    for ind in mine.itertuples():
        if isinstance(ind.filter, dict):
            part = _select(raw, ind.filter)
            selected[ind.id] = part
            frames.append(pd.DataFrame({"indicator_id": ind.id, "nuts_id": part.geo, "year": part.year,
                                        "value": part.value * ind.scale, "nuts_version": 2016}))
    if "gdp_per_inhabitant" in set(mine.id):
        gdp = selected["gdp_mio_eur"][["geo", "year", "value"]]
        pop = selected["population"][["geo", "year", "value"]]
        both = gdp.merge(pop, on=["geo", "year"], suffixes=("_gdp", "_pop"))
        both = both[both.value_pop > 0]
        frames.append(pd.DataFrame({"indicator_id": "gdp_per_inhabitant", "nuts_id": both.geo, "year": both.year,
                                    "value": both.value_gdp * 1e6 / both.value_pop, "nuts_version": 2016}))
    frame, reference = split_aggregates(pd.concat(frames, ignore_index=True), notes, "Eurostat regional")
    return Extract(long_frame(frame), reference, notes)
