# shellcheck shell=bash
# What the benchmark scripts share: building in Release, and stopping whatever a harness left
# behind should it be killed outright. Source it after scripts/lib.sh; do not run it.

# harness_option NAME DEFAULT ARGS... : the value given to --NAME in ARGS, else DEFAULT.
harness_option() {
    local name="$1" value="$2" i
    shift 2
    local args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
        if [[ "${args[$i]}" == "--$name" && $((i + 1)) -lt ${#args[@]} ]]; then
            value="${args[$((i + 1))]}"
        fi
    done
    printf '%s\n' "$value"
}

# harness_leftovers BENCH_DIR PG_PORT : stops the processes the harness recorded in BENCH_DIR/pids
# (by their ids) and the PostgreSQL cluster in BENCH_DIR/pg. The harness does this itself when it
# ends normally, fails or is interrupted; this is the last resort, from an EXIT trap.
harness_leftovers() {
    local bench="$1" pg_port="$2" pid
    if [[ -s "$bench/pids" ]]; then
        while read -r pid; do
            [[ "$pid" =~ ^[0-9]+$ ]] && stop_pid "$pid" 10
        done <"$bench/pids"
        rm -f "$bench/pids"
    fi
    if [[ -f "$bench/pg/data/postmaster.pid" ]]; then
        "$SC_ROOT/scripts/postgres.sh" stop "$bench/pg" "$pg_port" || true
    fi
}

# harness_build PROJECT... : dotnet build -c Release, each project in turn, quietly.
harness_build() {
    local project
    find_dotnet || die "the .NET SDK is not installed (see global.json for the version)"
    for project in "$@"; do
        log "dotnet build -c Release $project"
        dotnet build -c Release -nologo -v quiet "$SC_ROOT/$project" >&2
    done
}
