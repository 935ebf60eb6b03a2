#!/usr/bin/env bash
# The Windows smoke test runs the exe under Debian's wine: install it when missing (CI runs as root).
set -euo pipefail
if command -v wine >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing wine (Debian packages wine64, wine) for the Windows smoke test..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wine64 wine >/dev/null
  exit 0
fi
echo "ensure-wine: wine is not installed and cannot be installed here (needs root and apt-get): apt-get install wine64 wine" >&2
exit 1
