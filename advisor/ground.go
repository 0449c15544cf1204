package advisor

import (
	"log/slog"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"rongcuo/assess"
	"rongcuo/knowledge"
)

// A model's answer is checked before anyone sees it:
//
//   - a passage marker ([P3], [C2]) that was not supplied is removed;
//   - a quotation presented as a provision's wording must be a contiguous
//     part of that provision's stored text once punctuation and spaces are
//     set aside, or it is removed; one that matches only so is given the
//     stored words, and one joined by an ellipsis from parts of its
//     provision is quoted part by part; a quotation of a provision whose
//     wording is not verified is marked 条文原文待核对;
//   - a quotation pieced together from several passages is removed;
//   - a 《document》第N条 that the knowledge base does not hold is removed and
//     logged, with any quotation attributed to it;
//   - a sentence deciding the case (可以直接免责, 一定会被处分) is replaced by
//     the verdict's wording (ground_decision.go).
//
// A quotation belongs to the passage of a marker right after it (“…”[P1],
// also across the sentence end), else to the provision named last before
// it in the same sentence, else the first one named after it in that
// sentence, else, for a list under a line ending in a colon, the provision
// named on that line. Quotations of the cadre's own words are left alone;
// so are short quoted terms (“三个区分开来”) unless they read as a rule
// (一律免责) that nothing supplied says. A long quotation tied to nothing
// must still match some passage the model was given, or it is removed.
//
// Valid markers are then taken out of the text the user sees: where the
// sentence does not already name the provision or case, the marker becomes
// its name in brackets. A marker that attributes a removed quotation is
// dropped instead: it must not lend an invented rule a real article's name.

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
	caseText string                           // the cadre's words
	terms    []string                         // domain terms a short quotation may be
	verdict  assess.Verdict                   // the rules' verdict; "" outside assessments
	log      *slog.Logger

	caseNorm  *string
	normCache map[string]normalized
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
	// DroppedMarkers attributed a quotation the check removed: they are
	// not turned into the name of a real rule.
	DroppedMarkers  []string
	RemovedQuotes   int
	StitchedQuotes  int // of the removed quotations, those pieced together from passages
	RemovedArticles []string
	// Decisions are the model's sentences deciding the case, replaced by
	// the verdict's wording.
	Decisions []string
}

// Summary is the check's outcome for the usage record, e.g.
// "quotes=2 removed_markers=P9 removed_quotes=1 dropped_markers=P1
// removed_articles=1 replaced_decisions=1": every removal is counted.
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
	if len(g.DroppedMarkers) > 0 {
		parts = append(parts, "dropped_markers="+strings.Join(g.DroppedMarkers, ","))
	}
	if g.StitchedQuotes > 0 {
		parts = append(parts, "stitched_quotes="+strconv.Itoa(g.StitchedQuotes))
	}
	if len(g.RemovedArticles) > 0 {
		parts = append(parts, "removed_articles="+strconv.Itoa(len(g.RemovedArticles)))
	}
	if len(g.Decisions) > 0 {
		parts = append(parts, "replaced_decisions="+strconv.Itoa(len(g.Decisions)))
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
	provs   []*knowledge.Provision   // resolved articles; nil entries were not found
	alts    [][]*knowledge.Provision // per label, the article in every version of the document
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
	marker  int  // the token index of the marker that names it; -1 for a named article
}

// pendingCite is a provision cited at a position of a line: markers are
// settled after the quotations they attribute, yet the answer cites in order
// of position.
type pendingCite struct {
	pos int
	p   *knowledge.Provision
}

