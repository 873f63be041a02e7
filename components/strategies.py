"""Strategies page pieces: the evidence-score map with partner links, the partner panel and the gap view."""

from __future__ import annotations

import re
from textwrap import shorten
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html
from unidecode import unidecode

from components.base_figures import base_figure
from components.ids import STRATEGIES, page_ids
from components.legend import legend
from components.words import sentence
from data.layer import Layer
from data.layer.imported import imported_lists
from data.layer.memo import layer_memo
from domain.classify import Classes, method_label
from domain.esif import PER_INHABITANT, available, money_lines, research_money
from domain.formatting import format_value
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.mapview import map_view
from domain.s3 import (
    GAP_CATEGORIES,
    LEVEL,
    STRONG_SCORE,
    declared_regions,
    domain,
    domain_scores,
    gap_view,
    load_domains,
    partners,
    unmatched_priorities,
)
from domain.strategy import score_classes
from domain.text_alternatives import gap_map_summary, score_map_summary
from domain.view import ViewState
from downloads.formats import FORMATS as DOWNLOAD_FORMATS
from downloads.formats import TableDownload, table_href
from figures.choropleth import add_source_note, apply_update, value_updates
from figures.strategy_static import partner_traces

PREFIX = "strategies"
_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{2}$")


def strategy_figure(layer: Layer, view: dict) -> dict:
    """The evidence map as a plain figure (what ``dcc.Graph`` takes): a ``go.Figure`` validated every update and
    was deep-copied to JSON, two thirds of the page's 60 ms layout."""
    scores = domain_scores(layer, view["evidence"])
    values = dict(zip(scores.nuts_id, scores.score))
    classes = score_classes(layer, scores)
    label = domain(view["domain"])["label"]
    fig = base_figure(layer, LEVEL, selected=view["region"], uirevision="strategies")
    apply_update(fig, value_updates(layer, LEVEL, values, classes, _("Evidence score: %(domain)s") % {"domain": label}, "(0-100)",
                                    max(scores.attrs.get("years", {0: 0}).values()) if len(scores) else 0,
                                    _("Cluster Atlas from the linked indicators")))
    fig["data"] += [trace.to_plotly_json() for trace in partner_traces(layer, view)]
    return fig


def region_options(layer: Layer) -> list[dict]:
    """The NUTS 2 regions to pick from, searchable by both names with and without accents: made once per layer (a
    loop over every region with two transliterations on each page load)."""
    return [dict(option) for option in _region_options(layer)]


@layer_memo(maxsize=8, max_bytes=2 * 1024 * 1024)
def _region_options(layer: Layer) -> tuple[dict, ...]:
    regions = layer.regions[layer.regions.level == 2].sort_values("nuts_id")
    return tuple({"label": f"{r.name_latn} ({r.nuts_id})", "value": r.nuts_id,
                  "search": f"{r.name_latn} {r.name} {unidecode(r.name_latn)} {unidecode(r.name)} {r.nuts_id}"}
                 for r in regions.itertuples())


def money_view(layer: Layer):
    """The per-inhabitant R&I money of the regional programmes at NUTS 2, classed like the Explorer's map."""
    return map_view(layer, ViewState(indicator=PER_INHABITANT, level=LEVEL))


def money_figure(layer: Layer, view: dict) -> dict:
    """The money beside the evidence: ERDF planned for research & innovation per inhabitant, NUTS 2 (a plain
    figure)."""
    fig = base_figure(layer, LEVEL, selected=view["region"], uirevision="strategies-money")
    if not available(layer):
        return fig
    money = money_view(layer)
    apply_update(fig, value_updates(layer, LEVEL, money.values, money.classes, money.label, money.unit, money.year,
                                    money.source))
    add_source_note(fig, _("ERDF TO01, planned 2014–2020 · Source: EC Cohesion Open Data · © EuroGeographics"))
    return fig


def money_legend(layer: Layer):
    if not available(layer):
        return html.P(_("The ESIF 2014–2020 data are not in this data layer."), className="small text-muted")
    money = money_view(layer)
    explore = "/?" + urlencode({"indicator": PER_INHABITANT, "level": 1})
    return html.Div([
        legend(money.classes, money.unit, _("Planned R&I money per inhabitant"), _(method_label(money.classes)),
               no_data_label=_("No data")),
        html.P(sentence(_("Planned, not spent: ERDF under thematic objective 01 in each region's own 2014–2020 "
                          "programme. Grey inside Germany, the Netherlands, Wallonia, Flanders, Scotland, Mazowieckie "
                          "or Central Hungary: their programme covers a NUTS 1 region (%(map)s); grey in "
                          "national-programme countries: money only at country level, never split."),
                        map=html.A(_("NUTS 1 map"), href=explore, id="strategies-money-nuts1")),
               className="small text-muted mb-0"),
    ])


