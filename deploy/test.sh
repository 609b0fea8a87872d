#!/usr/bin/env bash
# The whole test suite: lint (module boundaries included), unit tests, then integration and
# end-to-end tests against a Kafka broker and a FerretDB store started for this run on their
# own ports (or the KAFKA_BROKERS / MONGO_URL you give). Ends with "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# FerretDB takes longest to build and only the integration and e2e tiers need it: the install,
# lint, unit tests and the broker's start-up run meanwhile (and so does its PostgreSQL's start).
source deploy/ferretdb/background-build.sh
start_store_build
bash deploy/setup.sh --without-store || exit 1

RESULTS="$ROOT/.test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

# The web desk's end-to-end tests drive a real Chromium: installed (when missing) meanwhile.
bash deploy/chromium.sh >"$RESULTS/chromium.log" 2>&1 &
chromium_pid=$!

# Test infrastructure lives apart from a demo that may be running.
export HANDOFF_STATE_DIR="$ROOT/.local/test"
export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
export FERRETDB_PORT="${TEST_FERRETDB_PORT:-37017}"
# The test broker also has a SASL SCRAM listener, for the secured-Kafka tests.
export KAFKA_SASL=true KAFKA_SASL_PORT="${TEST_KAFKA_SASL_PORT:-19094}"
external_kafka="${KAFKA_BROKERS:-}"
external_store="${MONGO_URL:-}"

cleanup() { KAFKA_BROKERS="$external_kafka" MONGO_URL="$external_store" bash deploy/infra.sh down >/dev/null 2>&1 || true; }
trap cleanup EXIT INT TERM

echo "==> lint"
lint_status=0
NX_DAEMON=false npx --no-install nx run-many -t lint --outputStyle=static --skip-nx-cache >"$RESULTS/lint.log" 2>&1 || lint_status=1
if [[ $lint_status -ne 0 ]]; then cat "$RESULTS/lint.log"; echo "lint failed"; else echo "lint passed"; fi

status=$lint_status
run_tier() { node tools/testing/run-tier.mjs "$1" "$RESULTS/$1.json" 2>>"$RESULTS/$1.stderr.log" || status=1; }
run_tier unit

echo "==> starting test infrastructure"
bash deploy/infra.sh reset >/dev/null 2>&1 || true
start_store_db
bash deploy/infra.sh up kafka || exit 1
finish_store_build || exit 1
finish_store_db || exit 1
bash deploy/infra.sh up store || exit 1
export KAFKA_BROKERS="${external_kafka:-127.0.0.1:$KAFKA_PORT}"
if [[ -z "$external_kafka" ]]; then
  export KAFKA_SASL_TEST_BROKERS="127.0.0.1:$KAFKA_SASL_PORT" KAFKA_SASL_TEST_USERNAME=handoff KAFKA_SASL_TEST_PASSWORD=handoff-local-secret
fi
export MONGO_URL="${external_store:-mongodb://127.0.0.1:$FERRETDB_PORT}"

run_tier integration
run_tier fault
if ! wait "$chromium_pid"; then cat "$RESULTS/chromium.log"; echo "no Chromium for the desk tests"; status=1; fi
run_tier e2e

node tools/testing/summarize.mjs "$RESULTS" "$lint_status" || status=1
exit $status
