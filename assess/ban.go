package assess

import (
	"slices"
	"strings"
)

// A ban the cadre names is a negative-list fact only when the cadre acted
// after it and against it (三个区分开来: 明令禁止后依然我行我素). Many stories
// name a ban the act did not break: the ban came out later (通知是9月下旬才
// 发的), the act lay outside it (不在禁止范围), or the cadre says they did
// not do what it forbids (严禁私设小金库，我们没有设). banInapplicable reads
// those and drops the findings that only named the ban; a ban defied in so
// many words (还是, 照样, 顶风) is not a named ban and stays.

// banInapplicable reads the bans a text names. What a ban forbids is not
// something the cadre did (上面严禁私设小金库 tells no 小金库), so the
// predicates of other criteria inside it are dropped; and when the text shows
// that the ban did not reach the act (a row of the inapplicable facet, or a
// later clause of the cadre's that denies doing what the ban forbids) the
// findings that only named the ban are dropped too.
func banInapplicable(t *text, clauses []clause, finds []finding) []finding {
	spans := make([][2]int, len(clauses)) // per clause; empty where it names no ban
	for k, c := range clauses {
		spans[k][0], spans[k][1] = banSpan(t, c)
	}
	finds = slices.DeleteFunc(finds, func(f finding) bool {
		return f.key != ExplicitBan && f.status == Unfavourable && slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] <= f.pos && f.pos < s[1] })
	})
	named := false
	for _, f := range finds {
		named = named || f.key == ExplicitBan && f.named
	}
	if !named {
		return finds
	}
	// 按公车管理规定公车不能这么用 in a rescue: a rule broken in an
	// emergency is the question the emergency answers (湖北六条: 紧急状态下
	// 违反工作程序), so a ban only named is asked, not presumed defied.
	if emergency(finds) {
		for i := range finds {
			if finds[i].key == ExplicitBan && finds[i].named && finds[i].status == Unfavourable {
				finds[i].raised = true
			}
		}
	}
	// 禁令下来之前动工还是之后动工说不清了, 原则上不允许: the ban is named
	// and whether it reached the act, or was a ban at all, is itself in
	// question, so it is asked (even when the act went on: 原则上不允许，我们
	// 还是先建了 defies a restriction that may be no explicit ban).
	if slices.ContainsFunc(finds, func(f finding) bool { return f.key == ExplicitBan && f.facet == "unclear" && f.raised }) {
		for i := range finds {
			if finds[i].key == ExplicitBan && finds[i].status == Unfavourable && (finds[i].named || finds[i].facet == "defied") {
				finds[i].raised = true
			}
		}
	}
	shown := slices.ContainsFunc(finds, inapplicable)
	if !shown {
		if f, ok := deniedBannedAct(t, clauses, spans); ok {
			finds = append(finds, f)
			shown = true
		}
	}
	if !shown {
		// 严禁新增隐性债务 … 我们修路用的是上级下达的专项债资金: the cadre
		// says what was done, and it shares no word with what the ban
		// forbids. Whether the ban reached the act is then the question, so
		// it is asked rather than presumed defied or presumed missed.
		if contrastedAct(t, clauses, spans) {
			for i := range finds {
				if finds[i].key == ExplicitBan && finds[i].named && finds[i].status == Unfavourable {
					finds[i].raised = true
				}
			}
		}
		return finds
	}
	return slices.DeleteFunc(finds, func(f finding) bool {
		return f.key == ExplicitBan && f.status == Unfavourable && (f.named || f.raised && f.facet == "alarm")
	})
}

// contrastedAct finds a clause after a named ban in which the cadre says
// what was done in a cleft (V的是 Z: 批的是人工商品林的抚育间伐) and Z shares
// no two-rune word with what the ban forbids.
func contrastedAct(t *text, clauses []clause, spans [][2]int) bool {
	rs := t.runes
	for k := range clauses {
		lo, hi := spans[k][0], spans[k][1]
		if hi-lo < 2 {
			continue
		}
		for _, d := range clauses[k+1:] {
			if d.question || anyKind(t.tokens(d.lo, d.hi), opHypo, opAsk, opReport, opHedge, opNeg) {
				continue
			}
			for i := d.lo + 1; i+2 < d.hi && i-d.lo <= 10; i++ {
				if rs[i] != '的' || rs[i+1] != '是' || !isHan(rs[i-1]) || aboutOthers(t, d.lo, i, d.hi) {
					continue
				}
				if !sharesBigram(rs[lo:hi], rs[i+2:d.hi]) {
					return true
				}
			}
		}
	}
	return false
}

