"""A document rendered on the browser session's loop (another thread) or in the render pool is written in the
language of the request that asked for it (issue 28), not in the loop thread's default."""

from __future__ import annotations

import asyncio
import threading

from data.layer.language import current_language, use_language
from exports.routes import in_language
from tests.unit.test_render_session import _session


async def _words(opening):
    await opening
    return current_language(), await asyncio.to_thread(current_language)


def test_the_session_loop_runs_each_job_in_its_callers_language():
    session, _log = _session(idle=0)
    with use_language("pl"):
        assert session.run(_words) == ("pl", "pl")
    with use_language("de"):
        assert session.run(_words) == ("de", "de")
    assert session.run(_words) == ("en", "en")
    session.close()


def test_a_render_job_carries_the_language_into_another_thread():
    with use_language("fr"):
        job = in_language(lambda: current_language().encode())
    seen = []
    worker = threading.Thread(target=lambda: seen.append(job()))
    worker.start()
    worker.join()
    assert seen == [b"fr"] and current_language() == "en"
