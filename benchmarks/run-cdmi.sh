#!/usr/bin/env bash
# The CDMI benchmark: one large object PUT and GET through plain HTTP and through CDMI (base64),
# one plain PUT of it with SHA-256 asked (cdmi_value_hash), and small durable creates per second,
# against StandardsCloud and, in the same run on the same disk, against nginx (Debian's, WebDAV
# PUT) and the disk itself (dd writing the object durably). Writes benchmarks/results/cdmi.xml.
#
# Usage: benchmarks/run-cdmi.sh [--size-mib 1024] [--repeat 3] [--small-kib 4] [--seconds 10]
#                               [--connections 16] [--pg-port 55437] [--base-port 18190] [--out FILE]
#
# Run as root (the private PostgreSQL runs as the postgres user). Everything lives under
# .data/bench-cdmi and listens on 127.0.0.1: the server on --base-port (API), +1 (EC2),
# +2 (CDMI), nginx on +3. What it started is stopped when it ends, fails or is interrupted.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
# shellcheck source=benchmarks/harness.sh
. benchmarks/harness.sh

for arg in "$@"; do
    if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
        sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
    fi
done

BENCH="$SC_ROOT/.data/bench-cdmi"
size_mib="$(harness_option size-mib 1024 "$@")"
repeat="$(harness_option repeat 3 "$@")"
small_kib="$(harness_option small-kib 4 "$@")"
seconds="$(harness_option seconds 10 "$@")"
connections="$(harness_option connections 16 "$@")"
pg_port="$(harness_option pg-port 55437 "$@")"
base_port="$(harness_option base-port 18190 "$@")"
out="$(harness_option out "$SC_ROOT/benchmarks/results/cdmi.xml" "$@")"
api_port=$base_port ec2_port=$((base_port + 1)) cdmi_port=$((base_port + 2)) nginx_port=$((base_port + 3))
SERVER_DLL="$SC_ROOT/src/Server/bin/Release/net10.0/StandardsCloud.Server.dll"

# The peer and the load tools are Debian's; what is missing is installed.
need_packages nginx wrk curl jq coreutils

# shellcheck disable=SC2317  # called from a trap
leftovers() { harness_leftovers "$BENCH" "$pg_port"; }
trap leftovers EXIT

harness_build src/Server/Server.csproj
rm -rf "$BENCH"
mkdir -p "$BENCH/files" "$BENCH/nginx/root" "$BENCH/nginx/tmp" "$BENCH/nginx/logs" "$(dirname "$out")"

log "PostgreSQL on 127.0.0.1:$pg_port (fsync on: creates are durable)"
scripts/postgres.sh start "$BENCH/pg" "$pg_port" >&2
cat >"$BENCH/site.json" <<JSON
{ "database": { "connectionString": "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=standardscloud" },
  "listen": { "api": $api_port, "ec2": $ec2_port, "cdmi": $cdmi_port },
  "cdmi": { "createParents": true } }
JSON
log "server (CDMI on 127.0.0.1:$cdmi_port)"
dotnet "$SERVER_DLL" run --config "$BENCH/site.json" --data-dir "$BENCH/server" >"$BENCH/server.log" 2>&1 &
server_pid=$!
echo "$server_pid" >>"$BENCH/pids"
wait_for_url "http://127.0.0.1:$api_port/healthz" 120 "$server_pid" || die "the server did not start; see $BENCH/server.log"
wait_for_cmd 30 test -s "$BENCH/server/server/admin.json" || die "no admin.json"
auth="admin:$(jq -r .password "$BENCH/server/server/admin.json")"

