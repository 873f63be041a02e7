"""Validation stops bad layers; a failed build leaves the previous layer serving."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.layer.indicators import load_indicator_meta
from data.pipeline import build as build_module
from data.pipeline.validate import ValidationError, check_layer


@pytest.fixture(scope="module")
def meta():
    return load_indicator_meta()


def good_values():
    return pd.DataFrame({"indicator_id": ["desi_ai", "desi_ai"], "nuts_id": ["DK", "SE"], "year": [2021, 2021],
                         "value": [23.9, 9.9]})


def test_checks_pass_on_good_rows(layer, meta):
    values = layer.values.drop(columns=["level"])
    check_layer(values, layer.regions, meta, set(layer.sources))


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda v: pd.concat([v, v.iloc[:1]]), "Duplicate"),
    (lambda v: v.assign(value=[float("nan"), 1.0]), "NaN"),
    (lambda v: v.assign(nuts_id=["DK", "XX99"]), "not in the NUTS 2021 regions"),
    (lambda v: v.assign(value=[150.0, 1.0]), "outside declared ranges"),
])
def test_crafted_bad_rows_fail_with_the_rows_listed(layer, meta, mutate, message):
    values = mutate(good_values())
    only = meta[meta.id == "desi_ai"]
    with pytest.raises(ValidationError, match=message):
        check_layer(values, layer.regions, only, set(layer.sources))


def test_indicator_without_values_fails(layer, meta):
    with pytest.raises(ValidationError, match="without any value"):
        check_layer(good_values(), layer.regions, meta[meta.id.isin(["desi_ai", "desi_cloud"])], set(layer.sources))


def test_catalog_has_required_fields(layer):
    catalog = layer.catalog
    assert len(catalog) >= 40 and catalog.theme.nunique() >= 3
    for col in ("indicator_id", "label", "description", "unit", "theme", "source_id", "source_code",
                "levels", "years", "nuts_version_of_source", "derivation"):
        assert col in catalog
    derived = catalog.set_index("indicator_id").derivation
    assert "tgs00003" in derived["gdp_per_inhabitant"] and "tgs00096" in derived["gdp_per_inhabitant"]
    assert catalog.indicator_id.str.fullmatch(r"[a-z0-9_]+").all()


def test_build_report_and_manifest(layer_dir):
    report = json.loads((layer_dir / "build_report.json").read_text())
    assert report["steps"]["recoding"]["by_flag"]["merged_sum"] > 0
    assert any("split" in r["reason"] for r in report["dropped"]["recoding"])
    manifest = json.loads((layer_dir / "manifest.json").read_text())
    assert len(manifest["layer_hash"]) == 64 and manifest["inputs"]
    assert build_module.is_stale(layer_dir) is None


def test_failed_build_keeps_previous_layer(layer_dir, monkeypatch, tmp_path):
    target = tmp_path / "processed"
    target.symlink_to(layer_dir.resolve())
    before = (target / "manifest.json").read_text()

    def broken(out_dir):
        out_dir.mkdir(parents=True)
        (out_dir / "values.parquet").write_text("half-written")
        raise ValidationError("crafted failure")

    monkeypatch.setattr(build_module, "build_layer", broken)
    assert build_module.main(["--out", str(target)]) == 1
    assert (target / "manifest.json").read_text() == before
    assert not any(p.name.endswith(str(__import__("os").getpid())) for p in (tmp_path / ".processed-builds").iterdir())
