"""Strategies page logic: S3 domains, evidence scores and partner finding (plain functions).

A domain's evidence score for a region is the mean of its percentile positions
(0 = lowest, 100 = highest among NUTS 2 regions with data, latest year of each
indicator; reversed where lower is better) over the domain's evidence
indicators, required for at least half of them. "Strong" means a score of at
least ``STRONG_SCORE``. The domain ↔ evidence links come from the reviewed file
``data/s3_domains.yaml``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from data.layer import EU27, Layer

DOMAINS_FILE = Path(__file__).resolve().parents[1] / "data" / "s3_domains.yaml"
STRONG_SCORE = 75.0
LEVEL = 2


@lru_cache(maxsize=1)
def load_domains() -> tuple[dict, ...]:
    doc = yaml.safe_load(DOMAINS_FILE.read_text(encoding="utf-8"))
    return tuple(doc["domains"])


def domain(domain_id: str) -> dict:
    for d in load_domains():
        if d["id"] == domain_id:
            return d
    raise KeyError(domain_id)


def percentiles(layer: Layer, indicator_id: str, level: int = LEVEL) -> tuple[pd.Series, int | None]:
    """Percentile position (0-100, 100 = strongest) of each region, latest year with data."""
    frame = layer.by_indicator[indicator_id]
    frame = frame[frame.level == level]
    if frame.empty:
        return pd.Series(dtype="float64"), None
    year = int(frame.year.max())
    latest = frame[frame.year == year].set_index("nuts_id").value
    ascending = layer.indicator(indicator_id)["higher_is_better"] is not False
    ranks = latest.rank(ascending=ascending, method="average")
    return (100 * (ranks - 1) / max(len(ranks) - 1, 1)), year


def domain_scores(layer: Layer, evidence: list[str], level: int = LEVEL) -> pd.DataFrame:
    """Regions (EU27 and others with data) × evidence percentiles, with the mean score and 'strong' flag."""
    columns, years = {}, {}
    for indicator_id in evidence:
        if indicator_id not in layer.by_indicator:
            continue
        series, year = percentiles(layer, indicator_id, level)
        if year is not None:
            columns[indicator_id], years[indicator_id] = series, year
    if not columns:
        return pd.DataFrame(columns=["nuts_id", "score", "n_evidence", "strong"])
    table = pd.DataFrame(columns)
    needed = max(1, (len(columns) + 1) // 2)
    table["n_evidence"] = table[list(columns)].notna().sum(axis=1)
    table["score"] = table[list(columns)].mean(axis=1, skipna=True).where(table.n_evidence >= needed)
    table = table.dropna(subset=["score"])
    table["strong"] = table.score >= STRONG_SCORE
    table.attrs["years"] = years
    return table.rename_axis("nuts_id").reset_index()


def partners(layer: Layer, region: str, evidence: list[str], k: int = 10, eu_only: bool = True) -> pd.DataFrame:
    """Other regions ranked by evidence score in the domain (strongest first)."""
    scores = domain_scores(layer, evidence, level=len(region) - 2)
    scores = scores[scores.nuts_id != region]
    if eu_only:
        scores = scores[scores.nuts_id.str[:2].isin(EU27)]
    names = layer.region_names()
    top = scores.sort_values("score", ascending=False).head(k).copy()
    top.insert(1, "name", top.nuts_id.map(names))
    top.insert(0, "rank", range(1, len(top) + 1))
    return top.reset_index(drop=True)


def centroids(layer: Layer, codes: list[str]) -> dict[str, tuple[float, float]]:
    regions = layer.regions.set_index("nuts_id").loc[codes]
    points = regions.geometry.representative_point()
    return {code: (p.x, p.y) for code, p in points.items()}
