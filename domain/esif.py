"""The money behind a region's S3 strategy, as one plain record for the Strategies panel, the brief and tests:
ERDF planned for research & innovation (thematic objective 01) in 2014–2020, from the layer's ESIF indicators and
the reviewed programme table the build wrote beside them (``esif_programmes.parquet``, ``esif_objectives.parquet``).

A region without its own programme is told whose figure it sees (the NUTS 1 programme it lies in, said so) or why
it has none (money only in national programmes, never split); nothing is apportioned here either.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from data.layer import Layer, verified_bytes

SOURCE_ID = "esif_2014_2020_planned"
PERIOD = "2014–2020 (planned, programme versions of April 2019)"
REGIONAL = "esif_rd_erdf_regional"
PER_INHABITANT = "esif_rd_erdf_regional_per_inhabitant"
SHARE = "esif_rd_erdf_regional_share"
COUNTRY = "esif_rd_erdf_country"
NATIONAL = "esif_rd_erdf_country_national"
RESEARCH = "01"
CONTEXT_OBJECTIVES = 4


@dataclass(frozen=True)
class ResearchMoney:
    """What the 2014–2020 programmes planned for research & innovation for one region and its country."""

    nuts_id: str
    territory: str | None = None
    territory_name: str = ""
    programmes: list[dict] = field(default_factory=list)
    eur: float | None = None
    share: float | None = None
    per_inhabitant: float | None = None
    country: str = ""
    country_eur: float | None = None
    national_eur: float | None = None
    national_programmes: list[dict] = field(default_factory=list)
    objectives: list[dict] = field(default_factory=list)
    reason: str = ""
    source: str = ""
    citation: str = ""
    period: str = PERIOD


def available(layer: Layer) -> bool:
    return REGIONAL in layer.by_indicator and "esif_programmes.parquet" in (layer.manifest.get("files") or {})


@lru_cache(maxsize=4)
def programme_tables(layer: Layer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(programmes, objectives) as the build wrote them, read once and checked against the manifest."""
    programmes = pd.read_parquet(io.BytesIO(verified_bytes(layer, "esif_programmes.parquet")))
    objectives = pd.read_parquet(io.BytesIO(verified_bytes(layer, "esif_objectives.parquet")))
    return programmes, objectives


def eur(value: float | None) -> str:
    """'EUR 230.0 million' / 'EUR 6.12 billion'; 'no data' for None."""
    if value is None:
        return "no data"
    if abs(value) >= 1e9:
        return f"EUR {value / 1e9:,.2f} billion"
    if abs(value) >= 1e6:
        return f"EUR {value / 1e6:,.1f} million"
    return f"EUR {value:,.0f}"


def _value(layer: Layer, indicator_id: str, code: str) -> float | None:
    frame = layer.by_indicator.get(indicator_id)
    if frame is None:
        return None
    hit = frame[frame.nuts_id == code]
    return float(hit.value.iloc[0]) if len(hit) else None


def _programmes_of(programmes: pd.DataFrame, territory: str) -> pd.DataFrame:
    """The regional programmes whose territory is `territory`, lies inside it, or contains it."""
    regional = programmes[programmes["class"] == "regional"]
    hit = regional.nuts2021.map(lambda codes: any(c.startswith(territory) or territory.startswith(c)
                                                  for c in str(codes).split()))
    return regional[hit]


def _objectives(objectives: pd.DataFrame, ccis: list[str]) -> list[dict]:
    """The other thematic objectives of the same programme(s), largest ERDF first (context, not R&I money)."""
    mine = objectives[objectives.cci.isin(ccis) & (objectives.to_code != RESEARCH)]
    summed = mine.groupby(["to_code", "objective"]).erdf.sum().reset_index().sort_values("erdf", ascending=False)
    return [{"to_code": r.to_code, "objective": r.objective, "erdf": float(r.erdf)}
            for r in summed.head(CONTEXT_OBJECTIVES).itertuples()]


