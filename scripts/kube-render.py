#!/usr/bin/env python3
"""Rewrites deploy/k8s manifests into what root podman 4.3's `kube play` can run, for
scripts/kube-test.sh. Only what podman lacks is changed; the Deployments stay as they are:

- Services are dropped: podman has no Service objects and no Service DNS names. Each RPC
  endpoint setting naming a Service (`tcp://heatmap:7102`) becomes the list of its Deployment's
  pods (`tcp://heatmap-pod-0:7102,tcp://heatmap-pod-1:7102`; podman's DNS knows pod names),
  which the RPC client balances over exactly as over a headless Service's records.
- A single-replica StatefulSet (PostGIS) becomes a Pod of the same name ("does not contain any
  supported kube kind" is podman's answer to a StatefulSet), its claim template a named volume.
- `ports` go: podman publishes each containerPort on the host, so a second replica cannot bind.
- Images are mapped to the local stand-ins (IMAGE=LOCAL arguments).

    kube-render.py OUT.yaml --volume-prefix P [--image A=B …] FILE.yaml …
"""
import argparse
import re
import sys

import yaml


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--image", action="append", default=[], help="IMAGE=REPLACEMENT")
    parser.add_argument("--volume-prefix", required=True)
    args = parser.parse_args()
    images = dict(item.split("=", 1) for item in args.image)

    documents = []
    for path in args.files:
        with open(path) as file:
            documents += [d for d in yaml.safe_load_all(file) if d]
    replicas = {d["metadata"]["name"]: d["spec"].get("replicas", 1)
                for d in documents if d["kind"] == "Deployment"}

    def endpoints(value: str) -> str:
        def one(match: re.Match) -> str:
            name, port = match.group(1), match.group(2)
            if name not in replicas:
                return match.group(0)
            return ",".join(f"tcp://{name}-pod-{i}:{port}" for i in range(replicas[name]))
        return re.sub(r"tcp://([a-z0-9-]+):([0-9]+)", one, value)

    def adapt(pod_spec: dict) -> None:
        for container in pod_spec.get("containers", []):
            container["image"] = images.get(container["image"], container["image"])
            # podman 4.3 publishes every containerPort on the host's same port: two replicas
            # could not both start ("bind: address already in use"). Pods are reached by address.
            container.pop("ports", None)
            for variable in container.get("env", []):
                if isinstance(variable.get("value"), str):
                    variable["value"] = endpoints(variable["value"])

    rendered = []
    for document in documents:
        kind = document["kind"]
        if kind == "Service":
            continue
        if kind == "Deployment":
            adapt(document["spec"]["template"]["spec"])
            rendered.append(document)
        elif kind == "StatefulSet":
            if document["spec"].get("replicas", 1) != 1:
                sys.exit(f"kube-render: StatefulSet {document['metadata']['name']} has several replicas")
            template = document["spec"]["template"]
            spec = template["spec"]
            adapt(spec)
            spec["volumes"] = spec.get("volumes", []) + [
                {"name": claim["metadata"]["name"],
                 "persistentVolumeClaim": {"claimName": f"{args.volume_prefix}-{claim['metadata']['name']}"}}
                for claim in document["spec"].get("volumeClaimTemplates", [])]
            rendered.append({"apiVersion": "v1", "kind": "Pod",
                             "metadata": {"name": document["metadata"]["name"],
                                          "labels": template["metadata"].get("labels", {})},
                             "spec": spec})
        else:
            sys.exit(f"kube-render: no rule for kind {kind}")
    with open(args.out, "w") as file:
        yaml.safe_dump_all(rendered, file, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
