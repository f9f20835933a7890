#!/bin/sh
# Makes a Docker base image with Python 3, venv and pip without a container registry:
# debootstrap a minimal Debian from the machine's own apt mirror, then `docker import` it.
# The sample app's Dockerfile builds on it with --build-arg BASE_IMAGE=<the name printed>.
#
#   scripts/docker-base-image.sh [IMAGE_NAME]     (default leaklab-base:bookworm; run as root)
#
# The mirror is read from /etc/apt at run time (DEBIAN_MIRROR overrides it), so no mirror
# host is written into this repository.
set -eu

IMAGE=${1:-leaklab-base:bookworm}
SUITE=${DEBIAN_SUITE:-bookworm}

fail() {
  echo "docker-base-image: $*" >&2
  exit 3
}

command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (Debian/Ubuntu: apt-get install debootstrap)"
command -v docker >/dev/null 2>&1 || fail "docker is not installed (Debian/Ubuntu: apt-get install docker.io)"
docker info >/dev/null 2>&1 || fail "the Docker engine is not reachable (start it: dockerd --bridge=none --iptables=false &)"
[ "$(id -u)" = 0 ] || fail "debootstrap needs root"

# The first Debian archive URI in the apt sources: deb822 files (URIs: ...) or one-line
# sources.list entries (deb [options] URI suite ...). Security archives are skipped.
apt_mirror() {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f"
  done
}
MIRROR=${DEBIAN_MIRROR:-$(apt_mirror | grep -v -- '-security' | grep -E '^(https?|file):' | head -n 1)}
[ -n "$MIRROR" ] || fail "no Debian mirror found in /etc/apt; set DEBIAN_MIRROR"

ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/leaklab-rootfs.XXXXXX")
trap 'rm -rf "$ROOTFS" "$ROOTFS.log"' EXIT INT TERM

echo "docker-base-image: debootstrap $SUITE (about a minute)..."
debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
  "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 || {
  tail -n 20 "$ROOTFS.log" >&2
  rm -f "$ROOTFS.log"
  fail "debootstrap failed"
}
rm -f "$ROOTFS.log"
# Package lists and caches are not needed at run time and would only make the image bigger.
rm -rf "$ROOTFS/var/cache/apt/archives/"*.deb "$ROOTFS/var/lib/apt/lists/"*
# The image trusts what the host trusts: a host behind a TLS-inspecting proxy has that proxy's
# authority in its bundle, and pip inside `docker build` goes through the same proxy.
HOST_CA_BUNDLE=${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
if [ -f "$HOST_CA_BUNDLE" ]; then cp "$HOST_CA_BUNDLE" "$ROOTFS/etc/ssl/certs/ca-certificates.crt"; fi

echo "docker-base-image: importing as $IMAGE..."
tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  - "$IMAGE" >/dev/null
echo "docker-base-image: done. Build the app on it with --build-arg BASE_IMAGE=$IMAGE"
echo "  (leaklab run --target docker finds leaklab-base:bookworm by itself; LEAKLAB_DOCKER_BASE_IMAGE names another)"
