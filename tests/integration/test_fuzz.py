"""Hostile input: thousands of malformed values to every route and every callback; never a 5xx or a traceback."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
junk = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["<script>alert(1)</script>", "javascript:alert(1)", "../../etc/passwd", "%00", "' OR 1=1 --",
                     "=HYPERLINK(\"x\")", "9" * 400, "-1", "1e309", "NaN", "DK,,,", "ä" * 50, "\r\n", "{}", "[]"]),
)
ROUTES = [
    ("/api/values", ["indicator", "level", "year", "x"]),
    ("/api/indicators", ["x"]),
    ("/download/technology.csv", ["indicator", "level", "year", "years", "countries", "eu", "region"]),
    ("/download/clusters.xlsx", ["indicator", "level", "year", "years", "countries"]),
    ("/download/technology.geojson", ["indicator", "level", "year", "years"]),
    ("/download/partners.csv", ["domain", "evidence", "region", "eu_only"]),
    ("/export/technology.svg", ["indicator", "level", "x"]),
    ("/export/pack.pdf", ["story"]),
    ("/technology", ["indicator", "level", "year", "region", "compare", "present"]),
    ("/storyboard", ["story"]),
    ("/import", ["x"]),
    ("/geo/nuts7.geojson", ["x"]),
]


def assert_safe(response) -> None:
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code < 500, body[:300]
    assert "Traceback" not in body and "/work/" not in body and 'File "' not in body


@pytest.mark.parametrize(("path", "names"), ROUTES, ids=[r[0] for r in ROUTES])
def test_routes_never_fail(client, path, names):
    @FUZZ
    @given(st.dictionaries(st.sampled_from(names), junk, max_size=4))
    def check(params):
        if path.startswith("/export/") and "indicator" in params:
            params["indicator"] = "x" + params["indicator"]  # keep the expensive renderer out: must be a 400
        query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in params.items())
        assert_safe(client.get(f"{path}?{query}"))

    check()


def _callbacks(client) -> list[dict]:
    deps = client.get("/_dash-dependencies").get_json()
    return [d for d in deps if not d.get("clientside_function")]


value = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), junk,
                  st.lists(junk, max_size=3), st.dictionaries(st.text(max_size=5), junk, max_size=3))


WILDCARD_VALUE = "technology"  # a real aio_id: the explorer's callbacks are pattern-matching (MATCH) on it


def _concrete(dep_id: str) -> tuple[str | dict, bool]:
    """A dependency's id as a request names it: a pattern-matching id with MATCH/ALL/ALLSMALLER replaced by a real
    value, and whether it stands for a list (ALL, ALLSMALLER) of such ids."""
    if not dep_id.startswith("{"):
        return dep_id, False
    pattern = json.loads(dep_id)
    many = any(v in (["ALL"], ["ALLSMALLER"]) for v in pattern.values())
    return {k: WILDCARD_VALUE if isinstance(v, list) else v for k, v in pattern.items()}, many


def _id_string(concrete: str | dict) -> str:
    return concrete if isinstance(concrete, str) else json.dumps(concrete, sort_keys=True, separators=(",", ":"))


def _request_item(dep: dict, value=None, with_value: bool = True):
    concrete, many = _concrete(dep["id"])
    item = {"id": concrete, "property": dep["property"].split("@")[0]}
    if with_value:
        item["value"] = value
    return [item] if many else item


def callback_body(dep: dict, draw) -> dict:
    """The body Dash's renderer posts for `dep`, every input and state value drawn from `draw`, wildcards made
    concrete, so pattern-matching callbacks (the whole explorer) are fuzzed like the others."""
    outputs = dep["output"].strip(".").split("...") if dep["output"].startswith("..") else [dep["output"]]
    outputs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs]
    inputs = [_request_item(i, draw(value)) for i in dep["inputs"]]
    body = {
        "output": dep["output"],
        "outputs": [_request_item(o, with_value=False) for o in outputs],
        "inputs": inputs,
        "state": [_request_item(s, draw(value)) for s in dep["state"]],
        "changedPropIds": [f"{_id_string(_concrete(dep['inputs'][0]['id'])[0])}.{dep['inputs'][0]['property']}"]
        if dep["inputs"] else [],
    }
    if len(outputs) == 1:
        body["outputs"] = body["outputs"][0]
    return body


def test_every_callback_survives_junk_inputs(client):
    """Every server callback, pattern-matching ones included, gets junk in every input and state."""
    client.get("/technology")
    callbacks = _callbacks(client)
    assert len(callbacks) > 20
    assert sum("MATCH" in d["output"] or "ALL" in json.dumps(d["inputs"]) for d in callbacks) >= 20

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.data())
    def check(data):
        for dep in callbacks:
            body = callback_body(dep, data.draw)
            assert_safe(client.post("/_dash-update-component", data=json.dumps(body, default=str),
                                    content_type="application/json"))

    check()


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode),
                 st.dictionaries(st.text(max_size=8), value, max_size=4).map(lambda d: json.dumps(d, default=str).encode())))
def test_malformed_callback_bodies(client, body):
    assert_safe(client.post("/_dash-update-component", data=body, content_type="application/json"))


def test_oversized_request_is_refused(client):
    from web.hardening import MAX_CALLBACK_BYTES

    response = client.post("/export/pack.pdf", data=b"x" * (3 * 1024 * 1024), content_type="text/plain")
    assert response.status_code == 413
    response = client.post("/_dash-update-component", data=b"x" * (MAX_CALLBACK_BYTES + 1),
                           content_type="application/json")
    assert response.status_code == 413
    response = client.post("/_dash-update-component", data=b"x" * (3 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 400, "callbacks carry the import wizard's file: 3 MB is malformed here, not too large"
