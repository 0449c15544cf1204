package knowledge

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// A search that reuses the arrays of an earlier, longer one finds what a
// fresh search finds: resolve and search keep scratch space between queries.
func TestSearchReusesScratch(t *testing.T) {
	_, ix := embeddedIndex(t)
	queries := slices.Clone(sampleQuestions[:3])
	type result struct {
		provs []ProvisionHit
		cases []CaseHit
	}
	fresh := make([]result, len(queries))
	for i, q := range queries {
		fresh[i].provs, fresh[i].cases = ix.Search(q, SearchOptions{Limit: 20}, SearchOptions{Limit: 10})
		if len(fresh[i].provs) == 0 || len(fresh[i].cases) == 0 {
			t.Fatalf("%q finds no provisions or no cases", q)
		}
	}
	for range 3 {
		for i, q := range queries {
			provs, cases := ix.Search(q, SearchOptions{Limit: 20}, SearchOptions{Limit: 10})
			if !slices.Equal(provs, fresh[i].provs) || !slices.Equal(cases, fresh[i].cases) {
				t.Fatalf("%q: a search after others differs from the first", q)
			}
		}
	}
}

// synonymsIn passes over characters no synonym word starts with (synStart);
// it finds what looking every character up finds.
func TestSynonymsInSkipsOnlyNonStarts(t *testing.T) {
	_, ix := embeddedIndex(t)
	slow := func(text string) (map[[2]int]bool, []int) {
		present := map[[2]int]bool{}
		var groups []int
		for i, r := range text {
			for _, sw := range ix.synFirst[r] {
				if strings.HasPrefix(text[i:], sw.word) {
					present[[2]int{sw.group, sw.at}] = true
					if !slices.Contains(groups, sw.group) {
						groups = append(groups, sw.group)
					}
				}
			}
		}
		slices.Sort(groups)
		return present, groups
	}
	found := 0
	for _, p := range ix.provs {
		text := Normalize(p.Text)
		wantP, wantG := slow(text)
		bits, gotG := ix.synonymsIn(text, newAnalyzer(ix.lx, false))
		gotP := presentWords(ix, bits)
		if !maps.Equal(gotP, wantP) || !slices.Equal(gotG, wantG) {
			t.Fatalf("%s: synonyms found differ", p.ID)
		}
		found += len(gotG)
	}
	if found == 0 {
		t.Fatal("no provision holds a synonym word: the test checks nothing")
	}
}
