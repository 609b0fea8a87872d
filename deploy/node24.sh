#!/usr/bin/env bash
# Runs a command on Node.js 24 LTS, the runtime of the service images, whatever Node the machine
# has: the binary comes from the npm registry's `node` package, once, into .local/cache.
#   bash deploy/node24.sh npm test
#   bash deploy/node24.sh npm run demo
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MAJOR=24
DIR="${HANDOFF_CACHE_DIR:-$ROOT/.local/cache}/node-$MAJOR"
BIN_DIR="$DIR/node_modules/.bin"

if [[ $# -eq 0 ]]; then
  echo "usage: node24.sh <command> [args...]" >&2
  exit 2
fi

if ! "$BIN_DIR/node" --version 2>/dev/null | grep -q "^v$MAJOR\."; then
  echo "==> fetching Node.js $MAJOR from the npm registry (cached in $DIR)" >&2
  mkdir -p "$DIR"
  [[ -f "$DIR/package.json" ]] || echo '{"private":true}' >"$DIR/package.json"
  npm install --prefix "$DIR" --no-audit --no-fund --no-save --loglevel=error "node@$MAJOR" >&2
fi

export PATH="$BIN_DIR:$PATH"
# As in the service image (deploy/images/Dockerfile): a known, harmless kafkajs warning.
export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--disable-warning=TimeoutNegativeWarning"
echo "==> running on Node.js $(node --version)" >&2
exec "$@"
