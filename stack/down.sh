#!/usr/bin/env bash
# Stops exactly the processes stack:up started, by their recorded pids: every component, or those named
# (`bash stack/down.sh versitygw seaweedfs`). Harmless when nothing runs.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop() {
  local name=$1 pid signal=TERM tenths=100
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return
  fi
  [ "$name" = postgres ] && signal=INT   # PostgreSQL's "fast" shutdown
  # SeaweedFS stops its S3 gateway and servers at once, but then its filer retries writing its metadata log for 15s
  # when the volume server went first; that log is deleted below anyway, so it gets 3s and is then killed.
  [ "$name" = seaweedfs ] && tenths=30
  # kube-apiserver waits for open watches (a running controller's, a test's) to end before it exits, up to a minute;
  # everything it holds is in etcd, so it too gets 3s and is then killed.
  [ "$name" = kube ] && tenths=30
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq "$tenths"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    [ "$name" = seaweedfs ] || [ "$name" = kube ] || say "stack: $name (pid $pid) did not stop within $((tenths / 10))s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$(pid_file "$name")"
  say "stack: stopped $name (pid $pid)"
}

# The components to stop: those named, or every one. Reverse order: the server before its database.
check_components "$@"
names=" ${*:-${COMPONENTS[*]}} "
for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
  [[ $names == *" ${COMPONENTS[$i]} "* ]] && stop "${COMPONENTS[$i]}"
done
if [ -n "$(running_components)" ]; then write_env; else rm -f "$ENV_FILE"; fi
# The stack is throwaway: moto forgets its objects when it stops, so the database and the files of versitygw,
# SeaweedFS, the registries and etcd go with their servers, and the next stack:up starts empty and consistent. Logs stay in
# .stack/logs.
stopped() { ! running_pid "$1" >/dev/null; }
if stopped postgres; then
  rm -rf "$STATE_DIR/postgres"
  home=$(pg_home)
  [ "$home" = "$STATE_DIR" ] || rm -rf "$home"
fi
if stopped versitygw; then rm -rf "$STATE_DIR/versitygw"; fi
if stopped seaweedfs; then rm -rf "$STATE_DIR/seaweedfs"; fi
if stopped oci; then rm -rf "$STATE_DIR/oci/basic"; fi
if stopped ocitoken; then rm -rf "$STATE_DIR/oci/token"; fi
if stopped etcd; then rm -rf "$STATE_DIR/etcd"; fi
if stopped gitd; then rm -rf "$STATE_DIR/gitd"; fi
# The API server's certificates, token and kubeconfig: the next start makes new ones.
if stopped kube; then rm -rf "$KUBE_DIR"; fi
# `weed server` also keeps a Unix socket beside most of its ports, always in /tmp; one that was killed, or died, leaves
# them behind. Nothing listens on its S3 port now, so they are no one's.
if ! port_open "$SEAWEEDFS_PORT"; then
  for port in "$SEAWEEDFS_PORT" $(seaweedfs_inner_ports); do
    rm -f /tmp/seaweedfs-{master,volume,filer,s3}-grpc-"$port".sock /tmp/seaweedfs-{filer,s3}-"$port".sock
  done
fi
