package knowledge

import (
	"fmt"
	"slices"
	"strings"
)

// The live knowledge base stores every document and case as the
// front-matter Markdown below, written from the parsed value: one canonical
// text per item, which ParseFile reads back to an equal Document or Case
// (every field but File and Line). Exports, stored versions and diffs all use
// it, so what staff download is what the replicas load.

// FormatDocument writes d as a front-matter knowledge file.
func FormatDocument(d *Document) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	field(&b, "id", d.ID)
	field(&b, "kind", "document")
	field(&b, "title", d.Title)
	if d.Short != shortTitle(d.Title) {
		field(&b, "short", d.Short)
	}
	field(&b, "issuer", d.Issuer)
	field(&b, "number", d.Number)
	field(&b, "level", d.Level)
	field(&b, "effective", d.Effective)
	field(&b, "status", d.Status)
	field(&b, "region", d.Region)
	field(&b, "source", d.Source)
	field(&b, "verification", d.Verification)
	field(&b, "checked_against", d.CheckedAgainst)
	field(&b, "amended", d.Amended)
	field(&b, "repealed", d.Repealed)
	field(&b, "supersedes", d.Supersedes)
	field(&b, "superseded_by", d.SupersededBy)
	field(&b, "renumbered", formatRenumbered(d.Renumbered))
	if d.Verification == Verified {
		var anchors []string
		for _, p := range d.Provisions {
			if !p.Verified {
				anchors = append(anchors, anchor(p))
			}
		}
		field(&b, "unverified", strings.Join(anchors, ", "))
	}
	field(&b, "verified_paragraphs", formatVerifiedParas(d))
	// Gaps the original file had were reported when it came in; the
	// stored copy says they are known, so reading it back does not
	// report them again.
	if hasGaps(d) {
		field(&b, "excerpt", "true")
	}
	keys := make([]string, 0, len(d.Extra))
	for k := range d.Extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		field(&b, k, d.Extra[k])
	}
	b.WriteString("---\n")

	var open []string // the headings in force, outermost first
	items := itemSplit(d)
	for _, p := range d.Provisions {
		if p.Number == 0 && p.Article != anchorPreface {
			writeSection(&b, p, items)
			continue
		}
		if p.Article == anchorPreface {
			b.WriteString("\n## " + anchorPreface + "\n")
		} else {
			open = writeChapters(&b, open, p.Chapter)
		}
		paras := strings.Split(p.Text, "\n")
		b.WriteString("\n")
		if p.Article != anchorPreface {
			b.WriteString(p.Article)
			if paras[0] != "" {
				b.WriteString(" ")
			}
		}
		b.WriteString(paras[0] + "\n")
		for _, para := range paras[1:] {
			b.WriteString("\n" + para + "\n")
		}
	}
	return []byte(b.String())
}

// writeSection writes a provision of a document without articles: its
// heading (none for the text before the first heading) and its paragraphs.
// A document split at 一、二、 items is written as items again: under a
// heading, an item's text such as "第一百六十二条后增加一条" would read as an
// article.
func writeSection(b *strings.Builder, p *Provision, items bool) {
	paras := strings.Split(p.Text, "\n")
	if p.Article != articleIntro && p.Article != articleWhole {
		if items {
			_, rest, _ := itemLabel(p.Article)
			paras[0] = p.Article[:len(p.Article)-len(rest)] + paras[0]
		} else {
			b.WriteString("\n## " + p.Article + "\n")
		}
	}
	for _, para := range paras {
		b.WriteString("\n" + para + "\n")
	}
}

// itemSplit reports whether d's sections are the items 一、二、三、… that
// chunkSections splits a heading-less body at.
func itemSplit(d *Document) bool {
	n := 0
	for _, p := range d.Provisions {
		switch {
		case p.Number != 0 || p.Article == anchorPreface:
			return false
		case p.Article == articleIntro || p.Article == articleWhole:
			continue
		}
		num, rest, ok := itemLabel(p.Article)
		first, _, _ := strings.Cut(p.Text, "\n")
		if n++; !ok || num != n || first == "" || rest != firstClause(first) {
			return false
		}
	}
	return n >= 2
}

// writeChapters writes the headings that take the chapter from open to
// chapter ("第二编 分则 / 第二章 危害公共安全罪"): the first level that differs
// and every one inside it, each one "#" deeper.
func writeChapters(b *strings.Builder, open []string, chapter string) []string {
	var want []string
	if chapter != "" {
		want = strings.Split(chapter, " / ")
	}
	if slices.Equal(open, want) {
		return open
	}
	same := 0
	for same < len(open) && same < len(want) && open[same] == want[same] {
		same++
	}
	if same == len(want) && same > 0 {
		same-- // a chapter that closes inner ones: write its heading again
	}
	for i := same; i < len(want); i++ {
		b.WriteString("\n" + strings.Repeat("#", i+2) + " " + want[i] + "\n")
	}
	return want
}

func anchor(p *Provision) string {
	_, a, _ := strings.Cut(p.ID, "#")
	return a
}

// hasGaps reports whether the articles of d skip a number.
func hasGaps(d *Document) bool {
	var prev *Provision
	for _, p := range d.Provisions {
		if p.Number == 0 {
			continue
		}
		if prev != nil {
			a := articleLabel{Number: p.Number, Sub: p.Sub}
			if _, gap := numberingWarning(prev, a, false); gap {
				return true
			}
		}
		prev = p
	}
	return false
}

// FormatCase writes c as a front-matter case file.
func FormatCase(c *Case) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	field(&b, "id", c.ID)
	field(&b, "kind", "case")
	field(&b, "title", c.Title)
	field(&b, "region", c.Region)
	field(&b, "year", c.Year)
	field(&b, "field", c.Field)
	field(&b, "outcome", c.Outcome)
	field(&b, "criteria", strings.Join(c.Criteria, ", "))
	field(&b, "source", c.Source)
	field(&b, "illustrative", fmt.Sprint(c.Illustrative))
	field(&b, "verification", c.Verification)
	b.WriteString("---\n")
	for _, s := range [][2]string{{sectionFacts, c.Facts}, {sectionHandling, c.Handling}, {sectionReasons, c.Reasons}} {
		b.WriteString("\n## " + s[0] + "\n")
		for _, para := range strings.Split(s[1], "\n") {
			b.WriteString("\n" + para + "\n")
		}
	}
	return []byte(b.String())
}

// FormatSynonyms writes a synonym table in the synonyms.txt form.
func FormatSynonyms(syn Synonyms) []byte {
	var b strings.Builder
	for _, g := range syn {
		b.WriteString(strings.Join(g, " ") + "\n")
	}
	return []byte(b.String())
}

// FormatTerms writes domain phrases in the terms.txt form.
func FormatTerms(terms []string) []byte {
	return []byte(strings.Join(terms, "\n") + "\n")
}

// field writes "key: value", leaving out empty values. The parser trims
// values and reads one line, so a line break would cut the value short.
func field(b *strings.Builder, key, value string) {
	value = strings.TrimSpace(strings.NewReplacer("\r", " ", "\n", " ").Replace(value))
	if value == "" {
		return
	}
	b.WriteString(key + ": " + value + "\n")
}
