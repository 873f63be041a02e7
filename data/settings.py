"""Every setting of Cluster Atlas, declared once: its environment variable, type, default and why it exists.

Settings come from the environment (``ATLAS_*``, plus the conventional ``HOST``, ``PORT``, ``BROWSER_PATH`` and
gunicorn's ``WEB_CONCURRENCY``/``GUNICORN_*``). ``settings()`` parses them with pydantic-settings and keeps the
result for as long as those variables keep their values: a server parses them once, while a test that changes
one with ``monkeypatch.setenv`` gets the new value on its next call, with no cache to clear. A value that does
not parse or is out of range stops the app at start with ``SettingsError`` naming the variable.

This module sits at the bottom of ``data/`` and imports nothing of the project, so every layer (the pipeline, the
run-time layer, the web layer, ``app.py``, ``deploy/gunicorn.conf.py``) reads its settings here.
``scripts/settings_table.py`` writes the table of ``docs/production.md`` from ``Settings``; a unit test fails
when the two differ.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

DATA_DIR = Path(__file__).resolve().parent
PREFIX = "ATLAS_"


def _uid() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0


def _shown(default: str) -> dict[str, Any]:
    """How the docs' table shows a default computed at run time (a path on this machine, a CPU count)."""
    return {"shown_default": default}


class Settings(BaseSettings):
    """The settings, each with its type, default and one line on what it does or defends against."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, frozen=True, extra="ignore")

    # Data
    layer_dir: Path = Field(DATA_DIR / "processed", json_schema_extra=_shown("`data/processed`"), description=(
        "The built data layer the app serves, read-only; its files are checked against its manifest at start."))
    raw_dir: Path = Field(DATA_DIR / "raw", json_schema_extra=_shown("`data/raw`"), description=(
        "The raw source files the build reads; a missing one is downloaded into `data/raw` and checked against "
        "its registered sha256."))
    snapshot_dir: Path | None = Field(None, json_schema_extra=_shown("`snapshots/` in the raw directory"),
                                      description="Where `make refresh` writes dated Eurostat snapshots and the "
                                                  "build looks for accepted ones.")
    eurostat_api: str = Field("https://ec.europa.eu/eurostat/api/dissemination", description=(
        "Base address of Eurostat's dissemination API for `make refresh` (tests point it at a local server)."))
    progress_dir: Path = Field(Path(tempfile.gettempdir()) / "cluster-atlas-import-progress",
                               json_schema_extra=_shown("`cluster-atlas-import-progress` in the temp dir"),
                               description="The import wizard's progress records; used only while it is the "
                                           "server's own directory, closed to other users.")
    # Caches
    cache_dir: Path = Field(Path(tempfile.gettempdir()) / f"cluster-atlas-cache-{_uid()}",
                            json_schema_extra=_shown("`cluster-atlas-cache-<uid>` in the temp dir"), description=(
        "Rendered exports, packs and downloads as checked plain files; used only while it is the server's own "
        "directory writable by nobody else, so no one can plant an entry."))
    static_gz_dir: Path | None = Field(None, json_schema_extra=_shown("`data/.static-gz` in the checkout"),
                                       description=(
        "Scripts, styles and geometry compressed once with zopfli, shared by the workers; each file is checked "
        "against its hash when read, so a stale or planted file is never served."))
    cache_type: str = Field("FileSystemCache", description=(
        "`FileSystemCache`, or `NullCache` to turn the file cache off; any other value (the pickling "
        "`RedisCache`) is logged and the file cache is used."))
    cache_items: int = Field(64, ge=1, description="Most files the file cache keeps (oldest out first): bounds its "
                                                   "disk use.")
    cache_max_entry_mb: float = Field(16.0, ge=0, description="Largest file the file cache keeps, in MB: one huge "
                                                              "export cannot fill the disk.")
    response_cache_mb: float = Field(32.0, ge=0, description=(
        "Memory per worker for finished answers (page shells, `/api`, `/download`, view callbacks), in MB; "
        "0 turns it off."))
    response_cache_max_entry_mb: float = Field(2.0, ge=0, description=(
        "Largest answer kept in memory, in MB: one big answer cannot push all the others out."))
    # Exports
    render_concurrency: int = Field(1, ge=1, description=(
        "Exports rendered at once per worker (each a ~215 MB Chromium): bounds memory and keeps threads free for "
        "pages and `/healthz`."))
    render_queue: int = Field(1, ge=0, description=(
        "Exports that may wait for a render slot per worker; beyond that the answer is 503 with Retry-After at "
        "once."))
    render_wait: float = Field(60.0, ge=0, description="Seconds an export waits for a render slot before a 503.")
    render_retry_after: int = Field(10, ge=0, description="The Retry-After seconds a busy 503 sends.")
    render_process: bool = Field(True, description=(
        "Render each export in a child forked from the worker (its GIL, not the worker's, so `/healthz` is not "
        "stalled); off keeps one Chromium per worker between documents."))
    render_nice: int = Field(10, ge=0, le=19, description=(
        "Niceness added to renders and their Chromium: pages and `/healthz` keep answering during a burst of "
        "exports."))
    render_timeout: float = Field(300.0, gt=0, description=(
        "Seconds before a render is killed with its Chromium (503): a stuck render cannot hold a slot for ever."))
    render_idle_seconds: float = Field(120.0, ge=0, description=(
        "With `ATLAS_RENDER_PROCESS=0`: seconds the worker's Chromium stays open after its last document (0 "
        "closes it after each)."))
    render_user: str = Field("atlas-render", description=(
        "The unprivileged user the export Chromium runs as, with its sandbox, when the server runs as root "
        "(`make render-user` creates it)."))
    browser_path: Path | None = Field(None, validation_alias="BROWSER_PATH",
                                      json_schema_extra=_shown("the first of `chromium`, `chromium-browser`, "
                                                               "`google-chrome` on PATH"),
                                      description="The Chromium that renders exports.")
    # Accessibility statement
    accessibility_contact: str = Field("", description=(
        "E-mail or web address the accessibility statement gives for feedback (Directive (EU) 2016/2102 requires "
        "one)."))
    accessibility_enforcement: str = Field("", description=(
        "Web address of the national enforcement body the accessibility statement names."))
    # Server
    host: str = Field("127.0.0.1", validation_alias="HOST", description=(
        "Address the server listens on (`make run`, `make serve`; the proxy's public address under "
        "`make serve-proxy`)."))
    port: int = Field(8050, ge=0, le=65535, validation_alias="PORT", description="Port the server listens on.")
    web_concurrency: int = Field(default_factory=lambda: max(2, os.cpu_count() or 1), ge=1,
                                 validation_alias="WEB_CONCURRENCY", json_schema_extra=_shown("CPU cores, at least 2"),
                                 description="gunicorn worker processes, each loading the layer once.")
    gunicorn_threads: int = Field(4, ge=1, validation_alias="GUNICORN_THREADS", description=(
        "Threads per gunicorn worker: with the default render pool two stay free for pages and `/healthz`."))
    gunicorn_control_socket: str = Field("", validation_alias="GUNICORN_CONTROL_SOCKET", description=(
        "This instance's own `gunicornc` socket; empty turns it off, so two instances never share a per-user "
        "default socket."))
    # Benchmarks
    bench_naive: bool = Field(False, description=(
        "Benchmarks only: registers the naive baseline callbacks of `bench/naive.py`; never set in production."))


class SettingsError(ValueError):
    """A setting's value does not parse or is out of range; the message names the environment variable."""


