package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Settings are declared once, as a flag with an environment variable beside
// it: the flag wins over the environment, the environment over the default.
// Each command declares its own options struct with these helpers.

type settings struct {
	fs     *flag.FlagSet
	getenv func(string) string
	errs   []string
	args   []string // positional arguments, flags taken out

	// What the flag package writes waits in out: asked-for help (-h) goes
	// to stdout, the usage after a mistake to stderr.
	out            bytes.Buffer
	stdout, stderr io.Writer
}

func newSettings(name string, getenv func(string) string, stdout, stderr io.Writer) *settings {
	s := &settings{fs: flag.NewFlagSet(name, flag.ContinueOnError), getenv: getenv, stdout: stdout, stderr: stderr}
	s.fs.SetOutput(&s.out)
	return s
}

// flush writes what the flag package printed: to stdout when help was
// asked for, to stderr otherwise.
func (s *settings) flush(err error) {
	w := s.stderr
	if err == flag.ErrHelp {
		w = s.stdout
	}
	if w != nil && s.out.Len() > 0 {
		w.Write(s.out.Bytes())
	}
	s.out.Reset()
}

func envUsage(envName, usage string) string {
	if envName == "" {
		return usage
	}
	return usage + " (env " + envName + ")"
}

func (s *settings) String(p *string, name, envName, def, usage string) {
	if v := s.lookup(envName); v != "" {
		def = v
	}
	s.fs.StringVar(p, name, def, envUsage(envName, usage))
}

func (s *settings) Int(p *int, name, envName string, def int, usage string) {
	if v := s.lookup(envName); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Sprintf("%s=%q: not a whole number", envName, v))
		} else {
			def = n
		}
	}
	s.fs.IntVar(p, name, def, envUsage(envName, usage))
}

func (s *settings) Float(p *float64, name, envName string, def float64, usage string) {
	if v := s.lookup(envName); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			s.errs = append(s.errs, fmt.Sprintf("%s=%q: not a number", envName, v))
		} else {
			def = n
		}
	}
	s.fs.Float64Var(p, name, def, envUsage(envName, usage))
}

func (s *settings) Bool(p *bool, name, envName string, def bool, usage string) {
	if v := s.lookup(envName); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Sprintf("%s=%q: not true or false", envName, v))
		} else {
			def = b
		}
	}
	s.fs.BoolVar(p, name, def, envUsage(envName, usage))
}

func (s *settings) Duration(p *time.Duration, name, envName string, def time.Duration, usage string) {
	if v := s.lookup(envName); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			s.errs = append(s.errs, fmt.Sprintf("%s=%q: not a duration such as 30s or 720h", envName, v))
		} else {
			def = d
		}
	}
	s.fs.DurationVar(p, name, def, envUsage(envName, usage))
}

// secretSetting declares a setting whose value must never be printed: the
// environment is read only after parsing (by the returned func), so `-h`
// cannot show it as a default.
func secretSetting(s *settings, p *string, name, envName, usage string) func() {
	s.fs.StringVar(p, name, "", envUsage(envName, usage))
	return func() {
		if *p == "" {
			*p = s.lookup(envName)
		}
	}
}

func (s *settings) lookup(envName string) string {
	if envName == "" || s.getenv == nil {
		return ""
	}
	return strings.TrimSpace(s.getenv(envName))
}

// Parse parses args and reports bad environment values and bad flags as a
// usage error.
//
// Flags may come after positional arguments (rongcuo ask QUESTION --json);
// after "--" everything is positional.
func (s *settings) Parse(args []string) error {
	err := s.parseInterspersed(args)
	s.flush(err)
	if err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usagef("%s: %v", s.fs.Name(), err)
	}
	if len(s.errs) > 0 {
		return usagef("%s: %s", s.fs.Name(), strings.Join(s.errs, "; "))
	}
	return nil
}

// parseInterspersed parses flags wherever they stand among the arguments:
// the flag package stops at the first argument that is not a flag, so each
// such argument is set aside and parsing goes on after it.
func (s *settings) parseInterspersed(args []string) error {
	s.args = nil
	for {
		if err := s.fs.Parse(args); err != nil {
			return err
		}
		rest := s.fs.Args()
		if len(rest) == 0 {
			return nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			s.args = append(s.args, rest...)
			return nil
		}
		s.args = append(s.args, rest[0])
		args = rest[1:]
	}
}

// Args returns the positional arguments.
func (s *settings) Args() []string { return s.args }

// NArg returns the number of positional arguments.
func (s *settings) NArg() int { return len(s.args) }

// Arg returns the i'th positional argument, or "".
func (s *settings) Arg(i int) string {
	if i < 0 || i >= len(s.args) {
		return ""
	}
	return s.args[i]
}

// globalOptions come before the command name.
type globalOptions struct {
	KB      string // knowledge files directory; empty means the embedded corpus
	Version bool
}

func parseGlobal(args []string, getenv func(string) string, out io.Writer) (*globalOptions, []string, error) {
	g := &globalOptions{}
	s := newSettings("rongcuo", getenv, out, out)
	s.String(&g.KB, "kb", "RONGCUO_KB", "", "use the knowledge files under DIR instead of the embedded knowledge base")
	s.Bool(&g.Version, "version", "", false, "print the version and exit")
	s.fs.Usage = func() {} // run prints the usage, on stdout for --help
	// Global flags end at the command name: what follows is the command's.
	if err := s.fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return nil, nil, err
		}
		return nil, nil, usagef("rongcuo: %v (see rongcuo --help)", err)
	}
	if len(s.errs) > 0 {
		return nil, nil, usagef("rongcuo: %s", strings.Join(s.errs, "; "))
	}
	return g, s.fs.Args(), nil
}
