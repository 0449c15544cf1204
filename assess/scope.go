package assess

import (
	"slices"
	"strings"
)

// state is how one predicate is read in its clause.
type state struct {
	negs       int  // negators that reach it; odd flips it
	suppressed bool // asserts nothing: a question, condition, report, hedge or obligation
	judged     bool // a judgment of the act made after it (后来县里说不能这么用): raises nothing
	from       int  // where the words it rests on start: its negator, or itself
}

// govern reads predicate i of the clause in its scope. Predicates are in
// text order and st holds the states of those before it.
func govern(rs []rune, c clause, vis []token, ms []match, st []state, i int, hypo bool) state {
	m := &ms[i]
	s := state{negs: m.gapNegs, from: m.start, suppressed: hypo}
	if c.question && (onlyParticles(rs, m.end, c.hi) || asksAbout(rs, c, vis, m)) {
		s.suppressed = true // 收了好处吗？ 集体研究过没有？ 收受购物卡算不算违规？
	}
	// A post-negation right after the predicate denies it: 风险评估不足,
	// 整改不到位, 审核把关不严 (fillers such as 得, 做得, 还 may sit between).
	for _, t := range vis {
		if t.kind == opPostNeg && t.start >= m.end && t.start-m.end <= 3 && onlyRunes(rs[m.end:t.start], "得做搞查审核还也都明显严重比较太很") {
			s.negs++
			break
		}
	}
	// 按公司制度预付超过100万要上总经理办公会: a rule followed by what it
	// requires states the requirement, not what was done.
	if m.rule().facet == "plan" && (rs[m.start] == '按' || rs[m.start] == '依' || rs[m.start] == '根') {
		for _, t := range vis {
			if t.kind == opModal && t.start >= m.end {
				s.suppressed = true
			}
		}
	}
	// A-not-A (规定不规定, 收没收, 批没批) asks or waives; it tells nothing.
	if w := rs[m.start:m.end]; len(w) <= 4 {
		if m.end+1 < len(rs) && (rs[m.end] == '不' || rs[m.end] == '没') && hasAt(rs, m.end+1, w) ||
			m.start-1-len(w) >= 0 && (rs[m.start-1] == '不' || rs[m.start-1] == '没') && hasAt(rs, m.start-1-len(w), w) {
			s.suppressed = true
		}
	}
	// A negator that closes the clause right after the predicate denies it:
	// 我个人一分钱回扣没有, 好处一点都没有 (the object told first, then that
	// there is none).
	for _, t := range vis {
		if t.kind == opNeg && t.start >= m.end && t.start-m.end <= 3 && onlyRunes(rs[m.end:t.start], "都也还一点丝毫半") &&
			onlyParticles(rs, t.end, c.hi) && !c.question {
			s.negs++
			break
		}
	}
	if m.rule().subject {
		for _, t := range vis {
			if t.kind == opAsk && t.start >= m.end && t.start-m.end <= 4 && onlyRunes(rs[m.end:t.start], "到底究竟当时是否有") {
				s.suppressed = true // 董事会到底有没有过会: the question is about it
			}
		}
	}
	for _, t := range vis {
		if t.start >= m.end {
			continue
		}
		switch t.kind {
		case opAsk, opHypo:
			s.suppressed = true // 是否需要集体研究, 如果收了好处
		case opAskQ:
			if c.question {
				s.suppressed = true // 收了什么好处？
			}
		}
	}

	// The previous predicate bounds what reaches this one: a negator before
	// it belongs to it. A predicate joined to it only by 、 和 或 shares its
	// reading: 没有收受礼品、礼金.
	// A presumption (weak) is no predicate of the sentence: it neither
	// bounds nor shares a reading (来不及 in 来不及上会 still negates 上会).
	prev := -1
	for j := 0; j < i; j++ {
		if ms[j].rule().weak {
			continue
		}
		if ms[j].end <= m.start && (prev < 0 || ms[j].end > ms[prev].end) {
			prev = j
		}
	}
	barrier := c.lo
	breaks := c.lo // what ends the reach of a report, hedge or obligation: a new event
	if prev >= 0 {
		if onlyCoordinators(rs, vis, ms[prev].end, m.start) && !ms[prev].rule().adverb && m.gapNegs == 0 {
			s.negs += st[prev].negs
			s.suppressed = s.suppressed || st[prev].suppressed
			s.from = st[prev].from
			return s
		}
		barrier = ms[prev].end
	}
	for _, t := range vis {
		if (t.kind == opBreak || t.kind == opWeak) && t.end <= m.start {
			if t.end > barrier {
				barrier = t.end // 没有X就Y: 没有 does not reach Y
			}
			if t.end > breaks {
				breaks = t.end
			}
		}
		if t.kind == opCorrect && t.end <= m.start && t.end > breaks {
			breaks = t.end // 被人举报未批先建 其实是县里定的方案: the teller's correction is no one's claim
		}
	}

	// A fear of blame ends at the blame (我怕挨批没上报): what follows is what
	// the fear made the cadre do, told as done.
	for _, t := range vis {
		if t.kind != opReport || t.end > m.start || !anyWordIn(rs, t.start, t.end, fearWords) {
			continue
		}
		for i := t.end; i < m.start; i++ {
			for _, w := range blameWords {
				if hasAt(rs, i, w) && i+len(w) <= m.start && i+len(w) > breaks {
					breaks = i + len(w)
				}
			}
		}
	}
	// A modal verb opens a predicate of its own: in 没审批要处理 the 没 is
	// 审批's, and does not reach past 要.
	negBarrier := barrier
	for _, t := range vis {
		if t.kind == opModal && t.end <= m.start && t.end > negBarrier {
			negBarrier = t.end
		}
	}
	// Negators: the nearest one within reach, then any directly before it
	// (不是没有, 并非没有) for double negation.
	// A predicate told object first with its own negator (一分好处没拿) is
	// not reached by a negator before the cadre who tells it: in 钱一分没少
	// 我自己一分好处没拿 the 没 of 没少 is another predicate's.
	if m.rule().fronted && m.gapNegs > 0 {
		for i := negBarrier; i < m.start; i++ {
			if speakerAt(rs, i) {
				negBarrier = i
			}
		}
	}
	// The teller named as a new subject after a verb of the negator's own
	// ends its reach (指标还没下来我们党委会研究过了: 没 is 下来's); right
	// after the negator the teller is inside what it negates (没有我签字).
	// A verb of finding takes the teller's act as its object: in 没发现我谋私
	// (未查出我收了钱) the negator reaches through it.
	for _, t := range vis {
		if t.kind != opNeg || t.end > m.start || t.end < negBarrier {
			continue
		}
		for i := t.end + 1; i < m.start; i++ {
			if speakerAt(rs, i) && i > t.end+1 && !wordIs(rs, t.end, i, findingWords) {
				negBarrier = max(negBarrier, i)
			}
		}
	}
	// A negated verb of saying negates the saying, not what was said
	// (决策会上我没提这家公司实际是我亲戚控制的).
	for _, t := range vis {
		if t.kind == opNeg && t.end <= m.start && t.end >= negBarrier && saying(rs, t.end, m.start, m.end) {
			negBarrier = max(negBarrier, t.end+1)
		}
	}
	if n := nearest(vis, opNeg, negBarrier, m.start, negReach); n >= 0 && !attributive(rs, vis[n], m.start) {
		s.negs++
		s.from = vis[n].start
		for {
			p := nearest(vis, opNeg, negBarrier, vis[n].start, chainReach)
			if p < 0 {
				break
			}
			s.negs++
			s.from = vis[p].start
			n = p
		}
	}
	// 记录必须齐全: an obligation or a condition inside the predicate's own
	// gaps makes it a requirement, not a fact.
	for _, t := range vis {
		if t.kind != opModal && t.kind != opHypo && t.kind != opAsk && t.kind != opHedge {
			continue // 文件好像说过不准: a hedge in the gaps hedges the whole
		}
		if t.kind == opHedge && quantity(rs, t, m) {
			continue
		}
		for k := 1; k < len(m.slots); k++ {
			if t.start >= m.slots[k-1][1] && t.end <= m.slots[k][0] && !m.rule().anyGap {
				s.suppressed = true
			}
		}
	}
	// 先交房再补办: what comes right after 再 is planned, not done.
	for _, t := range vis {
		if t.kind == opBreak && t.end == m.start && t.end-t.start == 1 && rs[t.start] == '再' {
			s.suppressed = true
		}
	}
	// A ban is always something an authority said (文件说…一律不准), so a
	// report does not make it someone else's claim.
	// An offer by the parties is what they said (老板说请大伙吃个饭).
	// A defiance someone alleges (说我们顶风违禁) is their claim all the same.
	reportable := !(slices.Contains(m.rule().keys, ExplicitBan) && (m.rule().named || m.rule().facet != "")) && !m.rule().offer && !m.rule().claim
	// What the parties say they gave in the past (企业说过年送过我一张卡,
	// 施工方那边有人说给过…辛苦费) is their claim about the cadre, asked, not
	// an offer made in the story.
	if m.rule().offer && anyWordIn(rs, m.start, m.end, pastGiving) {
		reportable = true
		for _, t := range vis {
			if t.kind == opReport && t.start >= m.start && t.end <= m.end {
				s.suppressed = true // 企业说过年送过我一张卡: the report sits inside
			}
		}
	}
	// 后来县里说钱不能这么使: a ban said after the act is a judgment of it,
	// not a ban the cadre defied (三个区分开来: 明令禁止后依然…).
	// A ban learned of afterwards (后来听说市里发过通知) is older than the act
	// but was not known: it stays open and is asked.
	if slices.Contains(m.rule().keys, ExplicitBan) && m.rule().status == Unfavourable && afterTheAct(rs, c.lo, m.start) {
		s.suppressed, s.judged = true, !learnedOfBan(rs, c)
	}
	// Hearsay (听说供应商给了我那个朋友一点介绍费) is no one's account of
	// the facts, not even of what the parties gave.
	if n := nearest(vis, opReport, breaks, m.start, reportReach); n >= 0 && anyWordIn(rs, vis[n].start, vis[n].end, hearsayWords) {
		s.suppressed = true
	}
	hedge := nearest(vis, opHedge, breaks, m.start, hedgeReach)
	if hedge >= 0 && vis[hedge].end == m.start && quantity(rs, vis[hedge], m) {
		hedge = -1
	}
	// 有人举报说企业请我们吃了饭: what the parties gave, told by an
	// accuser, is the accusation, not the parties' own words.
	if m.rule().offer && !reportable {
		if n := nearest(claims(rs, c.lo, vis), opReport, breaks, m.start, reportReach); n >= 0 && anyWordIn(rs, vis[n].start, vis[n].end, accuseWords) {
			s.suppressed = true
		}
	}
	// 老板要请我吃饭我没去: the modal is the offer's; the refusal after it
	// is told as done.
	planned := nearest(vis, opModal, breaks, m.start, modalReach) >= 0 && !refusedAfterOffer(rs, m)
	// 老板说给我留点干股我拒绝了: the offer is the boss's word, the refusal
	// the teller's own.
	claimed := reportable && nearest(claims(rs, c.lo, vis), opReport, breaks, m.start, reportReach) >= 0 &&
		!(refusedAfterOffer(rs, m) && anyRuneOf(rs[m.start:m.end], "我俺"))
	if claimed || hedge >= 0 || planned {
		s.suppressed = true // 担心被认为谋私, 可能造成损失, 要求整改
	}
	// A hedge right after: 有没有文件禁止我不清楚, 是否上会记不清了. In a
	// clause that asks (董事会到底有没有正式过会我也记不太清了) a hedge
	// anywhere after the predicate leaves it open.
	asking := false
	for _, t := range vis {
		asking = asking || t.kind == opAsk
	}
	for _, t := range vis {
		if t.kind == opHedge && t.start >= m.end && (asking || t.start-m.end <= 4 && !breakBetween(vis, m.end, t.start)) {
			s.suppressed = true
		}
	}
	return s
}

