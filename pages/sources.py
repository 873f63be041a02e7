"""Sources: generated from the source registry and the indicator catalogue."""

import json

from babel.numbers import format_percent
from dash import html

from components.layout import page_header
from components.sources import source_cards
from data.layer import get_layer
from data.layer.nuts_rules import SAME_TERRITORY_SHARE
from domain.i18n import N_, babel_locale
from domain.i18n import gettext as _
from web.pages import Capabilities, register_page

register_page(__name__, Capabilities(nav=True, summary=N_("every data set, its licence and citation.")),
              path="/sources", name=N_("Sources"), title=N_("Cluster Atlas — Sources"), order=5)


def layout(**_query) -> html.Div:
    layer = get_layer()
    cards = source_cards(layer)
    built = layer.manifest["built_at"]
    return html.Div([
        page_header(_("Sources and licences"),
                    _("%(count)s sources; data layer built %(built)s (layer hash %(hash)s). Official statistics and "
                      "peer-reviewed data sets, plus Nesta's EURITO indicators, which their publisher calls "
                      "experimental (marked below). Each row's NUTS version is detected from the official code lists "
                      "and recoded to NUTS 2021 with Eurostat's change table and the JRC converter matrices: a value "
                      "carries over when the old and the new region share at least %(share)s of each other's "
                      "population, both ways (flagged minor_shift where a small boundary shift exists); split or "
                      "changed regions get no data, each listed with its reason in the build report, and the region "
                      "brief says why. Capitals that the Regional Competitiveness Index scores with their commuting "
                      "belt show the merged area's value, flagged, ranked once.")
                    % {"count": len(cards), "built": built, "hash": layer.manifest["layer_hash"][:12],
                       "share": format_percent(SAME_TERRITORY_SHARE, locale=babel_locale())}),
        html.Div(cards, id="sources-list"),
        imported_lists(layer.path / "imports"),
    ])


def imported_lists(folder) -> html.Div:
    """Lists added for all users with ``python -m data.import``, with the provenance they were given."""
    items = []
    for path in sorted(folder.glob("*.json")) if folder.exists() else []:
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        items.append(html.Li(_("%(kind)s: %(file)s — source: %(source)s; licence: %(licence)s; %(count)s located "
                               "rows; imported %(date)s")
                             % {"kind": meta.get("kind", "?"), "file": meta.get("file", path.name),
                                "source": meta.get("source", "?"), "licence": meta.get("licence", "?"),
                                "count": len(meta.get("rows", [])), "date": meta.get("imported_at", "?")}))
    if not items:
        return html.Div()
    return html.Div([html.H2(_("Imported lists"), className="h5 mt-3"), html.Ul(items)], id="sources-imports")
