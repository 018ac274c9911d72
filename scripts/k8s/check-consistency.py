#!/usr/bin/env python3
"""What a schema cannot see in deploy/kubernetes: the manifests against the runtime's own settings and the IAM policy.

  check-consistency.py BUILT_YAML PROJECT_DIR

- every variable of the sfn-task-bridge-env ConfigMap overrides a key of config/application.properties (a misspelled
  one would be ignored silently by the runtime);
- terminationGracePeriodSeconds > bridge.worker.drain-timeout-seconds + camel.main.shutdown-timeout;
- the KEDA trigger's queueLength equals the per-pod cap (BRIDGE_WORKER_CONCURRENCY, else bridge.worker.concurrency);
- the queue in the KEDA trigger, the queue names and the state machine name are the ones deploy/iam/*.json grant;
- every file in routes/ is in the routes ConfigMap, and the probes call the management port's health paths.
"""
import json
import os
import re
import sys

import yaml


def properties(path):
    values = {}
    key = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if key is not None:  # continuation of a value ending in a backslash
            key = key if line.endswith("\\") else None
            continue
        stripped = line.strip()
        if not stripped or stripped[0] in "#!":
            continue
        m = re.match(r"([^=:\s]+)\s*[=:]?\s*(.*)", stripped)
        values[m.group(1)] = m.group(2)
        key = m.group(1) if stripped.endswith("\\") else None
    return values


def main(built, project):
    docs = [d for d in yaml.safe_load_all(open(built)) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    props = properties(os.path.join(project, "config", "application.properties"))
    env_names = {re.sub(r"[.-]", "_", k).upper(): k for k in props}
    problems = []

    def check(ok, what):
        print(("  ok   " if ok else "  FAIL ") + what, file=sys.stderr)
        if not ok:
            problems.append(what)

    env_cm = next(c for c in by_kind["ConfigMap"] if c["metadata"]["name"].startswith("sfn-task-bridge-env"))
    env = env_cm["data"]
    for name in sorted(env):
        check(name in env_names, f"env {name} overrides a key of config/application.properties")

    deployment = by_kind["Deployment"][0]
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    for item in container.get("env", []):
        if item["name"].startswith("BRIDGE_") or item["name"].startswith("CAMEL_"):
            check(item["name"] in env_names, f"env {item['name']} overrides a key of config/application.properties")

    drain = int(env.get("BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS", props["bridge.worker.drain-timeout-seconds"]))
    shutdown = int(env.get("CAMEL_MAIN_SHUTDOWN_TIMEOUT", props["camel.main.shutdown-timeout"]))
    grace = pod["terminationGracePeriodSeconds"]
    check(grace > drain + shutdown, f"terminationGracePeriodSeconds {grace} > drain {drain} s + shutdown {shutdown} s")

    concurrency = env.get("BRIDGE_WORKER_CONCURRENCY", props["bridge.worker.concurrency"])
    scaled = by_kind["ScaledObject"][0]
    trigger = scaled["spec"]["triggers"][0]
    check(trigger["metadata"]["queueLength"] == str(concurrency),
          f"KEDA queueLength {trigger['metadata']['queueLength']} = per-pod concurrency {concurrency}")
    check(scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"], "ScaledObject targets the Deployment")
    queue = env.get("BRIDGE_WORKER_QUEUE_NAME", props["bridge.worker.queue-name"])
    dlq = env.get("BRIDGE_WORKER_DLQ_NAME", props["bridge.worker.dlq-name"])
    machine = env.get("BRIDGE_STATEMACHINE_NAME", props["bridge.statemachine.name"])
    check(trigger["metadata"]["queueURL"].endswith("/" + queue), f"KEDA queueURL ends with /{queue}")
    region = env.get("BRIDGE_AWS_REGION")
    check(trigger["metadata"]["awsRegion"] == region, f"KEDA awsRegion = BRIDGE_AWS_REGION ({region})")

    runtime = json.load(open(os.path.join(project, "deploy", "iam", "runtime-policy.json")))
    resources = json.dumps(runtime)
    for what, name in (("work queue", queue), ("DLQ", dlq), ("state machine", "stateMachine:" + machine)):
        check(f":{name}\"" in resources, f"deploy/iam/runtime-policy.json grants the {what} ({name})")
    keda_policy = json.dumps(json.load(open(os.path.join(project, "deploy", "iam", "keda-policy.json"))))
    check(f":{queue}\"" in keda_policy, f"deploy/iam/keda-policy.json grants the work queue ({queue})")

    routes_cm = next(c for c in by_kind["ConfigMap"] if c["metadata"]["name"].startswith("sfn-task-bridge-routes"))
    repo_routes = sorted(f for f in os.listdir(os.path.join(project, "routes")) if f.endswith((".yaml", ".yml")))
    check(sorted(routes_cm["data"]) == repo_routes,
          f"the routes ConfigMap holds exactly routes/ ({len(repo_routes)} files; add new ones to the kustomization)")

    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    management = int(env.get("BRIDGE_MANAGEMENT_PORT", props.get("bridge.management.port", "9876")))
    check(ports.get("management") == management, f"container port 'management' = bridge.management.port ({management})")
    for probe, path in (("livenessProbe", "/observe/health/live"), ("readinessProbe", "/observe/health/ready")):
        get = container[probe]["httpGet"]
        check(get["path"] == path and get["port"] == "management", f"{probe} GET {path} on the management port")
    sc = container["securityContext"]
    check(sc.get("readOnlyRootFilesystem") is True and pod["securityContext"].get("runAsNonRoot") is True,
          "read-only root file system, non-root")
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    check({"/app/config", "/app/routes", "/app/work", "/tmp"} <= mounts, "mounts /app/config, /app/routes, /app/work, /tmp")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
