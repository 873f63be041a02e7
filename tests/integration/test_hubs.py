"""Technology centres (EDIH catalogue): located share, hand-checked locations, no person's name anywhere,
filters and counts checked against the raw file read directly, downloads read back, 400s."""

from __future__ import annotations

import gzip
import io
import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
import shapely

from downloads.hubs import _safe

RAW_FILE = "edih-catalogue-2025/edih_catalogue_2025-05-05.csv"
AI = "Artificial Intelligence & Decision support"
EU27 = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
COUNTRY = {"Germany": "DE", "Italy": "IT", "Greece": "EL", "Spain": "ES", "France": "FR"}

# Hubs whose site was placed by hand from the address (map reading), the NUTS 3 region that holds that point,
# and why the hub is a hard case for the locator.
HAND_CHECKED = [
    ("CITAH", "DE", 53.1465, 8.1970, "DE943"),                 # 2 places named Oldenburg: postcode decides
    ("Miro Innovation Lab", "DE", 48.0839, 11.2787, "DE21L"),  # 'Oberpfaffenhofen-wessling', no postcode
    ("Mittelstand-Digital Zentrum Chemnitz", "DE", 50.8190, 12.9620, "DED41"),  # postcode typo 91250
    ("Arctic Development Environments Cluster", "FI", 65.7365, 24.5637, "FI1D7"),  # Kemi vs Keminmaa
    ("SMIH 3D - Smart 3D Industry Hub", "HR", 45.7960, 15.7960, "HR065"),  # 'Sveta nedelja' is ambiguous
    ("EDIH LA REUNION", "FR", -20.8890, 55.4950, "FRY40"),      # outermost region, GeoNames files it as RE
    ("innomine Digital Innovation Hub Nonprofit Kft.", "HU", 47.5500, 19.0450, "HU110"),  # 'Záhony utca' is a street
    ("AEDIH", "HU", 47.5940, 19.3660, "HU120"),                # Hungarian order: town first
    ("Faubourg Numérique", "FR", 49.8480, 3.2870, "FRE21"),    # 7 places called Saint-Quentin
]


