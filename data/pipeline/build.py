"""Build the processed data layer: ``python -m data.build [--if-stale] [--out DIR]``.

load (registered raw files, hash-checked) -> process (extract per source, recode
to NUTS 2021, align to regions) -> validate -> save. The layer is written to a
fresh directory and published by atomically swapping the ``data/processed``
symlink, so a failed build leaves the previous layer serving.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import importlib
import io
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

from data.layer import paths as layer_paths
from data.layer.indicator_words import caveat_text
from data.layer.indicators import load_indicator_meta
from data.layer.registry import RawFileError, Source, load_registry, resolve, source_file
from data.layer.search_index import SEARCH_INDEX_FILE, build_search_index
from data.pipeline import snapshots
from data.pipeline.build_report import dropped_regions, no_data_reasons, recoding_report
from data.pipeline.derive import derive_specialisation
from data.pipeline.recode import Recoder, build_recoder
from data.pipeline.regions import build_regions
from data.pipeline.sources import Extract
from data.pipeline.validate import ValidationError, check_layer, drop_out_of_range

log = logging.getLogger("atlas.build")
CODE_FILES = ("*.yaml", "pipeline/**/*.py", "layer/*.py")


def code_fingerprint() -> str:
    """Hash of the pipeline's own code and metadata: a change makes the layer stale."""
    digest = hashlib.sha256()
    for pattern in CODE_FILES:
        for path in sorted(layer_paths.DATA_DIR.glob(pattern)):
            digest.update(path.relative_to(layer_paths.DATA_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def input_hashes() -> dict[str, str]:
    """Resolve and hash-check every required raw file; returns path -> sha256."""
    hashes = {}
    for source in load_registry().values():
        for raw in source.files:
            if raw.optional:
                continue
            resolve(raw)
            hashes[raw.path] = raw.sha256
    hashes.update(snapshots.input_hashes())
    return hashes


def extractor_of(source: Source):
    """The module named by a registry entry's ``extractor`` (a module in data/pipeline/sources/ or a dotted path)."""
    if not source.extractor:
        raise ValueError(f"source {source.id} names no extractor")
    name = source.extractor if "." in source.extractor else f"data.pipeline.sources.{source.extractor}"
    module = importlib.import_module(name)
    if not callable(getattr(module, "extract", None)):
        raise ValueError(f"extractor {name} of source {source.id} has no extract(indicators) function")
    return module


def run_extractors(registry: dict[str, Source], meta: pd.DataFrame) -> list[Extract]:
    """Every source in the registry that names an extractor, in registry order: nothing imported by name here."""
    return [extractor_of(source).extract(meta) for source in registry.values() if source.extractor]


def recode_all(extracts: list[Extract], meta: pd.DataFrame, recoder: Recoder) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recode each indicator to NUTS 2021 (counts may merge, rates may not).

    Returns the values and an audit with one row per raw row (kept, recoded, merged or dropped, with reason)."""
    additive = meta.set_index("id").additive.astype(bool)
    frames, audits = [], []
    for extract in extracts:
        for indicator_id, part in extract.values.groupby("indicator_id"):
            recoded, audit = recoder.recode_with_audit(part, additive=bool(additive[indicator_id]))
            frames.append(recoded)
            audits.append(audit)
    values = pd.concat(frames, ignore_index=True)
    return values, pd.concat(audits, ignore_index=True)


def source_versions(audit: pd.DataFrame) -> pd.Series:
    """Per indicator, the NUTS versions its rows were actually coded in (detected from the code lists)."""
    used = audit.dropna(subset=["from_version"])
    versions = used.groupby("indicator_id").from_version.apply(lambda s: sorted({int(v) for v in s}))
    return versions.map(lambda vs: str(vs[0]) if len(vs) == 1 else "mixed (" + ", ".join(map(str, vs)) + ")")


def make_catalog(values: pd.DataFrame, meta: pd.DataFrame, audit: pd.DataFrame, reference: pd.DataFrame,
                 registry: dict[str, Source] | None = None) -> pd.DataFrame:
    registry = registry or load_registry()
    versions = source_versions(audit)
    by_levels = [v if isinstance(v, dict) else {} for v in meta.get("source_by_level", pd.Series([None] * len(meta)))]
    levels = values.assign(level=values.nuts_id.str.len() - 2).groupby("indicator_id")["level"].apply(lambda s: sorted(set(int(x) for x in s)))
    years = values.groupby("indicator_id").year.apply(lambda s: sorted(set(int(x) for x in s)))
    counts = values.groupby("indicator_id").size()
    with_ref = set(reference[reference.ref_id == "EU27_2020"].indicator_id)  # the EU27 index needs EU27, not EU28
    catalog = pd.DataFrame({
        "indicator_id": meta.id,
        "label": meta.label,
        "description": meta.description,
        "unit": meta.unit,
        "theme": meta.theme,
        "source_id": meta.source_id,
        "source_name": [_source_name(registry, sid, by_level) for sid, by_level in zip(meta.source_id, by_levels)],
        "source_code": meta.source_code,
        "levels": meta.id.map(levels),
        "years": meta.id.map(years),
        "higher_is_better": meta.higher_is_better.map(lambda v: None if v is None or pd.isna(v) else bool(v)),
        "nuts_version_of_source": meta.id.map(versions).fillna("derived from NUTS 2021 values")
        .where(meta.source_id != "desi_2022", "country codes (NUTS 0)"),
        "derivation": meta.derivation.fillna(""),
        "additive": meta.additive.astype(bool),
        "has_eu_reference": meta.id.isin(with_ref),
        "n_values": meta.id.map(counts).fillna(0).astype("int64"),
        "eu_reference": [eu_reference_of(spec) for spec in meta["derive"]],
        "source_by_level": [json.dumps({str(k): v for k, v in by_level.items()}) if by_level else "" for by_level in by_levels],
        "experimental": meta.source_id.map(lambda s: bool(registry[s].experimental)),
        "caveat": [indicator_caveat(row, registry, reference) for row in meta.to_dict("records")],
    })
    return catalog.reset_index(drop=True)


def indicator_caveat(meta: dict, registry: dict[str, Source], reference: pd.DataFrame) -> str:
    """The words every surface showing the indicator's values repeats: experimental source, the index's own
    reference with the EU's value in that edition (read from the source's EU rows, never typed in); composed by
    ``caveat_text``, which the layer also uses for the other languages."""
    source = registry[meta["source_id"]]
    try:
        return caveat_text(meta.get("caveat") or "", source.short_name if source.experimental else None,
                           reference[reference.indicator_id == meta["id"]])
    except KeyError as missing:
        raise ValueError(f"{meta['id']}: caveat needs the reference {missing} the source does not publish") from None


def eu_reference_of(spec) -> str:
    """The one EU aggregate a derived ratio divides by (EU27_2020 or EU28), '' for plain values."""
    if not isinstance(spec, dict):
        return ""
    return spec.get("eu_ref") or "EU27_2020"


def _source_name(registry: dict[str, Source], source_id: str, by_level: dict) -> str:
    """Short name of the source, naming the other source of the levels that come from elsewhere."""
    if not by_level:
        return registry[source_id].short_name
    others = "; ".join(f"{registry[s].short_name} (NUTS {level})" for level, s in sorted(by_level.items()))
    return f"{registry[source_id].short_name} (other levels); {others}"


def _write_geojson(regions, out: Path) -> None:
    geo_dir = out / "geo"
    geo_dir.mkdir()
    for level, part in regions.groupby("level"):
        slim = part[["nuts_id", "geometry"]].rename(columns={"nuts_id": "id"})
        (geo_dir / f"nuts{level}.geojson").write_text(slim.to_json(drop_id=True, separators=(",", ":")), encoding="utf-8")


def write_extract_tables(extracts: list[Extract], out_dir: Path, report: dict) -> None:
    """Whole tables a source gives besides its values (e.g. the technology centres), with their report section."""
    for extract in extracts:
        for name, table in extract.tables.items():
            table.to_parquet(out_dir / f"{name}.parquet", index=False)
        report.update(extract.report)


def _write_import_support(out_dir: Path) -> gpd.GeoDataFrame:
    """What the import feature needs at run time, so it never reads raw files: the NUTS code lists of every
    version and the most detailed (1:3M) NUTS 3 geometry for locating coordinates."""
    codes = pd.read_csv(source_file("jrc_nuts_converter", "all_nuts_codes.csv"))
    codes.to_parquet(out_dir / "nuts_codes.parquet", index=False)
    with gzip.open(source_file("gisco_nuts_2021", "NUTS_RG_03M_2021_4326_LEVL_3.geojson.gz"), "rb") as handle:
        detailed = gpd.read_file(io.BytesIO(handle.read()))
    detailed = detailed.rename(columns={"NUTS_ID": "nuts_id"})[["nuts_id", "geometry"]]
    detailed.to_parquet(out_dir / "nuts3_detailed.parquet")
    return detailed


def _layer_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def build_layer(out_dir: Path) -> dict:
    """Build every table into `out_dir` (must not exist). Returns the build report."""
    started = time.perf_counter()
    report: dict = {"steps": {}, "dropped": {}, "notes": []}
    inputs = input_hashes()
    meta = load_indicator_meta()
    registry = load_registry()

    regions = build_regions()
    report["steps"]["regions"] = {str(k): int(v) for k, v in regions.level.value_counts().sort_index().items()}

    recoder = build_recoder(
        source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"),
        source_file("jrc_nuts_converter", "n3_cm_v2010_v2021.csv").parent,
        extra_2021=frozenset(regions.nuts_id),
    )
    extracts, from_snapshots, snapshots_used = snapshots.apply(run_extractors(registry, meta), meta)
    for e in extracts:
        report["notes"].extend(e.notes)
    raw_rows = sum(len(e.values) for e in extracts)
    reference = pd.concat([e.reference for e in extracts], ignore_index=True)

    values, audit = recode_all(extracts, meta, recoder)
    outside = ~values.nuts_id.isin(regions.nuts_id)
    if outside.any():
        report["dropped"]["not_in_nuts_2021_geometry"] = (values[outside].groupby("indicator_id").nuts_id
                                                          .apply(lambda s: sorted(set(s))).to_dict())
    values = values[~outside]
    flags = values.flag.replace("", "unchanged").value_counts().to_dict()
    dropped = audit[audit.action == "dropped"]
    report["steps"]["recoding"] = {"rows_in": raw_rows, "rows_out": len(values), "by_flag": flags,
                                   "dropped": int(len(dropped)),
                                   "dropped_by_reason": {str(k): int(v) for k, v in dropped.reason.value_counts().items()}}
    report["recoding_by_source_year"] = recoding_report(audit, meta)
    report["dropped_regions"] = dropped_regions(audit, recoder.rules, meta)
    if len(dropped):
        report["dropped"]["recoding"] = (dropped.groupby(["indicator_id", "reason"])
                                         .agg(rows=("nuts_id", "size"), codes=("nuts_id", lambda c: sorted(set(c))))
                                         .reset_index().to_dict("records"))
    values = values.drop(columns=["source_code"], errors="ignore")

    values, derive_notes = derive_specialisation(values.drop(columns=["nuts_version"], errors="ignore"), reference, meta)
    report["notes"].extend(derive_notes)
    values, out_of_range = drop_out_of_range(values, meta)
    if len(out_of_range):
        report["dropped"]["out_of_range"] = out_of_range[["indicator_id", "nuts_id", "year", "value", "reason"]].to_dict("records")

    values = values.drop(columns=["nuts_version"], errors="ignore")
    values = values.sort_values(["indicator_id", "nuts_id", "year"]).reset_index(drop=True)
    values = values.astype({"indicator_id": "string", "nuts_id": "string", "year": "int16",
                            "value": "float64", "flag": "string", "note": "string"})
    check_layer(values, regions, meta, set(registry))
    catalog = snapshots.catalog_sources(make_catalog(values, meta, audit, reference, registry), from_snapshots, snapshots_used)

    out_dir.mkdir(parents=True)
    regions.to_parquet(out_dir / "regions.parquet")
    values.to_parquet(out_dir / "values.parquet", index=False)
    catalog.to_parquet(out_dir / "catalog.parquet", index=False)
    reference.sort_values(["indicator_id", "year"]).to_parquet(out_dir / "reference.parquet", index=False)
    recoder.rules.to_parquet(out_dir / "recoding_rules.parquet", index=False)
    no_data_reasons(audit, recoder.rules, values).to_parquet(out_dir / "no_data_reasons.parquet", index=False)
    _write_geojson(regions, out_dir)
    detailed = _write_import_support(out_dir)
    build_search_index(regions, detailed).to_parquet(out_dir / SEARCH_INDEX_FILE, index=False)
    snapshots.write_layer_listing(out_dir, snapshots_used)
    write_extract_tables(extracts, out_dir, report)

    report["steps"]["values"] = {"rows": len(values), "indicators": int(values.indicator_id.nunique())}
    report["seconds"] = round(time.perf_counter() - started, 2)
    (out_dir / "build_report.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    manifest = {
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "layer_hash": _layer_hash(out_dir),
        "code_fingerprint": code_fingerprint(),
        "inputs": inputs,
        "files": layer_paths.file_digests(out_dir),
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return report


def publish(built: Path, target: Path) -> None:
    """Point `target` at `built` with an atomic symlink swap; keep one previous layer."""
    target = Path(target)
    if target.exists() and not target.is_symlink():
        legacy = built.parent / f"legacy-{int(time.time())}"
        shutil.move(str(target), legacy)
    tmp_link = target.parent / f".{target.name}.{os.getpid()}.tmp"
    os.symlink(os.path.relpath(built, target.parent), tmp_link)
    os.replace(tmp_link, target)
    layers = sorted((p for p in built.parent.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in layers[:-2]:
        shutil.rmtree(old, ignore_errors=True)


def build(target: Path | None = None) -> dict:
    """Build a new layer beside `target` and swap it in; raise on any failure."""
    target = Path(target or layer_paths.default_layer_dir())
    store = target.parent / f".{target.name}-builds"
    store.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    work = store / f"{stamp}-{os.getpid()}"
    try:
        report = build_layer(work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    publish(work, target)
    return report


def is_stale(target: Path) -> str | None:
    """Why the layer at `target` needs rebuilding, or None when it is current.

    Compares the registry's sha256 of each raw input with the manifest's and the layer files with their
    recorded hashes: no raw file is read, so a valid layer is served on a machine without the raw files."""
    manifest = Path(target) / "manifest.json"
    if not manifest.exists():
        return "no layer built yet"
    stored = json.loads(manifest.read_text(encoding="utf-8"))
    if stored.get("code_fingerprint") != code_fingerprint():
        return "pipeline code or metadata changed"
    registered = {raw.path: raw.sha256 for s in load_registry().values() for raw in s.files if not raw.optional}
    if registered != stored.get("inputs"):
        return "registered raw inputs changed"
    return layer_paths.manifest_problem(Path(target), stored)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="layer directory (default data/processed)")
    parser.add_argument("--if-stale", action="store_true", help="only build when missing or older than its inputs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    target = Path(args.out or layer_paths.default_layer_dir())
    if args.if_stale:
        reason = is_stale(target)
        if reason is None:
            log.info("Data layer at %s is up to date.", target)
            return 0
        log.info("Building the data layer: %s.", reason)
    try:
        report = build(target)
    except (RawFileError, ValidationError, ValueError) as exc:
        log.error("Build failed; the previous layer (if any) stays in place.\n%s", exc)
        return 1
    log.info("Layer written to %s in %.1f s", target, report["seconds"])
    log.info("  regions per level: %s", report["steps"]["regions"])
    log.info("  values: %s", report["steps"]["values"])
    log.info("  recoding: %s", report["steps"]["recoding"])
    for kind, rows in report["dropped"].items():
        log.info("  dropped (%s): %d entries, see build_report.json", kind, len(rows))
    for note in report["notes"]:
        log.info("  note: %s", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
