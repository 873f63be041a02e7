"""The meeting pack (and a single view's PDF) as accessible HTML pages, A4 landscape: a cover, one page per view
(the map as a picture with a text alternative; title, legend, key figures, the presenter's note and the source line as
text that flows in its own column, so nothing is printed over anything else), and the sources and licences."""

from __future__ import annotations

from collections.abc import Sequence

from domain.classify import NO_DATA_COLOUR
from domain.i18n import gettext as _
from figures.document import bullet_list, document, esc, picture
from figures.static_map import ViewWords

PAGE = "A4 landscape"
LONG_NOTE = 240  # characters: a longer note goes under a smaller map, across the page, not down the side column
MARGIN = "10mm 12mm 14mm"
STYLE = """
.view h2{margin:0 0 .5mm;font-size:15pt}.view .sub{margin-bottom:2mm}
.body{display:flex;gap:5mm;align-items:flex-start}
.map{flex:none;width:186mm}.map img{width:186mm;height:auto}
.side{flex:1;min-width:0;overflow-wrap:anywhere}.side h3{margin-top:0}
.long-note .map,.long-note .map img{width:150mm}.long-note .note{margin-top:2mm}
.source{font-size:7.5pt;color:#4a5562;margin:2mm 0 0}
.cover h1{font-size:26pt;margin-top:30mm}
.text h2{font-size:15pt}
"""


def map_alt(words: ViewWords) -> str:
    """The map's text alternative: what it shows and its classes (the legend and figures are text beside it)."""
    classes = "; ".join(label for _colour, label in words.legend)
    return _("Map: %(title)s. %(subtitle)s. Classes (number of regions): %(classes)s.") % {
        "title": words.title, "subtitle": words.subtitle, "classes": classes}


def view_page(words: ViewWords, png: bytes, note: str = "") -> str:
    """One view: heading, then the map and, beside it in reading order, legend, key figures and note; the source
    line under both."""
    legend = "".join(
        f"<li><span class=\"swatch{' nodata' if colour == NO_DATA_COLOUR else ''}\" "
        f"style=\"background-color:{esc(colour)}\" aria-hidden=\"true\"></span><span>{esc(label)}</span></li>"
        for colour, label in words.legend)
    side = f"<h3>{esc(words.legend_title)}</h3><ul class=\"legend\">{legend}</ul>"
    if words.key_figures:
        first, *rest = words.key_figures
        side += (f"<div class=\"box\"><h3>{esc(first)}</h3>" + "".join(f"<p>{esc(line)}</p>" for line in rest)
                 + "</div>")
    noted = _("Note:")
    said = f"<p class=\"note\"><span class=\"muted\">{esc(noted)} </span>{esc(note)}</p>" if note else ""
    long_note = len(note) > LONG_NOTE
    if said and not long_note:
        side += said
    return (f"<section class=\"view page{' long-note' if long_note else ''}\"><header><h2>{esc(words.title)}</h2>"
            f"<p class=\"sub\">{esc(words.subtitle)}</p></header><div class=\"body\"><div class=\"map\">"
            f"{picture(png, map_alt(words))}</div><div class=\"side\">{side}</div></div>"
            f"{said if long_note else ''}<p class=\"source\">{esc(words.source_line)}</p></section>")


def text_page(heading: str, lines: Sequence[str]) -> str:
    """A view that is not drawn, or any page of plain lines."""
    return f"<section class=\"text page\"><h2>{esc(heading)}</h2>{bullet_list(lines)}</section>"


def cover_page(title: str, today: str, views: Sequence[str]) -> str:
    items = "".join(f"<li>{esc(view)}</li>" for view in views)
    prepared = _("Meeting pack prepared with Cluster Atlas, %(day)s") % {"day": today}
    every = _("Every map page names its source, licence and date; all citations and licences are on the last page.")
    boundaries = _("© EuroGeographics for the administrative boundaries. Source: Eurostat / GISCO.")
    return (f"<section class=\"cover page\"><h1>{esc(title)}</h1><p class=\"sub\">{esc(prepared)}</p><ol>{items}</ol>"
            f"<p>{esc(every)}</p><p>{esc(boundaries)}</p></section>")


def sources_page(sources: Sequence[tuple[str, str, str, str]]) -> str:
    """(title, citation, licence, official page) of every source the pack cites."""
    items = "".join(f"<li><strong>{esc(t)}</strong><br>" + "<br>".join(esc(line) for line in source_words(c, lic, url))
                    + "</li>" for t, c, lic, url in sources)
    heading = _("Sources and licences")
    return f"<section class=\"text page\"><h2>{esc(heading)}</h2><ul class=\"small\">{items}</ul></section>"


def source_words(citation: str, licence: str, url: str) -> list[str]:
    """How to cite a source and its licence (citation and licence as published, the words around them translated)."""
    return [_("Cite as: %(citation)s") % {"citation": citation}, _("Licence: %(licence)s") % {"licence": licence},
            *([_("Official page: %(url)s") % {"url": url}] if url else [])]


def pack_document(title: str, pages: Sequence[str]) -> str:
    return document(title, "".join(pages), page=PAGE, margin=MARGIN, extra_style=STYLE)
