#!/usr/bin/env bash
# Local PostgreSQL for FerretDB's postgresql backend, for development and tests, no Docker.
# It runs Debian's PostgreSQL 15 binaries, listens only on a Unix socket inside its state dir
# (no TCP), trusts local connections and trades durability for speed: a throwaway store.
#
# Usage: postgres.sh install|start|stop|status|reset|url
#   install   make sure the PostgreSQL binaries are there (apt-get install postgresql when root)
#   start     initialise on first use, start, and wait until the database answers
#   stop      stop it (TERM, then INT (fast shutdown) after 5 s, then KILL after a timeout)
#   status    exit 0 if running and answering, 1 if not answering, 3 if stopped
#   reset     stop and delete this instance's state dir
#   url       print the libpq connection URL (database `ferretdb`, socket directory as host)
#
# The instance is named after the FerretDB port it serves, so demo and test stores stay apart.
# As root, PostgreSQL (which refuses to run as root) runs as the `postgres` system user, or as
# `handoff-pg` (created if needed) when there is no such user.
#
# Environment:
#   FERRETDB_PORT (27017)             identifies the instance: <state>/postgres-<port>
#   POSTGRES_BIN_DIR                  binaries (default /usr/lib/postgresql/15/bin or pg_config --bindir)
#   POSTGRES_START_TIMEOUT (60 s)     POSTGRES_STOP_TIMEOUT (30 s)
#   HANDOFF_STATE_DIR (<repo>/.local)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

PORT="${FERRETDB_PORT:-27017}"
START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
STOP_TIMEOUT="${POSTGRES_STOP_TIMEOUT:-30}"
STATE_ROOT="${HANDOFF_STATE_DIR:-$REPO_ROOT/.local}"
STATE_DIR="$STATE_ROOT/postgres-$PORT"
# Where data, socket and server log live: the state dir, unless the server's user cannot reach it
# or the socket path would be too long; then a private dir under /var/tmp named in this file.
HOME_FILE="$STATE_DIR/home"
ALT_HOME_PREFIX="/var/tmp/handoff-postgres-"
DB_NAME=ferretdb
DB_SUPERUSER=postgres
PG_PORT=5432 # only names the socket file; there is no TCP listener

