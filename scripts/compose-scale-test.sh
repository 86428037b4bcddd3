# `scripts/compose.sh scale-test`: compose.scale.yaml run for real under the tested engine
# (docker.io 20.10 + docker-compose 1.29). Sourced by scripts/compose.sh, whose functions it uses
# (ensure_engine, build_app, compose, wait_healthy, load_demo, …); not a command of its own.
#
# Under a fresh project (crimescope-scale-test-<pid>, a free port, its own secrets):
#   1. 10 containers healthy: etcd, Patroni pg1 + pg2, 2x ingest, heatmap, predict, the gateway;
#   2. Chicago's beats and 2017 loaded through the gateway's API; ten answers in a row (both
#      heatmap replicas, cache bypassed) say 267,792 (demo-data/README.md);
#   3. the read-only pools (CRIMESCOPE_DATABASE_READ_URL, target_session_attrs=prefer-standby)
#      are connected to the standby, and not to the primary;
#   4. 20 s of wrk against the heatmap API, one heatmap replica SIGKILLed after 5 s: 0 failed
#      requests (non-2xx or socket errors); its restart policy brings it back healthy;
#   5. the Patroni leader's container stopped: the standby is promoted, ingest answers through the
#      gateway again, a load through the gateway afterwards completes and shows in the heatmap; Chicago
#      is unchanged; the old leader started again rejoins as a streaming standby;
#   6. `down -v` leaves no container or volume.
# The last line is `N passed, M failed`.

