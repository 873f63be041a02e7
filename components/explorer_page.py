"""A map page's explorer for the page's URL query, so the page itself only lays out its words around it."""

from __future__ import annotations

from components.explorer import Explorer
from data.layer import get_layer
from domain.mapview import split_imported
from domain.view import ViewScope, resolve_view


def page_explorer(prefix: str, query: dict, scope: ViewScope, *, imported: bool = False, **options) -> Explorer:
    """The explorer of the view a page's address asks for, read leniently with the page's scope (an unknown
    parameter becomes a notice, never an error page); with ``imported``, a link's imported indicator waits for the
    browser that holds its list."""
    layer = get_layer()
    pending = None
    if imported:
        query, pending = split_imported(query, layer)
        options.update(pending=pending, imported=True)
    state, notices = resolve_view(query, layer, scope=scope)
    return Explorer(prefix, layer, state, notices, present=query.get("present") == "1", overlay=query, **options)
