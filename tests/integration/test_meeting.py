"""Meeting kit: URL state round trip (hypothesis), bad queries, static exports and the meeting pack."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.ids import page_ids
from components.meeting import storyboard_token
from domain.view import TABS, ViewState, resolve_view, view_query

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def view_states(draw, layer):
    catalog = layer.catalog
    row = catalog.iloc[draw(st.integers(0, len(catalog) - 1))]
    level = draw(st.sampled_from(list(row["levels"])))
    frame = layer.by_indicator[row["indicator_id"]]
    years = sorted(int(y) for y in frame[frame.level == level].year.unique())
    codes = sorted(layer.regions.nuts_id)
    return ViewState(
        indicator=row["indicator_id"], level=level, year=draw(st.sampled_from(years)),
        classes=draw(st.sampled_from(["quantiles", "equal_interval", "natural_breaks", "continuous"])),
        k=draw(st.integers(3, 9)), palette=draw(st.sampled_from(["viridis", "cividis", "ylgnbu", "blues", "purples"])),
        eu=draw(st.booleans()) and bool(row["has_eu_reference"]),
        region=draw(st.one_of(st.none(), st.sampled_from(codes))),
        compare=tuple(draw(st.lists(st.sampled_from(codes), max_size=6, unique=True))),
        tab=draw(st.sampled_from(TABS)),
    )


def test_state_url_state_is_identity(layer):
    @SETTINGS
    @given(view_states(layer))
    def check(state):
        parsed, notices = resolve_view(view_query(state), layer)
        assert notices == [] and parsed == state

    check()


def test_random_and_malformed_queries_render_with_notices(layer, client):
    from pages.technology import layout

    junk = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)

    @SETTINGS
    @given(st.dictionaries(st.sampled_from(["indicator", "level", "year", "classes", "k", "palette", "eu", "region",
                                            "compare", "tab", "zzz"]), junk, max_size=6))
    def check(query):
        state, notices = resolve_view(query, layer)
        assert state.indicator in set(layer.catalog.indicator_id)
        tree = layout(**query)
        text = json.dumps(tree.to_plotly_json(), default=str)
        assert repr(page_ids("technology")("map")) in text
        bad = {k for k, v in query.items() if v not in ("",)}
        if bad and notices:
            assert "Some link parameters were ignored" in text

    check()


@pytest.mark.parametrize("query", [
    "indicator=%3Cscript%3Ealert(1)%3C/script%3E", "level=9", "year=abc", "region=javascript:alert(1)",
    "compare=XX1,YY2,%3Cb%3E", "k=1000", "tab=%22%3E%3Cimg", "classes=../../etc/passwd",
])
def test_injected_parameters_are_replaced_and_named_as_text(layer, client, query):
    from urllib.parse import parse_qs

    from pages.technology import layout

    state, notices = resolve_view(parse_qs(query), layer)
    assert notices
    assert state.region is None and state.k == 5 and state.tab == "map"
    tree = layout(**{k: v[0] for k, v in parse_qs(query).items()})
    text = json.dumps(tree.to_plotly_json(), default=str)
    assert "Some link parameters were ignored" in text
    assert "javascript:" not in text.split("Some link parameters were ignored")[0]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_svg_pdf_exports(client):
    query = "indicator=emp_hightech_medhightech_manuf&level=2&year=2018&region=PL21"
    png = client.get(f"/export/technology.png?{query}")
    assert png.status_code == 200 and png_size(png.data) == (3200, 2000)
    svg = client.get(f"/export/technology.svg?{query}")
    root = ET.fromstring(svg.data)
    assert root.tag.endswith("svg")
    pdf = client.get(f"/export/technology.pdf?{query}")
    assert pdf.data[:4] == b"%PDF"
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.data, capture_output=True, check=True).stdout.decode()
    assert "Employment in high & medium-high technology manufacturing" in text
    assert "Honti" in text and "EuroGeographics" in text and "Małopolskie" in text


def test_export_bad_query_is_400(client):
    assert client.get("/export/technology.png?indicator=nope").status_code == 400
    assert client.get("/export/technology.gif?indicator=desi_ai").status_code == 400


def test_meeting_pack_has_cover_views_and_sources(client):
    from pypdf import PdfReader

    views = [{"url": "/technology?indicator=desi_ai&level=0&year=2021&region=DK", "title": "AI uptake", "note": "Denmark leads"},
             {"url": "/clusters?indicator=lq_emp_kis&level=2&year=2018", "title": "KIS specialisation", "note": ""}]
    response = client.get(f"/export/pack.pdf?story={storyboard_token(views, 'Recovery meeting')}")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 4
    text = subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "Recovery meeting" in text and "Denmark leads" in text and "Sources and licences" in text
    assert "Digital Economy and Society Index" in text
    posted = client.post("/export/pack.pdf", data={"storyboard": json.dumps({"title": "x", "views": views[:1]})})
    assert posted.status_code == 200 and len(PdfReader(io.BytesIO(posted.data)).pages) == 3


def test_pack_never_draws_a_default_map_in_place_of_a_view_it_cannot_draw(client):
    views = [{"url": "/technology?indicator=imp-0123456789abcdef&level=2", "title": "Our members", "note": ""},
             {"url": "/technology?indicator=imp-0123456789&level=2&year=2021", "title": "Our members", "note": ""},
             {"url": "/technology?indicator=nope&level=0", "title": "Broken", "note": ""}]
    response = client.get(f"/export/pack.pdf?story={storyboard_token(views, 'Mixed')}")
    assert response.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=response.data, capture_output=True, check=True).stdout.decode()
    assert "imported into the presenter's browser" in text
    assert text.count("could not be read as it is") == 2
    assert "Enterprises using AI" not in text


@pytest.mark.parametrize("story", ["", "notjson", "W10", storyboard_token([{"url": "http://evil/x"}])])
def test_bad_storyboards_are_400(client, story):
    assert client.get(f"/export/pack.pdf?story={story}").status_code == 400
