#!/usr/bin/env bash
# Start or stop libvirtd (and virtlogd) as plain daemons, without a service manager.
#
# Usage: scripts/libvirtd.sh start|stop|status
#
# start is a no-op when qemu:///system already answers. The first start of a fresh machine
# probes QEMU's capabilities (~12 s); later starts reuse /var/cache/libvirt/qemu.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

URI="qemu:///system"
LIBVIRTD_PID=/run/libvirtd.pid
VIRTLOGD_PID=/run/virtlogd.pid
TIMEOUT="${LIBVIRTD_START_TIMEOUT:-120}"

answers() { virsh -c "$URI" version >/dev/null 2>&1; }

# Without this, libvirt re-probes QEMU on every call (seconds per API call instead of ms).
fix_kvm_permissions() {
    [[ -e /dev/kvm ]] || return 0
    if getent group kvm >/dev/null; then
        chown root:kvm /dev/kvm
        chmod 0660 /dev/kvm
    else
        chmod 0666 /dev/kvm
    fi
}

do_start() {
    is_root || die "libvirtd must be started as root"
    for b in /usr/sbin/libvirtd /usr/sbin/virtlogd /usr/bin/virsh; do
        [[ -x "$b" ]] || die "$b not found (run scripts/install-deps.sh)"
    done
    local t0
    t0="$(now_s)"
    fix_kvm_permissions
    if answers; then
        log "libvirtd already answers on $URI"
        check_filters
        return 0
    fi
    mkdir -p /run/libvirt /var/log/libvirt/qemu /var/lib/libvirt /var/cache/libvirt
    if ! live_pid "$VIRTLOGD_PID" >/dev/null; then
        log "starting virtlogd"
        /usr/sbin/virtlogd -d -p "$VIRTLOGD_PID"
    fi
    if ! live_pid "$LIBVIRTD_PID" >/dev/null; then
        log "starting libvirtd (the first start probes QEMU, ~12 s)"
        /usr/sbin/libvirtd -d -p "$LIBVIRTD_PID"
    else
        log "libvirtd is running (pid $(live_pid "$LIBVIRTD_PID")); waiting for it to answer"
    fi
    if ! wait_for_cmd "$TIMEOUT" virsh -c "$URI" version; then
        die "libvirtd did not answer on $URI within ${TIMEOUT}s (see /var/log/libvirt)"
    fi
    log "libvirtd ready on $URI ($(elapsed_since "$t0") s)"
    check_filters
}

# Nodes with a bridge enforce guests' security groups with libvirt network filters: the nwfilter
# driver must answer, and bridged traffic must pass through iptables for its rules to apply.
check_filters() {
    if ! virsh -c nwfilter:///system nwfilter-list >/dev/null 2>&1; then
        log "warning: libvirtd's nwfilter driver does not answer; nodes with a bridge cannot filter their guests"
    fi
    local call=/proc/sys/net/bridge/bridge-nf-call-iptables
    if [[ ! -r "$call" || "$(cat "$call")" != 1 ]]; then
        log "warning: $call is not 1 (br_netfilter); bridged guests' traffic would bypass their filters"
    fi
}

stop_from_pidfile() {
    local name="$1" file="$2" pid
    if pid="$(live_pid "$file")"; then
        log "stopping $name (pid $pid)"
        stop_pid "$pid" 30
        rm -f "$file"
    else
        log "$name is not running (no live pid in $file)"
    fi
}

do_stop() {
    stop_from_pidfile libvirtd "$LIBVIRTD_PID"
    stop_from_pidfile virtlogd "$VIRTLOGD_PID"
}

do_status() {
    if answers; then
        echo "running: $URI"
    else
        echo "stopped: $URI"
        exit 3
    fi
}

case "${1:-}" in
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
    *) die "usage: $0 start|stop|status" ;;
esac
