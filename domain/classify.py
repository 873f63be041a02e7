"""Map classification: quantile, equal interval, natural breaks (Fisher-Jenks) or continuous.

The legend, the map colours and the downloads use the same ``Classes`` object,
so what the legend says (bounds, counts) is exactly what the map shows.

Quantile and equal-interval bins reproduce ``mapclassify.Quantiles`` and
``mapclassify.EqualInterval`` exactly (the test suite compares them with
mapclassify), in a few lines of numpy: importing mapclassify costs every web
worker about 180 MB (scipy, scikit-learn), over the memory budget.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import jenkspy
import numpy as np
from plotly.colors import sample_colorscale

from domain.formatting import class_label
from domain.i18n import N_, gettext

METHODS = {
    "auto": N_("Suggested for the unit"),
    "quantiles": N_("Quantiles"),
    "equal_interval": N_("Equal interval"),
    "natural_breaks": N_("Natural breaks (Fisher-Jenks)"),
    "continuous": N_("Continuous"),
}
# What a legend calls the classes actually drawn (the choices above, and the two the unit can impose).
CLASS_LABELS = {**METHODS, "fixed": N_("Meaningful breaks (1 = the EU reference)"),
                "categorical": N_("One class per value")}
SEQUENTIAL_PALETTES = {
    "viridis": "Viridis",
    "cividis": "Cividis",
    "ylgnbu": "YlGnBu",
    "blues": "Blues",
    "purples": "Purples",
}
DIVERGING_PALETTE = "PuOr"
# A map centred on a reference (EU = 100, location quotient = 1) needs a diverging scale: each palette choice has its
# diverging counterpart, so the palette control changes those maps too.
DIVERGING_PALETTES = {"viridis": "PuOr", "cividis": "BrBG", "ylgnbu": "RdYlBu", "blues": "RdBu", "purples": "PRGn"}
NO_DATA_COLOUR = "#c9ccd1"
MIN_CLASSES, MAX_CLASSES = 3, 9
BREAK_NUDGE = 1e-9
MAX_COUNT_CLASSES = 6


@dataclass(frozen=True)
class Classes:
    """Class bounds (k+1 edges), counts and colours; ``method == 'continuous'`` has k = 0."""

    method: str
    edges: tuple[float, ...]
    counts: tuple[int, ...]
    colours: tuple[str, ...]
    n_missing: int
    colorscale: tuple = ()
    categorical: bool = False

    @property
    def k(self) -> int:
        return len(self.counts)


def palette_colours(palette: str, k: int, diverging: bool = False) -> list[str]:
    """k colours from a palette, skipping its near-white end so no class looks like 'no data'."""
    return list(_palette_colours(palette, k, diverging))


@lru_cache(maxsize=256)
def _palette_colours(palette: str, k: int, diverging: bool) -> tuple[str, ...]:
    """Sampling a Plotly colour scale by name costs 2 ms (it rebuilds the table of named scales); every map asks."""
    if diverging:
        return tuple(sample_colorscale(DIVERGING_PALETTES.get(palette, DIVERGING_PALETTE),
                                       list(np.linspace(0.0, 1.0, k)), colortype="rgb"))
    name = SEQUENTIAL_PALETTES.get(palette, "Viridis")
    low = 0.0 if name in ("Viridis", "Cividis") else 0.18
    positions = [low + (1 - low) * i / max(k - 1, 1) for i in range(k)]
    return tuple(sample_colorscale(name, positions, colortype="rgb"))


def _breaks(values: np.ndarray, method: str, k: int) -> np.ndarray:
    if method == "quantiles":
        step = 100.0 / k
        pct = np.minimum(np.arange(step, 100 + step, step), 100.0)
        return np.unique(np.percentile(values, pct))
    if method == "equal_interval":
        lo, hi = float(np.min(values)), float(np.max(values))
        width = (hi - lo) / k
        cuts = np.arange(lo + width, hi + width, width)[:k]
        cuts[-1] = hi
        return cuts
    if method == "natural_breaks":
        # Same exact Fisher-Jenks breaks as mapclassify.FisherJenks, in C: milliseconds instead of seconds.
        return np.asarray(jenkspy.jenks_breaks(values, n_classes=k)[1:])
    raise ValueError(f"unknown classification method {method!r}")


def classify(values, method: str = "quantiles", k: int = 5, palette: str = "viridis",
             diverging_mid: float | None = None, categorical: bool = False,
             breaks: tuple[float, ...] = (), span: tuple[float, float] | None = None) -> Classes:
    """Classify finite values; NaN counts as missing. ``diverging_mid`` centres a diverging scale;
    ``categorical`` gives each distinct value its own class (star counts); ``method="fixed"`` uses the given
    meaningful ``breaks`` (a location quotient's 0.8, 1.25, 2), over the data's range or a fixed ``span``."""
    if method == "fixed" and breaks:
        return _fixed(values, breaks, palette, diverging_mid, span)
    arr = np.asarray(values, dtype="float64")
    finite = arr[np.isfinite(arr)]
    n_missing = int(arr.size - finite.size)
    if finite.size == 0:
        return Classes(method, (), (), (), n_missing)
    lo, hi = float(finite.min()), float(finite.max())
    if not categorical and (method == "continuous" or finite.size == 1 or lo == hi):
        if diverging_mid is None:
            scale = SEQUENTIAL_PALETTES.get(palette, "Viridis")
        else:
            scale = DIVERGING_PALETTES.get(palette, DIVERGING_PALETTE)
            half = max(abs(hi - diverging_mid), abs(diverging_mid - lo)) or 1.0
            lo, hi = diverging_mid - half, diverging_mid + half
        return Classes("continuous", (lo, hi), (int(finite.size),), (), n_missing, colorscale=(scale,))
    if categorical:
        bins = np.unique(finite)
        idx = np.searchsorted(bins, finite, side="left")
        counts = np.bincount(idx, minlength=len(bins))
        colours = palette_colours(palette, len(bins))
        return Classes("categorical", tuple(float(e) for e in np.concatenate([[lo], bins])),
                       tuple(int(c) for c in counts), tuple(colours), n_missing, categorical=True)
    k = int(min(max(k, MIN_CLASSES), MAX_CLASSES, np.unique(finite).size))
    bins = np.unique(_breaks(finite, method, k))
    edges = np.concatenate([[lo], bins])
    idx = np.searchsorted(bins, finite, side="left")
    counts = np.bincount(np.minimum(idx, len(bins) - 1), minlength=len(bins))
    colours = palette_colours(palette, len(bins), diverging_mid is not None)
    if diverging_mid is not None:
        colours = _diverging_colours(edges, diverging_mid, DIVERGING_PALETTES.get(palette, DIVERGING_PALETTE))
    return Classes(method, tuple(float(e) for e in edges), tuple(int(c) for c in counts), tuple(colours), n_missing)


def colours_by_side(edges: tuple[float, ...], mid: float, palette: str) -> tuple[str, ...]:
    """Diverging colours for classes of changes: the classes below `mid` take the first half of the palette's
    diverging scale, darkest furthest down, those above it the second half, a class holding `mid` its centre. Each
    side is spread over its own classes, so a long tail on one side (one region +9.7 points) does not wash out
    the other (−2.5 points would be near white on a scale symmetric about the largest change)."""
    scale = DIVERGING_PALETTES.get(palette, DIVERGING_PALETTE)
    bounds = list(zip(edges[:-1], edges[1:]))
    below = [i for i, (lo, hi) in enumerate(bounds) if hi <= mid]
    above = [i for i, (lo, hi) in enumerate(bounds) if lo >= mid]
    positions = [0.5] * len(bounds)
    for rank, i in enumerate(below):
        positions[i] = 0.08 + 0.34 * rank / max(len(below) - 1, 1) if len(below) > 1 else 0.25
    for rank, i in enumerate(above):
        positions[i] = 0.58 + 0.34 * rank / max(len(above) - 1, 1) if len(above) > 1 else 0.75
    return tuple(sample_colorscale(scale, positions, colortype="rgb"))


def recount(values, classes: Classes) -> Classes:
    """The same classes (edges, colours, scale) counting other values: a map played through the years keeps the
    classes of all its years, and each year's legend counts what that year shows."""
    arr = np.asarray(values, dtype="float64")
    finite = arr[np.isfinite(arr)]
    n_missing = int(arr.size - finite.size)
    if classes.method == "continuous" or not classes.counts:
        return replace(classes, counts=(int(finite.size),) if classes.counts else (), n_missing=n_missing)
    bins = np.asarray(classes.edges[1:])
    idx = np.minimum(np.searchsorted(bins, finite, side="left"), len(bins) - 1)
    return replace(classes, counts=tuple(int(c) for c in np.bincount(idx, minlength=len(bins))), n_missing=n_missing)


def _fixed(values, breaks: tuple[float, ...], palette: str, mid: float | None,
           span: tuple[float, float] | None = None) -> Classes:
    """Classes at stated breaks (below the first, between, at or above the last), whatever the data's spread; with
    a ``span`` (a 0-100 score) every class is kept, empty or not."""
    arr = np.asarray(values, dtype="float64")
    finite = arr[np.isfinite(arr)]
    n_missing = int(arr.size - finite.size)
    if finite.size == 0 and span is None:
        return Classes("fixed", (), (), (), n_missing)
    lo, hi = span if span else (float(finite.min()), float(finite.max()))
    # A value on a break belongs to the class above it (LQ 2.0 is in "≥ 2"): breaks sit a hair below their value.
    edges = np.unique([lo, *(b - BREAK_NUDGE for b in breaks if lo < b - BREAK_NUDGE < hi), hi])
    if edges.size < 2:
        edges = np.asarray([lo, hi])
    bins = edges[1:]
    idx = np.minimum(np.searchsorted(bins, finite, side="left"), len(bins) - 1)
    counts = np.bincount(idx, minlength=len(bins))
    scale = DIVERGING_PALETTES.get(palette, DIVERGING_PALETTE)
    colours = _diverging_colours(edges, mid, scale) if mid is not None else palette_colours(palette, len(bins))
    return Classes("fixed", tuple(float(e) for e in edges), tuple(int(c) for c in counts), tuple(colours), n_missing)


def _diverging_colours(edges: np.ndarray, mid: float, scale: str = DIVERGING_PALETTE) -> list[str]:
    """Colour each class by where its midpoint sits relative to `mid` (e.g. EU = 100)."""
    mids = (edges[:-1] + edges[1:]) / 2
    span = max(abs(edges[-1] - mid), abs(mid - edges[0])) or 1.0
    positions = [float(np.clip(0.5 + (m - mid) / (2 * span), 0, 1)) for m in mids]
    return sample_colorscale(scale, positions, colortype="rgb")


def class_index(values, classes: Classes) -> list[float | None]:
    """Class number (0..k-1) of each value, None for missing: what the map colours by."""
    arr = np.asarray(values, dtype="float64")
    bins = np.asarray(classes.edges[1:])
    found = np.minimum(np.searchsorted(bins, arr, side="left"), len(bins) - 1).tolist()
    return [n if finite else None for n, finite in zip(found, np.isfinite(arr).tolist(), strict=True)]


def stepped_colorscale(colours: tuple[str, ...]) -> list[list]:
    """A colorscale where class i (z = i) gets exactly colour i."""
    k = len(colours)
    if k == 1:
        return [[0, colours[0]], [1, colours[0]]]
    scale = []
    for i, colour in enumerate(colours):
        scale.append([i / k, colour])
        scale.append([(i + 1) / k, colour])
    return scale


def value_colorscale(values, classes: Classes) -> tuple[list[list], float, float] | None:
    """A stepped colorscale over raw values: each value gets exactly its class colour.

    Colour steps sit halfway between the largest value of one class and the
    smallest of the next, so no shown value lies on a step. Returns None when
    two classes share a value (the caller then sends unrounded values).
    """
    arr = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype="float64")
    if arr.size == 0 or not classes.k:
        return None
    idx = np.asarray(class_index(arr, classes))
    lo, hi = float(arr.min()), float(arr.max())
    if lo == hi:
        colour = classes.colours[int(idx[0])]
        return [[0, colour], [1, colour]], lo, hi
    scale = [[0.0, classes.colours[0]]]
    for i in range(1, classes.k):
        below, above = arr[idx < i], arr[idx >= i]
        if below.size == 0 or above.size == 0:
            step = classes.edges[i]
        else:
            if below.max() >= above.min():
                return None
            step = (below.max() + above.min()) / 2
        t = min(max((step - lo) / (hi - lo), 0.0), 1.0)
        scale += [[t, classes.colours[i - 1]], [t, classes.colours[i]]]
    scale.append([1.0, classes.colours[-1]])
    return scale, lo, hi


