"""Issue 27 in Chromium: the Strategies page shows a region's planned research & innovation money (ERDF 2014–2020)
with source, period and the word "planned", beside a map of the money per inhabitant; the Sources page credits it."""

from __future__ import annotations

import pytest

from components.ids import STRATEGIES, css


@pytest.mark.browser
def test_strategies_shows_the_planned_money_of_a_region(dash_duo, layer):
    from app import app

    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/strategies?region=PL21")
    money = css("strategies", "money", STRATEGIES)
    dash_duo.wait_for_contains_text(money, "for research & innovation", timeout=20)
    text = dash_duo.find_element(money).text
    assert "Małolskie Voivodeship - ERDF/ESF" in text and "planned EUR 230.0 million" in text
    assert "EUR 69 per inhabitant (population 2014)" in text and "11.1 % of its ERDF" in text
    assert "National and multi-regional programmes add EUR 6.12 billion for the country (PL)" in text
    assert "TO03 Competitiveness of SMEs" in text
    assert "2014–2020 (planned, programme versions of April 2019); planned, not spent" in text
    assert "ESIF 2014-2020 Finances Planned Details (April 2019)" in text
    assert "Partners for Małopolskie (PL21)" in dash_duo.find_element(css("strategies", "panel", STRATEGIES)).text
    legend = dash_duo.find_element(css("strategies", "money-legend", STRATEGIES)).text
    assert "Planned R&I money per inhabitant" in legend and "EUR per inhabitant (planned; population 2014)" in legend
    filled = dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0]); return g.data.filter(t => t.name === 'values')"
        ".map(t => t.z.filter(v => v !== null).length).reduce((a, b) => a + b, 0);",
        css("strategies", "money-map", STRATEGIES) + " .js-plotly-plot")
    assert filled >= 120  # NUTS 2 regions with a programme of their own, main map and insets
    dash_duo.driver.get(dash_duo.server_url + "/sources")
    dash_duo.wait_for_contains_text("#sources-list", "ESIF 2014-2020 Finances Planned Details (April 2019)", timeout=15)
    assert dash_duo.get_logs() == []
