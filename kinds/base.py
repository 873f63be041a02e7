"""What every view kind provides: one object per kind of view (a map, a Strategies view) holding how its URL query
is read, its download rows, its static drawing (the pack page and the PowerPoint slide picture), its words and
its slide for the browser's slide show.

The outputs never branch on page names: ``/download/<page>``, the meeting pack, ``/api/slide``, ``/embed/<page>``
and the slide show's list of pages ask the page's kind (``kinds.kind_of``). ``CAPABILITIES`` names what a kind
must provide; a unit test walks the registry and checks every kind provides all of them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from data.layer import InvalidChoice, Layer
from domain.i18n import N_
from domain.i18n import gettext as _
from figures.static_map import ViewWords
from kinds.rows import DownloadView

# What a kind provides (the methods of ``ViewKind`` a kind must define).
CAPABILITIES = ("parse", "rows", "drawing", "words", "slide", "years", "elsewhere_slide")


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
        return cls((_("This view's link could not be read as it is, so it is not drawn:"), *notices))


class ViewKind(ABC):
    """One kind of view. ``name`` is how the docs and the slide JSON call it; ``unreadable`` starts the message of
    a view address that cannot be read (``/api/slide``, ``/embed``)."""

    name: str = ""
    unreadable: str = N_("This view's link could not be read: %(reason)s")

    @abstractmethod
    def parse(self, layer: Layer, page: str, query: dict) -> Any:
        """The view of a URL query (a dict of lists), strictly: a bad parameter is ``InvalidChoice`` naming it."""

    @abstractmethod
    def rows(self, layer: Layer, page: str, query: dict, base_url: str = "") -> DownloadView:
        """The rows of the view's download (every file format writes these) and what the file says about them."""

    @abstractmethod
    def drawing(self, layer: Layer, page: str, query: dict) -> Drawing | Undrawn:
        """The view drawn for the meeting pack (PDF page) and the PowerPoint deck, or the lines saying why not."""

    @abstractmethod
    def words(self, layer: Layer, view: Any, title: str | None = None) -> ViewWords:
        """Title line, legend, key figures and source line of a parsed view."""

    @abstractmethod
    def slide(self, layer: Layer, view: Any) -> dict:
        """The slide JSON of a parsed view for the browser's slide show and the embed."""

    @abstractmethod
    def years(self, layer: Layer, view: Any) -> list[int]:
        """The years the embed's slider offers for a parsed view (none for a view without a year)."""

    @abstractmethod
    def elsewhere_slide(self, layer: Layer, query: dict) -> dict | None:
        """A text slide when the view shows data this server does not hold (a list in another browser), else None."""

    def read(self, layer: Layer, page: str, query: dict) -> Any:
        """``parse``, with the error about the ``view`` address as a whole (what ``/api/slide`` and the embed say)."""
        try:
            return self.parse(layer, page, query)
        except InvalidChoice as exc:
            raise InvalidChoice("view", _(self.unreadable) % {"reason": exc.message}, exc.valid) from exc
