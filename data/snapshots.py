"""Dated snapshots of Eurostat tables fetched by ``python -m data.refresh``, and how the build uses them.

A snapshot is one directory ``<snapshot dir>/eurostat/<table>/<YYYYMMDDTHHMMSSZ>/`` holding the
response exactly as the API sent it (``<table>.sdmx.csv``) and a sidecar ``<table>.meta.json``
(URL with query, retrieval time, the table's last update, sha256, licence, citation, gate
report). The directory is assembled under a temporary name and renamed into place, so a
snapshot is either complete or absent. Only releases that passed the refresh gates are
written, so the newest snapshot of a table is its newest accepted release.

The build (``data/build.py``) calls :func:`apply` after the shipped extracts: every indicator
fed by a table that has a snapshot takes its values from the snapshot instead of the shipped
file, in the snapshot's own NUTS codes (the build then recodes them to NUTS 2021 like any other
source). :func:`catalog_sources` gives the build the source records that the catalogue, the
Sources page and every provenance line name ("Eurostat htec_emp_reg2, retrieved 2026-12-01").
Without snapshots nothing changes and the layer is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from data.registry import RawFile, Source, raw_dir, sha256_of, source_file
from data.sources import REFERENCE_COLUMNS, Extract, eurostat_regional, long_frame, split_aggregates

SNAPSHOT_DIR_ENV = "ATLAS_SNAPSHOT_DIR"
PUBLISHER = "eurostat"
DATA_SUFFIX = ".sdmx.csv"
META_SUFFIX = ".meta.json"
LICENCE = "Eurostat copyright and reuse policy (free reuse with acknowledgement)"
LICENCE_URL = "https://ec.europa.eu/eurostat/about-us/policies/copyright"
NON_DIMENSIONS = {"DATAFLOW", "LAST UPDATE", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS",
                  "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"}
FLAGS = {"b": "break in time series", "c": "confidential", "d": "definition differs", "e": "estimated",
         "f": "forecast", "n": "not significant", "p": "provisional", "r": "revised", "s": "Eurostat estimate",
         "u": "low reliability", "z": "not applicable"}


class SnapshotError(RuntimeError):
    """A snapshot or an API response cannot be read as the table it should be."""


@dataclass(frozen=True)
class TableSpec:
    """One Eurostat table behind the catalogue.

    ``dimensions`` are the table's dimensions in the order of its data structure definition
    (``geo`` last; the SDMX 2.1 key is positional), ``fixed`` the codes every indicator of the
    table uses for dimensions ``indicators.yaml`` does not name, ``column_dimension`` the
    dimension a shipped column name stands for when it is not ``<table>_<DIM>_<code>__...``.
    """

    code: str
    source_id: str
    dimensions: tuple[str, ...]
    fixed: Mapping[str, str] = field(default_factory=dict)
    column_dimension: str | None = None


TABLES: dict[str, TableSpec] = {spec.code: spec for spec in (
    TableSpec("htec_emp_reg2", "i40_readiness", ("freq", "nace_r2", "unit", "sex", "geo"), {"freq": "A"}),
    TableSpec("rd_e_gerdreg", "i40_readiness", ("freq", "sectperf", "unit", "geo"), {"freq": "A"}),
    TableSpec("rd_p_persreg", "i40_readiness", ("freq", "prof_pos", "sex", "sectperf", "unit", "geo"), {"freq": "A"}),
    TableSpec("hrst_st_rcat", "i40_readiness", ("freq", "category", "unit", "geo"), {"freq": "A"}),
    TableSpec("edat_lfse_04", "i40_readiness", ("freq", "sex", "isced11", "age", "unit", "geo"), {"freq": "A"}),
    TableSpec("tgs00003", "eurostat_regional", ("freq", "unit", "geo"), {"freq": "A"}),
    TableSpec("tgs00096", "eurostat_regional", ("freq", "unit", "sex", "age", "geo"), {"freq": "A", "unit": "NR"}),
    TableSpec("tgs00010", "eurostat_regional", ("freq", "sex", "age", "unit", "geo"), {"freq": "A", "age": "Y_GE15", "unit": "PC"}),
    TableSpec("tgs00026", "eurostat_regional", ("freq", "unit", "direct", "na_item", "geo"),
              {"freq": "A", "unit": "PPS_HAB", "direct": "BAL", "na_item": "B6N"}),
    TableSpec("tgs00049", "eurostat_regional", ("freq", "unit", "geo"), {"freq": "A", "unit": "PC_HH_IACC"}),
    TableSpec("tec00114", "eurostat_regional", ("freq", "na_item", "ppp_cat", "geo"),
              {"freq": "A", "na_item": "VI_PPS_EU27_2020_HAB", "ppp_cat": "GDP"}),
    TableSpec("tsc00011", "eurostat_regional", ("freq", "nace_r2", "unit", "sex", "geo"),
              {"freq": "A", "unit": "PC_EMP", "sex": "T"}),
    TableSpec("pat_ep_rtot", "eurostat_patents", ("freq", "unit", "geo"), {"freq": "A"}, column_dimension="unit"),
)}


@dataclass(frozen=True)
class Snapshot:
    table: str
    folder: Path
    meta: Mapping

    @property
    def data_file(self) -> Path:
        return self.folder / self.meta["file"]

    @property
    def retrieved(self) -> str:
        return str(self.meta["retrieved_at"])[:10]

    @property
    def relative_path(self) -> str:
        return f"{self.table}/{self.folder.name}/{self.meta['file']}"


# ---------------------------------------------------------------------------
# Which indicators a table feeds, and with which codes


def _column_selection(spec: TableSpec, column: str) -> dict[str, str]:
    """``htec_emp_reg2_NACE_R2_C_HTC__UNIT_PC_EMP__SEX_T`` -> {nace_r2: C_HTC, unit: PC_EMP, sex: T}."""
    if spec.column_dimension:
        return {spec.column_dimension: column}
    selection = {}
    for part in column[len(spec.code) + 1:].split("__"):
        dim = next((d for d in spec.dimensions if part.startswith(d.upper() + "_")), None)
        if dim is None:
            raise SnapshotError(f"{spec.code}: cannot read the dimension of {part!r} in column {column!r}")
        selection[dim] = part[len(dim) + 1:]
    return selection


def table_indicators(meta: pd.DataFrame, table: str) -> dict[str, dict[str, str]]:
    """indicator id -> the dimension codes that select it in `table` (from indicators.yaml)."""
    spec = TABLES[table]
    out = {}
    mine = meta[(meta.source_id == spec.source_id) & meta["derive"].isna()]
    for ind in mine.itertuples():
        chosen: dict[str, str] | None = None
        if isinstance(ind.filter, dict) and ind.filter.get("input_var_code") == table:
            chosen = {k: str(v) for k, v in ind.filter.items() if k != "input_var_code"}
        elif isinstance(ind.column, str) and str(ind.source_code).split()[0] == table and not isinstance(ind.table, str):
            chosen = _column_selection(spec, ind.column)
        if chosen is not None:
            out[ind.id] = {**spec.fixed, **chosen}
    return out


def query_codes(meta: pd.DataFrame, table: str) -> dict[str, list[str]]:
    """Per dimension, every code the table's indicators need (geo left open)."""
    codes: dict[str, set[str]] = {}
    for selection in table_indicators(meta, table).values():
        for dim, code in selection.items():
            codes.setdefault(dim, set()).add(code)
    return {dim: sorted(codes.get(dim, ())) for dim in TABLES[table].dimensions if dim != "geo"}


