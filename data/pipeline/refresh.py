"""Refresh the Eurostat tables behind the catalogue: ``python -m data.refresh [--tables ...] [--dry-run]``.

For each table: fetch its newest release from Eurostat's dissemination API (SDMX 2.1 data query,
SDMX-CSV, filtered to the codes the catalogue's indicators use), read it, recode it to NUTS 2021
with the build's own recoder, compare it with the version the build uses now (the newest
snapshot, else the shipped file) and write it as a dated snapshot only when every gate passes:

* units and dimensions unchanged (same dimension columns, every indicator still published in
  its unit);
* at least ``MIN_REGIONS_KEPT`` of the previous version's (indicator, region) pairs kept;
* overlapping years agree: a value that moved by more than ``REVISION_THRESHOLD`` is a
  publisher revision and is reported; more than ``MAX_REVISED_SHARE`` of overlapping values
  revised means the series is not the same one, and the release is refused.

A refused, unreachable or unreadable table changes nothing; the command prints one line per
table and exits non-zero. Run ``python -m data.build`` (``make build``) afterwards to use the
new snapshots.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
import requests

from data.layer import snapshot_sources
from data.layer.indicators import load_indicator_meta
from data.layer.registry import RawFileError, load_registry, source_file
from data.pipeline import eurostat_release, snapshots
from data.pipeline.eurostat_release import TABLES, SnapshotError
from data.pipeline.recode import Recoder, build_recoder
from data.pipeline.sources import Extract, eurostat_regional, i40, patents
from data.settings import env_name, settings

API_ENV = env_name("eurostat_api")
TIMEOUT = (10, 300)
MIN_REGIONS_KEPT = 0.90
REVISION_THRESHOLD = 0.05
MAX_REVISED_SHARE = 0.25
SHOWN_REVISIONS = 10
EXTRACTORS = {"i40_readiness": i40, "eurostat_regional": eurostat_regional, "eurostat_patents": patents}


@dataclass
class Outcome:
    table: str
    status: str  # accepted | refused | failed | checked (dry run)
    url: str
    lines: list[str] = field(default_factory=list)
    snapshot: Path | None = None

    def summary(self) -> str:
        """One line per table for a failure (URL and error); accepted/refused add their gate report."""
        head = f"{self.table}: {self.status.upper()} {self.url}"
        if self.status == "failed":
            return f"{head} -- {'; '.join(self.lines)}"
        return "\n".join([head, *(f"    {line}" for line in self.lines)])


def describe(exc: requests.RequestException) -> str:
    """A short reason: 'HTTP 404 Not Found', 'ConnectionError: ... Connection refused', 'Timeout'."""
    response = getattr(exc, "response", None)
    if response is not None:
        return f"HTTP {response.status_code} {response.reason}"
    reason = exc.args[0] if exc.args else exc
    reason = getattr(reason, "reason", reason)
    return f"{type(exc).__name__}: {re.sub(r'<[^>]*>: ', '', str(reason))}"


def api_base() -> str:
    return settings().eurostat_api.rstrip("/")


def release_url(table: str, meta: pd.DataFrame) -> str:
    """SDMX 2.1 data query for the codes the table's indicators need; geo (last) left open."""
    codes = eurostat_release.query_codes(meta, table)
    key = ".".join("+".join(codes.get(dim, [])) for dim in TABLES[table].dimensions)
    return f"{api_base()}/sdmx/2.1/data/{table}/{key}?format=SDMX-CSV&compressed=false"


def fetch(url: str) -> bytes:
    response = requests.get(url, timeout=TIMEOUT, headers={"Accept": "text/csv"})
    response.raise_for_status()
    return response.content


def recode_values(values: pd.DataFrame, meta: pd.DataFrame, recoder: Recoder) -> pd.DataFrame:
    """Recode a long table to NUTS 2021 with the build's recoder (counts may merge, rates may not)."""
    additive = meta.set_index("id").additive.astype(bool)
    frames = [recoder.recode(part, additive=bool(additive[ind]))[0] for ind, part in values.groupby("indicator_id")]
    if not frames:
        return pd.DataFrame(columns=["indicator_id", "nuts_id", "year", "value"])
    return pd.concat(frames, ignore_index=True)


