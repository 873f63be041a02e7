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

A JRC intersection holding less than ``SLIVER_SHARE`` of both regions'
population and area is a digitising sliver or a minor boundary shift and does
not break a one-to-one match; such matches are flagged ``minor_shift``. A JRC
row whose population weights merely repeat its area (placeholders, e.g. FR9 ->
FRY, which adds Mayotte) is no evidence of an unchanged territory: ``unverified``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

TARGET_VERSION = 2021
SLIVER_SHARE = 0.01
VERSIONS = (2006, 2010, 2013, 2016, 2021, 2024)
NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")

CARRY_KINDS = {"unchanged", "renamed", "recoded", "minor_shift"}
DROP_KINDS = {"no_equivalent", "unverified"}
RULE_COLUMNS = ["from_version", "from_code", "to_code", "kind", "note"]
AUDIT_KEYS = ("nuts_id", "value", "nuts_version", "flag", "note", "detected_version", "source_flag")

REASON_UNKNOWN = "code in no NUTS version 2006-2024"
REASON_SPLIT = "split or boundary change (no 1:1 territory)"
REASON_UNVERIFIED = "territory change cannot be verified (JRC placeholder weights)"
REASON_RATE_MERGE = "merger: a rate cannot be summed"
REASON_INCOMPLETE_MERGE = "merger: not every former region has a value"
REASON_DUPLICATE = "another row already gives this NUTS 2021 region and year"


def normalise_codes(codes: pd.Series) -> pd.Series:
    """Codes as the code lists write them: no surrounding spaces, upper case."""
    return codes.astype("string").str.strip().str.upper()


