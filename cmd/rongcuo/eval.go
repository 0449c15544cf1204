package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"rongcuo/advisor"
)

// The gold set: questions written as cadres write them, each with the intent,
// verdict, provisions and cases a good answer has. `rongcuo eval` runs the
// advisor on it and prints the measures for the dev and the held-out split;
// --gate fails when the dev split drops below the thresholds.

type goldItem struct {
	ID         string   `json:"id"`
	Split      string   `json:"split"`
	Question   string   `json:"question"`
	Intent     string   `json:"intent"`
	Verdict    string   `json:"verdict"`
	Provisions []string `json:"provisions"`
	Relevant   []string `json:"relevant"`
	Cases      []string `json:"cases"`
	Note       string   `json:"note"`
}

// Gate thresholds on the dev split.
const (
	gateIntent  = 0.90
	gateVerdict = 0.85
	gateRecall  = 0.90
)

func runEval(ctx context.Context, e env, g *globalOptions, args []string) error {
	s := newSettings("eval", e.getenv, e.stderr)
	var gold string
	var gate, quiet, withModel bool
	var mo modelOptions
	addModelSettings(s, &mo)
	s.Bool(&withModel, "with-model", "", false, "let the configured model write the answers too (slow, costs tokens); default: offline answers, dense retrieval when configured")
	s.String(&gold, "gold", "RONGCUO_GOLD", "testdata/gold/gold.jsonl", "gold-set file (JSON lines)")
	s.Bool(&gate, "gate", "", false, "exit non-zero when the dev split is below the thresholds")
	s.Bool(&quiet, "quiet", "", false, "print the measures only, not a line per failure")
	s.fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: rongcuo eval [--gold FILE] [--gate] [--quiet]")
		s.fs.PrintDefaults()
	}
	if err := s.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	items, err := loadGold(gold)
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
		bm25, err := evaluate(ctx, advisor.New(adv.Index(), opts), items)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "retrieval: BM25")
		printEval(e.stdout, bm25, false)
		fmt.Fprintln(e.stdout, "\nretrieval: BM25 + dense (hybrid)")
	}
	res, err := evaluate(ctx, adv, items)
	if err != nil {
		return err
	}
	printEval(e.stdout, res, !quiet)
	if gate {
		dev := res.summary("dev")
		var fails []string
		if dev.intentAcc() < gateIntent {
			fails = append(fails, fmt.Sprintf("intent accuracy %.3f < %.2f", dev.intentAcc(), gateIntent))
		}
		if dev.verdictAcc() < gateVerdict {
			fails = append(fails, fmt.Sprintf("verdict accuracy %.3f < %.2f", dev.verdictAcc(), gateVerdict))
		}
		if dev.recall() < gateRecall {
			fails = append(fails, fmt.Sprintf("provision recall@5 %.3f < %.2f", dev.recall(), gateRecall))
		}
		if len(fails) > 0 {
			return fmt.Errorf("gold-set gate failed on the dev split: %s", strings.Join(fails, "; "))
		}
		fmt.Fprintln(e.stdout, "gate: dev split passes (intent ≥ 0.90, verdict ≥ 0.85, provision recall@5 ≥ 0.90)")
	}
	return nil
}

func loadGold(path string) ([]goldItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open gold set: %w", err)
	}
	defer f.Close()
	var items []goldItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		var it goldItem
		if err := json.Unmarshal([]byte(t), &it); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if it.ID == "" || it.Question == "" || it.Intent == "" {
			return nil, fmt.Errorf("%s:%d: id, question and intent are required", path, line)
		}
		if it.Split == "" {
			it.Split = "dev"
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold set: %w", err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: no questions", path)
	}
	return items, nil
}

// evalOutcome is what the advisor did with one gold question.
type evalOutcome struct {
	item       goldItem
	intent     string
	verdict    string
	ranked     []string // provision ids, cited first, then the rest of the ranking
	cited      []string
	cases      []string // cases shown, then the rest of the ranking
	recallHits int      // expected provisions in the top 5
	rr         float64  // reciprocal rank of the first expected provision
	caseHits   int      // expected cases in the top 3
	precise    int      // cited provisions that were expected or relevant
}

type evalResult struct{ outcomes []evalOutcome }