def money_block(layer: Layer, region: str) -> list:
    """The region's planned R&I money, its programme's other objectives and its country's national part."""
    ids = page_ids(PREFIX, STRATEGIES)
    money = research_money(layer, region)
    lines = money_lines(money)
    return [html.H3(_("Money behind the strategy (ERDF 2014–2020, planned)"), className="h6 mt-3"),
            html.Div([html.P(line, className="small mb-1" if n < len(lines) - 1 else "small text-muted atlas-provenance")
                      for n, line in enumerate(lines)], id=ids("money"))]


def _evidence_items(layer: Layer, view: dict, d: dict, years: dict) -> list:
    """Each evidence indicator with why it is linked to the domain, its source and latest year."""
    links = {link["indicator"]: link["rationale"] for link in d["evidence"]}
    items = []
    for indicator_id in view["evidence"]:
        meta = layer.indicator(indicator_id)
        source = layer.sources[meta["source_id"]].short_name
        why = links.get(indicator_id, _("Added by you (not in the reviewed mapping)."))
        year = years.get(indicator_id, _("no NUTS 2 data"))
        items.append(html.Li([html.Strong(meta["label"]), f" — {why} ",
                              html.Span(f"({source}, {year})",
                                        className="atlas-provenance")]))
    return items


def strategy_panel(layer: Layer, view: dict) -> html.Div:
    ids = page_ids(PREFIX, STRATEGIES)
    d = domain(view["domain"])
    scores = domain_scores(layer, view["evidence"])
    years = scores.attrs.get("years", {})
    evidence_items = _evidence_items(layer, view, d, years)
    strong = scores[scores.strong]
    blocks = [
        html.H2(d["label"], className="h5"),
        html.P(_("Evidence score = mean percentile position (0–100, latest year of each indicator) against the EU27 "
                 "NUTS 2 regions (non-EU regions are placed on the same scale without moving it); strong = %(strong)s "
                 "or more. %(count)s of %(total)s regions are strong.")
               % {"strong": f"{STRONG_SCORE:.0f}", "count": len(strong), "total": len(scores)},
               className="small text-muted"),
        html.H3(_("Evidence and why it is linked"), className="h6"),
        html.Ul(evidence_items, className="small", id=ids("evidence-list")),
    ]
    map_query = urlencode({"domain": view["domain"], "evidence": ",".join(view["evidence"])}, safe=",")
    blocks.append(html.P([_("Download this map:"), " ", *[
        html.Span([html.A(_(file.short_label), href=f"/download/strategies.{fmt}?{map_query}", id=ids(f"download-{fmt}")),
                   " "])
        for fmt, file in DOWNLOAD_FORMATS.items()]],
        className="small"))
    region = view["region"]
    if not region:
        blocks.append(html.P(_("Pick your region to rank partner regions strong in this domain."), className="text-muted"))
        return html.Div(blocks)
    names = layer.region_names()
    own = scores[scores.nuts_id == region]
    own_text = f"{own.score.iloc[0]:.0f} / 100" if len(own) else _("no data (too few evidence indicators)")
    found = partners(layer, region, view["evidence"], eu_only=view["eu_only"], per_country=view["per_country"])
    rows = [html.Tr([html.Td(int(r.rank)), html.Td(f"{r.name} ({r.nuts_id})"), html.Td(format_value(r.fit, "", 0)),
                     html.Td(format_value(r.score, "", 0)), html.Td(str(r.complements), className="small")])
            for r in found.itertuples()]
    href = "/download/partners.csv?" + urlencode({"domain": view["domain"], "evidence": ",".join(view["evidence"]),
                                                   "region": region, "eu_only": "1" if view["eu_only"] else "0",
                                                   "per_country": str(view["per_country"])},
                                                  safe=",")
    blocks += [
        html.H3(_("Partners for %(region)s (%(code)s)") % {"region": names[region], "code": region},
                className="h6 mt-3"),
        html.P(_("Own evidence score: %(score)s.") % {"score": own_text}, className="small"),
        *money_block(layer, region),
        html.P(_("Ranked by fit, not by score: the score is a region's overall strength in the domain; fit weights "
                 "the partner's percentile on each evidence indicator by how weak your region is on it, so partners "
                 "are strong where you are not. At most %(count)s per country.") % {"count": view["per_country"]},
               className="small text-muted mb-1"),
        dbc.Table([html.Thead(html.Tr([html.Th("#"), html.Th(_("Region")), html.Th(_("Fit")), html.Th(_("Score")),
                                       html.Th(_("Strongest where you are weaker"))])), html.Tbody(rows)],
                  size="sm", className="mb-1", id=ids("partners")),
        html.A(_("Download the partner list (CSV)"), href=href, id=ids("partners-download")),
        html.P(_("Partners = the regions with the best fit; linked on the map."),
               className="small text-muted mt-1"),
    ]
    return html.Div(blocks)


