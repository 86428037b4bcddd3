"""The predict view (#/predict) and the methodology page (/methodology) in headless Chromium
against a stack whose Chicago models are really trained (`trained_stack`): the four answers with
their "why" bars for a chosen beat agree with /api/v1/predict, the forecast layer colours the
beats by /api/v1/forecast's expected counts, and the methodology page shows each model's test
metrics, draws its ROC and importance charts and the forecast's PAI chart. No console errors."""
from __future__ import annotations

import csv
import json
import re
import subprocess
import urllib.parse
import urllib.request
from collections import Counter

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_browser import WAIT, browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)

KINDS = ["arrest", "domestic", "property", "crime_type"]

# Pixels of a canvas that are not transparent (a drawn chart has thousands).
PAINTED = """
const c = arguments[0], data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
let n = 0;
for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
return n;
"""
# The fill colour of every beat drawn on the predict map.
FILLS = "return [...document.querySelectorAll('#predict-map path.leaflet-interactive')].map(p => p.getAttribute('fill'))"
# Each dataset's point count of the Chart.js chart on a canvas (null without one).
CHART_POINTS = "const chart = Chart.getChart(arguments[0]); return chart ? chart.data.datasets.map(d => d.data.length) : null;"


def get(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def beats_by_count(stack: dict) -> list[str]:
    """Beats with the most incidents in the slice first."""
    result = subprocess.run(["psql", stack["database_url"], "-X", "-A", "-t", "-c",
                             "SELECT area FROM ingest.incidents WHERE city = 'chicago' AND area IS NOT NULL "
                             "GROUP BY area ORDER BY count(*) DESC, area LIMIT 2"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def check_cards(answers, reply: dict) -> None:
    cards = answers.find_elements(By.CSS_SELECTOR, "article.answer")
    assert [c.get_attribute("data-kind") for c in cards] == [a["kind"] for a in reply["answers"]] == KINDS
    for answer, card in zip(reply["answers"], cards):
        result = card.find_element(By.CSS_SELECTOR, "p.result").text
        # An answer missing inputs is shown as an average over them, never as a bare number.
        lacking = answer["inputs_missing"] + answer["inputs_unseen"]
        averaged = card.find_elements(By.CSS_SELECTOR, "p.averaged")
        if lacking:
            over = {"location_description": "location", "primary_type": "crime type"}
            assert result.startswith("≈ ")
            assert len(averaged) == 1 and averaged[0].text.startswith("Averaged over every ")
            for name in lacking:
                assert over.get(name, name) in averaged[0].text
        else:
            assert not averaged and not result.startswith("≈")
        prefix = "≈ " if lacking else ""
        if answer["kind"] == "crime_type":
            for klass in answer["top_classes"]:
                assert f"{klass['label']} {100 * klass['probability']:.1f}%" in result
        else:
            assert result == f"{prefix}{100 * answer['probability']:.1f}% likely"
            assert float(card.find_element(By.CSS_SELECTOR, "p.result").get_attribute("data-probability")) == answer["probability"]
        assert card.find_element(By.CSS_SELECTOR, "p.version").text == answer["model_version"]
        contributions = answer["explanation"]["contributions"]
        bars = card.find_elements(By.CSS_SELECTOR, ".why li")
        assert len(bars) == len(contributions) == 5
        largest = max(abs(c["contribution"]) for c in contributions)
        for contribution, bar in zip(contributions, bars):
            assert float(bar.get_attribute("data-contribution")) == contribution["contribution"]
            value = contribution["value"] if contribution["value"] != "" else "not given"
            assert bar.find_element(By.CSS_SELECTOR, ".label").text == f"{contribution['feature']} = {value}"
            drawn = bar.find_element(By.CSS_SELECTOR, ".bar.up" if contribution["contribution"] >= 0 else ".bar.down")
            width = float(drawn.value_of_css_property("width").removesuffix("px"))
            if abs(contribution["contribution"]) == largest:
                assert width > 10, width  # the largest bar spans half its track
        # At least one contribution is not zero: the bars say something.
        assert largest > 0
    # The inputs the answers rest on, beside them: the union over the four answers.
    inputs = answers.find_element(By.ID, "predict-inputs")
    for state in ("used", "missing", "unseen", "filled"):
        names = {n for a in reply["answers"] for n in a[f"inputs_{state}"]}
        shown = inputs.find_elements(By.CSS_SELECTOR, f"dd[data-inputs={state}]")
        assert len(shown) == (1 if names else 0), state
    missing = {n for a in reply["answers"] for n in a["inputs_missing"]}
    text = inputs.find_element(By.CSS_SELECTOR, "dd[data-inputs=missing]").text
    assert ("location" in text) == ("location_description" in missing) and ("crime type" in text) == ("primary_type" in missing)
    assert "position (its average)" in inputs.find_element(By.CSS_SELECTOR, "dd[data-inputs=filled]").text


def test_predict_view_with_trained_models(trained_stack, browser, screenshots):
    base = trained_stack["base"]
    beats = beats_by_count(trained_stack)
    first, second = beats[0], beats[1]
    browser.get(base + f"/#/predict?city=chicago&area={first}&hour=22&day=4&month=12&type=NARCOTICS")
    answers = browser.find_element(By.ID, "predict-answers")
    WebDriverWait(browser, WAIT).until(lambda d: answers.get_attribute("data-state") == "answers")
    assert Select(browser.find_element(By.ID, "predict-area")).first_selected_option.get_attribute("value") == first
    assert Select(browser.find_element(By.ID, "predict-type")).first_selected_option.get_attribute("value") == "NARCOTICS"
    query = {"city": "chicago", "area": first, "hour": 22, "day_of_week": 4, "month": 12, "primary_type": "NARCOTICS"}
    reply = get(base, "/api/v1/predict?" + urllib.parse.urlencode(query))
    assert answers.find_element(By.CSS_SELECTOR, "p.context").text == \
        f"For a reported incident in {first} on a Friday in December at 22:00 (NARCOTICS):"
    check_cards(answers, reply)
    assert "never about people" in browser.find_element(By.ID, "predict-panel").text

    # Another beat, hour and day through the form: the answers follow, and so does the URL.
    Select(browser.find_element(By.ID, "predict-area")).select_by_value(second)
    Select(browser.find_element(By.ID, "predict-hour")).select_by_value("9")
    Select(browser.find_element(By.ID, "predict-day")).select_by_value("6")
    Select(browser.find_element(By.ID, "predict-type")).select_by_value("")
    browser.find_element(By.ID, "predict-ask").click()
    WebDriverWait(browser, WAIT).until(
        lambda d: answers.get_attribute("data-state") == "answers" and f"in {second} on a Sunday" in answers.text)
    assert f"area={second}" in browser.current_url and "hour=9" in browser.current_url
    query = {"city": "chicago", "area": second, "hour": 9, "day_of_week": 6, "month": 12}
    other = get(base, "/api/v1/predict?" + urllib.parse.urlencode(query))
    check_cards(answers, other)
    assert other["answers"][0]["probability"] != reply["answers"][0]["probability"]

    # The forecast layer: every beat with a forecast coloured by its class of expected count.
    forecast = get(base, "/api/v1/forecast?city=chicago")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "predict-map").get_attribute("data-forecast") == "shown")
    note = browser.find_element(By.ID, "predict-forecast-note").text
    assert forecast["week_start"] in note and forecast["model_version"] in note
    expected = browser.execute_script("""
        const counts = arguments[0], breaks = CS.quantileBreaks(Object.values(counts));
        const names = arguments[1];
        return names.map(area => counts[area] === undefined ? CS.palettes.empty : CS.classColour(counts[area], breaks));
    """, {a["area"]: a["expected_count"] for a in forecast["areas"]}, trained_stack["areas"])
    fills = Counter(browser.execute_script(FILLS))
    assert len(fills) >= 4, fills
    # Every beat with incidents has a forecast: its colour is one of the page's classes, and the
    # drawn colours are exactly the forecast's classes (plus grey for shapes without one).
    empty = browser.execute_script("return CS.palettes.empty")
    assert empty not in expected and set(expected) <= set(fills)
    all_expected = Counter(browser.execute_script("""
        const counts = arguments[0], breaks = CS.quantileBreaks(Object.values(counts));
        return Object.values(counts).map(v => CS.classColour(v, breaks));
    """, {a["area"]: a["expected_count"] for a in forecast["areas"]}))
    drawn = Counter({colour: n for colour, n in fills.items() if colour != empty})
    assert drawn == Counter({colour: n for colour, n in all_expected.items() if colour != empty}), (drawn, all_expected)
    key = browser.find_element(By.ID, "predict-key")
    assert key.is_displayed() and len(key.find_elements(By.CSS_SELECTOR, ".row")) >= 3
    browser.save_screenshot(str(screenshots / "predict-trained.png"))

    # Switching the layer off greys every beat and hides the legend.
    browser.find_element(By.ID, "predict-forecast").click()
    WebDriverWait(browser, WAIT).until(lambda d: not d.find_element(By.ID, "predict-key").is_displayed())
    assert set(browser.execute_script(FILLS)) == {empty}
    browser.find_element(By.ID, "predict-forecast").click()
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "predict-key").is_displayed())
    assert Counter(browser.execute_script(FILLS)) == fills

    # The two downloads: the answer asked last (every model's contributions, for the second beat)
    # and the forecast layer, each the export of what is on screen, parsed and compared.
    answer_csv = browser.find_element(By.ID, "predict-export-csv")
    assert answer_csv.text == "Answer ⤓ CSV" and answer_csv.get_attribute("aria-disabled") is None
    href = urllib.parse.urlsplit(answer_csv.get_attribute("href"))
    assert href.path == "/api/v1/export/predict"
    assert dict(urllib.parse.parse_qsl(href.query)) == {"format": "csv", **{k: str(v) for k, v in query.items()}}
    with urllib.request.urlopen(base + href.path + "?" + href.query, timeout=60) as response:
        text = response.read().decode()
    rows = [r for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))]
    assert {r["model"] for r in rows} == set(KINDS)
    forecast_geojson = browser.find_element(By.ID, "predict-forecast-export-geojson")
    assert forecast_geojson.text == "Forecast ⤓ GeoJSON"
    href = urllib.parse.urlsplit(forecast_geojson.get_attribute("href"))
    assert href.path == "/api/v1/export/forecast" and dict(urllib.parse.parse_qsl(href.query)) == {"format": "geojson", "city": "chicago"}
    with urllib.request.urlopen(base + href.path + "?" + href.query, timeout=60) as response:
        collection = json.loads(response.read())
    exported = {f["properties"]["area"]: float(f["properties"]["expected_count"]) for f in collection["features"]}
    assert exported.keys() == {a["area"] for a in forecast["areas"]}
    assert all(abs(exported[a["area"]] - a["expected_count"]) <= 1e-9 * max(1.0, a["expected_count"]) for a in forecast["areas"])
    # One Copy link per view: the forecast bar has none.
    assert browser.find_elements(By.ID, "predict-copy-link") and not browser.find_elements(By.ID, "predict-forecast-copy-link")

    severe = severe_console_entries(browser)
    assert not severe, severe


