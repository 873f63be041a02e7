"""How each kind of storyboard view is drawn in the meeting pack and the slides: a registry of view drawers keyed by
the page capability that says what the page shows (``exportable`` map pages, ``evidence_map`` Strategies pages).

A drawer reads a view's query against the layer (which holds the imported lists the browser sent, if any) and
returns a ``Drawing`` — its PDF page, its slide picture, its words and the sources it cites — or ``Undrawn``, the
lines that say why it is not drawn. Adding a kind of view is one drawer and one capability on its page, not a branch on
page names in the pack.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from textwrap import shorten

import pandas as pd

from data.imported import imported_id, is_imported_id
from data.layer import Layer
from domain.mapview import map_view
from domain.organisations import organisation_places
from domain.strategy import parse_strategy
from domain.view import held_in_browser, resolve_view
from figures.organisations_overlay import COLOUR as ORG_COLOUR
from figures.organisations_overlay import NAME as ORGANISATIONS
from figures.static_map import ViewWords, map_picture, static_map, view_words, with_geometry
from figures.strategy_static import strategy_page, strategy_picture, strategy_words
from figures.text import plain_text, wrap
from web.cache import normalised_query
from web.pages import pages_with, slug, view_scope

NOT_SENT = ("This view maps an indicator imported into the presenter's browser, and its list was not sent with "
            "the storyboard (a pack link cannot carry it). Use the storyboard drawer's buttons for views of "
            "imported lists, which send the list, or the view's own Export menu.")


@dataclass(frozen=True)
class Drawing:
    """A drawable view: its PDF page (title, note), its slide picture (width, height), its words (title), the
    source ids it cites and a key naming what the picture shows (for the picture cache)."""

    page: Callable[[str | None, str], dict]
    picture: Callable[[int, int], dict]
    words: Callable[[str | None], ViewWords]
    sources: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class Undrawn:
    """Why a view is not drawn, in lines for its text page or slide."""

    lines: tuple[str, ...]

    @classmethod
    def unreadable(cls, notices: list[str]) -> Undrawn:
        return cls(("This view's link could not be read as it is, so it is not drawn:", *notices))


Drawer = Callable[[Layer, str, dict], Drawing | Undrawn]


def draw_map(layer: Layer, page: str, query: dict) -> Drawing | Undrawn:
    """An indicator map (Technology, Clusters), built or imported: the imported lists the browser sent are in
    `layer`, so they resolve, classify and draw like any indicator, with the source and licence the user declared."""
    indicator = (query.get("indicator") or [""])[0]
    if held_in_browser(f"indicator={indicator}", layer):
        return Undrawn((NOT_SENT,))
    scope = view_scope(page)
    if is_imported_id(indicator) and scope.themes:
        scope = replace(scope, themes=(*scope.themes, "imported"))
    state, notices = resolve_view(query, layer, scope=scope)
    if notices:
        return Undrawn.unreadable(notices)
    meta = layer.indicator(state.indicator)
    imported = f"|{_content(layer, state.indicator)}" if meta["theme"] == "imported" else ""
    orgs = shown_organisations(layer, query)
    if orgs:
        imported += f"|orgs:{hashlib.sha256(repr((orgs[0].get('rows'), orgs[1])).encode()).hexdigest()[:24]}"
    return Drawing(page=lambda title, note: with_organisations(
                       layer, with_geometry(layer, static_map(layer, state, title, note, lazy=True)), orgs),
                   picture=lambda width, height: with_organisations(
                       layer, with_geometry(layer, map_picture(layer, state, width=width, height=height, lazy=True)),
                       orgs),
                   words=lambda title: view_words(layer, state, map_view(layer, state), title),
                   sources=(meta["source_id"],),
                   key=f"map:{normalised_query(state.to_dict())}{imported}")


def draw_strategy(layer: Layer, _page: str, query: dict) -> Drawing | Undrawn:
    """A Strategies view: evidence-score map, the region's score and partners, the evidence and its sources."""
    strategy, notices = parse_strategy(query, layer)
    if notices:
        return Undrawn.unreadable(notices)
    sources = tuple(dict.fromkeys(layer.indicator(i)["source_id"] for i in strategy["evidence"]))
    return Drawing(page=lambda title, note: with_geometry(layer, strategy_page(layer, strategy, title, note, lazy=True)),
                   picture=lambda width, height: with_geometry(layer, strategy_picture(layer, strategy, width=width,
                                                                                       height=height, lazy=True)),
                   words=lambda title: strategy_words(layer, strategy, title),
                   sources=sources, key=f"strategy:{normalised_query(strategy)}")


def shown_organisations(layer: Layer, query: dict) -> tuple[dict, list[str]] | None:
    """The cluster list a view draws over its map (``orgs=<id>``, ``orgs_sector``), when this layer holds it: shared
    by the deployment, or sent by the browser with the storyboard (exports/sent.py)."""
    wanted = (query.get("orgs") or [""])[0]
    if not is_imported_id(wanted):
        return None
    for payload in layer.shared_imports:
        if payload.get("kind") == "clusters" and wanted in (payload.get("id"), imported_id(dict(payload))):
            chosen = [s for s in (query.get("orgs_sector") or [""])[0].split(",") if s.strip()]
            return dict(payload), chosen
    return None


def with_organisations(layer: Layer, figure: dict, orgs: tuple[dict, list[str]] | None) -> dict:
    """The map figure with the view's cluster organisations as points on its main map (their coordinates, else their
    region's centre, as on the Clusters page) and a line naming the list's source and licence."""
    if not orgs:
        return figure
    payload, chosen = orgs
    places = organisation_places(layer, payload, chosen)
    figure.setdefault("data", []).append(
        {"type": "scattergeo", "geo": "geo", "mode": "markers", "lat": [p["lat"] for p in places],
         "lon": [p["lon"] for p in places], "name": ORGANISATIONS, "showlegend": False, "hoverinfo": "skip",
         "marker": {"size": 9, "color": ORG_COLOUR, "symbol": "diamond", "line": {"color": "#ffffff", "width": 1}}})
    line = (f"◆ {len(places)} cluster organisations: {shorten(str(payload.get('source')), 90, placeholder=' …')} "
            f"({shorten(str(payload.get('licence')), 50, placeholder=' …')}), imported; not verified by Cluster Atlas")
    layout = figure.setdefault("layout", {})
    right = ((layout.get("geo") or {}).get("domain") or {}).get("x", [0, 1])[1]  # bottom right of the main map
    layout.setdefault("annotations", []).append(
        {"text": wrap(plain_text(line), 70), "x": right, "y": 0.0, "xref": "paper", "yref": "paper",
         "xanchor": "right", "yanchor": "bottom", "showarrow": False, "align": "right",
         "font": {"size": 12, "color": ORG_COLOUR}, "bgcolor": "rgba(255,255,255,0.85)"})
    return figure


def _content(layer: Layer, indicator: str) -> str:
    """A digest of an imported list's values: its id is chosen by the browser, so a cached picture is keyed by what
    it shows."""
    frame = layer.by_indicator[indicator]
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()[:24]


DRAWERS: dict[str, Drawer] = {"exportable": draw_map, "evidence_map": draw_strategy}


def drawer_for(page: str) -> Drawer | None:
    """The drawer of the first capability in DRAWERS that the page declares; None for a page drawn as text."""
    for capability, drawer in DRAWERS.items():
        if page in {slug(p) for p in pages_with(capability)}:
            return drawer
    return None
