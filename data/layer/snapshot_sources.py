"""Source records of the Eurostat snapshots a layer was built from, as the running app names them.

The refresh and the build (``data/pipeline/snapshots.py``) write snapshots and the layer's ``snapshots.json``;
the app only reads that listing back, so this part lives with the run-time layer and needs nothing of the
pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from data.layer.registry import RawFile, Source

PUBLISHER = "eurostat"
LICENCE = "Eurostat copyright and reuse policy (free reuse with acknowledgement)"
LICENCE_URL = "https://ec.europa.eu/eurostat/about-us/policies/copyright"


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
