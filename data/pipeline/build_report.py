"""The recoding sections of the build report, and the layer's table of why a region has no value: every raw row
dropped by the recoding is listed with its reason in words and the NUTS 2021 regions its territory overlaps."""

from __future__ import annotations

import pandas as pd

from data.pipeline.recode import REASON_DUPLICATE


def recoding_report(audit: pd.DataFrame, meta: pd.DataFrame) -> list[dict]:
    """Per source and year: raw rows kept as-is, recoded (1:1), summed into a merger, dropped (by reason)."""
    audit = audit.assign(source_id=audit.indicator_id.map(meta.set_index("id").source_id))
    rows = []
    for (source_id, year), part in audit.groupby(["source_id", "year"]):
        counts = part.action.value_counts()
        dropped = part[part.action == "dropped"]
        rows.append({
            "source_id": source_id, "year": int(year),
            "kept": int(counts.get("kept", 0)), "recoded": int(counts.get("recoded", 0)),
            "merged": int(counts.get("merged", 0)), "dropped": int(len(dropped)),
            "dropped_by_reason": {reason: {"rows": int(len(g)), "codes": sorted(set(g.nuts_id))[:25]}
                                  for reason, g in dropped.groupby("reason")},
        })
    return rows


def dropped_regions(audit: pd.DataFrame, rules: pd.DataFrame, meta: pd.DataFrame) -> list[dict]:
    """Every raw region dropped by the recoding, once per source, code, version and reason: which indicators and
    years, why in words, and the NUTS 2021 regions its territory overlaps (which therefore lack that value)."""
    dropped = _with_touches(audit[audit.action == "dropped"], rules)
    if dropped.empty:
        return []
    dropped = dropped.assign(source_id=dropped.indicator_id.map(meta.set_index("id").source_id))
    out = []
    for (source_id, code, version, reason, detail), part in dropped.groupby(
            ["source_id", "nuts_id", "from_version", "reason", "detail"], dropna=False):
        out.append({"source_id": source_id, "code": code, "nuts_version": None if pd.isna(version) else int(version),
                    "reason": reason, "detail": detail, "indicators": sorted(set(part.indicator_id)),
                    "years": sorted({int(y) for y in part.year}),
                    "nuts_2021_regions": sorted({c for t in part.touches for c in t.split(",") if c})})
    return out


def _with_touches(dropped: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    keyed = rules[["from_version", "from_code", "touches"]].drop_duplicates(["from_version", "from_code"])
    merged = dropped.assign(from_version=dropped.from_version.astype("float64")).merge(
        keyed.assign(from_version=keyed.from_version.astype("float64")),
        left_on=["from_version", "nuts_id"], right_on=["from_version", "from_code"], how="left")
    return merged.assign(touches=merged.touches.fillna(""), detail=merged.detail.fillna(""))


def no_data_reasons(audit: pd.DataFrame, rules: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, NUTS 2021 region and year without a value: the dropped raw region that covered it and why
    (a split, a boundary change, a merger of rates...), so the brief says why instead of 'no figure published'."""
    dropped = _with_touches(audit[(audit.action == "dropped") & (audit.reason != REASON_DUPLICATE)], rules)
    rows = dropped.assign(region=dropped.touches.str.split(",")).explode("region")
    rows = rows[rows.region.fillna("") != ""]
    served = set(zip(values.indicator_id, values.nuts_id, values.year.astype(int)))
    rows = rows[[k not in served for k in zip(rows.indicator_id, rows.region, rows.year.astype(int))]]
    return pd.DataFrame({"indicator_id": rows.indicator_id.astype(str), "nuts_id": rows.region.astype(str),
                         "year": rows.year.astype("int16"), "from_code": rows.nuts_id.astype(str),
                         "from_version": rows.from_version.astype("int16"), "reason": rows.reason.astype(str),
                         "detail": rows.detail.astype(str)}).drop_duplicates().reset_index(drop=True)
