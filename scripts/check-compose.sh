#!/usr/bin/env bash
# Checks compose.yaml, Dockerfile and .dockerignore without a Docker engine:
#   1. check-jsonschema against the compose specification (vendor.compose-spec);
#   2. the references the schema cannot see: required services, depends_on targets, networks,
#      volumes, published ports, CRIMESCOPE_* settings, executables named in commands, and the
#      Dockerfile's stages and COPY sources (they exist in the repo and are not .dockerignored).
# Uses the test virtualenv made by scripts/install-deps.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.build-venv"
[[ -x "$venv/bin/check-jsonschema" ]] || { echo "check-compose: run scripts/install-deps.sh first" >&2; exit 2; }
cd "$root"

"$venv/bin/check-jsonschema" --builtin-schema vendor.compose-spec compose.yaml

"$venv/bin/python" - <<'PY'
import fnmatch
import glob
import os
import re
import shlex
import sys

import yaml

errors: list[str] = []
def check(ok: bool, message: str) -> None:
    if not ok:
        errors.append(message)

with open("compose.yaml") as f:
    compose = yaml.safe_load(f)
services = compose.get("services") or {}
networks = set((compose.get("networks") or {}).keys())
volumes = set((compose.get("volumes") or {}).keys())
ours = ["ingest", "heatmap", "predict", "gateway"]

# -- services and references ---------------------------------------------------------------
for name in ["postgis", *ours]:
    check(name in services, f"service {name!r} missing")

products = set(re.findall(r'\.executable\(\s*name:\s*"([^"]+)"', open("Package.swift").read()))
known_env = {"CRIMESCOPE_LISTEN", "CRIMESCOPE_DATABASE_URL", "CRIMESCOPE_WRITE_TOKEN",
             "CRIMESCOPE_LOG_LEVEL", "CRIMESCOPE_MAX_FRAME_BYTES", "CRIMESCOPE_HTTP_HOST",
             "CRIMESCOPE_HTTP_PORT", "CRIMESCOPE_INGEST_ENDPOINT", "CRIMESCOPE_HEATMAP_ENDPOINT",
             "CRIMESCOPE_PREDICT_ENDPOINT", "CRIMESCOPE_DATABASE_POOL_SIZE",
             "CRIMESCOPE_DRAIN_SECONDS", "CRIMESCOPE_CALL_TIMEOUT_MS", "CRIMESCOPE_CORS_ORIGINS",
             "CRIMESCOPE_TILE_URL", "CRIMESCOPE_VENDOR_JS_DIR",
             "OMP_WAIT_POLICY"}  # read by libgomp (XGBoost's OpenMP) at process start

def env_of(service: dict) -> dict:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return env

listen_ports: dict[str, set[int]] = {}
for name, service in services.items():
    deps = service.get("depends_on") or []
    for dep in (deps.keys() if isinstance(deps, dict) else deps):
        check(dep in services, f"{name}: depends_on unknown service {dep!r}")
    nets = service.get("networks") or []
    for net in (nets.keys() if isinstance(nets, dict) else nets):
        check(net in networks, f"{name}: unknown network {net!r}")
    for volume in service.get("volumes") or []:
        source = volume.split(":", 1)[0] if isinstance(volume, str) else volume.get("source", "")
        if source and not source.startswith((".", "/", "~")):
            check(source in volumes, f"{name}: unknown named volume {source!r}")
    if name != "gateway":
        check(not service.get("ports"), f"{name}: only the gateway may publish ports")
    build = service.get("build")
    if build is not None:
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        check(os.path.isdir(context), f"{name}: build context {context!r} missing")
        check(os.path.isfile(os.path.join(context, dockerfile)), f"{name}: {dockerfile!r} missing")
    if name in ours:
        command = service.get("command")
        command = shlex.split(command) if isinstance(command, str) else (command or [])
        check(bool(command) and command[0] in products,
              f"{name}: command {command!r} does not start with a product of Package.swift {sorted(products)}")
        check(command[1:2] == ["serve"], f"{name}: command must be `<executable> serve`")
        env = env_of(service)
        for key in env:
            check(key in known_env, f"{name}: environment {key!r} is not a CRIMESCOPE_* setting")
        if name != "gateway":
            check("CRIMESCOPE_DATABASE_URL" in env, f"{name}: CRIMESCOPE_DATABASE_URL missing")
            check("CRIMESCOPE_LISTEN" in env, f"{name}: CRIMESCOPE_LISTEN missing")
            listen_ports[name] = {int(m) for m in re.findall(r"tcp://[^,]*:(\d+)", str(env.get("CRIMESCOPE_LISTEN", "")))}
            check(bool(listen_ports[name]), f"{name}: must listen on TCP inside the network")
            dep = (service.get("depends_on") or {}).get("postgis") if isinstance(service.get("depends_on"), dict) else None
            check(isinstance(dep, dict) and dep.get("condition") == "service_healthy",
                  f"{name}: must depend on postgis with condition service_healthy")

