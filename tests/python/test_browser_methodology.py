"""The methodology page (/methodology) in headless Chromium against the real stack: the plain
statement that CrimeScope is not predictive policing, the data caveats, and the models section
in the state the models API is in (each model's metrics and charts, "no models trained yet", or
"the predict service did not answer"), reached from the map view's navigation."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)


def models_reply(base: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/api/v1/models?city=chicago", timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_methodology_page_is_served_as_html(loaded_stack):
    with urllib.request.urlopen(loaded_stack["base"] + "/methodology", timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/html")
        page = response.read().decode()
    assert "Not predictive policing" in page and "/static/app/views/methodology.js" in page


def test_methodology_states_caveats_and_models(loaded_stack, browser, screenshots):
    base = loaded_stack["base"]
    browser.get(base + "/#/map")
    link = WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.CSS_SELECTOR, "#nav a[href='/methodology']"))
    link.click()
    WebDriverWait(browser, WAIT).until(lambda d: d.current_url.endswith("/methodology"))

    statement = browser.find_element(By.ID, "statement")
    assert statement.is_displayed()
    assert "CrimeScope is not predictive policing. It never scores people" in statement.text
    caveats = browser.find_element(By.ID, "caveats").text
    for heading in ("Reporting is not crime", "Coverage gaps", "Beats changed in December 2012", "Points on beat boundaries"):
        assert heading in caveats
    assert "19,452" in browser.find_element(By.ID, "sources").text

    status, reply = models_reply(base)
    section = browser.find_element(By.ID, "models")
    WebDriverWait(browser, WAIT).until(lambda d: section.get_attribute("data-state"))
    state = section.get_attribute("data-state")
    untrained = status != 200 and reply.get("error", {}).get("code") == "FAILED_PRECONDITION"
    if status != 200 and not untrained:
        assert state == "unavailable"
        assert "predict service did not answer" in browser.find_element(By.ID, "models-empty").text
    elif untrained or not reply["models"]:
        assert state == "empty"
        assert "No models trained yet for Chicago" in browser.find_element(By.ID, "models-empty").text
    else:
        assert state == "models"
        cards = browser.find_elements(By.CSS_SELECTOR, "#models-list article.model")
        assert len(cards) == len([m for m in reply["models"] if m["kind"] != "beat_forecast"])
        for model, card in zip([m for m in reply["models"] if m["kind"] != "beat_forecast"], cards):
            assert model["model_version"] in card.text
            if "roc_auc" in model["metrics"]:
                cell = card.find_element(By.CSS_SELECTOR, "tr[data-metric=roc_auc] td:nth-child(2)")
                assert abs(float(cell.text) - model["metrics"]["roc_auc"]) < 0.001
    browser.execute_script("document.getElementById('models').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology.png"))

    # A failed models request shows in the console as a failed resource load (the browser logs
    # it, not the page); nothing else may.
    severe = [e for e in severe_console_entries(browser)
              if not (status != 200 and "/api/v1/models" in e.get("message", ""))]
    assert not severe, severe


def test_methodology_lists_recent_loads_as_the_runs_api_does(loaded_stack, browser, screenshots):
    base = loaded_stack["base"]
    with urllib.request.urlopen(f"{base}/api/v1/ingest/runs?limit=20", timeout=30) as response:
        runs = json.loads(response.read())["runs"]
    assert runs, "the loaded stack has runs"
    browser.get(base + "/methodology")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "loads-table").is_displayed())
    rows = browser.find_elements(By.CSS_SELECTOR, "#loads-table tbody tr")
    assert [int(r.get_attribute("data-run")) for r in rows] == [run["run_id"] for run in runs]
    for run, row in zip(runs, rows):
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        assert cells[1] == run["city"] and cells[2] == run["source"]
        assert cells[3].startswith(run["status"].replace("RUN_STATUS_", "").lower())
        assert cells[4].replace(",", "") == str(run["read"])
    browser.execute_script("document.getElementById('loads').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-loads.png"))
    # The models request fails while no model is trained (the browser logs it); nothing else may.
    assert not [e for e in severe_console_entries(browser) if "/api/v1/models" not in e.get("message", "")]
