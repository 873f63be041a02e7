"""Where the processed layer lives (``$ATLAS_LAYER_DIR`` or ``data/processed``) and how its files are checked.

The build records the sha256 of every layer file in ``manifest.json`` (``files``); the app recomputes them once
at start, so a tampered, truncated or deleted file is reported instead of served.
"""

from __future__ import annotations

from pathlib import Path
from typing import overload

from data.layer.registry import sha256_of
from data.settings import settings

DATA_DIR = Path(__file__).resolve().parents[1]
MANIFEST = "manifest.json"
ADDED_AFTER_BUILD = ("imports",)


def default_layer_dir() -> Path:
    return settings().layer_dir


def file_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file the build wrote (relative POSIX path -> hex), without the manifest itself and
    without the lists ``python -m data.import`` adds later (their loader checks them)."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): sha256_of(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
        and path.relative_to(folder).parts[0] not in ADDED_AFTER_BUILD
    }


def manifest_problem(folder: Path, manifest: dict) -> str | None:
    """Why the files at `folder` are not the ones its manifest lists (first problem found), or None."""
    expected = manifest.get("files")
    if not isinstance(expected, dict) or not expected:
        return "the manifest lists no file hashes (layer built by an older version); rebuild it"
    folder = Path(folder)
    for name, digest in sorted(expected.items()):
        path = folder / name
        problem = digest_problem(name, sha256_of(path) if path.is_file() else None, digest)
        if problem:
            return problem
    return None


@overload
def digest_problem(name: str, actual: None, expected: str | None) -> str: ...
@overload
def digest_problem(name: str, actual: str | None, expected: str | None) -> str | None: ...
def digest_problem(name: str, actual: str | None, expected: str | None) -> str | None:
    """Why a layer file is not the one its manifest lists (`actual` None: not there), or None: one wording for
    the check at start and for files read later."""
    if actual is None or expected is None:
        return f"layer file {name} is missing"
    if actual != expected:
        return f"layer file {name} does not match its manifest sha256 (changed or truncated)"
    return None
