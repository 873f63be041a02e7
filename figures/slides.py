"""One storyboard view as a slide of the browser's slide show, as plain JSON-ready data.

The slide says what the meeting pack says (``figures.static_map.view_words`` and
``figures.strategy_static.strategy_words``: title line, legend, source line) and maps the same classes, panels
and partner links, but the browser draws it: the figure names its geometry by URL (``/geo/nuts<level>.geojson``,
fetched once and cached by the browser, as the explorer's map does) instead of embedding it, so one slide is tens
of kilobytes and a six-view show loads in one go. Words stay data (legend rows, key figures with value, unit, year
and source) so the browser sets them as text.
"""

from __future__ import annotations

import math
from dataclasses import replace

from data.layer import LEVEL_NAMES, Layer
from domain.change import change_detail, region_change
from domain.classify import NO_DATA_COLOUR, class_index, classes_label, legend_items, stepped_colorscale
from domain.formatting import format_beside, format_value, rank_phrase
from domain.i18n import gettext as _
from domain.mapview import MapView, map_view
from domain.profile import region_profile
from domain.s3 import LEVEL, domain_scores, partners
from domain.view import ViewState
from figures.choropleth import FONT, GEO_URL, INSETS, geo_layout, inset_bounds, inset_column, panels
from figures.static_map import view_words
from figures.strategy_static import SCORE_SOURCE, partner_traces, strategy_map_view, strategy_words

KEY_PROFILE_ITEMS = 2
INSET_WIDTH = 0.105  # a slide keeps the insets in a column at the left, beside the legend-free map
PARTNERS_ON_A_SLIDE = 3


def _choropleth(level: int, geo: str, locations: list[str], z: list, colorscale: list, zmin: float, zmax: float) -> dict:
    return {"type": "choropleth", "geojson": GEO_URL.format(level=level), "featureidkey": "properties.id",
            "locations": locations, "z": z, "colorscale": colorscale, "zmin": zmin, "zmax": zmax, "showscale": False,
            "geo": geo, "marker": {"line": {"color": "#ffffff", "width": 0.4}}, "hoverinfo": "skip"}


def _panel_traces(layer: Layer, view: MapView, geo: str, locations: tuple[str, ...]) -> list[dict]:
    """One panel: regions without a value in grey, the others by class number (z = class) or value (continuous)."""
    grey = [[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]]
    without = [c for c in locations if c not in view.values]
    with_value = [c for c in locations if c in view.values]
    traces = [_choropleth(view.level, geo, without, [0] * len(without), grey, 0, 1)] if without else []
    if with_value and view.classes.method == "continuous":
        lo, hi = view.classes.edges[:2]
        traces.append(_choropleth(view.level, geo, with_value, [float(view.values[c]) for c in with_value],
                                  [list(stop) for stop in view.classes.colorscale[0]], lo, hi))
    elif with_value:
        z = class_index([view.values[c] for c in with_value], view.classes)
        traces.append(_choropleth(view.level, geo, with_value, z, stepped_colorscale(view.classes.colours), 0,
                                  max(view.classes.k - 1, 1)))
    return traces


def map_figure(layer: Layer, view: MapView, region: str | None) -> dict:
    """The map of a slide as Plotly JSON: the main map and the outermost regions' insets (as the explorer lays them
    out), the selected region outlined; geometry by URL, no fixed size or margins (the slide's box sizes it), no
    hover (a room reads the legend, not tooltips). Built as plain data: plotly's figure objects would copy
    every trace on the way, which made a slide cost seconds."""
    traces: list[dict] = []
    layout: dict[str, object] = {}
    annotations: list[dict] = []
    bounds = inset_bounds(layer)
    for n, panel in enumerate(panels(layer, view.level)):
        traces += _panel_traces(layer, view, panel.geo, panel.locations)
        if n == 0:
            layout["geo"] = geo_layout(None, {"x": [INSET_WIDTH + 0.01, 1.0], "y": [0.0, 1.0]})
            continue
        domain, top = inset_column(n - 1, INSET_WIDTH, (0.0, 1.0), gap=0.006, label=0.028)
        layout[panel.geo] = geo_layout(bounds[INSETS[n - 1][0]], domain)
        annotations.append({"text": panel.title, "x": 0.0, "y": top, "xref": "paper", "yref": "paper",
                            "xanchor": "left", "yanchor": "top", "showarrow": False,
                            "font": {"size": 10, "color": "#4a5562"}})
    if region and region in set(panels(layer, view.level)[0].locations):
        clear = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]
        outline = _choropleth(view.level, "geo", [region], [1], clear, 0, 1)
        traces.append({**outline, "marker": {"line": {"color": "#111111", "width": 3}}})
    layout.update(annotations=annotations, margin={"l": 0, "r": 0, "t": 0, "b": 0}, autosize=True, showlegend=False,
                  paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", dragmode=False,
                  font={"family": FONT, "size": 13, "color": "#1d2733"})
    return {"data": traces, "layout": layout}


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _figure(label: str, value, unit: str, year, source: str, detail: str = "", text: str = "") -> dict:
    """One key figure: the number as data and as the words shown (whole, and as number and unit for a large
    number beside a smaller unit), with its unit, year and source."""
    number = _number(value)
    whole = text or format_value(number, unit)
    short = text or format_value(number, "")
    return {"label": label, "value": number, "unit": unit, "year": year, "source": source, "text": whole,
            "number_text": short, "unit_text": whole[len(short):].strip() if whole.startswith(short) else "",
            "detail": detail}


