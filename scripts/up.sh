#!/usr/bin/env bash
# Sets up and runs CrimeScope locally: the README's run command.
#
#   1. scripts/install-deps.sh (fast when all is installed)
#   2. swift build -c release of ingest, heatmap, predict, gateway (a no-op when up to date)
#   3. PostgreSQL + PostGIS under .data/pg (persistent; reused on the next run)
#   4. the three services on Unix sockets .data/run/<name>.sock, logs in .data/logs/
#   5. the gateway on http://127.0.0.1:${CRIMESCOPE_HTTP_PORT:-8080}/, once /healthz says 200
#   6. the bundled real data (demo-data/) through `ingest load`, once (remembered in .data/)
#   7. Chicago's models trained in the background through the gateway, when none exist yet
# Then it supervises: a service, the gateway or PostgreSQL that exits (or is killed) is started
# again after a backoff of 1 s, 2 s, 4 s … 30 s (back to 1 s once it has run for a minute), each
# restart logged here and in its log. Ctrl-C (or SIGTERM) stops the gateway, the services, then
# PostgreSQL. The pids are in .data/run/<name>.pid (PostgreSQL: .data/pg/data/postmaster.pid).
#
# Environment: CRIMESCOPE_HTTP_HOST (127.0.0.1), CRIMESCOPE_HTTP_PORT (8080),
# CRIMESCOPE_PG_PORT (54329 or the next free one, then remembered), CRIMESCOPE_LOG_LEVEL (info), CRIMESCOPE_UP_TIMEOUT (120 s),
# CRIMESCOPE_BUILD_CONFIG (release; `debug` skips the slower optimised build while developing),
# CRIMESCOPE_DATA_DIR (.data), CRIMESCOPE_LOAD_DEMO (1; 0 starts an empty system: no data, no training).
# The write token is generated once into .data/write-token.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"

http_host="${CRIMESCOPE_HTTP_HOST:-127.0.0.1}"
http_port="${CRIMESCOPE_HTTP_PORT:-8080}"
log_level="${CRIMESCOPE_LOG_LEVEL:-info}"
export CRIMESCOPE_LOG_LEVEL="$log_level"
up_timeout="${CRIMESCOPE_UP_TIMEOUT:-120}"
config="${CRIMESCOPE_BUILD_CONFIG:-release}"
services=(ingest heatmap predict)
data="${CRIMESCOPE_DATA_DIR:-$root/.data}"
load_demo="${CRIMESCOPE_LOAD_DEMO:-1}"
run_dir="$data/run"
log_dir="$data/logs"