@dataclass(frozen=True)
class Recoder:
    """Recoding rules from several NUTS versions to NUTS 2021.

    ``rules`` has one row per (from_version, from_code, to_code) with ``kind``
    in unchanged | renamed | recoded | minor_shift | merged | no_equivalent |
    unverified. For ``merged`` rows several from_codes share one to_code.
    ``code_lists`` (columns ``code, version``) are the official lists of valid
    codes per version; codes named in ``rules`` count as valid in their version.
    """

    rules: pd.DataFrame
    code_lists: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["code", "version"]))

    def rules_for(self, version: int) -> pd.DataFrame:
        return self.rules[self.rules.from_version == version]

    def known_codes(self, version: int) -> set[str]:
        return set(self.rules_for(version).from_code)

    @cached_property
    def valid_codes(self) -> dict[int, frozenset[str]]:
        """Codes valid in each NUTS version (official lists plus the rules' own codes)."""
        pairs = pd.concat([
            self.code_lists[["code", "version"]],
            self.rules[["from_code", "from_version"]].set_axis(["code", "version"], axis=1),
            self.rules.loc[self.rules.kind.isin(CARRY_KINDS | {"merged"}), ["to_code"]]
            .rename(columns={"to_code": "code"}).assign(version=TARGET_VERSION),
        ], ignore_index=True)
        pairs = pairs.assign(code=normalise_codes(pairs.code)).dropna()
        return {int(v): frozenset(part.code) for v, part in pairs.groupby("version")}

    def detect_version(self, code: str, declared: int) -> int | None:
        """The NUTS version a code belongs to: declared, else 2021, else the nearest listing it."""
        valid = self.valid_codes
        if code in valid.get(declared, ()):
            return declared
        if code in valid.get(TARGET_VERSION, ()):
            return TARGET_VERSION
        listing = [v for v in sorted(valid) if code in valid[v]]
        older = [v for v in listing if v < declared]
        return older[-1] if older else (listing[0] if listing else None)

    def recode(self, values: pd.DataFrame, *, additive: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Recode a long table to NUTS 2021; returns the recoded table and the dropped rows with reasons."""
        result, audit = self.recode_with_audit(values, additive=additive)
        dropped = audit[audit.action == "dropped"].reset_index(drop=True)
        return result, dropped.assign(reason=dropped.reason + ": " + dropped.detail.fillna(""))

    def recode_with_audit(self, values: pd.DataFrame, *, additive: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Recode a long table to NUTS 2021 and account for every input row.

        ``values`` needs columns ``nuts_id, year, value, nuts_version`` (the
        version the source declares); other key columns (e.g. ``indicator_id``)
        are kept. Returns the recoded table (with ``flag`` and ``note``) and an
        audit with one row per input row: ``action`` kept | recoded | merged |
        dropped, the detected ``from_version``, ``reason`` (category) and ``detail``.
        """
        keys = [c for c in values.columns if c not in AUDIT_KEYS]
        values = values.assign(nuts_id=normalise_codes(values.nuts_id),
                               note=values["note"].fillna("") if "note" in values else "",
                               source_flag=values["flag"].fillna("") if "flag" in values else "").drop(columns="flag", errors="ignore")
        pairs = values[["nuts_id", "nuts_version"]].drop_duplicates()
        detected = {(c, int(v)): self.detect_version(c, int(v)) for c, v in zip(pairs.nuts_id, pairs.nuts_version)}
        values = values.assign(detected_version=[detected[(c, int(v))] for c, v in zip(values.nuts_id, values.nuts_version)])
        out, audit = [], []
        unknown = values[values.detected_version.isna()]
        if len(unknown):
            audit.append(_audit(unknown, keys, "dropped", REASON_UNKNOWN,
                                "code not in the NUTS " + unknown.nuts_version.astype(str)
                                + " list nor any other NUTS version 2006-2024 (official code lists)"))
        for version, part in values.dropna(subset=["detected_version"]).groupby("detected_version", sort=False):
            version = int(version)
            declared_note = _declared_note(part, version)
            if version == TARGET_VERSION:
                out.append(part.assign(flag=part.source_flag, note=_join_notes(part.note, declared_note))[keys + ["nuts_id", "value", "flag", "note"]]
                           .assign(source_code=part.nuts_id, action="kept"))
                audit.append(_audit(part, keys, "kept", "", ""))
                continue
            merged = part.assign(source_note=_join_notes(part.note, declared_note)).drop(columns=["note"]).merge(
                self.rules_for(version), left_on="nuts_id", right_on="from_code", how="left")
            carry = merged[merged.kind.isin(CARRY_KINDS)]
            out.append(pd.DataFrame({
                **{k: carry[k] for k in keys},
                "nuts_id": carry.to_code,
                "value": carry.value,
                "flag": carry.source_flag.where(carry.source_flag != "", carry.kind.where(carry.kind != "unchanged", "")),
                "note": _join_notes(carry.source_note, carry.note),
                "source_code": carry.nuts_id,
                "action": carry.kind.map(lambda k: "kept" if k == "unchanged" else "recoded"),
            }))
            audit.append(_audit(carry, keys, carry.kind.map(lambda k: "kept" if k == "unchanged" else "recoded"), "", ""))
            lost = merged[merged.kind.isin(DROP_KINDS) | merged.kind.isna()]
            if len(lost):
                reason = lost.kind.map({"unverified": REASON_UNVERIFIED}).fillna(REASON_SPLIT)
                detail = lost.note.fillna(f"code listed in NUTS {version} but absent from its conversion table")
                audit.append(_audit(lost, keys, "dropped", reason, detail))
            parts = merged[merged.kind == "merged"]
            if len(parts):
                summed, part_audit = _sum_merges(parts, self.rules_for(version), keys, additive)
                out.append(summed)
                audit.append(part_audit)
        result = pd.concat(out, ignore_index=True) if out else values.iloc[:0].assign(flag="", source_code="", action="")
        result, duplicates = _drop_duplicates(result, keys)
        audit_frame = pd.concat(audit, ignore_index=True) if audit else pd.DataFrame()
        if len(duplicates):
            audit_frame = _mark_duplicates(audit_frame, duplicates, keys)
        return result.drop(columns=["action"]).reset_index(drop=True), audit_frame


def _declared_note(part: pd.DataFrame, version: int) -> pd.Series:
    declared = part.nuts_version.astype(int)
    text = (f"NUTS {version} code (from the official code lists); the source declares NUTS "
            + declared.astype(str))
    return text.where(declared != version, "")


def _audit(rows: pd.DataFrame, keys: list[str], action, reason, detail) -> pd.DataFrame:
    return pd.DataFrame({
        **{k: rows[k].values for k in keys},
        "nuts_id": rows["nuts_id"].values,
        "value": rows["value"].values,
        "nuts_version": rows["nuts_version"].values,
        "from_version": rows["detected_version"].values,
        "action": action.values if isinstance(action, pd.Series) else action,
        "reason": reason.values if isinstance(reason, pd.Series) else reason,
        "detail": detail.values if isinstance(detail, pd.Series) else detail,
    })


def _join_notes(first: pd.Series, second: pd.Series) -> pd.Series:
    first, second = first.fillna("").astype(str), second.fillna("").astype(str)
    joined = first + "; " + second
    return joined.where((first != "") & (second != ""), first + second)


def _sum_merges(parts: pd.DataFrame, rules: pd.DataFrame, keys: list[str], additive: bool):
    """Sum counts of old regions into the new region they exactly form (only when every part has a value)."""
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
        "source_code": ok.members,
        "action": "merged",
    })
    status = parts.merge(agg[group + ["members"]].assign(complete=complete.values), on=group, how="left")
    used = status.complete & additive
    reason = pd.Series(REASON_INCOMPLETE_MERGE if additive else REASON_RATE_MERGE, index=status.index).where(~used, "")
    detail = (("new region is a merger and not every former region has a value" if additive
               else "new region is a merger; a rate cannot be summed") + " (" + status.to_code + " = " + status.members + ")")
    audit = _audit(status, keys, used.map({True: "merged", False: "dropped"}), reason, detail.where(~used, ""))
    return summed, audit


