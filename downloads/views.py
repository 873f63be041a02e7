"""The rows of a page's download, from the kind of view the page declares (``kinds``): a map page's rows are
``kinds.map.MAP.rows``, a Strategies page's ``kinds.strategy.STRATEGY.rows`` (both in ``kinds/rows.py``)."""

from __future__ import annotations

from data.layer import Layer
from domain.rows import COLUMNS
from kinds import kind_of
from kinds.rows import DownloadView

__all__ = ["COLUMNS", "DownloadView", "build_download_view"]


def build_download_view(page: str, query: dict, layer: Layer, base_url: str = "") -> DownloadView:
    """The download of `page` (a 400 ``InvalidChoice`` for a page without downloads) for its URL query."""
    return kind_of(page, "downloadable").rows(layer, page, query, base_url)
