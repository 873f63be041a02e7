"""Adding a source = a registry entry + one extractor module + its indicator metadata (issue 13, item 5).

A tiny synthetic source is added in a temporary directory, without touching the pipeline's code, and
goes through the same discovery, extraction and recoding as the real ones."""

from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path

import pytest

from data.layer.indicators import load_indicator_meta
from data.layer.registry import load_registry
from data.pipeline import build
from data.pipeline.build import extractor_of, recode_all, run_extractors
from data.pipeline.recode import Recoder, eurostat_rules_2016, official_code_lists

RAW_ROWS = "code,year,value\nES52,2018,10\nNO060,2020,135\nFR21,2010,7\nQQ99,2018,1\nHR04,2018,5\n"

EXTRACTOR = '''
"""A synthetic source: counts by region in mixed NUTS codes."""
from pathlib import Path

import pandas as pd

from data.layer.registry import load_registry, resolve
from data.pipeline.sources import Extract, long_frame, source_indicators

SOURCE_ID = "synthetic_counts"
REGISTRY = Path(__file__).with_name("sources.yaml")


def extract(indicators):
    source = load_registry(REGISTRY)[SOURCE_ID]
    raw = pd.read_csv(resolve(source.files[0]), dtype={"code": str})
    ind = source_indicators(indicators, SOURCE_ID).iloc[0]
    frame = pd.DataFrame({"indicator_id": ind.id, "nuts_id": raw.code, "year": raw.year,
                          "value": raw.value * ind.scale, "nuts_version": source.nuts_version})
    return Extract(long_frame(frame), notes=["synthetic: read"])
'''


@pytest.fixture()
def synthetic(tmp_path, monkeypatch):
    raw_dir = tmp_path / "raw"
    (raw_dir / "synthetic").mkdir(parents=True)
    data_file = raw_dir / "synthetic" / "counts.csv"
    data_file.write_text(RAW_ROWS, encoding="utf-8")
    sha = hashlib.sha256(data_file.read_bytes()).hexdigest()
    package = tmp_path / "pkg" / "synthetic_src"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "counts.py").write_text(textwrap.dedent(EXTRACTOR), encoding="utf-8")
    (package / "sources.yaml").write_text(textwrap.dedent(f"""
        sources:
          - id: synthetic_counts
            title: Synthetic counts
            short_name: Synthetic
            publisher: Test suite
            landing_page: https://example.org
            licence: CC0
            licence_url: https://creativecommons.org/publicdomain/zero/1.0/
            citation: Synthetic counts for a test.
            published: "2026"
            accessed: "2026-11-30"
            extractor: synthetic_src.counts
            nuts_version: 2016
            files:
              - path: synthetic/counts.csv
                sha256: {sha}
    """), encoding="utf-8")
    (package / "indicators.yaml").write_text(textwrap.dedent("""
        themes:
          innovation: "Innovation & R&D"
        indicators:
          - id: synthetic_count
            label: Synthetic count
            description: A count used only by a test.
            unit: things
            theme: innovation
            source_id: synthetic_counts
            source_code: counts.csv value
            additive: true
            range: [0, null]
    """), encoding="utf-8")
    monkeypatch.setenv("ATLAS_RAW_DIR", str(raw_dir))
    monkeypatch.syspath_prepend(str(package.parent))
    return package


def test_a_synthetic_source_is_discovered_extracted_and_recoded(synthetic, raw_dir):
    registry = load_registry(synthetic / "sources.yaml")
    meta = load_indicator_meta(synthetic / "indicators.yaml")
    extracts = run_extractors(registry, meta)
    assert len(extracts) == 1 and extracts[0].notes == ["synthetic: read"]

    xlsx = Path(raw_dir) / "eurostat-nuts-changes/NUTS2016-NUTS2021.xlsx"
    recoder = Recoder(eurostat_rules_2016(xlsx), official_code_lists(Path(raw_dir) / "jrc-nuts-converter-2025", xlsx))
    values, audit = recode_all(extracts, meta, recoder)
    served = values.set_index("nuts_id").value.to_dict()
    assert served == {"ES52": 10.0, "NO060": 135.0}
    reasons = dict(zip(audit.nuts_id, audit.reason))
    assert reasons["QQ99"] == "code in no NUTS version 2006-2024"
    assert "split" in reasons["HR04"]
    assert int(audit[audit.nuts_id == "FR21"].from_version.iloc[0]) < 2016  # detected as an older code


def test_the_build_imports_no_source_by_name():
    code = Path(build.__file__).read_text(encoding="utf-8")
    modules = [p.stem for p in Path(build.__file__).with_name("sources").glob("*.py") if p.stem != "__init__"]
    imports = "\n".join(line for line in code.splitlines() if re.match(r"\s*(from|import) ", line))
    assert not [m for m in modules if re.search(rf"\b{m}\b", imports)]
    registered = {s.extractor for s in load_registry().values() if s.extractor}
    assert registered <= set(modules)


def test_an_extractor_without_extract_is_refused(synthetic):
    source = load_registry(synthetic / "sources.yaml")["synthetic_counts"]
    with pytest.raises(ValueError, match="no extract"):
        extractor_of(type(source)(**{**source.__dict__, "extractor": "data.layer.paths"}))
