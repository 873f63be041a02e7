"""Every setting is declared once (data/settings.py), read through it, and documented from it."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from data.settings import ENV_NAMES, Settings, SettingsError, env_name, settings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import settings_table  # noqa: E402

CODE_DIRS = ("data", "domain", "figures", "web", "api", "downloads", "exports", "components", "pages", "deploy")
# Environment access that is not a setting: a copy of the environment handed to a child, and a library default
# set before pyarrow loads.
NOT_SETTINGS = {("data/importing/reading.py", "environ"), ("deploy/gunicorn.conf.py", "environ.setdefault")}


def _code_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for folder in CODE_DIRS:
        files += sorted((ROOT / folder).rglob("*.py"))
    return [path for path in files if path.name != "settings.py" or path.parent.name != "data"]


def _environment_reads(path: Path) -> list[str]:
    """`os.environ…` / `os.getenv` uses in a file, as 'environ', 'environ.get', 'getenv'."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                and node.attr in ("environ", "getenv"):
            found.append(node.attr)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "environ" and isinstance(node.value.value, ast.Name) and node.value.value.id == "os":
            found.append(f"environ.{node.attr}")
    return found


def test_the_docs_table_is_the_one_the_settings_object_gives():
    written = settings_table.current_block(settings_table.DOC.read_text(encoding="utf-8"))
    assert written == settings_table.block(), "docs/production.md's settings table is stale: run `make settings-table`"


def test_no_module_reads_the_environment_itself():
    readers = {}
    for path in _code_files():
        relative = path.relative_to(ROOT).as_posix()
        reads = {read for read in _environment_reads(path) if (relative, read) not in NOT_SETTINGS}
        reads -= {"environ"} if (relative, "environ.setdefault") in NOT_SETTINGS else set()
        if reads:
            readers[relative] = sorted(reads)
    assert not readers, f"read settings through data.settings.settings(), not the environment: {readers}"


def test_every_atlas_variable_the_code_and_docs_name_is_declared():
    named = set()
    for path in [*_code_files(), *sorted((ROOT / "docs").glob("*.md")), ROOT / "Makefile",
                 *sorted((ROOT / "deploy").glob("*.sh"))]:
        named |= set(re.findall(r"\bATLAS_[A-Z][A-Z0-9_]*", path.read_text(encoding="utf-8")))
    flask_config_key, tests_only = "ATLAS_CACHE_MAX_ENTRY_BYTES", "ATLAS_TEST_PREBUILT_LAYER"
    assert named - {flask_config_key, tests_only} - set(ENV_NAMES) == set()


def test_each_setting_has_a_type_a_default_and_a_reason():
    for field, info in Settings.model_fields.items():
        assert info.annotation is not None, field
        assert info.description and len(info.description) > 20 and "\n" not in info.description, field
    assert len(ENV_NAMES) == len(Settings.model_fields), "two settings share one variable"


def test_a_changed_variable_is_read_on_the_next_call(monkeypatch):
    monkeypatch.setenv("ATLAS_RENDER_CONCURRENCY", "3")
    assert settings().render_concurrency == 3
    monkeypatch.setenv("ATLAS_RENDER_CONCURRENCY", "5")
    assert settings().render_concurrency == 5
    monkeypatch.delenv("ATLAS_RENDER_CONCURRENCY")
    assert settings().render_concurrency == Settings.model_fields["render_concurrency"].default


def test_an_empty_variable_counts_as_unset(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_LAYER_DIR", "")
    monkeypatch.setenv("ATLAS_RESPONSE_CACHE_MB", "")
    assert settings().layer_dir == ROOT / "data" / "processed"
    assert settings().response_cache_mb == Settings.model_fields["response_cache_mb"].default


def test_values_are_parsed_into_their_types(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_RENDER_PROCESS", "0")
    monkeypatch.setenv("ATLAS_BENCH_NAIVE", "1")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("PORT", "8421")
    current = settings()
    assert current.render_process is False and current.bench_naive is True
    assert current.cache_dir == tmp_path and current.port == 8421


@pytest.mark.parametrize(("variable", "value", "says"), [
    ("ATLAS_RENDER_CONCURRENCY", "two", "valid integer"),
    ("ATLAS_RENDER_CONCURRENCY", "0", "greater than or equal to 1"),
    ("ATLAS_RENDER_NICE", "40", "less than or equal to 19"),
    ("ATLAS_RESPONSE_CACHE_MB", "lots", "valid number"),
    ("ATLAS_RENDER_PROCESS", "maybe", "valid boolean"),
    ("PORT", "80a", "valid integer"),
])
def test_a_bad_value_is_refused_naming_the_variable(monkeypatch, variable, value, says):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as refused:
        settings()
    assert f"{variable}={value!r}" in str(refused.value) and says in str(refused.value)


def test_a_bad_value_stops_gunicorn_at_start(monkeypatch):
    code = (ROOT / "deploy" / "gunicorn.conf.py").read_text(encoding="utf-8")
    monkeypatch.setenv("GUNICORN_THREADS", "four")
    with pytest.raises(SettingsError, match="GUNICORN_THREADS='four'"):
        exec(compile(code, "gunicorn.conf.py", "exec"), {"__file__": str(ROOT / "deploy" / "gunicorn.conf.py")})  # noqa: S102


def test_env_names_follow_the_prefix_unless_conventional():
    assert env_name("render_queue") == "ATLAS_RENDER_QUEUE"
    assert {env_name("port"), env_name("host"), env_name("browser_path")} == {"PORT", "HOST", "BROWSER_PATH"}
