#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft: broker + controller in one JVM) for local
# development and tests, run straight from Maven Central jars (no Docker).
#
# Usage: kafka.sh fetch|start|stop|status|reset|run <main-class> [args...]
#
# Environment:
#   KAFKA_VERSION          broker version (default 3.9.2; 4.x supported)
#   KAFKA_PORT             client listener port (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 90)
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL (default 30)
#   KAFKA_HEAP_OPTS        broker heap (default "-Xms256m -Xmx512m")
#   KAFKA_SASL             "true" adds a SASL_PLAINTEXT listener (SCRAM-SHA-256/512 and PLAIN)
#   KAFKA_SASL_PORT        its port (default KAFKA_PORT + 2)
#   KAFKA_SASL_USERNAME    its user (default handoff), created when the storage is formatted
#   KAFKA_SASL_PASSWORD    that user's password (default handoff-local-secret; loopback only)
#   HANDOFF_CACHE_DIR      jar cache root (default <repo>/.local/cache)
#   HANDOFF_STATE_DIR      runtime state root (default <repo>/.local)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_ROOT="$(cd "$(dirname "$0")/../.." && pwd)"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_SASL="${KAFKA_SASL:-false}"
KAFKA_SASL_PORT="${KAFKA_SASL_PORT:-$((KAFKA_PORT + 2))}"
KAFKA_SASL_USERNAME="${KAFKA_SASL_USERNAME:-handoff}"
KAFKA_SASL_PASSWORD="${KAFKA_SASL_PASSWORD:-handoff-local-secret}"
CACHE_ROOT="${HANDOFF_CACHE_DIR:-$REPO_ROOT/.local/cache}"
STATE_ROOT="${HANDOFF_STATE_DIR:-$REPO_ROOT/.local}"

HOST=127.0.0.1
NODE_ID=1
SCALA_BINARY=2.13
STATE_DIR="$STATE_ROOT/kafka-$KAFKA_PORT"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
CONF_FILE="$STATE_DIR/server.properties"
VERSION_FILE="$STATE_DIR/version"

log() { echo "[kafka:$KAFKA_PORT] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$KAFKA_PORT" =~ ^[0-9]+$ && "$KAFKA_CONTROLLER_PORT" =~ ^[0-9]+$ ]] || die "ports must be numeric"
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"
[[ "$KAFKA_SASL" == true || "$KAFKA_SASL" == false ]] || die "KAFKA_SASL must be true or false"
[[ "$KAFKA_SASL_USERNAME" =~ ^[A-Za-z0-9_-]+$ && "$KAFKA_SASL_PASSWORD" =~ ^[A-Za-z0-9_.-]+$ ]] \
  || die "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD: letters, digits, '_', '-' (and '.' in the password)"

