#!/usr/bin/env bash
# The benchmark (see BENCHMARKS.md): our runtime vs a plain AWS SDK worker on LocalStack, then the jar's start time
# and memory. Starts LocalStack if needed (scripts/localstack.sh), builds the jar and the test classes, runs
# io.sfntaskbridge.bench.WorkerBenchmark, and writes bench/results/latest.json. About 5 minutes on 2 cores.
# Options as system properties, e.g.: bench/run.sh -Dbench.concurrency=4 -Dbench.rounds=1
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/localstack.sh start
export LOCALSTACK_ENDPOINT=${LOCALSTACK_ENDPOINT:-http://localhost:${LOCALSTACK_PORT:-4566}}
export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test}
export AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.sfntaskbridge.bench.WorkerBenchmark
