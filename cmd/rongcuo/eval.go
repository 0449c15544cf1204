package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"rongcuo/evaluate"
)

// `rongcuo eval` runs the advisor on the judgment gold set (embedded; --gold
// replaces it) and prints the measures of the dev and held-out splits, the
// held-out split as aggregates and a confusion matrix only; --gate fails when
// the dev split is below the thresholds (see package evaluate). With --laws
// it measures article retrieval over a law collection instead.

func runEval(ctx context.Context, e env, g *globalOptions, args []string) error {
	s := newSettings("eval", e.getenv, e.stdout, e.stderr)
	var gold, laws, lawGold string
	var gate, quiet, withModel bool
	var mo modelOptions
	addModelSettings(s, &mo)
	s.Bool(&withModel, "with-model", "", false, "let the configured model write the answers too (slow, costs tokens); default: offline answers, dense retrieval when configured")
	s.String(&gold, "gold", "RONGCUO_GOLD", "", "gold-set file (JSON lines); default: the sets built into the binary")
	s.Bool(&gate, "gate", "", false, "exit non-zero when the dev split is below the thresholds")
	s.Bool(&quiet, "quiet", "", false, "print the measures only, not a line per failure")
	s.String(&laws, "laws", "", "", "measure article retrieval over the law collection under this folder instead (product beside plain BM25)")
	s.String(&lawGold, "laws-gold", "", "", "comma-separated law-retrieval gold files (with --laws); default: the law sets built into the binary")
	s.fs.Usage = func() {
		fmt.Fprintln(s.fs.Output(), "usage: rongcuo eval [--gold FILE] [--gate] [--quiet]\n       rongcuo eval --laws DIR [--laws-gold FILES] [--quiet]")
		s.fs.PrintDefaults()
	}
	if err := s.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := mo.check("eval"); err != nil {
		return err
	}
	if laws != "" {
		return runLawEval(e, laws, lawGold, quiet)
	}
	items, err := evaluate.JudgmentSet(gold)
	if err != nil {
		return err
	}
	if !withModel {
		mo.Model = "" // the gold set measures the offline advisor unless asked
	}
	adv, release, err := cliAdvisor(ctx, e, g, &mo)
	if err != nil {
		return err
	}
	defer release()
	runs, err := evaluate.JudgeRetrievals(ctx, adv, items)
	if err != nil {
		return err
	}
	evaluate.WriteReport(e.stdout, runs, !quiet)
	if gate {
		return runs[len(runs)-1].WriteGate(e.stdout)
	}
	return nil
}

// runLawEval measures article retrieval over the law collection under dir
// on the questions of the gold files (see evaluate.EvalLaws). A gold file
// that does not exist is skipped with a warning; gold articles the
// collection lacks are warned about, since they can never be found.
func runLawEval(e env, dir, goldFiles string, quiet bool) error {
	if _, err := os.Stat(dir); err != nil {
		return err // "cannot read DIR: no such file"
	}
	var files []string
	for _, f := range strings.Split(goldFiles, ",") {
		if f = strings.TrimSpace(f); f != "" {
			files = append(files, f)
		}
	}
	qs, missing, err := evaluate.LawGold(files)
	for _, f := range missing {
		fmt.Fprintf(e.stderr, "warning: law gold file %s does not exist; skipped\n", f)
	}
	if err != nil {
		return err
	}
	ev, err := evaluate.EvalLaws(dir, qs)
	if err != nil {
		return err
	}
	for _, w := range ev.Unknown {
		fmt.Fprintln(e.stderr, "warning:", w)
	}
	ev.Write(e.stdout, !quiet)
	return nil
}
