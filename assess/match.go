package assess

import (
	"slices"
	"sort"
	"strings"
)

// rule is one family of predicates about the criteria in keys. Each pattern
// is a sequence of slots separated by "…"; a slot lists alternatives
// separated by "|", and {name} stands for every word of a lexicon. Up to gap
// runes (default defaultGap) may sit between slots, as long as no new event
// (就, 然后, 结果 …) starts there and, unless fronted, no negator sits there.
type rule struct {
	keys   []string
	status Status // the status the predicate means when stated plainly
	pats   []string
	gap    int
	// negOnly predicates say something only when negated: 没有请示 is a
	// procedure fact, a bare 请示 in "按规定要请示" is not.
	negOnly bool
	// fronted patterns put the object first (一分钱都没拿, 以前从没被处理过):
	// negators inside their gaps count, instead of breaking the match.
	fronted bool
	// transparent predicates carry their own negator (迟迟没有) and let it
	// reach the next predicate as well (迟迟没有整改 is also 没有整改).
	transparent bool
	// adverb predicates modify the next predicate instead of joining it: a
	// negator on them (并非故意) stops there.
	adverb bool
	// anyGap patterns take whatever sits in their gaps, negators included,
	// without counting it: 以没收到通知为由 is an excuse either way.
	anyGap bool
	// wide frames reach across clauses (see wide.go).
	wide bool
	// offer frames tell what the parties gave: a refusal said after them
	// (override) replaces them, where it would contradict a taking.
	offer bool
	// raise frames name a negative-list topic without saying what
	// happened: the criterion is raised (unknown and asked) unless something
	// plain is said about it.
	raise bool
	// named frames name a ban without saying the cadre did what it
	// forbids: the text may go on to show that the ban did not reach the
	// act (see banInapplicable).
	named bool
	// mask frames assert nothing: they recognise a construction whose words
	// look like a predicate of their criteria and mean something else
	// (从村账上拿了五万 is a payment out of an account, not money taken;
	// 重新开了票 mends an invoice), and hide every predicate of those
	// criteria that lies within them.
	mask bool
	// claim frames are what other people say against the cadre's account
	// (主任说没开过会, 领导不认了): a report does not silence them, and
	// they make the fact they dispute a conflict.
	claim bool
	// harm frames name harm that someone else can cause (养殖场把粪污排进了
	// 河里): when someone else is the subject it is raised and asked, not
	// dropped, since a lapse of the cadre's own makes it dereliction.
	harm bool
	// posOnly predicates say something only when not negated: 事后报告了
	// tells a report made, 事后没报告 a step skipped and nothing hidden.
	posOnly bool
	// subject frames are a bare name (党委会, 董事会) that is the subject
	// of what follows: a question right after it (董事会到底有没有过会)
	// asks about it and asserts nothing.
	subject bool
	// facet is the fact within the criterion the predicate is about.
	facet string
	// weak predicates are presumptions: they give way to any plain
	// statement about the criterion.
	weak bool
	// override predicates replace an earlier statement of the same facet
	// instead of conflicting with it.
	override bool
	// answers overrides replace any earlier statement of their facet against
	// the cadre, not only an offer (a recusal after a relative's business).
	answers bool
	line    int // in data/frames.tsv
}

const defaultGap = 8

type pattern struct {
	rule  *rule
	order int
	slots [][][]rune // slot → alternatives, longest first
	// byFirst[k], when not nil, holds the alternatives of slots[k] by their
	// first rune, each list in the order of slots[k]: a slot with many
	// alternatives is tried only with those that can start at a position.
	byFirst []map[rune][][]rune
}

// slotIndexMin is the number of alternatives from which a slot is indexed
// by first rune; below it a scan is as cheap as the look-up.
const slotIndexMin = 6

type gapMode uint8

const (
	gapStrict gapMode = iota // a negator in a gap breaks the match
	gapCount                 // a negator in a gap counts: fronted patterns
	gapAny                   // a negator in a gap is part of the phrase
)

func (r *rule) gapMode() gapMode {
	switch {
	case r.fronted:
		return gapCount
	case r.anyGap:
		return gapAny
	}
	return gapStrict
}

// match is one predicate found in a clause, in rune indexes of the text.
type match struct {
	p          *pattern
	start, end int
	slots      [][2]int
	gapNegs    int // negators inside the gaps of a fronted pattern
	gapLen     int
}

func (m *match) rule() *rule { return m.p.rule }

