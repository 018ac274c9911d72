#!/usr/bin/env bash
# Tests the container image itself, not only its build:
#
#   1. static: skopeo reads target/jib-image.tar: user 10001 (non-root), working directory /app, entrypoint (java with
#      the container JVM flags, the AppCDS archive unless IMAGE_CDS=0, and BridgeMain), exposed ports 9876 and 8080,
#      and the layers hold config/ and routes/ byte for byte as in the repo, the application jar, the archive, plus a
#      /app/work that the user owns;
#   2. run: podman loads the tarball and runs it on the host network against LocalStack, the way Kubernetes would
#      (read-only root file system, /tmp and /app/work writable, non-root): `provision` in one container, then the
#      runtime in another, which starts an execution from its inbox, answers the execution's task through SQS and Step
#      Functions (pricing from the sample WireMock), and logs the execution's output; then a SIGTERM must end it with
#      exit code 0 after the drain. Before that, a JVM with -Xshare:on proves that the archive fits the image's JDK and
#      classpath (a stale archive would only slow the start, silently).
#
#   scripts/image-test.sh            build the image (scripts/image.sh), then test it
#   IMAGE_TAR=path scripts/image-test.sh     test that tarball, no build
#
# Installs skopeo, podman and runc from Debian's packages when missing (as root). LocalStack: the one on
# LOCALSTACK_PORT (4566) when healthy, else started here with scripts/localstack.sh and stopped again. Queue, DLQ and
# state machine get names of their own, so a LocalStack that other tests use is not disturbed.
# IMAGE_TEST_RUN=0 does only the static part (for a machine where podman cannot run containers).
# PODMAN_RUN_OPTS overrides the options that make podman work in a sandbox without systemd cgroups (see below).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
cd "$project"

step() { echo "image-test: $*" >&2; }
fail() { echo "image-test: FAILED: $*" >&2; exit 1; }

# shellcheck source=scripts/image/podman.sh
source "$here/image/podman.sh"

need skopeo skopeo || fail "skopeo is needed"
need python3 python3 || fail "python3 is needed"

tar=${IMAGE_TAR:-}
if [[ -z $tar ]]; then
    step "building the image (scripts/image.sh build)"
    scripts/image.sh build
    tar=$project/target/jib-image.tar
fi
[[ -s $tar ]] || fail "no image tarball at $tar"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/image-test.XXXXXX")
cleanups=()
cleanup() {
    local status=$?
    for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" >/dev/null 2>&1 || true; done
    rm -rf "$tmp"
    if ((status == 0)); then echo "image-test: passed"; else echo "image-test: FAILED (exit $status)"; fi
    exit "$status"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------------------
step "1. static checks of $tar ($(du -h "$tar" | cut -f1))"
skopeo inspect --config "docker-archive:$tar" >"$tmp/config.json" || fail "skopeo cannot read $tar"
mkdir -p "$tmp/layers"
tar -xf "$tar" -C "$tmp/layers"
python3 - "$tmp/config.json" "$tmp/layers" "$project" <<'EOF' || fail "static checks (see above)"
import json, os, sys, tarfile

config_file, layers_dir, project = sys.argv[1:]
image = json.load(open(config_file))
c = image["config"]
problems = []

def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what, file=sys.stderr)
    if not ok:
        problems.append(what)

entry = c.get("Entrypoint") or []
check(c.get("User") == "10001:10001", f"user 10001:10001 (non-root), is {c.get('User')!r}")
check(c.get("WorkingDir") == "/app", f"working directory /app, is {c.get('WorkingDir')!r}")
check(entry[:1] == ["java"] and entry[-1:] == ["io.sfntaskbridge.app.BridgeMain"],
      f"entrypoint java ... io.sfntaskbridge.app.BridgeMain, is {entry}")
flags = ["-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError"]
if os.environ.get("IMAGE_CDS", "1") != "0":
    flags.append("-XX:SharedArchiveFile=/app/cds/app.jsa")
for flag in flags:
    check(flag in entry, f"entrypoint has {flag}")
check(not c.get("Cmd"), f"no default command (arguments such as 'provision' go straight to BridgeMain), is {c.get('Cmd')}")
ports = sorted((c.get("ExposedPorts") or {}).keys())
check(ports == ["8080/tcp", "9876/tcp"], f"exposed ports 8080/tcp and 9876/tcp, are {ports}")

# The layers, in order; a later layer's file wins.
manifest = json.load(open(os.path.join(layers_dir, "manifest.json")))[0]
files, owners = {}, {}
for layer in manifest["Layers"]:
    with tarfile.open(os.path.join(layers_dir, layer)) as t:
        for m in t.getmembers():
            name = "/" + m.name.lstrip("./")
            owners[name.rstrip("/")] = (m.uid, m.gid, m.mode, m.type)
            if m.isfile() and (name.startswith("/app/config/") or name.startswith("/app/routes/")):
                files[name] = t.extractfile(m).read()

