"""scripts/up.sh supervises what it starts: each service, the gateway and PostgreSQL is killed
with SIGKILL in turn; up.sh starts it again, /healthz and the API answer again, and every other
process keeps its pid. Then SIGTERM stops everything.

Runs the real script (debug build, an empty system: CRIMESCOPE_LOAD_DEMO=0) in a temporary data
folder. The seconds from each kill to a working API are written to
$CRIMESCOPE_ARTIFACT_DIR/supervision.txt; waits are bounded by a count of polls, not asserted
as wall-clock limits.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO_ROOT, free_port, short_tmpdir, tail

PROCESSES = ("ingest", "heatmap", "predict", "gateway")
POLL = 0.1
MAX_POLLS = 1800   # a bound so a broken restart fails the test instead of hanging it


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


class UpScript:
    def __init__(self) -> None:
        self.folder = short_tmpdir("cs-up-")
        self.data = self.folder / "data"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.output = self.folder / "up.out"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CRIMESCOPE_")}
        env.update({
            "CRIMESCOPE_DATA_DIR": str(self.data),
            "CRIMESCOPE_LOAD_DEMO": "0",
            "CRIMESCOPE_BUILD_CONFIG": os.environ.get("CRIMESCOPE_UP_BUILD_CONFIG", "debug"),
            "CRIMESCOPE_HTTP_PORT": str(self.port),
            "CRIMESCOPE_PG_PORT": str(free_port()),
        })
        with open(self.output, "wb") as out:
            self.proc = subprocess.Popen(["bash", "scripts/up.sh"], cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def text(self) -> str:
        return self.output.read_text(errors="replace")

    def wait_running(self) -> None:
        for _ in range(6000):   # includes the (no-op) debug builds
            if "CrimeScope is running at" in self.text():
                return
            assert self.proc.poll() is None, f"up.sh exited early:\n{tail(self.output, 60)}"
            time.sleep(POLL)
        pytest.fail(f"up.sh did not start:\n{tail(self.output, 60)}")

    def pid(self, name: str) -> int:
        if name == "postgres":
            return int((self.data / "pg" / "data" / "postmaster.pid").read_text().split()[0])
        return int((self.data / "run" / f"{name}.pid").read_text().strip())

    def pids(self) -> dict[str, int]:
        return {name: self.pid(name) for name in (*PROCESSES, "postgres")}

    def api_works(self) -> bool:
        """/healthz says every backend serves, and reads that reach PostgreSQL through ingest and heatmap answer."""
        if http_status(f"{self.base}/healthz") != 200:
            return False
        return (http_status(f"{self.base}/api/v1/ingest/runs") == 200
                and http_status(f"{self.base}/api/v1/cities") == 200)

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                return None
        return self.proc.returncode


def test_up_restarts_every_killed_process_and_stops_on_sigterm():
    up = UpScript()
    report: list[str] = []
    try:
        up.wait_running()
        for _ in range(MAX_POLLS):
            if up.api_works():
                break
            time.sleep(POLL)
        assert up.api_works(), tail(up.output, 40)

        for name in (*PROCESSES, "postgres"):
            before = up.pids()
            os.kill(before[name], signal.SIGKILL)
            killed = time.monotonic()
            restarted = False
            said = (f"restarted {name}",) if name != "postgres" else ("restarted postgres", "restarted PostgreSQL")
            for _ in range(MAX_POLLS):
                try:
                    current = up.pid(name)
                except (OSError, ValueError, IndexError):
                    current = before[name]   # postmaster.pid is rewritten during the restart
                # up.sh says so once its start command returned, which may be after the API
                # already answers again: wait for the line too, not only for the new pid.
                if current != before[name] and up.api_works() and any(line in up.text() for line in said):
                    restarted = True
                    break
                time.sleep(POLL)
            seconds = time.monotonic() - killed
            assert restarted, f"{name} was not restarted:\n{tail(up.output, 40)}"
            after = up.pids()
            others = {k: v for k, v in before.items() if k != name}
            assert {k: after[k] for k in others} == others, f"killing {name} changed other pids: {before} -> {after}"
            report.append(f"{name}: SIGKILL pid {before[name]} -> new pid {after[name]}, API back after {seconds:.1f} s")

        final = up.pids()
        code = up.stop()
        assert code == 143, f"up.sh exit code {code}:\n{tail(up.output, 40)}"
        for name, pid in final.items():
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower(), \
                f"{name} (pid {pid}) still runs after SIGTERM"
        assert "stopped PostgreSQL" in up.text()
    finally:
        if up.proc.poll() is None:
            up.stop()
        artifacts = os.environ.get("CRIMESCOPE_ARTIFACT_DIR")
        if artifacts:
            Path(artifacts).mkdir(parents=True, exist_ok=True)
            (Path(artifacts) / "supervision.txt").write_text("\n".join(report) + "\n\n" + up.text())
        print("\n".join(report))
        shutil.rmtree(up.folder, ignore_errors=True)
