"""The map explorer as a Dash All-in-One component: controls, map, legend, table, compare tab and profile panel.

``Explorer(aio_id, layer, state, notices, ...)`` is the explorer of a map page (``aio_id`` is the page's URL name);
``Explorer.ids`` names its parts (dict ids, ``components/ids.py``). Its callbacks (``components/explorer_callbacks.py``)
are registered once, when this module is imported, with ``aio_id=MATCH``; what differs between pages (themes,
extra controls, the specialisation panel, imported indicators) is in the constructor's arguments, kept in the
layout (the ``config`` store), never in per-page callbacks. The data work is in plain functions
(``domain.mapview.map_view``, ``table_rows``) that tests call without a browser.
"""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

import components.explorer_callbacks  # noqa: F401  (registers the explorer's callbacks once, with aio_id=MATCH)
from components.base_figures import base_figure
from components.explorer_options import (
    DOWNLOAD_ITEMS,
    download_href,
    eu_switch_label,
    indicator_options,
    legend_for_view,
    level_options,
    pane_class,
    table_columns,
    year_slider,
)
from components.form_groups import hidden_label, radio_group
from components.hubs_controls import hubs_controls, overlay_from_query
from components.ids import MATCHED, PageIds, page_ids
from components.meeting import meeting_toolbar
from components.profile_panel import empty_panel
from components.time_controls import time_controls
from data.layer import Layer, years_with_data
from data.layer.hubs import hub_data
from data.layer.indicators import classification_hints
from domain.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.mapview import map_view
from domain.text_alternatives import map_summary
from domain.view import ViewState, view_query
from figures.choropleth import apply_update, map_update

GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "cluster-atlas-map"}}


class Explorer(html.Div):
    """The explorer of the map page `aio_id` (its URL name, which also names its downloads and exports).

    ``themes`` limits the indicator picker; ``extra_controls`` go below the year; ``specialisation`` adds the
    region's specialisation profile and its most similar regions (outlined on the map) to the panel; ``imported``
    offers the indicators imported into this browser in the picker, and ``pending`` is a link's imported indicator
    (with its level and year), resolved in the browser that holds it (see ``split_imported``)."""

    class ids:
        """The AIO ids namespace: ``Explorer.ids.of("technology")("map")``; ``Explorer.ids.matched`` in callbacks."""

        of = staticmethod(page_ids)
        matched = MATCHED

    def __init__(self, aio_id: str, layer: Layer, state: ViewState, notices: list[str],
                 themes: tuple[str, ...] | None = None, extra_controls: list | None = None, present: bool = False,
                 pending: dict | None = None, specialisation: bool = False, imported: bool = False,
                 overlay: dict | None = None) -> None:
        config = {"page": aio_id, "specialisation": specialisation, "imported": imported}
        layout = explorer_layout(page_ids(aio_id), layer, state, notices, themes, extra_controls, present, pending,
                                 overlay)
        super().__init__([dcc.Store(id=page_ids(aio_id)("config"), data=config), *layout.children],
                         className=layout.className)


