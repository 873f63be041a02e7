"""Render figures with kaleido driving the system Chromium (no browser download, no CDN).

Chromium is started through ``deploy/export-chromium.sh``: at a lower CPU priority, and with its sandbox
whenever the platform allows it. Chromium refuses its sandbox as root, so a server running as root has the
script run it as the unprivileged ``$ATLAS_RENDER_USER`` (default ``atlas-render``; ``make render-user``
creates it). When neither works (no such user, no user namespaces in the container) the export still runs,
without the sandbox, and the reason is logged once per worker.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing.util
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import plotly.graph_objects as go

from data.settings import default_of, env_name, settings
from exports.session import RenderSession
from web.render_pool import browser_tabs

ROOT = Path(__file__).resolve().parents[1]
GEO_ASSETS = ROOT / "assets" / "01_geo_assets.js"
EXPORT_CHROMIUM = ROOT / "deploy" / "export-chromium.sh"
RENDER_USER_ENV = env_name("render_user")
DEFAULT_RENDER_USER = default_of("render_user")
FORMATS = ("png", "svg", "pdf")
PNG_SCALE = 2
PROBE_PAGE = "data:text/html,<p>atlas-probe</p>"
log = logging.getLogger("atlas.render")
T = TypeVar("T")


class ExportError(RuntimeError):
    """The renderer could not produce the file (no Chromium, timeout, renderer error)."""


@dataclass(frozen=True)
class BrowserLaunch:
    """How this worker starts Chromium: the executable (or the user-switching wrapper) and the sandbox."""

    path: str
    sandbox: bool
    user: str
    reason: str


def _chromium() -> str | None:
    found = (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))
    configured = settings().browser_path
    return str(configured) if configured else next((path for path in found if path), None)


def _starts(path: str, sandbox: bool) -> bool:
    """Does Chromium at `path` render a page with (or without) its sandbox here? (about one second, once)"""
    profile = tempfile.mkdtemp(prefix="atlas-probe-")
    cli = [path, "--headless", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
           "--dump-dom", PROBE_PAGE] + ([] if sandbox else ["--no-sandbox"])
    try:
        done = subprocess.run(cli, capture_output=True, timeout=60, check=False)
        return b"atlas-probe" in done.stdout
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@lru_cache(maxsize=1)
def browser_launch() -> BrowserLaunch:
    """Decided once per worker: sandboxed and unprivileged when possible, otherwise the logged fallback."""
    if not _chromium():
        raise ExportError("Static export failed: no Chromium installed (make system-deps)")
    script = str(EXPORT_CHROMIUM)
    user = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() == 0:
        wanted = settings().render_user
        try:
            pwd.getpwnam(wanted)
        except KeyError:
            return _fallback(script, user, f"running as root and there is no user {wanted!r} to run Chromium as "
                                           f"(create it with `make render-user`)")
        user = wanted
    if _starts(script, sandbox=True):
        return BrowserLaunch(script, True, user, f"as {user}, sandbox on")
    if _starts(script, sandbox=False):
        return _fallback(script, user, f"Chromium's sandbox does not start as {user} (no user namespaces?)")
    return _fallback(script, user, f"Chromium does not start as {user}; exports will fail")


def _fallback(path: str, user: str, reason: str) -> BrowserLaunch:
    log.warning("static exports run Chromium as %s WITHOUT its sandbox: %s", user, reason)
    return BrowserLaunch(path, False, user, reason)


@lru_cache(maxsize=1)
def _index_page() -> Path:
    """kaleido's page, written once per process into a directory this process has just created (``mkdtemp``: a
    name nobody could guess or make first), readable (not writable) by the unprivileged Chromium and removed at
    exit (also by a render child: ``multiprocessing``'s finalizers run there, ``atexit`` does not). A page at a
    predictable path, reused whoever had made it, let another local user choose what Chromium loads."""
    from kaleido import PageGenerator  # heavy: imported on the first export only

    html = PageGenerator(mathjax=False, others=[str(GEO_ASSETS)]).generate_index()
    folder = Path(tempfile.mkdtemp(prefix="atlas-kaleido-"))
    multiprocessing.util.Finalize(None, shutil.rmtree, args=(str(folder), True), exitpriority=0)
    folder.chmod(0o755)
    index = folder / "index.html"
    with open(os.open(index, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), "w", encoding="utf-8") as out:
        out.write(html)
    index.chmod(0o644)
    return index


Figureish = go.Figure | dict | Callable[[], go.Figure | dict]


def _options(fig: dict, fmt: str) -> dict:
    layout = fig.get("layout") or {}
    return {"format": fmt, "width": layout.get("width"), "height": layout.get("height"),
            "scale": PNG_SCALE if fmt == "png" else 1}


async def _opened():
    """Chromium with kaleido's page (``browser_tabs()`` tabs), started while the first document's figures are
    still being built."""
    import kaleido  # heavy, and only for exports: never loaded by a worker that renders nothing

    launch = await asyncio.to_thread(browser_launch)
    browser = kaleido.Kaleido(n=browser_tabs(),
                              page_generator=_index_page(), timeout=120, path=launch.path,
                              enable_sandbox=launch.sandbox)
    return await browser.__aenter__()


@lru_cache(maxsize=1)
def _session_of(pid: int) -> RenderSession:
    return RenderSession.from_env(_opened)


def render_session() -> RenderSession:
    """This process's browser session (exports/session.py), created on its first export. Keyed by process id: a
    render child forked from a worker that had a session (web/render_pool.py) inherits the session's object but not
    the thread running its event loop, so it must open its own, or wait for ever."""
    return _session_of(os.getpid())


def _built(item: Figureish) -> dict:
    """A figure as the plain dict kaleido sends to the page (built and converted in a worker thread)."""
    fig = item() if callable(item) else item
    return fig if isinstance(fig, dict) else fig.to_dict()


Figures = Sequence[Figureish] | Callable[[T], Sequence[Figureish]]


async def _render(opening: asyncio.Future, figures: Figures, fmt: str,
                  alongside: Callable[[], T] | None) -> tuple[list[bytes], T]:
    """All figures of a document in the session's browser. While the browser starts (first document) `alongside`
    (the document's words, say) and the figures are built in a worker thread, each figure queued for the page as
    soon as it is built, so building the next overlaps rendering the last. `figures` may be a function of what
    `alongside` returned (the pages of a brief are drawn from the brief)."""
    extra = await asyncio.to_thread(alongside) if alongside else None
    items = await asyncio.to_thread(figures, extra) if callable(figures) else figures
    renders = []
    for item in items:
        fig = await asyncio.to_thread(_built, item)
        browser = await opening
        renders.append(asyncio.ensure_future(browser.calc_fig(fig, opts=_options(fig, fmt))))
    return list(await asyncio.gather(*renders)), extra


def render(figures: Sequence[Figureish], fmt: str) -> list[bytes]:
    """Bytes of each figure in `fmt` (png at 2x scale, svg, pdf); a figure may be given as a function building it."""
    return render_with(figures, fmt)[0]


def render_with(figures: Figures, fmt: str, alongside: Callable[[], T] | None = None) -> tuple[list[bytes], T]:
    """render(), plus the result of `alongside()` computed while Chromium starts."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    try:
        return render_session().run(lambda opening: _render(opening, figures, fmt, alongside))
    except ExportError:
        raise
    except Exception as exc:  # kaleido/choreographer raise many types
        raise ExportError(f"Static export failed: {type(exc).__name__}") from exc
