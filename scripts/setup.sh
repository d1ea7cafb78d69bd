#!/usr/bin/env bash
# One command for a fresh machine: the browsers the tests drive, the npm
# packages, and both builds. Safe to run again.
#
# Browsers: Chromium and Firefox ESR. On Debian they come from apt
# (chromium, firefox-esr). Elsewhere (Ubuntu ships Chromium as a snap and has
# no firefox-esr in its main archive; macOS) install them yourself and set
# FACTLENS_CHROMIUM and FACTLENS_FIREFOX to their executables: this script then
# leaves the system alone.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

have_chromium() { [ -n "${FACTLENS_CHROMIUM:-}" ] || [ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null; }
have_firefox() { [ -n "${FACTLENS_FIREFOX:-}" ] || command -v firefox-esr >/dev/null; }

need=()
have_chromium || need+=(chromium)
have_firefox || need+=(firefox-esr)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && grep -qi '^ID=debian' /etc/os-release 2>/dev/null; then
    echo "setup: installing ${need[*]} with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: missing ${need[*]}. On Debian, apt-get installs them; elsewhere install Chromium and" >&2
    echo "       Firefox ESR yourself and set FACTLENS_CHROMIUM / FACTLENS_FIREFOX to their executables." >&2
    echo "       (The build works without them; the end-to-end tests need them.)" >&2
  fi
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error(`setup: Node ${process.versions.node}: Factlens needs Node 20.19 or newer`); process.exit(1); }'

# npm ci can trip over other platforms' optional rollup packages: install instead.
npm install --no-audit --no-fund
npm run build:all
echo "setup: done. Chrome build: .output/chrome-mv3 — Firefox build: .output/firefox-mv2"
