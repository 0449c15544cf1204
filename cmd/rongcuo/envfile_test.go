package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// envInUsage matches the "(env NAME)" every setting adds to its -h line.
var envInUsage = regexp.MustCompile(`\(env ([A-Z][A-Z0-9_]*)\)`)

// settingsEnv returns the environment variables the commands' settings
// read: every command and subcommand is run with -h, with a getenv that
// records what it is asked, and its flag listing names the rest (secrets
// are read only after parsing, so -h names them without reading them).
func settingsEnv(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	var mu sync.Mutex
	getenv := func(k string) string {
		mu.Lock()
		names[k] = true
		mu.Unlock()
		return ""
	}
	g := &globalOptions{}
	var all bytes.Buffer
	for _, c := range commands() {
		subs := []string{""}
		if s, ok := subcommands[c.name]; ok {
			subs = s
		}
		for _, sub := range subs {
			args := []string{"-h"}
			if sub != "" {
				args = []string{sub, "-h"}
			}
			var out bytes.Buffer
			e := env{getenv: getenv, stdin: strings.NewReader(""), stdout: &out, stderr: &out}
			_ = c.run(context.Background(), e, g, args)
			all.Write(out.Bytes())
		}
	}
	// The global flags.
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, getenv, strings.NewReader(""), &out, &out); err != nil {
		t.Fatal(err)
	}
	all.Write(out.Bytes())
	for _, m := range envInUsage.FindAllStringSubmatch(all.String(), -1) {
		names[m[1]] = true
	}
	if len(names) < 40 {
		t.Fatalf("only %d environment variables found in the settings: the sweep is broken", len(names))
	}
	return names
}

// codeEnv returns the environment variables read by name (os.Getenv,
// os.LookupEnv, or an env's getenv) in the non-test files of every package
// linked into the rongcuo binary, with the file that reads each.
func codeEnv(t *testing.T) map[string]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Dir,GoFiles,Standard", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	names := map[string]string{}
	fset := token.NewFileSet()
	dec := json.NewDecoder(bytes.NewReader(out))
	scanned := 0
	for dec.More() {
		var p struct {
			ImportPath string
			Dir        string
			GoFiles    []string
			Standard   bool
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Standard || (p.ImportPath != "rongcuo" && !strings.HasPrefix(p.ImportPath, "rongcuo/")) {
			continue
		}
		for _, name := range p.GoFiles {
			file := filepath.Join(p.Dir, name)
			f, err := parser.ParseFile(fset, file, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			scanned++
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				var fn string
				switch f := call.Fun.(type) {
				case *ast.Ident:
					fn = f.Name
				case *ast.SelectorExpr:
					fn = f.Sel.Name
				}
				if fn != "Getenv" && fn != "LookupEnv" && fn != "getenv" {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if v, err := strconv.Unquote(lit.Value); err == nil {
						names[v] = p.ImportPath + "/" + name
					}
				}
				return true
			})
		}
	}
	if scanned < 50 {
		t.Fatalf("only %d files scanned: the scan is broken", scanned)
	}
	return names
}

// envFileNames returns the names an env file sets or shows commented out
// ("NAME=value" or "# NAME=value").
func envFileNames(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^(?:# ?)?([A-Z][A-Z0-9_]*)=`)
	names := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil {
			names[m[1]] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

// Every environment variable the product reads is in .env.example, with a
// comment above it, and in the README; the example holds no secret value
// and names nothing the product does not read.
func TestEnvExampleNamesEverySetting(t *testing.T) {
	read := map[string]string{}
	for name := range settingsEnv(t) {
		read[name] = "a command's settings"
	}
	for name, where := range codeEnv(t) {
		read[name] = where
	}
	for _, want := range []string{"REDIS_URL", "TELEGRAM_BOT_TOKEN", "RONGCUO_USER_SECRET", "OPENAI_API_KEY", "NO_COLOR", "RONGCUO_WEB_LISTEN"} {
		if read[want] == "" {
			t.Errorf("%s was not found among the variables read: the sweep misses some", want)
		}
	}
	example := filepath.Join("..", "..", ".env.example")
	inExample := envFileNames(t, example)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range read {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !inExample[name] {
			t.Errorf(".env.example does not name %s (read by %s)", name, read[name])
		}
		if !bytes.Contains(readme, []byte("`"+name+"`")) {
			t.Errorf("the README does not name `%s` (read by %s)", name, read[name])
		}
	}
	for name := range inExample {
		if read[name] == "" {
			t.Errorf(".env.example names %s, which nothing in the product reads", name)
		}
	}

	b, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	secrets := []string{"TELEGRAM_BOT_TOKEN", "RONGCUO_USER_SECRET", "RONGCUO_WEBHOOK_SECRET", "OPENAI_API_KEY"}
	set := regexp.MustCompile(`^([A-Z][A-Z0-9_]*)=(.*)$`)
	for i, l := range lines {
		m := set.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if slices.Contains(secrets, m[1]) && m[2] != "" {
			t.Errorf(".env.example line %d gives the secret %s a value", i+1, m[1])
		}
		// Values stay loadable by a shell, compose and systemd alike.
		if strings.ContainsAny(m[2], " \"'$`") {
			t.Errorf(".env.example line %d: %q needs quoting somewhere; keep values plain", i+1, l)
		}
	}
	// Each name has a comment: the line above it, or above its group.
	commented := regexp.MustCompile(`^(?:# ?)?[A-Z][A-Z0-9_]*=`)
	for i, l := range lines {
		if !commented.MatchString(l) {
			continue
		}
		j := i - 1
		for j >= 0 && commented.MatchString(lines[j]) {
			j--
		}
		if j < 0 || !strings.HasPrefix(lines[j], "#") {
			t.Errorf(".env.example line %d (%s) has no comment above it", i+1, l)
		}
	}
	// The deployment's env file is a part of the full example.
	for name := range envFileNames(t, filepath.Join("..", "..", "deploy", "rongcuo.env.example")) {
		if !inExample[name] {
			t.Errorf("deploy/rongcuo.env.example names %s, which .env.example does not", name)
		}
	}
}
