"""Recode NUTS codes of any version (2006-2024) to NUTS 2021 with the official tables.

Two tables drive every decision:

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

A JRC intersection holding less than ``SLIVER_SHARE`` of both regions'
population and area is a digitising sliver or a minor boundary shift and does
not break a one-to-one match; such matches are flagged ``minor_shift``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

TARGET_VERSION = 2021
SLIVER_SHARE = 0.01
VERSIONS = (2006, 2010, 2013, 2016, 2021, 2024)

CARRY_KINDS = {"unchanged", "renamed", "recoded", "minor_shift"}
RULE_COLUMNS = ["from_version", "from_code", "to_code", "kind", "note"]


@dataclass(frozen=True)
class Recoder:
    """Recoding rules from several NUTS versions to NUTS 2021.

    ``rules`` has one row per (from_version, from_code, to_code) with ``kind``
    in unchanged | renamed | recoded | minor_shift | merged | no_equivalent.
    For ``merged`` rows several from_codes share one to_code.
    """

    rules: pd.DataFrame

    def rules_for(self, version: int) -> pd.DataFrame:
        return self.rules[self.rules.from_version == version]

    def known_codes(self, version: int) -> set[str]:
        return set(self.rules_for(version).from_code)

    def recode(self, values: pd.DataFrame, *, additive: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Recode a long table to NUTS 2021.

        ``values`` needs columns ``nuts_id, year, value, nuts_version``; other
        key columns (e.g. ``indicator_id``) are kept. Returns the recoded
        table (with ``flag`` and ``note``) and a log of dropped rows.
        """
        keys = [c for c in values.columns if c not in ("nuts_id", "value", "nuts_version", "flag", "note")]
        out, dropped = [], []
        for version, part in values.groupby("nuts_version", sort=False):
            version = int(version)
            source_note = part["note"].fillna("") if "note" in part else pd.Series("", index=part.index)
            if version == TARGET_VERSION:
                out.append(part.assign(flag="", note=source_note))
                continue
            rules = self.rules_for(version)
            merged = part.assign(source_note=source_note).drop(columns=["note"], errors="ignore").merge(
                rules, left_on="nuts_id", right_on="from_code", how="left")
            unknown = merged[merged.kind.isna()]
            if len(unknown):
                dropped.append(unknown[keys + ["nuts_id", "value"]].assign(
                    nuts_version=version, reason=f"code not in the NUTS {version} list of the change tables"))
            carry = merged[merged.kind.isin(CARRY_KINDS)]
            out.append(pd.DataFrame({
                **{k: carry[k] for k in keys},
                "nuts_id": carry.to_code,
                "value": carry.value,
                "flag": carry.kind.where(carry.kind != "unchanged", ""),
                "note": _join_notes(carry.source_note, carry.note),
            }))
            lost = merged[merged.kind == "no_equivalent"]
            if len(lost):
                dropped.append(lost[keys + ["nuts_id", "value"]].assign(
                    nuts_version=version, reason=lost.note))
            parts = merged[merged.kind == "merged"]
            if len(parts):
                summed, refused = _sum_merges(parts, rules, keys, additive)
                out.append(summed)
                if len(refused):
                    dropped.append(refused.assign(nuts_version=version))
        result = pd.concat(out, ignore_index=True) if out else values.iloc[:0]
        log = pd.concat(dropped, ignore_index=True) if dropped else pd.DataFrame()
        return result, log


def _join_notes(first: pd.Series, second: pd.Series) -> pd.Series:
    both = pd.concat([first.fillna(""), second.fillna("")], axis=1)
    return both.apply(lambda r: "; ".join(x for x in r if x), axis=1) if len(both) else first


def _sum_merges(parts: pd.DataFrame, rules: pd.DataFrame, keys: list[str], additive: bool):
    """Sum counts of old regions into the new region they exactly form."""
    size = rules[rules.kind == "merged"].groupby("to_code").from_code.nunique()
    group = keys + ["to_code"]
    agg = parts.groupby(group, dropna=False).agg(value=("value", "sum"), n=("nuts_id", "nunique"),
                                                 members=("nuts_id", lambda s: "+".join(sorted(s))))
    agg = agg.reset_index()
    complete = agg.n == agg.to_code.map(size)
    ok = agg[complete] if additive else agg.iloc[:0]
    summed = pd.DataFrame({
        **{k: ok[k] for k in keys},
        "nuts_id": ok.to_code,
        "value": ok.value,
        "flag": "merged_sum",
        "note": "sum of former regions " + ok.members,
    })
    bad = agg[~complete] if additive else agg
    reason = ("new region is a merger; a rate cannot be summed" if not additive
              else "new region is a merger and not every former region has a value")
    refused = pd.DataFrame({**{k: bad[k] for k in keys}, "nuts_id": bad.to_code, "value": pd.NA,
                            "reason": reason + " (" + bad.members + ")"})
    return summed, refused


# ---------------------------------------------------------------------------
# Eurostat 2016 -> 2021 change table

_CODE = re.compile(r"\b[A-Z]{2}[0-9A-Z]{0,3}\b")
_CHANGE_CODES = {1: "renamed", 2: "recoded", 3: "boundary change, recode",
                 4: "boundary change, recode, rename", 5: "discontinued", 6: "new"}