// compile expands the lexicon names and indexes patterns by the first rune
// of their first slot's alternatives.
func compile(rules []rule, lex map[string][]string) map[rune]*firstList {
	idx := map[rune]*firstList{}
	order := 0
	for i := range rules {
		r := &rules[i]
		if r.gap == 0 {
			r.gap = defaultGap
		}
		for _, src := range r.pats {
			p := &pattern{rule: r, order: order}
			order++
			for _, slot := range strings.Split(src, "…") {
				var alts [][]rune
				for _, a := range strings.Split(slot, "|") {
					if strings.HasPrefix(a, "{") && strings.HasSuffix(a, "}") {
						words, ok := lex[a[1:len(a)-1]]
						if !ok {
							panic("assess: unknown lexicon " + a) // a programming error in the tables
						}
						for _, w := range words {
							alts = append(alts, []rune(w))
						}
						continue
					}
					if a == "" {
						panic("assess: empty alternative in " + src)
					}
					alts = append(alts, []rune(a))
				}
				sort.SliceStable(alts, func(i, j int) bool { return len(alts[i]) > len(alts[j]) })
				p.slots = append(p.slots, alts)
				p.byFirst = append(p.byFirst, indexSlot(alts))
			}
			for _, a := range p.slots[0] {
				l := idx[a[0]]
				if l == nil {
					l = &firstList{}
					idx[a[0]] = l
				}
				l.fas = append(l.fas, firstAlt{p: p, alt: a})
			}
		}
	}
	for _, l := range idx {
		group := map[string]int{}
		for k, fa := range l.fas {
			g, ok := group[string(fa.alt)]
			if !ok {
				g = len(l.groups)
				group[string(fa.alt)] = g
				l.groups = append(l.groups, altGroup{alt: fa.alt})
			}
			l.groups[g].entries = append(l.groups[g].entries, k)
		}
	}
	return idx
}

// firstList is what starts with one rune: the frames' first alternatives
// in the order they are tried, and the same grouped by alternative, so
// each distinct word is looked for once per position.
type firstList struct {
	fas    []firstAlt
	groups []altGroup
}

// altGroup is one distinct first alternative and the indexes in fas of the
// entries that open with it, ascending.
type altGroup struct {
	alt     []rune
	entries []int
}

// indexSlot groups a slot's alternatives by first rune, keeping their order;
// nil when the slot is small or has an empty alternative.
func indexSlot(alts [][]rune) map[rune][][]rune {
	if len(alts) < slotIndexMin {
		return nil
	}
	m := map[rune][][]rune{}
	for _, a := range alts {
		if len(a) == 0 {
			return nil
		}
		m[a[0]] = append(m[a[0]], a)
	}
	return m
}

type firstAlt struct {
	p   *pattern
	alt []rune
}

// clauseScan holds what matching one clause needs.
type clauseScan struct {
	rs     []rune
	lo, hi int
	toks   []token
	// gapToks are the tokens of toks that gapOK looks at (breaks and
	// negators), in the same order; set by findMatches.
	gapToks []token
	// scratch holds the slots of the match being extended.
	scratch [][2]int
	bound   []bool // bound[i-lo]: a word starts (or the clause ends) at i
	noStart []bool // noStart[i-lo]: a word may end at i but not start there (the classifier 个 after a number)
	wide    bool   // matching across clauses: nothing in a gap breaks a frame
}

// findMatches returns every pattern occurrence in the clause, at most one
// per pattern and start position (the one with the smallest gaps).
func (c *clauseScan) findMatches(idx map[rune]*firstList) []match {
	var out []match
	c.gapToks = c.gapToks[:0]
	for _, t := range c.toks {
		if t.kind == opBreak || t.kind == opNeg {
			c.gapToks = append(c.gapToks, t)
		}
	}
	// The patterns already matched at this start.
	var done []*pattern
	var candBuf [64]int
	cand := candBuf[:0] // the entries of a firstList to try at a position
	for i := c.lo; i < c.hi; i++ {
		if !c.bound[i-c.lo] || c.noStart[i-c.lo] {
			continue // no match starts inside a word (see aligned)
		}
		l := idx[c.rs[i]]
		if l == nil {
			continue
		}
		// The entries whose first word is here, in the order of l.fas.
		cand = cand[:0]
		groups := 0
		for _, g := range l.groups {
			end := i + len(g.alt)
			if end > c.hi || !c.aligned(i, end) || !hasAt(c.rs, i, g.alt) {
				continue
			}
			cand = append(cand, g.entries...)
			groups++
		}
		if groups > 1 {
			slices.Sort(cand)
		}
		done = done[:0]
	alts:
		for _, k := range cand {
			fa := l.fas[k]
			for _, p := range done {
				if p == fa.p {
					continue alts
				}
			}
			end := i + len(fa.alt)
			m := match{p: fa.p, start: i, slots: append(c.scratch[:0], [2]int{i, end})}
			ok := c.extend(&m, 1, end)
			c.scratch = m.slots[:0]
			if ok {
				m.slots = slices.Clone(m.slots)
				m.end = m.slots[len(m.slots)-1][1]
				out = append(out, m)
				done = append(done, fa.p)
			}
		}
	}
	return out
}