# ---------------------------------------------------------------------------
# Parsing the API's SDMX-CSV (and TSV) layouts


def _split_flagged(cell: str) -> tuple[str, str]:
    """TSV cell '0.9 b' -> ('0.9', 'b'); ': ' -> ('', ''); ': c' -> ('', 'c')."""
    text = cell.strip()
    value, _, flag = text.partition(" ")
    return ("" if value == ":" else value), flag.strip()


def _read_tsv(text: str) -> pd.DataFrame:
    header, *lines = [line for line in text.splitlines() if line.strip()]
    first, *periods = header.split("\t")
    dims = first.split("\\")[0].split(",")
    rows = []
    for line in lines:
        key, *cells = line.split("\t")
        codes = key.split(",")
        for period, cell in zip(periods, cells):
            value, flag = _split_flagged(cell)
            rows.append((*codes, period.strip(), value, flag))
    return pd.DataFrame(rows, columns=[*dims, "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"], dtype=str)


def read_release(content: bytes) -> tuple[pd.DataFrame, str | None]:
    """An API response as rows of dimension codes, TIME_PERIOD, OBS_VALUE, OBS_FLAG; plus the last update."""
    text = content.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    if "\\TIME_PERIOD" in first or "\\time" in first:
        return _read_tsv(text), None
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SnapshotError(f"response is neither SDMX-CSV nor TSV ({exc})") from exc
    missing = {"TIME_PERIOD", "OBS_VALUE"} - set(frame.columns)
    if missing:
        raise SnapshotError(f"response has no {', '.join(sorted(missing))} column: not SDMX-CSV")
    if "OBS_FLAG" not in frame:
        frame["OBS_FLAG"] = ""
    last = frame["LAST UPDATE"].dropna().unique() if "LAST UPDATE" in frame else []
    return frame, (_iso_last_update(str(last[0])) if len(last) else None)


