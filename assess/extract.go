package assess

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

// patternIndex holds the frames by the first rune of their first slot; it is
// built when the lexicon is loaded.
var patternIndex, wideIndex map[rune]*firstList

// Reach of the operators, in runes between the operator and the predicate.
const (
	negReach    = 6  // 没有经过镇党委会集体研究: 没有 … 经过
	chainReach  = 2  // 不是没有: the second negator of a double negation
	reportReach = 30 // 担心被认为谋私, 有人发帖说我们对投诉不作为: a claim runs to the end of its clause
	hedgeReach  = 10
	modalReach  = 3 // 要求整改, 限期补齐
	maxEvidence = 40
)

// finding is one asserted fact about one criterion.
type finding struct {
	key      string
	status   Status
	evidence string
	facet    string
	weak     bool // a presumption (rule option weak)
	override bool // replaces an earlier offer of its facet
	offer    bool // what the parties gave (rule option offer)
	answers  bool // an override that also replaces an earlier unfavourable statement (rule option answers)
	// raised marks a negative-list fact the text brings up without
	// asserting it: in a condition, a question, someone else's claim, a fear
	// or a plan. It is not presumed absent: the criterion is unknown and a
	// follow-up asks, unless the cadre admits it later (这个我认了).
	raised bool
	named  bool // a ban named, not yet shown defied (rule option named)
	asked  bool // a step only asked about; kept when the next clause says the teller does not know
	pos    int  // rune offset where the words start
	line   int  // the frame's line in data/frames.tsv, for diagnostics
}

// Extract reads the facts of a case from the cadre's own words.
//
// The text is normalised (traditional to simplified, punctuation, typos,
// Cantonese particles; quoted phrases masked), split into clauses at
// punctuation and at turns (但, 却, 而是) and each clause into words (see
// segment.go). In each clause the frames of data/frames.tsv are matched on
// word boundaries, then each predicate is read in its scope (scope.go): a
// negator before it flips it (double negation flips back), a coordinated
// predicate shares the negation of the one before (没有收受礼品、礼金), and it
// asserts nothing when it sits in a question, a condition, someone else's
// claim or a fear, a hedge or an obligation; a negative-list fact so
// suppressed is raised (unknown and asked) rather than dropped. Wide frames
// are then matched across clauses (wide.go), a bare admission turns what was
// raised before into a statement, and the findings are settled per
// criterion and facet (evidence.go: statements that disagree about one fact
// are a conflict). The evidence is the part of the clause the fact rests on,
// cut from the original text.
func Extract(s string) Facts {
	t := prepare(s)
	var finds []finding
	hypo := false  // a condition carried into the next clause of the sentence
	claim := false // someone else's claim carried into the next clause of the sentence
	prevSentence := -1
	clauses := splitClauses(t.runes)
	per := make([][]finding, len(clauses))
	for k, c := range clauses {
		if c.sentence != prevSentence || c.turned || !continues(t.runes, c) {
			hypo = false
		}
		if c.sentence != prevSentence || c.turned || ownSubject(t.runes, c) {
			claim = false
		}
		prevSentence = c.sentence
		fs, hadHypo := readClause(t, c, hypo)
		if k+1 < len(clauses) && (bareHedge(t, clauses[k+1]) || unproven(t, c, nextFilled(clauses, k), fs)) {
			fs = unsure(fs)
		} else {
			fs = slices.DeleteFunc(fs, func(f finding) bool { return f.asked })
		}
		if k > 0 && clauses[k-1].sentence == c.sentence && !c.turned && !ownSubject(t.runes, c) && aboutOthers(t, clauses[k-1].lo, clauses[k-1].hi, clauses[k-1].hi) {
			// 其中一家电梯公司发票不规范，多拿了4万: the clause goes on with
			// the subject before it, and money that subject took is not the
			// cadre's gain.
			// Money that reaches the teller (把干股挂在我一个朋友名下) is
			// the teller's all the same.
			fs = slices.DeleteFunc(fs, func(f finding) bool {
				return f.key == PrivateGain && f.status == Unfavourable && !f.offer && (f.facet == "money" || f.facet == "general") &&
					!speakerIn(t.runes, f.pos, c.hi)
			})
		}
		if claim {
			// 有人举报我优亲厚友，给亲戚多算了面积: the claim goes on in
			// the clause after it, which asserts nothing against the cadre.
			for i, f := range fs {
				if f.status == Unfavourable && isNegative(f.key) {
					fs[i].raised = true
				}
			}
		}
		claim = claim || claimOpens(t, c)
		if resultClause(t.runes, c) {
			fs = slices.DeleteFunc(fs, func(f finding) bool { return f.key == Conditions && f.facet == "emergency" })
		}
		// 是怕出人命, 担心出大事: harm feared is the reason for acting, not
		// harm done.
		fs = slices.DeleteFunc(fs, func(f finding) bool {
			return f.key == MajorAccident && f.raised && anyWordIn(t.runes, max(c.lo, f.pos-4), f.pos, fearWords)
		})
		// 环保部门定性为重大突发环境事件: the grade of the harm done.
		// 汛期前要赶着通车: a season ahead is a deadline, not an emergency.
		fs = slices.DeleteFunc(fs, func(f finding) bool {
			return f.key == Conditions && f.facet == "emergency" && (anyWordIn(t.runes, c.lo, f.pos, gradedWords) || seasonAhead(t.runes, f.pos, c.hi))
		})
		// 过了两个月…才交到纪委, 立案以后才退的: a gift handed back or in
		// late, or only after an inquiry, was kept; the return is a
		// mitigating circumstance (纪律处分条例第十七条), not a refusal.
		fs = slices.DeleteFunc(fs, func(f finding) bool {
			return f.override && f.status == Favourable && (f.facet == "gift" || f.facet == "money") &&
				anyWordIn(t.runes, sentenceStart(clauses, k), f.pos+min(8, c.hi-f.pos), lateWords)
		})
		per[k] = fs
		hypo = hypo || hadHypo
	}
	for k := range per {
		// 把统计口径理解错了，数字报高了: a figure wrong by mistake, told as
		// such in its sentence, is an error, not a falsification.
		if k > 0 && clauses[k-1].sentence == clauses[k].sentence && anyWordIn(t.runes, clauses[k-1].lo, clauses[k-1].hi, mistakeWords) ||
			anyWordIn(t.runes, clauses[k].lo, clauses[k].hi, mistakeWords) {
			if !anyWordIn(t.runes, clauses[k].lo, clauses[k].hi, intentWords) {
				per[k] = slices.DeleteFunc(per[k], func(f finding) bool {
					return f.key == Concealment && f.facet == "forge" && f.status == Unfavourable
				})
			}
		}
	}
	finds = append(finds, corrected(t, clauses, per)...)
	finds = append(finds, readWide(t, clauses)...)
	finds = pending(t, linkOpen(t, clauses, admit(t, clauses, banInapplicable(t, clauses, finds))))
	facts := aggregate(finds)
	if mf := facts[MajorAccident]; mf.Raised && casualtyRaised(finds) && emergency(finds) && !accused(t, clauses) {
		// A death or injury raised by a story of an emergency, which no one
		// who saw it blames on a lapse (他家里人一口咬定没人通知到 does).
		mf.AmidEmergency = true
		facts[MajorAccident] = mf
	}
	return facts
}

