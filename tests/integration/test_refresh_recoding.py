"""``python -m data.refresh`` with the build's recoding rules: a NUTS 2024 release recoded like the build recodes,
and the refresh command end to end against a loopback Eurostat API (accepted, refused by each gate, revisions,
failures). The rules are read from the official Eurostat and JRC tables in the raw files (about 20 s), hence this
tier; the offline tests that need no rules are in tests/unit/test_refresh.py."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import refresh_release as release
from refresh_release import FIXTURES, HTEC, full_release

from data.layer.registry import source_file
from data.pipeline import eurostat_release, refresh, snapshots
from data.pipeline.recode import build_recoder
from data.pipeline.sources import i40

api, meta, shipped_panel, store = release.api, release.meta, release.shipped_panel, release.store  # shared fixtures


@pytest.fixture(scope="module")
def recoder():
    return build_recoder(source_file("eurostat_nuts_changes", "NUTS2016-NUTS2021.xlsx"),
                         source_file("jrc_nuts_converter", "n3_cm_v2010_v2021.csv").parent)


def test_nuts_2024_release_is_recoded_with_the_build_rules(meta, recoder):
    frame, _ = eurostat_release.read_release((FIXTURES / "tgs00096_nuts2024.sdmx.csv").read_bytes())
    rows = eurostat_release.indicator_rows(frame, meta, "tgs00096")
    assert eurostat_release.detect_nuts_version(rows.nuts_id) == 2024
    extract = eurostat_release.to_extract(rows, 2024, "tgs00096")
    recoded = refresh.recode_values(extract.values, meta, recoder)
    got = {(r.nuts_id, r.year): r.value for r in recoded.itertuples()}
    assert got[("AT11", 2018)] == 292675  # same territory carries
    assert got[("NL31", 2018)] == 1295484  # NL35 (2024) is NL31 (2021)
    assert got[("PT17", 2018)] == 2000000 + 833679  # exact union of PT1A + PT1B: counts sum
    assert ("PT17", 2019) not in got  # PT1A 2019 is ':' -> the union is incomplete -> no data
    assert not {code for code, _ in got} & {"PT16", "PT18", "PT19", "PT1A", "PT1B", "PT1C", "PT1D"}  # splits: no data


def test_accepted_release_becomes_a_snapshot_the_build_uses(meta, recoder, shipped_panel, api, store):
    api.releases[HTEC] = full_release(shipped_panel, meta)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "accepted", outcome.summary()
    assert "regions kept: 100.0%" in outcome.summary()
    assert api.requests and api.requests[0].startswith("/eurostat/api/dissemination/sdmx/2.1/data/htec_emp_reg2/")

    (folder,) = [p for p in (store / HTEC).iterdir()]
    sidecar = json.loads((folder / "htec_emp_reg2.meta.json").read_text())
    data = folder / "htec_emp_reg2.sdmx.csv"
    assert data.read_bytes() == api.releases[HTEC]
    assert sidecar["sha256"] == snapshots.sha256_of(data)
    assert sidecar["url"] == refresh.release_url(HTEC, meta) and "?format=SDMX-CSV" in sidecar["url"]
    assert sidecar["last_update"] == "2025-04-24T23:00:00"
    assert sidecar["retrieved_at"][:4] >= "2026" and sidecar["nuts_version"] == 2016
    assert "reuse" in sidecar["licence"] and "htec_emp_reg2" in sidecar["citation"]

    shipped = i40.extract(meta)
    extracts, replaced, used = snapshots.apply([shipped], meta)
    assert set(replaced) == set(eurostat_release.table_indicators(meta, HTEC))
    values = pd.concat([e.values for e in extracts])
    for indicator_id in replaced:
        ours = values[values.indicator_id == indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        theirs = shipped.values[shipped.values.indicator_id == indicator_id].set_index(["nuts_id", "year"]).value.sort_index()
        pd.testing.assert_series_equal(ours, theirs, check_names=False)
    others = values[values.indicator_id == "gerd_total"]
    assert len(others) == (shipped.values.indicator_id == "gerd_total").sum()  # other tables untouched

    source = snapshots.snapshot_source(used[HTEC])
    retrieved = sidecar["retrieved_at"][:10]
    assert source.short_name == f"Eurostat htec_emp_reg2, retrieved {retrieved}"
    catalog = pd.DataFrame({"indicator_id": ["emp_kis", "gerd_total"], "source_id": ["i40_readiness"] * 2,
                            "source_name": ["Honti"] * 2})
    relabelled = snapshots.catalog_sources(catalog, replaced, used)
    assert relabelled.source_name.tolist() == [source.short_name, "Honti"]
    assert relabelled.source_id.tolist() == ["eurostat_api_htec_emp_reg2", "i40_readiness"]

    again = refresh.refresh_table(HTEC, meta, recoder, dry_run=True)
    assert again.status == "checked" and "compared with the snapshot htec_emp_reg2/" in again.summary()
    assert len(list((store / HTEC).iterdir())) == 1


def _bad(panel, meta, **kind) -> bytes:
    if kind.get("dimension"):
        body = full_release(panel, meta).decode().splitlines()
        body = [line.replace(",T,", ",T,X,", 1) if n else line.replace(",sex,", ",sex,wstatus,") for n, line in enumerate(body)]
        return ("\n".join(body) + "\n").encode()
    if kind.get("unit"):
        return full_release(panel, meta, mutate=lambda r: {**r, "unit": "THS_PER"})
    if kind.get("regions"):
        return full_release(panel, meta, mutate=lambda r: None if r["geo"][:2] in ("DE", "FR", "IT", "ES", "PL") else r)
    return full_release(panel, meta, mutate=lambda r: {**r, "value": r["value"] * 10})


@pytest.mark.parametrize("kind,reason", [
    ({"dimension": True}, "dimensions changed"),
    ({"unit": True}, "unit changed for emp_kis: expected PC_EMP, release has THS_PER"),
    ({"regions": True}, "below the 90% minimum"),
    ({"scale": True}, "not the same series"),
])
def test_each_gate_refuses_a_bad_release_and_keeps_the_previous_data(kind, reason, meta, recoder, shipped_panel,
                                                                     api, store):
    api.releases[HTEC] = _bad(shipped_panel, meta, **kind)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "refused"
    assert reason in outcome.summary()
    assert "the previous data stay in use" in outcome.summary()
    assert not (store / HTEC).exists() or not any((store / HTEC).iterdir())
    assert snapshots.accepted() == {}


def test_revisions_are_reported_not_refused(meta, recoder, shipped_panel, api, store):
    revise = {("DE11", 2017), ("FR10", 2016)}
    api.releases[HTEC] = full_release(shipped_panel, meta, mutate=lambda r: {**r, "value": round(r["value"] * 1.2, 1)}
                                      if (r["geo"], r["year"]) in revise and r["nace_r2"] == "KIS" else r)
    outcome = refresh.refresh_table(HTEC, meta, recoder)
    assert outcome.status == "accepted", outcome.summary()
    text = outcome.summary()
    assert "revised emp_kis DE11 2017: 35.9 -> 43.1" in text
    assert "2 (0.0%) revised by more than 5%" in text


def test_http_error_and_unreadable_release_fail_cleanly(meta, recoder, api, store):
    outcome = refresh.refresh_table("tgs00003", meta, recoder)
    assert outcome.status == "failed" and "404" in outcome.summary()
    api.releases["tgs00003"] = b"<html>maintenance</html>"
    outcome = refresh.refresh_table("tgs00003", meta, recoder)
    assert outcome.status == "failed" and "cannot read the release" in outcome.summary()
    assert not store.exists() or not any(store.rglob("*"))
