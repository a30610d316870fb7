#!/usr/bin/env bash
# Shows each component of the local stack (or those named): pid, address, health, and how long its build took.
# Exits 0 only when all of them are up and healthy.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

url_of() {
  case $1 in
    postgres) echo "postgres://127.0.0.1:$PG_PORT/model_registry" ;;
    server) echo "http://127.0.0.1:$SERVER_PORT" ;;
    v1server) echo "http://127.0.0.1:$V1_SERVER_PORT (API v1 and v1alpha3; alpha sunset $ALPHA_SUNSET)" ;;
    gitd) echo "git://127.0.0.1:$GITD_PORT/skills.git (the catalog's skill repository: stack/catalog/skills/)" ;;
    catalog) echo "http://127.0.0.1:$CATALOG_PORT (catalogs of models, MCP servers, agents, skills: stack/catalog/)" ;;
    moto) echo "http://127.0.0.1:$MOTO_PORT (bucket $BUCKET)" ;;
    versitygw) echo "http://127.0.0.1:$VERSITYGW_PORT (bucket $BUCKET)" ;;
    seaweedfs) echo "http://127.0.0.1:$SEAWEEDFS_PORT (bucket $BUCKET; ports $((SEAWEEDFS_PORT + 1))-$((SEAWEEDFS_PORT + 7)) internal)" ;;
    oci) echo "http://127.0.0.1:$OCI_PORT (OCI registry, htpasswd auth)" ;;
    ocitoken) echo "http://127.0.0.1:$OCI_TOKEN_PORT (OCI registry, bearer-token auth)" ;;
    tokensrv) echo "http://localhost:$TOKENSRV_PORT/token (token service of ocitoken)" ;;
    etcd) echo "http://127.0.0.1:$ETCD_PORT (peer port $ETCD_PEER_PORT; the API server's store)" ;;
    kube) echo "https://127.0.0.1:$KUBE_PORT (Kubernetes API; KUBECONFIG=$KUBECONFIG_FILE, context mr-stack)" ;;
    clusterdns) echo "http://127.0.0.1:$CLUSTERDNS_PORT (HTTP proxy: *.svc.cluster.local:<port> -> 127.0.0.1:<port>)" ;;
    mrcontroller) echo "http://127.0.0.1:$MRCONTROLLER_PORT/readyz (InferenceService controller -> server's Service in kubeflow)" ;;
  esac
}

# The components to show: those named (each once, in the stack's order), or every one.
check_components "$@"
names=()
for name in "${COMPONENTS[@]}"; do
  if [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; then names+=("$name"); fi
done
# How long the component's program took to build here, when this checkout built it (.cache/bin/build-seconds-*);
# "-" for a component with nothing to build, or one built before build times were recorded.
build_of() {
  local build
  case $1 in
    server | v1server | versitygw | seaweedfs | etcd | mrcontroller) build=$1 ;;
    kube) build=kube-apiserver ;;
    catalog) build=v1server ;;
    oci | ocitoken) build=registry ;;
    *) echo "-"; return ;;
  esac
  local file=$CACHE_DIR/bin/build-seconds-$build
  if [ -f "$file" ]; then echo "built in $(cat "$file")s"; else echo "-"; fi
}

row() { printf '%-12s %-11s %-8s %-14s %s\n' "$@"; }

all_ok=0
row COMPONENT STATE PID BUILD ADDRESS
for name in "${names[@]}"; do
  if needs_upstream "$name" && ! running_pid "$name" >/dev/null; then
    # Without upstream source (or with a wrong MR_STACK_V1_SRC) these cannot run: say why, and go on.
    if ! why=$( (v1_source >/dev/null) 2>&1); then
      [ -n "$why" ] || why="no upstream source (MR_STACK_V1_SRC or ../shared/upstream/)"
      row "$name" unavailable - - "${why#stack: }"
      continue
    fi
  fi
  if pid=$(running_pid "$name"); then
    if healthy "$name"; then state=healthy; else state=unhealthy; all_ok=1; fi
  else
    pid=-; state=stopped; all_ok=1
  fi
  row "$name" "$state" "$pid" "$(build_of "$name")" "$(url_of "$name")"
done
exit $all_ok
