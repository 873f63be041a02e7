"""Imported indicator lists that the browser sends with a storyboard, so the pack can draw views of them.

Cluster lists a view draws over its map (``orgs=<id>``) are sent the same way, reduced to the
fields the map uses, and drawn as points by the map drawer (exports/drawers.py).

Imported lists live in the browser that loaded them; the server never stores them. To draw a storyboard view of
one, the drawer's pack form posts the compact form of each list a view shows (``[nuts_id, year, value]`` triples
and the provenance the user declared) in the form field ``imported``. It is untrusted input: bounded before it is
parsed, and every list is re-checked by ``data.layer.imported.with_imported`` — the validator the explorer's own
imported exports use (known regions, years 1900–2100, finite numbers, texts cut to their limits).
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import parse_qs, urlsplit

from data.layer import Layer
from data.layer.imported import is_imported_id, with_imported
from domain.organisations import with_organisation_list
from web.json_limits import loads_or_raise

MAX_SENT_CHARS = 1_800_000  # the request as a whole is at most 2 MiB (web/hardening.py), the storyboard 200,000
MAX_SENT_DEPTH = 5  # {id: {"rows": [[code, year, value]]}} is four levels deep
MAX_SENT_LISTS = 20  # one per view at most (exports/pack.py MAX_VIEWS)


class SentDataError(ValueError):
    """The imported lists sent with a storyboard are not a JSON list (or id-keyed object) of compact lists."""


def parse_sent(raw: str | None) -> list[dict]:
    """The compact lists of the form field ``imported`` (empty when none was sent); SentDataError otherwise."""
    text = (raw or "").strip()
    if not text:
        return []
    data = loads_or_raise(text, SentDataError, what="imported", max_chars=MAX_SENT_CHARS, max_depth=MAX_SENT_DEPTH)
    items = list(data.values()) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise SentDataError("imported must be a list of imported indicator lists")
    lists = [item for item in items if isinstance(item, dict) and is_imported_id(item.get("id"))]
    if len(lists) > MAX_SENT_LISTS:
        raise SentDataError(f"at most {MAX_SENT_LISTS} imported lists per pack")
    return lists


def shown_imported(board: dict) -> set[str]:
    """The imported ids the storyboard's views show: indicators, and cluster lists drawn over a map (``orgs``)."""
    shown = set()
    for view in board["views"]:
        query = parse_qs(urlsplit(view["url"]).query)
        for key in ("indicator", "orgs"):
            value = (query.get(key) or [""])[0]
            if is_imported_id(value):
                shown.add(value)
    return shown


def with_sent(layer: Layer, board: dict, sent: list[dict]) -> tuple[Layer, str]:
    """The layer plus the sent lists that a view shows (each re-checked), and a digest of them for the cache key
    (ids are chosen by the browser, so the key names the content, not only the ids)."""
    shown = shown_imported(board)
    used = sorted((item for item in sent if item["id"] in shown), key=lambda item: item["id"])
    for item in used:
        if item.get("kind") == "clusters":
            layer = with_organisation_list(layer, item)
        else:
            layer = with_imported(layer, item)
    digest = hashlib.sha256(json.dumps(used, sort_keys=True, default=str).encode("utf-8")).hexdigest() if used else ""
    return layer, digest
