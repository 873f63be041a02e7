"""Import users' own lists (cluster organisations, S3 priorities, regional indicators) and locate every row in a
NUTS 2021 region, with a report of what was located, how, and what was not and why.

``reading`` parses the upload in a child process under a budget (``parse_child``); ``columns`` matches the
file's columns to fields (``columns.yaml``: names in six languages); ``table`` validates and locates the rows
(``locating``, ``codes``, ``places_adapter``, ``numeric``). Parsing never executes anything: XLSX formulas are
read as their cached values, CSV is read as text. Every refusal is an ``ImportError_`` with a sentence for the
user and a ``code``.
"""

from data.importing.codes import Located
from data.importing.columns import (
    FIELD_LABELS,
    FIELDS,
    KINDS,
    SYNONYMS,
    auto_mapping,
    check_request,
    field_in_sentence,
    missing_fields,
)
from data.importing.errors import ImportError_
from data.importing.locating import LOCATE_SECONDS, country_code, country_names
from data.importing.numeric import EMPTY_VALUE, parse_numbers
from data.importing.places_adapter import warm_up as warm_up_towns
from data.importing.progress import end_job, progress_text, read_progress, start_job, write_progress
from data.importing.reading import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    MAX_UNZIPPED,
    PARSE_MEMORY,
    PARSE_SECONDS,
    read_table,
    sheet_names,
)
from data.importing.table import COARSER, ImportResult, import_table, result_json

__all__ = ["COARSER", "EMPTY_VALUE", "FIELDS", "FIELD_LABELS", "KINDS", "LOCATE_SECONDS", "MAX_BYTES", "MAX_CELLS",
           "MAX_COLUMNS", "MAX_ROWS", "MAX_TEXT_CHARS", "MAX_UNZIPPED", "PARSE_MEMORY", "PARSE_SECONDS", "SYNONYMS",
           "ImportError_", "ImportResult", "Located", "auto_mapping", "check_request", "field_in_sentence", "country_code", "country_names",
           "import_table", "missing_fields", "parse_numbers", "read_table", "result_json", "sheet_names",
           "warm_up_towns", "end_job", "progress_text", "read_progress", "start_job", "write_progress"]
