"""How each kind of storyboard view is drawn in the meeting pack and the slides: a registry of view drawers keyed by
the page capability that says what the page shows (``exportable`` map pages, ``evidence_map`` Strategies pages).

A drawer reads a view's query against the layer (which holds the imported lists the browser sent, if any) and
returns a ``Drawing`` — its picture (slide and PDF page), its words and the sources it cites — or ``Undrawn``, the
lines that say why it is not drawn. Adding a kind of view is one drawer and one capability on its page, not a branch on
page names in the pack.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace

import pandas as pd

from data.layer import Layer
from data.layer.imported import is_imported_id
from domain.esif import REGIONAL as ESIF_INDICATOR
from domain.mapview import map_view
from domain.strategy import parse_strategy
from domain.view import held_in_browser, resolve_view
from figures.organisations_overlay import organisations_line, shown_organisations, with_organisations
from figures.static_map import ViewWords, map_picture, view_words, with_geometry
from figures.strategy_static import strategy_picture, strategy_words
from web.cache import normalised_query
from web.pages import pages_with, slug, view_scope

NOT_SENT = ("This view maps an indicator imported into the presenter's browser, and its list was not sent with "
            "the storyboard (a pack link cannot carry it). Use the storyboard drawer's buttons for views of "
            "imported lists, which send the list, or the view's own Export menu.")


@dataclass(frozen=True)
class Drawing:
    """A drawable view: its picture (width, height) for its slide and its PDF page, its words (title), the source
    ids it cites and a key naming what the picture shows (for the picture cache)."""

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


def _with_line(words: ViewWords, line: str) -> ViewWords:
    """The view's words with one more line under the source (the imported organisations drawn on the map)."""
    return replace(words, source_line=f"{words.source_line} {line}") if line else words


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
    return Drawing(picture=lambda width, height: with_organisations(
                       layer, with_geometry(layer, map_picture(layer, state, width=width, height=height, lazy=True)),
                       orgs),
                   words=lambda title: _with_line(view_words(layer, state, map_view(layer, state), title),
                                                  organisations_line(layer, orgs)),
                   sources=(meta["source_id"],),
                   key=f"map:{normalised_query(state.to_dict())}{imported}")


def draw_strategy(layer: Layer, _page: str, query: dict) -> Drawing | Undrawn:
    """A Strategies view: evidence-score map, the region's score and partners, the evidence and its sources."""
    strategy, notices = parse_strategy(query, layer)
    if notices:
        return Undrawn.unreadable(notices)
    sources = tuple(dict.fromkeys(layer.indicator(i)["source_id"] for i in strategy["evidence"]))
    if strategy["region"] and ESIF_INDICATOR in layer.by_indicator:
        sources += (layer.indicator(ESIF_INDICATOR)["source_id"],)
    return Drawing(picture=lambda width, height: with_geometry(layer, strategy_picture(layer, strategy, width=width,
                                                                                       height=height, lazy=True)),
                   words=lambda title: strategy_words(layer, strategy, title),
                   sources=sources, key=f"strategy:{normalised_query(strategy)}")


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