def _score(value) -> str:
    """A 0–100 score as the Strategies panel and the pack write it: '85 / 100'."""
    number = _number(value)
    return format_value(None) if number is None else f"{number:.0f} / 100"


def legend_rows(view: MapView) -> list[dict]:
    """The legend as rows: colour (or gradient for a continuous scale), label and the number of regions."""
    return [{"colour": item.get("colour"), "label": item["label"], "count": int(item["count"]),
             "gradient": item.get("gradient"), "no_data": bool(item.get("no_data"))}
            for item in legend_items(view.classes, view.unit)]


def region_figures(layer: Layer, state: ViewState, view: MapView) -> tuple[dict | None, list[dict]]:
    """The selected region and its figures: the view's indicator (as the profile panel gives it: rank, EU27) and
    the first figures of its technology profile, each with its own source and year."""
    if not state.region:
        return None, []
    try:
        profile = region_profile(layer, state.region, state.indicator, view.year)
    except (KeyError, ValueError):
        return None, []
    h = profile["headline"]
    details = [rank_phrase(h) if h["rank"] else "",
               _("EU27: %(value)s") % {"value": format_beside(h["value"], h["eu"], h["unit"])[1]} if h["eu"] else "",
               h["note"]]
    figures = [_figure(h["label"], h["value"], h["unit"], h["year"], h["source"],
                       "; ".join(d for d in details if d))]
    if view.since is not None:
        row = region_change(layer, state.indicator, view.level, view.since, view.year, state.region)
        if row is not None:
            change = _figure(view.label, row.change, view.unit, view.period, h["source"],
                             change_detail(row, h["unit"], view.unit, view.since, view.year))
            if row.change is not None and row.change > 0:
                change.update(text="+" + change["text"], number_text="+" + change["number_text"])
            figures.insert(0, change)
    if layer.indicator(state.indicator)["theme"] != "imported":
        figures += [_figure(item["label"], item["value"], item["unit"], item["year"], item["source"])
                    for item in profile["profile"] if item["indicator_id"] != state.indicator][:KEY_PROFILE_ITEMS]
    return {"nuts_id": profile["nuts_id"], "name": profile["name"]}, figures


def map_slide(layer: Layer, state: ViewState) -> dict:
    """A Technology or Clusters view: its title line, map, legend, the region's figures and the source line."""
    view = map_view(layer, state)
    words = view_words(layer, replace(state, region=None), view)  # the region's figures come as data below
    region, figures = region_figures(layer, state, view)
    return {"kind": "map", "title_line": view.title, "heading": view.label,
            "legend_note": classes_label(view.classes.method),
            "figure": map_figure(layer, view, state.region),
            "legend_title": words.legend_title, "legend": legend_rows(view), "region": region,
            "key_figures": figures, "source_line": words.source_line}


def strategy_figures(layer: Layer, view: dict) -> tuple[dict | None, list[dict]]:
    """The chosen region's evidence score and its best partners (fit, and where each is strongest)."""
    region = view["region"]
    if not region:
        return None, []
    scores = domain_scores(layer, view["evidence"]).set_index("nuts_id")
    years = scores.attrs.get("years", {})
    year = max(years.values()) if years else None
    own = scores.score[region] if region in scores.index else None
    figures = [_figure(_("Evidence score"), own, _("score 0–100"), year, SCORE_SOURCE,
                       "" if own is not None else _("too few evidence indicators"), _score(own))]
    found = partners(layer, region, view["evidence"], eu_only=view["eu_only"], per_country=view["per_country"])
    figures += [_figure(_("Partner %(rank)s: %(name)s (%(code)s)") % {"rank": int(r.rank), "name": r.name, "code": r.nuts_id},
                        r.fit, _("fit 0–100"), year, SCORE_SOURCE,
                        _("complements it in %(domains)s") % {"domains": r.complements},
                        _("fit %(score)s") % {"score": _score(r.fit)})
                for r in found.head(PARTNERS_ON_A_SLIDE).itertuples()]
    return {"nuts_id": region, "name": str(layer.region_names().get(region, region))}, figures


def strategy_slide(layer: Layer, view: dict) -> dict:
    """A Strategies view: the evidence-score map with the region's partners linked, its legend and the scores."""
    mapped = strategy_map_view(layer, view)
    words = strategy_words(layer, {**view, "region": None})  # the region's figures come as data below
    region, figures = strategy_figures(layer, view)
    figure = map_figure(layer, mapped, view["region"])
    figure["data"] += [trace.to_plotly_json() for trace in partner_traces(layer, view)]
    score = _("score 0–100")
    return {"kind": "map", "title_line": f"{words.title} · {score} · {LEVEL_NAMES[LEVEL]} · {mapped.year}",
            "heading": words.title,
            "legend_note": _("Quarters of the scale; strong = 75 or more"),
            "figure": figure,
            "legend_title": words.legend_title, "legend": legend_rows(mapped), "region": region,
            "key_figures": figures, "source_line": words.source_line}


def text_slide(heading: str, lines: list[str], source_line: str = "") -> dict:
    """A view the server cannot draw, said in words (the browser sets them as text)."""
    return {"kind": "text", "title_line": heading, "heading": heading, "legend_note": "", "figure": None,
            "legend_title": "", "legend": [], "region": None, "key_figures": [], "source_line": source_line,
            "lines": [line for line in lines if line]}
