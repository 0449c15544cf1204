package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"rongcuo/internal/clip"
)

func TestHelpAndBareCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		out, errOut, err := runCLI(t, nil, "", args...)
		if err != nil || !strings.Contains(out, "usage: rongcuo") || errOut != "" {
			t.Errorf("%v: err %v, stdout %q, stderr %q; want the usage on stdout and success", args, err, out, errOut)
		}
	}
	// help COMMAND is COMMAND -h.
	if out, _, err := runCLI(t, nil, "", "help", "kb"); err != nil || !strings.Contains(out, "rongcuo kb search") {
		t.Errorf("help kb: %v %q", err, out)
	}
	out, errOut, err := runCLI(t, nil, "")
	var u usageError
	if !errors.As(err, &u) || out != "" || !strings.Contains(errOut, "usage: rongcuo") {
		t.Errorf("bare rongcuo: err %v, stdout %q, stderr %q; want the usage on stderr and a usage error", err, out, errOut)
	}
	var w bytes.Buffer
	if code := report(&w, err); code != 2 {
		t.Errorf("bare rongcuo exits %d, want 2", code)
	}
	if _, _, err := runCLI(t, nil, "", "--no-such-flag"); !errors.As(err, &u) {
		t.Errorf("an unknown global flag: %v, want a usage error", err)
	}
}

// Help asked for is on stdout with success, for every command and
// subcommand; a wrong flag is a usage error with the usage on stderr.
func TestHelpIsOnStdout(t *testing.T) {
	for _, c := range commands() {
		subs := []string{""}
		if s, ok := subcommands[c.name]; ok {
			subs = s
		}
		for _, sub := range subs {
			for _, h := range []string{"-h", "--help"} {
				args := []string{c.name, h}
				if sub != "" {
					args = []string{c.name, sub, h}
				}
				out, errOut, err := runCLI(t, nil, "", args...)
				if err != nil || !strings.Contains(out, "usage: rongcuo "+c.name) || errOut != "" {
					t.Errorf("%v: err %v, stdout %q, stderr %q; want the usage on stdout", args, err, clip.Runes(out, 60), clip.Runes(errOut, 60))
				}
			}
		}
	}
	out, errOut, err := runCLI(t, nil, "", "ask", "--no-such-flag", "问题")
	var u usageError
	if !errors.As(err, &u) || out != "" || !strings.Contains(errOut, "usage: rongcuo ask") {
		t.Errorf("ask --no-such-flag: err %v, stdout %q, stderr %q", err, out, errOut)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, _, err := runCLI(t, nil, "", args...)
		if err != nil || !strings.HasPrefix(out, "rongcuo ") || !strings.Contains(out, "go:     go1.") {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
	var b bytes.Buffer
	writeVersion(&b, &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "rongcuo", Version: "v1.2.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.time", Value: "2026-12-01T08:00:00Z"}, {Key: "vcs.modified", Value: "true"}}})
	want := "rongcuo v1.2.0\ncommit: 0123456789abcdef (with uncommitted changes)\ndate:   2026-12-01T08:00:00Z\ngo:     go1.26.8\n"
	if b.String() != want {
		t.Errorf("version:\n%s\nwant\n%s", b.String(), want)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	out, _, err := runCLI(t, nil, "", "ask", "三个区分开来是什么", "--json")
	var m map[string]any
	if err != nil || json.Unmarshal([]byte(out), &m) != nil || m["intent"] == nil {
		t.Errorf("ask QUESTION --json: %v\n%s", err, out)
	}
	out, _, err = runCLI(t, nil, "", "kb", "search", "三十日内", "认定", "--limit", "1", "--json")
	var res []searchResult
	if err != nil || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("kb search … --limit 1 --json: %v\n%s", err, out)
	}
	if len(res) != 1 || res[0].Kind != "provision" {
		t.Errorf("--limit 1 after the query: %+v, want one provision", res)
	}
	// --limit counts both kinds: provisions first, cases up to half.
	out, _, err = runCLI(t, nil, "", "kb", "search", "先行先试", "失误", "免予问责", "--json", "--limit", "5")
	res = nil
	if err != nil || json.Unmarshal([]byte(out), &res) != nil {
		t.Fatalf("kb search … --limit 5 --json: %v\n%s", err, out)
	}
	var kinds []string
	for _, r := range res {
		kinds = append(kinds, r.Kind)
	}
	if want := "provision provision provision case case"; strings.Join(kinds, " ") != want {
		t.Errorf("--limit 5: %v, want %s", kinds, want)
	}
	// After "--" a word that looks like a flag is part of the question.
	out, _, err = runCLI(t, nil, "", "ask", "--", "--json", "是什么")
	if err != nil || json.Valid([]byte(out)) {
		t.Errorf("ask -- --json: %v; the answer must be text\n%s", err, out)
	}
}

