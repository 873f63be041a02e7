"""The explorer's callbacks, registered once (at import) for every page's ``Explorer``: each id has ``aio_id=MATCH``.

What differs between pages is read from the explorer's ``config`` store (its constructor's arguments), never from
per-page registration. Each group below wires one concern; the data work is in ``domain`` (``map_view``, ``table_rows``, profiles) and
the figures in ``figures``, so these functions only read controls and write components.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import Input, Output, State, callback, clientside_callback, ctx, no_update

import components.explorer_imported  # noqa: F401  (the imported-indicator callbacks, also once with MATCH)
import components.hubs_callbacks  # noqa: F401  (the technology-centre overlay, also once with MATCH)
from components.base_figures import base_figure
from components.explorer_options import (
    DOWNLOAD_ITEMS,
    download_href,
    eu_switch_label,
    legend_for_view,
    level_options,
    pane_class,
    state_from_controls,
    table_columns,
    year_slider,
)
from components.explorer_scripts import SEARCH_REGIONS_JS
from components.hubs_controls import overlay_query
from components.ids import MATCHED, PageIds
from components.map_patches import selection_patch, value_patch, zoom_patch
from components.meeting import view_link_hrefs
from components.profile_panel import (
    compare_view,
    empty_panel,
    hubs_block,
    profile_panel,
    similar_block,
    specialisation_block,
)
from components.time_controls import change_block
from data.layer import InvalidChoice, fullest_year, get_layer, years_with_data
from data.layer.imported import with_imported
from data.layer.indicators import classification_hints
from domain.i18n import gettext as _
from domain.mapview import map_view, table_rows
from domain.profile import compare_table, region_profile, region_row, technology_profile
from domain.specialisation import similar_regions, specialisation_profile
from domain.technology_centres import technology_centres
from domain.text_alternatives import map_summary
from domain.view import MAX_COMPARE, TABS, default_level, view_query
from figures.choropleth import apply_update, explorer_trace_count, map_update
from web.response_cache import answer_cached


def _register_controls(ids: PageIds) -> None:
    """The level, year and EU27 switch follow the indicator; the controls fold away on small screens."""

    @callback(
        Output(ids("level"), "options"), Output(ids("level"), "value"),
        Output(ids("year"), "min"), Output(ids("year"), "max"), Output(ids("year"), "marks"), Output(ids("year"), "step"),
        Output(ids("year"), "value"),
        Output(ids("eu"), "disabled"), Output(ids("eu"), "value"), Output(ids("eu"), "label"),
        Output(ids("classes"), "disabled"), Output(ids("k"), "disabled"),
        Input(ids("indicator"), "value"), Input(ids("level"), "value"), Input(ids("imported-active"), "data"),
        State(ids("year"), "value"), State(ids("eu"), "value"),
        prevent_initial_call=True,
    )
    def sync_level_and_year(indicator, level, active, year, eu):
        layer = with_imported(get_layer(), active)
        try:
            meta = layer.indicator(indicator)
        except InvalidChoice:
            return (no_update,) * 12
        levels = meta["levels"]
        if level not in levels:
            level = default_level(levels)
        years = years_with_data(layer, indicator, level)
        if year not in years:
            year = fullest_year(layer, indicator, level) if meta["theme"] == "imported" else years[-1]
        has_eu = bool(meta["has_eu_reference"])
        slider = year_slider(years)
        categorical = bool(classification_hints(meta["unit"]).get("categorical"))
        return (level_options(levels), level, slider["min"], slider["max"], slider["marks"], slider["step"], year,
                not has_eu, bool(eu) and has_eu, eu_switch_label(has_eu), categorical, categorical)

    @callback(
        Output(ids("controls-collapse"), "is_open"), Output(ids("controls-toggle"), "children"),
        Input(ids("controls-toggle"), "n_clicks"), State(ids("controls-collapse"), "is_open"),
        prevent_initial_call=True,
    )
    def toggle_controls(_n, is_open):
        return not is_open, _("Show map controls") if is_open else _("Hide map controls")


def _register_map(ids: PageIds) -> None:
    """The map (a value patch when the level is unchanged), its legend and title; the table tab."""

    @callback(
        Output(ids("map"), "figure"), Output(ids("legend"), "children"), Output(ids("provenance"), "children"),
        Output(ids("drawn-level"), "data"), Output(ids("present-title"), "children"),
        Output(ids("map-summary"), "children"),
        Input(ids("indicator"), "value"), Input(ids("level"), "value"), Input(ids("year"), "value"),
        Input(ids("classes"), "value"), Input(ids("k"), "value"), Input(ids("palette"), "value"), Input(ids("eu"), "value"),
        Input(ids("imported-active"), "data"), Input(ids("since"), "value"), Input(ids("fixed"), "value"),
        State(ids("drawn-level"), "data"), State(ids("region"), "data"),
        prevent_initial_call=True,
    )
    @answer_cached
    def update_map(indicator, level, year, classes, k, palette, eu, active, since, fixed, drawn_level, region):
        layer = with_imported(get_layer(), active)
        try:
            view = map_view(layer, state_from_controls(indicator, level, year, classes, k, palette, eu, None, (), "map",
                                                       since, fixed))
        except (InvalidChoice, TypeError, ValueError):
            return no_update, no_update, _("This combination has no data; pick another year or level."), no_update, \
                no_update, no_update
        update = map_update(layer, view)
        legend_block = legend_for_view(view)
        summary = map_summary(view, layer.region_names())
        if drawn_level == view.level:
            return value_patch(update), legend_block, view.provenance, view.level, view.title, summary
        # the level changed during the visit (a search for a NUTS 3 region, a click on "NUTS 2"): the chosen region
        # stays centred and outlined on the new map
        zoom = bool(region) and drawn_level is not None
        fig = apply_update(base_figure(layer, view.level, selected=region, zoom=zoom), update)
        return fig, legend_block, view.provenance, view.level, view.title, summary

    @callback(
        [Output(ids(f"pane-{tab}"), "className") for tab in TABS],
        Input(ids("tabs"), "value"),
        prevent_initial_call=True,
    )
    def switch_pane(active):
        return [pane_class(active, tab) for tab in TABS]

    @callback(
        Output(ids("grid"), "rowData"), Output(ids("grid"), "columnDefs"),
        Input(ids("tabs"), "value"), Input(ids("indicator"), "value"), Input(ids("level"), "value"),
        Input(ids("year"), "value"), Input(ids("eu"), "value"), Input(ids("imported-active"), "data"),
        Input(ids("since"), "value"),
    )
    @answer_cached
    def update_table(tab, indicator, level, year, eu, active, since):
        if tab != "table":
            return no_update, no_update
        layer = with_imported(get_layer(), active)
        try:
            view = map_view(layer, state_from_controls(indicator, level, year, "quantiles", 5, "viridis", eu, None, (),
                                                       "table", since))
        except (InvalidChoice, TypeError, ValueError):
            return [], no_update
        return table_rows(layer, view), table_columns(view)


def _register_table_link(ids: PageIds) -> None:
    """The link under the map's summary opens the Table tab and takes focus into the table (the link is hidden then)."""

    clientside_callback(
        """
        function (n) {
            if (!n) { return window.dash_clientside.no_update; }
            const root = document.activeElement && document.activeElement.closest(".atlas-explorer");
            window.setTimeout(function () {  // focus follows the reader into the table (the button is hidden now)
                const target = root && root.querySelector(".ag-root .ag-header-cell");
                if (target) { target.focus(); }
            }, 300);
            return "table";
        }
        """,
        Output(ids("tabs"), "value", allow_duplicate=True),
        Input(ids("to-table"), "n_clicks"),
        prevent_initial_call=True,
    )


