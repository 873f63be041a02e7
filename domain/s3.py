"""Strategies page logic: S3 domains, evidence scores and partner finding (plain functions).

A domain's evidence score for a region is the mean of its percentile positions
(0 = lowest, 100 = highest among NUTS 2 regions with data, latest year of each
indicator; reversed where lower is better) over the domain's evidence
indicators, required for at least half of them. "Strong" means a score of at
least ``STRONG_SCORE``. The domain ↔ evidence links come from the reviewed file
``data/s3_domains.yaml``.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.layer import Layer
from data.layer.eu import EU27
from data.layer.pools import percentiles_in_pool
from data.yaml_files import load_yaml

DOMAINS_FILE = Path(__file__).resolve().parents[1] / "data" / "s3_domains.yaml"
STRONG_SCORE = 75.0
DEFAULT_PER_COUNTRY = 3
PER_COUNTRY_CHOICES = (1, 2, 3, 5, 10)
LEVEL = 2


@lru_cache(maxsize=1)
def load_domains() -> tuple[dict, ...]:
    doc = load_yaml(DOMAINS_FILE)
    return tuple(doc["domains"])


def domain(domain_id: str) -> dict:
    for d in load_domains():
        if d["id"] == domain_id:
            return d
    raise KeyError(domain_id)


def percentiles(layer: Layer, indicator_id: str, level: int = LEVEL) -> tuple[pd.Series, int | None]:
    """Percentile position (0-100, 100 = strongest) of each region against the EU27 pool, latest year with data."""
    frame = layer.by_indicator[indicator_id]
    frame = frame[frame.level == level]
    if frame.empty:
        return pd.Series(dtype="float64"), None
    year = int(frame.year.max())
    latest = frame[frame.year == year].set_index("nuts_id").value
    return percentiles_in_pool(latest, higher_is_better=layer.indicator(indicator_id)["higher_is_better"]), year


def domain_scores(layer: Layer, evidence: list[str], level: int = LEVEL) -> pd.DataFrame:
    """Regions (EU27 and others with data) × evidence percentiles, with the mean score and 'strong' flag.

    Computed once per (layer, evidence, level) — one Strategies update reads it for the map, its classes, the
    legend, the panel and the partners — and handed out as a copy, so no caller can change another's table."""
    table = _domain_scores(layer, tuple(evidence), level)
    result = table.copy()
    result.attrs = copy.deepcopy(table.attrs)
    return result


@lru_cache(maxsize=32)
def _domain_scores(layer: Layer, evidence: tuple[str, ...], level: int) -> pd.DataFrame:
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


def partners(layer: Layer, region: str, evidence: list[str], k: int = 10, eu_only: bool = True,
             per_country: int | None = DEFAULT_PER_COUNTRY) -> pd.DataFrame:
    """Other regions ranked by how well they complement `region`: their percentile on each evidence indicator,
    weighted by how weak `region` is on it (100 - its percentile; 50 where it has no value). So a region weak in
    one part of the domain is offered partners strong in that part, not the domain's league table.
    ``complements`` names the indicator where the partner is furthest ahead. At most ``per_country`` partners come
    from one country (None: no limit), so one strong country does not fill the list."""
    scores = domain_scores(layer, evidence, level=len(region) - 2)
    indicators = [c for c in evidence if c in scores.columns]
    table = scores.set_index("nuts_id")
    own = table.loc[region, indicators] if region in table.index else pd.Series(index=indicators, dtype="float64")
    weights = (100 - own).fillna(50).clip(lower=1)
    candidates = table.drop(index=region, errors="ignore")
    if eu_only:
        candidates = candidates[candidates.index.str[:2].isin(EU27)]
    values = candidates[indicators]
    present = values.notna()
    fit = (values.fillna(0) * weights).sum(axis=1) / (present * weights).sum(axis=1).where(lambda s: s > 0)
    ahead = values.sub(own.fillna(50), axis=1)
    labels = {i: layer.indicator(i)["label"] for i in indicators}
    candidates = candidates.assign(fit=fit, complements=ahead.idxmax(axis=1, skipna=True).map(labels)).dropna(subset=["fit"])
    names = layer.region_names()
    ordered = candidates.sort_values(["fit", "score"], ascending=False)
    if per_country:
        ordered = ordered[ordered.groupby(ordered.index.str[:2]).cumcount() < per_country]
    top = ordered.head(k).reset_index()
    top.insert(1, "name", top.nuts_id.map(names))
    top.insert(0, "rank", range(1, len(top) + 1))
    return top[["rank", "nuts_id", "name", "fit", "score", "n_evidence", "strong", "complements", *indicators]]


