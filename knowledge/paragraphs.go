package knowledge

import (
	"fmt"
	"slices"
	"strings"
)

// Verification by paragraph. An article whose wording was seen only in part
// stays unverified as a whole, but the paragraphs (款) seen word for word
// can be listed, and only they may be quoted:
//
//	unverified: 第十九条
//	verified_paragraphs: 第十九条第三款
//
// A paragraph is a line of the provision's text, counted from 1, so the
// article's text keeps one 款 a line in order; commentary goes after the
// last 款.

// Paragraphs returns the provision's paragraphs.
func (p *Provision) Paragraphs() []string { return strings.Split(p.Text, "\n") }

// ParaVerified reports whether paragraph i (from 1) may be quoted: the
// whole provision is verified, or that paragraph is.
func (p *Provision) ParaVerified(i int) bool {
	return p.Verified || slices.Contains(p.VerifiedParas, i)
}

// QuoteVerified reports whether a contiguous part of the text may be
// quoted as the provision's wording: the provision is verified, or the part
// lies within one verified paragraph.
func (p *Provision) QuoteVerified(part string) bool {
	if p.Verified {
		return true
	}
	if part == "" {
		return false
	}
	for i, para := range p.Paragraphs() {
		if slices.Contains(p.VerifiedParas, i+1) && strings.Contains(para, part) {
			return true
		}
	}
	return false
}

// VerifiedParaOf returns the verified paragraph (from 1) of an article not
// verified as a whole that holds part, or 0.
func (p *Provision) VerifiedParaOf(part string) int {
	if p.Verified || part == "" {
		return 0
	}
	for i, para := range p.Paragraphs() {
		if slices.Contains(p.VerifiedParas, i+1) && strings.Contains(para, part) {
			return i + 1
		}
	}
	return 0
}

// paraLabel names paragraph i of an article: 第十九条第三款.
func paraLabel(article string, i int) string { return article + "第" + FormatNumeral(i) + "款" }

// ParaLabel names paragraph i (from 1) of the provision: 第十九条第三款.
func (p *Provision) ParaLabel(i int) string { return paraLabel(p.Article, i) }

// markVerifiedParas reads verified_paragraphs: each entry names an
// article of the document and a paragraph it has.
func markVerifiedParas(file string, fm *frontMatter, d *Document) []Problem {
	var problems []Problem
	for _, ref := range splitList(fm.get("verified_paragraphs")) {
		at := strings.Index(ref, "条第")
		if at < 0 || !strings.HasSuffix(ref, "款") {
			problems = append(problems, Problem{file, fm.line("verified_paragraphs"), fmt.Sprintf("verified_paragraphs 中的“%s”应写成 第N条第M款", ref)})
			continue
		}
		article, num := ref[:at+len("条")], strings.TrimSuffix(ref[at+len("条第"):], "款")
		p := findProvision(d, article)
		n, ok := ParseNumeral(num)
		switch {
		case p == nil || p.Number == 0:
			problems = append(problems, Problem{file, fm.line("verified_paragraphs"), fmt.Sprintf("verified_paragraphs 中的“%s”不是本文件的条文", article)})
		case !ok || n < 1 || n > len(p.Paragraphs()):
			problems = append(problems, Problem{file, fm.line("verified_paragraphs"), fmt.Sprintf("%s只有 %d 段，没有“%s”", article, len(p.Paragraphs()), ref)})
		case p.Verified:
			// The whole article is verified already: nothing to add.
		case !slices.Contains(p.VerifiedParas, n):
			p.VerifiedParas = append(p.VerifiedParas, n)
			slices.Sort(p.VerifiedParas)
		}
	}
	return problems
}

// formatVerifiedParas writes the verified_paragraphs value of d.
func formatVerifiedParas(d *Document) string {
	var refs []string
	for _, p := range d.Provisions {
		if p.Verified || p.Number == 0 {
			continue
		}
		for _, i := range p.VerifiedParas {
			refs = append(refs, paraLabel(p.Article, i))
		}
	}
	return strings.Join(refs, ", ")
}
