"""Recode NUTS codes of any version (2006-2024) to NUTS 2021 with the official tables.

Each row is recoded from the NUTS version *its code* belongs to, which is not
always the version its source declares (the Industry-4.0 set mixes 2010/2013
codes into a 2016 table; EURITO lists a few 2021 codes under 2016):

1. codes are normalised (surrounding spaces removed, upper case): the change
   table stores some codes as ``'TR10 '``;
2. the version is detected from the official code lists (JRC ``all_nuts_codes``
   2006-2024, Eurostat's 2016/2021 columns, GISCO 2021 regions): the declared
   version when the code is valid in it, else NUTS 2021 when valid there (the
   code passes unchanged), else the nearest older (then newer) version listing it;
3. the row is recoded from that version.

Two tables drive every recoding decision:

* Eurostat's NUTS 2016 -> 2021 change table (sheet "Changes detailed"), the
  authority for data coded in NUTS 2016;
* the JRC NUTS converter matrices (intersections of old and new regions with
  their area and population) for every other version pair.

Rules (the same for both tables):

* territory unchanged (same code, renamed or recoded): the value carries over;
* a new region that is exactly the union of old regions (``merged``): *counts*
  may be summed, and only when every part has a value; rates get no data;
* split, boundary change, new region made of parts: **no data**. Values are
  never apportioned by population or area.

Same territory (JRC matrices): one old and one new region share at least
``SAME_TERRITORY_SHARE`` (99 %) of each other's population both ways, in 2011
and in 2021 (the matrices' ``pop11`` and ``pop21``). Smaller intersections are a
boundary shift and do not break the match; such matches are flagged
``minor_shift`` and their note names the inhabitants moved (Graz AT221: 684
in 2011; Středočeský kraj CZ020: 68). A 2016 code that Eurostat's change table
lists as a boundary change carries when the JRC 2016 -> 2021 matrix shows the
same territory by the same rule. A JRC row whose population weights merely
repeat its area (placeholders: the overseas French regions) carries only when
it is one-to-one at its level and at every NUTS 3 region below it (FR94 -> FRY4,
FRA -> FRY); FR9 -> FRY, which gains Mayotte, is ``unverified``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data.layer.nuts_rules import SAME_TERRITORY_SHARE
from data.pipeline.recode_apply import (  # noqa: F401 (re-exported: the recoding's one public module)
    AUDIT_KEYS,
    CARRY_KINDS,
    DROP_KINDS,
    NUTS_CODE,
    REASON_DUPLICATE,
    REASON_INCOMPLETE_MERGE,
    REASON_RATE_MERGE,
    REASON_SPLIT,
    REASON_UNKNOWN,
    REASON_UNVERIFIED,
    RULE_COLUMNS,
    TARGET_VERSION,
    VERSIONS,
    Recoder,
    normalise_codes,
)

# ---------------------------------------------------------------------------
# Eurostat 2016 -> 2021 change table

_CODE = re.compile(r"\b[A-Z]{2}[0-9A-Z]{0,3}\b")
_CHANGE_CODES: dict[int | None, str] = {1: "renamed", 2: "recoded", 3: "boundary change, recode",
                 4: "boundary change, recode, rename", 5: "discontinued", 6: "new"}


def eurostat_rules_2016(xlsx: Path) -> pd.DataFrame:
    """Rules for NUTS 2016 codes from Eurostat's detailed change sheet."""
    sheet = pd.read_excel(xlsx, sheet_name="Changes detailed NUTS 2016-2021", header=0, dtype=str)
    sheet = sheet.iloc[:, :8]
    sheet.columns = ["code_2016", "code_2021", "country", "l1", "l2", "l3", "change", "comment"]
    for column in ("code_2016", "code_2021"):
        sheet[column] = normalise_codes(sheet[column])
        sheet[column] = sheet[column].where(sheet[column].fillna("").str.fullmatch(NUTS_CODE.pattern[1:-1]))
    sheet = sheet[sheet.code_2016.notna() | sheet.code_2021.notna()]
    sheet = sheet.astype(object).where(sheet.notna(), None)
    rules = []
    merged_members: dict[str, list[str]] = {}
    for row in sheet.itertuples(index=False):
        comment = (row.comment or "").strip()
        if row.code_2021 and "merge of" in comment:
            members = [c for c in _CODE.findall(comment.split("merge of", 1)[1]) if c != row.code_2021]
            merged_members[row.code_2021] = members
        elif row.code_2021 and comment.startswith("new; made from ex-") and "part" not in comment:
            merged_members[row.code_2021] = _CODE.findall(comment.split("made from", 1)[1])
    in_merge = {m: new for new, members in merged_members.items() for m in members}
    for row in sheet.itertuples(index=False):
        old, new = row.code_2016, row.code_2021
        if not old:
            continue
        change = int(float(row.change)) if row.change and row.change.strip() else None
        comment = (row.comment or "").strip()
        label = f"Eurostat change table: {comment or _CHANGE_CODES.get(change, 'unchanged')}"
        if old in in_merge:
            rules.append((old, in_merge[old], "merged", label))
        elif change is None and new == old:
            rules.append((old, new, "unchanged", ""))
        elif change == 1:
            rules.append((old, new or old, "renamed", label if not new or new == old else f"recoded from {old}; {label}"))
        elif change == 2 and new:
            rules.append((old, new, "recoded", f"recoded from {old}; {label}"))
        else:
            rules.append((old, new or "", "no_equivalent", label))
    frame = pd.DataFrame(rules, columns=["from_code", "to_code", "kind", "note"])
    frame.insert(0, "from_version", 2016)
    frame["touches"] = frame.to_code.fillna("")
    return frame.drop_duplicates(["from_code", "to_code"])


