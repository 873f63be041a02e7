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
from domain.formatting import format_value, rank_phrase
from figures.choropleth import INSETS
from figures.document import BAR, STRONG, BarChart, BarRow, bullet_list, document, esc, picture
from figures.static_map import GEOMETRY_REF

MAX_TECH_ROWS = 16
MAX_HUB_LINES = 10


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def subtitle(brief: RegionBrief) -> str:
    path = " › ".join(f"{p['name']} ({p['nuts_id']})" for p in brief.parents)
    return f"{brief.level_name}" + (f" in {path}" if path else "")


def identity_lines(brief: RegionBrief) -> list[str]:
    return [f"{f.label}: {format_value(f.value, f.unit)}{f', {f.year}' if f.year else ''} ({f.source})"
            + (f" — {f.note}" if f.note else "") for f in brief.identity]


def own_technology(brief: RegionBrief) -> list[dict]:
    return [i for i in brief.technology if i["level"] == brief.level and i["percentile"] is not None][:MAX_TECH_ROWS]


def technology_text(item: dict) -> str:
    return (f"{format_value(item['value'], item['unit'])}, {item['year']} · {rank_phrase(item)} · {item['source']}"
            + (f" · {', '.join(item['tags'])}" if item.get("tags") else ""))


def country_lines(brief: RegionBrief) -> list[str]:
    return [f"{i['label']}: {format_value(i['value'], i['unit'])} ({i['year']}, {i['source']})"
            + (f"; EU27 {format_value(i['eu'], i['unit'])}" if i["eu"] is not None else "")
            for i in brief.technology if i["level"] == 0 and i["level"] != brief.level][:8]


def specialisation_text(item: dict) -> str:
    """'LQ (EU28 = 1) 2.64 (2018, source) · ★', naming each line's reference; patent intensity is not an LQ."""
    return (f"{item.get('measure', 'LQ')} {item['lq']:.2f} ({item['year']}, {item['source']})"
            + (f" · {'★' * item['stars']}" if item.get("stars") else "")
            + (f" · {', '.join(item['tags'])}" if item.get("tags") else ""))


def similar_lines(brief: RegionBrief) -> list[str]:
    return [f"{r['name']} ({r['nuts_id']}), similarity {r['similarity']:.2f}" for r in brief.similar.get("regions", [])[:8]]


def s3_text(row: dict) -> str:
    years = sorted(set(row.get("years", {}).values()))
    span = f", data {years[0]}–{years[-1]}" if len(years) > 1 else f", data {years[0]}" if years else ""
    return f"{row['score']:.0f} / 100 ({row['n_evidence']} indicators{span})"


def partner_lines(brief: RegionBrief) -> list[str]:
    return [f"{p['name']} ({p['nuts_id']}), fit {p['fit']:.0f} / 100: strongest where {brief.s3_subject} is weaker, "
            f"in {p['complements']}" for p in brief.partners]


def hub_lines(brief: RegionBrief, most: int = MAX_HUB_LINES) -> list[str]:
    lines = [f"{h['name']} ({h['type']}, {h['town'] or 'town not given'})"
             + (f": {', '.join(h['technologies'])} at intensity 4–5" if h["technologies"] else "") for h in brief.hubs]
    more = len(lines) - most
    return lines[:most] + ([f"… and {more} more: the full list is at /api/hubs.csv?country={brief.nuts_id[:2]}"]
                           if more > 0 else [])


def weakest_lines(brief: RegionBrief) -> list[str]:
    return [f"{w['label']}: {format_value(w['value'], w['unit'])} ({w['year']}, {w['source']}, {w['subject']}), "
            f"{rank_phrase(w)} → {w['technology']}" for w in brief.weakest]


def nearby_lines(brief: RegionBrief) -> list[str]:
    return [f"{h['name']} ({h['type']}, {h.get('country_name') or h['country']}), {h['distance_km']:.0f} km: {h['offers']}" for h in brief.hubs_nearby]


def technology_lines(brief: RegionBrief) -> list[str]:
    return [f"{i['label']}: {technology_text(i)}" for i in own_technology(brief)] + country_lines(brief)


def specialisation_lines(brief: RegionBrief) -> list[str]:
    return [f"{s['label']}: {specialisation_text(s)}" for s in brief.specialisation]


def s3_lines(brief: RegionBrief) -> list[str]:
    return [f"{r['domain']}: {s3_text(r) if r['score'] is not None else 'no data'}" for r in brief.s3]




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
    return rank_phrase(item) if item.get("rank") else "no rank"