say() { printf 'up: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Loads the bundled real data (demo-data/, see demo-data/README.md) through `ingest load`, once:
# the areas first, then the incidents. A marker remembers what was loaded, so a second run
# starts at once; loading again would change nothing anyway (loads are idempotent).
load_bundled_data() {
  local marker="$data/demo-data.loaded" fingerprint
  fingerprint="$(cd "$root" && find demo-data -type f -printf '%p %s\n' | LC_ALL=C sort | sha1sum | cut -c1-40)"
  if [[ -s "$marker" && "$(cat "$marker")" == "$fingerprint" ]]; then
    say "bundled data already loaded (delete .data/demo-data.loaded to load it again)"
    return 0
  fi
  local city
  load() {   # load CITY FILE...
    city="$1"; shift
    say "loading $city: $(printf '%s ' "${@##*/}")"
    "$bin/ingest" load --database-url "$database_url" --city "$city" "$@" >>"$log_dir/load.log" 2>&1 \
      || { tail -n 20 "$log_dir/load.log" >&2; die "loading $city failed (log: .data/logs/load.log)"; }
  }
  load chicago demo-data/chicago/police_beats_current.geojson.gz
  load chicago demo-data/chicago/chicago_crimes_2017.csv.xz
  load nyc demo-data/nyc/police_precincts.geojson.gz
  load nyc demo-data/nyc/NYPD_Arrests_Data_Historic_2017-12.csv.gz
  load uk-metropolitan demo-data/uk-metropolitan/*.csv.xz
  load uk-west-yorkshire demo-data/uk-west-yorkshire/*.csv.xz
  echo "$fingerprint" > "$marker"
  say "bundled data loaded; the heatmap service applies it in the background"
}

# --- 1 + 2. dependencies and release build ---------------------------------------------------
scripts/install-deps.sh
say "building $config executables (swift build -c $config)"
for product in "${services[@]}" gateway; do
  swift build -c "$config" --product "$product" || die "swift build -c $config --product $product failed"
done
bin="$(swift build -c "$config" --show-bin-path)"
for product in "${services[@]}" gateway; do
  [[ -x "$bin/$product" ]] || die "$bin/$product was not built"
done

# --- one instance at a time ------------------------------------------------------------------
mkdir -p "$data" "$log_dir" "$run_dir"
chmod 0700 "$run_dir"
if [[ -s "$run_dir/up.pid" ]] && kill -0 "$(cat "$run_dir/up.pid")" 2>/dev/null; then
  die "already running (pid $(cat "$run_dir/up.pid")); stop it with Ctrl-C or kill $(cat "$run_dir/up.pid")"
fi
if curl -s -o /dev/null --max-time 2 "http://$http_host:$http_port/"; then
  die "something already answers on http://$http_host:$http_port/ (set CRIMESCOPE_HTTP_PORT)"
fi
echo $$ > "$run_dir/up.pid"
rm -f "$run_dir"/*.sock

# Trains Chicago's models once, in the background, when the predict service has none: waits
# until the heatmap service has applied every outbox entry (the forecast learns from its weekly
# series), then asks for all five models through the gateway's token-protected
# POST /api/v1/models/train; the predict service trains them and swaps them in when done. A later
# run finds them (GET /api/v1/models lists them with their masked_input_share) and trains nothing.
# Models saved before training learnt what an input not given means lack that metric: the
# predict service refuses to answer from them, so they are trained again. Progress: .data/logs/train.log.
train_models_once() {
  local api="$1" city=chicago models
  models="$(curl -s --max-time 5 "$api/models?city=$city" || true)"
  if [[ "$models" == *'"masked_input_share"'* ]]; then
    say "models for $city already trained"
    return 0
  fi
  if [[ "$models" == *'"kind":"arrest"'* ]]; then
    say "models for $city predate learning inputs not given (issue 17): training them again"
  fi
  (
    exec >>"$log_dir/train.log" 2>&1
    echo "=== $(date -u +%FT%TZ) waiting for the heatmap service to apply the outbox"
    local behind
    for _ in $(seq 1 1200); do
      behind="$(psql "$database_url" -X -q -tAc "SELECT (SELECT coalesce(max(position), 0) FROM ingest.outbox)
        - (SELECT position FROM heatmap.consumer_state WHERE consumer = 'incident-outbox')" 2>/dev/null || echo unknown)"
      [[ "$behind" =~ ^-?[0-9]+$ ]] && (( behind <= 0 )) && break
      sleep 1
    done
    echo "=== $(date -u +%FT%TZ) heatmap caught up (behind: $behind); training $city"
    curl -s --max-time 30 -X POST "$api/models/train" -H "Authorization: Bearer $write_token" \
      -H 'Content-Type: application/json' \
      -d "{\"city\":\"$city\",\"kinds\":[\"arrest\",\"domestic\",\"property\",\"crime_type\",\"beat_forecast\"]}"
    echo
  ) &
  trainer_pid=$!
  say "training $city's models in the background (log: .data/logs/train.log); the Predict view and /methodology show them when done"
}

# --- shutdown in reverse order ---------------------------------------------------------------
declare -A pids=()
stopping=0
stop_process() {   # stop_process NAME: SIGTERM, wait up to 15 s, then SIGKILL
  local name="$1" pid="${pids[$1]:-}"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "$name did not stop in 15 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  local code=0; wait "$pid" 2>/dev/null || code=$?
  say "stopped $name (exit code $code)"
  unset "pids[$name]"
}
shutdown() {
  (( stopping )) && return 0
  stopping=1
  trap '' INT TERM
  say "stopping"
  if [[ -n "${trainer_pid:-}" ]]; then kill "$trainer_pid" 2>/dev/null || true; fi   # set -e: a finished trainer is fine
  stop_process gateway
  for name in predict heatmap ingest; do stop_process "$name"; done
  if [[ -f "$data/pg/data/PG_VERSION" ]]; then
    scripts/pg.sh stop "$data/pg" && say "stopped PostgreSQL"
  fi
  rm -f "$run_dir/up.pid" "$run_dir"/*.pid
}
trap 'shutdown; exit 130' INT
trap 'shutdown; exit 143' TERM
trap 'shutdown' EXIT

show_logs() {
  for f in "$log_dir"/*.log "$data/pg/server.log"; do
    [[ -f "$f" ]] || continue
    echo "--- last lines of ${f#$root/} ---" >&2
    tail -n 25 "$f" >&2
  done
}

# --- 3. PostgreSQL ---------------------------------------------------------------------------
if [[ ! -s "$data/write-token" ]]; then
  (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$data/write-token")
  say "generated a write token in .data/write-token"
fi
write_token="$(cat "$data/write-token")"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -n "${CRIMESCOPE_PG_PORT:-}" ]]; then
  pg_args=(--port "$CRIMESCOPE_PG_PORT")
elif [[ -s "$data/pg/port" ]]; then
  pg_args=()                       # the port pg.sh remembered on the first run
else
  pg_port=54329
  while port_busy "$pg_port"; do pg_port=$((pg_port + 1)); done
  pg_args=(--port "$pg_port")
fi
say "starting PostgreSQL under .data/pg"
database_url="$(scripts/pg.sh start "$data/pg" "${pg_args[@]}")" || { show_logs; die "PostgreSQL did not start"; }
# pg.sh creates the database `crimescope` with PostGIS; make sure, in case it did not.
psql "$database_url" -X -q -tAc "SELECT extname FROM pg_extension WHERE extname = 'postgis'" | grep -q postgis \
  || die "database $database_url has no PostGIS extension"
say "database: $database_url"

# --- 4. services -----------------------------------------------------------------------------
# Each process runs in its own session (setsid): a Ctrl-C in the terminal reaches only this
# script, which then stops them in order (gateway first, PostgreSQL last).
start_service() {   # start_service NAME ARGS...: runs in the background, stderr+stdout to its log
  local name="$1"; shift
  declare -ga "args_$name"
  local -n recorded="args_$name"
  recorded=("$@")    # kept (args_ingest, args_gateway, …) to start it again
  launch "$name"
}
launch() {          # launch NAME: (re)starts NAME with its recorded arguments
  local name="$1"
  local -n recorded="args_$name"
  echo "=== $(date -u +%FT%TZ) up.sh starts $name" >> "$log_dir/$name.log"
  setsid "$bin/$name" "${recorded[@]}" </dev/null >>"$log_dir/$name.log" 2>&1 &
  pids[$name]=$!
  started_at[$name]=$SECONDS
  echo "${pids[$name]}" > "$run_dir/$name.pid"
}
declare -A started_at=()
# OpenMP threads (XGBoost's) that wait passively instead of spinning: on 2 busy cores spinning made
# training 5-8x slower. libgomp reads this at process start, so it must be in the environment.
export OMP_WAIT_POLICY=PASSIVE
export CRIMESCOPE_WRITE_TOKEN="$write_token"
for name in "${services[@]}"; do
  extra=()
  [[ "$name" == heatmap ]] && extra=(--ingest-endpoint "unix://$run_dir/ingest.sock")
  [[ "$name" == predict ]] && extra=(--ingest-endpoint "unix://$run_dir/ingest.sock"
                                     --heatmap-endpoint "unix://$run_dir/heatmap.sock")
  # The write token travels in the environment, not on the command line (where `ps` shows it).
  start_service "$name" serve --listen "unix://$run_dir/$name.sock" \
    --database-url "$database_url" --log-level "$log_level" "${extra[@]}"
done

# --- 5. gateway ------------------------------------------------------------------------------
start_service gateway serve --http-host "$http_host" --http-port "$http_port" \
  --ingest-endpoint "unix://$run_dir/ingest.sock" \
  --heatmap-endpoint "unix://$run_dir/heatmap.sock" \
  --predict-endpoint "unix://$run_dir/predict.sock"

url="http://$http_host:$http_port/"
say "waiting for ${url}healthz (up to $up_timeout s)"
deadline=$(( SECONDS + up_timeout ))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${url}healthz" || true)" == 200 ]]; do
  for name in "${!pids[@]}"; do
    kill -0 "${pids[$name]}" 2>/dev/null || { show_logs; die "$name exited during start-up (log: .data/logs/$name.log)"; }
  done
  if (( SECONDS >= deadline )); then
    curl -s --max-time 2 "${url}healthz" >&2 || true; echo >&2
    show_logs
    die "no healthy /healthz within $up_timeout s"
  fi
  sleep 0.5
done

trainer_pid=""
if [[ "$load_demo" == 1 ]]; then
  load_bundled_data
  train_models_once "${url}api/v1"
else
  say "CRIMESCOPE_LOAD_DEMO=0: no bundled data loaded, no models trained"
fi

echo "CrimeScope is running at $url"
say "logs in .data/logs/, write token in .data/write-token; Ctrl-C stops everything"

# --- supervision -----------------------------------------------------------------------------
# Once a second: a process that exited is reaped and started again after its backoff (1 s, then
# doubling up to 30 s; reset once it has run for 60 s). PostgreSQL likewise (pg.sh status/start).
declare -A backoff=() due=()
pg_backoff=1 pg_due=0
supervise_once() {
  local name code
  for name in gateway predict heatmap ingest; do
    if [[ -n "${pids[$name]:-}" ]] && ! kill -0 "${pids[$name]}" 2>/dev/null; then
      code=0; wait "${pids[$name]}" 2>/dev/null || code=$?
      (( SECONDS - ${started_at[$name]:-0} >= 60 )) && backoff[$name]=1
      backoff[$name]=${backoff[$name]:-1}
      due[$name]=$(( SECONDS + backoff[$name] ))
      say "$name exited (exit code $code); restarting it in ${backoff[$name]} s (log: .data/logs/$name.log)"
      echo "=== $(date -u +%FT%TZ) up.sh: $name exited (exit code $code); restart in ${backoff[$name]} s" >> "$log_dir/$name.log"
      backoff[$name]=$(( backoff[$name] * 2 > 30 ? 30 : backoff[$name] * 2 ))
      pids[$name]=""
    fi
    if [[ -z "${pids[$name]:-}" && -n "${due[$name]:-}" ]] && (( SECONDS >= due[$name] )); then
      unset "due[$name]"
      launch "$name"
      say "restarted $name (pid ${pids[$name]})"
    fi
  done
  if ! scripts/pg.sh status "$data/pg" >/dev/null 2>&1; then
    if (( pg_due == 0 )); then
      pg_due=$(( SECONDS + pg_backoff ))
      say "PostgreSQL is down; restarting it in $pg_backoff s"
    elif (( SECONDS >= pg_due )); then
      if scripts/pg.sh start "$data/pg" >/dev/null 2>>"$log_dir/pg-restart.log"; then
        say "restarted PostgreSQL"; pg_backoff=1; pg_due=0
      else
        pg_backoff=$(( pg_backoff * 2 > 30 ? 30 : pg_backoff * 2 ))
        pg_due=$(( SECONDS + pg_backoff ))
        say "PostgreSQL did not start; next try in $pg_backoff s (log: .data/logs/pg-restart.log)"
      fi
    fi
  fi
}
while (( ! stopping )); do
  supervise_once
  sleep 1 & wait $! || true     # `wait` returns at once on Ctrl-C/SIGTERM, so the trap runs now
done
