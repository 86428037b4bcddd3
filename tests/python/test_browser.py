"""The map view in headless Chromium (selenium), against the real stack with Chicago 2017:
beat outlines and a legend appear, an hour preset changes the displayed total to the API's
total for the same filters, a click on a beat opens its detail, the table sorts, and the
console has no SEVERE entries. Screenshots go to $CRIMESCOPE_ARTIFACT_DIR/screenshots/."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = os.environ.get("CRIMESCOPE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CRIMESCOPE_CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT = 30


@pytest.fixture(scope="module")
def browser(artifact_dir: Path):
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} is missing: run scripts/install-deps.sh (chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,950", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, log_output=str(artifact_dir / "chromedriver.log")),
                              options=options)
    driver.set_page_load_timeout(WAIT)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def screenshots(artifact_dir: Path) -> Path:
    folder = artifact_dir / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def api_total(base: str, query: str) -> int:
    with urllib.request.urlopen(f"{base}/api/v1/heatmap?{query}", timeout=30) as response:
        return json.loads(response.read())["total"]["incidents"]


def wait_ready(driver, after: str | None = None) -> str:
    """Waits until the page finished a heatmap refresh newer than `after`; its sequence number."""
    WebDriverWait(driver, WAIT).until(
        lambda d: (d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") or "") not in ("", after))
    return driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready")


def settled(fetch, accept=lambda reply: True, polls: int = 3, timeout: float = 120.0):
    """`fetch()` once it returns the same accepted reply `polls` times in a row (one second apart):
    the heatmap service's grid and hex rollups may still be catching up when the stack is ready."""
    import time
    deadline, last, same = time.monotonic() + timeout, None, 0
    while time.monotonic() < deadline:
        reply = fetch()
        same = same + 1 if reply == last and accept(reply) else 0
        if same >= polls - 1:
            return reply
        last = reply
        time.sleep(1.0)
    pytest.fail(f"the reply did not settle within {timeout} s: {str(last)[:300]}")