func (g *grounding) check(text string) groundResult {
	res := groundResult{Quotes: map[string]string{}}
	seenP := map[string]bool{}
	seenC := map[string]bool{}
	text = markerRe.ReplaceAllStringFunc(text, func(m string) string {
		s := markerRe.FindStringSubmatch(m)
		return "[" + strings.ToUpper(s[1]) + s[2] + "]"
	})
	lines := strings.Split(text, "\n")
	var carry *ref // the provision named on a line ending in a colon
	for li, line := range lines {
		toks := g.tokens(line)
		g.versionsByMarker(line, toks)
		var edits []edit
		var cites []pendingCite
		cite := func(pos int, p *knowledge.Provision) {
			if p != nil {
				cites = append(cites, pendingCite{pos, p})
			}
		}
		var cur *ref           // last reference in the current sentence
		drop := map[int]bool{} // markers that attribute a quotation the check removed
		sentStarts := make([]int, len(toks))
		sentStart := 0
		for i, t := range toks {
			sentStarts[i] = sentStart
			switch t.kind {
			case tokEnd:
				cur, sentStart = nil, t.end
			case tokMarker:
				if afterArticle(line, toks, i) {
					continue // settled with the markers below
				}
				if p, ok := g.provs[t.marker]; ok {
					cur = &ref{p: p, marker: i}
				}
			case tokArticle:
				var kept []string
				var last *knowledge.Provision
				for j, p := range t.provs {
					if p == nil {
						continue
					}
					cite(t.start, p)
					kept = append(kept, t.labels[j])
					last = p
				}
				switch {
				case len(kept) == len(t.provs):
					cur = &ref{p: last, marker: -1}
				case len(kept) == 0:
					res.RemovedArticles = append(res.RemovedArticles, line[t.start:t.end])
					g.log.Warn("advisor: model answer cited an article not in the knowledge base; removed", "reference", line[t.start:t.end])
					edits = append(edits, edit{t.start, t.end, removedArticle})
					cur = &ref{removed: true, marker: -1}
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
					cur = &ref{p: last, marker: -1}
				}
			case tokQuote:
				owner, via := g.owner(line, toks, i, cur, carry)
				e, removed := g.checkQuote(t, owner, &res, func(p *knowledge.Provision) { cite(t.start, p) })
				edits = append(edits, e...)
				if removed {
					// A marker must not lend a removed quotation the name of
					// a real rule.
					for _, m := range via {
						drop[m] = true
					}
				}
			}
		}
		// Markers, now that the quotations they attribute are settled.
		for i, t := range toks {
			if t.kind != tokMarker {
				continue
			}
			if afterArticle(line, toks, i) {
				// The reference just before names the rule; a marker that
				// contradicts it is the model's slip, and the name wins.
				if p, ok := g.provs[t.marker]; !ok || !slices.Contains(toks[i-1].provs, p) {
					res.MismatchedMarkers = append(res.MismatchedMarkers, t.marker)
				}
				edits = append(edits, edit{t.start, t.end, ""})
				continue
			}
			if drop[i] {
				res.DroppedMarkers = append(res.DroppedMarkers, t.marker)
				edits = append(edits, edit{t.start, t.end, ""})
				continue
			}
			if p, ok := g.provs[t.marker]; ok {
				cite(t.start, p)
				edits = append(edits, edit{t.start, t.end, g.markerText(line[sentStarts[i]:t.start], p)})
			} else if c, ok := g.cases[t.marker]; ok {
				if !seenC[c.ID] {
					seenC[c.ID] = true
					res.Cases = append(res.Cases, c)
				}
				edits = append(edits, edit{t.start, t.end, caseMarkerText(line[sentStarts[i]:t.start], c)})
			} else {
				res.RemovedMarkers = append(res.RemovedMarkers, t.marker)
				edits = append(edits, edit{t.start, t.end, ""})
			}
		}
		sort.SliceStable(cites, func(a, b int) bool { return cites[a].pos < cites[b].pos })
		for _, c := range cites {
			if !seenP[c.p.ID] {
				seenP[c.p.ID] = true
				res.Provisions = append(res.Provisions, c.p)
			}
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasSuffix(trimmed, "：") || strings.HasSuffix(trimmed, ":"):
			carry = cur // the list below quotes what this line names
			if carry != nil {
				carry = &ref{p: carry.p, removed: carry.removed, marker: -1} // a marker of another line is not this line's
			}
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "（"):
			// an item of that list: keep the carried provision
		default:
			carry = nil
		}
		lines[li] = applyEdits(line, edits)
	}
	res.Text = g.replaceDecisions(tidyAnswer(strings.Join(lines, "\n")), &res)
	return res
}

// versionsByMarker settles which version a named article is when the
// marker right after it stands for one of them: 《监察法》第四十九条[P2] is the
// 2018 text the model was given, not the article numbered so today.
func (g *grounding) versionsByMarker(line string, toks []token) {
	for i, t := range toks {
		if t.kind != tokMarker || !afterArticle(line, toks, i) {
			continue
		}
		p, ok := g.provs[t.marker]
		if !ok {
			continue
		}
		art := &toks[i-1]
		for j, alts := range art.alts {
			if slices.Contains(alts, p) {
				art.provs[j] = p
			}
		}
	}
}

// afterArticle reports a marker right after a 《document》第N条 reference.
func afterArticle(line string, toks []token, i int) bool {
	return i > 0 && toks[i-1].kind == tokArticle && strings.TrimSpace(line[toks[i-1].end:toks[i].start]) == ""
}

// owner is what a quotation is attributed to, and the markers that make the
// attribution: a marker right after it (across the sentence end: “…”。[P1]),
// else the reference before it in its sentence, else the first one after it
// in its sentence, else the provision the line above a list names.
func (g *grounding) owner(line string, toks []token, i int, cur, carry *ref) (*ref, []int) {
	if j := adjacentMarker(line, toks, i); j >= 0 {
		if p, ok := g.provs[toks[j].marker]; ok {
			via := []int{j}
			if cur != nil && cur.marker >= 0 {
				via = append(via, cur.marker)
			}
			if cur != nil && cur.marker < 0 {
				// A named article before the quotation is what the reader
				// sees; the marker after it only repeats or contradicts it.
				return cur, via
			}
			return &ref{p: p, marker: j}, via
		}
	}
	if cur != nil {
		if cur.marker >= 0 {
			return cur, []int{cur.marker}
		}
		return cur, nil
	}
	if r, j := g.following(toks, i+1); r != nil {
		if j >= 0 {
			return r, []int{j}
		}
		return r, nil
	}
	return carry, nil
}

