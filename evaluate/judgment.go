// Package evaluate measures the advisor on gold sets: the judgment set
// (intent, verdict, citations and cases of cadres' questions) and the
// law-retrieval set. The gold files are embedded, so `rongcuo eval` works from
// any directory; a file given with --gold replaces them.
//
// The held-out judgment split is written by people who never saw the rules
// and is never read by whoever tunes them: a report shows only its
// aggregates and its confusion matrix, never its questions.
package evaluate

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"rongcuo/advisor"
	"rongcuo/internal/clip"
)

//go:embed gold/*.jsonl
var goldFS embed.FS

// Item is one gold question of the judgment set.
type Item struct {
	ID         string   `json:"id"`
	Split      string   `json:"split"`
	Question   string   `json:"question"`
	Intent     string   `json:"intent"`
	Verdict    string   `json:"verdict"`
	Provisions []string `json:"provisions"` // must-cite
	Relevant   []string `json:"relevant"`   // acceptable to cite
	Cases      []string `json:"cases"`
	Note       string   `json:"note"`
}

// Splits of the judgment set.
const (
	Dev     = "dev"
	Heldout = "heldout"
)

// judgmentFile reports whether an embedded gold file belongs to the
// judgment set: dev-*.jsonl and heldout.jsonl (the law set is laws-*.jsonl).
func judgmentFile(name string) bool {
	return strings.HasPrefix(name, "dev-") && strings.HasSuffix(name, ".jsonl") || name == "heldout.jsonl"
}

// EmbeddedJudgment returns the judgment set built into the binary.
func EmbeddedJudgment() ([]Item, error) {
	entries, err := fs.ReadDir(goldFS, "gold")
	if err != nil {
		return nil, err
	}
	var items []Item
	for _, e := range entries {
		if !judgmentFile(e.Name()) {
			continue
		}
		b, err := goldFS.ReadFile(path.Join("gold", e.Name()))
		if err != nil {
			return nil, err
		}
		its, err := ParseJudgment(e.Name(), bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		items = append(items, its...)
	}
	return items, nil
}

// LoadJudgment reads a gold file (JSON lines).
func LoadJudgment(file string) ([]Item, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the gold set: %w", err)
	}
	defer f.Close()
	return ParseJudgment(file, f)
}

// ParseJudgment reads JSON lines; blank lines and lines starting with # are
// skipped. name is used in error messages.
func ParseJudgment(name string, r io.Reader) ([]Item, error) {
	var items []Item
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		var it Item
		if err := json.Unmarshal([]byte(t), &it); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if it.ID == "" || it.Question == "" || it.Intent == "" {
			return nil, fmt.Errorf("%s:%d: id, question and intent are required", name, line)
		}
		if it.Split == "" {
			it.Split = Dev
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("%s: no questions", name)
	}
	return items, nil
}

// Outcome is what the advisor did with one gold question.
type Outcome struct {
	Item    Item
	Intent  string
	Verdict string
	Ranked  []string // provision ids, cited first, then the rest of the ranking
	Cited   []string
	Cases   []string // cases shown, then the rest of the ranking

	recallHits int     // must-cite provisions in the top 5
	citedHits  int     // must-cite provisions the answer cites
	rr         float64 // reciprocal rank of the first must-cite provision
	caseHits   int     // expected cases in the top 3
	precise    int     // cited provisions that were must-cite or relevant
}

// Class is the gold class of an item: the verdict of an assessment, the
// intent otherwise.
func (it Item) Class() string {
	if it.Intent == "assessment" {
		return it.Verdict
	}
	return it.Intent
}

// Class is the predicted class.
func (o Outcome) Class() string {
	if o.Intent == "assessment" {
		return o.Verdict
	}
	return o.Intent
}

// Correct reports class accuracy: the intent right and, for an assessment,
// the verdict right.
func (o Outcome) Correct() bool { return o.Class() == o.Item.Class() }

// Inverted reports a polarity inversion, the worst answer there is: a
// tolerable case told it is not, or the reverse.
func (o Outcome) Inverted() bool {
	g, p := o.Item.Class(), o.Class()
	return g == "likely_tolerable" && p == "not_tolerable" || g == "not_tolerable" && p == "likely_tolerable"
}

// Result holds the outcomes of a run.
type Result struct{ Outcomes []Outcome }

