"""The worker's kept browser (exports/session.py): opened once for consecutive documents, closed when idle, and
closed after a document that failed, with a stand-in for Chromium."""

from __future__ import annotations

import time

import pytest

from exports.session import RenderSession


class FakeBrowser:
    def __init__(self, log: list[str]):
        self.log = log

    async def __aexit__(self, *_exc) -> None:
        self.log.append("closed")


def _session(idle: float) -> tuple[RenderSession, list[str]]:
    log: list[str] = []

    async def open_browser() -> FakeBrowser:
        log.append("opened")
        return FakeBrowser(log)

    return RenderSession(open_browser, idle), log


async def _use(opening):
    browser = await opening
    return browser


def test_consecutive_documents_share_one_browser_closed_when_idle():
    session, log = _session(idle=0.3)
    first, second = session.run(_use), session.run(_use)
    assert first is second and log == ["opened"]
    time.sleep(0.8)
    assert log == ["opened", "closed"]
    assert session.run(_use) is not first and log == ["opened", "closed", "opened"]
    session.close()
    assert log[-1] == "closed"


def test_a_failed_document_closes_the_browser():
    session, log = _session(idle=60)

    async def failing(opening):
        await opening
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        session.run(failing)
    assert log == ["opened", "closed"]
    session.run(_use)
    assert log == ["opened", "closed", "opened"]
    session.close()
