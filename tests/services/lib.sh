# shellcheck shell=bash
# Helpers shared by tests/services/*.sh (sourced, not executed).
#
# Pid, log and bookkeeping files live in one run dir per machine (not per clone), keyed by
# service and port, so a later run can find and stop an instance left behind by an earlier
# one (e.g. a CI run that was killed) instead of failing on a busy port.

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SERVICES_DIR/../.." && pwd)"
RUN_DIR="${SERVICES_RUN_DIR:-${TMPDIR:-/tmp}/gptlab-services}"

svc_log() { printf '[services %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
svc_die() { printf '[services %s] ERROR: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; exit 1; }

# port_open PORT -> 0 if something accepts TCP connections on 127.0.0.1:PORT
port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# pid_alive PIDFILE PATTERN -> prints pid and returns 0 if the pid in PIDFILE is running and its
# command line contains PATTERN (guards against a recycled pid).
pid_alive() {
  local pidfile=$1 pattern=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# stop_pidfile NAME PIDFILE PATTERN -> TERM, wait up to 10 s, then KILL; removes PIDFILE.
stop_pidfile() {
  local name=$1 pidfile=$2 pattern=$3 pid i
  if pid=$(pid_alive "$pidfile" "$pattern"); then
    svc_log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      svc_log "$name (pid $pid) ignored SIGTERM for 10 s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}
