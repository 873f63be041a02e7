"""Validate and locate every row of an imported table; a per-row report says what was located, how, and why not.

Locating uses, in order, whatever the row has: a NUTS code of any version, a postcode with its country, coordinates,
a town with its country (GeoNames), a region name. A placement at a coarser level (a split or retired code) is
kept only when no later method places the row exactly. Anything that fails while locating raises ``ImportError_``
with a sentence for the user and is logged with its traceback: an import never fails silently.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

import pandas as pd

from data.importing.codes import Located, code_tables
from data.importing.columns import FIELDS, check_request
from data.importing.errors import ImportError_
from data.importing.isolation import ChildFailed, run_forked
from data.importing.locating import LOCATE_SECONDS, Locator, locate_points, nuts3_shapes
from data.importing.numeric import empty_value, parse_numbers
from data.importing.places_adapter import warm_up
from data.importing.reading import PARSE_NICE, import_slot
from data.layer import get_layer
from data.layer.language import N_, number_text
from data.layer.language import gettext as _

MAX_EXTRA_COLUMNS = 30
MAX_EXTRA_CHARS = 300
PROGRESS_EVERY = 100
LOCATE_MEMORY = 1024 * 1024 * 1024  # address space beyond what the forked child inherits
CHILD_MARGIN_SECONDS = 10  # the Locator stops itself at its budget, saying the row it reached; the kill is the backstop
COARSER = "located at a coarser level"
LOCATED = ("located", COARSER)
# A report line's ``status`` and ``method_id`` are machine values (stable, English, documented); ``status_text``
# beside it says the status in the reader's language, as do ``method`` (how it was located) and ``reason``.
STATUS_WORDS = MappingProxyType({"located": N_("located"), COARSER: N_("located at a coarser level"),
                                 "not located": N_("not located"), "no value": N_("no value"),
                                 "invalid value": N_("invalid value"), "duplicate": N_("duplicate")})
REPORT_COLUMNS = ["row", "content", "status", "status_text", "method_id", "method", "nuts_id", "reason"]
SHOWN = ("name", "priority", "nuts", "postcode", "country", "town", "region", "lat", "lon", "year", "value")
NOTHING = N_("nothing to locate it by: no NUTS code, postcode, coordinates, town or region name in this row")
# How a row was located (``Located.by``) -> the words of the summary's counts (English keys, translated where shown).
METHODS = MappingProxyType({"nuts": N_("NUTS code"), "postcode": N_("postcode"), "coordinates": N_("coordinates"),
                            "town": N_("town (GeoNames)"), "region": N_("region name")})
COARSER_METHODS = MappingProxyType({"nuts": N_("NUTS code, coarser level"), "postcode": N_("postcode, coarser level"),
                                    "coordinates": N_("coordinates, coarser level"),
                                    "town": N_("town (GeoNames), coarser level"),
                                    "region": N_("region name, coarser level")})
log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    kind: str
    rows: pd.DataFrame
    report: pd.DataFrame
    summary: dict = field(default_factory=dict)


def _cells(frame: pd.DataFrame, mapping: dict[str, str]) -> dict[str, list[str]]:
    return {f: ["" if pd.isna(v) else str(v).strip() for v in frame[c]] for f, c in mapping.items() if c in frame}


def _points(cells: dict[str, list[str]], total: int, layer_path: str) -> list[Located | None]:
    lat, lon = cells.get("lat", [""] * total), cells.get("lon", [""] * total)
    given = [i for i in range(total) if lat[i] or lon[i]]
    found = locate_points([lat[i] for i in given], [lon[i] for i in given], layer_path) if given else []
    points: list[Located | None] = [None] * total
    for i, placed in zip(given, found):
        points[i] = placed
    return points


def _locate_row(get: Callable[[str], str], locator: Locator, point: Located | None) -> tuple[Located | None, list[str]]:
    """The first exact placement of the row's locators (or the first coarser one), and why the others failed."""
    country = locator.country(get("country"))
    attempts = [(by, a) for by, a in (
        ("nuts", (lambda: locator.code(get("nuts"))) if get("nuts") else None),
        ("postcode", (lambda: locator.postcode(country, get("postcode"))) if get("postcode") else None),
        ("coordinates", (lambda: point) if point is not None else None),
        ("town", (lambda: locator.town(country, get("town"))) if get("town") else None),
        ("region", (lambda: locator.region(get("region"), country)) if get("region") else None),
    ) if a is not None]
    reasons: list[str] = []
    coarse: Located | None = None
    for by, attempt in attempts:
        placed = replace(attempt(), by=by)
        if placed.nuts_id and not placed.coarser:
            return placed, reasons
        if placed.nuts_id:
            coarse = coarse or placed
        else:
            reasons.append(placed.how)
    return coarse, reasons if attempts else [_(NOTHING)]


def _locate_all(cells: dict[str, list[str]], total: int, locator: Locator, layer_path: str,
                progress: Progress | None) -> list[tuple[Located | None, list[str]]]:
    points = _points(cells, total, layer_path)
    out = []
    for i in range(total):
        if i % PROGRESS_EVERY == 0:
            locator.check_time(i + 1, total)
            if progress:
                progress(i, total)
        out.append(_locate_row(_row_cells(cells, i), locator, points[i]))
    if progress:
        progress(total, total)
    return out