for folder in ("config", "routes"):
    repo_dir = os.path.join(project, folder)
    for name in sorted(os.listdir(repo_dir)):
        path = f"/app/{folder}/{name}"
        with open(os.path.join(repo_dir, name), "rb") as f:
            check(files.get(path) == f.read(), f"{path} in the layers, equal to the repo's {folder}/{name}")
work = owners.get("/app/work")
check(work is not None and work[0] == 10001 and work[3] == tarfile.DIRTYPE, f"/app/work is a directory owned by 10001, is {work}")
check("/app/jib-classpath-file" in owners, "/app/jib-classpath-file present")
check(any(n.startswith("/app/classpath/") and n.endswith(".jar") for n in owners), "the application as a jar in /app/classpath")
if "-XX:SharedArchiveFile=/app/cds/app.jsa" in entry:
    check("/app/cds/app.jsa" in owners, "/app/cds/app.jsa (the AppCDS archive) present")
check("/usr/bin/java" in owners, "/usr/bin/java present")
check("/app/statemachines/order-enrichment.asl.json" in owners, "/app/statemachines/order-enrichment.asl.json present")
print(f"  image: {len(manifest['Layers'])} layers, entrypoint: {' '.join(entry)}", file=sys.stderr)
sys.exit(1 if problems else 0)
EOF

if [[ ${IMAGE_TEST_RUN:-1} == 0 ]]; then
    step "IMAGE_TEST_RUN=0: not running the image"
    exit 0
fi

# ---------------------------------------------------------------------------------------------------------------------
step "2. running the image with podman"
need podman podman || fail "podman is needed (or IMAGE_TEST_RUN=0)"
need runc runc || fail "runc is needed (or IMAGE_TEST_RUN=0)"

image_id=$(load_image "$tar")
[[ -n $image_id ]] || fail "podman load did not name the image"
step "loaded $image_id"
cleanups+=("${podman[*]} rmi -f $image_id")

# The AppCDS archive must fit the image's JDK and classpath: -Xshare:on refuses to start when it cannot map it
if grep -q 'SharedArchiveFile' <<<"$("${podman[@]}" image inspect -f '{{.Config.Entrypoint}}' "$image_id")"; then
    "${podman[@]}" run --rm --network none "${run_opts[@]}" --entrypoint java "$image_id" -Xshare:on \
        -XX:SharedArchiveFile=/app/cds/app.jsa -cp @/app/jib-classpath-file -version >"$tmp/cds.log" 2>&1 ||
        { cat "$tmp/cds.log" >&2; fail "the JVM cannot map the image's AppCDS archive (-Xshare:on)"; }
    step "  ok   the AppCDS archive maps with the image's JDK and classpath (-Xshare:on)"
fi

