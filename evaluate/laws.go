// The law-retrieval measures (files laws*.go) judge how well a question in a
// cadre's words finds the article that governs it in a law collection: hit@1,
// hit@5, MRR@10 and the median time per query, for any number of engines run
// side by side on the same questions, so that the product is always judged
// against a plain baseline built in the same run.

package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"rongcuo/internal/clip"
)

// LawQuestion is one line of a law-retrieval gold file:
//
//	{"id":"L001","split":"dev","question":"…","articles":["监察法(2024-12-25)#56"],"note":"…"}
//
// Articles are provision ids (document id, "#", article number); the first is
// the best answer, any of them counts as found.
type LawQuestion struct {
	ID       string   `json:"id"`
	Split    string   `json:"split"`
	Question string   `json:"question"`
	Articles []string `json:"articles"`
	Note     string   `json:"note"`
	// Set is the file the question comes from, without .jsonl
	// (laws-dev2): the report gives each development file a row of its
	// own, so a change is judged on every file, not only the one it was
	// fitted on.
	Set string `json:"-"`
}

// LawCutoff is the depth of the ranking that the measures read (MRR@10).
const LawCutoff = 10

// LoadLawQuestions reads a gold file of JSON lines. Blank lines and lines
// starting with # are skipped; a question without id, text or articles is an
// error naming its line. A question without a split is dev.
func LoadLawQuestions(path string) ([]LawQuestion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("evaluate: open law gold set: %w", err)
	}
	defer f.Close()
	qs, err := ReadLawQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %s: %w", path, err)
	}
	setOf(qs, filepath.Base(path))
	return qs, nil
}

