#!/usr/bin/env bash
# Build (cached) and start the embedded FerretDB v1 wrapper (tests/services/ferretdb) in the
# background on 127.0.0.1:${FERRETDB_PORT:-27027} with a fresh temporary SQLite data dir
# (or $FERRETDB_DATA if set, which is then kept). Waits until the port accepts connections.
# Stop it with tests/services/stop-services.sh (same FERRETDB_PORT). Needs Go >= 1.24.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${FERRETDB_PORT:-27027}"
TIMEOUT="${SERVICE_START_TIMEOUT:-30}"
SRC="$SERVICES_DIR/ferretdb"
BIN="$SRC/bin/ferretdb"
PIDFILE="$RUN_DIR/ferretdb-$PORT.pid"
LOGFILE="$RUN_DIR/ferretdb-$PORT.log"
DATAFILE="$RUN_DIR/ferretdb-$PORT.datadir" # temp data dir to delete on stop

mkdir -p "$RUN_DIR"

# Build unless the binary is newer than the sources (go's own cache makes rebuilds cheap anyway).
if [[ ! -x $BIN || $SRC/main.go -nt $BIN || $SRC/go.mod -nt $BIN || $SRC/go.sum -nt $BIN ]]; then
  command -v go >/dev/null || svc_die "go not found; FerretDB is built from tests/services/ferretdb with Go >= 1.24"
  svc_log "building FerretDB wrapper ($(go version | cut -d' ' -f3)); the first build downloads modules, ~1 min"
  start=$SECONDS
  (cd "$SRC" && go build -trimpath -buildvcs=false -o bin/ferretdb .) || svc_die "go build of $SRC failed"
  svc_log "built $BIN in $((SECONDS - start))s"
fi

# An instance we started earlier on this port (maybe by a killed run): stop it and drop its data.
stop_pidfile "ferretdb on port $PORT (previous instance)" "$PIDFILE" bin/ferretdb
if [[ -s $DATAFILE ]]; then rm -rf -- "$(<"$DATAFILE")"; fi
rm -f "$DATAFILE"
port_open "$PORT" && svc_die "port $PORT is already in use by another process; set FERRETDB_PORT to a free port"

if [[ -n ${FERRETDB_DATA:-} ]]; then
  DATA="$FERRETDB_DATA"
  mkdir -p "$DATA"
else
  DATA="$(mktemp -d "${TMPDIR:-/tmp}/gptlab-ferretdb-$PORT.XXXXXX")"
  echo "$DATA" >"$DATAFILE"
fi

svc_log "starting FerretDB on 127.0.0.1:$PORT (data: $DATA, log: $LOGFILE)"
nohup "$BIN" -listen "127.0.0.1:$PORT" -data "$DATA" -log-level "${FERRETDB_LOG_LEVEL:-warn}" \
  >"$LOGFILE" 2>&1 </dev/null &
echo $! >"$PIDFILE"

fail() {
  echo "----- $LOGFILE -----" >&2; cat "$LOGFILE" >&2; echo "-----" >&2
  stop_pidfile "ferretdb on port $PORT" "$PIDFILE" bin/ferretdb
  if [[ -s $DATAFILE ]]; then rm -rf -- "$(<"$DATAFILE")"; fi
  rm -f "$DATAFILE"
  svc_die "$1"
}
deadline=$((SECONDS + TIMEOUT))
pid=$(<"$PIDFILE")
until port_open "$PORT"; do
  # Our own child of a moment ago, so alive is enough: matching its command line raced with nohup's
  # exec of the binary and failed a CI run.
  kill -0 "$pid" 2>/dev/null || fail "FerretDB exited during startup (log above)"
  ((SECONDS < deadline)) || fail "FerretDB on 127.0.0.1:$PORT did not accept connections within ${TIMEOUT}s (log above)"
  sleep 0.2
done
svc_log "FerretDB ready: mongodb://127.0.0.1:$PORT/ (pid $(<"$PIDFILE"))"
