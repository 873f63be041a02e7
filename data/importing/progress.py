"""How far a running import is, readable by any thread or worker process of the server while it runs.

"Check and locate" runs in one request; the page asks for its progress in others, which gunicorn may serve on
another thread or another worker. So the record is a small JSON file per job in one directory, written atomically
(write, then ``os.replace``) and read without locks: no state lives in a process, and a reader sees the last whole
record or none. The directory is the server's own (created 0700, its owner checked: ``data/layer/private_dir.py``).
The job id comes from the browser, so only ids of 16-64 hex digits are accepted (no path can be
named). The registry is bounded: a finished job's file is removed, and files older than ``KEEP_SECONDS`` (an
abandoned job) are swept whenever a job starts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from pathlib import Path

from data.layer.language import gettext as _
from data.layer.language import number_text
from data.layer.private_dir import UnsafeDirectory, private_directory
from data.settings import settings

KEEP_SECONDS = 3600
JOB_ID = re.compile(r"^[0-9a-f]{16,64}$")


def progress_dir() -> Path:
    """The directory of the records (``ATLAS_PROGRESS_DIR``, else one under the system's temporary directory)."""
    return settings().progress_dir


def _path(job: str) -> Path | None:
    return progress_dir() / f"{job}.json" if isinstance(job, str) and JOB_ID.match(job) else None


def write_progress(job: str, stage: str, done: int = 0, total: int = 0) -> None:
    """Record a job's stage ("reading", "locating", "checking") and its row counts."""
    path = _path(job)
    if path is None:
        return
    try:
        private_directory(path.parent)
    except UnsafeDirectory:
        return  # logged: the busy line shows no count rather than records someone else could rewrite
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"stage": stage, "done": int(done), "total": int(total), "at": time.time()}, out)
    os.replace(temporary, path)


def read_progress(job: str) -> dict | None:
    """The job's last record, or None (unknown job, not started yet, or finished)."""
    path = _path(job)
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path else None
    except (OSError, ValueError):
        return None


def start_job(job: str) -> None:
    """Sweep abandoned records, then mark the job as reading its file."""
    folder = progress_dir()
    if folder.is_dir():
        cutoff = time.time() - KEEP_SECONDS
        for old in folder.glob("*.json"):
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                continue
    write_progress(job, "reading")


def end_job(job: str) -> None:
    path = _path(job)
    if path is not None:
        path.unlink(missing_ok=True)


def progress_text(record: dict | None) -> str:
    """The busy line for a record: what is being done, with row counts once they are known."""
    if not record:
        return ""
    done, total, stage = record.get("done", 0), record.get("total", 0), str(record.get("stage"))
    counts = {"done": number_text(done), "total": number_text(total)}
    if stage == "reading":
        return _("Reading the file…")
    if stage == "locating":
        return _("Located %(done)s of %(total)s rows…") % counts
    if stage == "checking":
        return _("Located %(total)s rows; checking duplicates and values…") % counts
    return ""
