"""The hotspots view (#/hotspots) in headless Chromium against the real stack with Chicago 2017:
hex cells are drawn as the hotspots API lists them, the captured share is the API's, a crime
type tab and the 12-month window change the answer accordingly, months without data are
flagged, and the console stays clean."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import WAIT, browser, screenshots, settled, severe_console_entries  # noqa: F401 (fixtures)


def api_hotspots(base: str, **params) -> dict:
    with urllib.request.urlopen(f"{base}/api/v1/hotspots?{urllib.parse.urlencode(params)}", timeout=30) as response:
        return json.loads(response.read())


def wait_for(driver, expected: dict) -> None:
    """Until the page shows the reply `expected`: its cell count and its captured share."""
    def shown(d):
        summary = d.find_element(By.ID, "hotspots-summary")
        return (summary.get_attribute("data-cells") == str(len(expected["cells"]))
                and summary.get_attribute("data-captured") == repr(expected["captured_share"])
                and len(d.find_elements(By.CSS_SELECTOR, "path.hex-cell")) == len(expected["cells"]))
    WebDriverWait(driver, WAIT).until(shown)


def test_hotspot_cells_per_type_and_window(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    year = settled(lambda: api_hotspots(base, city="chicago", **{"from": "2017-01", "to": "2017-12"}, window=3),
                   accept=lambda reply: not reply["missing_months"])
    assert year["cells"] and 0 < year["captured_share"] < 1 and not year["missing_months"]

    browser.get(base + "/#/hotspots?city=chicago")
    wait_for(browser, year)
    summary = browser.find_element(By.ID, "hotspots-summary").text
    assert f"capture {100 * year['captured_share']:.1f}% of all types from 2017-01 to 2017-12" in summary, summary
    fills = {p.get_attribute("fill") for p in browser.find_elements(By.CSS_SELECTOR, "path.hex-cell")}
    assert fills and all(f.startswith("rgb(") for f in fills)
    assert not browser.find_element(By.ID, "hotspots-missing").is_displayed()
    assert len(browser.find_elements(By.CSS_SELECTOR, "#hotspots-cells li")) == len(year["cells"])
    browser.save_screenshot(str(screenshots / "hotspots-all.png"))

    # The THEFT tab: the API's THEFT answer.
    tabs = browser.find_elements(By.CSS_SELECTOR, "#hotspots-types button")
    assert tabs[0].text == "All types" and tabs[0].get_attribute("aria-selected") == "true"
    theft_tab = next(t for t in tabs if t.text == "THEFT")
    theft_tab.click()
    theft = api_hotspots(base, city="chicago", primary_type="THEFT", **{"from": "2017-01", "to": "2017-12"}, window=3)
    wait_for(browser, theft)
    assert theft_tab.get_attribute("aria-selected") == "true"
    assert "of THEFT" in browser.find_element(By.ID, "hotspots-summary").text
    assert "type=THEFT" in browser.current_url

    # The 12-month window: one window position.
    browser.find_element(By.CSS_SELECTOR, "#hotspots-windows button[data-window='12']").click()
    theft12 = api_hotspots(base, city="chicago", primary_type="THEFT", **{"from": "2017-01", "to": "2017-12"}, window=12)
    wait_for(browser, theft12)
    assert theft12["window_positions"] == 1
    assert "12-month window, 1 window positions" in browser.find_element(By.ID, "hotspots-summary").text
    browser.save_screenshot(str(screenshots / "hotspots-theft-12.png"))

    # A period reaching back before the data: the missing months are flagged.
    browser.get(base + "/#/hotspots?city=chicago&window=1&from=2016-11&to=2017-02")
    early = api_hotspots(base, city="chicago", **{"from": "2016-11", "to": "2017-02"}, window=1)
    assert early["missing_months"] == ["2016-11", "2016-12"]
    wait_for(browser, early)
    missing = browser.find_element(By.ID, "hotspots-missing")
    assert missing.is_displayed() and "2016-11, 2016-12" in missing.text

    severe = severe_console_entries(browser)
    assert not severe, severe
