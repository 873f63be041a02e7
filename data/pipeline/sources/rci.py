"""EU Regional Competitiveness Index (DG REGIO), editions 2010/2013/2016/2019, NUTS 0 and 2 in 2016 codes.

Seven capital regions are published merged with their commuting belt under
codes that are not NUTS codes (``AT00`` = Wien with Niederösterreich, ...).
Such a value belongs to the merged area: it is shown for each member region
with the flag ``merged_area`` and a note naming the area, never as one
region's own value. The members are the NUTS 2016 regions of that area, which
is exactly the set of the country's NUTS 2 regions the file does not list
(``tests/test_raw_audit.py`` checks this against the official code list).
"""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators

SOURCE_ID = "rci_2010_2019"
MERGED_AREAS = {
    "AT00": ("AT12", "AT13"),
    "BE00": ("BE10", "BE24", "BE31"),
    "CZ00": ("CZ01", "CZ02"),
    "DE00": ("DE30", "DE40"),
    "NL00": ("NL23", "NL32"),
    "PL90": ("PL91", "PL92"),
    "UK00": ("UKH2", "UKH3", "UKI3", "UKI4", "UKI5", "UKI6", "UKI7"),
}
NOT_ENOUGH_DATA = "not enough data"


def read_rci() -> pd.DataFrame:
    raw = pd.read_csv(source_file(SOURCE_ID, "rci-indicator-evolution_raw.csv"), dtype={"NUTS CODE 2016": str})
    return raw.rename(columns={"NUTS CODE 2016": "code", "merged regions_code": "merged", "NUTS NAME": "name",
                               "Year": "year"})


def expand_merged_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of merged areas become one row per member region, flagged and noted; other rows stay as they are."""
    merged = frame[frame.code.isin(MERGED_AREAS)]
    members = merged.assign(member=merged.code.map(MERGED_AREAS)).explode("member")
    members = members.assign(
        note="value of the merged area " + members.name.str.replace(r"^\S+ - ", "", regex=True) + " ("
        + members.code + " = " + members.code.map(lambda c: " + ".join(MERGED_AREAS[c])) + "), not of this region alone",
        flag="merged_area", code=members.member)
    own = frame[~frame.code.isin(MERGED_AREAS)].assign(note="", flag="")
    return pd.concat([own, members.drop(columns="member")], ignore_index=True)


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    raw = read_rci()
    notes = []
    unsure = raw.merged.eq(NOT_ENOUGH_DATA)
    if unsure.any():
        notes.append("RCI: dropped " + ", ".join(f"{r.code} {r.year}" for r in raw[unsure].itertuples())
                     + ": the source marks the value 'not enough data'")
    raw = expand_merged_areas(raw[~unsure])
    notes.append("RCI: values of the merged capital areas " + ", ".join(sorted(MERGED_AREAS))
                 + " are shown for their member regions, flagged 'merged_area'")
    frames = [pd.DataFrame({"indicator_id": ind.id, "nuts_id": raw.code, "year": raw.year,
                            "value": raw.value * ind.scale, "nuts_version": 2016, "note": raw.note, "flag": raw.flag})
              for ind in mine.itertuples()]
    return Extract(long_frame(pd.concat(frames, ignore_index=True)), notes=notes)
