"""``GET /api/slide``: one storyboard view as a slide of the browser's slide show (real layer, no browser)."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

VIEW = "/technology?indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21"


def slide(client, view: str):
    return client.get("/api/slide?view=" + quote(view, safe=""))


def test_map_view_title_line_key_figures_and_small_figure(client):
    response = slide(client, VIEW + "&present=1")
    assert response.status_code == 200
    body = response.get_json()
    values = client.get("/api/values?indicator=emp_hightech_medhightech_manuf&level=2&year=2018").get_json()
    label, unit = values["indicators"][0]["label"], values["indicators"][0]["unit"]
    assert label in body["title_line"] and "2018" in body["title_line"] and unit in body["title_line"]
    assert "NUTS 2" in body["title_line"]
    assert body["region"] == {"nuts_id": "PL21", "name": "Małopolskie"}
    headline = body["key_figures"][0]
    expected = next(v["value"] for v in values["values"] if v["nuts_id"] == "PL21")
    assert headline["value"] == pytest.approx(expected)
    assert headline["label"] == label and headline["unit"] == unit and headline["year"] == 2018
    assert headline["source"] == values["sources"][0]["name"]
    for figure in body["key_figures"]:
        assert figure["source"] and figure["year"] and figure["unit"] and figure["text"]
    assert sum(row["count"] for row in body["legend"]) == len(values["values"])
    assert body["legend"][-1]["no_data"] and body["legend"][-1]["count"] == sum(
        v["value"] is None for v in values["values"])
    assert "Licence" in body["source_line"]
    assert "present" not in body["page_url"] and body["page_url"].startswith("/technology?")
    figure = body["figure"]
    geometries = {t.get("geojson") for t in figure["data"] if t["type"] == "choropleth"}
    assert geometries == {"/geo/nuts2.geojson"}, "geometry is referenced by URL, never embedded"
    assert len(json.dumps(figure)) < 60_000
    assert "width" not in figure["layout"] and "height" not in figure["layout"]
    assert figure["layout"]["margin"] == {"l": 0, "r": 0, "t": 0, "b": 0}


def test_strategies_view_is_drawn_with_scores_as_key_figures(client):
    body = slide(client, "/strategies?domain=digital_ai&region=FR10").get_json()
    assert body["kind"] == "map" and body["title_line"].startswith("Evidence score: ")
    assert "NUTS 2" in body["title_line"]
    assert body["region"]["nuts_id"] == "FR10"
    score = body["key_figures"][0]
    assert score["label"] == "Evidence score" and 0 <= score["value"] <= 100 and score["unit"] == "score 0–100"
    assert any(f["label"].startswith("Partner 1: ") for f in body["key_figures"])
    assert any(t["type"] == "scattergeo" for t in body["figure"]["data"]), "partners are linked on the map"
    assert [row["label"] for row in body["legend"]][-1] == "No data"


def test_clusters_view_without_region(client):
    body = slide(client, "/clusters").get_json()
    assert body["kind"] == "map" and body["region"] is None and body["key_figures"] == []
    assert body["legend"] and body["figure"]["data"]


def test_imported_indicator_is_a_text_slide(client):
    body = slide(client, "/technology?indicator=imp-0123456789&level=2").get_json()
    assert body["kind"] == "text" and body["figure"] is None
    assert any("this browser does not hold its list" in line for line in body["lines"])


@pytest.mark.parametrize(("view", "words"), [
    ("", "required"),
    ("https://evil.example/technology?indicator=desi_ai", "address on this site"),
    ("//evil.example/technology", "address on this site"),
    ("/overview", "can be shown as slides"),
    ("/technology?indicator=nope", "Unknown indicator"),
    ("/technology?indicator=desi_ai&level=7", "level"),
    ("/strategies?domain=nope", "Unknown domain"),
])
def test_bad_view_is_400_with_a_message(client, view, words):
    response = slide(client, view)
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == "view" and words in body["error"]


def test_unknown_parameter_is_400(client):
    response = client.get("/api/slide?view=/clusters&colour=red")
    assert response.status_code == 400 and response.get_json()["parameter"] == "colour"
