#!/usr/bin/env bash
# One command for a fresh machine: installs the browsers the tests drive (where
# apt is available), the npm packages, and builds the extension for Chrome and
# Firefox. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

if command -v apt-get >/dev/null; then
  need=()
  [ -x /usr/lib/chromium/chromium ] || [ -n "${FACTLENS_CHROMIUM:-}" ] || need+=(chromium)
  command -v firefox-esr >/dev/null || [ -n "${FACTLENS_FIREFOX:-}" ] || need+=(firefox-esr)
  if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
else
  echo "setup: no apt-get here; install Chromium (and Firefox ESR) yourself, or set FACTLENS_CHROMIUM / FACTLENS_FIREFOX" >&2
fi

# npm ci can trip over other platforms' optional rollup packages: install instead.
npm install --no-audit --no-fund
npm run build:all
echo "setup: done. Chrome build: .output/chrome-mv3 — Firefox build: .output/firefox-mv2"
