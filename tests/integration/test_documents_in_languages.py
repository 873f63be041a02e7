"""Issue 28: a region brief and a meeting pack in Polish (and German, whose long words test the layout) read back
as their reader meets them: Polish headings, Polish numbers (a no-break space between thousands, a decimal comma),
Polish ranks; the PDF's language tag and ``<html lang>``; A4, no word over another, none off the page; every
slide's text inside its box."""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata

import pdfplumber
import pytest
from pptx import Presentation
from pypdf import PdfReader

from domain.brief import region_brief
from domain.formatting import format_value
from domain.i18n import use_language
from exports.brief_deck import brief_pdf
from exports.pack import build_pack, build_pack_deck, parse_storyboard
from tests.integration.test_briefs_and_slides import VIEWS
from tests.integration.test_documents_read_back import (
    A4,
    TOLERANCE,
    _slides_fit_their_boxes,
    _soffice,
    assert_readable,
    overlapping_words,
    words_off_page,
)

LINK = "http://localhost/brief/PL21"
ENGLISH_HEADINGS = ("Technology and innovation profile", "Top specialisations", "S3 evidence by domain",
                    "Technology centres in this region", "Data notes", "Sources and licences", "Identity")
POLISH_HEADINGS = ("Profil technologiczny i innowacyjny", "Główne specjalizacje", "Dowody S3 według dziedzin",
                   "Ośrodki technologiczne w tym regionie", "Uwagi o danych", "Źródła i licencje", "Charakterystyka")


def _plain(text: str) -> str:
    """Text with every kind of space as one space (pdftotext and python-pptx keep no-break spaces as they are)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", unicodedata.normalize("NFC", text).replace("\u2011", "-")).strip()


@pytest.fixture(scope="module")
def files(client, layer) -> dict[str, bytes]:
    board = parse_storyboard(json.dumps({"title": "Spotkanie w Krakowie", "views": VIEWS}))
    with client.application.app_context():
        with use_language("pl"):
            made = {"pl-brief.pdf": brief_pdf(layer, "PL21", LINK),
                    "pl-pack.pptx": build_pack_deck(layer, board, "http://localhost")}
        with use_language("de"):
            made |= {"de-brief.pdf": brief_pdf(layer, "DE21", "http://localhost/brief/DE21"),
                     "de-pack.pdf": build_pack(layer, board)}
    return made


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_polish_brief_has_polish_headings_and_no_english_ones(files):
    text = _plain(_text(files["pl-brief.pdf"]))
    for heading in POLISH_HEADINGS:
        assert heading in text, heading
    for heading in ENGLISH_HEADINGS:
        assert heading not in text, heading
    assert "strona 1 z" in text  # the running footer
    reader = PdfReader(io.BytesIO(files["pl-brief.pdf"]))
    assert str(reader.trailer["/Root"]["/Lang"]) == "pl"
    assert reader.metadata.title == "Karta regionu: Małopolskie (PL21)"


def test_polish_brief_writes_numbers_and_ranks_the_polish_way(files, layer):
    raw = _text(files["pl-brief.pdf"])
    text = _plain(raw)
    with use_language("pl"):
        brief = region_brief(layer, "PL21")
        population = next(f for f in brief.identity if f.indicator_id == "population")
        written = format_value(population.value, population.unit)
        assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})+( \S.*)?", written), written  # no-break space between thousands
        assert _plain(written) in text
        percent = next(f for f in brief.identity if f.unit.startswith("%") and f.value is not None)
        share = format_value(percent.value, percent.unit)
        assert "," in share and _plain(share) in text  # decimal comma
    assert re.search(r"\d,\d", text) and re.search(r"\d+\. z \d+ regionów NUTS 2 UE-27", text)
    assert not re.search(r"\d+(st|nd|rd|th) of \d+", text)
    with pdfplumber.open(io.BytesIO(files["pl-brief.pdf"])) as doc:
        chars = "".join(c["text"] for page in doc.pages for c in page.chars)
    assert re.search(r"\d[\u00a0 ]\d{3}", chars)


@pytest.mark.parametrize("name", ["pl-brief.pdf", "de-brief.pdf", "de-pack.pdf"])
def test_translated_pdfs_stay_a4_with_no_word_over_another_nor_off_the_page(files, name):
    landscape = name.endswith("pack.pdf")
    for page in PdfReader(io.BytesIO(files[name])).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        expected = (A4[1], A4[0]) if landscape else A4
        assert abs(width - expected[0]) < TOLERANCE and abs(height - expected[1]) < TOLERANCE, (name, width, height)
    with pdfplumber.open(io.BytesIO(files[name])) as doc:
        for n, page in enumerate(doc.pages, start=1):
            assert not overlapping_words(page), (name, n, overlapping_words(page)[:8])
            assert not words_off_page(page), (name, n, words_off_page(page)[:8])


def test_german_documents_are_german(files):
    brief = _plain(_text(files["de-brief.pdf"]))
    assert "Technologie- und Innovationsprofil" in brief and "Quellen und Lizenzen" in brief
    assert re.search(r"\d+\. von \d+ EU27-NUTS-2-?Regionen", brief)  # pdftotext drops a hyphen at a line end
    pack = _plain(_text(files["de-pack.pdf"]))
    assert "Sitzungsunterlagen, erstellt mit Cluster Atlas" in pack and "Legende (" in pack
    assert str(PdfReader(io.BytesIO(files["de-pack.pdf"])).trailer["/Root"]["/Lang"]) == "de"


def test_polish_pack_slides_are_polish(files):
    prs = Presentation(io.BytesIO(files["pl-pack.pptx"]))
    assert prs.core_properties.language == "pl-PL"
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in prs.slides]
    text = _plain("\n".join(slides))
    assert "Przygotowano w Cluster Atlas" in slides[0] and "widoków; źródła i licencje na ostatnim slajdzie" in text
    assert "Legenda (" in text and "Brak danych" in text and "Źródła i licencje" in text
    assert "Legend (" not in text and "Sources and licences" not in text and "No data" not in text
    assert re.search(r"\d+\. z \d+ regionów NUTS 2 UE-27", text)  # a Polish rank in the key figures
    assert re.search(r"\d,\d", text)
    langs = {run._r.get_or_add_rPr().get("lang") for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs}
    assert langs == {"pl-PL"}
    notes = prs.slides[1].notes_slide.notes_text_frame.text
    assert "Otwórz ten widok: http://localhost/technology" in notes


def test_polish_pack_slides_fit_their_boxes(files):
    _slides_fit_their_boxes(files["pl-pack.pptx"], "pl-pack.pptx")


def test_polish_pack_slides_rendered_by_libreoffice_have_no_overlap(files, tmp_path):
    if not _soffice():
        pytest.skip("LibreOffice is not installed (make system-deps): slides are checked by font metrics only")
    source = tmp_path / "pl-pack.pptx"
    source.write_bytes(files["pl-pack.pptx"])
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], capture_output=True, check=True, timeout=240)
    assert_readable((tmp_path / "pl-pack.pdf").read_bytes(), "pl-pack.pptx")
