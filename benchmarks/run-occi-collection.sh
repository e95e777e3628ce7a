#!/usr/bin/env bash
# The OCCI collection benchmark: builds what it runs in Release, then runs the harness, which
# brings up a StandardsCloud of its own under .data/bench-occi (PostgreSQL, server, test-driver
# nodes), loads 10,000 instances, and measures GET /compute/ in each OCCI rendering against a
# minimal Kestrel app serving the same computes as a System.Text.Json array (the ceiling); it
# writes benchmarks/results/occi-collection.xml.
#
# Usage: benchmarks/run-occi-collection.sh [--instances N] [--clients N] [--seconds N] [harness options]
#        (benchmarks/run-occi-collection.sh --help lists every option)
#
# The harness stops what it started, also on Ctrl-C; should it be killed outright, the trap below
# stops the processes it recorded (by their ids) and the benchmark's PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
# shellcheck source=benchmarks/harness.sh
. benchmarks/harness.sh

BENCH="$SC_ROOT/.data/bench-occi"
HARNESS="$SC_ROOT/benchmarks/OcciCollection/bin/Release/net10.0/StandardsCloud.OcciCollection.dll"
pg_port="$(harness_option pg-port 55436 "$@")"

for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
        harness_build benchmarks/OcciCollection/OcciCollection.csproj
        exec dotnet "$HARNESS" --help
    fi
done

# shellcheck disable=SC2317  # called from a trap
leftovers() { harness_leftovers "$BENCH" "$pg_port"; }
trap leftovers EXIT

harness_build src/Server/Server.csproj src/NodeDaemon/NodeDaemon.csproj benchmarks/OcciCollection/OcciCollection.csproj

mkdir -p "$BENCH"
dotnet "$HARNESS" --root "$SC_ROOT" "$@"
