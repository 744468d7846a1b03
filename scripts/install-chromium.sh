#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (test/e2e), idempotently.
# playwright-core drives it through executablePath /usr/bin/chromium; no browser is downloaded.
set -euo pipefail

log() { echo "[install-chromium] $*"; }

if [ -x /usr/bin/chromium ]; then
  log "already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
log "installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
