#!/usr/bin/env bash
# Installs everything a fresh machine needs, once: npm packages, the Kafka jars, the FerretDB
# binary, PostgreSQL for it (apt-get, when missing and the backend is PostgreSQL), and the
# TypeScript build. Re-running it only redoes what changed.
# --without-store leaves the FerretDB build and the PostgreSQL install to the caller.
set -euo pipefail
build_store=true
[[ "${1:-}" == "--without-store" ]] && build_store=false
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

step() { echo "==> $*"; }

source deploy/ferretdb/background-build.sh
if [[ $build_store == true ]]; then start_store_build; fi

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

finish_store_build