check("healthcheck" in services.get("postgis", {}), "postgis: healthcheck missing")
gateway = services.get("gateway", {})
genv = env_of(gateway)
for backend in ["ingest", "heatmap", "predict"]:
    endpoint = str(genv.get(f"CRIMESCOPE_{backend.upper()}_ENDPOINT", ""))
    m = re.fullmatch(r"tcp://([^:]+):(\d+)", endpoint)
    check(bool(m), f"gateway: CRIMESCOPE_{backend.upper()}_ENDPOINT {endpoint!r} is not tcp://host:port")
    if m:
        check(m.group(1) in services, f"gateway: endpoint host {m.group(1)!r} is no service")
        check(int(m.group(2)) in listen_ports.get(m.group(1), set()),
              f"gateway: {backend} endpoint port {m.group(2)} is not where {m.group(1)} listens")
for port in gateway.get("ports") or []:
    text = port if isinstance(port, str) else f"{port.get('host_ip', '')}:{port.get('published', '')}"
    check(str(text).startswith("127.0.0.1:"), f"gateway: port {text!r} must bind 127.0.0.1 only")

# -- Dockerfile -----------------------------------------------------------------------------
ignore = []
if os.path.exists(".dockerignore"):
    ignore = [l.strip() for l in open(".dockerignore") if l.strip() and not l.startswith("#")]
def ignored(path: str) -> bool:
    result = False
    for pattern in ignore:
        negate = pattern.startswith("!")
        p = pattern.lstrip("!").rstrip("/")
        parts = path.split("/")
        hit = any(fnmatch.fnmatch("/".join(parts[:i]), p) for i in range(1, len(parts) + 1))
        if p.startswith("**/"):
            hit = hit or any(fnmatch.fnmatch(part, p[3:]) for part in parts)
        if hit:
            result = not negate
    return result

text = open("Dockerfile").read()
lines = re.sub(r"\\\n", " ", text).splitlines()
instructions = [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]
stages: list[str] = []
final_user = None
copied_tops: set[str] = set()   # top-level folders/files COPY'd from the context
for line in instructions:
    word, _, rest = line.partition(" ")
    word = word.upper()
    if word == "FROM":
        m = re.match(r"(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        image, stage = m.group(1), (m.group(2) or str(len(stages)))
        check(image in stages or ":" in image or "@" in image, f"Dockerfile: FROM {image} has no tag")
        stages.append(stage.lower())
        final_user = None
    elif word == "USER":
        final_user = rest.strip()
    elif word in ("COPY", "ADD"):
        args = shlex.split(rest)
        flags = [a for a in args if a.startswith("--")]
        paths = [a for a in args if not a.startswith("--")]
        if len(paths) < 2:
            check(False, f"Dockerfile: {line!r} needs a source and a destination")
            continue
        source_stage = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
        if source_stage is not None:
            check(source_stage.lower() in stages[:-1], f"Dockerfile: COPY --from={source_stage} is no earlier stage")
            continue
        for source in paths[:-1]:
            matches = [m for m in glob.glob(source) if not ignored(os.path.normpath(m))]
            check(bool(matches), f"Dockerfile: COPY source {source!r} matches nothing in the build context")
            copied_tops.update(os.path.normpath(m).split("/")[0] for m in matches)
check(len(stages) >= 2, "Dockerfile: expected a build stage and a runtime stage")
check(final_user not in (None, "", "root", "0"), "Dockerfile: the final stage must run as a non-root USER")
# The build stage needs every folder that Package.swift's targets live in.
manifest = open("Package.swift").read()
needed = {"Package.swift", "Sources", "Tests"}
needed.update(p.split("/")[0] for p in re.findall(r'path:\s*"([^"]+)"', manifest))
for top in sorted(needed):
    check(top in copied_tops or "." in copied_tops, f"Dockerfile: Package.swift needs {top!r} but no COPY brings it")
for required in (".build", ".data", ".git"):
    check(ignored(required), f".dockerignore: {required} should be excluded")

if errors:
    print("\n".join(f"check-compose: {e}" for e in errors), file=sys.stderr)
    sys.exit(1)
print(f"check-compose: ok ({len(services)} services, Dockerfile stages {stages})")
PY
