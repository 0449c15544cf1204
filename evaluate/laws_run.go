package evaluate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"rongcuo/knowledge"
)

// LawGold reads the law-retrieval gold files; with none named, the law sets
// built into the binary (laws-*.jsonl). A named file that does not exist is
// skipped and returned in missing; no question at all is an error.
func LawGold(files []string) (qs []LawQuestion, missing []string, err error) {
	if len(files) == 0 {
		qs, err = embeddedLawQuestions()
	}
	for _, f := range files {
		if _, serr := os.Stat(f); errors.Is(serr, fs.ErrNotExist) {
			missing = append(missing, f)
			continue
		}
		more, err := LoadLawQuestions(f)
		if err != nil {
			return nil, missing, err
		}
		qs = append(qs, more...)
	}
	if err == nil && len(qs) == 0 {
		what := "the law sets built into the binary"
		if len(files) > 0 {
			what = strings.Join(files, ", ")
		}
		err = fmt.Errorf("no law gold questions in %s", what)
	}
	return qs, missing, err
}

func embeddedLawQuestions() ([]LawQuestion, error) {
	entries, err := fs.ReadDir(goldFS, "gold")
	if err != nil {
		return nil, err
	}
	var qs []LawQuestion
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "laws-") || !strings.HasSuffix(e.Name(), ".jsonl") {
			continue
		}
		b, err := goldFS.ReadFile(path.Join("gold", e.Name()))
		if err != nil {
			return nil, err
		}
		more, err := ReadLawQuestions(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		setOf(more, e.Name())
		qs = append(qs, more...)
	}
	return qs, nil
}

// LawEval is one run of the law-retrieval measures over a collection: the
// product's search (what `kb search` ranks) beside a plain BM25 built in
// the same run, on the same questions.
type LawEval struct {
	Documents, Provisions, Questions int
	Loaded, Indexed, Baseline        time.Duration // time to load the collection, build the index, build the baseline
	// Unknown are the gold articles the collection lacks ("L012 names
	// X"): they can never be found.
	Unknown []string
	Runs    []LawRun // the product first, then the baseline
}

// EvalLaws loads the law collection under dir and ranks every question with
// the product's index and with the baseline.
func EvalLaws(dir string, qs []LawQuestion) (*LawEval, error) {
	start := time.Now()
	kb, problems := knowledge.LoadDir(dir)
	if kb == nil || len(kb.Documents) == 0 {
		return nil, fmt.Errorf("no law documents could be loaded from %s (%d problems)", dir, len(problems))
	}
	ev := &LawEval{Documents: len(kb.Documents), Provisions: len(kb.Provisions()), Questions: len(qs), Loaded: time.Since(start)}
	for _, q := range qs {
		for _, id := range q.Articles {
			if kb.Provision(id) == nil {
				ev.Unknown = append(ev.Unknown, fmt.Sprintf("gold %s names %s, which is not in %s", q.ID, id, dir))
			}
		}
	}
	start = time.Now()
	ix := knowledge.NewIndex(kb)
	ev.Indexed = time.Since(start)
	start = time.Now()
	base := NewLawBaseline(kb)
	ev.Baseline = time.Since(start)
	product := LawEngine{Name: "product", Rank: func(q string, k int) []string {
		var ids []string
		for _, h := range ix.Provisions(q, knowledge.SearchOptions{Limit: k}) {
			ids = append(ids, h.Provision.ID)
		}
		return ids
	}}
	baseline := LawEngine{Name: "bm25", Rank: base.Rank}
	ev.Runs = []LawRun{
		{Engine: product.Name, Outcomes: RunLaws(product, qs)},
		{Engine: baseline.Name, Outcomes: RunLaws(baseline, qs)},
	}
	return ev, nil
}

// Write prints the collection's size and build times, then the report (see
// WriteLawReport).
func (ev *LawEval) Write(w io.Writer, details bool) {
	ms := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	fmt.Fprintf(w, "laws: %d documents, %d provisions (loaded in %s; index %s, baseline %s); %d questions\n",
		ev.Documents, ev.Provisions, ms(ev.Loaded), ms(ev.Indexed), ms(ev.Baseline), ev.Questions)
	WriteLawReport(w, ev.Runs, details)
}
