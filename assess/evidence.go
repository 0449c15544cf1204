package assess

import (
	"slices"
	"sort"
)

// evidence cuts the words a fact rests on: the part of the clause between
// the events before and after it (就, 然后, 也 …), without a leading
// subject, time word or conjunction, so an answer can say
// 您提到“没收企业任何好处”. It is always a substring of the input.
func evidence(t *text, c clause, vis []token, ms []match, m *match, from int) string {
	a, b := c.lo, c.hi
	for _, tk := range vis {
		if tk.kind != opBreak && tk.kind != opWeak {
			continue
		}
		if tk.end <= from && tk.end > a {
			a = tk.end
		}
		if tk.start >= m.end && tk.start < b {
			b = tk.start
		}
	}
	// A negated predicate after another one starts at its negator:
	// 为了项目尽快落地没有经过集体研究 → 没有经过集体研究.
	if from < m.start {
		for i := range ms {
			if ms[i].end <= from && ms[i].end > a {
				a = from
			}
		}
	}
	// The next negated predicate or a question starts after the fact:
	// 为了项目尽快落地没有经过集体研究 → 为了项目尽快落地.
	for _, tk := range vis {
		if (tk.kind == opNeg || tk.kind == opAsk) && tk.start >= m.end && tk.start < b {
			b = tk.start
		}
	}
	rs := t.runes
	for changed := true; changed && a < from; {
		changed = false
		for a < from && isQuote(rs[a]) {
			a++
			changed = true
		}
		for _, p := range leadWords {
			if a+len(p) <= from && hasAt(rs, a, p) {
				a += len(p)
				changed = true
				break
			}
		}
	}
	for b > m.end && (isQuote(rs[b-1]) || rs[b-1] == '、') {
		b--
	}
	if b-a > maxEvidence {
		a = from
		if a+maxEvidence > m.end {
			b = min(b, a+maxEvidence)
		} else {
			b = m.end
		}
	}
	return t.slice(a, b)
}

// leadWords are dropped from the start of evidence.
var leadWords = func() [][]rune {
	words := []string{"我们", "咱们", "我", "俺", "本人", "当时", "那时候", "那时", "当初", "去年", "今年",
		"前年", "当年", "虽然", "尽管", "其实", "确实", "另外", "此外", "而且", "并且", "同时", "然后",
		"随后", "于是", "所以", "因此", "也", "就", "又", "还", "既"}
	out := make([][]rune, len(words))
	for i, w := range words {
		out[i] = []rune(w)
	}
	return out
}()

// aggregate settles each criterion from the findings, in text order.
//
// Findings are grouped by criterion and facet (the fact within the
// criterion a frame is about). Within a facet, statements that agree merge
// and a later refusal replaces an offer before it (红包当场退回了 after
// 老板塞了个红包); statements that disagree are a conflict, which leaves the
// facet unknown and asks. Across facets:
//   - a negative-list criterion is unfavourable when any facet is: a
//     specific admission (收了两张购物卡) is not undone by a general denial
//     (没拿好处), which is a different fact;
//   - the procedure is favourable when a collective decision, an authorised
//     plan or due diligence is stated, or an approval or report is and no
//     skipped step is, or a skipped step is excused by an emergency with an
//     approval or report;
//   - other criteria take the last facet stated.
//
// Weak findings (a public purpose presumed from the work described) count
// only when nothing plain is said about their criterion, and are marked as
// inferred.
func aggregate(finds []finding) Facts {
	// Statements are weighed in the order the text tells them, wide
	// frames (which end where their last part is) among the clauses' own.
	finds = slices.Clone(finds)
	slices.SortStableFunc(finds, func(a, b finding) int { return a.pos - b.pos })
	byKey := map[string]map[string]*facetReading{}
	weak := map[string]finding{}
	raised := map[string]finding{}
	order := 0
	for _, f := range finds {
		if f.raised {
			if _, ok := raised[f.key]; !ok {
				raised[f.key] = f
			}
			continue
		}
		if f.weak {
			if _, ok := weak[f.key]; !ok {
				weak[f.key] = f
			}
			continue
		}
		order++
		fs := byKey[f.key]
		if fs == nil {
			fs = map[string]*facetReading{}
			byKey[f.key] = fs
		}
		cur := fs[f.facet]
		switch {
		case cur == nil || f.override && (cur.offer || f.answers && cur.status == Unfavourable):
			fs[f.facet] = &facetReading{facet: f.facet, status: f.status, evidence: f.evidence, order: order, pos: f.pos, offer: f.offer}
		case cur.conflict:
			// Stays unknown until someone answers.
		case cur.status == f.status:
			// The later words are the better evidence of how things stand,
			// except for an admission, which is best shown where it is
			// first made.
			if !(isNegative(f.key) && f.status == Unfavourable) {
				cur.evidence = f.evidence
			}
			cur.order = order
		default:
			cur.conflict, cur.other, cur.order = true, f.evidence, order
		}
	}
	// 供应商塞给我一个红包 … 到底退没退我真记不清了: what the parties gave,
	// with whether it was kept left open, is not a gift taken.
	for _, f := range raised {
		if f.facet != "accept" {
			continue
		}
		for _, fs := range byKey {
			for _, r := range fs {
				if r.offer && r.status == Unfavourable && !r.conflict {
					r.conflict, r.other = true, f.evidence
				}
			}
		}
	}
	out := Facts{}
	for key, fs := range byKey {
		var rs []facetReading
		for _, r := range fs {
			rs = append(rs, *r)
		}
		sort.Slice(rs, func(i, j int) bool { return rs[i].order < rs[j].order })
		out[key] = settle(key, rs, finds)
	}
	for key, f := range raised {
		if _, plain := out[key]; !plain {
			out[key] = Fact{Status: Unknown, Evidence: f.evidence, Raised: true}
			if key == MajorAccident && skippedCheck(finds) {
				// 没做荷载验收就先放行，结果桥塌了，司机死了: a death after a
				// required check was skipped is dereliction with serious
				// harm, whoever decided to skip it (a meeting does not make
				// the step done).
				out[key] = Fact{Status: Unfavourable, Evidence: f.evidence}
			}
		}
	}
	for key, f := range weak {
		if _, plain := out[key]; plain && out[key].Status != Unknown {
			continue
		}
		if _, plain := out[key]; plain && out[key].Conflict {
			continue
		}
		out[key] = Fact{Status: f.status, Evidence: f.evidence, Inferred: true}
	}
	return out
}

