"""How Dash answers are turned into JSON: Plotly's ``json`` engine, not its ``orjson`` one.

Dash serialises every callback answer and page layout with ``plotly.io.json.to_json_plotly``, whose ``auto``
engine picks orjson when it is installed. For Dash's answers that is the slower choice: before orjson sees an
answer, Plotly walks the whole tree in Python (``clean_to_json_compatible``) to turn components, arrays and NaN into
plain values, while the ``json`` engine hands the tree to the standard library's C encoder and converts only what
that encoder cannot (components, arrays). Measured on region panels (about 400 components each) and map-page
layouts: 3.4 ms instead of 6.8–8.0 ms per panel, 3.4–4.0 ms instead of 10.0–10.8 ms per layout, the same JSON
(``tests/unit/test_serialisation.py``). Letters outside ASCII travel as backslash-u escapes, which every JSON reader
decodes to the same text.
"""

from __future__ import annotations

import plotly.io.json as plotly_json

ENGINE = "json"


def serialise_with_the_c_encoder() -> None:
    """Set Plotly's JSON engine for this process (Dash reads it on every answer)."""
    plotly_json.config.default_engine = ENGINE
