#!/usr/bin/env bash
# Local FerretDB for development and tests, no Docker. Its backend is a local PostgreSQL
# (deploy/postgres/postgres.sh, one instance per FerretDB port) or, with FERRETDB_BACKEND=sqlite,
# SQLite files in the state dir.
#
#   ferretdb.sh build           build the server binary, both backends (cached)
#   ferretdb.sh start           start PostgreSQL if needed, then FerretDB on 127.0.0.1:$FERRETDB_PORT,
#                               and wait until it answers
#   ferretdb.sh stop            stop FerretDB, then this port's PostgreSQL (TERM, then KILL after a timeout)
#   ferretdb.sh status          exit 0 if running and answering, 1 if not answering, 3 if stopped
#   ferretdb.sh reset           stop and delete this port's data (FerretDB's and PostgreSQL's)
#   ferretdb.sh ping            one wire-protocol ping
#   ferretdb.sh smoke           functional check against the running server
#   ferretdb.sh uri             print the connection string
#
# Environment:
#   FERRETDB_PORT (27017)            FERRETDB_LOG_LEVEL (info)
#   FERRETDB_BACKEND (postgresql)    or sqlite
#   FERRETDB_PG_POOL_MAX_CONNS (90)  FerretDB's PostgreSQL pool; 50 (FerretDB's default) hangs on
#                                    write commands with 50 or more statements
#   FERRETDB_START_TIMEOUT (60 s)    FERRETDB_STOP_TIMEOUT (15 s)
#   FERRETDB_SERIALIZE (true)        one write command at a time, see serialize.go
#   HANDOFF_CACHE_DIR (<repo>/.local/cache)   HANDOFF_STATE_DIR (<repo>/.local)
set -euo pipefail

SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SRC_DIR/../.." && pwd)"

PORT="${FERRETDB_PORT:-27017}"
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
  echo "ferretdb: invalid FERRETDB_PORT '$PORT'" >&2
  exit 2
fi

VERSION="$(awk '$1 == "github.com/FerretDB/FerretDB" { print $2; exit }' "$SRC_DIR/go.mod")"
CACHE_DIR="${HANDOFF_CACHE_DIR:-$REPO_DIR/.local/cache}/ferretdb-$VERSION"
BIN="$CACHE_DIR/ferretdb-server"
STAMP="$CACHE_DIR/ferretdb-server.sha256"

STATE_DIR="${HANDOFF_STATE_DIR:-$REPO_DIR/.local}/ferretdb-$PORT"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/ferretdb.log"
PID_FILE="$STATE_DIR/ferretdb.pid"
BACKEND_FILE="$STATE_DIR/backend"
POSTGRES_SH="$REPO_DIR/deploy/postgres/postgres.sh"

BACKEND="${FERRETDB_BACKEND:-postgresql}"
case "$BACKEND" in
  postgresql | sqlite) ;;
  *)
    echo "ferretdb: invalid FERRETDB_BACKEND '$BACKEND' (postgresql or sqlite)" >&2
    exit 2
    ;;
esac
PG_POOL_MAX_CONNS="${FERRETDB_PG_POOL_MAX_CONNS:-90}"

START_TIMEOUT="${FERRETDB_START_TIMEOUT:-60}"
STOP_TIMEOUT="${FERRETDB_STOP_TIMEOUT:-15}"

log() { echo "ferretdb[$PORT]: $*" >&2; }

# Both backends (PostgreSQL and SQLite); FerretDB's other ones are behind opt-in tags.
BUILD_TAGS=""

