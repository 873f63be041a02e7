"""Regional Industry 4.0 readiness data set (Honti et al. 2020), NUTS 2 in 2016 codes."""

from __future__ import annotations

import pandas as pd

from data.registry import source_file
from data.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "i40_readiness"


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    notes: list[str] = []
    panel = pd.read_csv(source_file(SOURCE_ID, "I40_indicator_db.csv"), sep="\t")
    ranks = pd.read_csv(source_file(SOURCE_ID, "rankings.csv"))
    frames = []
    for ind in mine.itertuples():
        if ind.table == "rankings":
            part = pd.DataFrame({"nuts_id": ranks.Regio, "year": int(ind.year), "value": ranks[ind.column]})
        else:
            part = pd.DataFrame({"nuts_id": panel.NUTS2, "year": panel.YEAR, "value": panel[ind.column]})
        part["value"] = part.value * ind.scale
        frames.append(part.assign(indicator_id=ind.id, nuts_version=2016))
    frame, reference = split_aggregates(pd.concat(frames, ignore_index=True), notes, "I4.0 readiness")
    return Extract(long_frame(frame), reference, notes)
