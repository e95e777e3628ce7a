#!/usr/bin/env bash
# The boot-time benchmark: builds what it runs in Release and the tiny guest, starts libvirtd, then
# runs the harness, which brings up its own PostgreSQL, server and one node daemon on
# qemu:///system under .data/boot-time and writes benchmarks/results/boot-time.xml.
#
# Usage: benchmarks/run-boot-time.sh [--runs N] [harness options]   (--help lists every option)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
# shellcheck source=benchmarks/harness.sh
. benchmarks/harness.sh

BENCH="$SC_ROOT/.data/boot-time"
HARNESS="$SC_ROOT/benchmarks/BootTime/bin/Release/net10.0/StandardsCloud.BootTime.dll"
pg_port="$(harness_option pg-port 55436 "$@")"

# shellcheck disable=SC2317  # called from a trap
leftovers() { harness_leftovers "$BENCH" "$pg_port"; }
trap leftovers EXIT

scripts/build-tiny-guest.sh >/dev/null
scripts/libvirtd.sh start
harness_build src/Server/Server.csproj src/NodeDaemon/NodeDaemon.csproj benchmarks/BootTime/BootTime.csproj

mkdir -p "$BENCH"
dotnet "$HARNESS" --root "$SC_ROOT" "$@"
