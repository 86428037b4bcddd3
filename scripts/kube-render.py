#!/usr/bin/env python3
"""Rewrites deploy/k8s manifests into what root podman 4.3's `kube play` can run, for
scripts/kube-test.sh. Only what podman lacks is changed; the manifests stay valid Kubernetes:

- A directory is a kustomization (`kubectl apply -k`): its `resources` (files, or directories
  that are kustomizations themselves) and its strategic-merge `patches` (inline `patch:` or
  `path:`; lists of named items such as containers and env merge by name; `$patch: delete`
  removes an object) are applied, as kustomize would.
- Services are dropped: podman has no Service objects and no Service DNS names. Each RPC
  endpoint setting naming a Deployment's Service (`tcp://heatmap:7102`) becomes the list of its
  pods (`tcp://heatmap-pod-0:7102,tcp://heatmap-pod-1:7102`; podman's DNS knows pod names),
  which the RPC client balances over exactly as over a headless Service's records.
- A StatefulSet ("does not contain any supported kube kind" is podman's answer) becomes one Pod
  per replica named as Kubernetes names them (`crimescope-pg-0`, `crimescope-pg-1`), each claim
  template a named volume of its own (PREFIX-CLAIM-POD). What Kubernetes would fill in is filled
  in: `fieldRef: metadata.name` becomes the pod's name and `$(VAR)` in env values, command and
  args is expanded (podman does neither). The per-pod DNS names of its headless Service
  (`crimescope-pg-0.crimescope-pg`) become the pod names; the Service's own name (`postgis:5432`,
  every ready pod) becomes the list of its pods (`postgis-0:5432`), as libpq tries each.
- `ports` go: podman publishes each containerPort on the host, so a second replica cannot bind.
- Images are mapped to the local stand-ins (IMAGE=LOCAL arguments).

    kube-render.py OUT.yaml --volume-prefix P [--image A=B …] [--kind K …] FILE.yaml|DIR …

`--kind` keeps only the objects made from manifests of those kinds (e.g. the StatefulSets
first, the Deployments once the database is up).
"""
import argparse
import copy
import os
import re
import sys

import yaml


def load(path: str) -> list:
    """The objects of a manifest file, or of a kustomization directory with its patches applied."""
    if not os.path.isdir(path):
        with open(path) as file:
            return [d for d in yaml.safe_load_all(file) if d]
    with open(os.path.join(path, "kustomization.yaml")) as file:
        kustomization = yaml.safe_load(file)
    documents = []
    for resource in kustomization.get("resources", []):
        documents += load(os.path.normpath(os.path.join(path, resource)))
    for entry in kustomization.get("patches", []):
        if "patch" in entry:
            patches = [d for d in yaml.safe_load_all(entry["patch"]) if d]
        else:
            patches = load(os.path.join(path, entry["path"]))
        for patch in patches:
            documents = apply_patch(documents, patch)
    return documents


def apply_patch(documents: list, patch: dict) -> list:
    key = (patch["kind"], patch["metadata"]["name"])
    targets = [d for d in documents if (d["kind"], d["metadata"]["name"]) == key]
    if not targets:
        sys.exit(f"kube-render: a patch names {key[0]}/{key[1]}, which no resource defines")
    if patch.get("$patch") == "delete":
        return [d for d in documents if (d["kind"], d["metadata"]["name"]) != key]
    for target in targets:
        merge(target, patch)
    return documents