log "nginx (WebDAV PUT) on 127.0.0.1:$nginx_port"
cat >"$BENCH/nginx/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
pid $BENCH/nginx/nginx.pid;
error_log $BENCH/nginx/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    client_max_body_size 0;
    client_body_temp_path $BENCH/nginx/tmp;
    server {
        listen 127.0.0.1:$nginx_port;
        root $BENCH/nginx/root;
        location / { dav_methods PUT DELETE; create_full_put_path on; dav_access user:rw; }
    }
}
CONF
nginx -c "$BENCH/nginx/nginx.conf" -p "$BENCH/nginx/" &
nginx_pid=$!
echo "$nginx_pid" >>"$BENCH/pids"
wait_for_cmd 10 curl -fsS -o /dev/null -X PUT --data x "http://127.0.0.1:$nginx_port/probe" || die "nginx did not start"

log "making a $size_mib MiB object and its CDMI base64 body"
object="$BENCH/files/object.bin"
dd if=/dev/urandom of="$object" bs=1M count="$size_mib" status=none
{ printf '{"mimetype":"application/octet-stream","valuetransferencoding":"base64","value":"'; base64 -w0 "$object"; printf '"}'; } >"$BENCH/files/object.json"
head -c $((small_kib * 1024)) /dev/urandom >"$BENCH/files/small.bin"
object_bytes=$(stat -c %s "$object")

cdmi="http://127.0.0.1:$cdmi_port"
ngx="http://127.0.0.1:$nginx_port"
v="X-CDMI-Specification-Version: 1.1.1"

# cpu_ticks PID... : user + system clock ticks the processes (and their children) have used so far.
cpu_ticks() {
    local pid total=0
    for pid in "$@" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
    done
    printf '%s\n' "$total"
}
ticks_per_sec=$(getconf CLK_TCK)

# timed NAME EXPECTED_CODE PID CURL_ARGS... : runs curl once; prints the seconds it took and the
# CPU seconds the server PID (with its workers) spent on it.
timed() {
    local name="$1" expect="$2" pid="$3" result code secs before cpu
    shift 3
    before=$(cpu_ticks "$pid")
    result="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$@")" || die "$name: curl failed"
    cpu=$(awk -v t=$(($(cpu_ticks "$pid") - before)) -v hz="$ticks_per_sec" 'BEGIN { printf "%.2f", t / hz }')
    code="${result%% *}" secs="${result#* }"
    [[ "$code" == "$expect" ]] || die "$name: HTTP $code, expected $expect"
    log "$name: $secs s, server CPU $cpu s, load $(cut -d' ' -f1 /proc/loadavg)"
    printf '%s %s\n' "$secs" "$cpu"
}

# record KEY NAME EXPECTED_CODE PID CURL_ARGS... : one timed request, its figures kept under KEY.
record() {
    local key="$1" figures
    shift
    figures=$(timed "$@")
    echo "$key $figures" >>"$BENCH/runs"
}

# median : the middle line of numbers on stdin (the lower middle for an even count).
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

peak_reset() { echo 5 >"/proc/$server_pid/clear_refs"; }
peak_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

