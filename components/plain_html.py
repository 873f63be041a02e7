"""``dash.html`` elements as the plain dicts Dash sends for them, for callback answers built on every request.

A region profile answers with about 400 elements. Constructing them as ``dash.html`` components (each checks every
keyword) and turning them back into dicts for the JSON cost about half of the profile's time on a miss. The
builders here give the same JSON (``tests/unit/test_plain_html.py`` compares them with ``dash.html``) at a fraction
of the cost. Prop names are still checked against the component's own list, so a typo fails as loudly as with
``dash.html``. Children may mix these dicts, strings and real components (a ``dcc.Graph``, a ``dbc.Button``).
"""

from __future__ import annotations

from typing import Any

from dash import html

_WILDCARDS = ("data-", "aria-")
_NAMESPACE = "dash_html_components"


class Element:
    """Builds one tag's dicts: ``Element("Div")(children, className=...)`` sends what ``html.Div(...)`` sends."""

    __slots__ = ("tag", "allowed")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.allowed = frozenset(getattr(html, tag)()._prop_names)

    def __call__(self, children: Any = None, **props: Any) -> dict:
        for name in props:
            if name not in self.allowed and not name.startswith(_WILDCARDS):
                raise TypeError(f"html.{self.tag} has no prop {name!r}")
        props["children"] = children
        return {"props": props, "type": self.tag, "namespace": _NAMESPACE}


A = Element("A")
Br = Element("Br")
Button = Element("Button")
Div = Element("Div")
Figcaption = Element("Figcaption")
Figure = Element("Figure")
H2 = Element("H2")
H3 = Element("H3")
Li = Element("Li")
Nav = Element("Nav")
Ol = Element("Ol")
P = Element("P")
Small = Element("Small")
Span = Element("Span")
Strong = Element("Strong")
Ul = Element("Ul")
Table = Element("Table")
Tbody = Element("Tbody")
Td = Element("Td")
Th = Element("Th")
Thead = Element("Thead")
Tr = Element("Tr")
