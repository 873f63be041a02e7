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
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from domain.i18n import N_, current_language
from domain.i18n import gettext as _

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
MAP_WIDTH = Inches(8.6)
SIDE_LEFT = MARGIN + MAP_WIDTH + Inches(0.25)
SIDE_WIDTH = SLIDE_WIDTH - SIDE_LEFT - MARGIN
INK, MUTED, RULE = RGBColor(0x1D, 0x27, 0x33), RGBColor(0x4A, 0x55, 0x62), RGBColor(0xD0, 0xD5, 0xDB)
FONT = "Arial"  # on every presenter's machine; LibreOffice shows it as Liberation Sans, which has its metrics
METRIC_FONTS = {False: ("LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"),
                True: ("LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf")}
FONT_FOLDERS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
                "/usr/share/fonts/truetype/msttcorefonts", "/Library/Fonts", "C:/Windows/Fonts")
METRIC_SIZE = 200
LINE_SPACING = 1.2
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)
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
    picture_alt: str = ""


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
    cover_note: str = ""  # default: "Sources and licences are on the last slide." in the reader's language


def build_deck(deck: Deck) -> bytes:
    """The .pptx file: cover, one slide per view, and closing sources-and-licences slides."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    prs.core_properties.language = language_tag()
    prs.core_properties.title = xml_safe(deck.title)
    blank = prs.slide_layouts[6]
    _cover(prs.slides.add_slide(blank), deck)
    for content in deck.slides:
        _view_slide(prs.slides.add_slide(blank), content)
    for n, part in enumerate(_source_parts(deck.sources)):
        _sources_slide(prs.slides.add_slide(blank), part, n)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@lru_cache(maxsize=4)
def _face(bold: bool) -> ImageFont.FreeTypeFont | None:
    """The metrics of the slides' font: Liberation Sans has Arial's advance widths (it is what LibreOffice shows
    for Arial); None when it is not installed (a conservative estimate is used instead)."""
    for name in METRIC_FONTS[bold]:
        for folder in FONT_FOLDERS:
            path = Path(folder) / name
            if path.is_file():
                return ImageFont.truetype(str(path), METRIC_SIZE)
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in the slides' font at `size` points."""
    face = _face(bold)
    if face is None:
        return len(text) * size * 0.62
    return face.getlength(text) * size / METRIC_SIZE


def wrapped(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """`text` broken into the lines a text box `width` points wide shows (at word boundaries; a word wider than the
    box broken where it must)."""
    lines, line = [], ""
    for word in xml_safe(text).split(" "):
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while text_width(word, size, bold) > width and len(word) > 1:
            cut = max(1, next((n for n in range(len(word), 0, -1) if text_width(word[:n], size, bold) <= width), 1))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def text_height(lines: Sequence[str], width: Emu, size: float, bold_first: bool = False) -> Emu:
    """The height a text box `width` wide needs to show `lines` at `size` points (insets included)."""
    inner = (width - 2 * INSET_X) / 12700
    count = sum(len(wrapped(line, inner, size, bold_first and n == 0)) for n, line in enumerate(lines or [""]))
    return Emu(int(count * size * LINE_SPACING * 12700) + 2 * INSET_Y)


@dataclass(frozen=True)
class Fitted:
    """Lines as they fit a box: the size they are set at, the lines shown and those moved to the speaker notes."""

    size: int
    shown: list[str]
    moved: list[str]


MORE = N_("… more in the speaker notes")  # shown translated: more_words()
# The region a deck's language tag names (PowerPoint's spell check and screen readers read it per run).
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "de": "de-DE", "es": "es-ES", "it": "it-IT", "pl": "pl-PL"}


def language_tag() -> str:
    return LANGUAGE_TAGS.get(current_language(), current_language())


def more_words() -> str:
    return _(MORE)


def fit(lines: Sequence[str], width: Emu, height: Emu, size: int, smallest: int,
        bold_first: bool = False) -> Fitted:
    """The largest size from `size` down to `smallest` at which `lines` fit `width` × `height`; at `smallest`, the
    first lines that fit with a last line saying the rest is in the speaker notes."""
    lines = list(lines)
    for points in range(size, smallest - 1, -1):
        if text_height(lines, width, points, bold_first) <= height:
            return Fitted(points, lines, [])
    for keep in range(len(lines) - 1, -1, -1):
        if text_height([*lines[:keep], more_words()], width, smallest, bold_first) <= height:
            return Fitted(smallest, [*lines[:keep], more_words()], lines[keep:])
    return Fitted(smallest, [], lines)


