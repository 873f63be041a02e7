"""Caches behind the load figures (issue 15, item 4) on the real layer: per-layer rank tables and region profiles
give the figures the uncached code gave; whole responses are kept per (layer, code, request), bounded and safe."""

from __future__ import annotations

import gzip
import json
import threading

import pytest

from data.layer.eu import EU27
from data.layer.pools import EU_POOL, rank_in_pool
from domain.profile import ranked, region_profile, technology_profile
from web.response_cache import CachedResponse, ResponseCache, callback_request_text, is_pure_callback, make_entry

INDICATORS = ("epo_patent_applications", "emp_hightech_medhightech_manuf", "desi_ai", "ai_preprint_share")


def ranked_by_scan(layer, indicator_id, level, year, nuts_id):
    """The per-region scan of ``data.layer.pools.rank_in_pool`` (the reference the rank table must agree with): every
    region, EU or not, is ranked against the EU27 pool (issue 26: one rule on every surface)."""
    meta = layer.indicator(indicator_id)
    frame = layer.by_indicator[indicator_id]
    peers = frame[(frame.level == level) & (frame.year == year)]
    pool_size = int(peers.nuts_id.str[:2].isin(EU27).sum())
    if nuts_id not in set(peers.nuts_id):
        return None, pool_size, 0
    placed = rank_in_pool(peers.set_index("nuts_id").value, nuts_id, higher_is_better=meta["higher_is_better"],
                          level=level, pool=EU_POOL)
    return (placed.rank if placed else None), pool_size, (placed.tied if placed else 0)


