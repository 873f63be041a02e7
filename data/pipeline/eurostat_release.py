"""Reading a Eurostat release (SDMX-CSV or TSV as the dissemination API sends it) into the catalogue's rows: flags
as notes, the NUTS version detected from the official code lists, one ``Extract`` per table."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from data.layer.registry import source_file
from data.pipeline.sources import REFERENCE_COLUMNS, Extract, long_frame, split_aggregates

NON_DIMENSIONS = {"DATAFLOW", "LAST UPDATE", "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG", "CONF_STATUS",
                  "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION"}
FLAGS = {"b": "break in time series", "c": "confidential", "d": "definition differs", "e": "estimated",
         "f": "forecast", "n": "not significant", "p": "provisional", "r": "revised", "s": "Eurostat estimate",
         "u": "low reliability", "z": "not applicable"}



class SnapshotError(RuntimeError):
    """A snapshot or an API response cannot be read as the table it should be."""


@dataclass(frozen=True)
class TableSpec:
    """One Eurostat table behind the catalogue.

    ``dimensions`` are the table's dimensions in the order of its data structure definition
    (``geo`` last; the SDMX 2.1 key is positional), ``fixed`` the codes every indicator of the
    table uses for dimensions ``indicators.yaml`` does not name, ``column_dimension`` the
    dimension a shipped column name stands for when it is not ``<table>_<DIM>_<code>__...``.
    """

    code: str
    source_id: str
    dimensions: tuple[str, ...]
    fixed: Mapping[str, str] = field(default_factory=dict)
    column_dimension: str | None = None


TABLES: dict[str, TableSpec] = {spec.code: spec for spec in (
    TableSpec("htec_emp_reg2", "i40_readiness", ("freq", "nace_r2", "unit", "sex", "geo"), {"freq": "A"}),
    TableSpec("rd_e_gerdreg", "i40_readiness", ("freq", "sectperf", "unit", "geo"), {"freq": "A"}),
    TableSpec("rd_p_persreg", "i40_readiness", ("freq", "prof_pos", "sex", "sectperf", "unit", "geo"), {"freq": "A"}),
    TableSpec("hrst_st_rcat", "i40_readiness", ("freq", "category", "unit", "geo"), {"freq": "A"}),
    TableSpec("edat_lfse_04", "i40_readiness", ("freq", "sex", "isced11", "age", "unit", "geo"), {"freq": "A"}),
    TableSpec("tgs00003", "eurostat_regional", ("freq", "unit", "geo"), {"freq": "A"}),
    TableSpec("tgs00096", "eurostat_regional", ("freq", "unit", "sex", "age", "geo"), {"freq": "A", "unit": "NR"}),
    TableSpec("tgs00010", "eurostat_regional", ("freq", "sex", "age", "unit", "geo"), {"freq": "A", "age": "Y_GE15", "unit": "PC"}),
    TableSpec("tgs00026", "eurostat_regional", ("freq", "unit", "direct", "na_item", "geo"),
              {"freq": "A", "unit": "PPS_HAB", "direct": "BAL", "na_item": "B6N"}),
    TableSpec("tgs00049", "eurostat_regional", ("freq", "unit", "geo"), {"freq": "A", "unit": "PC_HH_IACC"}),
    TableSpec("tec00114", "eurostat_regional", ("freq", "na_item", "ppp_cat", "geo"),
              {"freq": "A", "na_item": "VI_PPS_EU27_2020_HAB", "ppp_cat": "GDP"}),
    TableSpec("tsc00011", "eurostat_regional", ("freq", "nace_r2", "unit", "sex", "geo"),
              {"freq": "A", "unit": "PC_EMP", "sex": "T"}),
    TableSpec("pat_ep_rtot", "eurostat_patents", ("freq", "unit", "geo"), {"freq": "A"}, column_dimension="unit"),
)}


def _column_selection(spec: TableSpec, column: str) -> dict[str, str]:
    """``htec_emp_reg2_NACE_R2_C_HTC__UNIT_PC_EMP__SEX_T`` -> {nace_r2: C_HTC, unit: PC_EMP, sex: T}."""
    if spec.column_dimension:
        return {spec.column_dimension: column}
    selection = {}
    for part in column[len(spec.code) + 1:].split("__"):
        dim = next((d for d in spec.dimensions if part.startswith(d.upper() + "_")), None)
        if dim is None:
            raise SnapshotError(f"{spec.code}: cannot read the dimension of {part!r} in column {column!r}")
        selection[dim] = part[len(dim) + 1:]
    return selection


def table_indicators(meta: pd.DataFrame, table: str) -> dict[str, dict[str, str]]:
    """indicator id -> the dimension codes that select it in `table` (from indicators.yaml)."""
    spec = TABLES[table]
    out = {}
    mine = meta[(meta.source_id == spec.source_id) & meta["derive"].isna()]
    for ind in mine.itertuples():
        chosen: dict[str, str] | None = None
        if isinstance(ind.filter, dict) and ind.filter.get("input_var_code") == table:
            chosen = {k: str(v) for k, v in ind.filter.items() if k != "input_var_code"}
        elif isinstance(ind.column, str) and str(ind.source_code).split()[0] == table and not isinstance(ind.table, str):
            chosen = _column_selection(spec, ind.column)
        if chosen is not None:
            out[ind.id] = {**spec.fixed, **chosen}
    return out


def query_codes(meta: pd.DataFrame, table: str) -> dict[str, list[str]]:
    """Per dimension, every code the table's indicators need (geo left open)."""
    codes: dict[str, set[str]] = {}
    for selection in table_indicators(meta, table).values():
        for dim, code in selection.items():
            codes.setdefault(dim, set()).add(code)
    return {dim: sorted(codes.get(dim, ())) for dim in TABLES[table].dimensions if dim != "geo"}