curl -fsS -o /dev/null -u "$auth" -X PUT "$cdmi/bench/" || die "cannot create /bench/"
curl -fsS -o /dev/null -u "$auth" -X PUT "$cdmi/bench/small/" || die "cannot create /bench/small/"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The machine may be shared: each transfer runs --repeat times, nginx's and ours in turn, and the
# medians are compared. put_peak is the highest peak RSS seen during any plain PUT.
put_peak=0
: >"$BENCH/runs"
for ((round = 1; round <= repeat; round++)); do
    # Every PUT creates: the previous round's object goes first, untimed, just before each PUT,
    # so the two PUTs start alike. (In a VM whose balloon reports free pages to the host, memory
    # freed seconds before costs the next writer page faults that memory freed just now does not.)
    curl -sS -o /dev/null -X DELETE "$ngx/object.bin"
    record ngx_put "nginx PUT ($round)" 201 "$nginx_pid" -T "$object" "$ngx/object.bin"
    # Like for like: nginx's PUT and then the fsync of the file it wrote, which nginx never does.
    start=$(now_s)
    sync "$BENCH/nginx/root/object.bin"
    echo "ngx_fsync $(elapsed_since "$start") 0" >>"$BENCH/runs"
    # The disk's own rate for a durable write, beside which ours is set: the same bytes written
    # straight to the same disk (no page cache) and flushed, by dd.
    start=$(now_s)
    dd if="$object" of="$BENCH/files/disk-probe.bin" bs=4M oflag=direct conv=fsync status=none
    echo "disk_write $(elapsed_since "$start") 0" >>"$BENCH/runs"
    rm -f "$BENCH/files/disk-probe.bin"
    curl -sS -o /dev/null -u "$auth" -X DELETE "$cdmi/bench/object.bin"
    peak_reset
    record plain_put "plain HTTP PUT ($round)" 201 "$server_pid" -u "$auth" -T "$object" -H 'Content-Type: application/octet-stream' "$cdmi/bench/object.bin"
    peak=$(peak_mib)
    if ((peak > put_peak)); then put_peak=$peak; fi
    record ngx_get "nginx GET ($round)" 200 "$nginx_pid" "$ngx/object.bin"
    peak_reset
    record plain_get "plain HTTP GET ($round)" 200 "$server_pid" -u "$auth" "$cdmi/bench/object.bin"
    get_peak=$(peak_mib)
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
peak_reset
record cdmi_put "CDMI base64 PUT" 201 "$server_pid" -u "$auth" -H "$v" -H 'Content-Type: application/cdmi-object' -T "$BENCH/files/object.json" "$cdmi/bench/object.cdmi"
cdmi_put_peak=$(peak_mib)
peak_reset
record cdmi_get "CDMI base64 GET" 200 "$server_pid" -u "$auth" -H "$v" "$cdmi/bench/object.cdmi"
cdmi_get_peak=$(peak_mib)
# The plain PUTs above hash nothing (no cdmi_value_hash asked). The same PUT once more into a
# container asking for SHA-256, which its objects inherit, shows what hashing as the value streams costs.
curl -fsS -o /dev/null -u "$auth" -H "$v" -H 'Content-Type: application/cdmi-container' -X PUT \
    --data '{"metadata":{"cdmi_value_hash":"SHA256"}}' "$cdmi/bench/hashed/" || die "cannot create /bench/hashed/"
peak_reset
record hashed_put "plain HTTP PUT, SHA-256 asked" 201 "$server_pid" -u "$auth" -T "$object" -H 'Content-Type: application/octet-stream' "$cdmi/bench/hashed/object.bin"
hashed_put_peak=$(peak_mib)
secs_of() { awk -v n="$1" '$1 == n { print $2 }' "$BENCH/runs" | median; }
cpu_of() { awk -v n="$1" '$1 == n { print $3 }' "$BENCH/runs" | median; }
ngx_put=$(secs_of ngx_put) ngx_get=$(secs_of ngx_get) plain_put=$(secs_of plain_put) plain_get=$(secs_of plain_get)
ngx_put_synced=$(awk '$1 == "ngx_put" { p[++n] = $2 } $1 == "ngx_fsync" { f[++m] = $2 } END { for (i = 1; i <= n; i++) print p[i] + f[i] }' "$BENCH/runs" | median)
cdmi_put=$(secs_of cdmi_put) cdmi_get=$(secs_of cdmi_get) disk_write=$(secs_of disk_write) hashed_put=$(secs_of hashed_put)
stored=$(curl -fsS -u "$auth" -H "$v" "$cdmi/bench/object.cdmi?metadata:cdmi_size" | jq -r '.metadata.cdmi_size')
[[ "$stored" == "$object_bytes" ]] || die "the CDMI object holds $stored bytes, not $object_bytes"
sum_in=$(sha256sum <"$object" | cut -c1-64)
sum_out=$(curl -fsS -u "$auth" "$cdmi/bench/object.bin" | sha256sum | cut -c1-64)
[[ "$sum_in" == "$sum_out" ]] || die "the plain HTTP object reads back different bytes"
hashed_sum=$(curl -fsS -u "$auth" -H "$v" "$cdmi/bench/hashed/object.bin?metadata:cdmi_hash" | jq -r '.metadata.cdmi_hash')
[[ "$hashed_sum" == "$sum_in" ]] || die "the hashed object's cdmi_hash is $hashed_sum, not the file's SHA-256 $sum_in"
range_out=$(curl -fsS -u "$auth" -r 1000-1999 "$cdmi/bench/object.bin" | sha256sum | cut -c1-64)
[[ "$range_out" == "$(tail -c +1001 "$object" | head -c 1000 | sha256sum | cut -c1-64)" ]] || die "a Range read returns different bytes"

