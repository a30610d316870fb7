#!/usr/bin/env bash
# Builds the stack's Go programs into .cache/bin, once per pin, and prints their paths:
#   bash stack/build.sh server      the Model Registry server at the release pinned in stack/server/go.mod
#   bash stack/build.sh versitygw   versitygw, the strict S3 server
#   bash stack/build.sh v1server    the newer server (API v1 and v1alpha3) from upstream source (see v1_source)
#   bash stack/build.sh seaweedfs   SeaweedFS's `weed`, the third S3 server
#   bash stack/build.sh registry    the CNCF distribution registry (OCI)
#   bash stack/build.sh crane       crane, an independent OCI client for the tests
#   bash stack/build.sh etcd        etcd, the Kubernetes control plane's store (pinned in stack/etcd/go.mod)
#   bash stack/build.sh kube-apiserver  the Kubernetes API server (pinned in stack/kube/go.mod)
#   bash stack/build.sh kubectl     kubectl of the same release
#   bash stack/build.sh mrcontroller    upstream's InferenceService controller (cmd/controller, see v1_source)
#   bash stack/build.sh csi         upstream's model-registry:// storage initializer (cmd/csi, same source)
#   bash stack/build.sh kserve-crds the folder of KServe's CRDs (config/crd/full of its Go module, KSERVE_VERSION)
#   bash stack/build.sh pin         prints "<module> <version>" of the pinned server release
# Everything comes from the Go module proxy and Maven Central; rebuilt only when its inputs change.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVER_DIR=$STACK_ROOT/stack/server
CATALOG_DIR=$CACHE_DIR/server/catalog-openapi   # referenced by the replace line in stack/server/go.mod
GOIMPORTS_VERSION=v0.39.0

# "<module> <version>" from `replace github.com/kubeflow/hub => <module> <version>`.
pin() {
  awk '$1 == "replace" && $2 == "github.com/kubeflow/hub" { print $4, $5 }' "$SERVER_DIR/go.mod"
}

need_go() {
  command -v go >/dev/null || die "Go is needed to build the Model Registry server, versitygw and SeaweedFS. Install Go >= 1.26 (https://go.dev/doc/install) and run again."
}

module_dir() { # the module's source in the Go module cache, downloaded if needed
  (cd "${TMPDIR:-/tmp}" && GOFLAGS=-mod=mod go mod download -json "$1@$2") | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'
}

# Upstream never publishes github.com/kubeflow/hub/catalog/pkg/openapi; generate it from the release's own
# catalog.yaml with the generator version and options upstream uses, then add our compat declarations.
generate_catalog_models() {
  local src=$1 log=$2 jar=$CACHE_DIR/tools/openapi-generator-cli-$OPENAPI_GENERATOR_VERSION.jar
  if [ ! -f "$jar" ]; then
    command -v java >/dev/null && command -v mvn >/dev/null \
      || die "Java 17 and Maven are needed once, to generate the server's catalog models: apt-get install -y openjdk-17-jre-headless maven"
    mvn -q dependency:copy -Dartifact="org.openapitools:openapi-generator-cli:$OPENAPI_GENERATOR_VERSION" \
      -DoutputDirectory="$CACHE_DIR/tools" >>"$log" 2>&1 || die "could not fetch openapi-generator-cli from Maven Central (see $log)"
  fi
  rm -rf "$CATALOG_DIR" && mkdir -p "$CATALOG_DIR"
  java -jar "$jar" generate -i "$src/api/openapi/catalog.yaml" -g go -o "$CATALOG_DIR" --package-name openapi \
    --additional-properties=isGoSubmodule=true,enumClassPrefix=true,useOneOfDiscriminatorLookup=true,generateUnmarshalJSON=false \
    >>"$log" 2>&1 || die "generating the catalog models failed (see $log)"
  (cd "$CATALOG_DIR" && rm -rf api docs test README.md git_push.sh go.sum .travis.yml .gitignore .openapi-generator-ignore)
  printf 'module github.com/kubeflow/hub/catalog/pkg/openapi\n\ngo 1.23\n' >"$CATALOG_DIR/go.mod"
  cp "$SERVER_DIR/catalog-compat/compat.go" "$CATALOG_DIR/zz_compat.go"
  # Like upstream's Makefile, let goimports drop the imports the generator leaves unused.
  GOBIN=$CACHE_DIR/tools go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION" >>"$log" 2>&1 \
    || die "could not build goimports (see $log)"
  "$CACHE_DIR/tools/goimports" -w "$CATALOG_DIR" >>"$log" 2>&1 || die "goimports failed on the catalog models (see $log)"
}