// casualtyRaised reports a death or injury the text raises without
// asserting it as the cadre's doing.
func casualtyRaised(finds []finding) bool {
	for _, f := range finds {
		if f.key == MajorAccident && f.raised && f.facet == "casualty" {
			return true
		}
	}
	return false
}

// accused reports an account of a lapse by someone who saw or suffered it
// anywhere in the text (有人说我没有按规定设安全员, 家里人一口咬定没人通知到);
// an audit's or an inquiry's finding about the procedure (审计说没走采购程序)
// does not say the harm came of neglect.
func accused(t *text, clauses []clause) bool {
	rs := t.runes
	for _, c := range clauses {
		toks := t.tokens(c.lo, c.hi)
		lastNeg := -1
		for _, tk := range toks {
			if tk.kind == opNeg {
				lastNeg = max(lastNeg, tk.start)
			}
		}
		// A saying by a witness (a report word, or 咬定) with a negator
		// after it: a lapse claimed (一口咬定没人通知到).
		for i := c.lo; i < lastNeg; i++ {
			saying := anyWordAt(rs, i, insistWords)
			for _, tk := range toks {
				saying = saying || tk.kind == opReport && tk.start == i
			}
			if saying && anyWordIn(rs, max(c.lo, i-5), i, witnessWords) {
				return true
			}
		}
	}
	return false
}

// pending keeps open what an inquiry still under way is about (举报说那家公司
// 我有暗股，根本没有的事 … 镇纪委正在核查): the cadre's denial of a
// negative-list fact someone raised does not settle it while the inquiry
// runs, unless the inquiry has found the accusation untrue.
func pending(t *text, finds []finding) []finding {
	if !anyWordIn(t.runes, 0, len(t.runes), pendingWords) {
		return finds
	}
	cleared := map[string]bool{}
	for _, f := range finds {
		if f.facet == "cleared" {
			cleared[f.key] = true
		}
	}
	var add []finding
	for _, r := range finds {
		if !r.raised || !isNegative(r.key) || cleared[r.key] {
			continue
		}
		for _, f := range finds {
			if f.key == r.key && !f.raised && !f.weak && f.status == Favourable {
				add = append(add, finding{key: r.key, status: Unfavourable, evidence: r.evidence, facet: f.facet, pos: r.pos})
				break
			}
		}
	}
	return append(finds, add...)
}

// bareHedge reports a clause that only says the teller is not sure
// (我真记不清了, 具体我也说不清): it leaves the clause before it open.
func bareHedge(t *text, c clause) bool {
	hedged := false
	for _, tk := range t.tokens(c.lo, c.hi) {
		if tk.kind == opHedge && onlyRunes(t.runes[c.lo:tk.start], "这那个事件些点我们俺咱都也确实是的就倒还全真实在完全根本具体当时那天到底现在") {
			hedged = true
			end := tk.end
			// 也可能是我记错了: what the teller remembered may be wrong.
			if i := misrememberedAt(t.runes, end, c.hi); i > 0 {
				end = i
			}
			for _, r := range t.runes[end:c.hi] {
				if !strings.ContainsRune("了啊呀哦的啦吧。.,，!！", r) {
					return false
				}
			}
		}
	}
	return hedged
}

