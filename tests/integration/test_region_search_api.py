"""Region search on the real layer through GET /api/regions."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("query", "expected"), [
    ("Malopolskie", ["PL21"]), ("Poland", ["PL"]), ("Germany", ["DE"]), ("Bavaria", ["DE2"]),
    ("Warsaw", ["PL911", "PL91"]), ("Munich", ["DE212", "DE21"]), ("ile de france", ["FR10"]),
])
def test_api_regions_real_layer(client, query, expected):
    response = client.get("/api/regions", query_string={"q": query, "limit": 5})
    assert response.status_code == 200
    found = [r["nuts_id"] for r in response.get_json()["regions"]]
    assert found[: len(expected)] == expected, found


def test_api_regions_bad_parameters(client):
    for query, parameter in (({}, "q"), ({"q": "x", "limit": "0"}, "limit"), ({"q": "x", "limit": "abc"}, "limit"),
                             ({"q": "x", "foo": "1"}, "foo"), ({"q": "x" * 101}, "q")):
        response = client.get("/api/regions", query_string=query)
        assert response.status_code == 400
        assert response.get_json()["parameter"] == parameter
