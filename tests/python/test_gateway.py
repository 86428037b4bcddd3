"""The three services and the HTTP gateway as real processes: /healthz, /metrics, and what
the gateway reports when a backend dies."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request

import pytest

import crimescope_wire as wire
from conftest import SERVICES, executable, free_port


@pytest.fixture(scope="module")
def stack(cluster):
    services = {name: cluster.service(name) for name in SERVICES}
    port = free_port()
    gateway = cluster.gateway(port, {name: eps["unix"] for name, (_, eps) in services.items()})
    return {"services": services, "gateway": gateway, "base": f"http://127.0.0.1:{port}"}


def get(url: str) -> tuple[int, str, str]:
    """(status, content type, body) for a GET, HTTP errors included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def healthz(stack) -> tuple[int, dict]:
    status, content_type, body = get(stack["base"] + "/healthz")
    assert "json" in content_type, f"/healthz content type {content_type!r}: {body[:200]}"
    return status, json.loads(body)


@pytest.mark.parametrize("name", SERVICES)
def test_each_backend_serves_health_over_its_socket(stack, name):
    _, endpoints = stack["services"][name]
    with wire.WireConnection(endpoints["unix"]) as conn:
        reply, status = conn.health_check()
        assert reply.code == 0, reply.message
        assert status == wire.pb("health.v1.health").HealthCheckResponse.SERVING


def test_healthz_ok_when_all_backends_serve(stack):
    status, body = healthz(stack)
    assert status == 200, body
    assert body["status"] == "ok"
    assert body["backends"] == {name: "SERVING" for name in SERVICES}


