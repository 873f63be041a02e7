"""Issue 24, items 7 and 8: the served configuration renders exports sandboxed as an unprivileged user, and each
gunicorn instance keeps to itself (no shared control socket)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.gunicorn_conf import read_gunicorn_conf

ROOT = Path(__file__).resolve().parents[2]


def _gunicorn_settings(env: dict[str, str]) -> dict:
    from gunicorn.config import Config

    namespace = read_gunicorn_conf(env)
    config = Config()
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return {"disabled": config.control_socket_disable, "path": config.control_socket}


def test_gunicorn_control_socket_is_off_unless_given_its_own_path(tmp_path):
    assert _gunicorn_settings({})["disabled"] is True, "two instances shared ~/.gunicorn/gunicorn.ctl"
    own = str(tmp_path / "atlas-8100.ctl")
    settings = _gunicorn_settings({"GUNICORN_CONTROL_SOCKET": own})
    assert settings == {"disabled": False, "path": own}


def test_make_serve_creates_the_render_user_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "serve-proxy"):
        prerequisites = re.search(rf"^{re.escape(target)}:(.*)$", makefile, re.M).group(1).split()
        assert "render-user" in prerequisites, target


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("chromium") or not shutil.which("setpriv"),
                    reason="runs Chromium as another user: needs root and chromium")
def test_export_chromium_starts_as_a_user_whose_group_has_another_name():
    """nobody's group is nogroup: `--regid=nobody` made setpriv fail, so Chromium never started. (The profile is
    where kaleido puts it, in the temp dir: pytest's own folders are closed to other users.)"""
    profile = Path(tempfile.mkdtemp(prefix="atlas-test-profile-"))
    try:
        done = subprocess.run([str(ROOT / "deploy" / "export-chromium.sh"), "--headless", "--disable-gpu",
                               "--no-first-run", f"--user-data-dir={profile}", "--dump-dom",
                               "data:text/html,<p>atlas-probe</p>"],
                              env={**os.environ, "ATLAS_RENDER_USER": "nobody"}, capture_output=True, timeout=90)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert b"atlas-probe" in done.stdout, done.stderr[-500:]


def test_each_worker_switches_threads_every_millisecond():
    """The request threads and the connection loop share one interpreter lock; at Python's 5 ms switch interval the
    loop waited behind CPU-bound answers (``deploy/gunicorn.conf.py``)."""
    import sys
    from types import SimpleNamespace

    from flask import Flask

    hooks = read_gunicorn_conf()
    app = Flask("probe")
    app.add_url_rule("/healthz", "healthz", lambda: "ok")
    before = sys.getswitchinterval()
    try:
        hooks["post_worker_init"](SimpleNamespace(wsgi=app))
        assert sys.getswitchinterval() == pytest.approx(hooks["SWITCH_INTERVAL_S"]) == pytest.approx(0.001)
    finally:
        sys.setswitchinterval(before)
