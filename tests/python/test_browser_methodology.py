"""The methodology page (/methodology) in headless Chromium against the real stack: the plain
statement that CrimeScope is not predictive policing, the data caveats, and the models section
in the state the models API is in (each model's metrics and charts, "no models trained yet", or
"the predict service did not answer"), reached from the map view's navigation."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SERVICES, SHARED_DATA, Cluster, clean_env, executable, free_port, fresh_database
from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)


def models_reply(base: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/api/v1/models?city=chicago", timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def get_json(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


def expected_sources(base: str) -> dict[str, dict]:
    """What the data-sources table should show, from the API: per city with a month of data, its
    name, the heatmap's incidents over all its years (formatted as the page does), the first and
    last month, and the months without an incident between them."""
    expected = {}
    for city in get_json(base, "/api/v1/cities")["cities"]:
        months = sorted(city["available_months"])
        if not months:
            continue
        total = get_json(base, f"/api/v1/heatmap?city={city['city']}&year_from={months[0][:4]}"
                               f"&year_to={months[-1][:4]}")["total"]["incidents"]
        have = {int(m[:4]) * 12 + int(m[5:]) - 1 for m in months}
        missing = [f"{n // 12}-{n % 12 + 1:02d}" for n in range(min(have), max(have) + 1) if n not in have]
        expected[city["city"]] = {"name": city["name"], "incidents": f"{total:,}", "first": months[0],
                                  "last": months[-1], "missing": missing}
    return expected


def wait_counted(browser, base: str, database_url: str, city: str) -> int:
    """Waits until the heatmap service counts every incident ingest holds for `city` (its outbox
    consumer may still be applying a load); that count."""
    def counted(_):
        result = subprocess.run(["psql", database_url, "-X", "-A", "-t", "-c",
                                 f"SELECT count(*) FROM ingest.incidents WHERE city = '{city}'"],
                                capture_output=True, text=True, timeout=60)
        months = next((sorted(c["available_months"]) for c in get_json(base, "/api/v1/cities")["cities"]
                       if c["city"] == city), [])
        if result.returncode != 0 or not months:
            return False
        total = get_json(base, f"/api/v1/heatmap?city={city}&year_from={months[0][:4]}"
                               f"&year_to={months[-1][:4]}")["total"]["incidents"]
        return total if total == int(result.stdout.strip()) else False
    return WebDriverWait(browser, WAIT * 4, poll_frequency=1).until(counted)


def sources_rows(browser) -> dict[str, dict]:
    """The data-sources table as shown: per row (data-city), its cells by data-field."""
    rows = {}
    for row in browser.find_elements(By.CSS_SELECTOR, "#sources-table tbody tr"):
        cells = {c.get_attribute("data-field"): c.text for c in row.find_elements(By.TAG_NAME, "td")}
        cells["missing_list"] = [m for m in (row.get_attribute("data-missing") or "").split(",") if m]
        rows[row.get_attribute("data-city")] = cells
    return rows


def assert_sources_follow_the_api(browser, base: str) -> dict[str, dict]:
    """Waits until the table shows the API's cities, then compares every number; the rows shown."""
    expected = expected_sources(base)
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "sources").get_attribute("data-state") == "loaded"
                                       and set(sources_rows(d)) == set(expected))
    shown = sources_rows(browser)
    for city, want in expected.items():
        row = shown[city]
        assert row["name"] == want["name"]
        assert row["incidents"] == want["incidents"], (city, row, want)
        assert (row["first"], row["last"]) == (want["first"], want["last"]), (city, row, want)
        assert row["missing_list"] == want["missing"], (city, row, want)
        assert row["missing"].startswith("none" if not want["missing"] else f"{len(want['missing']):,}: {want['missing'][0]}")
    return shown


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
    # The data sources follow the API (NYC's 19,452 arrests show only once NYC is loaded).
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "sources").get_attribute("data-state"))
    sources = browser.find_element(By.ID, "sources").text
    for row in expected_sources(base).values():
        assert row["name"] in sources and row["incidents"] in sources

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


