"""The PowerPoint writer: real text, one picture per view slide, notes, sources (read back with python-pptx)."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation

from exports.deck import Deck, DeckSource, LegendEntry, SlideContent, _hex, build_deck


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1000), "#dde3ea").save(out, format="PNG")
    return out.getvalue()


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_deck_round_trip():
    views = [SlideContent(title=f"View {n}", subtitle="High-tech employment, % of total employment · NUTS 2 · 2018",
                          picture_png=_png(), legend_title="Legend (% of total employment)",
                          legend=[LegendEntry("#fde725", "0.5 – 1.2 (40)"), LegendEntry("rgb(68, 1, 84)", "No data (3)")],
                          key_figures=["Małopolskie (PL21)", "4.1 %", "99th of 219 EU NUTS 2 regions"],
                          source_line="Source: Eurostat htec_emp_reg2 (2018). Licence: CC BY 4.0.",
                          note=f"Speaker note {n}", link=f"https://atlas.example/technology?region=PL21&v={n}")
             for n in (1, 2)]
    text_only = SlideContent(title="Imported view", subtitle="not drawn", body=["This view is held in a browser."])
    data = build_deck(Deck("Recovery meeting", "Prepared with Cluster Atlas, 2026-11-30", [*views, text_only],
                           [DeckSource("Eurostat regional", "Eurostat (2021).", "CC BY 4.0", "https://ec.europa.eu/eurostat")]))
    prs = Presentation(io.BytesIO(data))
    slides = list(prs.slides)
    assert len(slides) == 1 + 3 + 1
    assert "Recovery meeting" in _texts(slides[0])
    for n, slide in enumerate(slides[1:3], start=1):
        text = _texts(slide)
        assert f"View {n}" in text and "NUTS 2 · 2018" in text and "99th of 219" in text and "htec_emp_reg2" in text
        assert "No data (3)" in text
        assert sum(shape.shape_type == 13 for shape in slide.shapes) == 1
        notes = slide.notes_slide.notes_text_frame.text
        assert f"Speaker note {n}" in notes and f"https://atlas.example/technology?region=PL21&v={n}" in notes
        picture = next(s for s in slide.shapes if s.shape_type == 13)
        assert picture.left + picture.width <= prs.slide_width and picture.top + picture.height <= prs.slide_height
    assert sum(shape.shape_type == 13 for shape in slides[3].shapes) == 0
    assert "held in a browser" in _texts(slides[3])
    assert "CC BY 4.0" in _texts(slides[-1]) and "Sources and licences" in _texts(slides[-1])


def test_hex_colours():
    assert _hex("#abc") == "AABBCC" and _hex("rgb(68, 1, 84)") == "440154" and _hex("nonsense") == "888888"
