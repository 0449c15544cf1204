package evaluate

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"rongcuo/knowledge"
)

func TestReadLawQuestions(t *testing.T) {
	in := "\ufeff# comment\n\n" +
		`{"id":"L1","split":"heldout","question":"问","articles":["a#1"]}` + "\n" +
		`{"id":"L2","question":"问二","articles":["a#2","a#3"]}` + "\n"
	qs, err := ReadLawQuestions(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 || qs[0].Split != "heldout" || qs[1].Split != "dev" || len(qs[1].Articles) != 2 {
		t.Fatalf("got %+v", qs)
	}
	for _, bad := range []string{
		`{"id":"L1","question":"问","articles":[]}`,
		`{"id":"","question":"问","articles":["a#1"]}`,
		`{"id":"L1","question":" ","articles":["a#1"]}`,
		`{"id":"L1",`,
	} {
		if _, err := ReadLawQuestions(strings.NewReader("\n" + bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
			t.Errorf("%s: got %v, want an error naming line 2", bad, err)
		}
	}
}

func TestSummarizeLaws(t *testing.T) {
	q := func(split string, want ...string) LawQuestion {
		return LawQuestion{ID: "x", Split: split, Question: "q", Articles: want}
	}
	ranked := map[string][]string{}
	e := LawEngine{Name: "fixed", Rank: func(question string, k int) []string { return ranked[question] }}
	qs := []LawQuestion{q("dev", "a"), q("dev", "b", "c"), q("dev", "z"), q("heldout", "d")}
	for i := range qs {
		qs[i].Question = string(rune('A' + i))
	}
	ranked["A"] = []string{"a", "x"}                                         // rank 1
	ranked["B"] = []string{"x", "y", "c", "b"}                               // rank 3 (first gold found)
	ranked["C"] = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "z"} // rank 10
	ranked["D"] = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "d"}
	outs := RunLaws(e, qs)
	if outs[3].Rank != 0 || len(outs[3].Ranked) != LawCutoff {
		t.Fatalf("a gold article past rank 10 must not count: %+v", outs[3])
	}
	dev := SummarizeLaws(outs, "dev")
	if dev.N != 3 || dev.Hit1 != 1.0/3 || dev.Hit5 != 2.0/3 {
		t.Fatalf("dev: %+v", dev)
	}
	if want := (1 + 1.0/3 + 0.1) / 3; dev.MRR < want-1e-9 || dev.MRR > want+1e-9 {
		t.Fatalf("dev MRR %v, want %v", dev.MRR, want)
	}
	if all := SummarizeLaws(outs, "all"); all.N != 4 || all.Hit1 != 0.25 {
		t.Fatalf("all: %+v", all)
	}
	if none := SummarizeLaws(outs, "nosuch"); none.N != 0 || none.MRR != 0 {
		t.Fatalf("empty split: %+v", none)
	}
}

func TestLawReportKeepsHeldOutQuestionsHidden(t *testing.T) {
	qs := []LawQuestion{
		{ID: "D1", Split: "dev", Question: "开发集问题", Articles: []string{"a#1"}},
		{ID: "H1", Split: "heldout", Question: "留出集问题", Articles: []string{"a#2"}},
	}
	miss := LawEngine{Name: "miss", Rank: func(string, int) []string { return []string{"b#9"} }}
	var buf bytes.Buffer
	outs := RunLaws(miss, qs)
	for i := range outs {
		outs[i].Took = time.Millisecond
	}
	WriteLawReport(&buf, []LawRun{{Engine: "miss", Outcomes: outs}}, true)
	got := buf.String()
	if !strings.Contains(got, "MISS D1 开发集问题") || !strings.Contains(got, "heldout  miss") {
		t.Fatalf("report lacks the dev miss or the held-out row:\n%s", got)
	}
	if strings.Contains(got, "H1") || strings.Contains(got, "留出集") || strings.Contains(got, "a#2") {
		t.Fatalf("report shows a held-out question:\n%s", got)
	}
}

// Each development file has a row of its own; held-out files are counted
// only together.
func TestLawReportRowPerDevFile(t *testing.T) {
	qs := []LawQuestion{
		{ID: "D1", Split: "dev", Set: "laws-dev", Question: "甲", Articles: []string{"a#1"}},
		{ID: "D2", Split: "dev", Set: "laws-dev2", Question: "乙", Articles: []string{"a#2"}},
		{ID: "D3", Split: "dev", Set: "laws-dev2", Question: "丙", Articles: []string{"a#3"}},
		{ID: "H1", Split: "heldout", Set: "laws-heldout", Question: "丁", Articles: []string{"a#4"}},
		{ID: "H2", Split: "heldout", Set: "laws-heldout2", Question: "戊", Articles: []string{"a#5"}},
	}
	first := LawEngine{Name: "e", Rank: func(q string, _ int) []string {
		if q == "乙" {
			return []string{"a#2"}
		}
		return nil
	}}
	var buf bytes.Buffer
	WriteLawReport(&buf, []LawRun{{Engine: "e", Outcomes: RunLaws(first, qs)}}, false)
	got := buf.String()
	for _, row := range []string{"dev:dev  e              1   0.000   0.000    0.000", "dev:dev2 e              2   0.500   0.500    0.500"} {
		if !strings.Contains(got, row) {
			t.Errorf("report lacks %q:\n%s", row, got)
		}
	}
	if strings.Contains(got, "heldout2") || strings.Contains(got, ":heldout") {
		t.Errorf("report gives a held-out file a row:\n%s", got)
	}
	qs, _, err := LawGold(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if !strings.HasPrefix(q.Set, "laws-") {
			t.Fatalf("%s: set %q, want the name of its file", q.ID, q.Set)
		}
	}
}

func TestLawBaselineRanksByBM25(t *testing.T) {
	doc := func(id, title string, texts ...string) *knowledge.Document {
		d := &knowledge.Document{ID: id, Title: title}
		for i, s := range texts {
			d.Provisions = append(d.Provisions, &knowledge.Provision{
				ID: id + "#" + string(rune('1'+i)), DocID: id, Document: title, Number: i + 1, Text: s})
		}
		return d
	}
	kb := knowledge.New([]*knowledge.Document{
		doc("a", "甲法", "公职人员违反规定出境的，予以记过。", "收受礼品礼金的，予以警告。"),
		doc("b", "乙法", "出境出境证件管理办法另行规定。", "本法自公布之日起施行。"),
	}, nil, nil)
	b := NewLawBaseline(kb)
	got := b.Rank("违反规定出境", 10)
	if len(got) != 2 || got[0] != "a#1" || got[1] != "b#1" {
		t.Fatalf("got %v, want [a#1 b#1]: the article with both words first, the one with 出境 twice next", got)
	}
	if got := b.Rank("出境", 1); len(got) != 1 {
		t.Fatalf("k=1 gave %v", got)
	}
	if got := b.Rank("天气", 10); len(got) != 0 {
		t.Fatalf("unrelated query gave %v", got)
	}
	if got := b.Rank("礼金", 0); got != nil {
		t.Fatalf("k=0 gave %v", got)
	}
	// The accumulator is reset between queries.
	again := b.Rank("违反规定出境", 10)
	if strings.Join(again, ",") != "a#1,b#1" {
		t.Fatalf("second run gave %v, want [a#1 b#1]", again)
	}
}
