"""The reviewed ESIF 2014-2020 programme table (data/esif_programmes.yaml) on its own: no region twice, the French
programmes on the pre-2016 regions. (Against the raw file and the served values: tests/integration/test_esif.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

TABLE = Path(__file__).resolve().parents[2] / "data" / "esif_programmes.yaml"


@pytest.fixture(scope="module")
def table() -> dict[str, dict]:
    return {row["cci"]: row for row in yaml.safe_load(TABLE.read_text(encoding="utf-8"))["programmes"]}


def test_no_region_receives_a_programme_twice(table):
    codes = [(code, row["cci"]) for row in table.values() if row["class"] == "regional" for code in row["nuts2021"]]
    for code, cci in codes:
        overlapping = [other for c, other in codes if other != cci and (c.startswith(code) or code.startswith(c))]
        assert not overlapping, (code, cci, overlapping)


def test_french_programmes_follow_the_pre_2016_regions(table):
    assert table["2014FR16M0OP012"]["nuts2021"] == ["FRE1"]  # Nord-Pas de Calais
    assert table["2014FR16M0OP008"]["nuts2021"] == ["FRE2"]  # Picardie