// unproven reports an account of a refusal or a return that the next
// clause says nothing proves (…退回去了，可是没打收条): what the parties gave
// is then open, not refused.
func unproven(t *text, c, next clause, fs []finding) bool {
	returned := false
	for _, f := range fs {
		returned = returned || f.status == Favourable && (f.facet == "gift" || f.facet == "money") && (f.key == PrivateGain || f.key == EightRules)
	}
	if !returned || next.sentence != c.sentence && !next.turned {
		return false
	}
	neg := false
	for _, tk := range t.tokens(next.lo, next.hi) {
		neg = neg || tk.kind == opNeg
	}
	return neg && anyWordIn(t.runes, next.lo, next.hi, proofWords)
}

// nextFilled is the first clause after clauses[k] with words in it (a turn
// such as 可是 leaves an empty clause before the one it opens), or an empty
// clause when there is none.
func nextFilled(clauses []clause, k int) clause {
	for _, c := range clauses[k+1:] {
		if c.hi > c.lo {
			return c
		}
	}
	return clause{}
}

// misrememberedAt returns where a memory owned wrong ends when one follows
// pos ((是)(我)记错了, 我记混了), or 0.
func misrememberedAt(rs []rune, pos, hi int) int {
	i := pos
	for i < hi && strings.ContainsRune("是我俺", rs[i]) {
		i++
	}
	for _, w := range misrememberWords {
		if hasAt(rs, i, w) && i+len(w) <= hi {
			return i + len(w)
		}
	}
	return 0
}

// onlyRunes reports whether every rune of rs is one of set.
func onlyRunes(rs []rune, set string) bool {
	for _, r := range rs {
		if !strings.ContainsRune(set, r) {
			return false
		}
	}
	return true
}

// unsure turns what a clause states into what it leaves open: a negative-list
// fact is raised (unknown and asked), a favourable fact of another criterion
// is dropped; doubts and presumptions from the work described stay.
func unsure(fs []finding) []finding {
	var out []finding
	for _, f := range fs {
		switch {
		case f.weak:
			out = append(out, f)
		case f.key == Procedure && (f.raised || f.status == Favourable):
			// 事后有没有及时报告，我真记不清了: a step the teller cannot
			// vouch for is asked.
			f.raised, f.asked = true, false
			out = append(out, f)
		case isNegative(f.key):
			f.raised, f.status = true, Unfavourable
			out = append(out, f)
		case f.status == Unfavourable:
			out = append(out, f) // 班子成员说没同意，我说不清: the doubt stays
		}
	}
	return out
}

// admit turns a raised fact into a stated one when the cadre admits it after
// it was raised: 纪委说我…。这个我认了。
func admit(t *text, clauses []clause, finds []finding) []finding {
	// Only a bare admission counts: in 这个我认了 or 我承认 the admission is
	// of what was said before; in 评上是事实 it is of 评上, not of the money
	// someone said the cadre took.
	var admits []int
	for _, c := range clauses {
		for _, tk := range t.tokens(c.lo, c.hi) {
			if tk.kind == opAdmit && bareBefore(t.runes, c.lo, tk.start) {
				admits = append(admits, tk.start)
			}
		}
		// 确实收了, 收是收了: the act said again, with nothing else, admits it.
		if c.lo < c.hi && strings.ContainsRune(bareAdmissionFirst, t.runes[c.lo]) && reBareAdmission.MatchString(string(t.runes[c.lo:c.hi])) {
			admits = append(admits, c.lo)
		}
	}
	if len(admits) == 0 {
		return finds
	}
	for i, f := range finds {
		if !f.raised {
			continue
		}
		for _, a := range admits {
			if a > f.pos {
				finds[i].raised = false
			}
		}
	}
	return finds
}

var reBareAdmission = regexp.MustCompile(`^(我|俺)?(确实|的确|是|倒是|也)(收|拿|要|吃|收下|拿下)(了|过)(的)?[.。!！]?$|^(收|拿)是(收|拿)了`)

// bareAdmissionFirst holds every rune a match of reBareAdmission can start
// with: a clause that starts otherwise is not tried.
const bareAdmissionFirst = "我俺确的是倒也收拿"

// continues reports whether a clause goes on with the one before
// (而且, 或者, 也 …), so a condition stated before still holds.
func continues(rs []rune, c clause) bool {
	for _, w := range continuers {
		if hasAt(rs, c.lo, w) && c.lo+len(w) <= c.hi {
			return true
		}
	}
	return false
}

var continuers = [][]rune{[]rune("而且"), []rune("并且"), []rune("或者"), []rune("以及"), []rune("甚至"),
	[]rune("同时"), []rune("或"), []rune("并"), []rune("又"), []rune("也"), []rune("还"), []rune("且"), []rune("再")}

