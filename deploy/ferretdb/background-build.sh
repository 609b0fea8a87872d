# Sourced by the set-up, test and demo scripts: the FerretDB build is the slowest step of a fresh
# install and needs only Go, so it runs beside the npm install and the TypeScript build. With the
# PostgreSQL backend (the default) the same background job installs PostgreSQL when it is missing,
# and the store's PostgreSQL can start while FerretDB still builds.
#   start_store_build   start it in the background, unless MONGO_URL names a real store
#   finish_store_build  wait for it; on failure print its log and return 1
#   start_store_db      start PostgreSQL for FERRETDB_PORT (and HANDOFF_STATE_DIR) in the background,
#                       unless MONGO_URL is set or FERRETDB_BACKEND=sqlite
#   finish_store_db     wait for it; on failure print its log and return 1

store_build_pid=""
store_build_log=".local/logs/ferretdb-build.log"
store_db_pid=""
store_db_log=".local/logs/postgres-start.log"

store_uses_postgres() { [[ -z "${MONGO_URL:-}" && "${FERRETDB_BACKEND:-postgresql}" == postgresql ]]; }

# The FerretDB build, and beside it the PostgreSQL install when that backend is used.
store_build_job() {
  local pg_pid="" status=0
  if store_uses_postgres; then
    bash deploy/postgres/postgres.sh install &
    pg_pid=$!
  fi
  bash deploy/ferretdb/ferretdb.sh build || status=1
  if [[ -n "$pg_pid" ]]; then wait "$pg_pid" || status=1; fi
  return $status
}

start_store_build() {
  [[ -z "${MONGO_URL:-}" ]] || return 0
  mkdir -p "$(dirname "$store_build_log")"
  echo "==> building FerretDB in the background (cached; log in $store_build_log)"
  store_build_job >"$store_build_log" 2>&1 &
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

start_store_db() {
  store_uses_postgres || return 0
  mkdir -p "$(dirname "$store_db_log")"
  echo "==> starting the store's PostgreSQL in the background (log in $store_db_log)"
  bash deploy/postgres/postgres.sh start >"$store_db_log" 2>&1 &
  store_db_pid=$!
}

finish_store_db() {
  [[ -n "$store_db_pid" ]] || return 0
  local pid="$store_db_pid"
  store_db_pid=""
  if ! wait "$pid"; then
    cat "$store_db_log"
    echo "PostgreSQL did not start" >&2
    return 1
  fi
}
