"""NUTS codes of any version (2006-2024) to NUTS 2021, with the data layer's own official recoding rules.

A code whose region was split or retired has no NUTS 2021 equivalent at its own level. For a point-like row
(an organisation, a region's priority) it is placed at the finest NUTS 2021 region that still contains it
exactly: the region it was merged into, the common parent of the regions it was split into (Eurostat change
table, JRC converter matrices), or its own parent when that parent carried over to 2021 unchanged — "located at
a coarser level". A value of
an indicator is never moved to a larger region: the value of a part is not the value of the whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pandas as pd

from data.layer.language import N_
from data.layer.language import gettext as _

CARRY = {"unchanged": N_("same code in 2021"), "renamed": N_("renamed in 2021"), "recoded": N_("now %(to)s"),
         "minor_shift": N_("now %(to)s, minor boundary shift")}
LEVEL_NAMES = {0: N_("country"), 1: N_("NUTS 1"), 2: N_("NUTS 2"), 3: N_("NUTS 3")}
_TARGETS = re.compile(r"\binto (?:new )?(.+)$")
_CODE = re.compile(r"\b[A-Z]{2}[0-9A-Z]{1,3}\b")


@dataclass(frozen=True)
class Located:
    """Where a row was placed (``nuts_id`` None when nowhere), how or why not (in the reader's language), whether at
    a coarser level, and by which of the row's cells (``by``: nuts, postcode, coordinates, town, region)."""

    nuts_id: str | None
    how: str
    coarser: bool = False
    by: str = ""


@dataclass(frozen=True)
class CodeTables:
    """The layer's NUTS code versions and recoding rules, indexed for lookups (read-only, one per layer)."""

    versions: MappingProxyType  # code -> sorted versions it exists in
    rules: MappingProxyType  # (version, code) -> tuple of (to_code, kind, note)


@lru_cache(maxsize=2)
def code_tables(layer_path: str) -> CodeTables:
    codes = pd.read_parquet(f"{layer_path}/nuts_codes.parquet")
    versions = codes.groupby("code").version.apply(lambda s: tuple(sorted(int(v) for v in s))).to_dict()
    rules: dict[tuple[int, str], list[tuple[str, str, str]]] = {}
    frame = pd.read_parquet(f"{layer_path}/recoding_rules.parquet")
    for row in frame.itertuples(index=False):
        rules.setdefault((int(row.from_version), row.from_code), []).append(
            (row.to_code or "", row.kind, row.note or ""))
    return CodeTables(MappingProxyType(versions), MappingProxyType({k: tuple(v) for k, v in rules.items()}))


def _split_targets(note: str) -> list[str]:
    found = _TARGETS.search(note)
    return _CODE.findall(found.group(1)) if found else []


def _common_parent(codes: list[str], regions_2021: set[str]) -> str | None:
    if not codes:
        return None
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    while len(prefix) >= 2 and prefix not in regions_2021:
        prefix = prefix[:-1]
    return prefix if len(prefix) >= 2 else None


def _carried_parent(code: str, version: int, tables: CodeTables, regions_2021: set[str]) -> str | None:
    """The nearest parent of ``code`` (in its own version) that carried over to NUTS 2021 with its territory."""
    for cut in range(len(code) - 1, 1, -1):
        for to_code, kind, _note in tables.rules.get((version, code[:cut]), ()):
            if kind in CARRY and to_code in regions_2021:
                return to_code
    return code[:2] if code[:2] in regions_2021 else None


def _coarser(code: str, version: int, note: str, tables: CodeTables, regions_2021: set[str]) -> Located | None:
    targets = _split_targets(note)
    candidates = [c for c in (_common_parent(targets, regions_2021),
                              _carried_parent(code, version, tables, regions_2021)) if c]
    if not candidates:
        return None
    best = max(candidates, key=len)
    why = _("split in 2021 into %(codes)s") % {"codes": ", ".join(targets)} if targets else \
        _("no NUTS 2021 equivalent")
    return Located(best, _("NUTS %(version)s code %(code)s (%(why)s): located at a coarser level, %(best)s (%(level)s), "
                           "the finest NUTS 2021 region that contains it exactly")
                   % {"version": version, "code": code, "why": why, "best": best,
                      "level": _(LEVEL_NAMES[len(best) - 2])}, True)


def locate_code(code: str, regions_2021: set[str], tables: CodeTables, coarse_ok: bool = True,
                version: int | None = None) -> Located:
    """NUTS code of any version (or of ``version`` only) -> where it is in NUTS 2021, and how."""
    code = str(code).strip().upper().replace(" ", "")
    if version is not None and (version, code) in tables.rules:
        versions = [version]
    elif code in regions_2021:
        return Located(code, _("NUTS 2021 code"))
    else:
        versions = list(tables.versions.get(code, ()))
    if not versions and len(code) == 2 and code in {c[:2] for c in regions_2021}:
        return Located(code, _("country code"))
    if not versions:
        return Located(None, _("'%(code)s' is not a NUTS code of any version 2006-2024") % {"code": code})
    for known in sorted(versions, reverse=True):
        rules = tables.rules.get((known, code), ())
        if not rules:
            continue
        to_code, kind, note = rules[0]
        if kind in CARRY and to_code in regions_2021:
            return Located(to_code, _("NUTS %(version)s code (%(code)s, %(change)s)") % {
                "version": known, "code": code, "change": _(CARRY[kind]) % {"to": to_code}})
        if coarse_ok and kind == "merged" and to_code in regions_2021:
            return Located(to_code, _("NUTS %(version)s code %(code)s (merged into %(to)s in 2021, which contains it): "
                                      "located at a coarser level, %(to)s (%(level)s)")
                           % {"version": known, "code": code, "to": to_code, "level": _(LEVEL_NAMES[len(to_code) - 2])},
                           True)
        if coarse_ok:
            coarser = _coarser(code, known, note, tables, regions_2021)
            if coarser:
                return coarser
        values = {"version": known, "code": code, "note": note or kind}
        return Located(None, (_("NUTS %(version)s code %(code)s has no NUTS 2021 equivalent (%(note)s)") if coarse_ok else
                              _("NUTS %(version)s code %(code)s has no NUTS 2021 equivalent (%(note)s); an indicator's "
                                "value for it cannot be given to a larger region")) % values)
    return Located(None, _("%(code)s (NUTS %(version)s) cannot be mapped to NUTS 2021 with the official tables")
                   % {"code": code, "version": versions[-1]})
