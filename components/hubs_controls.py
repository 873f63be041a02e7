"""The Technology centres overlay's controls, legend and hub card slot (one block in the explorer's controls)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.ids import PageIds
from data.layer.hubs import HIGH_INTENSITY, INTENSITIES, TYPES, HubData
from domain.i18n import N_, ngettext
from domain.i18n import gettext as _
from figures.hubs_overlay import TYPE_COLOURS


@dataclass(frozen=True)
class Overlay:
    """The technology-centre overlay of a view: shown or not, and its filters (as the controls hold them)."""

    show: bool = False
    technologies: tuple[str, ...] = ()
    min_intensity: int = HIGH_INTENSITY
    types: tuple[str, ...] = TYPES


def overlay_query(show, technologies, min_intensity, types) -> dict[str, str]:
    """The overlay's part of a view's address (``domain.view.OVERLAY_PARAMETERS``); nothing when it is off."""
    if not show:
        return {}
    query = {"hubs": "1"}
    if technologies:
        query |= {"hubs_technology": ",".join(technologies), "hubs_min": str(min_intensity or HIGH_INTENSITY)}
    if list(types or []) != list(TYPES):
        query["hubs_type"] = ",".join(types or [])
    return query


def overlay_from_query(query: Mapping, data: HubData) -> Overlay:
    """The overlay a view's address asks for; values the catalogue does not know are left out (like any stale
    parameter of a link, they never stop the page)."""
    def first(key: str) -> str:
        value = query.get(key)
        return str((value[0] if value else "") if isinstance(value, list) else (value or ""))

    if first("hubs") != "1":
        return Overlay()
    known = set(data.technology_labels)
    technologies = tuple(t for t in first("hubs_technology").split(",") if t in known)
    level = int(first("hubs_min")) if first("hubs_min") in {str(n) for n in INTENSITIES} else HIGH_INTENSITY
    types = tuple(t for t in TYPES if t in first("hubs_type").split(",")) if first("hubs_type") else TYPES
    return Overlay(True, technologies, level, types)


# The names of the overlay's filters (``HubFilter.as_dict`` keys) in the legend's "Filter:" line.
FILTER_NAMES = {"country": N_("country"), "technology": N_("technology"), "min_intensity": N_("minimum intensity"),
                "type": N_("type")}


def hubs_controls(ids: PageIds, data: HubData, overlay: Overlay = Overlay()) -> html.Div:
    return html.Div([
        dbc.Switch(id=ids("hubs-show"), label=_("Technology centres (EDIH catalogue)"), value=overlay.show,
                   className="mb-1"),
        dbc.Collapse([
            dbc.Label(_("Offering"), html_for=ids.dom("hubs-technology"), className="small mb-0"),
            dcc.Dropdown(id=ids("hubs-technology"), options=data.technology_labels, value=list(overlay.technologies),
                         multi=True, placeholder=_("Any technology"), className="mb-1"),
            dbc.Label(_("At intensity at least"), html_for=ids.dom("hubs-intensity"), className="small mb-0"),
            dcc.Dropdown(id=ids("hubs-intensity"), options=[{"label": _("%(level)s of 5") % {"level": n}, "value": n}
                                                            for n in INTENSITIES],
                         value=overlay.min_intensity, clearable=False, searchable=False, className="mb-1"),
            dbc.Checklist(id=ids("hubs-type"), options=list(TYPES), value=list(overlay.types), inline=True,
                          className="small mb-1"),
            html.Div(id=ids("hubs-legend"), className="small atlas-hubs-legend"),
            html.A(_("Download these hubs (CSV)"), id=ids("hubs-download"), href="/api/hubs.csv", className="small"),
        ], id=ids("hubs-options"), is_open=overlay.show),
    ], className="atlas-hubs mb-2")


def hubs_legend(counts: dict[str, int], unplaced: int, filters: dict[str, str]) -> list:
    """Dots by type with counts, what is filtered, and how many hubs have no point on the map."""
    items = [html.Span([html.Span(className="atlas-hub-dot", style={"background": TYPE_COLOURS[t]}), f"{t} ({n})"],
                       className="me-2") for t, n in counts.items()]
    note = "; ".join(f"{_(FILTER_NAMES.get(k, k))}: {v}" for k, v in filters.items()) or _("all hubs")
    extra = (" " + ngettext("%(count)d hub not drawn (located by postcode only, or in an outermost region); all are "
                            "in the download.",
                            "%(count)d hubs not drawn (located by postcode only, or in an outermost region); all are "
                            "in the download.", unplaced) % {"count": unplaced} if unplaced else "")
    return [html.Div(items), html.Div(_("Filter: %(filter)s.") % {"filter": note} + extra + " "
                                      + _("Click a point for its card. Source: European Commission, EDIH catalogue "
                                          "(5 May 2025), CC BY 4.0."), className="text-muted")]
