"""The import's progress record: readable from any thread, keyed only by well-formed job ids, bounded."""

from __future__ import annotations

import os
import threading
import time

from data.importing.progress import end_job, progress_text, read_progress, start_job, write_progress

JOB = "0123456789abcdef0123456789abcdef"


def test_progress_is_seen_from_another_thread_and_removed_at_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_PROGRESS_DIR", str(tmp_path))
    start_job(JOB)
    assert progress_text(read_progress(JOB)) == "Reading the file…"
    writer = threading.Thread(target=write_progress, args=(JOB, "locating", 1200, 3000))
    writer.start()
    writer.join()
    assert progress_text(read_progress(JOB)) == "Located 1,200 of 3,000 rows…"
    end_job(JOB)
    assert read_progress(JOB) is None and not list(tmp_path.iterdir())


def test_only_hex_job_ids_name_a_record_and_abandoned_records_are_swept(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_PROGRESS_DIR", str(tmp_path))
    for bad in ("../../etc/passwd", "short", "ABCDEF0123456789ABCDEF", None):
        write_progress(bad, "locating", 1, 2)
        assert read_progress(bad) is None
    assert not list(tmp_path.iterdir())
    old = tmp_path / ("f" * 32 + ".json")
    old.write_text("{}")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    start_job(JOB)
    assert not old.exists() and read_progress(JOB)["stage"] == "reading"