# Everything that depends on the Kafka version. Called again with the version
# recorded in the state dir when talking to an already running broker.
use_version() {
  V="$1"
  [[ "$V" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || die "bad KAFKA_VERSION '$V'"
  MAJOR="${V%%.*}"
  LIBS_DIR="$CACHE_ROOT/kafka-$V/libs"
  if (( MAJOR >= 4 )); then
    LOGGING=log4j2
    BROKER_LOG_OPT="-Dlog4j2.configurationFile=$SCRIPT_DIR/config/log4j2.properties"
    TOOLS_LOG_OPT="-Dlog4j2.configurationFile=$SCRIPT_DIR/config/tools-log4j2.properties"
    # Moved from the Scala core module to kafka-tools in 4.0.
    API_VERSIONS_MAIN=org.apache.kafka.tools.BrokerApiVersionsCommand
  else
    LOGGING=reload4j
    BROKER_LOG_OPT="-Dlog4j.configuration=file:$SCRIPT_DIR/config/log4j.properties"
    TOOLS_LOG_OPT="-Dlog4j.configuration=file:$SCRIPT_DIR/config/tools-log4j.properties"
    API_VERSIONS_MAIN=kafka.admin.BrokerApiVersionsCommand
  fi
}
use_version "$KAFKA_VERSION"

# Serialise start/stop/reset on one port (e.g. parallel test runners).
lock_state() {
  mkdir -p "$STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE_DIR/.lock"
    flock -w 180 9 || die "could not lock $STATE_DIR"
  fi
}

fetch() {
  if [[ -f "$LIBS_DIR/.complete" ]]; then
    log "kafka $V jars cached in $LIBS_DIR"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (needed once to fetch kafka $V)"
  local parent tmp
  parent="$(dirname "$LIBS_DIR")"
  mkdir -p "$parent"
  # One resolver per version at a time; a waiter then finds the cache filled.
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$parent/.fetch.lock"
    flock -w 600 8 || die "could not lock $parent"
    if [[ -f "$LIBS_DIR/.complete" ]]; then exec 8>&-; return 0; fi
  fi
  # Resolve into a temp dir and rename, so an interrupted fetch never looks cached.
  tmp="$(mktemp -d "$parent/libs.tmp.XXXXXX")"
  log "resolving kafka $V jars from Maven Central ($LOGGING logging)..."
  # Maven 3.8 emits stray ANSI resets even in batch mode; strip them.
  if ! mvn -B -q -f "$SCRIPT_DIR/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$V" -Dkafka.logging="$LOGGING" -Dkafka.libs.dir="$tmp" 2>&1 \
      | sed $'s/\x1b\\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "maven could not resolve kafka $V"
  fi
  [[ -f "$tmp/kafka_$SCALA_BINARY-$V.jar" ]] || { rm -rf "$tmp"; die "kafka_$SCALA_BINARY-$V.jar missing after resolve"; }
  touch "$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  exec 8>&-
  log "kafka $V jars in $LIBS_DIR ($(find "$LIBS_DIR" -name '*.jar' | wc -l | tr -d ' ') jars)"
}

# Run a main class from the cached jars with quiet console logging. Short-lived
# JVM flags keep each tool invocation around a second or two.
tool_jvm() {
  TOOL_JVM=(java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    "$TOOLS_LOG_OPT" -cp "$LIBS_DIR/*")
}
run_class() { tool_jvm; "${TOOL_JVM[@]}" "$@"; }
run_class_timeout() {
  local secs="$1"; shift
  tool_jvm
  if command -v timeout >/dev/null 2>&1; then timeout "$secs" "${TOOL_JVM[@]}" "$@"; else "${TOOL_JVM[@]}" "$@"; fi
}

# Prints the broker pid if our broker JVM is alive. Matching the command line
# guards against a recycled pid; the process scan covers a lost pid file.
broker_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$PID_FILE" 2>/dev/null || true)"
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null \
        && ps -ww -p "$pid" -o args= 2>/dev/null | grep -qF "kafka.Kafka $CONF_FILE"; then
      echo "$pid"
      return 0
    fi
  fi
  pid="$(ps -ww -eo pid=,args= 2>/dev/null | grep -F "kafka.Kafka $CONF_FILE" | grep -v grep | awk 'NR==1{print $1}' || true)"
  [[ -n "$pid" ]] || return 1
  echo "$pid" >"$PID_FILE"
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# True only when the broker serves Kafka requests and lists itself as a live
# (unfenced) broker in its metadata, i.e. topics can be created right away.
answering() {
  port_open "$KAFKA_PORT" || return 1
  [[ -f "$LIBS_DIR/.complete" ]] || fetch
  local out
  out="$(run_class_timeout 30 "$API_VERSIONS_MAIN" --bootstrap-server "$HOST:$KAFKA_PORT" 2>/dev/null)" || return 1
  grep -q "(id: $NODE_ID " <<<"$out"
}

# The version a running/previous broker on this port was started with.
recorded_version() { [[ -f "$VERSION_FILE" ]] && cat "$VERSION_FILE" || echo "$KAFKA_VERSION"; }

show_logs() {
  local f
  for f in "$LOG_DIR/server.log" "$LOG_DIR/kafka.out"; do
    [[ -s "$f" ]] || continue
    echo "----- tail of $f -----" >&2
    tail -n 40 "$f" >&2
  done
}

write_config() {
  local listeners="PLAINTEXT://$HOST:$KAFKA_PORT" protocols="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
  if [[ "$KAFKA_SASL" == true ]]; then
    listeners+=",SASL_PLAINTEXT://$HOST:$KAFKA_SASL_PORT"
    protocols+=",SASL_PLAINTEXT:SASL_PLAINTEXT"
  fi
  cat >"$CONF_FILE" <<EOF
# Generated by kafka.sh on each start; edits are overwritten.
process.roles=broker,controller
node.id=$NODE_ID
controller.quorum.voters=$NODE_ID@$HOST:$KAFKA_CONTROLLER_PORT
listeners=$listeners,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=$listeners
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protocols
log.dirs=$DATA_DIR
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
# Fewer offsets partitions than the default 50: the first consumer group on a fresh node joins in
# a second instead of waiting for fifty partitions to come up.
offsets.topic.num.partitions=${KAFKA_OFFSETS_PARTITIONS:-4}
transaction.state.log.replication.factor=1
transaction.state.log.num.partitions=${KAFKA_OFFSETS_PARTITIONS:-4}
transaction.state.log.min.isr=1
# Topics are created by the services with their settings (size limits); a stray read must not create one.
auto.create.topics.enable=false
# Single dev node: no point delaying the first consumer group rebalance.
group.initial.rebalance.delay.ms=0
EOF
  if [[ "$KAFKA_SASL" == true ]]; then
    # SCRAM users live in the cluster metadata (added when the storage is formatted); PLAIN's in the JAAS line.
    cat >>"$CONF_FILE" <<EOF
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$KAFKA_SASL_USERNAME="$KAFKA_SASL_PASSWORD";
EOF
  fi
  if (( MAJOR >= 4 )); then
    # Share groups (4.x) default to RF 3 for their state topic.
    cat >>"$CONF_FILE" <<EOF
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
  fi
}

format_storage() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local cluster_id
  cluster_id="$(run_class kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id (got '$cluster_id')"
  local -a scram=()
  if [[ "$KAFKA_SASL" == true ]]; then
    scram=(--add-scram "SCRAM-SHA-256=[name=$KAFKA_SASL_USERNAME,password=$KAFKA_SASL_PASSWORD]"
      --add-scram "SCRAM-SHA-512=[name=$KAFKA_SASL_USERNAME,password=$KAFKA_SASL_PASSWORD]")
  fi
  log "formatting $DATA_DIR (cluster id $cluster_id)"
  run_class kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF_FILE" --ignore-formatted "${scram[@]}" \
    >>"$LOG_DIR/format.log" 2>&1 || { tail -n 20 "$LOG_DIR/format.log" >&2; die "storage format failed"; }
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_logs
      die "broker (pid $pid) exited during startup"
    fi
    if answering; then
      return 0
    fi
    sleep 1
  done
  # On a loaded machine the probe JVM itself can take many seconds: if the
  # listener is up at the deadline, give one last probe a chance to finish.
  if kill -0 "$pid" 2>/dev/null && port_open "$KAFKA_PORT" && answering; then
    return 0
  fi
  show_logs
  log "broker did not answer within ${KAFKA_START_TIMEOUT}s; stopping it"
  stop_pid "$pid"
  die "startup timed out"
}

start() {
  lock_state
  local pid
  if pid="$(broker_pid)"; then
    use_version "$(recorded_version)"
    [[ "$V" == "$KAFKA_VERSION" ]] || log "note: running broker is kafka $V, not $KAFKA_VERSION (stop it to switch)"
    if answering; then
      log "already running (pid $pid, kafka $V) on $HOST:$KAFKA_PORT"
      return 0
    fi
    log "pid $pid is alive but not answering yet; waiting"
    wait_ready "$pid"
    log "ready (pid $pid, kafka $V) on $HOST:$KAFKA_PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is used by another process"
  port_open "$KAFKA_CONTROLLER_PORT" && die "port $KAFKA_CONTROLLER_PORT is used by another process"
  [[ "$KAFKA_SASL" == true ]] && port_open "$KAFKA_SASL_PORT" && die "port $KAFKA_SASL_PORT is used by another process"

  fetch
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  if [[ -f "$VERSION_FILE" && "$(cat "$VERSION_FILE")" != "$V" && -f "$DATA_DIR/meta.properties" ]]; then
    log "note: data dir was last used by kafka $(cat "$VERSION_FILE"); if startup fails, run 'reset'"
  fi
  write_config
  format_storage
  echo "$V" >"$VERSION_FILE"

  local -a heap
  read -r -a heap <<<"$KAFKA_HEAP_OPTS"
  local -a detach=(nohup)
  # Own session: the broker must outlive the shell/task runner that started it.
  command -v setsid >/dev/null 2>&1 && detach=(nohup setsid)
  log "starting kafka $V (logs in $LOG_DIR)"
  echo "----- start $(date '+%Y-%m-%d %H:%M:%S') kafka $V -----" >>"$LOG_DIR/kafka.out"
  # The inner shell records its own pid, then execs java with that same pid.
  # Lock fds 8/9 are closed so the broker does not hold them for its lifetime.
  "${detach[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    java "${heap[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    `# C1 only: on a small machine shared with the services, C2's compiling costs more than it wins.` \
    -XX:TieredStopAtLevel=1 \
    "-Dkafka.logs.dir=$LOG_DIR" "$BROKER_LOG_OPT" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$CONF_FILE" \
    </dev/null >>"$LOG_DIR/kafka.out" 2>&1 8>&- 9>&- &

  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "broker process did not start"
  wait_ready "$pid"
  log "ready (pid $pid, kafka $V) on $HOST:$KAFKA_PORT"
}

stop_pid() {
  local pid="$1" deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PID_FILE"
}

stop() {
  lock_state
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping pid $pid"
  stop_pid "$pid"
  log "stopped"
}

status() {
  local pid
  if ! pid="$(broker_pid)"; then
    log "not running"
    return 1
  fi
  use_version "$(recorded_version)"
  if answering; then
    log "running (pid $pid, kafka $V) on $HOST:$KAFKA_PORT"
    return 0
  fi
  log "pid $pid is alive but not answering"
  return 1
}

reset() {
  stop
  # Only ever the per-port state dir, never the whole state root.
  [[ "$(basename "$STATE_DIR")" == "kafka-$KAFKA_PORT" ]] || die "refusing to delete $STATE_DIR"
  rm -rf "$STATE_DIR"
  log "deleted $STATE_DIR"
}

# Everything runs from main(), called on the last line, so bash has parsed the
# whole file before acting (safe against the script being edited mid-run).
main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch) fetch ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    reset) reset ;;
    run)
      [[ $# -gt 0 ]] || die "usage: kafka.sh run <main-class> [args...]"
      [[ -f "$LIBS_DIR/.complete" ]] || fetch
      run_class "$@"
      ;;
    *)
      echo "usage: $(basename "$0") fetch|start|stop|status|reset|run <main-class> [args...]" >&2
      exit 2
      ;;
  esac
}

main "$@"; exit
