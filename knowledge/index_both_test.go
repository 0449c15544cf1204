package knowledge

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Search must give exactly what Provisions and Cases give separately.
func TestSearchEqualsSeparateCalls(t *testing.T) {
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(kb)
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
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(kb)
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

// SearchNormalized of a normalized query finds what Search of the query
// finds, also where normalizing twice would not be the same as once (薴 is
// normalized to 苧, and 苧 to 苎).
func TestSearchNormalizedIsSearch(t *testing.T) {
	kb, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(kb)
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
