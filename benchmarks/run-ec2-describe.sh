#!/usr/bin/env bash
# The EC2 DescribeInstances benchmark: builds what it runs in Release, then runs the harness, which
# drives the same boto3 workload (benchmarks/Ec2Describe/ec2_workload.py) first against
# moto_server with 1,000 instances, then against a StandardsCloud of its own under
# .data/bench-ec2 (PostgreSQL, server, test-driver nodes) with 10,000, and writes
# benchmarks/results/ec2-describe.xml.
#
# Usage: benchmarks/run-ec2-describe.sh [--instances N] [--moto-instances N] [--threads N] [harness options]
#        (benchmarks/run-ec2-describe.sh --help lists every option)
#
# Needs a python3 with boto3 and moto_server on PATH (or --python, --moto-server). The harness
# stops what it started, also on Ctrl-C; should it be killed outright, the trap below stops the
# processes it recorded (by their ids) and the benchmark's PostgreSQL.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
# shellcheck source=benchmarks/harness.sh
. benchmarks/harness.sh

BENCH="$SC_ROOT/.data/bench-ec2"
HARNESS="$SC_ROOT/benchmarks/Ec2Describe/bin/Release/net10.0/StandardsCloud.Ec2Describe.dll"
pg_port="$(harness_option pg-port 55435 "$@")"

for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
        harness_build benchmarks/Ec2Describe/Ec2Describe.csproj
        exec dotnet "$HARNESS" --help
    fi
done

# shellcheck disable=SC2317  # called from a trap
leftovers() { harness_leftovers "$BENCH" "$pg_port"; }
trap leftovers EXIT

harness_build src/Server/Server.csproj src/NodeDaemon/NodeDaemon.csproj benchmarks/Ec2Describe/Ec2Describe.csproj

mkdir -p "$BENCH"
dotnet "$HARNESS" --root "$SC_ROOT" "$@"