// facetReading is what the text says about one facet of a criterion.
type facetReading struct {
	facet    string
	status   Status
	evidence string
	other    string
	conflict bool
	order    int
	pos      int  // where its first statement starts
	offer    bool // what the parties gave, which a refusal said later replaces
}

// settle combines the facets of one criterion (see aggregate).
func settle(key string, rs []facetReading, finds []finding) Fact {
	var conflict *facetReading
	for i := range rs {
		if rs[i].conflict && conflict == nil {
			conflict = &rs[i]
		}
	}
	pick := func(st Status) *facetReading {
		for i := len(rs) - 1; i >= 0; i-- {
			if !rs[i].conflict && rs[i].status == st {
				return &rs[i]
			}
		}
		return nil
	}
	fact := func(r *facetReading) Fact { return Fact{Status: r.status, Evidence: r.evidence} }
	unknown := func() Fact {
		return Fact{Status: Unknown, Evidence: conflict.evidence, Other: conflict.other, Conflict: true}
	}
	switch {
	case isNegative(key):
		// An admission is shown where it is first made.
		var first *facetReading
		for i := range rs {
			if !rs[i].conflict && rs[i].status == Unfavourable && (first == nil || rs[i].pos < first.pos) {
				first = &rs[i]
			}
		}
		if first != nil {
			return fact(first)
		}
		if conflict != nil {
			return unknown()
		}
		return fact(pick(Favourable))
	case key == Procedure:
		// What others say against the account (主任说没开过, 纪要找不到)
		// leaves the decision open, whatever the cadre says of it.
		for i := range rs {
			if rs[i].facet == "disputed" && rs[i].status == Unfavourable {
				ev := rs[i].evidence
				return Fact{Status: Unknown, Evidence: ev, Conflict: true}
			}
		}
		// 大家都说不能这么办，我还是拍板定了: a meeting held and overruled
		// is a decision taken alone; it is shown only where the meeting
		// would otherwise speak for the cadre.
		var overruled *facetReading
		var kept []facetReading
		for i := range rs {
			if rs[i].facet == "overruled" {
				if rs[i].status == Unfavourable && !rs[i].conflict && overruled == nil {
					r := rs[i]
					overruled = &r
				}
				continue
			}
			kept = append(kept, rs[i])
		}
		if overruled != nil && len(kept) == 0 {
			return fact(overruled)
		}
		rs = kept
		byFacet := map[string]*facetReading{}
		for i := range rs {
			if !rs[i].conflict {
				byFacet[rs[i].facet] = &rs[i]
			}
		}
		favourable := func(facets ...string) *facetReading {
			for _, f := range facets {
				if r := byFacet[f]; r != nil && r.status == Favourable {
					return r
				}
			}
			return nil
		}
		if r := favourable("collective", "plan", "diligence"); r != nil {
			if overruled != nil {
				return fact(overruled)
			}
			return fact(r)
		}
		skipped := pick(Unfavourable)
		if r := favourable("approval", "report", ""); r != nil {
			if skipped == nil || emergency(finds) {
				return fact(r)
			}
		}
		if conflict != nil {
			return unknown()
		}
		if skipped != nil {
			return fact(skipped)
		}
		return fact(pick(Favourable))
	}
	if conflict != nil && len(rs) == 1 {
		return unknown()
	}
	last := rs[len(rs)-1]
	if last.conflict {
		return unknown()
	}
	return fact(&last)
}

// skippedCheck reports a required step or check stated as skipped (the
// procedure's bypass facet) with no conditions stated that forced it: the
// same exception as Assess's rule for harm after a lapse, which cannot see
// the facet once a meeting makes the procedure favourable.
func skippedCheck(finds []finding) bool {
	skip := -1
	for _, f := range finds {
		if f.key == Procedure && f.facet == "bypass" && f.status == Unfavourable && !f.raised && !f.weak && (skip < 0 || f.pos < skip) {
			skip = f.pos
		}
	}
	if skip < 0 {
		return false
	}
	for _, f := range finds {
		// Conditions told only after the skipped check (没等验收就让游客进去了
		// … 后来一场暴雨挡墙塌了) are what followed it, not what forced it.
		if f.key == Conditions && f.status == Favourable && !f.weak && f.pos <= skip {
			return false
		}
	}
	return true
}

// emergency reports whether the findings state an emergency.
func emergency(finds []finding) bool {
	for _, f := range finds {
		if f.key == Conditions && f.facet == "emergency" && f.status == Favourable {
			return true
		}
	}
	return false
}