def _drop_duplicates(result: pd.DataFrame, keys: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One value per region and key: a value published under the 2021 code wins over a recoded one."""
    rank = result.action.map({"kept": 0, "recoded": 1, "merged": 2}).fillna(3)
    ordered = result.assign(_rank=rank).sort_values("_rank", kind="stable")
    dupe = ordered.duplicated(keys + ["nuts_id"], keep="first")
    return ordered[~dupe].drop(columns="_rank"), ordered[dupe].drop(columns="_rank")


def _mark_duplicates(audit: pd.DataFrame, duplicates: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    members = duplicates.assign(source_code=duplicates.source_code.str.split("+")).explode("source_code")
    lost = set(zip(*(members[k] for k in keys), members.source_code))
    hit = pd.Series([tuple(r) in lost for r in zip(*(audit[k] for k in keys), audit.nuts_id)], index=audit.index)
    hit &= audit.action.isin(["recoded", "merged"])
    audit = audit.copy()
    audit.loc[hit, "action"] = "dropped"
    audit.loc[hit, "reason"] = REASON_DUPLICATE
    audit.loc[hit, "detail"] = "the same region and year is also published under its own code"
    return audit


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
    return frame.drop_duplicates(["from_code", "to_code"])


# ---------------------------------------------------------------------------
# JRC converter matrices

def jrc_rules(matrix: Path, from_version: int, to_version: int = TARGET_VERSION) -> pd.DataFrame:
    """Rules from one JRC conversion matrix (one NUTS level, one version pair)."""
    m = pd.read_csv(matrix, dtype={f"code_v{from_version}": str, f"code_v{to_version}": str})
    old, new = f"code_v{from_version}", f"code_v{to_version}"
    m = m.rename(columns={old: "old", new: "new"})
    m["old"], m["new"] = normalise_codes(m.old), normalise_codes(m.new)
    placeholder = set(m.loc[(m.pop21 - m.areaKm).abs() < 1e-6, "old"])
    for col, key in (("pop21", "p"), ("areaKm", "a")):
        m[f"{key}_old"] = (m[col] / m.groupby("old")[col].transform("sum")).fillna(0)
        m[f"{key}_new"] = (m[col] / m.groupby("new")[col].transform("sum")).fillna(0)
    share = m[["p_old", "p_new", "a_old", "a_new"]]
    material = m[(share >= SLIVER_SHARE).any(axis=1)].copy()
    minor = set(m.loc[~m.index.isin(material.index), "old"]) | set(m.loc[~m.index.isin(material.index), "new"])
    n_new_per_old = material.groupby("old").new.nunique().to_dict()
    n_old_per_new = material.groupby("new").old.nunique().to_dict()
    material = material.assign(old_share=material[["p_old", "a_old"]].max(axis=1),
                               new_share=material[["p_new", "a_new"]].max(axis=1))
    links_of: dict[str, list] = {}
    for row in material.itertuples(index=False):
        links_of.setdefault(row.old, []).append(row)
    olds_of = material.groupby("new").old.apply(lambda s: sorted(set(s))).to_dict()
    whole = (material.groupby("old").old_share.max() >= 1 - SLIVER_SHARE).to_dict()
    rules = []
    for old_code in sorted(m.old.unique()):
        links = links_of.get(old_code, [])
        if not links:
            rules.append((old_code, "", "no_equivalent", "JRC matrix: no material intersection"))
            continue
        targets = sorted({link.new for link in links})
        if len(targets) > 1:
            rules.append((old_code, "", "no_equivalent", f"JRC matrix: split or boundary change into {', '.join(targets)}"))
            continue
        target, link = targets[0], links[0]
        if old_code in placeholder:
            rules.append((old_code, "", "unverified",
                          f"JRC matrix: the row {old_code} -> {target} has placeholder weights (population = area), "
                          "so it is no evidence of an unchanged territory"))
            continue
        if n_old_per_new[target] == 1 and link.old_share >= 1 - SLIVER_SHARE and link.new_share >= 1 - SLIVER_SHARE:
            if old_code in minor or target in minor:
                moved = f"recoded from {old_code} " if old_code != target else ""
                rules.append((old_code, target, "minor_shift",
                              f"{moved}(JRC matrix: same territory as {target} except a boundary shift under "
                              f"{SLIVER_SHARE:.0%} of population and area)"))
            elif old_code == target:
                rules.append((old_code, target, "unchanged", ""))
            else:
                rules.append((old_code, target, "recoded", f"recoded from {old_code} (JRC matrix, same territory)"))
            continue
        members = olds_of[target]
        if all(n_new_per_old[o] == 1 and whole[o] for o in members):
            rules.append((old_code, target, "merged", f"JRC matrix: {target} is the union of {', '.join(members)}"))
        else:
            rules.append((old_code, "", "no_equivalent", f"JRC matrix: boundary change with {target}"))
    frame = pd.DataFrame(rules, columns=["from_code", "to_code", "kind", "note"])
    frame.insert(0, "from_version", from_version)
    return frame


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
    return Recoder(pd.concat([rules, level0], ignore_index=True)[RULE_COLUMNS],
                   official_code_lists(jrc_dir, eurostat_xlsx, extra_2021))