# LocalStack
ls_port=${LOCALSTACK_PORT:-4566}
endpoint=${LOCALSTACK_ENDPOINT:-http://localhost:$ls_port}
if ! curl -fsS --max-time 3 "$endpoint/_localstack/health" >/dev/null 2>&1; then
    [[ -z ${LOCALSTACK_ENDPOINT:-} ]] || fail "LOCALSTACK_ENDPOINT=$endpoint does not answer"
    step "starting LocalStack (scripts/localstack.sh start), stopped again at the end"
    scripts/localstack.sh start
    cleanups+=("scripts/localstack.sh stop")
fi

# The sample pricing service, on a free port
wiremock_version=$(sed -n 's:.*<wiremock.version>\(.*\)</wiremock.version>.*:\1:p' pom.xml)
wiremock=target/image-test/wiremock-standalone-$wiremock_version.jar
if [[ ! -f $wiremock ]]; then
    mvn -B -q dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
        -DoutputDirectory=target/image-test >&2
fi
pricing_port=$(free_port)
java -jar "$wiremock" --port "$pricing_port" --bind-address 127.0.0.1 --root-dir samples/pricing --disable-banner \
    >"$tmp/wiremock.log" 2>&1 &
wiremock_pid=$!
cleanups+=("kill $wiremock_pid")
for _ in $(seq 1 100); do
    curl -fsS --max-time 1 "http://127.0.0.1:$pricing_port/__admin/health" >/dev/null 2>&1 && break
    kill -0 "$wiremock_pid" 2>/dev/null || fail "WireMock did not start: $(tail -5 "$tmp/wiremock.log")"
    sleep 0.2
done

suffix=$(date +%s)-$$
management_port=$(free_port)
name=sfn-image-test-$suffix
env_opts=(
    -e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_REGION=us-east-1
    -e BRIDGE_AWS_ENDPOINT="$endpoint"
    -e BRIDGE_WORKER_QUEUE_NAME="image-test-$suffix" -e BRIDGE_WORKER_DLQ_NAME="image-test-$suffix-dlq"
    -e BRIDGE_STATEMACHINE_NAME="image-test-$suffix"
    -e BRIDGE_ENRICH_PRICING_URL="http://127.0.0.1:$pricing_port"
    -e BRIDGE_HTTP_PORT="$(free_port)" -e BRIDGE_MANAGEMENT_PORT="$management_port"
    -e BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS=5
)
# As in Kubernetes: read-only root file system, writable /tmp and /app/work (an emptyDir there)
mkdir -p "$tmp/work/inbox"
chown -R 10001:10001 "$tmp/work"
fs_opts=(--read-only --tmpfs /tmp:rw,size=64m -v "$tmp/work:/app/work:Z")

step "provision (a container running 'provision')"
"${podman[@]}" run --rm --network host "${run_opts[@]}" "${env_opts[@]}" "${fs_opts[@]}" "$image_id" provision \
    >"$tmp/provision.log" 2>&1 || { cat "$tmp/provision.log" >&2; fail "the image's 'provision' failed"; }
grep -q "image-test-$suffix" "$tmp/provision.log" || { cat "$tmp/provision.log" >&2; fail "provision did not report the queue"; }

step "the runtime (container $name)"
cat >"$tmp/work/inbox/image-test.json" <<EOF
{"orders": [{"orderId": "IMG-1", "customerId": "C-002", "needsEnrichment": true, "lines": [{"sku": "SKU-08", "quantity": 2}]}]}
EOF
chown 10001:10001 "$tmp/work/inbox/image-test.json"
# conmon, left running, must not hold (or reopen and truncate) this script's stdout and stderr
"${podman[@]}" run -d --name "$name" --network host "${run_opts[@]}" "${env_opts[@]}" "${fs_opts[@]}" "$image_id" \
    </dev/null >"$tmp/podman-run.log" 2>&1 || { cat "$tmp/podman-run.log" >&2; fail "podman run failed"; }
cleanups+=("${podman[*]} rm -f $name")

deadline=$((SECONDS + ${IMAGE_TEST_TIMEOUT:-120}))
until "${podman[@]}" logs "$name" 2>&1 | grep -q "SUCCEEDED after"; do
    if [[ $("${podman[@]}" inspect -f '{{.State.Running}}' "$name") != true ]]; then
        "${podman[@]}" logs "$name" >&2 || true
        fail "the container exited before the execution ended"
    fi
    if ((SECONDS > deadline)); then
        "${podman[@]}" logs "$name" 2>&1 | tail -40 >&2
        fail "no execution ended within ${IMAGE_TEST_TIMEOUT:-120}s"
    fi
    sleep 1
done
"${podman[@]}" logs "$name" >"$tmp/runtime.log" 2>&1
# The management server (metrics, health) where this version's config has one: what the Kubernetes probes call
if grep -q '^bridge.management.port' config/application.properties; then
    for probe in live ready; do
        url=http://127.0.0.1:$management_port/observe/health/$probe
        curl -fsS --max-time 5 "$url" >"$tmp/$probe.json" 2>&1 || { cat "$tmp/$probe.json" >&2; fail "GET $url did not answer 2xx"; }
        step "  ok   GET /observe/health/$probe: $(tr -d '\n ' <"$tmp/$probe.json" | cut -c1-80)"
    done
fi
sed -n '/SUCCEEDED after/,$p' "$tmp/runtime.log" | head -n 40 >"$tmp/output.txt"
grep -q '"IMG-1"' "$tmp/output.txt" && grep -q '"total"' "$tmp/output.txt" ||
    { cat "$tmp/runtime.log" >&2; fail "the execution's output has no enriched IMG-1 (the task was not answered with a total)"; }
step "  ok   the container answered the task: $(grep -o '"total"[^,}]*' "$tmp/output.txt" | head -n 1)"

step "SIGTERM (podman stop)"
"${podman[@]}" stop -t 40 "$name" >/dev/null
code=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$name")
"${podman[@]}" logs "$name" >"$tmp/runtime.log" 2>&1
((code == 0)) || { tail -30 "$tmp/runtime.log" >&2; fail "exit code $code after SIGTERM, expected 0"; }
grep -q "shutdown in" "$tmp/runtime.log" || { tail -30 "$tmp/runtime.log" >&2; fail "no clean Camel shutdown after SIGTERM"; }
step "  ok   stopped with exit code 0: $(grep -o 'shutdown in.*' "$tmp/runtime.log" | head -n 1)"
