#!/usr/bin/env bash
# Start Debian's redis-server on 127.0.0.1:${REDIS_PORT:-6390}, no persistence, daemonized.
# Waits until `redis-cli ping` answers PONG. Installs nothing (apt-get install redis-server).
# Stop it with tests/services/stop-services.sh (same REDIS_PORT).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${REDIS_PORT:-6390}"
TIMEOUT="${SERVICE_START_TIMEOUT:-30}"
PIDFILE="$RUN_DIR/redis-$PORT.pid"
LOGFILE="$RUN_DIR/redis-$PORT.log"

command -v redis-server >/dev/null || svc_die "redis-server not found (apt-get install -y redis-server)"
command -v redis-cli >/dev/null || svc_die "redis-cli not found (apt-get install -y redis-tools)"
mkdir -p "$RUN_DIR"

# An instance we started earlier on this port (maybe by a killed run): restart it for a clean state.
stop_pidfile "redis on port $PORT (previous instance)" "$PIDFILE" redis-server
port_open "$PORT" && svc_die "port $PORT is already in use by another process; set REDIS_PORT to a free port"

: >"$LOGFILE"
svc_log "starting redis-server on 127.0.0.1:$PORT (log: $LOGFILE)"
redis-server --bind 127.0.0.1 --port "$PORT" \
  --save '' --appendonly no \
  --daemonize yes --pidfile "$PIDFILE" --logfile "$LOGFILE" --dir "$RUN_DIR" \
  || { cat "$LOGFILE" >&2; svc_die "redis-server failed to start"; }

deadline=$((SECONDS + TIMEOUT))
until [[ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" == PONG ]]; do
  if ((SECONDS >= deadline)); then
    echo "----- $LOGFILE -----" >&2; cat "$LOGFILE" >&2
    svc_die "redis on 127.0.0.1:$PORT did not answer PONG within ${TIMEOUT}s"
  fi
  sleep 0.2
done
svc_log "redis ready: redis://127.0.0.1:$PORT (pid $(cat "$PIDFILE" 2>/dev/null || echo '?'))"
