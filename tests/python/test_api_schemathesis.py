"""schemathesis (PyPI) against the live gateway and its served OpenAPI document: generated
requests for every operation find no 5xx, and every response conforms (status code listed,
content type, headers, body schema; schema-invalid requests are refused with 4xx; writes
without the token are 401). Deterministic (`--generation-deterministic`: no random seed at
all) and bounded (10 examples per operation, one worker, a 90 s budget), 30-90 s.

One of schemathesis's checks is left out, for a reason the document cannot change:
`positive_data_acceptance` (rules across parameters, such as `year` or `year_from`/`year_to`
but not both, or `from` and `to` together, and the ingest service's 400 for a well-formed
but unknown city, are not expressible in OpenAPI parameters). `unsupported_method` runs: an
undeclared method on a served path is 405 with an `Allow` header (UnmatchedRouteMiddleware).
Each predict read is tested once the predict service serves it; until then its 501
UNIMPLEMENTED is a 5xx by design, and test_api_status.py checks that mapping instead."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from test_api import fetch


def test_schemathesis_finds_no_server_errors_and_every_response_conforms(loaded_stack, artifact_dir):
    cli = Path(sys.executable).parent / "schemathesis"
    if not cli.exists():
        pytest.fail(f"{cli} is missing: run scripts/install-deps.sh (tests/python/requirements.txt lists schemathesis)")
    base = loaded_stack["base"]
    # Each predict read is included once the predict service answers it (not 501/503).
    probes = {"/api/v1/predict": "?city=chicago&area=1834&hour=3&day_of_week=0&month=5",
              "/api/v1/forecast": "?city=chicago&week=2017-12-04", "/api/v1/models": "?city=chicago",
              "/api/v1/models/train/": "1"}
    unserved = [path for path, query in probes.items() if fetch(base + path + query)[0] in (501, 503)]
    report_dir = artifact_dir / "schemathesis"
    argv = [str(cli), "run", base + "/api/v1/openapi.json", "--url", base,
            "--max-examples", "10", "--generation-deterministic", "--workers", "1", "--max-time", "90",
            "--request-timeout", "30", "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--report", "junit", "--report-dir", str(report_dir), "--no-color"]
    if unserved:
        paths = "|".join(path.replace("train/", "train/[{]job[}]") for path in unserved)
        argv += ["--exclude-path-regex", f"^({paths})$"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=180)
    (artifact_dir / "schemathesis.log").write_text(result.stdout + result.stderr)
    summary = result.stdout[-4000:]
    assert result.returncode == 0, f"schemathesis failed (full log: {artifact_dir / 'schemathesis.log'}):\n{summary}"
    tested = int(summary.split("Tested:")[1].split()[0]) if "Tested:" in summary else 0
    assert tested >= 16 - len(unserved), summary
    print(f"schemathesis: {tested} operations; left out while the predict service does not serve them: {unserved}")
