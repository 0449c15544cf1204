// Package sharedcorpus locates, for tests and benchmarks, the collection of
// Chinese laws kept beside the repository (../shared/corpus/laws from its
// root). Where it is absent they skip with a message saying so, except in CI
// (CI=true), where a missing collection fails them: a skipped test there
// would pass unseen.
package sharedcorpus

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// LawsDir returns the law collection's folder; when it is missing it skips
// tb, or fails it in CI.
func LawsDir(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("cannot locate the repository to find the shared law collection")
	}
	// This file is internal/sharedcorpus/sharedcorpus.go below the root.
	root := filepath.Join(filepath.Dir(file), "..", "..")
	return need(tb, filepath.Join(root, "..", "shared", "corpus", "laws"), os.Getenv)
}

func need(tb testing.TB, dir string, getenv func(string) string) string {
	tb.Helper()
	if _, err := os.Stat(dir); err != nil {
		missing := tb.Skipf
		if InCI(getenv) {
			missing = tb.Fatalf
		}
		missing("the shared law collection is not at %s (../shared/corpus/laws from the repository root): %v", dir, err)
	}
	return dir
}

// InCI reports whether the tests run in CI, as CI services (and .ci/run)
// announce it: CI set to true or 1.
func InCI(getenv func(string) string) bool {
	switch getenv("CI") {
	case "true", "TRUE", "True", "1":
		return true
	}
	return false
}
