package advisor

import (
	"log/slog"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// A model's answer is checked before anyone sees it:
//
//   - a passage marker ([P3], [C2]) that was not supplied is removed;
//   - a quotation presented as a provision's wording must be an exact,
//     contiguous part of that provision's stored text, or it is removed; a
//     quotation of a provision whose wording is not verified is kept only
//     when exact and is marked 条文原文待核对;
//   - a 《document》第N条 that the knowledge base does not hold is removed and
//     logged, with any quotation attributed to it.
//
// A quotation belongs to the provision named last before it in the same
// sentence, or else the first one named after it in that sentence, or else,
// for a list under a line ending in a colon, the provision named on that
// line. Quotations of the cadre's own words are left alone; so are short
// quoted terms (“三个区分开来”). A long quotation tied to nothing must still
// match some passage the model was given, or it is removed.
//
// Valid markers are then taken out of the text the user sees: where the
// sentence does not already name the provision or case, the marker becomes
// its name in brackets.

// Replacement texts of what the check removes.
const (
	removedQuote   = "〔引文与条文原文不符，已删去〕"
	removedArticle = "〔所引条文不在知识库中，已删去〕"
	unverifiedNote = "（条文原文待核对）"
)

// maxFreeQuote is the longest quotation in runes that may stand without a
// source: a term or a short phrase rather than a provision's wording.
const maxFreeQuote = 15

var (
	markerRe  = regexp.MustCompile(`[\[【［]\s*([PpCc])\s*(\d{1,3})\s*[\]】］]`)
	numeral   = `第[零〇一二两三四五六七八九十百千0-9０-９]+条(?:之[一二三四五六七八九十]+)?`
	articleRe = regexp.MustCompile(`《([^《》\n]{1,60})》\s*(` + numeral + `(?:\s*(?:、|，|,|和|及|以及|与|至)\s*` + numeral + `)*)`)
	numeralRe = regexp.MustCompile(numeral)
)

// grounding checks answers against one reading's passages and the whole
// knowledge base.
type grounding struct {
	names    map[string][]*knowledge.Document // normalised title or short name
	provs    map[string]*knowledge.Provision  // "P1" -> provision
	cases    map[string]*knowledge.Case       // "C1" -> case
	caseText string                           // the cadre's words, flattened
	log      *slog.Logger
}

// docNames indexes documents by every name an answer may use for them.
func docNames(kb *knowledge.KB) map[string][]*knowledge.Document {
	out := map[string][]*knowledge.Document{}
	add := func(name string, d *knowledge.Document) {
		name = normName(name)
		if name == "" {
			return
		}
		for _, x := range out[name] {
			if x == d {
				return
			}
		}
		out[name] = append(out[name], d)
	}
	for _, d := range kb.Documents {
		for _, n := range []string{d.Title, d.Short} {
			add(n, d)
			add(strings.TrimPrefix(n, "中华人民共和国"), d)
			add("中华人民共和国"+n, d)
		}
	}
	return out
}

func normName(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\u3000', '\t', '《', '》':
			return -1
		}
		return r
	}, s)
}

// groundResult is the checked answer and what the check found.
type groundResult struct {
	Text           string
	Provisions     []*knowledge.Provision // cited, in order of first citation
	Quotes         map[string]string      // provision id -> first exact quotation of it
	Cases          []*knowledge.Case      // cited, in order
	QuotesChecked  int                    // quotations matched to a provision's text
	Unverified     int                    // of those, quotations of unverified wording (marked)
	RemovedMarkers []string
	// MismatchedMarkers follow a named article they do not stand for; they
	// are dropped and the name stands.
	MismatchedMarkers []string
	RemovedQuotes     int
	RemovedArticles   []string
}

// Summary is the check's outcome for the usage record, e.g.
// "quotes=2 removed_markers=P9 removed_quotes=1 removed_articles=1".
func (g groundResult) Summary() string {
	parts := []string{"quotes=" + strconv.Itoa(g.QuotesChecked)}
	if g.Unverified > 0 {
		parts = append(parts, "unverified_quotes="+strconv.Itoa(g.Unverified))
	}
	if len(g.RemovedMarkers) > 0 {
		parts = append(parts, "removed_markers="+strings.Join(g.RemovedMarkers, ","))
	}
	if len(g.MismatchedMarkers) > 0 {
		parts = append(parts, "mismatched_markers="+strings.Join(g.MismatchedMarkers, ","))
	}
	if g.RemovedQuotes > 0 {
		parts = append(parts, "removed_quotes="+strconv.Itoa(g.RemovedQuotes))
	}
	if len(g.RemovedArticles) > 0 {
		parts = append(parts, "removed_articles="+strconv.Itoa(len(g.RemovedArticles)))
	}
	return strings.Join(parts, " ")
}

