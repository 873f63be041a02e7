"""DESI 2022 (European Commission): country-level digital indicators.

The workbook's rows are DESI editions (2017-2022, year codes y1..y6); the
Metadata sheet gives, per indicator and edition, the *reference year* of the
underlying data. Values are stored under that reference year. When several
editions share a reference year, the latest edition is kept (the 2022 workbook
re-calculates all editions with one methodology).
"""

from __future__ import annotations

import re

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "desi_2022"


def reference_years(metadata: pd.DataFrame) -> pd.DataFrame:
    """Long table indicator_code, desi_edition, year from the Metadata sheet."""
    rows = []
    for _, r in metadata.iterrows():
        match = re.match(r"^(\d[a-d]\d) ", str(r["Indicator"]))
        if not match:
            continue
        for n in range(1, 7):
            year = r.get(f"Year {n}")
            if pd.notna(year) and re.fullmatch(r"\d{4}", str(year).strip()):
                rows.append((match.group(1), 2016 + n, int(year)))
    return pd.DataFrame(rows, columns=["indicator_code", "desi_edition", "year"]).drop_duplicates(
        ["indicator_code", "desi_edition"])


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    data = pd.read_csv(source_file(SOURCE_ID, "desi2022_indicators_long.csv"), dtype={"indicator_code": str})
    meta = pd.read_csv(source_file(SOURCE_ID, "desi2022_metadata.csv"), dtype=str)
    notes: list[str] = []
    years = reference_years(meta)
    data = data.merge(years, on=["indicator_code", "desi_edition"], how="left")
    no_year = data.year.isna()
    if no_year.any():
        notes.append(f"DESI: dropped {int(no_year.sum())} values whose edition has no reference year in the Metadata sheet")
    data = data[~no_year]
    data = data.sort_values("desi_edition").drop_duplicates(["indicator_code", "country", "year"], keep="last")
    code_to_id = dict(zip(mine.source_code, mine.id))
    scale = dict(zip(mine.source_code, mine.scale))
    data = data[data.indicator_code.isin(code_to_id)]
    frame = pd.DataFrame({
        "indicator_id": data.indicator_code.map(code_to_id),
        "nuts_id": data.country,
        "year": data.year,
        "value": data.value * data.indicator_code.map(scale),
        "nuts_version": 2021,
        "note": "DESI " + data.desi_edition.astype(str) + " edition, reference year " + data.year.astype(int).astype(str),
    })
    frame, reference = split_aggregates(frame, notes, "DESI")
    return Extract(long_frame(frame), reference, notes)