def centroids(layer: Layer, codes: list[str]) -> dict[str, tuple[float, float]]:
    regions = layer.regions.set_index("nuts_id").loc[codes]
    points = regions.geometry.representative_point()
    return {code: (p.x, p.y) for code, p in points.items()}


GAP_CATEGORIES = ("prioritised & strong", "prioritised but weak", "strong but not prioritised", "neither")


def matches_domain(text: str, domain_id: str) -> bool:
    """Does a priority's text (domain, title, description) belong to the domain (keywords of the mapping file)?"""
    lowered = f" {str(text).lower()} "
    return any(keyword in lowered for keyword in domain(domain_id).get("keywords", []))


def declared_regions(layer: Layer, rows: list[dict], domain_id: str, keyword: str = "") -> dict[str, list[str]]:
    """NUTS 2 regions declaring a priority in the domain -> the priorities' titles.

    Priorities of NUTS 3 regions count for their NUTS 2 region; priorities of a country or NUTS 1 region count for
    every NUTS 2 region inside it.
    """
    level2 = sorted(layer.regions[layer.regions.level == LEVEL].nuts_id)
    out: dict[str, list[str]] = {}
    for row in rows:
        text = " ".join(str(row.get(k) or "") for k in ("domain", "priority", "description"))
        if not matches_domain(text, domain_id) or (keyword and keyword.lower() not in text.lower()):
            continue
        code = str(row.get("nuts_id") or "")
        targets = [code[:4]] if len(code) >= 4 else [c for c in level2 if c.startswith(code)] if code else []
        for target in targets:
            out.setdefault(target, []).append(str(row.get("priority") or "")[:200])
    return out


def unmatched_priorities(rows: list[dict]) -> list[str]:
    """Priorities whose text matches none of the evidence domains: they appear in no gap view, which must be said."""
    ids = [d["id"] for d in load_domains()]
    out = []
    for row in rows:
        text = " ".join(str(row.get(k) or "") for k in ("domain", "priority", "description"))
        if not any(matches_domain(text, d) for d in ids):
            out.append(str(row.get("priority") or "")[:200])
    return out


def gap_view(layer: Layer, evidence: list[str], declared: dict[str, list[str]]) -> pd.DataFrame:
    """Each NUTS 2 region: evidence score, strong?, prioritised?, and its gap category."""
    scores = domain_scores(layer, evidence).set_index("nuts_id")
    regions = layer.regions[layer.regions.level == LEVEL].nuts_id
    table = pd.DataFrame({"nuts_id": regions.values})
    table["score"] = table.nuts_id.map(scores.score)
    table["strong"] = table.score >= STRONG_SCORE
    table["prioritised"] = table.nuts_id.isin(declared)
    table["category"] = [
        GAP_CATEGORIES[0] if p and s else GAP_CATEGORIES[1] if p else GAP_CATEGORIES[2] if s else GAP_CATEGORIES[3]
        for p, s in zip(table.prioritised, table.strong)
    ]
    table.loc[table.score.isna() & ~table.prioritised, "category"] = "no evidence"
    table.loc[table.score.isna() & table.prioritised, "category"] = "prioritised, no evidence"
    return table
