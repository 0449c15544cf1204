package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Chunking turns a document body into provisions. Every non-blank line is a
// paragraph (the law collection writes one paragraph a line, and a
// hand-wrapped line is better kept as its own paragraph than glued to the
// next without knowing whether a space belongs between them). HTML comments
// are dropped, even when they span lines.

// Anchors of provisions that are not numbered articles.
const (
	anchorPreface = "序言"
	articleIntro  = "引言" // text before the first heading of a sectioned document
	articleWhole  = "全文" // a sectioned document without any heading
)

// chunkInput is one document body to split.
type chunkInput struct {
	File      string
	DocID     string
	Title     string
	Lines     []string // body lines
	FirstLine int      // line number of Lines[0] in File
	Part      string   // outermost chapter, e.g. 人格权编 for a part of 民法典
	Excerpt   bool     // only some articles of the law: gaps are expected
}

// chunkResult holds the provisions of a body. Problems make the document
// unusable (two provisions with one anchor); warnings do not.
type chunkResult struct {
	Provisions []*Provision
	Problems   []Problem
	Warnings   []Problem
	// Orphan is the first line of text that belongs to no provision (text
	// between a heading and the next article, or before the first article
	// outside a 序言); 0 when there is none.
	Orphan int
}

type paraKind uint8

const (
	paraText paraKind = iota
	paraHeading
	paraArticle
)

type para struct {
	line  int
	kind  paraKind
	level int // heading level
	text  string
	art   articleLabel
}

// chunkBody splits a document body into articles (第X条) or, when the body
// has none, into sections at its outermost "##" headings. Article bodies,
// nearly all of a large corpus, are read as a stream without keeping their
// paragraphs; only the rare sectioned body is collected first.
func chunkBody(in chunkInput) chunkResult {
	if hasArticles(in.Lines, in.FirstLine) {
		return chunkArticles(in)
	}
	return chunkSections(in, collectParas(in.Lines, in.FirstLine))
}

// paraScanner yields the non-blank lines of a body, classified, one at a
// time; comments are dropped.
type paraScanner struct {
	lines     []string
	first     int
	i         int
	inComment bool
}

func (sc *paraScanner) next() (para, bool) {
	for sc.i < len(sc.lines) {
		i := sc.i
		sc.i++
		s := sc.lines[i]
		if sc.inComment || strings.Contains(s, "<!--") {
			s, sc.inComment = stripComments(s, sc.inComment)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		p := para{line: sc.first + i, text: s}
		if level, text, ok := parseHeading(s); ok {
			if text == "" {
				continue // an empty heading marks nothing
			}
			p.kind, p.level, p.text = paraHeading, level, text
		} else if a, ok := parseArticleLabel(s); ok {
			p.kind, p.art = paraArticle, a
		}
		return p, true
	}
	return para{}, false
}

// hasArticles reports whether any paragraph starts an article; in a law it
// stops within the first lines.
func hasArticles(lines []string, first int) bool {
	sc := paraScanner{lines: lines, first: first}
	for p, ok := sc.next(); ok; p, ok = sc.next() {
		if p.kind == paraArticle {
			return true
		}
	}
	return false
}

func collectParas(lines []string, first int) []para {
	var out []para
	sc := paraScanner{lines: lines, first: first}
	for p, ok := sc.next(); ok; p, ok = sc.next() {
		out = append(out, p)
	}
	return out
}

// stripComments removes <!-- … --> spans from a line; inComment says whether
// the line starts inside a comment, and the result whether it ends in one.
func stripComments(s string, inComment bool) (string, bool) {
	var b strings.Builder
	for {
		if inComment {
			_, after, ok := strings.Cut(s, "-->")
			if !ok {
				return b.String(), true
			}
			s, inComment = after, false
			continue
		}
		before, after, ok := strings.Cut(s, "<!--")
		b.WriteString(before)
		if !ok {
			return b.String(), false
		}
		s, inComment = after, true
	}
}

// parseHeading reads an ATX heading ("## 第一章 总则"), returning its level and
// its text with whitespace runs collapsed.
func parseHeading(s string) (int, string, bool) {
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return 0, "", false
	}
	text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[level:]), "#"))
	return level, headingText(text), true
}

// headingText normalises a heading: "第一章  总 则" becomes "第一章 总则" (the
// spaces inside 总 则 are typesetting), other headings keep single spaces.
func headingText(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	if len(f) > 1 && isDivisionLabel(f[0]) {
		return f[0] + " " + strings.Join(f[1:], "")
	}
	return strings.Join(f, " ")
}

// isDivisionLabel reports whether s is 第X编 / 第X分编 / 第X章 / 第X节.
func isDivisionLabel(s string) bool {
	rest, ok := strings.CutPrefix(s, "第")
	if !ok {
		return false
	}
	num, after, ok := cutNumeral(rest)
	if !ok {
		return false
	}
	if _, ok := ParseNumeral(num); !ok {
		return false
	}
	switch after {
	case "编", "分编", "章", "节":
		return true
	}
	return false
}

// chapterStack tracks the enclosing headings by level.
type chapterStack struct {
	part  string
	items []heading
}

type heading struct {
	level int
	text  string
}