log() { echo "[postgres:$PORT] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT >= 1 && PORT <= 65535)) || die "invalid FERRETDB_PORT '$PORT'"
[[ "$START_TIMEOUT" =~ ^[0-9]+$ && "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "timeouts must be whole seconds"

resolve_home() {
  PG_HOME="$STATE_DIR"
  if [[ -f "$HOME_FILE" ]]; then
    PG_HOME="$(cat "$HOME_FILE")"
    [[ "$PG_HOME" == "$ALT_HOME_PREFIX"* ]] || die "unexpected home '$PG_HOME' in $HOME_FILE"
  fi
  DATA_DIR="$PG_HOME/data"
  SOCK_DIR="$PG_HOME/socket"
  LOG_FILE="$PG_HOME/postgres.log"
}
resolve_home

# --- binaries and the user that runs them -----------------------------------------------------

find_bin_dir() {
  local d
  for d in "${POSTGRES_BIN_DIR:-}" /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null || true)"; do
    [[ -n "$d" && -x "$d/initdb" && -x "$d/postgres" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  # Another Debian major version (e.g. 16, 17) also serves FerretDB 1.24.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4 -rn); do
    [[ -x "$d/initdb" && -x "$d/postgres" && -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  return 1
}

cmd_install() {
  if BIN_DIR="$(find_bin_dir)"; then
    return 0
  fi
  if [[ $EUID -ne 0 ]]; then
    die "PostgreSQL server binaries not found (looked in \$POSTGRES_BIN_DIR, /usr/lib/postgresql/15/bin,
  pg_config --bindir). Install them, e.g. 'sudo apt-get install postgresql' (Debian/Ubuntu),
  and set POSTGRES_BIN_DIR if they are elsewhere; or use FERRETDB_BACKEND=sqlite."
  fi
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL binaries not found and no apt-get to install them; set POSTGRES_BIN_DIR"
  # One install at a time (the set-up's background job and a start may both get here).
  if command -v flock >/dev/null 2>&1; then
    exec 7>"${TMPDIR:-/tmp}/handoff-postgres-install.lock"
    flock -w 900 7 || die "could not lock the PostgreSQL install"
    if BIN_DIR="$(find_bin_dir)"; then exec 7>&-; return 0; fi
  fi
  log "installing PostgreSQL with apt-get (once)"
  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600)
  if ! "${apt[@]}" install -y postgresql >&2; then
    log "apt-get install failed; updating the package lists and trying again"
    "${apt[@]}" update >&2 || die "apt-get update failed"
    "${apt[@]}" install -y postgresql >&2 || die "apt-get install postgresql failed"
  fi
  exec 7>&-
  BIN_DIR="$(find_bin_dir)" || die "postgresql installed, but its server binaries were not found"
  log "PostgreSQL binaries in $BIN_DIR"
}

# PostgreSQL refuses to run as root: as root use the Debian package's `postgres` user.
pick_user() {
  if [[ $EUID -ne 0 ]]; then
    PG_USER="$(id -un)"
    return 0
  fi
  if id -u postgres >/dev/null 2>&1; then
    PG_USER=postgres
  else
    PG_USER=handoff-pg
    if ! id -u "$PG_USER" >/dev/null 2>&1; then
      log "creating system user $PG_USER to run PostgreSQL"
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER" >&2 \
        || die "could not create system user $PG_USER"
    fi
  fi
}

# Runs a command as the server's user, from a directory it can read.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_USER" -- "$@")
  else
    "$@"
  fi
}

own() { if [[ $EUID -eq 0 ]]; then chown "$PG_USER:" "$@"; fi; }

# --- locking and process checks ---------------------------------------------------------------

# Serialise start/stop/reset of one instance (e.g. a background start and a foreground one).
lock_state() {
  mkdir -p "$STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE_DIR/.lock"
    flock -w 180 9 || die "could not lock $STATE_DIR"
  fi
}

alive() {
  local stat
  stat="$(ps -o stat= -p "$1" 2>/dev/null)" || return 1
  [[ -n "$stat" && "$stat" != Z* ]]
}

# Prints the postmaster's pid if postmaster.pid names a live postgres serving our data dir.
running_pid() {
  [[ -f "$DATA_DIR/postmaster.pid" ]] || return 1
  local pid
  pid="$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null | tr -dc '0-9')"
  [[ -n "$pid" ]] || return 1
  alive "$pid" || return 1
  # Guard against pid reuse by an unrelated process.
  ps -ww -p "$pid" -o args= 2>/dev/null | grep -qF -- "$DATA_DIR" || return 1
  echo "$pid"
}

# True when the database `ferretdb` accepts a query.
answering() {
  [[ -S "$SOCK_DIR/.s.PGSQL.$PG_PORT" ]] || return 1
  PGCONNECT_TIMEOUT=3 "$BIN_DIR/psql" -X -q -h "$SOCK_DIR" -p "$PG_PORT" -U "$DB_SUPERUSER" \
    -d "$DB_NAME" -Atc 'SELECT 1' >/dev/null 2>&1
}

show_log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    echo "---- last lines of $LOG_FILE ----" >&2
    tail -n 30 "$LOG_FILE" >&2
    echo "----" >&2
  fi
}

# --- start ------------------------------------------------------------------------------------

# Chooses where data and socket live, the first time. The state dir is used when the server's
# user can write there and the socket path fits the 107-byte limit of Unix sockets.
prepare_home() {
  [[ -f "$HOME_FILE" || -f "$DATA_DIR/PG_VERSION" ]] && return 0
  own "$STATE_DIR"
  local sock_path="$STATE_DIR/socket/.s.PGSQL.$PG_PORT"
  if ((${#sock_path} <= 100)) && as_pg test -w "$STATE_DIR" -a -x "$STATE_DIR"; then
    return 0
  fi
  local alt
  alt="$ALT_HOME_PREFIX$(printf '%s' "$STATE_DIR" | sha256sum | cut -c1-12)"
  log "note: $PG_USER cannot use $STATE_DIR or its socket path is too long; data goes to $alt"
  mkdir -p "$alt"
  chmod 700 "$alt"
  own "$alt"
  echo "$alt" >"$HOME_FILE"
  resolve_home
}

init_cluster() {
  [[ -f "$DATA_DIR/PG_VERSION" ]] && return 0
  log "initialising $DATA_DIR"
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  chmod 700 "$DATA_DIR"
  own "$DATA_DIR"
  # C locale and UTF8: the only settings FerretDB accepts.
  as_pg "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$DB_SUPERUSER" --auth=trust --encoding=UTF8 --locale=C \
    --no-sync --no-instructions >>"$LOG_FILE" 2>&1 || { show_log_tail; rm -rf "$DATA_DIR"; die "initdb failed"; }
  # Unix socket only, no password, for anyone who can enter the socket directory (mode 0700).
  as_pg sh -c 'echo "local all all trust" >"$1/pg_hba.conf"' sh "$DATA_DIR"
  as_pg sh -c "echo \"include_if_exists 'handoff.conf'\" >>\"\$1/postgresql.conf\"" sh "$DATA_DIR"
}

write_config() {
  local conf
  conf="$(cat <<EOF
# Generated by postgres.sh on each start; edits are overwritten.
listen_addresses = ''
unix_socket_directories = '$SOCK_DIR'
unix_socket_permissions = 0700
port = $PG_PORT
max_connections = 200
shared_buffers = 128MB
# Throwaway dev/test store: durability traded for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
)"
  as_pg sh -c 'cat >"$1/handoff.conf"' sh "$DATA_DIR" <<<"$conf"
}

ensure_database() {
  local exists
  exists="$("$BIN_DIR/psql" -X -q -h "$SOCK_DIR" -p "$PG_PORT" -U "$DB_SUPERUSER" -d postgres -Atc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" 2>>"$LOG_FILE")" || return 1
  [[ "$exists" == 1 ]] && return 0
  log "creating database $DB_NAME"
  "$BIN_DIR/psql" -X -q -h "$SOCK_DIR" -p "$PG_PORT" -U "$DB_SUPERUSER" -d postgres -c "CREATE DATABASE $DB_NAME" \
    >>"$LOG_FILE" 2>&1
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  until answering; do
    if ! alive "$pid"; then
      show_log_tail
      die "server (pid $pid) exited during startup"
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail
      log "not answering after ${START_TIMEOUT}s; stopping it"
      stop_pid "$pid"
      die "startup timed out"
    fi
    sleep 0.2
  done
}

cmd_start() {
  cmd_install
  pick_user
  lock_state
  local pid started=$SECONDS
  if pid="$(running_pid)"; then
    if answering; then
      log "already running (pid $pid), socket in $SOCK_DIR"
      return 0
    fi
    log "pid $pid is alive but not answering yet; waiting"
    wait_ready "$pid"
    log "ready (pid $pid), socket in $SOCK_DIR"
    return 0
  fi

  prepare_home
  mkdir -p "$PG_HOME"
  touch "$LOG_FILE"
  own "$PG_HOME" "$LOG_FILE"
  init_cluster
  mkdir -p "$SOCK_DIR"
  chmod 700 "$SOCK_DIR"
  own "$SOCK_DIR"
  write_config
  echo "=== start $(date '+%Y-%m-%dT%H:%M:%S%z') ($BIN_DIR) ===" >>"$LOG_FILE"

  # pg_ctl detaches the server into its own session (Ctrl-C in the caller does not stop it)
  # and waits until it accepts connections. Lock fd 9 is closed so the server does not keep it.
  if ! as_pg "$BIN_DIR/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t "$START_TIMEOUT" -s 9>&- >&2; then
    show_log_tail
    if pid="$(running_pid)"; then stop_pid "$pid"; fi
    die "server did not start (log: $LOG_FILE; 'reset' deletes this instance's data)"
  fi
  pid="$(running_pid)" || { show_log_tail; die "server exited right after starting"; }
  until ensure_database; do
    alive "$pid" || { show_log_tail; die "server (pid $pid) exited during startup"; }
    ((SECONDS < started + START_TIMEOUT)) || { show_log_tail; stop_pid "$pid"; die "could not create database $DB_NAME"; }
    sleep 0.2
  done
  wait_ready "$pid"
  log "ready (pid $pid) after $((SECONDS - started))s, socket in $SOCK_DIR"
}

# --- stop, status, reset, url -----------------------------------------------------------------

# TERM is PostgreSQL's "smart" shutdown, which waits for clients to disconnect; INT after a few
# seconds disconnects them ("fast"); KILL if it is still there at the timeout.
stop_pid() {
  local pid="$1" deadline=$((SECONDS + STOP_TIMEOUT)) fast=$((SECONDS + 5))
  kill -TERM "$pid" 2>/dev/null || true
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      log "pid $pid still alive after ${STOP_TIMEOUT}s; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    if ((fast > 0 && SECONDS >= fast)); then
      kill -INT "$pid" 2>/dev/null || true
      fast=0
    fi
    sleep 0.1
  done
}

cmd_stop() {
  [[ -d "$STATE_DIR" ]] || { log "not running"; return 0; }
  lock_state
  local pid
  if ! pid="$(running_pid)"; then
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  stop_pid "$pid"
  log "stopped"
}

cmd_status() {
  local pid
  if ! pid="$(running_pid)"; then
    log "stopped"
    return 3
  fi
  BIN_DIR="$(find_bin_dir)" || { log "pid $pid is alive, but no psql to check it"; return 1; }
  if answering; then
    log "running (pid $pid), socket in $SOCK_DIR, url $(url)"
    return 0
  fi
  log "pid $pid is alive but not answering"
  return 1
}

cmd_reset() {
  [[ -d "$STATE_DIR" ]] || { log "nothing to delete"; return 0; }
  cmd_stop
  # Only ever this instance's own dirs, never the whole state root.
  [[ "$(basename "$STATE_DIR")" == "postgres-$PORT" ]] || die "refusing to delete $STATE_DIR"
  if [[ "$PG_HOME" != "$STATE_DIR" ]]; then
    [[ "$PG_HOME" == "$ALT_HOME_PREFIX"* ]] || die "refusing to delete $PG_HOME"
    rm -rf "$PG_HOME"
  fi
  rm -rf "$STATE_DIR"
  log "deleted $STATE_DIR"
}

# Percent-encodes a path for a URL query value.
urlencode() {
  local s="$1" out="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [A-Za-z0-9/._~-]) out+="$c" ;;
      *) out+="$(printf '%%%02X' "'$c")" ;;
    esac
  done
  echo "$out"
}

# The port is spelled out so that a PGPORT in the environment does not change the socket's name.
url() { echo "postgres://$DB_SUPERUSER@/$DB_NAME?host=$(urlencode "$SOCK_DIR")&port=$PG_PORT"; }

# Everything runs from main(), called on the last line, so bash has parsed the whole file
# before acting (safe against the script being edited mid-run).
main() {
  case "${1:-}" in
    install) cmd_install ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    url) url ;;
    *)
      sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2
      exit 2
      ;;
  esac
}

main "$@"; exit
