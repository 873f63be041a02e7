"""Source registry: where every raw file comes from, its licence, and its hash.

One YAML file (`sources.yaml`) drives both the build (locate, download, verify)
and the tests (one parametrised check per file), in the spirit of
geopandas/geodatasets. Raw files are read from ``$ATLAS_RAW_DIR`` (default
``data/raw``); a file that is missing there is downloaded from its publisher's
URL with pooch into ``data/raw`` and checked against the registered sha256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from data.settings import env_name, settings
from data.yaml_files import load_yaml

DATA_DIR = Path(__file__).resolve().parents[1]
REGISTRY_FILE = DATA_DIR / "sources.yaml"
DEFAULT_RAW_DIR = DATA_DIR / "raw"
RAW_DIR_ENV = env_name("raw_dir")


class RawFileError(RuntimeError):
    """A raw input file is missing, unreachable or not the registered one."""


@dataclass(frozen=True)
class RawFile:
    path: str
    sha256: str
    download_url: str | None = None
    derived: bool = False
    derived_from: str | None = None
    optional: bool = False
    expect: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    short_name: str
    publisher: str
    landing_page: str
    licence: str
    licence_url: str
    citation: str
    published: str
    accessed: str
    files: tuple[RawFile, ...]
    nuts_version: int | None = None
    extractor: str | None = None
    experimental: bool = False
    note: str | None = None


@lru_cache(maxsize=4)
def load_registry(path: Path = REGISTRY_FILE) -> dict[str, Source]:
    """Parse the registry into Source records keyed by id."""
    doc = load_yaml(path)
    sources = {}
    for entry in doc["sources"]:
        files = tuple(RawFile(**f) for f in entry.pop("files"))
        sources[entry["id"]] = Source(files=files, **entry)
    return sources


def raw_dir() -> Path:
    """The directory raw files are read from (``$ATLAS_RAW_DIR`` or ``data/raw``)."""
    return settings().raw_dir.resolve()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_hash(path: Path, expected: str) -> None:
    """Raise a RawFileError naming the file and both hashes when they differ."""
    actual = sha256_of(path)
    if actual != expected:
        raise RawFileError(
            f"Hash mismatch for raw file {path}: registry expects sha256 {expected}, "
            f"file has sha256 {actual}. Replace the file with the registered one "
            f"or update data/sources.yaml after reviewing the new release."
        )


def _download(raw: RawFile, target_dir: Path) -> Path:
    """Fetch a missing raw file from its publisher with pooch (hash-checked)."""
    import pooch  # the download client is needed only when a raw file is missing, never at app start

    searched = raw_dir() / raw.path
    if raw.derived or not raw.download_url:
        how = (
            f"it is derived from {raw.derived_from} (format change only) and cannot be downloaded as is"
            if raw.derived
            else "the publisher offers no direct download URL for it"
        )
        raise RawFileError(
            f"Raw file {raw.path} not found at {searched}; {how}. "
            f"Set {RAW_DIR_ENV} to a directory holding it (e.g. ../shared/data/raw)."
        )
    dest = target_dir / raw.path
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        fetched = pooch.retrieve(
            raw.download_url,
            known_hash=f"sha256:{raw.sha256}",
            fname=dest.name,
            path=dest.parent,
            progressbar=False,
        )
    except ValueError as exc:  # pooch raises ValueError on hash mismatch
        raise RawFileError(f"Downloaded {raw.path} from {raw.download_url} but {exc}") from exc
    except Exception as exc:  # network errors come in many types
        raise RawFileError(
            f"Raw file {raw.path} not found at {searched} and the download from "
            f"{raw.download_url} failed ({type(exc).__name__}: {exc}). "
            f"Set {RAW_DIR_ENV} to a directory holding the raw files (e.g. ../shared/data/raw)."
        ) from exc
    return Path(fetched)


def resolve(raw: RawFile, *, verify: bool = True) -> Path:
    """Local path of a registered raw file, downloading it when missing."""
    local = raw_dir() / raw.path
    if not local.exists():
        fallback = DEFAULT_RAW_DIR / raw.path
        local = fallback if fallback.exists() else _download(raw, DEFAULT_RAW_DIR)
    if verify:
        verify_hash(local, raw.sha256)
    return local


def source_file(source_id: str, name: str) -> Path:
    """Path of the file of `source_id` whose registry path ends with `name`."""
    source = load_registry()[source_id]
    for raw in source.files:
        if raw.path.endswith(name):
            return resolve(raw)
    raise KeyError(f"{name} is not registered under source {source_id}")