def explorer_layout(ids: PageIds, layer: Layer, state: ViewState, notices: list[str],
                    themes: tuple[str, ...] | None = None, extra_controls: list | None = None,
                    present: bool = False, pending: dict | None = None, overlay: dict | None = None) -> html.Div:
    """The explorer's literal layout tree (see ``Explorer``); ``overlay``: the page's query, for the technology-centre
    overlay's switch and filters."""
    meta = layer.indicator(state.indicator)
    years = years_with_data(layer, state.indicator, state.level)
    categorical = bool(classification_hints(meta["unit"]).get("categorical"))
    p = ids.page
    notice = dbc.Alert([html.Strong(_("Some link parameters were ignored:") + " "), " ".join(notices)], color="warning",
                       dismissable=True, is_open=bool(notices), id=ids("notice"), className="py-2")
    controls = dbc.Card(dbc.CardBody([
        dbc.Label(_("Indicator"), html_for=ids.dom("indicator")),
        dcc.Dropdown(id=ids("indicator"), options=indicator_options(layer, themes), value=state.indicator,
                     clearable=False, searchable=True, optionHeight=44, maxHeight=4400, className="mb-2 atlas-indicator",
                     placeholder=_("Type a name or source code…")),
        radio_group(_("Level"), dbc.RadioItems(id=ids("level"), options=level_options(meta["levels"]), value=state.level,
                                            inline=True)),
        dbc.Label(_("Year"), html_for=ids.dom("year")),
        html.Div(dcc.Slider(id=ids("year"), value=state.year, included=False, updatemode="mouseup",
                            **year_slider(years)), className="mb-2 atlas-year"),
        *time_controls(ids, layer, state),
        *(extra_controls or []),
        dbc.Label(_("Classes"), html_for=ids.dom("classes")),
        dbc.Row([
            dbc.Col(dcc.Dropdown(id=ids("classes"), options=[{"label": _(v), "value": k} for k, v in METHODS.items()],
                                 value=state.classes, clearable=False, searchable=False, disabled=categorical), width=7),
            dbc.Col([hidden_label(_("Number of classes"), ids("k")),
                     dcc.Dropdown(id=ids("k"), options=[{"label": ngettext("%(count)d class", "%(count)d classes", n) % {"count": n}, "value": n}
                                                        for n in range(MIN_CLASSES, MAX_CLASSES + 1)],
                                  value=state.k, clearable=False, searchable=False, disabled=categorical)], width=5),
        ], className="g-2 mb-2"),
        dbc.Label(_("Palette"), html_for=ids.dom("palette")),
        dcc.Dropdown(id=ids("palette"), options=[{"label": _(v), "value": k} for k, v in SEQUENTIAL_PALETTES.items()],
                     value=state.palette, clearable=False, searchable=False, className="mb-2"),
        dbc.Switch(id=ids("eu"), label=eu_switch_label(bool(meta["has_eu_reference"])), value=state.eu,
                   disabled=not bool(meta["has_eu_reference"]), className="mb-2"),
        dbc.Label(_("Find a region"), html_for=ids.dom("search")),
        html.Div(dcc.Dropdown(id=ids("search"), options=[], value=None, searchable=True, clearable=True,
                              search_order="original",
                              placeholder=_("Region, country or town, e.g. Bavaria, Poland, Munich, PL21")),
                 className="mb-2"),
        html.A(_("Skip to the region profile"), href="#", className="atlas-skip-link atlas-skip-inline",
               **{"data-skip-target": ids.dom("panel")}),
        hubs_controls(ids, hub_data(layer), overlay_from_query(overlay or {}, hub_data(layer))),
    ]), className="atlas-controls")
    figure, legend_block, provenance, title, summary = initial_map(layer, state)
    map_tab = html.Div([
        html.Figure([
            dcc.Graph(id=ids("map"), figure=figure, config=GRAPH_CONFIG, className="atlas-map", responsive=True,
                      style={"height": "var(--atlas-map-height)"}),
            html.Div(legend_block, id=ids("legend")),
            map_caption(ids, summary),
        ], className="atlas-map-figure m-0", **{"aria-labelledby": ids.dom("map-summary")}),
        html.Div(id=ids("hubs-card")),
    ])
    table_tab = dag.AgGrid(
        id=ids("grid"), rowData=[], getRowId="params.data.nuts_id",
        columnDefs=table_columns(None),
        defaultColDef={"sortable": True, "resizable": True, "minWidth": 56},
        dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
                         "animateRows": False, "domLayout": "normal",
                         # One Tab stop: Tab enters the grid and leaves it; arrows move between its cells.
                         "tabToNextCell": {"function": "false"}, "tabToNextHeader": {"function": "false"}},
        style={"height": "560px"}, className="ag-theme-alpine",
    )
    query = view_query(state)
    download_menu = dbc.DropdownMenu([
        dbc.DropdownMenuItem(_(label), id=ids(f"download-{key}"), href=download_href(p, key, query), external_link=True)
        for key, label in DOWNLOAD_ITEMS
    ], label=_("Download"), size="sm", color="light", align_end=True, className="atlas-download",
        id=ids("download-menu"))
    tabs = html.Div([
        radio_group(_("View"), dbc.RadioItems(
            id=ids("tabs"), value=state.tab, inline=True, className="btn-group atlas-view-switch",
            options=[{"label": _("Map"), "value": "map"}, {"label": _("Table"), "value": "table"},
                     {"label": _("Compare"), "value": "compare"}],
            input_class_name="btn-check", label_class_name="btn btn-outline-primary btn-sm",
            label_checked_class_name="active"), legend_hidden=True),
        html.Div(map_tab, id=ids("pane-map"), className=pane_class(state.tab, "map")),
        html.Div(table_tab, id=ids("pane-table"), className=pane_class(state.tab, "table")),
        html.Div(html.Div(id=ids("compare")), id=ids("pane-compare"), className=pane_class(state.tab, "compare")),
    ])
    return html.Div([
        notice,
        html.Div(title, id=ids("present-title"), className="atlas-present-title" + ("" if present else " d-none"),
                 **{"data-announce": _("Map:")}),
        dcc.Store(id=ids("region"), data=state.region),
        dcc.Store(id=ids("compare-set"), data=list(state.compare)),
        dcc.Store(id=ids("drawn-level"), data=state.level),
        dcc.Store(id=ids("state")),
        dcc.Store(id=ids("url-sync")),
        dcc.Store(id=ids("imported")),
        dcc.Store(id=ids("imported-active")),
        dcc.Store(id=ids("pending"), data=pending),
        dcc.Download(id=ids("file")),
        dbc.Row([
            dbc.Col([
                dbc.Button(_("Show map controls"), id=ids("controls-toggle"), color="secondary", outline=True, size="sm",
                           className="d-lg-none mb-2 w-100", n_clicks=0),
                dbc.Collapse(controls, id=ids("controls-collapse"), is_open=False, className="atlas-controls-collapse"),
            ], xs=12, lg=3, className="mb-3 atlas-controls-col" + (" d-none" if present else "")),
            dbc.Col([meeting_toolbar(p, p, query, present), html.Div([html.Span(id=ids("file-status"), className="small text-muted me-2", role="status"), download_menu],
                              className="atlas-tab-actions"), tabs,
                     html.Div(provenance, id=ids("provenance"), className="atlas-provenance mt-1")],
                    xs=12, lg=8 if present else 6, className="mb-3 position-relative"),
            dbc.Col(dbc.Card(dbc.CardBody([
                html.Button(id=ids("panel-close"), className="btn-close atlas-panel-close d-lg-none", n_clicks=0,
                            title=_("Close the region profile"), **{"aria-label": _("Close the region profile")}),
                html.Div(empty_panel(), id=ids("panel"), tabIndex="-1",
                         **{"data-announce": _("Region profile:"), "data-announce-from": "h2[id]"}),
            ]), className="atlas-panel" + (" has-region" if state.region else ""), id=ids("panel-card")),
                    xs=12, lg=4 if present else 3, className="mb-3"),
        ], className="g-3"),
    ], className="atlas-explorer" + (" atlas-present" if present else ""))


def initial_map(layer: Layer, state: ViewState):
    """The first figure with its values already in (no extra round trip on page load)."""
    view = map_view(layer, state)
    fig = apply_update(base_figure(layer, view.level, selected=state.region), map_update(layer, view))
    return fig, legend_for_view(view), view.provenance, view.title, map_summary(view, layer.region_names())


def map_caption(ids: PageIds, summary: str) -> html.Figcaption:
    """The map's text alternative (``domain.text_alternatives.map_summary``) and the way to its values: the Table tab."""
    return html.Figcaption([
        html.Span(summary, id=ids("map-summary")), " ",
        html.Button(_("Read every value in the Table tab"), id=ids("to-table"), n_clicks=0, type="button",
                    className="btn btn-link btn-sm p-0 align-baseline atlas-to-table"),
    ], className="atlas-map-summary small text-muted mt-1")
