"""A Strategies view read from its query (domain, evidence, region, eu_only) and the classes of its score map."""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from data.layer import Layer
from domain.classify import Classes, classify
from domain.s3 import DEFAULT_PER_COUNTRY, LEVEL, PER_COUNTRY_CHOICES, domain, load_domains

_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{2}$")


def _first(query: dict, key: str) -> str | None:
    value = query.get(key)
    return (value[0] if value else None) if isinstance(value, list) else value


STRATEGY_PARAMETERS = ("domain", "evidence", "region", "eu_only", "per_country", "present", "lang")


def parse_strategy(query: dict, layer: Layer) -> tuple[dict, list[str]]:
    """domain, evidence, region, eu_only from a query; unknown values fall back with a notice."""
    notices = []
    unknown = sorted(set(query) - set(STRATEGY_PARAMETERS))
    if unknown:
        notices.append(f"Unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(u[:30] for u in unknown[:5])} "
                       "ignored.")
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
    raw = _first(query, "per_country")
    per_country = DEFAULT_PER_COUNTRY
    if raw:
        if raw.isascii() and raw.isdigit() and int(raw) in PER_COUNTRY_CHOICES:
            per_country = int(raw)
        else:
            notices.append(f"Partners per country “{str(raw)[:10]}” must be one of "
                           f"{', '.join(map(str, PER_COUNTRY_CHOICES))}; using {DEFAULT_PER_COUNTRY}.")
    return {"domain": domain_id, "evidence": evidence, "region": region, "eu_only": eu_only,
            "per_country": per_country}, notices


def strategy_query(view: dict, present: bool = False) -> str:
    """The canonical query of a Strategies view (defaults left out): what the address bar and Copy link carry, so a
    parameter that was ignored never travels on."""
    defaults = [link["indicator"] for link in domain(view["domain"])["evidence"]]
    query = {"domain": view["domain"], "evidence": ",".join(view["evidence"]) if view["evidence"] != defaults else "",
             "region": view["region"] or "", "eu_only": "" if view["eu_only"] else "0",
             "per_country": "" if view["per_country"] == DEFAULT_PER_COUNTRY else str(view["per_country"]),
             "present": "1" if present else ""}
    return urlencode({k: v for k, v in query.items() if v}, safe=",")


def score_classes(layer: Layer, scores) -> Classes:
    """Fixed quarters of the 0-100 score, so 75 (the 'strong' threshold) is a class break and a score of exactly 75
    is in the top class, on the map as in the legend; regions without a score are counted as no data."""
    values = dict(zip(scores.nuts_id, scores.score))
    regions = layer.regions.nuts_id[layer.regions.level == LEVEL]
    every = [values.get(c, math.nan) for c in regions]
    return classify(every, "fixed", 4, "viridis", breaks=SCORE_EDGES[1:-1], span=(SCORE_EDGES[0], SCORE_EDGES[-1]))


SCORE_EDGES = (0.0, 25.0, 50.0, 75.0, 100.0)
