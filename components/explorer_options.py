"""Options of the explorer's controls (indicator and region pickers, level radio, year slider, menus)."""

from __future__ import annotations

from dash import html
from unidecode import unidecode

from components.legend import legend
from data.layer import Layer
from data.layer.indicators import theme_labels
from data.layer.memo import layer_memo
from domain.classify import CLASS_LABELS
from domain.i18n import N_
from domain.i18n import gettext as _
from domain.mapview import MapView
from domain.view import ViewState
from downloads.formats import FORMATS as DOWNLOAD_FORMATS

# The Download menu: every format of the one table, then the CSV of all years (same format, ``years=all``).
DOWNLOAD_ITEMS = (*((key, file.label) for key, file in DOWNLOAD_FORMATS.items()), ("csv-all", N_("CSV, all years")))


def indicator_options(layer: Layer, themes: tuple[str, ...] | None = None) -> list[dict]:
    """Dropdown options grouped by theme; searchable by label, source code and id (each caller gets its own copies:
    the options of a layer, its themes and the reader's language are built once, as every page load asked for
    them again)."""
    return [dict(option) for option in _indicator_options(layer, tuple(themes) if themes else None)]


@layer_memo(maxsize=64, max_bytes=4 * 1024 * 1024)
def _indicator_options(layer: Layer, themes: tuple[str, ...] | None) -> tuple[dict, ...]:
    catalog = layer.catalog if not themes else layer.catalog[layer.catalog.theme.isin(themes)]
    options = []
    labels = theme_labels()
    for theme in labels:
        for row in catalog[catalog.theme == theme].itertuples():
            prefix = "" if row.label_en.lower().startswith(("specialisation", "cluster stars")) else f"{labels[theme]} · "
            suffix = f" — {row.source_name}" if theme == "imported" else ""
            options.append({
                "label": f"{prefix}{row.label}{suffix}",
                "value": row.indicator_id,
                "search": f"{row.label} {unidecode(row.label)} {row.source_code} {row.indicator_id} {labels[theme]}",
            })
    return tuple(options)


def eu_switch_label(available: bool) -> str:
    return _("Compared with EU27 (= 100)") if available else _("Compared with EU27: the source publishes no EU27 value")


def download_href(page: str, key: str, query: str) -> str:
    """Link to the download route with the view's own query (so the link reproduces the file)."""
    fmt, _, scope = key.partition("-")
    return f"/download/{page}.{fmt}{query}" + ("&years=all" if scope == "all" else "")


MAX_YEAR_LABELS = 5  # four-digit labels that fit side by side on the control column's slider (about 230 px)


def year_slider(years: list[int]) -> dict:
    """Slider settings: every year a stop, at most ``MAX_YEAR_LABELS`` of them labelled (eight labels of 1977-2012
    ran into one another on the 230 px slider), the last year always."""
    if len(years) == 1:  # one year: the handle and its label together in the middle (only the mark can be chosen)
        return {"min": years[0] - 1, "max": years[0] + 1, "marks": {str(years[0]): str(years[0])}, "step": None}
    contiguous = years == list(range(years[0], years[-1] + 1))
    span = years[-1] - years[0]
    if not contiguous:  # only the years with data can be chosen: each a mark, labelled where there is room
        gap = span / (MAX_YEAR_LABELS - 1)
        shown = [years[0]]
        for year in years[1:]:
            if year - shown[-1] >= gap:
                shown.append(year)
        shown = shown[:-1] + [years[-1]] if years[-1] - shown[-1] < gap / 2 else shown + [years[-1]]
        marks = {str(y): (str(y) if y in shown else " ") for y in years}
        return {"min": years[0], "max": years[-1], "marks": marks, "step": None}
    every = next(n for n in (1, 2, 5, 10, 20, 50) if span // n + 1 <= MAX_YEAR_LABELS)
    labelled = [y for y in years if (y - years[0]) % every == 0 and years[-1] - y > every / 2] + [years[-1]]
    return {"min": years[0], "max": years[-1], "marks": {str(y): str(y) for y in labelled}, "step": 1}


def level_options(levels: list[int]) -> list[dict]:
    return [{"label": _("Country") if lv == 0 else f"NUTS {lv}", "value": lv, "disabled": lv not in levels} for lv in range(4)]


def pane_class(active: str, tab: str) -> str:
    return "atlas-pane" if active == tab else "atlas-pane d-none"


def legend_for_view(view: MapView) -> html.Div:
    method = _(CLASS_LABELS.get(view.classes.method, view.classes.method))
    if view.classes_note:
        method = f"{method} · {view.classes_note}"
    merged = (_("Merged areas %(areas)s: member regions show the area's value, ranked once.")
              % {"areas": ", ".join(sorted(set(view.merged_areas.values())))} if view.merged_areas else "")
    return legend(view.classes, view.unit, view.label, method, no_data_label=_("No data"), caveat=" ".join(t for t in (view.caveat, merged) if t))


def state_from_controls(indicator, level, year, classes, k, palette, eu, region, compare, tab, since=None,
                        fixed=False) -> ViewState:
    """The view the controls show; ``since`` is the "Change" dropdown's year (a change view) or its "none"."""
    year = int(year) if year is not None else None
    since = int(since) if isinstance(since, int) or (isinstance(since, str) and since.isdigit()) else None
    return ViewState(indicator=indicator, level=int(level), year=year,
                     classes=classes, k=int(k), palette=palette, eu=bool(eu) and since is None, region=region,
                     compare=tuple(compare or ()), tab=tab or "map",
                     since=since if since is not None and year is not None and since < year else None,
                     fixed=bool(fixed))


def table_columns(view: MapView | None) -> list[dict]:
    """The table tab's columns; a change view shows both years' values beside the change."""
    value = {"field": "value", "headerName": _("Value"), "width": 92, "filter": "agNumberColumnFilter",
             "type": "rightAligned"}
    # widths add up to the table's width at 1440 px (about 670 px), so Unit, Year and Status are on screen
    columns = [
        {"field": "rank", "headerName": _("Rank"), "width": 66, "filter": "agNumberColumnFilter"},
        {"field": "name", "headerName": _("Region"), "width": 150, "filter": True, "pinned": "left", "tooltipField": "name"},
        {"field": "nuts_id", "headerName": _("Code"), "width": 74, "filter": True},
        {"field": "country", "headerName": _("Ctry"), "headerTooltip": _("Country"), "width": 62, "filter": True},
        value,
        {"field": "unit", "headerName": _("Unit"), "flex": 1, "minWidth": 90, "tooltipField": "unit"},
        {"field": "year", "headerName": _("Year"), "width": 62},
        {"field": "status", "headerName": _("Status"), "width": 86, "tooltipField": "status"},
    ]
    if view is not None and view.since is not None:
        value["headerName"] = _("Change")
        at = columns.index(value)
        columns[at:at] = [{"field": "from_value", "headerName": f"{view.since}", "width": 70, "type": "rightAligned"},
                          {"field": "to_value", "headerName": f"{view.year}", "width": 70, "type": "rightAligned"}]
    return columns
