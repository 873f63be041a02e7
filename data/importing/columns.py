"""Which fields each kind of list has, and which of the file's columns holds each (by name, then by content).

The fields, their labels and their names in six languages live in one table, ``columns.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import yaml
from unidecode import unidecode

from data.importing.errors import ImportError_

_TABLE = yaml.safe_load(Path(__file__).with_name("columns.yaml").read_text(encoding="utf-8"))
KINDS: tuple[str, ...] = tuple(_TABLE["kinds"])
FIELDS = MappingProxyType({kind: MappingProxyType({"required": tuple(spec["required"]),
                                                   "optional": tuple(spec["optional"])})
                           for kind, spec in _TABLE["kinds"].items()})
FIELD_LABELS = MappingProxyType({name: spec["label"] for name, spec in _TABLE["fields"].items()})
LOCATORS: tuple[str, ...] = tuple(_TABLE["locators"])
LONG_SYNONYM = 6


def norm(text: object) -> str:
    """Case-, accent- and punctuation-insensitive form of a header or a name."""
    return re.sub(r"[^a-z0-9@]+", " ", unidecode(str(text)).lower()).strip()


SYNONYMS = MappingProxyType({name: tuple(dict.fromkeys(norm(s) for s in spec["synonyms"]))
                             for name, spec in _TABLE["fields"].items()})


def _by_name(columns: dict[str, str], wanted: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for fld in wanted:
        hit = next((col for col, key in columns.items() if key in SYNONYMS[fld] and col not in mapping.values()), None)
        if hit is not None:
            mapping[fld] = hit
    for fld in [f for f in wanted if f not in mapping]:
        long = [s for s in SYNONYMS[fld] if len(s) >= LONG_SYNONYM]
        hit = next((col for col, key in columns.items() if col not in mapping.values()
                    and any(re.search(rf"\b{re.escape(s)}\b", key) for s in long)), None)
        if hit is not None:
            mapping[fld] = hit
    return mapping


def auto_mapping(frame: pd.DataFrame, kind: str) -> dict[str, str]:
    """Field -> column, matched by name (synonyms in six languages) and then by content (NUTS codes)."""
    wanted = [*FIELDS[kind]["required"], *FIELDS[kind]["optional"]]
    mapping = _by_name({c: norm(c) for c in frame.columns}, wanted)
    if "nuts" in wanted and "nuts" not in mapping:
        sample = frame.head(200)
        for col in frame.columns:
            if col in mapping.values():
                continue
            values = sample[col].dropna().astype(str).str.strip()
            values = values[values != ""]
            if not values.empty and values.str.fullmatch(r"[A-Z]{2}[0-9A-Z]{0,3}").mean() > 0.9 \
                    and values.str.len().max() > 2:
                mapping["nuts"] = col
                break
    return mapping


def missing_fields(kind: str, mapping: dict[str, str], columns: list[str], source: str | None = "x",
                   licence: str | None = "x") -> list[str]:
    """Every missing requirement, in words: provenance, required columns, and one way to locate the rows."""
    if kind not in KINDS:
        raise ImportError_(f"Unknown list type {kind!r}; choose one of {', '.join(KINDS)}.", "unknown_kind")
    given = {f for f, c in mapping.items() if c in columns}
    missing = [label for label, value in (("source", source), ("licence", licence)) if not str(value or "").strip()]
    missing += [f"{FIELD_LABELS[f].lower()} column" for f in FIELDS[kind]["required"] if f not in given]
    places = {"nuts", "region"} & given or ({"postcode", "town"} & given and "country" in given) \
        or {"lat", "lon"} <= given
    if not places:
        offered = [f for f in LOCATORS if f in (*FIELDS[kind]["required"], *FIELDS[kind]["optional"])]
        ways = {"nuts": "a NUTS code", "postcode": "a postcode with its country", "lat": "latitude and longitude",
                "town": "a town with its country", "region": "a region name"}
        needs = " (a postcode or a town needs the country column too)" if {"postcode", "town"} & given else ""
        missing.append("a column that locates the rows: " + ", ".join(ways[f] for f in offered) + needs)
    return missing


def check_request(kind: str, mapping: dict[str, str], columns: list[str], source: str | None = "x",
                  licence: str | None = "x") -> None:
    """Raise ``ImportError_`` (code ``missing_fields``) naming every missing requirement at once."""
    missing = missing_fields(kind, mapping, columns, source, licence)
    if missing:
        raise ImportError_("Missing: " + "; ".join(missing) + ". Fill in the provenance in step 3 and choose the "
                           "columns in step 2.", "missing_fields", tuple(missing))