def classify_counts(values, palette: str) -> Classes:
    """Counts of a list per region: one class per count when there are few distinct counts (1, 2, 3 reads better
    than "1 – 1.33"), quantiles otherwise."""
    few = len({v for v in values if v == v}) <= MAX_COUNT_CLASSES
    return classify(values, "quantiles", 5, palette, categorical=few)


def method_label(classes: Classes) -> str:
    return gettext("One class per count") if classes.categorical else classes_label(classes.method)


def classes_label(method: str) -> str:
    """What a legend calls a classification method, in the reader's language."""
    return gettext(CLASS_LABELS[method]) if method in CLASS_LABELS else method


def legend_items(classes: Classes, unit: str, no_data_label: str | None = None) -> list[dict]:
    """Legend rows as data: label, colour, count (the 'no data' row last, 'No data' in the reader's language)."""
    no_data_label = gettext("No data") if no_data_label is None else no_data_label
    rows = []
    if classes.method == "continuous" and classes.edges:
        rows.append({"label": class_label(classes.edges[0], classes.edges[1]),
                     "colour": None, "count": classes.counts[0] if classes.counts else 0, "gradient": classes.colorscale[0]})
    else:
        for i, (colour, count) in enumerate(zip(classes.colours, classes.counts)):
            lo, hi = round(classes.edges[i], 6), round(classes.edges[i + 1], 6)  # a nudged break shows as stated
            label = class_label(lo, hi, categorical=classes.categorical)
            rows.append({"label": label, "colour": colour, "count": count})
    rows.append({"label": no_data_label, "colour": NO_DATA_COLOUR, "count": classes.n_missing, "no_data": True})
    return rows
