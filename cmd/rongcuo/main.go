// Command rongcuo is the 容错纠错 assistant: a terminal advisor (ask, chat),
// the Telegram bot (serve), knowledge-base tools (kb), usage logs (logs) and
// the gold-set evaluation (eval). main only wires; run is callable from tests.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		os.Exit(report(os.Stderr, err))
	}
}

// env is what a command sees of the process: arguments aside, everything that
// differs between a test and a real run.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, g *globalOptions, args []string) error
}

func commands() []command {
	return []command{
		{"ask", "answer one question: rongcuo ask [--json] QUESTION (or the question on stdin)", runAsk},
		{"chat", "a terminal conversation that remembers the case across turns", runChat},
		{"kb", "knowledge base: list | show ID | search | import | export | retire | history | diff | status (live in Redis when REDIS_URL is set)", runKB},
		{"serve", "run the Telegram bot (and the web console with --web-listen)", runServe},
		{"web", "run the web console alone (--web-listen, default " + defaultWebListen + ")", runWeb},
		{"users", "web accounts: add [--role cadre|staff|admin] --password-stdin NAME | list | remove NAME", runUsers},
		{"logs", "usage logs for admins: export | stats | audit | retain", runLogs},
		{"eval", "run the advisor on the gold set and print the measures", runEval},
		{"version", "print the version, the commit and the Go release it was built from", runVersion},
		{"completion", "print a shell completion script: completion bash | zsh", runCompletion},
	}
}

// usageError is an error in how the command was called; main prints it as
// it is and exits with 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	g, rest, err := parseGlobal(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return nil
	}
	if err != nil {
		return err
	}
	if g.Version {
		return runVersion(ctx, e, g, rest)
	}
	if len(rest) == 0 {
		printUsage(stderr)
		return usagef("rongcuo: name a command")
	}
	name, args := rest[0], rest[1:]
	if name == "help" {
		if len(args) == 0 {
			printUsage(stdout)
			return nil
		}
		// rongcuo help COMMAND [SUB] is rongcuo COMMAND [SUB] -h.
		name, args = args[0], append(args[1:], "-h")
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, g, args)
		}
	}
	printUsage(stderr)
	return usagef("rongcuo: unknown command %q", name)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: rongcuo [--kb DIR] COMMAND [ARGS]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Global flags:")
	fmt.Fprintln(w, "  --kb DIR    use the knowledge files under DIR instead of the embedded ones (env RONGCUO_KB)")
	fmt.Fprintln(w, "  --version   print the version")
	fmt.Fprintln(w, "  --help      print this help")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Settings are flags or environment variables; `rongcuo help COMMAND` lists a command's.")
}
