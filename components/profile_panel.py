"""Renders a region profile (``domain/profile.py``) as the drill-down panel.

Built on every request that misses the answer cache, so its elements are ``components.plain_html`` dicts (the JSON
Dash sends for ``dash.html``), not ``dash.html`` components: half the cost of a profile was in those.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc

from components import plain_html as html
from components.ids import page_ids
from components.words import decimal, percent
from domain.formatting import format_beside, format_number, format_value, ordinal, rank_phrase, shared_digits
from domain.i18n import gettext as _
from domain.text_alternatives import series_summary
from figures.choropleth import FONT
from figures.text import plain_text

SERIES_COLOURS = ("#0b5c8e", "#e08a00", "#5a6675")


def _crumbs(profile: dict, prefix: str) -> dict:
    ids = page_ids(prefix)
    parts = []
    for i, crumb in enumerate(profile["breadcrumb"]):
        last = i == len(profile["breadcrumb"]) - 1
        label = f"{crumb['name']} ({crumb['nuts_id']})"
        parts.append(html.Li(label if last else html.Button(label, id=ids.item("crumb", crumb["nuts_id"]),
                                                             className="btn btn-link p-0 atlas-crumb", n_clicks=0),
                             className="breadcrumb-item" + (" active" if last else "")))
    return html.Nav(html.Ol(parts, className="breadcrumb mb-1"), **{"aria-label": _("Region hierarchy")})


def _headline(h: dict) -> dict:
    if not h["available"]:
        return html.P(_("%(indicator)s is not published for this level or its country.") % {"indicator": h["label"]},
                      className="text-muted")
    if h["value"] is None:
        body = [html.Div(_("no data"), className="atlas-panel-value text-muted"),
                html.Div(_("%(indicator)s has no value for %(region)s in %(year)s.")
                         % {"indicator": h["label"], "region": h["subject"], "year": h["year"]})]
    else:
        rank = rank_phrase(h) if h["rank"] else ""
        digits = shared_digits(h["value"], h["eu"])
        body = [html.Div(format_number(h["value"], h["unit"], digits=digits), className="atlas-panel-value"),
                html.Div(h["unit"], className="atlas-panel-unit"),
                html.Div(h["label"], className="fw-semibold"),
                html.Div(rank, className="atlas-rank")]
        if h["eu"] is not None:
            body.append(html.Div(_("EU27: %(value)s") % {"value": format_value(h["eu"], h["unit"], digits)},
                                 className="atlas-eu"))
    if h["note"]:
        body.append(html.Div(h["note"], className="small text-muted"))
    body.append(html.Div(_("Source: %(source)s (%(code)s), %(year)s")
                         % {"source": h["source"], "code": h["source_code"], "year": h["year"]},
                         className="atlas-provenance"))
    return html.Div(body, className="atlas-panel-headline")


def series_figure(series: list[dict], unit: str) -> dict:
    """The trend chart, as a plain figure (what ``dcc.Graph`` takes; a ``go.Figure`` cost a region profile 10 ms
    more to build and validate); the unit and series names (an imported indicator's are typed by users) are text
    only."""
    unit = plain_text(unit, 100)
    traces = []
    for colour, s in zip(SERIES_COLOURS, series):
        name = plain_text(s["name"], 120)
        traces.append({"type": "scatter", "x": list(s["years"]), "y": list(s["values"]), "name": name,
                       "mode": "lines+markers", "line": {"color": colour, "width": 2}, "marker": {"size": 5},
                       "hovertemplate": f"{name}: %{{y:,.4~g}} {unit}<br>%{{x}}<extra></extra>"})
    return {"data": traces, "layout": {
        "height": 190, "margin": {"l": 40, "r": 8, "t": 8, "b": 28}, "font": {"family": FONT, "size": 11},
        "legend": {"orientation": "h", "y": -0.25, "x": 0}, "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)", "xaxis": {"dtick": 2, "gridcolor": "#eef0f2"},
        "yaxis": {"gridcolor": "#eef0f2"}}}


def _bar(item: dict) -> dict:
    value, eu = format_beside(item["value"], item.get("eu"), item["unit"])
    if item["ratio"] is not None:
        width = min(item["ratio"] / 2, 1) * 100
        share = decimal(item["ratio"] * 100, 0)
        scale = html.Div([html.Div(className="atlas-bar-fill", style={"width": f"{width:.0f}%"}),
                          html.Div(className="atlas-bar-eu", title=_("EU27 level"))], className="atlas-bar",
                         title=_("%(percent)s %% of the EU27 level") % {"percent": share})
        note = _("%(percent)s %% of EU27 (%(value)s)") % {"percent": share, "value": eu}
    elif item["percentile"] is not None:
        scale = html.Div(html.Div(className="atlas-bar-fill atlas-bar-rank", style={"width": f"{item['percentile']}%"}),
                         className="atlas-bar", title=_("position among %(count)s %(peers)s") % {"count": item["peers"], "peers": item["peer_label"]})
        note = rank_phrase(item)
    else:
        scale, note = html.Div(className="atlas-bar"), _("no comparison available")
    return html.Li([
        html.Div([html.Span(item["label"], className="atlas-profile-label"),
                  html.Span(value, className="atlas-profile-value")],
                 className="d-flex justify-content-between gap-2"),
        scale,
        html.Div(f"{note} · {item['source']}, {item['year']}", className="atlas-provenance mt-0"),
        html.Div(item["caveat"], className="atlas-profile-caveat small text-muted") if item.get("caveat") else None,
    ], className="atlas-profile-item")


def specialisation_block(items: list[dict]) -> dict:
    """LQ bars centred on the EU level (1) with stars, one row per sector group or technology."""
    if not items:
        return html.Div()
    rows = []
    for item in items:
        width = min(item["lq"] / 2, 1) * 100
        stars = "" if item["stars"] is None else ("★" * item["stars"] + "☆" * (2 - item["stars"]))
        rows.append(html.Li([
            html.Div([html.Span(item["label"], className="atlas-profile-label"),
                      html.Span([html.Span(stars, className="atlas-stars", title=item["star_method"]),
                                 f" {item['measure']} {decimal(item['lq'], 2)}"], className="atlas-profile-value")],
                     className="d-flex justify-content-between gap-2"),
            html.Div([html.Div(className="atlas-bar-fill", style={"width": f"{width:.0f}%"}),
                      html.Div(className="atlas-bar-eu", title=_("EU level (LQ = 1)"))], className="atlas-bar"),
            html.Div(f"{item['source']}, {item['year']}" + (f" · {item['caveat']}" if item.get("caveat") else ""),
                     className="atlas-provenance mt-0"),
        ], className="atlas-profile-item"))
    return html.Div([
        html.H3(_("Specialisation profile"), className="h6 mt-3"),
        html.Ul(rows, className="atlas-profile-list"),
        html.P(_("LQ = share in the region / share in the EU named on each line (tick = EU level, 1); patent "
                 "intensity = applications per inhabitant / EU27 rate, not an LQ. ★ specialisation star: LQ or "
                 "intensity ≥ 2; ★ focus (employment) or size (AI, patents) star: top %(share)s of regions. Hover the "
                 "stars for the method.") % {"share": percent(0.1)},
               className="small text-muted mt-1"),
    ])


def similar_block(similar: dict, prefix: str) -> dict:
    ids = page_ids(prefix)
    if not similar["regions"]:
        return html.Div([html.H3(_("Regions like this one"), className="h6 mt-3"),
                         html.P(_("No complete employment-specialisation profile for this region."),
                                className="text-muted small")])
    items = [html.Li([html.Button(f"{r['name']} ({r['nuts_id']})", id=ids.item("similar", r["nuts_id"]),
                                  className="btn btn-link p-0 atlas-crumb", n_clicks=0),
                      html.Span(f" {decimal(r['similarity'], 3)}", className="text-muted small")]) for r in similar["regions"]]
    return html.Div([
        html.H3(_("Regions like this one"), className="h6 mt-3"),
        html.Ol(items, className="atlas-similar", id=ids("similar-list")),
        html.P(_("Cosine similarity of employment location quotients over %(groups)s sector groups, %(year)s, among "
                 "%(count)s regions with a complete profile; outlined in pink on the map. Source: Honti et al. 2020 "
                 "(htec_emp_reg2).") % {"groups": len(similar["groups"]), "year": similar["year"],
                                        "count": similar["n_compared"]}, className="small text-muted"),
    ])


def hubs_block(hubs: list[dict], weakest: list[dict], nearby: list[dict]) -> dict:
    """Technology centres in the region, and the nearest beyond its border offering what it is weakest in."""
    unknown_town = _("town not given")
    inside = [html.Li([html.Strong(h["name"]), f" ({h['type']}, {h['town'] or unknown_town})",
                       html.Div(_("%(technologies)s (intensity 4–5)") % {"technologies": ", ".join(h["technologies"])}
                                if h["technologies"] else _("no technology at intensity 4–5"),
                                className="small text-muted")]) for h in hubs]
    near = [html.Li([html.Strong(h["name"]), f" ({h['type']}, {h.get('country_name') or h['country']}), {h['distance_km']:.0f} km",
                     html.Div(h["offers"], className="small text-muted")]) for h in nearby]
    weak = "; ".join(_("%(indicator)s (%(region)s, %(year)s): %(ordinal)s percentile → %(technology)s")
                     % {"indicator": w["label"], "region": w["subject"], "year": w["year"],
                        "ordinal": ordinal(w["percentile"]), "technology": w["technology"]} for w in weakest)
    return html.Div([
        html.H3(_("Technology centres in this region"), className="h6 mt-3"),
        html.Ul(inside, className="small ps-3") if inside else html.P(
            _("No hub of the EDIH catalogue is located here."), className="small text-muted"),
        html.H3(_("Nearest hubs beyond the border for this region's weakest uptake"), className="h6 mt-2"),
        html.P(weak, className="small text-muted mb-1") if weak else None,
        html.Ul(near, className="small ps-3") if near else html.P(
            _("No hub within %(distance)s km offers these at intensity 4–5.") % {"distance": decimal(1500, 0)}
            if weakest else _("No linked uptake figure for this region."), className="small text-muted"),
        html.Div(_("Source: European Commission, EDIH catalogue (export of 5 May 2025), CC BY 4.0; distances in km "
                   "from a point inside the region."), className="atlas-provenance"),
    ], id="profile-hubs")


def profile_panel(profile: dict, prefix: str, in_compare: bool, compare_full: bool, extra: list | None = None,
                  lead: list | None = None) -> dict:
    ids = page_ids(prefix)
    regional = [i for i in profile["profile"] if i["subject"] == profile["nuts_id"]]
    national = [i for i in profile["profile"] if i["subject"] != profile["nuts_id"]]
    h = profile["headline"]
    series = profile["series"]
    blocks = [
        _crumbs(profile, prefix),
        html.H2(profile["name"], className="h4 mb-0", id=ids("panel-title")),
        html.Div(f"{profile['level_name']} · {profile['nuts_id']}", className="text-muted small mb-2"),
        *(lead or []),
        _headline(h),
        html.Div([
            dbc.Button(_("Remove from compare") if in_compare else _("Add to compare"),
                       id=ids.item("compare-toggle", profile["nuts_id"]), size="sm",
                       color="secondary", outline=True, className="me-2", disabled=compare_full and not in_compare),
            html.A(_("Region brief"), href=f"/brief/{profile['nuts_id']}", className="btn btn-sm btn-outline-primary",
                   id=ids("brief-link"), title=_("Two to four pages on this region, also as PDF and PowerPoint")),
        ], className="mb-2"),
    ]
    if series and any(len(s["years"]) > 1 for s in series):
        blocks += [html.H3(_("Trend"), className="h6 mt-2 mb-0"),
                   html.Figure([
                       dcc.Graph(figure=series_figure(series, h["unit"]), config={"displayModeBar": False},
                                 id=ids("series"), className="atlas-series"),
                       html.Figcaption(series_summary(series, h["unit"], h["label"]), className="visually-hidden",
                                       id=ids("series-summary")),
                   ], className="m-0", **{"aria-labelledby": ids.dom("series-summary")}),
                   html.Div(_("Source: %(source)s (%(code)s)") % {"source": h["source"], "code": h["source_code"]},
                            className="atlas-provenance")]
    blocks += extra or []
    if regional:
        blocks += [html.H3(_("Technology and innovation profile: %(region)s") % {"region": profile["name"]}, className="h6 mt-3"),
                   html.Ul([_bar(i) for i in regional], className="atlas-profile-list")]
    if national:
        country = profile.get("country_name") or profile["breadcrumb"][0]["name"]
        blocks += [html.H3(_("Country-level indicators: %(country)s") % {"country": country}, className="h6 mt-3"),
                   html.Ul([_bar(i) for i in national], className="atlas-profile-list")]
    if not regional and not national:
        blocks.append(html.P(_("No technology or innovation indicator has data for this region."), className="text-muted"))
    blocks.append(html.P(_("Bars: share of the EU27 level where the source publishes one (the tick marks EU27 = "
                           "%(hundred)s); otherwise position among regions of the same level with data (right = "
                           "best).") % {"hundred": percent(1)},
                         className="small text-muted mt-2"))
    return html.Div(blocks, className="atlas-panel-body")


def empty_panel() -> dict:
    return html.Div([
        html.H2(_("Region profile"), className="h5"),
        html.P(_("Click a region on the map, pick one in the table, or search by name or code to see its figures, "
                 "rank, trend and technology profile."), className="text-muted"),
    ], className="atlas-panel-body")


def compare_view(rows: list[dict], regions: list[dict], prefix: str) -> dbc.Table | dict:
    ids = page_ids(prefix)
    if not regions:
        return html.P(_("No regions to compare yet: open a region's profile and press “Add to compare” (up to %(count)s).")
                      % {"count": 6},
                      className="text-muted mt-3")
    head = [html.Th(_("Indicator"))] + [html.Th([r["name"], html.Br(), html.Small(r["nuts_id"], className="text-muted"), " ",
                                              html.Button("×", id=ids.item("compare-remove", r["nuts_id"]),
                                                          className="btn btn-sm btn-link p-0", n_clicks=0,
                                                          title=_("Remove %(region)s") % {"region": r["name"]})]) for r in regions]
    body = []
    for row in rows:
        said = f" · {row['caveat']}" if row.get("caveat") else ""
        cells = [html.Td([row["label"], html.Br(), html.Small(f"{row['unit']} · {row['source']}{said}", className="text-muted")])]
        for r in regions:
            cell = row[r["nuts_id"]]
            text = format_value(cell["value"], row["unit"])
            extra = f"{cell['year']}" + (f" ({cell['subject']})" if cell["subject"] != r["nuts_id"] else "") if cell["year"] else ""
            if cell.get("merged_area"):
                extra += " · " + _("value of the merged area %(area)s, not its own") % {"area": cell["merged_area"]}
            cells.append(html.Td([text, html.Br(), html.Small(extra, className="text-muted")]))
        body.append(html.Tr(cells))
    return dbc.Table([html.Thead(html.Tr(head)), html.Tbody(body)], size="sm", responsive=True, bordered=False,
                     className="mt-3 atlas-compare", id=ids("compare-table"))
