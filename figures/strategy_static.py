"""A Strategies view as a static picture and words (pack page, slide): the evidence-score map, the chosen region's score and its partners
(linked on the map), with the evidence indicators, their sources and years in words."""

from __future__ import annotations

import plotly.graph_objects as go

from data.layer import Layer
from domain.classify import legend_items
from domain.esif import available as esif_available
from domain.esif import money_summary, research_money
from domain.formatting import format_day
from domain.i18n import gettext as _
from domain.mapview import MapView
from domain.s3 import LEVEL, centroids, domain, domain_scores, partners
from domain.strategy import score_classes
from figures.static_map import HEIGHT, WIDTH, ViewWords, values_picture
from figures.text import plain_text

MAX_PARTNERS_SHOWN = 5
SCORE_SOURCE = "Cluster Atlas evidence score from the linked indicators"


def strategy_map_view(layer: Layer, view: dict) -> MapView:
    """The evidence score of every NUTS 2 region as a MapView, so it draws with the same code as any indicator."""
    scores = domain_scores(layer, view["evidence"])
    years = scores.attrs.get("years", {})
    return MapView(f"s3:{view['domain']}", _("Evidence score: %(domain)s") % {"domain": domain(view["domain"])["label"]},
                   _("score 0–100"), LEVEL,
                   max(years.values()) if years else 0, SCORE_SOURCE, "", dict(zip(scores.nuts_id, scores.score)),
                   score_classes(layer, scores), None, False)


def strategy_words(layer: Layer, view: dict, title: str | None = None) -> ViewWords:
    """Title line, legend, the region's score and partners, and the evidence with sources and years."""
    mapped = strategy_map_view(layer, view)
    scores = domain_scores(layer, view["evidence"]).set_index("nuts_id")
    years = scores.attrs.get("years", {})
    key: list[str] = []
    region = view["region"]
    if region:
        names = layer.region_names()
        own = (f"{scores.score[region]:.0f} / 100" if region in scores.index
               else _("no data (too few evidence indicators)"))
        key = [f"{names[region]} ({region})", _("Evidence score: %(domain)s") % {"domain": own},
               _("Partners by fit (strongest where it is weaker):")]
        shown = MAX_PARTNERS_SHOWN - 1 if esif_available(layer) else MAX_PARTNERS_SHOWN  # room for the money lines
        found = partners(layer, region, view["evidence"], eu_only=view["eu_only"], per_country=view["per_country"]).head(shown)
        key += [_("%(rank)s. %(name)s (%(code)s), fit %(fit)s: %(complements)s") % {
            "rank": int(r.rank), "name": r.name, "code": r.nuts_id, "fit": f"{r.fit:.0f}", "complements": r.complements}
            for r in found.itertuples()]
        if esif_available(layer):
            key += money_summary(research_money(layer, region))
    no_data = _("no NUTS 2 data")
    evidence = "; ".join(f"{layer.indicator(i)['label']} ({layer.sources[layer.indicator(i)['source_id']].short_name}, "
                         f"{years.get(i, no_data)})" for i in view["evidence"])
    boundaries = layer.sources["gisco_nuts_2021"]
    licences = "; ".join(sorted({f"{layer.sources[layer.indicator(i)['source_id']].short_name}: "
                                 f"{layer.sources[layer.indicator(i)['source_id']].licence}" for i in view["evidence"]}))
    source = _("Evidence score = mean percentile (0–100) against the EU27 NUTS 2 regions of: %(evidence)s. Licences: "
               "%(licences)s. %(boundaries)s Made with Cluster Atlas on %(day)s.") % {
        "evidence": evidence, "licences": licences, "boundaries": boundaries.citation, "day": format_day()}
    legend = [(item.get("colour") or "#888888", f"{item['label']}  ({item['count']})")
              for item in legend_items(mapped.classes, mapped.unit)]
    subtitle = _("score 0–100 · NUTS 2 · quarters of the scale; strong = 75 or more")
    return ViewWords(title or mapped.label, subtitle if not title else f"{mapped.label} · {subtitle}",
                     _("Legend (evidence score)"), legend, key, source)


def strategy_picture(layer: Layer, view: dict, width: int = WIDTH, height: int = HEIGHT,
                     map_right: float = 1.0, *, lazy: bool = False) -> go.Figure:
    """The evidence-score map with the chosen region outlined and its partners linked."""
    fig = values_picture(layer, strategy_map_view(layer, view), view["region"], width, height, map_right, lazy=lazy)
    fig.add_traces(partner_traces(layer, view))
    return fig


def partner_traces(layer: Layer, view: dict) -> list[go.Scattergeo]:
    """Lines from the chosen region to its partners, and the partners as points (hover: name and code)."""
    if not view["region"]:
        return []
    found = partners(layer, view["region"], view["evidence"], eu_only=view["eu_only"], per_country=view["per_country"])
    if found.empty:
        return []
    points = centroids(layer, [view["region"]] + list(found.nuts_id))
    origin = points[view["region"]]
    lons, lats = [], []
    for code in found.nuts_id:
        lons += [origin[0], points[code][0], None]
        lats += [origin[1], points[code][1], None]
    return [go.Scattergeo(lon=lons, lat=lats, mode="lines", line={"color": "#d6336c", "width": 1.6}, hoverinfo="skip",
                          geo="geo", name="partners"),
            go.Scattergeo(lon=[points[c][0] for c in found.nuts_id], lat=[points[c][1] for c in found.nuts_id],
                          mode="markers", marker={"size": 8, "color": "#d6336c"}, geo="geo", name="partner regions",
                          text=[plain_text(f"{n} ({c})") for n, c in zip(found.name, found.nuts_id)],
                          hovertemplate="%{text}<extra>partner</extra>")]
