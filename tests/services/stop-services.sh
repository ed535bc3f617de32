#!/usr/bin/env bash
# Stop the services started by start-redis.sh / start-ferretdb.sh on ${REDIS_PORT:-6390} and
# ${FERRETDB_PORT:-27027}, and delete FerretDB's temporary data dir.
#   stop-services.sh            both, on the ports from the environment
#   stop-services.sh redis      only Redis (likewise: ferretdb)
#   stop-services.sh --all      every instance these scripts recorded on this machine, any port
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_redis() { stop_pidfile "redis on port $1" "$RUN_DIR/redis-$1.pid" redis-server; }
stop_ferretdb() {
  local datafile="$RUN_DIR/ferretdb-$1.datadir"
  stop_pidfile "ferretdb on port $1" "$RUN_DIR/ferretdb-$1.pid" bin/ferretdb
  if [[ -s $datafile ]]; then rm -rf -- "$(<"$datafile")"; fi
  rm -f "$datafile"
}

[[ -d $RUN_DIR ]] || exit 0
case "${1:-both}" in
  both) stop_redis "${REDIS_PORT:-6390}"; stop_ferretdb "${FERRETDB_PORT:-27027}" ;;
  redis) stop_redis "${REDIS_PORT:-6390}" ;;
  ferretdb) stop_ferretdb "${FERRETDB_PORT:-27027}" ;;
  --all)
    shopt -s nullglob
    for f in "$RUN_DIR"/redis-*.pid; do p=${f##*/redis-}; stop_redis "${p%.pid}"; done
    for f in "$RUN_DIR"/ferretdb-*.pid "$RUN_DIR"/ferretdb-*.datadir; do
      p=${f##*/ferretdb-}; stop_ferretdb "${p%.*}"
    done ;;
  *) svc_die "usage: $0 [both|redis|ferretdb|--all]" ;;
esac
