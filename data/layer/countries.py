"""Country names in the reader's language, from the Unicode CLDR territory names shipped with Babel.

A country is named in the reader's language ("Allemagne", "Niemcy") wherever a *country* is meant; where the
NUTS 0 *region* is meant (a map row, a breadcrumb of regions) its official NUTS name stays. NUTS writes Greece as
EL and the United Kingdom as UK; CLDR, like ISO 3166-1, as GR and GB.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from babel import Locale

from data.layer.language import DEFAULT_LANGUAGE, LANGUAGES, current_language, normalise_language

NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}
SOURCE = "Unicode CLDR territory names (via Babel)"


@lru_cache(maxsize=len(LANGUAGES))
def _territories(language: str) -> Mapping[str, str]:
    return MappingProxyType(dict(Locale.parse(language).territories))


def country_name(nuts_country: str, language: str | None = None) -> str:
    """The CLDR name of a NUTS country code (DE, EL, UK…) in `language` (default: the current one); the code
    itself when CLDR has no such territory."""
    code = str(nuts_country or "").strip().upper()
    language = normalise_language(language) or current_language()
    return _territories(language).get(NUTS_TO_ISO.get(code, code)) or _territories(DEFAULT_LANGUAGE).get(
        NUTS_TO_ISO.get(code, code), code)


def country_names_in(language: str, nuts_countries: list[str]) -> dict[str, str]:
    """NUTS country code -> its CLDR name in `language`, for the codes CLDR knows."""
    territories = _territories(normalise_language(language) or DEFAULT_LANGUAGE)
    named = {code: territories.get(NUTS_TO_ISO.get(code, code)) for code in nuts_countries}
    return {code: name for code, name in named.items() if name}