def previous_version(table: str, meta: pd.DataFrame, root: Path | None = None) -> tuple[Extract, str]:
    """What the build uses for `table` now: its newest snapshot, else the shipped file."""
    snap = snapshots.latest(table, root)
    if snap is not None:
        frame, _ = eurostat_release.read_release(snap.data_file.read_bytes())
        rows = eurostat_release.indicator_rows(frame, meta, table)
        return eurostat_release.to_extract(rows, int(snap.meta["nuts_version"]), table), f"snapshot {snap.relative_path}"
    spec = TABLES[table]
    shipped = EXTRACTORS[spec.source_id].extract(meta)
    mine = set(eurostat_release.table_indicators(meta, table))
    values = shipped.values[shipped.values.indicator_id.isin(mine)]
    return Extract(values, shipped.reference), f"shipped file of source {spec.source_id}"


def check_release(table: str, frame: pd.DataFrame, new: pd.DataFrame, old: pd.DataFrame,
                  meta: pd.DataFrame) -> tuple[bool, list[str]]:
    """Apply the gates to a release (``new``/``old`` are long values recoded to NUTS 2021)."""
    spec = TABLES[table]
    problems: list[str] = []
    info: list[str] = []
    dims = eurostat_release.dimensions_of(frame)
    if set(dims) != set(spec.dimensions):
        problems.append(f"dimensions changed: expected {', '.join(spec.dimensions)}; release has {', '.join(dims)}")
    wanted = eurostat_release.table_indicators(meta, table)
    for indicator_id, selection in wanted.items():
        unit = selection.get("unit")
        if unit and "unit" in frame and unit not in set(frame["unit"]):
            found = ", ".join(sorted(set(frame["unit"]))) or "none"
            problems.append(f"unit changed for {indicator_id}: expected {unit}, release has {found}")
        elif indicator_id not in set(new.indicator_id):
            problems.append(f"{indicator_id}: no values in the release for {selection}")
    old_pairs = set(zip(old.indicator_id, old.nuts_id))
    new_pairs = set(zip(new.indicator_id, new.nuts_id))
    if old_pairs:
        kept = len(old_pairs & new_pairs) / len(old_pairs)
        line = f"regions kept: {kept:.1%} of {len(old_pairs)} (indicator, region) pairs of the previous version"
        (info if kept >= MIN_REGIONS_KEPT else problems).append(
            line if kept >= MIN_REGIONS_KEPT else f"{line}, below the {MIN_REGIONS_KEPT:.0%} minimum")
    keys = ["indicator_id", "nuts_id", "year"]
    both = old[keys + ["value"]].merge(new[keys + ["value"]], on=keys, suffixes=("_old", "_new"))
    if len(old) and both.empty:
        problems.append("no overlapping years with the previous version: the series cannot be checked")
    elif len(both):
        delta = (both.value_new - both.value_old).abs()
        scale = pd.concat([both.value_old.abs(), both.value_new.abs()], axis=1).max(axis=1)
        revised = both[(delta > REVISION_THRESHOLD * scale) & (delta > 1e-9)]
        share = len(revised) / len(both)
        line = (f"overlap: {len(both)} values; {len(revised)} ({share:.1%}) revised by more than "
                f"{REVISION_THRESHOLD:.0%}")
        if share > MAX_REVISED_SHARE:
            problems.append(f"{line}: more than {MAX_REVISED_SHARE:.0%} differ, not the same series "
                            f"(unit or definition change?)")
        else:
            info.append(line)
        for row in revised.head(SHOWN_REVISIONS).itertuples():
            (problems if share > MAX_REVISED_SHARE else info).append(
                f"revised {row.indicator_id} {row.nuts_id} {row.year}: {row.value_old:g} -> {row.value_new:g}")
    return not problems, problems + info


