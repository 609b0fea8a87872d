#!/usr/bin/env bash
# Starts a local Kafka broker and FerretDB store (fresh state), the four services, and walks one
# conversation from the bot to a human agent, printing each hop. Stops everything at the end;
# pass --keep-running to leave the platform up until Ctrl-C.
# Set KAFKA_BROKERS / MONGO_URL to use your own Kafka / MongoDB instead of the local ones.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

external_kafka="${KAFKA_BROKERS:-}"
external_store="${MONGO_URL:-}"
cleanup() {
  echo "==> stopping local Kafka and FerretDB"
  KAFKA_BROKERS="$external_kafka" MONGO_URL="$external_store" bash deploy/infra.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# Fresh state first, so that the store's PostgreSQL can start while the set-up builds.
bash deploy/infra.sh reset >/dev/null 2>&1 || true
source deploy/ferretdb/background-build.sh
start_store_db
bash deploy/setup.sh
finish_store_db

echo "==> starting local Kafka and FerretDB (fresh state)"
bash deploy/infra.sh up
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:${FERRETDB_PORT:-27017}}"

node apps/platform-e2e/dist/demo/walkthrough.js "$@"