// refusedAfterOffer reports a refusal frame (an override in the cadre's
// favour) whose last slot says the offer was turned down (没去, 拒绝了).
func refusedAfterOffer(rs []rune, m *match) bool {
	if !m.rule().override || m.rule().status != Favourable || len(m.slots) < 2 {
		return false
	}
	last := m.slots[len(m.slots)-1]
	return anyRuneOf(rs[last[0]:last[1]], "没未拒推谢婉回")
}

// anyRuneOf reports whether one of rs is in set.
func anyRuneOf(rs []rune, set string) bool {
	for _, r := range rs {
		if strings.ContainsRune(set, r) {
			return true
		}
	}
	return false
}

// nearest returns the index of the operator of kind k that ends closest
// before pos, starting at or after lo and ending within reach of pos, or -1.
func nearest(vis []token, k opKind, lo, pos, reach int) int {
	best := -1
	for i, t := range vis {
		if t.kind != k || t.start < lo || t.end > pos || pos-t.end > reach {
			continue
		}
		if best < 0 || t.end > vis[best].end {
			best = i
		}
	}
	return best
}

func breakBetween(vis []token, a, b int) bool {
	for _, t := range vis {
		if (t.kind == opBreak || t.kind == opWeak) && t.start >= a && t.end <= b {
			return true
		}
	}
	return false
}