// token is one thing found on a line, in order of position.
type token struct {
	kind       int // tokMarker, tokArticle, tokQuote, tokEnd
	start, end int // byte offsets in the line
	// markers
	marker string
	// articles
	provs   []*knowledge.Provision // resolved articles; nil entries were not found
	labels  []string
	docName string
	// quotes
	inner string
}

const (
	tokMarker = iota
	tokArticle
	tokQuote
	tokEnd // end of a sentence
)

type edit struct {
	start, end int
	text       string
}

// ref is what a quotation can be attributed to.
type ref struct {
	p       *knowledge.Provision
	removed bool // a reference the check removed: its quotations go too
}

func (g *grounding) check(text string) groundResult {
	res := groundResult{Quotes: map[string]string{}}
	seenP := map[string]bool{}
	seenC := map[string]bool{}
	cite := func(p *knowledge.Provision) {
		if p != nil && !seenP[p.ID] {
			seenP[p.ID] = true
			res.Provisions = append(res.Provisions, p)
		}
	}
	text = markerRe.ReplaceAllStringFunc(text, func(m string) string {
		s := markerRe.FindStringSubmatch(m)
		return "[" + strings.ToUpper(s[1]) + s[2] + "]"
	})
	lines := strings.Split(text, "\n")
	var carry *ref // the provision named on a line ending in a colon
	for li, line := range lines {
		toks := g.tokens(line)
		var edits []edit
		var cur *ref // last reference in the current sentence
		sentStart := 0
		for i, t := range toks {
			switch t.kind {
			case tokEnd:
				cur, sentStart = nil, t.end
			case tokMarker:
				if i > 0 && toks[i-1].kind == tokArticle && strings.TrimSpace(line[toks[i-1].end:t.start]) == "" {
					// The reference just before names the rule; a marker that
					// contradicts it is the model's slip, and the name wins.
					if p, ok := g.provs[t.marker]; !ok || !slices.Contains(toks[i-1].provs, p) {
						res.MismatchedMarkers = append(res.MismatchedMarkers, t.marker)
					}
					edits = append(edits, edit{t.start, t.end, ""})
					continue
				}
				if p, ok := g.provs[t.marker]; ok {
					cite(p)
					cur = &ref{p: p}
					edits = append(edits, edit{t.start, t.end, g.markerText(line[sentStart:t.start], p)})
				} else if c, ok := g.cases[t.marker]; ok {
					if !seenC[c.ID] {
						seenC[c.ID] = true
						res.Cases = append(res.Cases, c)
					}
					edits = append(edits, edit{t.start, t.end, caseMarkerText(line[sentStart:t.start], c)})
				} else {
					res.RemovedMarkers = append(res.RemovedMarkers, t.marker)
					edits = append(edits, edit{t.start, t.end, ""})
				}
			case tokArticle:
				var kept []string
				var last *knowledge.Provision
				for j, p := range t.provs {
					if p == nil {
						continue
					}
					cite(p)
					kept = append(kept, t.labels[j])
					last = p
				}
				switch {
				case len(kept) == len(t.provs):
					cur = &ref{p: last}
				case len(kept) == 0:
					res.RemovedArticles = append(res.RemovedArticles, line[t.start:t.end])
					g.log.Warn("advisor: model answer cited an article not in the knowledge base; removed", "reference", line[t.start:t.end])
					edits = append(edits, edit{t.start, t.end, removedArticle})
					cur = &ref{removed: true}
				default:
					// Keep the articles that exist, drop the others.
					for j, p := range t.provs {
						if p == nil {
							ref := "《" + t.docName + "》" + t.labels[j]
							res.RemovedArticles = append(res.RemovedArticles, ref)
							g.log.Warn("advisor: model answer cited an article not in the knowledge base; removed", "reference", ref)
						}
					}
					edits = append(edits, edit{t.start, t.end, "《" + t.docName + "》" + strings.Join(kept, "、")})
					cur = &ref{p: last}
				}
			case tokQuote:
				owner := cur
				if owner == nil {
					owner = g.following(toks[i+1:])
				}
				if owner == nil {
					owner = carry
				}
				if e, ok := g.checkQuote(t, owner, &res, cite); ok {
					edits = append(edits, e...)
				}
			}
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasSuffix(trimmed, "：") || strings.HasSuffix(trimmed, ":"):
			carry = cur // the list below quotes what this line names
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "（"):
			// an item of that list: keep the carried provision
		default:
			carry = nil
		}
		lines[li] = applyEdits(line, edits)
	}
	res.Text = tidyAnswer(strings.Join(lines, "\n"))
	return res
}

