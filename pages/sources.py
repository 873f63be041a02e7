"""Sources: generated from the source registry and the indicator catalogue."""

import dash
from dash import html

from components.layout import page_header
from components.sources import source_card, sources_overview
from data.layer import get_layer

dash.register_page(__name__, path="/sources", name="Sources", title="Cluster Atlas — Sources", order=4)


def layout(**_query) -> html.Div:
    layer = get_layer()
    records = sources_overview(layer)
    built = layer.manifest["built_at"]
    return html.Div([
        page_header("Sources and licences",
                    f"{len(records)} sources; data layer built {built} (layer hash {layer.manifest['layer_hash'][:12]}). "
                    "Regions coded in older NUTS versions were recoded to NUTS 2021 with Eurostat's change table "
                    "and the JRC converter matrices; split or changed regions get no data."),
        html.Div([source_card(r) for r in records], id="sources-list"),
    ])
