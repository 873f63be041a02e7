"""Read an uploaded file as a table of text cells, parsing it in a child process under a budget.

The budget (``LIMITS``) is enforced on the server, not trusted to the browser: file size, rows, columns, cells,
characters of decoded text, unpacked size, wall time and memory. The child process (``parse_child.py``) has a
hard address-space limit and is killed at the deadline, so a hostile file costs at most ``PARSE_MEMORY`` and
``PARSE_SECONDS`` and never touches the server worker's own memory. At most ``PARSE_SLOTS`` files are parsed or
located at once per worker (``import_slot``: locating runs in a child process too, ``table.py``) and
``PARSE_QUEUE`` more wait (at most ``WAIT_FOR_SLOT_SECONDS``); beyond that the user is asked to try again.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from data.importing.errors import ImportError_
from data.layer.language import gettext as _
from data.layer.language import number_text

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000
MAX_TEXT_CHARS = 20_000_000
MAX_UNZIPPED = 200 * 1024 * 1024
PARSE_SECONDS = 20
PARSE_MEMORY = 512 * 1024 * 1024
PARSE_SLOTS = 2
PARSE_NICE = 10
WAIT_FOR_SLOT_SECONDS = 15
CHILD = Path(__file__).with_name("parse_child.py")
LIMITS = {"rows": MAX_ROWS + 20, "columns": MAX_COLUMNS, "cells": MAX_CELLS, "text": MAX_TEXT_CHARS,
          "unzipped": MAX_UNZIPPED, "memory": PARSE_MEMORY, "cpu_seconds": PARSE_SECONDS + 1,
          "nice": PARSE_NICE}
_CHILD_ENV = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}
PARSE_QUEUE = 1
# Semaphores, not shared data: they bound how many parsing or locating children one worker runs at a time, and
# how many may wait for one. Beyond that the request is refused at once, so waiting imports never hold every thread
# of a worker (gunicorn's 4) and pages and /healthz keep one.
_SLOTS = threading.BoundedSemaphore(PARSE_SLOTS)
_ADMITTED = threading.BoundedSemaphore(PARSE_SLOTS + PARSE_QUEUE)


@contextmanager
def import_slot() -> Iterator[None]:
    """One of the worker's import slots (parsing or locating) for the block, or ``ImportError_`` "busy" at once when
    the slots and the queue are taken (or after ``WAIT_FOR_SLOT_SECONDS`` in the queue)."""
    busy = ImportError_(_("The server is reading or locating other lists right now; try again in a minute."), "busy")
    if not _ADMITTED.acquire(blocking=False):
        raise busy
    try:
        if not _SLOTS.acquire(timeout=WAIT_FOR_SLOT_SECONDS):
            raise busy
        try:
            yield
        finally:
            _SLOTS.release()
    finally:
        _ADMITTED.release()


def parse_in_child(content: bytes, sheet: str | None = None, sheets_only: bool = False,
                   limits: dict | None = None, seconds: float = PARSE_SECONDS) -> dict:
    """``{"sheets", "sheet", "rows"}`` from the child process, or ``ImportError_`` with what went wrong."""
    if not content:
        raise ImportError_(_("The file is empty."), "empty")
    if len(content) > MAX_BYTES:
        raise ImportError_(_("The file is %(size)s MB; the limit is %(limit)s MB.") % {
            "size": number_text(len(content) / 1e6, 1), "limit": number_text(MAX_BYTES / 1e6)}, "too_large")
    limits = {**LIMITS, **(limits or {}), "sheet": sheet, "sheets_only": sheets_only}
    with import_slot():
        return _run_child(content, limits, seconds)


def _run_child(content: bytes, limits: dict, seconds: float) -> dict:
    try:
        done = subprocess.run([sys.executable, "-P", str(CHILD), json.dumps(limits)], input=content,
                              capture_output=True, timeout=seconds, env=_CHILD_ENV, check=False)
    except subprocess.TimeoutExpired as exc:
        advice = (_("Excel workbooks read slowly (%(rows)s rows of 4 columns take longer than this): save the sheet "
                    "as CSV UTF-8, which reads about ten times faster, or split it.") % {"rows": number_text(200_000)}
                  if content[:4] == b"PK\x03\x04" else _("Split it or keep only the columns you need."))
        stopped = _("Reading the file took longer than %(seconds)s s (the limit) and was stopped.") % {
            "seconds": f"{seconds:g}"}
        raise ImportError_(f"{stopped} {advice}", "timeout") from exc
    return _child_answer(done, limits)


def _child_answer(done: subprocess.CompletedProcess, limits: dict) -> dict:
    try:
        answer = json.loads(done.stdout) if done.stdout else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and "error" in answer:
        raise ImportError_(child_message(answer), str(answer.get("code") or "unreadable"))
    if isinstance(answer, dict) and isinstance(answer.get("rows"), list):
        return answer
    stderr = done.stderr.decode("utf-8", "replace")[-2000:]
    if "MemoryError" in stderr or done.returncode == -signal.SIGKILL:
        raise ImportError_(_("Reading the file needs more than %(memory)s MB of memory (the limit): it is far larger "
                             "inside than on disk. Split it.") % {"memory": number_text(limits["memory"] / 2**20)},
                           "memory")
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise ImportError_(_("Reading the file took longer than %(seconds)s s of processor time and was stopped.")
                           % {"seconds": limits["cpu_seconds"]}, "timeout")
    raise ImportError_(_("The file could not be read: the reader stopped unexpectedly (exit %(exit)s). Save it again "
                         "as .xlsx or UTF-8 CSV.") % {"exit": done.returncode}, "unreadable")


def child_message(answer: dict) -> str:
    """The child's refusal in the reader's language: the child (a bare interpreter without the catalogues) sends the
    English message as a template with its values, which are filled in here (numbers written the reader's way)."""
    template, values = str(answer["error"]), answer.get("values")
    if not isinstance(values, dict):
        return template
    filled = {key: number_text(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)
              for key, value in values.items()}
    for text in (_(template), template):
        try:
            return text % filled
        except (KeyError, TypeError, ValueError):
            continue
    return template


def sheet_names(content: bytes) -> list[str]:
    """The sheets of an XLSX file (read in the child: opening a workbook already reads its shared strings)."""
    return list(parse_in_child(content, sheets_only=True)["sheets"])


def _header_row(rows: list[list[str]]) -> int:
    """First row (of the first 15) that looks like a header: mostly filled, text not numbers."""
    width = max((len(r) for r in rows[:50]), default=0)
    for n, row in enumerate(rows[:15]):
        cells = [c.strip() for c in row if c is not None and str(c).strip()]
        if len(cells) >= max(1, width // 2) and sum(not re.fullmatch(r"[-+0-9.,]+", c) for c in cells) >= len(cells) * 0.7:
            return n
    return 0


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def read_table(content: bytes, filename: str = "", sheet: str | None = None,
               header_row: int | None = None) -> pd.DataFrame:
    """The file as a table of text cells (CSV , ; tab, UTF-8 with/without BOM or cp1252; XLSX by sheet).

    ``header_row`` is the header's row number in the file (1 = first); by default it is detected below title rows.
    The workbook's sheets and the one read come back in ``attrs`` ("sheets", "sheet"), from the same single parse:
    one upload costs one parsing budget, not one per question asked of it.
    Raises ``ImportError_`` with a sentence for the user when the file is unreadable or over a budget.
    """
    parsed = parse_in_child(content, sheet=sheet)
    rows = parsed["rows"]
    numbered = [(n + 1, r) for n, r in enumerate(rows) if any(str(c).strip() for c in r)]
    if not numbered:
        raise ImportError_(_("The file has no rows."), "no_rows")
    kept = [r for _, r in numbered]
    if header_row is None:
        start = _header_row(kept)
    else:
        start = next((i for i, (n, _) in enumerate(numbered) if n >= header_row), len(kept) - 1)
    header = [str(c).strip() or _("column %(number)s") % {"number": i + 1} for i, c in enumerate(kept[start])]
    body = [r + [""] * (len(header) - len(r)) for r in kept[start + 1:]]
    frame = pd.DataFrame([r[: len(header)] for r in body], columns=_unique(header), dtype="string")
    frame.attrs["header_row"] = numbered[start][0]
    frame.attrs["row_numbers"] = [n for n, _ in numbered[start + 1:]]
    frame.attrs["sheets"] = list(parsed.get("sheets") or [])
    frame.attrs["sheet"] = parsed.get("sheet")
    return frame
