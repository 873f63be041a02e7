"""The map explorer: controls, map, legend, table, compare tab and profile panel.

``explorer_layout`` builds the layout for a page prefix; ``register_explorer``
wires its callbacks. The data work is in plain functions (``map_view``,
``table_rows``) that tests call without a browser. Ids are prefixed by page.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from components.explorer_imported import register_imported
from components.explorer_options import (
    DOWNLOAD_ITEMS,
    download_href,
    eu_switch_label,
    indicator_options,
    level_options,
    region_options,
    year_slider,
)
from components.legend import legend
from components.map_patches import selection_patch, value_patch, zoom_patch
from components.meeting import meeting_toolbar, register_meeting, view_link_hrefs
from components.profile_panel import compare_view, empty_panel, profile_panel, similar_block, specialisation_block
from data.imported import with_imported
from data.layer import BadParameter, Layer, fullest_year, get_layer, years_with_data
from domain.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES
from domain.mapview import MapView, map_view, table_rows
from domain.profile import compare_table, region_profile, region_row, technology_profile
from domain.specialisation import similar_regions, specialisation_profile
from domain.view import MAX_COMPARE, TABS, ViewState, view_query
from figures.choropleth import apply_update, build_base_figure, map_update, panels

GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "cluster-atlas-map"}}





def _pane_class(active: str, tab: str) -> str:
    return "atlas-pane" if active == tab else "atlas-pane d-none"



def explorer_layout(prefix: str, layer: Layer, state: ViewState, notices: list[str],
                    themes: tuple[str, ...] | None = None, extra_controls: list | None = None,
                    present: bool = False, pending: dict | None = None) -> html.Div:
    """The explorer for a page; ``pending`` is a link's imported indicator (with its level and year), resolved in
    the browser that holds it (see ``split_imported``)."""
    meta = layer.indicator(state.indicator)
    years = years_with_data(layer, state.indicator, state.level)
    p = prefix
    notice = dbc.Alert([html.Strong("Some link parameters were ignored: "), " ".join(notices)], color="warning",
                       dismissable=True, is_open=bool(notices), id=f"{p}-notice", className="py-2")
    controls = dbc.Card(dbc.CardBody([
        dbc.Label("Indicator", html_for=f"{p}-indicator"),
        dcc.Dropdown(id=f"{p}-indicator", options=indicator_options(layer, themes), value=state.indicator,
                     clearable=False, searchable=True, optionHeight=44, className="mb-2",
                     placeholder="Type a name or source code…"),
        dbc.Label("Level", html_for=f"{p}-level"),
        dbc.RadioItems(id=f"{p}-level", options=level_options(meta["levels"]), value=state.level, inline=True,
                       className="mb-2"),
        dbc.Label("Year", html_for=f"{p}-year"),
        html.Div(dcc.Slider(id=f"{p}-year", value=state.year, included=False, updatemode="mouseup",
                            **year_slider(years)), className="mb-2 atlas-year"),
        *(extra_controls or []),
        dbc.Label("Classes", html_for=f"{p}-classes"),
        dbc.Row([
            dbc.Col(dcc.Dropdown(id=f"{p}-classes", options=[{"label": v, "value": k} for k, v in METHODS.items()],
                                 value=state.classes, clearable=False, searchable=False), width=7),
            dbc.Col(dcc.Dropdown(id=f"{p}-k", options=[{"label": f"{n} classes", "value": n}
                                                       for n in range(MIN_CLASSES, MAX_CLASSES + 1)],
                                 value=state.k, clearable=False, searchable=False), width=5),
        ], className="g-2 mb-2"),
        dbc.Label("Palette", html_for=f"{p}-palette"),
        dcc.Dropdown(id=f"{p}-palette", options=[{"label": v, "value": k} for k, v in SEQUENTIAL_PALETTES.items()],
                     value=state.palette, clearable=False, searchable=False, className="mb-2"),
        dbc.Switch(id=f"{p}-eu", label=eu_switch_label(bool(meta["has_eu_reference"])), value=state.eu,
                   disabled=not bool(meta["has_eu_reference"]), className="mb-2"),
        dbc.Label("Find a region", html_for=f"{p}-search"),
        html.Div(dcc.Dropdown(id=f"{p}-search", options=region_options(layer), value=None, searchable=True,
                              clearable=True, placeholder="Name or code, e.g. Małopolskie, FR10"),
                 **{"data-fold-search": "1"}),
    ]), className="atlas-controls")
    figure, legend_block, provenance, title = initial_map(layer, state)
    map_tab = html.Div([
        dcc.Graph(id=f"{p}-map", figure=figure, config=GRAPH_CONFIG, className="atlas-map", responsive=True,
                  style={"height": "var(--atlas-map-height)"}),
        html.Div(legend_block, id=f"{p}-legend"),
    ])
    table_tab = dag.AgGrid(
        id=f"{p}-grid", rowData=[], getRowId="params.data.nuts_id",
        columnDefs=[
            {"field": "rank", "headerName": "Rank", "maxWidth": 90, "filter": "agNumberColumnFilter"},
            {"field": "name", "headerName": "Region", "flex": 2, "minWidth": 180, "filter": True, "pinned": "left"},
            {"field": "nuts_id", "headerName": "Code", "width": 100, "filter": True},
            {"field": "country", "headerName": "Country", "width": 100, "filter": True},
            {"field": "value", "headerName": "Value", "width": 120, "filter": "agNumberColumnFilter", "type": "rightAligned"},
            {"field": "unit", "headerName": "Unit", "flex": 1, "minWidth": 160, "tooltipField": "unit"},
            {"field": "year", "headerName": "Year", "width": 90},
            {"field": "status", "headerName": "Status", "width": 110},
        ],
        defaultColDef={"sortable": True, "resizable": True, "minWidth": 70},
        dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                         "animateRows": False, "domLayout": "normal"},
        style={"height": "560px"}, className="ag-theme-alpine",
    )
    query = view_query(state)
    download_menu = dbc.DropdownMenu([
        dbc.DropdownMenuItem(label, id=f"{p}-download-{key}", href=download_href(p, key, query), external_link=True)
        for key, label in DOWNLOAD_ITEMS
    ], label="Download", size="sm", color="light", align_end=True, className="atlas-download",
        id=f"{p}-download-menu")
    tabs = html.Div([
        html.Div(dbc.RadioItems(
            id=f"{p}-tabs", value=state.tab, inline=True, className="btn-group atlas-view-switch",
            options=[{"label": "Map", "value": "map"}, {"label": "Table", "value": "table"},
                     {"label": "Compare", "value": "compare"}],
            input_class_name="btn-check", label_class_name="btn btn-outline-primary btn-sm",
            label_checked_class_name="active"), className="mb-2", role="group", **{"aria-label": "View"}),
        html.Div(map_tab, id=f"{p}-pane-map", className=_pane_class(state.tab, "map")),
        html.Div(table_tab, id=f"{p}-pane-table", className=_pane_class(state.tab, "table")),
        html.Div(html.Div(id=f"{p}-compare"), id=f"{p}-pane-compare", className=_pane_class(state.tab, "compare")),
    ])
    return html.Div([
        notice,
        html.Div(title, id=f"{p}-present-title", className="atlas-present-title" + ("" if present else " d-none")),
        dcc.Store(id=f"{p}-region", data=state.region),
        dcc.Store(id=f"{p}-compare-set", data=list(state.compare)),
        dcc.Store(id=f"{p}-drawn-level", data=state.level),
        dcc.Store(id=f"{p}-state"),
        dcc.Store(id=f"{p}-url-sync"),
        dcc.Store(id=f"{p}-imported"),
        dcc.Store(id=f"{p}-imported-active"),
        dcc.Store(id=f"{p}-pending", data=pending),
        dcc.Download(id=f"{p}-file"),
        dbc.Row([
            dbc.Col([
                dbc.Button("Show map controls", id=f"{p}-controls-toggle", color="secondary", outline=True, size="sm",
                           className="d-lg-none mb-2 w-100", n_clicks=0),
                dbc.Collapse(controls, id=f"{p}-controls-collapse", is_open=False, className="atlas-controls-collapse"),
            ], xs=12, lg=3, className="mb-3 atlas-controls-col" + (" d-none" if present else "")),
            dbc.Col([meeting_toolbar(p, p, query, present), html.Div([html.Span(id=f"{p}-file-status", className="small text-muted me-2", role="status"), download_menu],
                              className="atlas-tab-actions"), tabs,
                     html.Div(provenance, id=f"{p}-provenance", className="atlas-provenance mt-1")],
                    xs=12, lg=8 if present else 6, className="mb-3 position-relative"),
            dbc.Col(dbc.Card(dbc.CardBody([
                html.Button("×", id=f"{p}-panel-close", className="btn-close atlas-panel-close d-lg-none", n_clicks=0,
                            title="Close the region profile", **{"aria-label": "Close the region profile"}),
                html.Div(empty_panel(), id=f"{p}-panel"),
            ]), className="atlas-panel" + (" has-region" if state.region else ""), id=f"{p}-panel-card"),
                    xs=12, lg=4 if present else 3, className="mb-3"),
        ], className="g-3"),
    ], className="atlas-explorer" + (" atlas-present" if present else ""))


def _legend_for(view: MapView) -> html.Div:
    method = METHODS.get(view.classes.method, view.classes.method)
    return legend(view.classes, view.unit, view.label, method)


def initial_map(layer: Layer, state: ViewState):
    """The first figure with its values already in (no extra round trip on page load)."""
    view = map_view(layer, state)
    fig = apply_update(build_base_figure(layer, view.level, selected=state.region), map_update(layer, view))
    return fig, _legend_for(view), view.provenance, view.title


def _state(indicator, level, year, classes, k, palette, eu, region, compare, tab) -> ViewState:
    return ViewState(indicator=indicator, level=int(level), year=int(year) if year is not None else None,
                     classes=classes, k=int(k), palette=palette, eu=bool(eu), region=region,
                     compare=tuple(compare or ()), tab=tab or "map")


def register_explorer(prefix: str, specialisation: bool = False, imported: bool = False) -> None:
    """Wire the explorer callbacks for the page whose ids start with `prefix`.

    With ``specialisation`` the panel adds the region's specialisation profile
    (LQ and stars per sector group) and its most similar regions, outlined on the map.
    With ``imported`` the indicator picker offers the indicators imported into this browser;
    only the one on screen travels back with each update (``{prefix}-imported-active``).
    """
    p = prefix
    register_meeting(p, p)
    if imported:
        register_imported(p)

    @callback(
        Output(f"{p}-level", "options"), Output(f"{p}-level", "value"),
        Output(f"{p}-year", "min"), Output(f"{p}-year", "max"), Output(f"{p}-year", "marks"), Output(f"{p}-year", "step"),
        Output(f"{p}-year", "value"),
        Output(f"{p}-eu", "disabled"), Output(f"{p}-eu", "value"), Output(f"{p}-eu", "label"),
        Input(f"{p}-indicator", "value"), Input(f"{p}-level", "value"), Input(f"{p}-imported-active", "data"),
        State(f"{p}-year", "value"), State(f"{p}-eu", "value"),
        prevent_initial_call=True,
    )
    def sync_level_and_year(indicator, level, active, year, eu):
        layer = with_imported(get_layer(), active)
        try:
            meta = layer.indicator(indicator)
        except BadParameter:
            return (no_update,) * 10
        levels = meta["levels"]
        if level not in levels:
            level = 2 if 2 in levels else max(levels)
        years = years_with_data(layer, indicator, level)
        if year not in years:
            year = fullest_year(layer, indicator, level) if meta["theme"] == "imported" else years[-1]
        has_eu = bool(meta["has_eu_reference"])
        slider = year_slider(years)
        return (level_options(levels), level, slider["min"], slider["max"], slider["marks"], slider["step"], year,
                not has_eu, bool(eu) and has_eu, eu_switch_label(has_eu))

    @callback(
        Output(f"{p}-map", "figure"), Output(f"{p}-legend", "children"), Output(f"{p}-provenance", "children"),
        Output(f"{p}-drawn-level", "data"), Output(f"{p}-present-title", "children"),
        Input(f"{p}-indicator", "value"), Input(f"{p}-level", "value"), Input(f"{p}-year", "value"),
        Input(f"{p}-classes", "value"), Input(f"{p}-k", "value"), Input(f"{p}-palette", "value"), Input(f"{p}-eu", "value"),
        Input(f"{p}-imported-active", "data"),
        State(f"{p}-drawn-level", "data"), State(f"{p}-region", "data"),
        prevent_initial_call=True,
    )
    def update_map(indicator, level, year, classes, k, palette, eu, active, drawn_level, region):
        layer = with_imported(get_layer(), active)
        try:
            view = map_view(layer, _state(indicator, level, year, classes, k, palette, eu, None, (), "map"))
        except (BadParameter, TypeError, ValueError):
            return no_update, no_update, "This combination has no data; pick another year or level.", no_update, no_update
        update = map_update(layer, view)
        legend_block = _legend_for(view)
        if drawn_level == view.level:
            return value_patch(update), legend_block, view.provenance, view.level, view.title
        fig = apply_update(build_base_figure(layer, view.level, selected=region), update)
        return fig, legend_block, view.provenance, view.level, view.title

    @callback(
        [Output(f"{p}-pane-{tab}", "className") for tab in TABS],
        Input(f"{p}-tabs", "value"),
        prevent_initial_call=True,
    )
    def switch_pane(active):
        return [_pane_class(active, tab) for tab in TABS]

    @callback(
        Output(f"{p}-grid", "rowData"),
        Input(f"{p}-tabs", "value"), Input(f"{p}-indicator", "value"), Input(f"{p}-level", "value"),
        Input(f"{p}-year", "value"), Input(f"{p}-eu", "value"), Input(f"{p}-imported-active", "data"),
    )
    def update_table(tab, indicator, level, year, eu, active):
        if tab != "table":
            return no_update
        layer = with_imported(get_layer(), active)
        try:
            view = map_view(layer, _state(indicator, level, year, "quantiles", 5, "viridis", eu, None, (), "table"))
        except (BadParameter, TypeError, ValueError):
            return []
        return table_rows(layer, view)

    @callback(
        Output(f"{p}-region", "data"), Output(f"{p}-level", "value", allow_duplicate=True),
        Output(f"{p}-map", "figure", allow_duplicate=True),
        Input(f"{p}-map", "clickData"), Input(f"{p}-grid", "selectedRows"), Input(f"{p}-search", "value"),
        Input({"type": f"{p}-crumb", "index": ALL}, "n_clicks"),
        Input({"type": f"{p}-similar", "index": ALL}, "n_clicks"),
        State(f"{p}-indicator", "value"), State(f"{p}-level", "value"), State(f"{p}-imported-active", "data"),
        prevent_initial_call=True,
    )
    def select_region(click, rows, searched, _crumbs, _similar, indicator, level, active):
        trigger = ctx.triggered_id
        code = None
        if trigger == f"{p}-map" and click and click.get("points"):
            code = click["points"][0].get("location")
        elif trigger == f"{p}-grid" and rows:
            code = rows[0].get("nuts_id")
        elif trigger == f"{p}-search" and searched:
            code = searched
        elif isinstance(trigger, dict) and ctx.triggered and ctx.triggered[0]["value"]:
            code = trigger["index"]
        layer = with_imported(get_layer(), active)
        if not code or code not in layer.region_ids:
            return no_update, no_update, no_update
        new_level = no_update
        if trigger != f"{p}-map":
            region_level = len(code) - 2
            try:
                if region_level != level and region_level in layer.indicator(indicator)["levels"]:
                    new_level = region_level
            except BadParameter:
                pass
        zoom = zoom_patch(layer, code) if trigger == f"{p}-search" else no_update
        return code, new_level, zoom

    @callback(
        Output(f"{p}-panel", "children"), Output(f"{p}-map", "figure", allow_duplicate=True),
        Input(f"{p}-region", "data"), Input(f"{p}-indicator", "value"), Input(f"{p}-year", "value"),
        Input(f"{p}-compare-set", "data"), Input(f"{p}-imported-active", "data"),
        State(f"{p}-map", "figure"),
        prevent_initial_call="initial_duplicate",
    )
    def render_panel(region, indicator, year, compare, active, figure):
        layer = with_imported(get_layer(), active)
        n_traces = len(figure["data"]) if figure and figure.get("data") else 2 * len(panels(layer, 0)) + 1
        if not region:
            return empty_panel(), selection_patch(n_traces, None)
        try:
            profile = region_profile(layer, region, indicator, int(year))
        except (KeyError, BadParameter, TypeError, ValueError):
            return empty_panel(), no_update
        compare = compare or []
        extra, similar_codes = [], []
        if specialisation:
            similar = similar_regions(layer, region)
            similar_codes = [r["nuts_id"] for r in similar["regions"]]
            extra = [specialisation_block(specialisation_profile(layer, region)), similar_block(similar, p)]
        panel = profile_panel(profile, p, region in compare, len(compare) >= MAX_COMPARE, extra=extra)
        return panel, selection_patch(n_traces, region, similar_codes)

    @callback(
        Output(f"{p}-controls-collapse", "is_open"), Output(f"{p}-controls-toggle", "children"),
        Input(f"{p}-controls-toggle", "n_clicks"), State(f"{p}-controls-collapse", "is_open"),
        prevent_initial_call=True,
    )
    def toggle_controls(_n, is_open):
        return not is_open, "Show map controls" if is_open else "Hide map controls"

    @callback(
        Output(f"{p}-panel-card", "className"),
        Input(f"{p}-region", "data"),
    )
    def panel_visibility(region):
        return "atlas-panel" + (" has-region" if region else "")

    @callback(
        Output(f"{p}-region", "data", allow_duplicate=True),
        Input(f"{p}-panel-close", "n_clicks"),
        prevent_initial_call=True,
    )
    def close_panel(n_clicks):
        return None if n_clicks else no_update

    @callback(
        Output(f"{p}-compare-set", "data"),
        Input({"type": f"{p}-compare-toggle", "index": ALL}, "n_clicks"),
        Input({"type": f"{p}-compare-remove", "index": ALL}, "n_clicks"),
        State(f"{p}-compare-set", "data"),
        prevent_initial_call=True,
    )
    def toggle_compare(_adds, _removes, compare):
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update
        code = trigger["index"]
        compare = list(compare or [])
        if code in compare:
            compare.remove(code)
        elif len(compare) < MAX_COMPARE:
            compare.append(code)
        return compare

    @callback(
        Output(f"{p}-compare", "children"),
        Input(f"{p}-compare-set", "data"), Input(f"{p}-indicator", "value"), Input(f"{p}-tabs", "value"),
        Input(f"{p}-imported-active", "data"),
    )
    def render_compare(compare, indicator, tab, active):
        layer = with_imported(get_layer(), active)
        codes = [c for c in (compare or []) if c in layer.region_ids]
        regions = [region_row(layer, c) for c in codes]
        ids = [indicator] + [i["indicator_id"] for c in codes[:1] for i in technology_profile(layer, c)
                             if i["indicator_id"] != indicator]
        ids = list(dict.fromkeys(ids))[:25]
        return compare_view(compare_table(layer, codes, ids), regions, p)

    @callback(
        Output(f"{p}-state", "data"),
        Input(f"{p}-indicator", "value"), Input(f"{p}-level", "value"), Input(f"{p}-year", "value"),
        Input(f"{p}-classes", "value"), Input(f"{p}-k", "value"), Input(f"{p}-palette", "value"), Input(f"{p}-eu", "value"),
        Input(f"{p}-region", "data"), Input(f"{p}-compare-set", "data"), Input(f"{p}-tabs", "value"),
    )
    def collect_state(*values):
        try:
            return view_query(_state(*values))
        except (TypeError, ValueError):
            return no_update

    @callback(
        [Output(f"{p}-download-{key}", "href") for key, _ in DOWNLOAD_ITEMS],
        Input(f"{p}-state", "data"),
        prevent_initial_call=True,
    )
    def update_download_links(query):
        return view_link_hrefs(query, [lambda q, key=key: download_href(p, key, q) for key, _ in DOWNLOAD_ITEMS])

    clientside_callback(
        """
        function(query) {
            if (!query) { return window.dash_clientside.no_update; }
            const current = window.location.search || "";
            const params = new URLSearchParams(current);
            if (params.get("present")) {
                const next = new URLSearchParams(query);
                next.set("present", params.get("present"));
                query = "?" + next.toString();
            }
            const path = window.location.pathname;
            if (query !== current) {
                if (window.__atlasSyncedPath !== path) {
                    window.history.replaceState(null, "", path + query);
                } else {
                    window.history.pushState(null, "", path + query);
                }
            }
            window.__atlasSyncedPath = path;
            return window.dash_clientside.no_update;
        }
        """,
        Output(f"{p}-url-sync", "data"),
        Input(f"{p}-state", "data"),
        prevent_initial_call=True,
    )
