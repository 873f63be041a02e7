"""The processed layer, loaded once per process and only ever read.

``get_layer()`` is cached: every gunicorn worker reads the parquet files once
at first use and shares the frozen ``Layer`` between requests. Query helpers
that pages, the API and downloads share live here too, so the numbers on every
surface come from one function.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import pandas as pd

from data.layer.imported import add_indicators, compact_indicator
from data.layer.indicator_words import catalogs_by_language
from data.layer.language import DEFAULT_LANGUAGE, current_language
from data.layer.memo import layer_memo, once_per_object
from data.layer.paths import MANIFEST, default_layer_dir, digest_problem, manifest_problem
from data.layer.ranks import RankColumns, rank_columns_of
from data.layer.references import eu_reference as eu_reference  # where every surface reads it
from data.layer.registry import Source, load_registry
from data.layer.row_index import RegionRows
from data.layer.snapshot_sources import layer_sources

NO_DATA_FILE = "no_data_reasons.parquet"
LEVEL_NAMES = {0: "country", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}


log = logging.getLogger("atlas.layer")


class LayerMissingError(RuntimeError):
    """No processed layer has been built at the expected place."""


class LayerDamagedError(LayerMissingError):
    """The layer's files are not the ones its manifest lists: the app answers 503, never serves them."""


class InvalidChoice(ValueError):
    """A value the caller chose (an indicator, level, year, region…) names nothing the layer holds; carries the
    valid choices. Not an HTTP notion: the web layer answers it with a 400 and the choices (``web/api_protocol``)."""

    def __init__(self, parameter: str, message: str, valid: list | None = None):
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.valid = valid or []

    def as_dict(self) -> dict:
        return {"error": self.message, "parameter": self.parameter, "valid": self.valid}