// adjacentMarker is the index of a marker that follows quotation i with
// nothing but spaces and punctuation between them, or -1.
func adjacentMarker(line string, toks []token, i int) int {
	end := toks[i].end
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		switch {
		case t.start < end && t.kind == tokMarker:
			return j // inside the quotation: “…[P1]”
		case t.start < end, t.kind == tokEnd:
			continue
		case t.kind == tokMarker && onlyPunct(line[end:t.start]):
			return j
		}
		return -1
	}
	return -1
}

func onlyPunct(s string) bool {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	}) == ""
}

// following is the first reference after token from in its sentence, and
// the index of its marker (-1 for a named article).
func (g *grounding) following(toks []token, from int) (*ref, int) {
	for j := from; j < len(toks); j++ {
		t := toks[j]
		switch t.kind {
		case tokEnd:
			return nil, -1
		case tokMarker:
			if p, ok := g.provs[t.marker]; ok {
				return &ref{p: p, marker: j}, j
			}
		case tokArticle:
			for _, p := range t.provs {
				if p == nil {
					return &ref{removed: true, marker: -1}, -1
				}
			}
			return &ref{p: t.provs[0], marker: -1}, -1
		}
	}
	return nil, -1
}

// checkQuote returns the edits a quotation needs (none when it is exact, a
// note when it quotes unverified wording, its parts quoted one by one when it
// joins parts of its passage with an ellipsis, its removal when it does not
// match) and whether it was removed.
func (g *grounding) checkQuote(t token, owner *ref, res *groundResult, cite func(*knowledge.Provision)) ([]edit, bool) {
	q := quoteCore(t.inner)
	if q == "" || strings.Contains(g.cadre(), normQuote(q)) {
		return nil, false // the cadre's own words, or nothing
	}
	nq := normQuote(q)
	remove := func(stitched bool) ([]edit, bool) {
		res.RemovedQuotes++
		if stitched {
			res.StitchedQuotes++
		}
		return []edit{{t.start, t.end, removedQuote}}, true
	}
	matched := func(p *knowledge.Provision, spans []string) ([]edit, bool) {
		res.QuotesChecked++
		if _, ok := res.Quotes[p.ID]; !ok {
			res.Quotes[p.ID] = spans[0]
		}
		cite(p)
		var out []edit
		switch {
		case len(spans) > 1:
			// An elision becomes the passage's own words, each part quoted.
			parts := make([]string, len(spans))
			for i, s := range spans {
				parts[i] = "“" + flat(s) + "”"
			}
			out = append(out, edit{t.start, t.end, strings.Join(parts, "……")})
		case flat(spans[0]) != q:
			// Right but for punctuation: the reader gets the stored words.
			out = append(out, edit{t.start, t.end, "“" + flat(spans[0]) + "”"})
		}
		verified := true
		for _, sp := range spans {
			verified = verified && p.QuoteVerified(sp)
		}
		if !verified {
			res.Unverified++
			out = append(out, edit{t.end, t.end, unverifiedNote})
		}
		return out, false
	}
	switch {
	case owner != nil && owner.removed:
		return remove(false)
	case owner != nil:
		if span, ok := g.span(owner.p, q); ok {
			return matched(owner.p, []string{span})
		}
		if spans, ok := g.elided(owner.p, q); ok {
			return matched(owner.p, spans)
		}
		return remove(g.stitched(nq))
	}
	if utf8.RuneCountInString(q) <= maxFreeQuote && !g.looksLikeRule(nq) {
		return nil, false
	}
	for _, m := range sortedMarkers(g.provs) {
		if span, ok := g.span(g.provs[m], q); ok {
			return matched(g.provs[m], []string{span})
		}
	}
	for _, c := range g.cases {
		if strings.Contains(normQuote(c.Facts+c.Handling+c.Reasons+c.Title), nq) {
			return nil, false
		}
	}
	if utf8.RuneCountInString(q) <= maxFreeQuote && g.isTerm(nq) {
		return nil, false
	}
	return remove(g.stitched(nq))
}

// quoteCore is a quotation without markers and without the punctuation and
// spaces at its ends, which the model may add or drop around exact words.
func quoteCore(s string) string {
	s = markerRe.ReplaceAllString(s, "")
	return strings.TrimFunc(s, func(r rune) bool {
		return strings.ContainsRune(" \u3000\t。；，、：:;,.！？!?…", r)
	})
}

// cadre is the cadre's words in the compared form.
func (g *grounding) cadre() string {
	if g.caseNorm == nil {
		n := normQuote(g.caseText)
		g.caseNorm = &n
	}
	return *g.caseNorm
}

// flat joins a text's paragraphs, as a one-line quotation may run across them.
func flat(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r", ""), "\n", "") }

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
