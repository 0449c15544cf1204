package knowledge

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A document without 第X条 articles is split into sections at its outermost
// headings below the title ("##" as a rule; deeper headings stay in the
// text). A body with no such heading but with top-level items numbered
// 一、二、三、… (the form of amendments and revision decisions) is split at
// those items, so a 30,000-character decision does not become one passage.
// Text before the first section is the section s0 (引言), or the whole
// document (全文) when nothing splits it.

// sectionStart says where a section begins and how it is cited.
type sectionStart struct {
	article string // the heading text, or the item's label and first clause
	text    string // the paragraph to add as the section's first text, if any
}

func chunkSections(in chunkInput, paras []para) chunkResult {
	starts := headingStarts(paras)
	if starts == nil {
		starts = itemStarts(paras)
	}
	var b provisionBuilder
	n := 0
	for i, p := range paras {
		if st, ok := starts[i]; ok {
			n++
			b.start(&Provision{ID: in.DocID + "#s" + strconv.Itoa(n), DocID: in.DocID, Document: in.Title,
				Chapter: in.Part, Article: st.article, Line: p.line})
			if st.text != "" {
				b.add(st.text)
			}
			continue
		}
		if p.kind == paraHeading && p.level == 1 {
			continue // a repeated title line
		}
		if b.cur == nil {
			article := articleIntro
			if len(starts) == 0 {
				article = articleWhole
			}
			b.start(&Provision{ID: in.DocID + "#s0", DocID: in.DocID, Document: in.Title,
				Chapter: in.Part, Article: article, Line: p.line})
		}
		b.add(p.text)
	}
	return chunkResult{Provisions: b.finish()}
}

// headingStarts marks the headings of the outermost level below the title.
func headingStarts(paras []para) map[int]sectionStart {
	split := 0
	for _, p := range paras {
		if p.kind == paraHeading && p.level > 1 && (split == 0 || p.level < split) {
			split = p.level
		}
	}
	if split == 0 {
		return nil
	}
	starts := make(map[int]sectionStart)
	for i, p := range paras {
		if p.kind == paraHeading && p.level == split {
			starts[i] = sectionStart{article: strings.Clone(p.text)}
		}
	}
	return starts
}

// itemStarts marks the paragraphs 一、 二、 三、 … in sequence; an item
// number out of sequence (a quoted list) does not split. Fewer than two
// items is no list.
func itemStarts(paras []para) map[int]sectionStart {
	starts := make(map[int]sectionStart)
	next := 1
	for i, p := range paras {
		if p.kind != paraText {
			continue
		}
		if n, rest, ok := itemLabel(p.text); ok && n == next {
			starts[i] = sectionStart{article: strings.Clone(p.text[:len(p.text)-len(rest)] + firstClause(rest)), text: rest}
			next++
		}
	}
	if len(starts) < 2 {
		return nil
	}
	return starts
}

// itemLabel reads "十二、…": a Chinese numeral and 、 at the start of s.
func itemLabel(s string) (int, string, bool) {
	r, _ := utf8.DecodeRuneInString(s)
	if hanDigit(r) <= 0 && r != '十' {
		return 0, "", false
	}
	num, after, _ := cutNumeral(s)
	rest, ok := strings.CutPrefix(after, "、")
	if !ok {
		return 0, "", false
	}
	n, ok := ParseNumeral(num)
	return n, rest, ok
}

// firstClause returns s up to its first clause-ending punctuation, at most
// 40 runes: the item's own words serve as its heading.
func firstClause(s string) string {
	const most = 40
	n := 0
	for i, r := range s {
		if strings.ContainsRune("，。；：,;:", r) {
			return s[:i]
		}
		if n++; n > most {
			return s[:i] + "…"
		}
	}
	return s
}
