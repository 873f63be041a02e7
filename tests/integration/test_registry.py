"""The source registry drives downloads and this parametrised check of every raw file."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from data.layer import registry
from data.layer.registry import RawFileError, load_registry, resolve, sha256_of

ALL_FILES = [(s.id, f) for s in load_registry().values() for f in s.files]


def test_registry_has_required_metadata():
    for source in load_registry().values():
        for key in ("title", "publisher", "licence", "licence_url", "citation", "landing_page", "published", "accessed"):
            assert getattr(source, key), f"{source.id} lacks {key}"
        assert source.landing_page.startswith("https://")
        for raw in source.files:
            assert len(raw.sha256) == 64
            assert raw.derived or raw.download_url or raw.optional or source.id == "jrc_nuts_converter"


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


def test_missing_file_without_network_names_file_url_and_variable(tmp_path, monkeypatch):
    import pooch

    def offline(*_args, **_kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.setenv("ATLAS_RAW_DIR", str(tmp_path / "empty"))
    monkeypatch.setattr(registry, "DEFAULT_RAW_DIR", tmp_path / "download")
    monkeypatch.setattr(pooch, "retrieve", offline)
    raw = load_registry()["gisco_nuts_2021"].files[0]
    with pytest.raises(RawFileError) as err:
        resolve(raw)
    message = str(err.value)
    assert raw.path in message and raw.download_url in message and "ATLAS_RAW_DIR" in message


def test_missing_derived_file_says_it_cannot_be_downloaded(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_RAW_DIR", str(tmp_path / "empty"))
    monkeypatch.setattr(registry, "DEFAULT_RAW_DIR", tmp_path / "download")
    raw = load_registry()["desi_2022"].files[0]
    with pytest.raises(RawFileError, match="derived from .*ATLAS_RAW_DIR"):
        resolve(raw)
