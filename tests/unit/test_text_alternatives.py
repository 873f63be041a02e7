"""The sentences that stand for the map and the trend chart (WCAG 1.1.1): built from the view's own values."""

from __future__ import annotations

from domain.classify import classify
from domain.mapview import MapView
from domain.text_alternatives import list_map_summary, map_summary, score_map_summary, series_summary

NAMES = {"DK01": "Hovedstaden", "RO21": "Nord-Est", "PL21": "Małopolskie", "FR10": "Ile-de-France"}


def view(values: dict, eu: float | None = None, compared: bool = False, level: int = 2) -> MapView:
    classes = classify([*values.values(), float("nan")], "quantiles", 3)
    return MapView("x", "Enterprises using AI", "% of enterprises", level, 2023, "DESI", "3b5", values, classes, eu,
                   compared)


def test_map_summary_names_highest_lowest_eu_classes_and_missing():
    text = map_summary(view({"DK01": 15.2, "RO21": 1.4, "PL21": 4.0}, eu=8.0), NAMES)
    assert text.startswith("Map of Enterprises using AI (% of enterprises) by NUTS 2 region, 2023: 3 regions with data;")
    assert "highest Hovedstaden (DK01) 15.2 % of enterprises" in text
    assert "lowest Nord-Est (RO21) 1.40 % of enterprises" in text
    assert "EU27: 8 % of enterprises." in text
    assert "3 colour classes from 1.40 % of enterprises to 15.2 % of enterprises." in text
    assert text.endswith("1 region without data (hatched grey).")


def test_map_summary_without_eu_value_or_data():
    text = map_summary(view({"FR10": 3.0, "PL21": 2.0}, level=0), NAMES)
    assert "by country" in text and "2 countries with data" in text and "EU27" not in text
    empty = view({})
    assert map_summary(empty, NAMES).endswith("no region has data.")


def test_series_summary_says_first_and_last_value_of_each_line():
    series = [{"name": "Małopolskie", "years": [2015, 2019, 2023], "values": [None, 2.0, 3.5]},
              {"name": "EU27", "years": [2023], "values": [8.0]},
              {"name": "Polska", "years": [2020], "values": [None]}]
    assert series_summary(series, "%", "AI use") == "Trend of AI use: Małopolskie from 2 % (2019) to 3.50 % (2023); " \
                                                    "EU27 8 % (2023)."


def test_score_map_summary_counts_strong_regions():
    scores = {"DK01": 91.0, "RO21": 4.0, "PL21": 75.0}
    classes = classify([*scores.values(), float("nan")], "fixed", 4, breaks=(25.0, 50.0, 75.0), span=(0.0, 100.0))
    text = score_map_summary("Digital and AI", scores, classes, NAMES, 75.0)
    assert text == ("Map of the evidence score for Digital and AI (0–100) by NUTS 2 region: 3 regions with a score; "
                    "highest Hovedstaden (DK01) 91, lowest Nord-Est (RO21) 4; 2 strong (75 or more). "
                    "4 colour classes, quarters of the scale. 1 region without data (hatched grey).")


def test_list_map_summary_says_what_a_missing_region_means():
    counts = {"DK01": 3.0, "PL21": 1.0}
    classes = classify([*counts.values(), float("nan"), float("nan")], "quantiles", 3)
    text = list_map_summary("Cluster organisations per NUTS 2 region", "rows of your list", counts, classes, NAMES,
                            "None in this list")
    assert "2 regions; highest Hovedstaden (DK01) 3 rows of your list, lowest Małopolskie (PL21) 1 rows" in text
    assert text.endswith("2 regions: none in this list (hatched grey).")


def test_the_gap_map_is_named_by_its_categories():
    from domain.text_alternatives import gap_map_summary

    text = gap_map_summary("Digital technologies", ("Prioritised & strong", "Prioritised but weak",
                                                    "Strong but not prioritised", "Neither"), (3, 5, 7, 200), 25)
    assert text.startswith("Gap view map for Digital technologies by NUTS 2 region: 3 prioritised & strong, "
                           "5 prioritised but weak, 7 strong but not prioritised, 200 neither")
    assert "25 regions without evidence (hatched grey)" in text
