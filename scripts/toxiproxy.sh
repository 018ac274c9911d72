#!/usr/bin/env bash
# Runs Toxiproxy (a TCP proxy that injects faults: latency, resets, timeouts, refused connections) on this host, for
# the fault-injection tests, which put it between the runtime and LocalStack and between the runtime and a backend.
#
#   scripts/toxiproxy.sh install   build the pinned server into the cache dir (needs Go; skipped when built)
#   scripts/toxiproxy.sh start     install if needed, start, wait until GET /version answers (reuses a healthy one)
#   scripts/toxiproxy.sh stop      stop the process this script started, nothing else
#   scripts/toxiproxy.sh status    print the version and exit 0 when the API answers
#
# Environment: TOXIPROXY_PORT (8474, the HTTP API; proxies get their own ports), TOXIPROXY_BIN_DIR (cached build dir),
# TOXIPROXY_STATE_DIR (.toxiproxy under the project: pid file and log), TOXIPROXY_START_TIMEOUT (30 s).
#
# Version: v2.5.0, built with `go install` from its module (checksummed by the Go module mirror and sum database).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/.." && pwd)
version=2.5.0
port=${TOXIPROXY_PORT:-8474}
bindir=${TOXIPROXY_BIN_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/sfn-task-bridge/toxiproxy-$version}
binary="$bindir/server"
state=${TOXIPROXY_STATE_DIR:-$project/.toxiproxy}
pidfile="$state/toxiproxy.pid"
logfile="$state/toxiproxy.log"
api="http://127.0.0.1:$port"

log() { echo "toxiproxy: $*" >&2; }

healthy() {
    curl -fsS --max-time 2 "$api/version" >/dev/null 2>&1
}

our_pid() {
    [[ -f $pidfile ]] || return 1
    local pid
    pid=$(cat "$pidfile")
    # A stale pid file may point at an unrelated process that reused the number; only claim our own binary.
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' </proc/"$pid"/cmdline | grep -qF "$binary"; then
        echo "$pid"
    else
        return 1
    fi
}

install() {
    if [[ -x $binary ]]; then
        return 0
    fi
    command -v go >/dev/null || { log "Go is not on PATH; it is needed once to build Toxiproxy $version"; exit 1; }
    log "building Toxiproxy $version into $bindir (one-off)"
    mkdir -p "$bindir"
    # Built into a temporary dir first, so an interrupted build never leaves a binary that counts as installed.
    local tmp
    tmp=$(mktemp -d "$bindir/.build.XXXXXX")
    # -X sets the version the API reports (GET /version), as the upstream release build does.
    if ! GOBIN="$tmp" go install -ldflags "-X github.com/Shopify/toxiproxy/v2.Version=$version" \
        "github.com/Shopify/toxiproxy/v2/cmd/server@v$version"; then
        rm -rf "$tmp"
        log "go install failed; see the error above"
        exit 1
    fi
    mv "$tmp/server" "$binary"
    rm -rf "$tmp"
    "$binary" -version >/dev/null || { log "the built $binary does not run"; exit 1; }
}

start() {
    if healthy; then
        log "already running on port $port"
        return 0
    fi
    if our_pid >/dev/null; then
        log "process $(our_pid) is running but not answering; restarting it"
        stop
    fi
    install
    mkdir -p "$state"
    log "starting on 127.0.0.1:$port, log: $logfile"
    (
        cd "$state"
        nohup "$binary" -host 127.0.0.1 -port "$port" >"$logfile" 2>&1 &
        echo $! >"$pidfile"
    )
    local deadline=$((SECONDS + ${TOXIPROXY_START_TIMEOUT:-30}))
    until healthy; do
        # The pid we just started (not our_pid: until it has exec'd, its command line is still this shell's)
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            log "exited during startup; last lines of $logfile:"
            tail -n 20 "$logfile" >&2
            exit 1
        fi
        if ((SECONDS > deadline)); then
            log "not answering after ${TOXIPROXY_START_TIMEOUT:-30}s; see $logfile"
            exit 1
        fi
        sleep 0.2
    done
    log "ready (pid $(cat "$pidfile")): API $api"
}

stop() {
    local pid
    if ! pid=$(our_pid); then
        rm -f "$pidfile"
        log "no Toxiproxy started by this script is running"
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
        echo "Toxiproxy $(curl -fsS --max-time 2 "$api/version") on $api"
        return 0
    fi
    log "not reachable at $api/version"
    return 1
}

case ${1:-} in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
