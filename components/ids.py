"""The ids of the All-in-One components' parts (Dash's AIO pattern), in one place.

Every id is a dict ``{"component": "Explorer", "subcomponent": "map", "aio_id": "technology"}``: ``component`` names
the All-in-One component (the map ``Explorer``, the ``MeetingToolbar`` above it, the imported ``Organisations`` under the Clusters
map, the ``Strategies`` page),
``subcomponent`` the part and ``aio_id`` the instance (the page's URL name). The callbacks are registered once, at
import, with ``aio_id=MATCH`` (``page_ids(MATCH)``), so one set serves every page that lays out the component.

``page_ids("technology")("map")`` is that dict; ``.item("crumb", code)`` and ``.each("crumb")`` are the ids of
repeated items (an ``index`` key more). A part missing from ``PARTS`` raises when the callbacks are registered (at
import), and Dash checks every callback against ``app.validation_layout``, so a typo fails at start-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from dash import ALL, MATCH

from downloads.formats import FORMATS as DOWNLOAD_FORMATS
from exports.formats import FORMATS as EXPORT_FORMATS

EXPLORER = "Explorer"
MEETING = "MeetingToolbar"
STRATEGIES = "Strategies"
ORGANISATIONS = "Organisations"

_EXPLORER = ("indicator", "level", "year", "classes", "k", "palette", "eu", "search", "map", "legend", "grid", "tabs",
             "pane-map", "pane-table", "pane-compare", "compare", "notice", "present-title", "region", "compare-set",
             "drawn-level", "state", "url-sync", "imported", "imported-active", "pending", "file", "file-status",
             "controls-toggle", "controls-collapse", "provenance", "panel", "panel-card", "panel-close",
             "panel-title", "brief-link", "series", "similar-list", "compare-table", "download-menu", "download-csv-all",
             "hubs-show", "hubs-options", "hubs-technology", "hubs-intensity", "hubs-type", "hubs-legend",
             "hubs-download", "hubs-card", "config", "play", "play-timer", "fixed", "since", "map-summary", "to-table",
             "series-summary", *(f"download-{fmt}" for fmt in DOWNLOAD_FORMATS))
_MEETING = ("copy-link", "copy-status", "present", "export-menu", "story-add-open", "story-title", "story-note",
            "story-add", "story-popover", "story-cancel", "story-dialog-title", "embed", "embed-dialog", "embed-title",
            "embed-code", "embed-link", "embed-close", *(f"export-{fmt}" for fmt in EXPORT_FORMATS))
_STRATEGIES = ("domain", "evidence", "eu-only", "money", "money-map", "money-title", "money-legend", "per-country", "keyword",
               "priorities", "gap", "gap-container", "gap-download",
               "gap-download-xlsx", "gap-lists", "gap-map", "evidence-list", "partners", "partners-download",
               "region-priorities", "unmatched", "url-pushed", "map-summary", "gap-summary")
_ORGANISATIONS = ("empty-state", "orgs", "orgs-query", "orgs-synced", "orgs-list", "orgs-level", "orgs-sector", "orgs-legend", "orgs-detail", "orgs-download",
             "orgs-download-xlsx")
MEETING_PARTS = frozenset(_MEETING)
ORGANISATION_PARTS = frozenset(_ORGANISATIONS)
PARTS = frozenset((*_EXPLORER, *_MEETING, *_STRATEGIES, *_ORGANISATIONS))
ITEM_KINDS = frozenset(("crumb", "similar", "compare-toggle", "compare-remove"))


def dom_id(component_id: dict | str) -> str:
    """The id attribute Dash gives the element of a dict id (its JSON with sorted keys, no spaces), for a label's
    ``html_for`` and for CSS selectors."""
    if isinstance(component_id, str):
        return component_id
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class PageIds:
    """The ids of one instance (``page`` is its ``aio_id``, the page's URL name, or ``MATCH`` in callbacks).

    ``component`` is the All-in-One component the page lays out; the meeting toolbar's parts are always the
    ``MeetingToolbar``'s, whichever page holds it."""

    page: Any
    component: str = EXPLORER

    def __call__(self, part: str) -> dict:
        if part not in PARTS:
            raise KeyError(f"No page part {part!r}; add it to components/ids.py PARTS.")
        component = (MEETING if part in MEETING_PARTS else ORGANISATIONS if part in ORGANISATION_PARTS
                     else self.component)
        return {"component": component, "subcomponent": part, "aio_id": self.page}

    def dom(self, part: str) -> str:
        """A part's id attribute in the page (for ``html_for``)."""
        return dom_id(self(part))

    def item(self, kind: str, index: Any) -> dict:
        """The id of one repeated item (a breadcrumb, a similar region, a compare button)."""
        if kind not in ITEM_KINDS:
            raise KeyError(f"No repeated item {kind!r}; add it to components/ids.py ITEM_KINDS.")
        return {"component": self.component, "subcomponent": kind, "aio_id": self.page, "index": index}

    def each(self, kind: str) -> dict:
        """Every repeated item of a kind, for a callback input."""
        return self.item(kind, ALL)


def page_ids(page: Any, component: str = EXPLORER) -> PageIds:
    return PageIds(page, component)


MATCHED = PageIds(MATCH)
"""The explorer's (and its meeting toolbar's) ids in callbacks: one callback serves every page's instance."""


def css(page: str, part: str, component: str = EXPLORER) -> str:
    """A CSS selector for a part of a page (tests and scripts)."""
    return "[id='" + page_ids(page, component).dom(part) + "']"
