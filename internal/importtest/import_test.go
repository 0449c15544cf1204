// Package importtest enforces the package boundaries of DESIGN: the core knows
// nothing of Telegram, Redis or OpenAI, and each outside library is used by
// its named owner alone. The rules are checked on what the go command
// resolves (go list -deps -test), so a path through internal/ packages, a
// test file or another module counts as much as a direct import.
package importtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "rongcuo"

// core packages (top folders) import only the standard library, each other
// and the internal/ packages that themselves keep to that rule.
var core = []string{"knowledge", "assess", "advisor", "prompts", "conversation"}

// owner says which packages of the module may import an outside library and,
// where only some files of such a package may, which files.
type owner struct {
	pkgs  []string            // import paths
	files map[string][]string // import path -> the only files that may import the library
}

// owners maps each outside library (a module path) to its owner. Every
// library the module requires is listed: a new one needs an owner first.
var owners = map[string]owner{
	"github.com/go-telegram/bot": {
		pkgs: []string{"rongcuo/bot"},
		// The bot's core works on plain types; these files adapt the library.
		files: map[string][]string{"rongcuo/bot": {"run.go", "telegram.go", "upload_telegram.go", "telegram_test.go", "upload_telegram_test.go"}},
	},
	"github.com/sashabaranov/go-openai": {pkgs: []string{"rongcuo/llm"}},
	"github.com/redis/go-redis/v9":      {pkgs: []string{"rongcuo/redisstore", "rongcuo/redisstore/redistest"}},
	"github.com/ledongthuc/pdf": {
		pkgs:  []string{"rongcuo/importer"},
		files: map[string][]string{"rongcuo/importer": {"pdf.go"}},
	},
	"github.com/prometheus/client_golang": {pkgs: []string{"rongcuo/ops"}},
	// The deployment files' tests read the compose file and the alert rules.
	"go.yaml.in/yaml/v3": {pkgs: []string{"rongcuo/deploy"}, files: map[string][]string{"rongcuo/deploy": {"deploy_test.go"}}},
	"golang.org/x/crypto": {
		pkgs: []string{"rongcuo/web"},
		// argon2 password hashes of the console's accounts.
		files: map[string][]string{"rongcuo/web": {"password.go"}},
	},
	"github.com/chromedp/chromedp": {
		pkgs: []string{"rongcuo/web"},
		// The console's browser tests drive chromium; nothing else does.
		files: map[string][]string{"rongcuo/web": {"browser_test.go"}},
	},
	// Is standard input or output a terminal, and how wide.
	"golang.org/x/term": {pkgs: []string{"rongcuo/internal/terminal"}},
	"golang.org/x/text": {
		pkgs: []string{"rongcuo/importer", "rongcuo/internal/terminal"},
		// importer: GB18030 and UTF-16 uploads; terminal: display width.
		files: map[string][]string{"rongcuo/importer": {"text.go", "importer_test.go"}},
	},
}

// pkg is what go list says of one package (a test variant included).
type pkg struct {
	ImportPath                string
	Dir                       string
	Standard                  bool
	ForTest                   string
	Imports                   []string
	Deps                      []string
	GoFiles                   []string
	TestGoFiles, XTestGoFiles []string
	Module                    *struct{ Path string }
}

// listed runs go list once per test binary: every package of the module with
// its test variants, and the packages they depend on.
var listed []pkg

func packages(t *testing.T) []pkg {
	t.Helper()
	if listed != nil {
		return listed
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the go command is not on PATH: the import rules are checked with go list")
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-test",
		"-json=ImportPath,Dir,Standard,ForTest,Imports,Deps,GoFiles,TestGoFiles,XTestGoFiles,Module", "./...")
	cmd.Dir = "../.."
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		listed = append(listed, p)
	}
	if len(listed) == 0 {
		t.Fatal("go list found no packages")
	}
	return listed
}

// path strips a test variant's suffix: "rongcuo/bot [rongcuo/bot.test]".
func path(importPath string) string {
	p, _, _ := strings.Cut(importPath, " ")
	return strings.TrimSuffix(p, "_test")
}

func ours(importPath string) bool {
	p := path(importPath)
	return p == module || strings.HasPrefix(p, module+"/")
}

func topDir(importPath string) string {
	top, _, _ := strings.Cut(strings.TrimPrefix(path(importPath), module+"/"), "/")
	return top
}

