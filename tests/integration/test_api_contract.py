"""Contract tests generated from the OpenAPI document the app serves: every documented endpoint answers its
example with the documented shape, and every documented parameter is checked — its invalid example, a repeat of
a single parameter and an unknown parameter are each a 400 in the one error shape naming it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import jsonschema
import pytest

from web.api_registry import ENDPOINTS, READ_ONLY_PREFIXES

SKIP = {"/api/docs"}


@pytest.fixture(scope="module")
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _validator(spec: dict, name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


def _operations(spec: dict):
    return [(path, item["get"]) for path, item in spec["paths"].items() if path not in SKIP]


def _url(path: str, op: dict, override: dict | None = None, extra: list | None = None) -> str:
    """The documented example request, with path parameters at their examples and ``override`` applied."""
    override = override or {}
    for p in op["parameters"]:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", str(override.get(p["name"], p["example"])))
    items = [(k, v) for k, v in parse_qsl(op["x-example-query"], keep_blank_values=True) if k not in override]
    items += [(k, v) for k, v in override.items() if not any(p["name"] == k and p["in"] == "path"
                                                                for p in op["parameters"])]
    items += extra or []
    return path + ("?" + urlencode(items) if items else "")


def _cases(kind: str):
    """(path, parameter name) of every documented parameter, from the registry the document is written from."""
    out = []
    for ep in ENDPOINTS:
        if ep.path in SKIP:
            continue
        for p in ep.parameters:
            if kind == "invalid" and p.invalid is not None:
                out.append((ep.path, p.name))
            if kind == "repeat" and p.location == "query" and not p.repeatable:
                out.append((ep.path, p.name))
    return out


def test_document_is_openapi_31_and_lists_every_read_only_route(client, spec):
    assert spec["openapi"] == "3.1.0" and spec["x-layer"]["hash"]
    documented = {path for path in spec["paths"]}
    rules = set()
    for rule in client.application.url_map.iter_rules():
        if rule.rule.startswith(READ_ONLY_PREFIXES) and "GET" in rule.methods:
            rules.add(rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}").replace("fmt", "format"))
    assert rules == documented, "every route under /api, /download and /geo is in web.api_registry, and only those"
    for path, op in spec["paths"].items():
        assert op["get"]["summary"] and op["get"]["description"], path
        for code, response in op["get"]["responses"].items():
            assert response["description"], (path, code)
            if int(code) >= 400:
                error = response["content"]["application/json"]
                assert error["schema"]["$ref"].endswith("/Error"), (path, code)
                _validator(spec, "Error").validate(error["example"])
        for p in op["get"]["parameters"]:
            assert p["description"] and p["schema"], (path, p["name"])


@pytest.mark.parametrize("path", [e.path for e in ENDPOINTS if e.path not in SKIP])
def test_documented_example_answers_in_the_documented_shape(client, spec, path):
    op = spec["paths"][path]["get"]
    response = client.get(_url(path, op))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    content = op["responses"]["200"]["content"]
    media = next(iter(content))
    assert response.mimetype == media or media == "application/octet-stream"
    schema = content[media].get("schema")
    live = content[media].get("examples", {}).get("live", {}).get("externalValue")
    assert live is None or client.get(live).data == response.data, "the documented example is this request"
    if schema:
        _validator(spec, schema["$ref"].rsplit("/", 1)[-1]).validate(response.get_json())
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    assert spec["x-layer"]["hash"] in response.headers["X-Atlas-Layer"]


@pytest.mark.parametrize(("path", "name"), _cases("invalid"))
def test_every_documented_parameter_rejects_its_invalid_example(client, spec, path, name):
    op = spec["paths"][path]["get"]
    parameter = next(p for p in op["parameters"] if p["name"] == name)
    response = client.get(_url(path, op, {name: parameter["x-invalid-example"]}))
    assert response.status_code in (400, 404), (response.status_code, response.get_data(as_text=True)[:300])
    body = response.get_json()
    _validator(spec, "Error").validate(body)
    assert body["parameter"] == (name if response.status_code == 400 else "path")
    assert str(response.status_code) in op["responses"]


@pytest.mark.parametrize(("path", "name"), _cases("repeat"))
def test_a_repeated_single_parameter_is_a_400_naming_it(client, spec, path, name):
    op = spec["paths"][path]["get"]
    parameter = next(p for p in op["parameters"] if p["name"] == name)
    value = parameter.get("example") or spec["x-layer"]["hash"] if name == "layer" else parameter.get("example", "x")
    url = _url(path, op, {name: value}, extra=[(name, value)])
    response = client.get(url)
    assert response.status_code == 400, url
    body = response.get_json()
    _validator(spec, "Error").validate(body)
    assert body["parameter"] == name


@pytest.mark.parametrize("path", [e.path for e in ENDPOINTS if e.path not in SKIP])
def test_an_unknown_parameter_is_a_400_naming_it(client, spec, path):
    op = spec["paths"][path]["get"]
    response = client.get(_url(path, op, extra=[("colour", "red")]))
    assert response.status_code == 400
    body = response.get_json()
    _validator(spec, "Error").validate(body)
    assert body["parameter"] == "colour"
    assert set(body["valid"]) == {p["name"] for p in op["parameters"] if p["in"] == "query"}


def test_list_parameters_take_repeats_and_commas_alike(client):
    repeated = client.get("/api/values?indicator=desi_ai&indicator=desi_ict_specialists&level=0&year=2021").get_json()
    commas = client.get("/api/values?indicator=desi_ai,desi_ict_specialists&level=0&year=2021").get_json()
    assert [i["id"] for i in repeated["indicators"]] == ["desi_ai", "desi_ict_specialists"]
    assert repeated["values"] == commas["values"]


def test_the_human_page_renders_the_document(client, spec):
    response = client.get("/api/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<script" not in page and "cdn" not in page.lower()
    for path, item in spec["paths"].items():
        assert f"GET {path}" in page
        for p in item["get"]["parameters"]:
            assert f"<code>{p['name']}</code>" in page
