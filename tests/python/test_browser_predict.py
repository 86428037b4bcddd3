"""The predict view (#/predict) in headless Chromium against the real stack with Chicago 2017:
the beats are drawn and listed, a click on a beat asks the models about it, and the panel shows
what /api/v1/predict answers for the same context (each model's answer with its "why" bars, or
a plain "did not answer" when the predict service cannot); the forecast layer likewise follows
/api/v1/forecast. The statement that answers are never about people is on the panel."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)


def get(base: str, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def untrained(reply: dict) -> bool:
    """The predict service's answer when no model is trained yet."""
    return reply.get("error", {}).get("code") == "FAILED_PRECONDITION"


def test_predict_panel_follows_the_api(loaded_stack, browser, screenshots):
    base = loaded_stack["base"]
    browser.get(base + "/#/predict?city=chicago&hour=22&day=4&month=7")
    WebDriverWait(browser, WAIT).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#predict-map path.leaflet-interactive")) > 200)
    beats = Select(browser.find_element(By.ID, "predict-area"))
    WebDriverWait(browser, WAIT).until(lambda d: len(beats.options) > 200)
    assert Select(browser.find_element(By.ID, "predict-hour")).first_selected_option.get_attribute("value") == "22"
    assert Select(browser.find_element(By.ID, "predict-day")).first_selected_option.text == "Friday"
    assert "never about people" in browser.find_element(By.ID, "predict-panel").text

    # Ask about one beat by clicking it on the map.
    target = browser.find_elements(By.CSS_SELECTOR, "#predict-map path.leaflet-interactive")[40]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", target)
    answers = browser.find_element(By.ID, "predict-answers")
    WebDriverWait(browser, WAIT).until(lambda d: answers.get_attribute("data-state") in ("answers", "empty", "unavailable"))
    area = beats.first_selected_option.get_attribute("value")
    assert f"area={area}" in browser.current_url
    query = urllib.parse.urlencode({"city": "chicago", "area": area, "hour": 22, "day_of_week": 4, "month": 7})
    status, reply = get(base, "/api/v1/predict?" + query)
    state = answers.get_attribute("data-state")
    if status != 200 and not untrained(reply):
        assert state == "unavailable" and "predict service did not answer" in answers.text
    elif status != 200 or not reply["answers"]:
        assert state == "empty" and "no model is trained yet" in answers.text
    else:
        assert state == "answers"
        cards = answers.find_elements(By.CSS_SELECTOR, "article.answer")
        assert [c.get_attribute("data-kind") for c in cards] == [a["kind"] for a in reply["answers"]]
        for answer, card in zip(reply["answers"], cards):
            if answer["kind"] != "crime_type":
                assert f"{100 * answer['probability']:.1f}% likely" in card.text
            else:
                assert answer["top_classes"][0]["label"] in card.text
            contributions = (answer.get("explanation") or {}).get("contributions", [])
            bars = card.find_elements(By.CSS_SELECTOR, ".why li")
            assert len(bars) == len(contributions)
            for contribution, bar in zip(contributions, bars):
                assert float(bar.get_attribute("data-contribution")) == contribution["contribution"]
                assert bar.find_elements(By.CSS_SELECTOR, ".bar.up" if contribution["contribution"] >= 0 else ".bar.down")

    # The forecast layer: coloured beats and a legend when the API has a forecast.
    forecast_status, forecast = get(base, "/api/v1/forecast?city=chicago")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "predict-map").get_attribute("data-forecast"))
    shown = browser.find_element(By.ID, "predict-map").get_attribute("data-forecast")
    note = browser.find_element(By.ID, "predict-forecast-note").text
    if forecast_status != 200 and not untrained(forecast):
        assert shown == "unavailable" and "predict service did not answer" in note
    elif forecast_status != 200 or not forecast["areas"]:
        assert shown == "empty" and "not trained" in note
    else:
        assert shown == "shown" and forecast["week_start"] in note
        fills = {p.get_attribute("fill") for p in browser.find_elements(By.CSS_SELECTOR, "#predict-map path.leaflet-interactive")}
        assert len(fills) > 2
        assert browser.find_element(By.ID, "predict-key").is_displayed()
    browser.save_screenshot(str(screenshots / "predict.png"))

    # Failed predict/forecast requests show in the console as failed resource loads (logged by the
    # browser, not the page) only when the API itself fails; nothing else may.
    failing = [path for path, code in (("/api/v1/predict", status), ("/api/v1/forecast", forecast_status)) if code != 200]
    severe = [e for e in severe_console_entries(browser) if not any(path in e.get("message", "") for path in failing)]
    assert not severe, severe
