// etcd, the Kubernetes control plane's store, at the version pinned in go.mod (the one Kubernetes 1.34 uses).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
