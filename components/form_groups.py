"""Accessible form groups: one rule for radio groups and for the names of controls that have no visible label.

A set of radio buttons is one group (WCAG 1.3.1, 2.4.3, 3.2.2): the buttons share a ``name`` (so the arrow keys move
within the group, never into the next one, and the group is one Tab stop), and the group is a ``fieldset`` with the
role ``radiogroup`` named by its ``legend``. Every Dash dropdown has a ``<label for>`` (visible, or read by screen
readers only): ``assets/30_a11y.js`` names the dropdown's button by that label followed by its value.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components.ids import dom_id


def radio_group(legend: str, radios: dbc.RadioItems, class_name: str = "mb-2", legend_hidden: bool = False) -> html.Fieldset:
    """`radios` as one named group: its buttons get the group's ``name`` (its id), the fieldset the legend."""
    radios.name = dom_id(radios.id)
    legend_class = "visually-hidden" if legend_hidden else "form-label atlas-group-legend"
    return html.Fieldset([html.Legend(legend, className=legend_class), radios], role="radiogroup",
                         className=f"atlas-radio-group {class_name}".strip())


def hidden_label(text: str, component_id) -> html.Label:
    """The name of a control whose purpose the layout shows otherwise (a column beside it, a heading above)."""
    return html.Label(text, htmlFor=dom_id(component_id), className="visually-hidden")