@pytest.fixture(scope="session")
def raw(raw_dir) -> pd.DataFrame:
    return pd.read_csv(raw_dir / RAW_FILE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def hubs(layer_dir) -> pd.DataFrame:
    return pd.read_parquet(layer_dir / "hubs.parquet")


@pytest.fixture(scope="session")
def nuts3_raw(raw_dir) -> gpd.GeoDataFrame:
    with gzip.open(raw_dir / "gisco-nuts-2021/NUTS_RG_03M_2021_4326_LEVL_3.geojson.gz", "rb") as handle:
        return gpd.read_file(io.BytesIO(handle.read()))


def _raw_scores(text: str) -> dict[str, int]:
    return {label.strip(): int(score) for label, score in re.findall(r"\s*(.+?) - ([1-5])(?:,|$)", text)}


# ---------------------------------------------------------------------------- locating

def test_at_least_97_percent_of_the_416_eu27_hubs_located_at_nuts3(raw, hubs, layer_dir, layer):
    report = json.loads((layer_dir / "build_report.json").read_text(encoding="utf-8"))["hubs"]
    eu_raw = raw[~raw.Country.isin(["Ukraine", "Türkiye", "Serbia", "North Macedonia", "Albania", "Norway",
                                    "Liechtenstein", "Bosnia and Herzegovina", "Iceland", "Kosovo", "Montenegro"])]
    assert len(raw) == len(hubs) == 457 and len(eu_raw) == 416
    eu = hubs[hubs.country.isin(EU27)]
    assert len(eu) == 416 == report["eu27_hubs"]
    located = eu.nuts_id.notna()
    assert located.mean() >= 0.97 and report["eu27_located_nuts3"] == int(located.sum())
    assert set(eu[located].nuts_id) <= set(layer.regions[layer.regions.level == 3].nuts_id)
    assert (eu[located].nuts_id.str[:2] == eu[located].country).all()
    unlocated = {u["hub_id"]: u["location_note"] for u in report["unlocated"]}
    assert set(unlocated) == set(hubs[hubs.nuts_id.isna()].hub_id)
    assert all(unlocated.values()), "every unlocated hub has its reason"
    assert set(hubs.located_by) <= {"postcode+town", "postcode", "town", "town (outside NUTS)", "unlocated"}
    assert (hubs[hubs.located_by.str.startswith("town")].matched_place != "").all()


@pytest.mark.parametrize(("name", "country", "lat", "lon", "nuts3"), HAND_CHECKED)
def test_hand_checked_hubs_are_in_the_region_holding_their_site(hubs, nuts3_raw, name, country, lat, lon, nuts3):
    holding = nuts3_raw[nuts3_raw.contains(shapely.Point(lon, lat))].NUTS_ID.tolist()
    assert holding == [nuts3], "the hand-placed point is in the expected region of the raw 1:3M geometry"
    hit = hubs[(hubs.name == name) & (hubs.country == country)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert row.nuts_id == nuts3, row.location_note
    if pd.notna(row.lat):
        from data.layer.hubs_nearby import haversine_km

        assert haversine_km(lat, lon, row.lat, row.lon) < 15


def test_postcode_and_town_disagreement_is_said(hubs):
    reunion = hubs[hubs.name == "EDIH LA REUNION"].iloc[0]
    assert reunion.located_by == "postcode" and reunion.postcode == "97490" and pd.isna(reunion.lat)
    chemnitz = hubs[hubs.name == "Mittelstand-Digital Zentrum Chemnitz"].iloc[0]
    assert chemnitz.located_by == "town" and "91250" in chemnitz.location_note

    from data.pipeline.sources.edih_locating import make_locator

    locator = make_locator()
    crafted = locator.locate("Erfenschlager straße 73, 10117 Chemnitz, Germany", "DE", "Germany")
    assert crafted.nuts_id == "DE300" and crafted.located_by == "postcode"
    assert "disagree" in crafted.note and "DED41" in crafted.note
    agreed = locator.locate("Escherweg 2, 26121 Oldenburg, Germany", "DE", "Germany")
    assert agreed.located_by == "postcode+town" and "postcode's region" in agreed.place.rule


def test_postcode_lookup_is_thread_safe_and_recoded_from_2024():
    from data.layer.places import postcode_region_2024

    cases = [("DE", "10117"), ("HU", "1134"), ("NL", "2595BR"), ("PT", "1300-342"), ("CZ", "602 00"),
             ("PL", "01-045"), ("SE", "100 44"), ("LV", "LV-1010"), ("IE", "F91YW50")] * 8
    alone = [postcode_region_2024(c, p) for c, p in cases]
    with ThreadPoolExecutor(max_workers=6) as pool:
        threaded = list(pool.map(lambda cp: postcode_region_2024(*cp), cases))
    assert threaded == alone
    assert alone[:2] == ["DE300", "HU110"] and all(alone)


def test_town_locator_rules():
    from data.layer.places import locate_town, town_candidates

    assert locate_town("Frankfurt am Main", "DE").name == "Frankfurt am Main"
    prague = locate_town("Praha", "CZ")
    assert prague.population > 1_000_000 and 49.9 < prague.lat < 50.2
    assert locate_town("Nürnberg", "DE").name == "Nuremberg"
    assert locate_town("Irakleio", "EL") is not None and locate_town("Heraklion", "EL").country == "EL"
    assert len(town_candidates("Sveta nedelja", "HR")) == 2 and locate_town("Sveta nedelja", "HR") is None
    assert locate_town("Kemi", "FI").name == "Kemi"
    assert locate_town("no such town at all", "FR") is None


# ---------------------------------------------------------------------------- personal data

def _people_named_in_raw(raw: pd.DataFrame) -> set[str]:
    """Names after a personal title or 'headed by', and e-mail addresses, in the free-text descriptions (names and
    titles are the organisations' own; 'easyHPC@eco.plastics.industry.WCG' is a hub's title, not an address)."""
    found = set()
    title = re.compile(r"(?:Prof\.|Dr\.|Mr\.|Mrs\.|Ms\.|headed by)\s+(?:(?:Dr\.|-Ing\.|Prof\.)\s*)*"
                       r"((?:[A-ZÀ-Ž][\w\-ąčęėįšųūžćłńóśźż]+\s?){2,3})")
    for text in raw["Description (indexed field)"]:
        found |= {m.strip() for m in title.findall(text)}
        found |= set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text))
    own_names = " ".join(raw["EDIH Name"]) + " " + " ".join(raw["EDIH Title"])
    return {f for f in found if len(f) > 6 and f not in own_names}


def test_raw_file_has_no_contact_column_and_names_are_detectable(raw):
    assert not [c for c in raw.columns if "contact name" in c.lower() or "person" in c.lower()]
    people = _people_named_in_raw(raw)
    assert {"Michael Freitag", "Philipp Sandner"} <= people


