#!/usr/bin/env bash
# Build the tiny bootable test guest from Debian packages only (no image download).
#
# Usage: scripts/build-tiny-guest.sh [--force] [--boot-test] [<outdir>]   (default .data/images)
#
# Produces in <outdir>:
#   tiny-guest.img          raw FAT disk, bootable with syslinux (kernel + initramfs inside)
#   tiny-guest.img.sha1     its SHA-1 (hex)
#   tiny-guest.vmlinuz      the same kernel, for direct kernel boot
#   tiny-guest.initrd.gz    the same initramfs, for direct kernel boot
# and prints the absolute path of tiny-guest.img on stdout.
#
# The kernel is Debian's cloud kernel; the initramfs holds busybox-static, a few modules
# (virtio, CD-ROM, ISO9660, ACPI button) and scripts/guest-init.sh as /init.
# The build is skipped when the image is newer than guest-init.sh and this script.
# --boot-test boots the image once under QEMU (TCG) and checks the console banner.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export PATH="$PATH:/usr/sbin:/sbin"

# Loaded in this order by the guest's /init. The first group is what the guest needs for
# virtio disks/NICs and an ISO9660 seed; the rest lets it read a seed attached as an
# IDE/SATA or virtio-scsi CD-ROM and react to the ACPI power button.
MODULES=(
    virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci virtio_blk
    failover net_failover virtio_net cdrom isofs
    scsi_common scsi_mod libata ata_piix virtio_scsi sr_mod
    button evdev
)
IMAGE_MB=32

force=0
boot_test=0
outdir=""
for a in "$@"; do
    case "$a" in
        --force) force=1 ;;
        --boot-test) boot_test=1 ;;
        -h|--help) sed -n '2,17p' "$0" >&2; exit 0 ;;
        -*) die "unknown option $a" ;;
        *) outdir="$a" ;;
    esac
done
outdir="${outdir:-$SC_ROOT/.data/images}"
mkdir -p "$outdir"
OUT="$(cd "$outdir" && pwd)"
IMG="$OUT/tiny-guest.img"
INIT_SRC="$SC_ROOT/scripts/guest-init.sh"
[[ -f "$INIT_SRC" ]] || die "$INIT_SRC not found"

# ------------------------------------------------------------------ boot test

boot_test_image() {
    have_cmd qemu-system-x86_64 || need_packages qemu-system-x86
    local seed_dir console t0 rc=0
    seed_dir="$(mktemp -d)"
    console="$seed_dir/console.log"
    printf 'instance-id: boot-test\nlocal-hostname: tiny\n' >"$seed_dir/meta-data"
    printf '#cloud-config\npoweroff: true\n' >"$seed_dir/user-data"
    if have_cmd cloud-localds; then
        cloud-localds "$seed_dir/seed.iso" "$seed_dir/user-data" "$seed_dir/meta-data"
    else
        genisoimage -quiet -output "$seed_dir/seed.iso" -volid cidata -joliet -rock \
            "$seed_dir/user-data" "$seed_dir/meta-data"
    fi
    log "boot test: qemu (TCG) with a NoCloud seed asking for poweroff"
    t0="$(now_s)"
    timeout 120 qemu-system-x86_64 -nographic -m 256 -accel tcg -no-reboot \
        -drive "file=$IMG,format=raw,if=ide,snapshot=on" \
        -drive "file=$seed_dir/seed.iso,format=raw,if=virtio,readonly=on" \
        </dev/null >"$console" 2>&1 || rc=$?
    local took
    took="$(elapsed_since "$t0")"
    if grep -q 'StandardsCloud tiny guest: up' "$console" \
        && grep -q 'context: user-data: poweroff: true' "$console" \
        && grep -q 'StandardsCloud tiny guest: powering off' "$console"; then
        log "boot test passed in ${took} s (qemu exit $rc)"
        rm -rf "$seed_dir"
    else
        tail -n 40 "$console" >&2
        die "boot test failed after ${took} s (qemu exit $rc); console: $console"
    fi
}

# ------------------------------------------------------------------ cache

if [[ $force -eq 0 && -s "$IMG" && -s "$IMG.sha1" && "$IMG" -nt "$INIT_SRC" && "$IMG" -nt "$0" ]]; then
    log "up to date: $IMG"
    [[ $boot_test -eq 1 ]] && boot_test_image
    printf '%s\n' "$IMG"
    exit 0
