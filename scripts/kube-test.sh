# `scripts/compose.sh kube-test`: deploy/k8s run for real under root podman 4.3's `kube play`.
# Sourced by scripts/compose.sh (uses its ensure_engine, build_app, die, say); not a command of
# its own. What podman cannot run as written is rewritten by scripts/kube-render.py (Services
# dropped and endpoint settings listing the Deployments' pods instead, the single-replica PostGIS
# StatefulSet played as a Pod, containerPorts not published); everything else is the manifests.
#
#   1. podman refuses the StatefulSets (deploy/k8s/postgis.yaml, deploy/k8s/ha/*.yaml): its error
#      is printed, and the check is that it still does (the day it does not, run them instead);
#   2. PostGIS + 2 pods of each Deployment (ingest, heatmap, predict, gateway) come up: every
#      service pod's `<executable> healthcheck` exits 0, both gateways' /healthz are 200;
#   3. NYC's precincts and December 2017 arrests load through a gateway and show in the heatmap;
#   4. both replicas of each service answer through the gateway: with one pod of a service stopped,
#      the gateway's answer that needs that service (runs, heatmap total, models) is still right,
#      for each of its two pods in turn (predict: its own "no trained models" answer, not a 503);
#   5. `kube down` removes the pods; network, secret and volumes are removed.
# The last line is `N passed, M failed`.