def test_methodology_with_trained_models(trained_stack, browser, screenshots):
    base = trained_stack["base"]
    models = get(base, "/api/v1/models?city=chicago")["models"]
    browser.get(base + "/methodology")
    section = browser.find_element(By.ID, "models")
    WebDriverWait(browser, WAIT).until(lambda d: section.get_attribute("data-state") == "models")
    assert browser.find_element(By.ID, "models-empty").get_attribute("hidden") is not None
    cards = browser.find_elements(By.CSS_SELECTOR, "#models-list article.model")
    incident = [m for m in models if m["kind"] != "beat_forecast"]
    assert [c.get_attribute("data-kind") for c in cards] == [m["kind"] for m in incident] == KINDS
    for model, card in zip(incident, cards):
        assert model["model_version"] in card.find_element(By.TAG_NAME, "h3").text
        windows = card.find_element(By.CSS_SELECTOR, "p.windows").text
        assert model["train_window"] in windows and model["test_window"] in windows
        rows = {r.get_attribute("data-metric"): r for r in card.find_elements(By.CSS_SELECTOR, "table.metrics tr[data-metric]")}
        assert set(rows) == {k for k in model["metrics"] if not k.startswith("baseline_")}
        for key, row in rows.items():  # readable labels, never the raw keys
            assert "_" not in row.find_element(By.TAG_NAME, "td").text, key
        headline = "roc_auc" if model["kind"] != "crime_type" else "top5"
        cells = rows[headline].find_elements(By.TAG_NAME, "td")
        assert abs(float(cells[1].text) - model["metrics"][headline]) < 0.0005
        baseline = "baseline_accuracy" if model["kind"] != "crime_type" else "baseline_top5"
        column = "accuracy" if model["kind"] != "crime_type" else "top5"
        assert abs(float(rows[column].find_elements(By.TAG_NAME, "td")[2].text) - model["metrics"][baseline]) < 0.0005
        assert rows["test_rows"].find_elements(By.TAG_NAME, "td")[1].text == f"{int(model['metrics']['test_rows']):,}"
        roc, importance = card.find_elements(By.TAG_NAME, "canvas")
        if model["kind"] == "crime_type":
            assert browser.execute_script(CHART_POINTS, roc) is None  # no ROC curve for the type model
        else:
            assert browser.execute_script(CHART_POINTS, roc) == [len(model["roc_curve"]), 2]
            assert browser.execute_script(PAINTED, roc) > 2000
            rows_shown = card.find_elements(By.CSS_SELECTOR, "details table.calibration tr")
            assert len(rows_shown) - 1 == len(model["calibration"])  # a header, then one row a bin
        assert browser.execute_script(CHART_POINTS, importance) == [min(10, len(model["importances"]))]
        assert browser.execute_script(PAINTED, importance) > 2000
        labels = browser.execute_script("return Chart.getChart(arguments[0]).data.labels", importance)
        top = sorted(model["importances"], key=lambda i: -i["importance"])[:10]
        assert labels == [i["feature"] for i in top]

    forecast = next(m for m in models if m["kind"] == "beat_forecast")
    evaluation = browser.find_element(By.ID, "forecast-evaluation")
    assert evaluation.is_displayed()
    assert forecast["model_version"] in evaluation.find_element(By.TAG_NAME, "h3").text
    rows = {r.get_attribute("data-metric"): r.find_elements(By.TAG_NAME, "td")
            for r in browser.find_elements(By.CSS_SELECTOR, "#forecast-metrics tr[data-metric]")}
    interval_key = re.compile(r"(_low|_high)$|^difference_|^validation_|^test_pai_10_|^sum_of_groups_|^baseline_rule$")
    assert set(rows) == {k for k in forecast["metrics"] if not k.startswith("baseline_") and not interval_key.search(k)}
    for key, cells in rows.items():  # readable labels, never the raw keys
        assert "_" not in cells[0].text, (key, cells[0].text)
    assert rows["mae_h2"][0].text == "MAE (incidents per beat-week), 2 weeks ahead"
    assert abs(float(rows["mae_h2"][2].text) - forecast["metrics"]["baseline_mae_h2"]) < 0.0005
    for percent in (5, 10, 20):
        cells = rows[f"pai_{percent}"]
        assert cells[0].text == f"PAI at {percent} % of the area"
        assert abs(float(cells[1].text) - forecast["metrics"][f"pai_{percent}"]) < 0.0005
        assert abs(float(cells[2].text) - forecast["metrics"][f"baseline_pai_{percent}"]) < 0.0005
    # The interval table: model, baseline and difference with their 95 % intervals, as the API gives
    # them, and whether the difference's interval excludes zero; the verdict says it in words.
    m = forecast["metrics"]
    rules = ["mean of the last 4 weeks", "mean of the last 52 weeks", "same week last year",
             "exponentially weighted mean (half-life 8 weeks)"]
    rule = rules[int(m["baseline_rule"])]
    assert rule in evaluation.find_element(By.TAG_NAME, "h3").text
    shown = {r.get_attribute("data-metric"): [c.text for c in r.find_elements(By.TAG_NAME, "td")]
             for r in browser.find_elements(By.CSS_SELECTOR, "#forecast-intervals tr[data-metric]")}
    assert set(shown) == {f"{s}_{p}" for s in ("hit_rate", "pai", "pei") for p in (5, 10, 20)}

    def interval(key):
        return f"{m[key]:.3f} [{m[key + '_low']:.3f}, {m[key + '_high']:.3f}]"

    for key, cells in shown.items():
        assert cells[1:4] == [interval(key), interval("baseline_" + key), interval("difference_" + key)], (key, cells)
        assert m[key + "_low"] <= m[key] <= m[key + "_high"]
        low, high = m[f"difference_{key}_low"], m[f"difference_{key}_high"]
        assert cells[4] == ("yes: model higher" if low > 0 else "yes: baseline higher" if high < 0 else "no"), (key, cells)
    verdict = browser.find_element(By.ID, "forecast-verdict").text
    assert interval("difference_pai_10") in verdict
    excludes = m["difference_pai_10_low"] > 0 or m["difference_pai_10_high"] < 0
    assert ("interval includes zero" in verdict) == (not excludes) and ("interval excludes zero" in verdict) == excludes, verdict
    rule_rows = {r.get_attribute("data-rule"): [c.text for c in r.find_elements(By.TAG_NAME, "td")]
                 for r in browser.find_elements(By.CSS_SELECTOR, "#forecast-rules tr[data-rule]")}
    assert set(rule_rows) == {"mean_4", "mean_52", "same_week_last_year", "ewm_8", "model"}
    chosen = [key for key, cells in rule_rows.items() if "the baseline" in cells[0]]
    assert chosen == [["mean_4", "mean_52", "same_week_last_year", "ewm_8"][int(m["baseline_rule"])]]
    best = max(("mean_4", "mean_52", "same_week_last_year", "ewm_8"), key=lambda k: m[f"validation_pai_10_{k}"])
    assert m[f"validation_pai_10_{best}"] == m[f"validation_pai_10_{chosen[0]}"]
    chart = browser.find_element(By.ID, "pai-chart")
    assert browser.execute_script(CHART_POINTS, chart) == [len(forecast["pai_curve"]), len(forecast["baseline_pai_curve"])]
    assert browser.execute_script(PAINTED, chart) > 2000
    browser.execute_script("document.getElementById('models').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-trained.png"))
    browser.execute_script("document.getElementById('forecast-evaluation').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-trained-forecast.png"))

    severe = severe_console_entries(browser)
    assert not severe, severe