def severe_console_entries(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_map_view_end_to_end(settled_stack, browser, screenshots):
    base = settled_stack["base"]
    browser.get(base + "/")
    ready = wait_ready(browser)
    WebDriverWait(browser, WAIT).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")) > 200)
    paths = browser.find_elements(By.CSS_SELECTOR, "path.leaflet-interactive")
    assert len(paths) > 200
    legend = browser.find_element(By.ID, "legend")
    assert legend.is_displayed() and "Incidents per area" in legend.text
    assert len(legend.find_elements(By.CSS_SELECTOR, ".swatch")) >= 3
    # Outlines are coloured: more than one fill colour.
    fills = {p.get_attribute("fill") for p in paths[:120]}
    assert len(fills) > 2, fills

    total = browser.find_element(By.ID, "total")
    all_day = int(total.get_attribute("data-total"))
    assert all_day == api_total(base, "city=chicago&year=2017")
    assert browser.find_element(By.ID, "time-zone").text == "America/Chicago"
    assert "not predictive policing" in browser.find_element(By.TAG_NAME, "footer").text
    WebDriverWait(browser, WAIT).until(lambda d: "✓" in d.find_element(By.ID, "services").text)
    browser.save_screenshot(str(screenshots / "map-all-day.png"))

    # The night preset (23-7, wrapping midnight) changes the total to the API's.
    Select(browser.find_element(By.ID, "hours")).select_by_value("23-6")
    ready = wait_ready(browser, ready)
    night = int(total.get_attribute("data-total"))
    query = total.get_attribute("data-query")
    assert "hour_min=23" in query and "hour_max=6" in query
    assert night != all_day and 0 < night < all_day
    assert night == api_total(base, query)
    assert night == api_total(base, "city=chicago&year=2017&hour_min=23&hour_max=6")

    # A crime type from the heatmap's crime_types narrows it further.
    types = Select(browser.find_element(By.ID, "type"))
    assert len(types.options) > 5
    types.select_by_value("THEFT")
    ready = wait_ready(browser, ready)
    theft = int(total.get_attribute("data-total"))
    assert 0 < theft < night
    assert theft == api_total(base, total.get_attribute("data-query"))
    types.select_by_value("")
    ready = wait_ready(browser, ready)

    # Click a beat near the middle of the map: the detail panel shows its name and numbers.
    target = browser.execute_script(
        "const r = document.getElementById('map').getBoundingClientRect();"
        "const e = document.elementFromPoint(r.left + r.width * 0.55, r.top + r.height * 0.5);"
        "return e && e.classList.contains('leaflet-interactive') ? e : null;")
    if target is None:
        target = paths[len(paths) // 2]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    detail = browser.find_element(By.ID, "detail")
    WebDriverWait(browser, WAIT).until(lambda d: detail.is_displayed()
                                       and "incidents in 2017" in d.find_element(By.ID, "detail-counts").text)
    name = browser.find_element(By.ID, "detail-name").text
    # Chicago's names already carry the beat number ("Beat 0912"): it is shown once.
    assert re.fullmatch(r"Beat \d{4}", name), name
    rates = browser.find_element(By.ID, "detail-rates").text
    assert "Arrest rate" in rates and "Domestic rate" in rates
    assert browser.find_elements(By.CSS_SELECTOR, "#detail-mix li")
    browser.save_screenshot(str(screenshots / "map-night-detail.png"))

    # The table view: one row per beat, sorted by incidents (descending), then by area.
    browser.find_element(By.ID, "show-table").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#areas-table tbody tr")
    assert len(rows) > 200
    counts = [int(r.find_elements(By.TAG_NAME, "td")[2].text.replace(",", "")) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) <= night
    browser.find_element(By.CSS_SELECTOR, "#areas-table th[data-key=area]").click()
    areas = [r.find_element(By.TAG_NAME, "td").text for r in browser.find_elements(By.CSS_SELECTOR, "#areas-table tbody tr")]
    assert areas == sorted(areas)
    browser.save_screenshot(str(screenshots / "table.png"))

    severe = severe_console_entries(browser)
    assert not severe, severe


@pytest.mark.parametrize("path,content_type", [
    ("/static/vendor/leaflet/leaflet.js", "text/javascript"),
    ("/static/vendor/leaflet/leaflet.css", "text/css"),
    ("/static/vendor/leaflet/images/layers.png", "image/png"),
    ("/static/vendor/chart.js/chart.min.js", "text/javascript"),
    ("/static/app/views/map.js", "text/javascript"),
    ("/static/app/app.css", "text/css"),
    ("/static/app/shared.js", "text/javascript"),
    ("/static/app/views/month.js", "text/javascript"),
    ("/static/app/views/morph.js", "text/javascript"),
    ("/static/app/views/hotspots.js", "text/javascript"),
    ("/static/app/views/predict.js", "text/javascript"),
    ("/static/app/views/methodology.js", "text/javascript"),
])
def test_static_files_are_served_with_etags(loaded_stack, path, content_type):
    url = loaded_stack["base"] + path
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith(content_type)
        etag = response.headers["ETag"]
        body = response.read()
    if path.startswith("/static/vendor/"):
        assert body == (Path("/usr/share/javascript") / path.removeprefix("/static/vendor/")).read_bytes()
    request = urllib.request.Request(url, headers={"If-None-Match": etag})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 304


@pytest.mark.parametrize("path", ["/static/vendor/../../etc/passwd", "/static/vendor/leaflet/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/vendor/leaflet/missing.js", "/static/app/nope.js", "/static/app/..%2Fopenapi.json",
                                  "/static/app/views/../index.html", "/static/app/views/%2e%2e/shared.js"])
def test_static_paths_outside_the_folders_are_404(loaded_stack, path):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(loaded_stack["base"] + path, timeout=30)
    assert error.value.code in (400, 404)


def test_page_uses_no_tiles_by_default(loaded_stack):
    with urllib.request.urlopen(loaded_stack["base"] + "/", timeout=30) as response:
        page = response.read().decode()
    assert 'data-tile-url=""' in page
    assert "/static/vendor/leaflet/leaflet.js" in page and "/static/app/start.js" in page
