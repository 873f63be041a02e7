"""The source registry drives downloads and this parametrised check of every raw file."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from data.layer.registry import RawFileError, load_registry, resolve, sha256_of

ALL_FILES = [(s.id, f) for s in load_registry().values() for f in s.files]


@pytest.mark.parametrize(("source_id", "raw"), ALL_FILES, ids=[f.path for _, f in ALL_FILES])
def test_raw_file_present_with_registered_hash_and_shape(source_id, raw, raw_dir):
    path = raw_dir / raw.path
    if raw.optional and not path.exists():
        pytest.skip("optional file")
    assert sha256_of(path) == raw.sha256
    if "rows" in raw.expect:
        assert len(pd.read_csv(path, sep="\t" if path.name.startswith("I40_") else ",", low_memory=False)) == raw.expect["rows"]
    if "features" in raw.expect:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            assert len(json.load(handle)["features"]) == raw.expect["features"]


def test_hash_mismatch_names_file_and_both_hashes(tmp_path, monkeypatch, raw_dir):
    raw = load_registry()["i40_readiness"].files[1]
    copy = tmp_path / raw.path
    copy.parent.mkdir(parents=True)
    copy.write_bytes((raw_dir / raw.path).read_bytes() + b"\n")
    monkeypatch.setenv("ATLAS_RAW_DIR", str(tmp_path))
    with pytest.raises(RawFileError) as err:
        resolve(raw)
    message = str(err.value)
    assert raw.path in message and raw.sha256 in message and sha256_of(copy) in message
