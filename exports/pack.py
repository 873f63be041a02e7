"""The meeting pack: cover, one page per storyboard view, and a sources-and-licences page."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from data.layer import Layer
from domain.mapview import map_view
from domain.strategy import parse_strategy
from domain.view import ViewState, held_in_browser, resolve_view
from exports.deck import Deck, DeckSource, LegendEntry, SlideContent, build_deck
from exports.render import merge_pdfs, render
from figures.static_map import map_picture, static_map, text_page, view_words
from figures.strategy_static import strategy_page, strategy_picture, strategy_words
from web.json_limits import JSONLimitError, loads_bounded
from web.pages import slugs_with, view_scope

MAX_VIEWS = 20
STRATEGIES = "strategies"
MAX_STORYBOARD_CHARS = 200_000
MAX_STORYBOARD_DEPTH = 8


class StoryboardError(ValueError):
    """The storyboard is not a list of views with URLs of this app."""


def parse_storyboard(raw: str | bytes | list | dict) -> dict:
    """Accept the storyboard JSON (object with title and views, or a bare list of views), or base64url of it."""
    if isinstance(raw, (str, bytes)):
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        text = text.strip()
        if text and text[0] not in "[{":
            try:
                text = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
            except (ValueError, UnicodeDecodeError) as exc:
                raise StoryboardError("storyboard is neither JSON nor base64url JSON") from exc
        try:
            raw = loads_bounded(text, what="storyboard", max_chars=MAX_STORYBOARD_CHARS, max_depth=MAX_STORYBOARD_DEPTH)
        except JSONLimitError as exc:
            raise StoryboardError(str(exc)) from exc
        except json.JSONDecodeError as exc:
            raise StoryboardError("storyboard is not valid JSON") from exc
    board = {"title": "Cluster Atlas meeting pack", "views": raw} if isinstance(raw, list) else raw
    if not isinstance(board, dict) or not isinstance(board.get("views"), list):
        raise StoryboardError("storyboard must be a list of views or an object with 'views'")
    if not board["views"]:
        raise StoryboardError("storyboard has no views")
    if len(board["views"]) > MAX_VIEWS:
        raise StoryboardError(f"at most {MAX_VIEWS} views per pack")
    views = []
    for n, view in enumerate(board["views"], start=1):
        if not isinstance(view, dict) or not isinstance(view.get("url"), str):
            raise StoryboardError(f"view {n} has no 'url'")
        parts = urlsplit(view["url"])
        if parts.path.strip("/") not in slugs_with("in_pack"):
            allowed = [f"/{name}" for name in slugs_with("in_pack")]
            raise StoryboardError(f"view {n}: only {', '.join(allowed[:-1])} and {allowed[-1]} views can go into a pack")
        views.append({"url": parts.path + ("?" + parts.query if parts.query else ""),
                      "title": str(view.get("title") or "")[:200], "note": str(view.get("note") or "")[:1000]})
    return {"title": str(board.get("title") or "Cluster Atlas meeting pack")[:200], "views": views}


@dataclass(frozen=True)
class PackView:
    """One storyboard view as the pack shows it: a drawable map view, or a text page saying why it is not drawn."""

    view: dict
    state: ViewState | None = None
    strategy: dict | None = None
    heading: str = ""
    lines: tuple[str, ...] = ()

    @property
    def drawn(self) -> bool:
        return self.state is not None or self.strategy is not None


def pack_views(layer: Layer, board: dict) -> tuple[list[PackView], list[str]]:
    """Each view resolved once for every pack format, and the sources the drawn views use (boundaries first)."""
    items, used = [], ["gisco_nuts_2021"]
    for view in board["views"]:
        page = urlsplit(view["url"]).path.strip("/")
        query = parse_qs(urlsplit(view["url"]).query)
        if page == STRATEGIES:
            strategy, notices = parse_strategy(query, layer)
            items.append(PackView(view, strategy=strategy) if not notices else PackView(
                view, heading=view["title"] or "View not drawn", lines=(
                    view["note"], "", "This view's link could not be read as it is, so it is not drawn:", *notices)))
            used += [s for s in (layer.indicator(i)["source_id"] for i in (strategy["evidence"] if not notices else ()))
                     if s not in used]
            continue
        if page not in slugs_with("exportable"):
            items.append(PackView(view, heading=view["title"] or f"{page.title()} view", lines=(
                view["note"], "", "This view is not drawn in the pack; open it here:", view["url"])))
            continue
        if held_in_browser(urlsplit(view["url"]).query, layer):
            items.append(PackView(view, heading=view["title"] or "Imported indicator", lines=(
                view["note"], "", "This view maps an indicator imported into the presenter's browser. Imported lists",
                "never leave that browser, so the pack cannot draw it: use the view's Export menu (PNG, SVG or PDF),",
                "which carries the list's own source and licence, and add that page to the pack.", "", view["url"])))
            continue
        state, notices = resolve_view(query, layer, scope=view_scope(page))
        if notices:
            items.append(PackView(view, heading=view["title"] or "View not drawn", lines=(
                view["note"], "", "This view's link could not be read as it is, so it is not drawn:", *notices, "",
                view["url"])))
            continue
        source_id = layer.indicator(state.indicator)["source_id"]
        if source_id not in used:
            used.append(source_id)
        items.append(PackView(view, state=state))
    return items, sorted(used)


def build_pack(layer: Layer, board: dict) -> bytes:
    """Render the whole pack as one PDF (cover + views + sources)."""
    today = dt.date.today().isoformat()
    items, used_sources = pack_views(layer, board)
    figures = [text_page(board["title"], [f"Meeting pack prepared with Cluster Atlas, {today}", "",
                                          *[f"{n}. {v['title'] or v['url']}" for n, v in enumerate(board["views"], 1)],
                                          "", "Every map page names its source, licence and date; all citations and "
                                          "licences are on the last page.",
                                          "© EuroGeographics for the administrative boundaries. Source: Eurostat / GISCO."])]
    for item in items:
        title, note = item.view["title"] or None, item.view["note"]
        figures.append(static_map(layer, item.state, title=title, note=note) if item.state
                       else strategy_page(layer, item.strategy, title, note) if item.strategy
                       else text_page(item.heading, list(item.lines)))
    lines, titles = [], set()
    for source_id in used_sources:
        s = layer.sources[source_id]
        titles.add(len(lines))
        lines += [s.title, f"Cite as: {s.citation}", f"Licence: {s.licence} ({s.licence_url})",
                  f"Official page: {s.landing_page}", ""]
    figures.append(text_page("Sources and licences", lines, bold=frozenset(titles)))
    return merge_pdfs(render(figures, "pdf"))


def build_pack_deck(layer: Layer, board: dict, base_url: str) -> bytes:
    """The storyboard as an editable PowerPoint: map pictures, every word as text, notes and absolute links."""
    items, used_sources = pack_views(layer, board)
    drawn = [item for item in items if item.drawn]
    pictures = iter(render([map_picture(layer, item.state, width=1300, height=1000) if item.state
                            else strategy_picture(layer, item.strategy, width=1300, height=1000) for item in drawn],
                           "png") if drawn else [])
    slides = []
    for item in items:
        link = base_url.rstrip("/") + item.view["url"]
        if not item.drawn:
            slides.append(SlideContent(title=item.heading, subtitle="Not drawn in this deck", body=list(item.lines),
                                       note=item.view["note"], link=link))
            continue
        words = (view_words(layer, item.state, map_view(layer, item.state), item.view["title"] or None) if item.state
                 else strategy_words(layer, item.strategy, item.view["title"] or None))
        slides.append(SlideContent(title=words.title, subtitle=words.subtitle, picture_png=next(pictures),
                                   legend_title=words.legend_title,
                                   legend=[LegendEntry(colour, label) for colour, label in words.legend],
                                   key_figures=words.key_figures, source_line=words.source_line,
                                   note=item.view["note"], link=link))
    sources = [DeckSource.of(layer.sources[i]) for i in used_sources]
    views = len(board["views"])
    return build_deck(Deck(title=board["title"], subtitle=f"Prepared with Cluster Atlas, {dt.date.today().isoformat()}",
                           slides=slides, sources=sources,
                           cover_note=f"{views} view{'s' if views != 1 else ''}; sources and licences on the last slide."))