# ---------------------------------------------------------------------------
# JRC converter matrices

def jrc_rules(matrix: Path, from_version: int, to_version: int = TARGET_VERSION,
              finer: pd.DataFrame | None = None, target_codes: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Rules from one JRC conversion matrix (one NUTS level, one version pair).

    Same territory = one old and one new region sharing at least ``SAME_TERRITORY_SHARE`` of each other's
    population, both ways, in 2011 and in 2021 (the matrix's ``pop11`` and ``pop21``); other intersections
    below ``1 - SAME_TERRITORY_SHARE`` of both regions' population are a boundary shift (``minor_shift``, the
    persons moved named in the note). Placeholder rows (population = area, the overseas French regions) carry
    only when the link is one-to-one here and at every NUTS 3 region below it (``finer``: the level-3 matrix of
    the same version pair; ``target_codes``: the NUTS 3 codes of the new version), so FR9 -> FRY, which gains
    Mayotte, stays unverified while FRA -> FRY and FR94 -> FRY4 carry."""
    m = _read_matrix(matrix, from_version, to_version)
    placeholder = set(m.loc[(m.pop21 - m.areaKm).abs() < 1e-6, "old"])
    shares = _population_shares(m)
    m = pd.concat([m, shares], axis=1).assign(old_share=shares[["p11_old", "p21_old"]].min(axis=1),
                                              new_share=shares[["p11_new", "p21_new"]].min(axis=1))
    populated = m[(shares >= 1 - SAME_TERRITORY_SHARE).any(axis=1)]
    best = m.sort_values("old_share", ascending=False).drop_duplicates("old").set_index("old")
    rows = _MatrixRows(m)
    rules = []
    for old_code in sorted(m.old.unique()):
        link = best.loc[old_code]
        if old_code in placeholder:
            rules.append(_placeholder_rule(m, old_code, link.new, from_version, finer, target_codes))
        elif link.old_share >= SAME_TERRITORY_SHARE and link.new_share >= SAME_TERRITORY_SHARE:
            rules.append(_same_territory_rule(rows, old_code, link))
        else:
            rules.append(_merge_or_split_rule(m, populated, old_code, link))
    frame = pd.DataFrame(rules, columns=["from_code", "to_code", "kind", "note"])
    frame.insert(0, "from_version", from_version)
    touched = m[m.pop21 > 0].groupby("old").new.apply(lambda s: ",".join(sorted(set(s))))
    frame["touches"] = frame.from_code.map(touched).fillna("")
    return frame


THRESHOLD = f"{SAME_TERRITORY_SHARE:.0%}"


def _placeholder_rule(m: pd.DataFrame, old_code: str, target: str, from_version: int, finer: pd.DataFrame | None,
                      target_codes: frozenset[str]) -> tuple:
    if _placeholder_same_territory(m, old_code, target, finer, target_codes):
        moved_code = f"recoded from {old_code} " if old_code != target else ""
        return (old_code, target, "recoded" if old_code != target else "unchanged",
                f"{moved_code}(JRC matrix: one-to-one at this level and at every NUTS 3 region; its weights are "
                "placeholders, population = area)")
    return (old_code, "", "unverified",
            f"JRC matrix: the row {old_code} -> {target} has placeholder weights (population = area) and {target} has "
            f"NUTS 3 regions with no {from_version} predecessor, so it is no evidence of an unchanged territory")


class _MatrixRows:
    """A matrix's row positions by old and by new code, found once: a boolean mask over the whole matrix for each of
    its ~9,000 codes took most of the build's time."""

    def __init__(self, m: pd.DataFrame) -> None:
        self.by_old = m.groupby("old", sort=False).indices
        self.by_new = m.groupby("new", sort=False).indices
        self.old, self.new = m.old.to_numpy(object), m.new.to_numpy(object)
        self.area, self.pop21 = m.areaKm.to_numpy(float), m.pop21.to_numpy(float)

    def others(self, old_code: str, target: str) -> np.ndarray:
        """Positions, in matrix order, of the rows touching `old_code` or `target` other than the row linking both."""
        empty = np.empty(0, dtype=np.intp)
        touching = np.union1d(self.by_old.get(old_code, empty), self.by_new.get(target, empty))
        return touching[~((self.old[touching] == old_code) & (self.new[touching] == target))]


def _same_territory_rule(rows: _MatrixRows, old_code: str, link) -> tuple:
    """One old and one new region sharing >= 99 % of each other's population: unchanged, recoded or minor_shift
    (with the area and inhabitants of the other intersections named)."""
    target = link.new
    others = rows.others(old_code, target)
    moved_code = f"recoded from {old_code} " if old_code != target else ""
    if len(others):
        return (old_code, target, "minor_shift",
                f"{moved_code}(JRC matrix: same territory as {target}, at least {THRESHOLD} of the population both ways "
                f"in 2011 and 2021; a boundary shift of {pd.Series(rows.area[others]).sum():,.1f} km² with about "
                f"{int(round(pd.Series(rows.pop21[others]).sum())):,} inhabitants in 2021)")
    if old_code == target:
        return (old_code, target, "unchanged", "")
    return (old_code, target, "recoded",
            f"recoded from {old_code} (JRC matrix: same territory, at least {THRESHOLD} of the population both ways)")


def _merge_or_split_rule(m: pd.DataFrame, populated: pd.DataFrame, old_code: str, link) -> tuple:
    """An exact union of whole old regions (each >= 99 % inside, together >= 99 % of the new one): merged; else
    a split or boundary change, said in numbers."""
    target = link.new
    members = sorted(set(populated[populated.new == target].old))
    into = m[(m.new == target) & m.old.isin(members)]
    if len(members) > 1 and (into.old_share >= SAME_TERRITORY_SHARE).all() \
            and into[["p11_new", "p21_new"]].sum().min() >= SAME_TERRITORY_SHARE:
        return (old_code, target, "merged", f"JRC matrix: {target} is the union of {', '.join(members)}")
    targets = sorted(set(populated[populated.old == old_code].new))
    if len(targets) > 1:
        return (old_code, "", "no_equivalent", f"JRC matrix: split or boundary change into {', '.join(targets)} (each "
                                               f"holds at least {1 - SAME_TERRITORY_SHARE:.0%} of the population)")
    return (old_code, "", "no_equivalent",
            f"JRC matrix: boundary change with {target} ({link.old_share:.1%} of {old_code}'s population lies in "
            f"{target}, making {link.new_share:.1%} of it; same territory needs {THRESHOLD} both ways)")


def _read_matrix(matrix: Path, from_version: int, to_version: int) -> pd.DataFrame:
    m = pd.read_csv(matrix, dtype={f"code_v{from_version}": str, f"code_v{to_version}": str})
    m = m.rename(columns={f"code_v{from_version}": "old", f"code_v{to_version}": "new"})
    m["old"], m["new"] = normalise_codes(m.old), normalise_codes(m.new)
    return m


def _population_shares(m: pd.DataFrame) -> pd.DataFrame:
    """Each intersection's share of its old and its new region's population (2011, 2021); area where a region has
    no population at all."""
    out = {}
    for column, key in (("pop11", "p11"), ("pop21", "p21")):
        for side in ("old", "new"):
            total = m.groupby(side)[column].transform("sum")
            area = m.areaKm / m.groupby(side).areaKm.transform("sum")
            out[f"{key}_{side}"] = (m[column] / total.where(total > 0)).fillna(area).fillna(0)
    return pd.DataFrame(out, index=m.index)


def _placeholder_same_territory(m: pd.DataFrame, old_code: str, target: str, finer: pd.DataFrame | None,
                                target_codes: frozenset[str]) -> bool:
    """One-to-one here (no other row touches either code) and at every NUTS 3 region below both codes."""
    if len(m[(m.old == old_code) | (m.new == target)]) != 1:
        return False
    if len(old_code) == 5:
        return True
    if finer is None:
        return False
    below = finer[finer.old.str.startswith(old_code) | finer.new.str.startswith(target)]
    children = {c for c in target_codes if len(c) == 5 and c.startswith(target)}
    return (len(below) > 0 and below.old.str.startswith(old_code).all() and below.new.str.startswith(target).all()
            and set(below.new) == children and below.old.is_unique and below.new.is_unique)


def _jrc_version_rules(jrc_dir: Path, version: int, nuts3_2021: frozenset[str]) -> pd.DataFrame:
    """The rules of one version's three JRC matrices (levels 1-3; level 3 checks the placeholders above it).
    2024 is read backwards from the 2021 -> 2024 matrices."""
    pair = f"v{TARGET_VERSION}_v{version}" if version > TARGET_VERSION else f"v{version}_v{TARGET_VERSION}"
    finer = _read_matrix(jrc_dir / f"n3_cm_{pair}.csv", version, TARGET_VERSION)
    return pd.concat([jrc_rules(jrc_dir / f"n{level}_cm_{pair}.csv", version, finer=finer, target_codes=nuts3_2021)
                      for level in (1, 2, 3)], ignore_index=True)


def confirm_boundary_changes(eurostat: pd.DataFrame, jrc_2016: pd.DataFrame) -> pd.DataFrame:
    """Eurostat's boundary changes (no equivalent in its table) that the JRC 2016 -> 2021 matrix shows as the
    same territory (same new code, 99 % of the population both ways) carry over as ``minor_shift``."""
    same = jrc_2016[jrc_2016.kind.isin(CARRY_KINDS)].set_index("from_code")
    out = eurostat.copy()
    for i, row in eurostat[eurostat.kind == "no_equivalent"].iterrows():
        if "boundary" not in row.note or row.from_code not in same.index or not row.to_code:
            continue
        jrc = same.loc[row.from_code]
        if jrc.to_code != row.to_code:
            continue
        moved = f"recoded from {row.from_code}; " if row.from_code != row.to_code else ""
        out.loc[i, ["kind", "note"]] = ["minor_shift", f"{moved}{row.note}; "
                                        + (jrc.note.split("(", 1)[-1].rstrip(")") if "(" in jrc.note else "JRC matrix: same territory")]
    return out


def official_code_lists(jrc_dir: Path, eurostat_xlsx: Path, extra_2021: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Every code valid per NUTS version: JRC ``all_nuts_codes`` (2006-2024, levels 1-3), their
    countries (level 0), Eurostat's 2016/2021 columns (incl. candidate countries) and ``extra_2021``."""
    jrc = pd.read_csv(jrc_dir / "all_nuts_codes.csv", dtype={"code": str, "version": int})[["code", "version"]]
    countries = pd.DataFrame([(c, v) for c in jrc.code.str[:2].unique() for v in VERSIONS], columns=["code", "version"])
    sheet = pd.read_excel(eurostat_xlsx, sheet_name="Changes detailed NUTS 2016-2021", header=0, dtype=str).iloc[:, :2]
    eurostat = pd.concat([sheet.iloc[:, 0].to_frame("code").assign(version=2016),
                          sheet.iloc[:, 1].to_frame("code").assign(version=TARGET_VERSION)])
    extra = pd.DataFrame({"code": sorted(extra_2021), "version": TARGET_VERSION})
    lists = pd.concat([jrc, countries, eurostat, extra], ignore_index=True)
    lists["code"] = normalise_codes(lists.code)
    lists = lists[lists.code.fillna("").str.fullmatch(NUTS_CODE.pattern[1:-1])]
    return lists.drop_duplicates().reset_index(drop=True)


def build_recoder(eurostat_xlsx: Path, jrc_dir: Path, from_versions=(2006, 2010, 2013),
                  extra_2021: frozenset[str] = frozenset()) -> Recoder:
    """All rules: Eurostat for 2016, JRC matrices for the other versions (2024 read backwards from 2021-2024),
    plus the official code lists that decide each row's version."""
    codes = pd.read_csv(jrc_dir / "all_nuts_codes.csv", dtype={"code": str, "version": int})
    nuts3_2021 = frozenset(normalise_codes(codes[codes.version == TARGET_VERSION].code).dropna())
    frames = [confirm_boundary_changes(eurostat_rules_2016(eurostat_xlsx), _jrc_version_rules(jrc_dir, 2016, nuts3_2021))]
    for version in (*from_versions, 2024):
        frames.append(_jrc_version_rules(jrc_dir, version, nuts3_2021))
    rules = pd.concat(frames, ignore_index=True)
    countries = rules[rules.from_code.str.len() == 3].from_code.str[:2].unique()
    versions = (*from_versions, 2024)
    level0 = pd.DataFrame({"from_version": [v for v in versions for _ in countries],
                           "from_code": [c for _ in versions for c in countries]})
    level0["to_code"] = level0.from_code
    level0["kind"] = "unchanged"
    level0["note"] = ""
    level0["touches"] = level0.to_code
    existing = set(zip(rules.from_version, rules.from_code))
    level0 = level0[[(v, c) not in existing for v, c in zip(level0.from_version, level0.from_code)]]
    return Recoder(pd.concat([rules, level0], ignore_index=True)[RULE_COLUMNS],
                   official_code_lists(jrc_dir, eurostat_xlsx, extra_2021))
