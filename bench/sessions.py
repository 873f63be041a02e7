"""Varied traffic for ``python -m bench.load --varied``: simulated users walking plausible sessions.

Each user opens pages as a browser does (the page shell, then the page-router callback that builds the page's
layout for its query), then explores: changes the indicator, level and year (the map callback), clicks a region
or searches for one (``/api/regions``, the selection callback, then the region profile panel), opens the table
tab, and now and then downloads the view or exports it as a picture. Indicators, levels, years and regions are
drawn from what the server itself lists (``/api/indicators``, ``/api/values``), so most requests are ones the
server has not answered before: the figures measure misses, not the answer cache (which ``bench.load``'s
repeated traffic measures: its best case).

Every request is the one the browser sends (``bench.map_updates.request_body`` for Dash callbacks), and each
result records whether the server's answer cache had it (``X-Cache``).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import orjson
import requests
import urllib3

from bench.map_updates import find_callback, request_body

MAP_PAGES = ("technology", "clusters")
OTHER_PAGES = ("/", "/strategies", "/sources")
SEARCH_TERMS = ("bav", "Munich", "Lyon", "Warsz", "PL21", "Catal", "Milano", "Porto", "Eindh", "Dublin", "Tampere",
                "Styria", "Brno", "Cluj", "Sevilla", "Gdańsk", "Toulouse", "Aarhus", "Lodz", "Stutt")
PAGE_CALLBACK = "_pages_content.children"
MAP_CALLBACK = "map.figure...legend.children"
PANEL_CALLBACK = "panel.children...map.figure"
SELECT_CALLBACK = "region.data...level.value"
TABLE_CALLBACK = "grid.rowData"


@dataclass(frozen=True)
class Catalogue:
    """What the server offers, read once: indicators by page (id → years by level) and region codes by level."""

    indicators: dict[str, dict[str, dict[int, list[int]]]]
    regions: dict[int, list[str]]
    deps: dict[str, dict] = field(default_factory=dict)


def read_catalogue(base: str, session=None) -> Catalogue:
    session = session or requests.Session()
    listed = session.get(f"{base}/api/indicators", timeout=60).json()["indicators"]
    by_page: dict[str, dict[str, dict[int, list[int]]]] = {"technology": {}, "clusters": {}}
    for item in listed:
        years = {int(level): [int(y) for y in ys] for level, ys in (item.get("years_by_level") or {}).items() if ys}
        if years:
            by_page["clusters" if item["theme"] == "specialisation" else "technology"][item["indicator_id"]] = years
    regions: dict[int, list[str]] = {}
    every_level = next(i for i, years in by_page["technology"].items() if set(years) >= {0, 1, 2, 3})
    for level in range(4):
        rows = session.get(f"{base}/api/values", params={"indicator": every_level, "level": level}, timeout=60).json()
        regions[level] = sorted({row["nuts_id"] for row in rows["values"]})
    all_deps = session.get(f"{base}/_dash-dependencies", timeout=60).json()
    deps = {name: find_callback(all_deps, name)
            for name in (PAGE_CALLBACK, MAP_CALLBACK, PANEL_CALLBACK, SELECT_CALLBACK, TABLE_CALLBACK)}
    return Catalogue(indicators=by_page, regions=regions, deps=deps)


@dataclass
class View:
    """One user's current explorer view."""

    page: str
    indicator: str
    level: int
    year: int
    region: str | None = None
    drawn_level: int | None = None

    def query(self) -> str:
        region = f"&region={self.region}" if self.region else ""
        return f"?indicator={self.indicator}&level={self.level}&year={self.year}{region}"


