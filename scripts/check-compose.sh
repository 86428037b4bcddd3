#!/usr/bin/env bash
# Checks compose.yaml, Dockerfile, .dockerignore and deploy/k8s/ without a container engine:
#   1. check-jsonschema against the compose specification (vendor.compose-spec);
#   2. the references the schema cannot see: required services, depends_on targets, networks,
#      volumes, published ports, CRIMESCOPE_* settings, executables named in commands, healthchecks
#      (`<executable> healthcheck`), no default secret (CRIMESCOPE_WRITE_TOKEN and POSTGRES_PASSWORD
#      only as ${VAR:?message}), no top-level `name:` (docker-compose 1.29), and the Dockerfile's
#      stages (FROM resolved through ARG defaults: the official images), no `# syntax=` line, COPY
#      sources (they exist in the repo and are not .dockerignored), the baked demo data;
#   3. deploy/k8s/*.yaml: every document parses and has its required fields, selectors match
#      labels, every Deployment has exec readiness and liveness probes of `<executable> healthcheck`,
#      Services select a workload, secrets come from the Secret crimescope-secrets.
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
    raw_compose = f.read()
compose = yaml.safe_load(raw_compose)
check("name" not in compose, "compose.yaml: no top-level `name:` (docker-compose 1.29 rejects it; pass -p)")
# -- no default secrets: each use of a secret is ${VAR:?message naming both} --------------------
secret_vars = ("CRIMESCOPE_WRITE_TOKEN", "POSTGRES_PASSWORD")
for var in secret_vars:
    uses = re.findall(r"\$\{" + var + r"([^}]*)\}", raw_compose)
    check(bool(uses), f"compose.yaml: {var} is never used")
    for modifier in uses:
        check(modifier.startswith(":?") and all(v in modifier for v in secret_vars),
              f"compose.yaml: ${{{var}{modifier}}} must be ${{{var}:?message naming {' and '.join(secret_vars)}}} (no default secret)")
    check(not re.search(r"\$" + var + r"\b", raw_compose), f"compose.yaml: use ${{{var}:?...}}, not ${var}")
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
        test = (service.get("healthcheck") or {}).get("test") or []
        check(test[:1] in (["CMD"], ["CMD-SHELL"]) and test[1:3] == [command[0] if command else "?", "healthcheck"],
              f"{name}: healthcheck must run `{command[0] if command else '<executable>'} healthcheck`, got {test!r}")
        if name != "gateway":
            check("CRIMESCOPE_DATABASE_URL" in env, f"{name}: CRIMESCOPE_DATABASE_URL missing")
            check("CRIMESCOPE_LISTEN" in env, f"{name}: CRIMESCOPE_LISTEN missing")
            listen_ports[name] = {int(m) for m in re.findall(r"tcp://[^,]*:(\d+)", str(env.get("CRIMESCOPE_LISTEN", "")))}
            check(bool(listen_ports[name]), f"{name}: must listen on TCP inside the network")
            dep = (service.get("depends_on") or {}).get("postgis") if isinstance(service.get("depends_on"), dict) else None
            check(isinstance(dep, dict) and dep.get("condition") == "service_healthy",
                  f"{name}: must depend on postgis with condition service_healthy")

check("healthcheck" in services.get("postgis", {}), "postgis: healthcheck missing")
check(str(services.get("postgis", {}).get("image", "")).endswith(":-postgis/postgis:15-3.4}"),
      "postgis: image must default to the official postgis/postgis:15-3.4 (override with CRIMESCOPE_POSTGIS_IMAGE)")
for dep in ["ingest", "heatmap", "predict"]:
    dep_cond = ((services.get("gateway", {}).get("depends_on") or {}).get(dep) or {})
    check(isinstance(dep_cond, dict) and dep_cond.get("condition") == "service_healthy",
          f"gateway: must depend on {dep} with condition service_healthy")
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
check(not re.search(r"^#\s*syntax\s*=", text, re.M | re.I), "Dockerfile: no `# syntax=` line (BuildKit would fetch it from a registry)")
lines = re.sub(r"\\\n", " ", text).splitlines()
instructions = [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]
stages: list[str] = []
build_args: dict[str, str] = {}      # ARG defaults before the first FROM
for line in instructions:
    if line.upper().startswith("FROM "):
        break
    m = re.match(r"ARG\s+(\w+)(?:=(\S*))?$", line, re.I)
    if m:
        build_args[m.group(1)] = m.group(2) or ""
check(build_args.get("BUILDER_IMAGE") == "swift:6.2-bookworm", "Dockerfile: ARG BUILDER_IMAGE must default to swift:6.2-bookworm")
check(build_args.get("RUNTIME_IMAGE") == "debian:bookworm-slim", "Dockerfile: ARG RUNTIME_IMAGE must default to debian:bookworm-slim")
def expand(word: str) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: build_args.get(m.group(1), m.group(0)), word)
final_user = None
copied_tops: set[str] = set()   # top-level folders/files COPY'd from the context
for line in instructions:
    word, _, rest = line.partition(" ")
    word = word.upper()
    if word == "FROM":
        m = re.match(r"(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?", rest, re.I)
        image, stage = expand(m.group(1)), (m.group(2) or str(len(stages)))
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
check("demo-data" in copied_tops, "Dockerfile: the runtime image must carry demo-data/ (the compose demo loads it)")

