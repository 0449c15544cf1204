package assess

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

// aggregate settles each criterion from the findings in text order. For a
// negative-list criterion the first unfavourable statement stands (one
// admission decides it, a later denial does not undo it); otherwise the
// last statement stands.
func aggregate(finds []finding) Facts {
	out := Facts{}
	for _, f := range finds {
		cur, ok := out[f.key]
		if ok && isNegative(f.key) && cur.Status == Unfavourable {
			continue
		}
		out[f.key] = Fact{Status: f.status, Evidence: f.evidence}
	}
	return out
}
