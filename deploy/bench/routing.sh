#!/usr/bin/env bash
# npm run bench:routing: one routing replica's decisions against a presence process holding 10,000
# online agents (apps/routing/src/bench/routing-bench.ts), on the benchmarks' own Kafka and store
# (see with-bench-infra.sh). Environment: BENCH_AGENTS (10000), BENCH_DECISIONS (3000),
# BENCH_BATCHES (60).
set -euo pipefail
exec bash "$(dirname "$0")/with-bench-infra.sh" node apps/routing/dist/bench/routing-bench.js "$@"