class Walker:
    """One simulated user: a seeded random walk over pages and explorer actions."""

    def __init__(self, base: str, catalogue: Catalogue, seed: int, export_share: float = 0.0, session=None):
        self.base, self.catalogue, self.export_share = base, catalogue, export_share
        self.rng = random.Random(seed)
        self.session = session or LeanSession()
        self.view = self._new_view(self.rng.choice(MAP_PAGES))

    def _new_view(self, page: str, indicator: str | None = None) -> View:
        indicators = self.catalogue.indicators[page]
        indicator = indicator if indicator in indicators else self.rng.choice(sorted(indicators))
        level = self.rng.choice(sorted(indicators[indicator]))
        return View(page, indicator, level, self.rng.choice(indicators[indicator][level]))

    def step(self) -> list[tuple[str, float, int, str]]:
        """One user action: a list of (action, ms, status, X-Cache) for the requests it made."""
        roll = self.rng.random()
        if roll < 0.12:
            return self.open_page()
        if roll < 0.42:
            return self.change_view()
        if roll < 0.70:
            return self.click_region()
        if roll < 0.82:
            return self.search_region()
        if roll < 0.88:
            return self.open_table()
        if roll < 0.88 + self.export_share:
            return [self._get("export", f"/export/{self.view.page}.png{self.view.query()}")]
        if roll < 0.95:
            return [self._get("download", f"/download/{self.view.page}.{self.rng.choice(['csv', 'csv', 'xlsx'])}"
                              f"{self.view.query()}")]
        return [self._get("api", f"/api/values?indicator={self.view.indicator}&level={self.view.level}"
                                 f"&year={self.view.year}")]

    def open_page(self) -> list[tuple[str, float, int, str]]:
        if self.rng.random() < 0.25:
            path, search = self.rng.choice(OTHER_PAGES), ""
        else:
            self.view = self._new_view(self.rng.choice(MAP_PAGES))
            path, search = f"/{self.view.page}", self.view.query()
            self.view.drawn_level = self.view.level
        shell = self._get("page", path + search)
        values = {"_pages_location.pathname": path, "_pages_location.search": search}
        return [shell, self._post("layout", PAGE_CALLBACK, values, "_pages_location.pathname")]

    def change_view(self) -> list[tuple[str, float, int, str]]:
        years = self.catalogue.indicators[self.view.page][self.view.indicator]
        what = self.rng.random()
        if what < 0.4:
            self.view = self._new_view(self.view.page)
            self.view.drawn_level = self.view.level
        elif what < 0.6 and len(years) > 1:
            self.view.level = self.rng.choice(sorted(years))
            self.view.year = years[self.view.level][-1]
        else:
            self.view.year = self.rng.choice(years[self.view.level])
        values = {"indicator.value": self.view.indicator, "level.value": self.view.level, "year.value": self.view.year,
                  "classes.value": "quantiles", "k.value": 5, "palette.value": "viridis", "eu.value": False,
                  "drawn-level.data": self.view.drawn_level, "region.data": self.view.region}
        self.view.drawn_level = self.view.level
        return [self._post("map", MAP_CALLBACK, values, "year.value")]

    def click_region(self) -> list[tuple[str, float, int, str]]:
        codes = self.catalogue.regions.get(self.view.level) or self.catalogue.regions[2]
        self.view.region = self.rng.choice(codes)
        select = self._post("select", SELECT_CALLBACK, {
            "map.clickData": {"points": [{"location": self.view.region}]}, "indicator.value": self.view.indicator,
            "level.value": self.view.level}, "map.clickData")
        return [select, self._panel()]

    def search_region(self) -> list[tuple[str, float, int, str]]:
        term = self.rng.choice(SEARCH_TERMS)
        found = self._get("search", f"/api/regions?limit=12&q={term}")
        out = [found]
        codes = self.catalogue.regions[self.rng.choice((1, 2, 2, 3))]
        self.view.region = self.rng.choice(codes)
        out.append(self._post("select", SELECT_CALLBACK, {"search.value": self.view.region,
                                                          "indicator.value": self.view.indicator,
                                                          "level.value": self.view.level}, "search.value"))
        return [*out, self._panel()]

    def open_table(self) -> list[tuple[str, float, int, str]]:
        values = {"tabs.value": "table", "indicator.value": self.view.indicator, "level.value": self.view.level,
                  "year.value": self.view.year, "eu.value": False}
        return [self._post("table", TABLE_CALLBACK, values, "tabs.value")]

    def _panel(self) -> tuple[str, float, int, str]:
        config = {"page": self.view.page, "specialisation": self.view.page == "clusters",
                  "imported": self.view.page == "technology"}
        values = {"region.data": self.view.region, "indicator.value": self.view.indicator,
                  "year.value": self.view.year, "compare-set.data": [], "level.value": self.view.level,
                  "config.data": config}
        return self._post("profile", PANEL_CALLBACK, values, "region.data")

    def _get(self, action: str, path: str) -> tuple[str, float, int, str]:
        return self._timed(action, lambda: self.session.get(self.base + path))

    def _post(self, action: str, name: str, values: dict, changed: str) -> tuple[str, float, int, str]:
        body = request_body(self.catalogue.deps[name], values, changed, page=self.view.page)
        return self._timed(action, lambda: self.session.post(f"{self.base}/_dash-update-component", json=body))

    @staticmethod
    def _timed(action: str, send) -> tuple[str, float, int, str]:
        started = time.perf_counter()
        try:
            response = send()
            status, cache = response.status_code, response.headers.get("X-Cache", "")
        except (requests.RequestException, urllib3.exceptions.HTTPError):
            status, cache = 0, ""
        return action, (time.perf_counter() - started) * 1000, status, cache


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: Mapping[str, str]


class LeanSession:
    """What a simulated user sends with: one kept-alive connection (urllib3, which ``requests`` is built on), gzip
    accepted, every answer read to its last byte but not decompressed or decoded. ``requests`` spent about 1.5 ms
    of CPU per request in the client (13 % of the two cores the server shares with it in ``bench.load``); this is
    what a browser costs the server, not what a Python client costs itself."""

    def __init__(self) -> None:
        self.pool = urllib3.PoolManager(maxsize=1, retries=False, timeout=urllib3.Timeout(total=120))

    def get(self, url: str) -> Answer:
        return self._send("GET", url, None)

    def post(self, url: str, json: dict) -> Answer:
        return self._send("POST", url, orjson.dumps(json), {"Content-Type": "application/json"})

    def _send(self, method: str, url: str, body: bytes | None, headers: dict | None = None) -> Answer:
        response = self.pool.request(method, url, body=body, headers={"Accept-Encoding": "gzip", **(headers or {})},
                                     preload_content=False, decode_content=False)
        try:
            for _chunk in response.stream(64 * 1024, decode_content=False):
                pass
        finally:
            response.release_conn()
        return Answer(response.status, response.headers)
