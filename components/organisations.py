"""Imported cluster organisations on the Clusters page: points on the explorer's map (a Patch of the organisations'
trace, like the technology centres), their legend with counts per region and source, the detail of a clicked one, and
downloads (the data stays in the browser that imported it)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, Patch, State, callback, clientside_callback, dcc, html, no_update

from components.form_groups import hidden_label, radio_group
from components.ids import PageIds
from data.layer import LEVEL_NAMES, Layer, get_layer
from data.layer.imported import imported_id
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.organisations import (
    filtered_rows,
    organisation_layers,
    organisation_places,
    organisations_frame,
    sectors,
    top_regions,
)
from downloads.formats import TableDownload, table_href
from figures.choropleth import organisations_trace_index
from figures.organisations_overlay import COLOUR, organisation_points


def list_label(n: int, imported: dict, noun: str) -> str:
    """How a list is named in pickers: number, source, size, and whether it is shared or only in this browser."""
    where = _("shared by this atlas") if imported.get("shared") else _("this browser")
    source = imported.get("source", _("list"))
    return f"{n + 1}. {source} ({len(imported['rows'])} {noun}; {where})"


def organisations_legend(layer: Layer, imported: dict, level: int, chosen: list[str] | None = None) -> html.Div:
    """What the points on the map are: how many, how they were located, where most are, and where the list is from."""
    places = organisation_places(layer, imported, chosen)
    by_level: dict[str, int] = {}
    for place in places:
        name = _(LEVEL_NAMES.get(len(place["nuts_id"]) - 2, N_("region")))
        by_level[name] = by_level.get(name, 0) + 1
    centred = sum(p["at_centre"] for p in places)
    top = top_regions(layer, imported, level, chosen)
    source = str(imported.get("source") or _("source not stated"))
    licence = str(imported.get("licence") or _("licence not stated"))
    return html.Div([
        html.Div([html.Span(className="atlas-org-dot", style={"backgroundColor": COLOUR}),
                  html.Strong(_("Cluster organisations (your list): %(count)s on the map") % {"count": len(places)}),
                  html.Span(" " + (_("of %(count)s in the list, sectors: %(sectors)s") if chosen else
                                   _("of %(count)s in the list"))
                            % {"count": len(imported.get("rows") or []), "sectors": ", ".join(chosen or [])},
                            className="text-muted")]),
        html.Div(_("Located at %(levels)s") % {"levels": " · ".join(f"{k}: {v}" for k, v in sorted(by_level.items()))}
                 + ("; " + _("%(count)s drawn at the centre of their region (no coordinates in the list).")
                    % {"count": centred} if centred else "."),
                 className="small"),
        html.Div([_("Most organisations per %(level)s region:") % {"level": _(LEVEL_NAMES[level])}, " ",
                  " · ".join(f"{name} ({code}) {count}" for code, name, count in top) or _("none at this level")],
                 className="small"),
        html.Div(_("Source: %(source)s (%(licence)s), imported; located in NUTS 2021 regions by its importer; not "
                   "verified by Cluster Atlas. Boundaries © EuroGeographics.") % {"source": source, "licence": licence},
                 className="atlas-provenance"),
    ], className="atlas-legend")


def organisations_csv_href(imported: dict, chosen: list[str] | None = None) -> str:
    """The shown organisations as a CSV data link (UTF-8 BOM, formula-safe)."""
    return table_href(TableDownload(organisations_frame(imported, chosen, get_layer()),
                                    "Cluster organisations (imported list)", "cluster-organisations"), "csv")


def organisations_xlsx_href(imported: dict, chosen: list[str] | None = None) -> str:
    """The shown organisations as Excel, with an about sheet naming the list's source, licence, filter and date."""
    source = {"title": str(imported.get("source") or _("source not stated")),
              "licence": str(imported.get("licence") or _("licence not stated")),
              "note": _("Imported into Cluster Atlas (%(date)s); rows located in NUTS 2021 regions by its importer; not "
                        "verified by Cluster Atlas.")
              % {"date": str(imported.get("imported_at") or "")[:10] or _("date not kept")}}
    return table_href(TableDownload(organisations_frame(imported, chosen, get_layer()),
                                    _("Cluster organisations (imported list)"), "cluster-organisations",
                                    {"sectors": ", ".join(chosen) if chosen else _("all")}, [source]), "xlsx")


def organisations_section(ids: PageIds) -> html.Div:
    """The controls, legend, detail and downloads of the imported organisations (the points are on the page's map)."""
    return html.Div([
        dbc.Row([
            dbc.Col([hidden_label(_("Imported cluster list"), ids("orgs-list")),
                     dcc.Dropdown(id=ids("orgs-list"), options=[], placeholder=_("Imported cluster list"))], md=4),
            dbc.Col(radio_group(_("Count per"), dbc.RadioItems(
                id=ids("orgs-level"), value=2, inline=True, className="d-inline-block",
                options=[{"label": _("Country") if lv == 0 else f"NUTS {lv}", "value": lv} for lv in range(4)]),
                class_name="atlas-inline-group mb-0"), md=4),
            dbc.Col([hidden_label(_("Sectors"), ids("orgs-sector")),
                     dcc.Dropdown(id=ids("orgs-sector"), options=[], multi=True, placeholder=_("All sectors"))], md=4),
        ], className="g-2 mb-2"),
        html.Div(id=ids("orgs-legend")),
        html.Div(id=ids("orgs-detail"), className="small", role="status"),
        html.Div([_("Download these organisations:"), " ",
                  html.A("CSV", id=ids("orgs-download"), href="#", download="cluster-organisations.csv"), " · ",
                  html.A(_("Excel with sources"), id=ids("orgs-download-xlsx"), href="#",
                         download="cluster-organisations.xlsx")], className="small"),
        dcc.Store(id=ids("orgs-query")), dcc.Store(id=ids("orgs-synced")),
    ], id=ids("orgs"), style={"display": "none"})


