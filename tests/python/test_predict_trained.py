"""The predict service's API with Chicago's models really trained (the `trained_stack` fixture:
a small real slice of Chicago 2017, the four per-incident models and the weekly beat forecast
trained through POST /api/v1/models/train): what /api/v1/models reports agrees with the loaded
incidents and with its own curves, /api/v1/predict answers are explained exactly (base value plus
the contributions is the margin, the probability is the margin's logistic), /api/v1/forecast
covers every beat with incidents, and bad requests are refused with JSON errors."""

from __future__ import annotations

import datetime
import json
import math
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import SHARED_DATA, WRITE_TOKEN, clean_env, executable

INCIDENT_KINDS = ["arrest", "domestic", "property", "crime_type"]
BINARY_KINDS = ["arrest", "domestic", "property"]
PROPERTY_TYPES = ("THEFT", "BURGLARY", "MOTOR VEHICLE THEFT", "CRIMINAL DAMAGE", "ARSON", "DECEPTIVE PRACTICE")
FEATURES = ["hour", "day_of_week", "month", "weekend", "quarter", "shift", "beat", "district", "community_area",
            "latitude", "longitude", "location_group", "location_description"]
# The property model's extra columns: the training window's property share by beat, location, …
# (LabelShares; never the crime type or its description, which would give the label away).
PROPERTY_SHARES = ["beat_share", "location_share", "beat_location_share", "cell_share", "location_shift_share", "block_share"]
# The month split of a single year: the last sixth of the months is the test window.
TEST_FROM, TEST_TO = "2017-11-01", "2018-01-01"


