"""The Strategies kind: a smart-specialisation domain's evidence-score map of NUTS 2 regions, with a region's
partners.

* its URL query: ``parse`` (``domain.strategy.parse_strategy``; a notice is a bad parameter);
* its download (each region's evidence score): ``rows`` (``kinds.rows.build_strategy_download``);
* the meeting pack's PDF page and the PowerPoint slide picture: ``drawing``
  (``figures.strategy_static.strategy_picture``);
* its words: ``words`` (``figures.strategy_static.strategy_words``);
* its slide: ``slide`` (``figures.slides.strategy_slide``); it has no year slider.
"""

from __future__ import annotations

from data.layer import InvalidChoice, Layer
from domain.esif import REGIONAL as ESIF_INDICATOR
from domain.i18n import N_
from domain.strategy import parse_strategy
from figures.slides import strategy_slide
from figures.static_map import ViewWords, with_geometry
from figures.strategy_static import strategy_picture, strategy_words
from kinds.base import Drawing, Undrawn, ViewKind
from kinds.rows import DownloadView, build_strategy_download
from web.cache import normalised_query


class StrategyKind(ViewKind):
    """The evidence for one S3 domain, mapped over NUTS 2 regions."""

    name = "strategy"
    unreadable = N_("This Strategies view's link could not be read: %(reason)s")

    def parse(self, layer: Layer, page: str, query: dict) -> dict:
        strategy, notices = parse_strategy(query, layer)
        if notices:
            raise InvalidChoice("query", " ".join(notices), [])
        return strategy

    def rows(self, layer: Layer, page: str, query: dict, base_url: str = "") -> DownloadView:
        return build_strategy_download(page, query, layer, base_url)

    def drawing(self, layer: Layer, page: str, query: dict) -> Drawing | Undrawn:
        """The evidence-score map, the region's score and partners, the evidence and its sources."""
        strategy, notices = parse_strategy(query, layer)
        if notices:
            return Undrawn.unreadable(notices)
        sources = tuple(dict.fromkeys(layer.indicator(i)["source_id"] for i in strategy["evidence"]))
        if strategy["region"] and ESIF_INDICATOR in layer.by_indicator:
            sources += (layer.indicator(ESIF_INDICATOR)["source_id"],)
        return Drawing(picture=lambda width, height: with_geometry(layer, strategy_picture(layer, strategy, width=width,
                                                                                           height=height, lazy=True)),
                       words=lambda title: self.words(layer, strategy, title),
                       sources=sources, key=f"strategy:{normalised_query(strategy)}")

    def words(self, layer: Layer, view: dict, title: str | None = None) -> ViewWords:
        return strategy_words(layer, view, title)

    def slide(self, layer: Layer, view: dict) -> dict:
        return strategy_slide(layer, view)

    def years(self, layer: Layer, view: dict) -> list[int]:
        return []

    def elsewhere_slide(self, layer: Layer, query: dict) -> dict | None:
        return None


STRATEGY = StrategyKind()
