"""Hostile text for the figure builders (issue 24, item 5) and the check that a figure keeps it as text.

Shared by the unit tests of builders that need no layer (tests/unit/test_figure_text_escaping.py) and the
integration tests of those that draw the real regions (tests/integration/test_figure_text.py).
"""

from __future__ import annotations

import plotly.graph_objects as go

LINK = '<a href="https://evil.example/login">sign in</a>'
BOLD = "<b>INJ</b>"
TEMPLATE = "%{meta[0]}INJ"
LONG = "L" * 5000
HOSTILE = [LINK, BOLD, TEMPLATE, LONG]
MIXED = f"{LINK} {BOLD} {TEMPLATE}"


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, (list, tuple)):
        return [s for value in node for s in _strings(value)]
    return []


def assert_text_only(figure, *, expect_shown: bool = True) -> None:
    data = figure.to_plotly_json() if isinstance(figure, go.Figure) else figure
    strings = _strings(data)
    for string in strings:
        assert "<a " not in string and "<a>" not in string, string[:200]
        assert "<b>INJ" not in string and "%{meta[0]}INJ" not in string, string[:200]
        assert "L" * 2001 not in string, "unbounded text"
    if expect_shown:  # the text is still there, as text
        assert any("&lt;a href" in s for s in strings) and any("&#37;{meta[0]}INJ" in s for s in strings)