def request(base: str, path: str, method: str = "GET", body: dict | None = None,
            headers: dict | None = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            assert response.headers["Content-Type"].startswith("application/json")
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        assert error.headers["Content-Type"].startswith("application/json"), error.headers["Content-Type"]
        return error.code, json.loads(error.read() or b"{}")


def sql(stack: dict, query: str) -> str:
    result = subprocess.run(["psql", stack["database_url"], "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def models(trained_stack) -> dict[str, dict]:
    status, reply = request(trained_stack["base"], "/api/v1/models?city=chicago")
    assert status == 200, reply
    assert reply["city"] == "chicago"
    return {model["kind"]: model for model in reply["models"]}


@pytest.fixture(scope="module")
def busiest_beat(trained_stack) -> str:
    """The beat with the most incidents in the slice."""
    return sql(trained_stack, "SELECT area FROM ingest.incidents WHERE city = 'chicago' AND area IS NOT NULL "
                              "GROUP BY area ORDER BY count(*) DESC, area LIMIT 1")


def predict(stack: dict, **params) -> tuple[int, dict]:
    return request(stack["base"], "/api/v1/predict?" + urllib.parse.urlencode({"city": "chicago", **params}))


# -- GET /api/v1/models ------------------------------------------------------------------------
def test_models_lists_the_five_trained_models(trained_stack, models):
    assert list(models) == INCIDENT_KINDS + ["beat_forecast"]
    for kind, model in models.items():
        assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+-xgboost-" + kind.replace("_", "-"), model["model_version"]), model["model_version"]
        assert model["importances"] and all(i["importance"] >= 0 for i in model["importances"])
        assert any(i["importance"] > 0 for i in model["importances"])
    for kind in INCIDENT_KINDS:
        model = models[kind]
        # One year loaded: split by month, and every window says so.
        assert model["test_window"].startswith(f"{TEST_FROM}..{TEST_TO}"), model["test_window"]
        for window in ("train_window", "validation_window", "test_window"):
            assert "split by month" in model[window]
        names = {i["feature"] for i in model["importances"]}
        assert names <= set(FEATURES + ["primary_type"] + (PROPERTY_SHARES if kind == "property" else [])), names
        if kind not in ("arrest", "domestic"):  # only these two are told the crime type
            assert "primary_type" not in names
        metrics = model["metrics"]
        # Every incident of the slice is in exactly one window.
        assert metrics["train_rows"] + metrics["validation_rows"] + metrics["test_rows"] == trained_stack["rows"]
        assert metrics["test_rows"] == int(sql(trained_stack, "SELECT count(*) FROM ingest.incidents WHERE city = 'chicago' "
                                                              f"AND occurred >= '{TEST_FROM}' AND occurred < '{TEST_TO}'"))
        assert 1 <= metrics["rounds"]


@pytest.mark.parametrize("kind", BINARY_KINDS)
def test_binary_model_metrics_agree_with_the_data_and_the_curve(trained_stack, models, kind):
    model = models[kind]
    metrics = model["metrics"]
    assert 0.5 < metrics["roc_auc"] <= 1
    assert 0 <= metrics["baseline_accuracy"] <= 1 and 0 <= metrics["accuracy"] <= 1
    assert metrics["accuracy"] > metrics["baseline_accuracy"]  # it learnt more than the majority class
    assert 0 < metrics["log_loss"] < math.log(2)
    # The share of yes on the test window is the loaded incidents' share.
    condition = {"arrest": "arrest", "domestic": "domestic",
                 "property": "primary_type IN (" + ", ".join(f"'{t}'" for t in PROPERTY_TYPES) + ")"}[kind]
    yes = int(sql(trained_stack, f"SELECT count(*) FILTER (WHERE {condition}) FROM ingest.incidents WHERE city = 'chicago' "
                                 f"AND occurred >= '{TEST_FROM}' AND occurred < '{TEST_TO}'"))
    assert metrics["positive_rate"] == pytest.approx(yes / metrics["test_rows"], abs=1e-9)
    # The ROC curve runs from (0, 0) to (1, 1) without going back, and its area is the ROC-AUC.
    curve = model["roc_curve"]
    assert len(curve) >= 10 and curve[0] == [0, 0] and curve[-1] == [1, 1]
    for (x0, y0), (x1, y1) in zip(curve, curve[1:]):
        assert 0 <= x0 <= x1 <= 1 and 0 <= y0 <= y1 <= 1
    area = sum((x1 - x0) * (y0 + y1) / 2 for (x0, y0), (x1, y1) in zip(curve, curve[1:]))
    assert area == pytest.approx(metrics["roc_auc"], abs=0.01)
    # The calibration bins hold every test incident; their rates are shares.
    bins = model["calibration"]
    assert bins and sum(b["count"] for b in bins) == metrics["test_rows"]
    for b in bins:
        assert 0 <= b["predicted_mean"] <= 1 and 0 <= b["observed_rate"] <= 1 and b["count"] > 0
    observed = sum(b["observed_rate"] * b["count"] for b in bins) / metrics["test_rows"]
    assert observed == pytest.approx(metrics["positive_rate"], abs=1e-9)
    assert model["pai_curve"] == [] and model["baseline_pai_curve"] == []


def test_crime_type_model_metrics(models):
    model = models["crime_type"]
    metrics = model["metrics"]
    assert 0 < metrics["top1"] <= metrics["top5"] <= 1
    assert 0 < metrics["baseline_top1"] <= metrics["baseline_top5"] <= 1
    assert metrics["top1"] > metrics["baseline_top1"] and metrics["top5"] > metrics["baseline_top5"]
    assert metrics["classes"] >= 10 and metrics["log_loss"] > 0
    assert model["roc_curve"] == [] and model["calibration"] == []


def test_forecast_model_metrics_and_pai_curves(trained_stack, models):
    model = models["beat_forecast"]
    metrics = model["metrics"]
    for window in ("train_window", "validation_window", "test_window"):
        assert "time-ordered 60/20/20 split" in model[window], model[window]
    shapes = int(sql(trained_stack, "SELECT count(*) FROM ingest.areas WHERE city = 'chicago'"))
    assert metrics["areas"] == shapes
    assert metrics["test_weeks"] >= 4 and metrics["mae"] >= 0 and metrics["baseline_mae"] >= 0
    for percent in (5, 10, 20):
        for prefix in ("", "baseline_"):
            pai, hits = metrics[f"{prefix}pai_{percent}"], metrics[f"{prefix}hit_rate_{percent}"]
            assert 1 <= pai <= metrics[f"oracle_pai_{percent}"] + 1e-9  # better than chance, never above the oracle
            assert 0 < hits <= 1 and 0 < metrics[f"{prefix}pei_{percent}"] <= 1 + 1e-9
    for name, prefix in (("pai_curve", ""), ("baseline_pai_curve", "baseline_")):
        curve = model[name]
        assert len(curve) >= 5, name
        shares = [x for x, _ in curve]
        assert shares == sorted(shares) and len(set(shares)) == len(shares) and 0 < shares[0] and shares[-1] == 1
        assert all(y >= 0 for _, y in curve)
        # The curve passes through the reported PAIs.
        points = dict((round(x, 6), y) for x, y in curve)
        for percent in (5, 10, 20):
            assert points[percent / 100] == pytest.approx(metrics[f"{prefix}pai_{percent}"], rel=1e-9)
    # The baseline is the rule with the best validation PAI at 10 %; every score has a bootstrap
    # interval around its mean, and the difference is the model's mean minus the baseline's.
    rules = ("mean_4", "mean_52", "same_week_last_year", "ewm_8")
    chosen = rules[int(metrics["baseline_rule"])]
    assert metrics[f"validation_pai_10_{chosen}"] == max(metrics[f"validation_pai_10_{r}"] for r in rules)
    for percent in (5, 10, 20):
        for score in ("hit_rate", "pai", "pei"):
            key = f"{score}_{percent}"
            for prefix in ("", "baseline_", "difference_"):
                assert metrics[f"{prefix}{key}_low"] <= metrics[f"{prefix}{key}"] <= metrics[f"{prefix}{key}_high"], (prefix, key)
            assert metrics[f"difference_{key}"] == pytest.approx(metrics[key] - metrics[f"baseline_{key}"], abs=1e-9)
    # The model expects something everywhere, so flagging the whole city flags every beat and
    # captures all its crime: PAI 1. (A baseline rule never flags beats it expects nothing in,
    # so its curve need not end at 1.)
    assert model["pai_curve"][-1][1] == pytest.approx(1, abs=1e-9)
    assert model["roc_curve"] == [] and model["calibration"] == []
    names = {i["feature"] for i in model["importances"]}
    assert "beat" in names


# -- GET /api/v1/predict -----------------------------------------------------------------------
def check_answers(reply: dict, models: dict, area: str, top: int | None) -> None:
    assert reply["city"] == "chicago" and reply["area"] == area
    assert [a["kind"] for a in reply["answers"]] == INCIDENT_KINDS
    for answer in reply["answers"]:
        assert answer["model_version"] == models[answer["kind"]]["model_version"]
        assert 0 <= answer["probability"] <= 1
        explanation = answer["explanation"]
        contributions = explanation["contributions"]
        magnitudes = [abs(c["contribution"]) for c in contributions]
        assert magnitudes == sorted(magnitudes, reverse=True)
        features = [c["feature"] for c in contributions]
        assert len(set(features)) == len(features)
        for field in ("inputs_used", "inputs_missing", "inputs_unseen", "inputs_filled"):
            assert isinstance(answer[field], list), field
        assert {"area", "hour", "day_of_week", "month"} <= set(answer["inputs_used"])
        if top is None:  # every contribution: base value + contributions = margin
            expected = FEATURES + (["primary_type"] if answer["kind"] in ("arrest", "domestic") else []) \
                + (PROPERTY_SHARES if answer["kind"] == "property" else [])
            assert sorted(features) == sorted(expected)
            total = explanation["base_value"] + sum(c["contribution"] for c in contributions)
            assert total == pytest.approx(explanation["margin"], abs=1e-5)
            assert next(c["value"] for c in contributions if c["feature"] == "beat") == area
        else:
            assert len(contributions) == top
        if answer["kind"] in BINARY_KINDS:
            assert answer["top_classes"] == []
            assert answer["probability"] == pytest.approx(1 / (1 + math.exp(-explanation["margin"])), rel=1e-9, abs=1e-12)
        else:
            classes = answer["top_classes"]
            assert 1 <= len(classes) and len({c["label"] for c in classes}) == len(classes)
            probabilities = [c["probability"] for c in classes]
            assert probabilities == sorted(probabilities, reverse=True)
            assert all(0 <= p <= 1 for p in probabilities) and sum(probabilities) <= 1 + 1e-9
            assert answer["probability"] == classes[0]["probability"]


def test_predict_explains_every_answer_exactly(trained_stack, models, busiest_beat):
    context = {"area": busiest_beat, "hour": 22, "day_of_week": 4, "month": 12,
               "primary_type": "NARCOTICS", "location_description": "STREET"}
    status, full = predict(trained_stack, **context, top_contributions=20, top_classes=5)
    assert status == 200, full
    check_answers(full, models, busiest_beat, top=None)
    crime_type = full["answers"][3]
    assert len(crime_type["top_classes"]) == 5
    known = set(sql(trained_stack, "SELECT DISTINCT primary_type FROM ingest.incidents WHERE city = 'chicago'").splitlines())
    assert {c["label"] for c in crime_type["top_classes"]} <= known | {"OTHER TYPES (RARE)"}
    for answer in full["answers"]:
        shown = {c["feature"]: c["value"] for c in answer["explanation"]["contributions"]}
        assert shown["hour"] == "22:00" and shown["day_of_week"] == "Friday" and shown["month"] == "12"
        assert shown["weekend"] == "no" and shown["location_description"] == "STREET"
        if "primary_type" in shown:
            assert shown["primary_type"] == "NARCOTICS"

    # The default keeps the five largest contributions of the same explanation.
    status, short = predict(trained_stack, **context)
    assert status == 200, short
    check_answers(short, models, busiest_beat, top=5)
    for brief, whole in zip(short["answers"], full["answers"]):
        assert brief["probability"] == whole["probability"]
        assert brief["explanation"]["margin"] == whole["explanation"]["margin"]
        assert brief["explanation"]["base_value"] == whole["explanation"]["base_value"]
        assert brief["explanation"]["contributions"] == whole["explanation"]["contributions"][:5]


def test_predict_answers_depend_on_the_context(trained_stack, models, busiest_beat):
    replies = []
    for primary_type in ("NARCOTICS", "THEFT"):
        status, reply = predict(trained_stack, area=busiest_beat, hour=3, day_of_week=6, month=6,
                                primary_type=primary_type, top_contributions=20)
        assert status == 200, reply
        check_answers(reply, models, busiest_beat, top=None)
        replies.append({a["kind"]: a for a in reply["answers"]})
    # Arrest and domestic use the crime type; property and the type model do not.
    assert replies[0]["arrest"]["probability"] != replies[1]["arrest"]["probability"]
    assert replies[0]["property"]["probability"] == replies[1]["property"]["probability"]
    # Without a type given the feature reads as missing, and the answers say so.
    status, reply = predict(trained_stack, area=busiest_beat, hour=3, day_of_week=6, month=6, top_contributions=20)
    assert status == 200
    arrest = reply["answers"][0]["explanation"]["contributions"]
    assert next(c["value"] for c in arrest if c["feature"] == "primary_type") == "not given"
    assert reply["answers"][0]["inputs_missing"] == ["location_description", "primary_type"]


def test_predict_reports_the_inputs_each_answer_rests_on(trained_stack, models, busiest_beat):
    """What was used, not given (read as missing: the answer is over every value), never seen
    in training (read as missing too) and taken from the beat's history."""
    when = {"area": busiest_beat, "hour": 3, "day_of_week": 1, "month": 2}
    status, bare = predict(trained_stack, **when)
    assert status == 200, bare
    for answer in bare["answers"]:
        uses_type = answer["kind"] in ("arrest", "domestic")
        assert answer["inputs_used"] == ["area", "hour", "day_of_week", "month"]
        assert answer["inputs_missing"] == ["location_description"] + (["primary_type"] if uses_type else [])
        assert answer["inputs_unseen"] == []
        assert answer["inputs_filled"] == ["position", "district", "community_area"]
    # A location never seen in training is reported, and answered like no location at all.
    status, odd = predict(trained_stack, **when, location_description="SPACESHIP")
    assert status == 200, odd
    for answer, without in zip(odd["answers"], bare["answers"]):
        assert answer["inputs_unseen"] == ["location_description"]
        assert "location_description" not in answer["inputs_missing"] + answer["inputs_used"]
        assert answer["probability"] == without["probability"] and answer["top_classes"] == without["top_classes"]
    # Given values are used; the type only by the models whose question allows it.
    status, given = predict(trained_stack, **when, location_description="street", primary_type="THEFT")
    assert status == 200, given
    for answer in given["answers"]:
        uses_type = answer["kind"] in ("arrest", "domestic")
        assert answer["inputs_used"] == ["area", "hour", "day_of_week", "month", "location_description"] + \
            (["primary_type"] if uses_type else [])
        assert answer["inputs_missing"] == [] and answer["inputs_unseen"] == []
    # Every model was trained with the optional inputs masked on a share of its rows.
    for kind in INCIDENT_KINDS:
        assert models[kind]["metrics"]["masked_input_share"] == pytest.approx(0.15)


@pytest.mark.parametrize("params, field", [
    ({"hour": 24, "day_of_week": 0, "month": 1}, "hour"),
    ({"hour": -1, "day_of_week": 0, "month": 1}, "hour"),
    ({"hour": "x", "day_of_week": 0, "month": 1}, "hour"),
    ({"hour": 3, "day_of_week": 7, "month": 1}, "day_of_week"),
    ({"hour": 3, "day_of_week": 0, "month": 13}, "month"),
    ({"hour": 3, "day_of_week": 0, "month": 1, "top_contributions": 21}, "top_contributions"),
])
def test_predict_refuses_bad_values(trained_stack, busiest_beat, params, field):
    status, reply = predict(trained_stack, area=busiest_beat, **params)
    assert status == 400, reply
    assert reply["error"]["code"] == "INVALID_ARGUMENT" and field in reply["error"]["message"]


def test_predict_unknown_beat_is_not_found(trained_stack):
    status, reply = predict(trained_stack, area="9999", hour=3, day_of_week=0, month=1)
    assert status == 404, reply
    assert reply["error"]["code"] == "NOT_FOUND"


# -- GET /api/v1/forecast ----------------------------------------------------------------------
def test_forecast_covers_every_beat(trained_stack, models):
    status, reply = request(trained_stack["base"], "/api/v1/forecast?city=chicago")
    assert status == 200, reply
    assert reply["city"] == "chicago" and reply["model_version"] == models["beat_forecast"]["model_version"]
    # Absent a week: the week after the data (the slice ends on Sunday 2017-12-31).
    assert reply["week_start"] == "2018-01-01"
    areas = {a["area"]: a for a in reply["areas"]}
    assert len(areas) == len(reply["areas"]) == models["beat_forecast"]["metrics"]["areas"]
    missing = set(trained_stack["areas"]) - set(areas)
    assert not missing, sorted(missing)[:10]
    for area in reply["areas"]:
        assert area["expected_count"] >= 0 and math.isfinite(area["expected_count"])
        explanation = area["explanation"]
        assert len(explanation["contributions"]) == 3  # the default top 3
        # Poisson: the expected count is the exponential of the margin.
        assert area["expected_count"] == pytest.approx(math.exp(explanation["margin"]), rel=1e-9)
    counts = [a["expected_count"] for a in reply["areas"]]
    assert max(counts) > min(counts) and sum(counts) > 0


def test_forecast_for_a_past_week_and_a_crime_group(trained_stack):
    base = trained_stack["base"]
    status, reply = request(base, "/api/v1/forecast?city=chicago&week=2017-12-04&top_contributions=1")
    assert status == 200, reply
    assert reply["week_start"] == "2017-12-04"
    assert all(len(a["explanation"]["contributions"]) == 1 for a in reply["areas"])
    status, violent = request(base, "/api/v1/forecast?city=chicago&week=2017-12-04&crime_group=violent")
    assert status == 200, violent
    assert violent["crime_group"] == "violent"
    assert ({a["area"] for a in violent["areas"]} == {a["area"] for a in reply["areas"]})
    # One crime group expects fewer incidents than all crime, city-wide.
    assert sum(a["expected_count"] for a in violent["areas"]) < sum(a["expected_count"] for a in reply["areas"])


@pytest.mark.parametrize("query", ["week=2017-12-05", "week=2017-13-04", "top_contributions=0"])
def test_forecast_refuses_bad_values(trained_stack, query):
    status, reply = request(trained_stack["base"], "/api/v1/forecast?city=chicago&" + query)
    assert status == 400, reply
    assert reply["error"]["code"] == "INVALID_ARGUMENT"


# -- POST /api/v1/models/train -----------------------------------------------------------------
def test_training_needs_the_token_and_reports_the_finished_job(trained_stack):
    base, job = trained_stack["base"], trained_stack["job"]
    body = {"city": "chicago", "kinds": ["arrest"]}
    status, reply = request(base, "/api/v1/models/train", "POST", body, {"Content-Type": "application/json"})
    assert status == 401 and reply["error"]["code"] == "UNAUTHENTICATED"
    status, reply = request(base, "/api/v1/models/train", "POST", body,
                            {"Content-Type": "application/json", "Authorization": "Bearer wrong-token"})
    assert status == 401 and reply["error"]["code"] == "UNAUTHENTICATED"
    status, reply = request(base, f"/api/v1/models/train/{job['job_id']}")
    assert status == 200
    assert reply == job and reply["finished"] and reply["phase"] == "done" and reply["fraction"] == 1
    status, reply = request(base, f"/api/v1/models/train/{job['job_id'] + 1000}")
    assert status == 404 and reply["error"]["code"] == "NOT_FOUND"


# -- the answers match the served OpenAPI document ---------------------------------------------
def test_trained_answers_match_the_openapi_schemas(trained_stack, busiest_beat):
    """The schema tests elsewhere only ever see these endpoints untrained (errors): here every
    success reply is validated against its 200 response schema in /api/v1/openapi.json."""
    import jsonschema

    base, job = trained_stack["base"], trained_stack["job"]
    status, document = request(base, "/api/v1/openapi.json")
    assert status == 200
    context = urllib.parse.urlencode({"area": busiest_beat, "hour": 1, "day_of_week": 2, "month": 3,
                                      "primary_type": "BATTERY", "top_contributions": 20})
    cases = [("/api/v1/predict", f"/api/v1/predict?city=chicago&{context}"),
             ("/api/v1/forecast", "/api/v1/forecast?city=chicago&week=2017-11-06&crime_group=property"),
             ("/api/v1/models", "/api/v1/models?city=chicago"),
             ("/api/v1/models/train/{job}", f"/api/v1/models/train/{job['job_id']}")]
    for template, path in cases:
        schema = document["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        status, reply = request(base, path)
        assert status == 200, (path, reply)
        # "#/components/..." references resolve against the schema's root, which carries them.
        jsonschema.Draft202012Validator({**schema, "components": document["components"]}).validate(reply)


# -- a label with one value (last: it adds nyc to this module's database) -------------------
NYC_FILES = ("nypd-precincts/police_precincts.geojson.gz", "nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz")


def test_training_refuses_models_whose_label_has_one_value(trained_stack, bin_dir, tmp_path):
    """NYPD's arrest records: every row is an arrest and none is flagged domestic. Training nyc
    through the gateway ends as a failed job whose error names the city, each such model and its
    label, and the models the data could train; nothing is trained for nyc, and Chicago's models
    stay as they were."""
    base = trained_stack["base"]
    for relative in NYC_FILES:
        with open(tmp_path / "ingest-load.log", "ab") as log:
            result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", "nyc", "--database-url",
                                     trained_stack["database_url"], str(SHARED_DATA / relative)],
                                    stdout=log, stderr=log, env=clean_env(), timeout=600)
        assert result.returncode == 0, (tmp_path / "ingest-load.log").read_text()[-2000:]
    _, before = request(base, "/api/v1/models?city=chicago")
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {WRITE_TOKEN}"}
    status, job = request(base, "/api/v1/models/train", "POST", {"city": "nyc"}, headers)
    assert status in (200, 202), job
    deadline = time.monotonic() + 120
    while not job["finished"] and time.monotonic() < deadline:
        time.sleep(0.2)
        status, job = request(base, f"/api/v1/models/train/{job['job_id']}")
        assert status == 200, job
    assert job["finished"] and job["phase"] == "failed", job
    assert "cannot train the models of 'nyc'" in job["error"], job
    assert "the arrest model's label 'arrest' is true in every one of the 19452 rows loaded" in job["error"], job
    assert "the domestic model's label 'domestic' is false in every one of the 19452 rows loaded" in job["error"], job
    assert "train only property (MODEL_KIND_PROPERTY), crime-type (MODEL_KIND_CRIME_TYPE)" in job["error"], job
    status, reply = request(base, "/api/v1/models?city=nyc")
    assert status >= 400 and reply["error"]["code"] == "FAILED_PRECONDITION", reply
    assert request(base, "/api/v1/models?city=chicago") == (200, before)

