#!/usr/bin/env bash
# npm run bench:platform [-- --quick]: starts a fresh Kafka and store of its own (never the demo's or
# the tests'), the four services as the demo runs them, and drives handoffs at rising rates through
# apps/platform-e2e/src/bench/platform-bench.ts; stops everything at the end.
# With KAFKA_BROKERS / MONGO_URL set, it uses those instead of starting its own.
# Ports: BENCH_KAFKA_PORT (29392), BENCH_FERRETDB_PORT (27217), BENCH_BASE_PORT (28300, five ports, below the ephemeral range).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

export HANDOFF_STATE_DIR="$ROOT/.local/bench"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-29392}" KAFKA_CONTROLLER_PORT="$(( ${BENCH_KAFKA_PORT:-29392} + 1 ))"
export FERRETDB_PORT="${BENCH_FERRETDB_PORT:-27217}"
external_kafka="${KAFKA_BROKERS:-}"
external_store="${MONGO_URL:-}"
cleanup() {
  echo "==> stopping the benchmark's Kafka and store"
  KAFKA_BROKERS="$external_kafka" MONGO_URL="$external_store" bash deploy/infra.sh reset >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash deploy/infra.sh reset >/dev/null 2>&1 || true
source deploy/ferretdb/background-build.sh
start_store_db
bash deploy/setup.sh
finish_store_db

echo "==> starting the benchmark's Kafka and store (fresh state)"
bash deploy/infra.sh up
export KAFKA_BROKERS="${external_kafka:-127.0.0.1:$KAFKA_PORT}"
export MONGO_URL="${external_store:-mongodb://127.0.0.1:$FERRETDB_PORT}"

node apps/platform-e2e/dist/bench/platform-bench.js "$@"
