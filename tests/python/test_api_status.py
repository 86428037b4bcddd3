"""The gateway's status mapping end to end, over real sockets: the predict endpoints (their
validation, and the predict service's answer mapped through the one table: UNIMPLEMENTED 501
until it serves them, else 200 conforming to the document), a predict service that is not
there (503 UNAVAILABLE), and a backend slower than the gateway's deadline (504
DEADLINE_EXCEEDED), each with the JSON error body and the request id."""

from __future__ import annotations

import json

import pytest

from conftest import SERVICES, Process, executable, free_port
from test_api import fetch, get_json
from test_api_views import conforms

STATUS_OF = {"INVALID_ARGUMENT": 400, "FAILED_PRECONDITION": 400, "OUT_OF_RANGE": 400, "UNAUTHENTICATED": 401,
             "PERMISSION_DENIED": 403, "NOT_FOUND": 404, "ALREADY_EXISTS": 409, "ABORTED": 409, "RESOURCE_EXHAUSTED": 429,
             "UNIMPLEMENTED": 501, "UNAVAILABLE": 503, "DEADLINE_EXCEEDED": 504}

PREDICT_READS = [
    ("/api/v1/predict?city=chicago&area=1834&hour=3&day_of_week=0&month=5&location_description=STREET", "Prediction"),
    ("/api/v1/forecast?city=chicago&week=2017-12-04", "Forecast"),
    ("/api/v1/models?city=chicago", "Models"),
    ("/api/v1/models/train/1", "Training"),
]


@pytest.mark.parametrize("path,schema", PREDICT_READS)
def test_predict_reads_map_the_predict_services_answer(loaded_stack, path, schema):
    status, headers, raw = fetch(loaded_stack["base"] + path, {"x-request-id": "status-test-1"})
    body = json.loads(raw)
    assert headers["x-request-id"] == "status-test-1"
    if status == 200:
        conforms(loaded_stack, body, schema)
    else:
        conforms(loaded_stack, body, "ApiError")
        assert STATUS_OF.get(body["error"]["code"], 500) == status, body
        assert status != 500, body


@pytest.mark.parametrize("path", [
    "/api/v1/predict?city=chicago&area=1834&hour=24&day_of_week=0&month=5",
    "/api/v1/predict?city=chicago&area=1834&hour=3&day_of_week=7&month=5",
    "/api/v1/predict?city=chicago&hour=3&day_of_week=0&month=5",
    "/api/v1/forecast?city=chicago&week=2017-12-05",
    "/api/v1/forecast?city=chicago&week=2017-12-04&weeks=2",
    "/api/v1/models",
    "/api/v1/models/train/0",
])
def test_predict_parameters_are_checked_before_the_call(loaded_stack, path):
    status, _, raw = fetch(loaded_stack["base"] + path)
    assert status == 400 and json.loads(raw)["error"]["code"] == "INVALID_ARGUMENT", raw


@pytest.fixture(scope="module")
def odd_gateways(loaded_stack, cluster):
    """Two more gateways on the loaded stack: one whose predict endpoint does not exist, one
    whose call deadline (1 ms) no backend can meet."""
    services = {name: eps["unix"] for name, (_, eps) in loaded_stack["services"].items()}
    missing_port, slow_port = free_port(), free_port()
    cluster.gateway(missing_port, {**services, "predict": f"unix://{cluster.sock_dir}/no-predict.sock"})
    argv = [executable(cluster.bin_dir, "gateway"), "serve", "--http-host", "127.0.0.1", "--http-port", str(slow_port),
            "--call-timeout-ms", "1"]
    for name in SERVICES:
        argv += [f"--{name}-endpoint", services[name]]
    slow = Process("gateway", argv, cluster.log_dir / f"{cluster.label}-slow-gateway.log").start()
    cluster.processes.append(slow)
    slow.wait_ready([f"tcp://127.0.0.1:{slow_port}"])
    return {"missing": f"http://127.0.0.1:{missing_port}", "slow": f"http://127.0.0.1:{slow_port}"}


def test_an_absent_predict_service_is_503_unavailable(odd_gateways):
    for path, _ in PREDICT_READS:
        status, headers, raw = fetch(odd_gateways["missing"] + path)
        body = json.loads(raw)
        assert status == 503 and body["error"]["code"] == "UNAVAILABLE", (path, body)
        assert headers.get("x-request-id")
    status, _ = get_json({"base": odd_gateways["missing"]}, "/api/v1/heatmap/window", city="chicago", last="7d")
    assert status == 200  # the other backends still answer


def test_a_deadline_no_backend_can_meet_is_504(odd_gateways):
    # A month of incidents takes the ingest service far longer than 1 ms.
    status, headers, raw = fetch(odd_gateways["slow"] + "/api/v1/incidents?city=chicago&month=2017-06")
    body = json.loads(raw)
    assert status == 504 and body["error"]["code"] == "DEADLINE_EXCEEDED", body
    assert headers.get("x-request-id")
    # Refused parameters are still 400: no call, no deadline.
    status, _, raw = fetch(odd_gateways["slow"] + "/api/v1/incidents?city=chicago&month=2017-6")
    assert status == 400, raw
