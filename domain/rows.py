"""Value rows: one row per region × year of an indicator, the one shape of every table the atlas hands out.

The downloads (CSV, Excel, GeoJSON, data package), the JSON API (``/api/values``) and its CSV
(``/api/values.csv``) all build their rows here, so a column added once (a flag, the NUTS version) reaches
every surface, and a row means the same everywhere: every region of the level for every year asked, value
empty (never zero) where the source has no figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.layer import Layer, eu_reference, indicator_caveat, level_regions, source_of, year_frame
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
    """Every region of ``level`` (optionally only of ``countries``, or inside ``regions``) × each of ``years``, by
    year then code.

    ``eu`` gives values compared with the published EU27 value of each year (EU27 = 100) when every year has
    one, as the map does; otherwise values stay as published and the unit says so. Each year's values are the
    map's (``data.layer.year_frame``, not its memo: a download of every year would push the maps out), in code
    order (a cross join and a merge of frames cost three times as much for the same rows; issue #31)."""
    meta = layer.indicator(indicator_id)
    source = source_of(layer, indicator_id, level)
    table = level_regions(layer, level)
    kept = np.ones(len(table), dtype=bool)
    if countries:
        kept &= table.country.isin(countries).to_numpy()
    if regions:
        kept &= inside(table.nuts_id, regions).to_numpy()
    order = np.flatnonzero(kept)[np.argsort(table["nuts_id"].to_numpy(dtype=str)[kept], kind="stable")]
    ordered = sorted(dict.fromkeys(int(year) for year in years))
    frames = [year_frame(layer, indicator_id, level, year) for year in ordered]
    each = np.tile(order, len(ordered))
    rows = pd.DataFrame({
        "nuts_id": table["nuts_id"].to_numpy(dtype=object)[each],
        "name": table["name"].array.take(each),
        "level": np.full(len(each), level, dtype="int64"),
        "country": table["country"].array.take(each),
        "year": np.repeat(np.asarray(ordered, dtype="int64"), len(order)),
        "value": np.concatenate([f["value"].to_numpy(dtype="float64", na_value=np.nan)[order] for f in frames]
                                or [np.zeros(0)]),
        "flag": pd.array(np.concatenate([f["flag"].fillna("").to_numpy(dtype=object)[order] for f in frames]
                                        or [np.zeros(0, dtype=object)]), dtype="str"),
        "note": np.concatenate([f["note"].fillna("").to_numpy(dtype=object)[order] for f in frames]
                               or [np.zeros(0, dtype=object)]),
    })
    rows["nuts_id"] = rows["nuts_id"].astype(object)
    unit = meta["unit"]
    if eu:
        refs = {y: eu_reference(layer, indicator_id, int(y)) for y in ordered}
        if refs and all(v for v in refs.values()):
            rows["value"] = eu_index(rows.value, rows.year.map(refs))
            unit = EU_INDEX_UNIT
    rows["indicator_id"] = indicator_id
    rows["indicator"] = meta["label"]
    rows["unit"] = unit
    rows["source"] = source.short_name
    rows["licence"] = source.licence
    rows["note"] = row_notes(rows, indicator_caveat(layer, indicator_id))
    rows["nuts_version"] = NUTS_VERSION
    return rows[COLUMNS]


def row_notes(rows: pd.DataFrame, caveat: str) -> pd.Series:
    """The note column: a merged area's value named as the area's, then the indicator's caveat, on every row with
    a value (a file is read row by row, far from any footer)."""
    notes = rows.note.fillna("").astype(str).tolist()
    merged = (rows.flag == MERGED_AREA).tolist()
    valued = rows.value.notna().tolist()
    return pd.Series([_row_note(note if area else "", caveat if has else "")
                      for note, area, has in zip(notes, merged, valued, strict=True)], index=rows.index, dtype="str")


def _row_note(area: str, caveat: str) -> str:
    said = f"Not this region's own value: the {area}; ranked once as the merged area." if area else ""
    return f"{said} {caveat}".strip()


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
