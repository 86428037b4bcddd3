"""The year morph (#/morph) in headless Chromium against the real stack with Chicago 2017: the
grids are drawn on the canvas, the month label changes as it plays, the scrubber shows a
month's total as the grids API states it, and the console stays clean."""

from __future__ import annotations

import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, browser, screenshots, settled, severe_console_entries  # noqa: F401 (fixtures)

PAINTED_PIXELS = """
const canvas = document.querySelector('#morph-map canvas.map-canvas');
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let n = 0;
for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
return n;"""


def month_label(driver) -> str:
    return driver.find_element(By.ID, "morph-month").get_attribute("data-month") or ""


def test_year_morph_changes_month(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    def fetch() -> dict:
        with urllib.request.urlopen(f"{base}/api/v1/grids?city=chicago&year=2017", timeout=30) as response:
            return json.loads(response.read())
    grids = settled(fetch, accept=lambda reply: not any(m["missing"] for m in reply["months"]))
    assert len(grids["months"]) == 12 and grids["normalisation"] > 0

    browser.get(base + "/#/morph?city=chicago&year=2017")
    WebDriverWait(browser, WAIT).until(lambda d: month_label(d).startswith("2017-"))
    assert Select(browser.find_element(By.ID, "morph-year")).first_selected_option.text == "2017"
    first = month_label(browser)
    WebDriverWait(browser, WAIT).until(lambda d: month_label(d) not in ("", first))
    second = month_label(browser)
    assert second > first
    assert browser.find_element(By.ID, "morph-month").text.endswith(" 2017")
    assert browser.execute_script(PAINTED_PIXELS) > 2000
    browser.save_screenshot(str(screenshots / "morph-playing.png"))

    # The scrubber pauses and shows July with the API's July total.
    browser.execute_script("const s = document.getElementById('morph-scrub'); s.value = '6';"
                           "s.dispatchEvent(new Event('input', {bubbles: true}));")
    assert browser.find_element(By.ID, "morph-play").get_attribute("aria-pressed") == "false"
    assert browser.find_element(By.ID, "morph-month").text == "July 2017"
    july = next(m for m in grids["months"] if m["month"] == 7)
    assert int(browser.find_element(By.ID, "morph-total").get_attribute("data-total")) == july["total"] > 0
    july_pixels = browser.execute_script(PAINTED_PIXELS)
    assert july_pixels > 2000
    browser.save_screenshot(str(screenshots / "morph-july.png"))

    # Played on to the end: December.
    browser.find_element(By.ID, "morph-play").click()
    WebDriverWait(browser, WAIT).until(lambda d: month_label(d) == "2017-12")
    WebDriverWait(browser, WAIT).until(
        lambda d: d.find_element(By.ID, "morph-play").get_attribute("aria-pressed") == "false")
    assert browser.find_element(By.ID, "morph-month").text == "December 2017"

    severe = severe_console_entries(browser)
    assert not severe, severe
