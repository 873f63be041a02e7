"""Contrast of the focus ring and of the map's colours against what they touch (WCAG 1.4.11: 3:1), computed from the
real style sheets (assets/15_accessibility.css, the vendored Bootstrap) and the real palettes (domain.classify).

The no-data hatching must stand apart from every class colour of every palette, at every number of classes: either
its lines or its ground differ from the class colour by 3:1. The coast drawn round the regions must differ from the
white sea by 3:1, so the lightest class (Viridis yellow, 1.26:1 against white) keeps a visible edge.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.classify import DIVERGING_PALETTES, MAX_CLASSES, MIN_CLASSES, SEQUENTIAL_PALETTES, palette_colours

ASSETS = Path(__file__).resolve().parents[2] / "assets"
CSS = (ASSETS / "15_accessibility.css").read_text(encoding="utf-8")
BOOTSTRAP = (ASSETS / "00_bootstrap.min.css").read_text(encoding="utf-8")


def variable(name: str, text: str = CSS) -> str:
    found = re.search(rf"--{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}}|#[0-9a-fA-F]{{3}}\b|[0-9]+,\s*[0-9]+,\s*[0-9]+)", text)
    assert found, f"--{name} not found"
    return found.group(1)


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.strip()
    if colour.startswith("#"):
        hexa = colour[1:]
        if len(hexa) == 3:
            hexa = "".join(c * 2 for c in hexa)
        return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)
    numbers = [int(float(n)) for n in re.findall(r"[0-9.]+", colour)[:3]]
    return numbers[0], numbers[1], numbers[2]


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#fde725", "#ffffff") == pytest.approx(1.26, abs=0.01)  # the yellow against the sea
    assert contrast("#c9ccd1", "#fde725") == pytest.approx(1.28, abs=0.02)  # the old no-data grey against yellow


def test_focus_ring_stands_out_wherever_it_is_drawn():
    ring, halo, on_dark = variable("atlas-focus"), variable("atlas-focus-halo"), variable("atlas-focus-on-dark")
    navbar = "rgb(" + variable("bs-dark-rgb", BOOTSTRAP) + ")"
    surfaces = {"page": variable("bs-body-bg", BOOTSTRAP), "footer": "#f8f9fa", "focused option tint": "#e8f0f8",
                "halo": halo}
    for where, colour in surfaces.items():
        assert contrast(ring, colour) >= 3, (where, ring, colour, contrast(ring, colour))
    assert contrast(on_dark, navbar) >= 3, (on_dark, navbar)
    # The ring of a control on the dark navbar also stands out from the light text of the links next to it.
    assert contrast(on_dark, navbar) >= 4.5


def test_modebar_icons_can_be_seen():
    icons = re.search(r"\.modebar-btn path \{ fill: (#[0-9a-f]{6})", CSS).group(1)
    assert contrast(icons, "#ffffff") >= 3


@pytest.mark.parametrize("palette", sorted(SEQUENTIAL_PALETTES))
@pytest.mark.parametrize("diverging", [False, True])
def test_no_data_hatching_stands_apart_from_every_class(palette, diverging):
    line, ground = variable("atlas-hatch-line"), variable("atlas-hatch-ground")
    assert contrast(line, ground) >= 3, "the hatching itself must be visible"
    for k in range(MIN_CLASSES, MAX_CLASSES + 1):
        for colour in palette_colours(palette, k, diverging):
            best = max(contrast(line, colour), contrast(ground, colour))
            assert best >= 3, (palette, DIVERGING_PALETTES[palette] if diverging else "", k, colour, best)


def test_coast_separates_every_class_from_the_white_sea():
    coast, sea = variable("atlas-coast"), variable("bs-body-bg", BOOTSTRAP)
    assert contrast(coast, sea) >= 3
    weakest = min(contrast(c, sea) for p in SEQUENTIAL_PALETTES for c in palette_colours(p, 9))
    assert weakest < 3  # why the coast is needed: some class colours alone do not stand out from the sea


def test_the_map_hatching_rule_targets_the_no_data_base():
    """The CSS fills the first choropleth of each map panel, which figures/choropleth.py makes the no-data base."""
    from figures.choropleth import NODATA_HOVER, build_base_figure  # noqa: F401  (the documented order)

    assert re.search(r"\.choroplethlayer > \.trace:first-child path\.choroplethlocation \{\s*fill: url\(#atlas-nodata-hatch\)",
                     CSS)
    script = (ASSETS / "31_map_hatch.js").read_text(encoding="utf-8")
    assert 'pattern.id = "atlas-nodata-hatch"' in script and "--atlas-hatch-line" in script
