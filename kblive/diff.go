package kblive

import (
	"cmp"
	"fmt"
	"strings"

	"rongcuo/knowledge"
)

// Diff is what changed between two texts of one document or case: its
// fields, and for a document its provisions matched by anchor.
type Diff struct {
	Fields  []FieldChange
	Added   []*knowledge.Provision
	Removed []*knowledge.Provision
	Changed [][2]*knowledge.Provision // old, new
}

// FieldChange is one metadata field (or case section) that changed.
type FieldChange struct {
	Name     string
	Old, New string
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool {
	return len(d.Fields)+len(d.Added)+len(d.Removed)+len(d.Changed) == 0
}

// item is a parsed document or case; both nil for no text at all.
type item struct {
	doc  *knowledge.Document
	kase *knowledge.Case
}

// parseItem reads a stored text; an empty text is no item.
func parseItem(id, text string) (item, error) {
	if text == "" {
		return item{}, nil
	}
	d, c, problems := knowledge.ParseText(id, text)
	if d == nil && c == nil {
		return item{}, fmt.Errorf("stored text of %s does not parse: %v", id, problems)
	}
	return item{d, c}, nil
}

// compare returns the changes from oldText to newText, either of which may
// be empty (a new item, a retired one).
func compare(id, oldText, newText string) (*Diff, error) {
	o, err := parseItem(id, oldText)
	if err != nil {
		return nil, err
	}
	n, err := parseItem(id, newText)
	if err != nil {
		return nil, err
	}
	return diffItems(o, n), nil
}

// diffItems returns the changes from o to n.
func diffItems(o, n item) *Diff {
	d := &Diff{}
	d.Fields = compareFields(fieldsOf(o), fieldsOf(n))
	var oldP, newP []*knowledge.Provision
	if o.doc != nil {
		oldP = o.doc.Provisions
	}
	if n.doc != nil {
		newP = n.doc.Provisions
	}
	byID := make(map[string]*knowledge.Provision, len(oldP))
	for _, p := range oldP {
		byID[p.ID] = p
	}
	seen := make(map[string]bool, len(newP))
	for _, p := range newP {
		seen[p.ID] = true
		o, ok := byID[p.ID]
		switch {
		case !ok:
			d.Added = append(d.Added, p)
		case o.Text != p.Text || o.Article != p.Article || o.Chapter != p.Chapter || o.Verified != p.Verified:
			d.Changed = append(d.Changed, [2]*knowledge.Provision{o, p})
		}
	}
	for _, p := range oldP {
		if !seen[p.ID] {
			d.Removed = append(d.Removed, p)
		}
	}
	return d
}

// fieldsOf lists the comparable fields in display order.
func fieldsOf(it item) [][2]string {
	d, c := it.doc, it.kase
	switch {
	case d != nil:
		return [][2]string{{"title", d.Title}, {"short", d.Short}, {"issuer", d.Issuer}, {"number", d.Number}, {"level", d.Level},
			{"effective", d.Effective}, {"status", d.Status}, {"region", d.Region}, {"source", d.Source}, {"verification", d.Verification}}
	case c != nil:
		return [][2]string{{"title", c.Title}, {"region", c.Region}, {"year", c.Year}, {"field", c.Field}, {"outcome", c.Outcome},
			{"criteria", strings.Join(c.Criteria, "、")}, {"source", c.Source}, {"illustrative", fmt.Sprint(c.Illustrative)},
			{"verification", c.Verification}, {"事实", c.Facts}, {"处理", c.Handling}, {"理由", c.Reasons}}
	}
	return nil
}

func compareFields(old, new [][2]string) []FieldChange {
	oldV := map[string]string{}
	for _, f := range old {
		oldV[f[0]] = f[1]
	}
	var out []FieldChange
	for _, f := range new {
		if o := oldV[f[0]]; o != f[1] && len(old) > 0 {
			out = append(out, FieldChange{f[0], o, f[1]})
		}
	}
	return out
}

// Summary is one line for the history: 条文 新增 1、修改 2、删除 0；status 现行→失效.
func (d *Diff) Summary() string {
	if d.Empty() {
		return "内容未变化"
	}
	var parts []string
	if n := len(d.Added) + len(d.Changed) + len(d.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("条文新增 %d、修改 %d、删除 %d", len(d.Added), len(d.Changed), len(d.Removed)))
	}
	for _, f := range d.Fields {
		if len([]rune(f.Old))+len([]rune(f.New)) <= 40 {
			parts = append(parts, fmt.Sprintf("%s：%s→%s", f.Name, cmp.Or(f.Old, "（空）"), cmp.Or(f.New, "（空）")))
		} else {
			parts = append(parts, f.Name+" 已修改")
		}
	}
	return strings.Join(parts, "；")
}

// Text writes the whole diff for reading: fields, then each provision
// added, removed or changed with its old and new text.
func (d *Diff) Text() string {
	if d.Empty() {
		return "两个版本的内容相同。\n"
	}
	var b strings.Builder
	for _, f := range d.Fields {
		fmt.Fprintf(&b, "~ %s\n  - %s\n  + %s\n", f.Name, cmp.Or(f.Old, "（空）"), cmp.Or(f.New, "（空）"))
	}
	for _, p := range d.Removed {
		fmt.Fprintf(&b, "- [%s] %s\n  %s\n", p.ID, p.Article, indent(p.Text))
	}
	for _, p := range d.Added {
		fmt.Fprintf(&b, "+ [%s] %s\n  %s\n", p.ID, p.Article, indent(p.Text))
	}
	for _, c := range d.Changed {
		fmt.Fprintf(&b, "~ [%s] %s\n  - %s\n  + %s\n", c[1].ID, c[1].Article, indent(c[0].Text), indent(c[1].Text))
	}
	return b.String()
}

func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n    ") }
