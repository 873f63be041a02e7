"""EURITO AI research indicators (Nesta): arXiv preprint participations by NUTS region.

The NUTS version of each row is given by the source (``region_year_spec``);
shares are computed here from counts of the same region, year and version,
before recoding, so both parts always describe the same territory.
"""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators

SOURCE_ID = "eurito_ai_preprints"
KEYS = ["year", "region_year_spec", "region_id"]
PARTIAL_AFTER = 2020  # data date 2021-07-01 (artificial_intelligence_count.json): 2021 is a half year


def _counts(column: str) -> pd.DataFrame:
    frame = pd.read_csv(source_file(SOURCE_ID, f"{column}.csv"), dtype={"region_id": str})
    return frame[KEYS + [column]]


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID).set_index("id")
    counts = {c: _counts(c) for c in ("artificial_intelligence_count", "deep_learning_count", "arxiv_count")}
    frames = []
    for ind_id, ind in mine.iterrows():
        if isinstance(ind.column, str):
            part = counts[ind.column].rename(columns={ind.column: "value"})
        else:
            numerator = ind.source_code.split(" / ")[0]
            part = counts[numerator].merge(counts["arxiv_count"], on=KEYS, how="inner")
            part = part[part.arxiv_count > 0]
            part = part.assign(value=100 * part[numerator] / part.arxiv_count)
        frames.append(pd.DataFrame({
            "indicator_id": ind_id, "nuts_id": part.region_id, "year": part.year,
            "value": part.value * ind.scale, "nuts_version": part.region_year_spec,
        }))
    frame = pd.concat(frames, ignore_index=True)
    partial = frame.year > PARTIAL_AFTER
    notes = ["EURITO: regions without any AI or deep-learning preprint are not listed by the source; they show as no data",
             f"EURITO: dropped {int(partial.sum())} rows for {sorted(set(frame.year[partial]))}: the data date is "
             "2021-07-01, so that year is only partly covered and would look like a collapse"]
    return Extract(long_frame(frame[~partial]), notes=notes)