fi

t0="$(now_s)"
need_packages busybox-static cpio syslinux syslinux-common mtools dosfstools
[[ -x /bin/busybox ]] || die "/bin/busybox missing (busybox-static)"

# ------------------------------------------------------------------ kernel package

kernel_pkg() {
    apt-cache depends linux-image-cloud-amd64 2>/dev/null \
        | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}
KPKG="$(kernel_pkg || true)"
if [[ -z "$KPKG" ]]; then
    apt_update_once
    KPKG="$(kernel_pkg || true)"
fi
[[ -n "$KPKG" ]] || die "cannot resolve the package that linux-image-cloud-amd64 depends on"

CACHE="$OUT/cache"
mkdir -p "$CACHE"
deb="$(find "$CACHE" -maxdepth 1 -name "${KPKG}_*.deb" -print | sort | tail -n 1)"
if [[ -z "$deb" ]]; then
    log "downloading $KPKG"
    dl="$(mktemp -d "$CACHE/.dl.XXXXXX")"
    chmod 0755 "$dl"   # apt's download user may then write there directly
    if ! (cd "$dl" && apt-get download -q "$KPKG" 2>&1 | grep -v 'unsandboxed as root' >&2); then
        :
    fi
    got="$(find "$dl" -maxdepth 1 -name "${KPKG}_*.deb" -print | head -n 1)"
    if [[ -z "$got" ]]; then
        # Package lists may be stale (the pool file moved): refresh once and retry.
        apt_update_once
        (cd "$dl" && apt-get download -q "$KPKG" 2>&1 | grep -v 'unsandboxed as root' >&2) || true
        got="$(find "$dl" -maxdepth 1 -name "${KPKG}_*.deb" -print | head -n 1)"
    fi
    [[ -n "$got" ]] || { rm -rf "$dl"; die "apt-get download $KPKG failed"; }
    mv "$got" "$CACHE/"
    rm -rf "$dl"
    deb="$CACHE/$(basename "$got")"
    # Keep only the newest kernel package.
    find "$CACHE" -maxdepth 1 -name 'linux-image-*.deb' ! -path "$deb" -delete
fi
log "kernel package: $(basename "$deb")"

# ------------------------------------------------------------------ work area

WORK="$(mktemp -d "$OUT/.build.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

dpkg-deb -x "$deb" "$WORK/kpkg"
vmlinuz="$(find "$WORK/kpkg/boot" -maxdepth 1 -name 'vmlinuz-*' -print | head -n 1)"
[[ -n "$vmlinuz" ]] || die "no boot/vmlinuz-* in $deb"
kver="${vmlinuz##*/vmlinuz-}"
moddir="$WORK/kpkg/lib/modules/$kver"
[[ -d "$moddir" ]] || die "no lib/modules/$kver in $deb"

# ------------------------------------------------------------------ initramfs

R="$WORK/initrd"
mkdir -p "$R"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,mnt/seed,var/log,etc/acpi/PWRF,lib/modules}
cp /bin/busybox "$R/bin/busybox"
while read -r applet; do
    [[ -n "$applet" && "$applet" != "bin/busybox" ]] || continue
    mkdir -p "$R/$(dirname "$applet")"
    [[ -e "$R/$applet" ]] || ln -s /bin/busybox "$R/$applet"
done < <(/bin/busybox --list-full)
[[ -e "$R/bin/sh" ]] || ln -s busybox "$R/bin/sh"

# The kernel opens /dev/console before /init runs.
if is_root; then
    mknod -m 0600 "$R/dev/console" c 5 1
    mknod -m 0666 "$R/dev/null" c 1 3
fi

