"""Where an older NUTS code is in NUTS 2021: its successors and how they relate, from the layer's own rules.

The rules are the ones the layer recodes every value with (``data.pipeline.recode``: Eurostat's 2016-2021 change table for
NUTS 2016 codes, the JRC converter matrices for 2006, 2010, 2013 and 2024), saved in the layer as
``recoding_rules.parquet``. Relations:

* ``current`` — the code is a NUTS 2021 code;
* ``unchanged``, ``renamed``, ``recoded`` (new code, same territory) — one successor, figures carried over;
* ``boundary_shift`` — one successor whose territory differs (``minor`` when under 1 % of population and area:
  figures carried over; otherwise not);
* ``merged`` — the region is part of a larger 2021 region (counts summed only when every part has a value);
* ``split`` — the region was divided among several 2021 regions (figures not carried: never apportioned);
* ``unverified`` — the JRC row has placeholder weights, so the territory cannot be confirmed;
* ``discontinued`` — the table names no successor.

A rule that names no successor (Eurostat lists NO01 only as "discontinued") is completed by the same code's rule
in the nearest other version, which is said in ``table``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from data.importing.codes import CodeTables, code_tables
from data.layer import InvalidChoice, Layer
from domain.provenance import NUTS_VERSION

_CODE = re.compile(r"\b[A-Z]{2}[0-9A-Z]{1,3}\b")
_CODE_TEXT = re.compile(r"[A-Z]{2}[0-9A-Z]{0,3}")
RELATION_OF_KIND = {"unchanged": "unchanged", "renamed": "renamed", "recoded": "recoded", "minor_shift": "boundary_shift",
                    "merged": "merged", "unverified": "unverified"}
CARRIED = {"unchanged", "renamed", "recoded", "minor_shift"}
TABLES = {2016: "Eurostat NUTS 2016-2021 change table", 2024: "JRC NUTS converter matrix 2021-2024 (read backwards)"}


@dataclass(frozen=True)
class Lineage:
    code: str
    version: int
    known_in: tuple[int, ...]
    relation: str
    successors: tuple[str, ...]
    values_carried: bool
    table: str
    note: str
    minor: bool = False


def _table(version: int) -> str:
    return TABLES.get(version, f"JRC NUTS converter matrix {version}-{NUTS_VERSION}")


def _targets(note: str) -> list[str]:
    """Successor codes named in a rule's note ('split into HR02, HR05 and HR06', 'boundary change with NO08')."""
    for marker in ("-> ", " into ", " with ", "part of "):
        if marker in note:
            return list(dict.fromkeys(_CODE.findall(note.split(marker, 1)[1])))
    return []


def _from_rule(code: str, version: int, rule: tuple[str, str, str]) -> tuple[str, tuple[str, ...], bool, bool]:
    """(relation, successors, values carried, minor) of one rule."""
    to_code, kind, note = rule
    if kind in RELATION_OF_KIND and to_code:
        return RELATION_OF_KIND[kind], (to_code,), kind in CARRIED, kind == "minor_shift"
    targets = _targets(note)
    if kind == "unverified":
        return "unverified", tuple(targets), False, False
    if " split" in f" {note}" and len(targets) > 1:
        return "split", tuple(targets), False, False
    if targets:
        return "boundary_shift", tuple(targets), False, False
    return "discontinued", (), False, False


def lineage(tables: CodeTables, regions_2021: frozenset, code: str, version: int | None = None) -> Lineage:
    """The NUTS 2021 successors of ``code`` (from ``version``, default the latest older version listing it)."""
    code = code.strip().upper()
    known = tuple(v for v in tables.versions.get(code, ()))
    if code in regions_2021 and NUTS_VERSION not in known:
        known = tuple(sorted({*known, NUTS_VERSION}))
    if not known:
        raise LookupError(code)
    if version is not None and version not in known:
        raise InvalidChoice("from", f"{code} is not a NUTS {version} code; it is listed in NUTS "
                                   f"{', '.join(map(str, known))}.", list(known))
    if version is None:
        older = [v for v in known if v != NUTS_VERSION and (v, code) in tables.rules]
        version = NUTS_VERSION if code in regions_2021 or not older else older[-1]
    if version == NUTS_VERSION:
        return Lineage(code, version, known, "current", (code,), True, "NUTS 2021 code list (Eurostat/GISCO)", "")
    rules = tables.rules.get((version, code), ())
    successors: tuple[str, ...] = ()
    relation, carried, minor = "discontinued", False, False
    note, table = "", _table(version)
    if rules:
        relation, successors, carried, minor = _from_rule(code, version, rules[0])
        note = rules[0][2]
    if not successors:
        for other in sorted((v for v in known if v not in (version, NUTS_VERSION)), key=lambda v: abs(v - version)):
            for rule in tables.rules.get((other, code), ()):
                fallback = _from_rule(code, other, rule)
                if fallback[1]:
                    relation, successors, minor = fallback[0], fallback[1], fallback[3]
                    table = f"{table} (names no successor); successors from the {_table(other)}"
                    note = f"{note}; {rule[2]}".strip("; ")
                    break
            if successors:
                break
    successors = tuple(s for s in successors if s in regions_2021)
    return Lineage(code, version, known, relation, successors, carried, table, note, minor)


def code_lineage(layer: Layer, code: str, version: int | None = None) -> Lineage:
    """``lineage`` for the loaded layer; ``InvalidChoice`` for a malformed code, ``LookupError`` for an unknown one."""
    text = code.strip().upper()
    if not _CODE_TEXT.fullmatch(text):
        raise InvalidChoice("code", f"{code[:20]!r} is not a NUTS code (two letters and up to three letters or "
                                   "digits, e.g. HR04).", [])
    return lineage(code_tables(str(layer.path)), layer.region_ids, text, version)


def lineage_record(layer: Layer, item: Lineage) -> dict:
    names = layer.region_names()
    return {"code": item.code, "from": item.version, "known_in": list(item.known_in), "relation": item.relation,
            "minor": item.minor,
            "successors": [{"nuts_id": s, "name": names.get(s), "level": len(s) - 2, "relation": item.relation}
                           for s in item.successors],
            "values_carried": item.values_carried, "table": item.table, "note": item.note}