def technology_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    own = own_technology(brief)
    country = [i for i in brief.technology if i["level"] == 0 and i["level"] != brief.level][:8]
    if not own and not country:
        return None
    parts, chart = [], None
    if own:
        chart = BarChart(
            f"Position of {brief.name} among {own[0]['peer_label']} with data: the bar is the percentile (100 = best, "
            "dotted line = middle); value, year, rank and source in words.",
            ["Indicator", "Value, year", "Rank", "Source"],
            [BarRow(i["label"], i["percentile"], (f"{format_value(i['value'], i['unit'])}, {i['year']}",
                                                   _rank_words(i), i["source"] + (f" · {', '.join(i['tags'])}"
                                                                                  if i.get("tags") else ""))) for i in own],
            (0, 100), 50, "Position (0–100)", ("27%", "15%", "19%", "25%", "14%"))
        parts.append(chart.markup(chart_id="chart-technology"))
    if country:
        rows = "".join(f"<tr><th scope=\"row\">{esc(i['label'])}</th><td>{esc(format_value(i['value'], i['unit']))}, "
                       f"{esc(i['year'])}</td><td>{esc(format_value(i['eu'], i['unit']) if i['eu'] is not None else 'no data')}"
                       f"</td><td>{esc(i['source'])}</td></tr>" for i in country)
        parts.append(f"<table class=\"keep\"><caption>Country-level figures ({esc(brief.nuts_id[:2])}): published for "
                     "countries only</caption><thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Value, year"
                     "</th><th scope=\"col\">EU27</th><th scope=\"col\">Source</th></tr></thead>"
                     f"<tbody>{rows}</tbody></table>")
    ranked = sorted(own, key=lambda i: -i["percentile"])
    side = ([f"Strongest: {i['label']} ({_rank_words(i)})" for i in ranked[:2]]
            + [f"Weakest: {i['label']} ({_rank_words(i)})" for i in ranked[-2:][::-1]] if len(ranked) >= 4 else [])
    return BriefSection("technology", "Technology and innovation profile", "".join(parts), chart, tuple(side),
                        tuple(technology_lines(brief)),
                        "Position among peers with data (100 = best); value and year beside each bar")


def specialisation_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    spec = brief.specialisation
    parts, chart = [], None
    if spec:
        top = max(max(s["lq"] for s in spec) * 1.1, 2.0)
        chart = BarChart(
            "Location quotient: the region's share over the share of the EU named in each row (1 = EU level, dotted "
            "line); patent intensity: per inhabitant over the EU27 rate; stars where the data support them.",
            ["Specialisation", "Location quotient", "Year", "Source"],
            [BarRow(s["label"], s["lq"], (f"{s.get('measure', 'LQ')} {s['lq']:.2f}"
                                          + (f" {'★' * s['stars']}" if s.get("stars") else ""),
                                          str(s["year"]), s["source"] + (f" · {', '.join(s['tags'])}" if s.get("tags")
                                                                         else "")), STRONG if s["lq"] >= 2 else BAR)
             for s in spec], (0, top), 1.0, "Location quotient (bar)", ("36%", "22%", "12%", "7%", "23%"))
        parts.append(chart.markup(chart_id="chart-specialisation"))
    else:
        parts.append("<p>No location quotient is available for this region.</p>")
    similar = similar_lines(brief)
    if similar:
        parts.append(f"<h3>Regions with the most similar employment specialisation ({esc(brief.similar.get('year'))})"
                     f"</h3>{bullet_list(similar)}")
    side = tuple(["Most similar regions:", *[f"{r['name']} ({r['nuts_id']})" for r in brief.similar.get("regions", [])[:3]]]
                 if similar else [])
    return BriefSection("specialisation", "Top specialisations", "".join(parts), chart, side,
                        tuple(specialisation_lines(brief) + similar), "Location quotients (1 = EU average)")


def s3_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    scored = [r for r in brief.s3 if r["score"] is not None]
    if not scored:
        return BriefSection("s3", "S3 evidence by domain", f"<p>{esc(s3_absent(brief))}</p>", None,
                            (s3_absent(brief),), ())
    chart = BarChart(
        f"Evidence scores of {brief.s3_subject}: mean percentile (0–100) over each domain's evidence indicators among "
        "NUTS 2 regions; 75 or more = strong (dotted line).",
        ["S3 domain", "Score", "Evidence"],
        [BarRow(r["domain"], r["score"], (f"{r['score']:.0f} / 100", s3_text(r).split("(", 1)[-1].rstrip(")")),
                STRONG if r["strong"] else BAR) for r in scored], (0, 100), 75, "Evidence score (bar)",
        ("40%", "25%", "10%", "25%"))
    parts = [chart.markup(chart_id="chart-s3")]
    if brief.partners:
        parts.append(f"<h3>Suggested partners for the weakest domain: {esc(brief.partners[0]['domain'])}</h3>"
                     f"{bullet_list(partner_lines(brief))}")
    side = tuple([f"Partners for {brief.partners[0]['domain']}:",
                  *[f"{p['name']} ({p['nuts_id']}), fit {p['fit']:.0f}" for p in brief.partners]] if brief.partners else [])
    return BriefSection("s3", "S3 evidence by domain", "".join(parts), chart, side,
                        tuple(s3_lines(brief) + partner_lines(brief)),
                        f"Domain scores of {brief.s3_subject} (mean percentile among NUTS 2 regions; 75 or more = strong)")


