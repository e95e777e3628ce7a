#!/bin/sh
# /init of the StandardsCloud tiny test guest (runs as PID 1 under busybox sh).
#
# It prints, on the console (ttyS0):
#   StandardsCloud tiny guest: up
#   StandardsCloud tiny guest: kernel <version>
#   context: <file>: <line>        for each line of each file on a NoCloud seed labelled "cidata"
#   StandardsCloud tiny guest: disk /dev/vdX serial <serial> sectors <n>
#                                  for each other virtio disk (volumes: serial "vol" + 17 hex digits)
#   the output of user-data when it is a script (starts with "#!"), as cloud-init runs it
#   StandardsCloud tiny guest: metadata instance-id <id>   and
#   metadata: user-data: <line>    when context.sh gives ETH0_IP: eth0 is configured and the
#                                  instance metadata service (169.254.169.254) is read
#   StandardsCloud tiny guest: idle            (stays up), or
#   StandardsCloud tiny guest: powering off    when the seed asks for it with a line
#                                              "poweroff: true" or "POWEROFF=yes".
# The ACPI power button powers it off (busybox acpid), so a graceful shutdown works.
#
# This is PID 1: it must never exit, so there is no "set -e" here.
PATH=/bin:/sbin:/usr/bin:/usr/sbin
export PATH

say() { echo "StandardsCloud tiny guest: $*"; }

mkdir -p /proc /sys /dev /tmp /run /mnt/seed /var/log
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null || mount -t tmpfs tmpfs /dev
exec </dev/console >/dev/console 2>&1

# Keep kernel messages from interleaving with our lines.
echo 1 >/proc/sys/kernel/printk 2>/dev/null

# Modules, in the order written by the image build.
if [ -f /lib/modules/order ]; then
    while read -r m; do
        [ -n "$m" ] || continue
        [ -f "/lib/modules/$m.ko" ] || continue
        insmod "/lib/modules/$m.ko" 2>/dev/null || echo "insmod $m failed"
    done </lib/modules/order
fi

ip link set lo up 2>/dev/null
hostname tiny-guest 2>/dev/null

say "up"
say "kernel $(uname -r)"

# Power button -> poweroff (needs the button and evdev modules).
if [ -d /etc/acpi ] && ls /dev/input/event* >/dev/null 2>&1; then
    acpid -c /etc/acpi -l /var/log/acpid.log 2>/dev/null
fi

# ISO9660 volume id: 32 bytes at offset 32808 (sector 16, byte 40).
iso_label() {
    dd if="$1" bs=1 skip=32808 count=32 2>/dev/null | tr -d ' \000'
}

find_seed() {
    for d in /dev/vd? /dev/sr? /dev/hd? /dev/sd? /dev/xvd?; do
        [ -b "$d" ] || continue
        case "$(iso_label "$d")" in
            cidata|CIDATA) echo "$d"; return 0 ;;
        esac
    done
    return 1
}

# Uptime in hundredths of a second.
uptime_cs() {
    read -r up _ </proc/uptime
    up="${up%.*}${up#*.}"
    while [ "${up#0}" != "$up" ]; do up="${up#0}"; done
    echo "${up:-0}"
}

# Virtio disks appear while their driver loads; CD-ROMs on an emulated IDE/SCSI controller
# a little later (asynchronous bus scan): look for up to ~3 s.
seed="$(find_seed)" || seed=""
if [ -z "$seed" ]; then
    deadline=$(( $(uptime_cs) + 300 ))
    while [ -z "$seed" ] && [ "$(uptime_cs)" -lt "$deadline" ]; do
        sleep 0.2
        seed="$(find_seed)" || seed=""
    done
fi

