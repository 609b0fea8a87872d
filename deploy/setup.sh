#!/usr/bin/env bash
# Installs everything a fresh machine needs, once: npm packages, the Kafka jars, the FerretDB
# binary, and the TypeScript build. Re-running it only redoes what changed.
# --without-store leaves the FerretDB build to the caller.
set -euo pipefail
build_store=true
[[ "${1:-}" == "--without-store" ]] && build_store=false
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mkdir -p .local/logs

step() { echo "==> $*"; }

# The FerretDB build is the slowest step and needs only Go: run it beside the rest.
ferretdb_pid=""
if [[ -z "${MONGO_URL:-}" && $build_store == true ]]; then
  step "building FerretDB in the background (cached; log in .local/logs/ferretdb-build.log)"
  bash deploy/ferretdb/ferretdb.sh build >.local/logs/ferretdb-build.log 2>&1 &
  ferretdb_pid=$!
fi

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  step "fetching the Kafka jars (cached)"
  bash deploy/kafka/kafka.sh fetch
fi

step "building the services"
node_modules/.bin/tsc -b tsconfig.build.json

if [[ -n "$ferretdb_pid" ]]; then
  if ! wait "$ferretdb_pid"; then
    cat .local/logs/ferretdb-build.log
    echo "FerretDB build failed" >&2
    exit 1
  fi
  step "FerretDB ready"
fi
