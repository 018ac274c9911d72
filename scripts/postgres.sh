#!/usr/bin/env bash
# Runs a throwaway PostgreSQL on this host, without Docker, for the task ledger's integration tests
# (JdbcTaskLedgerPostgresIT) and for trying several instances on one shared ledger.
#
#   scripts/postgres.sh install   apt-get install postgresql when no server binaries are found
#   scripts/postgres.sh start     install if needed, initdb, start, create role and database 'bridge'
#                                 (reuses one already healthy on the port)
#   scripts/postgres.sh stop      stop the server this script started (its data folder), nothing else
#   scripts/postgres.sh status    exit 0 when the 'bridge' database answers
#   scripts/postgres.sh url       print the JDBC URL (what BRIDGE_TEST_POSTGRES_URL and bridge.ledger.url take)
#
# Environment: POSTGRES_PORT (55432), POSTGRES_STATE_DIR (${TMPDIR:-/tmp}/sfn-task-bridge-postgres-<port>: data, log,
# unix socket), POSTGRES_START_TIMEOUT (30 s). Authentication is 'trust' and the server listens on 127.0.0.1 only:
# a test database, not a production one. As root, the server runs as the 'postgres' OS user (initdb refuses root),
# which then owns the state folder; that folder's parents must be searchable by it.
set -euo pipefail

port=${POSTGRES_PORT:-55432}
state=${POSTGRES_STATE_DIR:-${TMPDIR:-/tmp}/sfn-task-bridge-postgres-$port}
data="$state/data"
socket="$state/socket"
logfile="$state/postgres.log"
db=bridge

log() { echo "postgres: $*" >&2; }

bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x $dir/initdb && -x $dir/pg_ctl ]]; then
            echo "$dir"
            return 0
        fi
    done
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && echo "$dir" && return 0
    return 1
}

# Runs a server command as the server's OS user: 'postgres' when we are root, else ourselves.
as_server() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

psql_as() {
    local user=$1 database=$2
    shift 2
    PGCONNECT_TIMEOUT=3 "$(bindir)/psql" -h 127.0.0.1 -p "$port" -U "$user" -d "$database" -v ON_ERROR_STOP=1 -qAt "$@"
}

healthy() {
    psql_as "$db" "$db" -c 'select 1' >/dev/null 2>&1
}

ours_running() {
    [[ -f $data/postmaster.pid ]] && as_server "$(bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1
}

install() {
    if bindir >/dev/null; then
        return 0
    fi
    log "no PostgreSQL server binaries found; installing the distribution's postgresql package"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update && apt-get install -y postgresql
    else
        sudo apt-get update && sudo apt-get install -y postgresql
    fi
    bindir >/dev/null || { log "still no initdb/pg_ctl under /usr/lib/postgresql/*/bin after the install"; exit 1; }
}

init_cluster() {
    mkdir -p "$state" "$socket"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$state"
    fi
    if [[ -f $data/PG_VERSION ]]; then
        return 0
    fi
    log "initdb into $data"
    as_server "$(bindir)/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >"$state/initdb.log" 2>&1 \
        || { log "initdb failed; see $state/initdb.log"; tail -n 5 "$state/initdb.log" >&2; exit 1; }
    as_server tee -a "$data/postgresql.conf" >/dev/null <<EOF
# scripts/postgres.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$socket'
max_connections = 100
fsync = off
EOF
}

start() {
    if healthy; then
        log "already running on 127.0.0.1:$port"
        return 0
    fi
    install
    init_cluster
    if ours_running; then
        log "server in $data is running but the '$db' database does not answer; creating it"
    else
        log "starting on 127.0.0.1:$port, log: $logfile"
        as_server "$(bindir)/pg_ctl" -D "$data" -l "$logfile" -w -t "${POSTGRES_START_TIMEOUT:-30}" start >/dev/null \
            || { log "did not start; last lines of $logfile:"; tail -n 20 "$logfile" >&2; exit 1; }
    fi
    if [[ -z $(psql_as postgres postgres -c "select 1 from pg_roles where rolname = '$db'") ]]; then
        psql_as postgres postgres -c "create role $db login"
    fi
    if [[ -z $(psql_as postgres postgres -c "select 1 from pg_database where datname = '$db'") ]]; then
        psql_as postgres postgres -c "create database $db owner $db"
    fi
    healthy || { log "started, but database '$db' does not answer on 127.0.0.1:$port"; exit 1; }
    log "ready: $(url)"
}

stop() {
    if ! ours_running; then
        log "no PostgreSQL started by this script is running (data folder $data)"
        return 0
    fi
    as_server "$(bindir)/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    log "stopped the server in $data"
}

status() {
    if healthy; then
        log "running on 127.0.0.1:$port: $(url)"
        return 0
    fi
    log "database '$db' not reachable on 127.0.0.1:$port"
    return 1
}

url() {
    echo "jdbc:postgresql://127.0.0.1:$port/$db?user=$db"
}

case ${1:-} in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) url ;;
    *) echo "usage: $0 install|start|stop|status|url" >&2; exit 2 ;;
esac
