"""The one list of the public read-only endpoints (``/api``, ``/download``, ``/geo``) and their parameters.

Routes read their query through ``read_query(endpoint, args)`` — unknown parameters, a repeated parameter that
is not a list parameter and a missing required one are a 400 naming it — and ``web.openapi`` writes the OpenAPI
document from the same records, so the document cannot describe a parameter the route does not take, or miss one
it does (a test also checks that every Flask rule under these prefixes is listed here, and the contract tests
send every documented example and invalid value to the app).

A list parameter (``repeatable``) takes several values either repeated (``indicator=a&indicator=b``, what
``requests`` and R's ``httr`` send for a list) or comma-separated (``indicator=a,b``), or both; any other
parameter given twice is refused, never silently cut to its first value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from data.layer import InvalidChoice
from domain.classify import MAX_CLASSES, METHODS, MIN_CLASSES, SEQUENTIAL_PALETTES
from domain.i18n import LANGUAGES, normalise_language
from domain.view import LANGUAGE_PARAMETER, OVERLAY_PARAMETERS

MAX_LIST_VALUES = 50
READ_ONLY_PREFIXES = ("/api/", "/download/", "/geo/")


@dataclass(frozen=True)
class Parameter:
    """One query (or path) parameter: what it means, its JSON schema, a valid and an invalid example."""

    name: str
    description: str
    schema: dict
    example: str | None = None
    invalid: str | None = None
    required: bool = False
    repeatable: bool = False
    location: str = "query"


@dataclass(frozen=True)
class Endpoint:
    """One GET endpoint: its path (OpenAPI template), parameters, answer and the errors it can give."""

    path: str
    summary: str
    description: str
    tag: str
    parameters: tuple[Parameter, ...] = ()
    media_type: str = "application/json"
    schema: str | None = None
    example: str = ""
    errors: tuple[int, ...] = (400,)
    versioned: bool = True
    cors: bool = True
    hint: str = ""

    def parameter(self, name: str) -> Parameter:
        return next(p for p in self.parameters if p.name == name)

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")


LAYER = Parameter(
    "layer", "Pin the answer to a data-layer version: the `layer.hash` of an earlier answer (or at least its first "
    "12 characters). When the server holds another layer the answer is 409 with the hash it holds, never newer "
    "figures under the old citation.", {"type": "string", "pattern": "^[0-9a-f]{12,64}$"}, invalid="not-a-hash")
YEAR = Parameter("year", "One year. Default: the latest year with data at the level (moves after a data refresh: "
                 "pin with `layer=` or give the year).", {"type": "integer"}, example="2021", invalid="1899")
LEVEL = Parameter("level", "NUTS level: 0 = country, 1, 2, 3. Default: 2 where the indicator has it, else its "
                  "finest level.", {"type": "integer", "enum": [0, 1, 2, 3]}, example="0", invalid="7")
CLASSES = Parameter("classes", "Classification of the map: `auto` (the suggested one for the unit), or a method. "
                    "With it the answer carries the method actually used, the class edges and each region's class, "
                    "exactly as the map's legend draws them. Needs one indicator and one year.",
                    {"type": "string", "enum": list(METHODS)}, example="quantiles", invalid="sextiles")
K = Parameter("k", f"Number of classes ({MIN_CLASSES}–{MAX_CLASSES}, default 5), with `classes`.",
              {"type": "integer", "minimum": MIN_CLASSES, "maximum": MAX_CLASSES}, example="5", invalid="12")
PALETTE = Parameter("palette", "Colour palette of the classes' colours, with `classes`.",
                    {"type": "string", "enum": list(SEQUENTIAL_PALETTES)}, example="viridis", invalid="rainbow")
EU = Parameter("eu", "`1`: values compared with the EU27 value published for each year (EU27 = 100), for indicators "
               "whose source publishes one.", {"type": "string", "enum": ["0", "1"]}, example="0", invalid="yes")
VIEW_INDICATOR = Parameter("indicator", "Indicator id (see `/api/indicators`).", {"type": "string"},
                           example="desi_ai", invalid="no_such_indicator")
VIEW_PARAMETERS = (
    VIEW_INDICATOR, LEVEL, YEAR, CLASSES, K, PALETTE, EU,
    Parameter("from", "A change view: the earlier year; the file holds both years' values and the change to "
              "`year`.", {"type": "integer"}, invalid="1899"),
    Parameter("fixed", "`1`: the classes of every year (the page's 'Same classes for every year').",
              {"type": "string", "enum": ["0", "1"]}, invalid="2"),
    Parameter("region", "The region selected on the page (a NUTS 2021 code).", {"type": "string"}, invalid="XX99"),
    Parameter("compare", "Regions compared on the page, comma-separated NUTS 2021 codes (at most 6).",
              {"type": "string"}, invalid="XX99"),
    Parameter("tab", "The page's tab.", {"type": "string", "enum": ["map", "table", "compare"]}, invalid="chart"),
    Parameter("present", "Presentation mode of the page (ignored by files).", {"type": "string"}),
    *(Parameter(name, "The page's technology-centre overlay or organisation list (part of the view's address; "
                "ignored by files).", {"type": "string"})
      for name in OVERLAY_PARAMETERS),
    Parameter("years", "`all`: every year with data at the level instead of one year.",
              {"type": "string", "enum": ["all"]}, invalid="some"),
    Parameter("countries", "Only the regions of these countries, comma-separated two-letter codes.",
              {"type": "string"}, invalid="ZZ"),
    Parameter("domain", "Strategies page: the smart-specialisation domain id.", {"type": "string"}),
    Parameter("evidence", "Strategies page: evidence indicator ids, comma-separated.", {"type": "string"}),
    Parameter("eu_only", "Strategies page: `0` to include partners outside the EU.", {"type": "string"}),
    Parameter("per_country", "Strategies page: partners per country.", {"type": "string"}),
)

VALUES_PARAMETERS = (
    Parameter("indicator", "Indicator ids (see `/api/indicators`): repeated or comma-separated, at most "
              f"{MAX_LIST_VALUES}.", {"type": "string"}, example="desi_ai", invalid="no_such_indicator",
              required=True, repeatable=True),
    LEVEL, YEAR,
    Parameter("years", "`all` (every year with data at the level), `2010..2018` (a range, ends included; "
              "`2015..` or `..2012` open), or years comma-separated. Not with `year`.",
              {"type": "string"}, example="all", invalid="last-decade"),
    Parameter("region", "Only these regions and the regions inside them (`PL21` with `level=3` gives PL21's "
              "NUTS 3 regions): NUTS 2021 codes, repeated or comma-separated. Older codes: see `/api/nuts`.",
              {"type": "string"}, example="DK", invalid="XX99", repeatable=True),
    Parameter("country", "Only the regions of these countries: two-letter codes as in NUTS (EL = Greece), "
              "repeated or comma-separated.", {"type": "string"}, example="DK", invalid="ZZ", repeatable=True),
    CLASSES, K, PALETTE, EU, LAYER,
)

HUB_PARAMETERS = (
    Parameter("country", "Country codes, repeated or comma-separated.", {"type": "string"}, example="DE",
              invalid="ZZ", repeatable=True),
    Parameter("technology", "Technology labels of the catalogue, repeated or comma-separated.",
              {"type": "string"}, example="Artificial Intelligence & Decision support", invalid="Telepathy",
              repeatable=True),
    Parameter("min_intensity", "Minimum intensity 1-5 (of the technology, or of any).",
              {"type": "integer", "minimum": 1, "maximum": 5}, example="4", invalid="9"),
    Parameter("type", "Hub types, repeated or comma-separated.", {"type": "string",
              "enum": ["EDIH", "Seal of Excellence", "DIH"]}, example="EDIH", invalid="Club", repeatable=True),
    LAYER,
)

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "/api/openapi.json", "This document", "The OpenAPI 3.1 description of every endpoint, generated from the "
        "routes' own parameter lists.", "about", (LAYER,), schema="OpenAPI", example="", errors=(400, 409)),
    Endpoint(
        "/api/docs", "Human-readable API reference", "This document as an HTML page, served by the atlas itself.",
        "about", media_type="text/html", example="", errors=(), versioned=False, cors=False),
    Endpoint(
        "/api/indicators", "Catalogue of indicators", "Every indicator with its unit, source (licence with SPDX id, "
        "data date), levels and the years with data at each level.", "data",
        (Parameter("level", "Only indicators with data at this NUTS level; `years` then lists that level's years.",
                   {"type": "integer", "enum": [0, 1, 2, 3]}, example="2", invalid="5"),
         Parameter("theme", "Only indicators of these themes.", {"type": "string"}, example="technology",
                   invalid="astrology", repeatable=True),
         LAYER),
        schema="IndicatorsAnswer", example="level=2"),
    Endpoint(
        "/api/values", "Values of one or several indicators",
        "One row per region × year × indicator, in the columns of the downloads: every region of the level for "
        "every year asked, `value` null where the source has no figure (never zero). With `classes` the map's "
        "classes come too (method, edges, each region's class), equal to the screen's legend.", "data",
        VALUES_PARAMETERS,
        schema="ValuesAnswer", example="indicator=desi_ai&level=0&year=2021", errors=(400, 409),
        hint=" The same query as CSV: /api/values.csv."),
    Endpoint(
        "/api/change", "Change of an indicator between two years", "Every region's values in `from` and `to` and "
        "their change (in the unit, or percentage points for a percentage) and % change; `change` null where "
        "either year has no value (never zero). Two editions of a changing method are refused with a 400.", "data",
        (VIEW_INDICATOR, LEVEL,
         Parameter("from", "The earlier year.", {"type": "integer"}, example="2010", invalid="1899", required=True),
         Parameter("to", "The later year.", {"type": "integer"}, example="2016", invalid="1899", required=True),
         LAYER),
        schema="ChangeAnswer", example="indicator=gerd_total&level=2&from=2010&to=2016", errors=(400, 409)),
    Endpoint(
        "/api/values.csv", "Values as CSV", "The same query as `/api/values`, as CSV in the downloads' columns "
        "(UTF-8 with BOM, text quoted, formula-like text neutralised for spreadsheets; empty = no data). With "
        "`classes`, a `class` column. The layer version is in the `X-Atlas-Layer` header.", "data",
        VALUES_PARAMETERS, media_type="text/csv", example="indicator=desi_ai&level=0&years=all", errors=(400, 409)),
    Endpoint(
        "/api/regions", "Find regions by name or code", "Regions whose names (NUTS, English, towns) match `q`. An "
        "older NUTS code (HR04, NO01, IE02) finds its NUTS 2021 successors with their relation.", "regions",
        (Parameter("q", "A region, country or town name, or a NUTS code of any version 2006-2024.",
                   {"type": "string", "maxLength": 100}, example="HR04", invalid="", required=True),
         Parameter("limit", "At most this many regions (1-50, default 10).",
                   {"type": "integer", "minimum": 1, "maximum": 50}, example="5", invalid="0"),
         LAYER),
        schema="RegionsAnswer", example="q=Bavaria"),
    Endpoint(
        "/api/nuts", "NUTS 2021 successors of a code", "Where a NUTS code of any version 2006-2024 is in NUTS 2021: "
        "its successors and the relation (unchanged, renamed, recoded, merged, split, boundary_shift, unverified, "
        "discontinued), from the Eurostat 2016-2021 change table and the JRC NUTS converter matrices the layer is "
        "recoded with. 404 when the code is in no NUTS version.", "regions",
        (Parameter("code", "A NUTS code (any version).", {"type": "string", "pattern": "^[A-Za-z]{2}[0-9A-Za-z]{0,3}$"},
                   example="HR04", invalid="H!", required=True),
         Parameter("from", "The NUTS version the code is from (default: the latest version listing it).",
                   {"type": "integer", "enum": [2006, 2010, 2013, 2016, 2021, 2024]}, example="2016", invalid="2019"),
         LAYER),
        schema="NutsAnswer", example="code=HR04&from=2016", errors=(400, 404, 409)),
    Endpoint(
        "/api/hubs", "Technology centres (EDIH catalogue)", "European Digital Innovation Hubs with every field of "
        "the CSV download; technologies, services and sectors as lists.", "hubs",
        HUB_PARAMETERS,
        schema="HubsAnswer", example="country=DE"),
    Endpoint(
        "/api/hubs.{format}", "Technology centres as a file", "The filtered hubs as CSV, Excel or GeoJSON "
        "(formula-safe, source and licence in every row).", "hubs",
        (Parameter("format", "File format.", {"type": "string", "enum": ["csv", "xlsx", "geojson"]}, example="csv",
                   invalid="pdf", required=True, location="path"), *HUB_PARAMETERS),
        media_type="application/octet-stream", example="country=DE"),
    Endpoint(
        "/api/slide", "One storyboard view as a slide", "Used by the browser's slide show: the view's figure and "
        "its provenance as JSON.", "pages",
        (Parameter("view", "The address of a view on this site, e.g. `/technology?indicator=desi_ai&level=0`.",
                   {"type": "string", "maxLength": 2000}, example="/technology?indicator=desi_ai&level=0",
                   invalid="https://example.org/", required=True), LAYER),
        schema="Slide", example="view=%2Ftechnology%3Findicator%3Ddesi_ai%26level%3D0"),
    Endpoint(
        "/api/slide/pages", "Pages whose views are slides", "Read by the browser's slide show: the paths of the "
        "pages whose views it shows (an address of one of them with `present=1` starts the show).", "pages",
        (LAYER,), schema="SlidePages", example=""),
    Endpoint(
        "/download/{page}.{format}", "A page's view as a file", "Exactly the rows a map page shows, for the page's "
        "own query (the address bar's parameters), as CSV (`csv-excel`: semicolons and decimal commas, for Excel in "
        "a decimal-comma locale), Excel (with an about sheet), GeoJSON or a data package. "
        "`years=all` gives every year.", "files",
        (Parameter("page", "A page with downloads.", {"type": "string", "enum": ["technology", "clusters",
                   "strategies"]}, example="technology", invalid="overview", required=True, location="path"),
         Parameter("format", "File format.", {"type": "string", "enum": ["csv", "csv-excel", "xlsx", "geojson", "zip"]},
                   example="csv", invalid="pdf", required=True, location="path"),
         *VIEW_PARAMETERS, LAYER),
        media_type="application/octet-stream", example="indicator=desi_ai&level=0&year=2021", errors=(400, 409)),
    Endpoint(
        "/download/partners.csv", "Partner regions (Strategies page)", "The Strategies page's partner list for a "
        "NUTS 2 region and domain.", "files",
        (Parameter("region", "A NUTS 2 region.", {"type": "string"}, example="PL21", invalid="XX99", required=True),
         Parameter("domain", "Smart-specialisation domain id.", {"type": "string"}, example="digital_ai",
                   invalid="astrology"),
         Parameter("evidence", "Evidence indicator ids, comma-separated.", {"type": "string"}),
         Parameter("eu_only", "`0` to include partners outside the EU.", {"type": "string"}),
         Parameter("per_country", "Partners per country (1, 2, 3, 5, 10).", {"type": "string"}, invalid="4"),
         Parameter("present", "Ignored (a page's presentation flag).", {"type": "string"}),
         LAYER),
        media_type="text/csv", example="region=PL21&domain=digital_ai", errors=(400, 409)),
    Endpoint(
        "/geo/nuts{level}.geojson", "Boundaries of a NUTS level", "Simplified NUTS 2021 boundaries (GeoJSON), "
        "© EuroGeographics, Eurostat/GISCO.", "regions",
        (Parameter("level", "NUTS level.", {"type": "integer", "enum": [0, 1, 2, 3]}, example="0", invalid="7",
                   required=True, location="path"), LAYER),
        media_type="application/geo+json", schema=None, example="", errors=(400, 404, 409)),
)

ERRORS = {
    400: "Bad parameter: unknown, repeated (not a list parameter), missing or invalid; `parameter` names it and "
         "`valid` lists the accepted values.",
    404: "No such endpoint, file or code; `valid` lists what exists where it can be listed.",
    405: "Method not allowed: these endpoints only answer GET (and HEAD, OPTIONS).",
    409: "The request pinned a data layer (`layer=`) that this server no longer holds; `valid` holds the hash it "
         "holds.",
    503: "The data layer is missing or damaged; nothing is served until it is rebuilt.",
}
# Every endpoint can answer these besides its own errors.
COMMON_ERRORS = (404, 405, 503)


def endpoint(path: str) -> Endpoint:
    """The registered endpoint of an OpenAPI path template (a KeyError is a programming error, loud in tests)."""
    return _BY_PATH[path]


_BY_PATH = {e.path: e for e in ENDPOINTS}


@dataclass(frozen=True)
class Query:
    """A request's query read against an endpoint: one value per single parameter, a list per list parameter."""

    values: Mapping[str, str] = field(default_factory=dict)
    lists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    given: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.values.get(name, default)

    def as_lists(self, without: tuple[str, ...] = ("layer",)) -> dict[str, list[str]]:
        """The query as given, as a dict of lists (what ``resolve_view`` and the page parsers read), pin removed:
        list parameters keep their values unsplit (a hub technology label holds a comma)."""
        out = {k: [v] for k, v in self.values.items() if k not in without}
        out.update({k: list(v) for k, v in self.given.items() if k not in without})
        return out


