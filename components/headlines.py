"""Headline figures for the Overview page, each computed from the layer with its provenance."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from data.layer import Layer, eu_reference, indicator_caveat
from data.layer.eu import EU27
from data.layer.memo import layer_memo
from domain.formatting import format_number, provenance
from domain.i18n import gettext

SEED_QUOTES = [
    ("The EU has over 3000 clusters collaborating across the EU with over 50 million jobs placed in concrete locations.",
     "U. Engelmann (DG GROW), 'The role of Clusters in accelerating the European Recovery', presentation, 7 September 2020"),
    ("21,94% of advanced technologies global patent applications held by EU27",
     "Same presentation, citing the Advanced Technologies for Industry (ATI) monitor, 7 September 2020"),
]


@dataclass(frozen=True)
class Headline:
    title: str
    value: str
    detail: str
    provenance: str
    indicator_id: str
    caveat: str = ""


def _meta(layer: Layer, indicator_id: str) -> dict:
    return layer.indicator(indicator_id)


def _top_region(layer: Layer, indicator_id: str, level: int, countries=EU27) -> tuple[pd.Series, int]:
    frame = layer.by_indicator[indicator_id]
    frame = frame[(frame.level == level) & frame.nuts_id.str[:2].isin(countries)]
    year = int(frame.year.max())
    latest = frame[frame.year == year]
    return latest.loc[latest.value.idxmax()], year


def headline_figures(layer: Layer) -> list[Headline]:
    """A few figures a policy reader asks first; all from the layer, none hard-coded (worked out once per layer and
    language: the overview page asked for them on every visit)."""
    return list(_headline_figures(layer))


@layer_memo(maxsize=16, max_bytes=1024 * 1024)
def _headline_figures(layer: Layer) -> tuple[Headline, ...]:
    names = layer.region_names()
    out: list[Headline] = []

    for indicator_id in ("desi_ai", "desi_cloud", "desi_big_data"):
        meta = _meta(layer, indicator_id)
        year = max(meta["years"])
        eu = eu_reference(layer, indicator_id, year)
        top, _ = _top_region(layer, indicator_id, 0)
        source = layer.sources[meta["source_id"]].short_name
        out.append(Headline(
            title=gettext("%(indicator)s, EU27") % {"indicator": meta["label"]},
            value=format_number(eu, meta["unit"]),
            detail=gettext("%(unit)s; highest: %(region)s %(value)s")
            % {"unit": meta["unit"], "region": names[top.nuts_id], "value": format_number(top.value, meta["unit"])},
            provenance=provenance(source, year, meta["source_code"]),
            indicator_id=indicator_id,
        ))

    for indicator_id, level in (("emp_hightech_medhightech_manuf", 2), ("ai_preprints", 2),
                                ("epo_patent_applications_per_million", 2)):
        meta = _meta(layer, indicator_id)
        top, year = _top_region(layer, indicator_id, level)
        source = layer.sources[meta["source_id"]].short_name
        out.append(Headline(
            title=gettext("%(indicator)s: highest EU NUTS 2 region") % {"indicator": meta["label"]},
            value=format_number(top.value, meta["unit"]),
            detail=f"{names[top.nuts_id]} ({top.nuts_id}); {meta['unit']}",
            provenance=provenance(source, year, meta["source_code"]),
            indicator_id=indicator_id,
            caveat=indicator_caveat(layer, indicator_id),
        ))
    return tuple(out)


def headline_card(item: Headline) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.Div(item.title, className="atlas-headline-title"),
        html.Div(item.value, className="atlas-headline-value"),
        html.Div(item.detail, className="atlas-headline-detail"),
        html.Div(item.provenance, className="atlas-provenance"),
        html.Div(item.caveat, className="atlas-headline-caveat small text-muted") if item.caveat else None,
    ]), className="h-100 atlas-headline")


def quote_card(text: str, attribution: str) -> dbc.Card:
    return dbc.Card(dbc.CardBody([
        html.Blockquote(f"“{text}”", className="mb-1"),
        html.Div([gettext("Quoted statement, not computed by this app:"), " ", attribution], className="atlas-provenance"),
    ]), className="h-100 atlas-quote")
