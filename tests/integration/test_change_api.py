"""GET /api/change is the difference of two GET /api/values answers; no data where a year is missing, never 0."""

from __future__ import annotations

import pytest


def _values(client, indicator, level, year) -> dict:
    answer = client.get("/api/values", query_string={"indicator": indicator, "level": level, "year": year}).get_json()
    return {row["nuts_id"]: row["value"] for row in answer["values"]}


@pytest.mark.parametrize(("indicator", "level", "start", "end"), [
    ("emp_hightech_medhightech_manuf", 2, 2010, 2018),
    ("epo_patent_applications", 3, 2000, 2012),
    ("gerd_total", 2, 2010, 2016),
])
def test_change_equals_the_difference_of_two_values_calls(client, indicator, level, start, end):
    answer = client.get("/api/change", query_string={"indicator": indicator, "level": level, "from": start, "to": end})
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert (body["indicator"], body["level"], body["from"], body["to"]) == (indicator, level, start, end)
    assert body["unit"] and body["source"]["name"]
    before, after = _values(client, indicator, level, start), _values(client, indicator, level, end)
    rows = {row["nuts_id"]: row for row in body["values"]}
    assert set(rows) == set(after)
    one_year_only = 0
    for code, row in rows.items():
        assert row["from_value"] == before[code] and row["to_value"] == after[code]
        if before[code] is None or after[code] is None:
            assert row["change"] is None and row["change_pct"] is None, code
            one_year_only += (before[code] is None) != (after[code] is None)
        else:
            assert row["change"] == pytest.approx(after[code] - before[code], abs=1e-9), code
    assert one_year_only > 0, "the case of a year missing for a region is exercised"
    assert sum(row["change"] is not None for row in rows.values()) > 50


def test_a_share_changes_in_percentage_points(client):
    body = client.get("/api/change?indicator=emp_hightech_medhightech_manuf&level=2&from=2010&to=2018").get_json()
    pl21 = next(row for row in body["values"] if row["nuts_id"] == "PL21")
    assert body["change_unit"] == "percentage points" and pl21["change"] == pytest.approx(5.6 - 3.8)


@pytest.mark.parametrize(("query", "parameter"), [
    ("indicator=nope&level=2&from=2010&to=2018", "indicator"),
    ("indicator=emp_hightech_medhightech_manuf&level=7&from=2010&to=2018", "level"),
    ("indicator=emp_hightech_medhightech_manuf&level=2&from=2018&to=2010", "from"),
    ("indicator=emp_hightech_medhightech_manuf&level=2&from=2010&to=2030", "to"),
    ("indicator=emp_hightech_medhightech_manuf&level=2&from=2010", "to"),
    ("indicator=emp_hightech_medhightech_manuf&level=2&from=2010&to=2018&year=2012", "year"),
    ("indicator=emp_hightech_medhightech_manuf&indicator=gerd_total&level=2&from=2010&to=2018", "indicator"),
    ("indicator=desi_ict_specialists&level=0&from=2016&to=2021", "from"),
])
def test_bad_requests_are_400_naming_the_parameter(client, query, parameter):
    answer = client.get(f"/api/change?{query}")
    body = answer.get_json()
    assert answer.status_code == 400 and body["parameter"] == parameter and body["error"], body


CHANGE_VIEW = "indicator=emp_hightech_medhightech_manuf&level=2&year=2018&from=2010&region=PL21"


def test_a_change_view_downloads_both_years_and_the_change(client):
    import io

    import pandas as pd

    answer = client.get(f"/download/technology.csv?{CHANGE_VIEW}")
    assert answer.status_code == 200
    frame = pd.read_csv(io.BytesIO(answer.data), encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    pl21 = frame[frame.nuts_id == "PL21"].set_index("indicator_id")
    assert pl21.loc["emp_hightech_medhightech_manuf"].set_index("year").value.to_dict() == {2010: 3.8, 2018: 5.6}
    change = pl21.loc["emp_hightech_medhightech_manuf.change_2010_2018"]
    assert change.value == pytest.approx(1.8) and change.unit == "percentage points" and change.flag == "derived"
    changes = frame[frame.indicator_id.str.endswith(".change_2010_2018")]
    assert changes.value.isna().sum() > 0, "no data where a year is missing, never 0"
    assert (changes.value.dropna() != 0).any()


def test_a_change_view_is_a_slide_with_both_years_in_its_key_figure(client):
    slide = client.get("/api/slide", query_string={"view": f"/technology?{CHANGE_VIEW}"}).get_json()
    assert slide["title_line"].endswith("· NUTS 2 · 2010→2018") and "percentage points" in slide["title_line"]
    first = slide["key_figures"][0]
    assert first["text"] == "+1.80 percentage points" and "3.80 → 5.60 % of total employment" in first["detail"]
    assert "from=2010" in slide["page_url"]