class IntegrityStatus:
    """What the layer's files read after start were found to be, for ``/healthz``: the layer is verified once at
    start, but geometry and the search index are read later, and a file changed or deleted since then makes the
    routes that read it answer 503. Recorded here, one object per loaded layer shared by every thread of the
    process, so the health check reports "degraded" with the reason and a load balancer stops sending traffic to
    this node (it kept it while /healthz said "ok")."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: dict[str, str] = {}

    def record(self, name: str, problem: str) -> None:
        with self._lock:
            self._problems.setdefault(name, problem)

    def problems(self) -> list[str]:
        with self._lock:
            return list(self._problems.values())


@dataclass(frozen=True, eq=False)
class Layer:
    """The loaded layer; hashed by identity so per-layer helpers can be cached.

    ``region_rows`` indexes every indicator's frame by region (``data.layer.row_index``): built when the layer is
    made, and for the indicators a ``replace`` adds (an imported list), so a lookup never scans a frame."""

    path: Path
    regions: gpd.GeoDataFrame
    region_ids: frozenset
    catalogs: Mapping[str, pd.DataFrame]  # language -> the catalogue in it (``catalogs_by_language``)
    reference: pd.DataFrame
    manifest: Mapping
    by_indicator: Mapping[str, pd.DataFrame]
    sources: Mapping[str, Source]
    shared_imports: tuple = ()
    integrity: IntegrityStatus = field(default_factory=IntegrityStatus, repr=False)
    no_data: pd.DataFrame | None = None  # why a region lacks a value a source published for an older region
    region_rows: Mapping[str, RegionRows] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    rank_columns: Mapping[str, RankColumns] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    def __post_init__(self) -> None:
        missing = [key for key in self.by_indicator if key not in self.region_rows]
        if missing:
            rows = {**self.region_rows, **{key: RegionRows.of(self.by_indicator[key]) for key in missing}}
            object.__setattr__(self, "region_rows", MappingProxyType(rows))
        unranked = [key for key in self.by_indicator if key not in self.rank_columns]
        if unranked:
            ranks = rank_columns_of(self.by_indicator, self.catalogs[DEFAULT_LANGUAGE], unranked)
            object.__setattr__(self, "rank_columns", MappingProxyType({**self.rank_columns, **ranks}))

    def ranked(self, indicator_id: str, level: int, year: int, nuts_id: str) -> tuple[int | None, int, int]:
        """(rank, pool size, ties) of a region's value in its EU27 pool (``data.layer.ranks``)."""
        return self.rank_columns[indicator_id].ranked(self.region_rows[indicator_id].position(nuts_id, year),
                                                      level, year)

    @once_per_object
    def _catalog_entries(self) -> Mapping[str, Mapping[str, Mapping]]:
        """Catalogue entries by language and indicator id, read once per layer object (a catalogue scan per call was
        a third of a region profile's cost)."""
        return MappingProxyType({
            language: MappingProxyType({row["indicator_id"]: MappingProxyType(row)
                                        for row in frame.to_dict("records")[::-1]})
            for language, frame in self.catalogs.items()})

    @property
    def catalog(self) -> pd.DataFrame:
        """The indicator catalogue with its label, unit and description in the current language (``unit_en`` and
        ``label_en`` keep the English ones); ids, themes and every other column are the same in all languages."""
        frame = self.catalogs.get(current_language())
        return frame if frame is not None else self.catalogs[DEFAULT_LANGUAGE]

    def catalog_entries(self) -> tuple[Mapping, ...]:
        """Every catalogue entry in the current language, in catalogue order, read-only (a per-request
        ``catalog.to_dict("records")`` was a tenth of a region profile's cost)."""
        return self._catalog_records.get(current_language()) or self._catalog_records[DEFAULT_LANGUAGE]

    @once_per_object
    def _catalog_records(self) -> Mapping[str, tuple[Mapping, ...]]:
        return MappingProxyType({language: tuple(MappingProxyType(row) for row in frame.to_dict("records"))
                                 for language, frame in self.catalogs.items()})

    def indicator(self, indicator_id: str) -> dict:
        """Catalogue entry of an indicator in the current language (a new dict per call); InvalidChoice when
        unknown."""
        entries = self._catalog_entries.get(current_language()) or self._catalog_entries[DEFAULT_LANGUAGE]
        entry = entries.get(indicator_id) if isinstance(indicator_id, str) else None
        if entry is None:
            raise InvalidChoice("indicator", f"Unknown indicator {indicator_id!r}.",
                               sorted(self.catalog.indicator_id))
        return dict(entry)

    def row_at(self, indicator_id: str, nuts_id: str, year: int) -> dict | None:
        """``value``, ``flag`` and ``note`` of the region's first row in `year`, or None: read as scalars, without
        the one-row frame ``rows_of`` makes."""
        return self.region_rows[indicator_id].row_at(nuts_id, year)

    def rows_of(self, indicator_id: str, nuts_id: str, year: int | None = None) -> pd.DataFrame:
        """The rows of a region (in one `year`, or every year, by year): the index's answer to
        ``frame[(frame.nuts_id == nuts_id) & (frame.year == year)]``."""
        index = self.region_rows[indicator_id]
        if year is None:
            return self.by_indicator[indicator_id].iloc[index.positions(nuts_id)]
        position = index.position(nuts_id, year)
        return self.by_indicator[indicator_id].iloc[[] if position is None else [position]]

    @property
    def values(self) -> pd.DataFrame:
        """All values in one frame (built on demand: only the per-indicator frames are kept in memory)."""
        return pd.concat(self.by_indicator.values(), ignore_index=True)

    def region_names(self) -> pd.Series:
        """Latin-script name by NUTS code, made once per layer object (read-only: shared by every request)."""
        return self._region_names

    @once_per_object
    def _region_names(self) -> pd.Series:
        return self.regions.set_index("nuts_id").name_latn


def get_layer(path: str | None = None) -> Layer:
    """The processed layer at `path` (default: data/processed), loaded and verified once per process.

    Raises LayerMissingError when nothing is built there yet (checked again on the next call, so a server
    started before the build picks it up) and LayerDamagedError when verification failed (remembered: the
    files are hashed once per process, and the process never serves them)."""
    loaded = _load_layer(_resolved(str(path or default_layer_dir())))
    if isinstance(loaded, LayerDamagedError):
        raise LayerDamagedError(str(loaded))
    return loaded


@lru_cache(maxsize=16)
def _resolved(path: str) -> str:
    """The absolute path of a layer folder, resolved once per spelling: every data request asks for the layer,
    and resolving the path each time (a system call per path part) was a sixth of a cached answer's cost."""
    return str(Path(path).resolve())


def _clear_cache() -> None:
    _resolved.cache_clear()
    _load_layer.cache_clear()


get_layer.cache_clear = _clear_cache  # type: ignore[attr-defined]