def _register_selection(ids: PageIds) -> None:
    """A region is picked on the map, in the table, by search, breadcrumb or similar-region link."""

    clientside_callback(SEARCH_REGIONS_JS, Output(ids("search"), "options"), Input(ids("search"), "search_value"),
                        prevent_initial_call=True)

    @callback(
        Output(ids("region"), "data"), Output(ids("level"), "value", allow_duplicate=True),
        Output(ids("map"), "figure", allow_duplicate=True), Output(ids("search"), "value"),
        Output(ids("controls-collapse"), "is_open", allow_duplicate=True),
        Output(ids("controls-toggle"), "children", allow_duplicate=True),
        Input(ids("map"), "clickData"), Input(ids("grid"), "selectedRows"), Input(ids("search"), "value"),
        Input(ids.each("crumb"), "n_clicks"),
        Input(ids.each("similar"), "n_clicks"),
        State(ids("indicator"), "value"), State(ids("level"), "value"), State(ids("imported-active"), "data"),
        prevent_initial_call=True,
    )
    def select_region(click, rows, searched, _crumbs, _similar, indicator, level, active):
        trigger = ctx.triggered_id or {}
        part = trigger.get("subcomponent")
        code = None
        if part == "map" and click and click.get("points"):
            code = click["points"][0].get("location")
        elif part == "grid" and rows:
            code = rows[0].get("nuts_id")
        elif part == "search" and searched:
            code = searched
        elif "index" in trigger and ctx.triggered and ctx.triggered[0]["value"]:
            code = trigger["index"]
        layer = with_imported(get_layer(), active)
        if not code or code not in layer.region_ids:
            return no_update, no_update, no_update, None, no_update, no_update
        new_level = no_update
        if part != "map":
            region_level = len(code) - 2
            try:
                if region_level != level and region_level in layer.indicator(indicator)["levels"]:
                    new_level = region_level
            except InvalidChoice:
                pass
        searched_now = part == "search"
        zoom = zoom_patch(layer, code) if searched_now else no_update  # outlined from its own level on any map
        folded = (False, _("Show map controls")) if searched_now else (no_update, no_update)  # phones: show the map
        return code, new_level, zoom, None, *folded