// onlyCoordinators reports whether rs[a:b] holds nothing but coordinators
// (an empty stretch counts: 隐瞒伪造 are two predicates side by side).
func onlyCoordinators(rs []rune, vis []token, a, b int) bool {
	for i := a; i < b; {
		next := -1
		for _, t := range vis {
			if t.kind == opCoord && t.start == i {
				next = t.end
			}
		}
		if next < 0 {
			return false
		}
		i = next
	}
	return true
}

// asksAbout reports whether a question asks about the predicate as a
// case in general (收受购物卡算不算违规？) rather than stating it as the
// cadre's own fact (我收了两张购物卡，算不算违规？ / 我没上会算不算专断？):
// an interrogative follows it, and neither a first-person subject before it
// nor an aspect marker (了, 过) in it makes it a fact.
func asksAbout(rs []rune, c clause, vis []token, m *match) bool {
	asks := false
	for _, t := range vis {
		if (t.kind == opAsk || t.kind == opAskQ) && t.start >= m.end {
			asks = true
		}
	}
	if !asks {
		return false
	}
	// A refusal the teller tells (…购物卡来我没收，这种会处分吗) is a fact
	// even when the question runs on in the same breath.
	end := m.start
	if refusedAfterOffer(rs, m) {
		end = m.end
	}
	for i := c.lo; i < end; i++ {
		if rs[i] == '我' {
			return false
		}
	}
	for i := m.start; i < m.end; i++ {
		if rs[i] == '了' || rs[i] == '过' {
			return false
		}
	}
	return true
}

