"""Parse an uploaded CSV or XLSX into rows of text in a separate process, under hard limits.

Why a separate process: an upload can ask for far more memory or time than it takes on the wire (one
10 MB shared string referenced by every row, a sheet of millions of numbers, 50,000 columns). This script
sets its own address-space and CPU limits before it imports the spreadsheet reader, streams the file and
stops at the first budget it exceeds; the parent also kills it at a wall-clock deadline. It is run by path
with ``python -P``, reads the file on stdin and the limits as JSON in ``argv[1]``, imports only the standard
library, openpyxl and defusedxml, and prints one JSON object: ``{"sheets", "sheet", "rows"}`` or
``{"error", "code", "values"}``. It has no catalogues: an error is its English message as a template (marked with
``N_`` for extraction) with its values apart, and the parent (``reading.child_message``) writes it in the reader's
language.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import sys
import zipfile

# openpyxl only adds numpy scalar types; not importing it saves ~40 MB (None in sys.modules blocks an import, which
# typeshed does not describe)
sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]

CELL_CHARS = 32_767  # Excel's own limit for one cell
_FORMULA = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[\s/>]")
_PREFIXED_CELL = re.compile(rb"<[A-Za-z0-9_]+:c[\s/>]")


def N_(message: str) -> str:
    """Marks a message for the catalogue; the parent translates it (this interpreter cannot import the catalogues)."""
    return message


class Refused(Exception):
    """The file breaks a budget or is malformed; ``args`` = (message template for the user, machine-readable code,
    the template's values)."""


def set_limits(memory_bytes: int, cpu_seconds: int, nice: int = 0) -> None:
    """Hard limits, and a lower CPU priority: parsing is batch work that must not slow pages or /healthz."""
    if nice > 0:
        os.nice(nice)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


class Budget:
    """Counts what the rows cost as they stream and refuses at the first limit passed."""

    def __init__(self, limits: dict) -> None:
        self.limits = limits
        self.cells = self.chars = self.rows = 0

    def take(self, values: list[str]) -> list[str]:
        while values and values[-1] == "":
            values.pop()
        self.rows += 1
        row, limits = self.rows, self.limits
        if row > limits["rows"]:
            raise Refused(N_("More than %(rows)s rows: split the file."), "too_many_rows", {"rows": limits["rows"]})
        if len(values) > limits["columns"]:
            raise Refused(N_("Row %(row)s has more than %(columns)s columns (the limit): keep only the columns you "
                             "need."), "too_many_columns", {"row": row, "columns": limits["columns"]})
        self.cells += len(values)
        if self.cells > limits["cells"]:
            raise Refused(N_("More than %(cells)s cells (reached at row %(row)s): split the file or keep only the "
                             "columns you need."), "too_many_cells", {"cells": limits["cells"], "row": row})
        for column, text in enumerate(values):
            if len(text) > CELL_CHARS:
                raise Refused(N_("Cell %(cell)s holds %(chars)s characters; a spreadsheet cell holds at most "
                                 "%(most)s."), "cell_too_long",
                              {"cell": f"{_column_letter(column)}{row}", "chars": len(text), "most": CELL_CHARS})
            self.chars += len(text)
        if self.chars > limits["text"]:
            raise Refused(N_("The file holds more than %(chars)s characters of text (reached at row %(row)s): split "
                             "the file."), "too_much_text", {"chars": limits["text"], "row": row})
        return values


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def parse_csv(content: bytes, budget: Budget) -> dict:
    if b"\x00" in content[:4096]:
        raise Refused(N_("The file is binary, not a CSV or XLSX table."), "binary", {})
    text = decode(content)
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    csv.field_size_limit(CELL_CHARS)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        rows = [budget.take(row) for row in reader]
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise Refused(N_("A cell near row %(row)s holds more than %(most)s characters (the most a spreadsheet "
                             "cell holds)."), "cell_too_long", {"row": budget.rows + 1, "most": CELL_CHARS}) from exc
        raise Refused(N_("The CSV is malformed near row %(row)s: %(detail)s."), "malformed_csv",
                      {"row": budget.rows + 1, "detail": str(exc)}) from exc
    return {"sheets": [], "sheet": None, "rows": rows}


def check_archive(content: bytes, max_unzipped: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            total = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise Refused(N_("The file looks like a spreadsheet archive but is damaged (not a valid ZIP)."), "bad_zip",
                      {}) from exc
    if total > max_unzipped:
        raise Refused(N_("The spreadsheet unpacks to %(size)s MB (limit %(limit)s MB): refused as a possible zip "
                         "bomb."), "zip_bomb", {"size": round(total / 1e6), "limit": round(max_unzipped / 1e6)})
    if "xl/workbook.xml" not in names:
        raise Refused(N_("The file is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml). Save it "
                         "as .xlsx or CSV."), "not_xlsx", {})


def _cell_text(value: object, formula: object) -> str:
    """A formula's cached value when the file has one, else its text: never evaluated."""
    if value is None and formula is None:
        return ""
    return str(value if value is not None else formula)


def parse_xlsx(content: bytes, sheet: str | None, budget: Budget, sheets_only: bool) -> dict:
    from openpyxl import load_workbook  # only for XLSX: a CSV parse starts the child without it

    check_archive(content, budget.limits["unzipped"])
    cells, formulas, per_part = scan_sheets(content, budget.limits["cells"])
    if cells > budget.limits["cells"]:
        raise Refused(N_("The workbook's sheets hold more than %(cells)s cells (the limit): split the file or keep "
                         "only the sheet and columns you need."), "too_many_cells", {"cells": budget.limits["cells"]})
    values_book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    names = list(values_book.sheetnames)
    if sheets_only or not names:
        return {"sheets": names, "sheet": None, "rows": []}
    name = sheet if sheet in names else fullest_sheet(values_book, names, per_part)
    cached = _rows(values_book[name])
    if not formulas:
        rows = [budget.take([_cell_text(v, None) for v in c]) for c in cached]
        return {"sheets": names, "sheet": name, "rows": rows}
    formula_book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    raw = _rows(formula_book[name])
    rows = [budget.take([_cell_text(v, f) for v, f in zip(c, r)]) for c, r in zip(cached, raw)]
    return {"sheets": names, "sheet": name, "rows": rows}


def _rows(sheet):
    """Rows at their own width: the sheet's declared dimension (which a file may inflate to 16,384 columns) is
    ignored, so no row is padded beyond its last cell."""
    sheet.reset_dimensions()
    return sheet.iter_rows(values_only=True)


def fullest_sheet(book, names: list[str], per_part: dict[str, int]) -> str:
    """With no sheet chosen, the one holding the most cells: a workbook often opens on a title or notes sheet. The
    first sheet on a tie, or when the sheets' parts are not known."""
    def cells(name: str) -> int:
        return per_part.get(str(getattr(book[name], "_worksheet_path", "")).lstrip("/"), 0)

    return max(names, key=lambda name: (cells(name), -names.index(name)))


def scan_sheets(content: bytes, limit: int) -> tuple[int, bool, dict[str, int]]:
    """The workbook's cell count (up to just past ``limit``), whether it has a formula and the cells of each sheet
    part, from the sheets' XML (streamed), before openpyxl opens it: opening a sheet without a declared size already
    parses all of it. So a sheet of millions of cells is refused in seconds, and the workbook is read a second time
    for formula text only when there is a formula (one without a cached value is shown as its text)."""
    cells, formulas, per_part = 0, False, {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            with archive.open(info) as part:
                tail, before = b"", cells
                while cells <= limit and (chunk := part.read(1 << 20)):
                    cells += chunk.count(b"<c ") + chunk.count(b"<c>")
                    cells += len(_PREFIXED_CELL.findall(chunk)) if b":c" in chunk else 0
                    formulas = formulas or bool(_FORMULA.search(tail + chunk))
                    tail = chunk[-32:]
                per_part[info.filename] = cells - before
    return cells, formulas, per_part


KNOWN = {"Refused", "MemoryError", "EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden",
         "NotSupportedError", "IndexError", "ParseError", "XMLSyntaxError"}


def explain(exc: BaseException, budget: Budget) -> tuple[str, str, dict]:
    """A sentence for the user about what is wrong with the file (a template and its values), and a code."""
    near = {"row": budget.rows + 1} if budget.rows else {}
    chain = [exc]
    while (linked := chain[-1].__cause__ or chain[-1].__context__) is not None:
        chain.append(linked)
    exc = next((e for e in chain if type(e).__name__ in KNOWN), exc)  # openpyxl wraps the XML errors it meets
    kind = type(exc).__name__
    if isinstance(exc, Refused):
        return exc.args[0], exc.args[1], exc.args[2]
    if isinstance(exc, MemoryError):
        memory = {"memory": round(budget.limits["memory"] / 2**20), **near}
        return (N_("Reading the file needs more than %(memory)s MB of memory (near row %(row)s): it is far larger "
                   "inside than on disk. Split it or save only the columns you need.") if near else
                N_("Reading the file needs more than %(memory)s MB of memory: it is far larger inside than on disk. "
                   "Split it or save only the columns you need."), "memory", memory)
    if kind in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return (N_("The spreadsheet's XML declares entities or external references (a known attack such as 'billion "
                   "laughs'); refused. Re-save the file in Excel or LibreOffice."), "xml_entities", {})
    if isinstance(exc, IndexError):
        return (N_("A cell (near row %(row)s) refers to a shared text entry that the file does not contain (bad "
                   "shared-string index): the file is damaged or was not written by a spreadsheet program. Re-save "
                   "it in Excel or LibreOffice.") if near else
                N_("A cell refers to a shared text entry that the file does not contain (bad shared-string index): "
                   "the file is damaged or was not written by a spreadsheet program. Re-save it in Excel or "
                   "LibreOffice."), "bad_shared_string", near)
    if kind in ("ParseError", "XMLSyntaxError"):
        return (N_("Part of the spreadsheet is not well-formed XML (%(detail)s): the file is damaged. Re-save it in "
                   "Excel or LibreOffice."), "malformed_xml", {"detail": str(exc)[:120]})
    if isinstance(exc, KeyError):
        return (N_("The spreadsheet lacks a part it refers to (%(detail)s): the file is damaged."), "missing_part",
                {"detail": str(exc)[:120]})
    return (N_("The spreadsheet could not be read: %(detail)s. Re-save it in Excel or LibreOffice, or export it as "
               "CSV."), "unreadable", {"detail": f"{kind}: {str(exc)[:160]}"})


def main() -> None:
    limits = json.loads(sys.argv[1])
    set_limits(limits["memory"], limits["cpu_seconds"], int(limits.get("nice") or 0))
    content = sys.stdin.buffer.read()
    budget = Budget(limits)
    try:
        if content[:4] == b"PK\x03\x04":
            result = parse_xlsx(content, limits.get("sheet"), budget, bool(limits.get("sheets_only")))
        else:
            result = parse_csv(content, budget)
        del content
        out = json.dumps(result, ensure_ascii=False)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a sentence for the user
        message, code, values = explain(exc, budget)
        out = json.dumps({"error": message, "code": code, "values": values})
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
