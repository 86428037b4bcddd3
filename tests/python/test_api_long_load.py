"""`POST /api/v1/ingest/loads` with `wait` never answers 504 while the load goes on: a load that
outlasts the backend call's deadline is answered `202 Accepted` with `Location:
/api/v1/ingest/runs/{run}`, which follows it to its end.

The file is a FIFO the test holds open, so the load cannot end before the deadline whatever the
machine's speed: the test decides when the rest of the file arrives (an event, not a timer)."""

from __future__ import annotations

import json
import lzma
import os
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import SHARED_DATA, WRITE_TOKEN, free_port, short_tmpdir

CITY = "uk-west-yorkshire"
SOURCE = SHARED_DATA / "uk-police-west-yorkshire" / "2017-07-west-yorkshire-street.csv.xz"
ROWS = 28_537


def request(base: str, path: str, body=None, token: str | None = None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method="GET" if body is None else "POST",
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.fixture(scope="module")
def short_deadline_stack(cluster):
    """The three services and a gateway whose backend calls have a 1.5 s deadline."""
    backends = {name: cluster.service(name)[1]["unix"] for name in ("ingest", "heatmap", "predict")}
    port = free_port()
    cluster.gateway(port, backends, extra=("--call-timeout-ms", "1500"))
    return f"http://127.0.0.1:{port}"


def test_a_load_longer_than_the_deadline_is_202_with_its_run_to_follow(short_deadline_stack):
    base = short_deadline_stack
    lines = lzma.open(SOURCE, "rb").read().splitlines(keepends=True)
    assert len(lines) == ROWS + 1
    fifo = short_tmpdir("cs-long-load-") / "2017-07-west-yorkshire-street.csv"
    os.mkfifo(fifo, 0o644)
    release = threading.Event()
    failures: list[BaseException] = []

    def feed() -> None:
        try:
            with open(fifo, "wb") as out:          # blocks until the loader opens the FIFO
                out.writelines(lines[:1001])
                out.flush()
                release.wait()
                out.writelines(lines[1001:])
        except BaseException as error:             # reported by the test, not lost in the thread
            failures.append(error)

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        status, headers, reply = request(base, "/api/v1/ingest/loads",
                                         {"city": CITY, "path": str(fifo), "source": "police-uk-csv", "wait": True},
                                         token=WRITE_TOKEN)
        assert status == 202, reply
        run_id = reply["run"]["run_id"]
        assert headers.get("Location") == f"/api/v1/ingest/runs/{run_id}"
        assert reply["run"]["status"] in ("RUN_STATUS_RUNNING", "RUN_STATUS_WAITING")

        status, _, run = request(base, headers["Location"])
        assert status == 200 and run["run_id"] == run_id and run["status"] == "RUN_STATUS_RUNNING", run
    finally:
        release.set()
    writer.join(timeout=120)
    assert not failures, failures

    for _ in range(3000):   # a bound, not a deadline: the run ends once the rest is read
        status, _, run = request(base, f"/api/v1/ingest/runs/{run_id}")
        if run.get("status") not in ("RUN_STATUS_RUNNING", "RUN_STATUS_WAITING"):
            break
        time.sleep(0.05)
    assert run["status"] == "RUN_STATUS_SUCCEEDED", run
    assert run["read"] == ROWS and run["inserted"] == ROWS


def test_a_run_id_that_is_not_a_positive_integer_is_400_and_an_unknown_one_404(short_deadline_stack):
    for bad in ("0", "-1", "x", "+1"):
        status, _, reply = request(short_deadline_stack, f"/api/v1/ingest/runs/{bad}")
        assert status == 400 and reply["error"]["code"] == "INVALID_ARGUMENT", (bad, reply)
    status, _, reply = request(short_deadline_stack, "/api/v1/ingest/runs/987654321")
    assert status == 404 and reply["error"]["code"] == "NOT_FOUND", reply
