"""Every id a callback reads or writes exists in the app's layouts, so a typo in an id fails here.

The app keeps ``suppress_callback_exceptions=True`` because pages are laid out on navigation; this test does
the check Dash would otherwise do: it lays out the app shell and every registered page (each layout function
called directly, without parameters and, for the shared-storyboard page, with a board), collects every component id, and compares each callback's inputs,
outputs and states with them. Pattern-matching ids are matched by their ``type``.
"""

from __future__ import annotations

import json

import dash
import pytest
from dash._callback import GLOBAL_CALLBACK_LIST

from components.ids import page_ids
from components.meeting import storyboard_token

# Ids that only exist inside children written by a callback (never in a first layout), with the writer.
RENDERED_BY_CALLBACKS = {
    "storyboard-title": "render_storyboard (one title box per view)",
    "storyboard-up": "render_storyboard", "storyboard-down": "render_storyboard", "storyboard-remove": "render_storyboard",
    "technology-crumb": "profile panel", "technology-similar": "profile panel",
    "technology-compare-toggle": "profile panel", "technology-compare-remove": "compare tab",
    "clusters-crumb": "profile panel", "clusters-similar": "profile panel",
    "clusters-compare-toggle": "profile panel", "clusters-compare-remove": "compare tab",
    "imports-remove": "the kept-lists panel",
}


def _ids_in(component) -> set[str]:
    found = set()
    for node in [component, *(c for c in component._traverse())] if hasattr(component, "_traverse") else []:
        node_id = getattr(node, "id", None)
        if isinstance(node_id, dict):
            found.add(str(node_id.get("type")))
        elif node_id:
            found.add(str(node_id))
    return found


def _callback_ids(callback: dict) -> set[str]:
    output = callback["output"]
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    ids = {part.rsplit(".", 1)[0] for part in parts}
    ids |= {str(item["id"]) for item in callback["inputs"] + callback["state"]}
    return {str(json.loads(i).get("type")) if i.startswith("{") else i for i in ids}


def test_every_callback_id_is_in_a_layout(client):
    from app import app

    known = _ids_in(app.layout)
    shared = {"story": storyboard_token([{"url": "/technology?indicator=desi_ai", "title": "AI", "note": ""}])}
    for page in dash.page_registry.values():
        for query in ({}, shared if page["path"] == "/storyboard" else {}):
            layout = page["layout"](**query) if callable(page["layout"]) else page["layout"]
            known |= _ids_in(layout)
    missing = {}
    for callback in GLOBAL_CALLBACK_LIST:
        for component_id in _callback_ids(callback) - known - set(RENDERED_BY_CALLBACKS):
            missing.setdefault(component_id, callback["output"])
    assert not missing, missing


def test_an_unknown_page_part_fails_at_registration():
    with pytest.raises(KeyError):
        page_ids("technology")("mpa")
