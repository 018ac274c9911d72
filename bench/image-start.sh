#!/usr/bin/env bash
# bench/run.sh image: start to ready and idle RSS of the container image itself, as Kubernetes runs it (podman, the
# image's own entrypoint and JVM flags, read-only root file system), against LocalStack; see BENCHMARKS.md.
#
# Per launch: "ready" = the first 200 from /observe/health/ready (polled every 20 ms from the host), measured from the
# JVM process's start (its start time in /proc/<pid>/stat) and from the `podman run` call (adds the container
# runtime's own time); "idle RSS" = VmRSS of the JVM 10 s after ready, the queue empty. Launches alternate between
# the image as built ("image") and, when it carries an AppCDS archive, the same entrypoint without it ("no-cds").
#
#   IMAGE_TAR      the image tarball (target/jib-image.tar; built with scripts/image.sh when missing)
#   BENCH_RUNS     launches of each variant (5)
#   BENCH_JAVA_OPTIONS  extra JVM flags for every launch (JAVA_TOOL_OPTIONS), to try a setting without a rebuild
#   BENCH_MEMORY   the container's memory limit (768m, as deploy/kubernetes/deployment.yaml: the JVM sizes its heap
#                  from it, and the image's flags are chosen for it)
set -euo pipefail
cd "$(dirname "$0")/.."

tar=${IMAGE_TAR:-target/jib-image.tar}
[[ -s $tar ]] || scripts/image.sh build
runs=${BENCH_RUNS:-5}
endpoint=${LOCALSTACK_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
# shellcheck source=scripts/image/podman.sh
source scripts/image/podman.sh
now() { date +%s.%N; }

image=$(load_image "$tar")
mapfile -t entrypoint < <(image_entrypoint "$image")
variants=(image)
grep -q -- '-XX:SharedArchiveFile' <<<"${entrypoint[*]}" && variants+=(no-cds)
echo "image $image: ${entrypoint[*]}"

suffix=bench-image-$(date +%s)
env_opts=(-e AWS_ACCESS_KEY_ID=test -e AWS_SECRET_ACCESS_KEY=test -e AWS_REGION=us-east-1 -e BRIDGE_AWS_ENDPOINT="$endpoint"
    -e BRIDGE_WORKER_QUEUE_NAME="$suffix" -e BRIDGE_WORKER_DLQ_NAME="$suffix-dlq" -e BRIDGE_STATEMACHINE_NAME="$suffix")
[[ -n ${BENCH_JAVA_OPTIONS:-} ]] && env_opts+=(-e JAVA_TOOL_OPTIONS="$BENCH_JAVA_OPTIONS")
"${podman[@]}" run --rm --network host "${run_opts[@]}" "${env_opts[@]}" "$image" provision >/dev/null 2>&1 ||
    { echo "provision failed" >&2; exit 1; }

clk_tck=$(getconf CLK_TCK)
declare -A from_jvm from_run rss
for ((run = 1; run <= runs; run++)); do
    for variant in "${variants[@]}"; do
        port=$(free_port)
        args=()
        [[ $variant == no-cds ]] && args=(--entrypoint java "$image" $(printf '%s\n' "${entrypoint[@]:1}" | grep -v -- '-XX:SharedArchiveFile'))
        [[ $variant == image ]] && args=("$image")
        name=$suffix-$variant-$run
        work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")  # /app/work: an emptyDir in the pod
        chown 10001:10001 "$work"
        t0=$(now)
        "${podman[@]}" run -d --name "$name" --network host "${run_opts[@]}" "${env_opts[@]}" --read-only \
            --memory "${BENCH_MEMORY:-768m}" \
            --tmpfs /tmp:rw,size=64m -v "$work:/app/work:Z" -e BRIDGE_HTTP_PORT="$(free_port)" \
            -e BRIDGE_MANAGEMENT_PORT="$port" "${args[@]}" </dev/null >/dev/null
        pid=$("${podman[@]}" inspect -f '{{.State.Pid}}' "$name")
        started=$(awk -v t="$clk_tck" '{printf "%.3f", $22 / t}' "/proc/$pid/stat")  # seconds after boot
        until curl -fsS --max-time 1 -o /dev/null "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null; do
            kill -0 "$pid" 2>/dev/null || { "${podman[@]}" logs "$name" | tail -20; exit 1; }
            sleep 0.02
        done
        t1=$(now)
        up=$(cut -d' ' -f1 /proc/uptime)
        sleep 10
        kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
        "${podman[@]}" rm -f -t 30 "$name" >/dev/null
        rm -rf "$work"
        from_jvm[$variant]+=" $(echo "$up - $started" | bc -l)"
        from_run[$variant]+=" $(echo "$t1 - $t0" | bc -l)"
        rss[$variant]+=" $((kb / 1024))"
        printf 'image %-7s run %d: ready %.2f s after the JVM started (%.2f s after podman run), idle RSS %d MB  (load %s)\n' \
            "$variant" "$run" "$(echo "$up - $started" | bc -l)" "$(echo "$t1 - $t0" | bc -l)" "$((kb / 1024))" \
            "$(cut -d' ' -f1-3 /proc/loadavg)"
    done
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo
echo "medians over $runs launches (goals: start to ready <= 1.5 s, idle RSS <= 160 MB)"
for variant in "${variants[@]}"; do
    printf '  %-7s ready %.2f s after the JVM started (%.2f s after podman run), idle RSS %s MB\n' "$variant" \
        "$(median <<<"${from_jvm[$variant]}")" "$(median <<<"${from_run[$variant]}")" "$(median <<<"${rss[$variant]}")"
done
