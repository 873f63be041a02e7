"""Slide text measured with the font's metrics: boxes hold their text, overflow goes to the speaker notes, a wrapping
legend title pushes its classes down (issue 30, item 2)."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from exports.deck import MORE, Deck, LegendEntry, SlideContent, build_deck, fit, text_height, text_width, wrapped


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1300, 1000), "#dde3ea").save(out, format="PNG")
    return out.getvalue()


def test_metrics_are_the_fonts_not_a_character_count():
    assert text_width("iiiiiiiiii", 12) < text_width("WWWWWWWWWW", 12) / 2
    assert abs(text_width("Noord-Brabant", 24) - 2 * text_width("Noord-Brabant", 12)) < 0.01
    lines = wrapped("Employment in high & medium-high technology manufacturing", 120, 12)
    assert len(lines) > 1 and all(text_width(line, 12) <= 120 for line in lines)


def test_fit_shrinks_then_moves_the_rest_to_the_notes():
    few = fit(["One line", "Two lines"], Inches(3), Inches(1), 13, 10)
    assert few.size == 13 and not few.moved
    many = [f"Partner {n}: a region with a rather long name (XX{n:02d}), fit 90" for n in range(40)]
    fitted = fit(many, Inches(3.5), Inches(3), 13, 10)
    assert fitted.size == 10 and fitted.shown[-1] == MORE and fitted.moved
    assert fitted.shown[:-1] + fitted.moved == many
    assert text_height(fitted.shown, Inches(3.5), 10) <= Inches(3)


def _boxes(slide) -> dict[str, list]:
    found: dict[str, list] = {}
    for shape in slide.shapes:
        found.setdefault(shape.name, []).append(shape)
    return found


def test_side_panel_fits_its_box_and_legend_title_never_covers_a_class():
    title = "Legend (applications per million inhabitants, three-year average, priority year)"
    content = SlideContent(
        title="A user's very long storyboard title that keeps going well past the width of one slide line",
        subtitle="Employment in high & medium-high technology manufacturing, 2018 · % of total employment · NUTS 2",
        picture_png=_png(), legend_title=title,
        legend=[LegendEntry("#440154", f"{n}.0 – {n + 1}.0 ({n * 10})") for n in range(6)],
        key_figures=["Małopolskie (PL21)"] + [f"Figure {n}: 4.60 % of total employment (Honti et al. 2020, 2018)"
                                               for n in range(30)],
        source_line="Source: " + "A very long citation. " * 30, note="Presenter's own note", link="http://x/v")
    data = build_deck(Deck("Pack", "Prepared", [content]))
    prs = Presentation(io.BytesIO(data))
    slide = list(prs.slides)[1]
    boxes = _boxes(slide)
    legend_title = boxes["Legend title"][0]
    first_class = min(boxes["Legend entry"], key=lambda s: s.top)
    assert first_class.top >= legend_title.top + legend_title.height
    key = boxes["Key figures"][0]
    source = boxes["Source"][0]
    assert key.top + key.height <= source.top and boxes["Map"][0].top + boxes["Map"][0].height <= source.top
    title, subtitle = boxes["Title"][0], boxes["Subtitle"][0]
    assert title.top + title.height <= subtitle.top
    for shape in slide.shapes:
        assert shape.top + shape.height <= prs.slide_height and shape.left + shape.width <= prs.slide_width
        if shape.has_text_frame and shape.text_frame.text.strip():
            size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
            lines = [p.text for p in shape.text_frame.paragraphs]
            assert text_height(lines, shape.width, size, bool(shape.text_frame.paragraphs[0].runs[0].font.bold)) \
                <= shape.height + 1
    notes = slide.notes_slide.notes_text_frame.text
    assert "Presenter's own note" in notes and "Figure 29" in notes and "http://x/v" in notes
    assert MORE in key.text_frame.text