# Small creates: each wrk request PUTs the same bytes under a new name.
cat >"$BENCH/put.lua" <<'LUA'
local counter = 0
local prefix, body, auth
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  prefix = args[1] .. id .. "-"
  local f = io.open(args[2], "rb"); body = f:read("*a"); f:close()
  auth = args[3]
end
function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/octet-stream" }
  if auth ~= "" then headers["Authorization"] = "Basic " .. auth end
  return wrk.format("PUT", prefix .. counter, headers, body)
end
LUA
creates() {
    local name="$1" url="$2" prefix="$3" basic="$4" report rate errors
    report="$(wrk -t2 -c"$connections" -d"${seconds}s" -s "$BENCH/put.lua" "$url" -- "$prefix" "$BENCH/files/small.bin" "$basic")"
    rate="$(awk '/Requests\/sec/ { print $2 }' <<<"$report")"
    errors="$(awk '/Non-2xx/ { print $NF }' <<<"$report")"
    [[ -z "$errors" ]] || die "$name: $errors requests failed"$'\n'"$report"
    log "$name: $rate creates/s"
    printf '%s\n' "$rate"
}
ngx_creates=$(creates "nginx ${small_kib} KiB PUT" "$ngx" "/small/" "")
cdmi_creates=$(creates "CDMI ${small_kib} KiB plain PUT" "$cdmi" "/bench/small/" "$(printf '%s' "$auth" | base64 -w0)")