func (c *chapterStack) push(level int, text string) {
	n := 0
	for n < len(c.items) && c.items[n].level < level {
		n++
	}
	c.items = append(c.items[:n], heading{level, text})
}

func (c *chapterStack) String() string {
	if len(c.items) == 0 {
		return c.part
	}
	parts := make([]string, 0, len(c.items)+1)
	if c.part != "" {
		parts = append(parts, c.part)
	}
	for _, h := range c.items {
		parts = append(parts, h.text)
	}
	if len(parts) == 1 {
		return strings.Clone(parts[0]) // not a substring of the file
	}
	return strings.Join(parts, " / ")
}

// provisionBuilder accumulates the provisions of one document. Their texts
// go into one buffer that becomes a single string at the end: one allocation
// per document instead of one per article, and no provision keeps the
// whole file's text alive through a substring.
type provisionBuilder struct {
	cur   *Provision
	paras int // paragraphs added to cur
	from  int // where cur's text starts in buf
	buf   []byte
	spans [][2]int
	out   []*Provision
}

var textBufs = sync.Pool{New: func() any { return new([]byte) }}

func (b *provisionBuilder) start(p *Provision) {
	b.flush()
	if b.buf == nil {
		b.buf = (*textBufs.Get().(*[]byte))[:0]
	}
	b.cur, b.paras, b.from = p, 0, len(b.buf)
}

func (b *provisionBuilder) add(s string) {
	if b.paras > 0 {
		b.buf = append(b.buf, '\n')
	}
	b.buf = append(b.buf, s...)
	b.paras++
}

func (b *provisionBuilder) flush() {
	if b.cur == nil {
		return
	}
	b.out = append(b.out, b.cur)
	b.spans = append(b.spans, [2]int{b.from, len(b.buf)})
	b.cur = nil
}

// finish sets the texts of the provisions and returns them.
func (b *provisionBuilder) finish() []*Provision {
	b.flush()
	text := string(b.buf)
	for i, p := range b.out {
		p.Text = text[b.spans[i][0]:b.spans[i][1]]
	}
	if b.buf != nil {
		buf := b.buf[:0]
		textBufs.Put(&buf)
		b.buf = nil
	}
	return b.out
}

func chunkArticles(in chunkInput) chunkResult {
	var res chunkResult
	var b provisionBuilder
	chapters := chapterStack{part: in.Part}
	chapter := in.Part
	seen := make(map[string]int) // anchor -> line
	var prev *Provision
	sc := paraScanner{lines: in.Lines, first: in.FirstLine}
	for p, ok := sc.next(); ok; p, ok = sc.next() {
		switch p.kind {
		case paraHeading:
			b.flush()
			if p.level == 1 {
				continue // a repeated title line
			}
			if prev == nil && strings.ReplaceAll(p.text, " ", "") == anchorPreface {
				b.start(&Provision{ID: in.DocID + "#" + anchorPreface, DocID: in.DocID, Document: in.Title,
					Article: anchorPreface, Line: p.line})
				seen[anchorPreface] = p.line
				continue
			}
			chapters.push(p.level, p.text)
			chapter = chapters.String()
		case paraArticle:
			a := p.art
			anchor := strconv.Itoa(a.Number)
			if a.Sub > 0 {
				anchor += "-" + strconv.Itoa(a.Sub)
			}
			if at, dup := seen[anchor]; dup {
				res.Problems = append(res.Problems, Problem{in.File, p.line,
					fmt.Sprintf("%s 重复：第 %d 行已有同号条文", a.Label, at)})
			} else {
				seen[anchor] = p.line
			}
			if prev != nil {
				if w, ok := numberingWarning(prev, a, in.Excerpt); ok {
					res.Warnings = append(res.Warnings, Problem{in.File, p.line, w})
				}
			}
			pr := &Provision{ID: in.DocID + "#" + anchor, DocID: in.DocID, Document: in.Title,
				Chapter: chapter, Article: a.Label, Number: a.Number, Sub: a.Sub, Line: p.line}
			b.start(pr)
			prev = pr
			if a.Rest != "" {
				b.add(a.Rest)
			}
		default:
			if b.cur != nil {
				b.add(p.text)
			} else if res.Orphan == 0 {
				res.Orphan = p.line
			}
		}
	}
	res.Provisions = b.finish()
	return res
}

// numberingWarning describes a break in article numbering: a gap (第五条
// then 第七条, 第十条 then 第十条之二) or a step backwards. Excerpts skip
// articles on purpose, so only steps backwards are reported for them.
func numberingWarning(prev *Provision, a articleLabel, excerpt bool) (string, bool) {
	switch {
	case a.Number == prev.Number && a.Sub == prev.Sub+1,
		a.Number == prev.Number+1 && a.Sub == 0:
		return "", false
	case a.Number < prev.Number || (a.Number == prev.Number && a.Sub <= prev.Sub):
		return fmt.Sprintf("条文编号倒退：%s 之后是 %s", prev.Article, a.Label), true
	case excerpt:
		return "", false
	}
	return fmt.Sprintf("条文编号不连续：%s 之后是 %s", prev.Article, a.Label), true
}
