#!/usr/bin/env bash
# Runs every CrimeScope test: the README's test command, and what CI runs.
#
#   1. scripts/install-deps.sh (fast when all is installed)
#   2. Protos/generate.sh --check (the committed protoc-c output is fresh) and
#      scripts/access-tidy.py --check (no declaration wider than its users need)
#   3. a throwaway PostgreSQL + PostGIS (scripts/pg.sh --ephemeral), stopped on exit;
#      its URL is exported as CRIMESCOPE_TEST_DATABASE_URL (database tests require it)
#   4. swift build --build-tests, then swift test --skip-build (every Swift test, in parallel)
#   5. the executables, then the independent Python client tests (tests/python)
#   6. scripts/check-compose.sh (compose.yaml, Dockerfile, deploy/k8s)
#   7. scripts/compose.sh test: the stack in containers, then scripts/compose.sh scale-test:
#      compose.scale.yaml with failover, then scripts/compose.sh kube-test: deploy/k8s/ha (etcd +
#      Patroni pair + 2 pods of each service) under podman kube play, the Patroni leader's pod
#      killed mid-load (all three skipped with CRIMESCOPE_SKIP_CONTAINERS=1)
#   8. scripts/scale-test.sh: 2 replicas of each service, Patroni failover (CRIMESCOPE_SKIP_SCALE=1 skips)
#
# Exits non-zero if any step or test failed. The last line is `tests: N passed, M failed`
# (Swift tests + pytest tests; a step that fails outside a test runner counts as one failure),
# followed by `, K skipped` when tests were disabled.
# Logs: .build/test-logs/. Service logs of the Python tests: .build/test-artifacts/.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"

# XGBoost's OpenMP threads wait passively instead of spinning (in the test process and in every
# service the tests start): spinning waiters made training 5-8x slower on 2 busy cores.
export OMP_WAIT_POLICY=PASSIVE

logs="$root/.build/test-logs"
export CRIMESCOPE_ARTIFACT_DIR="$root/.build/test-artifacts"
rm -rf "$logs" "$CRIMESCOPE_ARTIFACT_DIR"
mkdir -p "$logs" "$CRIMESCOPE_ARTIFACT_DIR"

passed=0
failed=0
skipped=0
steps=()          # "ok|FAIL  name  detail" lines for the summary
started=$SECONDS

say() { printf '\n==> %s\n' "$*"; }
record() {        # record STATUS NAME [DETAIL]
  steps+=("$(printf '%-4s  %-22s %s' "$1" "$2" "${3:-}")")
}
step_failed() {   # a step outside a test runner failed: it counts as one failed test
  failed=$((failed + 1)); record FAIL "$1" "${2:-}"
}
show_tail() { echo "--- last lines of $1 ---"; tail -n "${2:-60}" "$1"; echo "---"; }
tally_script() {  # tally_script NAME EXIT_CODE LOG: add a script's own "N passed, M failed" line to the totals
  local name=$1 rc=$2 log=$3 line n_passed n_failed
  line="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)"
  if [[ -z "$line" ]]; then
    step_failed "$name" "exit code $rc, no result line (log: ${log#"$root"/})"; return
  fi
  n_passed="${line%% passed*}"; n_failed="${line#*, }"; n_failed="${n_failed%% failed*}"
  passed=$(( passed + n_passed )); failed=$(( failed + n_failed ))
  if (( rc == 0 && n_failed == 0 )); then record ok "$name" "$line"
  elif (( n_failed > 0 )); then record FAIL "$name" "$line"
  else step_failed "$name" "exit code $rc, $line"; fi
}

finish() {
  say "Summary ($(( SECONDS - started )) s)"
  printf '  %s\n' "${steps[@]}"
  if (( skipped > 0 )); then echo "tests: $passed passed, $failed failed, $skipped skipped"
  else echo "tests: $passed passed, $failed failed"; fi
  if (( failed > 0 )); then exit 1; fi
  exit 0
}

# --- 1. dependencies ---------------------------------------------------------------------
say "Dependencies (scripts/install-deps.sh)"
if ! scripts/install-deps.sh; then
  step_failed install-deps "scripts/install-deps.sh failed"
  finish
fi
record ok install-deps
py="$root/.build-venv/bin/python"

# --- 2. generated code fresh ---------------------------------------------------------------
say "Protos/generate.sh --check"
if Protos/generate.sh --check; then record ok protos-fresh; else step_failed protos-fresh "run Protos/generate.sh and commit"; fi
say "scripts/access-tidy.py --check"
if python3 scripts/access-tidy.py --check; then record ok access-narrow; else step_failed access-narrow "run scripts/access-tidy.py and commit"; fi

