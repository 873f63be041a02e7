"""Overview and Sources in a real browser; the console stays empty."""

from __future__ import annotations

import pytest


@pytest.mark.browser
def test_overview_and_sources_in_browser(dash_duo, layer_dir):
    from app import app

    dash_duo.start_server(app)
    dash_duo.wait_for_text_to_equal("#nav-overview", "Overview")
    dash_duo.wait_for_contains_text("#overview-headlines", "Source: DESI 2022", timeout=10)
    dash_duo.find_element("#nav-sources").click()
    dash_duo.wait_for_contains_text("#sources-list", "CC BY 4.0", timeout=10)
    assert "Digital Economy and Society Index" in dash_duo.find_element("#sources-list").text
    assert dash_duo.get_logs() == []
