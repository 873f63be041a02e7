"""The region brief as a document: one accessible HTML page set (printed by Chromium to an A4 PDF, tagged) and
the same sections as slides (a locator map, charts pictured from the same HTML, short lines, full words in the
speaker notes). Every number is printed with its unit, year and source; every bar sits in the row that names the
indicator it measures.

The brief is a list of sections (``BRIEF_SECTIONS``): a section builder takes the layer and the brief and returns
a ``BriefSection`` (or None when it has nothing to say for this region). Adding a section is one builder in that
list; the PDF, the slides and their order follow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

import plotly.graph_objects as go

from data.layer import Layer
from domain.brief import RegionBrief
from domain.formatting import format_beside, format_day, format_value, rank_phrase
from domain.i18n import N_, current_language, ngettext
from domain.i18n import gettext as _
from figures.brief_lines import (
    hub_lines,
    nearby_lines,
    own_technology,
    partner_lines,
    s3_lines,
    s3_text,
    similar_lines,
    specialisation_lines,
    subtitle,
    tags_text,
    technology_lines,
    town_words,
    value_year,
    weakest_lines,
)
from figures.brief_lines import (
    identity_lines as identity_lines,  # re-exported: the region page and the deck read every line here
)
from figures.choropleth import INSETS
from figures.document import BAR, STRONG, BarChart, BarRow, bullet_list, document, esc, picture
from figures.static_map import GEOMETRY_REF


@dataclass(frozen=True)
class BriefSection:
    """One section of the brief: its heading, its markup in the PDF, and its slide (the chart pictured, a few short
    editable lines beside it, the section's full words in the speaker notes)."""

    key: str
    heading: str
    html: str
    chart: BarChart | None = None
    slide_lines: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    slide_subtitle: str = ""


SectionBuilder = Callable[[Layer, RegionBrief], "BriefSection | None"]


def _rank_words(item: dict) -> str:
    return rank_phrase(item) if item.get("rank") else _("no rank")


def technology_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    own = own_technology(brief)
    country = [i for i in brief.technology if i["level"] == 0 and i["level"] != brief.level][:8]
    if not own and not country:
        return None
    parts, chart = [], None
    if own:
        chart = BarChart(
            _("Position of %(region)s among %(pool)s with data: the bar is the percentile (100 = best, dotted line = "
              "middle); value, year, rank and source in words.") % {"region": brief.name, "pool": _(own[0]["peer_label"])},
            [_("Indicator"), _("Value, year"), _("Rank"), _("Source")],
            [BarRow(i["label"], i["percentile"], (value_year(i["value"], i["unit"], i["year"]),
                                                   _rank_words(i), i["source"] + (f" · {tags_text(i)}"
                                                                                  if i.get("tags") else ""))) for i in own],
            (0, 100), 50, _("Position (0–100)"), ("27%", "15%", "19%", "25%", "14%"))
        parts.append(chart.markup(chart_id="chart-technology"))
    if country:
        rows = "".join(f"<tr><th scope=\"row\">{esc(i['label'])}</th><td>{esc(value)}, {esc(i['year'])}</td>"
                       f"<td>{esc(eu)}</td><td>{esc(i['source'])}</td></tr>"
                       for i in country for value, eu in [format_beside(i["value"], i["eu"], i["unit"])])
        heads = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in (_("Indicator"), _("Value, year"), _("EU27"), _("Source")))
        caption = _("Country-level figures (%(country)s): published for countries only") % {"country": brief.nuts_id[:2]}
        parts.append(f"<table class=\"keep\"><caption>{esc(caption)}</caption><thead><tr>{heads}</tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    ranked = sorted(own, key=lambda i: -i["percentile"])
    side = ([_("Strongest: %(label)s (%(rank)s)") % {"label": i["label"], "rank": _rank_words(i)} for i in ranked[:2]]
            + [_("Weakest: %(label)s (%(rank)s)") % {"label": i["label"], "rank": _rank_words(i)}
               for i in ranked[-2:][::-1]] if len(ranked) >= 4 else [])
    return BriefSection("technology", _("Technology and innovation profile"), "".join(parts), chart, tuple(side),
                        tuple(technology_lines(brief)),
                        _("Position among peers with data (100 = best); value and year beside each bar"))


def specialisation_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    spec = brief.specialisation
    parts, chart = [], None
    if spec:
        top = max(max(s["lq"] for s in spec) * 1.1, 2.0)
        chart = BarChart(
            _("Location quotient: the region's share over the share of the EU named in each row (1 = EU level, dotted "
              "line); patent intensity: per inhabitant over the EU27 rate; stars where the data support them."),
            [_("Specialisation"), _("Location quotient"), _("Year"), _("Source")],
            [BarRow(s["label"], s["lq"], (f"{s.get('measure', 'LQ')} {format_value(s['lq'], digits=2)}"
                                          + (f" {'★' * s['stars']}" if s.get("stars") else ""),
                                          str(s["year"]), s["source"] + (f" · {tags_text(s)}" if s.get("tags")
                                                                         else "")), STRONG if s["lq"] >= 2 else BAR)
             for s in spec], (0, top), 1.0, _("Location quotient (bar)"), ("36%", "22%", "12%", "7%", "23%"))
        parts.append(chart.markup(chart_id="chart-specialisation"))
    else:
        none = _("No location quotient is available for this region.")
        parts.append(f"<p>{esc(none)}</p>")
    similar = similar_lines(brief)
    if similar:
        heading = _("Regions with the most similar employment specialisation (%(year)s)") % {
            "year": brief.similar.get("year")}
        parts.append(f"<h3>{esc(heading)}</h3>{bullet_list(similar)}")
    side = tuple([_("Most similar regions:"), *[f"{r['name']} ({r['nuts_id']})"
                                                 for r in brief.similar.get("regions", [])[:3]]] if similar else [])
    return BriefSection("specialisation", _("Top specialisations"), "".join(parts), chart, side,
                        tuple(specialisation_lines(brief) + similar), _("Location quotients (1 = EU average)"))


def s3_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    scored = [r for r in brief.s3 if r["score"] is not None]
    if not scored:
        return BriefSection("s3", _("S3 evidence by domain"), f"<p>{esc(s3_absent(brief))}</p>", None,
                            (s3_absent(brief),), ())
    chart = BarChart(
        _("Evidence scores of %(region)s: mean percentile (0–100) over each domain's evidence indicators among NUTS 2 "
          "regions; 75 or more = strong (dotted line).") % {"region": brief.s3_subject},
        [_("S3 domain"), _("Score"), _("Evidence")],
        [BarRow(r["domain"], r["score"], (f"{r['score']:.0f} / 100", s3_text(r).split("(", 1)[-1].rstrip(")")),
                STRONG if r["strong"] else BAR) for r in scored], (0, 100), 75, _("Evidence score (bar)"),
        ("40%", "25%", "10%", "25%"))
    parts = [chart.markup(chart_id="chart-s3")]
    if brief.partners:
        heading = _("Suggested partners for the weakest domain: %(domain)s") % {"domain": brief.partners[0]["domain"]}
        parts.append(f"<h3>{esc(heading)}</h3>{bullet_list(partner_lines(brief))}")
    side = tuple([_("Partners for %(domain)s:") % {"domain": brief.partners[0]["domain"]},
                  *[_("%(name)s (%(code)s), fit %(fit)s") % {"name": p["name"], "code": p["nuts_id"], "fit": f"{p['fit']:.0f}"}
                    for p in brief.partners]] if brief.partners else [])
    return BriefSection("s3", _("S3 evidence by domain"), "".join(parts), chart, side,
                        tuple(s3_lines(brief) + partner_lines(brief)),
                        _("Domain scores of %(region)s (mean percentile among NUTS 2 regions; 75 or more = strong)") % {
                            "region": brief.s3_subject})


MONEY_HEADING = N_("Money behind the strategy: ERDF planned for research & innovation, 2014–2020")


def money_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    """The EU money the region's smart-specialisation strategy steered (ESIF 2014–2020, planned, never spent)."""
    if not brief.money:
        return None
    return BriefSection("money", _(MONEY_HEADING), bullet_list(brief.money), None, tuple(brief.money[:6]),
                        tuple(brief.money), _("European Commission, Cohesion Open Data: ESIF 2014-2020 (planned)"))


def s3_absent(brief: RegionBrief) -> str:
    return (_("S3 evidence scores are computed for NUTS 2 regions and are not shown at this level.")
            if brief.s3_subject is None else _("No S3 evidence score for %(region)s.") % {"region": brief.s3_subject})


def centres_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    hubs = hub_lines(brief) or [_("No hub of the EDIH catalogue is located in this region.")]
    parts = [bullet_list(hubs)]
    if brief.hubs_nearby:
        nearest = _("Nearest hubs beyond the border offering what the region is weakest in")
        parts.append(f"<h3>{esc(nearest)}</h3>"
                     f"{bullet_list(weakest_lines(brief))}{bullet_list(nearby_lines(brief))}")
    side = tuple(f"{h['name']} ({town_words(h)})" for h in brief.hubs[:6])
    more = len(brief.hubs) - 6
    side += (ngettext("… %(n)s more (speaker notes)", "… %(n)s more (speaker notes)", more) % {"n": more},) if more > 0 else ()
    export = format_day(EDIH_EXPORT_DAY)
    catalogue = _("European Digital Innovation Hubs catalogue, export of %(day)s.") % {"day": export}
    return BriefSection("centres", _("Technology centres in this region"),
                        f"<p class=\"muted\">{esc(catalogue)}</p>"
                        + "".join(parts), None, side or (hubs[0],),
                        tuple(hubs + weakest_lines(brief) + nearby_lines(brief)),
                        _("EDIH catalogue (export of %(day)s)") % {"day": export})


EDIH_EXPORT_DAY = dt.date(2025, 5, 5)


def notes_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    return BriefSection("notes", _("Data notes"), bullet_list(brief.notes), None, tuple(brief.notes), ())


BRIEF_SECTIONS: tuple[SectionBuilder, ...] = (technology_section, specialisation_section, s3_section, money_section,
                                              centres_section, notes_section)


def brief_sections(layer: Layer, brief: RegionBrief) -> list[BriefSection]:
    return [section for build in BRIEF_SECTIONS if (section := build(layer, brief)) is not None]


def _outermost(brief: RegionBrief) -> bool:
    return brief.level >= 2 and any(brief.nuts_id.startswith(code) for code, _ in INSETS)


def _locator_scope(brief: RegionBrief) -> str:
    """Whose regions surround the region on its locator map: its country's, or for a NUTS 3 region its NUTS 1
    region's (a country's hundreds of NUTS 3 regions would leave it a dot)."""
    return brief.nuts_id[:3] if brief.level == 3 else brief.nuts_id[:2]


def locator_label(brief: RegionBrief) -> str:
    said = {"name": brief.name, "code": brief.nuts_id, "level": brief.level_name}
    if brief.level == 0:
        return _("%(name)s (%(code)s) among the countries of the EU and its neighbours") % said
    if _outermost(brief):
        return _("%(name)s (%(code)s), an outermost region, on its own") % said
    scope = _locator_scope(brief)
    name = next((p["name"] for p in brief.parents if p["nuts_id"] == scope), scope)
    return _("%(name)s (%(code)s) among the %(level)s regions of %(parent)s (%(parent_code)s)") % {
        **said, "parent": name, "parent_code": scope}


def locator_map(layer: Layer, brief: RegionBrief, width: int = 640, height: int = 560) -> go.Figure:
    """The region (dark) among the regions of its level in its country (light; for NUTS 3, in its NUTS 1 region),
    a country among the others, an outermost region on its own. Geometry by reference (``with_geometry``)."""
    regions = layer.regions[layer.regions.level == brief.level].nuts_id
    if brief.level == 0:
        shown = list(regions)
    elif _outermost(brief):
        shown = [brief.nuts_id]
    else:
        shown = [c for c in regions if c.startswith(_locator_scope(brief))
                 and not any(c.startswith(code) for code, _ in INSETS)]
    others = [c for c in shown if c != brief.nuts_id]
    ref = f"{GEOMETRY_REF}{brief.level}"
    fig = go.Figure()
    line = {"color": "#ffffff", "width": 0.8}
    if others:
        fig.add_choropleth(geojson=ref, featureidkey="properties.id", locations=others, z=[0] * len(others),
                           colorscale=[[0, "#d5dae0"], [1, "#d5dae0"]], showscale=False, marker_line=line)
    fig.add_choropleth(geojson=ref, featureidkey="properties.id", locations=[brief.nuts_id], z=[1],
                       colorscale=[[0, BAR], [1, BAR]], showscale=False, marker_line={"color": "#111111", "width": 1.5})
    geo = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}
    if brief.level == 0:
        geo.update(lonaxis={"range": [-11, 35]}, lataxis={"range": [34.5, 71]})
    else:
        geo["fitbounds"] = "locations"
    fig.update_layout(width=width, height=height, margin={"l": 4, "r": 4, "t": 4, "b": 4}, geo=geo,
                      paper_bgcolor="#ffffff", showlegend=False)
    return fig


