"""Parse an uploaded CSV or XLSX into rows of text in a separate process, under hard limits.

Why a separate process: an upload can ask for far more memory or time than it takes on the wire (one
10 MB shared string referenced by every row, a sheet of millions of numbers, 50,000 columns). This script
sets its own address-space and CPU limits before it imports the spreadsheet reader, streams the file and
stops at the first budget it exceeds; the parent also kills it at a wall-clock deadline. It is run by path
with ``python -P``, reads the file on stdin and the limits as JSON in ``argv[1]``, imports only the standard
library, openpyxl and defusedxml, and prints one JSON object: ``{"sheets", "sheet", "rows"}`` or
``{"error", "code"}``.
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


class Refused(Exception):
    """The file breaks a budget or is malformed; ``args`` = (message for the user, machine-readable code)."""


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
            raise Refused(f"More than {limits['rows']:,} rows: split the file.", "too_many_rows")
        if len(values) > limits["columns"]:
            raise Refused(f"Row {row} has more than {limits['columns']} columns (the limit): keep only the columns "
                          "you need.", "too_many_columns")
        self.cells += len(values)
        if self.cells > limits["cells"]:
            raise Refused(f"More than {limits['cells']:,} cells (reached at row {row}): split the file or keep only "
                          "the columns you need.", "too_many_cells")
        for column, text in enumerate(values):
            if len(text) > CELL_CHARS:
                raise Refused(f"Cell {_column_letter(column)}{row} holds {len(text):,} characters; a spreadsheet cell "
                              f"holds at most {CELL_CHARS:,}.", "cell_too_long")
            self.chars += len(text)
        if self.chars > limits["text"]:
            raise Refused(f"The file holds more than {limits['text']:,} characters of text (reached at "
                          f"row {row}): split the file.", "too_much_text")
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
        raise Refused("The file is binary, not a CSV or XLSX table.", "binary")
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
            raise Refused(f"A cell near row {budget.rows + 1} holds more than {CELL_CHARS:,} characters (the most a "
                          "spreadsheet cell holds).", "cell_too_long") from exc
        raise Refused(f"The CSV is malformed near row {budget.rows + 1}: {exc}.", "malformed_csv") from exc
    return {"sheets": [], "sheet": None, "rows": rows}


def check_archive(content: bytes, max_unzipped: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            total = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise Refused("The file looks like a spreadsheet archive but is damaged (not a valid ZIP).", "bad_zip") from exc
    if total > max_unzipped:
        raise Refused(f"The spreadsheet unpacks to {total / 1e6:.0f} MB (limit {max_unzipped / 1e6:.0f} MB): refused "
                      "as a possible zip bomb.", "zip_bomb")
    if "xl/workbook.xml" not in names:
        raise Refused("The file is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml). Save it as "
                      ".xlsx or CSV.", "not_xlsx")


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
        raise Refused(f"The workbook's sheets hold more than {budget.limits['cells']:,} cells (the limit): split the "
                      "file or keep only the sheet and columns you need.", "too_many_cells")
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


def explain(exc: BaseException, budget: Budget) -> tuple[str, str]:
    """A sentence for the user about what is wrong with the file, and a code."""
    where = f" (near row {budget.rows + 1})" if budget.rows else ""
    chain = [exc]
    while (linked := chain[-1].__cause__ or chain[-1].__context__) is not None:
        chain.append(linked)
    exc = next((e for e in chain if type(e).__name__ in KNOWN), exc)  # openpyxl wraps the XML errors it meets
    kind = type(exc).__name__
    if isinstance(exc, Refused):
        return exc.args[0], exc.args[1]
    if isinstance(exc, MemoryError):
        return (f"Reading the file needs more than {budget.limits['memory'] / 2**20:.0f} MB of memory{where}: it is "
                "far larger inside than on disk. Split it or save only the columns you need.", "memory")
    if kind in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return ("The spreadsheet's XML declares entities or external references (a known attack such as 'billion "
                "laughs'); refused. Re-save the file in Excel or LibreOffice.", "xml_entities")
    if isinstance(exc, IndexError):
        return (f"A cell{where} refers to a shared text entry that the file does not contain (bad shared-string "
                "index): the file is damaged or was not written by a spreadsheet program. Re-save it in Excel or "
                "LibreOffice.", "bad_shared_string")
    if kind in ("ParseError", "XMLSyntaxError"):
        return (f"Part of the spreadsheet is not well-formed XML{where} ({str(exc)[:120]}): the file is damaged. "
                "Re-save it in Excel or LibreOffice.", "malformed_xml")
    if isinstance(exc, KeyError):
        return (f"The spreadsheet lacks a part it refers to ({str(exc)[:120]}): the file is damaged.", "missing_part")
    return (f"The spreadsheet could not be read{where}: {kind}: {str(exc)[:160]}. Re-save it in Excel or "
            "LibreOffice, or export it as CSV.", "unreadable")


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
        message, code = explain(exc, budget)
        out = json.dumps({"error": message, "code": code})
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
