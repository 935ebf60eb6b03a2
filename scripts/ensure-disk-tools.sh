#!/usr/bin/env bash
# The image inspector's tests build real disk images: sfdisk (fdisk), mkntfs and ntfs-3g (ntfs-3g, with
# fusermount from fuse3) and qemu-img (qemu-utils). Install what is missing (CI runs as root);
# `apt-get update` runs once at most, only when installing. ntfs-3g fills the test volumes over FUSE, so
# /dev/fuse must exist (a container needs --device /dev/fuse); without it the tests say so and fail
# under IPF_REQUIRE_DISK_TOOLS=1.
set -euo pipefail
missing=()
command -v qemu-img >/dev/null 2>&1 || missing+=(qemu-utils)
command -v sfdisk >/dev/null 2>&1 || missing+=(fdisk)
{ command -v mkntfs >/dev/null 2>&1 && command -v ntfs-3g >/dev/null 2>&1; } || missing+=(ntfs-3g)
{ command -v fusermount >/dev/null 2>&1 || command -v fusermount3 >/dev/null 2>&1; } || missing+=(fuse3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (Debian packages) for the image inspector's tests..."
    # Package lists fetched in the last hour (ensure-wine.sh or ensure-chromium.sh) are not fetched again.
    find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | grep -q . || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ensure-disk-tools: ${missing[*]} not installed and cannot be installed here (needs root and apt-get): apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
if [ ! -e /dev/fuse ]; then
  echo "ensure-disk-tools: /dev/fuse is missing: ntfs-3g cannot fill the test volumes (run the container with --device /dev/fuse --cap-add SYS_ADMIN)" >&2
  exit 1
fi
