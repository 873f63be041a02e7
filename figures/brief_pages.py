"""The region brief as printable pages (A4 portrait Plotly figures): identity and technology profile,
specialisation and S3 evidence, notes and sources. Every number is printed with its unit, year and source."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go

from data.layer import Layer
from domain.brief import RegionBrief
from domain.formatting import format_value, rank_phrase
from figures.text import plain_text, wrap

PAGE_WIDTH, PAGE_HEIGHT = 1240, 1754
FONT = "Helvetica, Arial, sans-serif"
INK, MUTED, BAR, STRONG = "#1d2733", "#5a6675", "#3b6ea5", "#1b7f5b"
MAX_TECH_ROWS = 16
MAX_HUB_LINES = 10
MONEY_HEADING = "Money behind the strategy: ERDF planned for research & innovation, 2014–2020"


def _page(title: str, subtitle: str, footer: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(width=PAGE_WIDTH, height=PAGE_HEIGHT, paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
                      margin={"l": 60, "r": 60, "t": 40, "b": 40}, showlegend=False,
                      xaxis={"visible": False}, yaxis={"visible": False},
                      font={"family": FONT, "size": 14, "color": INK})
    fig.add_annotation(text=f"<b>{plain_text(title)}</b>", x=0, y=1.0, xref="paper", yref="paper", xanchor="left",
                       yanchor="top", showarrow=False, font={"size": 30})
    fig.add_annotation(text=plain_text(subtitle), x=0, y=0.972, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, font={"size": 16, "color": MUTED})
    fig.add_annotation(text=plain_text(footer), x=0, y=-0.01, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, font={"size": 11, "color": MUTED})
    return fig


LINE_HEIGHT_12 = 0.0125  # share of the page's height one line of 12-pt annotation text takes


def wrapped_lines(lines: list[str], width: int) -> int:
    """How many printed lines ``_lines`` makes of ``lines`` at ``width`` characters (the next block starts below)."""
    return sum(wrap(plain_text(line), width).count("<br>") + 1 for line in lines)


def _lines(fig: go.Figure, lines: list[str], y: float, size: int = 14, heading: str = "") -> None:
    width = 150 if size <= 12 else 125
    text = (f"<b>{plain_text(heading)}</b><br>" if heading else "") + "<br>".join(
        wrap(plain_text(line), width) for line in lines)
    fig.add_annotation(text=text, x=0, y=y, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, align="left", font={"size": size})


def _bars(fig: go.Figure, axis: int, domain_y: tuple[float, float], labels: list[str], values: list[float],
          texts: list[str], x_range: tuple[float, float], reference: float | None, colours: list[str]) -> None:
    xa, ya = f"x{axis}" if axis > 1 else "x", f"y{axis}" if axis > 1 else "y"
    fig.add_bar(x=values, y=[plain_text(label) for label in labels], orientation="h", marker_color=colours, text=[plain_text(t) for t in texts],
                textposition="outside", cliponaxis=False, xaxis=xa, yaxis=ya, textfont={"size": 11})
    key = "" if axis == 1 else str(axis)
    fig.update_layout({f"xaxis{key}": {"domain": [0.34, 0.56], "range": list(x_range), "anchor": ya, "showgrid": True,
                                       "gridcolor": "#eef0f3", "zeroline": False, "tickfont": {"size": 11}},
                       f"yaxis{key}": {"domain": list(domain_y), "anchor": xa, "autorange": "reversed",
                                       "tickfont": {"size": 12}, "automargin": False}})
    if reference is not None:
        fig.add_shape(type="line", x0=reference, x1=reference, y0=domain_y[0], y1=domain_y[1], xref=xa, yref="paper",
                      line={"color": "#888888", "dash": "dot", "width": 1})


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
    return [f"{h['name']} ({h['type']}, {h['country']}), {h['distance_km']:.0f} km: {h['offers']}" for h in brief.hubs_nearby]


def technology_lines(brief: RegionBrief) -> list[str]:
    return [f"{i['label']}: {technology_text(i)}" for i in own_technology(brief)] + country_lines(brief)


def specialisation_lines(brief: RegionBrief) -> list[str]:
    return [f"{s['label']}: {specialisation_text(s)}" for s in brief.specialisation]


def s3_lines(brief: RegionBrief) -> list[str]:
    return [f"{r['domain']}: {s3_text(r) if r['score'] is not None else 'no data'}" for r in brief.s3]


def identity_page(layer: Layer, brief: RegionBrief, footer: str) -> go.Figure:
    fig = _page(f"{brief.name} ({brief.nuts_id})", subtitle(brief), footer)
    _lines(fig, identity_lines(brief), 0.94, heading="Identity")
    own = own_technology(brief)
    if own:
        _lines(fig, ["Position among peers with data (100 = best); value, year, rank and source beside each bar."], 0.83,
               heading="Technology and innovation profile")
        _bars(fig, 1, (0.28, 0.79), [_short(i["label"]) for i in own], [i["percentile"] for i in own],
              [technology_text(i) for i in own], (0, 100), 50, [BAR] * len(own))
    if country_lines(brief):
        _lines(fig, country_lines(brief), 0.25, size=12, heading=f"Country-level figures ({brief.nuts_id[:2]})")
    return fig


def evidence_page(layer: Layer, brief: RegionBrief, footer: str) -> go.Figure:
    fig = _page(f"{brief.name}: specialisation and S3 evidence", f"{brief.level_name} {brief.nuts_id}", footer)
    if brief.specialisation:
        _lines(fig, ["Location quotient: the region's share over the share of the EU named on each line (1 = EU "
                     "level); patent intensity: per inhabitant over the EU27 rate; stars where the data support them."],
               0.94, heading="Top specialisations")
        spec = brief.specialisation
        texts = [specialisation_text(s) for s in spec]
        top = max(max(s["lq"] for s in spec) * 1.45, 2.0)
        _bars(fig, 1, (0.74, 0.91), [_short(s["label"]) for s in spec], [s["lq"] for s in spec], texts, (0, top), 1.0,
              [STRONG if s["lq"] >= 2 else BAR for s in spec])
    else:
        _lines(fig, ["No location quotient is available for this region."], 0.94, heading="Top specialisations")
    if similar_lines(brief):
        _lines(fig, similar_lines(brief), 0.71, size=12,
               heading=f"Regions with the most similar employment specialisation ({brief.similar.get('year')})")
    scored = [r for r in brief.s3 if r["score"] is not None]
    if scored:
        _lines(fig, [f"Evidence scores of {brief.s3_subject}: mean percentile (0–100) over each domain's evidence "
                     "indicators among NUTS 2 regions; 75 or more = strong."], 0.52, heading="S3 evidence by domain")
        texts = [s3_text(r) for r in scored]
        _bars(fig, 2, (0.28, 0.49), [_short(r["domain"]) for r in scored], [r["score"] for r in scored], texts,
              (0, 100), 75, [STRONG if r["strong"] else BAR for r in scored])
    if brief.partners:
        _lines(fig, partner_lines(brief), 0.24, size=12,
               heading=f"Suggested partners for the weakest domain: {brief.partners[0]['domain']}")
    if brief.money:
        _lines(fig, brief.money, 0.14, size=12, heading=MONEY_HEADING)
    return fig


def sources_page(layer: Layer, brief: RegionBrief, footer: str) -> go.Figure:
    fig = _page("Technology centres, data notes and sources", f"{brief.name} ({brief.nuts_id})", footer)
    _lines(fig, hub_lines(brief) or ["No hub of the EDIH catalogue is located in this region."], 0.94, size=12,
           heading="Technology centres in this region (EDIH catalogue, export of 5 May 2025)")
    if brief.hubs_nearby:
        _lines(fig, weakest_lines(brief) + [""] + nearby_lines(brief), 0.80, size=12,
               heading="Nearest hubs beyond the border offering what the region is weakest in")
    _lines(fig, brief.notes, 0.62, size=12, heading="Data notes")
    lines: list[str] = []
    for source_id in brief.source_ids:
        s = layer.sources[source_id]
        lines += [s.title, f"Cite as: {s.citation}", f"Licence: {s.licence} ({s.licence_url})", ""]
    _lines(fig, lines, min(0.52, 0.62 - LINE_HEIGHT_12 * (wrapped_lines(brief.notes, 150) + 2)), size=12,
           heading="Sources and licences")
    return fig


def brief_pages(layer: Layer, brief: RegionBrief, link: str) -> list[go.Figure]:
    """The brief's pages, each with a footer naming the app, the date and the absolute link to the brief."""
    footer = f"Cluster Atlas region brief, {dt.date.today().isoformat()} · {link}"
    return [identity_page(layer, brief, footer), evidence_page(layer, brief, footer), sources_page(layer, brief, footer)]
