"""The hub card: one technology centre's website, technologies with intensity bars, services, sectors and source."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from domain.i18n import gettext as _


def _intensity_bar(name: str, intensity: int) -> html.Li:
    return html.Li([
        html.Span(name, className="atlas-hub-tech"),
        html.Span(html.Span(className="atlas-hub-bar-fill", style={"width": f"{20 * intensity}%"}),
                  className="atlas-hub-bar", role="img", **{"aria-label": _("intensity %(level)s of 5") % {"level": intensity}}),
        html.Span(f"{intensity}/5", className="small text-muted ms-1"),
    ], className="atlas-hub-row")


def hub_card(hub: dict) -> dbc.Card:
    """`hub`: the API's hub object plus ``services``, ``sectors`` and ``town`` (lists of {name, intensity})."""
    website = hub.get("website")
    return dbc.Card(dbc.CardBody([
        html.H3(hub["name"], className="h6 mb-0", id="hub-card-title"),
        html.Div(f"{hub['type']} · {hub.get('town') or ''} ({hub['country']})"
                 + (f" · NUTS 3 {hub['nuts_id']}" if hub.get("nuts_id") else " · " + _("not located at NUTS 3")),
                 className="small text-muted mb-2"),
        html.A(_("Website"), href=website, target="_blank", rel="noopener noreferrer", className="small")
        if website and website.startswith(("http://", "https://")) else None,
        html.H4(_("Technologies (intensity 1–5)"), className="h6 mt-2 mb-1"),
        html.Ul([_intensity_bar(t["name"], t["intensity"]) for t in hub.get("technologies", [])],
                className="list-unstyled mb-2") if hub.get("technologies") else html.P(_("None listed."), className="small"),
        html.H4(_("Services"), className="h6 mt-2 mb-1"),
        html.P(", ".join(s["name"] for s in hub.get("services", [])) or _("None listed."), className="small mb-1"),
        html.H4(_("Sectors"), className="h6 mt-2 mb-1"),
        html.P(", ".join(s["name"] for s in hub.get("sectors", [])) or _("None listed."), className="small mb-1"),
        html.Div(_("Source: %(source)s Licence: %(licence)s. Located by %(method)s.")
                 % {"source": hub["source"], "licence": hub["licence"], "method": hub.get("located_by", "?")},
                 className="atlas-provenance mt-2"),
    ]), className="atlas-hub-card", id="hub-card")
