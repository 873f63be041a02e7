"""The source registry on its own: every source has the metadata a download names, and a missing raw file is
explained (where to get it, or that it is derived). (Every raw file against its hash: tests/integration/test_registry.py.)"""

from __future__ import annotations

import pytest

from data.layer import registry
from data.layer.registry import RawFileError, load_registry, resolve


def test_registry_has_required_metadata():
    for source in load_registry().values():
        for key in ("title", "publisher", "licence", "licence_url", "citation", "landing_page", "published", "accessed"):
            assert getattr(source, key), f"{source.id} lacks {key}"
        assert source.landing_page.startswith("https://")
        for raw in source.files:
            assert len(raw.sha256) == 64
            assert raw.derived or raw.download_url or raw.optional or source.id == "jrc_nuts_converter"


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
