"""The Significance (Gi*) modes in headless Chromium against the real stack with Chicago 2017:
the map colours exactly the API's hot and cold beats, the hotspots view draws exactly its hot
and cold hex cells, both legends state the method, the weights and the FDR level, and the
console stays clean. Screenshots: significance-map.png, significance-hotspots.png."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, browser, screenshots, settled, severe_console_entries  # noqa: F401 (fixtures)

HOT, COLD = "#b2182b", "#2166ac"


def api_significance(base: str, **params) -> dict:
    url = f"{base}/api/v1/hotspots/significance?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def test_map_significance_mode_draws_the_api_classes(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    reply = settled(lambda: api_significance(base, city="chicago", units="areas", **{"from": "2017-01", "to": "2017-12"}))
    assert reply["hot_count"] > 0 and reply["cold_count"] > 0

    browser.get(base + "/#/map?city=chicago")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "legend").get_attribute("data-mode") == "counts")
    Select(browser.find_element(By.ID, "map-mode")).select_by_value("significance")
    legend = WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element(By.ID, "legend") if d.find_element(By.ID, "legend").get_attribute("data-mode") == "significance" else None)
    fills = [p.get_attribute("fill") for p in browser.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")]
    assert fills.count(HOT) == reply["hot_count"], (fills.count(HOT), reply["hot_count"])
    assert fills.count(COLD) == reply["cold_count"]
    assert legend.get_attribute("data-hot") == str(reply["hot_count"])
    text = legend.text
    for phrase in ("Significance (Gi*)", f"hot spot ({reply['hot_count']})", f"cold spot ({reply['cold_count']})",
                   "not significant", "Getis–Ord Gi*", "binary contiguity, queen, unit included (Gi*)",
                   f"{reply['weights']['units']} areas", "Benjamini–Hochberg FDR 0.05", "2017-01 to 2017-12"):
        assert phrase in text, (phrase, text)
    assert "mode=significance" in browser.current_url
    browser.save_screenshot(str(screenshots / "significance-map.png"))
    assert severe_console_entries(browser) == []


def test_hotspots_significance_mode_draws_the_api_hex_classes(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    reply = settled(lambda: api_significance(base, city="chicago", units="hex", **{"from": "2017-01", "to": "2017-12"}))
    assert reply["hot_count"] > 0 and "cover the city's areas" in reply["region"]

    browser.get(base + "/#/hotspots?city=chicago&mode=significance&from=2017-01&to=2017-12")
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element(By.ID, "hotspots-summary").get_attribute("data-hot") == str(reply["hot_count"]))
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.sig-hot")) == reply["hot_count"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.sig-cold")) == reply["cold_count"]
    assert not browser.find_element(By.ID, "hotspots-windows").is_displayed()
    key = browser.find_element(By.CSS_SELECTOR, "#view-hotspots .key").text
    for phrase in ("Significance (Gi*)", "binary contiguity, six hex neighbours, unit included (Gi*)",
                   "Benjamini–Hochberg FDR 0.05", f"hot spot ({reply['hot_count']})"):
        assert phrase in key, (phrase, key)
    summary = browser.find_element(By.ID, "hotspots-summary").text
    assert f"{reply['hot_count']:,} hot" in summary, summary
    browser.save_screenshot(str(screenshots / "significance-hotspots.png"))

    # Back to the top cells: the windows return and the significance cells go.
    Select(browser.find_element(By.ID, "hotspots-mode")).select_by_value("top")
    WebDriverWait(browser, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.hex-cell")) > 0)
    assert not browser.find_elements(By.CSS_SELECTOR, "path.sig-cell")
    assert browser.find_element(By.ID, "hotspots-windows").is_displayed()
    assert severe_console_entries(browser) == []
