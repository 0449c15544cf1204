package advisor

import (
	"sort"
	"strings"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// Reading an answer for the grounding check: markers, 《document》第N条
// references, quotations and sentence ends, in order of position.

// tokens finds the markers, article references, quotations and sentence
// ends of a line, in order.
func (g *grounding) tokens(line string) []token {
	var toks []token
	for _, m := range markerRe.FindAllStringSubmatchIndex(line, -1) {
		toks = append(toks, token{kind: tokMarker, start: m[0], end: m[1], marker: line[m[0]:m[1]][1 : m[1]-m[0]-1]})
	}
	for _, m := range articleRe.FindAllStringSubmatchIndex(line, -1) {
		toks = append(toks, g.article(line, m))
	}
	quotes, ends := quotesAndEnds(line)
	toks = append(toks, quotes...)
	toks = append(toks, ends...)
	sort.SliceStable(toks, func(i, j int) bool { return toks[i].start < toks[j].start })
	return toks
}

// article resolves a 《document》第N条(、第M条…) reference.
func (g *grounding) article(line string, m []int) token {
	t := token{kind: tokArticle, start: m[0], end: m[1], docName: line[m[2]:m[3]]}
	docs := g.names[normName(t.docName)]
	for _, label := range numeralRe.FindAllString(line[m[4]:m[5]], -1) {
		t.labels = append(t.labels, label)
		t.provs = append(t.provs, findArticle(docs, label))
		t.alts = append(t.alts, allArticles(docs, label))
	}
	return t
}

// allArticles returns the article of every document with the label: every
// version of a law.
func allArticles(docs []*knowledge.Document, label string) []*knowledge.Provision {
	n, sub, ok := parseArticle(label)
	if !ok {
		return nil
	}
	var out []*knowledge.Provision
	for _, d := range docs {
		for _, p := range d.Provisions {
			if p.Number == n && p.Sub == sub {
				out = append(out, p)
			}
		}
	}
	return out
}

// findArticle returns the article of the documents with the label, current
// documents first, or nil.
func findArticle(docs []*knowledge.Document, label string) *knowledge.Provision {
	n, sub, ok := parseArticle(label)
	if !ok {
		return nil
	}
	var found *knowledge.Provision
	for _, d := range docs {
		for _, p := range d.Provisions {
			if p.Number == n && p.Sub == sub {
				if d.Status == knowledge.StatusCurrent {
					return p
				}
				if found == nil {
					found = p
				}
			}
		}
	}
	return found
}

// parseArticle reads 第十七条 / 第17条 / 第十七条之一.
func parseArticle(label string) (n, sub int, ok bool) {
	s := strings.TrimPrefix(label, "第")
	num, rest, found := strings.Cut(s, "条")
	if !found {
		return 0, 0, false
	}
	n, ok = knowledge.ParseNumeral(num)
	if !ok {
		return 0, 0, false
	}
	if after, has := strings.CutPrefix(rest, "之"); has {
		if sub, ok = knowledge.ParseNumeral(after); !ok {
			return 0, 0, false
		}
	}
	return n, sub, true
}

// quotesAndEnds finds quotations (“…”, 「…」, "…") and the sentence ends
// outside them.
func quotesAndEnds(line string) (quotes, ends []token) {
	var open rune
	start := 0
	for i, r := range line {
		size := utf8.RuneLen(r)
		switch {
		case open == 0 && (r == '“' || r == '「' || r == '"'):
			open, start = r, i
		case open == '“' && r == '”', open == '「' && r == '」', open == '"' && r == '"':
			quotes = append(quotes, token{kind: tokQuote, start: start, end: i + size, inner: line[start+utf8.RuneLen(open) : i]})
			open = 0
		case open == 0 && strings.ContainsRune("。！？!?；;", r):
			ends = append(ends, token{kind: tokEnd, start: i, end: i + size})
		}
	}
	return quotes, ends
}

// applyEdits applies non-overlapping edits in order; an edit inside one
// already applied (a marker inside a removed quotation) is dropped.
func applyEdits(line string, edits []edit) string {
	if len(edits) == 0 {
		return line
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var b strings.Builder
	pos := 0
	for _, e := range edits {
		if e.start < pos {
			continue
		}
		b.WriteString(line[pos:e.start])
		b.WriteString(e.text)
		pos = e.end
	}
	b.WriteString(line[pos:])
	return b.String()
}

// tidyAnswer trims trailing spaces and runs of blank lines.
func tidyAnswer(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", ""), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if blank++; blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
