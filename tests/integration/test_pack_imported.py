"""Issue 18: a storyboard view of an indicator imported into the browser is drawn in the slides and the PDF pack from
the list the drawer's form posts — picture, title line, legend, key figures and the user's own source and licence,
escaped — and the values drawn are the values sent."""

from __future__ import annotations

import io
import json
import re
import subprocess
import unicodedata

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from components.pack_form import fill_pack_form
from data.importing import import_table, read_table, result_json
from data.layer.imported import compact_indicators
from domain.formatting import format_value

SOURCE = "<b>Regional statistics office</b> & partners"
LICENCE = "CC BY 4.0 (our copy)"
ORIGIN = {"Origin": "http://localhost"}


@pytest.fixture(scope="module")
def sent(layer):
    """DESI 'Enterprises using AI' (country level, from the source file) as a regional team's CSV, imported, and
    compacted as the drawer's form sends it."""
    frame = layer.by_indicator["desi_ai"]
    lines = ["Land;Jahr;Wert"] + [f"{r.nuts_id};{r.year};{str(r.value).replace('.', ',')}" for r in frame.itertuples()]
    table = read_table("\n".join(lines).encode("cp1252"), "ai.csv")
    result = import_table(table, "indicator", {"nuts": "Land", "year": "Jahr", "value": "Wert"}, layer.regions)
    payload = json.loads(result_json(result, SOURCE, LICENCE, "% enterprises", "AI use (our copy)"))
    compact = next(iter(compact_indicators([payload], layer.region_ids).values()))
    return payload, compact


def _board(compact: dict) -> dict:
    return {"title": "Imported check", "views": [
        {"url": f"/technology?indicator={compact['id']}&level=0&year=2021&region=DK", "title": "",
         "note": "Our own copy"},
        {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "", "note": ""}]}


def _texts(slide) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).replace("\u202f", " ")).strip()


def test_imported_view_drawn_on_its_slide(client, sent):
    payload, compact = sent
    response = client.post("/export/pack.pptx", headers=ORIGIN, data={
        "storyboard": json.dumps(_board(compact)), "imported": json.dumps([compact])})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    slides = list(Presentation(io.BytesIO(response.data)).slides)
    assert len(slides) == 1 + 2 + 1
    view = slides[1]
    assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in view.shapes) == 1
    text = _texts(view)
    assert "AI use (our copy), 2021" in text and "% enterprises" in text and "country" in text
    assert SOURCE in text and LICENCE in text and "not verified" in text
    dk = next(c for c in compact["rows"] if c[0] == "DK" and c[1] == 2021)[2]
    assert "Danmark (DK)" in text and format_value(dk, "% enterprises") in text
    sent_2021 = [v for code, year, v in compact["rows"] if year == 2021 and len(code) == 2]
    classes = re.findall(r"^(.+)  \((\d+)\)$", text, flags=re.M)
    assert classes[-1][0] == "No data"
    assert sum(int(n) for _, n in classes[:-1]) == len(sent_2021)  # every value sent is in a class of the legend
    assert "Our own copy" in view.notes_slide.notes_text_frame.text
    assert SOURCE in _texts(slides[-1])
    assert payload["rows"]  # the raw list never reaches the server: only its compact form is posted


def test_imported_view_drawn_in_the_pdf_pack(client, sent):
    _, compact = sent
    response = client.post("/export/pack.pdf", headers=ORIGIN, data={
        "storyboard": json.dumps(_board(compact)), "imported": json.dumps({compact["id"]: compact})})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    text = _squash(subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True,
                                  check=True).stdout.decode("utf-8"))
    dk = next(c for c in compact["rows"] if c[0] == "DK" and c[1] == 2021)[2]
    assert "AI use (our copy), 2021" in text and "Danmark (DK)" in text
    assert _squash(format_value(dk, "% enterprises")) in text
    assert SOURCE in text and LICENCE in text
    assert "not drawn" not in text and "not sent" not in text


def test_imported_view_without_its_list_is_a_text_slide(client, sent):
    _, compact = sent
    response = client.post("/export/pack.pptx", headers=ORIGIN, data={"storyboard": json.dumps(_board(compact))})
    slides = list(Presentation(io.BytesIO(response.data)).slides)
    assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slides[1].shapes) == 0
    assert "was not sent" in _texts(slides[1])
    forged = {**compact, "rows": [["XX99", 2021, 1.0], ["DK", "year", "NaN"]]}
    response = client.post("/export/pack.pptx", headers=ORIGIN, data={
        "storyboard": json.dumps(_board(compact)), "imported": json.dumps([forged])})
    assert response.status_code == 200
    assert "was not sent" in _texts(list(Presentation(io.BytesIO(response.data)).slides)[1])


@pytest.mark.parametrize("imported", ["not json", "[" * 40 + "]" * 40, json.dumps("text"), "7"])
def test_bad_imported_field_is_400(client, sent, imported):
    response = client.post("/export/pack.pptx", headers=ORIGIN, data={
        "storyboard": json.dumps(_board(sent[1])), "imported": imported})
    assert response.status_code == 400


def test_drawer_form_sends_the_lists_its_views_show(layer, sent):
    payload, compact = sent
    board = _board(compact)["views"]
    style, board_json, imported, message, *links = fill_pack_form(board, [{"kind": "clusters", "rows": []}, payload])
    assert style == {"display": "contents"} and json.loads(board_json)["views"][0]["url"] == board[0]["url"]
    assert not message and links == [{"display": "none"}, {"display": "none"}, {}]  # the form's buttons replace the links
    assert [item["id"] for item in json.loads(imported)] == [compact["id"]]
    assert fill_pack_form(board[1:], [payload])[0] == {"display": "none"}
