// Package importtest enforces the package boundaries of DESIGN: the core knows
// nothing of Telegram, Redis or OpenAI, and each outside library is imported
// by its adapter alone.
package importtest

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "rongcuo"

// owners maps an outside library to the only package tree allowed to import it.
var owners = map[string]string{
	"github.com/go-telegram/bot":        "bot",
	"github.com/sashabaranov/go-openai": "llm",
	"github.com/redis/go-redis":         "redisstore",
}

// core packages may import only the standard library and other core packages.
var core = map[string]bool{"knowledge": true, "assess": true, "advisor": true, "prompts": true, "conversation": true}

// imports returns, for every package directory of the module (relative,
// slash-separated), the import paths of its Go files, tests included.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out[rel] = append(out[rel], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("found no Go files")
	}
	return out
}

func topDir(pkg string) string {
	top, _, _ := strings.Cut(pkg, "/")
	return top
}

func TestOutsideLibrariesStayInTheirAdapters(t *testing.T) {
	for pkg, imps := range imports(t) {
		for _, imp := range imps {
			for lib, owner := range owners {
				if imp != lib && !strings.HasPrefix(imp, lib+"/") {
					continue
				}
				if topDir(pkg) != owner {
					t.Errorf("%s imports %s; only %s/ may", pkg, imp, owner)
				}
			}
		}
	}
}

func TestCoreImportsNoAdapter(t *testing.T) {
	for pkg, imps := range imports(t) {
		if !core[topDir(pkg)] {
			continue
		}
		for _, imp := range imps {
			if strings.HasPrefix(imp, module+"/") {
				if dep := topDir(strings.TrimPrefix(imp, module+"/")); !core[dep] && dep != "internal" {
					t.Errorf("core package %s imports adapter %s", pkg, imp)
				}
				continue
			}
			if first, _, _ := strings.Cut(imp, "/"); strings.Contains(first, ".") {
				t.Errorf("core package %s imports outside library %s", pkg, imp)
			}
		}
	}
}

// The tests above would pass vacuously if the walk missed the tree.
func TestWalkSeesTheCore(t *testing.T) {
	got := imports(t)
	for pkg := range core {
		if m, _ := filepath.Glob(filepath.Join("../..", pkg, "*.go")); len(m) == 0 {
			continue
		}
		if _, ok := got[pkg]; !ok {
			t.Errorf("no imports recorded for core package %s", pkg)
		}
	}
}
