"""The region brief as files: a tagged A4 PDF printed from its HTML, and slides a presenter can show (the region on
a map of its country, each chart as a picture of the same HTML the PDF prints, a few short editable lines, the full
words in the speaker notes)."""

from __future__ import annotations

from functools import partial

from data.layer import Layer
from domain.brief import RegionBrief, region_brief
from domain.formatting import format_day
from domain.i18n import current_language
from domain.i18n import gettext as _
from exports.deck import Deck, DeckSource, SlideContent, build_deck
from exports.html_print import html_pictures, print_pdf
from exports.render import render_with
from figures.brief_pages import (
    brief_document,
    brief_footer,
    brief_sections,
    brief_title,
    identity_lines,
    identity_short,
    locator_label,
    locator_map,
    slide_charts_document,
    subtitle,
)
from figures.document import footer_template
from figures.static_map import with_geometry

SLIDE_CHART_WIDTH = 840


def _brief_and_locator(layer: Layer, code: str) -> tuple[RegionBrief, bytes]:
    """The brief's data, gathered while Chromium starts, and its locator map (PNG)."""
    pictures, brief = render_with(lambda found: [partial(lambda b: with_geometry(layer, locator_map(layer, b)), found)],
                                  "png", alongside=lambda: region_brief(layer, code))
    return brief, pictures[0]


def brief_pdf(layer: Layer, code: str, link: str) -> bytes:
    """The brief as a tagged A4 PDF with its title and language."""
    brief, locator = _brief_and_locator(layer, code)
    return print_pdf(brief_document(layer, brief, locator), brief_title(brief), lang=current_language(),
                     footer=footer_template(brief_footer(link)))


def brief_pptx(layer: Layer, code: str, link: str) -> bytes:
    """The brief as slides (see brief_deck)."""
    brief, locator = _brief_and_locator(layer, code)
    charts, keys = slide_charts_document(layer, brief)
    pictures = dict(zip(keys, html_pictures(charts, ".slide-chart", SLIDE_CHART_WIDTH))) if keys else {}
    return build_deck(brief_deck(layer, brief, link, locator, pictures))


def brief_deck(layer: Layer, brief: RegionBrief, link: str, locator: bytes | None = None,
               charts: dict[tuple[str, int], bytes] | None = None) -> Deck:
    """Cover; the region on its map with its identity figures; one slide per brief section (its chart as a picture,
    a few lines beside it, the section's every line in the speaker notes); sources on the closing slide."""
    charts = charts or {}
    head = f"{brief.name} ({brief.nuts_id})"
    slides = [SlideContent(title=head, subtitle=subtitle(brief), picture_png=locator, picture_alt=locator_label(brief),
                           key_figures=[_("Identity"), *identity_short(brief)],
                           source_line=_("Sources: %(sources)s. © EuroGeographics for the administrative boundaries.")
                           % {"sources": "; ".join(sorted({f.source for f in brief.identity}))},
                           note="\n".join(identity_lines(brief) + [""] + brief.notes), link=link)]
    for section in brief_sections(layer, brief):
        parts = [charts[key] for key in sorted(k for k in charts if k[0] == section.key)] or [None]
        for n, part in enumerate(parts):
            heading = (_("%(heading)s (%(part)s of %(parts)s)") % {"heading": section.heading, "part": n + 1,
                                                                    "parts": len(parts)}
                       if len(parts) > 1 else section.heading)
            slides.append(SlideContent(
                title=f"{brief.name}: {heading}", subtitle=section.slide_subtitle, picture_png=part,
                picture_alt=f"{heading}: {section.chart.caption}" if section.chart else section.heading,
                body=list(section.slide_lines) if n == 0 else [], note="\n".join(section.notes) if n == 0 else
                _("The full lines of this chart are in the speaker notes of its first slide."), link=link))
    sources = [DeckSource.of(layer.sources[i]) for i in brief.source_ids]
    return Deck(title=brief_title(brief), subtitle=_("Prepared with Cluster Atlas, %(day)s") % {"day": format_day()},
                slides=slides, sources=sources)
