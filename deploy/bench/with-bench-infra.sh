#!/usr/bin/env bash
# Runs a benchmark command against a fresh Kafka and store of the benchmarks' own (never the demo's
# or the tests'), started here and stopped at the end. With KAFKA_BROKERS / MONGO_URL set, it uses
# those instead of starting its own. The command sees KAFKA_BROKERS and MONGO_URL.
# Ports: BENCH_KAFKA_PORT (29392), BENCH_FERRETDB_PORT (27217).
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

"$@"
