"""Editable slides: a PowerPoint deck whose text is real text (titles, legend, key figures, sources).

The map is the only picture on a view slide; everything a presenter may want to reword — the title
line, legend labels, key figures, the source line — is a text box, and the view's note and absolute
link go into the speaker notes. The same ``SlideContent`` that feeds the PDF pack feeds this writer,
so both files say the same thing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
MAP_WIDTH = Inches(8.6)
SIDE_LEFT = MARGIN + MAP_WIDTH + Inches(0.25)
SIDE_WIDTH = SLIDE_WIDTH - SIDE_LEFT - MARGIN
INK, MUTED, RULE = RGBColor(0x1D, 0x27, 0x33), RGBColor(0x4A, 0x55, 0x62), RGBColor(0xD0, 0xD5, 0xDB)
FONT = "Calibri"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str


@dataclass(frozen=True)
class SlideContent:
    """One storyboard view as words and one picture: what a slide or a pack page shows."""

    title: str
    subtitle: str
    picture_png: bytes | None = None
    legend_title: str = ""
    legend: Sequence[LegendEntry] = ()
    key_figures: Sequence[str] = ()
    body: Sequence[str] = ()
    source_line: str = ""
    note: str = ""
    link: str = ""


@dataclass(frozen=True)
class DeckSource:
    title: str
    citation: str
    licence: str
    url: str

    @classmethod
    def of(cls, source) -> DeckSource:
        """A registry ``Source`` as the closing slide names it."""
        return cls(source.title, source.citation, licence_text(source), source.landing_page)


def licence_text(source) -> str:
    """'CC BY 4.0 (https://…)', or the licence alone when it has no address (an imported list's declared one)."""
    return f"{source.licence} ({source.licence_url})" if source.licence_url else source.licence


@dataclass(frozen=True)
class Deck:
    title: str
    subtitle: str
    slides: Sequence[SlideContent]
    sources: Sequence[DeckSource] = field(default_factory=tuple)
    cover_note: str = "Sources and licences are on the last slide."


def build_deck(deck: Deck) -> bytes:
    """The .pptx file: cover, one slide per view, and a closing sources-and-licences slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    blank = prs.slide_layouts[6]
    _cover(prs.slides.add_slide(blank), deck)
    for content in deck.slides:
        _view_slide(prs.slides.add_slide(blank), content)
    _sources_slide(prs.slides.add_slide(blank), deck.sources)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text(slide, left, top, width, height, lines: Sequence[str], size: int = 14, bold_first: bool = False,
          colour: RGBColor = INK, name: str = ""):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for n, line in enumerate(lines or [""]):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = xml_safe(line)
        run.font.size, run.font.name, run.font.color.rgb = Pt(size), FONT, colour
        run.font.bold = bold_first and n == 0
    return box


def xml_safe(text: str) -> str:
    """Text as a slide can hold it: users' titles, notes and imported lists' provenance may carry control
    characters, which XML (and so python-pptx) refuses; they are dropped, tabs and line breaks become spaces."""
    return CONTROL.sub("", str(text).replace("\t", " ").replace("\r", " ").replace("\v", " "))


def _cover(slide, deck: Deck) -> None:
    _text(slide, MARGIN, Inches(2.4), SLIDE_WIDTH - 2 * MARGIN, Inches(1.2), [deck.title], size=40, bold_first=True,
          name="Title")
    _text(slide, MARGIN, Inches(3.7), SLIDE_WIDTH - 2 * MARGIN, Inches(1.5),
          [deck.subtitle, deck.cover_note],
          size=18, colour=MUTED, name="Subtitle")


def _view_slide(slide, content: SlideContent) -> None:
    _text(slide, MARGIN, Inches(0.25), SLIDE_WIDTH - 2 * MARGIN, Inches(0.6), [content.title], size=26,
          bold_first=True, name="Title")
    _text(slide, MARGIN, Inches(0.85), SLIDE_WIDTH - 2 * MARGIN, Inches(0.4), [content.subtitle], size=14,
          colour=MUTED, name="Subtitle")
    top, bottom = Inches(1.35), SLIDE_HEIGHT - Inches(0.75)
    if content.picture_png:
        _picture(slide, content.picture_png, MARGIN, top, MAP_WIDTH, bottom - top)
    side_top = top
    if content.legend:
        side_top = _legend(slide, content, side_top)
    if content.key_figures:
        box = _text(slide, SIDE_LEFT, side_top, SIDE_WIDTH, Inches(2.2), list(content.key_figures), size=13,
                    bold_first=True, name="Key figures")
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xF8, 0xF9, 0xFA)
        box.line.color.rgb = RULE
        side_top += Inches(2.35)
    if content.body:
        left, width = (SIDE_LEFT, SIDE_WIDTH) if content.picture_png else (MARGIN, SLIDE_WIDTH - 2 * MARGIN)
        _text(slide, left, side_top if content.picture_png else top, width, bottom - side_top, list(content.body),
              size=13 if len(content.body) <= 14 else 10, name="Text")
    if content.source_line:
        _text(slide, MARGIN, SLIDE_HEIGHT - Inches(0.7), SLIDE_WIDTH - 2 * MARGIN, Inches(0.6), [content.source_line],
              size=9, colour=MUTED, name="Source")
    notes = slide.notes_slide.notes_text_frame
    notes.text = xml_safe("\n".join(part for part in (content.note, f"Open this view: {content.link}" if content.link else "") if part))


def _picture(slide, png: bytes, left: Emu, top: Emu, width: Emu, height: Emu) -> None:
    """The map, scaled to fit the box without distortion."""
    picture = slide.shapes.add_picture(io.BytesIO(png), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.name = "Map"


def _legend(slide, content: SlideContent, top: Emu) -> Emu:
    _text(slide, SIDE_LEFT, top, SIDE_WIDTH, Inches(0.35), [content.legend_title or "Legend"], size=13, bold_first=True,
          name="Legend title")
    y = top + Inches(0.4)
    for entry in content.legend:
        swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, SIDE_LEFT, y + Inches(0.04), Inches(0.28), Inches(0.2))
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = RGBColor.from_string(_hex(entry.colour))
        swatch.line.color.rgb = RGBColor(0x55, 0x55, 0x55)
        box = _text(slide, SIDE_LEFT + Inches(0.38), y, SIDE_WIDTH - Inches(0.38), Inches(0.28), [entry.label], size=12,
                    name="Legend entry")
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        y += Inches(0.3)
    return y + Inches(0.15)


def _hex(colour: str) -> str:
    """'#a1b2c3', '#abc' or 'rgb(1, 2, 3)' → 'A1B2C3' (grey for anything else)."""
    text = (colour or "").strip().lower()
    if text.startswith("rgb"):
        parts = [int(float(p)) for p in text[text.index("(") + 1:text.index(")")].split(",")[:3]]
        return "".join(f"{max(0, min(p, 255)):02X}" for p in parts)
    text = text.lstrip("#")
    if len(text) == 3:
        text = "".join(ch * 2 for ch in text)
    return text.upper() if len(text) == 6 and all(ch in "0123456789abcdef" for ch in text) else "888888"


def _sources_slide(slide, sources: Sequence[DeckSource]) -> None:
    _text(slide, MARGIN, Inches(0.3), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7), ["Sources and licences"], size=28,
          bold_first=True, name="Title")
    lines: list[str] = []
    for s in sources:
        lines += [s.title, f"Cite as: {s.citation}", f"Licence: {s.licence}",
                  *([f"Official page: {s.url}"] if s.url else []), ""]
    _text(slide, MARGIN, Inches(1.1), SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - Inches(1.5), lines, size=12,
          name="Sources")