// ReadLawQuestions reads law gold questions as JSON lines.
func ReadLawQuestions(r io.Reader) ([]LawQuestion, error) {
	var out []LawQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		var q LawQuestion
		if err := json.Unmarshal([]byte(t), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if q.ID == "" || strings.TrimSpace(q.Question) == "" || len(q.Articles) == 0 {
			return nil, fmt.Errorf("line %d: id, question and articles are required", line)
		}
		if q.Split == "" {
			q.Split = "dev"
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read law gold set: %w", err)
	}
	return out, nil
}

// setOf names the file of the questions (see LawQuestion.Set).
func setOf(qs []LawQuestion, file string) {
	for i := range qs {
		qs[i].Set = strings.TrimSuffix(file, ".jsonl")
	}
}

// LawEngine is a retrieval engine under measure: Rank returns provision ids,
// best first, at most k of them.
type LawEngine struct {
	Name string
	Rank func(question string, k int) []string
}

// LawOutcome is what one engine did with one question.
type LawOutcome struct {
	Question LawQuestion
	Ranked   []string      // the first LawCutoff ids returned
	Rank     int           // 1-based rank of the first gold article; 0 when not in the first LawCutoff
	Took     time.Duration // time of the timed run of this query
}

// RunLaws ranks every question with the engine. Each question is ranked
// twice, the first run warming caches and the second one timed, so the
// times do not depend on which engine ran first.
func RunLaws(e LawEngine, qs []LawQuestion) []LawOutcome {
	out := make([]LawOutcome, 0, len(qs))
	for _, q := range qs {
		e.Rank(q.Question, LawCutoff)
		start := time.Now()
		ranked := e.Rank(q.Question, LawCutoff)
		took := time.Since(start)
		if len(ranked) > LawCutoff {
			ranked = ranked[:LawCutoff]
		}
		out = append(out, LawOutcome{Question: q, Ranked: ranked, Rank: lawFirstRank(ranked, q.Articles), Took: took})
	}
	return out
}

func lawFirstRank(ranked, want []string) int {
	for i, id := range ranked {
		if slices.Contains(want, id) {
			return i + 1
		}
	}
	return 0
}

// LawSummary aggregates outcomes over a split.
type LawSummary struct {
	N          int
	Hit1, Hit5 float64 // share of questions with a gold article at rank 1, in the first 5
	MRR        float64 // mean reciprocal rank of the first gold article, 0 past rank 10
	P50        time.Duration
}

// SummarizeLaws aggregates the outcomes of one split ("all" for every one).
func SummarizeLaws(outs []LawOutcome, split string) LawSummary {
	var s LawSummary
	var took []time.Duration
	var h1, h5 int
	for _, o := range outs {
		if split != "all" && o.Question.Split != split {
			continue
		}
		s.N++
		took = append(took, o.Took)
		if o.Rank == 1 {
			h1++
		}
		if o.Rank >= 1 && o.Rank <= 5 {
			h5++
		}
		if o.Rank > 0 {
			s.MRR += 1 / float64(o.Rank)
		}
	}
	if s.N == 0 {
		return s
	}
	s.Hit1 = float64(h1) / float64(s.N)
	s.Hit5 = float64(h5) / float64(s.N)
	s.MRR /= float64(s.N)
	slices.Sort(took)
	s.P50 = took[(len(took)-1)/2]
	return s
}

// LawRun is one engine's outcomes, for the report.
type LawRun struct {
	Engine   string
	Outcomes []LawOutcome
}

// LawSplits are the splits reported, in order.
var LawSplits = []string{"dev", "heldout", "all"}

// WriteLawReport prints a table of the measures, one row per split and
// engine, then, when details is set, one line per dev question that the
// first engine did not rank first, with each engine's rank. Held-out
// questions are only ever counted: their text and ranks are never printed,
// so nobody tuning an engine learns from them.
func WriteLawReport(w io.Writer, runs []LawRun, details bool) {
	fmt.Fprintf(w, "%-8s %-10s %5s %7s %7s %8s %10s\n", "split", "engine", "n", "hit@1", "hit@5", "MRR@10", "p50")
	for _, split := range LawSplits {
		for _, r := range runs {
			s := SummarizeLaws(r.Outcomes, split)
			if s.N == 0 {
				continue
			}
			fmt.Fprintf(w, "%-8s %-10s %5d %7.3f %7.3f %8.3f %10s\n", split, r.Engine, s.N, s.Hit1, s.Hit5, s.MRR, lawMillis(s.P50))
		}
	}
	// A row per development file when there are several (dev:dev2 for
	// laws-dev2); held-out files are only ever counted together.
	if len(runs) > 0 {
		var sets []string
		for _, o := range runs[0].Outcomes {
			if o.Question.Split == "dev" && !slices.Contains(sets, o.Question.Set) {
				sets = append(sets, o.Question.Set)
			}
		}
		if len(sets) > 1 {
			for _, set := range sets {
				for _, r := range runs {
					var outs []LawOutcome
					for _, o := range r.Outcomes {
						if o.Question.Split == "dev" && o.Question.Set == set {
							outs = append(outs, o)
						}
					}
					s := SummarizeLaws(outs, "dev")
					label := "dev:" + strings.TrimPrefix(set, "laws-")
					fmt.Fprintf(w, "%-8s %-10s %5d %7.3f %7.3f %8.3f %10s\n", label, r.Engine, s.N, s.Hit1, s.Hit5, s.MRR, lawMillis(s.P50))
				}
			}
		}
	}
	if !details || len(runs) == 0 {
		return
	}
	first := true
	for i, o := range runs[0].Outcomes {
		if o.Question.Split != "dev" || o.Rank == 1 {
			continue
		}
		if first {
			fmt.Fprintln(w)
			first = false
		}
		var ranks []string
		for _, r := range runs {
			ranks = append(ranks, fmt.Sprintf("%s %s", r.Engine, lawRankText(r.Outcomes[i].Rank)))
		}
		top := "none"
		if len(o.Ranked) > 0 {
			top = o.Ranked[0]
		}
		fmt.Fprintf(w, "MISS %s %s: %s; want %s, top %s\n", o.Question.ID, clip.Line(o.Question.Question, 40),
			strings.Join(ranks, ", "), o.Question.Articles[0], top)
	}
}

func lawRankText(r int) string {
	if r == 0 {
		return fmt.Sprintf(">%d", LawCutoff)
	}
	return fmt.Sprintf("#%d", r)
}

func lawMillis(d time.Duration) string {
	return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
}
