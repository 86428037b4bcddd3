# `scripts/compose.sh kube-test`: deploy/k8s/ha (the whole system with a Patroni + etcd
# PostgreSQL pair) run for real under root podman 4.3's `kube play`. Sourced by scripts/compose.sh
# (uses its ensure_engine, build_app, ensure_patroni_image, load_demo, die, say, and
# scripts/lib/checks.sh); not a command of its own. What podman cannot run as written is rewritten
# by scripts/kube-render.py (the kustomization's patches applied, StatefulSets played as one Pod
# per replica, Services dropped and endpoint settings listing the pods instead, containerPorts not
# published); everything else is the manifests.
#
#   1. podman refuses the StatefulSets as written (deploy/k8s/postgis.yaml, deploy/k8s/ha/*.yaml):
#      its error is printed, and the check is that it still does (the day it does not, play them
#      as they are); the single PostGIS of deploy/k8s, rendered, comes up and answers;
#   2. etcd + the Patroni pair (crimescope-pg-0/1) come up: a leader and a synchronous standby
#      streaming from it; then 2 pods of each Deployment (ingest, heatmap, predict, gateway),
#      connected with libpq multi-host URLs: every service pod's `<executable> healthcheck`
#      exits 0, both gateways' /healthz are 200;
#   3. NYC's precincts and December 2017 arrests load through a gateway and show in the heatmap
#      at the loads' outbox position; ingest's read pools (prefer-standby) sit on the standby;
#   4. both replicas of each service answer through the gateway: with one pod of a service stopped,
#      the gateway's answer that needs that service (runs, heatmap total, models) is still right,
#      for each of its two pods in turn (predict: its own "no trained models" answer, not a 503);
#   5. during a load of Chicago 2017 through the gateway, once a batch is committed, the Patroni
#      leader's pod is killed (`podman pod kill`: SIGKILL, a lost node): the standby is promoted
#      (Patroni's REST API /primary), ingest answers through the gateway again, the load either
#      completed or failed with a clear error and completes when run again; Chicago's and NYC's
#      heatmap totals equal ingest's recount on the new primary (Chicago's also the file's rows);
#      the old leader's pod, started again, streams from the new one as a standby;
#   6. `kube down` removes the pods; network, secret and volumes are removed.
# The last line is `N passed, M failed`.