def refresh_table(table: str, meta: pd.DataFrame, recoder: Recoder | Callable[[], Recoder], *,
                  dry_run: bool = False, root: Path | None = None) -> Outcome:
    """Fetch, check and (when accepted) snapshot one table; `recoder` may be a factory, called only once a
    release has arrived, so an offline run fails fast."""
    url = release_url(table, meta)
    retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        content = fetch(url)
    except requests.RequestException as exc:
        return Outcome(table, "failed", url, [f"error: {describe(exc)}"])
    try:
        frame, last_update = eurostat_release.read_release(content)
        rows = eurostat_release.indicator_rows(frame, meta, table)
        version = eurostat_release.detect_nuts_version(rows.nuts_id) if len(rows) else 2021
        fresh = eurostat_release.to_extract(rows, version, table)
        if callable(recoder):
            recoder = recoder()
        new = recode_values(fresh.values, meta, recoder)
        previous, label = previous_version(table, meta, root)
        old = recode_values(previous.values, meta, recoder)
    except (SnapshotError, ValueError, KeyError, RawFileError) as exc:
        return Outcome(table, "failed", url, [f"error: cannot read the release: {exc}"])
    ok, lines = check_release(table, frame, new, old, meta)
    years = sorted(set(rows.year)) if len(rows) else []
    lines.insert(0, f"release: last update {last_update or 'not stated'}, NUTS {version} codes, "
                    f"years {years[0] if years else '-'}-{years[-1] if years else '-'}; compared with the {label}")
    if not ok:
        return Outcome(table, "refused", url, lines + ["the previous data stay in use"])
    if dry_run:
        return Outcome(table, "checked", url, lines + ["dry run: nothing written"])
    source = load_registry()[TABLES[table].source_id]
    sidecar = {
        "url": url,
        "retrieved_at": retrieved.isoformat(),
        "last_update": last_update,
        "format": "SDMX-CSV (Eurostat SDMX 2.1 API)",
        "nuts_version": version,
        "dimensions": eurostat_release.dimensions_of(frame),
        "query": eurostat_release.query_codes(meta, table),
        "indicators": sorted(eurostat_release.table_indicators(meta, table)),
        "licence": snapshot_sources.LICENCE,
        "licence_url": snapshot_sources.LICENCE_URL,
        "citation": f"Eurostat, table {table} (last update {last_update or 'not stated'}), "
                    f"retrieved {retrieved.date().isoformat()} from the Eurostat dissemination API.",
        "replaces": source.short_name,
        "gates": lines,
    }
    try:
        snap = snapshots.write_snapshot(table, content, sidecar, root)
    except (OSError, SnapshotError) as exc:
        return Outcome(table, "failed", url, [f"error: cannot write the snapshot: {exc}"])
    return Outcome(table, "accepted", url, lines + [f"written to {snap.folder}"], snap.folder)


@lru_cache(maxsize=1)
def shared_recoder() -> Recoder:
    """The build's recoder (NUTS change table + JRC matrices), loaded once per run."""
    return build_recoder(source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"),
                         source_file("jrc_nuts_converter", "n3_cm_v2010_v2021.csv").parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", nargs="+", choices=sorted(TABLES), default=sorted(TABLES),
                        metavar="TABLE", help=f"tables to refresh (default all: {', '.join(sorted(TABLES))})")
    parser.add_argument("--dry-run", action="store_true", help="fetch and check, write nothing")
    args = parser.parse_args(argv)
    meta = load_indicator_meta()
    outcomes = [refresh_table(t, meta, shared_recoder, dry_run=args.dry_run) for t in args.tables]
    for outcome in outcomes:
        print(outcome.summary())
    bad = [o for o in outcomes if o.status in ("failed", "refused")]
    accepted = [o for o in outcomes if o.status == "accepted"]
    print(f"refresh: {len(accepted)} accepted, {len(bad)} failed or refused, "
          f"{len(outcomes) - len(accepted) - len(bad)} checked only; snapshots in {snapshots.snapshot_dir()}")
    if accepted:
        print("refresh: run `make build` (python -m data.build) to rebuild the layer with the new snapshots")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