def test_no_person_named_in_the_raw_file_reaches_layer_api_or_downloads(raw, layer_dir, client):
    people = _people_named_in_raw(raw)
    texts = []
    for name in ("hubs", "hub_technologies", "hub_services", "hub_sectors"):
        frame = pd.read_parquet(layer_dir / f"{name}.parquet")
        assert "description" not in frame.columns
        texts.append(frame.astype(str).to_csv())
    texts.append((layer_dir / "build_report.json").read_text(encoding="utf-8"))
    texts.append(client.get("/api/hubs").get_data(as_text=True))
    texts.append(client.get("/api/hubs.csv").data.decode("utf-8-sig"))
    texts.append(client.get("/api/hubs.geojson").data.decode("utf-8"))
    book = openpyxl.load_workbook(io.BytesIO(client.get("/api/hubs.xlsx").data))
    texts.append(" ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row))
    blob = "\n".join(texts)
    assert "Bremen" in blob  # the texts are real
    leaked = sorted(p for p in people if p in blob)
    assert leaked == []


# ---------------------------------------------------------------------------- API and filters

def test_api_filter_equals_raw_file(client, raw):
    body = client.get(f"/api/hubs?country=DE&technology={quote(AI)}&min_intensity=5").get_json()
    expected = sorted(r["EDIH Name"].strip() for _, r in raw[raw.Country == "Germany"].iterrows()
                      if _raw_scores(r["Formatted technologies"]).get(AI, 0) >= 5)
    assert sorted(h["name"] for h in body["hubs"]) == expected and body["count"] == len(expected) > 5
    for hub in body["hubs"]:
        assert {"hub_id", "name", "type", "country", "nuts_id", "lat", "lon", "located_by", "website",
                "technologies", "source", "licence"} <= set(hub)
        assert any(t["name"] == AI and t["intensity"] == 5 for t in hub["technologies"])
        assert "European Digital Innovation Hubs catalogue" in hub["source"] and "CC BY 4.0" in hub["licence"]


def test_api_type_and_country_filters_and_case(client, raw):
    body = client.get("/api/hubs?type=edih&country=it,el").get_json()
    expected = raw[(raw["EDIH/SoE"] == "EDIH") & raw.Country.isin(["Italy", "Greece"])]
    assert body["count"] == len(expected) > 10
    assert {h["type"] for h in body["hubs"]} == {"EDIH"} and {h["country"] for h in body["hubs"]} == {"IT", "EL"}
    everything = client.get("/api/hubs").get_json()
    assert everything["count"] == len(raw)


@pytest.mark.parametrize(("query", "parameter"), [
    ("country=XX", "country"), ("country=Germany", "country"), ("technology=AI", "technology"),
    ("min_intensity=6", "min_intensity"), ("min_intensity=four", "min_intensity"), ("type=Hub", "type"),
    ("colour=red", "colour"), ("technology=" + "x" * 500, "parameter"), ("country=%3Cscript%3E", "country"),
])
def test_bad_parameters_give_400_with_valid_choices(client, query, parameter):
    for path in ("/api/hubs", "/api/hubs.csv", "/api/hubs.xlsx", "/api/hubs.geojson"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, path
        body = response.get_json()
        assert body["parameter"] == parameter and body["error"] and isinstance(body["valid"], list)
    if parameter == "technology":
        assert AI in client.get(f"/api/hubs?{query}").get_json()["valid"]


def test_unknown_download_format_is_400(client):
    response = client.get("/api/hubs.pdf")
    assert response.status_code == 400 and response.get_json()["valid"] == ["csv", "xlsx", "geojson"]


# ---------------------------------------------------------------------------- indicators = hubs listed

def test_counts_per_region_equal_hubs_listed(client, layer):
    from data.layer.hubs import hub_data, hubs_in_region, parse_filter

    for level in (2, 3):
        body = client.get(f"/api/values?indicator=edih_hubs&level={level}&year=2025").get_json()
        assert body["indicators"][0]["unit"] == "hubs" and body["indicators"][0]["years"] == [2025]
        values = {v["nuts_id"]: v["value"] for v in body["values"]}
        listed = client.get("/api/hubs").get_json()["hubs"]
        per_region = pd.Series([h["nuts_id"][:level + 2] for h in listed if h["nuts_id"]]).value_counts()
        for nuts_id, value in values.items():
            if value is not None:
                assert value == per_region.get(nuts_id, 0), nuts_id
        assert values["DE943"] if level == 3 else values["DE94"]
        assert values["CH011" if level == 3 else "CH01"] is None  # Switzerland is outside the catalogue's scope
    zero = [k for k, v in values.items() if v == 0]
    assert zero and all(hubs_in_region(layer, z).empty for z in zero[:20])
    ai = hub_data(layer)
    frame = layer.by_indicator["edih_tech_ai"]
    de = frame[frame.nuts_id == "DE"].value.iloc[0]
    assert de == len(hubs_in_region(layer, "DE", parse_filter(ai, technology=AI, min_intensity=4)))


def test_per_million_uses_the_2019_population_read_from_the_raw_file(layer, raw_dir):
    population = pd.read_csv(raw_dir / "eurostat-regional-2005-2020/eu_all_geo_data.csv", dtype=str)
    pop = population[(population.input_var_code == "tgs00096") & (population.sex == "T")
                     & (population.age == "TOTAL") & (population.geo == "DE94") & (population.time == "2019")]
    persons = float(pop["values"].iloc[0])
    hubs = layer.by_indicator["edih_hubs"]
    rate = layer.by_indicator["edih_hubs_per_million"]
    count = hubs[hubs.nuts_id == "DE94"].value.iloc[0]
    value = rate[rate.nuts_id == "DE94"].value.iloc[0]
    assert value == pytest.approx(count / persons * 1e6)
    assert "2019" in layer.indicator("edih_hubs_per_million")["unit"]
    assert set(rate.level) == {0, 1, 2}


def test_catalogue_entries(layer):
    ids = [i for i in layer.catalog.indicator_id if i.startswith("edih_")]
    assert len(ids) == 13
    for i in ids:
        meta = layer.indicator(i)
        assert meta["theme"] == "technology" and meta["years"] == [2025] and meta["source_name"] == "EDIH catalogue"


def test_nearest_hubs_beyond_the_border(layer):
    from data.layer.hubs_nearby import haversine_km, nearest_hubs_beyond, region_point

    near = nearest_hubs_beyond(layer, "DE943", [AI, "Robotics"], min_intensity=4, limit=8)
    assert len(near) == 8 and not near.nuts_id.fillna("").str.startswith("DE943").any()
    assert near.distance_km.is_monotonic_increasing and near.offers.str.contains(r"\((4|5)\)").all()
    lat, lon = region_point(layer, "DE943")
    assert haversine_km(lat, lon, near.lat.iloc[0], near.lon.iloc[0]) == pytest.approx(near.distance_km.iloc[0], abs=0.1)
    assert haversine_km(52.5200, 13.4050, 48.1351, 11.5820) == pytest.approx(504, abs=2)  # Berlin-Munich


# ---------------------------------------------------------------------------- downloads

def test_downloads_read_back_with_source_and_licence(client):
    query = f"country=IT&technology={quote(AI)}&min_intensity=4"
    api = client.get(f"/api/hubs?{query}").get_json()
    csv = pd.read_csv(io.BytesIO(client.get(f"/api/hubs.csv?{query}").data), encoding="utf-8-sig", dtype=str)
    assert len(csv) == api["count"] > 5 and set(csv.hub_id) == {h["hub_id"] for h in api["hubs"]}
    assert csv.source.str.contains("European Digital Innovation Hubs").all() and csv.licence.str.contains("CC BY").all()
    assert csv.technologies.str.contains(re.escape(AI) + r" \([45]\)").all()
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/api/hubs.xlsx?{query}").data))
    assert book.sheetnames == ["data", "about"]
    assert book["data"].max_row == api["count"] + 1
    about = " ".join(str(c) for row in book["about"].iter_rows(values_only=True) for c in row)
    assert "GeoNames" in about and "CC BY 4.0" in about and AI in about
    geo = json.loads(client.get(f"/api/hubs.geojson?{query}").data)
    assert len(geo["features"]) == api["count"] and geo["metadata"]["sources"]
    by_id = {h["hub_id"]: h for h in api["hubs"]}
    for feature in geo["features"]:
        hub = by_id[feature["properties"]["hub_id"]]
        if hub["lat"] is not None:
            assert feature["geometry"]["coordinates"] == [pytest.approx(hub["lon"], abs=1e-5),
                                                          pytest.approx(hub["lat"], abs=1e-5)]


def test_downloads_are_formula_safe(client):
    text = client.get("/api/hubs.csv").data.decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for column in frame.columns.drop(["lat", "lon"]):  # numbers may be negative
        assert not frame[column].str.match(r"^[=+\-@\t\r]").any(), column


    crafted = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "+1", "ok"], "n": [1, 2, 3]})
    assert _safe(crafted).name.tolist() == ["'=HYPERLINK(\"http://x\")", "'+1", "ok"]
