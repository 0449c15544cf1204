package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	measure "rongcuo/evaluate"
	"rongcuo/knowledge"
)

// defaultLawGold lists the law-retrieval gold files `eval --laws` reads.
const defaultLawGold = "evaluate/gold/laws-dev.jsonl,evaluate/gold/laws-heldout.jsonl"

// runLawEval measures article retrieval over the law collection under dir:
// the product's search (what `kb search` ranks) beside a plain BM25 built in
// the same run, on the questions of the gold files. A gold file that does
// not exist is skipped with a warning; gold articles the collection lacks
// are reported, since they can never be found.
func runLawEval(e env, dir, goldFiles string, quiet bool) error {
	var qs []measure.LawQuestion
	for _, f := range strings.Split(goldFiles, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		if _, err := os.Stat(f); os.IsNotExist(err) {
			fmt.Fprintf(e.stderr, "warning: law gold file %s does not exist; skipped\n", f)
			continue
		}
		more, err := measure.LoadLawQuestions(f)
		if err != nil {
			return err
		}
		qs = append(qs, more...)
	}
	if len(qs) == 0 {
		return fmt.Errorf("no law gold questions in %s", goldFiles)
	}
	start := time.Now()
	kb, problems := knowledge.LoadDir(dir)
	if kb == nil || len(kb.Documents) == 0 {
		return fmt.Errorf("no law documents could be loaded from %s (%d problems)", dir, len(problems))
	}
	loaded := time.Since(start)
	for _, q := range qs {
		for _, id := range q.Articles {
			if kb.Provision(id) == nil {
				fmt.Fprintf(e.stderr, "warning: gold %s names %s, which is not in %s\n", q.ID, id, dir)
			}
		}
	}
	start = time.Now()
	ix := knowledge.NewIndex(kb)
	built := time.Since(start)
	start = time.Now()
	base := measure.NewLawBaseline(kb)
	baseBuilt := time.Since(start)
	fmt.Fprintf(e.stdout, "laws: %d documents, %d provisions (loaded in %s; index %s, baseline %s); %d questions\n",
		len(kb.Documents), len(kb.Provisions()), loaded.Round(time.Millisecond), built.Round(time.Millisecond),
		baseBuilt.Round(time.Millisecond), len(qs))
	product := measure.LawEngine{Name: "product", Rank: func(q string, k int) []string {
		var ids []string
		for _, h := range ix.Provisions(q, knowledge.SearchOptions{Limit: k}) {
			ids = append(ids, h.Provision.ID)
		}
		return ids
	}}
	baseline := measure.LawEngine{Name: "bm25", Rank: base.Rank}
	measure.WriteLawReport(e.stdout, []measure.LawRun{
		{Engine: product.Name, Outcomes: measure.RunLaws(product, qs)},
		{Engine: baseline.Name, Outcomes: measure.RunLaws(baseline, qs)},
	}, !quiet)
	return nil
}