@lru_cache(maxsize=8)
def _load_layer(path: str) -> Layer | LayerDamagedError:
    folder = Path(path)
    if not (folder / MANIFEST).exists():
        raise LayerMissingError(
            f"No data layer at {folder}. Build it with `python -m data.build` "
            f"(or `make run`), with ATLAS_RAW_DIR pointing at the raw files.")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        problem = manifest_problem(folder, manifest) if isinstance(manifest, dict) else "the manifest is not an object"
        if not problem:
            return _read_layer(folder, manifest)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        problem = f"layer files unreadable ({type(exc).__name__}: {str(exc)[:200]})"
    log.error("DATA LAYER DAMAGED at %s: %s. Data routes answer 503 until it is rebuilt "
              "(python -m data.build) and the server restarted.", folder, problem)
    return LayerDamagedError(problem)


def _read_layer(folder: Path, manifest: dict) -> Layer:
    regions = gpd.read_parquet(folder / "regions.parquet")
    values = pd.read_parquet(folder / "values.parquet")
    catalog = pd.read_parquet(folder / "catalog.parquet")
    catalog["levels"] = catalog["levels"].map(lambda a: [int(x) for x in a])
    catalog["years"] = catalog["years"].map(lambda a: [int(x) for x in a])
    values = values.assign(level=values.nuts_id.str.len().astype("int8") - 2)
    by_indicator = {k: g.reset_index(drop=True) for k, g in values.groupby("indicator_id", sort=False)}
    del values
    reference = pd.read_parquet(folder / "reference.parquet")
    sources = {**load_registry(), **layer_sources(folder)}
    publishers = {source_id: source.short_name for source_id, source in sources.items() if source.experimental}
    layer = Layer(
        path=folder,
        regions=regions,
        region_ids=frozenset(regions.nuts_id),
        catalogs=catalogs_by_language(catalog, reference=reference, publishers=publishers),
        reference=reference,
        manifest=MappingProxyType(manifest),
        by_indicator=MappingProxyType(by_indicator),
        sources=MappingProxyType(sources),
        no_data=pd.read_parquet(folder / NO_DATA_FILE) if (folder / NO_DATA_FILE).exists() else None,
    )
    return _add_shared_imports(layer)


def verified_bytes(layer: Layer, name: str) -> bytes:
    """A layer file (manifest name, e.g. ``geo/nuts2.geojson``) read after start, checked against the manifest's
    sha256 as at start: a file changed or deleted while the server runs is never served, it is a 503 that says
    why (``LayerDamagedError``), not wrong data or a 500."""
    expected = (layer.manifest.get("files") or {}).get(name)
    problem: str | None
    try:
        body = (layer.path / name).read_bytes()
    except OSError:
        problem = digest_problem(name, None, expected)
    else:
        problem = digest_problem(name, hashlib.sha256(body).hexdigest(), expected)
        if problem is None:
            return body
    log.error("DATA LAYER DAMAGED at %s since start: %s. Rebuild it (python -m data.build) and restart.",
              layer.path, problem)
    layer.integrity.record(name, problem)
    raise LayerDamagedError(problem)


@lru_cache(maxsize=8)
def geometry_bytes(layer: Layer, level: int) -> bytes:
    """The simplified boundaries of a NUTS level as built (GeoJSON), verified once and then kept: every map, export
    and the geometry route read these bytes, not the file."""
    return verified_bytes(layer, f"geo/nuts{int(level)}.geojson")


def _add_shared_imports(layer: Layer) -> Layer:
    """Lists added for all users with ``python -m data.import``: indicators join the catalogue, other lists ride along."""
    payloads = []
    for path in sorted((layer.path / "imports").glob("*.json")):
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(payload, dict) and isinstance(payload.get("rows"), list):
            payloads.append({**payload, "shared": True})
    if not payloads:
        return layer
    layer = add_indicators(layer, [compact_indicator(p, layer.region_ids) for p in payloads if p.get("kind") == "indicator"])
    return replace(layer, shared_imports=tuple(MappingProxyType(p) for p in payloads if p.get("kind") != "indicator"))


def parse_level(raw, valid: list[int]) -> int:
    try:
        level = int(str(raw).strip())
    except (TypeError, ValueError):
        raise InvalidChoice("level", f"level must be one of {valid}, got {str(raw)[:40]!r}.", valid) from None
    if level not in valid:
        raise InvalidChoice("level", f"No data at level {level} for this indicator; choose one of {valid}.", valid)
    return level


def years_with_data(layer: Layer, indicator_id: str, level: int) -> list[int]:
    return list(_years_with_data(layer, indicator_id, int(level)))