def legend_for(layer: Layer, view: dict):
    """The map's legend and its text alternative (the figure around the map is named by it)."""
    scores = domain_scores(layer, view["evidence"])
    classes = score_classes(layer, scores)
    summary = score_map_summary(domain(view["domain"])["label"], dict(zip(scores.nuts_id, scores.score)), classes,
                                layer.region_names(), STRONG_SCORE)
    return html.Div([legend(classes, "0-100", _("Evidence score"), _("Quarters of the scale; strong = 75 or more"),
                            no_data_label=_("No data")),
                     html.P(summary, id=page_ids(PREFIX, STRATEGIES)("map-summary"),
                            className="atlas-map-summary small text-muted mt-1")])


GAP_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e9ecef")


def priority_layers(layers, shared: tuple = ()) -> list[dict]:
    """S3 priority lists added for everyone (``shared``, from ``python -m data.import``), then those of this browser."""
    return imported_lists(layers, "priorities", shared)


def gap_section(layer: Layer, view: dict, imported: dict, keyword: str = "") -> html.Div:
    """Prioritised & strong / prioritised but weak / strong but not prioritised, for the chosen domain."""
    ids = page_ids(PREFIX, STRATEGIES)
    declared = declared_regions(layer, imported["rows"], view["domain"], keyword)
    table = gap_view(layer, view["evidence"], declared)
    names = layer.region_names()
    frame = gap_frame(table, declared, view, imported, names)
    index = {c: i for i, c in enumerate(GAP_CATEGORIES)}
    values = {r.nuts_id: float(index[r.category]) for r in table.itertuples() if r.category in index}
    counts = tuple(int((table.category == c).sum()) for c in GAP_CATEGORIES)
    classes = Classes("categorical", (0.0, 0.0, 1.0, 2.0, 3.0), counts, GAP_COLOURS, int(len(table) - sum(counts)),
                      categorical=True)
    fig = base_figure(layer, LEVEL, uirevision="gap")
    apply_update(fig, value_updates(layer, LEVEL, values, classes, _("Gap category (0 = prioritised & strong, "
                                    "1 = prioritised but weak, 2 = strong but not prioritised, 3 = neither)"), "",
                                    0, _("%(source)s + linked evidence")
                                    % {"source": imported.get("source", _("your list"))}))
    evidence = ", ".join(layer.indicator(i)["label"] for i in view["evidence"])
    add_source_note(fig, _("Priorities: %(source)s (%(licence)s), imported; evidence: %(evidence)s. Boundaries © "
                           "EuroGeographics")
                    % {"source": shorten(str(imported.get("source") or _("your list")), 80, placeholder=" …"),
                       "licence": shorten(str(imported.get("licence") or _("licence not stated")), 60, placeholder=" …"),
                       "evidence": shorten(evidence, 110, placeholder=" …")})
    legend_items = [html.Li([html.Span(className="atlas-swatch", style={"backgroundColor": colour}),
                             f" {_(category)} ({count})"]) for category, colour, count in zip(GAP_CATEGORIES, GAP_COLOURS, counts)]
    lists = []
    for category in GAP_CATEGORIES[:3]:
        part = table[table.category == category].sort_values("score", ascending=False)
        lists.append(html.Div([html.H4(f"{_(category)} ({len(part)})", className="h6 mt-2"),
                               html.P(", ".join(f"{names[c]} ({c})" for c in part.nuts_id[:40]) or _("none"),
                                      className="small")]))
    own = _own_priorities(view.get("region"), imported, table, names)
    return html.Div([
        html.H2(_("Gap view: %(domain)s") % {"domain": domain(view["domain"])["label"]}, className="h5 mt-3"),
        html.Div([_("Download the gap view:"), " ",
                  html.A("CSV", href=gap_csv_href(frame), download=f"gap-view_{view['domain']}.csv",
                         id=ids("gap-download")), " · ",
                  html.A(_("Excel with sources"), href=gap_xlsx_href(layer, frame, view, imported),
                         download=f"gap-view_{view['domain']}.xlsx", id=ids("gap-download-xlsx"))],
                 className="small"),
        *own,
        html.P(_("Priorities from “%(source)s” (%(licence)s) assigned to the domain by the keywords of the reviewed "
                 "mapping; strong = evidence score ≥ 75. %(count)s NUTS 2 regions declare a priority in this domain.")
               % {"source": imported.get("source", _("your list")), "licence": imported.get("licence", ""),
                  "count": len(declared)}, className="small text-muted"),
        _unmatched_note(unmatched_priorities(imported["rows"]), len(imported["rows"]), len(load_domains())),
        html.Figure([
            dcc.Graph(figure=fig, className="atlas-map", style={"height": "var(--atlas-map-height)"},
                      config={"displaylogo": False}, id=ids("gap-map")),
            html.Ul(legend_items, className="atlas-legend-list"),
            html.Figcaption(gap_map_summary(domain(view["domain"])["label"], GAP_CATEGORIES, counts, classes.n_missing),
                            className="small text-muted", id=ids("gap-summary")),
        ], className="m-0", **{"aria-labelledby": ids.dom("gap-summary")}),
        html.Div(lists, id=ids("gap-lists")),
    ], id=ids("gap"))


