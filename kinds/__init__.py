"""The registry of view kinds: each kind of view (``map``, ``strategy``) is one object in one module of this
package, and a page declares the kind of its views in its ``Capabilities`` (``web.pages``).

Downloads, the meeting pack and deck, ``/api/slide``, the embed and the slide show's list of pages find a page's
kind here (``kind_of``) instead of branching on page names. Adding a kind is one module here (a ``ViewKind``
subclass, added to ``KINDS``) and the page that declares it.
"""

from __future__ import annotations

from data.layer import InvalidChoice
from kinds.base import CAPABILITIES, Drawing, Undrawn, ViewKind
from kinds.map import MAP
from kinds.strategy import STRATEGY
from web.pages import capabilities, page_with, pages_with, slug

KINDS: dict[str, ViewKind] = {kind.name: kind for kind in (MAP, STRATEGY)}

__all__ = ["CAPABILITIES", "KINDS", "MAP", "STRATEGY", "Drawing", "Undrawn", "ViewKind", "kind_for", "kind_of",
           "present_pages"]


def kind_of(page: str, capability: str = "in_pack") -> ViewKind:
    """The kind of the page called `page` if it declares `capability`; ``InvalidChoice`` naming the valid ones."""
    kind = capabilities(page_with(page, capability)).kind
    if kind is None:  # Capabilities refuses this for downloadable, exportable and in_pack pages
        raise InvalidChoice("page", f"Page {page!r} declares no view kind.", [])
    return kind


def kind_for(page: str) -> ViewKind | None:
    """The kind of a page's views, or None for a page without one (drawn as a text page in a pack)."""
    for found in pages_with("kind"):
        if slug(found) == page:
            return capabilities(found).kind
    return None


def present_pages() -> list[str]:
    """The paths of the pages whose views are shown as slides (``?present=1`` starts the show on them)."""
    return [f"/{slug(page)}" for page in pages_with("in_pack")]