@layer_memo(maxsize=2048, max_bytes=2 * 1024 * 1024)
def _years_with_data(layer: Layer, indicator_id: str, level: int) -> tuple[int, ...]:
    frame = layer.by_indicator[indicator_id]
    return tuple(sorted(int(y) for y in frame[frame.level == level].year.unique()))


def best_covered_year(years: pd.Series):
    """The latest year with at least half as many rows as the best-covered year: where a user's own list should
    open (its last year often holds a few early figures only)."""
    counts = years.value_counts()
    return max(y for y, n in counts.items() if n >= counts.max() / 2)


def fullest_year(layer: Layer, indicator_id: str, level: int) -> int:
    frame = layer.by_indicator[indicator_id]
    return int(best_covered_year(frame[frame.level == level].year))


def parse_year(raw, valid: list[int]) -> int:
    if raw is None or str(raw).strip() == "":
        return valid[-1]
    try:
        year = int(str(raw).strip())
    except ValueError:
        raise InvalidChoice("year", f"year must be one of {valid}, got {str(raw)[:40]!r}.", valid) from None
    if year not in valid:
        raise InvalidChoice("year", f"No data in {year} at this level; choose one of {valid}.", valid)
    return year


def map_values(layer: Layer, indicator_id: str, level, year=None) -> tuple[dict, int, int, pd.DataFrame]:
    """Every region of `level` with the indicator's value in `year` (NaN = no data). Validates the parameters
    (InvalidChoice names the valid choices); returns (catalogue entry, level, year, frame with nuts_id, name,
    country, value, flag, note)."""
    meta = layer.indicator(indicator_id)
    level = parse_level(level, meta["levels"])
    year = parse_year(year, years_with_data(layer, indicator_id, level))
    return meta, level, year, _map_frame(layer, indicator_id, level, year).copy()


@layer_memo(maxsize=256, max_bytes=8 * 1024 * 1024)
def _map_frame(layer: Layer, indicator_id: str, level: int, year: int) -> pd.DataFrame:
    """``year_frame``, kept (4 ms to make again, so only 8 MB); ``map_values`` hands out copies."""
    return year_frame(layer, indicator_id, level, year)


def year_frame(layer: Layer, indicator_id: str, level: int, year: int) -> pd.DataFrame:
    """Every region of `level` (in ``level_regions``' order) with the value, flag and note of `year` (missing where
    the source has none), the year's rows found by their positions (``data.layer.ranks``)."""
    frame = layer.by_indicator[indicator_id]
    part = frame.iloc[layer.rank_columns[indicator_id].rows_of(level, year)]
    regions = level_regions(layer, level)
    where = pd.Index(part["nuts_id"]).get_indexer(regions["nuts_id"])
    out = regions.copy()
    for column in ("value", "flag", "note"):
        out[column] = part[column].array.take(where, allow_fill=True)
    return out


@layer_memo(maxsize=8, max_bytes=8 * 1024 * 1024)
def level_regions(layer: Layer, level: int) -> pd.DataFrame:
    """The regions of a level: nuts_id, name (Latin script), country; read-only, once per layer and level."""
    regions = layer.regions[layer.regions.level == level][["nuts_id", "name_latn", "country"]]
    out = pd.DataFrame(regions).rename(columns={"name_latn": "name"}).reset_index(drop=True)
    return out.astype({"nuts_id": object})  # as the merge on it gave


def source_of(layer: Layer, indicator_id: str, level: int | None = None) -> Source:
    """The source of an indicator's values at a level: the catalogue's ``source_by_level`` where a level comes
    from another source (country LQs of tsc00011: Eurostat, not the regional panel), else its own source. Every
    credit (API, map provenance, downloads, profile, brief) reads it."""
    meta = layer.indicator(indicator_id)
    by_level = meta.get("source_by_level") or ""
    if level is not None and isinstance(by_level, str) and by_level:
        other = json.loads(by_level).get(str(int(level)))
        if other in layer.sources:
            return layer.sources[other]
    return layer.sources[meta["source_id"]]


def indicator_caveat(layer: Layer, indicator_id: str) -> str:
    """What must accompany the indicator's values on every surface (experimental source, the index's own
    reference and the EU's value in that edition): the catalogue's ``caveat``, '' when there is none."""
    meta = layer.indicator(indicator_id)
    caveat = meta.get("caveat")
    return caveat if isinstance(caveat, str) else ""
