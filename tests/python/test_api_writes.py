"""The gateway's token-protected writes and its run rejects against the real stack: a load
needs `Authorization: Bearer <token>` (401 with `WWW-Authenticate: Bearer` without it or with a
wrong one, and then no run
starts), the token reaches the ingest service unchanged, and the run's rejects page through
`/api/v1/ingest/runs/{id}/rejects` in line order. The load goes to a city of its own
(`uk-gateway-test`) whose rows are all rejected, so the other tests' data never changes."""

from __future__ import annotations

import json
import lzma
import urllib.request
from pathlib import Path

import pytest

from conftest import SHARED_DATA, WRITE_TOKEN, short_tmpdir
from test_api import fetch, get_json
from test_api_views import conforms

CITY = "uk-gateway-test"


def post(stack, path: str, body, token: str | None = None, content_type: str = "application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(stack["base"] + path, data=data, method="POST", headers={"Content-Type": content_type})
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def rejected_file() -> Path:
    """Three real West Yorkshire rows (wrong city for CITY) and three broken ones: six rejects."""
    source = SHARED_DATA / "uk-police-west-yorkshire" / "2016-07-west-yorkshire-street.csv.xz"
    lines = lzma.open(source, "rt").read().splitlines()[:4]
    lines += ["x1,2016-13,West Yorkshire Police,West Yorkshire Police,-1.55,53.59,On or near X,E01007359,Barnsley 005C,Burglary,,",
              "x2,2016-07,West Yorkshire Police,West Yorkshire Police,abc,53.59,On or near X,E01007359,Barnsley 005C,Burglary,,",
              "only,three,fields"]
    path = short_tmpdir("cs-gw-load-") / "rejects.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def runs_of(stack) -> list:
    return get_json(stack, "/api/v1/ingest/runs", city=CITY, limit=50)[1]["runs"]


def test_a_load_without_the_right_token_starts_nothing(loaded_stack, rejected_file):
    before = runs_of(loaded_stack)
    body = {"city": CITY, "path": str(rejected_file), "source": "police-uk-csv", "wait": True}
    status, reply = post(loaded_stack, "/api/v1/ingest/loads", body)
    assert status == 401 and reply["error"]["code"] == "UNAUTHENTICATED", reply
    status, reply = post(loaded_stack, "/api/v1/ingest/loads", body, token="not-the-token")
    assert status == 401 and reply["error"]["code"] == "UNAUTHENTICATED", reply
    assert runs_of(loaded_stack) == before


@pytest.mark.parametrize("body", [
    {"city": CITY}, {"city": CITY, "path": "relative.csv"}, {"city": CITY, "path": "/x", "source": "excel"},
    {"city": CITY, "path": "/x", "wait": "yes"}, {"city": CITY, "path": "/x", "colour": "red"}, {"city": "Chicago", "path": "/x"}, [],
])
def test_bad_load_bodies_are_400(loaded_stack, body):
    status, reply = post(loaded_stack, "/api/v1/ingest/loads", body, token=WRITE_TOKEN)
    assert status == 400 and reply["error"]["code"] == "INVALID_ARGUMENT", reply


def test_a_missing_file_is_404_from_the_ingest_service(loaded_stack):
    status, reply = post(loaded_stack, "/api/v1/ingest/loads", {"city": CITY, "path": "/nonexistent/file.csv"}, token=WRITE_TOKEN)
    assert status == 404 and reply["error"]["code"] == "NOT_FOUND", reply


def test_a_load_runs_and_its_rejects_page_in_line_order(loaded_stack, rejected_file):
    status, reply = post(loaded_stack, "/api/v1/ingest/loads",
                         {"city": CITY, "path": str(rejected_file), "source": "police-uk-csv", "wait": True}, token=WRITE_TOKEN)
    assert status == 200, reply
    conforms(loaded_stack, reply, "Load")
    run = reply["run"]
    assert run["status"] == "RUN_STATUS_SUCCEEDED" and run["city"] == CITY
    assert run["read"] == 6 and run["rejected"] == 6 and run["inserted"] == 0
    assert reply["rejects"] == f"/api/v1/ingest/runs/{run['run_id']}/rejects"
    assert runs_of(loaded_stack)[0]["run_id"] == run["run_id"]

    status, first = get_json(loaded_stack, reply["rejects"], limit=4)
    assert status == 200, first
    conforms(loaded_stack, first, "Rejects")
    assert first["total"] == 6 and len(first["rejects"]) == 4
    status, second = get_json(loaded_stack, reply["rejects"], limit=4, after_line=first["next_after_line"])
    assert status == 200 and len(second["rejects"]) == 2 and "next_after_line" not in second
    lines = [r["line_number"] for r in first["rejects"] + second["rejects"]]
    assert lines == sorted(lines) and len(set(lines)) == 6 and first["next_after_line"] == lines[3]
    reasons = " ".join(r["reason"] for r in first["rejects"] + second["rejects"])
    assert "uk-west-yorkshire" in reasons and "2016-13" in reasons
    # Asynchronous (the default): 202 with the running or just finished run.
    status, later = post(loaded_stack, "/api/v1/ingest/loads", {"city": CITY, "path": str(rejected_file)}, token=WRITE_TOKEN)
    assert status in (200, 202) and later["run"]["run_id"] > run["run_id"], later


def test_rejects_of_an_unknown_run_are_404_and_bad_pages_400(loaded_stack):
    status, body = get_json(loaded_stack, "/api/v1/ingest/runs/999999/rejects")
    assert status == 404 and body["error"]["code"] == "NOT_FOUND", body
    for path in ("/api/v1/ingest/runs/0/rejects", "/api/v1/ingest/runs/x/rejects", "/api/v1/ingest/runs/1/rejects?limit=0",
                 "/api/v1/ingest/runs/1/rejects?after_line=-1", "/api/v1/ingest/runs/1/rejects?page=2"):
        status, _, raw = fetch(loaded_stack["base"] + path)
        assert status == 400 and json.loads(raw)["error"]["code"] == "INVALID_ARGUMENT", (path, raw)
