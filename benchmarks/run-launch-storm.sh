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
# shellcheck source=benchmarks/harness.sh
. benchmarks/harness.sh

BENCH="$SC_ROOT/.data/bench"
HARNESS="$SC_ROOT/benchmarks/LaunchStorm/bin/Release/net10.0/StandardsCloud.LaunchStorm.dll"
pg_port="$(harness_option pg-port 55434 "$@")"

# shellcheck disable=SC2317  # called from a trap
leftovers() { harness_leftovers "$BENCH" "$pg_port"; }
trap leftovers EXIT

# Only what the storm runs: the server, the node daemon and the harness (not the test projects).
harness_build src/Server/Server.csproj src/NodeDaemon/NodeDaemon.csproj benchmarks/LaunchStorm/LaunchStorm.csproj

mkdir -p "$BENCH"
dotnet "$HARNESS" --root "$SC_ROOT" "$@"
