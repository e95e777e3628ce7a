#!/usr/bin/env bash
# Run StandardsCloud on this machine: PostgreSQL, libvirtd, the server and one node daemon.
#
# Usage: ./run.sh            (as root; Ctrl-C stops what it started)
#
# Everything lives under .data/:
#   pg/                private PostgreSQL 15 cluster (127.0.0.1:55432)
#   server/            server state; admin.json and node-join-token are written on first start
#   nodes/node-1/      the local node daemon's state
#   images/            the tiny test guest image
#   logs/              server.log, node-1.log
#   endpoints.json     the endpoints and admin credentials of this run
#
# libvirtd is stopped on exit only if this script started it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ROOT="$SC_ROOT"
DATA="$ROOT/.data"
LOGS="$DATA/logs"
PG_DIR="$DATA/pg"
PG_PORT=55432
API="http://127.0.0.1:8080"
SERVER_DLL="$ROOT/src/Server/bin/Release/net10.0/StandardsCloud.Server.dll"
NODE_DLL="$ROOT/src/NodeDaemon/bin/Release/net10.0/StandardsCloud.NodeDaemon.dll"
ADMIN_JSON="$DATA/server/admin.json"
JOIN_TOKEN="$DATA/server/node-join-token"
NODE_NAME=node-1

server_pid=""
node_pid=""
started_pg=0
started_libvirtd=0
stopping=0

# shellcheck disable=SC2317  # called from a trap
cleanup() {
    [[ $stopping -eq 1 ]] && return 0
    stopping=1
    trap - INT TERM
    # A closed terminal or pipe must not cut the clean-up short.
    trap '' PIPE
    log "stopping"
    if [[ -n "$node_pid" ]]; then
        log "stopping node daemon (pid $node_pid)"
        stop_pid "$node_pid" 20
    fi
    if [[ -n "$server_pid" ]]; then
        log "stopping server (pid $server_pid)"
        stop_pid "$server_pid" 20
    fi
    if [[ $started_pg -eq 1 ]]; then
        scripts/postgres.sh stop "$PG_DIR" "$PG_PORT" || true
    fi
    if [[ $started_libvirtd -eq 1 ]]; then
        scripts/libvirtd.sh stop || true
    fi
    log "stopped"
}
# shellcheck disable=SC2317  # called from a trap
on_signal() {
    cleanup
    exit 0
}
trap cleanup EXIT
trap on_signal INT TERM

is_root || die "run.sh must run as root (it starts libvirtd and installs packages)"
mkdir -p "$DATA" "$LOGS"

# ------------------------------------------------------------------ prerequisites
scripts/install-deps.sh
find_dotnet

log "building (Release)"
dotnet build "$ROOT/StandardsCloud.sln" -c Release -nologo -v quiet -clp:NoSummary \
    || die "build failed"
for f in "$SERVER_DLL" "$NODE_DLL"; do
    [[ -f "$f" ]] || die "$f not found after the build"
done

TINY_IMG="$(scripts/build-tiny-guest.sh "$DATA/images")"
TINY_SHA1="$(tr -d ' \n' <"$TINY_IMG.sha1")"

if ! scripts/postgres.sh status "$PG_DIR" "$PG_PORT" >/dev/null 2>&1; then
    started_pg=1
fi
scripts/postgres.sh start "$PG_DIR" "$PG_PORT"

if ! scripts/libvirtd.sh status >/dev/null 2>&1; then
    started_libvirtd=1
fi
scripts/libvirtd.sh start

# ------------------------------------------------------------------ server
if curl -fsS -o /dev/null --max-time 2 "$API/healthz" 2>/dev/null; then
    die "something already answers on $API; stop it first"
fi
log "starting server (log: $LOGS/server.log)"
(cd "$ROOT" && exec dotnet "$SERVER_DLL" run --data-dir "$DATA") >>"$LOGS/server.log" 2>&1 </dev/null &
server_pid=$!
if ! wait_for_url "$API/healthz" 120 "$server_pid"; then
    tail -n 40 "$LOGS/server.log" >&2 || true
    die "the server did not become healthy"
fi
log "server healthy (pid $server_pid)"

wait_for_cmd 30 test -s "$ADMIN_JSON" || die "$ADMIN_JSON was not written"
wait_for_cmd 30 test -s "$JOIN_TOKEN" || die "$JOIN_TOKEN was not written"
ADMIN_USER="$(jq -r '.user // "admin"' "$ADMIN_JSON")"
ADMIN_PASSWORD="$(jq -r '.password // empty' "$ADMIN_JSON")"
ACCESS_KEY_ID="$(jq -r '.accessKeyId // empty' "$ADMIN_JSON")"
SECRET_ACCESS_KEY="$(jq -r '.secretAccessKey // empty' "$ADMIN_JSON")"
[[ -n "$ADMIN_PASSWORD" ]] || die "no password in $ADMIN_JSON"

