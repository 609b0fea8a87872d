#!/usr/bin/env bash
# Starts or stops the local Kafka broker and FerretDB store (with its PostgreSQL, or SQLite when
# FERRETDB_BACKEND=sqlite), unless KAFKA_BROKERS / MONGO_URL already point at real ones.
# Usage: infra.sh up [kafka|store]|down|reset
# Ports: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), FERRETDB_PORT (27017).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

# A cold JVM on a busy two-core machine can take minutes to start the broker.
export KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-240}"

kafka() { [[ -n "${KAFKA_BROKERS:-}" ]] || bash "$ROOT/deploy/kafka/kafka.sh" "$@"; }
store() { [[ -n "${MONGO_URL:-}" ]] || bash "$ROOT/deploy/ferretdb/ferretdb.sh" "$@"; }

case "${1:-} ${2:-}" in
  "up ") kafka start && store start ;;
  "up kafka") kafka start ;;
  "up store") store start ;;
  "down ") kafka stop || true; store stop || true ;;
  "reset ") kafka reset || true; store reset || true ;;
  *) echo "usage: infra.sh up [kafka|store]|down|reset" >&2; exit 2 ;;
esac