def _iso_last_update(stamp: str) -> str:
    """SDMX-CSV 'LAST UPDATE' ('23/04/24 23:00:00') as ISO 8601; other forms are kept as given."""
    for fmt in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(stamp.strip(), fmt).isoformat()
        except ValueError:
            continue
    return stamp.strip()


def dimensions_of(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in NON_DIMENSIONS]


def indicator_rows(frame: pd.DataFrame, meta: pd.DataFrame, table: str) -> pd.DataFrame:
    """Long values (indicator_id, nuts_id, year, value, note) of the table's indicators; ':' is no data.

    Values are scaled by the indicator's ``scale`` exactly as the shipped extractors do; a
    publisher's flag becomes the row's note.
    """
    scale = meta.set_index("id")["scale"]
    frames = []
    annual = frame[frame.TIME_PERIOD.str.fullmatch(r"\d{4}")]
    for indicator_id, selection in table_indicators(meta, table).items():
        mask = pd.Series(True, index=annual.index)
        for dim, code in selection.items():
            if dim in annual:
                mask &= annual[dim] == code
        part = annual[mask]
        value = pd.to_numeric(part.OBS_VALUE.str.strip().replace(":", ""), errors="coerce")
        flags = part.OBS_FLAG.fillna("").str.strip()
        note = flags.map(lambda f: "; ".join(f"Eurostat flag {c} ({FLAGS[c]})" for c in f if c in FLAGS))
        frames.append(pd.DataFrame({"indicator_id": indicator_id, "nuts_id": part.geo.str.strip(),
                                    "year": part.TIME_PERIOD.astype(int), "value": value * float(scale[indicator_id]),
                                    "note": note}))
    if not frames:
        return pd.DataFrame(columns=["indicator_id", "nuts_id", "year", "value", "note"])
    out = pd.concat(frames, ignore_index=True)
    return out.dropna(subset=["value"]).reset_index(drop=True)


def detect_nuts_version(codes: pd.Series) -> int:
    """The NUTS version (2024, 2021 or 2016) whose code list holds most of the release's NUTS 1-3 codes."""
    lists = pd.read_csv(source_file("jrc_nuts_converter", "all_nuts_codes.csv"), dtype=str)
    regional = set(codes[codes.str.fullmatch(r"[A-Z]{2}[0-9A-Z]{1,3}")
                         & ~codes.str.fullmatch(r"[A-Z]{2}(Z{1,3}|X{1,3})")])
    best, best_hits = 2021, -1
    for version in (2024, 2021, 2016):
        hits = len(regional & set(lists[lists.version == str(version)].code))
        if hits > best_hits:
            best, best_hits = version, hits
    return best


