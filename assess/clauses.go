package assess

import "strings"

// clause is a stretch of text between punctuation or a turn (但, 却, 而是):
// the unit within which negation and markers reach.
type clause struct {
	lo, hi   int  // rune range of the content
	sentence int  // clauses of one sentence share it
	question bool // ends in ? or a question particle
	turned   bool // starts after 但 / 却 / 而是 …
}

// turnWords end a clause: what follows is asserted on its own, so in 不是 X
// 而是 Y the negation stops before Y.
var turnWords = [][]rune{[]rune("但是"), []rune("可是"), []rune("然而"), []rune("而是"), []rune("不过"),
	[]rune("但"), []rune("却")}

// notTurn are words that start like a turn word but are not one.
var notTurn = [][]rune{[]rune("不过问"), []rune("但凡"), []rune("不过分")}

// notTurnBefore are words whose second character is 却: 冷却, 推却 …
var notTurnBefore = map[rune]bool{'冷': true, '忘': true, '推': true, '退': true, '了': true}

func splitClauses(rs []rune) []clause {
	var out []clause
	sentence, start := 0, 0
	turned := false
	emit := func(lo, hi int, term rune) {
		out = append(out, clause{lo: lo, hi: hi, sentence: sentence, question: isQuestion(rs, lo, hi, term), turned: turned})
		turned = false
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isTerminator(rs, i) {
			emit(start, i, r)
			start = i + 1
			if r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' {
				sentence++
			}
			continue
		}
		if n := turnAt(rs, i); n > 0 {
			emit(start, i, 0)
			turned = true
			start = i + n
			i += n - 1
		}
	}
	emit(start, len(rs), 0)
	return splitRunOn(rs, out)
}

// runOnLen is the length past which a clause without punctuation is read as
// dictated speech (voice input writes no commas) and split where a new event
// is told: before 当时, 后来, 第二天, 现在 (context.tsv runon).
const runOnLen = 30

// splitRunOn splits each clause longer than runOnLen before the words of
// time and sequence that open a new event, so that a question at one end
// (我想问下能不能容错就是上个月发大水…) does not reach every fact told.
// The parts stay in one sentence.
func splitRunOn(rs []rune, cs []clause) []clause {
	long := false
	for _, c := range cs {
		long = long || c.hi-c.lo > runOnLen
	}
	if !long {
		return cs
	}
	out := make([]clause, 0, len(cs)+4)
	for _, c := range cs {
		if c.hi-c.lo <= runOnLen {
			out = append(out, c)
			continue
		}
		lo := c.lo
		for i := c.lo + 6; i < c.hi-4; i++ {
			if i-lo < 6 || !runOnBreak(rs, i) {
				continue
			}
			out = append(out, clause{lo: lo, hi: i, sentence: c.sentence, question: isQuestion(rs, lo, i, 0), turned: lo == c.lo && c.turned})
			lo = i
		}
		out = append(out, clause{lo: lo, hi: c.hi, sentence: c.sentence, question: c.question, turned: lo == c.lo && c.turned})
	}
	return out
}

// runOnBreak reports a word of time or sequence at i that opens an event
// (not the end of another word: 体现在, 表现在).
func runOnBreak(rs []rune, i int) bool {
	for _, w := range runOnWords {
		if hasAt(rs, i, w) {
			return !(w[0] == '现' && strings.ContainsRune("体表实出发", rs[i-1]))
		}
	}
	return false
}

func isTerminator(rs []rune, i int) bool {
	switch rs[i] {
	case ',', ';', '!', '?', ':', '\n':
		return true
	case '.':
		// 1.5万元 keeps its decimal point.
		return !(i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]))
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func turnAt(rs []rune, i int) int {
	for _, w := range notTurn {
		if hasAt(rs, i, w) {
			return 0
		}
	}
	for _, w := range turnWords {
		if !hasAt(rs, i, w) {
			continue
		}
		if w[0] == '却' && i > 0 && notTurnBefore[rs[i-1]] {
			return 0
		}
		// 不过 after a verb is a complement (推不过, 说不过), not "but":
		// as "but" it opens its clause.
		if string(w) == "不过" && i > 0 && !isTerminator(rs, i-1) && rs[i-1] != '只' && rs[i-1] != ' ' {
			return 0
		}
		return len(w)
	}
	return 0
}

// isQuestion: a clause ending in ? or in 吗 / 呢 / 嘛 / 么 (but not 什么, 怎么 …),
// or in 吧 after 算 or 属于.
func isQuestion(rs []rune, lo, hi int, term rune) bool {
	if term == '?' {
		return true
	}
	for hi > lo && isQuote(rs[hi-1]) {
		hi--
	}
	if hi <= lo {
		return false
	}
	// 这会不会算我保管失职, 算不算违规 (typed without a question mark): an
	// A-not-A of a verb of judging asks.
	for i := lo; i+2 < hi; i++ {
		if rs[i+1] == '不' && rs[i] == rs[i+2] && strings.ContainsRune("会算是属", rs[i]) {
			return true
		}
	}
	switch rs[hi-1] {
	case '吗', '呢', '嘛':
		return true
	case '吧':
		// 算集体决定吧, 应该属于临机处置吧: a classification offered for
		// confirmation is asked, not asserted.
		for i := lo; i+1 < hi; i++ {
			if rs[i] == '算' || rs[i] == '属' && rs[i+1] == '于' {
				return true
			}
		}
		return false
	case '么':
		if hi-2 >= lo {
			switch rs[hi-2] {
			case '什', '怎', '那', '这', '多', '要':
				return false
			}
		}
		return true
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '(', ')', '（', '）', '【', '】', '《', '》', '[', ']', '<', '>', '-', '—', '~', '～', '.', '·':
		return true
	}
	return false
}