def _register_address(ids: PageIds) -> None:
    """The shown list and sectors in the view's address (``orgs``, ``orgs_sector``)."""

    @callback(Output(ids("orgs-query"), "data"), Input(ids("orgs-list"), "value"), Input(ids("orgs-sector"), "value"),
              State("imported-layers", "data"), prevent_initial_call=True)
    def organisations_query(choice, chosen, layers):
        """The shown list (by its content id) and sectors, for the view's address: Add to storyboard and Copy link
        keep them, and the meeting pack draws the organisations (exports/sent.py)."""
        found = organisation_layers(layers, get_layer().shared_imports)
        if not isinstance(choice, int) or not 0 <= choice < len(found):
            return {}
        return {"orgs": imported_id(found[choice]), **({"orgs_sector": ",".join(chosen)} if chosen else {})}

    clientside_callback(
        """
        function(query) {
            const url = new URL(window.location.href);
            ["orgs", "orgs_sector"].forEach(function (key) { url.searchParams.delete(key); });
            Object.entries(query || {}).forEach(function (entry) { url.searchParams.set(entry[0], entry[1]); });
            if (url.search !== window.location.search) {
                window.history.replaceState(window.history.state, "", url.pathname + url.search);
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output(ids("orgs-synced"), "data"), Input(ids("orgs-query"), "data"), prevent_initial_call=True)


def register_organisations(ids: PageIds) -> None:
    """Wire the imported organisations into the explorer map beside them (its organisations' trace, by Patch).

    Called once, at import, by the one page that lays out ``organisations_section`` (Clusters), with that page's
    ids: the callbacks read the explorer's map clicks and drawn level, so with ``aio_id=MATCH`` they would also
    fire on every other explorer, where no organisations' parts exist."""
    _register_address(ids)

    @callback(Output(ids("orgs-list"), "options"), Output(ids("orgs-list"), "value"), Output(ids("orgs"), "style"),
              Output(ids("empty-state"), "style"), Input("imported-layers", "data"), Input(ids("orgs-list"), "id"),
              State(ids("orgs-list"), "value"))
    def list_organisation_layers(layers, _rendered, current):
        found = organisation_layers(layers, get_layer().shared_imports)
        if not found:
            return [], None, {"display": "none"}, {}
        options = [{"label": list_label(n, o, _("organisations")), "value": n} for n, o in enumerate(found)]
        value = current if isinstance(current, int) and current < len(found) else 0
        return options, value, {}, {"display": "none"}

    @callback(Output(ids("map"), "figure", allow_duplicate=True), Output(ids("orgs-sector"), "options"),
              Output(ids("orgs-download"), "href"), Output(ids("orgs-download-xlsx"), "href"),
              Output(ids("orgs-legend"), "children"),
              Input(ids("orgs-list"), "value"), Input(ids("orgs-level"), "value"), Input(ids("orgs-sector"), "value"),
              Input(ids("drawn-level"), "data"), State("imported-layers", "data"),
              prevent_initial_call=True)
    def show_organisations(choice, level, chosen, _drawn, layers):
        layer = get_layer()
        found = organisation_layers(layers, layer.shared_imports)
        patch = Patch()
        index = organisations_trace_index(layer)
        if not isinstance(choice, int) or not 0 <= choice < len(found) or level not in (0, 1, 2, 3):
            for key in ("lat", "lon", "customdata"):
                patch["data"][index][key] = []
            return patch, [], "#", "#", None
        imported = found[choice]
        points = organisation_points(organisation_places(layer, imported, chosen),
                                     str(imported.get("source") or _("your list")))
        for key, value in points.items():
            patch["data"][index][key] = value
        return (patch, [{"label": s, "value": s} for s in sectors(imported)], organisations_csv_href(imported, chosen),
                organisations_xlsx_href(imported, chosen), organisations_legend(layer, imported, level, chosen))

    @callback(Output(ids("orgs-detail"), "children"), Input(ids("map"), "clickData"),
              State(ids("orgs-list"), "value"), State(ids("orgs-sector"), "value"), State("imported-layers", "data"),
              prevent_initial_call=True)
    def organisation_detail(click, choice, chosen, layers):
        found = organisation_layers(layers, get_layer().shared_imports)
        custom = ((click or {}).get("points") or [{}])[0].get("customdata")
        if not isinstance(custom, list) or len(custom) < 2 or custom[0] != "org" or not isinstance(choice, int) \
                or choice >= len(found):
            return no_update
        rows = filtered_rows(found[choice], chosen)
        if not isinstance(custom[1], int) or not 0 <= custom[1] < len(rows):
            return no_update
        row = rows[custom[1]]
        fields = [html.Li(f"{k}: {v}") for k, v in row.items() if k not in ("row",) and v not in (None, "")]
        return html.Div([html.Strong(str(row.get("name", ""))), html.Ul(fields, className="mb-0"),
                         html.Span(f"Source: {found[choice].get('source', '')} ({found[choice].get('licence', '')})",
                                   className="atlas-provenance")])
