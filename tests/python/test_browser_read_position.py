"""A browser session's reads never go backward across heatmap replicas (issue 15).

Two heatmap replicas behind one gateway, each following the outbox through its own ingest
process; the follower's ingest is stopped (SIGSTOP) before a second load, so the follower stays
at the first load's position P1 while the leader reaches P2, and both keep answering. Without a
position, reads alternate between the two states (the control). The web UI keeps the highest
X-CrimeScope-Position it has seen (sessionStorage) and sends it as X-CrimeScope-Min-Position, so
every read it makes once it has seen P2 is answered at P2 (the gateway sends it to the replica its
position watcher knows to be there; a replica asked while behind answers REPLICA_BEHIND and the
client asks the other one), also after a page reload; a token from before a database reset (a
position never written) is dropped and the read still works.

Every wait is on an event: the replicas' WatchPosition long polls, the browser's script results."""

from __future__ import annotations

import json
import signal
import subprocess
import urllib.request
from pathlib import Path

import crimescope_wire as wire
from conftest import REPO_ROOT, SHARED_DATA, Cluster, Process, clean_env, executable, free_port, fresh_database, tail
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import WAIT, browser  # noqa: F401 (fixture)

CITY = "uk-west-yorkshire"
MONTHS = ("uk-police-west-yorkshire/2016-07-west-yorkshire-street.csv.xz",
          "uk-police-west-yorkshire/2017-07-west-yorkshire-street.csv.xz")
QUERY = f"city={CITY}&year_from=2016&year_to=2017"
WATCH = "/crimescope.heatmap.v1.Heatmap/WatchPosition"

# Wraps fetch once per page: records each call's min-position header and the answer's position.
RECORD_FETCHES = """
if (!window.__reads) {
  window.__reads = [];
  const original = window.fetch.bind(window);
  window.fetch = async (url, options) => {
    const response = await original(url, options);
    const sent = options && options.headers ? options.headers['X-CrimeScope-Min-Position'] || null : null;
    window.__reads.push({ url: String(url), sent, status: response.status,
                          position: response.headers.get('X-CrimeScope-Position') });
    return response;
  };
}
"""

# Reads each path through CS.api (the UI's one JSON entry point) in turn; the totals, or an error.
READ_ALL = """
const [paths, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const totals = [];
  for (const path of paths) totals.push((await CS.api(path)).total.incidents);
  return { totals, position: CS.position(), stored: sessionStorage.getItem('crimescope.position') };
})().then(done, error => done({ error: String(error) }));
"""


def load(bin_dir: Path, url: str, relative: str, log_dir: Path) -> None:
    log_path = log_dir / f"read-position-load-{Path(relative).name}.log"
    with open(log_path, "ab") as log:
        result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", CITY, "--database-url", url,
                                 str(SHARED_DATA / relative)], stdout=log, stderr=log, env=clean_env(),
                                cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, tail(log_path)


def outbox_head(url: str) -> int:
    out = subprocess.run(["psql", url, "-X", "-A", "-t", "-c", "SELECT max(position) FROM ingest.outbox"],
                         capture_output=True, text=True, timeout=60, check=True)
    return int(out.stdout.strip())


def watch(endpoint: str, after: int, hold_ms: int) -> int:
    """Heatmap/WatchPosition: the replica's position once it differs from `after` (or the hold ends)."""
    heatmap_pb2 = wire.pb("heatmap.v1.heatmap")
    with wire.WireConnection(endpoint, timeout=hold_ms / 1000 + 30) as connection:
        reply = connection.call(WATCH, heatmap_pb2.WatchPositionRequest(after=after, hold_ms=hold_ms))
        assert reply.code == 0, reply.message
        response = heatmap_pb2.WatchPositionResponse()
        response.ParseFromString(reply.payload)
        return response.position


def until_position(endpoint: str, target: int) -> None:
    seen = -1
    while seen < target:
        seen = watch(endpoint, seen, 60_000)


