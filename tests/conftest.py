"""Shared fixtures: the real layer is built once per test session from the real raw files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

ROOT = Path(__file__).resolve().parents[1]
SHARED_RAW = ROOT.parent / "shared" / "data" / "raw"
if not os.environ.get("ATLAS_RAW_DIR") and SHARED_RAW.exists():
    os.environ["ATLAS_RAW_DIR"] = str(SHARED_RAW)
os.environ.setdefault("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")


def _own_port_range() -> None:
    """dash_duo numbers its servers from one fixed port in every process, so two test processes (xdist workers, or
    two checkouts tested at once) would start on each other's server; each process starts from its own range."""
    from dash.testing.application_runners import BaseDashRunner

    BaseDashRunner._next_port = 20000 + (os.getpid() % 2000) * 20


_own_port_range()


def pytest_setup_options():
    """Chromium flags for dash_duo: headless, no sandbox, no background traffic."""
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--window-size=1440,900"):
        options.add_argument(flag)
    return options


TIER_ORDER = {"unit": 0, "browser": 1, "integration": 2}


def pytest_collection_modifyitems(config, items):
    """The unit tier first (it needs no layer: it runs while the layer is built, ``pytest_sessionstart``), then the
    browser tier (the longest files, started early), then the integration tier; each file's own order is kept."""
    items.sort(key=lambda item: TIER_ORDER.get(Path(str(item.fspath)).parent.name, len(TIER_ORDER)))


def _shared_layer(root: Path) -> tuple[Path, Path]:
    """The shared layer's folder and its lock file under the session's temporary root."""
    return root / "shared-layer" / "processed", root / "shared-layer.lock"


def pytest_sessionstart(session):
    """One process (the first xdist worker, or pytest alone) starts building the shared layer at once, in a child
    process, under the build lock, while the unit tier runs; ``layer_dir`` then waits for the lock. Before, every
    worker's first test waited for a build that started only then (45 s of two idle workers)."""
    if os.environ.get("ATLAS_TEST_PREBUILT_LAYER"):
        return
    worker = getattr(session.config, "workerinput", {}).get("workerid", "master")
    if worker not in ("gw0", "master"):
        return
    import subprocess
    import sys
    import threading

    from filelock import FileLock

    base = session.config._tmp_path_factory.getbasetemp()
    target, lock_path = _shared_layer(base.parent if worker != "master" else base)

    def build_in_a_child() -> None:
        with FileLock(str(lock_path)):
            if not (target / "manifest.json").is_file():
                subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                                "from data.pipeline.build import build; build(Path(sys.argv[1]))", str(target)],
                               cwd=ROOT, check=False)

    threading.Thread(target=build_in_a_child, daemon=True, name="layer-build").start()


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return Path(os.environ["ATLAS_RAW_DIR"])


@pytest.fixture(scope="session")
def layer_dir(tmp_path_factory, worker_id) -> Path:
    """Build the layer once into a temp dir and point the app at it.

    Under pytest-xdist the workers share one build: the first to take the lock builds, the others wait and read
    it. For a quick local loop, ``ATLAS_TEST_PREBUILT_LAYER`` names a layer built beforehand from the same raw
    files (``python -m data.build --out DIR``); CI never sets it, so the suite there always builds its own."""
    from filelock import FileLock

    from data.layer import get_layer
    from data.pipeline.build import build

    prebuilt = os.environ.get("ATLAS_TEST_PREBUILT_LAYER")
    if prebuilt:
        target = Path(prebuilt)
    else:
        root = tmp_path_factory.getbasetemp()
        target, lock_path = _shared_layer(root.parent if worker_id != "master" else root)
        with FileLock(str(lock_path)):
            if not (target / "manifest.json").is_file():  # the child's build failed: build here, to see why
                build(target)
    os.environ["ATLAS_LAYER_DIR"] = str(target)
    get_layer.cache_clear()
    return target


@pytest.fixture(scope="session")
def layer(layer_dir):
    from data.layer import get_layer

    return get_layer(str(layer_dir))


@pytest.fixture(scope="session")
def client(layer_dir):
    from app import server

    return server.test_client()


@pytest.fixture()
def layer_copy(tmp_path, layer_dir, monkeypatch):
    """The built layer seen through symlinks, so a test can add imports without touching the shared one."""
    copy = tmp_path / "processed"
    copy.mkdir()
    for item in layer_dir.iterdir():
        if item.name != "imports":
            (copy / item.name).symlink_to(item)
    monkeypatch.setenv("ATLAS_LAYER_DIR", str(copy))
    return copy