@pytest.mark.parametrize("indicator_id", INDICATORS)
def test_rank_table_agrees_with_the_per_region_scan(layer, indicator_id):
    frame = layer.by_indicator[indicator_id]
    checked = 0
    latest = frame.groupby("level").year.max()
    for (level, year), part in frame[frame.year == frame.level.map(latest)].groupby(["level", "year"]):
        codes = list(part.nuts_id[::max(1, len(part) // 25)]) + ["UKI3", "CH01", "XX99"]
        for code in codes:
            assert ranked(layer, indicator_id, int(level), int(year), code) == \
                ranked_by_scan(layer, indicator_id, int(level), int(year), code), (level, year, code)
            checked += 1
    assert checked >= 28


def test_profiles_from_many_threads_at_once_are_equal(layer):
    expected = region_profile(layer, "ITC4C", "epo_patent_applications", 2010)
    results = []

    def ask():
        results.append(region_profile(layer, "ITC4C", "epo_patent_applications", 2010))

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 12 and all(r == expected for r in results)
    mine = technology_profile(layer, "ITC4C")
    mine[0]["value"] = -1  # each caller gets its own copies: the memo's entry is untouched
    assert technology_profile(layer, "ITC4C")[0]["value"] != -1


def test_response_cache_is_bounded_by_bytes_and_entry_size():
    one = CachedResponse(200, "application/json", b"x" * 1000, None)
    cache = ResponseCache(max_bytes=3 * one.size + 10, max_entry_bytes=one.size + 10)
    for n in range(10):
        assert cache.put(f"k{n}", CachedResponse(200, "application/json", b"x" * 1000, None))
    assert len(cache) == 3 and cache.total_bytes <= 3 * one.size + 10 and cache.get("k0") is None and cache.get("k9")
    assert not cache.put("big", CachedResponse(200, "application/json", b"x" * 2000, None))
    entry = make_entry(200, "application/json", json.dumps({"z": list(range(300))}).encode())
    assert gzip.decompress(entry.gzipped) == entry.body


def test_response_cache_from_many_threads():
    cache = ResponseCache(max_bytes=200_000, max_entry_bytes=10_000)

    def work(n):
        for i in range(200):
            key = f"k{(n + i) % 50}"
            cache.put(key, CachedResponse(200, "application/json", key.encode() * 100, None))
            hit = cache.get(key)
            assert hit is None or hit.body == key.encode() * 100

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.total_bytes == sum(e.size for e in cache._entries.values()) <= 200_000


def _deps(client):
    return client.get("/_dash-dependencies").get_json()


def _map_body(deps, year):
    from bench.map_updates import find_callback, request_body

    dep = find_callback(deps, "map.figure...legend.children")
    values = {"indicator.value": "epo_patent_applications", "level.value": 3, "year.value": year,
              "classes.value": "quantiles", "k.value": 5, "palette.value": "viridis", "eu.value": False,
              "drawn-level.data": 3, "region.data": None}
    return request_body(dep, values, "year.value")


def test_only_named_view_callbacks_are_cached(client):
    from dash import get_app

    _deps(client)
    pure = {entry["callback"].__name__ for entry in get_app().callback_map.values()
            if is_pure_callback(entry.get("callback"))}
    assert pure == {"update_map", "render_panel", "update_table", "render_compare"}  # a rename must show here
    callback_map = get_app().callback_map
    body = json.dumps(_map_body(_deps(client), 2009)).encode()
    assert callback_request_text(body, callback_map) is not None
    router = next(k for k, v in callback_map.items() if getattr(v.get("callback"), "__module__", "").startswith("dash"))
    assert callback_request_text(json.dumps({"output": router, "inputs": []}).encode(), callback_map) is None


def test_cached_answers_equal_fresh_ones(client):
    body = _map_body(_deps(client), 2008)
    first = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    again = client.post("/_dash-update-component", json=dict(reversed(list(body.items()))),
                        headers={"Accept-Encoding": "gzip"})
    plain = client.post("/_dash-update-component", json=body)
    assert first.status_code == again.status_code == plain.status_code == 200
    assert again.headers["X-Cache"] == "hit" and again.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.data) == gzip.decompress(again.data) == plain.data
    assert "Content-Encoding" not in plain.headers and plain.headers["Vary"].startswith("Accept-Encoding")
    api = "/api/values?indicator=desi_ai&level=0&year=2021"
    assert client.get(api).get_json() == client.get(api).get_json()
    assert client.get(api).headers["X-Cache"] == "hit"


def test_a_cached_answer_still_refuses_other_sites(client):
    body = _map_body(_deps(client), 2007)
    assert client.post("/_dash-update-component", json=body).status_code == 200
    refused = client.post("/_dash-update-component", json=body, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403


def test_downloads_and_page_shells_keep_their_headers(client):
    url = "/download/technology.csv?indicator=emp_kis&level=2&year=2018"
    first, again = client.get(url), client.get(url)
    assert again.headers["X-Cache"] == "hit" and again.data == first.data
    assert again.headers["Content-Disposition"] == first.headers["Content-Disposition"]
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    page, page_again = client.get("/technology"), client.get("/technology")
    assert page_again.headers["X-Cache"] == "hit" and page_again.data == page.data
    assert "Content-Security-Policy" in page_again.headers
    assert client.get("/healthz").headers.get("X-Cache") is None
    elsewhere = client.get("/technology", base_url="http://atlas.example")
    assert elsewhere.headers["X-Cache"] == "miss"  # the host is part of a page shell's key


@pytest.mark.parametrize(("level", "selected", "zoom"), [(0, None, False), (3, "DE212", False), (2, "FR10", True)])
def test_base_figure_copy_equals_a_fresh_build(layer, level, selected, zoom):
    from components.base_figures import base_figure
    from domain.mapview import map_view
    from domain.view import ViewState
    from figures.choropleth import apply_update, build_base_figure, map_update

    view = map_view(layer, ViewState(indicator="epo_patent_applications", level=level, year=2010, region=selected))
    fresh = apply_update(build_base_figure(layer, view.level, selected=selected, zoom=zoom), map_update(layer, view))
    results = []
    threads = [threading.Thread(target=lambda: results.append(base_figure(layer, view.level, selected=selected,
                                                                          zoom=zoom)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(f) for f in results}) == 8  # every layout gets its own figure to update
    updated = apply_update(results[0], map_update(layer, view))
    assert json.loads(json.dumps(updated)) == json.loads(fresh.to_json())
    assert all(f == results[1] for f in results[2:])
    outline = updated["data"][2 * len(updated["layout"]["annotations"]) + 2]
    assert outline["name"] == "selected" and outline["locations"] == ([selected] if selected else [])
    unzoomed = base_figure(layer, view.level, selected=selected)
    assert (updated["layout"]["geo"]["lonaxis"] != unzoomed["layout"]["geo"]["lonaxis"]) == zoom


def test_page_shells_embed_one_serialisation_of_the_validation_layout(client):
    """The validation layout (the same skeleton in every page shell) is serialised once per layout object and that
    JSON is what each shell carries (``app.AtlasDash._config``)."""
    import re

    from app import app
    from web.serialisation import to_json

    shells = [client.get(path).data.decode() for path in ("/technology?shell-probe=1", "/sources?shell-probe=1")]
    kept = app._validation_json
    assert kept is not None and kept[0] is app.validation_layout
    client.get("/clusters?shell-probe=1")
    assert app._validation_json[1] is kept[1]
    for shell in shells:
        config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', shell,
                                      re.S).group(1))
        assert config["validation_layout"] == json.loads(to_json(app.validation_layout))
