package knowledge

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Search must give exactly what Provisions and Cases give separately.
func TestSearchEqualsSeparateCalls(t *testing.T) {
	_, ix := embeddedIndex(t)
	po, co := SearchOptions{Limit: 20}, SearchOptions{Limit: 10}
	for _, q := range []string{
		"招商引资中未经集体研究就签了协议能容错吗",
		"什么是三个区分开来",
		"问责条例第十七条",
		"今天天气怎么样",
		"疫情期间紧急采购没有招标，收了供应商的购物卡",
	} {
		p, c := ix.Search(q, po, co)
		if want := ix.Provisions(q, po); !reflect.DeepEqual(p, want) {
			t.Errorf("%q: provisions differ", q)
		}
		if want := ix.Cases(q, co); !reflect.DeepEqual(c, want) {
			t.Errorf("%q: cases differ", q)
		}
	}
}

// synonymsIn must find exactly the words strings.Contains finds.
func TestSynonymsInMatchesContains(t *testing.T) {
	kb, ix := embeddedIndex(t)
	texts := []string{"出国考察超标准，收了购物卡", "兼职取酬和兼任职务", "上会集体研究，党委会拍板"}
	for _, p := range kb.Provisions() {
		texts = append(texts, Normalize(p.Text))
	}
	for _, text := range texts {
		bits, groups := ix.synonymsIn(text, newAnalyzer(ix.lx, false))
		present := presentWords(ix, bits)
		for gi, g := range ix.syn {
			any := false
			for wi, w := range g {
				want := strings.Contains(text, w)
				any = any || want
				if present[[2]int{gi, wi}] != want {
					t.Fatalf("%q: word %q found=%v, contains=%v", text, w, present[[2]int{gi, wi}], want)
				}
			}
			if any != slices.Contains(groups, gi) {
				t.Fatalf("%q: group %d listed=%v", text, gi, !any)
			}
		}
	}
}

// analyzeBoth gives the plans analyzeFor gives with and without the
// built-in thesaurus, one plan for both where the query holds no word of
// it; both cases occur among the questions.
func TestAnalyzeBothIsAnalyzeFor(t *testing.T) {
	kb, ix := embeddedIndex(t)
	queries := append(slices.Clone(sampleQuestions), "今天天气怎么样？", "出国考察超标准，收了购物卡")
	for _, p := range kb.Provisions()[:60] {
		queries = append(queries, p.Text)
	}
	shared, apart := 0, 0
	for _, q := range queries {
		with, without := ix.analyzeBoth(Normalize(q))
		wantWith, wantWithout := ix.analyzeFor(q, true), ix.analyzeFor(q, false)
		if !samePlan(with, wantWith) || !samePlan(without, wantWithout) {
			t.Errorf("%q: analyzeBoth differs from analyzeFor", q)
		}
		if with == without {
			shared++
		} else {
			apart++
			without.release()
		}
		with.release()
		wantWith.release()
		wantWithout.release()
	}
	if shared == 0 || apart == 0 {
		t.Errorf("one plan for both %d times, two plans %d times: a case is not tested", shared, apart)
	}
}

// samePlan compares what a search reads of two plans.
func samePlan(a, b *qplan) bool {
	// Printed, a nil slice and an empty one are the same: a plan from a
	// fresh analyzer holds nil where a recycled one holds an empty slice
	// (the race detector's pool hands out fresh ones at random).
	same := func(x, y any) bool { return fmt.Sprint(x) == fmt.Sprint(y) }
	return same(a.terms, b.terms) && same(a.units, b.units) && same(a.syns, b.syns) &&
		same(a.refs, b.refs) && a.text == b.text && a.forms == b.forms && a.year == b.year &&
		a.oldText == b.oldText && a.enactment == b.enactment
}

// SearchNormalized of a normalized query finds what Search of the query
// finds, also where normalizing twice would not be the same as once (薴 is
// normalized to 苧, and 苧 to 苎).
func TestSearchNormalizedIsSearch(t *testing.T) {
	_, ix := embeddedIndex(t)
	for _, q := range []string{
		"我在招商引资中为了让项目尽快开工，经镇党委会集体研究，先办了施工手续。能容错吗？",
		"問責條例第十七條是怎麼規定的",
		"种植薴麻的补贴项目亏损了，能免责吗",
	} {
		wantP, wantC := ix.Search(q, SearchOptions{Limit: 20}, SearchOptions{Limit: 10})
		gotP, gotC := ix.SearchNormalized(Normalize(q), SearchOptions{Limit: 20}, SearchOptions{Limit: 10})
		if !slices.Equal(gotP, wantP) || !slices.Equal(gotC, wantC) {
			t.Errorf("%q: SearchNormalized differs from Search", q)
		}
		if len(wantP) == 0 {
			t.Errorf("%q finds nothing: the comparison proves little", q)
		}
	}
}

// presentWords is the set of synonym words synonymsIn found, by group and
// position.
func presentWords(ix *Index, bits []uint64) map[[2]int]bool {
	m := map[[2]int]bool{}
	for gi, g := range ix.syn {
		for wi := range g {
			if hasBit(bits, ix.synBase[gi]+wi) {
				m[[2]int{gi, wi}] = true
			}
		}
	}
	return m
}
