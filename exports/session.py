"""One Chromium per worker process, kept between documents and closed when idle.

Starting Chromium and loading kaleido's page (plotly.js) is most of a small document's cost: about 4 s of a
region brief's 7 on two idle cores, far more on a busy machine. The session keeps the browser for
``ATLAS_RENDER_IDLE_SECONDS`` (default 120; 0 closes it after every document, as before) after its last document,
so only the first document of a busy period pays for the start. Documents run on the session's own event loop
(one thread); the render pool (web/render_pool.py) still bounds how many run at once, and the browser has as many
tabs as the pool has slots. A document that fails takes the browser down with it, so the next one starts afresh.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from data.settings import settings

T = TypeVar("T")
Job = Callable[[asyncio.Future], Awaitable[T]]


class RenderSession:
    """A browser opened on first use, shared by the documents of one worker, closed after `idle_seconds`."""

    def __init__(self, open_browser: Callable[[], Awaitable[Any]], idle_seconds: float):
        self._open = open_browser
        self._idle = idle_seconds
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._opening: asyncio.Future | None = None
        self._users = 0
        self._closer: asyncio.TimerHandle | None = None

    @classmethod
    def from_env(cls, open_browser: Callable[[], Awaitable[Any]]) -> RenderSession:
        return cls(open_browser, settings().render_idle_seconds)

    def run(self, job: Job) -> T:
        """job(opening) on the session's loop, where `opening` resolves to the browser (started if need be)."""
        return asyncio.run_coroutine_threadsafe(self._run(job), self._started_loop()).result()

    def close(self) -> None:
        """Close the browser (at exit, or when a test wants a fresh one)."""
        loop = self._loop
        if loop is not None and loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(self._discard(), loop).result(timeout=15)
            except Exception:  # noqa: BLE001 — closing at exit must never raise
                pass

    def _started_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                threading.Thread(target=loop.run_forever, name="atlas-render-session", daemon=True).start()
                self._loop = loop
                atexit.register(self.close)
            return self._loop

    async def _run(self, job: Job) -> T:
        self._users += 1
        if self._closer is not None:
            self._closer.cancel()
            self._closer = None
        if self._opening is None:
            self._opening = asyncio.ensure_future(self._open())
        try:
            return await job(self._opening)
        except BaseException:
            await self._discard()
            raise
        finally:
            self._users -= 1
            if not self._users:
                self._closer = asyncio.get_running_loop().call_later(
                    self._idle, lambda: asyncio.ensure_future(self._close_if_idle()))

    async def _close_if_idle(self) -> None:
        if not self._users:
            await self._discard()

    async def _discard(self) -> None:
        opening, self._opening = self._opening, None
        if opening is None:
            return
        try:
            browser = await opening
            await browser.__aexit__(None, None, None)
        except Exception:  # noqa: BLE001 — a browser that failed to start or crashed has nothing left to close
            pass