LANGUAGE = Parameter(LANGUAGE_PARAMETER, "Language of the answer's labels and messages (every endpoint takes it; codes and "
                     "numbers never change). Default: English.", {"type": "string", "enum": list(LANGUAGES)},
                     example="pl", invalid="xx")


def check_language(given: list[str]) -> None:
    """``lang`` (every endpoint takes it: the language of labels and messages; codes and numbers never change)."""
    if len(given) > 1 or (given and normalise_language(given[0]) is None):
        raise InvalidChoice(LANGUAGE_PARAMETER, f"Parameter 'lang' takes one of {', '.join(LANGUAGES)}.",
                            list(LANGUAGES))


def read_query(ep: Endpoint, args) -> Query:
    """Check a request's query (a werkzeug ``MultiDict``) against the endpoint's parameters.

    Raises ``InvalidChoice`` for the first unknown parameter (with the endpoint's parameter names), a single
    parameter given twice, a missing required one, or more than ``MAX_LIST_VALUES`` values of a list."""
    names = [*(p.name for p in ep.query_parameters), LANGUAGE_PARAMETER]
    unknown = [k for k in args if k not in names]
    if unknown:
        raise InvalidChoice(unknown[0][:40], f"Unknown parameter {unknown[0][:40]!r}: {ep.path} takes "
                                            f"{', '.join(names) or 'no parameters'}.{ep.hint}", names)
    check_language(args.getlist(LANGUAGE_PARAMETER))
    values, lists, raw = {}, {}, {}
    for p in ep.query_parameters:
        given = args.getlist(p.name)
        if p.repeatable:
            items = [item.strip() for raw in given for item in raw.split(",") if item.strip()]
            if len(items) > MAX_LIST_VALUES:
                raise InvalidChoice(p.name, f"At most {MAX_LIST_VALUES} values of {p.name!r}.", [])
            if items:
                lists[p.name] = tuple(dict.fromkeys(items))
                raw[p.name] = tuple(given)
        elif len(given) > 1:
            raise InvalidChoice(p.name, f"Parameter {p.name!r} is given {len(given)} times; it takes one value "
                                       f"(only {', '.join(q.name for q in ep.parameters if q.repeatable) or 'no'} "
                                       "parameters take several).", [])
        elif given and given[0].strip():
            values[p.name] = given[0].strip()
        if p.required and p.name not in values and p.name not in lists:
            raise InvalidChoice(p.name, f"Parameter {p.name!r} is required: {p.description}", [])
    return Query(values, lists, raw)
