"""Change over time in the explorer: play through the years, hold the classes, map the change since a year.

The controls sit under the year slider; their callbacks are registered once with ``aio_id=MATCH`` like the rest of
the explorer's. Playing steps the year slider about once a second, so each step is the explorer's ordinary map
update (a value patch, no new figure), with the classes of every year held (``fixed``) so colours mean the same
from year to year; it stops at the last year. "Change since" turns the view into a change view (``from`` in the
URL): ``domain.mapview`` maps the change, and every surface that reads the view (table, profile, downloads,
storyboard, slides, packs, embeds) shows it.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update

from components.ids import MATCHED, PageIds
from data.layer import InvalidChoice, Layer, get_layer, years_with_data
from data.layer.imported import with_imported
from domain.change import change_detail, change_values, signed
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.view import ViewState

PLAY, PAUSE = N_("▶ Play"), N_("❚❚ Pause")
STEP_MS = 1000
NO_CHANGE = "none"


def since_options(years: list[int], year: int | None) -> list[dict]:
    """The years a change can start from: those with data before the year shown."""
    earlier = [y for y in years if year is None or y < year]
    return [{"label": _("No change: the year's values"), "value": NO_CHANGE}] + \
        [{"label": _("Change since %(year)s") % {"year": y}, "value": y} for y in reversed(earlier)]


def time_controls(ids: PageIds, layer: Layer, state: ViewState) -> list:
    """Play / pause, "same classes for every year" and "change since" for the explorer's control card."""
    years = years_with_data(layer, state.indicator, state.level)
    return [
        html.Div([
            html.Button(_(PLAY), id=ids("play"), className="btn btn-light btn-sm", n_clicks=0, disabled=len(years) < 2,
                        title=_("Step through the years with data, about one a second"),
                        **{"aria-label": _("Play through the years")}),
            dbc.Checkbox(id=ids("fixed"), label=_("Same classes for every year"), value=state.fixed,
                         className="ms-2 small"),
        ], className="d-flex align-items-center flex-wrap gap-1 mb-2 atlas-time"),
        dcc.Interval(id=ids("play-timer"), interval=STEP_MS, disabled=True, n_intervals=0),
        dbc.Label(_("Change"), html_for=ids.dom("since")),
        dcc.Dropdown(id=ids("since"), options=since_options(years, state.year),
                     value=state.since if state.since is not None else NO_CHANGE, clearable=False, searchable=False,
                     className="mb-2"),
    ]


def change_block(layer: Layer, state: ViewState) -> html.Div | None:
    """The region's change in the profile panel: both values, the change and the % change, source years."""
    if state.since is None or not state.region:
        return None
    try:
        view = change_values(layer, state.indicator, state.level, state.since, state.year)
    except InvalidChoice:
        return None
    row = next((r for r in view.rows if r.nuts_id == state.region), None)
    if row is None:
        return None
    headline = _("no data") if row.change is None else signed(row.change, view.change_unit)
    return html.Div([
        html.Div(_("Change %(since)s→%(year)s") % {"since": state.since, "year": state.year}, className="small text-muted"),
        html.Div(headline, className="fs-4 fw-semibold atlas-change-value"),
        html.Div(change_detail(row, view.unit, view.change_unit, state.since, state.year), className="small"),
    ], className="atlas-change-block mb-2", role="group", **{"aria-label": _("Change %(since)s to %(year)s") % {"since": state.since, "year": state.year}})


def _years(indicator, level, active) -> list[int]:
    layer = with_imported(get_layer(), active)
    try:
        return years_with_data(layer, indicator, int(level))
    except (InvalidChoice, KeyError, TypeError, ValueError):
        return []


def _register(ids: PageIds) -> None:
    @callback(
        Output(ids("since"), "options"), Output(ids("since"), "value"), Output(ids("play"), "disabled"),
        Input(ids("indicator"), "value"), Input(ids("level"), "value"), Input(ids("year"), "value"),
        Input(ids("imported-active"), "data"), State(ids("since"), "value"),
        prevent_initial_call=True,
    )
    def follow_year(indicator, level, year, active, since):
        years = _years(indicator, level, active)
        year = year if isinstance(year, int) else None
        options = since_options(years, year)
        kept = since if any(o["value"] == since for o in options) else NO_CHANGE
        return options, kept, len(years) < 2

    @callback(
        Output(ids("play-timer"), "disabled"), Output(ids("play"), "children"),
        Output(ids("fixed"), "value"), Output(ids("since"), "value", allow_duplicate=True),
        Output(ids("year"), "value", allow_duplicate=True),
        Input(ids("play"), "n_clicks"),
        State(ids("play-timer"), "disabled"), State(ids("indicator"), "value"), State(ids("level"), "value"),
        State(ids("year"), "value"), State(ids("imported-active"), "data"),
        prevent_initial_call=True,
    )
    def play_or_pause(n_clicks, stopped, indicator, level, year, active):
        if not n_clicks:
            return (no_update,) * 5
        if not stopped:
            return True, _(PLAY), no_update, no_update, no_update
        years = _years(indicator, level, active)
        if len(years) < 2:
            return True, _(PLAY), no_update, no_update, no_update
        start = years[0] if year not in years or year == years[-1] else no_update
        return False, _(PAUSE), True, NO_CHANGE, start

    @callback(
        Output(ids("year"), "value", allow_duplicate=True),
        Output(ids("play-timer"), "disabled", allow_duplicate=True),
        Output(ids("play"), "children", allow_duplicate=True),
        Input(ids("play-timer"), "n_intervals"),
        State(ids("indicator"), "value"), State(ids("level"), "value"), State(ids("year"), "value"),
        State(ids("imported-active"), "data"), State(ids("provenance"), "children"),
        prevent_initial_call=True,
    )
    def step(_n, indicator, level, year, active, drawn):
        """The next year, once the map shows this one (a slow answer delays the show rather than skip a year)."""
        if f"· {year}." not in str(drawn):
            return no_update, no_update, no_update
        years = _years(indicator, level, active)
        later = [y for y in years if isinstance(year, int) and y > year]
        if not later:
            return no_update, True, _(PLAY)
        return later[0], (False if len(later) > 1 else True), (_(PAUSE) if len(later) > 1 else _(PLAY))


_register(MATCHED)
