# Sourced by the set-up and test scripts: the FerretDB build is the slowest step of a fresh
# install and needs only Go, so it runs beside the npm install and the TypeScript build.
#   start_store_build   start it in the background, unless MONGO_URL names a real store
#   finish_store_build  wait for it; on failure print its log and return 1

store_build_pid=""
store_build_log=".local/logs/ferretdb-build.log"

start_store_build() {
  [[ -z "${MONGO_URL:-}" ]] || return 0
  mkdir -p "$(dirname "$store_build_log")"
  echo "==> building FerretDB in the background (cached; log in $store_build_log)"
  bash deploy/ferretdb/ferretdb.sh build >"$store_build_log" 2>&1 &
  store_build_pid=$!
}

finish_store_build() {
  [[ -n "$store_build_pid" ]] || return 0
  local pid="$store_build_pid"
  store_build_pid=""
  if ! wait "$pid"; then
    cat "$store_build_log"
    echo "FerretDB build failed" >&2
    return 1
  fi
  echo "==> FerretDB ready"
}
