#!/usr/bin/env bash
# The browser tests open the HTML reports in Debian's chromium, driven by playwright-core (never its
# browser download). Install it when missing (CI runs as root), with a small font for the Chinese pages
# (their screenshots would otherwise show boxes); `apt-get update` runs once at most, only when installing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then need+=(fonts-wqy-microhei); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${need[*]} (Debian packages) for the browser tests..."
  # Package lists fetched in the last hour (ensure-wine.sh runs just before) are not fetched again.
  find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | grep -q . || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
if command -v chromium >/dev/null 2>&1; then
  echo "ensure-chromium: no Chinese font (apt-get install fonts-wqy-microhei): Chinese screenshots will show boxes" >&2
  exit 0
fi
echo "ensure-chromium: chromium is not installed and cannot be installed here (needs root and apt-get): apt-get install chromium fonts-wqy-microhei" >&2
exit 1
