"""Clusters: where Europe's industrial and research strengths are, computed from real data."""

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html

from components.explorer import Explorer
from components.headlines import SEED_QUOTES, quote_card
from components.layout import page_header
from components.organisations import (
    list_label,
    organisations_csv_href,
    organisations_figure,
    organisations_legend,
    organisations_xlsx_href,
)
from data.layer import get_layer
from domain.organisations import filtered_rows, organisation_layers, sectors
from domain.view import ViewScope, resolve_view

PREFIX = "clusters"
THEMES = ("specialisation",)
SCOPE = ViewScope(default_indicator="lq_emp_hightech_medhightech_manuf", themes=THEMES)
dash.register_page(__name__, path="/clusters", name="Clusters", title="Cluster Atlas — Clusters", order=2,
                   nav=True, summary="where industrial and research strengths are.",
                   downloadable=True, exportable=True, in_pack=True, view_scope=SCOPE)


def method_note() -> dbc.Accordion:
    return dbc.Accordion([dbc.AccordionItem([
        html.P(["A ", html.Strong("location quotient (LQ)"), " divides a region's share of employment in a sector group "
                "(or its AI share of research preprints, or its patents per inhabitant) by the same share for the EU. "
                "LQ 1 = as specialised as the EU; 2 = twice as concentrated. The EU share is the aggregate the source "
                "publishes (EU27 in Eurostat tsc00011 for high & medium-high tech manufacturing and knowledge-intensive "
                "services; EU28 in htec_emp_reg2 for the other groups, which publishes no EU27 aggregate), or is computed "
                "from the real counts of the 27 EU countries (AI preprints, patents) — never an average of regions."]),
        html.P(["Stars follow the European Cluster Observatory idea, using only what the data supports: a ",
                html.Strong("specialisation"), " star for LQ ≥ 2; a ", html.Strong("focus"), " star when the sector "
                "group's share of the region's employment is in the top 10 % of regions; a ", html.Strong("size"),
                " star (AI research, patents only) when the count is in the top 10 %. Employment data are shares, not "
                "head counts, so employment groups have no size star."]),
        html.P("The AI research LQ exists only for 2020, the one year in which the source lists all 27 EU countries. "
               "Employment data come from the Industry 4.0 readiness data set (Honti et al. 2020, Eurostat "
               "htec_emp_reg2), 2008–2018, NUTS 2; patents from Eurostat pat_ep_rtot up to 2012."),
    ], title="Method: location quotients and stars")], start_collapsed=True, className="mb-3", id="clusters-method")


def layout(**query) -> html.Div:
    layer = get_layer()
    state, notices = resolve_view(query, layer, scope=SCOPE)
    return html.Div([
        page_header("Where Europe's industrial and research strengths are",
                    "Specialisation of regions by sector group, AI research and patenting (location quotients and "
                    "cluster stars). Click a region for its specialisation profile and the regions most like it."),
        method_note(),
        Explorer(PREFIX, layer, state, notices, present=query.get("present") == "1", themes=THEMES,
                 specialisation=True),
        html.H2("Cluster organisations", className="h5 mt-2"),
        dbc.Alert([
            html.P("No machine-readable EU-wide list of cluster organisations is available to this atlas, so no cluster "
                   "points are shown until you load one — none are invented.", className="mb-1"),
            html.P(["The official directory is the European Cluster Collaboration Platform (ECCP), ",
                    html.A("clustercollaboration.eu", href="https://clustercollaboration.eu", rel="noopener"),
                    ". Load an ECCP export or a national register on the ", html.A("Import page", href="/import"),
                    "; it is then shown here as points and counts per region."], className="mb-0"),
        ], color="info", id="clusters-empty-state"),
        html.Div([
            dbc.Row([
                dbc.Col(dcc.Dropdown(id="clusters-orgs-list", options=[], placeholder="Imported cluster list"), md=4),
                dbc.Col(dbc.RadioItems(id="clusters-orgs-level", value=2, inline=True,
                                       options=[{"label": "Country" if lv == 0 else f"NUTS {lv}", "value": lv}
                                                for lv in range(4)]), md=4),
                dbc.Col(dcc.Dropdown(id="clusters-orgs-sector", options=[], multi=True, placeholder="All sectors"), md=4),
            ], className="g-2 mb-2"),
            dcc.Graph(id="clusters-orgs-map", figure={}, className="atlas-map", style={"height": "var(--atlas-map-height)"},
                      config={"displaylogo": False}),
            html.Div(id="clusters-orgs-legend"),
            html.Div(id="clusters-orgs-detail", className="small", role="status"),
            html.Div(["Download these organisations: ",
                      html.A("CSV", id="clusters-orgs-download", href="#", download="cluster-organisations.csv"), " · ",
                      html.A("Excel with sources", id="clusters-orgs-download-xlsx", href="#",
                             download="cluster-organisations.xlsx")], className="small"),
        ], id="clusters-orgs", style={"display": "none"}),
        dbc.Row([dbc.Col(quote_card(text, who), xs=12, md=6, className="mb-3") for text, who in SEED_QUOTES]),
    ])



