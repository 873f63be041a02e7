"""Text alternatives of the map and the trend chart: one sentence that says what a sighted reader takes from the
picture (highest, lowest, the EU27 value, the classes, the regions without data; a series' first and last value),
for screen-reader users and anyone who cannot read colours (WCAG 1.1.1). The explorer shows it under the map and the
chart; the values themselves are in the Table tab."""

from __future__ import annotations

from collections.abc import Mapping

from domain.classify import Classes
from domain.formatting import format_value
from domain.i18n import gettext as _
from domain.i18n import ngettext
from domain.mapview import MapView


def _classes_phrase(classes: Classes, unit: str) -> str:
    """The classes as a sentence of their own ('Colours on a continuous scale.')."""
    if classes.method == "continuous" or not classes.counts:
        return _("Colours on a continuous scale.")
    if classes.categorical:
        return ngettext("%(k)s colour class, one per value.", "%(k)s colour classes, one per value.",
                        classes.k) % {"k": classes.k}
    edges = classes.edges
    return ngettext("%(k)s colour class from %(low)s to %(high)s.", "%(k)s colour classes from %(low)s to %(high)s.",
                    classes.k) % {"k": classes.k, "low": format_value(edges[0], unit),
                                  "high": format_value(edges[-1], unit)}


def _said(names: Mapping[str, str], code: str, value: str) -> str:
    return _("%(name)s (%(code)s) %(value)s") % {"name": names.get(code, code), "code": code, "value": value}


def map_summary(view: MapView, names: Mapping[str, str]) -> str:
    """'Enterprises using AI (% of enterprises), NUTS 2, 2023: highest Hovedstaden (DK01) 15.2 %, lowest … .
    EU27: 8 %. 5 colour classes … 12 regions without data.' — ``names`` maps NUTS codes to region names."""
    said = {"label": view.label, "unit": view.unit, "year": view.year, "level": view.level}
    head = (_("Map of %(label)s (%(unit)s) by country, %(year)s") if view.level == 0
            else _("Map of %(label)s (%(unit)s) by NUTS %(level)s region, %(year)s")) % said
    values = {code: v for code, v in view.values.items() if v is not None}
    n_missing = view.classes.n_missing
    if not values:
        return _("%(head)s: no region has data.") % {"head": head}
    top = max(values, key=lambda c: (values[c], c))
    low = min(values, key=lambda c: (values[c], c))
    extremes = {"head": head, "n": len(values), "top": _said(names, top, format_value(values[top], view.unit)),
                "low": _said(names, low, format_value(values[low], view.unit))}
    if view.level == 0:
        parts = [ngettext("%(head)s: %(n)s country with data; highest %(top)s, lowest %(low)s.",
                          "%(head)s: %(n)s countries with data; highest %(top)s, lowest %(low)s.", len(values)) % extremes]
    else:
        parts = [ngettext("%(head)s: %(n)s region with data; highest %(top)s, lowest %(low)s.",
                          "%(head)s: %(n)s regions with data; highest %(top)s, lowest %(low)s.", len(values)) % extremes]
    if view.compared_with_eu:
        parts.append(_("EU27 = 100 on this map."))
    elif view.eu_reference is not None:
        parts.append(_("EU27: %(value)s.") % {"value": format_value(view.eu_reference, view.unit)})
    parts.append(_classes_phrase(view.classes, view.unit))
    if n_missing:
        parts.append((ngettext("%(n)s country without data (hatched grey).", "%(n)s countries without data (hatched grey).",
                               n_missing) if view.level == 0 else
                      ngettext("%(n)s region without data (hatched grey).", "%(n)s regions without data (hatched grey).",
                               n_missing)) % {"n": n_missing})
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
        said = {"name": line["name"], "first": format_value(v0, unit), "first_year": y0,
                "last": format_value(v1, unit), "last_year": y1}
        phrases.append((_("%(name)s %(first)s (%(first_year)s)") if y0 == y1
                        else _("%(name)s from %(first)s (%(first_year)s) to %(last)s (%(last_year)s)")) % said)
    if not phrases:
        return _("Trend of %(label)s: no values.") % {"label": label}
    return _("Trend of %(label)s: %(lines)s.") % {"label": label, "lines": "; ".join(phrases)}


