"""The predict view's downloads `GET /api/v1/export/{forecast,predict,models}?format=csv|geojson`
against the real stack with Chicago's models trained (the `trained_stack` fixture): each file is
parsed (CSV with its `#` block, GeoJSON) and every row equals the JSON endpoint it mirrors
(/api/v1/forecast, /api/v1/predict, /api/v1/models); a prediction's exported contributions still
add up to its margin; bad queries are 4xx JSON, as on the JSON endpoints."""

from __future__ import annotations

import json
import math
import urllib.parse

import pytest

from test_api_exports import api_json, export, get, parse_csv


def shown(text: str) -> str:
    """A CSV text cell as the JSON has it: the exporter prefixes `'` to text a spreadsheet would run
    as a formula (a first `=`, `+`, `-` or `@`, e.g. a negative longitude shown as a value)."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text


def floats_equal(text: str, number: float) -> bool:
    return math.isclose(float(text), number, rel_tol=1e-12, abs_tol=1e-12)


def test_forecast_export_matches_the_forecast(trained_stack):
    base = trained_stack["base"]
    params = {"city": "chicago", "week": "2017-12-04", "top_contributions": "4"}
    forecast = api_json(base, "/api/v1/forecast", **params)
    shapes = {f["properties"]["area"]: f for f in api_json(base, "/api/v1/areas/shapes", city="chicago")["features"]}

    headers, body = export(base, "forecast", "csv", **params)
    assert headers["content-type"].startswith("text/csv")
    assert headers["content-disposition"] == (
        'attachment; filename="crimescope-forecast-chicago-top_contributions-4-week-2017-12-04.csv"')
    meta, rows = parse_csv(body)
    assert meta["view"] == "forecast" and meta["week"] == "2017-12-04" and meta["top_contributions"] == "4"
    assert meta["model_version"] == forecast["model_version"] and meta["week_start"] == forecast["week_start"]
    assert meta["crime_group"] == "all" and int(meta["areas"]) == len(forecast["areas"])
    assert meta["api"] == "/api/v1/forecast?city=chicago&top_contributions=4&week=2017-12-04"
    assert [r["area"] for r in rows] == [a["area"] for a in forecast["areas"]]
    assert list(rows[0]) == ["area", "name", "expected_count", "base_value", "margin"] + [
        f"factor_{i}{suffix}" for i in range(1, 5) for suffix in ("", "_value", "_contribution")]
    for row, area in zip(rows, forecast["areas"]):
        assert floats_equal(row["expected_count"], area["expected_count"])
        explanation = area["explanation"]
        assert floats_equal(row["base_value"], explanation["base_value"]) and floats_equal(row["margin"], explanation["margin"])
        for i, item in enumerate(explanation["contributions"], start=1):
            assert (row[f"factor_{i}"], shown(row[f"factor_{i}_value"])) == (item["feature"], item["value"])
            assert floats_equal(row[f"factor_{i}_contribution"], item["contribution"])
        assert row["name"] == shapes[area["area"]]["properties"]["name"]

    headers, body = export(base, "forecast", "geojson", **params)
    assert headers["content-type"].startswith("application/geo+json")
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection" and collection["metadata"]["week_start"] == forecast["week_start"]
    assert len(collection["features"]) == len(forecast["areas"])
    for feature, area in zip(collection["features"], forecast["areas"]):
        properties = feature["properties"]
        assert properties["area"] == area["area"] and properties["expected_count"] == area["expected_count"]
        assert properties["factor_1"] == area["explanation"]["contributions"][0]["feature"]
        assert feature["geometry"] == shapes[area["area"]]["geometry"]


def test_predict_export_is_the_explained_prediction(trained_stack):
    base = trained_stack["base"]
    area = trained_stack["areas"][0]
    params = {"city": "chicago", "area": area, "hour": "22", "day_of_week": "4", "month": "12",
              "location_description": "STREET", "top_contributions": "20"}
    reply = api_json(base, "/api/v1/predict", **params)
    shape = next(f for f in api_json(base, "/api/v1/areas/shapes", city="chicago")["features"]
                 if f["properties"]["area"] == area)

    headers, body = export(base, "predict", "csv", **params)
    assert headers["content-disposition"].startswith('attachment; filename="crimescope-predict-chicago-area-')
    meta, rows = parse_csv(body)
    assert meta["view"] == "predict" and meta["area"] == area and meta["location_description"] == "STREET"
    expected = [(answer, rank, item) for answer in reply["answers"]
                for rank, item in enumerate(answer["explanation"]["contributions"], start=1)]
    assert len(rows) == len(expected) > 0
    for row, (answer, rank, item) in zip(rows, expected):
        assert (row["model"], row["model_version"], int(row["rank"])) == (answer["kind"], answer["model_version"], rank)
        assert (row["feature"], shown(row["value"])) == (item["feature"], item["value"])
        assert floats_equal(row["contribution"], item["contribution"])
        assert floats_equal(row["probability"], answer["probability"])
        assert floats_equal(row["margin"], answer["explanation"]["margin"])
    for answer in reply["answers"]:
        assert meta[f"{answer['kind']}_inputs_used"].split() == answer["inputs_used"]
        assert meta[f"{answer['kind']}_inputs_missing"].split() == answer["inputs_missing"]
        # Every contribution is exported: base value plus them is the margin, from the file alone.
        mine = [r for r in rows if r["model"] == answer["kind"]]
        total = float(mine[0]["base_value"]) + sum(float(r["contribution"]) for r in mine)
        assert total == pytest.approx(float(mine[0]["margin"]), abs=1e-5)
    top = reply["answers"][3]["top_classes"]
    assert meta["crime_type_top_classes"].split("; ")[0] == f"{top[0]['label']}={top[0]['probability']}"

    _, body = export(base, "predict", "geojson", **params)
    collection = json.loads(body)
    assert len(collection["features"]) == len(expected)
    assert all(f["geometry"] == shape["geometry"] for f in collection["features"])
    first = collection["features"][0]["properties"]
    assert (first["model"], first["rank"], first["contribution"]) == (
        "arrest", 1, reply["answers"][0]["explanation"]["contributions"][0]["contribution"])


def test_models_export_is_the_evaluation_table(trained_stack):
    base = trained_stack["base"]
    models = api_json(base, "/api/v1/models", city="chicago")["models"]
    _, body = export(base, "models", "csv", city="chicago")
    meta, rows = parse_csv(body)
    assert meta["view"] == "models" and int(meta["models"]) == len(models)
    expected = [(m, name) for m in models for name in sorted(m["metrics"])]
    assert len(rows) == len(expected)
    for row, (model, name) in zip(rows, expected):
        assert (row["model"], row["model_version"], row["metric"]) == (model["kind"], model["model_version"], name)
        assert (row["train_window"], row["test_window"]) == (model["train_window"], model["test_window"])
        assert floats_equal(row["value"], model["metrics"][name])
    by_key = {(r["model"], r["metric"]): r for r in rows}
    assert ("property", "roc_auc") in by_key and ("beat_forecast", "difference_pai_10_low") in by_key

    _, body = export(base, "models", "geojson", city="chicago")
    collection = json.loads(body)
    assert len(collection["features"]) == len(expected)
    assert all(f["geometry"] is None for f in collection["features"])


@pytest.mark.parametrize("view, params, status, needle", [
    ("forecast", {"week": "2017-12-05"}, 400, "Monday"),
    ("predict", {"area": "0111", "hour": "24", "day_of_week": "1", "month": "1"}, 400, "hour"),
    ("predict", {"area": "no-such-beat", "hour": "3", "day_of_week": "1", "month": "1"}, 404, "beat"),
    ("models", {"area": "0111"}, 400, "area"),
])
def test_bad_predict_exports_are_4xx_json(trained_stack, view, params, status, needle):
    query = urllib.parse.urlencode({"format": "csv", "city": "chicago", **params})
    code, headers, body = get(trained_stack["base"], f"/api/v1/export/{view}?{query}")
    assert code == status, body[:300]
    assert headers["content-type"].startswith("application/json")
    assert needle in json.loads(body)["error"]["message"]