def test_landing_page_is_html_that_reads_healthz(stack):
    status, content_type, body = get(stack["base"] + "/")
    assert status == 200
    assert content_type.startswith("text/html")
    assert "<title>CrimeScope</title>" in body
    assert '<script src="/static/app/start.js"></script>' in body
    status, _, script = get(stack["base"] + "/static/app/start.js")
    assert status == 200 and "fetch('/healthz')" in script
    assert "not predictive policing" in body
    # The page's policy allows scripts from the gateway only, and the page needs no other.
    with urllib.request.urlopen(stack["base"] + "/", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>" not in body


def test_a_trace_reaches_the_services_logs(stack):
    """A browser's W3C traceparent keeps its trace id through the gateway (with a span of its
    own) and every service that handled the request logs it with the call."""
    trace, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    request = urllib.request.Request(stack["base"] + "/api/v1/ingest/runs/987654321",
                                     headers={"traceparent": f"00-{trace}-{parent}-01"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 404
    echoed = error.value.headers["traceparent"].split("-")
    assert echoed[1] == trace and echoed[2] != parent and len(echoed[2]) == 16 and echoed[3] == "01"
    log = stack["services"]["ingest"][0].log_path
    for _ in range(200):   # the line is written as the call ends; a bound, not a deadline
        if f"trace-id={trace}" in log.read_text(errors="replace"):
            break
        time.sleep(0.05)
    lines = [line for line in log.read_text(errors="replace").splitlines() if f"trace-id={trace}" in line]
    assert lines and "NOT_FOUND" in lines[-1] and f"parent-span-id={echoed[2]}" in lines[-1], lines

    # Without a traceparent the gateway starts a trace of its own.
    with urllib.request.urlopen(stack["base"] + "/api/v1/cities", timeout=10) as response:
        started = response.headers["traceparent"].split("-")
    assert len(started) == 4 and len(started[1]) == 32 and started[1] != trace


def test_unknown_path_is_a_404(stack):
    status, _, _ = get(stack["base"] + "/no/such/page")
    assert status == 404


def test_metrics_exposes_rpc_metrics_after_a_call(stack):
    assert healthz(stack)[0] == 200  # makes Health/Check calls to every backend
    status, content_type, body = get(stack["base"] + "/metrics")
    assert status == 200
    assert content_type.startswith("text/plain"), content_type
    rpc_lines = [line for line in body.splitlines() if line.startswith("rpc_")]
    assert rpc_lines, f"no rpc_ metrics in /metrics:\n{body[:2000]}"


@pytest.mark.parametrize("name", SERVICES)
def test_backend_metrics_through_the_gateway_count_rpc_calls(stack, name):
    # The backend served Health/Check calls (from /healthz and the tests above); the gateway
    # fetches its Prometheus text over Ops/ScrapeMetrics.
    assert healthz(stack)[0] == 200
    status, content_type, body = get(f"{stack['base']}/metrics/{name}")
    assert status == 200, body[:500]
    assert content_type.startswith("text/plain"), content_type
    calls = [line for line in body.splitlines()
             if line.startswith("rpc_server_calls_total") and "Health/Check" in line]
    assert calls, f"no rpc_server_calls_total for Health/Check in /metrics/{name}:\n{body[:2000]}"
    assert any(float(line.rsplit(" ", 1)[1]) >= 1 for line in calls), calls


def test_the_heatmap_reports_its_outbox_lag(stack):
    """/healthz names each backend's lag behind the log it follows, and the heatmap exports it."""
    status, body = healthz(stack)
    assert status == 200, body
    assert set(body["lag"]) == set(SERVICES)
    assert all(lag["behind_deltas"] >= 0 and lag["behind_seconds"] >= 0 for lag in body["lag"].values())
    assert body["lag"]["ingest"] == {"behind_deltas": 0, "behind_seconds": 0}
    exposition = ""
    for _ in range(200):   # the gauges exist from the consumer's first pull; a bound, not a deadline
        _, _, exposition = get(stack["base"] + "/metrics/heatmap")
        if "heatmap_outbox_lag_seconds" in exposition:
            break
        time.sleep(0.05)
    assert "heatmap_outbox_behind_deltas" in exposition and "heatmap_outbox_lag_seconds" in exposition


def test_healthz_degraded_when_a_backend_dies(stack):
    # Runs last in this module: it kills predict.
    stack["services"]["predict"][0].kill()
    deadline = time.monotonic() + 15
    status, body = healthz(stack)
    while status != 503 and time.monotonic() < deadline:
        time.sleep(0.25)
        status, body = healthz(stack)
    assert status == 503, body
    assert body["status"] == "degraded"
    assert body["backends"]["predict"] != "SERVING"
    assert body["backends"]["ingest"] == "SERVING"
    assert body["backends"]["heatmap"] == "SERVING"
    assert stack["gateway"].alive(), "the gateway must survive a dead backend"


def test_the_gateway_links_no_postgres_client(bin_dir):
    """The gateway knows the services only through their RPC contracts: no libpq in its binary."""
    linked = subprocess.run(["ldd", str(executable(bin_dir, "gateway"))], capture_output=True, text=True, check=True).stdout
    assert "libprotobuf-c" in linked and "libpq" not in linked, linked
    services = subprocess.run(["ldd", str(executable(bin_dir, "ingest"))], capture_output=True, text=True, check=True).stdout
    assert "libpq" in services


def test_tcp_calls_work_for_a_process_that_is_not_root(cluster, bin_dir):
    """Services and the gateway run as an unprivileged user in containers: their TCP sockets set
    TCP_NODELAY at the TCP level (at the socket level that number is SO_DEBUG, which only
    CAP_NET_ADMIN may set: every TCP call of a non-root process failed)."""
    import pwd
    pwd.getpwnam("nobody")
    backends = {}
    for name in SERVICES:
        _, endpoints = cluster.service(name, tcp_port=free_port(), tag="-tcp")
        backends[name] = endpoints["tcp"]
    port = free_port()
    argv = ["runuser", "-u", "nobody", "--", executable(bin_dir, "gateway"), "serve", "--http-host", "127.0.0.1",
            "--http-port", str(port)] + [arg for name in SERVICES for arg in (f"--{name}-endpoint", backends[name])]
    gateway = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        status, body = 0, {}
        for _ in range(400):   # until the gateway listens and has asked each backend; a bound, not a deadline
            try:
                status, body = healthz({"base": f"http://127.0.0.1:{port}"})
            except (urllib.error.URLError, OSError):
                status = 0
            if status == 200:
                break
            time.sleep(0.05)
        assert status == 200 and body["backends"] == {name: "SERVING" for name in SERVICES}, body
    finally:
        gateway.terminate()
        output = gateway.communicate(timeout=30)[0].decode(errors="replace")
    assert "Permission denied" not in output, output[-2000:]
