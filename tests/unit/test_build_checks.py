"""Build checks that need no built layer: out-of-range values dropped or refused, the metadata file validated, a
new layer published by one atomic swap. (Checks against the built layer: tests/integration/test_validate_and_build.py.)"""

from __future__ import annotations

import pandas as pd
import pytest

from data.layer.indicators import MetadataError, load_indicator_meta
from data.pipeline import build as build_module
from data.pipeline.validate import ValidationError, drop_out_of_range


@pytest.fixture(scope="module")
def meta():
    return load_indicator_meta()


def test_isolated_source_faults_are_dropped_and_listed_but_systematic_ones_fail(meta):
    many = pd.DataFrame({"indicator_id": "gerd_total", "nuts_id": [f"R{i}" for i in range(100)], "year": 2015,
                         "value": [1.0] * 99 + [106.76]})
    kept, dropped = drop_out_of_range(many, meta)
    assert len(kept) == 99 and dropped.value.tolist() == [106.76] and "outside declared range" in dropped.reason.iloc[0]
    with pytest.raises(ValidationError, match="unit or scale error"):
        drop_out_of_range(many.assign(value=many.value * 100), meta)


def test_metadata_file_is_validated(tmp_path):
    bad = tmp_path / "indicators.yaml"
    bad.write_text("indicators:\n  - id: x\n    label: X\n    theme: nonsense\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="missing description"):
        load_indicator_meta(bad)


def test_publish_swaps_atomically(tmp_path):
    old, new = tmp_path / "builds" / "a", tmp_path / "builds" / "b"
    for d in (old, new):
        d.mkdir(parents=True)
        (d / "manifest.json").write_text(d.name)
    target = tmp_path / "processed"
    build_module.publish(old, target)
    assert (target / "manifest.json").read_text() == "a"
    build_module.publish(new, target)
    assert (target / "manifest.json").read_text() == "b" and target.is_symlink()
