#!/usr/bin/env bash
# CrimeScope in containers (compose.yaml) on a machine without a container registry.
#
#   scripts/compose.sh up      build (cached), start, wait until healthy, load the bundled demo data
#                              once through the gateway's API, print the URL
#   scripts/compose.sh down    stop and remove the containers (add -v to drop the database volume)
#   scripts/compose.sh test    `up` under a fresh project name and a free port, HTTP checks, restart
#                              after a crash, non-root, published ports; then `down -v`.
#                              Last line: `N passed, M failed`.
#   scripts/compose.sh build   only build the images
#   scripts/compose.sh k8s-secret   print a Secret for deploy/k8s with fresh random values
#   scripts/compose.sh kube-test     deploy/k8s under root podman's `kube play`: 2 pods of each
#                              Deployment, each replica answering through the gateway
#                              (scripts/kube-test.sh). Last line: `N passed, M failed`
#   scripts/compose.sh scale-test    compose.scale.yaml (2x each service, Patroni pair + etcd) under
#                              a fresh project: a heatmap replica killed during wrk, the Patroni
#                              leader stopped during the test; then `down -v`. Last line:
#                              `N passed, M failed` (scripts/compose-scale-test.sh)
#
# Engine: Debian's docker.io (dockerd 20.10) + docker-compose 1.29, installed with apt-get when
# missing; dockerd is started in the background when no engine answers (no systemd). The base
# images are built from Debian packages when missing (no registry): local/bookworm:12
# (mmdebstrap), local/swift:<version>-bookworm (this machine's /opt/swift + /opt/swift-packages),
# local/postgis:15-3 (postgresql-15 + postgresql-15-postgis-3). See README.md, "Containers".
#
# Environment: CRIMESCOPE_COMPOSE_PROJECT (crimescope), CRIMESCOPE_HTTP_PUBLISH_PORT (8080),
# CRIMESCOPE_COMPOSE_TIMEOUT (seconds to wait for health, 300), CRIMESCOPE_SWIFT_DIR (/opt/swift),
# CRIMESCOPE_SWIFT_PACKAGES_DIR (/opt/swift-packages), CRIMESCOPE_LOAD_DEMO (1; 0 skips the data),
# CRIMESCOPE_COMPOSE_SKIP_BUILD (0; 1 uses the crimescope:local image already built, when there is one).
# Secrets: CRIMESCOPE_WRITE_TOKEN and POSTGRES_PASSWORD are generated once into .data/compose.env
# (mode 0600) and passed with --env-file.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/scripts/lib/checks.sh"   # check, poll, finish, on_exit (the test commands)

# The engine's own client: another `docker` first on PATH (e.g. /usr/local/bin) may refuse to
# build without buildx. docker-compose 1.29 talks to the engine's API itself.
docker=/usr/bin/docker
compose_bin=/usr/bin/docker-compose
export DOCKER_BUILDKIT=1

project="${CRIMESCOPE_COMPOSE_PROJECT:-crimescope}"
publish_port="${CRIMESCOPE_HTTP_PUBLISH_PORT:-8080}"
health_timeout="${CRIMESCOPE_COMPOSE_TIMEOUT:-300}"
swift_dir="${CRIMESCOPE_SWIFT_DIR:-/opt/swift}"
packages_dir="${CRIMESCOPE_SWIFT_PACKAGES_DIR:-/opt/swift-packages}"
env_file="${CRIMESCOPE_COMPOSE_ENV_FILE:-$root/.data/compose.env}"
compose_file="${CRIMESCOPE_COMPOSE_FILE:-$root/compose.yaml}"
expected_containers=5      # wait_healthy's count: compose.yaml's five services
work="$root/.data/compose"

base_image=local/bookworm:12
postgis_image=local/postgis:15-3
app_image=crimescope:local
patroni_image=local/patroni:15

