#!/usr/bin/env bash
# npm run bench:store [-- --quick | --seconds S | --docs N]: times the store operations the services
# use against FerretDB on PostgreSQL and FerretDB on SQLite. Both are private servers started here
# on their own ports and state dirs (never the demo's or the tests'), and stopped and deleted at
# the end. With MONGO_URL set, only that server is measured. Arguments go to
# tools/bench/store-bench.mjs; BENCH_SECONDS and BENCH_DOCS work too.
# Ports: BENCH_POSTGRESQL_PORT (27117), BENCH_SQLITE_PORT (27118).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

if [[ ! -d node_modules/mongodb ]]; then
  echo "==> installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ -n "${MONGO_URL:-}" ]]; then
  echo "==> benchmarking MONGO_URL only"
  exec node tools/bench/store-bench.mjs --store "external=$MONGO_URL" "$@"
fi

export HANDOFF_STATE_DIR="$ROOT/.local/bench-store"
pg_port="${BENCH_POSTGRESQL_PORT:-27117}"
sqlite_port="${BENCH_SQLITE_PORT:-27118}"
[[ "$pg_port" != "$sqlite_port" ]] || { echo "BENCH_POSTGRESQL_PORT and BENCH_SQLITE_PORT must differ" >&2; exit 2; }

store() {
  local backend="$1" port="$2"
  shift 2
  FERRETDB_BACKEND="$backend" FERRETDB_PORT="$port" bash deploy/ferretdb/ferretdb.sh "$@"
}

cleanup() {
  echo "==> stopping and deleting the benchmark stores"
  store postgresql "$pg_port" reset >/dev/null 2>&1 || true
  store sqlite "$sqlite_port" reset >/dev/null 2>&1 || true
  rmdir "$HANDOFF_STATE_DIR" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Fresh state: whatever an interrupted earlier run left behind in the benchmark's own dir goes.
store postgresql "$pg_port" reset >/dev/null 2>&1 || true
store sqlite "$sqlite_port" reset >/dev/null 2>&1 || true

# PostgreSQL starts while FerretDB builds (when it needs to).
echo "==> building FerretDB (cached) and starting PostgreSQL"
bash deploy/postgres/postgres.sh install
pg_log=".local/logs/bench-postgres-start.log"
mkdir -p "$(dirname "$pg_log")"
FERRETDB_PORT="$pg_port" bash deploy/postgres/postgres.sh start 2>"$pg_log" &
pg_start=$!
build_status=0
bash deploy/ferretdb/ferretdb.sh build || build_status=$?
if ! wait "$pg_start"; then
  cat "$pg_log" >&2
  echo "PostgreSQL did not start" >&2
  exit 1
fi
((build_status == 0)) || exit "$build_status"

echo "==> starting FerretDB on PostgreSQL (port $pg_port) and on SQLite (port $sqlite_port)"
store postgresql "$pg_port" start
store sqlite "$sqlite_port" start

node tools/bench/store-bench.mjs \
  --store "postgresql=mongodb://127.0.0.1:$pg_port/?directConnection=true" \
  --store "sqlite=mongodb://127.0.0.1:$sqlite_port/?directConnection=true" \
  "$@"