def identity_markup(brief: RegionBrief) -> str:
    rows = "".join(f"<dt>{esc(f.label)}</dt><dd>{esc(format_value(f.value, f.unit))}"
                   f"{esc(f', {f.year}' if f.year else '')} ({esc(f.source)}){esc(f' — {f.note}' if f.note else '')}</dd>"
                   for f in brief.identity)
    return f"<dl class=\"figures\">{rows}</dl>"


def identity_short(brief: RegionBrief) -> list[str]:
    """The identity figures as a slide says them: label, value and year (source and notes in the speaker notes)."""
    return [f"{f.label}: {format_value(f.value, f.unit)}"
            + (f" ({', '.join(str(p) for p in (f.year, f.subject if f.note else '') if p)})" if f.year else "")
            for f in brief.identity]


def _source_item(source) -> str:
    """A source as the brief cites it: its title and citation as published, the words around them translated."""
    cite = _("Cite as: %(citation)s") % {"citation": source.citation}
    licence = _("Licence: %(licence)s (%(url)s)") % {"licence": source.licence, "url": source.licence_url}
    return f"<li><strong>{esc(source.title)}</strong><br>{esc(cite)}<br>{esc(licence)}</li>"


def brief_document(layer: Layer, brief: RegionBrief, locator_png: bytes | None) -> str:
    """The brief as one accessible A4 HTML document (Chromium prints it, tagged)."""
    boundaries = _("%(map)s. © EuroGeographics for the administrative boundaries.") % {"map": locator_label(brief)}
    identity, sources_heading = _("Identity"), _("Sources and licences")
    # A div, not <figure>: Chromium tags <figure> as a Figure of its own, without the picture's text alternative.
    located = (f"<div class=\"locator\">{picture(locator_png, locator_label(brief), 'width:62mm')}"
               f"<p class=\"muted small\">{esc(boundaries)}</p></div>") if locator_png else ""
    head = (f"<header><h1>{esc(brief.name)} ({esc(brief.nuts_id)})</h1><p class=\"sub\">{esc(subtitle(brief))}</p>"
            f"</header><div class=\"opening\">{located}<section><h2>{esc(identity)}</h2>{identity_markup(brief)}"
            "</section></div>")
    sections = "".join(f"<section id=\"{esc(s.key)}\"><h2>{esc(s.heading)}</h2>{s.html}</section>"
                       for s in brief_sections(layer, brief))
    sources = "".join(_source_item(layer.sources[source_id]) for source_id in brief.source_ids)
    tail = (f"<section id=\"sources\" class=\"small\"><h2>{esc(sources_heading)}</h2><ul>{sources}</ul>"
            "</section>")
    style = (".opening{display:flex;gap:6mm;align-items:flex-start}.opening section{flex:1}.opening h2{margin-top:0}"
             ".locator{flex:none;width:62mm}")
    return document(brief_title(brief), head + sections + tail, extra_style=style, lang=current_language())


