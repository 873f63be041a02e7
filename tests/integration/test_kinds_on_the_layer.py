"""Every page with a view kind, through every capability of its kind, on the real layer: a view becomes rows,
a drawing, words and a slide that all name the same thing; and the surfaces (download, slide, slide-show list)
answer what the kind gives."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import pytest

from domain.rows import COLUMNS
from kinds import CAPABILITIES, kind_of
from kinds.base import Drawing

VIEWS = {
    "technology": "indicator=desi_ai&level=0&year=2021",
    "clusters": "indicator=lq_emp_hightech_medhightech_manuf&level=2",
    "strategies": "domain=digital_ai&region=PL21",
}


@pytest.fixture(scope="module")
def pages(client):
    from web.pages import capabilities, pages_with, slug

    return {slug(p): capabilities(p) for p in pages_with("kind")}


def test_the_pages_with_a_kind_are_the_pack_pages(pages, client):
    assert set(pages) == set(VIEWS)
    assert client.get("/api/slide/pages").get_json() == {"pages": [f"/{name}" for name in pages]}


@pytest.mark.parametrize("page", sorted(VIEWS))
def test_each_capability_of_the_page_kind_gives_the_view(page, pages, layer):
    kind = kind_of(page)
    assert kind is pages[page].kind and all(hasattr(kind, c) for c in CAPABILITIES)
    query = parse_qs(VIEWS[page])
    view = kind.parse(layer, page, query)
    rows = kind.rows(layer, page, query)
    assert list(rows.rows.columns) == COLUMNS and len(rows.rows) > 20 and rows.rows.value.notna().any()
    words = kind.words(layer, view)
    drawing = kind.drawing(layer, page, query)
    assert isinstance(drawing, Drawing) and drawing.words(None).title == words.title
    assert drawing.sources and all(s in layer.sources for s in drawing.sources)
    slide = kind.slide(layer, view)
    assert slide["kind"] == "map" and slide["figure"]["data"] and slide["legend"]
    assert words.title.startswith(slide["heading"]) and slide["title_line"].startswith(slide["heading"])
    assert kind.elsewhere_slide(layer, query) is None
    years = kind.years(layer, view)
    assert years == sorted(years) and (view.year in years if page != "strategies" else years == [])


def test_the_download_and_the_slide_routes_answer_what_the_kind_gives(client, layer):
    kind = kind_of("technology")
    query = parse_qs(VIEWS["technology"])
    rows = kind.rows(layer, "technology", query)
    body = client.get(f"/download/technology.csv?{VIEWS['technology']}").data.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == len(rows.rows) + 1
    slide = client.get("/api/slide?" + urlencode({"view": f"/technology?{VIEWS['technology']}"})).get_json()
    assert slide["title_line"] == kind.slide(layer, kind.parse(layer, "technology", query))["title_line"]


def test_hub_coordinates_stay_numbers_in_the_csv_written_by_the_formats_table(client):
    """A spreadsheet reads the CSV's unquoted fields as numbers: the hubs' coordinates must stay unquoted."""
    import csv
    import io

    text = client.get("/api/hubs.csv?country=DE").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), quoting=csv.QUOTE_NONNUMERIC))
    header, first = rows[0], rows[1]
    assert isinstance(first[header.index("lat")], float) and isinstance(first[header.index("lon")], float)
    assert 47 < first[header.index("lat")] < 55.1
