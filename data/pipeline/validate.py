"""Checks every build runs before a layer may be served.

Hard failures raise ``ValidationError`` listing the offending rows. Rows where
the *source* is at fault (a value outside its indicator's declared range, when
only a few rows of that indicator are affected) are dropped and listed in the
build report instead: never silently.
"""

from __future__ import annotations

import pandas as pd

MAX_SOURCE_FAULT_SHARE = 0.05


class ValidationError(ValueError):
    """The layer breaks an invariant; the build stops and keeps the old layer."""


def _rows(frame: pd.DataFrame, limit: int = 20) -> str:
    return frame.head(limit).to_string(index=False) + (f"\n... and {len(frame) - limit} more" if len(frame) > limit else "")


def drop_out_of_range(values: pd.DataFrame, meta: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop isolated out-of-range values (source faults); fail when many are out (unit error)."""
    bounds = meta.set_index("id")[["range_min", "range_max"]]
    lo = values.indicator_id.map(bounds.range_min).astype("float64")
    hi = values.indicator_id.map(bounds.range_max).astype("float64")
    bad = (lo.notna() & (values.value < lo)) | (hi.notna() & (values.value > hi))
    share = bad.groupby(values.indicator_id).mean()
    systematic = share[share > MAX_SOURCE_FAULT_SHARE]
    if len(systematic):
        raise ValidationError(
            "Values outside the declared range for too many rows (unit or scale error?):\n"
            + systematic.to_string() + "\n" + _rows(values[bad & values.indicator_id.isin(systematic.index)]))
    dropped = values[bad].assign(reason="outside declared range " + lo[bad].astype(str) + ".." + hi[bad].astype(str))
    return values[~bad], dropped


def check_layer(values: pd.DataFrame, regions: pd.DataFrame, meta: pd.DataFrame, source_ids: set[str]) -> None:
    """Invariants of a finished layer; raises ValidationError on the first broken one."""
    if values.value.isna().any():
        raise ValidationError("NaN values in the layer (missing data must be an absent row):\n"
                              + _rows(values[values.value.isna()]))
    dupes = values[values.duplicated(["indicator_id", "nuts_id", "year"], keep=False)]
    if len(dupes):
        raise ValidationError("Duplicate (indicator_id, nuts_id, year) rows:\n" + _rows(dupes.sort_values(["indicator_id", "nuts_id", "year"])))
    unknown = values[~values.nuts_id.isin(regions.nuts_id)]
    if len(unknown):
        raise ValidationError("nuts_id not in the NUTS 2021 regions:\n" + _rows(unknown))
    counts = values.groupby("indicator_id").size()
    empty = sorted(set(meta.id) - set(counts.index))
    if empty:
        raise ValidationError(f"Indicators without any value: {', '.join(empty)}")
    stray = sorted(set(values.indicator_id) - set(meta.id))
    if stray:
        raise ValidationError(f"Values for indicators missing from the metadata: {', '.join(stray)}")
    no_source = meta[~meta.source_id.isin(source_ids)]
    if len(no_source):
        raise ValidationError("Indicators whose source is not in the registry:\n" + _rows(no_source[["id", "source_id"]]))
    bounds = meta.set_index("id")
    lo = values.indicator_id.map(bounds.range_min).astype("float64")
    hi = values.indicator_id.map(bounds.range_max).astype("float64")
    outside = values[(lo.notna() & (values.value < lo)) | (hi.notna() & (values.value > hi))]
    if len(outside):
        raise ValidationError("Values outside declared ranges:\n" + _rows(outside))
