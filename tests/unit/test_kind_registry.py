"""The view-kind registry and the pages' typed capabilities: every kind provides every capability, and a page
that misspells a capability or passes a loose keyword to its registration fails when its module is imported."""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path

import pytest

from kinds import CAPABILITIES, KINDS, MAP, STRATEGY, ViewKind
from web.pages import CAPABILITY_NAMES, Capabilities, pages_with

ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_holds_the_map_and_strategy_kinds_under_their_names():
    assert KINDS == {"map": MAP, "strategy": STRATEGY}
    assert all(name == kind.name for name, kind in KINDS.items())


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_provides_every_capability(name):
    kind = KINDS[name]
    assert isinstance(kind, ViewKind)
    assert not inspect.isabstract(type(kind)), f"{name} leaves {sorted(type(kind).__abstractmethods__)} undefined"
    for capability in CAPABILITIES:
        method = getattr(type(kind), capability)
        assert method is not getattr(ViewKind, capability), f"{name} does not define {capability}"
        assert callable(getattr(kind, capability))


def test_the_capabilities_named_are_the_abstract_methods_of_a_kind():
    assert set(CAPABILITIES) == set(ViewKind.__abstractmethods__)


def test_each_kind_lives_in_one_module_that_names_where_its_files_come_from():
    """A newcomer reads one file per kind: its docstring says where the view becomes a download, a pack page,
    a slide."""
    for kind in KINDS.values():
        module = sys.modules[type(kind).__module__]
        text = Path(module.__file__).read_text(encoding="utf-8")
        for capability in ("parse", "rows", "drawing", "words", "slide"):
            assert f"``{capability}``" in module.__doc__, (module.__name__, capability)
            assert f"def {capability}(" in text, (module.__name__, capability)


def test_an_unknown_capability_is_refused():
    with pytest.raises(TypeError):
        Capabilities(downloadble=True)  # misspelt
    with pytest.raises(TypeError, match="kind"):
        Capabilities(in_pack=True)  # a pack view needs a kind to be drawn
    with pytest.raises(TypeError, match="Unknown page capability"):
        pages_with("downloadble")
    assert "kind" in CAPABILITY_NAMES and "in_pack" in CAPABILITY_NAMES


def _import_page(tmp_path: Path, source: str) -> None:
    path = tmp_path / "misspelt_page.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("misspelt_page", path)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))


def test_a_page_with_a_misspelt_capability_fails_at_import(tmp_path):
    with pytest.raises(TypeError, match="downloadble"):
        _import_page(tmp_path, "from web.pages import Capabilities, register_page\n"
                               "register_page(__name__, Capabilities(nav=True, downloadble=True), path='/x')\n")


def test_a_page_with_a_loose_capability_keyword_fails_at_import(tmp_path):
    """Dash's own ``register_page`` keeps any keyword silently; the atlas's refuses what Dash does not take."""
    with pytest.raises(TypeError, match="Unknown page option 'downloadable'"):
        _import_page(tmp_path, "from web.pages import register_page\n"
                               "register_page(__name__, path='/x', name='X', downloadable=True)\n")


def test_pages_register_through_the_typed_capabilities_only():
    """No page calls ``dash.register_page`` itself (which would take any keyword)."""
    loose = [p.name for p in (ROOT / "pages").glob("*.py") if "dash.register_page(" in p.read_text(encoding="utf-8")]
    assert loose == []


def test_the_slide_show_lists_no_page_by_hand():
    """The presentation script asks the server which pages start the show (``/api/slide/pages``)."""
    script = (ROOT / "assets" / "20_present.js").read_text(encoding="utf-8")
    assert "/api/slide/pages" in script
    for page in ("/technology", "/clusters", "/strategies"):
        assert f'"{page}"' not in script
