"""The ids of a page's interactive parts, in one place.

``page_ids("technology")("map")`` is ``"technology-map"``; ``.each("crumb")`` and ``.item("crumb", code)`` are the
pattern-matching ids of repeated items. Layouts and callbacks ask this object instead of assembling id
strings, and a part missing from ``PARTS`` raises when the page's callbacks are registered (at import), so a
typo fails at start-up and in every test, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import ALL

from downloads.formats import FORMATS as DOWNLOAD_FORMATS
from exports.formats import FORMATS as EXPORT_FORMATS

_EXPLORER = ("indicator", "level", "year", "classes", "k", "palette", "eu", "search", "map", "legend", "grid", "tabs",
             "pane-map", "pane-table", "pane-compare", "compare", "notice", "present-title", "region", "compare-set",
             "drawn-level", "state", "url-sync", "imported", "imported-active", "pending", "file", "file-status",
             "controls-toggle", "controls-collapse", "provenance", "panel", "panel-card", "panel-close",
             "panel-title", "brief-link", "series", "similar-list", "compare-table", "download-menu", "download-csv-all",
             "hubs-show", "hubs-options", "hubs-technology", "hubs-intensity", "hubs-type", "hubs-legend",
             "hubs-download", "hubs-card", *(f"download-{fmt}" for fmt in DOWNLOAD_FORMATS))
_MEETING = ("copy-link", "copy-status", "present", "export-menu", "story-add-open", "story-title", "story-note",
            "story-add", "story-popover", *(f"export-{fmt}" for fmt in EXPORT_FORMATS))
_STRATEGIES = ("domain", "evidence", "eu-only", "per-country", "keyword", "priorities", "gap", "gap-container", "gap-download",
               "gap-download-xlsx", "gap-lists", "gap-map", "evidence-list", "partners", "partners-download",
               "region-priorities", "unmatched", "url-pushed")
_CLUSTERS = ("empty-state", "orgs", "orgs-list", "orgs-level", "orgs-sector", "orgs-legend", "orgs-detail", "orgs-download",
             "orgs-download-xlsx")
PARTS = frozenset((*_EXPLORER, *_MEETING, *_STRATEGIES, *_CLUSTERS))
ITEM_KINDS = frozenset(("crumb", "similar", "compare-toggle", "compare-remove"))


@dataclass(frozen=True)
class PageIds:
    """The ids of one page (``page`` is its URL name, e.g. ``technology``)."""

    page: str

    def __call__(self, part: str) -> str:
        if part not in PARTS:
            raise KeyError(f"No page part {part!r}; add it to components/ids.py PARTS.")
        return f"{self.page}-{part}"

    def item(self, kind: str, index: str) -> dict:
        """The id of one repeated item (a breadcrumb, a similar region, a compare button)."""
        if kind not in ITEM_KINDS:
            raise KeyError(f"No repeated item {kind!r}; add it to components/ids.py ITEM_KINDS.")
        return {"type": f"{self.page}-{kind}", "index": index}

    def each(self, kind: str) -> dict:
        """Every repeated item of a kind, for a callback input."""
        return self.item(kind, ALL)


def page_ids(page: str) -> PageIds:
    return PageIds(page)
