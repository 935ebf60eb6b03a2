#!/usr/bin/env bash
# The image inspector's tests build real disk images: sfdisk (fdisk), mkntfs and ntfs-3g (ntfs-3g, with
# fusermount from fuse3) and qemu-img (qemu-utils). Install what is missing (CI runs as root).
set -euo pipefail
missing=()
command -v qemu-img >/dev/null 2>&1 || missing+=(qemu-utils)
command -v sfdisk >/dev/null 2>&1 || missing+=(fdisk)
{ command -v mkntfs >/dev/null 2>&1 && command -v ntfs-3g >/dev/null 2>&1; } || missing+=(ntfs-3g)
{ command -v fusermount >/dev/null 2>&1 || command -v fusermount3 >/dev/null 2>&1; } || missing+=(fuse3)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages) for the image inspector's tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "ensure-disk-tools: ${missing[*]} not installed and cannot be installed here (needs root and apt-get): apt-get install ${missing[*]}" >&2
exit 1