def research_money(layer: Layer, nuts_id: str) -> ResearchMoney:
    """The region's own (or, said so, its containing region's) regional-programme figures and its country's."""
    source = layer.sources[SOURCE_ID]
    base: dict[str, Any] = {"nuts_id": nuts_id, "source": source.short_name, "citation": source.citation}
    if not available(layer):
        return ResearchMoney(**base, reason="The ESIF 2014–2020 data are not in this data layer.")
    programmes, objectives = programme_tables(layer)
    names = layer.region_names()
    country = nuts_id[:2]
    national = programmes[(programmes.country == country) & programmes["class"].isin(["national", "multi-regional"])]
    base |= {"country": country, "country_eur": _value(layer, COUNTRY, country),
             "national_eur": _value(layer, NATIONAL, country),
             "national_programmes": [{"cci": r["cci"], "title": r["title"], "class": r["class"],
                                      "erdf_research": float(r["erdf_research"])} for r in national.to_dict("records")]}
    chain = [nuts_id[:n] for n in range(len(nuts_id), 2, -1)]
    territory = next((code for code in chain if _value(layer, REGIONAL, code) is not None), None)
    if territory is None:
        return ResearchMoney(**base, reason=_why_none(programmes, national, nuts_id, names))
    own = _programmes_of(programmes, territory)
    ccis = list(own.cci)
    reason = "" if territory == nuts_id else (
        f"{names.get(nuts_id, nuts_id)} has no programme of its own: the figures are those of the programme of "
        f"{names.get(territory, territory)} ({territory}), for that whole territory, not split.")
    return ResearchMoney(**base, territory=territory, territory_name=str(names.get(territory, territory)),
                         programmes=[{"cci": r.cci, "title": r.title} for r in own.itertuples()],
                         eur=_value(layer, REGIONAL, territory), share=_value(layer, SHARE, territory),
                         per_inhabitant=_value(layer, PER_INHABITANT, territory),
                         objectives=_objectives(objectives, ccis), reason=reason)


def _why_none(programmes: pd.DataFrame, national: pd.DataFrame, nuts_id: str, names) -> str:
    country = nuts_id[:2]
    mine = programmes[programmes.country == country]
    if mine.empty:
        return "The file has no 2014–2020 ERDF programme with research & innovation money for this country."
    inside = _programmes_of(mine, nuts_id)
    if len(inside):
        return ("No single regional programme covers exactly this region; its parts have their own: "
                + "; ".join(f"{r.title} ({r.nuts2021})" for r in inside.itertuples()) + ".")
    if (mine["class"] == "regional").any():
        return ("No regional programme of this country with research & innovation money (ERDF, TO01) covers this "
                "region; national and multi-regional programmes count at country level only.")
    why = "; ".join(f"{r['title']}: {r['reason']}" for r in national.to_dict("records") if r["reason"]
                    and r["class"] == "multi-regional")
    return ("This region's research & innovation money sits only in national or multi-regional programmes, which "
            "cover several regions and are never split: see the country total." + (f" ({why})" if why else ""))


def money_lines(money: ResearchMoney) -> list[str]:
    """The panel's and the brief's sentences, each number with 'planned', period and source nearby."""
    lines = []
    if money.eur is not None:
        titles = "; ".join(p["title"] for p in money.programmes)
        noun = "programme" if len(money.programmes) == 1 else "programmes"
        lines.append(f"The 2014–2020 {noun} ({titles}) planned {eur(money.eur)} for research & innovation, "
                     f"{money.share:.1f} % of its ERDF, EUR {money.per_inhabitant:,.0f} per inhabitant (population 2014)."
                     if money.share is not None and money.per_inhabitant is not None else
                     f"The 2014–2020 {noun} ({titles}) planned {eur(money.eur)} for research & innovation.")
    if money.reason:
        lines.append(money.reason)
    if money.national_eur:
        lines.append(f"National and multi-regional programmes add {eur(money.national_eur)} for the country ({money.country}), "
                     f"not split to regions; all programmes of {money.country}: {eur(money.country_eur)} planned.")
    elif money.country_eur is not None:
        lines.append(f"All programmes of {money.country}: {eur(money.country_eur)} planned; no national programme "
                     "with research & innovation money.")
    if money.objectives:
        lines.append(f"Same {'programme' if len(money.programmes) == 1 else 'programmes'}, other objectives (ERDF planned): " + "; ".join(
            f"TO{o['to_code']} {o['objective']} {eur(o['erdf'])}" for o in money.objectives) + ".")
    lines.append(f"EU amounts (ERDF), {money.period}; planned, not spent. Source: {money.citation}")
    return lines


def money_summary(money: ResearchMoney) -> list[str]:
    """Short lines for a map page's key box (a Strategies view in a pack or on a slide): the regional money, then the
    country's national part, with 'planned', the period and the source."""
    head = "R&I money, ERDF 2014–20, planned (EC Cohesion Open Data)"
    if money.eur is None:
        lines = [f"{head}: no regional programme of its own"]
    else:
        whose = "" if money.territory == money.nuts_id else f" ({money.territory})"
        per = f", EUR {money.per_inhabitant:,.0f}/inhabitant" if money.per_inhabitant is not None else ""
        lines = [f"{head}: {eur(money.eur)}{whose}{per}"]
    if money.national_eur:
        lines.append(f"+ national programmes: {eur(money.national_eur)} for {money.country}")
    return lines
