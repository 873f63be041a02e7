"""Eurostat regional extract (Dec 2020): GDP, population, labour market, broadband; NUTS 2016 codes."""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "eurostat_regional"


def _select(raw: pd.DataFrame, filters: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=raw.index)
    for column, wanted in filters.items():
        mask &= raw[column] == wanted
    return raw[mask]


def per_inhabitant(gdp: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """gdp_per_inhabitant = GDP (million EUR) x 1e6 / population, same region, year and NUTS version."""
    keys = ["nuts_id", "year", "nuts_version"]
    both = gdp[keys + ["value"]].merge(pop[keys + ["value"]], on=keys, suffixes=("_gdp", "_pop"))
    both = both[both.value_pop > 0]
    return pd.DataFrame({"indicator_id": "gdp_per_inhabitant", "nuts_id": both.nuts_id, "year": both.year,
                         "value": both.value_gdp * 1e6 / both.value_pop, "nuts_version": both.nuts_version})


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
        gdp, pop = (selected[i].assign(nuts_id=selected[i].geo, nuts_version=2016) for i in ("gdp_mio_eur", "population"))
        frames.append(per_inhabitant(gdp, pop))
    frame, reference = split_aggregates(pd.concat(frames, ignore_index=True), notes, "Eurostat regional")
    return Extract(long_frame(frame), reference, notes)
