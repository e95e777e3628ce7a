# shellcheck shell=bash
# Shared helpers for the StandardsCloud scripts. Source it; do not run it.
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -n "${_SC_LIB_LOADED:-}" ]]; then
    return 0
fi
_SC_LIB_LOADED=1

# Absolute path of the repository root (the parent of scripts/).
SC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SC_ROOT

# ---------------------------------------------------------------- logging

_sc_prefix() {
    local name
    name="$(basename "${0:-sh}")"
    printf '[%s %s]' "$(date +%H:%M:%S)" "${name%.sh}"
}

log()  { printf '%s %s\n' "$(_sc_prefix)" "$*" >&2; }
warn() { printf '%s WARNING: %s\n' "$(_sc_prefix)" "$*" >&2; }
die()  { printf '%s ERROR: %s\n' "$(_sc_prefix)" "$*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers

is_root() { [[ "$(id -u)" -eq 0 ]]; }

have_cmd() { command -v "$1" >/dev/null 2>&1; }

# Seconds since the epoch with milliseconds, for timings.
now_s() { date +%s.%N | cut -c1-14; }

# elapsed START -> "1.23"
elapsed_since() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- packages

# True when the Debian package is installed (not merely known or half-configured).
pkg_installed() {
    local status
    status="$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)"
    [[ "$status" == "installed" ]]
}

# Run `apt-get update` at most once per process tree.
apt_update_once() {
    if [[ -n "${SC_APT_UPDATED:-}" ]]; then
        return 0
    fi
    is_root || die "apt-get update needs root (run this script as root)"
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    SC_APT_UPDATED=1
    export SC_APT_UPDATED
}

# need_packages PKG... : install the packages that are missing, in one apt-get call.
need_packages() {
    local missing=() p
    for p in "$@"; do
        pkg_installed "$p" || missing+=("$p")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    is_root || die "missing Debian packages (${missing[*]}); install them as root: apt-get install ${missing[*]}"
    apt_update_once
    log "installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" >&2 </dev/null || die "apt-get install ${missing[*]} failed"
}

# ---------------------------------------------------------------- waiting

# wait_for_url URL [TIMEOUT_SECONDS] [PID] : poll until URL answers 2xx.
# Fails early when PID is given and that process dies.
wait_for_url() {
    local url="$1" timeout="${2:-60}" pid="${3:-}"
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
            return 0
        fi
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            warn "process $pid exited while waiting for $url"
            return 1
        fi
        sleep 0.2
    done
    warn "timed out after ${timeout}s waiting for $url"
    return 1
}

# wait_for_cmd TIMEOUT CMD... : poll until CMD succeeds.
wait_for_cmd() {
    local timeout="$1"
    shift
    local deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Pid from a pidfile if that process is alive; empty otherwise.
live_pid() {
    local f="$1" pid
    [[ -s "$f" ]] || return 1
    pid="$(tr -dc '0-9' <"$f")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    printf '%s\n' "$pid"
}

# stop_pid PID [TIMEOUT] : TERM, wait, then KILL.
stop_pid() {
    local pid="$1" timeout="${2:-15}"
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "process $pid did not stop within ${timeout}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

# ---------------------------------------------------------------- dotnet

# Make a user-local SDK visible when it is not on PATH already.
find_dotnet() {
    if ! have_cmd dotnet; then
        local d
        for d in "${DOTNET_ROOT:-}" "$HOME/.dotnet" /usr/share/dotnet /usr/lib/dotnet /opt/dotnet; do
            if [[ -n "$d" && -x "$d/dotnet" ]]; then
                export DOTNET_ROOT="$d"
                export PATH="$d:$PATH"
                break
            fi
        done
    fi
    export DOTNET_CLI_TELEMETRY_OPTOUT=1
    export DOTNET_NOLOGO=1
    export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
    have_cmd dotnet
}
