"""Strategies: S3 domains against measured evidence, and a partner finder."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from components.ids import STRATEGIES, page_ids
from components.layout import page_header, page_notice
from components.meeting import meeting_toolbar
from components.organisations import list_label
from components.strategies import (
    PREFIX,
    gap_section,
    legend_for,
    money_figure,
    money_legend,
    priority_layers,
    region_options,
    strategy_figure,
    strategy_panel,
)
from components.words import sentence
from data.layer import LEVEL_NAMES, get_layer
from domain.i18n import N_, gettext
from domain.s3 import PER_COUNTRY_CHOICES, domain, load_domains
from domain.strategy import parse_strategy, strategy_query
from kinds import STRATEGY
from web.pages import Capabilities, register_page

register_page(__name__, Capabilities(nav=True, summary=N_("smart-specialisation priorities against evidence."),
                                    kind=STRATEGY, downloadable=True, in_pack=True),
              path="/strategies", name=N_("Strategies"), title=N_("Cluster Atlas — Strategies"), order=3)
ids = page_ids(PREFIX, STRATEGIES)


def _evidence_options(layer) -> list[dict]:
    catalog = layer.catalog
    usable = catalog[catalog.levels.map(lambda lv: 2 in lv) & catalog.theme.isin(
        ["specialisation", "technology", "innovation", "industry", "economy"])]
    return [{"label": r.label, "value": r.indicator_id} for r in usable.itertuples()]


def panel_class(view: dict) -> str:
    """On phones the panel is a bottom sheet only once a region is chosen; before, it sits below the map."""
    return "atlas-panel has-region" if view["region"] else "atlas-panel atlas-panel-inline"


def strategy_controls(layer, view: dict) -> dbc.Card:
    """Domain, evidence, region and partner options (a literal layout tree)."""
    return dbc.Card(dbc.CardBody([
        dbc.Label(gettext("Priority domain"), html_for=ids.dom("domain")),
        dcc.Dropdown(id=ids("domain"), options=[{"label": d["label"], "value": d["id"]} for d in load_domains()],
                     value=view["domain"], clearable=False, className="mb-2"),
        dbc.Label(gettext("Evidence used (defaults from the reviewed mapping; change freely)"), html_for=ids.dom("evidence")),
        dcc.Dropdown(id=ids("evidence"), options=_evidence_options(layer), value=view["evidence"], multi=True,
                     className="mb-2"),
        dbc.Label(gettext("Your region (NUTS 2)"), html_for=ids.dom("region")),
        html.Div(dcc.Dropdown(id=ids("region"), options=region_options(layer),
                     value=view["region"], placeholder=gettext("Pick a region to find partners"), className="mb-2"),
                 **{"data-fold-search": "1"}),
        dbc.Switch(id=ids("eu-only"), label=gettext("Partners in EU27 countries only"), value=view["eu_only"]),
        dbc.Label(gettext("Partners from one country, at most"), html_for=ids.dom("per-country"), className="mt-1"),
        dcc.Dropdown(id=ids("per-country"), options=list(PER_COUNTRY_CHOICES), value=view["per_country"],
                     clearable=False, searchable=False),
    ]), className="atlas-controls")


def layout(**query) -> html.Div:
    layer = get_layer()
    present = query.get("present") == "1"
    view, notices = parse_strategy(query, layer)
    p = PREFIX
    controls = strategy_controls(layer, view)
    return html.Div([
        page_header(gettext("Smart-specialisation priorities against evidence"),
                    gettext("How strong is each %(level)s region in the evidence behind an S3 priority domain, and "
                            "which regions would make good partners.") % {"level": LEVEL_NAMES[2]}),
        dbc.Alert([html.Strong(gettext("Some link parameters were ignored:") + " "), " ".join(notices)], color="warning",
                  dismissable=True, is_open=bool(notices), className="py-2"),
        html.Div(gettext("Evidence for %(domain)s · NUTS 2 · score 0–100 from the linked indicators")
                 % {"domain": domain(view["domain"])["label"]},
                 className="atlas-present-title") if present else None,
        meeting_toolbar(p, "strategies", "", present, exports=False),
        page_notice([
            *sentence(gettext("No machine-readable list of regional S3 priorities (Eye@RIS3 / S3 Platform) is "
                              "available to this atlas, so the page shows the evidence side. Import your region's "
                              "priority list (e.g. an Eye@RIS3 export) on the %(import)s to see the gap view: "
                              "prioritised & strong, prioritised but weak, strong but not prioritised."),
                      **{"import": html.A(gettext("Import page"), href="/import")})],
            color="info", id="strategies-empty-state"),
        html.Div([
            dbc.Label(gettext("Your imported S3 priority list"), html_for=ids.dom("priorities")),
            dcc.Dropdown(id=ids("priorities"), options=[], placeholder=gettext("No priority list imported yet — see Import"),
                         className="mb-1"),
            dbc.Label("Filter priorities by keyword (optional)", html_for=ids.dom("keyword"), className="mb-0"),
            dbc.Input(id=ids("keyword"), placeholder="e.g. hydrogen", debounce=True, className="mb-2", maxLength=100),
        ], className="atlas-controls mb-2"),
        html.Div(id=ids("gap-container")),
        dcc.Store(id=ids("url-sync"), data={"query": "?" + strategy_query(view, present), "replace": True}
                  if notices else None),
        dcc.Store(id=ids("url-pushed")),
        dcc.Store(id=ids("state")),
        dbc.Row([
            dbc.Col(controls, xs=12, lg=3, className="mb-3" + (" d-none" if present else "")),
            dbc.Col([html.Figure([
                dcc.Graph(id=ids("map"), figure=strategy_figure(layer, view), className="atlas-map atlas-map-fill",
                          config={"displaylogo": False, "scrollZoom": True}),
                html.Div(legend_for(layer, view), id=ids("legend")),
            ], className="m-0", **{"aria-labelledby": ids.dom("map-summary")}),
                     html.H2(gettext("Planned R&I money per inhabitant, ERDF 2014–2020 (regional programmes)"),
                             className="h6 mt-3", id=ids("money-title")),
                     dcc.Graph(id=ids("money-map"), figure=money_figure(layer, view), className="atlas-map",
                               config={"displaylogo": False, "scrollZoom": True}),
                     html.Div(money_legend(layer), id=ids("money-legend"))], xs=12, lg=8 if present else 6,
                    className="mb-3"),
            dbc.Col(dbc.Card(dbc.CardBody(html.Div(strategy_panel(layer, view), id=ids("panel"))),
                             className=panel_class(view), id=ids("panel-card")), xs=12, lg=3, className="mb-3"),
        ], className="g-3"),
    ], className="atlas-present" if present else "")



@callback(Output(ids("priorities"), "options"), Output(ids("priorities"), "value"),
          Output("strategies-empty-state", "style"),
          Input("imported-layers", "data"), Input(ids("priorities"), "id"), State(ids("priorities"), "value"))
def list_priority_layers(layers, _rendered, current):
    found = priority_layers(layers, get_layer().shared_imports)
    options = [{"label": list_label(n, layer, gettext("priorities")), "value": n}
               for n, layer in enumerate(found)]
    value = current if isinstance(current, int) and current < len(found) else (0 if found else None)
    return options, value, {"display": "none"} if found else {}


@callback(Output(ids("gap-container"), "children"),
          Input(ids("priorities"), "value"), Input(ids("domain"), "value"),
          Input(ids("evidence"), "value"), Input(ids("keyword"), "value"), Input(ids("region"), "value"),
          State("imported-layers", "data"))
def render_gap(choice, domain_id, evidence, keyword, region, layers):
    found = priority_layers(layers, get_layer().shared_imports)
    if choice is None or not isinstance(choice, int) or choice >= len(found):
        return html.Div()
    layer = get_layer()
    view, _ = parse_strategy({"domain": domain_id or "", "evidence": ",".join(evidence or []), "region": region or ""},
                             layer)
    return gap_section(layer, view, found[choice], (keyword or "").strip())


@callback(Output(ids("evidence"), "value"), Input(ids("domain"), "value"), prevent_initial_call=True)
def default_evidence(domain_id):
    return [link["indicator"] for link in domain(domain_id)["evidence"]]


@callback(
    Output(ids("map"), "figure"), Output(ids("panel"), "children"), Output(ids("legend"), "children"),
    Output(ids("panel-card"), "className"), Output(ids("money-map"), "figure"),
    Output(ids("url-sync"), "data"),
    Input(ids("domain"), "value"), Input(ids("evidence"), "value"), Input(ids("region"), "value"),
    Input(ids("eu-only"), "value"), Input(ids("per-country"), "value"),
    prevent_initial_call=True,
)
def update_strategy(domain_id, evidence, region, eu_only, per_country):
    layer = get_layer()
    query = {"domain": domain_id, "evidence": ",".join(evidence or []), "region": region or "",
             "eu_only": "1" if eu_only else "0", "per_country": str(per_country or "")}
    view, _ = parse_strategy({k: v for k, v in query.items() if v}, layer)
    return (strategy_figure(layer, view), strategy_panel(layer, view), legend_for(layer, view), panel_class(view),
            money_figure(layer, view), "?" + strategy_query(view))


clientside_callback(
    """
    function(sync) {
        const query = sync && typeof sync === "object" ? sync.query : sync;
        if (query && query !== window.location.search) {
            const url = window.location.pathname + (query === "?" ? "" : query);
            if (sync.replace) { window.history.replaceState(null, "", url); }
            else { window.history.pushState(null, "", url); }
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids("url-pushed"), "data"),
    Input(ids("url-sync"), "data"),
)