# Hash of everything that affects the binary, so edits trigger a rebuild.
source_hash() {
  (cd "$SRC_DIR" && echo "$BUILD_TAGS" && cat go.mod go.sum ./*.go) | sha256sum | cut -d' ' -f1
}

cmd_build() {
  local want
  want="$(source_hash)"
  if [[ -x "$BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    return 0
  fi

  log "building FerretDB $VERSION into $BIN"
  mkdir -p "$CACHE_DIR"
  local tmp="$BIN.tmp.$$" started=$SECONDS
  # -mod=mod: tolerate a go.sum that lacks entries for this Go version;
  # CGO off: the SQLite and PostgreSQL drivers are pure Go, so no C toolchain is needed.
  (cd "$SRC_DIR" && CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=mod -buildvcs=false" \
    go build -tags "$BUILD_TAGS" -trimpath -o "$tmp" .)
  mv -f "$tmp" "$BIN"
  echo "$want" >"$STAMP"
  log "built in $((SECONDS - started))s"
}

# True while the process exists and is not a zombie awaiting its reaper.
alive() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$stat" && "$stat" != Z* ]]
}

# Prints the pid if the pid file names a live ferretdb-server process.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  alive "$pid" || return 1
  # Guard against pid reuse by an unrelated process.
  ps -p "$pid" -o args= 2>/dev/null | grep -q 'ferretdb-server' || return 1
  echo "$pid"
}

ping_once() {
  "$BIN" -ping -port "$PORT" -timeout "${1:-2s}" >/dev/null 2>&1
}

# Microsecond clock (bash 5), falling back to whole seconds.
now_us() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then
    echo "${EPOCHREALTIME/[^0-9]/}" # drop the locale's decimal separator
  else
    echo "$((SECONDS * 1000000))"
  fi
}

elapsed() { awk -v a="$1" -v b="$(now_us)" 'BEGIN { printf "%.2f", (b - a) / 1e6 }'; }

show_log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    echo "---- last lines of $LOG_FILE ----" >&2
    tail -n 40 "$LOG_FILE" >&2
    echo "----" >&2
  fi
}

# The backend of the server with pid $1: from its command line (a server started before there
# was a choice runs on SQLite), else as recorded at its start.
server_backend() {
  case "$(ps -ww -p "$1" -o args= 2>/dev/null || true)" in
    *"-backend postgresql"*) echo postgresql ;;
    *"-backend sqlite"* | *"-data-dir"*) echo sqlite ;;
    *) if [[ -f "$BACKEND_FILE" ]]; then cat "$BACKEND_FILE"; else echo "$BACKEND"; fi ;;
  esac
}

postgres() { FERRETDB_PORT="$PORT" bash "$POSTGRES_SH" "$@"; }

cmd_start() {
  cmd_build

  local pid started="$(now_us)"
  if pid="$(running_pid)"; then
    local running_backend
    running_backend="$(server_backend "$pid")"
    [[ "$running_backend" == "$BACKEND" ]] \
      || log "note: the running server uses the $running_backend backend, not $BACKEND (stop it to switch)"
    # Its PostgreSQL may have been stopped on its own; bring it back.
    [[ "$running_backend" != postgresql ]] || postgres start
    log "already running (pid $pid, $running_backend backend)"
  else
    if ping_once 1s; then
      log "port $PORT already answers but is not managed here (no pid in $PID_FILE)"
      exit 1
    fi

    local -a backend_args
    if [[ "$BACKEND" == postgresql ]]; then
      postgres start
      local pg_url
      pg_url="$(postgres url)&pool_max_conns=$PG_POOL_MAX_CONNS"
      backend_args=(-backend postgresql -postgresql-url "$pg_url")
    else
      mkdir -p "$DATA_DIR"
      backend_args=(-backend sqlite -data-dir "$DATA_DIR")
    fi

    mkdir -p "$STATE_DIR"
    echo "$BACKEND" >"$BACKEND_FILE"
    echo "=== start $(date '+%Y-%m-%dT%H:%M:%S%z') ($BACKEND backend) ===" >>"$LOG_FILE"
    # setsid detaches it from the caller's terminal and process group, so
    # Ctrl-C in whatever ran `start` does not stop it; `stop` does.
    local detach=()
    command -v setsid >/dev/null && detach=(setsid)
    FERRETDB_SERIALIZE="${FERRETDB_SERIALIZE:-true}" \
      nohup "${detach[@]}" "$BIN" -port "$PORT" "${backend_args[@]}" -log-level "${FERRETDB_LOG_LEVEL:-info}" \
      >>"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    if [[ "$BACKEND" == postgresql ]]; then
      log "started pid $pid on PostgreSQL ($(postgres url))"
    else
      log "started pid $pid on SQLite, data in $DATA_DIR"
    fi
  fi

  local deadline=$((SECONDS + START_TIMEOUT))
  until ping_once 2s; do
    if ! alive "$pid"; then
      log "server exited during startup"
      rm -f "$PID_FILE"
      show_log_tail
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "not answering after ${START_TIMEOUT}s, stopping it"
      show_log_tail
      cmd_stop
      exit 1
    fi
    sleep 0.2
  done
  log "ready at mongodb://127.0.0.1:$PORT/ after $(elapsed "$started")s"
}

# Stops FerretDB, then this port's PostgreSQL (if one runs), whatever the backend.
cmd_stop() {
  local rc=0
  stop_server || rc=1
  postgres stop || rc=1
  return $rc
}

stop_server() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi

  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT)) killed=
  while alive "$pid"; do
    if [[ -z "$killed" ]] && ((SECONDS >= deadline)); then
      log "still running after ${STOP_TIMEOUT}s, sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      killed=1
      deadline=$((SECONDS + 5))
    elif [[ -n "$killed" ]] && ((SECONDS >= deadline)); then
      log "pid $pid survived KILL"
      return 1
    fi
    sleep 0.1
  done
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

# FerretDB's state decides the exit code; PostgreSQL's is reported beside it, and a FerretDB
# on PostgreSQL whose PostgreSQL does not answer counts as not answering.
cmd_status() {
  local pid pg_rc=0 backend
  postgres status || pg_rc=$?
  if ! pid="$(running_pid)"; then
    log "stopped"
    return 3
  fi
  backend="$(server_backend "$pid")"
  [[ -x "$BIN" ]] || cmd_build
  if ping_once 2s && [[ "$backend" != postgresql || $pg_rc -eq 0 ]]; then
    log "running (pid $pid, $backend backend) at mongodb://127.0.0.1:$PORT/"
    return 0
  fi
  log "process $pid ($backend backend) is alive but not answering"
  return 1
}

cmd_reset() {
  stop_server
  rm -rf "$STATE_DIR"
  log "removed $STATE_DIR"
  postgres reset
}

cmd_ping() {
  cmd_build
  "$BIN" -ping -port "$PORT"
}

cmd_smoke() {
  cmd_build
  "$BIN" -smoke -port "$PORT"
}

case "${1:-}" in
  build) cmd_build ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  ping) cmd_ping ;;
  smoke) cmd_smoke ;;
  uri) echo "mongodb://127.0.0.1:$PORT/" ;;
  *)
    sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
