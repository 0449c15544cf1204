package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// Rules in time. A document says when it took effect and, where known, when
// it was last amended or repealed and which version it replaced or was
// replaced by; its provisions inherit all of it. A version that replaced
// another also lists the article numbers that changed between the two
// (renumbered), read from both texts rather than guessed, so that a cadre
// who quotes an old number can be told the current one.
//
//	effective: 2024-12-25
//	amended: 2024-12-25
//	supersedes: jcf-2018
//	renumbered: 第四十九条=第五十六条, 第五十条=第五十七条
//
// supersedes and superseded_by name a document of the knowledge base by its
// id, or, when the other version is not in it, by its name
// (中国共产党问责条例（2016年）).

// Renumbering is one article of the superseded version and the article of
// this version that took its place.
type Renumbering struct {
	Old, New       string // article labels: 第四十九条, 第五十六条
	OldNum, OldSub int
	NewNum, NewSub int
}

// RenumberedFrom returns the article of this version that took the place of
// the superseded version's article n (sub for 第N条之M), if the numbers
// differ and the mapping is known.
func (d *Document) RenumberedFrom(n, sub int) (Renumbering, bool) {
	for _, r := range d.Renumbered {
		if r.OldNum == n && r.OldSub == sub {
			return r, true
		}
	}
	return Renumbering{}, false
}

// InForce reports a document neither replaced nor repealed.
func (d *Document) InForce() bool {
	return d.Status == StatusCurrent && d.Repealed == "" && d.SupersededBy == ""
}

// InForceOn reports whether the document was in force on a date (YYYY,
// YYYY-MM or YYYY-MM-DD) as far as its own fields tell: taken effect, not
// repealed. Dates compare on their common precision, so a document effective
// in 2019-09 is in force "in 2019". An unknown effective date is taken as in
// force from the start. KB.InForceOn also ends a version when its successor
// took effect.
func (d *Document) InForceOn(date string) bool {
	if d.Effective != "" && dateAfter(d.Effective, date) {
		return false
	}
	return d.Repealed == "" || dateAfter(d.Repealed, date)
}

// InForceOn reports whether d applied on date: in force by its own fields,
// and not yet replaced by a successor of the knowledge base in effect by
// then. In a year when one version replaced another, both count.
func (kb *KB) InForceOn(d *Document, date string) bool {
	if !d.InForceOn(date) {
		return false
	}
	next := kb.Successor(d)
	return next == nil || next.Effective == "" || !dateBefore(next.Effective, date)
}

// dateBefore reports a < b on the precision both have.
func dateBefore(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] < b[:n]
}

// dateAfter reports a > b on the precision both have.
func dateAfter(a, b string) bool {
	n := min(len(a), len(b))
	return a[:n] > b[:n]
}

// Validity of a provision is its document's.

// InForce reports a provision of a document in force.
func (p *Provision) InForce() bool { return p.Doc == nil || p.Doc.InForce() }

// InForceOn reports a provision of a document in force on date by its own
// fields (see KB.InForceOn for the successor's effect).
func (p *Provision) InForceOn(date string) bool { return p.Doc == nil || p.Doc.InForceOn(date) }

// Effective, Amended, Repealed, Supersedes and SupersededBy are the
// provision's document's.
func (p *Provision) Effective() string {
	return docField(p, func(d *Document) string { return d.Effective })
}
func (p *Provision) Amended() string {
	return docField(p, func(d *Document) string { return d.Amended })
}
func (p *Provision) Repealed() string {
	return docField(p, func(d *Document) string { return d.Repealed })
}
func (p *Provision) Supersedes() string {
	return docField(p, func(d *Document) string { return d.Supersedes })
}
func (p *Provision) SupersededBy() string {
	return docField(p, func(d *Document) string { return d.SupersededBy })
}

func docField(p *Provision, f func(*Document) string) string {
	if p.Doc == nil {
		return ""
	}
	return f(p.Doc)
}

// Successor returns the document of the knowledge base that replaced d, or
// nil when none is named or it is not in the knowledge base.
func (kb *KB) Successor(d *Document) *Document {
	if d.SupersededBy == "" {
		return nil
	}
	return kb.Document(d.SupersededBy)
}

// Predecessor returns the document of the knowledge base d replaced, or nil.
func (kb *KB) Predecessor(d *Document) *Document {
	if d.Supersedes == "" {
		return nil
	}
	return kb.Document(d.Supersedes)
}

