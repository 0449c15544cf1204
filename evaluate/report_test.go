package evaluate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rongcuo/advisor"
	"rongcuo/knowledge"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLawGold(t *testing.T) {
	qs, missing, err := LawGold(nil)
	if err != nil || len(missing) != 0 {
		t.Fatalf("the embedded law sets: %v, missing %v", err, missing)
	}
	dev := 0
	for _, q := range qs {
		if q.Split == "dev" {
			dev++
		}
	}
	if dev == 0 {
		t.Errorf("the embedded law sets hold no dev question (%d questions)", len(qs))
	}

	dir := t.TempDir()
	f := writeFile(t, dir, "g.jsonl", `{"id":"L1","question":"问","articles":["a#1"]}`+"\n")
	gone := filepath.Join(dir, "gone.jsonl")
	qs, missing, err = LawGold([]string{f, gone})
	if err != nil || len(qs) != 1 || len(missing) != 1 || missing[0] != gone {
		t.Errorf("a file and a missing one: %d questions, missing %v, %v", len(qs), missing, err)
	}
	if _, _, err := LawGold([]string{gone}); err == nil || !strings.Contains(err.Error(), gone) {
		t.Errorf("only a missing file: %v, want an error naming it", err)
	}
	bad := writeFile(t, dir, "bad.jsonl", `{"id":"L1",`+"\n")
	if _, _, err := LawGold([]string{bad}); err == nil {
		t.Error("a malformed gold file is not an error")
	}
}

func TestEvalLaws(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "测试法(2020-01-01).md", "# 测试法\n\n第一条 为了测试，制定本法。\n\n第二条 公职人员违反规定出境的，予以记过。\n\n第三条 收受礼品、礼金的，予以警告。\n")
	qs := []LawQuestion{
		{ID: "L1", Split: "dev", Question: "违反规定出境怎么处理", Articles: []string{"测试法(2020-01-01)#2"}},
		{ID: "L2", Split: "dev", Question: "收受礼金", Articles: []string{"测试法(2020-01-01)#9"}},
	}
	ev, err := EvalLaws(dir, qs)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Documents != 1 || ev.Provisions != 3 || ev.Questions != 2 || len(ev.Runs) != 2 || ev.Runs[0].Engine != "product" || ev.Runs[1].Engine != "bm25" {
		t.Errorf("got %d documents, %d provisions, %d questions, runs %d", ev.Documents, ev.Provisions, ev.Questions, len(ev.Runs))
	}
	if len(ev.Unknown) != 1 || !strings.Contains(ev.Unknown[0], "L2") || !strings.Contains(ev.Unknown[0], "#9") {
		t.Errorf("unknown gold articles: %q", ev.Unknown)
	}
	if got := ev.Runs[0].Outcomes[0].Rank; got != 1 {
		t.Errorf("the product ranks the article on leaving the country at %d", got)
	}
	var out bytes.Buffer
	ev.Write(&out, true)
	for _, want := range []string{"laws: 1 documents, 3 provisions", "dev      product", "dev      bm25", "MISS L2"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if _, err := EvalLaws(t.TempDir(), qs); err == nil {
		t.Error("an empty collection is not an error")
	}
}

// fixedVectors makes an advisor fuse dense retrieval, so JudgeRetrievals
// runs BM25 first.
type noVectors struct{ asked *int }

func (v noVectors) SearchProvisions(context.Context, string, int) ([]knowledge.ProvisionHit, error) {
	*v.asked++
	return nil, nil
}

func (v noVectors) SearchCases(context.Context, string, int) ([]knowledge.CaseHit, error) {
	return nil, nil
}

func TestJudgeRetrievalsAndReport(t *testing.T) {
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	items := []Item{
		{ID: "t1", Split: Dev, Question: "什么是三个区分开来", Intent: "definition"},
		{ID: "t2", Split: Dev, Question: "明天天气怎么样", Intent: "definition"},
	}
	adv := advisor.New(knowledge.NewIndex(kb), advisor.Options{})
	runs, err := JudgeRetrievals(context.Background(), adv, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Retrieval != "BM25" {
		t.Fatalf("an advisor without vectors: %d runs", len(runs))
	}
	var out bytes.Buffer
	WriteReport(&out, runs, true)
	text := out.String()
	if strings.Contains(text, "retrieval:") || !strings.Contains(text, "confusion (dev") || !strings.Contains(text, "FAIL t2") || strings.Contains(text, "FAIL t1") {
		t.Errorf("report of one run:\n%s", text)
	}
	out.Reset()
	WriteReport(&out, runs, false)
	if strings.Contains(out.String(), "FAIL") {
		t.Errorf("failures printed without being asked for:\n%s", out.String())
	}
	out.Reset()
	if err := runs[0].WriteGate(&out); err == nil || out.Len() > 0 {
		t.Errorf("the gate passed at class accuracy %.2f: %v %q", runs[0].Summary(Dev).ClassAcc(), err, out.String())
	}

	// With dense retrieval, plain BM25 first (vectors never asked), then the
	// advisor's own hybrid run.
	asked := 0
	hybrid := advisor.New(knowledge.NewIndex(kb), advisor.Options{Vectors: noVectors{&asked}})
	runs, err = JudgeRetrievals(context.Background(), hybrid, items)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Retrieval != "BM25" || runs[1].Retrieval != "BM25 + dense (hybrid)" {
		t.Fatalf("an advisor with vectors: %+v", runs)
	}
	if asked == 0 || asked > len(items) {
		t.Errorf("vectors asked %d times for %d questions: the BM25 run should not ask them", asked, len(items))
	}
	out.Reset()
	WriteReport(&out, runs, false)
	text = out.String()
	if i, j := strings.Index(text, "retrieval: BM25\n"), strings.Index(text, "retrieval: BM25 + dense (hybrid)"); i < 0 || j < i {
		t.Errorf("report of two runs:\n%s", text)
	}
}
