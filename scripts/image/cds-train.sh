#!/usr/bin/env bash
# Trains the image's AppCDS archive (class data sharing: the JVM maps the classes it loaded at startup instead of
# loading and verifying them again, about a second and 35 MB less; BENCHMARKS.md):
#
#   scripts/image/cds-train.sh IMAGE_TAR OUT_DIR     ->  OUT_DIR/app.jsa
#
# It runs the image just built by Jib (podman, on the host network) the way it runs in production: its own entrypoint
# plus -XX:ArchiveClassesAtExit, against LocalStack (the one on LOCALSTACK_PORT when healthy, else started here and
# stopped again), with a queue and state machine of its own (bridge.provision.on-startup). When the runtime has
# started and polled for a few seconds it gets a SIGTERM; the JVM writes the archive as it exits. scripts/image.sh
# then builds the image again with the archive in /app/cds and -XX:SharedArchiveFile (Maven profile cds). The jars
# are the same files in both builds (Jib's fixed timestamps), which the JVM checks before it maps the archive; a
# mismatch (a jar mounted into /app/extra, another JDK) only costs the speed-up, with one warning line at startup.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
tar=${1:?usage: $0 IMAGE_TAR OUT_DIR}
out=${2:?usage: $0 IMAGE_TAR OUT_DIR}

log() { echo "cds-train: $*" >&2; }
fail() { echo "cds-train: FAILED: $*" >&2; exit 1; }

# shellcheck source=scripts/image/podman.sh
source "$here/podman.sh"
for tool in podman runc; do
    need "$tool" "$tool" || fail "$tool is needed for the training run (or IMAGE_CDS=0)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/cds-train.XXXXXX")
cleanups=("rm -rf '$work'")
trap 'for ((i = ${#cleanups[@]} - 1; i >= 0; i--)); do eval "${cleanups[i]}" >/dev/null 2>&1 || true; done' EXIT

endpoint=${LOCALSTACK_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
if ! curl -fsS --max-time 3 "$endpoint/_localstack/health" >/dev/null 2>&1; then
    [[ -z ${LOCALSTACK_ENDPOINT:-} ]] || fail "LOCALSTACK_ENDPOINT=$endpoint does not answer"
    log "starting LocalStack for the training run (scripts/localstack.sh start)"
    "$project/scripts/localstack.sh" start >&2
    cleanups+=("'$project/scripts/localstack.sh' stop")
fi

image=$(load_image "$tar")
[[ -n $image ]] || fail "podman load did not name the image in $tar"
# The image's own entrypoint, with the archive written at exit
mapfile -t entrypoint < <(image_entrypoint "$image")
[[ ${entrypoint[0]:-} == java ]] || fail "the image's entrypoint does not start with java: ${entrypoint[*]}"
command=("${entrypoint[@]:1}")
command=("-XX:ArchiveClassesAtExit=/cds/app.jsa" "${command[@]}")

chmod 777 "$work"
management_port=$(free_port)
suffix=cds-$(date +%s)-$$
name=sfn-$suffix
log "training run of $image (container $name)"
"${podman[@]}" run -d --name "$name" --network host "${run_opts[@]}" -v "$work:/cds:Z" \
    -e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_REGION=us-east-1 \
    -e BRIDGE_AWS_ENDPOINT="$endpoint" -e BRIDGE_PROVISION_ON_STARTUP=true \
    -e BRIDGE_WORKER_QUEUE_NAME="$suffix" -e BRIDGE_WORKER_DLQ_NAME="$suffix-dlq" -e BRIDGE_STATEMACHINE_NAME="$suffix" \
    -e BRIDGE_HTTP_PORT="$(free_port)" -e BRIDGE_MANAGEMENT_PORT="$management_port" -e BRIDGE_WORKER_DRAIN_TIMEOUT_SECONDS=5 \
    --entrypoint java "$image" "${command[@]}" </dev/null >"$work/run.log" 2>&1 ||
    fail "podman run: $(cat "$work/run.log")"
cleanups+=("${podman[*]} rm -f $name")

deadline=$((SECONDS + ${CDS_TRAIN_TIMEOUT:-120}))
until "${podman[@]}" logs "$name" 2>&1 | grep -q "started in"; do
    [[ $("${podman[@]}" inspect -f '{{.State.Running}}' "$name") == true ]] ||
        { "${podman[@]}" logs "$name" 2>&1 | grep -v '\[cds\]' | tail -20 >&2; fail "the runtime exited before it started"; }
    ((SECONDS < deadline)) || fail "the runtime did not start within ${CDS_TRAIN_TIMEOUT:-120}s"
    sleep 0.5
done
# A few polls, and what the probes and a scrape ask for first (their classes are then in the archive too)
for _ in 1 2 3; do
    for path in health/live health/ready metrics status; do
        curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$management_port/observe/$path" || true
    done
    sleep 2
done
"${podman[@]}" stop -t 60 "$name" >/dev/null
code=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$name")
((code == 0)) || { "${podman[@]}" logs "$name" 2>&1 | grep -v '\[cds\]' | tail -20 >&2; fail "exit code $code after SIGTERM"; }
[[ -s $work/app.jsa ]] || fail "no archive written (see: ${podman[*]} logs $name)"
mkdir -p "$out"
cp "$work/app.jsa" "$out/app.jsa"
log "archive $out/app.jsa ($(du -h "$out/app.jsa" | cut -f1))"
