package assess

import "slices"

// Wide frames (option wide) reach across clauses: a warning in one sentence
// and the same act again in a later one (去年被谈话提醒了。今年…又同意了),
// notices in one clause and nothing done in another. They are matched over
// the whole text; the frame is asserted unless the clause of its last slot
// is a question or a condition, and a negator right before its last slot
// (…后再没犯过) flips it.

func readWide(t *text, clauses []clause) []finding {
	if len(wideIndex) == 0 || len(t.runes) == 0 {
		return nil
	}
	scan := &clauseScan{rs: t.runes, lo: 0, hi: len(t.runes), wide: true}
	n := 0
	for _, c := range clauses {
		n += len(t.segment(c.lo, c.hi))
	}
	segs := make([][2]int, 0, n)
	clauseOf := make([]int, len(t.runes)+1)
	for i, c := range clauses {
		segs = append(segs, t.segment(c.lo, c.hi)...)
		for p := c.lo; p <= c.hi && p < len(clauseOf); p++ {
			clauseOf[p] = i
		}
	}
	scan.setWords(segs)
	scan.toks = tokenize(t.runes, segs)
	for _, c := range clauses {
		// 是在开工之前还是之后发的: 还是 there asks; it is no "still".
		scan.toks = alternatives(t.runes, c, scan.toks)
	}
	var out []finding
	seen := map[*pattern]bool{}
	for _, m := range byPosition(scan.findMatches(wideIndex)) {
		if seen[m.p] {
			continue
		}
		last := m.slots[len(m.slots)-1]
		c := clauses[clauseOf[last[0]]]
		if c.question || clauseOf[m.start] == clauseOf[last[0]] {
			continue // a question asserts nothing; one clause is the narrow frames' work
		}
		hypo := false
		negs := 0
		reported := false
		c0 := clauses[clauseOf[m.slots[0][0]]]
		ownNeg := false
		for _, r := range t.runes[last[0]:last[1]] {
			ownNeg = ownNeg || r == '没' || r == '不' || r == '未' || r == '无'
		}
		for _, tk := range scan.toks {
			if tk.kind == opReport && tk.start >= c.lo && tk.end <= last[0] && !saidBySelf(t.runes, c.lo, tk.start) &&
				!(tk.end == last[0] && m.rule().facet == "cleared") { // 举报不实: the report is what was found untrue
				reported = true // 纪委说我们发奖没依据: someone else's claim
			}
			if tk.kind == opReport && tk.start >= c0.lo && tk.end <= m.slots[0][0] && !saidBySelf(t.runes, c0.lo, tk.start) && aboutMe(t.runes, tk.start, tk.end) {
				// 有人说我给亲戚的公司打了招呼，我没有，…中标了: the first
				// part is someone else's claim about the cadre.
				reported = true
			}
			if (tk.kind == opHypo || tk.kind == opAsk) && tk.start >= c.lo && tk.start < last[1] {
				hypo = true // 报没报上去: an A-not-A over the last slot asks it
			}
			if tk.start < c.lo || tk.end > last[0] || inSlot(m.slots, tk) {
				continue // a negator the frame names itself (没让…停) flips nothing
			}
			switch tk.kind {
			case opNeg:
				// 问题不大就没让停产: 就 ends the reach of 不. A last slot
				// with a negator of its own (没修) is flipped only by one
				// right before it (不是没修), not by another predicate's
				// (我一直说没钱没修).
				reach := negReach
				if ownNeg {
					reach = 0
				}
				if last[0]-tk.end <= reach && !breakBetween(scan.toks, tk.end, last[0]) {
					negs++
				}
			}
		}
		if hypo || reported && !slices.Contains(m.rule().keys, ExplicitBan) {
			continue
		}
		r := m.rule()
		if r.negOnly && negs == 0 || r.posOnly && negs%2 == 1 {
			continue // as in one clause (extract.go)
		}
		status := r.status
		if negs%2 == 1 {
			status = opposite(status)
		}
		if status == Unfavourable && othersAct(r) && !slices.Contains(r.keys, Repeat) && !slices.Contains(r.keys, ExplicitBan) &&
			aboutOthers(t, c.lo, last[0], last[1]) && (!slices.Contains(r.keys, Procedure) || anyWordIn(t.runes, c.lo, last[0], agentWords)) {
			// 有个村没转移出来: the last clause tells someone else's act. A
			// step skipped is someone else's only when they are named as
			// doing it (矿上还没整改完就出事了), not when a place or a paper
			// is the topic (工地没验收就先用了, 手续没办完就开工).
			continue
		}
		// 我不太确定是不是我爱人那边的亲戚，…也没申请回避: what the first
		// part rests on is uncertain, so the whole is asked, not asserted.
		hedged := false
		for _, tk := range scan.toks {
			if tk.kind == opHedge && tk.start >= c0.lo && tk.end <= m.slots[0][0] {
				hedged = true
			}
		}
		seen[m.p] = true
		ev := t.slice(max(c.lo, last[0]-maxEvidence/2), c.hi)
		for _, k := range r.keys {
			out = append(out, finding{key: k, status: status, evidence: ev, facet: r.facet, weak: r.weak, override: r.override, offer: r.offer, answers: r.answers, named: r.named,
				raised: (r.raise || hedged) && status == Unfavourable && isNegative(k), pos: last[0], line: r.line})
		}
	}
	return out
}

// aboutMe reports a claim about the cadre: 我 in or right after the report
// word (有人说我…, 举报我…), not a warning someone gave (安全员说脚手架没验收).
func aboutMe(rs []rune, start, end int) bool {
	for k := start; k < min(len(rs), end+2); k++ {
		if rs[k] == '我' || rs[k] == '俺' {
			return true
		}
	}
	return false
}

// inSlot reports whether a token lies inside one of a match's slots.
func inSlot(slots [][2]int, tk token) bool {
	for _, s := range slots {
		if tk.start >= s[0] && tk.end <= s[1] {
			return true
		}
	}
	return false
}

// saidBySelf: the speaker is the cadre (我一直说等预算下来再修), whose words
// tell the cadre's own conduct.
func saidBySelf(rs []rune, lo, pos int) bool {
	return speakerIn(rs, lo, pos) || addressing(rs, lo, pos)
}

// addressing reports a saying told to someone with no one else before as the
// speaker (就跟班主任说先别往上报): it is the teller who says it (企业跟我说
// is the firm's).
func addressing(rs []rune, lo, pos int) bool {
	for i := lo; i+1 < pos; i++ {
		if (rs[i] == '跟' || rs[i] == '对') && rs[i+1] != '我' && rs[i+1] != '俺' && rs[i+1] != '咱' && !anyWordIn(rs, lo, i, othersWords) {
			return true
		}
	}
	return false
}
