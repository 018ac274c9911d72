#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md): our runtime vs a plain AWS SDK worker on LocalStack, then CPU and AWS calls per
# task of both, then the jar's start time and memory. Starts LocalStack if needed (scripts/localstack.sh), builds the
# jar and the test classes, runs io.sfntaskbridge.bench.WorkerBenchmark, and writes bench/results/latest.json.
# About 10 minutes on 2 cores. Options as system properties, e.g.: bench/run.sh -Dbench.concurrency=4 -Dbench.rounds=1
#
# Modes (first argument), each also taking -D options:
#   bench/run.sh cpu     only CPU ms and AWS calls per task, ours vs plain (CpuBenchmark; about 5 minutes)
#   bench/run.sh start   start-to-ready and idle RSS of the image's JVM settings and variants (StartBenchmark)
#   bench/run.sh ledger  the task ledger's own CPU per task (claim, store, close) with and without WRITE_DELAY=0
#                        (LedgerCostBenchmark; no emulator needed)
#   bench/run.sh image   start-to-ready and idle RSS of the container image itself, with and without its AppCDS
#                        archive (bench/image-start.sh: podman, builds the image when target/jib-image.tar is missing)
#   bench/run.sh scale   tasks/s with 1, 2 and 3 instances of ours on one queue, shared PostgreSQL ledger (ScaleBenchmark)
set -euo pipefail
cd "$(dirname "$0")/.."

main=io.sfntaskbridge.bench.WorkerBenchmark
case "${1:-}" in
    cpu) main=io.sfntaskbridge.bench.CpuBenchmark; shift ;;
    start) main=io.sfntaskbridge.bench.StartBenchmark; shift ;;
    image) main=image; shift ;;
    ledger) main=io.sfntaskbridge.bench.LedgerCostBenchmark; shift ;;
    scale) main=io.sfntaskbridge.bench.ScaleBenchmark; shift
        scripts/postgres.sh start >/dev/null ;;
esac

[[ $main == *LedgerCostBenchmark ]] || scripts/localstack.sh start
export LOCALSTACK_ENDPOINT=${LOCALSTACK_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
[[ $main == image ]] && exec bench/image-start.sh

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
    mvn -B -q package -DskipTests
    mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

echo "machine load (uptime): $(uptime)"
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main"
