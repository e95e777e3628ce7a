#!/usr/bin/env bash
# The launch-storm benchmark: builds what it runs in Release, then runs the harness, which brings up its own
# PostgreSQL, server and node daemons under .data/bench, fires the launches and writes
# benchmarks/results/launch-storm.xml.
#
# Usage: benchmarks/run-launch-storm.sh [--instances N] [--nodes N] [--concurrency N] [harness options]
#        (benchmarks/run-launch-storm.sh --help lists every option)
#
# The harness stops what it started, also on Ctrl-C. Should it be killed outright, the trap
# below stops the processes it recorded (by their ids) and the benchmark's PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ROOT="$SC_ROOT"
BENCH="$ROOT/.data/bench"
HARNESS="$ROOT/benchmarks/LaunchStorm/bin/Release/net10.0/StandardsCloud.LaunchStorm.dll"

pg_port=55434
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[$i]}" == "--pg-port" && $((i + 1)) -lt ${#args[@]} ]]; then
        pg_port="${args[$((i + 1))]}"
    fi
done

# shellcheck disable=SC2317  # called from a trap
leftovers() {
    local pid
    if [[ -s "$BENCH/pids" ]]; then
        while read -r pid; do
            [[ "$pid" =~ ^[0-9]+$ ]] && stop_pid "$pid" 10
        done <"$BENCH/pids"
        rm -f "$BENCH/pids"
    fi
    if [[ -f "$BENCH/pg/data/postmaster.pid" ]]; then
        scripts/postgres.sh stop "$BENCH/pg" "$pg_port" || true
    fi
}
trap leftovers EXIT

find_dotnet || die "the .NET SDK is not installed (see global.json for the version)"
# Only what the storm runs: the server, the node daemon and the harness (not the test projects).
for project in src/Server/Server.csproj src/NodeDaemon/NodeDaemon.csproj benchmarks/LaunchStorm/LaunchStorm.csproj; do
    log "dotnet build -c Release $project"
    dotnet build -c Release -nologo -v quiet "$project" >&2
done

mkdir -p "$BENCH"
dotnet "$HARNESS" --root "$ROOT" "$@"