func TestOperatorErrorsInPlainEnglish(t *testing.T) {
	_, _, err := runCLI(t, nil, "", "kb", "import", "--dry-run", "imp/nosuch.md")
	if got := operatorMessage(err); got != "cannot read imp/nosuch.md: no such file" {
		t.Errorf("missing file: %q", got)
	}
	missing := filepath.Join(t.TempDir(), "nosuch")
	_, stderr, err := runCLI(t, nil, "", "--kb", missing, "kb", "list")
	if got := operatorMessage(err); got != "cannot read "+missing+": no such file" || stderr != "" {
		t.Errorf("--kb on a missing folder: %q, stderr %q", got, stderr)
	}
	_, _, err = runCLI(t, nil, "", "eval", "--laws", missing, "--quiet")
	if got := operatorMessage(err); got != "cannot read "+missing+": no such file" {
		t.Errorf("eval --laws on a missing folder: %q", got)
	}
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "photo.jpg"), []byte("not a policy"), 0o644)
	_, _, err = runCLI(t, nil, "", "kb", "import", "--dry-run", empty)
	if got := operatorMessage(err); got != "nothing to import: no .md, .txt, .docx or .pdf file found (1 skipped)" {
		t.Errorf("a folder without a file to import: %q", got)
	}
	bad := filepath.Join(t.TempDir(), "bad.docx")
	if err := os.WriteFile(bad, []byte("not a docx"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCLI(t, nil, "", "kb", "import", "--dry-run", bad)
	if got := operatorMessage(err); got != "1 file refused; nothing was stored" {
		t.Errorf("one refused file: %q", got)
	}
	// A bad day is said in English here (the bot and the console say it in Chinese).
	_, _, err = runCLI(t, nil, "", "logs", "export", "--since", "2020-13-01")
	if err == nil || err.Error() != `logs export: "2020-13-01" is not a day: write YYYY-MM-DD, e.g. 2026-05-01` {
		t.Errorf("a bad day: %v", err)
	}
	_, _, err = runCLI(t, map[string]string{"REDIS_URL": "redis://:secret@127.0.0.1:1/0"}, "", "kb", "list")
	if got := operatorMessage(err); got != "cannot reach Redis at redis://:xxxxx@127.0.0.1:1/0: connection refused" {
		t.Errorf("Redis down: %q", got)
	}
	// serve and web too: nothing on stderr before the error main prints.
	for _, cmd := range []string{"serve", "web"} {
		vars := map[string]string{"REDIS_URL": "redis://127.0.0.1:1/0", "TELEGRAM_BOT_TOKEN": "1:T", "RONGCUO_USER_SECRET": "0123456789abcdef0",
			"RONGCUO_OPS_LISTEN": "off", "RONGCUO_WEB_LISTEN": "127.0.0.1:0", "TELEGRAM_API_URL": "http://127.0.0.1:1"}
		_, stderr, err := runCLI(t, vars, "", cmd)
		if got := operatorMessage(err); got != "cannot reach Redis at redis://127.0.0.1:1/0: connection refused" || stderr != "" {
			t.Errorf("%s with Redis down: %q, stderr %q; want one line from main and nothing before it", cmd, got, stderr)
		}
	}
	var b bytes.Buffer
	if code := report(&b, err); code != 1 || strings.Count(b.String(), "\n") != 1 || !strings.HasPrefix(b.String(), "rongcuo: cannot reach Redis") {
		t.Errorf("report: exit %d, %q; want one line and exit 1", code, b.String())
	}
}

// logs takes no positional words: one after its flags is refused, not
// silently taken for a flag value.
func TestLogsExportRefusesExtraArguments(t *testing.T) {
	_, _, err := runCLI(t, nil, "", "logs", "export", "extra")
	var u usageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), `unexpected argument "extra"`) {
		t.Errorf("logs export extra: %v", err)
	}
}