# -- deploy/k8s ---------------------------------------------------------------------------------
k8s_docs = []
for path in sorted(glob.glob("deploy/k8s/*.yaml")):
    with open(path) as f:
        for doc in yaml.safe_load_all(f):
            if doc is not None:
                k8s_docs.append((path, doc))
check(bool(k8s_docs), "deploy/k8s: no manifests")
workloads = {}
services_k8s = {}
secret_name = "crimescope-secrets"
for path, doc in k8s_docs:
    where = f"{path}: {doc.get('kind')}/{(doc.get('metadata') or {}).get('name')}"
    if doc.get("kind") == "Kustomization":
        for resource in doc.get("resources") or []:
            check(os.path.isfile(os.path.join("deploy/k8s", resource)), f"{where}: resource {resource!r} missing")
        continue
    for field in ("apiVersion", "kind", "metadata"):
        check(field in doc, f"{where}: {field} missing")
    check(bool((doc.get("metadata") or {}).get("name")), f"{where}: metadata.name missing")
    kind = doc.get("kind")
    spec = doc.get("spec") or {}
    if kind in ("Deployment", "StatefulSet"):
        check(doc.get("apiVersion") == "apps/v1", f"{where}: apiVersion must be apps/v1")
        selector = (spec.get("selector") or {}).get("matchLabels") or {}
        template = spec.get("template") or {}
        labels = (template.get("metadata") or {}).get("labels") or {}
        check(bool(selector) and all(labels.get(k) == v for k, v in selector.items()),
              f"{where}: selector.matchLabels {selector} must match the template's labels {labels}")
        workloads[doc["metadata"]["name"]] = (kind, labels)
        pod = template.get("spec") or {}
        check((pod.get("securityContext") or {}).get("runAsNonRoot") is True, f"{where}: securityContext.runAsNonRoot must be true")
        containers = pod.get("containers") or []
        check(bool(containers), f"{where}: no containers")
        for c in containers:
            check(bool(c.get("name")) and bool(c.get("image")), f"{where}: a container needs name and image")
            for probe in ("readinessProbe", "livenessProbe"):
                command = ((c.get(probe) or {}).get("exec") or {}).get("command") or []
                check(bool(command), f"{where}: {c.get('name')}: {probe} must be an exec probe")
                if kind == "Deployment":
                    entry = (c.get("args") or c.get("command") or ["?"])[0]
                    check(command == [entry, "healthcheck"] and entry in products,
                          f"{where}: {probe} must run `{entry} healthcheck`, got {command}")
            for e in c.get("env") or []:
                ref = ((e.get("valueFrom") or {}).get("secretKeyRef") or {})
                if ref:
                    check(ref.get("name") == secret_name and ref.get("key") in ("write-token", "postgres-password"),
                          f"{where}: env {e.get('name')} must come from Secret {secret_name} (write-token or postgres-password)")
                check(not (e.get("name") in secret_vars and "value" in e), f"{where}: {e.get('name')} must not have a literal value")
                if e.get("name") in ("CRIMESCOPE_LISTEN",):
                    check(bool(re.fullmatch(r"tcp://0\.0\.0\.0:\d+", str(e.get("value")))), f"{where}: CRIMESCOPE_LISTEN must be tcp://0.0.0.0:port")
        if kind == "StatefulSet":
            check(bool(spec.get("serviceName")), f"{where}: serviceName missing")
            check(bool(spec.get("volumeClaimTemplates")), f"{where}: volumeClaimTemplates missing")
    elif kind == "Service":
        check(doc.get("apiVersion") == "v1", f"{where}: apiVersion must be v1")
        check(bool(spec.get("selector")) and bool(spec.get("ports")), f"{where}: selector and ports required")
        services_k8s[doc["metadata"]["name"]] = spec
    elif kind == "Secret":
        errors.append(f"{where}: no Secret with values in git (scripts/compose.sh k8s-secret prints one)")
    else:
        errors.append(f"{where}: unexpected kind")
for name in ["postgis", *ours]:
    check(name in workloads, f"deploy/k8s: workload {name!r} missing")
    check(name in services_k8s, f"deploy/k8s: Service {name!r} missing")
check(workloads.get("postgis", ("",))[0] == "StatefulSet", "deploy/k8s: postgis must be a StatefulSet")
for name, spec in services_k8s.items():
    selector = spec.get("selector") or {}
    check(any(all(labels.get(k) == v for k, v in selector.items()) for _, labels in workloads.values()),
          f"deploy/k8s: Service {name} selects no workload")

if errors:
    print("\n".join(f"check-compose: {e}" for e in errors), file=sys.stderr)
    sys.exit(1)
print(f"check-compose: ok ({len(services)} services, Dockerfile stages {stages}, {len(k8s_docs)} Kubernetes documents)")
PY