def _text(slide, left, top, width, height, lines: Sequence[str], size: int = 14, bold_first: bool = False,
          colour: RGBColor = INK, name: str = ""):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for n, line in enumerate(lines or [""]):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.line_spacing = Pt(size * LINE_SPACING)  # exact: PowerPoint and LibreOffice agree with fit()
        run = paragraph.add_run()
        run.text = xml_safe(line)
        run.font.size, run.font.name, run.font.color.rgb = Pt(size), FONT, colour
        run.font.bold = bold_first and n == 0
        run._r.get_or_add_rPr().set("lang", language_tag())
    return box


def _fitted_text(slide, left, top, width, height, lines: Sequence[str], size: int, smallest: int,
                 bold_first: bool = False, colour: RGBColor = INK, name: str = "") -> tuple[Emu, list[str]]:
    """A text box whose lines fit it (shrunk, or the rest moved to the notes), as tall as its text needs: the
    bottom it reaches and the lines moved."""
    fitted = fit(lines, width, height, size, smallest, bold_first)
    used = min(text_height(fitted.shown, width, fitted.size, bold_first), height)
    if fitted.shown:
        _text(slide, left, top, width, used, fitted.shown, fitted.size, bold_first, colour, name)
    return Emu(top + used), fitted.moved


def xml_safe(text: str) -> str:
    """Text as a slide can hold it: users' titles, notes and imported lists' provenance may carry control
    characters, which XML (and so python-pptx) refuses; they are dropped, tabs and line breaks become spaces."""
    return CONTROL.sub("", str(text).replace("\t", " ").replace("\r", " ").replace("\v", " ").replace("\n", " "))


def _cover(slide, deck: Deck) -> None:
    width = SLIDE_WIDTH - 2 * MARGIN
    bottom, _moved = _fitted_text(slide, MARGIN, Inches(2.2), width, Inches(2.0), [deck.title], 40, 24, True, name="Title")
    _fitted_text(slide, MARGIN, bottom + Inches(0.2), width, Inches(1.6), [deck.subtitle, deck.cover_note or _("Sources and licences are on the last slide.")], 18, 12,
                 colour=MUTED, name="Subtitle")


def _heading(slide, content: SlideContent) -> Emu:
    """Title and subtitle, each shrunk to fit (a long user title takes two lines, never over the subtitle)."""
    width = SLIDE_WIDTH - 2 * MARGIN
    bottom, _moved = _fitted_text(slide, MARGIN, Inches(0.2), width, Inches(0.95), [content.title], 26, 16, True,
                             name="Title")
    bottom, _moved = _fitted_text(slide, MARGIN, bottom, width, Inches(0.6), [content.subtitle], 14, 10, colour=MUTED,
                                name="Subtitle")
    return Emu(max(bottom + Inches(0.1), Inches(1.25)))


def _view_slide(slide, content: SlideContent) -> None:
    top = _heading(slide, content)
    moved: list[str] = []
    bottom = SLIDE_HEIGHT - Inches(0.2)
    if content.source_line:
        width = SLIDE_WIDTH - 2 * MARGIN
        fitted = fit([content.source_line], width, Inches(0.75), 10, 7)
        height = text_height(fitted.shown, width, fitted.size)
        bottom = Emu(SLIDE_HEIGHT - Inches(0.15) - height)
        _text(slide, MARGIN, bottom, width, height, fitted.shown, fitted.size, colour=MUTED, name="Source")
        moved += fitted.moved
        bottom = Emu(bottom - Inches(0.1))
    if content.picture_png:
        _picture(slide, content.picture_png, MARGIN, top, MAP_WIDTH, bottom - top, content.picture_alt)
    side_top = top
    if content.legend:
        side_top = _legend(slide, content, side_top)
    left, width = (SIDE_LEFT, SIDE_WIDTH) if content.picture_png else (MARGIN, SLIDE_WIDTH - 2 * MARGIN)
    if content.key_figures:
        room = min(Inches(3.2), bottom - side_top) if content.body else bottom - side_top
        fitted = fit(list(content.key_figures), width, room, 13, 11, bold_first=True)
        height = text_height(fitted.shown, width, fitted.size, True)
        box = _text(slide, left, side_top, width, height, fitted.shown, fitted.size, bold_first=True,
                    name="Key figures")
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0xF8, 0xF9, 0xFA)
        box.line.color.rgb = RULE
        moved += fitted.moved
        side_top = Emu(side_top + height + Inches(0.15))
    if content.body and bottom > side_top:
        _bottom, more = _fitted_text(slide, left, side_top, width, bottom - side_top, list(content.body), 14, 10,
                               name="Text")
        moved += more
    elif content.body:
        moved += list(content.body)
    notes = slide.notes_slide.notes_text_frame
    parts = [content.note, "\n".join(moved) if moved else "", _("Open this view: %(link)s") % {"link": content.link} if content.link else ""]
    notes.text = xml_safe_lines("\n\n".join(part for part in parts if part))


