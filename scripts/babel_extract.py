"""A Babel extractor for the words kept in YAML tables (``label:`` values), so ``make messages`` puts them in a
catalogue beside the words marked in Python: the import wizard's field names (``data/importing/columns.yaml``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO


def extract_yaml_labels(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list]]:
    """Each ``label: text`` line of a YAML file as a message (the text as written, quotes removed)."""
    for number, raw in enumerate(fileobj, start=1):
        line = raw.decode("utf-8").strip()
        if line.startswith("label:"):
            text = line[len("label:"):].strip().strip("\"'")
            if text:
                yield number, "gettext", text, []