cmd_kube_test() {
  set +e
  local passed=0 failed=0
  kube_tmp="$(mktemp -d)"          # global: the EXIT trap runs after this function's locals are gone
  kube_network="crimescope-kube-$$"
  kube_prefix="crimescope-kube-$$"
  # Root podman 4.3 here: runc (crun cannot drop cgroup controllers on this kernel) and open-file
  # limits root may set (README, Containers).
  export CONTAINERS_CONF="$kube_tmp/containers.conf"
  printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF"
  kube_cleanup() {
    [[ -s "$kube_tmp/play.yaml" ]] && podman kube down "$kube_tmp/play.yaml" >/dev/null 2>&1
    podman volume rm -f "$kube_prefix-pgdata" >/dev/null 2>&1
    podman network rm -f "$kube_network" >/dev/null 2>&1
    podman secret rm crimescope-secrets >/dev/null 2>&1
    rm -rf "$kube_tmp"
  }
  trap kube_cleanup EXIT
  trap 'exit 130' INT TERM
  check() {
    if "${@:2}"; then passed=$((passed + 1)); echo "ok    $1"
    else failed=$((failed + 1)); echo "FAIL  $1"; fi
  }
  finish() { echo "$passed passed, $failed failed"; (( failed == 0 )); exit $?; }
  poll() {
    local deadline=$(( SECONDS + $1 )); shift
    until "$@" >/dev/null 2>&1; do (( SECONDS < deadline )) || return 1; sleep 1; done
  }

  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  command -v catatonit >/dev/null && [[ -x /usr/libexec/podman/catatonit || -x /usr/bin/catatonit ]] || missing+=(catatonit)
  if (( ${#missing[@]} )); then
    say "installing ${missing[*]} (apt-get)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "cannot install ${missing[*]}"
  fi
  ensure_engine
  build_app
  # Images move from docker without a registry; skipped when podman holds the same image id.
  local image
  for image in "$app_image" "$postgis_image"; do
    if [[ "$("$docker" image inspect -f '{{.Id}}' "$image")" != "$(podman image inspect -f '{{.Id}}' "localhost/$image" 2>/dev/null)" ]]; then
      say "copying $image into podman (docker save | podman load)"
      "$docker" save "$image" | podman load -q >/dev/null || die "podman load of $image failed"
    fi
  done

  # --- 1. what podman refuses ----------------------------------------------------------------------
  local file refused=1 message
  for file in deploy/k8s/postgis.yaml deploy/k8s/ha/etcd.yaml deploy/k8s/ha/patroni.yaml; do
    message="$(podman kube play --start=false "$file" 2>&1)"
    if grep -q 'does not contain any supported kube kind' <<<"$message"; then
      echo "    podman kube play $file: $(grep -m1 Error <<<"$message")"
    else
      refused=0; echo "    podman kube play $file was accepted: $message"
      podman kube down "$file" >/dev/null 2>&1
    fi
  done
  check "podman 4.3 still refuses kind: StatefulSet (PostGIS, etcd, Patroni): played here as a Pod / not at all" test "$refused" == 1

  # --- 2. the stack ------------------------------------------------------------------------------------
  # The Secret as podman 4.3's secretKeyRef reads it: a JSON object of base64 values.
  local token
  token="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  python3 - "$token" >"$kube_tmp/secret.json" <<'PY'
import base64, json, os, sys
value = lambda text: base64.b64encode(text.encode()).decode()
print(json.dumps({"write-token": value(sys.argv[1]), "postgres-password": value(os.urandom(24).hex()),
                  "replication-password": value(os.urandom(24).hex())}))
PY
  podman secret rm crimescope-secrets >/dev/null 2>&1
  podman secret create crimescope-secrets "$kube_tmp/secret.json" >/dev/null || die "podman secret create failed"
  rm -f "$kube_tmp/secret.json"
  podman network create "$kube_network" >/dev/null || die "podman network create failed"
  python3 scripts/kube-render.py "$kube_tmp/play.yaml" --volume-prefix "$kube_prefix" \
    --image "crimescope:local=localhost/$app_image" --image "postgis/postgis:15-3.4=localhost/$postgis_image" \
    deploy/k8s/postgis.yaml deploy/k8s/ingest.yaml deploy/k8s/heatmap.yaml deploy/k8s/predict.yaml deploy/k8s/gateway.yaml \
    || die "kube-render.py failed"
  local started=$SECONDS
  # Without systemd podman cannot schedule the probes' healthchecks: it says so once per
  # container; the health is asked by hand below.
  podman kube play --network "$kube_network" "$kube_tmp/play.yaml" >"$kube_tmp/play.log" 2>&1
  local pods; pods="$(podman pod ps --filter "network=$kube_network" --format '{{.Name}}' | sort | tr '\n' ' ')"
  check "kube play: PostGIS and 2 pods of each Deployment: $pods" \
    test "$pods" == "gateway-pod-0 gateway-pod-1 heatmap-pod-0 heatmap-pod-1 ingest-pod-0 ingest-pod-1 postgis predict-pod-0 predict-pod-1 "
  pod_ip() { podman inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$1"; }
  service_healthy() { podman exec "$1-pod-$2-$1" "$1" healthcheck >/dev/null 2>&1; }
  gateway_healthy() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://$(pod_ip "gateway-pod-$1-gateway"):8080/healthz")" == 200 ]]; }
  all_healthy() {
    local s i
    for s in ingest heatmap predict; do for i in 0 1; do service_healthy "$s" "$i" || return 1; done; done
    gateway_healthy 0 && gateway_healthy 1
  }
  # Pods start together and wait on the database themselves (migrations retry); podman's DNS
  # answers late for pods that joined while others were being added, so this can take a minute.
  poll 240 all_healthy
  check "all 8 pods healthy in $(( SECONDS - started )) s: 6 service pods' healthcheck SERVING, both gateways' /healthz 200" all_healthy
  local url; url="http://$(pod_ip gateway-pod-0-gateway):8080"

  # --- 3. data through the gateway -------------------------------------------------------------------
  if CRIMESCOPE_API="$url/api/v1" CRIMESCOPE_TOKEN="$token" load_demo \
      "nyc nyc/police_precincts.geojson.gz" "nyc nyc/NYPD_Arrests_Data_Historic_2017-12.csv.gz" 2>"$kube_tmp/load.log"; then
    check "NYC precincts and arrests of December 2017 loaded through the gateway and shown by the heatmap" true
  else
    tail -n 5 "$kube_tmp/load.log" >&2
    check "NYC precincts and arrests of December 2017 loaded through the gateway and shown by the heatmap" false
  fi

  # --- 4. each replica answers through the gateway ------------------------------------------------------
  local nyc_total runs_count min_position
  api() { curl -s --max-time 10 -H 'Cache-Control: no-cache' "$url/api/v1/$1"; }
  runs_count="$(api 'ingest/runs?city=nyc' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["runs"]))' 2>/dev/null)"
  # Read your writes across heatmap replicas: the loads' outbox position, sent with every heatmap
  # read, so a follower still behind it catches up (or passes the call on) instead of answering
  # the totals from before the load.
  min_position="$(api 'ingest/runs?city=nyc' | python3 -c 'import json,sys; print(max([r.get("outbox_position") or 0 for r in json.load(sys.stdin)["runs"]] or [0]))' 2>/dev/null)"
  heat() { curl -s --max-time 10 -H 'Cache-Control: no-cache' -H "X-CrimeScope-Min-Position: ${min_position:-0}" \
             "$url/api/v1/heatmap?city=nyc&year_from=1900&year_to=2100" |
           python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null; }
  nyc_total="$(heat)"
  echo "    nyc: outbox position $min_position after the loads"
  echo "    nyc: $nyc_total incidents, $runs_count runs (the answers expected below)"
  check "the heatmap at the loads' outbox position shows NYC's 19,452 arrests of December 2017 (got $nyc_total)" test "$nyc_total" == 19452
  answers() {    # SERVICE: the gateway's answer that needs SERVICE is the one seen with both up
    case $1 in
      ingest) [[ "$(api 'ingest/runs?city=nyc' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["runs"]))' 2>/dev/null)" == "$runs_count" ]] ;;
      heatmap) [[ "$(heat)" == "$nyc_total" ]] ;;
      # Nothing is trained: predict's own FAILED_PRECONDITION (a 400), not the gateway's 503.
      predict) api 'models?city=nyc' | grep -q "no trained models for city 'nyc'" ;;
    esac
  }
  three_in_a_row() { answers "$1" && answers "$1" && answers "$1"; }
  local s i other
  for s in ingest heatmap predict; do
    for i in 0 1; do
      other=$(( 1 - i ))
      podman pod stop -t 10 "$s-pod-$other" >/dev/null 2>&1
      local stopped_at=$SECONDS
      # Three right answers in a row: the gateway has moved its calls to the pod still up.
      poll 30 three_in_a_row "$s"
      check "$s-pod-$i alone behind the gateway ($s-pod-$other stopped): three right answers in a row after $(( SECONDS - stopped_at )) s" three_in_a_row "$s"
      podman pod start "$s-pod-$other" >/dev/null 2>&1
      poll 120 service_healthy "$s" "$other"
    done
  done

  # --- 5. down --------------------------------------------------------------------------------------------
  podman kube down "$kube_tmp/play.yaml" >/dev/null 2>&1
  local left; left="$(podman pod ps -q --filter "network=$kube_network")"
  check "kube down removed every pod" test -z "$left"
  finish
}