// readClause returns the facts a clause asserts and whether it opens a
// condition that later clauses of the sentence continue.
func readClause(t *text, c clause, hypo bool) ([]finding, bool) {
	scan := &clauseScan{rs: t.runes, lo: c.lo, hi: c.hi}
	segs := t.segment(c.lo, c.hi)
	scan.setWords(segs)
	scan.toks = alternatives(t.runes, c, tokenize(t.runes, segs))
	opensHypo := false
	for _, tk := range scan.toks {
		if tk.kind == opHypo {
			opensHypo = true
		}
	}
	ms := byPosition(prune(notCounts(t.runes, scan.findMatches(patternIndex))))
	if len(ms) == 0 {
		return nil, opensHypo
	}
	vis := visible(scan.toks, ms)
	st := make([]state, len(ms))
	var asserted, raised, uncertain []reading
	for i := range ms {
		st[i] = govern(t.runes, c, vis, ms, st, i, hypo)
		r := ms[i].rule()
		if !r.weak && classifying(t.runes, c, ms[i].start) {
			// 我这种属于勤勉尽责吧？: the name the cadre asks to be given is
			// asked, not told.
			st[i].suppressed = true
		}
		if r.weak {
			// A presumption from what the story is about: a work mentioned
			// under a negation or a condition is still the work.
			asserted = append(asserted, reading{m: &ms[i], status: r.status, from: ms[i].start})
			continue
		}
		if r.negOnly && st[i].negs == 0 || r.posOnly && st[i].negs%2 == 1 {
			continue
		}
		status := r.status
		if st[i].negs%2 == 1 {
			status = opposite(status)
		}
		if r.raise && !r.harm && aboutOthers(t, c.lo, ms[i].start, ms[i].start) {
			// 那家人把货车瞒了: someone else's act raises nothing about the
			// cadre; harm others cause is another matter (几百户居民上街堵路
			// is what the cadre's conduct may have led to: see r.harm below).
			continue
		}
		if status == Unfavourable && slices.Contains(r.keys, Inaction) && anyWordIn(t.runes, ms[i].end, min(c.hi, ms[i].end+5), circumstanceWords) {
			continue // 在土地指标还没完全落实的情况下: a state of things, no inaction
		}
		if status == Unfavourable && r.facet == "delay" && anyWordIn(t.runes, ms[i].end, min(c.hi, ms[i].end+2), arriveWords) && anyWordIn(t.runes, max(c.lo, ms[i].start-3), ms[i].start, fundWords) {
			continue // 过渡费迟迟没到位: funds that have not arrived are a state of things, not the cadre's delay
		}
		if status == Unfavourable && anyWordIn(t.runes, ms[i].start, ms[i].end, labelWords) && anyWordIn(t.runes, max(c.lo, ms[i].start-6), ms[i].start, opinionWords) {
			continue // 我觉得是我失职: the cadre's verdict on himself, no fact of the case
		}
		if (r.raise || status == Unfavourable && anyNegative(r.keys)) && anyWordIn(t.runes, max(c.lo, ms[i].start-6), ms[i].start, preventWords) {
			continue // 为了防止食物中毒, 整治违规吃喝: what the work guards against
		}
		if status == Unfavourable && r.harm && aboutOthers(t, c.lo, ms[i].start, ms[i].end) {
			// 养殖场把粪污排进了河里: harm someone else caused is raised;
			// with a lapse of the cadre's own it is dereliction (assess.go).
			st[i].suppressed = true
		}
		if status == Unfavourable && othersAct(r) && !(r.named && bindsSubject(t.runes, c.lo, ms[i].start)) && aboutOthers(t, c.lo, ms[i].start, ms[i].end) && (!slices.Contains(r.keys, Procedure) || anyWordIn(t.runes, c.lo, ms[i].start, agentWords)) && (!st[i].suppressed || !r.harm && !slices.Contains(r.keys, ExplicitBan)) {
			// 企业隐瞒了实际情况, 有人拿伪造的证明骗领: someone else did it,
			// which says nothing of the cadre's own conduct.
			continue
		}
		if status == Unfavourable && r.facet == "gift" && !r.offer && anyWordIn(t.runes, c.lo, ms[i].end, staffWords) {
			// 卡是我司机收的: a gift the cadre's staff took is asked about,
			// not asserted as the cadre's own.
			st[i].suppressed = true
		}
		if st[i].suppressed && slices.Contains(r.keys, Procedure) && (anyKind(vis, opHedge) || anyKind(vis, opAsk)) {
			// 我记不清是报了还是没报: the cadre cannot say whether the step
			// was taken, so it is asked, not left unmentioned. A step only
			// asked about (有没有及时跟县里报告) is kept as asked, and stays
			// only if the next clause says the teller does not know.
			uncertain = append(uncertain, reading{m: &ms[i], status: status, from: st[i].from, asked: !anyKind(vis, opHedge)})
			continue
		}
		if st[i].suppressed || r.raise && status == Unfavourable {
			if status == Unfavourable && anyNegative(r.keys) && !st[i].judged && !((classifying(t.runes, c, ms[i].start) || inquiry(t.runes, c, vis, ms[i].start)) && !slices.Contains(r.keys, ExplicitBan)) {
				raised = append(raised, reading{m: &ms[i], status: status, from: st[i].from})
			}
			continue
		}
		asserted = append(asserted, reading{m: &ms[i], status: status, from: st[i].from})
	}
	var out []finding
	for _, a := range uncertain {
		out = append(out, finding{key: Procedure, status: a.status, evidence: evidence(t, c, vis, ms, a.m, a.from), facet: a.m.rule().facet, raised: true, asked: a.asked, pos: a.m.start})
	}
	for _, a := range raised {
		ev := evidence(t, c, vis, ms, a.m, a.from)
		for _, k := range a.m.rule().keys {
			if isNegative(k) {
				out = append(out, finding{key: k, status: Unfavourable, evidence: ev, facet: a.m.rule().facet, raised: true, named: a.m.rule().named, pos: a.m.start})
			}
		}
	}
	for _, a := range resolve(asserted) {
		ev := evidence(t, c, vis, ms, a.m, a.from)
		r := a.m.rule()
		for _, k := range r.keys {
			out = append(out, finding{key: k, status: a.status, evidence: ev, facet: r.facet, weak: r.weak, override: r.override, offer: r.offer, answers: r.answers, named: r.named, pos: a.m.start, line: r.line})
		}
	}
	return out, opensHypo
}