: >"$R/lib/modules/order"
for m in "${MODULES[@]}"; do
    f="$(find "$moddir" \( -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" \) -print | head -n 1)"
    if [[ -z "$f" ]]; then
        if grep -q "/$m\.ko" "$moddir/modules.builtin" 2>/dev/null; then
            continue   # built into the kernel
        fi
        die "module $m not found in $KPKG"
    fi
    # busybox insmod reads plain .ko files only.
    case "$f" in
        *.ko) cp "$f" "$R/lib/modules/$m.ko" ;;
        *.ko.xz) xz -dc "$f" >"$R/lib/modules/$m.ko" ;;
        *.ko.zst) need_packages zstd; zstd -qdc "$f" >"$R/lib/modules/$m.ko" ;;
        *.ko.gz) gzip -dc "$f" >"$R/lib/modules/$m.ko" ;;
    esac
    echo "$m" >>"$R/lib/modules/order"
done

cat >"$R/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
echo "StandardsCloud tiny guest: power button, powering off" >/dev/console
sync
poweroff -f
EOF
chmod 0755 "$R/etc/acpi/PWRF/00000080"
printf 'tiny-guest\n' >"$R/etc/hostname"

install -m 0755 "$INIT_SRC" "$R/init"

find "$R" -exec touch -h -d @0 {} +
(cd "$R" && find . -print | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$WORK/initrd.gz"
cp "$vmlinuz" "$WORK/vmlinuz"

# ------------------------------------------------------------------ bootable FAT disk

# u16 FILE OFFSET : little-endian 16-bit value.
u16() { od -An -tu2 -j "$2" -N 2 --endian=little "$1" | tr -d ' '; }
u8() { od -An -tu1 -j "$2" -N 1 "$1" | tr -d ' '; }

# Set every root-directory entry's timestamps to 2000-01-01 00:00 so that the image
# (and its SHA-1) is the same on every build of the same inputs.
fat_fixed_times() {
    local img="$1" bps reserved nfats nroot spf root i off first attr
    bps="$(u16 "$img" 11)"; reserved="$(u16 "$img" 14)"; nfats="$(u8 "$img" 16)"
    nroot="$(u16 "$img" 17)"; spf="$(u16 "$img" 22)"
    [[ "$spf" -gt 0 && "$nroot" -gt 0 ]] || { warn "not a FAT12/16 image; timestamps left as they are"; return 0; }
    root=$(((reserved + nfats * spf) * bps))
    for ((i = 0; i < nroot; i++)); do
        off=$((root + i * 32))
        first="$(u8 "$img" "$off")"
        [[ "$first" -eq 0 ]] && break          # end of directory
        [[ "$first" -eq 229 ]] && continue     # deleted entry
        attr="$(u8 "$img" $((off + 11)))"
        [[ "$attr" -eq 15 ]] && continue       # long-name entry
        # created (13-17), accessed (18-19), modified (22-25); date 2000-01-01 = 0x2821
        printf '\000\000\000\041\050\041\050' | dd of="$img" bs=1 seek=$((off + 13)) conv=notrunc status=none
        printf '\000\000\041\050' | dd of="$img" bs=1 seek=$((off + 22)) conv=notrunc status=none
    done
}

cat >"$WORK/syslinux.cfg" <<'EOF'
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL vmlinuz
  APPEND initrd=initrd.gz console=ttyS0
EOF

disk="$WORK/tiny-guest.img"
truncate -s "${IMAGE_MB}M" "$disk"
mkfs.vfat -n TINYGUEST -i 5c0d0001 "$disk" >/dev/null
export MTOOLS_SKIP_CHECK=1
mcopy -i "$disk" "$WORK/vmlinuz" "$WORK/initrd.gz" "$WORK/syslinux.cfg" ::/
syslinux --install "$disk"
fat_fixed_times "$disk"

sha1="$(sha1sum "$disk" | awk '{ print $1 }')"

# Publish: helpers first, the image (the cache key) last.
mv -f "$WORK/vmlinuz" "$OUT/tiny-guest.vmlinuz"
mv -f "$WORK/initrd.gz" "$OUT/tiny-guest.initrd.gz"
printf '%s\n' "$sha1" >"$OUT/tiny-guest.img.sha1.tmp"
mv -f "$disk" "$IMG"
mv -f "$OUT/tiny-guest.img.sha1.tmp" "$IMG.sha1"

log "built $IMG (kernel $kver, initrd $(stat -c %s "$OUT/tiny-guest.initrd.gz") bytes, sha1 $sha1, $(elapsed_since "$t0") s)"
[[ $boot_test -eq 1 ]] && boot_test_image
printf '%s\n' "$IMG"
