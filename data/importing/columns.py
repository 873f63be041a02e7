"""Which fields each kind of list has, and which of the file's columns holds each (by name, then by content).

The fields, their labels and their names in six languages live in one table, ``columns.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

import pandas as pd
from unidecode import unidecode

from data.importing.errors import ImportError_
from data.layer.language import DEFAULT_LANGUAGE, N_, current_language
from data.layer.language import gettext as _
from data.yaml_files import load_yaml

_TABLE = load_yaml(Path(__file__).with_name("columns.yaml"))
KINDS: tuple[str, ...] = tuple(_TABLE["kinds"])
FIELDS = MappingProxyType({kind: MappingProxyType({"required": tuple(spec["required"]),
                                                   "optional": tuple(spec["optional"])})
                           for kind, spec in _TABLE["kinds"].items()})
FIELD_LABELS = MappingProxyType({name: spec["label"] for name, spec in _TABLE["fields"].items()})
LOCATORS: tuple[str, ...] = tuple(_TABLE["locators"])
LONG_SYNONYM = 6
LOCATING_WAYS = MappingProxyType({"nuts": N_("a NUTS code"), "postcode": N_("a postcode with its country"),
                                  "lat": N_("latitude and longitude"), "town": N_("a town with its country"),
                                  "region": N_("a region name")})


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
        raise ImportError_(_("Unknown list type '%(kind)s'; choose one of %(kinds)s.") % {"kind": kind,
                                                                                       "kinds": ", ".join(KINDS)},
                           "unknown_kind")
    given = {f for f, c in mapping.items() if c in columns}
    missing = [_(label) for label, value in ((N_("source"), source), (N_("licence"), licence))
               if not str(value or "").strip()]
    missing += [_("%(field)s column") % {"field": field_in_sentence(f)} for f in FIELDS[kind]["required"]
                if f not in given]
    places = {"nuts", "region"} & given or ({"postcode", "town"} & given and "country" in given) \
        or {"lat", "lon"} <= given
    if not places:
        offered = [f for f in LOCATORS if f in (*FIELDS[kind]["required"], *FIELDS[kind]["optional"])]
        ways = ", ".join(_(LOCATING_WAYS[f]) for f in offered)
        missing.append((_("a column that locates the rows: %(ways)s (a postcode or a town needs the country column "
                          "too)") if {"postcode", "town"} & given else
                        _("a column that locates the rows: %(ways)s")) % {"ways": ways})
    return missing


def field_in_sentence(field: str) -> str:
    """A field's name inside a sentence: lower case in English ("name, country"); other languages keep the
    catalogue's capitals (German nouns are capitalised)."""
    label = _(FIELD_LABELS[field])
    return label.lower() if current_language() == DEFAULT_LANGUAGE else label


def check_request(kind: str, mapping: dict[str, str], columns: list[str], source: str | None = "x",
                  licence: str | None = "x") -> None:
    """Raise ``ImportError_`` (code ``missing_fields``) naming every missing requirement at once."""
    missing = missing_fields(kind, mapping, columns, source, licence)
    if missing:
        raise ImportError_(_("Missing: %(missing)s. Fill in the provenance in step 3 and choose the columns in "
                             "step 2.") % {"missing": "; ".join(missing)}, "missing_fields", tuple(missing))
