"""What a page makes the browser fetch: the table's code, plotly.js, dash_table and the polyfill are not in it, the
table's code is served where its stand-in looks, static files come gzipped, and only pages carry the long CSP."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import dash

from web.first_load import ASSETS, PLOTLY_URL, TABLE_META

PAGES = ("/", "/technology", "/clusters", "/strategies", "/import", "/sources", "/storyboard", "/accessibility",
         "/brief/PL21")


def scripts_of(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


def test_pages_leave_out_the_code_only_some_pages_use(client):
    for path in PAGES:
        html = client.get(path).get_data(as_text=True)
        scripts = " ".join(scripts_of(html))
        assert "/dash_ag_grid/" not in scripts, path
        assert "plotly" not in scripts.replace("plotly_on_demand", ""), path
        assert "polyfill@" not in scripts and "dash_table/bundle" not in scripts, path
        assert "/assets/05_table_on_demand.js" in scripts and "/assets/03_regenerator-runtime.min.js" in scripts, path


def test_the_table_stand_in_finds_the_real_bundle(client):
    html = client.get("/technology").get_data(as_text=True)
    url = re.search(rf'<meta name="{TABLE_META}" content="([^"]+)"', html).group(1)
    assert url.startswith("/_dash-component-suites/dash_ag_grid/dash_ag_grid.v")
    bundle = client.get(url)
    assert bundle.status_code == 200 and bundle.mimetype.endswith("javascript")
    assert b"AgGrid" in bundle.data and len(bundle.data) > 500_000
    assert "max-age=31536000" in bundle.headers["Cache-Control"]  # fingerprinted as Dash does


def test_no_page_uses_a_library_left_out_of_every_page(client):
    """dash_table's bundle is never loaded: a DataTable in any page's layout would not render."""
    from app import app

    client.get("/")
    namespaces = set()

    def walk(node) -> None:
        if isinstance(node, dash.development.base_component.Component):
            namespaces.add(node._namespace)
            for child in node._traverse():
                namespaces.add(child._namespace)

    walk(app.validation_layout)
    assert "dash_table" not in namespaces
    assert "dash_ag_grid" in namespaces  # the explorer's grid is in the layouts, drawn through the stand-in


def test_plotly_and_geometry_come_gzipped_and_whole(client):
    partial = (ASSETS / "02_plotly-geo.min.js").read_bytes() + b"\n" + (ASSETS / "03_plotly-locales.js").read_bytes()
    served = client.get(PLOTLY_URL, headers={"Accept-Encoding": "gzip"})
    assert served.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(served.data) == partial and len(served.data) < 0.35 * len(partial)
    geometry = client.get("/geo/nuts2.geojson", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert geometry.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(geometry.data).startswith(b'{"type":"FeatureCollection"')


def test_only_pages_carry_the_csp_with_script_hashes(client):
    page = client.get("/technology")
    assert "sha256-" in page.headers["Content-Security-Policy"] and "Permissions-Policy" in page.headers
    for path in ("/api/indicators", "/assets/10_atlas.css", "/geo/nuts0.geojson", "/favicon.ico"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = response.headers["Content-Security-Policy"]
        assert "sha256-" not in policy and "default-src 'self'" in policy and "frame-ancestors 'self'" in policy, path
        assert len(policy) < 120, path


def test_favicon_is_the_small_one(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data == Path(ASSETS / "favicon.ico").read_bytes()
    assert len(icon.data) < 6000
