"""Directories only this server's user can write, for files the server reads back (cached exports, import
progress, the export Chromium's page).

A directory at a predictable path (``/tmp/cluster-atlas-cache-0``) may have been made by another local user
before the server started: whatever they leave or replace in it, the server would read back as its own. So the
server creates such a directory itself (mode 0700, or 0755 when an unprivileged helper must read it) and, when
it already exists, uses it only if it is a real directory (not a symbolic link), owned by the server's user and
writable by nobody else; otherwise it is refused with a log line, and the caller works without it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("atlas.private_dir")


class UnsafeDirectory(OSError):
    """The directory exists but someone else owns it or can write into it (or it is not a directory)."""


def directory_problem(path: Path) -> str | None:
    """Why `path` (which exists) must not be used, or None when it is a directory only this user can write."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a directory"
    if info.st_uid != os.geteuid():
        return f"it is owned by uid {info.st_uid}, not by this server's uid {os.geteuid()}"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"other users can write into it (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def private_directory(path: str | os.PathLike, mode: int = 0o700) -> Path:
    """`path`, created with `mode` when absent, checked when present; ``UnsafeDirectory`` (logged) when refused."""
    folder = Path(path)
    try:
        folder.mkdir(mode=mode, parents=False)
        os.chmod(folder, mode)  # mkdir's mode is filtered by the umask
    except FileExistsError:
        pass
    except FileNotFoundError:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return private_directory(folder, mode)
    problem = directory_problem(folder)
    if problem:
        log.error("refusing to use %s: %s. Remove it, or point the setting at a directory this server owns.",
                  folder, problem)
        raise UnsafeDirectory(f"{folder}: {problem}")
    return folder