// reading is a predicate as asserted in its clause.
type reading struct {
	m      *match
	status Status
	from   int
	asked  bool // see finding.asked
}

// byPosition sorts predicates in text order, longer first at one position.
func byPosition(ms []match) []match {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end > ms[j].end
	})
	return ms
}

// prune drops a predicate that lies inside one slot of a longer predicate of
// another rule: 报告 inside 请示报告 is procedure, not a report to the
// organisation.
func prune(ms []match) []match {
	var out []match
	if len(ms) > 0 {
		out = make([]match, 0, len(ms))
	}
	for i, m := range ms {
		if m.rule().mask {
			continue
		}
		inside := hiddenByMask(ms, m)
		for j, o := range ms {
			if i == j || o.p == m.p || o.rule().weak || o.rule().raise {
				continue // a presumption or a raised topic hides no predicate
			}
			for _, s := range o.slots {
				if s[0] <= m.start && m.end <= s[1] && (s[1]-s[0] > m.end-m.start || len(o.slots) > 1 && o.end-o.start > m.end-m.start) {
					inside = true
				}
			}
		}
		if !inside {
			out = append(out, m)
		}
	}
	return out
}

// hiddenByMask reports whether a mask frame about one of m's criteria
// covers m.
func hiddenByMask(ms []match, m match) bool {
	for _, o := range ms {
		if !o.rule().mask || o.start > m.start || m.end > o.end {
			continue
		}
		for _, k := range m.rule().keys {
			if covers(o.rule().keys, []string{k}) {
				return true
			}
		}
	}
	return false
}

// resolve keeps one of overlapping asserted predicates about the same
// criteria. When they agree, the longest (its words are the better
// evidence: 一分钱都没拿过 over 没拿过); when they disagree, the most
// specific, with the smallest gaps: 为了自己 wins over 为了…项目 in
// 为了自己的项目. Predicates that assert nothing (a bare 报告 inside 向党委作了
// 报告) were dropped before, so they cannot win.
func resolve(rs []reading) []reading {
	better := func(x, y reading) bool {
		a, b := x.m, y.m
		la, lb := a.end-a.start, b.end-b.start
		if x.status == y.status && la != lb {
			return la > lb
		}
		if a.gapLen != b.gapLen {
			return a.gapLen < b.gapLen
		}
		if la != lb {
			return la > lb
		}
		return a.p.order < b.p.order
	}
	drop := make([]bool, len(rs))
	for i := range rs {
		for j := range rs {
			a, b := rs[i].m, rs[j].m
			if i == j || drop[i] || drop[j] || a.start >= b.end || b.start >= a.end {
				continue
			}
			if a.rule().named && b.rule().facet == "inapplicable" || b.rule().named && a.rule().facet == "inapplicable" {
				continue // 才出文件规定不得…: the ban and when it came are both told
			}
			if rs[i].status != rs[j].status && (a.rule().override && a.start > b.start && a.end > b.end || b.rule().override && b.start > a.start && b.end > a.end) {
				// 老板送了两条烟我没要: the offer and the refusal after it are
				// both told; the evidence weighs the later one.
				continue
			}
			if covers(b.rule().keys, a.rule().keys) && better(rs[j], rs[i]) {
				drop[i] = true
			}
		}
	}
	var out []reading
	for i, r := range rs {
		if !drop[i] {
			out = append(out, r)
		}
	}
	return out
}