# --- 3. throwaway PostgreSQL ---------------------------------------------------------------
say "Throwaway PostgreSQL (scripts/pg.sh --ephemeral)"
pg_dir="/tmp/crimescope-test-pg-$$"
stop_pg() {
  if [[ -d "$pg_dir" ]]; then
    scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
pg_port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
if url="$(scripts/pg.sh start "$pg_dir" --ephemeral --port "$pg_port")" && [[ -n "$url" ]]; then
  export CRIMESCOPE_TEST_DATABASE_URL="$url"
  echo "CRIMESCOPE_TEST_DATABASE_URL=$url"
  record ok postgres "$url"
else
  step_failed postgres "scripts/pg.sh start failed: database tests will fail"
  unset CRIMESCOPE_TEST_DATABASE_URL
fi

# --- 4. Swift build and tests --------------------------------------------------------------
say "swift build --build-tests (log: .build/test-logs/swift-build.log)"
if swift build --build-tests >"$logs/swift-build.log" 2>&1; then
  grep -E "^$root/(Sources|Tests|bench)/.*: warning: " "$logs/swift-build.log" | sort -u | head -20
  record ok swift-build "$(tail -n 1 "$logs/swift-build.log")"
  built=1
else
  errors="$(grep -E 'error: ' "$logs/swift-build.log" | grep -vE '^ *[0-9]* *[|`]' | sort -u)"
  if [[ -n "$errors" ]]; then head -n 40 <<<"$errors"; else show_tail "$logs/swift-build.log" 40; fi
  step_failed swift-build "see .build/test-logs/swift-build.log"
  built=0
fi

# One `swift test` pass: NAME (the summary's step and the log's name), then swift test's selection
# arguments. Adds its counts to passed/failed/skipped and records the step.
swift_test_pass() {
  local name="$1"; shift
  local log="$logs/$name.log"
  say "swift test --skip-build $* (time limit ${swift_timeout} s)"
  # The full output goes to the log; the terminal gets failures, issues and totals only.
  timeout --kill-after=30 "$swift_timeout" swift test --skip-build "$@" 2>&1 | tee "$log" \
    | grep -vE "^(◇ |✔ Test |✔ Suite |↳ Testing Library|↳ Target Platform|Test Case '.*' (started|passed)|Test Suite '.*' (started|passed))"
  local swift_rc=${PIPESTATUS[0]}
  (( swift_rc == 124 || swift_rc == 137 )) && echo "swift test did not finish within $swift_timeout s"
  # XCTest: the last "Executed N tests, with M failures" line is the total of all suites.
  local x_line x_total=0 x_failed=0
  x_line="$(grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1)"
  if [[ -n "$x_line" ]]; then
    x_total="$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$x_line")"
    x_failed="$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$x_line")"
  fi
  # Swift Testing: "Test run with N tests ... passed|failed ..."; failing tests are the
  # "✘ Test <name> failed after S seconds" lines other than the run line.
  local st_line st_total=0 st_failed=0 st_skipped=0
  st_line="$(grep -E 'Test run with [0-9]+ tests?' "$log" | tail -n 1)"
  if [[ -n "$st_line" ]]; then
    st_total="$(sed -E 's/.*Test run with ([0-9]+) tests?.*/\1/' <<<"$st_line")"
    st_failed="$(grep -E 'Test .+ failed after [0-9.]+ seconds' "$log" | grep -vc 'Test run with')"
    (( st_failed > st_total )) && st_failed=$st_total
    # Disabled tests are in the run's count too: "➜ Test <name> skipped".
    st_skipped="$(grep -cE '^➜ Test .+ skipped' "$log")"
  fi
  local s_total=$(( x_total + st_total )) s_failed=$(( x_failed + st_failed ))
  passed=$(( passed + s_total - s_failed - st_skipped )); failed=$(( failed + s_failed ))
  skipped=$(( skipped + st_skipped ))
  local detail="XCTest $((x_total - x_failed))/$x_total, Swift Testing $((st_total - st_failed - st_skipped))/$st_total passed, $st_skipped skipped"
  if (( swift_rc != 0 )); then
    if (( s_failed == 0 )); then step_failed "$name" "exit code $swift_rc, $detail"
    else record FAIL "$name" "$detail"; fi
  elif (( s_total == 0 )); then
    step_failed "$name" "no Swift test ran"
  else
    record ok "$name" "$detail"
  fi
}

if (( built )); then
  # A hung test must not eat CI's whole budget: stop a pass after CRIMESCOPE_SWIFT_TEST_TIMEOUT s.
  swift_timeout="${CRIMESCOPE_SWIFT_TEST_TIMEOUT:-1200}"
  swift_test_pass swift-test
fi

# --- 5. executables and the independent Python client tests --------------------------------
bin_dir="$(swift build --show-bin-path 2>/dev/null)"
say "Executables in $bin_dir"
products=(ingest heatmap predict gateway)
for p in "${products[@]}"; do
  if [[ ! -x "$bin_dir/$p" ]] || (( ! built )); then
    if ! swift build --product "$p" >"$logs/swift-build-$p.log" 2>&1; then
      grep -E 'error: ' "$logs/swift-build-$p.log" | grep -vE '^ *[0-9]* *[|`]' | sort -u | head -n 20
      echo "could not build $p (log: .build/test-logs/swift-build-$p.log)"
      step_failed "build-$p" "the Python tests may use a stale $p"
    fi
  fi