def _own_priorities(region: str | None, imported: dict, table, names) -> list:
    """The chosen region's gap category and the priorities the imported list gives it."""
    if not region:
        return []
    mine = [str(r.get("priority") or "") for r in imported["rows"] if str(r.get("nuts_id") or "")[:4] == region
            or (len(str(r.get("nuts_id") or "")) < 4 and region.startswith(str(r.get("nuts_id") or "-")))]
    category = table.set_index("nuts_id").category.get(region, N_("no evidence"))
    return [html.H3(f"{names[region]} ({region}): {_(category)}", className="h6"),
            html.Ul([html.Li(p) for p in mine] or [html.Li(_("No priority of this region in the imported list."))],
                    className="small", id=page_ids(PREFIX, STRATEGIES)("region-priorities"))]


def _unmatched_note(unmatched: list[str], total: int, n_domains: int) -> html.Div | None:
    ids = page_ids(PREFIX, STRATEGIES)
    if not unmatched:
        return None
    shown = "; ".join(dict.fromkeys(p for p in unmatched if p))
    return dbc.Alert([html.Strong(_("%(count)s of %(total)s priorities match none of the %(domains)s evidence domains")
                                  % {"count": len(unmatched), "total": total, "domains": n_domains}),
                      " " + _("and appear in no gap view: %(priorities)s. The domains and their keywords are in "
                              "data/s3_domains.yaml.")
                      % {"priorities": shown[:400] + ("…" if len(shown) > 400 else "")}],
                     color="secondary", className="small py-2", id=ids("unmatched"))


def gap_frame(table, declared: dict, view: dict, imported: dict, names):
    """The gap view as a table naming the priority list and the evidence used."""
    frame = table.assign(name=table.nuts_id.map(names), priorities=table.nuts_id.map(lambda c: " | ".join(declared.get(c, []))),
                         domain=view["domain"], evidence=",".join(view["evidence"]),
                         priorities_source=str(imported.get("source") or ""),
                         priorities_licence=str(imported.get("licence") or ""))
    return frame[["nuts_id", "name", "category", "score", "prioritised", "strong", "priorities", "domain", "evidence",
                  "priorities_source", "priorities_licence"]]


def gap_csv_href(frame) -> str:
    """The gap view as a formula-safe CSV data link."""
    return table_href(TableDownload(frame.astype(object), _("Gap view"), "gap-view", float_format="%.1f"), "csv")


def gap_xlsx_href(layer: Layer, frame, view: dict, imported: dict) -> str:
    """The gap view as Excel, the about sheet naming the priority list and every evidence source with its licence."""
    sources = [{"title": str(imported.get("source") or _("source not stated")),
                "licence": str(imported.get("licence") or _("licence not stated")),
                "note": _("S3 priorities imported by the user; not verified by Cluster Atlas.")}]
    for indicator_id in view["evidence"]:
        s = layer.sources[layer.indicator(indicator_id)["source_id"]]
        if s.title not in {x["title"] for x in sources}:
            sources.append({"title": s.title, "licence": f"{s.licence} ({s.licence_url})", "note": s.citation})
    return table_href(TableDownload(frame.round({"score": 1}),
                                    _("Gap view: %(domain)s (NUTS 2)") % {"domain": domain(view["domain"])["label"]},
                                    f"gap-view_{view['domain']}",
                                    {"domain": view["domain"], "evidence": ", ".join(view["evidence"])}, sources), "xlsx")