def xml_safe_lines(text: str) -> str:
    """xml_safe() for text whose line breaks are meant (speaker notes)."""
    return "\n".join(xml_safe(line) for line in str(text).split("\n"))


def _picture(slide, png: bytes, left: Emu, top: Emu, width: Emu, height: Emu, alt: str = "") -> None:
    """The map (or chart), scaled to fit the box without distortion, with its text alternative."""
    picture = slide.shapes.add_picture(io.BytesIO(png), left, top)
    scale = min(width / picture.width, height / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.name = "Map"
    if alt:
        picture._element.nvPicPr.cNvPr.set("descr", xml_safe(alt))


def _legend(slide, content: SlideContent, top: Emu) -> Emu:
    """Legend title (wrapped as it must, the classes below it, never over it), then one row per class."""
    title = content.legend_title or _("Legend")
    y, _moved = _fitted_text(slide, SIDE_LEFT, top, SIDE_WIDTH, Inches(0.9), [title], 13, 10, True, name="Legend title")
    y = Emu(y + Inches(0.05))
    label_left, label_width = SIDE_LEFT + Inches(0.38), SIDE_WIDTH - Inches(0.38)
    for entry in content.legend:
        height = max(text_height([entry.label], label_width, 12), Inches(0.28))
        swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, SIDE_LEFT, y + Inches(0.04), Inches(0.28), Inches(0.2))
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = RGBColor.from_string(_hex(entry.colour))
        swatch.line.color.rgb = RGBColor(0x55, 0x55, 0x55)
        box = _text(slide, label_left, y, label_width, height, [entry.label], size=12, name="Legend entry")
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        y = Emu(y + height + Inches(0.02))
    return Emu(y + Inches(0.15))


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


SOURCES_SIZE = 11
SOURCES_TOP = Inches(1.1)


def _source_lines(source: DeckSource) -> list[str]:
    return [source.title, _("Cite as: %(citation)s") % {"citation": source.citation},
            _("Licence: %(licence)s") % {"licence": source.licence},
            *([_("Official page: %(url)s") % {"url": source.url}] if source.url else []), ""]


def _source_parts(sources: Sequence[DeckSource]) -> list[list[DeckSource]]:
    """The sources split over as many closing slides as they need at a readable size (licences stay on slides)."""
    width, room = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - SOURCES_TOP - Inches(0.3)
    parts: list[list[DeckSource]] = [[]]
    for source in sources:
        candidate = parts[-1] + [source]
        lines = [line for s in candidate for line in _source_lines(s)]
        if parts[-1] and text_height(lines, width, SOURCES_SIZE) > room:
            parts.append([source])
        else:
            parts[-1] = candidate
    return parts


def _sources_slide(slide, sources: Sequence[DeckSource], part: int = 0) -> None:
    _text(slide, MARGIN, Inches(0.3), SLIDE_WIDTH - 2 * MARGIN, Inches(0.7),
          [_("Sources and licences (continued, %(part)s)") % {"part": part + 1} if part else _("Sources and licences")],
          size=28, bold_first=True,
          name="Title")
    lines = [line for s in sources for line in _source_lines(s)]
    width, room = SLIDE_WIDTH - 2 * MARGIN, SLIDE_HEIGHT - SOURCES_TOP - Inches(0.3)
    _bottom, moved = _fitted_text(slide, MARGIN, SOURCES_TOP, width, room, lines, SOURCES_SIZE, 8, name="Sources")
    if moved:
        slide.notes_slide.notes_text_frame.text = xml_safe_lines("\n".join(moved))
