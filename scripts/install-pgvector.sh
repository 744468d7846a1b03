#!/usr/bin/env bash
# Installs pgvector into the local PostgreSQL server, idempotently.
# Debian bookworm ships no pgvector package, so we build Debian's own source package
# (from the trixie suite) against postgresql-server-dev-<major>.
set -euo pipefail

log() { echo "[install-pgvector] $*"; }

pg_major() {
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h | awk 'NR==1 {print $1}'
  else
    ls /etc/postgresql | sort -n | tail -1
  fi
}

PG_MAJOR="${PG_MAJOR:-$(pg_major)}"
EXT_DIR="/usr/share/postgresql/${PG_MAJOR}/extension"

if [ -f "${EXT_DIR}/vector.control" ]; then
  log "pgvector already installed for PostgreSQL ${PG_MAJOR}"
  exit 0
fi

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"

# A deb-src entry for trixie on the mirror already configured.
MIRROR=$(grep -hoE 'https?://[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | head -1 || true)
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SRC_LIST=/etc/apt/sources.list.d/strata-trixie-src.sources
if [ ! -f "$SRC_LIST" ]; then
  log "adding deb-src for trixie from ${MIRROR}"
  $SUDO tee "$SRC_LIST" >/dev/null <<SRC
Types: deb-src
URIs: ${MIRROR}
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev >/dev/null

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
log "fetching pgvector source"
apt-get source -qq --download-only pgvector >/dev/null 2>&1 || apt-get source -qq --download-only pgvector
dpkg-source -x --no-check ./*.dsc src >/dev/null
cd src
log "building against PostgreSQL ${PG_MAJOR}"
make -s PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config" OPTFLAGS="" >/dev/null
$SUDO make -s PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config" install >/dev/null
log "installed: $(ls "${EXT_DIR}"/vector.control)"
