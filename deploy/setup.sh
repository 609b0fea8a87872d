#!/usr/bin/env bash
# Installs everything a fresh machine needs, once: npm packages, the Kafka jars, the FerretDB
# binary, and the TypeScript build. Re-running it only redoes what changed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

step() { echo "==> $*"; }

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ -z "${KAFKA_BROKERS:-}" ]]; then
  step "fetching Kafka ${KAFKA_VERSION:-} jars (cached)"
  bash deploy/kafka/kafka.sh fetch
fi
if [[ -z "${MONGO_URL:-}" ]]; then
  step "building FerretDB (cached)"
  bash deploy/ferretdb/ferretdb.sh build
fi

step "building the services"
node_modules/.bin/tsc -b tsconfig.build.json
