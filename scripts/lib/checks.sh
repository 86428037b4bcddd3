# The checks of the system tests (scripts/compose.sh test, its scale-test and kube-test,
# scripts/scale-test.sh): one `ok`/`FAIL` line per check, a tally, cleanup on any exit, and the
# last line `N passed, M failed`, which scripts/test.sh adds to its totals. Sourced, not run.
#
#   on_exit FUNCTION        run FUNCTION (silently) when the script exits, however it exits;
#                           Ctrl-C and SIGTERM exit with 130 through it
#   check NAME COMMAND...   run COMMAND; count it and print `ok    NAME` or `FAIL  NAME`
#   poll SECONDS COMMAND... run COMMAND every 0.5 s until it succeeds; fails after SECONDS
#   finish                  print `N passed, M failed`; exit 0 only when nothing failed
#
# The scripts run with `set +e` (or without -e) around checks: a probe that finds nothing is a
# failed check, not the end of the run.

passed=0
failed=0
checks_cleanup=""

on_exit() {
  checks_cleanup=$1
  trap checks_run_cleanup EXIT
  trap 'exit 130' INT TERM
}

checks_run_cleanup() {
  local status=$?
  # Nothing after the tally: the last line stays `N passed, M failed`.
  [[ -n "$checks_cleanup" ]] && { "$checks_cleanup" >/dev/null 2>&1 || true; }
  exit "$status"
}

check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok    $name"
  else failed=$((failed + 1)); echo "FAIL  $name"; fi
}

poll() {
  local deadline=$(( SECONDS + $1 )); shift
  until "$@" >/dev/null 2>&1; do (( SECONDS < deadline )) || return 1; sleep 0.5; done
}

finish() {
  echo "$passed passed, $failed failed"
  (( failed == 0 ))
  exit $?
}