// covers reports whether every key of sub is in keys.
func covers(keys, sub []string) bool {
	for _, s := range sub {
		found := false
		for _, k := range keys {
			if k == s {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// visible returns the triggers that govern the predicates of a clause. A
// trigger inside a predicate's own words (没有 in 没有先例) is part of that
// predicate, and govern never counts it for it (it counts only what ends
// before the predicate starts); for the predicates around it, it stays
// visible: 没有 in 文件并没有明确禁止 negates 明确禁止 as well. What keeps it
// from reaching too far is the predicate before each predicate (see govern).
func visible(toks []token, _ []match) []token { return toks }

func anyNegative(keys []string) bool {
	for _, k := range keys {
		if isNegative(k) {
			return true
		}
	}
	return false
}

// bareBefore reports whether rs[lo:hi] holds only pronouns, demonstratives
// and particles: nothing that names what is admitted.
func bareBefore(rs []rune, lo, hi int) bool {
	for _, r := range rs[lo:hi] {
		if !strings.ContainsRune("这那个事件些点我们俺咱都也确实是的就倒还全我您他她它我们", r) {
			return false
		}
	}
	return true
}

// aboutOthers reports whether the clause before pos names someone other than
// the cadre as its subject, and the cadre does not appear before end (给我转了
// names the cadre as the one who got it).
func aboutOthers(t *text, lo, pos, end int) bool {
	rs := t.runes
	others, self := false, speakerIn(rs, lo, end)
	// 养老金被冒领, 专款被挪作他用: a passive taking is someone else's.
	if pos >= 1 && (rs[pos-1] == '被' || pos >= 2 && rs[pos-2] == '被' && rs[pos-1] != '我' || pos >= 3 && rs[pos-3] == '被' && rs[pos-2] != '我' && rs[pos-1] != '我') && !self {
		return true // 被家属冒领: the agent named between 被 and the act
	}
	disposal := false // inside a 把 phrase: 把几家企业的产值往上调了
	for i := lo; i < pos; i++ {
		if rs[i] == '把' {
			disposal = true
		}
		if disposal || objectAt(rs, lo, i) {
			continue // 把几户的收入调高了, 给一家公司做技术指导: the object, not the actor
		}
		for _, w := range othersAt(rs[i]) {
			if t.thirdPerson && len(w) == 1 && (w[0] == '他' || w[0] == '她') {
				continue // asked on his behalf: 他 is the one whose case it is
			}
			if hasAt(rs, i, w) && i+len(w) <= pos && !anyWordIn(rs, max(lo, i-4), i, causeWords) {
				// 就让运维公司把数据改了: what the cadre had others do is
				// the cadre's act.
				others = true
			}
		}
	}
	return others && !self
}

// objectAt reports a word at i that a preposition or a verb of serving
// governs, with at most a determiner between (给一家公司, 跟那个老板).
func objectAt(rs []rune, lo, i int) bool {
	for j := i - 1; j >= lo && j >= i-3; j-- {
		if strings.ContainsRune("把将给对帮替向跟和与同陪按应听劝催", rs[j]) {
			return true
		}
		// 跟子公司: the preposition's object may be a compound (子公司,
		// 施工方); a determiner or a noun before it, never a verb or a
		// subject pronoun.
		if !strings.ContainsRune("一这那每几个家位名些子分总母", rs[j]) {
			return false
		}
	}
	return false
}

// speakerAt reports the cadre named as the one who acts at i: 我 or 俺, but
// not 我的 (我的名字是别人代签的) nor 我们 with a unit whose member acts
// (我们局一个科员), which name an owner.
func speakerAt(rs []rune, i int) bool {
	return (rs[i] == '我' || rs[i] == '俺') && !(i+1 < len(rs) && rs[i+1] == '的') && !unitMember(rs, i)
}

// unitMember reports 我们局一个科员, 我们村有个会计: the cadre's unit names
// whose member acts, not the cadre.
func unitMember(rs []rune, i int) bool {
	if !(i+2 < len(rs) && rs[i+1] == '们' && strings.ContainsRune("局镇村乡县区市科站所院处队单公学厂", rs[i+2])) {
		return false
	}
	return anyWordIn(rs, i+3, min(len(rs), i+8), memberWords)
}

var memberWords = [][]rune{[]rune("一个"), []rune("有个"), []rune("有位"), []rune("有人"), []rune("的")}

var othersWords, staffWords, giverWords [][]rune

// othersByFirst holds othersWords by first rune, in their order; set with
// them.
var othersByFirst map[rune][][]rune

// othersAt returns the words of othersWords that may start with r: those
// that start with it, or all when one of them is empty.
func othersAt(r rune) [][]rune {
	if othersByFirst == nil {
		return othersWords
	}
	return othersByFirst[r]
}

// indexOthers sets othersByFirst from othersWords, nil when a word is empty.
func indexOthers() {
	othersByFirst = map[rune][][]rune{}
	for _, w := range othersWords {
		if len(w) == 0 {
			othersByFirst = nil
			return
		}
		othersByFirst[w[0]] = append(othersByFirst[w[0]], w)
	}
}

// preventWords govern a topic the work guards against or enforces, which
// raises nothing about the cadre's own conduct.
var preventWords = [][]rune{[]rune("防止"), []rune("预防"), []rune("避免"), []rune("杜绝"), []rune("防范"), []rune("整治"),
	[]rune("治理"), []rune("查处"), []rune("打击"), []rune("严查"), []rune("排查"), []rune("防控")}

// othersAct reports a predicate that may be someone else's act rather than
// the cadre's: concealment, inaction, defying a ban, a repeat, taking money.
// What the parties give the cadre (gifts, meals, money to a relative) is
// written with them as the subject and is the cadre's fact.
func othersAct(r *rule) bool {
	if r.facet == "gift" || r.facet == "relative" || r.facet == "meddle" || r.facet == "accept" || r.offer {
		return false
	}
	for _, k := range r.keys {
		switch k {
		case Concealment, Inaction, ExplicitBan, Repeat, PrivateGain:
			return true
		case Procedure:
			// 矿上还没整改完就出事了: a step the mine skipped is the mine's.
			return r.facet == "bypass"
		case EightRules:
			// 一个科员把执法车开回家: a subordinate's misuse; meals and
			// gifts the parties offer are the cadre's matter all the same.
			return r.facet == "car" || r.facet == "drink" || r.facet == "travel"
		}
	}
	return false
}

// alternatives marks an alternative question (是当天还是隔了三天, 是班子会定的
// 还是一个人拍板的): the 是 before 还是 asks, so neither alternative is
// asserted. 还是 alone (我还是按老办法) is "still", and asks nothing.
func alternatives(rs []rune, c clause, toks []token) []token {
	for j := c.lo + 1; j+1 < c.hi; j++ {
		if rs[j] != '还' || rs[j+1] != '是' {
			continue
		}
		for i := c.lo; i < j-1; i++ {
			if rs[i] == '是' && (i == c.lo || rs[i-1] != '还' && rs[i-1] != '不' && rs[i-1] != '就') {
				toks = append(toks, token{kind: opAsk, start: i, end: i + 1})
				sort.SliceStable(toks, func(a, b int) bool { return toks[a].start < toks[b].start })
				return toks
			}
		}
		return toks
	}
	return toks
}

// classifying reports a question that asks what the story amounts to
// (这算统计造假吗, 算不算我失职): the name it tries raises nothing new; the
// facts told decide it. Whether a text was a ban (这个纪要算不算明令禁止) is
// a fact still open, and is raised all the same.
func classifying(rs []rune, c clause, pos int) bool {
	return c.question && anyWordIn(rs, c.lo, pos, namingWords)
}

var namingWords = [][]rune{[]rune("算"), []rune("属于"), []rune("属不属于"), []rune("构成"), []rune("定性"), []rune("认定为"), []rune("叫")}

// inquiry reports a question someone put to the cadre (纪检组问我有没有失职,
// 了解是否收过礼): an inquiry alleges nothing, so it raises nothing; the
// answer asks what decides the case.
func inquiry(rs []rune, c clause, vis []token, pos int) bool {
	ask := -1
	for _, t := range vis {
		if t.kind == opAsk && t.end <= pos && t.start >= c.lo {
			ask = t.start
		}
	}
	return ask >= 0 && anyWordIn(rs, c.lo, ask, inquiryWords)
}

var inquiryWords = [][]rune{[]rune("问"), []rune("了解"), []rune("核实"), []rune("调查")}

// notCounts drops a predicate about money whose sum is a count of something
// else: 滞留了几千人 holds 留了 and 几千, and no money at all.
func notCounts(rs []rune, ms []match) []match {
	var out []match
	if len(ms) > 0 {
		out = ms[:0] // filtered in place: ms is the caller's own
	}
	for _, m := range ms {
		counted := false
		for _, s := range m.slots {
			if s[1] > s[0] && s[1] < len(rs) && strings.ContainsRune("千万百几两", rs[s[1]-1]) &&
				strings.ContainsRune("人户名辆亩吨斤米个家只头台套件间平次趟天年", rs[s[1]]) {
				counted = true
			}
		}
		if counted && slices.Contains(m.rule().keys, PrivateGain) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// corrected gathers the findings of the clauses, less what a clause that
// opens with 其实 or 实际上 contradicts in the two clauses before it in the
// same sentence: 我说是班子集体研究定的，其实是我自己拍板的 tells one fact,
// the second. When the contradicted words were the cadre's own account
// (我说, 我跟纪委讲), the account was false, and a false account given to
// the inquiry is concealment, a negative-list fact.
func corrected(t *text, clauses []clause, per [][]finding) []finding {
	for k, c := range clauses {
		toks := t.tokens(c.lo, c.hi)
		if len(toks) == 0 || toks[0].kind != opCorrect || !onlyRunes(t.runes[c.lo:toks[0].start], "但可是而我们俺") {
			continue
		}
		for _, f2 := range per[k] {
			if f2.raised || f2.weak || f2.status != Favourable && f2.status != Unfavourable {
				continue
			}
			for j := k - 1; j >= 0 && j >= k-2 && clauses[j].sentence == c.sentence; j-- {
				kept := per[j][:0]
				for _, f1 := range per[j] {
					if f1.key != f2.key || f1.status != opposite(f2.status) || f1.raised {
						kept = append(kept, f1)
						continue
					}
					if at := toldBefore(t, clauses[j], f1.pos); at >= 0 {
						kept = append(kept, finding{key: Concealment, status: Unfavourable, facet: "account",
							evidence: t.slice(at, c.hi), pos: at, line: f1.line})
					}
				}
				per[j] = kept
			}
		}
	}
	n := 0
	for _, fs := range per {
		n += len(fs)
	}
	var out []finding
	if n > 0 {
		out = make([]finding, 0, n)
	}
	for _, fs := range per {
		out = append(out, fs...)
	}
	return out
}

// toldBefore finds where the clause gives the cadre's own account (我说,
// 我跟纪委讲) before pos: the start of the account, or -1. An account told
// to someone (跟纪委说) starts at the teller before it (我跟纪委说).
func toldBefore(t *text, c clause, pos int) int {
	for _, tk := range t.tokens(c.lo, c.hi) {
		if tk.kind == opTell && tk.end <= pos && !(tk.start > c.lo && strings.ContainsRune("跟对给和向同", t.runes[tk.start-1])) {
			// (跟我说 is someone else's account told to the cadre.)
			at := tk.start
			if at > c.lo && speakerAt(t.runes, at-1) {
				at--
			}
			return at
		}
	}
	return -1
}

// resultClause reports a clause that opens with a result word: one that
// starts within its first three runes (我们结果…), or with what happened
// afterwards (后来出了…, 事后又发生了…: a word of later time, then one of
// happening).
func resultClause(rs []rune, c clause) bool {
	for i := c.lo; i < min(c.hi, c.lo+3); i++ {
		if anyWordAt(rs, i, resultWords) {
			return true
		}
		for _, w := range laterWords {
			if !hasAt(rs, i, w) {
				continue
			}
			j := i + len(w)
			if j < c.hi && rs[j] == '又' {
				j++
			}
			if anyWordAt(rs, j, happenedWords) {
				return true
			}
		}
	}
	return false
}

// claimOpens reports a clause that tells someone else's claim about the
// cadre (有人举报我…, 纪委说我…), which may run on into the next clause.
func claimOpens(t *text, c clause) bool {
	for _, tk := range t.tokens(c.lo, c.hi) {
		if tk.kind == opReport && !saidBySelf(t.runes, c.lo, tk.start) && anyWordIn(t.runes, tk.start, min(c.hi, tk.end+1), accuseWords) &&
			!anyWordIn(t.runes, tk.end, min(c.hi, tk.end+2), afterWords) && !anyWordIn(t.runes, max(c.lo, tk.start-3), tk.start, fearWords) {
			// 也怕被说我们村管护不到位: an accusation only feared is no claim
			// the next clause goes on with.
			return true
		}
	}
	return false
}

// seasonAhead reports a season named as what lies ahead (汛期前, 雨季来临
// 之前): the time by which work is due.
func seasonAhead(rs []rune, pos, hi int) bool {
	for _, w := range seasonWords {
		if hasAt(rs, pos, w) {
			return anyWordIn(rs, pos+len(w), min(hi, pos+len(w)+4), aheadWords)
		}
	}
	return false
}

// ownSubject reports a clause that opens with a subject of its own: the
// cadre (我, 我们), or a turn of the account (其实, 但是): a claim told before
// it does not reach it.
func ownSubject(rs []rune, c clause) bool {
	return c.lo < c.hi && (rs[c.lo] == '我' || rs[c.lo] == '俺') || anyWordIn(rs, c.lo, min(c.hi, c.lo+3), ownWords)
}

// Context words (data/context.tsv), loaded with the lexicon: result words
// open a clause that tells what came of the act; accuse words mark a report
// that accuses the cadre, after words a report that is a time; own words a
// clause with a subject or turn of its own; label words a verdict on the act,
// opinion words the teller's own view of it; mistake and intent words a
// figure got wrong by mistake or on purpose; circumstance words close a
// circumstance (在…的情况下).
var proofWords, misrememberWords, witnessWords, insistWords, happenedWords, relevantWords, linkWords, linkAskWords, lateWords, runOnWords, blameWords, agentWords, findingWords, pendingWords, causeWords, fearWords, arriveWords, fundWords, resultWords, accuseWords, afterWords, ownWords, labelWords, opinionWords, mistakeWords, intentWords, circumstanceWords, gradedWords, hearsayWords, seasonWords, aheadWords [][]rune

// bindsSubject reports a party named right before a ban (开发商一律暂停发预售证):
// whom the ban binds, not someone else acting.
func bindsSubject(rs []rune, lo, pos int) bool {
	for _, w := range giverWords {
		for end := pos; end >= max(lo, pos-1); end-- {
			if end-len(w) >= lo && hasAt(rs, end-len(w), w) {
				return true
			}
		}
	}
	return false
}

// sentenceStart is the first rune of the sentence clause k belongs to.
func sentenceStart(clauses []clause, k int) int {
	for k > 0 && clauses[k-1].sentence == clauses[k].sentence {
		k--
	}
	return clauses[k].lo
}

// linkOpen leaves asked a benefit whose link to the cadre's office the text
// says is not known (两者有没有关联还在核实, 我不清楚对方是不是跟我管的企业
// 有关系): a gift to a relative or a job for a son is a negative-list fact
// only as a benefit from the parties, and whether it was is the open
// question.
func linkOpen(t *text, clauses []clause, finds []finding) []finding {
	rs := t.runes
	open, at := false, 0
	for _, c := range clauses {
		for i := c.lo; i < c.hi && !open; i++ {
			if !anyWordAt(rs, i, linkWords) || rs[i] == '有' && anyWordAt(rs, i+2, relevantWords) {
				continue // 有关部门, 有关规定: 有关 as "relevant"
			}
			// The question must be asked of the tie in its own clause: 我有
			// 没有机会免责？我跟供应商没有任何私人关系 asks nothing about it.
			if anyWordIn(rs, max(c.lo, i-20), i, linkAskWords) || anyWordIn(rs, i, min(c.hi, i+10), linkAskWords) {
				open, at = true, i // 有没有关联还在核实; 是什么关系我也说不清
			}
		}
	}
	if !open {
		return finds
	}
	gain := false
	for _, f := range finds {
		gain = gain || f.key == PrivateGain
	}
	if !gain {
		// 老赵跟那家施工单位老板是什么关系我也说不清: a tie to the parties
		// the teller cannot rule out is asked, not presumed absent.
		finds = append(finds, finding{key: PrivateGain, status: Unfavourable, facet: "link", raised: true, evidence: t.slice(max(0, at-12), min(len(rs), at+8)), pos: at})
	}
	for i, f := range finds {
		if f.key == PrivateGain || f.key == EightRules {
			if f.status == Unfavourable && (f.facet == "gift" || f.facet == "relative") {
				finds[i].raised = true
			}
		}
	}
	return finds
}

// speakerIn reports the teller named in rs[lo:hi].
func speakerIn(rs []rune, lo, hi int) bool {
	for i := lo; i < hi; i++ {
		if speakerAt(rs, i) {
			return true
		}
	}
	return false
}