def env_name(field: str) -> str:
    """The environment variable a field is read from."""
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else PREFIX + field.upper()


def default_of(field: str) -> Any:
    """A field's declared default (for messages and tests that name it)."""
    return Settings.model_fields[field].default


ENV_NAMES = {env_name(field): field for field in Settings.model_fields}


def settings() -> Settings:
    """The settings for the environment as it is now (parsed once per distinct set of values)."""
    return _parsed(tuple(sorted((name.upper(), value) for name, value in os.environ.items()
                                if name.upper() in ENV_NAMES)))


@lru_cache(maxsize=16)
def _parsed(environment: tuple[tuple[str, str], ...]) -> Settings:
    """``environment`` (the values of the variables ``Settings`` reads) is only the cache key: pydantic-settings
    reads the same variables from ``os.environ``."""
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsError(_explain(error)) from None


def _explain(error: ValidationError) -> str:
    problems = []
    for problem in error.errors():
        where = str(problem["loc"][0]) if problem["loc"] else ""
        name = where if where in ENV_NAMES else env_name(where) if where in Settings.model_fields else where
        problems.append(f"{name}={str(problem.get('input', ''))[:80]!r}: {problem['msg']}")
    return "invalid setting: " + "; ".join(problems)


@dataclass(frozen=True)
class SettingRow:
    """One line of the docs' settings table."""

    variable: str
    type: str
    default: str
    description: str


TYPE_NAMES = {"int": "integer", "float": "number", "bool": "yes/no (1/0, true/false)", "str": "text",
              "Path": "path", "Path | None": "path"}


def setting_rows() -> list[SettingRow]:
    """Every setting as the docs show it, in declaration order."""
    rows = []
    for field, info in Settings.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "shown_default" in extra:
            default = str(extra["shown_default"])
        elif isinstance(info.default, bool):
            default = "`1`" if info.default else "`0`"
        elif isinstance(info.default, float) and info.default.is_integer():
            default = f"`{int(info.default)}`"
        else:
            default = f"`{info.default}`" if info.default not in ("", None) else "(empty)"
        kind = TYPE_NAMES.get(_type_name(info.annotation), _type_name(info.annotation))
        rows.append(SettingRow(env_name(field), kind, default, info.description or ""))
    return rows


def _type_name(annotation: Any) -> str:
    return getattr(annotation, "__name__", None) or str(annotation).replace("pathlib.", "")
