package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// subcommands lists the second words of the commands that take one.
var subcommands = map[string][]string{
	"kb":    {"list", "show", "search", "import", "export", "retire", "history", "diff", "status"},
	"logs":  {"export", "stats", "retain", "audit"},
	"users": {"add", "list", "remove"},
}

const completionUsage = `usage: rongcuo completion bash | zsh

bash: source <(rongcuo completion bash)   (or save it under /etc/bash_completion.d/)
zsh:  source <(rongcuo completion zsh)    (in ~/.zshrc, after compinit)`

func runCompletion(ctx context.Context, e env, g *globalOptions, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, completionUsage)
		return nil
	}
	if len(args) != 1 || (args[0] != "bash" && args[0] != "zsh") {
		return usagef("%s", completionUsage)
	}
	script := bashCompletion(ctx, g)
	if args[0] == "zsh" {
		// zsh runs the bash function through its bash completion layer.
		script = "# zsh completion for rongcuo: source <(rongcuo completion zsh), after compinit\n" +
			"autoload -U +X bashcompinit && bashcompinit\n" + script
	}
	_, err := io.WriteString(e.stdout, script)
	return err
}

// flagLine matches a flag in the flag package's -h listing.
var flagLine = regexp.MustCompile(`(?m)^\s+-([\w-]+)`)

// flagsOf returns the flags a command (and subcommand) takes, read from
// its own -h listing, so that completion never drifts from the parsers.
func flagsOf(ctx context.Context, g *globalOptions, c command, sub string) []string {
	var out bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &out}
	args := []string{"-h"}
	if sub != "" {
		args = []string{sub, "-h"}
	}
	_ = c.run(ctx, e, g, args)
	var flags []string
	for _, m := range flagLine.FindAllStringSubmatch(out.String(), -1) {
		if m[1] != "h" {
			flags = append(flags, "--"+m[1])
		}
	}
	sort.Strings(flags)
	return append(flags, "--help")
}

// bashCompletion writes a completion function with the words of every
// command, subcommand and flag.
func bashCompletion(ctx context.Context, g *globalOptions) string {
	var cases strings.Builder
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
		if subs, ok := subcommands[c.name]; ok {
			fmt.Fprintf(&cases, "    %s/) words=%q ;;\n", c.name, strings.Join(subs, " "))
			for _, sub := range subs {
				fmt.Fprintf(&cases, "    %s/%s) words=%q ;;\n", c.name, sub, strings.Join(flagsOf(ctx, g, c, sub), " "))
			}
			continue
		}
		if c.name == "completion" {
			fmt.Fprintf(&cases, "    completion/*) words=\"bash zsh\" ;;\n")
			continue
		}
		fmt.Fprintf(&cases, "    %s/*) words=%q ;;\n", c.name, strings.Join(flagsOf(ctx, g, c, ""), " "))
	}
	return fmt.Sprintf(`# bash completion for rongcuo: source <(rongcuo completion bash)
_rongcuo() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd="" sub="" i words=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --kb|-kb) ((i++)) ;;
      -*) ;;
      *) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;
    esac
  done
  if [[ -z $cmd ]]; then
    if [[ $cur == -* ]]; then words="--kb --version --help"; else words=%q; fi
  else
    case "$cmd/$sub" in
%s    esac
    # Past the subcommand, a word that is not a flag is a file or a text.
    if [[ $cur != -* && ( -n $sub || $words == --* ) && $cmd != completion ]]; then words=""; fi
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _rongcuo rongcuo
`, strings.Join(names, " ")+" help", cases.String())
}
