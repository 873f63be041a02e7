"""Eurostat pat_ep_rtot: EPO patent applications by priority year, NUTS 0-3 in 2010 codes."""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "eurostat_patents"


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    raw = pd.read_csv(source_file(SOURCE_ID, "pat_ep_rtot.csv"), dtype={"geo": str, "unit": str})
    notes: list[str] = []
    frames = []
    for ind in mine.itertuples():
        part = raw[raw.unit == ind.column]
        frames.append(pd.DataFrame({"indicator_id": ind.id, "nuts_id": part.geo, "year": part.time,
                                    "value": part["values"] * ind.scale, "nuts_version": 2010}))
    frame, reference = split_aggregates(pd.concat(frames, ignore_index=True), notes, "pat_ep_rtot")
    return Extract(long_frame(frame), reference, notes)
