// Package sharedcorpus locates, for tests and benchmarks, the collection of
// Chinese laws kept beside the repository (../shared/corpus/laws from its
// root). Where it is absent they skip with a message saying so.
package sharedcorpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// LawsDir returns the law collection's folder, or skips tb.
func LawsDir(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Skip("cannot locate the repository to find the shared law collection")
	}
	// This file is internal/sharedcorpus/sharedcorpus.go below the root.
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "corpus", "laws")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("the shared law collection is not at %s (../shared/corpus/laws from the repository root): %v", dir, err)
	}
	return dir
}