say() { printf 'compose: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# --- engine ----------------------------------------------------------------------------------
ensure_engine() {
  local missing=()
  [[ -x "$docker" ]] || missing+=(docker.io)
  [[ -x "$compose_bin" ]] || missing+=(docker-compose)
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  if (( ${#missing[@]} )); then
    [[ "$(id -u)" == 0 ]] || die "install ${missing[*]} (needs root)"
    say "installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ! "$docker" info >/dev/null 2>&1; then
    [[ "$(id -u)" == 0 ]] || die "no Docker engine answers and only root can start dockerd"
    command -v dockerd >/dev/null || die "dockerd not found (package docker.io)"
    say "starting dockerd in the background (log: /var/log/dockerd.log)"
    # setsid: the daemon outlives this script and does not get the terminal's Ctrl-C.
    setsid dockerd >>/var/log/dockerd.log 2>&1 </dev/null &
    local i
    for i in $(seq 1 120); do
      "$docker" info >/dev/null 2>&1 && break
      sleep 0.5
    done
    "$docker" info >/dev/null 2>&1 || { tail -n 20 /var/log/dockerd.log >&2; die "dockerd did not answer within 60 s"; }
  fi
}

image_exists() { "$docker" image inspect "$1" >/dev/null 2>&1; }

# --- base images (built only when missing) ---------------------------------------------------
swift_version() {
  "$swift_dir/usr/bin/swift" --version 2>/dev/null | sed -nE 's/.*Swift version ([0-9][0-9.]*).*/\1/p' | head -n 1
}

ensure_bases() {
  mkdir -p "$work"
  if ! image_exists "$base_image"; then
    say "building $base_image: mmdebstrap --variant=minbase bookworm (Debian packages, no registry)"
    rm -f "$work/rootfs.tar"
    mmdebstrap --quiet --variant=minbase bookworm "$work/rootfs.tar" || die "mmdebstrap failed"
    "$docker" import "$work/rootfs.tar" "$base_image" >/dev/null
    rm -f "$work/rootfs.tar"
  fi
  if ! image_exists "$postgis_image"; then
    say "building $postgis_image (postgresql-15 + postgresql-15-postgis-3)"
    "$docker" build -q --build-arg BASE_IMAGE="$base_image" -f deploy/images/postgis.Dockerfile \
      -t "$postgis_image" deploy/images >/dev/null
  fi
  local version
  version="$(swift_version)"
  [[ -n "$version" ]] || die "no Swift toolchain at $swift_dir (set CRIMESCOPE_SWIFT_DIR)"
  builder_image="local/swift:$version-bookworm"
  if ! image_exists "$builder_image"; then
    [[ -d "$packages_dir" ]] || die "no Swift package mirrors at $packages_dir (set CRIMESCOPE_SWIFT_PACKAGES_DIR)"
    say "building $builder_image from $swift_dir and $packages_dir"
    local context="$work/swift-context"
    rm -rf "$context"
    mkdir -p "$context"
    # Hard links when on the same file system (no copy), a copy otherwise.
    cp -al "$swift_dir" "$context/swift" 2>/dev/null || { rm -rf "$context/swift"; cp -a "$swift_dir" "$context/swift"; }
    cp -al "$packages_dir" "$context/swift-packages" 2>/dev/null || { rm -rf "$context/swift-packages"; cp -a "$packages_dir" "$context/swift-packages"; }
    # What a build does not need: debugger, language servers, docs, formatter, Embedded Swift.
    (cd "$context/swift/usr" && rm -rf \
      bin/lldb bin/lldb-argdumper bin/lldb-dap bin/lldb-server bin/repl_swift bin/sourcekit-lsp \
      bin/clangd bin/docc bin/swift-format bin/wasmkit bin/llvm-cov bin/llvm-profdata \
      lib/liblldb.so* lib/libsourcekitdInProc.so lib/libSwiftSourceKitClientPlugin.so \
      lib/libSwiftSourceKitPlugin.so lib/swift/embedded lib/swift_static/embedded \
      share/doc share/docc share/man)
    cp deploy/images/swift.Dockerfile "$context/Dockerfile"
    "$docker" build -q --build-arg BASE_IMAGE="$base_image" -t "$builder_image" "$context" >/dev/null \
      || { rm -rf "$context"; die "building $builder_image failed"; }
    rm -rf "$context"
  fi
}

# PostgreSQL + PostGIS + Patroni + etcd for compose.scale.yaml and deploy/k8s/ha.
# Built every time (the layer cache makes it ~1 s): deploy/ha's configuration is copied in.
ensure_patroni_image() {
  say "building $patroni_image (postgresql-15, postgis, patroni, etcd-server: Debian packages)"
  "$docker" build -q --build-arg BASE_IMAGE="$base_image" -f deploy/ha/patroni.Dockerfile \
    -t "$patroni_image" deploy/ha >/dev/null || die "building $patroni_image failed"
}

# --- the CrimeScope image --------------------------------------------------------------------
build_app() {
  ensure_bases
  if [[ "${CRIMESCOPE_COMPOSE_SKIP_BUILD:-0}" == 1 ]] && image_exists "$app_image"; then
    say "using the $app_image already built (CRIMESCOPE_COMPOSE_SKIP_BUILD=1)"; return 0
  fi
  say "building $app_image (Dockerfile: BUILDER_IMAGE=$builder_image, RUNTIME_IMAGE=$base_image)"
  local started=$SECONDS
  "$docker" build --progress=plain --build-arg BUILDER_IMAGE="$builder_image" --build-arg RUNTIME_IMAGE="$base_image" \
    -t "$app_image" . >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; die "docker build failed (log: .data/compose/build.log)"; }
  say "built $app_image in $(( SECONDS - started )) s (log: .data/compose/build.log)"
}

# --- secrets and compose ---------------------------------------------------------------------
ensure_env_file() {
  [[ -s "$env_file" ]] && return 0
  mkdir -p "$(dirname "$env_file")"
  (
    umask 077
    printf '# Generated by scripts/compose.sh: secrets of the compose demo (hex: safe in URLs).\n'
    printf 'CRIMESCOPE_WRITE_TOKEN=%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    printf 'POSTGRES_PASSWORD=%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
    printf 'REPLICATION_PASSWORD=%s\n' "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  ) > "$env_file"
  chmod 0600 "$env_file"
  say "generated the write token and the database password in ${env_file#$root/}"
}
write_token() { sed -n 's/^CRIMESCOPE_WRITE_TOKEN=//p' "$env_file" | tail -n 1; }

compose() {
  CRIMESCOPE_IMAGE="$app_image" CRIMESCOPE_POSTGIS_IMAGE="$postgis_image" \
  CRIMESCOPE_PATRONI_IMAGE="$patroni_image" CRIMESCOPE_HTTP_PUBLISH_PORT="$publish_port" \
    "$compose_bin" -p "$project" --env-file "$env_file" -f "$compose_file" "$@"
}

container_of() { compose ps -q "$1" 2>/dev/null | head -n 1; }

# Waits until every container of the project is running and healthy (all have healthchecks).
wait_healthy() {
  local deadline=$(( SECONDS + health_timeout )) ids states line bad
  say "waiting until every service is healthy (up to $health_timeout s)"
  while true; do
    ids="$(compose ps -q 2>/dev/null)"
    if [[ -n "$ids" ]]; then
      states="$("$docker" inspect -f '{{index .Config.Labels "com.docker.compose.service"}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' $ids)"
      bad="$(grep -v ' running healthy$' <<<"$states" || true)"
      if [[ -z "$bad" && "$(wc -l <<<"$states")" -ge "$expected_containers" ]]; then return 0; fi
    fi
    if (( SECONDS >= deadline )); then
      say "not healthy within $health_timeout s:"; printf '  %s\n' "${states:-no containers}" >&2
      compose logs --tail=30 >&2 || true
      return 1
    fi
    sleep 1
  done
}

api_url() { printf 'http://127.0.0.1:%s' "$publish_port"; }

# The compose tests' last check: `down -v` leaves no container or volume of the project.
check_down() {
  compose down -v --remove-orphans >/dev/null 2>&1
  project_gone() { [[ -z "$("$docker" ps -aq --filter "label=com.docker.compose.project=$project")" ]] \
                     && [[ -z "$("$docker" volume ls -q --filter "label=com.docker.compose.project=$project")" ]]; }
  check "down -v removed the project's containers and volumes" project_gone
}

# Loads demo-data/ (baked into the image at /app/demo-data) through POST /api/v1/ingest/loads,
# in scripts/up.sh's order: each file once (a succeeded run of the same path is skipped), each
# load asynchronous and followed until its run has ended; then waits until the heatmap's totals
# show every loaded incident. Arguments ("CITY RELATIVE_PATH" each) replace the demo's list;
# CRIMESCOPE_API and CRIMESCOPE_TOKEN, when set, replace this project's API and token.
load_demo() {
  local files=(
    "chicago chicago/police_beats_current.geojson.gz"
    "chicago chicago/chicago_crimes_2017.csv.xz"
    "nyc nyc/police_precincts.geojson.gz"
    "nyc nyc/NYPD_Arrests_Data_Historic_2017-12.csv.gz"
  )
  local f
  for f in demo-data/uk-metropolitan/*.csv.xz; do files+=("uk-metropolitan uk-metropolitan/${f##*/}"); done
  for f in demo-data/uk-west-yorkshire/*.csv.xz; do files+=("uk-west-yorkshire uk-west-yorkshire/${f##*/}"); done
  (( $# )) && files=("$@")
  CRIMESCOPE_API="${CRIMESCOPE_API:-$(api_url)/api/v1}" CRIMESCOPE_TOKEN="${CRIMESCOPE_TOKEN:-$(write_token)}" \
    python3 - "${files[@]}" <<'PY'
import json, os, sys, time, urllib.error, urllib.request

api, token = os.environ["CRIMESCOPE_API"], os.environ["CRIMESCOPE_TOKEN"]

def call(method, path, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(api + path, data=data, method=method)
    if body is not None:
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")

def runs(city):
    status, body = call("GET", f"/ingest/runs?city={city}&limit=500")
    if status != 200:
        sys.exit(f"compose: GET /ingest/runs?city={city}: {status} {body}")
    return body["runs"]

def log(message):
    print(f"compose: {message}", file=sys.stderr, flush=True)

ended = {"RUN_STATUS_SUCCEEDED", "RUN_STATUS_FAILED"}
for item in sys.argv[1:]:
    city, relative = item.split(" ", 1)
    path = f"/app/demo-data/{relative}"
    # A run names its file as given or by its base name.
    if any(r["source"] in (path, os.path.basename(path)) and r["status"] == "RUN_STATUS_SUCCEEDED" for r in runs(city)):
        log(f"{city}: {relative} already loaded")
        continue
    status, body = call("POST", "/ingest/loads", {"city": city, "path": path})
    if status not in (200, 202) or not body.get("run"):
        sys.exit(f"compose: POST /ingest/loads {path}: {status} {body}")
    run_id, started = body["run"]["run_id"], time.monotonic()
    log(f"{city}: loading {relative} (run {run_id})")
    run = body["run"]
    for _ in range(1800):            # 30 min at most, one look a second
        if run["status"] in ended:
            break
        time.sleep(1)
        run = next((r for r in runs(city) if r["run_id"] == run_id), run)
    if run["status"] != "RUN_STATUS_SUCCEEDED":
        sys.exit(f"compose: run {run_id} ({relative}) ended {run['status']}: {run.get('error')}")
    log(f"{city}: {relative}: {run['inserted']} inserted, {run['rejected']} rejected in {time.monotonic() - started:.0f} s")

# The heatmap service applies the loads from ingest's outbox in the background: wait until
# each city's total over all years holds every incident its incident loads inserted. A failed
# run counts too: its committed batches are kept (a run cut by a failover, then run again, finds
# those rows unchanged and inserts only the rest).
cities = sorted({item.split(" ", 1)[0] for item in sys.argv[1:]})
for city in cities:
    expected = sum(r["inserted"] for r in runs(city) if r["format"] != "SOURCE_FORMAT_AREAS_GEOJSON")
    total = None
    for _ in range(900):
        status, body = call("GET", f"/heatmap?city={city}&year_from=1900&year_to=2100")
        total = body.get("total", {}).get("incidents") if status == 200 else None
        if total == expected:
            break
        time.sleep(1)
    if total != expected:
        sys.exit(f"compose: the heatmap shows {total} incidents for {city}, the loads inserted {expected}")
    log(f"{city}: the heatmap shows all {expected} incidents")
PY
}

# --- commands --------------------------------------------------------------------------------
cmd_up() {
  ensure_engine
  ensure_env_file
  build_app
  say "starting project $project (gateway on 127.0.0.1:$publish_port)"
  # docker-compose 1.29 starts each service once its dependencies are healthy, and fails when one
  # turns unhealthy instead.
  if ! compose up -d --no-build --remove-orphans >&2; then
    compose ps >&2 || true
    compose logs --tail=30 >&2 || true
    die "docker-compose up failed (scripts/compose.sh down to remove what started)"
  fi
  wait_healthy || die "the stack did not become healthy (scripts/compose.sh down to stop it)"
  if [[ "${CRIMESCOPE_LOAD_DEMO:-1}" != 0 ]]; then
    load_demo || die "loading the bundled demo data failed"
  fi
  echo "CrimeScope is running at $(api_url)/"
}

cmd_down() {
  ensure_engine
  [[ -s "$env_file" ]] || ensure_env_file
  compose down --remove-orphans "$@"
}

# `test`: everything through HTTP, docker inspect/exec and the engine; cleans up on any exit.
cmd_test() {
  test_tmp="$(mktemp -d)"          # global: the EXIT trap runs after this function's locals are gone
  project="crimescope-test-$$"
  env_file="$test_tmp/compose.env"
  publish_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  test_cleanup() {
    compose down -v --remove-orphans
    rm -rf "$test_tmp"
  }
  on_exit test_cleanup

  # `up` as its own process: errexit stays in force there (it would not in an `if` subshell).
  if ! CRIMESCOPE_COMPOSE_PROJECT="$project" CRIMESCOPE_HTTP_PUBLISH_PORT="$publish_port" \
       CRIMESCOPE_COMPOSE_ENV_FILE="$env_file" "$root/scripts/compose.sh" up; then
    check "up: build, start, every service healthy, demo data loaded" false
    finish
  fi
  check "up: build, start, every service healthy, demo data loaded (project $project, port $publish_port)" true
  local url; url="$(api_url)"

  healthz_200() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/healthz")" == 200 ]]; }
  chicago_total() {
    curl -s --max-time 30 "$url/api/v1/heatmap?city=chicago&year=2017" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null
  }
  totals() {     # every city's total over all years, one line
    local c
    for c in chicago nyc uk-metropolitan uk-west-yorkshire; do
      printf '%s=%s ' "$c" "$(curl -s --max-time 30 "$url/api/v1/heatmap?city=$c&year_from=1900&year_to=2100" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null)"
    done
  }

  check "GET /healthz is 200" healthz_200
  local expected=267792 got
  got="$(chicago_total)"
  check "Chicago 2017 heatmap total is $expected (demo-data/README.md): $got" test "$got" == "$expected"
  local before; before="$(totals)"

  # A crash of the heatmap service: SIGKILL to its process from outside. (`docker kill` is a
  # manual stop to engine 20.10: no restart policy restarts after it; see README, Containers.)
  local heatmap restarts_before pid
  heatmap="$(container_of heatmap)"
  restarts_before="$("$docker" inspect -f '{{.RestartCount}}' "$heatmap")"
  pid="$("$docker" inspect -f '{{.State.Pid}}' "$heatmap")"
  restarted() {
    [[ "$("$docker" inspect -f '{{.RestartCount}} {{.State.Status}}' "$heatmap")" == "$((restarts_before + 1)) running" ]]
  }
  kill -KILL "$pid"
  check "heatmap killed (SIGKILL to pid $pid): restart policy $("$docker" inspect -f '{{.HostConfig.RestartPolicy.Name}}' "$heatmap") restarted it" poll 60 restarted
  check "every service healthy again after the restart" wait_healthy
  check "GET /healthz is 200 again" poll 60 healthz_200
  local after; after="$(totals)"
  check "totals unchanged after the restart: $after" test "$after" == "$before"
  got="$(chicago_total)"
  check "Chicago 2017 total still $expected: $got" test "$got" == "$expected"

  local id service uid users=() rootful=0
  for id in $(compose ps -q); do
    service="$("$docker" inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")"
    uid="$("$docker" exec "$id" id -u 2>/dev/null || echo '?')"
    users+=("$service=$uid")
    [[ "$uid" =~ ^[1-9][0-9]*$ ]] || rootful=1
  done
  check "every container runs as a non-root user: ${users[*]}" test "$rootful" == 0

  local published=() bindings
  for id in $(compose ps -q); do
    service="$("$docker" inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")"
    bindings="$("$docker" inspect -f '{{range $p, $b := .NetworkSettings.Ports}}{{if $b}}{{$p}}{{range $b}}->{{.HostIp}}:{{.HostPort}}{{end}} {{end}}{{end}}' "$id")"
    [[ -n "${bindings// /}" ]] && published+=("$service:${bindings% }")
  done
  only_gateway() {
    (( ${#published[@]} == 1 )) && [[ "${published[0]}" == "gateway:8080/tcp->127.0.0.1:$publish_port" ]]
  }
  check "only the gateway publishes a port, on loopback: ${published[*]:-none}" only_gateway

  check_down
  finish
}

# A Kubernetes Secret for deploy/k8s with fresh random values (nothing default lives in git):
#   scripts/compose.sh k8s-secret | kubectl apply -f -
cmd_k8s_secret() {
  cat <<EOF
apiVersion: v1
kind: Secret
metadata:
  name: crimescope-secrets
  labels: {app.kubernetes.io/part-of: crimescope}
type: Opaque
stringData:
  write-token: "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  postgres-password: "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  replication-password: "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
EOF
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "$@" ;;
  test) cmd_test ;;
  build) ensure_engine; build_app ;;
  k8s-secret) cmd_k8s_secret ;;
  scale-test) . "$root/scripts/compose-scale-test.sh"; cmd_scale_test ;;
  kube-test) . "$root/scripts/kube-test.sh"; cmd_kube_test ;;
  *) echo "usage: scripts/compose.sh up|down [-v]|test|build|k8s-secret|scale-test|kube-test" >&2; exit 2 ;;
esac
