package evaluate

import (
	"context"
	"fmt"
	"io"

	"rongcuo/advisor"
)

// JudgmentSet returns the judgment gold set: the file when one is named,
// the sets built into the binary otherwise.
func JudgmentSet(file string) ([]Item, error) {
	if file == "" {
		return EmbeddedJudgment()
	}
	return LoadJudgment(file)
}

// Run is one judged run of the advisor and the retrieval it used.
type Run struct {
	Retrieval string // "BM25" or "BM25 + dense (hybrid)"
	*Result
}

// JudgeRetrievals runs the advisor on every item. When it fuses dense
// vectors with BM25, plain BM25 runs first on the same advisor settings,
// so the report shows what the vectors add; the advisor's own run is last.
func JudgeRetrievals(ctx context.Context, adv *advisor.Advisor, items []Item) ([]Run, error) {
	var runs []Run
	if opts := adv.Options(); opts.Vectors != nil {
		opts.Vectors = nil
		bm25, err := Judge(ctx, advisor.New(adv.Index(), opts), items)
		if err != nil {
			return nil, err
		}
		runs = append(runs, Run{Retrieval: "BM25", Result: bm25})
	}
	res, err := Judge(ctx, adv, items)
	if err != nil {
		return nil, err
	}
	retrieval := "BM25"
	if len(runs) > 0 {
		retrieval = "BM25 + dense (hybrid)"
	}
	return append(runs, Run{Retrieval: retrieval, Result: res}), nil
}

// WriteReport prints the measures of each run (named by their retrieval
// when there are several), then the confusion matrices of the last run and,
// with failures, its failing dev questions.
func WriteReport(w io.Writer, runs []Run, failures bool) {
	if len(runs) == 0 {
		return
	}
	for i, r := range runs {
		if len(runs) > 1 {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintln(w, "retrieval: "+r.Retrieval)
		}
		r.PrintTable(w)
	}
	last := runs[len(runs)-1]
	for _, split := range []string{Dev, Heldout} {
		if last.Summary(split).N > 0 {
			fmt.Fprintln(w)
			last.PrintConfusion(w, split)
		}
	}
	if failures {
		fmt.Fprintln(w)
		last.PrintFailures(w)
	}
}

// WriteGate checks the gate (see Gate) and, when the dev split passes,
// prints a line saying so with the thresholds.
func (r *Result) WriteGate(w io.Writer) error {
	if err := r.Gate(); err != nil {
		return err
	}
	fmt.Fprintf(w, "gate: dev split passes (class ≥ %.2f, must-cite recall ≥ %.2f, provision recall@5 ≥ %.2f, no polarity inversion)\n",
		GateClass, GateMustCite, GateRecall)
	return nil
}
