#!/usr/bin/env bash
# Build and run every test of StandardsCloud.
#
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category=Fast]
#
# Starts what the tests need: a throw-away PostgreSQL cluster (.data/test-pg, 127.0.0.1:55433,
# fsync off) and libvirtd, builds the tiny test guest, then runs `dotnet test` on the solution.
# Prints "N passed, N failed[, N skipped]" on one line and exits non-zero when a test failed,
# the run failed, or no test ran. The test cluster (and libvirtd, if this script started it)
# is stopped on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ROOT="$SC_ROOT"
DATA="$ROOT/.data"
TEST_PG_DIR="$DATA/test-pg"
TEST_PG_PORT=55433
RESULTS="$DATA/test-results"

started_pg=0
started_libvirtd=0
# shellcheck disable=SC2317  # called from a trap
cleanup() {
    local rc=$?
    if [[ $started_pg -eq 1 ]]; then
        scripts/postgres.sh stop "$TEST_PG_DIR" "$TEST_PG_PORT" || true
    fi
    if [[ $started_libvirtd -eq 1 ]]; then
        scripts/libvirtd.sh stop || true
    fi
    return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# sum_trx DIR : prints "passed failed skipped" summed over the Counters of all .trx files.
# Failed counts failed, error, timeout and aborted. Skipped is notExecuted, or total minus
# executed when the adapter leaves notExecuted at 0 (xunit does).
sum_trx() {
    local dir="$1" f c passed=0 failed=0 skipped=0 total executed not_executed a
    attr() {
        local v
        v="$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
        echo "${v:-0}"
    }
    while IFS= read -r -d '' f; do
        c="$(tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n 1 || true)"
        [[ -n "$c" ]] || continue
        passed=$((passed + $(attr passed "$c")))
        for a in failed error timeout aborted; do
            failed=$((failed + $(attr "$a" "$c")))
        done
        total="$(attr total "$c")"
        executed="$(attr executed "$c")"
        not_executed="$(attr notExecuted "$c")"
        if ((not_executed == 0 && total > executed)); then
            not_executed=$((total - executed))
        fi
        skipped=$((skipped + not_executed))
    done < <(find "$dir" -name '*.trx' -type f -print0 2>/dev/null)
    echo "$passed $failed $skipped"
}

# Each test project writes <project>/TestResults/results.trx; list them (not under .data).
project_trx_files() {
    find "$ROOT" \( -path "$ROOT/.data" -o -path "$ROOT/.git" -o -name node_modules -o -name bin -o -name obj \) -prune \
        -o -path '*/TestResults/results.trx' -type f -print
}

if [[ "${1:-}" == "--summarize" ]]; then
    # Only print the summary of existing results: ./test.sh --summarize [dir]
    read -r p f s < <(sum_trx "${2:-$RESULTS}")
    line="$p passed, $f failed"
    [[ $s -gt 0 ]] && line+=", $s skipped"
    echo "$line"
    exit 0
fi

t_all="$(now_s)"
scripts/install-deps.sh
find_dotnet

log "building (Release)"
t0="$(now_s)"
dotnet build "$ROOT/StandardsCloud.sln" -c Release -nologo -v quiet -clp:NoSummary || die "build failed"
log "build done ($(elapsed_since "$t0") s)"

TINY_IMG="$(scripts/build-tiny-guest.sh "$DATA/images")"

# The AWS SDK for JavaScript, exactly as the lock file pins it, for its conformance session.
log "installing the AWS SDK for JavaScript (npm ci)"
npm ci --prefix "$ROOT/conformance/Ec2.Conformance/Js" --no-audit --no-fund --loglevel=error >/dev/null \
    || die "npm ci failed in conformance/Ec2.Conformance/Js (Node.js 20 or later and the npm registry are needed)"

if ! scripts/postgres.sh status "$TEST_PG_DIR" "$TEST_PG_PORT" >/dev/null 2>&1; then
    started_pg=1
fi
scripts/postgres.sh --no-fsync start "$TEST_PG_DIR" "$TEST_PG_PORT"

if is_root; then
    if ! scripts/libvirtd.sh status >/dev/null 2>&1; then
        started_libvirtd=1
    fi
    scripts/libvirtd.sh start
else
    warn "not root: libvirtd not started; tests that need qemu:///system may be skipped"
fi

export STANDARDSCLOUD_TEST_PG="Host=127.0.0.1;Port=$TEST_PG_PORT;Username=postgres;Database=standardscloud"
export STANDARDSCLOUD_TINY_IMAGE="$TINY_IMG"

# With one LogFileName for the whole solution the projects would overwrite each other's
# file in a shared --results-directory, so each project keeps its default
# <project>/TestResults/ and the files are gathered into $RESULTS afterwards.
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
while IFS= read -r f; do rm -f "$f"; done < <(project_trx_files)
log "running tests"
t0="$(now_s)"
set +e
dotnet test "$ROOT/StandardsCloud.sln" -c Release --no-build \
    --logger "trx;LogFileName=results.trx" "$@"
test_rc=$?
set -e
log "tests done ($(elapsed_since "$t0") s; whole run $(elapsed_since "$t_all") s)"
while IFS= read -r f; do
    rel="${f#"$ROOT"/}"
    rel="${rel%/TestResults/results.trx}"
    cp "$f" "$RESULTS/${rel//\//_}.trx"
done < <(project_trx_files)
log "test results: $RESULTS"

read -r passed failed skipped < <(sum_trx "$RESULTS")
trx_count="$(find "$RESULTS" -name '*.trx' -type f | wc -l)"
line="$passed passed, $failed failed"
[[ $skipped -gt 0 ]] && line+=", $skipped skipped"
echo "$line"

if [[ $test_rc -ne 0 ]]; then
    warn "dotnet test exited with status $test_rc ($trx_count result files)"
    exit 1
fi
if [[ $failed -gt 0 ]]; then
    exit 1
fi
if [[ $((passed + failed)) -eq 0 ]]; then
    warn "no tests ran"
    exit 1
fi
exit 0
