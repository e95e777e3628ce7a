#!/usr/bin/env bash
# The Marketplace benchmark: signature verification of 1,000 signed documents by us and by
# `xmlsec1 --verify` in the same run, then search over 100,000 entries in PostgreSQL. Writes
# benchmarks/results/marketplace.xml.
#
# Usage: benchmarks/run-marketplace.sh [--pg-port N] [--documents N] [--entries N] [--queries N]
#
# Starts its own PostgreSQL cluster under .data/bench-market (port 55436 unless --pg-port) and
# stops it on exit. Needs xmlsec1 (scripts/install-deps.sh installs it) and the shared vectors
# beside the clone (../shared/vectors/marketplace).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

pg_port=55436
args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pg-port) pg_port="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) args+=("$1"); shift ;;
    esac
done

BENCH="$SC_ROOT/.data/bench-market"
VECTORS="$SC_ROOT/../shared/vectors/marketplace"
[[ -f "$VECTORS/endorser-key.pem" ]] || die "the shared Marketplace vectors are not at $VECTORS"
command -v xmlsec1 >/dev/null 2>&1 || die "xmlsec1 is not installed (scripts/install-deps.sh installs it)"

# shellcheck disable=SC2317  # called from a trap
stop_pg() { scripts/postgres.sh stop "$BENCH/pg" "$pg_port" >/dev/null 2>&1 || true; }
trap stop_pg EXIT

find_dotnet
dotnet build "$SC_ROOT/benchmarks/MarketplaceBench/MarketplaceBench.csproj" -c Release -nologo -v quiet -clp:NoSummary
mkdir -p "$BENCH"
scripts/postgres.sh --no-fsync start "$BENCH/pg" "$pg_port"
dotnet "$SC_ROOT/benchmarks/MarketplaceBench/bin/Release/net10.0/StandardsCloud.MarketplaceBench.dll" \
    "${args[@]}" --vectors "$VECTORS" \
    --connection "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=standardscloud" \
    --out "$SC_ROOT/benchmarks/results/marketplace.xml"
