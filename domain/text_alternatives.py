"""Text alternatives of the map and the trend chart: one sentence that says what a sighted reader takes from the
picture (highest, lowest, the EU27 value, the classes, the regions without data; a series' first and last value),
for screen-reader users and anyone who cannot read colours (WCAG 1.1.1). The explorer shows it under the map and the
chart; the values themselves are in the Table tab."""

from __future__ import annotations

from collections.abc import Mapping

from data.layer import LEVEL_NAMES
from domain.classify import Classes
from domain.formatting import format_value
from domain.mapview import MapView


def _classes_phrase(classes: Classes, unit: str) -> str:
    if classes.method == "continuous" or not classes.counts:
        return "colours on a continuous scale"
    if classes.categorical:
        return f"{classes.k} colour class{'es' if classes.k != 1 else ''}, one per value"
    edges = classes.edges
    return f"{classes.k} colour classes from {format_value(edges[0], unit)} to {format_value(edges[-1], unit)}"


def map_summary(view: MapView, names: Mapping[str, str]) -> str:
    """'Enterprises using AI (% of enterprises), NUTS 2, 2023: highest Hovedstaden (DK01) 15.2 %, lowest … .
    EU27: 8 %. 5 colour classes … 12 regions without data.' — ``names`` maps NUTS codes to region names."""
    level = "by country" if view.level == 0 else f"by {LEVEL_NAMES[view.level]} region"
    head = f"Map of {view.label} ({view.unit}) {level}, {view.year}"
    values = {code: v for code, v in view.values.items() if v is not None}
    n_missing = view.classes.n_missing
    if not values:
        return f"{head}: no region has data."
    top = max(values, key=lambda c: (values[c], c))
    low = min(values, key=lambda c: (values[c], c))

    def said(code: str) -> str:
        return f"{names.get(code, code)} ({code}) {format_value(values[code], view.unit)}"

    area = "countries" if view.level == 0 else "regions"
    parts = [f"{head}: {len(values)} {area} with data; highest {said(top)}, lowest {said(low)}."]
    if view.compared_with_eu:
        parts.append("EU27 = 100 on this map.")
    elif view.eu_reference is not None:
        parts.append(f"EU27: {format_value(view.eu_reference, view.unit)}.")
    classes = _classes_phrase(view.classes, view.unit)
    parts.append(classes[0].upper() + classes[1:] + ".")
    if n_missing:
        one = {"countries": "country", "regions": "region"}[area]
        parts.append(f"{n_missing} {area if n_missing != 1 else one} without data (hatched grey).")
    return " ".join(parts)


def series_summary(series: list[dict], unit: str, label: str) -> str:
    """'Trend of <label>: Bayern from 10.1 % (2015) to 14.2 % (2023); Deutschland from …' — each line's first and
    last value with its year (a line with one point: that value)."""
    phrases = []
    for line in series:
        points = [(y, v) for y, v in zip(line["years"], line["values"]) if v is not None]
        if not points:
            continue
        (y0, v0), (y1, v1) = points[0], points[-1]
        if y0 == y1:
            phrases.append(f"{line['name']} {format_value(v0, unit)} ({y0})")
        else:
            phrases.append(f"{line['name']} from {format_value(v0, unit)} ({y0}) to {format_value(v1, unit)} ({y1})")
    if not phrases:
        return f"Trend of {label}: no values."
    return f"Trend of {label}: " + "; ".join(phrases) + "."


def score_map_summary(domain_label: str, values: Mapping[str, float], classes: Classes, names: Mapping[str, str],
                      strong_score: float) -> str:
    """The Strategies map: 'Map of the evidence score for <domain> (0–100) by NUTS 2 region: 295 regions with a score;
    highest …, lowest …; 42 strong (75 or more). 4 colour classes … 39 regions without data (hatched grey).'"""
    head = f"Map of the evidence score for {domain_label} (0–100) by NUTS 2 region"
    scored = {code: v for code, v in values.items() if v is not None and v == v}
    if not scored:
        return f"{head}: no region has a score."
    top = max(scored, key=lambda c: (scored[c], c))
    low = min(scored, key=lambda c: (scored[c], c))
    strong = sum(1 for v in scored.values() if v >= strong_score)
    parts = [f"{head}: {len(scored)} regions with a score; highest {names.get(top, top)} ({top}) {scored[top]:.0f}, "
             f"lowest {names.get(low, low)} ({low}) {scored[low]:.0f}; {strong} strong ({strong_score:.0f} or more)."]
    parts.append(f"{classes.k} colour classes, quarters of the scale.")
    if classes.n_missing:
        parts.append(f"{classes.n_missing} region{'s' if classes.n_missing != 1 else ''} without data (hatched grey).")
    return " ".join(parts)


def list_map_summary(label: str, unit: str, values: Mapping[str, float], classes: Classes, names: Mapping[str, str],
                     missing: str) -> str:
    """The Import page's map of an uploaded list: '<label> (<unit>): 120 regions; highest …, lowest …. 5 colour
    classes … 200 regions: none in this list (hatched grey).' — `missing` says what a region without a value means."""
    shown = {code: v for code, v in values.items() if v is not None and v == v}
    if not shown:
        return f"Map of {label} ({unit}): no region has a value."
    top = max(shown, key=lambda c: (shown[c], c))
    low = min(shown, key=lambda c: (shown[c], c))
    parts = [f"Map of {label} ({unit}): {len(shown)} regions; highest {names.get(top, top)} ({top}) "
             f"{format_value(shown[top], unit)}, lowest {names.get(low, low)} ({low}) {format_value(shown[low], unit)}."]
    classes_text = _classes_phrase(classes, unit)
    parts.append(classes_text[0].upper() + classes_text[1:] + ".")
    if classes.n_missing:
        parts.append(f"{classes.n_missing} region{'s' if classes.n_missing != 1 else ''}: {missing.lower()} "
                     "(hatched grey).")
    return " ".join(parts)


def gap_map_summary(domain_label: str, categories: tuple[str, ...], counts: tuple[int, ...], n_missing: int) -> str:
    """The Strategies gap map: 'Gap view map for <domain> by NUTS 2 region: 12 prioritised & strong, 30 prioritised
    but weak, …; 40 regions without evidence (hatched grey). The lists below name the regions.'"""
    shown = ", ".join(f"{count} {category.lower()}" for category, count in zip(categories, counts))
    missing = f"; {n_missing} region{'s' if n_missing != 1 else ''} without evidence (hatched grey)" if n_missing else ""
    return f"Gap view map for {domain_label} by NUTS 2 region: {shown}{missing}. The lists below name the regions."
