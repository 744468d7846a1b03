#!/usr/bin/env bash
# Makes the local PostgreSQL server ready for the test suite, idempotently:
# pgvector installed, the cluster running and accepting connections.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${STRATA_SKIP_SERVER:-}" = "1" ]; then exit 0; fi
bash "$here/install-pgvector.sh"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "[prepare-server] starting PostgreSQL"
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -n | tail -1)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432