def _register_panel(ids: PageIds) -> None:
    """The region profile panel and the selected (and similar) regions outlined on the map; with the config's
    ``specialisation``, the region's specialisation profile and the regions most like it."""

    @callback(
        Output(ids("panel"), "children"), Output(ids("map"), "figure", allow_duplicate=True),
        Input(ids("region"), "data"), Input(ids("indicator"), "value"), Input(ids("year"), "value"),
        Input(ids("compare-set"), "data"), Input(ids("imported-active"), "data"), Input(ids("since"), "value"),
        State(ids("level"), "value"), State(ids("config"), "data"),
        prevent_initial_call="initial_duplicate",
    )
    @answer_cached
    def render_panel(region, indicator, year, compare, active, since, level, config):
        layer = with_imported(get_layer(), active)
        n_traces = explorer_trace_count(layer)
        if not region:
            return empty_panel(), selection_patch(n_traces, None)
        try:
            profile = region_profile(layer, region, indicator, int(year))
        except (KeyError, InvalidChoice, TypeError, ValueError):
            return empty_panel(), no_update
        compare = compare or []
        similar_codes = []
        extra = [] if active else [hubs_block(*technology_centres(layer, region))]
        change = change_block(layer, state_from_controls(indicator, level, year, "auto", 5, "viridis", False, region,
                                                         (), "map", since))
        page = config["page"]
        if config.get("specialisation"):
            similar = similar_regions(layer, region)
            similar_codes = [r["nuts_id"] for r in similar["regions"]]
            extra += [specialisation_block(specialisation_profile(layer, region)), similar_block(similar, page)]
        panel = profile_panel(profile, page, region in compare, len(compare) >= MAX_COMPARE, extra=extra,
                              lead=[change] if change is not None else None)
        return panel, selection_patch(n_traces, region, similar_codes)