cmd_scale_test() {
  # Checks count failures themselves: a failing probe (grep finding nothing…) must not end the run.
  set +e
  scale_tmp="$(mktemp -d)"         # global: the EXIT trap runs after this function's locals are gone
  project="crimescope-scale-test-$$"
  env_file="$scale_tmp/compose.env"
  compose_file="$root/compose.scale.yaml"
  expected_containers=10
  publish_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  scale_cleanup() {
    compose down -v --remove-orphans
    rm -rf "$scale_tmp"
  }
  on_exit scale_cleanup      # check, poll, finish, on_exit: scripts/lib/checks.sh, sourced by compose.sh

  ensure_engine
  ensure_env_file
  command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
    || die "wrk is missing (apt-get install wrk)"
  build_app
  ensure_patroni_image
  local started=$SECONDS
  say "starting project $project from compose.scale.yaml (gateway on 127.0.0.1:$publish_port)"
  if compose up -d --no-build >"$scale_tmp/up.log" 2>&1 && wait_healthy; then
    check "up: 10 containers healthy (etcd, Patroni pair, 2x each service, gateway) in $(( SECONDS - started )) s" true
  else
    tail -n 20 "$scale_tmp/up.log" >&2
    check "up: 10 containers healthy" false
    finish
  fi
  local url; url="$(api_url)"

  # --- data through the gateway; both heatmap replicas agree ---------------------------------
  local expected=267792
  if load_demo "chicago chicago/police_beats_current.geojson.gz" "chicago chicago/chicago_crimes_2017.csv.xz"; then
    check "Chicago beats and 2017 loaded through the gateway" true
  else
    check "Chicago beats and 2017 loaded through the gateway" false; finish
  fi
  total() {   # CITY [YEAR]: the heatmap's total, the gateway's cache bypassed
    local range="year_from=1900&year_to=2100"; [[ -n "${2:-}" ]] && range="year=$2"
    curl -s --max-time 10 -H 'Cache-Control: no-cache' "$url/api/v1/heatmap?city=$1&$range" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null
  }
  ten_agree() {  # ten answers in a row (the gateway alternates replicas) all equal $expected
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do [[ "$(total chicago 2017)" == "$expected" ]] || return 1; done
  }
  poll 120 ten_agree
  check "ten answers in a row (both heatmap replicas): Chicago 2017 = $expected, got $(total chicago 2017)" ten_agree

  # --- Patroni roles, read pools ---------------------------------------------------------------
  member_is() {   # member_is SERVICE ROLE: Patroni's REST API answers 200 on /ROLE (primary|replica)
    local id; id="$(container_of "$1")"; [[ -n "$id" ]] || return 1
    "$docker" exec "$id" curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:8008/$2" 2>/dev/null
  }
  leader() { local m; for m in pg1 pg2; do member_is "$m" primary && { echo "$m"; return 0; }; done; return 1; }
  psql_on() {     # psql_on SERVICE SQL: as postgres over the member's local socket
    "$docker" exec "$(container_of "$1")" psql -X -q -h /var/run/postgresql -U postgres -d crimescope -tAc "$2" 2>/dev/null
  }
  read_sessions() { psql_on "$1" "select count(*) from pg_stat_activity where application_name = 'crimescope-read'"; }
  local primary standby
  primary="$(leader)"; [[ "$primary" == pg1 ]] && standby=pg2 || standby=pg1
  # The read pools open their connections on first use: ask for a month of incidents.
  curl -s -o /dev/null --max-time 30 "$url/api/v1/incidents?city=chicago&month=2017-06" || true
  local on_standby on_primary
  on_standby="$(read_sessions "$standby")"; on_primary="$(read_sessions "$primary")"
  check "read pools (prefer-standby) on the standby $standby: ${on_standby:-?} sessions; on the primary $primary: ${on_primary:-?}" \
    test "${on_standby:-0}" -gt 0 -a "${on_primary:-1}" -eq 0
  # What pgbouncer would pool (docs/SCALING.md): the application's sessions on each member.
  echo "    application sessions: primary $primary $(psql_on "$primary" "select count(*) from pg_stat_activity where usename = 'crimescope'"), standby $standby $(psql_on "$standby" "select count(*) from pg_stat_activity where usename = 'crimescope'") (max_connections $(psql_on "$primary" "show max_connections"))"

  # --- a heatmap replica killed during wrk ---------------------------------------------------------
  local heatmap restarts_before pid
  heatmap="$(container_of heatmap-1)"
  restarts_before="$("$docker" inspect -f '{{.RestartCount}}' "$heatmap")"
  say "wrk for 20 s against the gateway's heatmap API; heatmap-1 SIGKILLed after 5 s"
  wrk -t1 -c16 -d20s -H 'Cache-Control: no-cache' "$url/api/v1/heatmap?city=chicago&year=2017" >"$scale_tmp/wrk.txt" 2>&1 &
  local wrk_pid=$!
  sleep 5   # wrk reaches its steady state before the fault (when the fault lands, not an assertion)
  pid="$("$docker" inspect -f '{{.State.Pid}}' "$heatmap")"
  kill -KILL "$pid"
  wait "$wrk_pid"
  sed 's/^/    /' "$scale_tmp/wrk.txt" >&2
  local requests non2xx socket
  requests="$(awk '/requests in/ {print $1}' "$scale_tmp/wrk.txt")"
  non2xx="$(awk -F: '/Non-2xx/ {gsub(/ /,"",$2); print $2}' "$scale_tmp/wrk.txt")"; non2xx=${non2xx:-0}
  socket="$(grep -oE 'Socket errors: .*' "$scale_tmp/wrk.txt" | grep -oE '[0-9]+' | awk '{n += $1} END {print n + 0}')"
  check "wrk: ${requests:-0} requests, $((non2xx + socket)) failed (non-2xx $non2xx, socket errors $socket) while heatmap-1 was SIGKILLed" \
    test "${requests:-0}" -gt 0 -a "$((non2xx + socket))" -eq 0
  heatmap_back() {
    [[ "$("$docker" inspect -f '{{.RestartCount}} {{.State.Health.Status}}' "$heatmap")" == "$((restarts_before + 1)) healthy" ]]
  }
  poll 120 heatmap_back
  check "heatmap-1 restarted by its restart policy and healthy again" heatmap_back

  # --- the Patroni leader stopped ------------------------------------------------------------------
  local old new stopped_at
  old="$(leader)"
  say "stopping the Patroni leader's container ($old)"
  stopped_at=$SECONDS
  "$docker" stop -t 30 "$(container_of "$old")" >/dev/null
  new_leader() { local l; l="$(leader)" && [[ "$l" != "$old" ]]; }
  poll 90 new_leader
  new="$(leader || true)"
  check "the standby was promoted: ${new:-none} leads $(( SECONDS - stopped_at )) s after $old was stopped" test -n "$new" -a "$new" != "$old"
  # The services reconnect through the multi-host URL. Calls in flight or started during the
  # switch may fail (a 504 after the gateway's 5 s deadline was seen): wait until ingest answers
  # a database read through the gateway again, then load.
  local promoted_at=$SECONDS
  answers_again() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/api/v1/ingest/runs?city=chicago")" == 200 ]]; }
  poll 90 answers_again
  check "ingest answers through the gateway again $(( SECONDS - promoted_at )) s after the promotion" answers_again
  # A load through the gateway completes and its incidents show in the heatmap (load_demo waits
  # for both).
  local nyc_expected=19452    # the December 2017 arrests file's rows (compose.sh test sees the same)
  load_demo "nyc nyc/police_precincts.geojson.gz" "nyc nyc/NYPD_Arrests_Data_Historic_2017-12.csv.gz"
  # Both heatmap replicas (the gateway alternates): one may still be applying the outbox.
  nyc_right() { [[ "$(total nyc)" == "$nyc_expected" && "$(total nyc)" == "$nyc_expected" ]]; }
  poll 60 nyc_right
  check "after the failover a load through the gateway completes and the heatmap shows it: nyc $(total nyc), expected $nyc_expected" nyc_right
  poll 60 ten_agree
  check "Chicago 2017 still $expected on both heatmap replicas after the failover" ten_agree
  "$docker" start "$(container_of "$old")" >/dev/null
  rejoined() { member_is "$old" replica && [[ "$(psql_on "$new" "select count(*) from pg_stat_replication where state = 'streaming'")" == 1 ]]; }
  poll 120 rejoined
  check "the old leader $old, started again, streams from $new as a standby" rejoined

  check_down
  finish
}
