"""Specialisation indicators derived from the recoded layer: location quotients and cluster stars.

The recipe of each derived indicator is declared in ``indicators.yaml``
(``derive:``); this module only executes it on NUTS 2021 values:

* ``lq_share``  — region share / published EU share of the same year (EU27_2020
  where the source publishes it, else the aggregate it does publish);
* ``lq_counts`` — (numerator / denominator) of the region over the same ratio of
  the EU27 sums, only for years where all 27 countries have both counts;
* ``lq_rate``   — region rate / EU27 rate rebuilt from counts and the published
  per-capita rate (population = count / rate);
* ``stars``     — [LQ >= 2] + [focus or size in the top decile of regions of
  the same level and year, the threshold set by the EU27 regions only].

Never an unweighted mean of regions.
"""

from __future__ import annotations

import pandas as pd

from data.layer.eu import EU27
from data.layer.pools import top_decile_cut

STAR_LQ = 2.0
TOP_DECILE = 0.9
COLUMNS = ["indicator_id", "nuts_id", "year", "value", "flag", "note"]


def _level(frame: pd.DataFrame) -> pd.Series:
    return frame.nuts_id.str.len() - 2


def _series(values: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    return values[values.indicator_id == indicator_id][["nuts_id", "year", "value"]]


def lq_share(values: pd.DataFrame, reference: pd.DataFrame, spec: dict) -> tuple[pd.DataFrame, list[str]]:
    eu = reference[(reference.indicator_id == spec["eu_indicator"]) & (reference.ref_id == spec["eu_ref"])]
    eu = eu.set_index("year").value
    parts = [_series(values, spec["base"])]
    if spec.get("country_base"):
        country = _series(values, spec["country_base"])
        parts.append(country[country.nuts_id.str.len() == 2].assign(
            origin=f"country share from {spec['country_base']} (not the regional panel); "))
    base = pd.concat(parts, ignore_index=True)
    base = base[base.year.isin(eu.index)]
    origin = base["origin"].fillna("") if "origin" in base else ""
    out = base.assign(value=base.value / base.year.map(eu),
                      note=origin + f"share / {spec['eu_ref']} share of " + base.year.astype(str))
    missing_years = sorted(set(_series(values, spec["base"]).year) - set(eu.index))
    notes = [f"no {spec['eu_ref']} reference for {spec['base']} in {missing_years}: no LQ"] if missing_years else []
    return out, notes


def _eu27_totals(values: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    frame = _series(values, indicator_id)
    return frame[frame.nuts_id.isin(EU27)]


def lq_counts(values: pd.DataFrame, spec: dict) -> tuple[pd.DataFrame, list[str]]:
    num, den = _series(values, spec["numerator"]), _series(values, spec["denominator"])
    eu_num, eu_den = _eu27_totals(values, spec["numerator"]), _eu27_totals(values, spec["denominator"])
    complete = sorted(set(eu_num.groupby("year").nuts_id.nunique().loc[lambda s: s == len(EU27)].index)
                      & set(eu_den.groupby("year").nuts_id.nunique().loc[lambda s: s == len(EU27)].index))
    eu_share = (eu_num[eu_num.year.isin(complete)].groupby("year").value.sum()
                / eu_den[eu_den.year.isin(complete)].groupby("year").value.sum())
    both = num.merge(den, on=["nuts_id", "year"], suffixes=("_n", "_d"))
    both = both[both.year.isin(complete) & (both.value_d > 0)]
    out = pd.DataFrame({"nuts_id": both.nuts_id, "year": both.year,
                        "value": (both.value_n / both.value_d) / both.year.map(eu_share),
                        "note": "EU27 share from the sum of the 27 countries' counts"})
    skipped = sorted(set(num.year) - set(complete))
    notes = [f"{spec['numerator']}: EU27 share only where all 27 countries are listed ({complete}); no LQ in {skipped}"]
    return out, notes


def lq_rate(values: pd.DataFrame, spec: dict) -> tuple[pd.DataFrame, list[str]]:
    count, rate = _eu27_totals(values, spec["count"]), _eu27_totals(values, spec["rate"])
    both = count.merge(rate, on=["nuts_id", "year"], suffixes=("_c", "_r"))
    both = both[both.value_r > 0]
    n = both.groupby("year").nuts_id.nunique()
    complete = n[n == len(EU27)].index
    both = both[both.year.isin(complete)]
    eu_rate = both.groupby("year").value_c.sum() / (both.value_c / both.value_r).groupby(both.year).sum()
    regional = _series(values, spec["rate"])
    regional = regional[regional.year.isin(eu_rate.index)]
    out = regional.assign(value=regional.value / regional.year.map(eu_rate),
                          note="EU27 rate rebuilt from the 27 countries' counts and rates")
    return out, [f"{spec['rate']}: EU27 rate for {len(eu_rate)} years with all 27 countries"]


def stars(values: pd.DataFrame, spec: dict, focus_by_level: dict[int, str] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Stars of each region with an LQ. The top-decile cut of the focus or size series is set by every EU27
    region of the level and year that has a value of that series (with or without an LQ). ``focus_by_level``
    names the series a level's focus is read from where the regional series has no such level (countries:
    the LQ's own ``country_base``, Eurostat tsc00011), so country stars are computed on country data."""
    lq = _series(values, spec["lq"])
    other_id = spec.get("focus") or spec.get("size") or ""
    other = _series(values, other_id)
    other = other.assign(level=_level(other), origin="")
    notes = []
    for level, series_id in (focus_by_level or {}).items():
        replacement = _series(values, series_id)
        replacement = replacement[_level(replacement) == level]
        other = pd.concat([other[other.level != level],
                           replacement.assign(level=level, origin=f"focus tested on {series_id} (NUTS {level})")],
                          ignore_index=True)
        notes.append(f"NUTS {level} focus stars from {series_id}")
    cut = top_decile_cut(other, TOP_DECILE)
    other = other.join(cut, on=["level", "year"])
    other = other.assign(top=other.value >= other.cut)[["nuts_id", "year", "top", "origin"]]
    merged = lq.merge(other, on=["nuts_id", "year"], how="left")
    merged["top"] = merged.top.fillna(False).astype(bool)
    out = pd.DataFrame({"nuts_id": merged.nuts_id, "year": merged.year,
                        "value": (merged.value >= STAR_LQ).astype(float) + merged.top.astype(float),
                        "note": merged.origin.fillna("")})
    return out, notes


def derive_specialisation(values: pd.DataFrame, reference: pd.DataFrame, meta: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Append every indicator with a ``derive`` recipe (in file order, so stars follow their LQ)."""
    notes: list[str] = []
    values = values.astype({"value": "float64"})
    specs = {row.id: row.derive for row in meta[meta["derive"].notna()].itertuples()}
    for row in meta[meta["derive"].notna()].itertuples():
        spec = row.derive
        method = spec["method"]
        if method == "lq_share":
            out, new = lq_share(values, reference, spec)
        elif method == "lq_counts":
            out, new = lq_counts(values, spec)
        elif method == "lq_rate":
            out, new = lq_rate(values, spec)
        elif method == "stars":
            lq_spec = specs.get(spec["lq"]) or {}
            by_level = {0: lq_spec["country_base"]} if spec.get("focus") and lq_spec.get("country_base") else None
            out, new = stars(values, spec, by_level)
        else:
            raise ValueError(f"{row.id}: unknown derive method {method!r}")
        out = out.assign(indicator_id=row.id, flag="derived").astype({"value": "float64"})
        values = pd.concat([values, out[COLUMNS]], ignore_index=True)
        notes += [f"{row.id}: {n}" for n in new]
    return values, notes