// library returns the owned library an import path belongs to, or "".
func library(importPath string) string {
	p := path(importPath)
	for lib := range owners {
		if p == lib || strings.HasPrefix(p, lib+"/") {
			return lib
		}
	}
	return ""
}

func (o owner) owns(importPath string) bool { return slices.Contains(o.pkgs, path(importPath)) }

// The packages of the module, test variants included; generated test mains
// (rongcuo/x.test) import every test package and are left out.
func modulePackages(t *testing.T) []pkg {
	var out []pkg
	for _, p := range packages(t) {
		if ours(p.ImportPath) && !p.Standard && !strings.HasSuffix(path(p.ImportPath), ".test") {
			out = append(out, p)
		}
	}
	return out
}

func TestCoreReachesNeitherAdaptersNorOutsideLibraries(t *testing.T) {
	all := packages(t)
	seen := 0
	for _, p := range modulePackages(t) {
		if slices.Contains(core, topDir(p.ImportPath)) {
			seen++
		}
	}
	if seen < 4 {
		t.Errorf("only %d core packages listed: the check would pass vacuously", seen)
	}
	for _, v := range coreViolations(all) {
		t.Error(v)
	}
}

// coreViolations applies the core rule to what go list printed: every
// package a core package depends on, at any depth, is of the standard
// library, of the core, or an internal/ package (whose own dependencies
// are then among the core package's and checked the same way).
func coreViolations(all []pkg) []string {
	std := map[string]bool{}
	for _, q := range all {
		if q.Standard {
			std[q.ImportPath] = true
		}
	}
	var out []string
	for _, p := range all {
		if !ours(p.ImportPath) || p.Standard || strings.HasSuffix(path(p.ImportPath), ".test") || !slices.Contains(core, topDir(p.ImportPath)) {
			continue
		}
		for _, dep := range p.Deps {
			switch {
			case std[dep]:
			case ours(dep) && (slices.Contains(core, topDir(dep)) || topDir(dep) == "internal"):
			case ours(dep):
				out = append(out, fmt.Sprintf("core package %s reaches adapter %s", p.ImportPath, dep))
			default:
				out = append(out, fmt.Sprintf("core package %s reaches outside library %s", p.ImportPath, dep))
			}
		}
	}
	return out
}

// Only an owner imports its library, and every path from a package of the
// module to the library runs through the owner: a package that reaches the
// library is the owner or depends on it.
func TestOutsideLibrariesOnlyThroughTheirOwners(t *testing.T) {
	for _, v := range ownerViolations(modulePackages(t)) {
		t.Error(v)
	}
	reach := map[string][]string{}
	for _, p := range modulePackages(t) {
		for lib := range owners {
			if slices.ContainsFunc(p.Deps, func(d string) bool { return library(d) == lib }) {
				reach[lib] = append(reach[lib], p.ImportPath)
			}
		}
	}
	libs := make([]string, 0, len(reach))
	for lib := range reach {
		libs = append(libs, lib)
	}
	sort.Strings(libs)
	for _, lib := range libs {
		ps := slices.Compact(slices.Sorted(slices.Values(mapPaths(reach[lib]))))
		t.Logf("%s reached by %s", lib, strings.Join(ps, ", "))
	}
}

// ownerViolations applies the owner rule to the module's packages.
func ownerViolations(mod []pkg) []string {
	var out []string
	for _, p := range mod {
		for _, imp := range p.Imports {
			if lib := library(imp); lib != "" && !owners[lib].owns(p.ImportPath) {
				out = append(out, fmt.Sprintf("%s imports %s; only %v may", p.ImportPath, imp, owners[lib].pkgs))
			}
		}
		for lib, o := range owners {
			if o.owns(p.ImportPath) || !slices.ContainsFunc(p.Deps, func(d string) bool { return library(d) == lib }) {
				continue
			}
			if !slices.ContainsFunc(p.Deps, o.owns) {
				out = append(out, fmt.Sprintf("%s reaches %s other than through %v", p.ImportPath, lib, o.pkgs))
			}
		}
	}
	return out
}

