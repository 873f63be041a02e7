"""Value rows: one row per region × year of an indicator, the one shape of every table the atlas hands out.

The downloads (CSV, Excel, GeoJSON, data package), the JSON API (``/api/values``) and its CSV
(``/api/values.csv``) all build their rows here, so a column added once (a flag, the NUTS version) reaches
every surface, and a row means the same everywhere: every region of the level for every year asked, value
empty (never zero) where the source has no figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.layer import Layer, eu_reference, indicator_caveat, level_regions, source_of
from data.layer.pools import MERGED_AREA
from domain.mapview import EU_INDEX_UNIT, eu_index
from domain.provenance import NUTS_VERSION

COLUMNS = ["nuts_id", "name", "level", "country", "indicator_id", "indicator", "year", "value", "unit", "source",
           "licence", "flag", "note", "nuts_version"]


def inside(codes: pd.Series, regions: tuple[str, ...]) -> pd.Series:
    """Whether each NUTS code is one of ``regions`` or lies inside one of them (PL21 holds PL213)."""
    return codes.str.startswith(tuple(regions)) if regions else pd.Series(True, index=codes.index)


def value_rows(layer: Layer, indicator_id: str, level: int, years: list[int], *, eu: bool = False,
               countries: tuple[str, ...] = (), regions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every region of ``level`` (optionally only of ``countries``, or inside ``regions``) × each of ``years``.

    ``eu`` gives values compared with the published EU27 value of each year (EU27 = 100) when every year has
    one, as the map does; otherwise values stay as published and the unit says so."""
    meta = layer.indicator(indicator_id)
    source = source_of(layer, indicator_id, level)
    table = level_regions(layer, level).assign(level=level)
    if countries:
        table = table[table.country.isin(countries)]
    table = table[inside(table.nuts_id, regions)]
    groups = layer.rank_columns[indicator_id]
    positions = np.concatenate([groups.rows_of(level, year) for year in years]) if years else groups.rows_of(-1, 0)
    frame = layer.by_indicator[indicator_id].iloc[np.sort(positions)][["nuts_id", "year", "value", "flag", "note"]]
    grid = table.merge(pd.DataFrame({"year": list(years)}), how="cross")
    rows = grid.merge(frame, on=["nuts_id", "year"], how="left")
    unit = meta["unit"]
    if eu:
        refs = {y: eu_reference(layer, indicator_id, int(y)) for y in years}
        if refs and all(v for v in refs.values()):
            rows["value"] = eu_index(rows.value, rows.year.map(refs))
            unit = EU_INDEX_UNIT
    rows["indicator_id"] = indicator_id
    rows["indicator"] = meta["label"]
    rows["unit"] = unit
    rows["source"] = source.short_name
    rows["licence"] = source.licence
    rows["flag"] = rows.flag.fillna("").astype(str)
    rows["note"] = row_notes(rows, indicator_caveat(layer, indicator_id))
    rows["year"] = rows.year.astype("int64")
    rows["level"] = rows.level.astype("int64")
    rows["nuts_version"] = NUTS_VERSION
    rows = rows.sort_values(["year", "nuts_id"]).reset_index(drop=True)
    return rows[COLUMNS]


def row_notes(rows: pd.DataFrame, caveat: str) -> pd.Series:
    """The note column: a merged area's value named as the area's, then the indicator's caveat, on every row with
    a value (a file is read row by row, far from any footer)."""
    merged = rows.note.fillna("").astype(str).where(rows.flag == MERGED_AREA, "")
    merged = ("Not this region's own value: the " + merged + "; ranked once as the merged area.").where(merged != "", "")
    said = pd.Series(caveat, index=rows.index).where(rows.value.notna(), "")
    return (merged + " " + said).str.strip()


def plain_records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts of plain Python values (``str``, ``int``, ``float``), missing ones as None: what a JSON
    answer holds. Column by column through ``tolist``: ``astype(object).where(...).to_dict("records")`` boxed every
    cell through pandas, half of a ``/api/values`` answer's time (issue #31)."""
    columns = []
    for name in frame.columns:
        column = frame[name]
        values = column.tolist()
        missing = column.isna()
        if missing.any():
            values = [None if gone else value for value, gone in zip(values, missing.tolist(), strict=True)]
        columns.append(values)
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
