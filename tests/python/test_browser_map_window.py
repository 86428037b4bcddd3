"""The map view's time-window selector in headless Chromium against the real stack with
Chicago 2017: choosing "last 7 days" switches the choropleth to the window heatmap (the total
shown is the window API's), "last 90 days" changes it again, a crime type narrows the window,
and "Years and hours" brings back the year's total; the window is kept in the address."""

from __future__ import annotations

import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, api_total, browser, screenshots, severe_console_entries, wait_ready  # noqa: F401


def window_reply(base: str, query: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/v1/heatmap/window?{query}", timeout=30) as response:
        return json.loads(response.read())


def window_total(base: str, query: str) -> int:
    return window_reply(base, query)["total"]["incidents"]


def shown(driver) -> tuple[int, str, str]:
    total = driver.find_element(By.ID, "total")
    return int(total.get_attribute("data-total")), total.get_attribute("data-endpoint"), total.get_attribute("data-query")


def test_time_window_switches_the_choropleth(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    browser.get(base + "/#/map")
    ready = wait_ready(browser)
    WebDriverWait(browser, WAIT).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")) > 200)
    year_total, endpoint, _ = shown(browser)
    assert endpoint == "/api/v1/heatmap" and year_total == api_total(base, "city=chicago&year=2017")

    window = Select(browser.find_element(By.ID, "window"))
    labels = [o.text for o in window.options]
    assert labels[1] == "Last 6 hours" and labels[-1] == "Last 5 years" and len(labels) == 11

    window.select_by_value("7d")
    ready = wait_ready(browser, ready)
    week, endpoint, query = shown(browser)
    assert endpoint == "/api/v1/heatmap/window" and query == "city=chicago&last=7d"
    assert week == window_total(base, "city=chicago&last=7d")
    assert 0 < week < year_total
    assert browser.find_element(By.ID, "year-from").get_attribute("disabled") is not None
    start = window_reply(base, "city=chicago&last=7d")["window"]["start"]
    assert f"last 7 days ({start[:10]} " in browser.find_element(By.ID, "summary-detail").text
    assert "last=7d" in browser.current_url
    fills = {p.get_attribute("fill") for p in browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")[:150]}
    assert len(fills) > 2, fills
    browser.save_screenshot(str(screenshots / "map-window-7d.png"))

    window.select_by_value("90d")
    ready = wait_ready(browser, ready)
    quarter, _, query = shown(browser)
    assert quarter == window_total(base, "city=chicago&last=90d") and week < quarter < year_total

    Select(browser.find_element(By.ID, "type")).select_by_value("THEFT")
    ready = wait_ready(browser, ready)
    theft, _, query = shown(browser)
    assert query == "city=chicago&last=90d&primary_type=THEFT"
    assert 0 < theft < quarter and theft == window_total(base, query)
    Select(browser.find_element(By.ID, "type")).select_by_value("")
    ready = wait_ready(browser, ready)

    window.select_by_value("")
    ready = wait_ready(browser, ready)
    back, endpoint, _ = shown(browser)
    assert endpoint == "/api/v1/heatmap" and back == year_total
    assert browser.find_element(By.ID, "year-from").get_attribute("disabled") is None

    # A deep link to a window opens the map on it.
    browser.get(base + "/#/map?city=chicago&last=30d")
    browser.refresh()
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element(By.ID, "total").get_attribute("data-endpoint") == "/api/v1/heatmap/window")
    month, _, query = shown(browser)
    assert query == "city=chicago&last=30d" and month == window_total(base, query)
    assert Select(browser.find_element(By.ID, "window")).first_selected_option.text == "Last 30 days"
    assert browser.find_element(By.ID, "hours").get_attribute("disabled") is not None

    severe = severe_console_entries(browser)
    assert not severe, severe
