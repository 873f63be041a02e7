"""The page registry: what each page offers, declared once as typed ``Capabilities`` and read back from
``dash.page_registry``.

A page registers with ``register_page(__name__, Capabilities(...), path=..., name=..., ...)``: the capabilities are
a frozen dataclass (``nav``, ``footer``, ``summary``, ``kind`` — the view kind its views are, see ``kinds/`` —
``downloadable``, ``exportable``, ``in_pack``, ``view_scope``, ``validation_queries``, ``path_status``), so a
misspelled or unknown capability is a ``TypeError`` when the page module is imported, and any other keyword than
Dash's own page options is refused too. Navigation, the Overview, the download and export routes, the pack and the
slide show all list pages through these functions, so adding a page is one ``register_page`` call.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Protocol
from urllib.parse import urlsplit

import dash
from dash import html
from dash.development.base_component import Component

from data.layer import InvalidChoice, LayerMissingError, get_layer
from domain.i18n import gettext as _
from domain.view import ViewScope

# Dash's own keyword arguments of ``dash.register_page`` that pages may give (everything else is a capability).
DASH_OPTIONS = frozenset({"path", "path_template", "name", "order", "title", "description", "image", "image_url",
                          "redirect_from", "layout"})


class PageKind(Protocol):
    """What the page registry knows of a view kind (``kinds.base.ViewKind``): its name. The kinds read this
    registry for a page's view scope, so the registry, below them in the layers, names none of their modules."""

    name: str


@dataclass(frozen=True)
class Capabilities:
    """What a page offers, checked when its module is imported.

    ``kind`` is the view kind of the page's views (``kinds.MAP``, ``kinds.STRATEGY``): it parses, draws, words and
    downloads them; ``downloadable``, ``exportable`` and ``in_pack`` need one. ``view_scope`` is a map page's
    default indicator and themes; ``validation_queries`` the queries whose layouts, with the parameterless one, hold
    every id its callbacks use; ``path_status(**values) -> status`` the HTTP status of a templated path."""

    nav: bool = False
    footer: bool = False
    summary: str = ""
    kind: PageKind | None = None
    downloadable: bool = False
    exportable: bool = False
    in_pack: bool = False
    view_scope: ViewScope = field(default_factory=ViewScope)
    validation_queries: tuple[dict, ...] = ()
    path_status: Callable[..., int] | None = None

    def __post_init__(self) -> None:
        if (self.downloadable or self.exportable or self.in_pack) and self.kind is None:
            raise TypeError("A page that is downloadable, exportable or in_pack declares the kind of its views.")
        if not isinstance(self.view_scope, ViewScope):
            raise TypeError(f"view_scope must be a ViewScope, not {type(self.view_scope).__name__}.")


CAPABILITY_NAMES = tuple(f.name for f in fields(Capabilities))


def register_page(module: str, capabilities: Capabilities | None = None, **options) -> None:
    """``dash.register_page`` with typed capabilities: any keyword other than Dash's own page options is refused."""
    unknown = sorted(set(options) - DASH_OPTIONS)
    if unknown:
        raise TypeError(f"Unknown page option {unknown[0]!r} for {module}: capabilities go in Capabilities(...) "
                        f"({', '.join(CAPABILITY_NAMES)}); Dash takes {', '.join(sorted(DASH_OPTIONS))}.")
    if capabilities is not None and not isinstance(capabilities, Capabilities):
        raise TypeError(f"{module}: capabilities must be a Capabilities, not {type(capabilities).__name__}.")
    dash.register_page(module, capabilities=capabilities or Capabilities(), **options)


def capabilities(page: dict) -> Capabilities:
    """A registered page's capabilities (none for a page registered by Dash itself)."""
    found = page.get("capabilities")
    return found if isinstance(found, Capabilities) else Capabilities()


def slug(page: dict) -> str:
    """A page's name in URLs of files (``technology`` for ``/technology``)."""
    return page["path"].strip("/")


def pages_with(capability: str) -> list[dict]:
    """Registered pages that declare `capability`, in navigation order (an unknown capability is a ``TypeError``)."""
    if capability not in CAPABILITY_NAMES:
        raise TypeError(f"Unknown page capability {capability!r}; pages declare {', '.join(CAPABILITY_NAMES)}.")
    found = [p for p in dash.page_registry.values() if getattr(capabilities(p), capability)]
    return sorted(found, key=lambda p: (p.get("order") is None, p.get("order") or 0, p["path"]))


def slugs_with(capability: str) -> list[str]:
    return [slug(p) for p in pages_with(capability)]


def page_with(name: str, capability: str) -> dict:
    """The page called `name` if it declares `capability`; ``InvalidChoice`` (a 400) naming the valid ones otherwise."""
    for page in pages_with(capability):
        if slug(page) == name:
            return page
    raise InvalidChoice("page", f"Unknown page {str(name)[:40]!r}.", slugs_with(capability))


def view_scope(name: str) -> ViewScope:
    """The default indicator and themes of a map page (the defaults every surface uses for its links)."""
    for page in dash.page_registry.values():
        if slug(page) == name:
            return capabilities(page).view_scope
    return ViewScope()