// following is the first reference after a quotation in its sentence.
func (g *grounding) following(rest []token) *ref {
	for _, t := range rest {
		switch t.kind {
		case tokEnd:
			return nil
		case tokMarker:
			if p, ok := g.provs[t.marker]; ok {
				return &ref{p: p}
			}
		case tokArticle:
			for _, p := range t.provs {
				if p == nil {
					return &ref{removed: true}
				}
			}
			return &ref{p: t.provs[0]}
		}
	}
	return nil
}

// checkQuote returns the edits a quotation needs: none when it is exact,
// a note when it quotes unverified wording, its removal when it does not
// match.
func (g *grounding) checkQuote(t token, owner *ref, res *groundResult, cite func(*knowledge.Provision)) ([]edit, bool) {
	q := quoteCore(t.inner)
	if q == "" || strings.Contains(g.caseText, flat(q)) {
		return nil, false // the cadre's own words, or nothing
	}
	remove := []edit{{t.start, t.end, removedQuote}}
	matched := func(p *knowledge.Provision) ([]edit, bool) {
		res.QuotesChecked++
		if _, ok := res.Quotes[p.ID]; !ok {
			res.Quotes[p.ID] = storedSpan(p.Text, q)
		}
		cite(p)
		if !p.Verified {
			res.Unverified++
			return []edit{{t.end, t.end, unverifiedNote}}, true
		}
		return nil, false
	}
	switch {
	case owner != nil && owner.removed:
		res.RemovedQuotes++
		return remove, true
	case owner != nil:
		if strings.Contains(flat(owner.p.Text), q) {
			return matched(owner.p)
		}
		res.RemovedQuotes++
		return remove, true
	}
	if utf8.RuneCountInString(q) <= maxFreeQuote {
		return nil, false
	}
	for _, m := range sortedMarkers(g.provs) {
		if p := g.provs[m]; strings.Contains(flat(p.Text), q) {
			return matched(p)
		}
	}
	for _, c := range g.cases {
		if strings.Contains(flat(c.Facts+c.Handling+c.Reasons+c.Title), q) {
			return nil, false
		}
	}
	res.RemovedQuotes++
	return remove, true
}

// quoteCore is a quotation without markers and without the punctuation and
// spaces at its ends, which the model may add or drop around exact words.
func quoteCore(s string) string {
	s = markerRe.ReplaceAllString(s, "")
	return strings.TrimFunc(s, func(r rune) bool {
		return strings.ContainsRune(" \u3000\t。；，、：:;,.！？!?…", r)
	})
}

// flat joins a text's paragraphs, as a one-line quotation may run across them.
func flat(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r", ""), "\n", "") }

// storedSpan returns the part of text that q, a part of flat(text), quotes,
// line breaks included: a citation's quote is a contiguous part of the
// stored text, even when the model quoted across paragraphs on one line.
func storedSpan(text, q string) string {
	if q == "" || strings.Contains(text, q) {
		return q
	}
	at := strings.Index(flat(text), q)
	if at < 0 {
		return q
	}
	// Line breaks are single bytes that never occur inside a multi-byte
	// rune, so flat's byte n is text's n-th byte that is not one.
	start, n := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' || text[i] == '\r' {
			continue
		}
		if n == at {
			start = i
		}
		if n == at+len(q)-1 {
			return text[start : i+1]
		}
		n++
	}
	return q
}

func sortedMarkers[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, _ := strconv.Atoi(keys[i][1:])
		b, _ := strconv.Atoi(keys[j][1:])
		return a < b
	})
	return keys
}

// markerText is what a valid provision marker becomes: nothing when the
// sentence so far already names the article, else the name in brackets.
func (g *grounding) markerText(before string, p *knowledge.Provision) string {
	if strings.Contains(before, p.Article) {
		return ""
	}
	name := docTitle(p)
	if p.Doc != nil && p.Doc.Short != "" {
		name = p.Doc.Short
	}
	if p.Number == 0 && !strings.HasPrefix(p.Article, "第") {
		return "（见《" + name + "》）" // a section: its heading is too long to repeat
	}
	return "（《" + name + "》" + p.Article + "）"
}

// caseMarkerText is what a valid case marker becomes.
func caseMarkerText(before string, c *knowledge.Case) string {
	if c.Title != "" && strings.Contains(before, c.Title) {
		return ""
	}
	// Any two characters of the place (淮安 of 江苏淮安清江浦区) name it.
	region := []rune(c.Region)
	for i := 0; i+2 <= len(region); i++ {
		if strings.Contains(before, string(region[i:i+2])) {
			return ""
		}
	}
	name := c.Region
	if c.Year != "" {
		name += "（" + c.Year + "）"
	}
	switch {
	case c.Illustrative && strings.Contains(name, "示例"):
		return "（" + name + "）"
	case c.Illustrative:
		return "（示例：" + name + "）"
	}
	return "（案例：" + name + "）"
}
