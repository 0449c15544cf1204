package knowledge

// Synonym words analysed once.
//
// expand adds, for each synonym group a query holds, the terms and units of
// the group's other words, and the terms of the words typed. What a word
// adds depends only on the word, the lexicon and whether the index adds
// single characters, all fixed when the index is built: each word is
// analysed then, and expand merges the recorded terms into the query (see
// addWordPlan) instead of scanning the word again for every query.

// synPlan is one synonym word analysed at index build.
type synPlan struct {
	// terms are what analyzer.text adds for the word as an added (untyped)
	// word at weight 1, in the order it first adds them: a term of weight
	// domainBoost is a boosted one, added at the group's weight times
	// domainBoost.
	terms []qterm
	// units are the units analyzer.text adds, as indices in terms.
	units [][]int
	// typed are the terms addTypedPlan adds for the word found typed.
	typed []qterm
	// pairs are the rune keys of the word's pairs of characters, which
	// addWordUnit looks up.
	pairs []uint64
}

// planSynonyms analyses every synonym word of the index (see synPlan). It
// runs once the postings are built: whether single characters are added
// depends on their size.
func (ix *Index) planSynonyms() {
	withSingles := ix.prov != nil && ix.prov.ndocs >= uniDropMinDocs
	ix.synPlans = make([][]synPlan, len(ix.syn))
	ix.synBase = make([]int, len(ix.syn))
	n := 0
	for gi, g := range ix.syn {
		ix.synBase[gi] = n
		n += len(g)
		ix.synPlans[gi] = make([]synPlan, len(g))
		for wi, w := range g {
			ix.synPlans[gi][wi] = planWord(ix.lx, withSingles, w)
		}
	}
	ix.synWords = n
}

func planWord(lx *lexicon, withSingles bool, w string) synPlan {
	a := newAnalyzer(lx, withSingles)
	defer a.q.release()
	a.text(w, 1, false)
	var p synPlan
	p.terms = append([]qterm(nil), a.q.terms...)
	for _, u := range a.q.units {
		p.units = append(p.units, append([]int(nil), u...))
	}
	rs := []rune(w)
	for i := 0; i+1 < len(rs); i++ {
		if isHan(rs[i]) && isHan(rs[i+1]) {
			p.typed = append(p.typed, qterm{kind: kindBi, a: rs[i], b: rs[i+1], w: 1, typed: true})
		}
		p.pairs = append(p.pairs, runeKey(kindBi, rs[i], rs[i+1]))
	}
	if len(rs) == 1 && isHan(rs[0]) {
		p.typed = append(p.typed, qterm{kind: kindUni, a: rs[0], w: 1, typed: true})
	}
	return p
}

// addWordPlan adds the terms and units of an added synonym word at weight w:
// what a.text(word, w, false) adds. Only the lexicon notes (which phrases
// the query holds by accident) are not made: they are read while the typed
// text is analysed, before any synonym is added.
func (a *analyzer) addWordPlan(p *synPlan, w float32) {
	at := a.planAt[:0]
	for _, t := range p.terms {
		if t.w != 1 {
			t.w = w * domainBoost
		} else {
			t.w = w
		}
		at = append(at, a.q.add(t))
	}
	for _, u := range p.units {
		start := len(a.q.unitBuf)
		for _, i := range u {
			a.q.unitBuf = append(a.q.unitBuf, at[i])
		}
		a.q.units = append(a.q.units, a.q.unitBuf[start:len(a.q.unitBuf):len(a.q.unitBuf)])
	}
	a.planAt = at
}

// addTypedPlan adds a unit for a synonym-table word found in the query: all
// its pairs together, which may sit inside a longer run (出国 in
// 我出国旅游). It appends the unit's terms to u and returns u.
func (a *analyzer) addTypedPlan(p *synPlan, u []int) []int {
	start := len(u)
	for _, t := range p.typed {
		u = append(u, a.q.add(t))
	}
	a.q.unit(u[start:]...)
	return u
}

// addWordUnit adds a unit of the pairs of an added synonym word that text
// kept (not dropped as glue): a passage that holds the whole word is
// anchored by it, even where 的 leaves no two overlapping pairs (饲养的动物).
func (a *analyzer) addWordUnit(p *synPlan) {
	u := a.planAt[:0]
	for _, k := range p.pairs {
		if t, ok := a.q.byRunes.get(k); ok {
			u = append(u, int(t))
		}
	}
	if len(u) > 1 {
		a.q.unit(u...)
	}
	a.planAt = u
}