def to_extract(rows: pd.DataFrame, nuts_version: int, table: str, notes: list[str] | None = None) -> Extract:
    """Release rows as an Extract in the release's own NUTS codes (EU aggregates go to ``reference``)."""
    frame = rows if "nuts_version" in rows else rows.assign(nuts_version=nuts_version)
    notes = notes if notes is not None else []
    regional, reference = split_aggregates(frame, notes, f"Eurostat {table}")
    return Extract(long_frame(regional), reference[REFERENCE_COLUMNS], notes)


# ---------------------------------------------------------------------------
# The snapshot store


def snapshot_dir() -> Path:
    """``$ATLAS_SNAPSHOT_DIR``, else ``snapshots/`` beside the raw files (``$ATLAS_RAW_DIR/snapshots``)."""
    configured = os.environ.get(SNAPSHOT_DIR_ENV)
    return (Path(configured) if configured else raw_dir() / "snapshots").resolve() / PUBLISHER


def _valid(folder: Path) -> Snapshot | None:
    metas = list(folder.glob(f"*{META_SUFFIX}"))
    if len(metas) != 1:
        return None
    try:
        meta = json.loads(metas[0].read_text(encoding="utf-8"))
        data = folder / meta["file"]
        if not data.is_file() or sha256_of(data) != meta["sha256"]:
            return None
    except (OSError, ValueError, KeyError):
        return None
    return Snapshot(meta["table"], folder, meta)


def latest(table: str, root: Path | None = None) -> Snapshot | None:
    """The newest complete, hash-checked snapshot of `table`, or None (then the shipped file is used)."""
    folder = (root or snapshot_dir()) / table
    if not folder.is_dir():
        return None
    for candidate in sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True):
        snap = _valid(candidate)
        if snap is not None:
            return snap
    return None


def accepted(root: Path | None = None) -> dict[str, Snapshot]:
    """table -> newest snapshot, for every table that has one."""
    found = {table: latest(table, root) for table in TABLES}
    return {table: snap for table, snap in found.items() if snap is not None}


def write_snapshot(table: str, content: bytes, meta: dict, root: Path | None = None) -> Snapshot:
    """Write the raw response and its sidecar into a new dated folder, atomically (rename of a complete folder)."""
    base = (root or snapshot_dir()) / table
    base.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.fromisoformat(meta["retrieved_at"]).strftime("%Y%m%dT%H%M%SZ")
    final = base / stamp
    if final.exists():
        raise SnapshotError(f"snapshot {final} already exists")
    staging = base / f".staging-{stamp}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        name = f"{table}{DATA_SUFFIX}"
        (staging / name).write_bytes(content)
        full = {**meta, "table": table, "file": name, "sha256": sha256_of(staging / name), "bytes": len(content)}
        (staging / f"{table}{META_SUFFIX}").write_text(json.dumps(full, indent=1, default=str), encoding="utf-8")
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Snapshot(table, final, full)


def input_hashes(root: Path | None = None) -> dict[str, str]:
    """snapshot path -> sha256 of every snapshot the build would use (part of the layer's inputs)."""
    return {f"snapshots/{PUBLISHER}/{s.relative_path}": s.meta["sha256"] for s in accepted(root).values()}


# ---------------------------------------------------------------------------
# The build hook


def source_id_for(table: str) -> str:
    return f"eurostat_api_{table}"


def snapshot_source(snap: Snapshot) -> Source:
    """A source record for one snapshot: what the Sources page and the provenance lines show."""
    meta = snap.meta
    return Source(
        id=source_id_for(snap.table),
        title=f"Eurostat table {snap.table}, release of {meta.get('last_update') or 'unknown date'} "
              f"(dissemination API, retrieved {snap.retrieved})",
        short_name=f"Eurostat {snap.table}, retrieved {snap.retrieved}",
        publisher="Eurostat",
        landing_page=f"https://ec.europa.eu/eurostat/databrowser/view/{snap.table}/default/table",
        licence=meta.get("licence", LICENCE),
        licence_url=meta.get("licence_url", LICENCE_URL),
        citation=meta.get("citation", ""),
        published=str(meta.get("last_update") or ""),
        accessed=snap.retrieved,
        files=(RawFile(path=f"snapshots/{PUBLISHER}/{snap.relative_path}", sha256=meta["sha256"],
                       download_url=meta.get("url")),),
        nuts_version=meta.get("nuts_version"),
    )


