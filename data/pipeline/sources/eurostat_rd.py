"""Business and government R&D expenditure per inhabitant (Eurostat rd_e_gerdreg, EUR_HAB), NUTS 0-2, via Nesta EURITO.

One file per sector and level; ``nuts_year_spec`` gives the NUTS version of each row.
"""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "eurostat_rd_eurito"


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    frames = []
    for ind in mine.itertuples():
        for level in (0, 1, 2):
            raw = pd.read_csv(source_file(SOURCE_ID, f"{ind.table}.nuts{level}.csv"), dtype={"nuts_id": str})
            frames.append(pd.DataFrame({"indicator_id": ind.id, "nuts_id": raw.nuts_id, "year": raw.year,
                                        "value": raw[ind.column] * ind.scale, "nuts_version": raw.nuts_year_spec}))
    frame = pd.concat(frames, ignore_index=True)
    notes = [f"R&D per inhabitant: {int(frame.value.isna().sum())} empty cells in the source are no data"]
    frame, reference = split_aggregates(frame.dropna(subset=["value"]), notes, "R&D per inhabitant")
    return Extract(long_frame(frame), reference, notes)
