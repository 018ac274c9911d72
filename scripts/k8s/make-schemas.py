#!/usr/bin/env python3
"""Writes the JSON schemas that kubeconform validates deploy/kubernetes against, one self-contained file per kind,
named as kubeconform looks them up: <kind>-<group prefix>-<version>.json (deployment-apps-v1.json, service-v1.json,
scaledobject-keda-v1alpha1.json).

  make-schemas.py OUT_DIR --k8s DIR KIND_FILE... [--crd CRD_YAML...]

--k8s: a "vX.Y.0-local-strict" folder of the PyPI package kubernetes-validate (the Kubernetes OpenAPI as JSON schema,
  additionalProperties false on every object; its kind files $ref an _definitions.json by an absolute URL, which
  kubeconform would try to download): each named kind file is copied with the definitions it reaches inlined.
--crd: CustomResourceDefinition YAML (KEDA's, from its Go module): each served version's openAPIV3Schema, made strict
  the way openapi2jsonschema --strict does (additionalProperties false on every object that lists its properties and
  does not say x-kubernetes-preserve-unknown-fields), with apiVersion, kind and metadata checked as in Kubernetes.
"""
import copy
import json
import os
import re
import sys

import yaml

REF = re.compile(r"^/api/_definitions\.json#/\$defs/(.+)$")


def k8s_kind(k8s_dir, kind_file, out_dir):
    definitions = json.load(open(os.path.join(k8s_dir, "_definitions.json")))["$defs"]
    schema = json.load(open(os.path.join(k8s_dir, kind_file)))
    schema.pop("$id", None)
    needed = {}

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                m = REF.match(ref)
                name = m.group(1) if m else ref[len("#/$defs/"):] if ref.startswith("#/$defs/") else None
                if name is None:
                    sys.exit(f"{kind_file}: unexpected $ref {ref}")
                node["$ref"] = "#/$defs/" + name
                if name not in needed:
                    needed[name] = copy.deepcopy(definitions[name])
                    walk(needed[name])
            for key, value in node.items():
                if key != "$ref":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    schema["$defs"] = needed
    write(out_dir, kind_file, schema)


def strict(node):
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node \
                and not node.get("x-kubernetes-preserve-unknown-fields"):
            node["additionalProperties"] = False
        for value in node.values():
            strict(value)
    elif isinstance(node, list):
        for item in node:
            strict(item)


def crd(crd_file, out_dir):
    for doc in yaml.safe_load_all(open(crd_file)):
        if not doc or doc.get("kind") != "CustomResourceDefinition":
            continue
        spec = doc["spec"]
        group, kind = spec["group"], spec["names"]["kind"]
        for version in spec["versions"]:
            if not version.get("served", True):
                continue
            schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
            strict(schema)
            props = schema.setdefault("properties", {})
            props["apiVersion"] = {"type": "string", "enum": [f"{group}/{version['name']}"]}
            props["kind"] = {"type": "string", "enum": [kind]}
            # What Kubernetes itself checks of a custom resource's metadata
            props["metadata"] = {"type": "object", "additionalProperties": False, "properties": {
                "name": {"type": "string"}, "namespace": {"type": "string"}, "generateName": {"type": "string"},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "annotations": {"type": "object", "additionalProperties": {"type": "string"}}}}
            schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
            schema["additionalProperties"] = False
            schema["$schema"] = "http://json-schema.org/draft-07/schema#"
            write(out_dir, f"{kind.lower()}-{group.split('.')[0]}-{version['name']}.json", schema)


def write(out_dir, name, schema):
    with open(os.path.join(out_dir, name), "w") as f:
        json.dump(schema, f, indent=1, sort_keys=True)
    print(f"  schema {name}", file=sys.stderr)


def main(argv):
    out_dir, rest = argv[0], argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    mode, k8s_dir = None, None
    for arg in rest:
        if arg in ("--k8s", "--crd"):
            mode = arg
        elif mode == "--k8s" and k8s_dir is None:
            k8s_dir = arg
        elif mode == "--k8s":
            k8s_kind(k8s_dir, arg, out_dir)
        elif mode == "--crd":
            crd(arg, out_dir)
        else:
            sys.exit(__doc__)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