// extend matches slots[k:] from position pos, smallest gap first.
func (c *clauseScan) extend(m *match, k, pos int) bool {
	p := m.p
	if k == len(p.slots) {
		return true
	}
	for j := pos; j <= pos+p.rule.gap && j < c.hi; j++ {
		negs, ok := c.gapOK(pos, j, p.rule.gapMode())
		if !ok {
			return false // a later start would contain the same barrier
		}
		if !c.bound[j-c.lo] || c.noStart[j-c.lo] {
			continue // no slot starts inside a word (see aligned)
		}
		alts := p.slots[k]
		if ix := p.byFirst[k]; ix != nil {
			alts = ix[c.rs[j]]
		}
		for _, a := range alts {
			end := j + len(a)
			// The first rune is compared first: most of a slot's
			// alternatives differ there.
			if end > c.hi || len(a) > 0 && c.rs[j] != a[0] || !c.aligned(j, end) || !hasAt(c.rs, j, a) {
				continue
			}
			// m.slots holds slots[:k]; the slot found here is k, and a
			// failure below leaves it to be overwritten.
			saveNegs, saveGap := m.gapNegs, m.gapLen
			m.slots = append(m.slots[:k], [2]int{j, end})
			m.gapNegs += negs
			m.gapLen += j - pos
			if c.extend(m, k+1, end) {
				return true
			}
			m.slots, m.gapNegs, m.gapLen = m.slots[:k], saveNegs, saveGap
		}
	}
	return false
}

// gapOK reports whether rs[a:b] may sit between two slots, and how many
// negators it holds.
func (c *clauseScan) gapOK(a, b int, mode gapMode) (negs int, ok bool) {
	if c.wide {
		return 0, true
	}
	for _, t := range c.gapToks {
		if t.start < a || t.end > b {
			continue
		}
		switch t.kind {
		case opBreak:
			// 以前就被处分过: a fronted pattern is anchored at both ends; an
			// anygap one (推不掉就收了, 当天就报了) takes what sits between.
			// A time word right after the first words (供应商后来安排…) is
			// an adverb of the same event, not a new one.
			if mode == gapStrict && !(t.start == a && timeAdverb(c.rs[t.start:t.end])) {
				return 0, false
			}
		case opNeg:
			switch mode {
			case gapCount:
				negs++
			case gapStrict:
				return 0, false
			}
		}
	}
	return negs, true
}

// aligned reports whether [i, j) starts and ends on word boundaries, so a
// predicate is never read inside a longer word: 收 in 验收, 事故 in 事故隐患.
func (c *clauseScan) aligned(i, j int) bool {
	return c.bound[i-c.lo] && !c.noStart[i-c.lo] && c.bound[j-c.lo]
}

// lexicalAspect are words whose 了 or 过 is not an aspect particle.
var lexicalAspect = map[string]bool{"不过": true, "通过": true, "经过": true, "超过": true, "难过": true,
	"为了": true, "除了": true, "算了": true, "罢了": true, "不了": true, "得了": true}

// setWords records the word boundaries of the clause.
func (c *clauseScan) setWords(segs [][2]int) {
	c.bound = make([]bool, c.hi-c.lo+1)
	c.noStart = make([]bool, c.hi-c.lo+1)
	for _, sg := range segs {
		c.bound[sg[0]-c.lo] = true
		c.bound[sg[1]-c.lo] = true
		// A report (文件说, 纪委说) keeps its subject a word of its own.
		if n := sg[1] - sg[0]; n >= 2 && c.rs[sg[1]-1] == '说' && operators[string(c.rs[sg[0]:sg[1]])] == opReport {
			c.bound[sg[1]-1-c.lo] = true
		}
		// Inside a number every position is a boundary: 两万元 ends in 万元
		// and in 元.
		// The classifier 个 may end the number (几百|个村民) but starts no
		// word: 几个人 is not 个人.
		if sg[1]-sg[0] >= 2 && isNumeral(c.rs[sg[0]]) {
			for i := sg[0] + 1; i < sg[1]; i++ {
				c.bound[i-c.lo] = true
				if c.rs[i] == '个' {
					c.noStart[i-c.lo] = true
				}
			}
		}
		// A verb with its aspect particle (收了, 拿过) is also the verb: a
		// frame may end on the bare verb.
		if n := sg[1] - sg[0]; n >= 2 && (c.rs[sg[1]-1] == '了' || c.rs[sg[1]-1] == '过') &&
			!lexicalAspect[string(c.rs[sg[0]:sg[1]])] {
			c.bound[sg[1]-1-c.lo] = true
		}
	}
	c.bound[0], c.bound[c.hi-c.lo] = true, true
}

// timeAdverb reports a break word that may sit between a subject and its
// verb as an adverb of time (后来, 随后).
func timeAdverb(w []rune) bool {
	switch string(w) {
	case "后来", "随后", "之后", "以后", "接着":
		return true
	}
	return false
}