// Judge runs the advisor on every item.
func Judge(ctx context.Context, adv *advisor.Advisor, items []Item) (*Result, error) {
	res := &Result{}
	for _, it := range items {
		a, r, err := adv.AdviseReading(ctx, advisor.Question{Text: it.Question})
		if err != nil {
			return nil, fmt.Errorf("gold %s: %w", it.ID, err)
		}
		o := Outcome{Item: it, Intent: string(a.Intent), Verdict: string(a.Verdict)}
		seen := map[string]bool{}
		for _, c := range a.Citations {
			o.Cited = append(o.Cited, c.ID)
			o.Ranked = append(o.Ranked, c.ID)
			seen[c.ID] = true
		}
		for _, h := range r.Provisions {
			if !seen[h.Provision.ID] {
				o.Ranked = append(o.Ranked, h.Provision.ID)
				seen[h.Provision.ID] = true
			}
		}
		seenCase := map[string]bool{}
		for _, c := range a.Cases {
			o.Cases = append(o.Cases, c.ID)
			seenCase[c.ID] = true
		}
		for _, h := range r.Cases {
			if !seenCase[h.Case.ID] {
				o.Cases = append(o.Cases, h.Case.ID)
				seenCase[h.Case.ID] = true
			}
		}
		want := set(it.Provisions)
		for i, id := range o.Ranked {
			if want[id] {
				if i < 5 {
					o.recallHits++
				}
				if o.rr == 0 {
					o.rr = 1 / float64(i+1)
				}
			}
		}
		for _, id := range o.Cited {
			if want[id] {
				o.citedHits++
			}
		}
		wantCase := set(it.Cases)
		for i, id := range o.Cases {
			if i < 3 && wantCase[id] {
				o.caseHits++
			}
		}
		ok := set(append(append([]string(nil), it.Provisions...), it.Relevant...))
		for _, id := range o.Cited {
			if ok[id] {
				o.precise++
			}
		}
		res.Outcomes = append(res.Outcomes, o)
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

// Summary aggregates the measures over a split.
type Summary struct {
	N, ClassOK, IntentOK  int
	VerdictN, VerdictOK   int
	Inversions            int
	MustCite, MustCiteHit int // must-cite provisions, and those the answer cites
	RecallHit             int // must-cite provisions in the top 5
	MRRN                  int
	MRRSum                float64
	CaseWant, CaseHit     int
	Cited, Precise        int
}

// Summary aggregates a split ("dev", "heldout" or "all").
func (r *Result) Summary(split string) Summary {
	var s Summary
	for _, o := range r.Outcomes {
		if split != "all" && o.Item.Split != split {
			continue
		}
		s.N++
		if o.Correct() {
			s.ClassOK++
		}
		if o.Intent == o.Item.Intent {
			s.IntentOK++
		}
		if o.Inverted() {
			s.Inversions++
		}
		if o.Item.Intent == "assessment" {
			s.VerdictN++
			if o.Verdict == o.Item.Verdict {
				s.VerdictOK++
			}
		}
		if len(o.Item.Provisions) > 0 {
			s.MustCite += len(o.Item.Provisions)
			s.MustCiteHit += o.citedHits
			s.RecallHit += o.recallHits
			s.MRRN++
			s.MRRSum += o.rr
		}
		s.CaseWant += len(o.Item.Cases)
		s.CaseHit += o.caseHits
		s.Cited += len(o.Cited)
		s.Precise += o.precise
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s Summary) ClassAcc() float64       { return ratio(s.ClassOK, s.N) }
func (s Summary) IntentAcc() float64      { return ratio(s.IntentOK, s.N) }
func (s Summary) VerdictAcc() float64     { return ratio(s.VerdictOK, s.VerdictN) }
func (s Summary) MustCiteRecall() float64 { return ratio(s.MustCiteHit, s.MustCite) }
func (s Summary) Recall5() float64        { return ratio(s.RecallHit, s.MustCite) }
func (s Summary) CaseRecall() float64     { return ratio(s.CaseHit, s.CaseWant) }
func (s Summary) Precision() float64      { return ratio(s.Precise, s.Cited) }
func (s Summary) MRR() float64 {
	if s.MRRN == 0 {
		return 1
	}
	return s.MRRSum / float64(s.MRRN)
}

// Classes in the order a confusion matrix shows them.
var Classes = []string{"likely_tolerable", "not_tolerable", "needs_more_facts", "definition", "procedure", "out_of_scope", "refused"}

var classAbbrev = map[string]string{"likely_tolerable": "LT", "not_tolerable": "NT", "needs_more_facts": "NMF",
	"definition": "def", "procedure": "proc", "out_of_scope": "oos", "refused": "ref"}

// Confusion counts gold class (row) against predicted class (column).
func (r *Result) Confusion(split string) map[string]map[string]int {
	m := map[string]map[string]int{}
	for _, o := range r.Outcomes {
		if split != "all" && o.Item.Split != split {
			continue
		}
		g := o.Item.Class()
		if m[g] == nil {
			m[g] = map[string]int{}
		}
		m[g][o.Class()]++
	}
	return m
}

// PrintTable writes the measures of each split.
func (r *Result) PrintTable(w io.Writer) {
	fmt.Fprintf(w, "%-8s %4s %7s %7s %8s %5s %9s %9s %7s %6s %8s %10s\n", "split", "n", "class", "intent", "verdict", "inv", "must-cite", "recall@5", "MRR", "cases@3", "cite-prec", "")
	for _, split := range []string{Dev, Heldout, "all"} {
		s := r.Summary(split)
		if s.N == 0 {
			continue
		}
		fmt.Fprintf(w, "%-8s %4d %7.3f %7.3f %8.3f %5d %9.3f %9.3f %7.3f %6.3f %8.3f\n", split, s.N, s.ClassAcc(), s.IntentAcc(),
			s.VerdictAcc(), s.Inversions, s.MustCiteRecall(), s.Recall5(), s.MRR(), s.CaseRecall(), s.Precision())
	}
}

// PrintConfusion writes the confusion matrix of a split: rows are the gold
// class, columns the predicted one.
func (r *Result) PrintConfusion(w io.Writer, split string) {
	m := r.Confusion(split)
	if len(m) == 0 {
		return
	}
	fmt.Fprintf(w, "confusion (%s; rows gold, columns predicted)\n%-6s", split, "")
	for _, c := range Classes {
		fmt.Fprintf(w, "%5s", classAbbrev[c])
	}
	fmt.Fprintln(w)
	for _, g := range Classes {
		if m[g] == nil {
			continue
		}
		fmt.Fprintf(w, "%-6s", classAbbrev[g])
		for _, p := range Classes {
			fmt.Fprintf(w, "%5d", m[g][p])
		}
		fmt.Fprintln(w)
	}
}

// PrintFailures writes a line per dev-split question the advisor got wrong.
// Held-out questions are never printed.
func (r *Result) PrintFailures(w io.Writer) {
	var lines []string
	for _, o := range r.Outcomes {
		if o.Item.Split != Dev {
			continue
		}
		var why []string
		if !o.Correct() {
			why = append(why, fmt.Sprintf("class %s, want %s", orNone(o.Class()), o.Item.Class()))
		}
		if o.citedHits < len(o.Item.Provisions) {
			why = append(why, fmt.Sprintf("cited %v, must cite %v", o.Cited, o.Item.Provisions))
		}
		if o.caseHits < len(o.Item.Cases) {
			why = append(why, fmt.Sprintf("cases top3 %v, want %v", head(o.Cases, 3), o.Item.Cases))
		}
		if len(why) > 0 {
			lines = append(lines, fmt.Sprintf("FAIL %s %s: %s", o.Item.ID, clip.Line(o.Item.Question, 30), strings.Join(why, "; ")))
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// Gate thresholds on the dev split.
const (
	GateClass    = 0.82
	GateMustCite = 0.72
	GateRecall   = 0.78
)

// Gate checks the dev split; the held-out split is only reported.
func (r *Result) Gate() error {
	dev := r.Summary(Dev)
	var fails []string
	if dev.ClassAcc() < GateClass {
		fails = append(fails, fmt.Sprintf("class accuracy %.3f < %.2f", dev.ClassAcc(), GateClass))
	}
	if dev.MustCiteRecall() < GateMustCite {
		fails = append(fails, fmt.Sprintf("must-cite recall %.3f < %.2f", dev.MustCiteRecall(), GateMustCite))
	}
	if dev.Recall5() < GateRecall {
		fails = append(fails, fmt.Sprintf("provision recall@5 %.3f < %.2f", dev.Recall5(), GateRecall))
	}
	if dev.Inversions > 0 {
		fails = append(fails, fmt.Sprintf("%d polarity inversions", dev.Inversions))
	}
	if len(fails) > 0 {
		return fmt.Errorf("gold-set gate failed on the dev split: %s", strings.Join(fails, "; "))
	}
	return nil
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
