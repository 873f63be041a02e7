"""JSON API: 200 paths with real values, 400 paths with the valid choices."""

from __future__ import annotations

import pytest


def test_indicators_catalogue(client):
    body = client.get("/api/indicators").get_json()
    assert body["count"] >= 40
    themes = {i["theme"] for i in body["indicators"]}
    assert len(themes) >= 3 and {"technology", "economy", "innovation"} <= themes
    for ind in body["indicators"]:
        assert ind["unit"] and ind["years"] and ind["source"]["licence"] and ind["source_name"]


def test_values_real_figure_and_every_region_listed(client, layer):
    body = client.get("/api/values?indicator=desi_ai&level=0&year=2021").get_json()
    assert body["indicators"][0]["unit"] == "% enterprises" and body["sources"][0]["name"] == "DESI 2022"
    values = {v["nuts_id"]: v["value"] for v in body["values"]}
    assert values["DK"] == pytest.approx(23.8861)
    assert len(values) == (layer.regions.level == 0).sum()
    assert values["NO"] is None


def test_values_default_year_is_latest(client):
    body = client.get("/api/values?indicator=epo_patent_applications&level=3").get_json()
    assert body["indicators"][0]["years"] == [2012] and {v["year"] for v in body["values"]} == {2012}
    values = {v["nuts_id"]: v["value"] for v in body["values"]}
    assert values["DE212"] == pytest.approx(710.75)


@pytest.mark.parametrize(("query", "parameter"), [
    ("indicator=nope", "indicator"),
    ("", "indicator"),
    ("indicator=desi_ai&level=2", "level"),
    ("indicator=desi_ai&level=zwei", "level"),
    ("indicator=desi_ai&level=0&year=1999", "year"),
    ("indicator=desi_ai&level=0&year=20x1", "year"),
    ("indicator=desi_ai&colour=red", "colour"),
    ("indicator=%3Cscript%3E", "indicator"),
])
def test_bad_parameters_give_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/api/values?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter and body["error"] and isinstance(body["valid"], list)


def test_healthz(client, layer):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["layer_hash"] == layer.manifest["layer_hash"]
