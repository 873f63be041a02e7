"""Imported indicators as catalogue indicators, so every surface (map, table, profile, downloads, exports) reads them
through the same functions as the built ones.

An imported indicator list (from the browser's store or from ``python -m data.import``) becomes one catalogue row
(theme ``imported``, its unit and source as the user gave them), one value frame and one ``Source`` record that
says it was imported and not verified. ``with_imported`` returns the layer plus those indicators; it is cached
by content, so the same list gives the same (read-only) layer object and per-layer caches keep working.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any, ClassVar, Protocol, TypeVar

import pandas as pd

from data.layer.registry import Source


class Layer(Protocol):
    """What this module reads of ``data.layer.Layer`` (which loads shared imports through this module, so the
    class is described here rather than imported)."""

    __dataclass_fields__: ClassVar[dict[str, Any]]  # a dataclass: a layer plus indicators is dataclasses.replace()

    @property
    def catalogs(self) -> Mapping[str, pd.DataFrame]: ...
    @property
    def by_indicator(self) -> Mapping[str, pd.DataFrame]: ...
    @property
    def sources(self) -> Mapping: ...
    @property
    def region_ids(self) -> frozenset: ...
    def __hash__(self) -> int: ...  # by identity: the layer plus a list is cached per layer


AnyLayer = TypeVar("AnyLayer", bound=Layer)

PREFIX = "imp-"
THEME = "imported"
FLAG = "imported"
SOURCE_CODE = "imported, not verified"
_ID = re.compile(r"^imp-[0-9a-f]{10}$")
_YEAR = re.compile(r"^\s*(\d{4})")


def is_imported_id(indicator_id: object) -> bool:
    return isinstance(indicator_id, str) and bool(_ID.match(indicator_id))


def _text(value: object, limit: int) -> str:
    return str(value if value is not None else "").strip()[:limit]


def _canonical(value: object) -> object:
    """JSON as a browser gives it back: 2.0 and 2 are one number there."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    return value


def imported_id(payload: dict) -> str:
    """Stable id from the content (same list, same id, in any browser or worker, before or after a JSON round trip)."""
    key = json.dumps(_canonical([payload.get("kind"), payload.get("source"), payload.get("label"), payload.get("unit"),
                                 payload.get("rows")]), sort_keys=True, ensure_ascii=False, default=str)
    return PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def imported_lists(layers: object, kind: str, shared: tuple = ()) -> list[dict]:
    """Well-formed lists of one kind: those added for everyone (``shared``, from ``python -m data.import``), then
    those of a browser store (untrusted JSON)."""
    return [dict(payload) for payload in [*shared, *(layers if isinstance(layers, list) else [])]
            if isinstance(payload, dict | MappingProxyType) and payload.get("kind") == kind
            and isinstance(payload.get("rows"), list)]


def compact_indicators(layers: object, region_ids: frozenset) -> dict[str, dict]:
    """The indicator lists of a browser store, keyed by id, reduced to what a map needs:
    provenance plus ``[nuts_id, year, value]`` triples of known regions (a few bytes per value on the wire)."""
    found = {}
    for payload in imported_lists(layers, "indicator"):
        compact = compact_indicator(payload, region_ids)
        if compact["rows"]:
            found[compact["id"]] = compact
    return found


def _triples(rows: list, region_ids: frozenset) -> list[list]:
    """``[nuts_id, year, value]`` of rows with a known region, a year and a finite number; first of duplicates."""
    triples, seen = [], set()
    for code, year, value in rows:
        code, year, value = str(code or ""), _year(year), _number(value)
        if code in region_ids and year is not None and value is not None and (code, year) not in seen:
            seen.add((code, year))
            triples.append([code, year, value])
    return triples


def _provenance(payload: dict) -> dict:
    return {"label": _text(payload.get("label"), 120) or _text(payload.get("file"), 120) or "Imported indicator",
            "source": _text(payload.get("source"), 300) or "source not stated",
            "licence": _text(payload.get("licence"), 200) or "licence not stated",
            "imported_at": _text(payload.get("imported_at"), 30), "shared": bool(payload.get("shared"))}