poweroff_requested=0
if [ -n "$seed" ] && mount -t iso9660 -o ro "$seed" /mnt/seed 2>/dev/null; then
    say "seed $seed"
    print_file() {
        name="$1"
        while IFS= read -r line || [ -n "$line" ]; do
            echo "context: $name: $line"
        done <"/mnt/seed/$name"
    }
    for f in meta-data user-data context.sh; do
        [ -f "/mnt/seed/$f" ] && print_file "$f"
    done
    for p in /mnt/seed/*; do
        [ -f "$p" ] || continue
        f="${p##*/}"
        case "$f" in meta-data|user-data|context.sh) continue ;; esac
        print_file "$f"
    done
    [ -f /mnt/seed/user-data ] && cp /mnt/seed/user-data /tmp/user-data
    for f in meta-data user-data; do
        if [ -f "/mnt/seed/$f" ] && grep -qiE '^[[:space:]]*poweroff:[[:space:]]*true[[:space:]]*$' "/mnt/seed/$f"; then
            poweroff_requested=1
        fi
    done
    for p in /mnt/seed/*; do
        if [ -f "$p" ] && grep -qE "^[[:space:]]*(export[[:space:]]+)?POWEROFF=[\"']?yes[\"']?[[:space:]]*$" "$p"; then
            poweroff_requested=1
        fi
    done
    # Kept for the network block below; the seed is unmounted next.
    [ -f /mnt/seed/context.sh ] && cp /mnt/seed/context.sh /run/context.sh
    umount /mnt/seed 2>/dev/null
else
    say "no seed"
fi

# --- Network and instance metadata -------------------------------------------------------
# context.sh names the address (ETH0_IP, ETH0_PREFIX or ETH0_MASK, ETH0_GATEWAY). Only digits
# and dots are taken from it, so nothing in the file is ever run.
ctx_ip() {
    [ -f /run/context.sh ] || return 0
    sed -n "s/^$1=[\"']\{0,1\}\([0-9.]*\)[\"']\{0,1\}\$/\1/p" /run/context.sh | head -n 1
}

mask_prefix() {
    bits=0
    for octet in $(echo "$1" | tr . ' '); do
        case "$octet" in
            255) bits=$((bits + 8)) ;; 254) bits=$((bits + 7)) ;; 252) bits=$((bits + 6)) ;;
            248) bits=$((bits + 5)) ;; 240) bits=$((bits + 4)) ;; 224) bits=$((bits + 3)) ;;
            192) bits=$((bits + 2)) ;; 128) bits=$((bits + 1)) ;;
        esac
    done
    echo "$bits"
}

# GET a metadata path into a file: three tries of at most 5 s each. Debian's static busybox
# wget crashes with -T, so a watchdog ends a try that hangs.
metadata_get() {
    for attempt in 1 2 3; do
        rm -f "$2"
        wget -q -O "$2" "http://169.254.169.254$1" 2>/dev/null &
        fetch=$!
        (sleep 5; kill "$fetch" 2>/dev/null) &
        watchdog=$!
        if wait "$fetch"; then
            kill "$watchdog" 2>/dev/null
            return 0
        fi
        kill "$watchdog" 2>/dev/null
        sleep 1
    done
    return 1
}

eth0_ip="$(ctx_ip ETH0_IP)"
if [ -n "$eth0_ip" ]; then
    i=0
    while [ ! -e /sys/class/net/eth0 ] && [ "$i" -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
fi
if [ -n "$eth0_ip" ] && [ -e /sys/class/net/eth0 ]; then
    prefix="$(ctx_ip ETH0_PREFIX)"
    [ -n "$prefix" ] || { mask="$(ctx_ip ETH0_MASK)"; [ -n "$mask" ] && prefix="$(mask_prefix "$mask")"; }
    ip link set eth0 up
    ip addr add "$eth0_ip/${prefix:-24}" dev eth0
    gateway="$(ctx_ip ETH0_GATEWAY)"
    [ -n "$gateway" ] && ip route add default via "$gateway" dev eth0 2>/dev/null
    ip route add 169.254.169.254/32 dev eth0 2>/dev/null
    say "eth0 $eth0_ip/${prefix:-24}"
    if metadata_get /latest/meta-data/instance-id /tmp/instance-id; then
        say "metadata instance-id $(cat /tmp/instance-id)"
        if metadata_get /latest/user-data /tmp/metadata-user-data; then
            while IFS= read -r line || [ -n "$line" ]; do
                echo "metadata: user-data: $line"
            done </tmp/metadata-user-data
        fi
    else
        say "metadata unavailable"
    fi
fi

# Every virtio disk but the seed, with the serial the host gave it and its size in 512-byte sectors.
for b in /sys/block/vd?*; do
    [ -d "$b" ] || continue
    d="/dev/${b##*/}"
    [ "$d" = "$seed" ] && continue
    serial="$(cat "$b/serial" 2>/dev/null)"
    say "disk $d serial ${serial:-none} sectors $(cat "$b/size")"
done

# User data that is a script runs, as cloud-init runs it (here at every boot: this guest keeps no state).
if [ -f /tmp/user-data ] && [ "$(head -c 2 /tmp/user-data)" = "#!" ]; then
    chmod 0755 /tmp/user-data
    /tmp/user-data
    say "user-data script exited $?"
fi

if [ "$poweroff_requested" = 1 ]; then
    say "powering off"
    sync
    poweroff -f
fi

say "idle"
while :; do
    sleep 3600
done
