package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"rongcuo/advisor"
	"rongcuo/internal/terminal"
)

const askUsage = `usage: rongcuo ask [--json] QUESTION
       echo QUESTION | rongcuo ask [--json]`

// maxStdinQuestion bounds what is read from stdin; the advisor itself reads
// only the first 2,000 characters.
const maxStdinQuestion = 64 << 10

func runAsk(ctx context.Context, e env, g *globalOptions, args []string) error {
	s := newSettings("ask", e.getenv, e.stdout, e.stderr)
	var asJSON bool
	var mo modelOptions
	s.Bool(&asJSON, "json", "", false, "print the answer as one JSON object")
	addModelSettings(s, &mo)
	s.fs.Usage = func() { fmt.Fprintln(s.fs.Output(), askUsage); s.fs.PrintDefaults() }
	if err := s.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := mo.check("ask"); err != nil {
		return err
	}
	question := strings.Join(s.Args(), " ")
	if question == "" || question == "-" {
		b, err := io.ReadAll(io.LimitReader(e.stdin, maxStdinQuestion))
		if err != nil {
			return fmt.Errorf("read question from stdin: %w", err)
		}
		question = string(b)
	}
	if strings.TrimSpace(question) == "" {
		return usagef("%s\nrongcuo ask: the question is empty", askUsage)
	}
	adv, source, release, err := cliSourceAdvisor(ctx, e, g, &mo)
	if err != nil {
		return err
	}
	defer release()
	q := advisor.Question{Text: question}
	var sp *streamPrinter
	if !asJSON && mo.chatEnabled() {
		// Model text is printed as it arrives; the checked answer follows.
		sp = &streamPrinter{w: e.stdout, style: terminal.StyleFor(e.stdout, e.getenv)}
		q.OnText = sp.OnText
	}
	out, err := adv.Advise(ctx, q)
	if errors.Is(err, advisor.ErrEmptyQuestion) {
		// Something was given, but nothing of it is text once normalised
		// (bytes that are not UTF-8, control characters).
		return usagef("%s\nrongcuo ask: the question has no readable text (is it UTF-8?)", askUsage)
	}
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(askJSON{Advice: out, Source: source})
	}
	if sp != nil {
		sp.finish(out)
		return nil
	}
	printAdvice(e.stdout, out, terminal.StyleFor(e.stdout, e.getenv))
	return nil
}

// askJSON is the `ask --json` contract: the advice and where its knowledge
// base came from (embedded, files or live).
type askJSON struct {
	advisor.Advice
	Source string `json:"source"`
}

// printAdvice writes an answer, follow-up questions numbered under it, laid
// out for where it goes (st: bold headings and hanging list items on a
// terminal, plain text when piped).
func printAdvice(w io.Writer, a advisor.Advice, st terminal.Style) {
	fmt.Fprintln(w, terminal.Render(a.Answer, st))
	if len(a.FollowUp) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, terminal.Render("**需要您补充：**", st))
		for i, q := range a.FollowUp {
			fmt.Fprintf(w, "  %d. %s（是 / 否 / 不清楚）\n", i+1, q)
		}
	}
}
