#!/usr/bin/env bash
# The CDMI benchmark: one large object PUT and GET through plain HTTP and through CDMI (base64),
# and small durable creates per second, against StandardsCloud and, in the same run on the same
# disk, against nginx (Debian's, WebDAV PUT). Writes benchmarks/results/cdmi.xml.
#
# Usage: benchmarks/run-cdmi.sh [--size-mib 1024] [--small-kib 4] [--seconds 10] [--connections 16]
#                               [--pg-port 55437] [--base-port 18190] [--out FILE]
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
        sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
    fi
done

BENCH="$SC_ROOT/.data/bench-cdmi"
size_mib="$(harness_option size-mib 1024 "$@")"
small_kib="$(harness_option small-kib 4 "$@")"
seconds="$(harness_option seconds 10 "$@")"
connections="$(harness_option connections 16 "$@")"
pg_port="$(harness_option pg-port 55437 "$@")"
base_port="$(harness_option base-port 18190 "$@")"
out="$(harness_option out "$SC_ROOT/benchmarks/results/cdmi.xml" "$@")"
api_port=$base_port ec2_port=$((base_port + 1)) cdmi_port=$((base_port + 2)) nginx_port=$((base_port + 3))
SERVER_DLL="$SC_ROOT/src/Server/bin/Release/net10.0/StandardsCloud.Server.dll"

for tool in nginx wrk curl jq base64; do
    have_cmd "$tool" || die "$tool is needed (Debian packages nginx, wrk, curl, jq, coreutils)"
done

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
echo $! >>"$BENCH/pids"
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

# timed NAME EXPECTED_CODE CURL_ARGS... : runs curl once, prints the seconds it took.
timed() {
    local name="$1" expect="$2" result code secs
    shift 2
    result="$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "$@")" || die "$name: curl failed"
    code="${result%% *}" secs="${result#* }"
    [[ "$code" == "$expect" ]] || die "$name: HTTP $code, expected $expect"
    log "$name: $secs s"
    printf '%s\n' "$secs"
}

peak_reset() { echo 5 >"/proc/$server_pid/clear_refs"; }
peak_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status"; }

curl -fsS -o /dev/null -u "$auth" -X PUT "$cdmi/bench/" || die "cannot create /bench/"
curl -fsS -o /dev/null -u "$auth" -X PUT "$cdmi/bench/small/" || die "cannot create /bench/small/"
ngx_put=$(timed "nginx PUT" 201 -T "$object" "$ngx/object.bin")
ngx_get=$(timed "nginx GET" 200 "$ngx/object.bin")
peak_reset
plain_put=$(timed "plain HTTP PUT" 201 -u "$auth" -T "$object" -H 'Content-Type: application/octet-stream' "$cdmi/bench/object.bin")
put_peak=$(peak_mib)
peak_reset
plain_get=$(timed "plain HTTP GET" 200 -u "$auth" "$cdmi/bench/object.bin")
get_peak=$(peak_mib)
peak_reset
cdmi_put=$(timed "CDMI base64 PUT" 201 -u "$auth" -H "$v" -H 'Content-Type: application/cdmi-object' -T "$BENCH/files/object.json" "$cdmi/bench/object.cdmi")
cdmi_put_peak=$(peak_mib)
peak_reset
cdmi_get=$(timed "CDMI base64 GET" 200 -u "$auth" -H "$v" "$cdmi/bench/object.cdmi")
cdmi_get_peak=$(peak_mib)
stored=$(curl -fsS -u "$auth" -H "$v" "$cdmi/bench/object.cdmi?metadata:cdmi_size" | jq -r '.metadata.cdmi_size')
[[ "$stored" == "$object_bytes" ]] || die "the CDMI object holds $stored bytes, not $object_bytes"
sum_in=$(sha256sum <"$object" | cut -c1-64)
sum_out=$(curl -fsS -u "$auth" "$cdmi/bench/object.bin" | sha256sum | cut -c1-64)
[[ "$sum_in" == "$sum_out" ]] || die "the plain HTTP object reads back different bytes"

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
get_ratio=$(ratio "$plain_get" "$ngx_get")
bench() { # NAME SECONDS PEAK_MIB VS_NGINX
    printf "  <benchmark name='%s'>\n    <parameters><size_mib>%s</size_mib><nb_threads>1</nb_threads></parameters>\n" "$1" "$size_mib"
    printf "    <results><elapsed_time unit='sec'>%s</elapsed_time><mib_per_sec>%s</mib_per_sec>" "$2" "$(mib "$2")"
    [[ -n "$3" ]] && printf "<peak_rss_mib>%s</peak_rss_mib>" "$3"
    [[ -n "$4" ]] && printf "<speed_vs_nginx>%s</speed_vs_nginx>" "$4"
    printf "</results>\n  </benchmark>\n"
}
{
    echo "<benchmarks>"
    bench nginx_webdav_put "$ngx_put" "" ""
    bench nginx_get "$ngx_get" "" ""
    bench cdmi_plain_put "$plain_put" "$put_peak" "$put_ratio"
    bench cdmi_plain_get "$plain_get" "$get_peak" "$get_ratio"
    bench cdmi_base64_put "$cdmi_put" "$cdmi_put_peak" ""
    bench cdmi_base64_get "$cdmi_get" "$cdmi_get_peak" ""
    for pair in "nginx_small_creates:$ngx_creates" "cdmi_small_creates:$cdmi_creates"; do
        printf "  <benchmark name='%s'>\n    <parameters><size_kib>%s</size_kib><nb_threads>%s</nb_threads><seconds>%s</seconds></parameters>\n" "${pair%%:*}" "$small_kib" "$connections" "$seconds"
        printf "    <results><ops_per_sec>%s</ops_per_sec></results>\n  </benchmark>\n" "${pair#*:}"
    done
    echo "</benchmarks>"
} >"$out"

verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=" ? a >= b : a < b); print (ok ? "PASS" : "MISS") }'; }
cat <<SUMMARY

CDMI benchmark, $size_mib MiB object, results in $out
  plain HTTP PUT  $(mib "$plain_put") MiB/s  ($put_ratio x nginx's $(mib "$ngx_put"))   target >= 0.8 x: $(verdict "$put_ratio" ">=" 0.8)
  plain HTTP GET  $(mib "$plain_get") MiB/s  ($get_ratio x nginx's $(mib "$ngx_get"))   target >= 0.8 x: $(verdict "$get_ratio" ">=" 0.8)
  peak RSS during the plain PUT  $put_peak MiB   target < 200: $(verdict "$put_peak" "<" 200)
  CDMI base64 PUT $(mib "$cdmi_put") MiB/s of value (peak RSS $cdmi_put_peak MiB); GET $(mib "$cdmi_get") MiB/s (peak RSS $cdmi_get_peak MiB)
  ${small_kib} KiB creates: StandardsCloud $cdmi_creates/s (file and directory fsync, PostgreSQL commit), nginx $ngx_creates/s (no fsync)
SUMMARY