done
ls -l "${products[@]/#/$bin_dir/}" 2>&1 | sed 's/^/  /'

say "python -m pytest tests/python"
CRIMESCOPE_BIN_DIR="$bin_dir" timeout --kill-after=30 900 "$py" -m pytest tests/python -q 2>&1 | tee "$logs/pytest.log"
pytest_rc=${PIPESTATUS[0]}
summary="$(grep -E '^=+ .*(passed|failed|error|no tests ran).* =+$' "$logs/pytest.log" | tail -n 1)"
[[ -z "$summary" ]] && summary="$(grep -E '^[0-9]+ (passed|failed|error)' "$logs/pytest.log" | tail -n 1)"
count() { grep -oE "[0-9]+ $1" <<<"$summary" | head -n 1 | cut -d' ' -f1; }
py_passed="$(count passed)"; py_failed="$(count failed)"; py_errors="$(count 'errors?')"
py_skipped="$(count skipped)"
py_passed=${py_passed:-0}; py_failed=$(( ${py_failed:-0} + ${py_errors:-0} ))
passed=$(( passed + py_passed )); failed=$(( failed + py_failed )); skipped=$(( skipped + ${py_skipped:-0} ))
if (( pytest_rc == 0 && py_passed > 0 )); then
  record ok pytest "$py_passed passed"
elif (( py_failed > 0 )); then
  record FAIL pytest "$py_passed passed, $py_failed failed or errored"
else
  step_failed pytest "exit code $pytest_rc, no result counted"
fi

# --- 6. compose.yaml and Dockerfile ---------------------------------------------------------
say "scripts/check-compose.sh"
if scripts/check-compose.sh; then record ok check-compose; else step_failed check-compose; fi

# --- 7. containers: scripts/compose.sh test, scale-test and kube-test ----------------------------
# Builds the images (cached), starts the stack under a throwaway project, checks it over HTTP and
# removes it; its own "N passed, M failed" line is added to the totals.
if [[ "${CRIMESCOPE_SKIP_CONTAINERS:-0}" == 1 ]]; then
  say "scripts/compose.sh test: skipped (CRIMESCOPE_SKIP_CONTAINERS=1)"
  record skip containers "CRIMESCOPE_SKIP_CONTAINERS=1"
else
  say "scripts/compose.sh test (log: .build/test-logs/compose-test.log)"
  timeout --kill-after=60 2700 scripts/compose.sh test 2>&1 | tee "$logs/compose-test.log"
  tally_script containers "${PIPESTATUS[0]}" "$logs/compose-test.log"
  # compose.scale.yaml on the same images: 2x each service and a Patroni pair, a heatmap replica
  # SIGKILLed under wrk, the Patroni leader's container stopped (~3 min with the images cached).
  say "scripts/compose.sh scale-test (log: .build/test-logs/compose-scale-test.log)"
  timeout --kill-after=60 1200 scripts/compose.sh scale-test 2>&1 | tee "$logs/compose-scale-test.log"
  tally_script containers-scale "${PIPESTATUS[0]}" "$logs/compose-scale-test.log"
  # deploy/k8s/ha under root podman's kube play: etcd, the Patroni pair and 2 pods of each
  # Deployment; each pod answers through the gateway with its twin stopped, and the Patroni
  # leader's pod is killed during a load (~2.5 min with the images cached).
  say "scripts/compose.sh kube-test (log: .build/test-logs/kube-test.log)"
  timeout --kill-after=60 900 scripts/compose.sh kube-test 2>&1 | tee "$logs/kube-test.log"
  tally_script containers-kube "${PIPESTATUS[0]}" "$logs/kube-test.log"
fi

# --- 8. replicas and failover: scripts/scale-test.sh ---------------------------------------------
# Two replicas of each service and a Patroni PostgreSQL pair as plain processes; its own
# "N passed, M failed" line is added to the totals.
if [[ "${CRIMESCOPE_SKIP_SCALE:-0}" == 1 ]]; then
  say "scripts/scale-test.sh: skipped (CRIMESCOPE_SKIP_SCALE=1)"
  record skip scale "CRIMESCOPE_SKIP_SCALE=1"
else
  say "scripts/scale-test.sh (log: .build/test-logs/scale-test.log)"
  CRIMESCOPE_BIN_DIR="$bin_dir" timeout --kill-after=30 900 scripts/scale-test.sh 2>&1 | tee "$logs/scale-test.log"
  tally_script scale "${PIPESTATUS[0]}" "$logs/scale-test.log"
fi

finish