// particles may end a question after its predicate without adding one:
// 收了好处吗, 集体研究过没有.
var particles = map[rune]bool{'了': true, '过': true, '的': true, '吗': true, '呢': true, '么': true,
	'嘛': true, '啊': true, '呀': true, '吧': true, '没': true, '有': true, '不': true, '是': true,
	'?': true, '!': true, '"': true, '“': true, '”': true}

func onlyParticles(rs []rune, a, b int) bool {
	for i := a; i < b; i++ {
		if !particles[rs[i]] {
			return false
		}
	}
	return true
}

// afterTheAct reports whether the clause opens on a time after the events
// told (后来, 事后, 现在 …) before position pos.
func afterTheAct(rs []rune, lo, pos int) bool {
	return anyWordIn(rs, lo, min(pos, lo+4), laterWords) // the clause opens on it
}

var laterWords = [][]rune{[]rune("后来"), []rune("事后"), []rune("现在"), []rune("如今"), []rune("过后"), []rune("之后"), []rune("结果")}

// learnedOfBan reports a clause that tells a ban learned of afterwards
// (后来听说市里发过通知不让…): the ban is older than the act, and open.
func learnedOfBan(rs []rune, c clause) bool {
	return anyWordIn(rs, c.lo, c.hi, learnedWords)
}