def site_link(url) -> str | None:
    """`url` as a link that stays on this site (its path and query), or None when a browser could leave the site
    with it: another scheme or host, '//host/…', a backslash (read as '/'), or a control character or space
    (browsers drop tabs and newlines: a tab between two slashes leaves '//evil.example')."""
    if not isinstance(url, str) or not url.startswith("/") or "\\" in url or any(c <= " " or c == "\x7f" for c in url):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def _page_for(path: str) -> tuple[dict, dict[str, str]] | None:
    """The registered page serving `path` (its fixed path, or its ``path_template`` such as /brief/<nuts_id>) and
    the template's values, or None."""
    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template:
            pattern = "".join(f"(?P<{part[1:-1]}>[^/]+)" if part.startswith("<") else re.escape(part)
                              for part in re.split(r"(<[^>/]+>)", template.rstrip("/")))
            found = re.fullmatch(pattern, path)
            if found:
                return page, found.groupdict()
        if (page["path"].rstrip("/") or "/") == path and not template:
            return page, {}
    return None


def serves_path(path: str) -> bool:
    """Does a registered page serve `path`?"""
    return _page_for(path) is not None


def path_status(path: str) -> int:
    """The HTTP status of the page shell for `path`: 404 when no page serves it; a page with a path template may
    declare ``path_status=function(**values) -> status`` (400 for a malformed value, 404 for one that names
    nothing), so /brief/ZZ99 is a 404 like /export/brief/ZZ99.pdf, not a 200 shell."""
    found = _page_for(path)
    if found is None:
        return 404
    page, values = found
    check = capabilities(page).path_status
    return int(check(**values)) if callable(check) and values else 200


def _skeleton(layout: Component) -> list[Component]:
    """Every component of `layout` that has an id, as a bare copy (its type and id, no other property)."""
    bare = []
    for node in [layout, *layout._traverse()] if isinstance(layout, Component) else []:
        if isinstance(node, Component) and getattr(node, "id", None) is not None:
            clone = copy.copy(node)
            clone.__dict__ = {k: v for k, v in node.__dict__.items() if k.startswith("_") or k == "id"}
            bare.append(clone)
    return bare


def validation_layout(shell: Component) -> html.Div:
    """What Dash checks every callback against (``suppress_callback_exceptions`` is off): the app shell and every
    registered page's layout, each called without parameters and with its ``validation_queries``.

    Only each component's type and id are kept: Dash's own validation layout (the full layouts, figures included)
    is sent inside every page's HTML, 420 kB for these pages; the check needs ids and component types only."""
    parts = _skeleton(shell)
    for page in dash.page_registry.values():
        layout = page["layout"]
        for query in ({}, *capabilities(page).validation_queries):
            parts += _skeleton(layout(**query) if callable(layout) else layout)
    return html.Div(parts)


def layer_unavailable_notice(exc: LayerMissingError) -> html.Div:
    return html.Div([
        html.H1(_("The data layer is unavailable"), className="h4"),
        html.P(f"{exc}"),
        html.P(_("No figure is shown rather than a wrong one. The operator rebuilds the layer with "
                 "`python -m data.build` (or `make run`) and restarts the server.")),
    ], className="alert alert-danger mt-3", role="alert", id="layer-unavailable")


def guard_page_layouts() -> None:
    """Every registered page says why when the layer is missing or damaged, instead of raising.

    Dash calls every page's layout on a worker's first request (to check callbacks) and on each page visit; a
    layout that raised there made that first request — ``/healthz`` included — answer a generic error, and a
    visitor saw a blank page. A page registered past ``register_page`` (``dash.register_page`` with loose
    capability keywords, silently accepted by Dash) stops the start here."""
    loose = [page["module"] for page in dash.page_registry.values() if not isinstance(page.get("capabilities"), Capabilities)]
    if loose:
        raise TypeError(f"Pages registered without Capabilities (use web.pages.register_page): {', '.join(loose)}.")
    for page in dash.page_registry.values():
        layout = page["layout"]
        if callable(layout) and not getattr(layout, "guarded", False):
            page["layout"] = _guarded(layout)


def _guarded(layout):
    @functools.wraps(layout)
    def guarded(**query):
        try:
            return layout(**query)
        except LayerMissingError as exc:
            return layer_unavailable_notice(exc)

    guarded.guarded = True
    return guarded


def keep_validation_layout(app: dash.Dash) -> None:
    """Give `app` the lean ``validation_layout`` once its pages are set up (Dash's pages router sets its own, from
    the full layouts, before the first request; this runs after it). While the layer is missing or damaged the
    pages only say so; the lean layout is made from their real layouts once the layer can be read."""
    lean: list = []

    def replace_validation_layout() -> None:
        if not lean:
            try:
                get_layer()
            except LayerMissingError:
                return
            lean.append(validation_layout(app.layout() if callable(app.layout) else app.layout))
        if app.validation_layout is not lean[0]:
            app.validation_layout = lean[0]

    app.server.before_request(replace_validation_layout)
