"""The analyst's path through the API (issue 32): several indicators for all regions and years into pandas, the
layer version cited and pinned, polite re-requests (ETag → 304), CORS for browser notebooks, one error shape,
older NUTS codes, and map classes equal to what the screen's legend shows."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from components.explorer_options import legend_for_view
from data.layer.hubs import DOWNLOAD_COLUMNS
from domain.classify import class_index
from domain.mapview import map_view
from domain.rows import COLUMNS
from domain.view import resolve_view

THREE = ["gerd_total", "emp_hightech_manuf", "emp_kis"]


def _texts(node) -> list[str]:
    """Every text of a Dash component tree, in order (what the page shows)."""
    if isinstance(node, (str, int, float)):
        return [str(node)]
    children = getattr(node, "children", None)
    if children is None:
        return []
    children = children if isinstance(children, list) else [children]
    return [text for child in children for text in _texts(child)]


def test_three_indicators_all_nuts2_regions_and_years_as_csv_into_pandas(client, layer):
    response = client.get(f"/api/values.csv?indicator={','.join(THREE)}&level=2&years=all")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", keep_default_na=False,
                        na_values={"value": [""]})
    assert list(frame.columns) == COLUMNS
    assert set(frame.indicator_id) == set(THREE) and set(frame.level) == {2} and set(frame.nuts_version) == {2021}
    n_regions = (layer.regions.level == 2).sum()
    for indicator in THREE:
        part = frame[frame.indicator_id == indicator]
        stored = layer.by_indicator[indicator]
        stored = stored[stored.level == 2]
        assert len(part) == n_regions * stored.year.nunique(), "every region × every year with data, empty kept"
        assert part.value.notna().sum() == stored.value.notna().sum()
        merged = part.merge(stored[["nuts_id", "year", "value"]], on=["nuts_id", "year"], suffixes=("", "_layer"))
        assert merged.value.to_numpy() == pytest.approx(merged.value_layer.to_numpy(), rel=1e-9, nan_ok=True)
    assert response.headers["X-Atlas-Layer"].startswith(layer.manifest["layer_hash"])
    json_body = client.get(f"/api/values?indicator={'&indicator='.join(THREE)}&level=2&years=all").get_json()
    assert json_body["count"] == len(frame) and json_body["layer"]["hash"] == layer.manifest["layer_hash"]
    assert all(s["data_date"] for s in json_body["sources"])


def test_csv_is_formula_safe_like_the_downloads(client):
    body = client.get("/api/values.csv?indicator=desi_ai&level=0&year=2021").data.decode("utf-8-sig")
    for line in body.splitlines()[1:]:
        for cell in line.split('","'):
            assert not cell.strip('"').startswith(("=", "+", "@")), line


def test_years_ranges_and_region_filter(client):
    body = client.get("/api/values?indicator=gerd_total&level=2&years=2010..2014&region=PL2").get_json()
    assert {v["year"] for v in body["values"]} == set(range(2010, 2015))
    assert {v["nuts_id"] for v in body["values"]} == {"PL21", "PL22"} and {v["level"] for v in body["values"]} == {2}
    one = client.get("/api/values?indicator=desi_ai&level=0&year=2021&country=DK").get_json()["values"]
    assert one == [dict(one[0], nuts_id="DK")] and one[0]["value"] == pytest.approx(23.8861)
    assert one[0]["flag"] == "" and one[0]["country"] == "DK" and one[0]["nuts_version"] == 2021
    bad = client.get("/api/values?indicator=gerd_total&level=2&years=1990..1995")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "years" and bad.get_json()["valid"]


def test_etag_round_trip_answers_304_on_api_download_and_geo(client):
    for url in ("/api/values?indicator=desi_ai&level=0&year=2021", "/download/technology.csv?indicator=desi_ai&level=0",
                "/geo/nuts0.geojson", "/api/indicators"):
        first = client.get(url)
        assert first.status_code == 200 and first.headers["ETag"] and first.headers["Last-Modified"], url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and not again.data, url
        other = client.get(url + ("&" if "?" in url else "?") + "layer=" + "0" * 12)
        assert other.status_code == 409


def test_pin_to_the_held_layer_answers_and_to_another_gets_409(client, layer):
    held = layer.manifest["layer_hash"]
    assert client.get(f"/api/values?indicator=desi_ai&level=0&layer={held[:12]}").status_code == 200
    response = client.get("/api/values?indicator=desi_ai&level=0&layer=" + "ab" * 32)
    body = response.get_json()
    assert response.status_code == 409 and body["parameter"] == "layer" and body["valid"] == [held]
    assert "pinned" in body["error"]


def test_cors_on_read_only_gets_not_on_posts_or_pages(client):
    for url in ("/api/values?indicator=desi_ai&level=0", "/download/technology.csv?indicator=desi_ai&level=0",
                "/geo/nuts0.geojson", "/api/openapi.json", "/api/values?indicator=nope"):
        assert client.get(url).headers.get("Access-Control-Allow-Origin") == "*", url
    assert "Access-Control-Allow-Origin" not in client.post("/api/values").headers
    assert "Access-Control-Allow-Origin" not in client.post("/export/pack.pdf", data={"storyboard": "[]"}).headers
    for page in ("/", "/technology", "/api/docs"):
        assert "Access-Control-Allow-Origin" not in client.get(page).headers, page


@pytest.mark.parametrize(("method", "url", "status", "parameter"), [
    ("get", "/api/nope", 404, "path"),
    ("get", "/download/nope", 404, "path"),
    ("get", "/geo/nuts7.geojson", 404, "path"),
    ("post", "/api/values", 405, "method"),
    ("delete", "/download/technology.csv", 405, "method"),
    ("get", "/download/technology.pdf", 400, "format"),
    ("get", "/api/values?indicator=desi_ai&level=0&year=2021&year=2020", 400, "year"),
    ("get", "/api/indicators?level=5", 400, "level"),
])
def test_every_failure_has_the_one_error_shape(client, method, url, status, parameter):
    response = getattr(client, method)(url)
    body = response.get_json()
    assert response.status_code == status and set(body) == {"error", "parameter", "valid"}
    assert body["parameter"] == parameter and isinstance(body["valid"], list) and body["error"]


def test_catalogue_honours_level_and_gives_years_per_level(client, layer):
    body = client.get("/api/indicators?level=3").get_json()
    assert body["indicators"] and all(3 in i["levels"] for i in body["indicators"])
    full = client.get("/api/indicators").get_json()["indicators"]
    assert len(full) > len(body["indicators"])
    for indicator in full:
        for level, years in indicator["years_by_level"].items():
            frame = layer.by_indicator[indicator["indicator_id"]]
            assert years == sorted(int(y) for y in frame[frame.level == int(level)].year.unique())
    desi = next(i for i in full if i["indicator_id"] == "desi_ai")
    assert desi["source"]["licence_spdx"] == "CC-BY-4.0" and desi["source"]["data_date"] == "2022-07-28"


def test_hubs_json_carries_every_csv_field(client):
    hubs = client.get("/api/hubs?country=DE").get_json()["hubs"]
    assert hubs and all(set(DOWNLOAD_COLUMNS) <= set(h) for h in hubs)
    assert all(isinstance(h["technologies"], list) and isinstance(h["services"], list) for h in hubs)
    csv = pd.read_csv(io.BytesIO(client.get("/api/hubs.csv?country=DE").data), encoding="utf-8-sig")
    assert len(csv) == len(hubs) and set(csv.columns) == set(DOWNLOAD_COLUMNS)


@pytest.mark.parametrize(("code", "relation", "successors"), [
    ("HR04", "split", {"HR02", "HR05", "HR06"}),
    ("NO01", "boundary_shift", {"NO08"}),
    ("LT00", "split", {"LT01", "LT02"}),
    ("IE02", "split", {"IE05", "IE06"}),
    ("HR041", "recoded", {"HR050"}),
    ("DE41", "merged", {"DE40"}),
])
def test_older_codes_resolve_to_their_2021_successors(client, code, relation, successors):
    body = client.get(f"/api/nuts?code={code}").get_json()
    assert body["relation"] == relation and {s["nuts_id"] for s in body["successors"]} == successors
    found = client.get(f"/api/regions?q={code}").get_json()["regions"]
    assert {r["nuts_id"] for r in found if r.get("former_code") == code} == successors


def test_hr04_split_as_the_eurostat_change_table_says(client, raw_dir):
    sheet = pd.read_excel(raw_dir / "eurostat-nuts-changes" / "NUTS2016-NUTS2021.xlsx",
                          sheet_name="Changes detailed NUTS 2016-2021", dtype=str).iloc[:, [0, 7]]
    comment = sheet[sheet.iloc[:, 0] == "HR04"].iloc[0, 1]
    body = client.get("/api/nuts?code=HR04&from=2016").get_json()
    assert all(s["nuts_id"] in comment for s in body["successors"]) and "Eurostat" in body["table"]
    assert client.get("/api/nuts?code=HR04&from=2021").status_code == 400
    assert client.get("/api/nuts?code=QQ99").status_code == 404


@pytest.mark.parametrize("query", [
    "indicator=gerd_total&level=2&year=2016&classes=quantiles&k=5",
    "indicator=desi_ai&level=0&year=2021&classes=natural_breaks&k=4",
    "indicator=gerd_total&level=2&year=2016",
    "indicator=desi_ai&level=0&year=2021&classes=auto&eu=1",
])
def test_classes_equal_the_screens_legend(client, layer, query):
    body = client.get(f"/api/values?{query}&classes=auto" if "classes" not in query else f"/api/values?{query}")
    body = body.get_json()
    state, _ = resolve_view(query if "classes" in query else query + "&classes=auto", layer, strict=True)
    view = map_view(layer, state)
    shown = _texts(legend_for_view(view))
    classes = body["classes"]
    assert classes["edges"] == pytest.approx(list(view.classes.edges)) and classes["method"] == view.classes.method
    assert classes["counts"] == list(view.classes.counts)
    for row in classes["legend"]:
        assert row["label"] in shown and str(row["count"]) in shown
    assert classes["label"] in " ".join(shown)
    drawn = {code: class_index([value], view.classes)[0] for code, value in view.values.items()}
    for row in body["values"]:
        assert row["class"] == drawn.get(row["nuts_id"]), row["nuts_id"]
        if row["value"] is not None:
            assert math.isclose(row["value"], view.values[row["nuts_id"]], rel_tol=1e-9)


def test_a_query_for_everything_at_once_is_bounded(client, layer):
    level3 = [i for i, levels in zip(layer.catalog.indicator_id, layer.catalog.levels) if 3 in levels]
    response = client.get(f"/api/values?indicator={','.join(level3)}&level=3&years=all")
    body = response.get_json()
    assert response.status_code == 400 and body["parameter"] == "indicator" and "at most" in body["error"]
