"""The Technology centres overlay on an explorer map: points by filter (a Patch of the three hub traces that follow
the selection outline), its legend and download link, and the hub card on click. Registered once (at import) for
every explorer (``aio_id=MATCH``)."""

from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output, Patch, State, callback, no_update

from components.hub_card import hub_card
from components.hubs_controls import hubs_legend
from components.ids import MATCHED, PageIds
from data.layer import InvalidChoice, get_layer
from data.layer.hubs import filter_hubs, hub_card_data, hub_data, parse_filter, top_technologies
from figures.choropleth import explorer_trace_count
from figures.hubs_overlay import TYPE_COLOURS, hub_points, in_outermost_region


def hubs_query(technologies: list[str], min_intensity: int, types: list[str]) -> dict:
    """The overlay's filter as /api/hubs parameters (no intensity without a technology: it would filter nothing)."""
    query = {"type": ",".join(types or [])}
    if technologies:
        query |= {"technology": ",".join(technologies), "min_intensity": str(min_intensity)}
    return query


def _register_hubs(ids: PageIds) -> None:
    @callback(
        Output(ids("map"), "figure", allow_duplicate=True), Output(ids("hubs-legend"), "children"),
        Output(ids("hubs-download"), "href"), Output(ids("hubs-options"), "is_open"),
        Input(ids("hubs-show"), "value"), Input(ids("hubs-technology"), "value"), Input(ids("hubs-intensity"), "value"),
        Input(ids("hubs-type"), "value"), Input(ids("drawn-level"), "data"),
        prevent_initial_call="initial_duplicate",  # a link with the overlay on draws it at once
    )
    def show_hubs(show, technologies, min_intensity, types, _level):
        layer = get_layer()
        data = hub_data(layer)
        query = hubs_query(technologies or [], min_intensity or 1, types or [])
        try:
            hub_filter = parse_filter(data, technology=query.get("technology"), min_intensity=query.get("min_intensity"),
                                      type=query["type"] or None)
        except InvalidChoice as exc:
            return no_update, exc.message, no_update, True
        hubs = filter_hubs(data, hub_filter) if show and types else data.hubs.iloc[0:0]
        points = hub_points(hubs, top_technologies(data, hubs.hub_id))
        first = explorer_trace_count(layer)
        patch = Patch()
        for offset, trace in enumerate(points):
            for key, value in trace.items():
                patch["data"][first + offset][key] = value
        counts = {t: int((hubs.type == t).sum()) for t in TYPE_COLOURS}
        unplaced = int((hubs.lat.isna() | in_outermost_region(hubs)).sum())
        legend = hubs_legend(counts, unplaced, hub_filter.as_dict()) if show else []
        href = "/api/hubs.csv?" + urlencode(query) if types else None
        return patch, legend, href, bool(show)

    @callback(
        Output(ids("hubs-card"), "children"),
        Input(ids("map"), "clickData"), State(ids("hubs-show"), "value"),
        prevent_initial_call=True,
    )
    def open_hub_card(click, show):
        point = (click or {}).get("points", [{}])[0]
        custom = point.get("customdata")
        if not show or not isinstance(custom, list) or not custom:
            return no_update
        try:
            return hub_card(hub_card_data(get_layer(), str(custom[0])))
        except InvalidChoice:
            return no_update


_register_hubs(MATCHED)
