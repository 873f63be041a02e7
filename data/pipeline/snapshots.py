"""Dated snapshots of Eurostat tables fetched by ``python -m data.refresh``, and how the build uses them.

A snapshot is one directory ``<snapshot dir>/eurostat/<table>/<YYYYMMDDTHHMMSSZ>/`` holding the
response exactly as the API sent it (``<table>.sdmx.csv``) and a sidecar ``<table>.meta.json``
(URL with query, retrieval time, the table's last update, sha256, licence, citation, gate
report). The directory is assembled under a temporary name and renamed into place, so a
snapshot is either complete or absent. Only releases that passed the refresh gates are
written, so the newest snapshot of a table is its newest accepted release.

The build (``data/pipeline/build.py``) calls :func:`apply` after the shipped extracts: every indicator
fed by a table that has a snapshot takes its values from the snapshot instead of the shipped
file, in the snapshot's own NUTS codes (the build then recodes them to NUTS 2021 like any other
source). :func:`catalog_sources` gives the build the source records that the catalogue, the
Sources page and every provenance line name ("Eurostat htec_emp_reg2, retrieved 2026-12-01").
Without snapshots nothing changes and the layer is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from data.layer.registry import raw_dir, sha256_of
from data.layer.snapshot_sources import PUBLISHER, Snapshot, snapshot_source, source_id_for
from data.pipeline.eurostat_release import TABLES, SnapshotError, indicator_rows, read_release, table_indicators, to_extract
from data.pipeline.sources import Extract, eurostat_regional
from data.settings import env_name, settings

SNAPSHOT_DIR_ENV = env_name("snapshot_dir")
DATA_SUFFIX = ".sdmx.csv"
META_SUFFIX = ".meta.json"
NON_DIMENSIONS = {"DATAFLOW", "LAST UPDATE", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS",
                  "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"}
FLAGS = {"b": "break in time series", "c": "confidential", "d": "definition differs", "e": "estimated",
         "f": "forecast", "n": "not significant", "p": "provisional", "r": "revised", "s": "Eurostat estimate",
         "u": "low reliability", "z": "not applicable"}


# ---------------------------------------------------------------------------
# Which indicators a table feeds, and with which codes


def snapshot_dir() -> Path:
    """``$ATLAS_SNAPSHOT_DIR``, else ``snapshots/`` beside the raw files (``$ATLAS_RAW_DIR/snapshots``)."""
    configured = settings().snapshot_dir
    return (configured or raw_dir() / "snapshots").resolve() / PUBLISHER


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


def write_layer_listing(out_dir: Path, used: Mapping[str, Snapshot]) -> None:
    """Record in the layer which snapshots it was built from (no file when none)."""
    if used:
        items = [{**s.meta, "folder": s.folder.name} for s in used.values()]
        (Path(out_dir) / "snapshots.json").write_text(json.dumps(items, indent=1, default=str), encoding="utf-8")