mib() { awk -v b="$object_bytes" -v s="$1" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
ratio() { awk -v ours="$1" -v theirs="$2" 'BEGIN { printf "%.2f", theirs / ours }'; }
put_ratio=$(ratio "$plain_put" "$ngx_put")
put_synced_ratio=$(ratio "$plain_put" "$ngx_put_synced")
get_ratio=$(ratio "$plain_get" "$ngx_get")
disk_ratio=$(ratio "$disk_write" "$ngx_put")
put_disk_ratio=$(ratio "$plain_put" "$disk_write")
bench() { # NAME SECONDS CPU_SECONDS PEAK_MIB VS_NGINX [VS_NGINX_FSYNCED] [VS_DISK_LIMIT]
    printf "  <benchmark name='%s'>\n    <parameters><size_mib>%s</size_mib><nb_threads>1</nb_threads><repeat>%s</repeat></parameters>\n" "$1" "$size_mib" "$repeat"
    printf "    <results><elapsed_time unit='sec'>%s</elapsed_time>" "$2"
    [[ -n "$3" ]] && printf "<cpu_time unit='sec'>%s</cpu_time>" "$3"
    printf "<mib_per_sec>%s</mib_per_sec>" "$(mib "$2")"
    [[ -n "$4" ]] && printf "<peak_rss_mib>%s</peak_rss_mib>" "$4"
    [[ -n "$5" ]] && printf "<speed_vs_nginx>%s</speed_vs_nginx>" "$5"
    [[ -n "${6:-}" ]] && printf "<speed_vs_nginx_fsynced>%s</speed_vs_nginx_fsynced>" "$6"
    [[ -n "${7:-}" ]] && printf "<speed_vs_disk_limit>%s</speed_vs_disk_limit>" "$7"
    printf "<load_average>%s</load_average></results>\n  </benchmark>\n" "$load_before"
}
{
    echo "<benchmarks>"
    bench nginx_webdav_put "$ngx_put" "$(cpu_of ngx_put)" "" ""
    bench nginx_webdav_put_then_fsync "$ngx_put_synced" "" "" ""
    bench disk_direct_write_then_fsync "$disk_write" "" "" "$disk_ratio"
    bench nginx_get "$ngx_get" "$(cpu_of ngx_get)" "" ""
    bench cdmi_plain_put "$plain_put" "$(cpu_of plain_put)" "$put_peak" "$put_ratio" "$put_synced_ratio" "$put_disk_ratio"
    bench cdmi_plain_get "$plain_get" "$(cpu_of plain_get)" "$get_peak" "$get_ratio"
    bench cdmi_base64_put "$cdmi_put" "$(cpu_of cdmi_put)" "$cdmi_put_peak" ""
    bench cdmi_base64_get "$cdmi_get" "$(cpu_of cdmi_get)" "$cdmi_get_peak" ""
    bench cdmi_plain_put_hashed "$hashed_put" "$(cpu_of hashed_put)" "$hashed_put_peak" ""
    for pair in "nginx_small_creates:$ngx_creates" "cdmi_small_creates:$cdmi_creates"; do
        printf "  <benchmark name='%s'>\n    <parameters><size_kib>%s</size_kib><nb_threads>%s</nb_threads><seconds>%s</seconds></parameters>\n" "${pair%%:*}" "$small_kib" "$connections" "$seconds"
        printf "    <results><ops_per_sec>%s</ops_per_sec></results>\n  </benchmark>\n" "${pair#*:}"
    done
    echo "</benchmarks>"
} >"$out"

verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=" ? a >= b : a < b); print (ok ? "PASS" : "MISS") }'; }
cat <<SUMMARY

CDMI benchmark, $size_mib MiB object, medians of $repeat runs each, results in $out
load average (1, 5, 15 min) before the transfers: $load_before; after: $load_after
  plain HTTP PUT  $(mib "$plain_put") MiB/s  ($put_ratio x nginx's $(mib "$ngx_put"))   target >= 0.8 x: $(verdict "$put_ratio" ">=" 0.8)
                  like for like, nginx's PUT then an fsync of its file: $(mib "$ngx_put_synced") MiB/s ($put_synced_ratio x)
                  the same bytes written durably by dd (direct I/O, then fsync): $(mib "$disk_write") MiB/s ($disk_ratio x nginx's PUT); ours is $put_disk_ratio x that
  plain HTTP GET  $(mib "$plain_get") MiB/s  ($get_ratio x nginx's $(mib "$ngx_get"))   target >= 0.8 x: $(verdict "$get_ratio" ">=" 0.8)
  server CPU seconds (medians): PUT ours $(cpu_of plain_put), nginx $(cpu_of ngx_put); GET ours $(cpu_of plain_get), nginx $(cpu_of ngx_get)
  peak RSS during the plain PUTs  $put_peak MiB   target < 200: $(verdict "$put_peak" "<" 200)
  CDMI base64 PUT $(mib "$cdmi_put") MiB/s of value (peak RSS $cdmi_put_peak MiB); GET $(mib "$cdmi_get") MiB/s (peak RSS $cdmi_get_peak MiB)
  plain HTTP PUT, SHA-256 asked: $(mib "$hashed_put") MiB/s (one run; server CPU $(cpu_of hashed_put) s, peak RSS $hashed_put_peak MiB; cdmi_hash checked against sha256sum)
  ${small_kib} KiB creates: StandardsCloud $cdmi_creates/s (file and directory fsync, PostgreSQL commit), nginx $ngx_creates/s (no fsync)
SUMMARY