def apply(extracts: list[Extract], meta: pd.DataFrame,
          root: Path | None = None) -> tuple[list[Extract], dict[str, str], dict[str, Snapshot]]:
    """Replace, in the shipped extracts, every indicator of a snapshotted table by the snapshot's values.

    Returns the new extracts, indicator id -> snapshot source id (for the catalogue) and the
    snapshots used. ``gdp_per_inhabitant`` is recomputed from snapshots only when both of its
    tables (tgs00003, tgs00096) have one; otherwise it stays with the shipped GDP and population.
    """
    snaps = accepted(root)
    if not snaps:
        return extracts, {}, {}
    replaced: dict[str, str] = {}
    fresh: list[Extract] = []
    release_rows: dict[str, pd.DataFrame] = {}
    for table, snap in snaps.items():
        frame, _ = read_release(snap.data_file.read_bytes())
        rows = indicator_rows(frame, meta, table).assign(nuts_version=int(snap.meta["nuts_version"]))
        release_rows[table] = rows
        replaced.update({ind: source_id_for(table) for ind in table_indicators(meta, table)})
    if {"tgs00003", "tgs00096"} <= set(snaps) and "gdp_per_inhabitant" in set(meta.id):
        gdp, pop = release_rows["tgs00003"], release_rows["tgs00096"]
        derived = eurostat_regional.per_inhabitant(gdp[gdp.indicator_id == "gdp_mio_eur"],
                                                   pop[pop.indicator_id == "population"]).assign(note="")
        release_rows["tgs00003"] = pd.concat([gdp, derived], ignore_index=True)
        replaced["gdp_per_inhabitant"] = source_id_for("tgs00003")
    for table, rows in release_rows.items():
        notes = [f"Eurostat {table}: values from snapshot {snaps[table].relative_path}"]
        fresh.append(to_extract(rows, int(snaps[table].meta["nuts_version"]), table, notes))
    kept = [Extract(e.values[~e.values.indicator_id.isin(replaced)],
                    e.reference[~e.reference.indicator_id.isin(replaced)], e.notes) for e in extracts]
    return kept + fresh, replaced, snaps


def catalog_sources(catalog: pd.DataFrame, replaced: Mapping[str, str], used: Mapping[str, Snapshot]) -> pd.DataFrame:
    """Point the catalogue rows of snapshot-fed indicators at their snapshot's source record."""
    if not replaced:
        return catalog
    names = {source_id_for(t): snapshot_source(s).short_name for t, s in used.items()}
    ids = catalog.indicator_id.map(replaced)
    return catalog.assign(source_id=ids.fillna(catalog.source_id),
                          source_name=ids.map(names).fillna(catalog.source_name))


def layer_sources(layer_dir: Path) -> dict[str, Source]:
    """Source records of the snapshots a built layer used (read from its ``snapshots.json``)."""
    listing = Path(layer_dir) / "snapshots.json"
    if not listing.exists():
        return {}
    out = {}
    for item in json.loads(listing.read_text(encoding="utf-8")):
        snap = Snapshot(item["table"], Path(item["folder"]), item)
        source = snapshot_source(snap)
        out[source.id] = source
    return out


def write_layer_listing(out_dir: Path, used: Mapping[str, Snapshot]) -> None:
    """Record in the layer which snapshots it was built from (no file when none)."""
    if used:
        items = [{**s.meta, "folder": s.folder.name} for s in used.values()]
        (Path(out_dir) / "snapshots.json").write_text(json.dumps(items, indent=1, default=str), encoding="utf-8")
