"""Regional Industry 4.0 readiness data set (Honti et al. 2020), NUTS 2 (mostly 2016 codes).

The early years carry NUTS 2010/2013 codes (FR21, PL11, IE01, ...): the recoder
detects each row's version from the official code lists. In ``rankings.csv``
the spreadsheet the authors used turned the code DEC0 (Saarland) into the date
``Dec-00``; the code is recovered here, with a note on every value.
"""

from __future__ import annotations

import pandas as pd

from data.registry import source_file
from data.sources import Extract, long_frame, source_indicators, split_aggregates

SOURCE_ID = "i40_readiness"
SPREADSHEET_DAMAGED_CODES = {"Dec-00": "DEC0"}


def recover_codes(codes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Codes a spreadsheet turned into dates, restored; returns codes and a note per row."""
    damaged = codes.isin(SPREADSHEET_DAMAGED_CODES)
    note = ("code written as " + codes + " in the source (a spreadsheet turned "
            + codes.map(SPREADSHEET_DAMAGED_CODES).fillna("") + " into a date); recovered").where(damaged, "")
    return codes.replace(SPREADSHEET_DAMAGED_CODES), note


def extract(indicators: pd.DataFrame) -> Extract:
    mine = source_indicators(indicators, SOURCE_ID)
    notes: list[str] = []
    panel = pd.read_csv(source_file(SOURCE_ID, "I40_indicator_db.csv"), sep="\t")
    ranks = pd.read_csv(source_file(SOURCE_ID, "rankings.csv"))
    rank_codes, rank_notes = recover_codes(ranks.Regio.astype(str))
    if rank_notes.ne("").any():
        notes.append("I4.0 readiness: recovered " + ", ".join(sorted(set(ranks.Regio[rank_notes.ne("")])))
                     + " in rankings.csv as " + ", ".join(sorted(set(rank_codes[rank_notes.ne("")]))))
    frames = []
    for ind in mine.itertuples():
        if ind.table == "rankings":
            part = pd.DataFrame({"nuts_id": rank_codes, "year": int(ind.year), "value": ranks[ind.column], "note": rank_notes})
        else:
            part = pd.DataFrame({"nuts_id": panel.NUTS2, "year": panel.YEAR, "value": panel[ind.column], "note": ""})
        part["value"] = part.value * ind.scale
        frames.append(part.assign(indicator_id=ind.id, nuts_version=2016))
    frame, reference = split_aggregates(pd.concat(frames, ignore_index=True), notes, "I4.0 readiness")
    return Extract(long_frame(frame), reference, notes)