// The rules catch what they are for, on made-up dependency graphs: a core
// package that reaches the model adapter through an internal/ package, or
// an outside library through one; a package that imports the Telegram
// library, or reaches it other than through the bot.
func TestTheRulesCatchIndirectPaths(t *testing.T) {
	std := pkg{ImportPath: "strings", Standard: true}
	graph := []pkg{std,
		{ImportPath: "rongcuo/advisor", Deps: []string{"strings", "rongcuo/internal/helper", "rongcuo/llm"}},
		{ImportPath: "rongcuo/assess", Deps: []string{"strings", "rongcuo/internal/terminal", "golang.org/x/term"}},
		{ImportPath: "rongcuo/knowledge", Deps: []string{"strings", "rongcuo/internal/clip"}},
	}
	got := strings.Join(coreViolations(graph), "\n")
	for _, want := range []string{"core package rongcuo/advisor reaches adapter rongcuo/llm", "core package rongcuo/assess reaches outside library golang.org/x/term"} {
		if !strings.Contains(got, want) {
			t.Errorf("core rule: %q not found in\n%s", want, got)
		}
	}
	if strings.Contains(got, "rongcuo/knowledge") {
		t.Errorf("core rule: a core package on the standard library and internal/clip was refused:\n%s", got)
	}

	mod := []pkg{
		{ImportPath: "rongcuo/web", Imports: []string{"github.com/go-telegram/bot/models"}, Deps: []string{"github.com/go-telegram/bot/models"}},
		{ImportPath: "rongcuo/internal/tg", Imports: []string{"rongcuo/internal/shim"}, Deps: []string{"rongcuo/internal/shim", "github.com/go-telegram/bot"}},
		{ImportPath: "rongcuo/cmd/rongcuo", Imports: []string{"rongcuo/bot"}, Deps: []string{"rongcuo/bot", "github.com/go-telegram/bot"}},
	}
	got = strings.Join(ownerViolations(mod), "\n")
	for _, want := range []string{"rongcuo/web imports github.com/go-telegram/bot/models", "rongcuo/internal/tg reaches github.com/go-telegram/bot other than through"} {
		if !strings.Contains(got, want) {
			t.Errorf("owner rule: %q not found in\n%s", want, got)
		}
	}
	if strings.Contains(got, "rongcuo/cmd/rongcuo") {
		t.Errorf("owner rule: a package reaching the library through its owner was refused:\n%s", got)
	}
}

func mapPaths(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = path(p)
	}
	return out
}

// Every module the build needs, other than the standard library and this
// module, is owned by name or comes in with an owned one: nothing arrives
// without someone answering for it.
func TestEveryRequiredLibraryHasAnOwner(t *testing.T) {
	direct := map[string]bool{}
	for _, p := range modulePackages(t) {
		for _, imp := range p.Imports {
			if !ours(imp) && strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
				direct[imp] = true
			}
		}
	}
	for imp := range direct {
		if library(imp) == "" {
			t.Errorf("%s is imported by the module but has no owner in importtest", imp)
		}
	}
}

// Within an owner that may use its library in some files only, no other
// file imports it; and each named file does, so the list cannot go stale.
func TestOwnedLibrariesStayInTheirFiles(t *testing.T) {
	byPath := map[string]pkg{}
	for _, p := range modulePackages(t) {
		if p.ForTest == "" && !strings.Contains(p.ImportPath, " ") {
			byPath[p.ImportPath] = p
		}
	}
	fset := token.NewFileSet()
	for lib, o := range owners {
		for pkgPath, allowed := range o.files {
			p, ok := byPath[pkgPath]
			if !ok {
				t.Errorf("%s: owner %s not found", lib, pkgPath)
				continue
			}
			files := slices.Concat(p.GoFiles, p.TestGoFiles, p.XTestGoFiles)
			for _, name := range allowed {
				if !slices.Contains(files, name) {
					t.Errorf("%s: %s is named as a user of %s but is not in the package", pkgPath, name, lib)
				}
			}
			for _, name := range files {
				f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.ImportsOnly)
				if err != nil {
					t.Fatal(err)
				}
				uses := false
				for _, imp := range f.Imports {
					ip, _ := strconv.Unquote(imp.Path.Value)
					uses = uses || library(ip) == lib
				}
				switch named := slices.Contains(allowed, name); {
				case uses && !named:
					t.Errorf("%s/%s imports %s; in %s only %v may", pkgPath, name, lib, pkgPath, allowed)
				case !uses && named:
					t.Errorf("%s/%s is named as a user of %s but does not import it", pkgPath, name, lib)
				}
			}
		}
	}
}