// Current follows d's successors to the version in force (d itself when it
// has none in the knowledge base).
func (kb *KB) Current(d *Document) *Document {
	seen := map[*Document]bool{}
	for !seen[d] {
		seen[d] = true
		next := kb.Successor(d)
		if next == nil {
			return d
		}
		d = next
	}
	return d
}

// Versions returns the versions of d's chain in the knowledge base, oldest
// first.
func (kb *KB) Versions(d *Document) []*Document {
	seen := map[*Document]bool{}
	for !seen[d] {
		seen[d] = true
		prev := kb.Predecessor(d)
		if prev == nil {
			break
		}
		d = prev
	}
	var out []*Document
	seen = map[*Document]bool{}
	for d != nil && !seen[d] {
		seen[d] = true
		out = append(out, d)
		d = kb.Successor(d)
	}
	return out
}

// linkVersions reports supersedes / superseded_by pairs of the knowledge
// base that contradict each other.
func (kb *KB) linkVersions() []Problem {
	var problems []Problem
	for _, d := range kb.Documents {
		if next := kb.Successor(d); next != nil && next.Supersedes != "" && next.Supersedes != d.ID {
			problems = append(problems, Problem{d.File, 0, fmt.Sprintf("superseded_by 指向 %s，但 %s 的 supersedes 是 %s", next.ID, next.ID, next.Supersedes)})
		}
		if prev := kb.Predecessor(d); prev != nil && prev.SupersededBy != "" && prev.SupersededBy != d.ID {
			problems = append(problems, Problem{d.File, 0, fmt.Sprintf("supersedes 指向 %s，但 %s 的 superseded_by 是 %s", prev.ID, prev.ID, prev.SupersededBy)})
		}
	}
	return problems
}

// versionProblems checks a document's own version fields.
func versionProblems(file string, fm *frontMatter, d *Document) []Problem {
	var out []Problem
	for _, k := range []string{"amended", "repealed"} {
		out = append(out, fm.date(file, k)...)
	}
	if d.Repealed != "" && d.Status != StatusRepealed {
		out = append(out, Problem{file, fm.line("repealed"), fmt.Sprintf("有 repealed 日期的文件 status 应为%s", StatusRepealed)})
	}
	if d.SupersededBy != "" && d.Status == StatusCurrent {
		out = append(out, Problem{file, fm.line("superseded_by"), fmt.Sprintf("已被取代的文件 status 不能是%s（应为%s或%s）", StatusCurrent, StatusAmended, StatusRepealed)})
	}
	if d.Supersedes != "" && d.Supersedes == d.ID || d.SupersededBy != "" && d.SupersededBy == d.ID {
		out = append(out, Problem{file, fm.line("supersedes"), "文件不能取代它自己"})
	}
	for _, pair := range splitList(fm.get("renumbered")) {
		r, ok := parseRenumbering(pair)
		if !ok {
			out = append(out, Problem{file, fm.line("renumbered"), fmt.Sprintf("renumbered 中的“%s”应写成 第N条=第M条", pair)})
			continue
		}
		d.Renumbered = append(d.Renumbered, r)
	}
	if len(d.Renumbered) > 0 && d.Supersedes == "" {
		out = append(out, Problem{file, fm.line("renumbered"), "有 renumbered 的文件须用 supersedes 说明取代了哪个版本"})
	}
	return out
}

func parseRenumbering(pair string) (Renumbering, bool) {
	old, cur, ok := strings.Cut(pair, "=")
	if !ok {
		return Renumbering{}, false
	}
	o, ok1 := parseArticleLabel(strings.TrimSpace(old))
	n, ok2 := parseArticleLabel(strings.TrimSpace(cur))
	if !ok1 || !ok2 || o.Rest != "" || n.Rest != "" {
		return Renumbering{}, false
	}
	return Renumbering{Old: o.Label, New: n.Label, OldNum: o.Number, OldSub: o.Sub, NewNum: n.Number, NewSub: n.Sub}, true
}

func formatRenumbered(rs []Renumbering) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Old + "=" + r.New
	}
	return strings.Join(parts, ", ")
}

