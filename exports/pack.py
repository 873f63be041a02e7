"""The meeting pack: cover, one page per storyboard view, and a sources-and-licences page."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from functools import partial
from urllib.parse import parse_qs, urlsplit

from flask import current_app, has_app_context

from data.layer import Layer
from domain.mapview import map_view
from domain.view import ViewState
from exports.deck import Deck, DeckSource, LegendEntry, SlideContent, build_deck, licence_text
from exports.html_print import print_pdf
from exports.render import render_with
from figures.document import footer_template
from figures.pack_pages import cover_page, pack_document, sources_page, text_page, view_page
from figures.static_map import ViewWords, map_picture, view_words, with_geometry
from kinds import Drawing, Undrawn, kind_for
from web.cache import cache_key, cached_bytes, remember
from web.json_limits import loads_or_raise
from web.pages import slugs_with

MAX_VIEWS = 20
PICTURE_WIDTH, PICTURE_HEIGHT = 1300, 1000
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
        raw = loads_or_raise(text, StoryboardError, what="storyboard", max_chars=MAX_STORYBOARD_CHARS,
                             max_depth=MAX_STORYBOARD_DEPTH)
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
    """One storyboard view as the pack shows it: a drawing, or a text page saying why it is not drawn."""

    view: dict
    drawing: Drawing | None = None
    heading: str = ""
    lines: tuple[str, ...] = ()

    @property
    def drawn(self) -> bool:
        return self.drawing is not None


def pack_views(layer: Layer, board: dict) -> tuple[list[PackView], list[str]]:
    """Each view resolved once for every pack format, and the sources the drawn views use (boundaries first).
    `layer` holds the imported lists the browser sent with the storyboard (exports/sent.py), if any."""
    items, used = [], ["gisco_nuts_2021"]
    for view in board["views"]:
        page = urlsplit(view["url"]).path.strip("/")
        kind = kind_for(page)
        if kind is None:
            items.append(PackView(view, heading=view["title"] or f"{page.title()} view", lines=(
                view["note"], "", "This view is not drawn in the pack; open it here:", view["url"])))
            continue
        drawing = kind.drawing(layer, page, parse_qs(urlsplit(view["url"]).query))
        if isinstance(drawing, Undrawn):
            items.append(PackView(view, heading=view["title"] or "View not drawn",
                                  lines=(view["note"], "", *drawing.lines, "", view["url"])))
            continue
        used += [s for s in drawing.sources if s not in used]
        items.append(PackView(view, drawing=drawing))
    return items, sorted(used)


def _source_rows(layer: Layer, used_sources: list[str]) -> list[tuple[str, str, str, str]]:
    return [(s.title, s.citation, licence_text(s), s.landing_page or "")
            for s in (layer.sources[source_id] for source_id in used_sources)]


def build_pack(layer: Layer, board: dict) -> bytes:
    """The whole pack as one tagged PDF printed from HTML: cover, one page per view (the slides' map pictures,
    drawn once and cached for both files), sources; titled with the storyboard's title."""
    items, used_sources = pack_views(layer, board)
    drawn = [item for item in items if item.drawn]
    pictures, said = _pictures(layer, drawn)
    pictures, said = iter(pictures), iter(said)
    today = dt.date.today().isoformat()
    pages = [cover_page(board["title"], today, [v["title"] or v["url"] for v in board["views"]])]
    for item in items:
        pages.append(view_page(next(said), next(pictures), item.view["note"]) if item.drawn
                     else text_page(item.heading, [line for line in item.lines if line]))
    pages.append(sources_page(_source_rows(layer, used_sources)))
    return print_pdf(pack_document(board["title"], pages), board["title"],
                     footer=footer_template(f"{board['title']} · Cluster Atlas meeting pack, {today}"))


def build_view_pdf(layer: Layer, state: ViewState) -> bytes:
    """One map view (Export → PDF, an imported list's too) as a one-page tagged PDF, drawn as a pack page."""
    def picture() -> dict:
        return with_geometry(layer, map_picture(layer, state, width=PICTURE_WIDTH, height=PICTURE_HEIGHT, lazy=True))

    pngs, words = render_with([picture], "png", alongside=lambda: view_words(layer, state, map_view(layer, state)))
    return print_pdf(pack_document(words.title, [view_page(words, pngs[0])]), words.title)


def _pictures(layer: Layer, drawn: list[PackView]) -> tuple[list[bytes], list[ViewWords]]:
    """The slide pictures: from the file cache (layer, what the picture shows, format), the rest rendered in one
    session; the words of every slide are computed while Chromium starts."""
    keys = [cache_key("picture", layer, f"{item.drawing.key}|{PICTURE_WIDTH}x{PICTURE_HEIGHT}", "png")
            for item in drawn]
    found = [cached_bytes(key) for key in keys]
    missing = [n for n, body in enumerate(found) if body is None]
    def words() -> list[ViewWords]:
        return [item.drawing.words(item.view["title"] or None) for item in drawn]

    made, said = render_with([partial(drawn[n].drawing.picture, PICTURE_WIDTH, PICTURE_HEIGHT) for n in missing],
                             "png", alongside=words) if missing else ([], words())
    max_bytes = current_app.config.get("ATLAS_CACHE_MAX_ENTRY_BYTES", 0) if has_app_context() else 0
    for n, body in zip(missing, made):
        remember(keys[n], body, max_bytes)
        found[n] = body
    return found, said


def build_pack_deck(layer: Layer, board: dict, base_url: str) -> bytes:
    """The storyboard as an editable PowerPoint: map pictures, every word as text, notes and absolute links."""
    items, used_sources = pack_views(layer, board)
    drawn = [item for item in items if item.drawn]
    pictures, said = _pictures(layer, drawn)
    pictures, said = iter(pictures), iter(said)
    slides = []
    for item in items:
        link = base_url.rstrip("/") + item.view["url"]
        if not item.drawn:
            slides.append(SlideContent(title=item.heading, subtitle="Not drawn in this deck", body=list(item.lines),
                                       note=item.view["note"], link=link))
            continue
        words = next(said)
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
