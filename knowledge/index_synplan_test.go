package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

// expandByText is expand as it was before the synonym words were planned:
// every word analysed again for every query. The planned expansion must
// give the same plan.
func (ix *Index) expandByText(st *typedAnalysis, thesaurus bool) *qplan {
	a, q, accidental := st.a, st.a.q, st.accidental
	present := func(gi, wi int) bool { return hasBit(st.present, ix.synBase[gi]+wi) }
	typedWord := func(s string) []int {
		rs := []rune(s)
		var u []int
		for i := 0; i+1 < len(rs); i++ {
			if isHan(rs[i]) && isHan(rs[i+1]) {
				u = append(u, a.q.add(qterm{kind: kindBi, a: rs[i], b: rs[i+1], w: 1, typed: true}))
			}
		}
		if len(rs) == 1 && isHan(rs[0]) {
			u = append(u, a.q.add(qterm{kind: kindUni, a: rs[0], w: 1, typed: true}))
		}
		a.q.unit(u...)
		return u
	}
	wordUnit := func(w string) {
		rs := []rune(w)
		var u []int
		for i := 0; i+1 < len(rs); i++ {
			if t, ok := a.q.byRunes.get(runeKey(kindBi, rs[i], rs[i+1])); ok {
				u = append(u, int(t))
			}
		}
		if len(u) > 1 {
			a.q.unit(u...)
		}
	}
	var found []string
	for _, gi := range st.groups {
		if !thesaurus && ix.synBuiltin[gi] {
			continue
		}
		g := ix.syn[gi]
		found = found[:0]
		var use synUse
		for wi, w := range g {
			if present(gi, wi) && !accidental[w] {
				found = append(found, w)
				use.typed = append(use.typed, typedWord(w)...)
			}
		}
		n := len(q.terms)
		for wi, w := range g {
			if len(found) > 0 && !present(gi, wi) && !containsAny(w, found) {
				a.text(w, ix.synW[gi], false)
				wordUnit(w)
			}
		}
		for t := n; t < len(q.terms); t++ {
			use.added = append(use.added, t)
		}
		if len(use.typed) > 0 && len(use.added) > 0 {
			q.syns = append(q.syns, use)
		}
	}
	return q
}

// The planned synonym words expand a query exactly as analysing them again
// does: the same terms, units and synonym groups, in the same order.
func TestPlannedExpansionIsTextExpansion(t *testing.T) {
	kb, ix := embeddedIndex(t)
	texts := []string{
		"出国考察超标准，收了购物卡", "兼职取酬和兼任职务", "上会集体研究，党委会拍板",
		"我在招商引资中为了让项目尽快开工，经镇党委会集体研究，先办了施工手续，后来补齐了材料，没有收任何好处。能容错吗？",
		"我们单位在疫情期间紧急采购物资，没有走招标程序，现在被审计发现了，会被问责吗？",
		"内容错误的容错率 公职人员出境 ppp项目2019",
	}
	for _, p := range kb.Provisions() {
		texts = append(texts, p.Text)
	}
	for _, c := range kb.Cases {
		texts = append(texts, c.Facts)
	}
	expanded := 0
	for _, text := range texts {
		norm := Normalize(text)
		for _, thesaurus := range []bool{true, false} {
			want := ix.expandByText(ix.analyzeTyped(norm), thesaurus)
			got := ix.expand(ix.analyzeTyped(norm), thesaurus)
			if len(got.syns) > 0 {
				expanded++
			}
			if !reflect.DeepEqual(plainPlan(got), plainPlan(want)) {
				t.Fatalf("%q (thesaurus %v): planned expansion differs", strings.TrimSpace(text)[:min(len(text), 60)], thesaurus)
			}
			got.release()
			want.release()
		}
	}
	if expanded == 0 {
		t.Fatal("no text gained a synonym: the test checks nothing")
	}
}

// plainPlan is what of a plan a search reads, without its scratch space.
func plainPlan(q *qplan) any {
	units := make([][]int, len(q.units))
	for i, u := range q.units {
		units[i] = append([]int{}, u...)
	}
	return struct {
		Terms []qterm
		Units [][]int
		Syns  []synUse
	}{append([]qterm{}, q.terms...), units, append([]synUse{}, q.syns...)}
}