cmd_kube_test() {
  set +e
  kube_tmp="$(mktemp -d)"          # global: the EXIT trap runs after this function's locals are gone
  kube_network="crimescope-kube-$$"
  kube_prefix="crimescope-kube-$$"
  # Root podman 4.3 here: runc (crun cannot drop cgroup controllers on this kernel) and open-file
  # limits root may set (README, Containers).
  export CONTAINERS_CONF="$kube_tmp/containers.conf"
  printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' >"$CONTAINERS_CONF"
  kube_cleanup() {
    local file volume
    for file in "$kube_tmp"/*.yaml; do podman kube down "$file"; done
    for volume in $(podman volume ls -q --filter "name=^$kube_prefix-"); do podman volume rm -f "$volume"; done
    podman network rm -f "$kube_network"
    podman secret rm crimescope-secrets
    rm -rf "$kube_tmp"
  }
  on_exit kube_cleanup

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
  ensure_patroni_image
  # Images move from docker without a registry; skipped when podman holds the same image id.
  local image
  for image in "$app_image" "$postgis_image" "$patroni_image"; do
    if [[ "$("$docker" image inspect -f '{{.Id}}' "$image")" != "$(podman image inspect -f '{{.Id}}' "localhost/$image" 2>/dev/null)" ]]; then
      say "copying $image into podman (docker save | podman load)"
      "$docker" save "$image" | podman load -q >/dev/null || die "podman load of $image failed"
    fi
  done
  local images=(--image "crimescope:local=localhost/$app_image" --image "postgis/postgis:15-3.4=localhost/$postgis_image"
                --image "local/patroni:15=localhost/$patroni_image")
  render() {   # render NAME SOURCE [--kind K]: kube-render.py into $kube_tmp/NAME.yaml
    local name=$1; shift
    python3 scripts/kube-render.py "$kube_tmp/$name.yaml" --volume-prefix "$kube_prefix" "${images[@]}" "$@" \
      || die "kube-render.py $* failed"
  }
  # Without systemd podman cannot schedule the probes' healthchecks: it says so once per
  # container; the health is asked by hand below.
  play() { podman kube play --network "$kube_network" "$kube_tmp/$1.yaml" >>"$kube_tmp/play.log" 2>&1; }
  pods() { podman pod ps --filter "network=$kube_network" --format '{{.Name}}' | sort | tr '\n' ' '; }

  # --- 1. what podman refuses; the single PostGIS as rendered ---------------------------------------
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
  check "podman 4.3 still refuses kind: StatefulSet (PostGIS, etcd, Patroni): played as one Pod per replica" test "$refused" == 1

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

  render postgis deploy/k8s/postgis.yaml
  play postgis
  postgis_ready() { podman exec postgis-0-postgis pg_isready -q -h 127.0.0.1 -U crimescope -d crimescope; }
  poll 120 postgis_ready
  check "deploy/k8s's one-replica PostGIS StatefulSet, played as the Pod postgis-0, accepts connections" postgis_ready
  podman kube down "$kube_tmp/postgis.yaml" >/dev/null 2>&1

  # --- 2. etcd + the Patroni pair, then the services ----------------------------------------------------
  render database deploy/k8s/ha --kind StatefulSet
  render services deploy/k8s/ha --kind Deployment
  local started=$SECONDS
  play database
  member() { echo "crimescope-pg-$1-patroni"; }
  member_is() {   # member_is I ROLE: Patroni's REST API on crimescope-pg-I answers 200 on /ROLE
    podman exec "$(member "$1")" curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:8008/$2" 2>/dev/null
  }
  leader() { local i; for i in 0 1; do member_is "$i" primary && { echo "$i"; return 0; }; done; return 1; }
  psql_on() {     # psql_on I SQL: as postgres over the member's own socket
    podman exec "$(member "$1")" psql -X -q -h /var/run/postgresql -U postgres -d crimescope -tAc "$2" 2>/dev/null
  }
  sync_standby() {  # the leader streams to the other member as its synchronous standby
    local l; l="$(leader)" || return 1
    [[ "$(psql_on "$l" "select count(*) from pg_stat_replication where state = 'streaming' and sync_state = 'sync'")" == 1 ]]
  }
  poll 240 sync_standby
  local primary standby
  primary="$(leader)"; standby=$(( 1 - ${primary:-0} ))
  check "etcd + Patroni: crimescope-pg-${primary:-?} leads, crimescope-pg-$standby streams as its synchronous standby, $(( SECONDS - started )) s after kube play" sync_standby
  # What the services will do: the application's role over the network, by pod name, to each
  # member (the password is the member's CRIMESCOPE_DB_PASSWORD, the services' PGPASSWORD).
  app_connects() {   # app_connects I: from the other member to crimescope-pg-I
    podman exec "$(member $(( 1 - $1 )))" sh -c "PGPASSWORD=\$CRIMESCOPE_DB_PASSWORD psql -X -q -Atc 'select 1' \
      'host=crimescope-pg-$1 user=crimescope dbname=crimescope connect_timeout=3'" >/dev/null 2>&1
  }
  both_accept() { app_connects 0 && app_connects 1; }
  started=$SECONDS
  poll 120 both_accept
  check "both members accept the application's connections by pod name (after $(( SECONDS - started )) s)" both_accept

  started=$SECONDS
  play services
  local got; got="$(pods)"
  check "kube play: etcd, the Patroni pair and 2 pods of each Deployment: $got" \
    test "$got" == "crimescope-etcd-0 crimescope-pg-0 crimescope-pg-1 gateway-pod-0 gateway-pod-1 heatmap-pod-0 heatmap-pod-1 ingest-pod-0 ingest-pod-1 predict-pod-0 predict-pod-1 "
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
  # Each new database connection resolves the members' names again (a load opens its own), and
  # podman's DNS has left new pods' lookups unanswered for a while after kube play (a load then
  # outlasted the gateway's 5 s deadline: a 504): wait until every ingest pod resolves both.
  names_resolve() {
    local i
    for i in 0 1; do
      podman exec "ingest-pod-$i-ingest" timeout 3 getent hosts crimescope-pg-0 crimescope-pg-1 >/dev/null 2>&1 || return 1
    done
  }
  started=$SECONDS
  poll 180 names_resolve
  check "both ingest pods resolve both members' names ($(( SECONDS - started )) s after they were healthy)" names_resolve
  local url; url="http://$(pod_ip gateway-pod-0-gateway):8080"

  # --- 3. data through the gateway ---------------------------------------------------------------------
  api() { curl -s --max-time 10 -H 'Cache-Control: no-cache' "$url/api/v1/$1"; }
  # Podman's DNS answers "Temporary failure in name resolution" for a while to pods that have just
  # joined (and again while pods are stopped and started), and libpq resolves the database's names
  # at each new connection: a database read through both ingest pods first, and a load refused in
  # such a moment (a 504 after the gateway's 5 s deadline was seen) is run once more.
  database_answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/api/v1/ingest/runs?city=nyc")" == 200 ]]; }
  four_reads() { database_answers && database_answers && database_answers && database_answers; }
  poll 120 four_reads
  load() {    # load LOG "CITY FILE"…: load_demo through this gateway, once more if it fails
    CRIMESCOPE_API="$url/api/v1" CRIMESCOPE_TOKEN="$token" load_demo "${@:2}" 2>"$kube_tmp/$1" && return 0
    echo "    a load failed, run again: $(tail -n 1 "$kube_tmp/$1")"
    poll 60 four_reads
    CRIMESCOPE_API="$url/api/v1" CRIMESCOPE_TOKEN="$token" load_demo "${@:2}" 2>>"$kube_tmp/$1" && return 0
    tail -n 5 "$kube_tmp/$1" >&2
    local pod; for pod in ingest-pod-0 ingest-pod-1; do   # why, for whoever reads the log
      podman logs --tail 200 "$pod-ingest" 2>&1 | grep -E ' (error|warning) ' | tail -n 3 | sed "s/^/    $pod: /" | cut -c1-400 >&2
    done
    return 1
  }
  check "NYC precincts and arrests of December 2017 loaded through the gateway and shown by the heatmap" \
    load load.log "nyc nyc/police_precincts.geojson.gz" "nyc nyc/NYPD_Arrests_Data_Historic_2017-12.csv.gz"
  runs_count() { api "ingest/runs?city=$1&limit=500" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["runs"]))' 2>/dev/null; }
  # Read your writes across heatmap replicas: the loads' outbox position, sent with every heatmap
  # read, so a follower still behind it catches up (or passes the call on) instead of answering
  # the totals from before the load.
  min_position() {
    api "ingest/runs?city=$1&limit=500" \
      | python3 -c 'import json,sys; print(max([r.get("outbox_position") or 0 for r in json.load(sys.stdin)["runs"]] or [0]))' 2>/dev/null
  }
  heat() {   # heat CITY: the heatmap's total over all years, at least at the city's loads' position
    curl -s --max-time 10 -H 'Cache-Control: no-cache' -H "X-CrimeScope-Min-Position: $(min_position "$1")" \
        "$url/api/v1/heatmap?city=$1&year_from=1900&year_to=2100" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["incidents"])' 2>/dev/null
  }
  recount() { psql_on "$(leader)" "select count(*) from ingest.incidents where city = '$1'"; }
  local nyc_total nyc_runs
  nyc_total="$(heat nyc)"; nyc_runs="$(runs_count nyc)"
  echo "    nyc: outbox position $(min_position nyc) after the loads; $nyc_total incidents, $nyc_runs runs (the answers expected below)"
  check "the heatmap at the loads' outbox position shows NYC's 19,452 arrests of December 2017 (got $nyc_total)" test "$nyc_total" == 19452
  read_sessions() { psql_on "$1" "select count(*) from pg_stat_activity where application_name = 'crimescope-read'"; }
  # The read pools open their connections on first use: a month of incidents through ingest.
  api 'incidents?city=nyc&month=2017-12&limit=5' >/dev/null
  local on_standby on_primary
  on_standby="$(read_sessions "$standby")"; on_primary="$(read_sessions "$primary")"
  check "read pools (prefer-standby) on the standby crimescope-pg-$standby: ${on_standby:-?} sessions; on the primary: ${on_primary:-?}" \
    test "${on_standby:-0}" -gt 0 -a "${on_primary:-1}" -eq 0

  # --- 4. each replica answers through the gateway ------------------------------------------------------
  answers() {    # SERVICE: the gateway's answer that needs SERVICE is the one seen with both up
    case $1 in
      ingest) [[ "$(runs_count nyc)" == "$nyc_runs" ]] ;;
      heatmap) [[ "$(heat nyc)" == "$nyc_total" ]] ;;
      # Nothing is trained: predict's own FAILED_PRECONDITION (a 400), not the gateway's 503.
      predict) api 'models?city=nyc' | grep -q "no trained models for city 'nyc'" ;;
    esac
  }
  three_in_a_row() { answers "$1" && answers "$1" && answers "$1"; }
  local s i other stopped_at
  for s in ingest heatmap predict; do
    for i in 0 1; do
      other=$(( 1 - i ))
      podman pod stop -t 10 "$s-pod-$other" >/dev/null 2>&1
      stopped_at=$SECONDS
      # Three right answers in a row: the gateway has moved its calls to the pod still up.
      poll 30 three_in_a_row "$s"
      check "$s-pod-$i alone behind the gateway ($s-pod-$other stopped): three right answers in a row after $(( SECONDS - stopped_at )) s" three_in_a_row "$s"
      podman pod start "$s-pod-$other" >/dev/null 2>&1
      poll 120 service_healthy "$s" "$other"
    done
  done

  # --- 5. the Patroni leader's pod killed during a load ---------------------------------------------------
  # Chicago 2017 (267,792 rows, demo-data/README.md) in batches of 50,000: the kill lands once the
  # first batch is committed, while later ones are still being written.
  # The ingest pods were stopped and started above: podman's DNS may again leave the restarted
  # ones' lookups unanswered for a while (step 3), and a load opens its own connection.
  poll 180 names_resolve || true
  local chicago_rows=267792 chicago_run="" start_reply
  start_chicago() {   # sets chicago_run once the gateway answers the load with its run
    start_reply="$(curl -s --max-time 30 -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"city": "chicago", "path": "/app/demo-data/chicago/chicago_crimes_2017.csv.xz"}' "$url/api/v1/ingest/loads")"
    chicago_run="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["run"]["run_id"])' <<<"$start_reply" 2>/dev/null)"
    [[ -n "$chicago_run" ]]
  }
  poll 60 start_chicago || true
  [[ -n "$chicago_run" ]] || echo "    chicago: the load was not started: ${start_reply:0:300}"
  run_field() {   # run_field FIELD: the Chicago run's FIELD in ingest's runs list
    api 'ingest/runs?city=chicago&limit=500' |
      python3 -c "import json,sys; print(next((r.get('$1') for r in json.load(sys.stdin)['runs'] if str(r['run_id']) == '$chicago_run'), ''))" 2>/dev/null
  }
  batch_committed() { [[ "$(run_field status)" != RUN_STATUS_RUNNING || "$(run_field inserted)" -gt 0 ]]; }
  poll 300 batch_committed
  echo "    chicago: run ${chicago_run:-?} $(run_field status), $(run_field inserted) rows committed when the leader is killed"
  local old new killed_at promoted_after
  old="$(leader)"
  say "killing the Patroni leader's pod crimescope-pg-$old (podman pod kill: SIGKILL)"
  killed_at=$SECONDS
  # A kill is a stop by the user to podman: the restart policy leaves the pod down (a lost node).
  podman pod kill "crimescope-pg-$old" >/dev/null
  new_leader() { local l; l="$(leader)" && [[ "$l" != "$old" ]]; }
  poll 120 new_leader
  promoted_after=$(( SECONDS - killed_at ))
  new="$(leader)"
  check "the standby was promoted: crimescope-pg-${new:-none} leads (REST /primary) $promoted_after s after crimescope-pg-$old was killed" \
    test -n "$new" -a "$new" != "$old"
  # The services reconnect through the multi-host URL; calls in flight during the switch may fail.
  local promoted_at=$SECONDS
  ingest_answers() { [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url/api/v1/ingest/runs?city=nyc")" == 200 ]]; }
  poll 90 ingest_answers
  check "ingest answers through the gateway again $(( SECONDS - promoted_at )) s after the promotion" ingest_answers
  # The load either completed or failed with a clear error (its run marked failed once its
  # loader's session is gone); run again, it completes.
  run_ended() { [[ "$(run_field status)" == RUN_STATUS_SUCCEEDED || "$(run_field status)" == RUN_STATUS_FAILED ]]; }
  poll 300 run_ended
  local chicago="chicago chicago/chicago_crimes_2017.csv.xz"
  if [[ "$(run_field status)" == RUN_STATUS_SUCCEEDED ]]; then
    check "the Chicago load completed across the failover" true
  else
    local error; error="$(run_field error)"
    echo "    chicago: run $chicago_run failed: $error"
    check "the Chicago load cut by the failover failed with a clear error" grep -qiE 'abandoned|went away|server closed|terminat|connection' <<<"$error"
    check "run again through the gateway after the failover, the Chicago load completes and shows in the heatmap" \
      load load-again.log "$chicago"
  fi
  # The heatmap at the loads' position may still be applying them (a replica behind it answers
  # UNAVAILABLE after 2 s): asked until it equals the recount.
  matches_recount() { local n; n="$(recount "$1")"; [[ "${n:-0}" -gt 0 && "$(heat "$1")" == "$n" ]]; }
  poll 120 matches_recount chicago
  check "nothing committed was lost: Chicago's heatmap total $(heat chicago) at the loads' position equals ingest's recount on crimescope-pg-$new ($(recount chicago)), the file's $chicago_rows rows" \
    test "$(heat chicago)" == "$(recount chicago)" -a "$(recount chicago)" == "$chicago_rows"
  check "NYC, loaded before the failover: heatmap total $(heat nyc) equals ingest's recount on crimescope-pg-$new ($(recount nyc))" \
    matches_recount nyc
  # A write through the gateway after the failover, whatever became of the Chicago load.
  local uk="uk-metropolitan uk-metropolitan/2017-02-metropolitan-street.csv.xz"
  load load-after.log "$uk"
  check "after the failover a load through the gateway (${uk#* }) completes; heatmap total $(heat uk-metropolitan) = ingest's recount $(recount uk-metropolitan)" \
    matches_recount uk-metropolitan
  podman pod start "crimescope-pg-$old" >/dev/null 2>&1
  rejoined() {
    member_is "$old" replica && [[ "$(psql_on "$new" "select count(*) from pg_stat_replication where state = 'streaming'")" == 1 ]]
  }
  poll 120 rejoined
  check "the old leader crimescope-pg-$old, started again, streams from crimescope-pg-$new as a standby" rejoined

  # --- 6. down --------------------------------------------------------------------------------------------
  podman kube down "$kube_tmp/services.yaml" >/dev/null 2>&1
  podman kube down "$kube_tmp/database.yaml" >/dev/null 2>&1
  local left; left="$(podman pod ps -q --filter "network=$kube_network")"
  check "kube down removed every pod" test -z "$left"
  finish
}