def merge(target: dict, patch: dict) -> None:
    """Strategic merge as far as these manifests need it: maps recursively, lists of named
    maps (containers, env, volumes, volumeMounts, ports) by name, other lists replaced."""
    for key, value in patch.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            merge(old, value)
        elif isinstance(value, list) and isinstance(old, list) and all(
                isinstance(item, dict) and "name" in item for item in value + old):
            by_name = {item["name"]: item for item in old}
            for item in value:
                if item["name"] in by_name:
                    merge(by_name[item["name"]], item)
                else:
                    old.append(copy.deepcopy(item))
        else:
            target[key] = copy.deepcopy(value)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("sources", nargs="+", help="manifest files or kustomization directories")
    parser.add_argument("--image", action="append", default=[], help="IMAGE=REPLACEMENT")
    parser.add_argument("--volume-prefix", required=True)
    parser.add_argument("--kind", action="append", default=[], help="keep only objects made from this kind")
    args = parser.parse_args()
    images = dict(item.split("=", 1) for item in args.image)

    documents = []
    for source in args.sources:
        documents += load(source)
    deployments = {d["metadata"]["name"]: d["spec"].get("replicas", 1)
                   for d in documents if d["kind"] == "Deployment"}
    # Headless Service name -> the StatefulSet's pod names.
    stateful = {d["spec"]["serviceName"]: [f"{d['metadata']['name']}-{i}" for i in range(d["spec"].get("replicas", 1))]
                for d in documents if d["kind"] == "StatefulSet"}

    def hosts(value: str) -> str:
        def deployment(match: re.Match) -> str:
            name, port = match.group(1), match.group(2)
            if name not in deployments:
                return match.group(0)
            return ",".join(f"tcp://{name}-pod-{i}:{port}" for i in range(deployments[name]))
        value = re.sub(r"tcp://([a-z0-9-]+):([0-9]+)", deployment, value)
        for service, pods in stateful.items():
            for pod in pods:   # a pod's own name under its Service, with or without the cluster domain
                value = re.sub(rf"(?<![a-z0-9.-]){re.escape(pod)}\.{re.escape(service)}(\.[a-z0-9-]+\.svc(\.cluster\.local)?)?(?![a-z0-9-])",
                               pod, value)
            value = re.sub(rf"(?<![a-z0-9.-]){re.escape(service)}:([0-9]+)",
                           lambda m: ",".join(f"{pod}:{m.group(1)}" for pod in pods), value)
        return value

    def adapt(pod_spec: dict, pod_name: str | None) -> None:
        for container in pod_spec.get("containers", []):
            container["image"] = images.get(container["image"], container["image"])
            # podman 4.3 publishes every containerPort on the host's same port: two replicas
            # could not both start ("bind: address already in use"). Pods are reached by address.
            container.pop("ports", None)
            known = {}
            for variable in container.get("env", []):
                field = variable.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath")
                if pod_name and field == "metadata.name":
                    variable.pop("valueFrom")
                    variable["value"] = pod_name
                if isinstance(variable.get("value"), str):
                    variable["value"] = hosts(expand(variable["value"], known))
                    known[variable["name"]] = variable["value"]
            for key in ("command", "args"):
                if key in container:
                    container[key] = [hosts(expand(str(item), known)) for item in container[key]]

    rendered = []
    for document in documents:
        kind = document["kind"]
        if kind == "Service" or (args.kind and kind not in args.kind):
            continue
        if kind == "Deployment":
            adapt(document["spec"]["template"]["spec"], None)
            rendered.append(document)
        elif kind == "StatefulSet":
            name = document["metadata"]["name"]
            template = document["spec"]["template"]
            for index in range(document["spec"].get("replicas", 1)):
                pod = f"{name}-{index}"
                spec = copy.deepcopy(template["spec"])
                adapt(spec, pod)
                spec["hostname"] = pod
                spec["volumes"] = spec.get("volumes", []) + [
                    {"name": claim["metadata"]["name"],
                     "persistentVolumeClaim": {"claimName": f"{args.volume_prefix}-{claim['metadata']['name']}-{pod}"}}
                    for claim in document["spec"].get("volumeClaimTemplates", [])]
                rendered.append({"apiVersion": "v1", "kind": "Pod",
                                 "metadata": {"name": pod, "labels": template["metadata"].get("labels", {})},
                                 "spec": spec})
        else:
            sys.exit(f"kube-render: no rule for kind {kind}")
    with open(args.out, "w") as file:
        yaml.safe_dump_all(rendered, file, sort_keys=False)
    return 0


def expand(value: str, known: dict) -> str:
    """Kubernetes' `$(VAR)`: an earlier variable's value; `$$(VAR)` stays `$(VAR)`; unknown stays."""
    return re.sub(r"\$(\$?)\(([A-Za-z_][A-Za-z0-9_]*)\)",
                  lambda m: f"$({m.group(2)})" if m.group(1) else known.get(m.group(2), m.group(0)), value)


if __name__ == "__main__":
    sys.exit(main())
