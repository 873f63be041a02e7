"""Imported lists in the meeting (issue 30): a view of an imported indicator is drawn as a slide from the lists the
presenter's browser holds (POST /api/slide), with the values sent; the drawer's default "Meeting pack (PDF)" and
"Slides (PowerPoint)" buttons post those lists, so both documents draw the view."""

from __future__ import annotations

import io
import json
import subprocess
import unicodedata

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from components.pack_form import fill_pack_form
from data.importing import import_table, read_table, result_json
from data.layer.imported import compact_indicators
from domain.formatting import format_value

ORIGIN = {"Origin": "http://localhost"}
SOURCE = "Regional statistics office"


@pytest.fixture(scope="module")
def held(layer, raw_dir):
    """DESI 'Enterprises using AI' for 2021, read from the source's own CSV, as a team's list kept in a browser."""
    import pandas as pd

    desi = pd.read_csv(raw_dir / "desi-2022" / "desi2022_indicators_long.csv")
    ai = desi[(desi.indicator_code == "3b5") & (desi.desi_edition == 2022) & (desi.country.str.len() == 2) & (desi.country != "EU")]
    assert len(ai) > 20
    lines = ["Land;Jahr;Wert"] + [f"{'EL' if r.country == 'GR' else r.country};2021;{r.value * 100:.4f}"
                                  for r in ai.itertuples()]
    table = read_table("\n".join(lines).encode("utf-8"), "ai.csv")
    result = import_table(table, "indicator", {"nuts": "Land", "year": "Jahr", "value": "Wert"}, layer.regions)
    payload = json.loads(result_json(result, SOURCE, "CC BY 4.0", "% enterprises", "AI use (our copy)"))
    compact = next(iter(compact_indicators([payload], layer.region_ids).values()))
    return payload, compact, {r.country: r.value * 100 for r in ai.itertuples()}


def _view(compact: dict) -> str:
    return f"/technology?indicator={compact['id']}&level=0&year=2021&region=DK"


def test_the_show_draws_an_imported_view_from_the_lists_the_browser_holds(client, held):
    payload, compact, source_values = held
    response = client.post("/api/slide", headers=ORIGIN, json={"view": _view(compact),
                                                               "imported": [{"kind": "clusters", "rows": []}, payload]})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert body["kind"] == "map" and body["figure"]["data"]
    assert "AI use (our copy)" in body["title_line"] and SOURCE in body["source_line"]
    sent_2021 = [code for code, year, _ in compact["rows"] if year == 2021 and len(code) == 2]
    assert sum(row["count"] for row in body["legend"] if not row.get("no_data")) == len(sent_2021)
    assert body["key_figures"][0]["number_text"] in format_value(source_values["DK"], "% enterprises")
    assert body["region"]["nuts_id"] == "DK"
    # without the list, or with another list only, the view says why it is not drawn
    for lists in ([], [{"kind": "indicator", "rows": [{"nuts_id": "DK", "year": 2021, "value": 1}]}]):
        text = client.post("/api/slide", headers=ORIGIN, json={"view": _view(compact), "imported": lists}).get_json()
        assert text["kind"] == "text" and any("does not hold its list" in line for line in text["lines"])


@pytest.mark.parametrize("body", ["not json", "[" * 40 + "]" * 40, json.dumps({"view": "/technology", "x": 1}),
                                  json.dumps({"view": "https://evil.example/technology", "imported": []})])
def test_a_bad_posted_slide_is_400_in_words(client, body):
    response = client.post("/api/slide", headers={**ORIGIN, "Content-Type": "application/json"}, data=body)
    assert response.status_code == 400 and response.get_json()["error"]


def test_the_default_buttons_draw_imported_views_in_both_documents(client, held):
    payload, compact, _ = held
    board = [{"url": _view(compact), "title": "Our AI list", "note": ""},
             {"url": "/technology?indicator=desi_ai&level=0&year=2021", "title": "", "note": ""}]
    form_style, board_json, imported, message, pack_style, pptx_style, _note = fill_pack_form(board, [payload])
    # one button per document: the form's "Meeting pack (PDF)" and "Slides (PowerPoint)" take the links' place
    assert form_style == {"display": "contents"} and pack_style == pptx_style == {"display": "none"} and not message
    fields = {"storyboard": board_json, "imported": imported}
    pptx = client.post("/export/pack.pptx", headers=ORIGIN, data=fields)
    assert pptx.status_code == 200
    slide = list(Presentation(io.BytesIO(pptx.data)).slides)[1]
    assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes) == 1
    assert SOURCE in "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    pdf = client.post("/export/pack.pdf", headers=ORIGIN, data=fields)
    assert pdf.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    assert "AI use (our copy)" in text and SOURCE in text and "not sent" not in text, text


def test_imported_organisations_shown_by_a_view_are_drawn_in_its_slide_and_page(client, layer):
    from data.layer.imported import imported_id

    lines = "Cluster;Town;Country;Sector\nA;München;DE;automotive\nB;Porto;PT;textiles\nC;Kraków;PL;ICT\n"
    table = read_table(lines.encode("utf-8"), "clusters.csv")
    kept = json.loads(result_json(import_table(table, "clusters", {"name": "Cluster", "town": "Town",
                                                                    "country": "Country", "sector": "Sector"},
                                               layer.regions), "Cluster register", "CC BY 4.0"))
    assert len(kept["rows"]) == 3
    view = f"/clusters?indicator=lq_emp_hightech_medhightech_manuf&level=2&orgs={imported_id(kept)}"
    board = [{"url": view, "title": "Clusters", "note": ""}]
    form_style, board_json, imported, message, *_ = fill_pack_form(board, [kept])
    assert form_style == {"display": "contents"} and not message
    fields = {"storyboard": board_json, "imported": imported}
    pptx = client.post("/export/pack.pptx", headers=ORIGIN, data=fields)
    assert pptx.status_code == 200, pptx.get_data(as_text=True)[:300]
    pdf = client.post("/export/pack.pdf", headers=ORIGIN, data=fields)
    text = " ".join(unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()).split())
    assert "3 cluster organisations: Cluster register" in text, text[:2000]
    without = client.post("/export/pack.pdf", headers=ORIGIN, data={"storyboard": board_json})
    assert "cluster organisations: Cluster register" not in subprocess.run(
        ["pdftotext", "-", "-"], input=without.data, capture_output=True, check=True).stdout.decode()
    # presentation mode: the show sends the lists this browser holds, and the slide draws the organisations too
    slide = client.post("/api/slide", headers=ORIGIN, json={"view": view, "imported": [kept]}).get_json()
    points = [t for t in slide["figure"]["data"] if t.get("type") == "scattergeo" and t.get("lat")]
    assert slide["kind"] == "map" and len(points) == 1 and len(points[0]["lat"]) == 3
    alone = client.post("/api/slide", headers=ORIGIN, json={"view": view, "imported": []}).get_json()
    assert not [t for t in alone["figure"]["data"] if t.get("type") == "scattergeo" and t.get("lat")]
