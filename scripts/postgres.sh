#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in a directory of our own (no system service involved).
#
# Usage: scripts/postgres.sh [--no-fsync] start|stop|status <dir> [port]
#
#   <dir>/data     the cluster (initdb'd on first start)
#   <dir>/pg.log   the server log
#   <dir>/.s.PGSQL.<port>  the unix socket
#
# The server listens on 127.0.0.1:<port> (default 55432); database "standardscloud" is
# created when missing; authentication is "trust" for local and loopback connections.
# --no-fsync turns off fsync, synchronous_commit and full_page_writes: for throw-away
# test clusters only.
# When run as root, the cluster runs as the "postgres" user.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DB_NAME="standardscloud"

usage() { die "usage: $0 [--no-fsync] start|stop|status <dir> [port]"; }

no_fsync=0
args=()
for a in "$@"; do
    case "$a" in
        --no-fsync) no_fsync=1 ;;
        -h|--help) usage ;;
        -*) die "unknown option $a" ;;
        *) args+=("$a") ;;
    esac
done
[[ ${#args[@]} -ge 2 ]] || usage
action="${args[0]}"
dir_arg="${args[1]}"
port="${args[2]:-55432}"
[[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number, got '$port'"

[[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 binaries not found in $PG_BIN (run scripts/install-deps.sh)"

mkdir -p "$dir_arg"
DIR="$(cd "$dir_arg" && pwd)"
DATA="$DIR/data"
LOGFILE="$DIR/pg.log"

if is_root; then
    PG_USER=postgres
    id "$PG_USER" >/dev/null 2>&1 || die "user '$PG_USER' does not exist (is the postgresql package installed?)"
else
    PG_USER="$(id -un)"
fi

# Run a command as the cluster owner, from a directory it can read.
as_owner() {
    if is_root; then
        (cd / && runuser -u "$PG_USER" -- "$@")
    else
        (cd / && "$@")
    fi
}

# The owner must be able to reach <dir>: give o+x to any parent directory it cannot traverse.
ensure_traversable() {
    is_root || return 0
    local p="$DIR"
    local parents=()
    while [[ "$p" != "/" ]]; do
        p="$(dirname "$p")"
        parents=("$p" "${parents[@]}")
    done
    for p in "${parents[@]}"; do
        if ! runuser -u "$PG_USER" -- test -x "$p" 2>/dev/null; then
            log "chmod o+x $p (so that $PG_USER can reach $DIR)"
            chmod o+x "$p"
        fi
    done
}

is_running() {
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

psql_q() {
    as_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$port" -U postgres -d postgres -tA "$@"
}

ensure_database() {
    local exists
    exists="$(psql_q -c "select 1 from pg_database where datname = '$DB_NAME'")"
    if [[ "$exists" != "1" ]]; then
        log "creating database $DB_NAME"
        psql_q -c "create database $DB_NAME"
    fi
}

do_start() {
    local t0
    t0="$(now_s)"
    if is_root; then
        chown "$PG_USER:" "$DIR"
        ensure_traversable
    fi
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        log "initdb $DATA"
        if is_root; then
            mkdir -p "$DATA"
            chown "$PG_USER:" "$DATA"
        fi
        as_owner "$PG_BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$DIR/initdb.log" 2>&1 \
            || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    fi
    if is_running; then
        log "already running in $DIR"
    else
        # The log file must be writable by the owner.
        touch "$LOGFILE"
        is_root && chown "$PG_USER:" "$LOGFILE"
        local opts="-c listen_addresses=127.0.0.1 -p $port -k $DIR"
        if [[ $no_fsync -eq 1 ]]; then
            opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        fi
        log "starting on 127.0.0.1:$port (socket dir $DIR)"
        if ! as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w -t 60 -o "$opts" start >/dev/null; then
            tail -n 30 "$LOGFILE" >&2 || true
            die "PostgreSQL did not start (log: $LOGFILE)"
        fi
    fi
    ensure_database
    log "ready: Host=127.0.0.1;Port=$port;Username=postgres;Database=$DB_NAME ($(elapsed_since "$t0") s)"
}

do_stop() {
    if is_running; then
        log "stopping $DIR"
        as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
    else
        log "not running in $DIR"
    fi
}

do_status() {
    if is_running; then
        echo "running: $DIR (port $port)"
    else
        echo "stopped: $DIR"
        exit 3
    fi
}

case "$action" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    *) usage ;;
esac
