"""The meeting pack: cover, one page per storyboard view, and a sources-and-licences page."""

from __future__ import annotations

import base64
import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

from data.layer import Layer
from domain.view import held_in_browser, resolve_view
from exports.render import merge_pdfs, render
from figures.static_map import static_map, text_page
from web.json_limits import JSONLimitError, loads_bounded
from web.pages import slugs_with, view_scope

MAX_VIEWS = 20
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


def build_pack(layer: Layer, board: dict) -> bytes:
    """Render the whole pack as one PDF (cover + views + sources)."""
    today = dt.date.today().isoformat()
    figures = [text_page(board["title"], [f"Meeting pack prepared with Cluster Atlas, {today}", "",
                                          *[f"{n}. {v['title'] or v['url']}" for n, v in enumerate(board["views"], 1)],
                                          "", "Every map page names its source, licence and date; all citations and "
                                          "licences are on the last page.",
                                          "© EuroGeographics for the administrative boundaries. Source: Eurostat / GISCO."])]
    used_sources = {"gisco_nuts_2021"}
    for view in board["views"]:
        page = urlsplit(view["url"]).path.strip("/")
        if page not in slugs_with("exportable"):
            figures.append(text_page(view["title"] or f"{page.title()} view",
                                     [view["note"], "", "This evidence-score view is not drawn in the pack; open it here:",
                                      view["url"]]))
            continue
        query = parse_qs(urlsplit(view["url"]).query)
        if held_in_browser(urlsplit(view["url"]).query, layer):
            figures.append(text_page(view["title"] or "Imported indicator", [
                view["note"], "", "This view maps an indicator imported into the presenter's browser. Imported lists",
                "never leave that browser, so the pack cannot draw it: use the view's Export menu (PNG, SVG or PDF),",
                "which carries the list's own source and licence, and add that page to the pack.", "", view["url"]]))
            continue
        state, notices = resolve_view(query, layer, scope=view_scope(page))
        if notices:
            figures.append(text_page(view["title"] or "View not drawn", [
                view["note"], "", "This view's link could not be read as it is, so it is not drawn:", *notices, "",
                view["url"]]))
            continue
        used_sources.add(layer.indicator(state.indicator)["source_id"])
        figures.append(static_map(layer, state, title=view["title"] or None, note=view["note"]))
    lines = []
    for source_id in sorted(used_sources):
        s = layer.sources[source_id]
        lines += [f"<b>{s.title}</b>", f"Cite as: {s.citation}", f"Licence: {s.licence} ({s.licence_url})",
                  f"Official page: {s.landing_page}", ""]
    figures.append(text_page("Sources and licences", lines))
    return merge_pdfs(render(figures, "pdf"))
