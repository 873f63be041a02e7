"""The map kind: an indicator map of the explorer (Technology, Clusters), built or imported.

Everything a map view becomes is reached from here:

* its URL query: ``parse`` (``domain.view.resolve_view``, strict, with the page's ``ViewScope``);
* the CSV, Excel, GeoJSON and data-package downloads: ``rows`` (``kinds.rows.build_map_download``; the formats
  in ``downloads/formats.py`` write it);
* the meeting pack's PDF page and the PowerPoint slide picture: ``drawing`` (``figures.static_map.map_picture``
  with the imported organisations drawn over it; ``exports/pack.py`` lays it out with ``figures/pack_pages.py``);
* its words — title line, legend, key figures, source line: ``words`` (``figures.static_map.view_words``);
* the slide of the browser's slide show and of the embed: ``slide`` (``figures.slides.map_slide``), and the
  embed's years: ``years``;
* the single-view files of the Export menu (``/export/<page>.png|svg|pdf``) read the view with ``parse``;
  ``exports/routes.py`` draws it as ``figures.static_map.static_map`` (PNG, SVG) or as one pack page (PDF).

An imported list is a map view too: the lists the browser sent are in the layer, so they resolve, classify and
draw like any indicator with the source and licence the user declared; a view of a list this server was not sent
is said in words (``elsewhere_slide``, ``Undrawn``).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from urllib.parse import urlencode

import pandas as pd

from data.layer import Layer, years_with_data
from data.layer.imported import is_imported_id
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.mapview import map_view
from domain.view import ViewState, held_in_browser, resolve_view
from figures.organisations_overlay import organisations_line, shown_organisations, with_organisations
from figures.slides import map_slide, text_slide
from figures.static_map import ViewWords, map_picture, view_words, with_geometry
from kinds.base import Drawing, Undrawn, ViewKind
from kinds.rows import DownloadView, build_map_download
from web.cache import normalised_query
from web.pages import view_scope

NOT_SENT = N_("This view maps an indicator imported into the presenter's browser, and its list was not sent with "
              "the storyboard (a pack link cannot carry it). Use the storyboard drawer's buttons for views of "
              "imported lists, which send the list, or the view's own Export menu.")
IMPORTED_LINES = (
    N_("This view maps an indicator imported into a browser, and this browser does not hold its list (imported lists "
       "are kept only in the browser that loaded them), so it cannot be drawn here."),
    N_("Present from the browser that holds the list, or import the list on the Import page of this one: the view is "
       "then drawn with the list's own source and licence."),
)


class MapKind(ViewKind):
    """An indicator map at one NUTS level and year (or a change between two years)."""

    name = "map"

    def parse(self, layer: Layer, page: str, query: dict) -> ViewState:
        state, _ = resolve_view(query, layer, strict=True, scope=view_scope(page))
        return state

    def rows(self, layer: Layer, page: str, query: dict, base_url: str = "") -> DownloadView:
        return build_map_download(page, query, layer, base_url)

    def drawing(self, layer: Layer, page: str, query: dict) -> Drawing | Undrawn:
        """Read leniently, as the pack reads a storyboard: a view whose link cannot be read is a text page."""
        indicator = (query.get("indicator") or [""])[0]
        if held_in_browser(f"indicator={indicator}", layer):
            return Undrawn((_(NOT_SENT),))
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
                       words=lambda title: _with_line(self.words(layer, state, title), organisations_line(layer, orgs)),
                       sources=(meta["source_id"],),
                       key=f"map:{normalised_query(state.to_dict())}{imported}")

    def words(self, layer: Layer, view: ViewState, title: str | None = None) -> ViewWords:
        return view_words(layer, view, map_view(layer, view), title)

    def slide(self, layer: Layer, view: ViewState) -> dict:
        return map_slide(layer, view)

    def years(self, layer: Layer, view: ViewState) -> list[int]:
        return years_with_data(layer, view.indicator, view.level)

    def elsewhere_slide(self, layer: Layer, query: dict) -> dict | None:
        if held_in_browser(urlencode(query, doseq=True), layer):
            return text_slide(_("Imported indicator: not drawn on the server"), [_(line) for line in IMPORTED_LINES])
        return None


def _with_line(words: ViewWords, line: str) -> ViewWords:
    """The view's words with one more line under the source (the imported organisations drawn on the map)."""
    return replace(words, source_line=f"{words.source_line} {line}") if line else words


def _content(layer: Layer, indicator: str) -> str:
    """A digest of an imported list's values: its id is chosen by the browser, so a cached picture is keyed by what
    it shows."""
    frame = layer.by_indicator[indicator]
    return hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()[:24]


MAP = MapKind()
