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
# Fault proxy (the fault-injection tests), first that applies:
#   1. TOXIPROXY_URL is set            -> that one
#   2. Toxiproxy answers on TOXIPROXY_PORT (8474) -> reused, left running
#   3. otherwise                       -> scripts/toxiproxy.sh start, and stopped again when this script exits
# PostgreSQL (the shared task ledger), first that applies:
#   1. BRIDGE_TEST_POSTGRES_URL is set -> that one
#   2. scripts/postgres.sh status succeeds -> reused, left running
#   3. otherwise                       -> scripts/postgres.sh start, and stopped again when this script exits
# Maven gets LOCALSTACK_ENDPOINT (without Docker), TOXIPROXY_URL and BRIDGE_TEST_POSTGRES_URL (scripts/postgres.sh url).
# Exits with Maven's status.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."

began=$SECONDS
log() { echo "test.sh: [$((SECONDS - began))s] $*" >&2; }

# Services this run started (script names under scripts/), stopped in reverse order on exit, whatever the outcome.
started=()
finish() {
    local status=$?
    local i
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do
        log "stopping ${started[i]} (started by this run)"
        "$here/${started[i]}.sh" stop || true
    done
    exit "$status"
}
trap finish EXIT

# ensure <script name> <description>: reuse a running service or start one for this run.
ensure() {
    if "$here/$1.sh" status >/dev/null 2>&1; then
        log "reusing the running $2"
    else
        log "no $2 running; starting one for this run"
        # Recorded before starting, so a half-started service is stopped too.
        started+=("$1")
        "$here/$1.sh" start
    fi
}

if docker info >/dev/null 2>&1; then
    log "Docker engine found: LocalStack comes from Testcontainers"
elif [[ -n ${LOCALSTACK_ENDPOINT:-} ]]; then
    log "using LOCALSTACK_ENDPOINT=$LOCALSTACK_ENDPOINT"
else
    ensure localstack "LocalStack on port ${LOCALSTACK_PORT:-4566}"
    export LOCALSTACK_ENDPOINT=http://localhost:${LOCALSTACK_PORT:-4566}
fi

if [[ -n ${TOXIPROXY_URL:-} ]]; then
    log "using TOXIPROXY_URL=$TOXIPROXY_URL"
else
    ensure toxiproxy "Toxiproxy on port ${TOXIPROXY_PORT:-8474}"
    export TOXIPROXY_URL=http://127.0.0.1:${TOXIPROXY_PORT:-8474}
fi

if [[ -n ${BRIDGE_TEST_POSTGRES_URL:-} ]]; then
    log "using BRIDGE_TEST_POSTGRES_URL=$BRIDGE_TEST_POSTGRES_URL"
else
    ensure postgres "PostgreSQL"
    BRIDGE_TEST_POSTGRES_URL=$("$here/postgres.sh" url)
    export BRIDGE_TEST_POSTGRES_URL
    log "BRIDGE_TEST_POSTGRES_URL=$BRIDGE_TEST_POSTGRES_URL"
fi

log "mvn -B verify $*"
status=0
mvn -B verify "$@" || status=$?
log "Maven finished with status $status"
exit "$status"
