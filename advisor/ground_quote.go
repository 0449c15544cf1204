package advisor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// Quotations are compared with the stored texts after normalising what a
// model changes without changing the words: punctuation, spaces and line
// breaks are left out, full-width digits read as ASCII. A quotation that
// matches only so is given the stored words.

// normalized is a text in the compared form, with where each of its bytes
// came from in the stored text.
type normalized struct {
	s          string
	start, end []int // per byte of s: the stored rune's start and end offsets
}

func foldRune(r rune) (rune, bool) {
	switch {
	case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r) && r != '%':
		return 0, false
	case r >= '０' && r <= '９':
		return r - '０' + '0', true
	}
	return r, true
}

func normalize(text string) normalized {
	var n normalized
	var b strings.Builder
	b.Grow(len(text))
	for i, r := range text {
		f, keep := foldRune(r)
		if !keep {
			continue
		}
		size := utf8.RuneLen(r)
		before := b.Len()
		b.WriteRune(f)
		for k := before; k < b.Len(); k++ {
			n.start = append(n.start, i)
			n.end = append(n.end, i+size)
		}
	}
	n.s = b.String()
	return n
}

// normQuote is a text in the compared form.
func normQuote(s string) string { return normalize(s).s }

// stored returns the stored text behind bytes [from, to) of n.s.
func (n normalized) stored(text string, from, to int) string {
	return text[n.start[from]:n.end[to-1]]
}

// norm returns a provision's text in the compared form, once per check.
func (g *grounding) norm(p *knowledge.Provision) normalized {
	if g.normCache == nil {
		g.normCache = map[string]normalized{}
	}
	n, ok := g.normCache[p.ID]
	if !ok {
		n = normalize(p.Text)
		g.normCache[p.ID] = n
	}
	return n
}

// span returns the stored words q quotes of p: a contiguous part of its
// text, line breaks included, with the punctuation q has at its ends.
func (g *grounding) span(p *knowledge.Provision, q string) (string, bool) {
	nq := normQuote(q)
	if nq == "" {
		return "", false
	}
	n := g.norm(p)
	at := strings.Index(n.s, nq)
	if at < 0 {
		return "", false
	}
	from, to := n.start[at], n.end[at+len(nq)-1]
	for lead := countPunct(q, false); lead > 0 && from > 0; lead-- {
		r, size := utf8.DecodeLastRuneInString(p.Text[:from])
		if !unicode.IsPunct(r) {
			break
		}
		from -= size
	}
	for trail := countPunct(q, true); trail > 0 && to < len(p.Text); trail-- {
		r, size := utf8.DecodeRuneInString(p.Text[to:])
		if !unicode.IsPunct(r) {
			break
		}
		to += size
	}
	return p.Text[from:to], true
}

// countPunct counts the punctuation marks at the start (or end) of s.
func countPunct(s string, end bool) int {
	rs := []rune(s)
	n := 0
	for i := range rs {
		r := rs[i]
		if end {
			r = rs[len(rs)-1-i]
		}
		if !unicode.IsPunct(r) {
			break
		}
		n++
	}
	return n
}

var ellipses = strings.NewReplacer("……", "\x00", "…", "\x00", "...", "\x00", "⋯⋯", "\x00", "⋯", "\x00")

// elided reads a quotation that joins parts of p with an ellipsis: each
// part must be a contiguous part of p, in order. It returns the stored
// words of each part.
func (g *grounding) elided(p *knowledge.Provision, q string) ([]string, bool) {
	raw := strings.Split(ellipses.Replace(q), "\x00")
	if len(raw) < 2 {
		return nil, false
	}
	n := g.norm(p)
	var spans []string
	pos := 0
	for _, part := range raw {
		np := normQuote(part)
		if np == "" {
			continue
		}
		at := strings.Index(n.s[pos:], np)
		if at < 0 {
			return nil, false
		}
		at += pos
		spans = append(spans, n.stored(p.Text, at, at+len(np)))
		pos = at + len(np)
	}
	return spans, len(spans) >= 2
}

// minStitch is the shortest piece, in runes, that counts as words taken from
// a passage when a quotation is read as pieces of several.
const minStitch = 4

// stitched reports a quotation made of pieces of the passages (or of one
// passage, out of order or with words left out in between): each piece real,
// the whole not.
func (g *grounding) stitched(nq string) bool {
	texts := make([]string, 0, len(g.provs))
	for _, m := range sortedMarkers(g.provs) {
		texts = append(texts, g.norm(g.provs[m]).s)
	}
	rs := []rune(nq)
	pieces := 0
	for i := 0; i < len(rs); {
		best := 0
		for _, t := range texts {
			// If a piece is in t, so is every shorter one from the same
			// start: the longest is found by bisection.
			lo, hi := best, len(rs)-i
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if strings.Contains(t, string(rs[i:i+mid])) {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			best = lo
		}
		if best < minStitch {
			return false
		}
		pieces++
		i += best
	}
	return pieces >= 2
}

// ruleWords are words that make a short quotation read as a rule's wording
// (“一律免责”), which must then come from somewhere.
var ruleWords = []string{"一律", "凡是", "均可", "一概", "免责", "免予", "免于", "不予", "从轻", "减轻", "追究", "问责", "处分", "容错", "应当", "不得", "可以"}

func (g *grounding) looksLikeRule(nq string) bool {
	for _, w := range ruleWords {
		if strings.Contains(nq, w) {
			return true
		}
	}
	return false
}

// isTerm reports a domain term of the knowledge base (容错免责, 三个区分开来).
func (g *grounding) isTerm(nq string) bool {
	for _, t := range g.terms {
		if t == nq {
			return true
		}
	}
	return false
}