def compact_indicator(payload: dict, region_ids: frozenset) -> dict:
    rows = [r for r in payload.get("rows") or [] if isinstance(r, dict)]
    unit = _text(payload.get("unit"), 100)
    if not unit:
        units = {_text(r.get("unit"), 100) for r in rows} - {""}
        unit = units.pop() if len(units) == 1 else "unit not stated"
    triples = _triples([(r.get("nuts_id"), r.get("year"), r.get("value")) for r in rows], region_ids)
    return {"id": imported_id(payload), **_provenance(payload), "unit": unit, "rows": triples}


def _year(value: object) -> int | None:
    match = _YEAR.match(str(value if value is not None else ""))
    return int(match.group(1)) if match and 1900 <= int(match.group(1)) <= 2100 else None


def _number(value: object) -> float | None:
    try:
        number = float(str(value).replace(",", ".")) if not isinstance(value, (int, float)) else float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def indicator_frame(compact: dict) -> pd.DataFrame:
    frame = pd.DataFrame(compact["rows"], columns=["nuts_id", "year", "value"])
    return frame.assign(indicator_id=compact["id"], note="", flag=FLAG, year=frame.year.astype("int16"),
                        value=frame.value.astype("float64"), level=(frame.nuts_id.str.len() - 2).astype("int8"),
                        )[["indicator_id", "nuts_id", "year", "value", "note", "flag", "level"]]


def imported_source(compact: dict) -> Source:
    source, when = compact["source"], compact["imported_at"] or "in this browser"
    who = "the deployment's administrator" if compact.get("shared") else "the user"
    return Source(id=f"imported:{compact['id']}", title=source, short_name=source[:60],
                  publisher=source, landing_page="", licence=compact["licence"], licence_url="",
                  citation=f"{source}. Imported by {who} into Cluster Atlas ({when}); not verified by Cluster Atlas.",
                  published="", accessed=when, files=())


def catalog_row(compact: dict, frame: pd.DataFrame) -> dict:
    return {
        "indicator_id": compact["id"], "label": compact["label"],
        "description": f"Imported from “{compact['source']}” ({compact['unit']}); each row located in a NUTS 2021 "
                       "region by Cluster Atlas's importer. Not verified by Cluster Atlas.",
        "unit": compact["unit"], "theme": THEME, "source_id": f"imported:{compact['id']}",
        "source_name": compact["source"][:60], "source_code": SOURCE_CODE,
        "levels": sorted(int(x) for x in frame.level.unique()), "years": sorted(int(y) for y in frame.year.unique()),
        "higher_is_better": None, "nuts_version_of_source": "NUTS 2021 (located on import)", "derivation": "",
        "additive": False, "has_eu_reference": False, "n_values": len(frame),
    }


def add_indicators(layer: AnyLayer, compacts: list[dict]) -> AnyLayer:
    """The layer plus the given (compact) indicator lists; the layer itself when none adds anything."""
    rows, frames, sources = [], dict(layer.by_indicator), dict(layer.sources)
    for compact in compacts:
        if compact["id"] in frames or not compact["rows"]:
            continue
        frame = indicator_frame(compact)
        rows.append(catalog_row(compact, frame))
        frames[compact["id"]] = frame
        sources[f"imported:{compact['id']}"] = imported_source(compact)
    if not rows:
        return layer
    added = pd.DataFrame(rows).assign(unit_en=lambda f: f["unit"], label_en=lambda f: f["label"])
    catalogs = {language: pd.concat([frame, added], ignore_index=True) for language, frame in layer.catalogs.items()}
    return replace(layer, catalogs=MappingProxyType(catalogs), by_indicator=MappingProxyType(frames), sources=MappingProxyType(sources))


@lru_cache(maxsize=32)
def _with_imported(layer: AnyLayer, compact_json: str) -> AnyLayer:
    return add_indicators(layer, [json.loads(compact_json)])


def with_imported(layer: AnyLayer, compact: object) -> AnyLayer:
    """The layer plus one compact imported indicator sent back by the browser (re-checked: it is untrusted)."""
    if not isinstance(compact, dict) or not is_imported_id(compact.get("id")) or not isinstance(compact.get("rows"), list):
        return layer
    rows = [r for r in compact["rows"] if isinstance(r, list) and len(r) == 3]
    checked = {"id": compact["id"], **_provenance(compact), "unit": _text(compact.get("unit"), 100) or "unit not stated",
               "rows": _triples(rows, layer.region_ids)}
    return _with_imported(layer, json.dumps(checked, sort_keys=True, ensure_ascii=False))
