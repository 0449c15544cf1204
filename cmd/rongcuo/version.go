package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

func runVersion(_ context.Context, e env, _ *globalOptions, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, "usage: rongcuo version (or rongcuo --version)")
		return nil
	}
	if len(args) > 0 {
		return usagef("usage: rongcuo version")
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = &debug.BuildInfo{Main: debug.Module{Version: "(unknown)"}}
	}
	writeVersion(e.stdout, info)
	return nil
}

// writeVersion prints what the build recorded of itself: the module
// version, and the commit, its date and whether the tree had changes, when
// the binary was built in a Git checkout with version control stamping
// (go build does it by default; make build asks for it explicitly). The
// build records no build time of its own: the commit date stands for it.
func writeVersion(w io.Writer, info *debug.BuildInfo) {
	vcs := map[string]string{}
	for _, s := range info.Settings {
		vcs[s.Key] = s.Value
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	fmt.Fprintf(w, "rongcuo %s\n", version)
	if rev := vcs["vcs.revision"]; rev != "" {
		if vcs["vcs.modified"] == "true" {
			rev += " (with uncommitted changes)"
		}
		fmt.Fprintf(w, "commit: %s\n", rev)
		if at := vcs["vcs.time"]; at != "" {
			fmt.Fprintf(w, "date:   %s\n", at)
		}
	} else {
		fmt.Fprintln(w, "commit: unknown (built without version control information; `make build` records it)")
	}
	if info.GoVersion != "" {
		fmt.Fprintf(w, "go:     %s\n", info.GoVersion)
	}
}
