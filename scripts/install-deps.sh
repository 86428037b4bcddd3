#!/usr/bin/env bash
# Installs everything CrimeScope needs on Debian 12 (bookworm), Swift itself excepted
# (expected at /opt/swift or on PATH):
#   1. Debian packages (C libraries, protoc, PostgreSQL + PostGIS, Chromium for browser tests);
#   2. the Python test dependencies of tests/python/requirements.txt, in a virtualenv at
#      .build-venv/ (Debian's python3 refuses system-wide pip installs, PEP 668).
#
#   scripts/install-deps.sh           fast path: does nothing when all is already installed
#   scripts/install-deps.sh --force   apt-get update + install and pip install regardless
#
# Idempotent; safe to run before every build or test (scripts/test.sh and scripts/up.sh do).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
force=0
case "${1:-}" in
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

log() { printf 'install-deps: %s\n' "$*" >&2; }

packages=(
  # C libraries and code generators the Swift package links and Protos/generate.sh runs
  libprotobuf-c-dev protobuf-c-compiler protobuf-compiler python3-protobuf libpq-dev libxgboost-dev pkgconf
  # PostgreSQL 15 + PostGIS for tests and the local run (scripts/pg.sh)
  postgresql postgresql-15-postgis-3
  # compression and download tools, certificates
  xz-utils liblzma-dev zlib1g-dev curl ca-certificates
  # browser tests (Selenium drives Debian's Chromium) and the web pages' JS libraries
  chromium chromium-driver libjs-leaflet libjs-chart.js
  # the Python test client
  python3 python3-venv
  # the gateway benchmark (bench/gateway/run.sh) and the replica test (scripts/scale-test.sh)
  wrk
  # PostgreSQL HA for scripts/scale-test.sh and deploy/ha (Patroni with a one-member etcd)
  patroni etcd-server
)

# --- 1. Debian packages ------------------------------------------------------------------
missing=()
for p in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if (( force )) || (( ${#missing[@]} > 0 )); then
  sudo=()
  if (( EUID != 0 )); then
    command -v sudo >/dev/null || { log "not root and no sudo: cannot install ${missing[*]}"; exit 1; }
    sudo=(sudo)
  fi
  (( ${#missing[@]} > 0 )) && log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
else
  log "Debian packages already installed (${#packages[@]})"
fi

# --- 2. Swift ----------------------------------------------------------------------------
if ! command -v swift >/dev/null && [[ -x /opt/swift/usr/bin/swift ]]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
if command -v swift >/dev/null; then
  log "swift: $(swift --version 2>/dev/null | head -1)"
else
  log "WARNING: swift not found on PATH nor at /opt/swift/usr/bin (install Swift 6.2 or newer)"
fi

# --- 3. Python test dependencies in .build-venv/ -------------------------------------------
venv="$root/.build-venv"
req="$root/tests/python/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  log "creating virtualenv $venv with $(command -v python3)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  force=1
fi
if (( force )) || [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  log "pip installing $req"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
else
  log "Python test dependencies up to date ($venv)"
fi
