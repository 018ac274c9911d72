#!/usr/bin/env bash
# Runs LocalStack (SQS + Step Functions, plus STS, which its Step Functions-to-SQS integration calls) on this host, without Docker, for the demo and the tests.
#
#   scripts/localstack.sh install   create the cached venv from scripts/localstack/requirements.lock
#   scripts/localstack.sh start     install if needed, start, wait until healthy (reuses a healthy one)
#   scripts/localstack.sh stop      stop the process this script started, nothing else
#   scripts/localstack.sh status    print health and exit 0 when both services run
#
# Environment: LOCALSTACK_PORT (4566), LOCALSTACK_PYTHON (python3), LOCALSTACK_VENV (cached venv path),
# LOCALSTACK_STATE_DIR (.localstack under the project: pid file, log, emulator data), LOCALSTACK_START_TIMEOUT (90 s).
#
# Version: localstack-core 4.9.2 is the newest release whose Step Functions provider imports on Python 3.10-3.12
# (4.10 to 4.13.1 annotate `threading.Lock | None`, which only Python 3.13 accepts). The lock pins every package,
# because unpinned installs pull cbor2 6 and moto-ext releases that break the runtime. The install also applies
# localstack/fix-callback-heartbeat-race.py (see there: fast task answers were lost when HeartbeatSeconds is set).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
lock="$here/localstack/requirements.lock"
port=${LOCALSTACK_PORT:-4566}
python=${LOCALSTACK_PYTHON:-python3}
fix="$here/localstack/fix-callback-heartbeat-race.py"
lock_id=$(cat "$lock" "$fix" | sha256sum | cut -c1-12)
venv=${LOCALSTACK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/sfn-task-bridge/localstack-$lock_id}
state=${LOCALSTACK_STATE_DIR:-$project/.localstack}
pidfile="$state/localstack.pid"
logfile="$state/localstack.log"
health="http://127.0.0.1:$port/_localstack/health"

log() { echo "localstack: $*" >&2; }

healthy() {
    local body
    body=$(curl -fsS --max-time 2 "$health" 2>/dev/null) || return 1
    grep -Eq '"sqs": *"(running|available)"' <<<"$body" && grep -Eq '"stepfunctions": *"(running|available)"' <<<"$body" \
        && grep -Eq '"s3": *"(running|available)"' <<<"$body"
}

our_pid() {
    [[ -f $pidfile ]] || return 1
    local pid
    pid=$(cat "$pidfile")
    # A stale pid file may point at an unrelated process that reused the number; only claim our own command line.
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' </proc/"$pid"/cmdline | grep -q 'localstack.runtime.main'; then
        echo "$pid"
    else
        return 1
    fi
}

install() {
    if [[ -x $venv/bin/python ]] && [[ -f $venv/.complete ]]; then
        return 0
    fi
    local version
    version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    case $version in
        3.1[0-2]) ;;
        *) log "Python $version found as '$python'; LocalStack 4.9.2 needs Python 3.10 to 3.12 (set LOCALSTACK_PYTHON)"; exit 1 ;;
    esac
    log "installing localstack-core into $venv (one-off, about a minute)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock"
    "$venv/bin/python" "$fix" "$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    # pip check would flag kclpy-ext's stray "argparse" requirement; importing the three providers is the real test.
    "$venv/bin/python" -c 'import localstack.services.sqs.provider, localstack.services.stepfunctions.provider, localstack.services.s3.provider' \
        || { log "the installed LocalStack cannot load SQS, Step Functions or S3; see the error above"; exit 1; }
    touch "$venv/.complete"
}

start() {
    if healthy; then
        log "already running on port $port"
        return 0
    fi
    if our_pid >/dev/null; then
        log "process $(our_pid) is running but not healthy; restarting it"
        stop
    fi
    install
    mkdir -p "$state"
    rm -rf "$state/data"
    mkdir -p "$state/data"
    log "starting on 127.0.0.1:$port, log: $logfile"
    (
        cd "$state"
        SERVICES=sqs,stepfunctions,sts,s3 \
        GATEWAY_LISTEN=127.0.0.1:$port \
        LOCALSTACK_HOST=localhost:$port \
        SQS_ENDPOINT_STRATEGY=path \
        DNS_ADDRESS=0 \
        EAGER_SERVICE_LOADING=1 \
        SKIP_SSL_CERT_DOWNLOAD=1 \
        DISABLE_EVENTS=1 \
        FILESYSTEM_ROOT="$state/data" \
        nohup "$venv/bin/python" -m localstack.runtime.main >"$logfile" 2>&1 &
        echo $! >"$pidfile"
    )
    local deadline=$((SECONDS + ${LOCALSTACK_START_TIMEOUT:-90}))
    until healthy; do
        # The pid we just started (not our_pid: until it has exec'd, its command line is still this shell's)
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            log "exited during startup; last lines of $logfile:"
            tail -n 20 "$logfile" >&2
            exit 1
        fi
        if ((SECONDS > deadline)); then
            log "not healthy after ${LOCALSTACK_START_TIMEOUT:-90}s; see $logfile"
            exit 1
        fi
        sleep 0.5
    done
    log "ready (pid $(cat "$pidfile")): endpoint http://localhost:$port"
}

stop() {
    local pid
    if ! pid=$(our_pid); then
        rm -f "$pidfile"
        log "no LocalStack started by this script is running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pidfile"
    log "stopped pid $pid"
}

status() {
    if healthy; then
        curl -fsS --max-time 2 "$health"
        echo
        return 0
    fi
    log "not reachable at $health"
    return 1
}

case ${1:-} in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