# ------------------------------------------------------------------ node daemon
log "starting node daemon $NODE_NAME (log: $LOGS/$NODE_NAME.log)"
mkdir -p "$DATA/nodes/$NODE_NAME"
(cd "$ROOT" && exec dotnet "$NODE_DLL" --core "$API" --join-token-file "$JOIN_TOKEN" \
    --name "$NODE_NAME" --uri test --data-dir "$DATA/nodes/$NODE_NAME") \
    >>"$LOGS/$NODE_NAME.log" 2>&1 </dev/null &
node_pid=$!
sleep 1
kill -0 "$node_pid" 2>/dev/null || { tail -n 40 "$LOGS/$NODE_NAME.log" >&2; die "the node daemon exited"; }

# ------------------------------------------------------------------ tiny guest image
# Registered once per distinct file: a rebuilt image (new Debian kernel) gets a new entry,
# since an entry's SHA-1 never changes.
curl_admin() { curl -fsS --max-time 30 -u "$ADMIN_USER:$ADMIN_PASSWORD" "$@"; }
TINY_IMAGE_ID=""
images="$(curl_admin "$API/api/v1/images")" || die "GET $API/api/v1/images failed"
TINY_IMAGE_ID="$(jq -r --arg sha1 "$TINY_SHA1" '[.[] | select(.sha1 == $sha1) | .id] | first // empty' <<<"$images")"
if [[ -n "$TINY_IMAGE_ID" ]]; then
    log "image $TINY_IMAGE_ID (tiny guest) already registered"
else
    name="tiny-guest"
    if jq -e '[.[] | select(.name == "tiny-guest")] | length > 0' <<<"$images" >/dev/null; then
        name="tiny-guest-${TINY_SHA1:0:8}"
    fi
    log "registering image $name ($TINY_IMG)"
    body="$(jq -cn --arg name "$name" --arg url "file://$TINY_IMG" --arg sha1 "$TINY_SHA1" \
        '{name: $name, url: $url, sha1: $sha1}')"
    TINY_IMAGE_ID="$(curl_admin -X POST "$API/api/v1/images" -H 'Content-Type: application/json' -d "$body" | jq -r .id)" \
        || die "registering the tiny guest image failed"
fi

# ------------------------------------------------------------------ endpoints
jq -n \
    --arg api "$API" \
    --arg ec2 "http://127.0.0.1:8773" \
    --arg occi "http://127.0.0.1:8787" \
    --arg cdmi "http://127.0.0.1:8788" \
    --arg marketplace "$API/marketplace" \
    --arg user "$ADMIN_USER" --arg password "$ADMIN_PASSWORD" \
    --arg akid "$ACCESS_KEY_ID" --arg secret "$SECRET_ACCESS_KEY" \
    --arg pg "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=standardscloud" \
    --arg img "$TINY_IMG" --arg sha1 "$TINY_SHA1" --arg imgid "$TINY_IMAGE_ID" \
    --argjson spid "$server_pid" --argjson npid "$node_pid" \
    '{api: $api, ec2: $ec2, occi: $occi, cdmi: $cdmi, marketplace: $marketplace,
      admin: {user: $user, password: $password, accessKeyId: $akid, secretAccessKey: $secret},
      postgres: $pg, tinyGuest: {imageId: $imgid, path: $img, sha1: $sha1},
      pids: {server: $spid, node: $npid}}' >"$DATA/endpoints.json"
chmod 0600 "$DATA/endpoints.json"

cat <<EOF

StandardsCloud is running.
  admin API          $API/api/v1   (health: $API/healthz; see docs/api.md)
  EC2 Query API      http://127.0.0.1:8773   (region RegionOne; see docs/ec2.md)
  OCCI 1.2 / 1.1     http://127.0.0.1:8787   (HTTP Basic as the admin user; see docs/occi.md)
  CDMI 1.1.1         http://127.0.0.1:8788   (HTTP Basic as the admin user; see docs/cdmi.md)
  Marketplace        $API/marketplace   (see docs/marketplace.md)
  admin user         $ADMIN_USER
  admin password     $ADMIN_PASSWORD
  EC2 access key     $ACCESS_KEY_ID
  EC2 secret key     $SECRET_ACCESS_KEY
  PostgreSQL         127.0.0.1:$PG_PORT (database standardscloud)
  tiny guest image   $TINY_IMAGE_ID ($TINY_IMG)
  launch one         curl -u $ADMIN_USER:$ADMIN_PASSWORD -H 'Content-Type: application/json' \\
                       -d '{"imageId":"$TINY_IMAGE_ID","instanceType":"t1.micro"}' $API/api/v1/instances
  (also in $DATA/endpoints.json; logs in $LOGS)
Press Ctrl-C to stop.

EOF

# ------------------------------------------------------------------ wait
set +e
wait -n "$server_pid" "$node_pid"
rc=$?
set -e
if kill -0 "$server_pid" 2>/dev/null; then
    warn "the node daemon exited (status $rc); see $LOGS/$NODE_NAME.log"
else
    warn "the server exited (status $rc); see $LOGS/server.log"
fi
exit 1