// MatchArticles pairs the articles of an old version of a law with those of
// the new one by their wording (the Dice coefficient of their character
// bigrams, one to one, best pairs first) and returns the pairs whose numbers
// differ: the renumbered list of the new version, read from the two texts.
// Articles whose best match shares less than minArticleMatch of its wording
// have no counterpart (deleted, or rewritten past recognition).
func MatchArticles(old, cur *Document) []Renumbering {
	olds, curs := articlesOf(old), articlesOf(cur)
	pair := map[*Provision]*Provision{} // old -> new
	taken := map[*Provision]bool{}
	// Articles kept word for word pair at once: most of an amended law.
	byText := map[string][]*Provision{}
	for _, n := range curs {
		k := normArticle(n.Text)
		byText[k] = append(byText[k], n)
	}
	var rest []*Provision
	for _, o := range olds {
		k := normArticle(o.Text)
		if l := byText[k]; len(l) > 0 {
			pair[o], taken[l[0]] = l[0], true
			byText[k] = l[1:]
			continue
		}
		rest = append(rest, o)
	}
	// The others by shared wording, counted through postings of the
	// new articles' bigrams, best pairs first.
	gramsOf := func(p *Provision) []uint64 { return charBigrams(p.Text) }
	var free []*Provision
	var sizes []int
	postings := map[uint64][]int{}
	for _, n := range curs {
		if taken[n] {
			continue
		}
		gs := gramsOf(n)
		for _, g := range gs {
			postings[g] = append(postings[g], len(free))
		}
		free = append(free, n)
		sizes = append(sizes, len(gs))
	}
	type cand struct {
		o, n *Provision
		sim  float64
	}
	var cands []cand
	shared := make([]int, len(free))
	for _, o := range rest {
		gs := gramsOf(o)
		clear(shared)
		for _, g := range gs {
			for _, j := range postings[g] {
				shared[j]++
			}
		}
		for j, c := range shared {
			if c == 0 {
				continue
			}
			if sim := 2 * float64(c) / float64(len(gs)+sizes[j]); sim >= minArticleMatch {
				cands = append(cands, cand{o, free[j], sim})
			}
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		switch {
		case a.sim > b.sim:
			return -1
		case a.sim < b.sim:
			return 1
		}
		return 0
	})
	for _, c := range cands {
		if pair[c.o] != nil || taken[c.n] {
			continue
		}
		pair[c.o], taken[c.n] = c.n, true
	}
	var out []Renumbering
	for _, o := range olds {
		n := pair[o]
		if n != nil && (o.Number != n.Number || o.Sub != n.Sub) {
			out = append(out, Renumbering{Old: o.Article, New: n.Article, OldNum: o.Number, OldSub: o.Sub, NewNum: n.Number, NewSub: n.Sub})
		}
	}
	return out
}

// normArticle is an article's wording for exact comparison.
func normArticle(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, Normalize(s))
}

// minArticleMatch is the least share of wording two articles must have to
// be the same article renumbered.
const minArticleMatch = 0.6

func articlesOf(d *Document) []*Provision {
	var out []*Provision
	for _, p := range d.Provisions {
		if p.Number > 0 {
			out = append(out, p)
		}
	}
	return out
}

// charBigrams returns the distinct pairs of adjacent letters of s, each as
// one number.
func charBigrams(s string) []uint64 {
	var out []uint64
	var prev rune
	for _, r := range Normalize(s) {
		if !unicode.Is(unicode.Han, r) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if prev != 0 {
			out = append(out, uint64(prev)<<32|uint64(r))
		}
		prev = r
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// LinkLawVersions links the versions of a law among plain law files (the
// national law collection keeps each version as its own file, the title
// alike and the date in the name): files of one title (and one part of a
// code) with different effective dates become a chain, oldest first. Each
// older version is marked 已修订 and superseded_by the next, which
// supersedes it and carries the renumbering read from both texts
// (MatchArticles). Documents that already say how they relate are left
// alone.
func LinkLawVersions(docs []*Document) {
	groups := map[string][]*Document{}
	var keys []string
	for _, d := range docs {
		if d.Effective == "" || d.Supersedes != "" || d.SupersededBy != "" {
			continue
		}
		k := d.Title + "\x00" + d.Extra["part"]
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], d)
	}
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		slices.SortStableFunc(g, func(a, b *Document) int { return strings.Compare(a.Effective, b.Effective) })
		for i := 0; i+1 < len(g); i++ {
			old, cur := g[i], g[i+1]
			if old.Effective == cur.Effective {
				continue // the same law filed twice, not two versions
			}
			old.Status, old.SupersededBy = StatusAmended, cur.ID
			cur.Supersedes, cur.Renumbered = old.ID, MatchArticles(old, cur)
			if cur.Amended == "" {
				cur.Amended = cur.Effective
			}
		}
	}
}