# ---------------------------------------------------------------------------
# Parsing the API's SDMX-CSV (and TSV) layouts


def _split_flagged(cell: str) -> tuple[str, str]:
    """TSV cell '0.9 b' -> ('0.9', 'b'); ': ' -> ('', ''); ': c' -> ('', 'c')."""
    text = cell.strip()
    value, _, flag = text.partition(" ")
    return ("" if value == ":" else value), flag.strip()


def _read_tsv(text: str) -> pd.DataFrame:
    header, *lines = [line for line in text.splitlines() if line.strip()]
    first, *periods = header.split("\t")
    dims = first.split("\\")[0].split(",")
    rows = []
    for line in lines:
        key, *cells = line.split("\t")
        codes = key.split(",")
        for period, cell in zip(periods, cells):
            value, flag = _split_flagged(cell)
            rows.append((*codes, period.strip(), value, flag))
    return pd.DataFrame(rows, columns=[*dims, "TIME_PERIOD", "OBS_VALUE", "OBS_FLAG"], dtype=str)


def read_release(content: bytes) -> tuple[pd.DataFrame, str | None]:
    """An API response as rows of dimension codes, TIME_PERIOD, OBS_VALUE, OBS_FLAG; plus the last update."""
    text = content.decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    if "\\TIME_PERIOD" in first or "\\time" in first:
        return _read_tsv(text), None
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SnapshotError(f"response is neither SDMX-CSV nor TSV ({exc})") from exc
    missing = {"TIME_PERIOD", "OBS_VALUE"} - set(frame.columns)
    if missing:
        raise SnapshotError(f"response has no {', '.join(sorted(missing))} column: not SDMX-CSV")
    if "OBS_FLAG" not in frame:
        frame["OBS_FLAG"] = ""
    last = frame["LAST UPDATE"].dropna().unique() if "LAST UPDATE" in frame else []
    return frame, (_iso_last_update(str(last[0])) if len(last) else None)


def _iso_last_update(stamp: str) -> str:
    """SDMX-CSV 'LAST UPDATE' ('23/04/24 23:00:00') as ISO 8601; other forms are kept as given."""
    for fmt in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(stamp.strip(), fmt).isoformat()
        except ValueError:
            continue
    return stamp.strip()


def dimensions_of(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c not in NON_DIMENSIONS]


def indicator_rows(frame: pd.DataFrame, meta: pd.DataFrame, table: str) -> pd.DataFrame:
    """Long values (indicator_id, nuts_id, year, value, note) of the table's indicators; ':' is no data.

    Values are scaled by the indicator's ``scale`` exactly as the shipped extractors do; a
    publisher's flag becomes the row's note.
    """
    scale = meta.set_index("id")["scale"]
    frames = []
    annual = frame[frame.TIME_PERIOD.str.fullmatch(r"\d{4}")]
    for indicator_id, selection in table_indicators(meta, table).items():
        mask = pd.Series(True, index=annual.index)
        for dim, code in selection.items():
            if dim in annual:
                mask &= annual[dim] == code
        part = annual[mask]
        value = pd.to_numeric(part.OBS_VALUE.str.strip().replace(":", ""), errors="coerce")
        flags = part.OBS_FLAG.fillna("").str.strip()
        note = flags.map(lambda f: "; ".join(f"Eurostat flag {c} ({FLAGS[c]})" for c in f if c in FLAGS))
        frames.append(pd.DataFrame({"indicator_id": indicator_id, "nuts_id": part.geo.str.strip(),
                                    "year": part.TIME_PERIOD.astype(int), "value": value * float(scale[indicator_id]),
                                    "note": note}))
    if not frames:
        return pd.DataFrame(columns=["indicator_id", "nuts_id", "year", "value", "note"])
    out = pd.concat(frames, ignore_index=True)
    return out.dropna(subset=["value"]).reset_index(drop=True)


def detect_nuts_version(codes: pd.Series) -> int:
    """The NUTS version (2024, 2021 or 2016) whose code list holds most of the release's NUTS 1-3 codes."""
    lists = pd.read_csv(source_file("jrc_nuts_converter", "all_nuts_codes.csv"), dtype=str)
    regional = set(codes[codes.str.fullmatch(r"[A-Z]{2}[0-9A-Z]{1,3}")
                         & ~codes.str.fullmatch(r"[A-Z]{2}(Z{1,3}|X{1,3})")])
    best, best_hits = 2021, -1
    for version in (2024, 2021, 2016):
        hits = len(regional & set(lists[lists.version == str(version)].code))
        if hits > best_hits:
            best, best_hits = version, hits
    return best


def to_extract(rows: pd.DataFrame, nuts_version: int, table: str, notes: list[str] | None = None) -> Extract:
    """Release rows as an Extract in the release's own NUTS codes (EU aggregates go to ``reference``)."""
    frame = rows if "nuts_version" in rows else rows.assign(nuts_version=nuts_version)
    notes = notes if notes is not None else []
    regional, reference = split_aggregates(frame, notes, f"Eurostat {table}")
    return Extract(long_frame(regional), reference[REFERENCE_COLUMNS], notes)


# ---------------------------------------------------------------------------
# The snapshot store
