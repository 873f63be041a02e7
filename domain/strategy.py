"""A Strategies view read from its query (domain, evidence, region, eu_only) and the classes of its score map."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from data.layer import Layer
from domain.classify import Classes, classify
from domain.s3 import LEVEL, load_domains

_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{2}$")


def _first(query: dict, key: str) -> str | None:
    value = query.get(key)
    return (value[0] if value else None) if isinstance(value, list) else value


def parse_strategy(query: dict, layer: Layer) -> tuple[dict, list[str]]:
    """domain, evidence, region, eu_only from a query; unknown values fall back with a notice."""
    notices = []
    domains = {d["id"]: d for d in load_domains()}
    domain_id = _first(query, "domain") or next(iter(domains))
    if domain_id not in domains:
        notices.append(f"Unknown domain “{str(domain_id)[:40]}” ignored.")
        domain_id = next(iter(domains))
    defaults = [link["indicator"] for link in domains[domain_id]["evidence"]]
    evidence = defaults
    raw = _first(query, "evidence")
    if raw:
        wanted = [e for e in raw.split(",") if e]
        known = [e for e in wanted if e in layer.by_indicator and 2 in layer.indicator(e)["levels"]]
        if len(known) != len(wanted):
            notices.append("Unknown evidence indicators ignored.")
        evidence = known or defaults
    region = _first(query, "region")
    if region and not (_CODE.match(region) and region in layer.region_ids):
        notices.append(f"Unknown NUTS 2 region “{str(region)[:40]}” ignored.")
        region = None
    eu_only = _first(query, "eu_only") != "0"
    return {"domain": domain_id, "evidence": evidence, "region": region, "eu_only": eu_only}, notices


def score_classes(layer: Layer, scores) -> Classes:
    """Fixed quarters of the 0-100 score, so 75 (the 'strong' threshold) is a class break; regions without a score
    are counted as no data."""
    values = dict(zip(scores.nuts_id, scores.score))
    regions = layer.regions.nuts_id[layer.regions.level == LEVEL]
    every = [values.get(c, math.nan) for c in regions]
    base = classify(every, "equal_interval", 4, "viridis")
    finite = [v for v in every if not math.isnan(v)]
    counts = tuple(int(n) for n in np.histogram(finite, bins=SCORE_EDGES)[0])
    return replace(base, edges=SCORE_EDGES, counts=counts)


SCORE_EDGES = (0.0, 25.0, 50.0, 75.0, 100.0)