def brief_title(brief: RegionBrief) -> str:
    return _("Region brief: %(name)s (%(code)s)") % {"name": brief.name, "code": brief.nuts_id}


def brief_footer(link: str) -> str:
    return _("Cluster Atlas region brief, %(day)s · %(link)s") % {"day": format_day(), "link": link}


SLIDE_CHART_ROWS = 8  # bars on one slide: more would be set too small to read in a room


def slide_chart_parts(chart: BarChart) -> list[BarChart]:
    """A chart as slides show it: in parts of at most SLIDE_CHART_ROWS bars (of even size), each a whole chart."""
    count = -(-len(chart.rows) // SLIDE_CHART_ROWS)
    size = -(-len(chart.rows) // max(count, 1))
    return [replace(chart, rows=chart.rows[n:n + size]) for n in range(0, len(chart.rows), size)] or [chart]


def slide_charts_document(layer: Layer, brief: RegionBrief) -> tuple[str, list[tuple[str, int]]]:
    """The brief's charts as slides show them (large type, compact columns, in parts of a few bars), one element
    each, and their keys (section key, part number)."""
    keys, body = [], []
    for section in brief_sections(layer, brief):
        if section.chart is None:
            continue
        for n, part in enumerate(slide_chart_parts(section.chart)):
            keys.append((section.key, n))
            body.append(f"<div class=\"slide-chart\">{part.markup(compact=True)}</div>")
    style = ("html{font-size:16px}th,td{font-size:16px;padding:6px 12px 6px 0}caption{font-size:14px}"
             ".slide-chart{width:800px;padding:8px 10px;background:#fff}.slide-chart table{table-layout:fixed}"
             ".slide-chart th[scope=row]{width:330px}.track{height:18px}td.bar{width:210px}")
    return document(_("Charts"), "".join(body), extra_style=style, lang=current_language()), keys
