#!/usr/bin/env bash
# Install the Debian packages StandardsCloud needs and check the .NET SDK.
# Usage: scripts/install-deps.sh
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(
    # database
    postgresql
    # hypervisor
    libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system libvirt-clients libvirt-dev
    qemu-system-x86 qemu-utils
    # context ISOs / NoCloud seeds
    xorriso genisoimage cloud-image-utils
    # tiny test guest
    busybox-static cpio syslinux syslinux-common mtools dosfstools
    # host networking: public address translation, and the network namespaces tests build.
    # Guests' security groups are libvirt network filters: on Debian 12 the nwfilter driver is part
    # of libvirt-daemon, its standard filters of libvirt-daemon-config-nwfilter (a dependency of
    # libvirt-daemon-system), and the iptables, ip6tables and ebtables (nft) it runs of iptables.
    iptables iproute2 procps
    # tools used by the scripts
    curl jq ca-certificates
    # independent peers in tests (key fingerprints; Marketplace XML signatures)
    openssh-client openssl xmlsec1
    # PuTTY key files from CreateKeyPair KeyFormat=ppk, read back by puttygen
    putty-tools
    # EC2 clients the conformance sessions drive (run with Debian's /usr/bin/python3)
    python3-boto3 python3-libcloud python3-boto
)
# EC2 conformance tests drive the real AWS command-line client; Debian's unless one is on PATH.
command -v aws >/dev/null 2>&1 || PACKAGES+=(awscli)
# The AWS SDK for JavaScript session runs on Node.js; Debian's unless one is on PATH.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

start="$(now_s)"
need_packages "${PACKAGES[@]}"

# Debian's postgresql package creates and starts a default cluster through its
# init scripts; we run our own private clusters and do not need that one.

find_dotnet || die "the .NET 10 SDK is not installed (no 'dotnet' on PATH).
    It is not available from Debian's archive. Install the .NET 10 SDK, e.g. with Microsoft's
    dotnet-install script:  ./dotnet-install.sh --channel 10.0 --install-dir \$HOME/.dotnet
    then put it on PATH (export PATH=\$HOME/.dotnet:\$PATH) and re-run."

sdk="$(cd "$SC_ROOT" && dotnet --version 2>/dev/null)" || sdk=""
case "$sdk" in
    10.*) ;;
    "")   die "'dotnet --version' failed in $SC_ROOT: no SDK matching global.json is installed.
    Installed SDKs: $(dotnet --list-sdks 2>/dev/null | tr '\n' ' ')
    Install a .NET 10 SDK (see global.json) and re-run." ;;
    *)    die "'dotnet --version' is $sdk; StandardsCloud needs a .NET 10.x SDK (see global.json)." ;;
esac

log "dependencies ready (dotnet $sdk, $(elapsed_since "$start") s)"
