#!/usr/bin/env bash
# The test command: unit tests (*Test) and integration tests (*IT) on an AWS emulator, i.e. `mvn -B verify`.
#
#   scripts/test.sh [extra Maven arguments]      e.g. scripts/test.sh -Dit.test=SqsRoundTripIT
#
# Emulator, first that applies:
#   1. a Docker engine answers         -> the tests start LocalStack themselves through Testcontainers
#   2. LOCALSTACK_ENDPOINT is set      -> that one (must be healthy)
#   3. LocalStack is healthy on LOCALSTACK_PORT (4566) -> reused, left running
#   4. otherwise                       -> scripts/localstack.sh start, and stopped again when this script exits
# Exits with Maven's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."

log() { echo "test.sh: $*" >&2; }

if docker info >/dev/null 2>&1; then
    log "Docker engine found: LocalStack comes from Testcontainers"
    exec mvn -B verify "$@"
fi

if [[ -n ${LOCALSTACK_ENDPOINT:-} ]]; then
    log "using LOCALSTACK_ENDPOINT=$LOCALSTACK_ENDPOINT"
else
    port=${LOCALSTACK_PORT:-4566}
    if "$here/localstack.sh" status >/dev/null 2>&1; then
        log "no Docker; reusing the LocalStack on port $port"
    else
        log "no Docker and no LocalStack on port $port; starting one for this run"
        # Stop only what this script started; the trap is set first so a half-started emulator is stopped too.
        trap '"$here/localstack.sh" stop' EXIT
        "$here/localstack.sh" start
    fi
    export LOCALSTACK_ENDPOINT=http://localhost:$port
fi

status=0
mvn -B verify "$@" || status=$?
exit "$status"