def test_data_sources_are_counted_from_what_is_loaded(settled_stack, browser, screenshots, request):
    base = settled_stack["base"]
    browser.get(base + "/methodology")
    shown = assert_sources_follow_the_api(browser, base)
    chicago = shown["chicago"]
    assert (chicago["incidents"], chicago["first"], chicago["last"], chicago["missing"]) == \
        ("267,792", "2017-01", "2017-12", "none")
    assert "City of Chicago Data Portal" in chicago["publisher"] and "beats" in chicago["records"]
    assert browser.find_element(By.ID, "sources-status").text == ""
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-sources.png"))

    # Loading NYC's December 2017 arrests adds its row with the API's numbers on the next visit.
    request.getfixturevalue("nyc_loaded")
    nyc_total = wait_counted(browser, base, settled_stack["database_url"], "nyc")
    browser.get(base + "/methodology")
    shown = assert_sources_follow_the_api(browser, base)
    nyc = shown["nyc"]
    assert (nyc["first"], nyc["last"], nyc["missing"]) == ("2017-12", "2017-12", "none")
    assert nyc["incidents"] == f"{nyc_total:,}" and "NYC Open Data" in nyc["publisher"]
    assert shown["chicago"]["incidents"] == "267,792"
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-sources-nyc.png"))
    # The models request fails while no model is trained (the browser logs it); nothing else may.
    assert not [e for e in severe_console_entries(browser) if "/api/v1/models" not in e.get("message", "")]


@pytest.fixture(scope="module")
def empty_stack(bin_dir, artifact_dir):
    """The three services and a gateway on a fresh database with nothing loaded."""
    with fresh_database("cs_pyempty") as url:
        cluster = Cluster(bin_dir, url, artifact_dir, "methodology-empty")
        try:
            services = {service: cluster.service(service)[1]["unix"] for service in SERVICES}
            port = free_port()
            cluster.gateway(port, services)
            yield {"base": f"http://127.0.0.1:{port}", "database_url": url}
        finally:
            cluster.stop_all()


def test_an_empty_system_says_plainly_that_nothing_is_loaded(empty_stack, browser, screenshots):
    base = empty_stack["base"]
    assert get_json(base, "/api/v1/cities")["cities"] == []
    browser.get(base + "/methodology")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "sources").get_attribute("data-state") == "empty")
    assert browser.find_element(By.ID, "sources-status").text.startswith("Nothing is loaded yet")
    assert not browser.find_element(By.ID, "sources-table").is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, "#sources-table tbody tr") == []
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-sources-empty.png"))
    assert not [e for e in severe_console_entries(browser) if "/api/v1/models" not in e.get("message", "")]


def test_a_load_with_a_gap_shows_its_missing_months(empty_stack, bin_dir, artifact_dir, browser, screenshots):
    """West Yorkshire July 2016 and July 2017 loaded while the page is open: once it is looked at
    again (visibilitychange), the table shows the city with the eleven months between missing."""
    base = empty_stack["base"]
    browser.get(base + "/methodology")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "sources").get_attribute("data-state") == "empty")
    files = [SHARED_DATA / "uk-police-west-yorkshire" / f"{year}-07-west-yorkshire-street.csv.xz" for year in (2016, 2017)]
    for path in files:
        if not path.is_file():
            pytest.fail(f"test data {path} is missing (set CRIMESCOPE_SHARED_DATA)")
    log_path = artifact_dir / "logs" / "methodology-empty-ingest-load.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", "uk-west-yorkshire", "--database-url",
                                 empty_stack["database_url"], *map(str, files)],
                                stdout=log, stderr=log, env=clean_env(), timeout=600)
    assert result.returncode == 0, log_path.read_text()[-2000:]

    total = wait_counted(browser, base, empty_stack["database_url"], "uk-west-yorkshire")

    browser.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
    shown = assert_sources_follow_the_api(browser, base)
    row = shown["uk-west-yorkshire"]
    gap = [f"{2016 + (6 + k) // 12}-{(6 + k) % 12 + 1:02d}" for k in range(1, 12)]
    assert (row["first"], row["last"], row["missing_list"]) == ("2016-07", "2017-07", gap)
    assert row["incidents"] == f"{total:,}"
    assert row["missing"].startswith("11: 2016-08, 2016-09") and row["missing"].endswith("2017-06")
    assert "Open Government Licence" in row["publisher"]
    assert browser.find_element(By.ID, "sources-status").text == ""
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-sources-gap.png"))
    assert not [e for e in severe_console_entries(browser) if "/api/v1/models" not in e.get("message", "")]