def get(base: str, path: str, headers: dict[str, str]) -> tuple[int, int]:
    """(total incidents, X-CrimeScope-Position) of one heatmap read."""
    request = urllib.request.Request(base + path, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["total"]["incidents"], int(response.headers["X-CrimeScope-Position"])


def test_reads_never_go_backward_across_replicas(bin_dir: Path, artifact_dir: Path, browser):  # noqa: F811
    with fresh_database("cs_pyreadpos") as url:
        cluster = Cluster(bin_dir, url, artifact_dir, "read-position")
        stopped: Process | None = None
        try:
            cluster.service("ingest")
            lagging_ingest, _ = cluster.service("ingest", tag="-b")
            _, leader = cluster.service("heatmap")
            follower_socket = cluster.sock_dir / "heatmap-b.sock"
            follower = Process("heatmap", [executable(bin_dir, "heatmap"), "serve", "--listen", f"unix://{follower_socket}",
                                           "--database-url", url, "--ingest-endpoint", f"unix://{cluster.sock_dir / 'ingest-b.sock'}",
                                           "--log-level", "info"],
                               cluster.log_dir / "read-position-heatmap-b.log").start()
            cluster.processes.append(follower)
            follower.wait_ready([f"unix://{follower_socket}"])
            a, b = leader["unix"], f"unix://{follower_socket}"

            load(bin_dir, url, MONTHS[0], cluster.log_dir)
            p1 = outbox_head(url)
            until_position(a, p1)
            until_position(b, p1)
            # The follower's ingest stops: the follower keeps serving P1 while the leader moves on.
            lagging_ingest.proc.send_signal(signal.SIGSTOP)
            stopped = lagging_ingest
            load(bin_dir, url, MONTHS[1], cluster.log_dir)
            p2 = outbox_head(url)
            assert p2 > p1
            until_position(a, p2)
            assert watch(b, -1, 1) == p1, "the follower is still at the first load"

            port = free_port()
            cluster.gateway(port, {"ingest": f"unix://{cluster.sock_dir / 'ingest.sock'}", "heatmap": f"{a},{b}",
                                   "predict": f"unix://{cluster.sock_dir / 'predict.sock'}"})
            base = f"http://127.0.0.1:{port}"

            # Control: without a position (and past the cache) the answers alternate between the two states.
            control = {get(base, f"/api/v1/heatmap?{QUERY}", {"Cache-Control": "no-cache"}) for _ in range(4)}
            assert {position for _, position in control} == {p1, p2}, control
            old_total = next(total for total, position in control if position == p1)
            new_total = next(total for total, position in control if position == p2)
            assert new_total > old_total

            # The UI: once it has seen P2, every read it makes is at P2, on URLs the cache has not seen.
            browser.get(base + f"/#/map?city={CITY}")
            WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return !!(window.CS && CS.api)"))
            browser.execute_script(RECORD_FETCHES)
            # Until the session has seen P2 it may read P1; make sure it sees P2 (the leader's answer).
            WebDriverWait(browser, WAIT).until(lambda d: d.execute_async_script(
                READ_ALL, [f"/api/v1/heatmap?{QUERY}"]).get("position") == p2)
            browser.execute_script("window.__reads.length = 0")
            paths = [f"/api/v1/heatmap?{QUERY}&hour_min={h}&hour_max=23" for h in range(2, 10)]
            reads = browser.execute_async_script(READ_ALL, paths)
            assert "error" not in reads, reads
            # (The map view's own loads may run meanwhile: only the reads made here are compared.)
            recorded = [r for r in browser.execute_script("return window.__reads") if r["url"] in paths]
            assert [r["url"] for r in recorded] == paths, recorded
            assert [r["sent"] for r in recorded] == [str(p2)] * len(paths), recorded
            assert [int(r["position"]) for r in recorded] == [p2] * len(paths), recorded
            assert reads["stored"] == str(p2)
            expected = [get(base, path, {"X-CrimeScope-Min-Position": str(p2)})[0] for path in paths]
            assert reads["totals"] == expected, "every total is the newest one"

            # A reload keeps the session's position (sessionStorage) and reads at P2 again.
            browser.refresh()
            WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return !!(window.CS && CS.api)"))
            assert browser.execute_script("return CS.position()") == p2
            browser.execute_script(RECORD_FETCHES)
            path = f"/api/v1/heatmap?{QUERY}&hour_min=10&hour_max=23"
            again = browser.execute_async_script(READ_ALL, [path])
            recorded = [r for r in browser.execute_script("return window.__reads") if r["url"] == path]
            assert "error" not in again and recorded[-1]["sent"] == str(p2) and int(recorded[-1]["position"]) == p2, recorded

            # A token no load ever reached (kept from before a database reset) is dropped; reads still work.
            browser.execute_script(f"sessionStorage.setItem('crimescope.position', '{p2 + 1_000_000}')")
            browser.refresh()
            WebDriverWait(browser, WAIT).until(lambda d: d.execute_script("return !!(window.CS && CS.api)"))
            browser.execute_script(RECORD_FETCHES)
            stale = browser.execute_async_script(READ_ALL, [f"/api/v1/heatmap?{QUERY}&hour_min=11&hour_max=23"])
            assert "error" not in stale, stale
            # Without a token any replica may answer (P1 or P2); the session keeps what it saw.
            assert stale["position"] in (p1, p2) and stale["stored"] == str(stale["position"]), stale

            # The behind replica was never taken out of rotation: plain reads still reach it (the
            # page is left first, so that none of its own loads interleaves with these).
            browser.get("about:blank")
            control = {get(base, f"/api/v1/heatmap?{QUERY}", {"Cache-Control": "no-cache"})[1] for _ in range(6)}
            assert control == {p1, p2}, control
        finally:
            if stopped is not None and stopped.alive():
                stopped.proc.send_signal(signal.SIGCONT)
            cluster.stop_all()
