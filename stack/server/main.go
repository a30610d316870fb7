// Command model-registry is the upstream Kubeflow Model Registry server, built from the Go module proxy at the
// release pinned in go.mod. It exists only so the local stack can run the real server; nothing here is ours but
// this file.
package main

import (
	"github.com/golang/glog"
	"github.com/kubeflow/hub/cmd"
)

func main() {
	defer glog.Flush()
	cmd.Execute()
}
