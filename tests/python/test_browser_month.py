"""The month animation (#/month) in headless Chromium against the real stack with the NYPD
arrests of December 2017: the HUD's date and running total advance as dots are drawn on the
canvas, the scrubber's total equals the API's per-day counts, the legend shows the law
categories with the API's counts, the density overlay adds colour, and the console stays clean."""

from __future__ import annotations

import json
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)

PAINTED_PIXELS = """
const canvas = document.querySelector('#month-map canvas.map-canvas');
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let n = 0;
for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
return n;"""


def api_incidents(base: str, city: str, month: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/v1/incidents?city={city}&month={month}", timeout=30) as response:
        return json.loads(response.read())


def hud(driver) -> tuple[int, int, str]:
    date = driver.find_element(By.ID, "month-date")
    count = driver.find_element(By.ID, "month-count")
    return int(date.get_attribute("data-day") or -1), int(count.get_attribute("data-count") or -1), date.text


def test_month_animation_plays_day_by_day(nyc_loaded, browser, screenshots):
    base = nyc_loaded["base"]
    api = api_incidents(base, "nyc", "2017-12")
    assert api["count"] == 19452 and api["days"] == 31

    browser.get(base + "/#/month?city=nyc&month=2017-12")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "view-month").is_displayed())
    assert Select(browser.find_element(By.ID, "month-city")).first_selected_option.get_attribute("value") == "nyc"
    assert Select(browser.find_element(By.ID, "month-month")).first_selected_option.text == "2017-12"
    assert browser.find_element(By.CSS_SELECTOR, "#nav a[data-route=month]").get_attribute("aria-current") == "page"

    # It plays on its own: the day advances, the running total grows, dots are painted.
    WebDriverWait(browser, WAIT).until(lambda d: hud(d)[0] >= 3)
    first_day, first_count, first_text = hud(browser)
    assert first_text.startswith("2017-12-")
    assert first_count == sum(api["per_day"][:first_day])
    WebDriverWait(browser, WAIT).until(lambda d: hud(d)[0] > first_day + 2)
    later_day, later_count, later_text = hud(browser)
    assert later_text != first_text and later_count > first_count
    drawn = int(browser.find_element(By.ID, "month-map").get_attribute("data-drawn"))
    assert drawn > 0
    assert browser.execute_script(PAINTED_PIXELS) > 500
    browser.save_screenshot(str(screenshots / "month-playing.png"))

    # Legend: the law categories with the API's counts, felonies gold.
    key = browser.find_element(By.ID, "month-key").text
    for category in api["categories"]:
        if category["code"] in ("F", "M", "V"):
            assert f"{category['label']} ({category['count']:,})" in key, key
    felony = browser.execute_script(
        "return [...document.querySelectorAll('#month-key .row')].find(r => r.textContent.startsWith('Felony'))"
        ".querySelector('.dot').style.background")
    assert felony == "rgb(230, 159, 0)"

    # Pause, then the scrubber: day 10 shows the first ten days' incidents.
    play = browser.find_element(By.ID, "month-play")
    if play.get_attribute("aria-pressed") == "true":
        play.click()
    assert play.get_attribute("aria-pressed") == "false" and "Play" in play.text
    browser.execute_script("const s = document.getElementById('month-scrub'); s.value = '10';"
                           "s.dispatchEvent(new Event('input', {bubbles: true}));")
    day, count, text = hud(browser)
    assert (day, text) == (10, "2017-12-10")
    assert count == sum(api["per_day"][:10])
    plain = browser.execute_script(PAINTED_PIXELS)

    # The whole month's density lays colour under the dots.
    browser.find_element(By.ID, "month-density").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.execute_script(PAINTED_PIXELS) > plain * 1.2)
    browser.save_screenshot(str(screenshots / "month-density-day10.png"))

    # Played to the end at the fastest speed: the last day and every incident of the month.
    Select(browser.find_element(By.ID, "month-speed")).select_by_value("5")
    play.click()
    WebDriverWait(browser, WAIT * 2).until(lambda d: hud(d)[0] == 31)
    day, count, text = hud(browser)
    assert text == "2017-12-31" and count == api["count"] == sum(api["per_day"])
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "month-play").get_attribute("aria-pressed") == "false")
    assert int(browser.find_element(By.ID, "month-map").get_attribute("data-drawn")) == api["count"]
    assert browser.find_element(By.ID, "time-zone").text == "America/New_York"
    browser.save_screenshot(str(screenshots / "month-end.png"))

    severe = severe_console_entries(browser)
    assert not severe, severe


def test_month_animation_colours_chicago_by_arrest_or_crime_group(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    api = api_incidents(base, "chicago", "2017-07")
    arrests = sum(api["arrest"])
    assert 0 < arrests < api["count"]

    browser.get(base + "/#/month?city=chicago&month=2017-07")
    browser.refresh()
    key = browser.find_element(By.ID, "month-key")
    WebDriverWait(browser, WAIT).until(lambda d: "Incidents by outcome" in key.text)
    assert f"Arrest ({arrests:,})" in key.text and f"No arrest ({api['count'] - arrests:,})" in key.text
    if api["without_location"]:
        assert f"{api['without_location']:,} without a location" in browser.find_element(By.ID, "month-status").text
    WebDriverWait(browser, WAIT).until(lambda d: hud(d)[0] >= 2)
    assert browser.execute_script(PAINTED_PIXELS) > 500

    Select(browser.find_element(By.ID, "month-colour")).select_by_value("category")
    WebDriverWait(browser, WAIT).until(lambda d: "Incidents by crime group" in key.text)
    for category in api["categories"]:
        assert f"{category['label']} ({category['count']:,})" in key.text
    browser.save_screenshot(str(screenshots / "month-chicago-groups.png"))

    severe = severe_console_entries(browser)
    assert not severe, severe