build_server() {
  need_go
  local module version key out log
  read -r module version < <(pin)
  [ -n "$version" ] || die "no server pin found in $SERVER_DIR/go.mod"
  key=$(cat "$SERVER_DIR/go.mod" "$SERVER_DIR/go.sum" "$SERVER_DIR/main.go" "$SERVER_DIR/catalog-compat/compat.go" \
    "${BASH_SOURCE[0]}" | sha256sum | cut -c1-12)
  out=$CACHE_DIR/bin/model-registry-$version-$key
  if [ ! -x "$out" ]; then
    mkdir -p "$CACHE_DIR/bin" "$LOG_DIR"
    log=$LOG_DIR/build-server.log
    : >"$log"
    say "stack: building the Model Registry server $version from $module (once per pin; log: $log)"
    local src; src=$(module_dir "$module" "$version" 2>>"$log") || true
    [ -d "$src" ] || die "could not download $module@$version from the Go module proxy (see $log)"
    generate_catalog_models "$src" "$log"
    (cd "$SERVER_DIR" && CGO_ENABLED=0 go build -trimpath -tags mrstack_catalog_compat -o "$out.tmp" .) >>"$log" 2>&1 \
      || die "building the Model Registry server failed; last lines of $log:
$(tail -n 15 "$log")"
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

build_versitygw() {
  need_go
  local dir=$CACHE_DIR/bin/versitygw-$VERSITYGW_VERSION log=$LOG_DIR/build-versitygw.log
  if [ ! -x "$dir/versitygw" ]; then
    mkdir -p "$dir" "$LOG_DIR"
    say "stack: building versitygw $VERSITYGW_VERSION (once; log: $log)"
    GOBIN=$dir CGO_ENABLED=0 go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" >"$log" 2>&1 \
      || die "building versitygw failed; last lines of $log:
$(tail -n 15 "$log")"
  fi
  echo "$dir/versitygw"
}

# SeaweedFS's go.mod has a replace directive, which `go install module@version` refuses, so `weed` is built
# inside the module's own source as downloaded from the proxy, against its own go.mod and go.sum.
build_seaweedfs() {
  need_go
  local dir=$CACHE_DIR/bin/seaweedfs-$SEAWEEDFS_VERSION log=$LOG_DIR/build-seaweedfs.log
  if [ ! -x "$dir/weed" ]; then
    mkdir -p "$dir" "$LOG_DIR"
    : >"$log"
    say "stack: building SeaweedFS $SEAWEEDFS_VERSION (once; a few minutes; log: $log)"
    local src; src=$(module_dir github.com/seaweedfs/seaweedfs "$SEAWEEDFS_VERSION" 2>>"$log") || true
    [ -d "$src" ] || die "could not download github.com/seaweedfs/seaweedfs@$SEAWEEDFS_VERSION from the Go module proxy (see $log)"
    (cd "$src" && GOWORK=off CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' \
      -o "$dir/weed.tmp" ./weed) >>"$log" 2>&1 \
      || die "building SeaweedFS failed; last lines of $log:
$(tail -n 15 "$log")"
    mv "$dir/weed.tmp" "$dir/weed"
  fi
  echo "$dir/weed"
}

# Upstream source as a folder: a checkout is used as it is; an archive is unpacked once per digest into
# .cache/v1-src-<digest>/ (into a temporary folder first, so a folder there is always whole). Prints the folder
# holding its top go.mod, then a line with the archive's digest ("checkout" for a checkout).
upstream_tree() {
  local src log=$1 key dir gomod
  : >"$log"
  src=$(v1_source) || die "no upstream source: set MR_STACK_V1_SRC to an upstream checkout or its archive"
  if [ -f "$src" ]; then
    key=$(sha256sum "$src" | cut -c1-12)
    dir=$CACHE_DIR/v1-src-$key
    if [ ! -d "$dir" ]; then
      rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
      tar -xzf "$src" -C "$dir.tmp" >>"$log" 2>&1 || die "could not unpack $src (see $log)"
      mv "$dir.tmp" "$dir"
    fi
    gomod=$(find "$dir" -maxdepth 2 -name go.mod -print -quit)
    [ -n "$gomod" ] || die "the archive $src holds no go.mod at its top"
    printf '%s\n%s\n' "$(dirname "$gomod")" "$key"
  else
    [ -f "$src/go.mod" ] || die "MR_STACK_V1_SRC=$src is not a Go module (no go.mod)"
    printf '%s\n%s\n' "$src" checkout
  fi
}

# A program of upstream source: an archive's is built once per archive digest; a checkout's is rebuilt on every
# start (Go's build cache makes that seconds when nothing changed). The source carries its generated code, so only
# the Go module proxy is needed. Built in place, unmodified, against the go.mod of its own folder.
#   build_upstream <name> <folder in the source> <binary prefix> <what, for messages> <cold minutes>
build_upstream() {
  need_go
  local name=$1 sub=$2 prefix=$3 what=$4 minutes=$5 log=$LOG_DIR/build-$1.log tree src key out
  mkdir -p "$CACHE_DIR/bin" "$LOG_DIR"
  tree=$(upstream_tree "$LOG_DIR/unpack-upstream.log") || exit 1
  src=$(sed -n 1p <<<"$tree") key=$(sed -n 2p <<<"$tree")
  out=$CACHE_DIR/bin/$prefix-$key
  if [ "$key" != checkout ]; then
    [ -x "$out" ] && { echo "$out"; return; }
    say "stack: building $what from upstream source (once per archive; about $minutes cold; log: $log)"
  fi
  : >"$log"
  (cd "$src/$sub" && GOWORK=off CGO_ENABLED=0 go build -trimpath -o "$out.tmp" .) >>"$log" 2>&1 \
    || die "building $what failed; last lines of $log:
$(tail -n 15 "$log")"
  mv "$out.tmp" "$out"
  echo "$out"
}

# The v1 server (API v1 beside v1alpha3) from upstream source. Binary names start model-registry-v1-.
build_v1server() { build_upstream v1server . model-registry-v1 "the v1 Model Registry server" "2 minutes"; }

# Upstream's InferenceService controller (cmd/controller, its own module pinning KServe and controller-runtime) and
# its model-registry:// storage initializer (cmd/csi, KServe's storage code), from the same source.
build_mrcontroller() { build_upstream mrcontroller cmd/controller mr-controller "the upstream InferenceService controller" "4 minutes"; }
build_csi() { build_upstream csi cmd/csi mr-csi "the upstream model-registry:// storage initializer" "1 minute"; }

# The version a wrapper module requires of a module: go_require <go.mod> <module>.
go_require() { awk -v m="$2" '($1 == m || ($1 == "require" && $2 == m)) { print ($1 == m ? $2 : $3); exit }' "$1"; }

# A program of one of our wrapper modules (stack/kube, stack/etcd), once per content of the module (its go.mod,
# go.sum and Go files): build_wrapped <name> <module folder> <package> <binary folder prefix> <version> [ldflags]
build_wrapped() {
  need_go
  local name=$1 mod=$2 pkg=$3 prefix=$4 version=$5 ldflags=${6:-} key dir log=$LOG_DIR/build-$1.log
  key=$(cd "$mod" && find . -name '*.go' -o -name go.mod -o -name go.sum | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)
  dir=$CACHE_DIR/bin/$prefix-$version-$key
  if [ ! -x "$dir/$name" ]; then
    mkdir -p "$dir" "$LOG_DIR"
    say "stack: building $name $version (once per pin; log: $log)"
    (cd "$mod" && GOWORK=off CGO_ENABLED=0 go build -trimpath -ldflags="-s -w $ldflags" \
      -o "$dir/$name.tmp" "./$pkg") >"$log" 2>&1 \
      || die "building $name failed; last lines of $log:
$(tail -n 15 "$log")"
    mv "$dir/$name.tmp" "$dir/$name"
  fi
  echo "$dir/$name"
}

build_etcd() {
  local mod=$STACK_ROOT/stack/etcd
  build_wrapped etcd "$mod" . etcd "$(go_require "$mod/go.mod" go.etcd.io/etcd/server/v3)"
}

# kube-apiserver and kubectl stamped with their release: without it both report v0.0.0-master+$Format:%H$, and
# kubectl refuses to parse the server's version.
build_kube() {
  local name=$1 mod=$STACK_ROOT/stack/kube version minor flags="" pkg
  version=$(go_require "$mod/go.mod" k8s.io/kubernetes)
  minor=${version#v*.} && minor=${minor%%.*}
  local major=${version#v} && major=${major%%.*}
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  done
  build_wrapped "$name" "$mod" "cmd/$name" kubernetes "$version" "$flags"
}

# The CNCF distribution registry and crane: `go install` from the Go module proxy, once per pinned version.
build_go_tool() {
  need_go
  local name=$1 module=$2 version=$3 binary=$4
  local dir=$CACHE_DIR/bin/$name-$version log=$LOG_DIR/build-$name.log
  if [ ! -x "$dir/$binary" ]; then
    mkdir -p "$dir" "$LOG_DIR"
    say "stack: building $name $version (once; log: $log)"
    GOBIN=$dir CGO_ENABLED=0 go install "$module@$version" >"$log" 2>&1 \
      || die "building $name failed; last lines of $log:
$(tail -n 15 "$log")"
  fi
  echo "$dir/$binary"
}

# Runs one build; when it built the binary now (not found in .cache/bin), records how many seconds that took in
# .cache/bin/build-seconds-<name>, which stack:status shows.
timed() {
  local name=$1 start out; shift
  start=$(date +%s)
  out=$("$@")
  if [ "$(stat -c %Y "$out")" -ge "$start" ]; then echo "$(($(date +%s) - start))" >"$CACHE_DIR/bin/build-seconds-$name"; fi
  echo "$out"
}

case ${1:-} in
  registry) timed registry build_go_tool distribution github.com/distribution/distribution/v3/cmd/registry "$DISTRIBUTION_VERSION" registry ;;
  crane) timed crane build_go_tool crane github.com/google/go-containerregistry/cmd/crane "$CRANE_VERSION" crane ;;
  server) timed server build_server ;;
  v1server) timed v1server build_v1server ;;
  versitygw) timed versitygw build_versitygw ;;
  seaweedfs) timed seaweedfs build_seaweedfs ;;
  etcd) timed etcd build_etcd ;;
  kube-apiserver | kubectl) timed "$1" build_kube "$1" ;;
  mrcontroller) timed mrcontroller build_mrcontroller ;;
  csi) timed csi build_csi ;;
  kserve-crds)
    dir=$(module_dir github.com/kserve/kserve "$KSERVE_VERSION" 2>/dev/null) || true
    [ -d "$dir/config/crd/full" ] || die "could not download github.com/kserve/kserve@$KSERVE_VERSION from the Go module proxy"
    echo "$dir/config/crd/full" ;;
  pin) pin ;;
  *) die "usage: bash stack/build.sh server|v1server|versitygw|seaweedfs|registry|crane|etcd|kube-apiserver|kubectl|mrcontroller|csi|kserve-crds|pin" ;;
esac
