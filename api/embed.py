"""``GET /embed/<page>?<the view's query>``: one view as a small page other sites may frame (reports, portals).

It shows what a slide shows — title line, map, legend, source line — and a link back to the view in Cluster Atlas,
with the year slider, hovers (each region's value, unit and year) and, on a click, the region's key figures. The
page is plain HTML plus one script (``embed_static/embed.js``) that reads the same ``/api/slide`` and
``/api/values`` answers as the slide show, so an embed and a slide cannot disagree. Only ``/embed/`` may be framed
by any site (``web.hardening``); an embed never carries an imported list, which lives in one browser only.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from api.slides import slide_and_view
from data.layer import InvalidChoice, get_layer
from domain.i18n import gettext as _
from domain.view import held_in_browser
from web.pages import slugs_with
from web.script_words import html_language_attributes

embed_pages = Blueprint("embed_pages", __name__, static_folder="embed_static", static_url_path="/embed-static")
NOT_EMBEDDED = ("present", "tab", "compare")


def _page(title: str, body: str, status: int = 200) -> Response:
    html = (
        f"<!doctype html>{html_language_attributes()}<head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{escape(title)} — Cluster Atlas</title>"
        "<link rel=\"stylesheet\" href=\"/assets/21_present.css\">"
        "<link rel=\"stylesheet\" href=\"/embed-static/embed.css\"></head>"
        f"<body class=\"atlas-embed-body\">{body}</body></html>"
    )
    return Response(html, status=status, mimetype="text/html")


def _message(title: str, text: str, status: int) -> Response:
    return _page(title, f"<main class=\"atlas-embed atlas-embed-message\"><h1>{escape(title)}</h1>"
                        f"<p>{escape(text)}</p></main>", status)


@embed_pages.get("/embed/<page>")
def embed(page: str) -> Response:
    if page not in slugs_with("in_pack"):
        return _message(_("No such view"), _("Only these pages can be embedded: %(pages)s.")
                        % {"pages": ", ".join(slugs_with("in_pack"))}, 404)
    query = {k: v for k, v in request.args.to_dict(flat=False).items() if k not in NOT_EMBEDDED}
    layer = get_layer()
    if held_in_browser(urlencode(query, doseq=True), layer):
        return _message(_("Not embeddable"), _("This view maps a list imported into one browser. Imported lists never "
                                               "leave that browser, so they cannot be embedded; embed a view of the "
                                               "atlas's own data instead."), 400)
    view = f"/{page}" + ("?" + urlencode(query, doseq=True, safe=",") if query else "")
    try:
        slide, kind, parsed = slide_and_view(layer, view)
        years = kind.years(layer, parsed) if parsed is not None else []
    except InvalidChoice as exc:
        return _message(_("This view cannot be embedded"), exc.message, 400)
    data = escape(json.dumps({"view": view, "years": years, "slide": slide}, separators=(",", ":")), quote=True)
    map_name = _("Map: %(title)s. The legend gives the classes.") % {"title": slide["title_line"]}
    open_label = _("Open in Cluster Atlas ↗")
    body = (
        f"<main class=\"atlas-embed\" id=\"atlas-embed\" data-embed=\"{data}\">"
        f"<h1 class=\"atlas-embed-title\">{escape(slide['title_line'])}</h1>"
        "<div class=\"atlas-embed-controls\" id=\"atlas-embed-controls\"></div>"
        "<div class=\"atlas-embed-grid\"><div class=\"atlas-embed-map\" id=\"atlas-embed-map\" role=\"img\" "
        f"aria-label=\"{escape(map_name)}\"></div>"
        "<div class=\"atlas-embed-side\"><div id=\"atlas-embed-legend\"></div>"
        "<div id=\"atlas-embed-region\" aria-live=\"polite\"></div></div></div>"
        f"<p class=\"atlas-embed-source\">{escape(slide['source_line'])}</p>"
        f"<p class=\"atlas-embed-open\"><a id=\"atlas-embed-open\" href=\"{escape(slide['page_url'])}\" "
        f"target=\"_blank\" rel=\"noopener\">{escape(open_label)}</a></p></main>"
        "<script src=\"/assets/01_geo_assets.js\"></script><script src=\"/assets/02_plotly-geo.min.js\"></script>"
        "<script src=\"/assets/03_plotly-locales.js\"></script><script src=\"/assets/05_language.js\"></script>"
        "<script src=\"/assets/20_present.js\"></script><script src=\"/embed-static/embed.js\"></script>"
    )
    return _page(slide["title_line"], body)