var learnedWords = [][]rune{[]rune("听说"), []rune("才知道"), []rune("才发现"), []rune("得知"), []rune("发过"), []rune("下过"), []rune("出过"), []rune("早就")}

// attributiveReach is how far after a verbal negator a 的 closes a
// relative clause: 还没完工的灌溉渠, 没批的项目. Further on, 的 is more
// likely inside the negated verb's object (没等法院的裁定下来).
const attributiveReach = 4

// attributive reports a verbal negator (没, 未, 不) whose clause closes with
// 的 before the predicate: it negates a modifier of a noun (还没完工的渠按完
// 工报了验收), not the predicate. 没有 and 无 say that a thing is absent
// (没有明确的规定禁止), and their reach goes on.
func attributive(rs []rune, neg token, pos int) bool {
	w := string(rs[neg.start:neg.end])
	if w == "没有" || w == "无" || w == "没什么" || w == "并没有" {
		return false
	}
	from := neg.end
	if w == "未" && from < len(rs) && rs[from] == '经' {
		from++ // 未经验收的工程: 未经 is one negator
	}
	for i := from; i < pos && i <= from+attributiveReach; i++ {
		if rs[i] == '的' {
			return true
		}
	}
	return false
}

// claims are the report tokens that introduce someone else's claim: 被举报后
// dates what follows (after being reported, I …), and claims nothing.
func claims(rs []rune, lo int, vis []token) []token {
	out := vis
	for i, t := range vis {
		// 跟班主任说先别往上报: the teller's own saying is no one's claim.
		told := t.kind == opReport && t.end-t.start == 1 && rs[t.start] == '说' && addressing(rs, lo, t.start)
		if told || t.kind == opReport && (hasAt(rs, t.end, []rune("后")) || hasAt(rs, t.end, []rune("以后")) || hasAt(rs, t.end, []rune("之后"))) {
			if len(out) == len(vis) {
				out = append([]token(nil), vis...)
			}
			out[i].kind = opNone
		}
	}
	return out
}

// quantity reports 有点 or 有些 right before a gain the predicate names
// (亲戚在那企业里有点股份, 拿了有些好处): it counts what there is and softens
// nothing, unlike 查得有点走过场.
func quantity(rs []rune, hedge token, m *match) bool {
	if !hasAt(rs, hedge.start, []rune("有点")) && !hasAt(rs, hedge.start, []rune("有些")) {
		return false
	}
	if !slices.Contains(m.rule().keys, PrivateGain) && !slices.Contains(m.rule().keys, EightRules) {
		return false
	}
	for _, sl := range m.slots {
		if sl[0] == hedge.end {
			return true
		}
	}
	return false
}

// pastGiving (context.tsv pastgive) are verbs of giving in the experiential
// aspect (送过, 给过): told by the parties, a claim about what happened.
// sayingWords (context.tsv saying) are verbs of saying.
var pastGiving, sayingWords [][]rune

// saying reports a verb of saying right at pos, before the predicate at
// [start, end): what a negator there negates is the telling.
func saying(rs []rune, pos, start, end int) bool {
	for _, w := range sayingWords {
		// What is said is a clause of its own (这家公司实际是我亲戚控制的),
		// not the object of the saying (没有提出反对意见).
		if hasAt(rs, pos, w) && pos+len(w) < start && slices.Contains(rs[pos+len(w):end], '是') {
			return true
		}
	}
	return false
}
