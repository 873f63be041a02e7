"""Regional Industry 4.0 readiness data set (Honti et al. 2020), NUTS 2 (mostly 2016 codes).

The early years carry NUTS 2010/2013 codes (FR21, PL11, IE01, ...): the recoder
detects each row's version from the official code lists. In ``rankings.csv``
the spreadsheet the authors used turned the code DEC0 (Saarland) into the date
``Dec-00``; the code is recovered here, with a note on every value.
"""

from __future__ import annotations

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import Extract, long_frame, source_indicators, split_aggregates

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
    return Extract(long_frame(frame), reference, notes, report={"i40_rankings_not_served": rankings_finding(ranks, rank_codes)})


def rankings_finding(ranks: pd.DataFrame, codes: pd.Series) -> dict:
    """Why the columns PrometheeRank and GDPrank of rankings.csv are not served (issue 26): what they hold cannot be
    confirmed, so no screen, document, download or catalogue shows them; the evidence stays here."""
    regions = ranks.assign(code=codes)[~codes.isin(["EU28"])]
    top = regions.sort_values("PrometheeRank").code.head(5).tolist()
    return {
        "columns": UNSERVED_RANK_COLUMNS,
        "rows": int(len(ranks)),
        "spearman_promethee_vs_gdprank": round(float(regions.PrometheeRank.corr(regions.GDPrank, method="spearman")), 3),
        "top_five_by_PrometheeRank": top,
        "finding": "The data article presents PrometheeRank as the Industry 4.0+ readiness rank (PROMETHEE) and GDPrank "
                   "as the GDP rank. PrometheeRank behaves like a GDP-per-head rank (Spearman rho = -0.999 with GDP "
                   "per inhabitant 2017 in an earlier build; its top five are the GDP-per-head order), so the two "
                   "columns may be swapped in the file. The authors' publications (Data in Brief 33:106464; PLOS ONE "
                   "16(4):e0250247) could not be checked against the file here, so neither column is served; the "
                   "RII column (Regional Innovation Index 2019) is.",
    }


UNSERVED_RANK_COLUMNS = ["PrometheeRank", "GDPrank"]
