#!/usr/bin/env bash
# Builds the tests' base image from Debian's static busybox (the busybox-static package, GPL-2.0), not pulled from
# anywhere: one layer with bin/busybox and bin/sh, pushed by crane to the given reference. Prints the reference.
#   bash stack/oci/busybox-base.sh <registry>/<repository>:<tag>      (crane's credentials from DOCKER_CONFIG)
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
ref=$1
dir=$CACHE_DIR/oci/busybox
if [ ! -x "$dir/rootfs/bin/busybox" ]; then
  mkdir -p "$dir"
  command -v apt-get >/dev/null || die "apt-get is needed to fetch Debian's busybox-static package"
  (cd "$dir" && rm -f ./*.deb && apt-get download busybox-static >/dev/null 2>&1) \
    || die "could not download Debian's busybox-static package (apt-get download busybox-static)"
  rm -rf "$dir/deb" && dpkg-deb -x "$dir"/busybox-static_*.deb "$dir/deb"
  mkdir -p "$dir/rootfs/bin"
  cp "$dir/deb/bin/busybox" "$dir/rootfs/bin/busybox"
  ln -sf busybox "$dir/rootfs/bin/sh"
  tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name -cf "$dir/layer.tar" -C "$dir/rootfs" bin
fi
crane=$(bash "$STACK_ROOT/stack/build.sh" crane)
"$crane" append --oci-empty-base -f "$dir/layer.tar" -t "$ref" >/dev/null || die "crane could not push the base image to $ref"
echo "$ref"
