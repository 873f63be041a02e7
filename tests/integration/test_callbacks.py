"""Every id a callback reads or writes exists in ``app.validation_layout``, so a typo in an id fails here.

``suppress_callback_exceptions`` is off: Dash checks the callbacks against ``app.validation_layout`` (the app
shell and every registered page's layout, see ``web.pages.validation_layout``). This test does the same check
in Python, so it fails in CI and not only in a browser's dev tools: fixed ids must be in the validation layout,
pattern-matching ids must match at least one component of it (the fixed keys equal, ``MATCH``/``ALL`` any value),
except the repeated items only callbacks lay out.
"""

from __future__ import annotations

import json

import pytest
from dash._callback import GLOBAL_CALLBACK_LIST
from plotly.io.json import to_json_plotly

from components.ids import page_ids

# Pattern-matching items that only exist inside children written by a callback (never in a first layout).
RENDERED_BY_CALLBACKS = {
    "storyboard-title": "render_storyboard (one title box per view)",
    "storyboard-up": "render_storyboard", "storyboard-down": "render_storyboard", "storyboard-remove": "render_storyboard",
    "crumb": "profile panel", "similar": "profile panel", "compare-toggle": "profile panel",
    "compare-remove": "compare tab",
    "imports-remove": "the kept-lists panel",
}
WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])


def _layout_ids(layout) -> list:
    return [node.id for node in [layout, *layout._traverse()] if getattr(node, "id", None) is not None]


def _callback_ids(callback: dict) -> set[str]:
    output = callback["output"]
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    ids = {part.rsplit(".", 1)[0] for part in parts}
    return ids | {str(item["id"]) for item in callback["inputs"] + callback["state"]}


def _matches(pattern: dict, concrete: object) -> bool:
    return (isinstance(concrete, dict) and set(concrete) == set(pattern)
            and all(v in WILDCARDS or concrete[k] == v for k, v in pattern.items()))


def _item_kind(pattern: dict) -> str:
    return str(pattern.get("subcomponent") or pattern.get("type"))


@pytest.fixture(scope="module")
def validation_ids(client):
    from app import app

    assert not app.config.suppress_callback_exceptions
    assert client.get("/technology").status_code == 200  # Dash sets up its pages (and our validation layout)
    return _layout_ids(app.validation_layout)


def _callbacks() -> list[dict]:
    """Every registered callback (Dash moves them from its global list into the app at its first request)."""
    from app import app

    found = [*app._callback_list, *GLOBAL_CALLBACK_LIST]
    assert len(found) > 30
    return found


def test_every_callback_id_is_in_the_validation_layout(validation_ids):
    fixed = {i for i in validation_ids if isinstance(i, str)}
    patterned = [i for i in validation_ids if isinstance(i, dict)]
    missing = {}
    for callback in _callbacks():
        for component_id in _callback_ids(callback):
            if component_id.startswith("{"):
                pattern = json.loads(component_id)
                if _item_kind(pattern) in RENDERED_BY_CALLBACKS or any(_matches(pattern, c) for c in patterned):
                    continue
            elif component_id in fixed:
                continue
            missing.setdefault(component_id, callback["output"])
    assert not missing, missing


def test_the_validation_layout_holds_every_page_and_is_lean(validation_ids):
    """Both explorers, the strategies page and the shared storyboard's adopt button are in it; no figure is."""
    from app import app

    for page in ("technology", "clusters"):
        assert page_ids(page)("map") in validation_ids
    assert page_ids("strategies", "Strategies")("map") in validation_ids
    assert page_ids("strategies")("present") in validation_ids  # the meeting toolbar of Strategies
    assert "storyboard-adopt" in validation_ids
    sent = to_json_plotly(app.validation_layout)  # it is sent inside every page's HTML
    assert '"figure"' not in sent and '"rowData"' not in sent and len(sent) < 80_000


def test_explorer_callbacks_are_registered_once_for_every_page(validation_ids):
    """No callback names a page's explorer: each uses ``aio_id=MATCH`` (the AIO pattern). The one page-specific
    add-on, the Clusters page's imported organisations, names its page and writes the map only as a duplicate output."""
    outputs = [c["output"] for c in _callbacks()]
    named = [o for o in outputs if '"aio_id":"technology"' in o or '"aio_id":"clusters"' in o]
    assert named and all('"component":"Organisations"' in o for o in named), named
    maps = [o for o in outputs if '"subcomponent":"map"' in o and '"component":"Explorer"' in o and ".figure" in o
            and o not in named]
    assert maps and all('"aio_id":["MATCH"]' in o for o in maps)


def test_an_unknown_page_part_fails_at_registration():
    with pytest.raises(KeyError):
        page_ids("technology")("mpa")
