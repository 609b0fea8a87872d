#!/usr/bin/env bash
# npm run bench:platform [-- --quick]: the four services as the demo runs them, driven with handoffs
# at rising rates by apps/platform-e2e/src/bench/platform-bench.ts, on the benchmarks' own Kafka
# and store (see with-bench-infra.sh). BENCH_BASE_PORT (28300): five ports for the services, below
# the ephemeral range.
set -euo pipefail
exec bash "$(dirname "$0")/with-bench-infra.sh" node apps/platform-e2e/dist/bench/platform-bench.js "$@"
