"""Issue 18: the storyboard as an editable PowerPoint and the region brief (page, PDF, PowerPoint), read back."""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata

import dash
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from domain.formatting import format_value

VIEWS = [
    {"url": "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21", "title": "",
     "note": "High-tech manufacturing in the south"},
    {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "AI uptake by country", "note": "DESI"},
    {"url": "/clusters?indicator=lq_emp_kis&level=2&region=DE21", "title": "", "note": "Knowledge services"},
    {"url": "/technology?indicator=gdp_per_inhabitant&level=2&year=2018", "title": "", "note": "Context"},
    {"url": "/technology?indicator=epo_patent_applications_per_million&level=3&year=2012", "title": "", "note": ""},
    {"url": "/strategies?domain=digital_ai&region=PL21", "title": "Digital and AI", "note": "Partners"},
]


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _squash(text: str) -> str:
    """Text as read: PDF ligatures (ﬁ) unfolded, thin spaces and line breaks as single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u202f", " ")).strip()


def test_six_view_storyboard_as_editable_pptx(client, layer):
    board = {"title": "Recovery planning, Kraków", "views": VIEWS}
    response = client.post("/export/pack.pptx", data={"storyboard": json.dumps(board)},
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype.endswith("presentationml.presentation")
    slides = list(Presentation(io.BytesIO(response.data)).slides)
    assert len(slides) >= 1 + len(VIEWS) + 1, "cover, one slide per view, sources (continued when long)"
    assert all("Sources and licences" in _texts(slide) for slide in slides[1 + len(VIEWS):])
    assert "Recovery planning, Kraków" in _texts(slides[0])
    drawn = slides[1:7]
    for slide in drawn:
        assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes) == 1
        assert "Source:" in _texts(slide) and "Licence" in _texts(slide)
        assert "Open this view: http://localhost/" in slide.notes_slide.notes_text_frame.text
    first = _texts(drawn[0])
    label = layer.indicator("emp_hightech_medhightech_manuf")["label"]
    assert label in first and "NUTS 2" in first and "Małopolskie (PL21)" in first
    assert "High-tech manufacturing in the south" in drawn[0].notes_slide.notes_text_frame.text
    assert "AI uptake by country" in _texts(drawn[1])
    strategy = _texts(drawn[5])
    assert "Digital and AI" in strategy and "Evidence score" in strategy and "Partners by fit" in strategy
    sources = " ".join(_texts(slide) for slide in slides[1 + len(VIEWS):])
    assert "Sources and licences" in sources and "DESI" in sources and "CC BY 4.0" in sources


def test_pptx_pack_refuses_bad_input(client):
    assert client.get("/export/pack.pptx?story=").status_code == 400
    assert client.get("/export/pack.docx?story=W10").status_code == 400


def test_region_brief_pdf_numbers_equal_the_api(client, layer):
    response = client.get("/export/brief/PL21.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _squash(subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True,
                                  check=True).stdout.decode("utf-8"))
    assert "Małopolskie (PL21)" in text
    with_year = re.findall(r"\d[\d ,.]*\s*(?:%|[A-Za-z]).{0,60}?\b(?:19|20)\d\d\b", text)
    assert len(with_year) >= 10
    for indicator, level, year in (("population", 2, 2019), ("gdp_per_inhabitant", 2, 2018),
                                   ("emp_hightech_medhightech_manuf", 2, 2018), ("unemployment_rate", 2, 2019)):
        served = client.get(f"/api/values?indicator={indicator}&level={level}&year={year}").get_json()
        value = next(v["value"] for v in served["values"] if v["nuts_id"] == "PL21")
        shown = _squash(f"{format_value(value, served['indicators'][0]['unit'])}, {year}")
        assert shown in text, (indicator, shown)
    assert "EDIH" in text and "Sources and licences" in text


def test_region_brief_pptx_and_bad_codes(client):
    response = client.get("/export/brief/DE212.pptx")
    assert response.status_code == 200
    slides = list(Presentation(io.BytesIO(response.data)).slides)
    assert len(slides) >= 5
    assert "München" in _texts(slides[1]) and "Sources and licences" in _texts(slides[-1])
    assert client.get("/export/brief/XX999.pdf").status_code == 404
    assert client.get("/export/brief/not-a-code.pdf").status_code == 400
    assert client.get("/export/brief/PL21.docx").status_code == 400


def test_brief_page_and_older_codes(client):
    page = next(p for p in dash.page_registry.values() if p["module"] == "pages.brief")
    body = json.dumps(page["layout"](nuts_id="PL21").to_plotly_json(), default=str, ensure_ascii=False)
    assert "Region brief: Małopolskie (PL21)" in body and "/export/brief/PL21.pptx" in body
    older = json.dumps(page["layout"](nuts_id="FR21").to_plotly_json(), default=str, ensure_ascii=False)
    assert "FRF2" in older and "older NUTS code" in older
    unknown = json.dumps(page["layout"](nuts_id="ZZ99").to_plotly_json(), default=str)
    assert "brief-error" in unknown


def test_pdf_pack_draws_a_strategies_view(client):
    board = {"title": "S3 check", "views": [VIEWS[-1]]}
    response = client.post("/export/pack.pdf", data={"storyboard": json.dumps(board)},
                           headers={"Origin": "http://localhost"})
    assert response.status_code == 200
    text = _squash(subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True,
                                  check=True).stdout.decode("utf-8"))
    assert "Digital and AI" in text and re.search(r"Evidence score: \d+ / 100", text) and "Partners by fit" in text
    assert "not drawn" not in text


def test_a_change_view_in_the_pack_and_the_slides(client):
    """A 'change 2010→2018' view of a storyboard: the PDF page and the slide say the change, both years and the
    region's values (#29)."""
    view = {"url": "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&from=2010&region=PL21",
            "title": "High-tech employment, change 2010→2018", "note": ""}
    board = {"title": "Change over time", "views": [view]}
    pdf = client.post("/export/pack.pdf", data={"storyboard": json.dumps(board)}, headers={"Origin": "http://localhost"})
    assert pdf.status_code == 200
    text = _squash(subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True,
                                  check=True).stdout.decode("utf-8"))
    assert "2010→2018" in text and "percentage points" in text and "3.80 → 5.60 % of total employment" in text
    pptx = client.post("/export/pack.pptx", data={"storyboard": json.dumps(board)}, headers={"Origin": "http://localhost"})
    slide = _texts(list(Presentation(io.BytesIO(pptx.data)).slides)[1])
    assert "2010→2018" in slide and "+1.80 percentage points" in slide
