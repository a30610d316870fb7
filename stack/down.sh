#!/usr/bin/env bash
# Stops exactly the processes stack:up started, by their recorded pids. Harmless when nothing runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop() {
  local name=$1 pid signal=TERM
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return
  fi
  [ "$name" = postgres ] && signal=INT   # PostgreSQL's "fast" shutdown
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    say "stack: $name (pid $pid) did not stop within 10s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
  say "stack: stopped $name (pid $pid)"
}

# Reverse order: the server before its database.
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do stop "${COMPONENTS[$i]}"; done
rm -f "$ENV_FILE"
# The stack is throwaway: moto forgets its objects when it stops, so the database and versitygw's files go too,
# and the next stack:up starts empty and consistent. Logs stay in .stack/logs.
rm -rf "$STATE_DIR/postgres" "$STATE_DIR/versitygw"
home=$(pg_home)
[ "$home" = "$STATE_DIR" ] || rm -rf "$home"