def _row_cells(cells: dict[str, list[str]], i: int) -> Callable[[str], str]:
    """Row ``i``'s cell of a field, '' for a field the file does not have."""
    return lambda field: cells[field][i] if field in cells else ""


def _extra_cells(frame: pd.DataFrame, extra: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The extra columns' cells as text, read once per column: reading a column per row copies the frame's attrs
    (its row numbers) each time, which made a 3,000-row import take a minute."""
    return {key: ["" if pd.isna(cell) else str(cell)[:MAX_EXTRA_CHARS] for cell in frame[column].tolist()]
            for column, key in extra}


def _record(i: int, total: int, cells: dict[str, list[str]], extra: dict[str, list[str]],
            kind: str, value: tuple[float | None, str] | None) -> tuple[dict, str]:
    record: dict[str, object] = {f: cells[f][i] for f in cells}
    for key, column in extra.items():
        record[key] = column[i]
    if kind != "indicator" or value is None:
        return record, ""
    record["value"], problem = value
    year_text = cells.get("year", [""] * total)[i]
    year = re.match(r"^(\d{4})(\.0+)?([-/]|$)", year_text)
    if not year or not 1900 <= int(year.group(1)) <= 2100:
        return record, problem or _("year '%(year)s' is not a year (1900-2100)") % {"year": year_text}
    record["year"] = year.group(1)
    return record, problem


def _status(placed: Located | None, problem: str) -> str:
    if not placed:
        return "not located"
    if problem:
        return "no value" if problem == empty_value() else "invalid value"
    return COARSER if placed.coarser else "located"


def _extra_columns(frame: pd.DataFrame, kind: str, mapping: dict[str, str]) -> list[tuple[str, str]]:
    if kind == "indicator":
        return []
    reserved = {*FIELDS[kind]["required"], *FIELDS[kind]["optional"], "nuts_id", "level", "row", "located_by"}
    used = set(mapping.values())
    return [(c, c if c not in reserved else f"{c} (file)") for c in frame.columns if c not in used][:MAX_EXTRA_COLUMNS]


def _failed(exc: BaseException) -> str:
    return _("Locating the rows failed (%(error)s). Nothing was imported; try again, and report it if it "
             "persists.") % {"error": exc if isinstance(exc, ChildFailed) else f"{type(exc).__name__}: {str(exc)[:200]}"}


def _locate_safely(cells: dict, total: int, kind: str, regions: pd.DataFrame, layer_path: str,
                   progress: Progress | None, seconds: float) -> list[tuple[Located | None, list[str]]]:
    """Every row's placement, computed in a child process under the import budget (``isolation.run_forked``: the
    worker's import slot, a lower priority, CPU, memory and wall-time limits); what the child needs and the worker
    keeps anyway (the town gazetteer, NUTS shapes, code tables) is loaded first, here, once per worker. Progress
    reaches ``progress`` in the worker, as the child reports it."""
    with import_slot():
        try:
            if any(cells.get("town", ())):
                warm_up()
            if any(cells.get("town", ())) or any(cells.get("lat", ())) or any(cells.get("lon", ())):
                nuts3_shapes(layer_path)
            code_tables(layer_path)
        except Exception as exc:
            log.exception("import: loading the locating tables failed")
            raise ImportError_(_failed(exc), "lookup_failed") from exc
        try:
            answer = run_forked(
                lambda note: _placements_json(cells, total, kind, regions, layer_path,
                                              lambda done, of: note(f"{done} {of}".encode()), seconds),
                seconds + CHILD_MARGIN_SECONDS, PARSE_NICE, LOCATE_MEMORY,
                on_note=(lambda note: progress(*map(int, note.split()))) if progress else None)
        except ChildFailed as exc:
            if exc.timed_out:
                raise ImportError_(_("Locating the rows took longer than %(seconds)s s (the limit) and was stopped: "
                                     "split the file.") % {"seconds": f"{seconds:g}"}, "timeout") from exc
            log.error("import: the locating child failed: %s", exc)
            raise ImportError_(_failed(exc), "lookup_failed") from exc
    return _placements_from_json(answer)


def _placements_json(cells: dict, total: int, kind: str, regions: pd.DataFrame, layer_path: str,
                     progress: Progress | None, seconds: float) -> bytes:
    """In the child: the placements as JSON, or the ``ImportError_`` to raise in the worker."""
    try:
        with Locator(regions, layer_path, coarse_ok=kind != "indicator", seconds=seconds) as locator:
            placements = _locate_all(cells, total, locator, layer_path, progress)
        out: dict[str, object] = {"placements": [[None if p is None else [p.nuts_id, p.how, p.coarser, p.by], reasons]
                              for p, reasons in placements]}
    except ImportError_ as exc:
        out = {"error": str(exc), "code": exc.code}
    except MemoryError:
        out = {"error": "memory"}
    except Exception as exc:
        log.exception("import: locating failed")
        out = {"error": _failed(exc), "code": "lookup_failed"}
    return json.dumps(out).encode("utf-8")


def _placements_from_json(answer: bytes) -> list[tuple[Located | None, list[str]]]:
    said = json.loads(answer)
    if said.get("error") == "memory":
        raise ImportError_(_("Locating the rows needs more than %(memory)s MB of memory (the limit): split the "
                             "file.") % {"memory": number_text(LOCATE_MEMORY / 2**20)}, "memory")
    if "error" in said:
        raise ImportError_(str(said["error"]), str(said.get("code") or "lookup_failed"))
    return [(None if p is None else Located(p[0], p[1], bool(p[2]), str(p[3])), list(reasons))
            for p, reasons in said["placements"]]


def import_table(frame: pd.DataFrame, kind: str, mapping: dict[str, str], regions: pd.DataFrame, *,
                 layer_path: str | None = None, progress: Progress | None = None,
                 seconds: float = LOCATE_SECONDS) -> ImportResult:
    """Validate and locate every row; returns located rows and a per-row report.

    ``progress(done, total)`` is called every few hundred rows (a busy indicator can show it). Raises
    ``ImportError_`` naming every missing column at once, or saying what failed.
    """
    check_request(kind, mapping, list(frame.columns))
    if not len(frame):
        raise ImportError_(_("The file has a header row but no data rows."), "no_rows")
    mapping = {f: c for f, c in mapping.items() if c in frame.columns}
    cells, total = _cells(frame, mapping), len(frame)
    placements = _locate_safely(cells, total, kind, regions, layer_path or str(get_layer().path), progress, seconds)
    numbers = frame.attrs.get("row_numbers") or list(range(2, total + 2))
    values: Sequence[tuple[float | None, str] | None] = [None] * total
    if kind == "indicator":
        values = parse_numbers(cells["value"])
    extra = _extra_cells(frame, _extra_columns(frame, kind, mapping))
    located, report = [], []
    for i, (placed, reasons) in enumerate(placements):
        record, problem = _record(i, total, cells, extra, kind, values[i])
        status = _status(placed, problem)
        shown = "; ".join(f"{f}: {cells[f][i]}" for f in SHOWN if f in cells and cells[f][i])
        report.append({"row": numbers[i], "content": shown[:160], "status": status, "status_text": _(STATUS_WORDS[status]),
                       "method_id": placed.by if placed else "", "method": placed.how if placed else "", "nuts_id": placed.nuts_id if placed else "",
                       "reason": problem or ("; ".join(reasons) if not placed else "")})
        if placed is not None and placed.nuts_id and status in LOCATED:
            located.append({**record, "nuts_id": placed.nuts_id, "level": len(placed.nuts_id) - 2, "row": numbers[i],
                            "located_by": placed.how})
    return _result(kind, pd.DataFrame(located), pd.DataFrame(report, columns=REPORT_COLUMNS), total)


def _result(kind: str, rows: pd.DataFrame, report: pd.DataFrame, total: int) -> ImportResult:
    if len(rows):
        key = ["nuts_id", "year"] if kind == "indicator" and "year" in rows else ["nuts_id", "name"] \
            if kind == "clusters" and "name" in rows else ["nuts_id", "priority"] if kind == "priorities" else ["nuts_id"]
        dup = rows.duplicated(key, keep="first")
        same = (_("same %(first)s and %(second)s as an earlier row") if len(key) == 2 else
                _("same %(first)s as an earlier row")) % dict(zip(("first", "second"), key))
        for r in rows[dup].row:
            report.loc[report.row == r, ["status", "status_text", "reason"]] = ["duplicate", _("duplicate"), same]
        rows = rows[~dup]
    placed = report[report.status.isin(LOCATED)]
    summary = {"rows": total, "located": len(placed), "coarser": int((report.status == COARSER).sum()),
               "not_located": int((report.status == "not located").sum()),
               "duplicates": int((report.status == "duplicate").sum()),
               "invalid": int((report.status == "invalid value").sum()),
               "empty": int((report.status == "no value").sum()),
               "by_method": pd.Series([method_key(b, s) for b, s in zip(placed.method_id, placed.status)],
                                      dtype=object).value_counts().to_dict()}
    return ImportResult(kind, rows.reset_index(drop=True), report, summary)


def method_key(by: str, status: str = "located") -> str:
    """The locating method of a report line, in a few English words (the summary's counts; translate where shown)."""
    return (COARSER_METHODS if status == COARSER else METHODS).get(by, METHODS["nuts"])


def result_json(result: ImportResult, source: str, licence: str, unit: str = "", label: str = "") -> str:
    """What the browser keeps (and the CLI writes): rows plus provenance (and, for indicators, the name given)."""
    return json.dumps({"kind": result.kind, "source": source[:300], "licence": licence[:200], "unit": unit[:100],
                       "label": label[:120],
                       "rows": result.rows.astype(object).where(result.rows.notna(), None).to_dict("records"),
                       "summary": result.summary}, ensure_ascii=False, default=str)