func TestCompletion(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to run the completion script")
	}
	out, _, err := runCLI(t, nil, "", "completion", "bash")
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "rongcuo.bash")
	if err := os.WriteFile(script, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	for line, want := range map[string]string{
		"rongcuo k":                     "kb",
		"rongcuo --kb dir as":           "ask",
		"rongcuo kb se":                 "search",
		"rongcuo kb search 认定 --li":     "--limit",
		"rongcuo ask --j":               "--json",
		"rongcuo logs export --fo":      "--format",
		"rongcuo completion z":          "zsh",
		"rongcuo --ver":                 "--version",
		"rongcuo serve --webhook-se":    "--webhook-secret",
		"rongcuo users add --password-": "--password-stdin",
	} {
		words := strings.Fields(line)
		cmd := exec.Command(bash, "--norc", "-c", `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($#-1)); _rongcuo; echo "${COMPREPLY[*]}"`, "_", script)
		cmd.Args = append(cmd.Args, words...)
		got, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(got)) != want {
			t.Errorf("%q completes to %q (%v), want %q", line, strings.TrimSpace(string(got)), err, want)
		}
	}
	zsh, _, err := runCLI(t, nil, "", "completion", "zsh")
	if err != nil || !strings.Contains(zsh, "bashcompinit") || !strings.Contains(zsh, "complete -o default -F _rongcuo rongcuo") {
		t.Errorf("zsh completion: %v\n%s", err, zsh)
	}
	// Where zsh is installed, the script is sourced there too and asked for
	// the words of a position through zsh's compgen (zsh itself then keeps
	// those that start with what was typed).
	if zshPath, err := exec.LookPath("zsh"); err == nil {
		script := filepath.Join(t.TempDir(), "rongcuo.zsh")
		if err := os.WriteFile(script, []byte(zsh), 0o644); err != nil {
			t.Fatal(err)
		}
		for line, want := range map[string]string{
			"rongcuo kb se":            "search",
			"rongcuo ask --j":          "--json",
			"rongcuo logs export --fo": "--format",
			"rongcuo --kb dir k":       "kb",
		} {
			words := strings.Fields(line)
			cmd := exec.Command(zshPath, "-f", "-c", `autoload -U compinit && compinit -u -d "$1.dump" && source "$1" || exit 1; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); compgen -F _rongcuo -- "${@[-1]}"`, "_", script)
			cmd.Args = append(cmd.Args, words...)
			got, err := cmd.CombinedOutput()
			if err != nil || !slices.Contains(strings.Fields(string(got)), want) {
				t.Errorf("zsh: %q offers %q (%v), want %q among them", line, strings.TrimSpace(string(got)), err, want)
			}
		}
	} else {
		t.Log("zsh not installed here: the zsh script was checked as text only")
	}
	var u usageError
	if _, _, err := runCLI(t, nil, "", "completion", "fish"); !errors.As(err, &u) {
		t.Errorf("completion fish: %v, want a usage error", err)
	}
}

// The process itself, run as main runs it: a Redis that does not answer is
// one line on stderr (no client-library lines before it) and exit status 1.
func TestUnreachableRedisIsOneLine(t *testing.T) {
	if os.Getenv("RONGCUO_TEST_MAIN") == "1" {
		os.Args = []string{"rongcuo", "kb", "list"}
		main()
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestUnreachableRedisIsOneLine$")
	cmd.Env = append(os.Environ(), "RONGCUO_TEST_MAIN=1", "REDIS_URL=redis://127.0.0.1:1/0")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\nstderr:\n%s", err, stderr.String())
	}
	if want := "rongcuo: cannot reach Redis at redis://127.0.0.1:1/0: connection refused\n"; stderr.String() != want {
		t.Errorf("stderr:\n%q\nwant\n%q", stderr.String(), want)
	}
}