func evaluate(ctx context.Context, adv *advisor.Advisor, items []goldItem) (*evalResult, error) {
	res := &evalResult{}
	for _, it := range items {
		a, r, err := adv.AdviseReading(ctx, advisor.Question{Text: it.Question})
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", it.ID, err)
		}
		o := evalOutcome{item: it, intent: string(a.Intent), verdict: string(a.Verdict)}
		seen := map[string]bool{}
		for _, c := range a.Citations {
			o.cited = append(o.cited, c.ID)
			o.ranked = append(o.ranked, c.ID)
			seen[c.ID] = true
		}
		for _, h := range r.Provisions {
			if !seen[h.Provision.ID] {
				o.ranked = append(o.ranked, h.Provision.ID)
				seen[h.Provision.ID] = true
			}
		}
		seenCase := map[string]bool{}
		for _, c := range a.Cases {
			o.cases = append(o.cases, c.ID)
			seenCase[c.ID] = true
		}
		for _, h := range r.Cases {
			if !seenCase[h.Case.ID] {
				o.cases = append(o.cases, h.Case.ID)
				seenCase[h.Case.ID] = true
			}
		}
		want := set(it.Provisions)
		for i, id := range o.ranked {
			if want[id] {
				if i < 5 {
					o.recallHits++
				}
				if o.rr == 0 {
					o.rr = 1 / float64(i+1)
				}
			}
		}
		wantCase := set(it.Cases)
		for i, id := range o.cases {
			if i < 3 && wantCase[id] {
				o.caseHits++
			}
		}
		ok := set(append(append([]string(nil), it.Provisions...), it.Relevant...))
		for _, id := range o.cited {
			if ok[id] {
				o.precise++
			}
		}
		res.outcomes = append(res.outcomes, o)
	}
	return res, nil
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// evalSummary aggregates the measures over a split.
type evalSummary struct {
	n, intentOK           int
	verdictN, verdictOK   int
	recallWant, recallHit int
	mrrN                  int
	mrrSum                float64
	caseWant, caseHit     int
	cited, precise        int
}

func (r *evalResult) summary(split string) evalSummary {
	var s evalSummary
	for _, o := range r.outcomes {
		if split != "all" && o.item.Split != split {
			continue
		}
		s.n++
		if o.intent == o.item.Intent {
			s.intentOK++
		}
		if o.item.Verdict != "" {
			s.verdictN++
			if o.verdict == o.item.Verdict {
				s.verdictOK++
			}
		}
		if len(o.item.Provisions) > 0 {
			s.recallWant += len(o.item.Provisions)
			s.recallHit += o.recallHits
			s.mrrN++
			s.mrrSum += o.rr
		}
		s.caseWant += len(o.item.Cases)
		s.caseHit += o.caseHits
		s.cited += len(o.cited)
		s.precise += o.precise
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s evalSummary) intentAcc() float64  { return ratio(s.intentOK, s.n) }
func (s evalSummary) verdictAcc() float64 { return ratio(s.verdictOK, s.verdictN) }
func (s evalSummary) recall() float64     { return ratio(s.recallHit, s.recallWant) }
func (s evalSummary) mrr() float64 {
	if s.mrrN == 0 {
		return 1
	}
	return s.mrrSum / float64(s.mrrN)
}
func (s evalSummary) caseRecall() float64 { return ratio(s.caseHit, s.caseWant) }
func (s evalSummary) precision() float64  { return ratio(s.precise, s.cited) }

func printEval(w io.Writer, r *evalResult, failures bool) {
	fmt.Fprintf(w, "%-8s %5s %8s %8s %10s %6s %10s %10s\n", "split", "n", "intent", "verdict", "recall@5", "MRR", "cases@3", "cite-prec")
	for _, split := range []string{"dev", "heldout", "all"} {
		s := r.summary(split)
		if s.n == 0 {
			continue
		}
		fmt.Fprintf(w, "%-8s %5d %8.3f %8.3f %10.3f %6.3f %10.3f %10.3f\n", split, s.n, s.intentAcc(), s.verdictAcc(), s.recall(), s.mrr(), s.caseRecall(), s.precision())
	}
	if !failures {
		return
	}
	var lines []string
	for _, o := range r.outcomes {
		var why []string
		if o.intent != o.item.Intent {
			why = append(why, fmt.Sprintf("intent %s, want %s", o.intent, o.item.Intent))
		}
		if o.item.Verdict != "" && o.verdict != o.item.Verdict {
			why = append(why, fmt.Sprintf("verdict %s, want %s", orNone(o.verdict), o.item.Verdict))
		}
		if o.recallHits < len(o.item.Provisions) {
			why = append(why, fmt.Sprintf("provisions top5 %v, want %v", head(o.ranked, 5), o.item.Provisions))
		}
		if o.caseHits < len(o.item.Cases) {
			why = append(why, fmt.Sprintf("cases top3 %v, want %v", head(o.cases, 3), o.item.Cases))
		}
		if len(why) > 0 {
			lines = append(lines, fmt.Sprintf("FAIL %s [%s] %s: %s", o.item.ID, o.item.Split, oneLine(o.item.Question, 30), strings.Join(why, "; ")))
		}
	}
	sort.Strings(lines)
	if len(lines) > 0 {
		fmt.Fprintln(w)
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

func head(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
