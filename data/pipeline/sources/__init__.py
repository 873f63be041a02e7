"""One module per data set, each with the same shape.

``extract(indicators)`` reads the registered raw files of its source and returns
an ``Extract``: long ``values`` in the source's own NUTS codes
(``indicator_id, nuts_id, year, value, nuts_version``), published aggregate
``reference`` values (e.g. EU27) and human-readable ``notes`` for the build
report. Units are converted only by the ``scale`` declared in
``data/indicators.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

VALUE_COLUMNS = ["indicator_id", "nuts_id", "year", "value", "nuts_version", "note"]
REFERENCE_COLUMNS = ["indicator_id", "ref_id", "year", "value"]
EU_AGGREGATES = {"EU": "EU27_2020", "EU27_2020": "EU27_2020", "EU28": "EU28"}


@dataclass
class Extract:
    """What one source gives the layer: values, published aggregates, notes, and (for lists such as the
    technology centres) whole tables written beside the values with their section of the build report."""

    values: pd.DataFrame
    reference: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REFERENCE_COLUMNS))
    notes: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    report: dict = field(default_factory=dict)


def source_indicators(indicators: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The indicators a source extracts itself (derived ones are computed later, in data/pipeline/derive.py)."""
    return indicators[(indicators.source_id == source_id) & indicators["derive"].isna()]


def split_aggregates(frame: pd.DataFrame, notes: list[str], source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Separate EU aggregates (kept as reference) and other non-region codes (dropped, noted)."""
    is_eu = frame.nuts_id.isin(EU_AGGREGATES)
    reference = frame[is_eu].assign(ref_id=lambda d: d.nuts_id.map(EU_AGGREGATES))[REFERENCE_COLUMNS]
    rest = frame[~is_eu]
    other = rest.nuts_id.str.len().gt(5) | rest.nuts_id.str.contains(r"[^A-Z0-9]") | rest.nuts_id.str.match(r"^(EA|EU)")
    if other.any():
        codes = sorted(rest[other].nuts_id.unique())
        notes.append(f"{source}: dropped {int(other.sum())} rows with aggregate codes {', '.join(codes)}")
    rest = rest[~other]
    extra = rest.nuts_id.str.fullmatch(r"[A-Z]{2}(Z{1,3}|X{1,3})")
    if extra.any():
        notes.append(f"{source}: dropped {int(extra.sum())} rows for extra-regio (..ZZ) or not regionalised (..XX) codes")
    return rest[~extra], reference


def long_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Normalise dtypes and drop missing values (an absent row is 'no data').

    An optional ``flag`` column (e.g. ``merged_area``) is kept and wins over the recoding flag."""
    frame = frame.dropna(subset=["value"])
    if "note" not in frame:
        frame = frame.assign(note="")
    columns = VALUE_COLUMNS + (["flag"] if "flag" in frame else [])
    return frame.astype({"year": "int64", "value": "float64", "nuts_version": "int64"})[columns]
