"""Issue 15 reproductions: deeply nested JSON, unknown Dash asset paths and cross-origin POSTs.

Each one used to end in a 500, a RecursionError, a blank page or a render for any site; each must now be a 4xx
with a message that says what is wrong.
"""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import quote

import pytest

DEEP = "[" * 3000


def _message(response) -> str:
    return (response.get_json() or {}).get("error", "")


@pytest.mark.parametrize("send", ["query", "form", "body", "json-body"])
def test_deeply_nested_storyboard_is_400_with_a_message(client, send):
    if send == "query":
        response = client.get(f"/export/pack.pdf?story={quote(DEEP)}")
    elif send == "form":
        response = client.post("/export/pack.pdf", data={"storyboard": DEEP})
    elif send == "body":
        response = client.post("/export/pack.pdf", data=DEEP, content_type="text/plain")
    else:
        response = client.post("/export/pack.pdf", data=DEEP, content_type="application/json")
    assert response.status_code == 400, response.get_data()[:300]
    assert "nested too deeply" in _message(response)


def test_storyboard_page_says_what_is_wrong_instead_of_a_blank_page(client):
    import dash

    layout = next(p for p in dash.page_registry.values() if p["path"] == "/storyboard")["layout"]
    page = json.dumps(layout(story=DEEP).to_plotly_json(), default=str)
    assert "nested too deeply" in page and "storyboard-error" in page
    base64_deep = layout(story=base64.urlsafe_b64encode(DEEP.encode()).decode())
    assert "nested too deeply" in json.dumps(base64_deep.to_plotly_json(), default=str)


def test_deeply_nested_callback_body_is_400(client):
    body = '{"output": "x.children", "inputs": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400 and "nested too deeply" in _message(response)


@pytest.mark.parametrize("path", [
    "/_dash-component-suites/dash/no_such_file.js",
    "/_dash-component-suites/no_such_package/x.js",
    "/_dash-component-suites/dash/../../app.py",
    "/_dash-component-suites/dash/deps/polyfill@7.v9_9_9m1.min.js",
])
def test_unknown_component_assets_are_404_without_traceback(client, caplog, path):
    with caplog.at_level(logging.DEBUG):
        response = client.get(path)
    assert response.status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert "Traceback" not in response.get_data(as_text=True)


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
    {"Referer": "https://evil.example/page.html"},
    {"Origin": "http://localhost.evil.example"},
])
def test_cross_origin_posts_are_403(client, headers):
    for path, kwargs in (("/export/pack.pdf", {"data": {"storyboard": "[]"}}),
                         ("/_dash-update-component", {"data": "{}", "content_type": "application/json"})):
        response = client.post(path, headers=headers, **kwargs)
        assert response.status_code == 403, path
        assert "Cross-origin request refused" in _message(response)


def test_same_origin_posts_pass_the_origin_check(client):
    for headers in ({"Origin": "http://localhost"}, {"Referer": "http://localhost/storyboard?story=x"}, {}):
        response = client.post("/export/pack.pdf", data={"storyboard": "[]"}, headers=headers)
        assert response.status_code == 400 and "no views" in _message(response), headers
