"""Upload-attack benchmark: ``python -m bench.upload_attacks`` — peak memory and time of each hostile upload.

Each attack runs in a fresh Python process that plays the server worker (it calls ``read_table`` as the import
page does); it reports its own peak RSS (the worker, VmHWM) and its parsing child's peak RSS (sampled every 5 ms
with psutil), and the time to the refusal. A normal 300-row list is the baseline in the same run, and every figure is also given as a ratio to
it. The builders below are also used by ``tests/test_import_budget.py``: one definition of each attack.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parents[1]
WORKER_LIMIT_MB = 1024
NS = "http://schemas.openxmlformats.org"
CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{NS}/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}/spreadsheetml/2006/main" '
            f'xmlns:r="{NS}/officeDocument/2006/relationships"><sheets><sheet name="Clusters" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{NS}/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/worksheet" '
                 'Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{NS}/officeDocument/2006/relationships/sharedStrings" '
                 'Target="sharedStrings.xml"/></Relationships>')
LAUGHS = ('<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def shared_string_xlsx(rows: int = 300, size: int = 10_000_000, index: int = 1, doctype: str = "",
                       text: str | None = None) -> bytes:
    """A hand-written XLSX whose data rows all reference shared string ``index`` (by default one of ``size``
    characters) — what openpyxl itself would never write, and what made a worker grow to 6 GB."""
    big = text if text is not None else "A" * size
    strings = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<sst xmlns="{NS}/spreadsheetml/2006/main" '
               f'count="2" uniqueCount="2"><si><t>name</t></si><si><t>{big}</t></si></sst>')
    cells = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>{index}</v></c></row>' for r in range(2, rows + 2))
    return _xlsx([cells], strings)


def billion_laughs_xlsx() -> bytes:
    return shared_string_xlsx(rows=3, doctype=LAUGHS, text="&lol3;")


def numbers_xlsx(rows: int, columns: int = 60) -> bytes:
    """Rows of numbers written as sheet XML directly and streamed into the archive (fast even at 200,000 x 60):
    the same numbers on every row, cells without references (valid: Excel numbers them in order), compress like
    the reported file (548 kB on the wire, 182 MB unpacked)."""
    letters = [get_column_letter(c + 1) for c in range(columns)]
    header = '<row r="1">' + "".join(f'<c r="{x}1" t="inlineStr"><is><t>c{x}</t></is></c>' for x in letters) + "</row>"
    row = "<row>" + "".join(f"<c><v>{i}</v></c>" for i in range(columns)) + "</row>"
    return _xlsx([header, *(row for _ in range(rows))], "")


def _xlsx(sheet_rows: Iterable[str], strings: str) -> bytes:
    strings = strings or (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}/spreadsheetml/2006/main" '
                          'count="0" uniqueCount="0"/>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
                           ("xl/sharedStrings.xml", strings)):
            archive.writestr(name, part)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}/spreadsheetml/2006/main">'
                        "<sheetData>".encode())
            for row in sheet_rows:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def wide_csv(columns: int = 50_000) -> bytes:
    """One header and one row of ``columns`` columns (the 439 kB / 50,000-column attack)."""
    return (",".join(f"c{i}" for i in range(columns)) + "\n" + ",".join("1" for _ in range(columns)) + "\n").encode()


def normal_csv(rows: int = 300) -> bytes:
    return ("name;postcode;country\n" + "".join(f"Cluster {i};80331;DE\n" for i in range(rows))).encode("utf-8-sig")


ATTACKS = {
    "baseline: 300-row CSV": lambda: normal_csv(),
    "300 rows x one 10 MB shared string": lambda: shared_string_xlsx(300, 10_000_000),
    "200,000 rows x 60 numbers (XLSX)": lambda: numbers_xlsx(200_000, 60),
    "50,000 columns (CSV)": lambda: wide_csv(50_000),
    "billion laughs (XLSX)": billion_laughs_xlsx,
    "bad shared-string index (XLSX)": lambda: shared_string_xlsx(3, 10, index=99),
}
WORKER = """
import json, sys, threading, time
import psutil
from data.importing import ImportError_, read_table
content = sys.stdin.buffer.read()
me, peaks, done = psutil.Process(), {"worker": 0, "child": 0}, threading.Event()
def sample():
    while not done.is_set():
        peaks["worker"] = max(peaks["worker"], me.memory_info().rss)
        for child in me.children():
            try:
                peaks["child"] = max(peaks["child"], child.memory_info().rss)
            except psutil.Error:
                pass
        time.sleep(0.005)
threading.Thread(target=sample, daemon=True).start()
started = time.perf_counter()
try:
    outcome = f"read {len(read_table(content))} rows"
except ImportError_ as exc:
    outcome = f"refused ({exc.code})"
seconds = time.perf_counter() - started
done.set()
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"seconds": seconds, "outcome": outcome, "worker_mb": max(peaks["worker"], hwm * 1024) / 2**20,
                  "child_mb": peaks["child"] / 2**20}))
"""


def run_attack(content: bytes) -> dict:
    done = subprocess.run([sys.executable, "-c", WORKER], input=content, capture_output=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def main() -> None:  # noqa: D103
    print(f"{'upload':<38}{'bytes':>11}{'s':>7}{'worker MB':>11}{'child MB':>10}{'x base s':>9}  outcome")
    base = None
    for name, build in ATTACKS.items():
        content = build()
        result = run_attack(content)
        base = base or result
        ratio = result["seconds"] / base["seconds"]
        flag = "" if result["worker_mb"] < WORKER_LIMIT_MB else "  OVER 1 GB"
        print(f"{name:<38}{len(content):>11,}{result['seconds']:>7.2f}{result['worker_mb']:>11.0f}"
              f"{result['child_mb']:>10.0f}{ratio:>9.1f}  {result['outcome']}{flag}")


if __name__ == "__main__":
    main()
