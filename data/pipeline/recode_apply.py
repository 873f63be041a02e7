"""Apply NUTS recoding rules to a long table (``Recoder``): the rules themselves come from the official tables,
read in ``data.pipeline.recode``, which also documents the rules and re-exports everything here.

Every input row is accounted for in an audit (kept, recoded, merged or dropped, with the reason in words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

TARGET_VERSION = 2021
VERSIONS = (2006, 2010, 2013, 2016, 2021, 2024)
NUTS_CODE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")

CARRY_KINDS = {"unchanged", "renamed", "recoded", "minor_shift"}
DROP_KINDS = {"no_equivalent", "unverified"}
RULE_COLUMNS = ["from_version", "from_code", "to_code", "kind", "note", "touches"]
AUDIT_KEYS = ("nuts_id", "value", "nuts_version", "flag", "note", "detected_version", "source_flag")

REASON_UNKNOWN = "code in no NUTS version 2006-2024"
REASON_SPLIT = "split or boundary change (no 1:1 territory: under 99 % of the population shared both ways)"
REASON_UNVERIFIED = "territory change cannot be verified (JRC placeholder weights; a NUTS 3 region has no predecessor)"
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