def score_map_summary(domain_label: str, values: Mapping[str, float], classes: Classes, names: Mapping[str, str],
                      strong_score: float) -> str:
    """The Strategies map: 'Map of the evidence score for <domain> (0–100) by NUTS 2 region: 295 regions with a score;
    highest …, lowest …; 42 strong (75 or more). 4 colour classes … 39 regions without data (hatched grey).'"""
    head = _("Map of the evidence score for %(domain)s (0–100) by NUTS 2 region") % {"domain": domain_label}
    scored = {code: v for code, v in values.items() if v is not None and v == v}
    if not scored:
        return _("%(head)s: no region has a score.") % {"head": head}
    top = max(scored, key=lambda c: (scored[c], c))
    low = min(scored, key=lambda c: (scored[c], c))
    strong = sum(1 for v in scored.values() if v >= strong_score)
    parts = [ngettext("%(head)s: %(n)s region with a score; highest %(top)s, lowest %(low)s; %(strong)s strong "
                      "(%(threshold)s or more).",
                      "%(head)s: %(n)s regions with a score; highest %(top)s, lowest %(low)s; %(strong)s strong "
                      "(%(threshold)s or more).", len(scored)) % {
        "head": head, "n": len(scored), "top": _said(names, top, f"{scored[top]:.0f}"),
        "low": _said(names, low, f"{scored[low]:.0f}"), "strong": strong, "threshold": f"{strong_score:.0f}"}]
    parts.append(_("%(k)s colour classes, quarters of the scale.") % {"k": classes.k})
    if classes.n_missing:
        parts.append(ngettext("%(n)s region without data (hatched grey).", "%(n)s regions without data (hatched grey).",
                              classes.n_missing) % {"n": classes.n_missing})
    return " ".join(parts)


def list_map_summary(label: str, unit: str, values: Mapping[str, float], classes: Classes, names: Mapping[str, str],
                     missing: str) -> str:
    """The Import page's map of an uploaded list: '<label> (<unit>): 120 regions; highest …, lowest …. 5 colour
    classes … 200 regions: none in this list (hatched grey).' — `missing` says what a region without a value means."""
    shown = {code: v for code, v in values.items() if v is not None and v == v}
    if not shown:
        return _("Map of %(label)s (%(unit)s): no region has a value.") % {"label": label, "unit": unit}
    top = max(shown, key=lambda c: (shown[c], c))
    low = min(shown, key=lambda c: (shown[c], c))
    parts = [ngettext("Map of %(label)s (%(unit)s): %(n)s region; highest %(top)s, lowest %(low)s.",
                      "Map of %(label)s (%(unit)s): %(n)s regions; highest %(top)s, lowest %(low)s.", len(shown)) % {
        "label": label, "unit": unit, "n": len(shown), "top": _said(names, top, format_value(shown[top], unit)),
        "low": _said(names, low, format_value(shown[low], unit))}]
    parts.append(_classes_phrase(classes, unit))
    if classes.n_missing:
        parts.append(ngettext("%(n)s region: %(missing)s (hatched grey).", "%(n)s regions: %(missing)s (hatched grey).",
                              classes.n_missing) % {"n": classes.n_missing, "missing": missing.lower()})
    return " ".join(parts)


def gap_map_summary(domain_label: str, categories: tuple[str, ...], counts: tuple[int, ...], n_missing: int) -> str:
    """The Strategies gap map: 'Gap view map for <domain> by NUTS 2 region: 12 prioritised & strong, 30 prioritised
    but weak, …; 40 regions without evidence (hatched grey). The lists below name the regions.'"""
    shown = ", ".join(f"{count} {category.lower()}" for category, count in zip(categories, counts))
    said = {"domain": domain_label, "shown": shown, "n": n_missing}
    if not n_missing:
        return _("Gap view map for %(domain)s by NUTS 2 region: %(shown)s. The lists below name the regions.") % said
    return ngettext("Gap view map for %(domain)s by NUTS 2 region: %(shown)s; %(n)s region without evidence (hatched "
                    "grey). The lists below name the regions.",
                    "Gap view map for %(domain)s by NUTS 2 region: %(shown)s; %(n)s regions without evidence (hatched "
                    "grey). The lists below name the regions.", n_missing) % said