def _register_panel_card(ids: PageIds) -> None:
    """The panel is a bottom sheet on phones while a region is chosen; its close button clears the region."""

    @callback(
        Output(ids("panel-card"), "className"),
        Input(ids("region"), "data"),
    )
    def panel_visibility(region):
        return "atlas-panel" + (" has-region" if region else "")

    @callback(
        Output(ids("region"), "data", allow_duplicate=True),
        Input(ids("panel-close"), "n_clicks"),
        prevent_initial_call=True,
    )
    def close_panel(n_clicks):
        return None if n_clicks else no_update


def _register_compare(ids: PageIds) -> None:
    """Regions added to or removed from the compare tab, and the tab's table."""

    @callback(
        Output(ids("compare-set"), "data"),
        Input(ids.each("compare-toggle"), "n_clicks"),
        Input(ids.each("compare-remove"), "n_clicks"),
        State(ids("compare-set"), "data"),
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
        Output(ids("compare"), "children"),
        Input(ids("compare-set"), "data"), Input(ids("indicator"), "value"), Input(ids("tabs"), "value"),
        Input(ids("imported-active"), "data"), State(ids("config"), "data"),
    )
    @answer_cached
    def render_compare(compare, indicator, tab, active, config):
        layer = with_imported(get_layer(), active)
        codes = [c for c in (compare or []) if c in layer.region_ids]
        regions = [region_row(layer, c) for c in codes]
        shown = [indicator] + [i["indicator_id"] for c in codes[:1] for i in technology_profile(layer, c)
                               if i["indicator_id"] != indicator]
        shown = list(dict.fromkeys(shown))[:25]
        return compare_view(compare_table(layer, codes, shown), regions, config["page"])


def _register_url(ids: PageIds) -> None:
    """The view's query: in the address bar (history entries), and in the download links."""

    @callback(
        Output(ids("state"), "data"),
        Input(ids("indicator"), "value"), Input(ids("level"), "value"), Input(ids("year"), "value"),
        Input(ids("classes"), "value"), Input(ids("k"), "value"), Input(ids("palette"), "value"), Input(ids("eu"), "value"),
        Input(ids("region"), "data"), Input(ids("compare-set"), "data"), Input(ids("tabs"), "value"),
        Input(ids("since"), "value"), Input(ids("fixed"), "value"),
        Input(ids("hubs-show"), "value"), Input(ids("hubs-technology"), "value"), Input(ids("hubs-intensity"), "value"),
        Input(ids("hubs-type"), "value"),
    )
    def collectstate_from_controls(*values):
        """The view's address: its state, then the technology-centre overlay when it is on (so Copy link and Add to
        storyboard keep both)."""
        try:
            query = view_query(state_from_controls(*values[:12]))
        except (TypeError, ValueError):
            return no_update
        overlay = overlay_query(*values[12:])
        return query + ("&" + urlencode(overlay, safe=",") if overlay else "")

    @callback(
        [Output(ids(f"download-{key}"), "href") for key, _ in DOWNLOAD_ITEMS],
        Input(ids("state"), "data"), State(ids("config"), "data"),
        prevent_initial_call=True,
    )
    def update_download_links(query, config):
        page = config["page"]
        return view_link_hrefs(query, [lambda q, key=key: download_href(page, key, q) for key, _ in DOWNLOAD_ITEMS])

    clientside_callback(
        """
        function(query) {
            if (!query) { return window.dash_clientside.no_update; }
            const current = window.location.search || "";
            const params = new URLSearchParams(current);
            const kept = ["present", "orgs", "orgs_sector", "lang"].filter(function (key) { return params.get(key); });
            if (kept.length) {  // set by the page, not the explorer: present mode, organisations, language
                const next = new URLSearchParams(query);
                kept.forEach(function (key) { next.set(key, params.get(key)); });
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
        Output(ids("url-sync"), "data"),
        Input(ids("state"), "data"),
        prevent_initial_call=True,
    )


def _register_all() -> None:
    """Once, at import: every page's explorer is served by these callbacks (``aio_id=MATCH``)."""
    for register in (_register_controls, _register_map, _register_table_link, _register_selection, _register_panel,
                     _register_panel_card, _register_compare, _register_url):
        register(MATCHED)


_register_all()
