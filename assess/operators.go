package assess

import "strings"

// opKind is what a function word does to the predicates after it.
type opKind uint8

const (
	opNone    opKind = iota // a word that only looks like an operator: 不断, 无论, 没想到
	opNeg                   // negates the next predicate: 没有, 未, 并非
	opAsk                   // an interrogative: 是否, 有没有 — nothing after it is asserted
	opAskQ                  // an interrogative only inside a question: 什么, 怎么
	opHypo                  // a condition: 如果, 万一 — nothing after it in the clause is asserted
	opReport                // someone else's claim or a fear: 被举报, 担心 — the next predicate is not the cadre's fact
	opHedge                 // uncertainty: 可能, 不清楚 — the predicate it touches is not asserted
	opModal                 // obligation, promise or plan: 需要, 要求, 承诺 — not a fact yet
	opBreak                 // a new event starts: 就, 然后, 结果 — ends a negator's reach
	opWeak                  // 也, 还, 又, 都 — ends a negator's reach but may sit inside a phrase
	opCoord                 // joins items of one predicate: 、 和 或
	opAdmit                 // 这个我认了, 我承认: what was raised before is admitted
	opCorrect               // 其实, 实际上: what follows corrects what the sentence said before
	opTell                  // 我说, 我跟纪委讲: the cadre's own account of the facts
	opPostNeg               // 不足, 不到位 after a predicate: it was not done as it should be
)

// operators maps every trigger word to its kind (data/triggers.tsv).
var operators map[string]opKind

// token is one operator occurrence in a clause, in rune indexes of the text.
type token struct {
	kind       opKind
	start, end int
}

// tokenize lists the triggers among the words of a clause: a trigger
// counts only when it is a whole word.
func tokenize(rs []rune, segs [][2]int) []token {
	var out []token
	for i, sg := range segs {
		if k, ok := operators[string(rs[sg[0]:sg[1]])]; ok && k != opNone {
			// 会 after 委, 务, 组, 事 … ends a body's name (工委会, 科务会): no modal.
			if k == opModal && rs[sg[0]] == '会' && sg[1]-sg[0] == 1 && sg[0] > 0 && strings.ContainsRune("委务组事席班代", rs[sg[0]-1]) {
				continue
			}
			// 按老板的要求, 上级的安排: after 的 an obligation word is a noun,
			// the request itself, and binds nothing that follows.
			if k == opModal && sg[0] > 0 && rs[sg[0]-1] == '的' {
				continue
			}
			// 会 after 想到, 料到, 意识到 … is what was foreseen (没想到会塌), not
			// an obligation or a prediction of the cadre's own.
			if k == opModal && rs[sg[0]] == '会' && sg[1]-sg[0] == 1 && sg[0] > 1 && rs[sg[0]-1] == '到' &&
				strings.ContainsRune("想料识", rs[sg[0]-2]) {
				continue
			}
			// 逢年过节…会来家里: 会 after a frequency told is a custom, not
			// a prediction (as 都会, 总会 in the triggers).
			if k == opModal && rs[sg[0]] == '会' && sg[1]-sg[0] == 1 && anyWordIn(rs, segs[0][0], sg[0], frequencyWords) {
				continue
			}
			// 追回了大概一半, 估计三万多: a hedge right before a number
			// approximates the amount; the act is still told.
			if k == opHedge && sg[1] < len(rs) && strings.ContainsRune(numeralRunes, rs[sg[1]]) {
				continue
			}
			out = append(out, token{kind: k, start: sg[0], end: sg[1]})
			continue
		}
		// A-not-A is a question whatever the verb: 属不属于, 满不满意, 报没报.
		if i+2 < len(segs) && sg[1]-sg[0] == 1 && (rs[segs[i+1][0]] == '不' || rs[segs[i+1][0]] == '没') && segs[i+1][1]-segs[i+1][0] == 1 &&
			rs[segs[i+2][0]] == rs[sg[0]] {
			out = append(out, token{kind: opAsk, start: sg[0], end: segs[i+2][1]})
		}
	}
	return out
}

// numeralRunes start an amount.
const numeralRunes = "一二两三四五六七八九十几半百千万0123456789"

// frequencyWords tell that something happens again and again.
var frequencyWords = [][]rune{[]rune("逢年过节"), []rune("每年"), []rune("每逢"), []rune("每次"), []rune("每到"), []rune("年年"),
	[]rune("节假日"), []rune("过年过节"), []rune("平时"), []rune("经常"), []rune("往往"), []rune("一般")}
