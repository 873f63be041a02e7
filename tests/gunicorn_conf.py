"""``deploy/gunicorn.conf.py`` read as gunicorn reads it (executed as a module), for tests of its settings and hooks."""

from __future__ import annotations

import os
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "deploy" / "gunicorn.conf.py"


def read_gunicorn_conf(env: dict[str, str] | None = None) -> dict:
    """The names the file defines, executed with `env` added to the environment (restored afterwards)."""
    namespace: dict = {"__file__": str(CONF)}
    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        exec(compile(CONF.read_text(encoding="utf-8"), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102 - our own deploy file
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return namespace