def eurostat_rules_2016(xlsx: Path) -> pd.DataFrame:
    """Rules for NUTS 2016 codes from Eurostat's detailed change sheet."""
    sheet = pd.read_excel(xlsx, sheet_name="Changes detailed NUTS 2016-2021", header=0, dtype=str)
    sheet = sheet.iloc[:, :8]
    sheet.columns = ["code_2016", "code_2021", "country", "l1", "l2", "l3", "change", "comment"]
    sheet = sheet[sheet.code_2016.notna() | sheet.code_2021.notna()]
    sheet = sheet[~sheet.code_2016.fillna("").str.contains(" ")]
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
            rules.append((old, new or old, "renamed", label))
        elif change == 2 and new:
            rules.append((old, new, "recoded", f"recoded from {old}; {label}"))
        else:
            rules.append((old, new or "", "no_equivalent", label))
    frame = pd.DataFrame(rules, columns=["from_code", "to_code", "kind", "note"])
    frame.insert(0, "from_version", 2016)
    return frame.drop_duplicates(["from_code", "to_code"])


# ---------------------------------------------------------------------------
# JRC converter matrices

def jrc_rules(matrix: Path, from_version: int, to_version: int = TARGET_VERSION) -> pd.DataFrame:
    """Rules from one JRC conversion matrix (one NUTS level, one version pair)."""
    m = pd.read_csv(matrix, dtype={f"code_v{from_version}": str, f"code_v{to_version}": str})
    old, new = f"code_v{from_version}", f"code_v{to_version}"
    m = m.rename(columns={old: "old", new: "new"})
    for col, key in (("pop21", "p"), ("areaKm", "a")):
        m[f"{key}_old"] = (m[col] / m.groupby("old")[col].transform("sum")).fillna(0)
        m[f"{key}_new"] = (m[col] / m.groupby("new")[col].transform("sum")).fillna(0)
    share = m[["p_old", "p_new", "a_old", "a_new"]]
    material = m[(share >= SLIVER_SHARE).any(axis=1)].copy()
    minor = set(m.loc[~m.index.isin(material.index), "old"]) | set(m.loc[~m.index.isin(material.index), "new"])
    n_new_per_old = material.groupby("old").new.nunique()
    n_old_per_new = material.groupby("new").old.nunique()
    rules = []
    for old_code in sorted(m.old.unique()):
        links = material[material.old == old_code]
        if links.empty:
            rules.append((old_code, "", "no_equivalent", "JRC matrix: no material intersection"))
            continue
        targets = list(links.new.unique())
        if len(targets) > 1:
            rules.append((old_code, "", "no_equivalent",
                          f"JRC matrix: split or boundary change into {', '.join(sorted(targets))}"))
            continue
        target = targets[0]
        whole_old = links.iloc[0][["p_old", "a_old"]].max() >= 1 - SLIVER_SHARE
        if n_old_per_new[target] == 1 and whole_old and links.iloc[0][["p_new", "a_new"]].max() >= 1 - SLIVER_SHARE:
            if old_code in minor or target in minor:
                rules.append((old_code, target, "minor_shift",
                              f"JRC matrix: same territory as {target} except a boundary shift under "
                              f"{SLIVER_SHARE:.0%} of population and area"))
            elif old_code == target:
                rules.append((old_code, target, "unchanged", ""))
            else:
                rules.append((old_code, target, "recoded", f"recoded from {old_code} (JRC matrix, same territory)"))
            continue
        members = material[material.new == target]
        exact_union = all(
            (n_new_per_old[o] == 1) and (material[material.old == o][["p_old", "a_old"]].max().max() >= 1 - SLIVER_SHARE)
            for o in members.old.unique()
        )
        if exact_union:
            rules.append((old_code, target, "merged", f"JRC matrix: {target} is the union of {', '.join(sorted(members.old.unique()))}"))
        else:
            rules.append((old_code, "", "no_equivalent", f"JRC matrix: boundary change with {target}"))
    frame = pd.DataFrame(rules, columns=["from_code", "to_code", "kind", "note"])
    frame.insert(0, "from_version", from_version)
    return frame


def build_recoder(eurostat_xlsx: Path, jrc_dir: Path, from_versions=(2006, 2010, 2013)) -> Recoder:
    """All rules: Eurostat for 2016, JRC matrices for the other versions (2024 read backwards from 2021-2024)."""
    frames = [eurostat_rules_2016(eurostat_xlsx)]
    for version in from_versions:
        for level in (1, 2, 3):
            frames.append(jrc_rules(jrc_dir / f"n{level}_cm_v{version}_v{TARGET_VERSION}.csv", version))
    for level in (1, 2, 3):
        frames.append(jrc_rules(jrc_dir / f"n{level}_cm_v{TARGET_VERSION}_v2024.csv", 2024, TARGET_VERSION))
    rules = pd.concat(frames, ignore_index=True)
    countries = rules[rules.from_code.str.len() == 3].from_code.str[:2].unique()
    versions = (*from_versions, 2024)
    level0 = pd.DataFrame({"from_version": [v for v in versions for _ in countries],
                           "from_code": [c for _ in versions for c in countries]})
    level0["to_code"] = level0.from_code
    level0["kind"] = "unchanged"
    level0["note"] = ""
    existing = set(zip(rules.from_version, rules.from_code))
    level0 = level0[[(v, c) not in existing for v, c in zip(level0.from_version, level0.from_code)]]
    return Recoder(pd.concat([rules, level0], ignore_index=True)[RULE_COLUMNS])
