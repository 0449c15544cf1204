package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"rongcuo/advisor"
	"rongcuo/evaluate"
)

// `rongcuo eval` runs the advisor on the judgment gold set (embedded; --gold
// replaces it) and prints the measures of the dev and held-out splits, the
// held-out split as aggregates and a confusion matrix only; --gate fails when
// the dev split is below the thresholds (see package evaluate).

func runEval(ctx context.Context, e env, g *globalOptions, args []string) error {
	s := newSettings("eval", e.getenv, e.stderr)
	var gold, laws, lawGold string
	var gate, quiet, withModel bool
	var mo modelOptions
	addModelSettings(s, &mo)
	s.Bool(&withModel, "with-model", "", false, "let the configured model write the answers too (slow, costs tokens); default: offline answers, dense retrieval when configured")
	s.String(&gold, "gold", "RONGCUO_GOLD", "", "gold-set file (JSON lines); default: the sets built into the binary")
	s.Bool(&gate, "gate", "", false, "exit non-zero when the dev split is below the thresholds")
	s.Bool(&quiet, "quiet", "", false, "print the measures only, not a line per failure")
	s.String(&laws, "laws", "", "", "measure article retrieval over the law collection under this folder instead (product beside plain BM25)")
	s.String(&lawGold, "laws-gold", "", defaultLawGold, "comma-separated law-retrieval gold files (with --laws)")
	s.fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: rongcuo eval [--gold FILE] [--gate] [--quiet]\n       rongcuo eval --laws DIR [--laws-gold FILES] [--quiet]")
		s.fs.PrintDefaults()
	}
	if err := s.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if laws != "" {
		return runLawEval(e, laws, lawGold, quiet)
	}
	var items []evaluate.Item
	var err error
	if gold == "" {
		items, err = evaluate.EmbeddedJudgment()
	} else {
		items, err = evaluate.LoadJudgment(gold)
	}
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
	if adv.Options().Vectors != nil {
		// Report plain BM25 first, then the hybrid retrieval.
		opts := adv.Options()
		opts.Vectors = nil
		bm25, err := evaluate.Judge(ctx, advisor.New(adv.Index(), opts), items)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "retrieval: BM25")
		bm25.PrintTable(e.stdout)
		fmt.Fprintln(e.stdout, "\nretrieval: BM25 + dense (hybrid)")
	}
	res, err := evaluate.Judge(ctx, adv, items)
	if err != nil {
		return err
	}
	res.PrintTable(e.stdout)
	for _, split := range []string{evaluate.Dev, evaluate.Heldout} {
		if res.Summary(split).N > 0 {
			fmt.Fprintln(e.stdout)
			res.PrintConfusion(e.stdout, split)
		}
	}
	if !quiet {
		fmt.Fprintln(e.stdout)
		res.PrintFailures(e.stdout)
	}
	if gate {
		if err := res.Gate(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "gate: dev split passes (class ≥ %.2f, must-cite recall ≥ %.2f, provision recall@5 ≥ %.2f, no polarity inversion)\n",
			evaluate.GateClass, evaluate.GateMustCite, evaluate.GateRecall)
	}
	return nil
}
