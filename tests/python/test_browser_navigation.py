"""Navigation between the views in headless Chromium against the real stack: one tab per view
with hash routes (#/map, #/month, …) that show exactly one view, mark the current tab, survive a
reload (deep links) and follow the browser's back button; an unknown route falls back to the
map; every control has a label; and no map tiles are requested (outlines on a plain background)."""

from __future__ import annotations

import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)

VIEWS = ("map", "month", "morph", "hotspots", "predict")

UNLABELLED = """
return [...document.querySelectorAll('select, input, button')].filter(e =>
  !e.closest('label') && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent.trim())
  && !(e.id && document.querySelector(`label[for="${e.id}"]`))).map(e => e.id || e.outerHTML.slice(0, 80));"""


def visible_views(driver) -> list[str]:
    return [s.get_attribute("data-view") for s in driver.find_elements(By.CSS_SELECTOR, "section[data-view]") if s.is_displayed()]


def current_tab(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#nav a[aria-current=page]").get_attribute("data-route")


def predict_fails(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/v1/forecast?city=chicago", timeout=30):
            return False
    except urllib.error.HTTPError:
        return True


def test_tabs_hash_routes_and_deep_links(loaded_stack, browser, screenshots):
    base = loaded_stack["base"]
    browser.get(base + "/")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready"))
    assert visible_views(browser) == ["map"] and current_tab(browser) == "map"

    for view in VIEWS[1:] + ("map",):
        browser.find_element(By.CSS_SELECTOR, f"#nav a[data-route={view}]").click()
        WebDriverWait(browser, WAIT).until(lambda d: visible_views(d) == [view])
        assert current_tab(browser) == view
        assert f"#/{view}" in browser.current_url
        assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-current-view") == view

    # Back goes to the previous tab (predict), forward again to the map.
    browser.back()
    WebDriverWait(browser, WAIT).until(lambda d: visible_views(d) == ["predict"])
    browser.forward()
    WebDriverWait(browser, WAIT).until(lambda d: visible_views(d) == ["map"])

    # A deep link opens its view with its parameters after a reload.
    browser.get(base + "/#/morph?city=chicago&year=2017")
    browser.refresh()
    WebDriverWait(browser, WAIT).until(lambda d: visible_views(d) == ["morph"])
    WebDriverWait(browser, WAIT).until(
        lambda d: (d.find_element(By.ID, "morph-month").get_attribute("data-month") or "").startswith("2017-"))
    assert current_tab(browser) == "morph"

    browser.get(base + "/#/no-such-view")
    browser.refresh()
    WebDriverWait(browser, WAIT).until(lambda d: visible_views(d) == ["map"])

    # Labels for every control; no tiles anywhere (the gateway has no --tile-url).
    assert browser.execute_script(UNLABELLED) == []
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-tile-url") == ""
    assert not browser.find_elements(By.CSS_SELECTOR, "img.leaflet-tile")
    assert not [r for r in browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
                if not r.startswith(base)]
    browser.save_screenshot(str(screenshots / "navigation-map.png"))

    failing = ("/api/v1/predict", "/api/v1/forecast") if predict_fails(base) else ()
    severe = [e for e in severe_console_entries(browser) if not any(path in e.get("message", "") for path in failing)]
    assert not severe, severe