@callback(Output("clusters-orgs-list", "options"), Output("clusters-orgs-list", "value"), Output("clusters-orgs", "style"),
          Output("clusters-empty-state", "style"), Input("imported-layers", "data"), Input("clusters-orgs-list", "id"),
          State("clusters-orgs-list", "value"))
def list_organisation_layers(layers, _rendered, current):
    found = organisation_layers(layers, get_layer().shared_imports)
    options = [{"label": list_label(n, o, "organisations"), "value": n}
               for n, o in enumerate(found)]
    if not found:
        return [], None, {"display": "none"}, {}
    value = current if isinstance(current, int) and current < len(found) else 0
    return options, value, {}, {"display": "none"}


@callback(Output("clusters-orgs-map", "figure"), Output("clusters-orgs-sector", "options"),
          Output("clusters-orgs-download", "href"), Output("clusters-orgs-download-xlsx", "href"),
          Output("clusters-orgs-legend", "children"),
          Input("clusters-orgs-list", "value"), Input("clusters-orgs-level", "value"), Input("clusters-orgs-sector", "value"),
          State("imported-layers", "data"))
def draw_organisations(choice, level, chosen, layers):
    found = organisation_layers(layers, get_layer().shared_imports)
    if not isinstance(choice, int) or choice >= len(found) or level not in (0, 1, 2, 3):
        return {}, [], "#", "#", None
    imported = found[choice]
    options = [{"label": s, "value": s} for s in sectors(imported)]
    return (organisations_figure(get_layer(), imported, level, chosen), options, organisations_csv_href(imported, chosen),
            organisations_xlsx_href(imported, chosen), organisations_legend(get_layer(), imported, level, chosen))


@callback(Output("clusters-orgs-detail", "children"), Input("clusters-orgs-map", "clickData"),
          State("clusters-orgs-list", "value"), State("clusters-orgs-sector", "value"), State("imported-layers", "data"),
          prevent_initial_call=True)
def organisation_detail(click, choice, chosen, layers):
    found = organisation_layers(layers, get_layer().shared_imports)
    points = (click or {}).get("points") or []
    if not points or "customdata" not in points[0] or not isinstance(choice, int) or choice >= len(found):
        return dash.no_update
    rows = filtered_rows(found[choice], chosen)
    index = points[0]["customdata"]
    if not isinstance(index, int) or index >= len(rows):
        return dash.no_update
    row = rows[index]
    fields = [html.Li(f"{k}: {v}") for k, v in row.items() if k not in ("row",) and v not in (None, "")]
    return html.Div([html.Strong(str(row.get("name", ""))), html.Ul(fields, className="mb-0"),
                     html.Span(f"Source: {found[choice].get('source', '')} ({found[choice].get('licence', '')})",
                               className="atlas-provenance")])