MONEY_HEADING = "Money behind the strategy: ERDF planned for research & innovation, 2014–2020"


def money_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    """The EU money the region's smart-specialisation strategy steered (ESIF 2014–2020, planned, never spent)."""
    if not brief.money:
        return None
    return BriefSection("money", MONEY_HEADING, bullet_list(brief.money), None, tuple(brief.money[:6]),
                        tuple(brief.money), "European Commission, Cohesion Open Data: ESIF 2014-2020 (planned)")


def s3_absent(brief: RegionBrief) -> str:
    return ("S3 evidence scores are computed for NUTS 2 regions and are not shown at this level."
            if brief.s3_subject is None else f"No S3 evidence score for {brief.s3_subject}.")


def centres_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    hubs = hub_lines(brief) or ["No hub of the EDIH catalogue is located in this region."]
    parts = [bullet_list(hubs)]
    if brief.hubs_nearby:
        parts.append("<h3>Nearest hubs beyond the border offering what the region is weakest in</h3>"
                     f"{bullet_list(weakest_lines(brief))}{bullet_list(nearby_lines(brief))}")
    side = tuple(f"{h['name']} ({h['town'] or 'town not given'})" for h in brief.hubs[:6])
    side += (f"… {len(brief.hubs) - 6} more (speaker notes)",) if len(brief.hubs) > 6 else ()
    return BriefSection("centres", "Technology centres in this region",
                        "<p class=\"muted\">European Digital Innovation Hubs catalogue, export of 5 May 2025.</p>"
                        + "".join(parts), None, side or (hubs[0],),
                        tuple(hubs + weakest_lines(brief) + nearby_lines(brief)), "EDIH catalogue (export of 5 May 2025)")


def notes_section(layer: Layer, brief: RegionBrief) -> BriefSection | None:
    return BriefSection("notes", "Data notes", bullet_list(brief.notes), None, tuple(brief.notes), ())


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
    if brief.level == 0:
        return f"{brief.name} ({brief.nuts_id}) among the countries of the EU and its neighbours"
    if _outermost(brief):
        return f"{brief.name} ({brief.nuts_id}), an outermost region, on its own"
    scope = _locator_scope(brief)
    name = next((p["name"] for p in brief.parents if p["nuts_id"] == scope), scope)
    return f"{brief.name} ({brief.nuts_id}) among the {brief.level_name} regions of {name} ({scope})"


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


def brief_document(layer: Layer, brief: RegionBrief, locator_png: bytes | None) -> str:
    """The brief as one accessible A4 HTML document (Chromium prints it, tagged)."""
    # A div, not <figure>: Chromium tags <figure> as a Figure of its own, without the picture's text alternative.
    located = (f"<div class=\"locator\">{picture(locator_png, locator_label(brief), 'width:62mm')}"
               f"<p class=\"muted small\">{esc(locator_label(brief))}. © EuroGeographics for the administrative "
               "boundaries.</p></div>") if locator_png else ""
    head = (f"<header><h1>{esc(brief.name)} ({esc(brief.nuts_id)})</h1><p class=\"sub\">{esc(subtitle(brief))}</p>"
            f"</header><div class=\"opening\">{located}<section><h2>Identity</h2>{identity_markup(brief)}</section></div>")
    sections = "".join(f"<section id=\"{esc(s.key)}\"><h2>{esc(s.heading)}</h2>{s.html}</section>"
                       for s in brief_sections(layer, brief))
    sources = []
    for source_id in brief.source_ids:
        s = layer.sources[source_id]
        sources.append(f"<li><strong>{esc(s.title)}</strong><br>Cite as: {esc(s.citation)}<br>"
                       f"Licence: {esc(s.licence)} ({esc(s.licence_url)})</li>")
    tail = f"<section id=\"sources\" class=\"small\"><h2>Sources and licences</h2><ul>{''.join(sources)}</ul></section>"
    style = (".opening{display:flex;gap:6mm;align-items:flex-start}.opening section{flex:1}.opening h2{margin-top:0}"
             ".locator{flex:none;width:62mm}")
    return document(f"Region brief: {brief.name} ({brief.nuts_id})", head + sections + tail, extra_style=style)


def brief_footer(link: str) -> str:
    return f"Cluster Atlas region brief, {dt.date.today().isoformat()} · {link}"


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
    return document("Charts", "".join(body), extra_style=style), keys