// sharesBigram reports whether two runs of text have two adjacent Han runes
// in common.
func sharesBigram(a, b []rune) bool {
	for i := 0; i+1 < len(a); i++ {
		if !isHan(a[i]) || !isHan(a[i+1]) || strings.ContainsRune(functionRunes, a[i]) || strings.ContainsRune(functionRunes, a[i+1]) {
			continue
		}
		for j := 0; j+1 < len(b); j++ {
			if a[i] == b[j] && a[i+1] == b[j+1] {
				return true
			}
		}
	}
	return false
}

func inapplicable(f finding) bool {
	return f.key == ExplicitBan && f.facet == "inapplicable" && f.status == Favourable && !f.raised && !f.weak
}

// deniedBannedAct finds a clause after a named ban in which the cadre denies
// the act the ban forbids: what a negator governs is part of what follows
// the ban word (严禁私设小金库 … 我们没有设; 禁止返还土地出让金 … 我们没有
// 返还). A ban whose act holds a negator itself (严禁未批先建) is left alone:
// 没有批 there is the act.
func deniedBannedAct(t *text, clauses []clause, spans [][2]int) (finding, bool) {
	rs := t.runes
	for k := range clauses {
		lo, hi := spans[k][0], spans[k][1]
		if lo >= hi || anyKind(t.tokens(lo, hi), opNeg) {
			continue
		}
		act := string(rs[lo:hi])
		for _, d := range clauses[k+1:] {
			if d.question || anyKind(t.tokens(d.lo, d.hi), opHypo, opAsk, opReport, opHedge) {
				continue
			}
			for _, n := range t.tokens(d.lo, d.hi) {
				if n.kind != opNeg || aboutOthers(t, d.lo, n.start, d.hi) {
					continue
				}
				// The runes a negator governs name the act the ban forbids when
				// each is in it: 设 in 私设小金库; 返还; 超采 in 超限额采伐.
				if w := negatedRunes(rs, n.end, d.hi); len(w) > 0 && onlyRunes(w, act) {
					return finding{key: ExplicitBan, status: Favourable, facet: "inapplicable",
						evidence: t.slice(n.start, d.hi), pos: n.start}, true
				}
			}
		}
	}
	return finding{}, false
}

// banSpan returns the runes of a clause that name what its ban forbids: from
// after the last ban word to the clause's end, or to where the cadre or a
// new event comes in (严禁公款吃喝我们还是吃了).
func banSpan(t *text, c clause) (int, int) {
	rs := t.runes
	lo := -1
	for i := c.lo; i < c.hi; i++ {
		for _, b := range banWords {
			if hasAt(rs, i, b) {
				lo = i + len(b)
				i = lo - 1
				break
			}
		}
	}
	if lo < 0 {
		// 文件不准乡镇再搞先建后批: a weaker ban word after where the ban
		// comes from (not 不得不, which is "had to").
		for i := c.lo; i < c.hi; i++ {
			for _, b := range banWeakWords {
				if hasAt(rs, i, b) && !hasAt(rs, i+len(b), []rune("不")) && anyWordIn(rs, c.lo, i, banSourceWords) {
					lo = i + len(b)
					i = lo - 1
					break
				}
			}
		}
	}
	if lo < 0 {
		return 0, 0
	}
	hi := c.hi
	for i := lo; i < c.hi; i++ {
		if rs[i] == '我' || rs[i] == '俺' || rs[i] == '咱' {
			hi = i
			break
		}
	}
	for _, tk := range t.tokens(lo, hi) {
		if tk.kind == opBreak || tk.kind == opWeak || tk.kind == opCorrect || tk.kind == opTell {
			hi = min(hi, tk.start)
		}
	}
	return lo, hi
}

// negatedRunes returns the one or two content runes a negator at pos
// governs, past the adverbs that may sit between (没有再, 没有私自).
func negatedRunes(rs []rune, pos, hi int) []rune {
	for moved := true; moved; {
		moved = false
		for _, s := range negSkipWords {
			if hasAt(rs, pos, s) && pos+len(s) < hi {
				pos += len(s)
				moved = true
			}
		}
	}
	var w []rune
	for i := pos; i < hi && len(w) < 2; i++ {
		if !isHan(rs[i]) || strings.ContainsRune(functionRunes, rs[i]) {
			break
		}
		w = append(w, rs[i])
	}
	return w
}

const functionRunes = "的了着过是在于上下中里有个一不没未无和与及或等把被将给为对向从到也都就还再又很而且所以之其此这那各每任何些吗呢吧啊呀么"

func anyKind(toks []token, kinds ...opKind) bool {
	return slices.ContainsFunc(toks, func(t token) bool { return slices.Contains(kinds, t.kind) })
}

var banWords, banWeakWords, banSourceWords, negSkipWords [][]rune
