package advisor

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"rongcuo/knowledge"
)

// Rules in time in answers: a superseded text is named as such with its
// current counterpart, an old article number the cadre quotes is given its
// current number and text, and a date in the question says which version
// applied then.

// restatedVersions replaces, in a ranking, a provision of a superseded
// version by the same words in the version in force (once, at the better
// rank): the current text says the same, and the note on versions tells the
// old number.
func (a *Advisor) restatedVersions(hits []knowledge.ProvisionHit) []knowledge.ProvisionHit {
	if !slices.ContainsFunc(hits, func(h knowledge.ProvisionHit) bool {
		return h.Provision.Doc != nil && h.Provision.Doc.SupersededBy != ""
	}) {
		return hits // nothing superseded: nothing to restate
	}
	kb := a.ix.KB()
	at := map[string]int{}
	for i, h := range hits {
		at[h.Provision.ID] = i
	}
	drop := map[int]bool{}
	for i, h := range hits {
		p := h.Provision
		if p.Doc == nil || p.Doc.SupersededBy == "" {
			continue
		}
		twin := currentTwin(kb, p)
		if twin == nil {
			continue
		}
		j, found := at[twin.ID]
		switch {
		case !found:
			hits[i].Provision = twin
		case j > i:
			hits[i].Provision = twin // the better rank, with the words in force
			drop[j] = true
		default:
			drop[i] = true
		}
	}
	if len(drop) == 0 {
		return hits
	}
	out := hits[:0]
	for i, h := range hits {
		if !drop[i] {
			out = append(out, h)
		}
	}
	return out
}

// currentTwin is the article of the version in force that took the place of
// p (through the renumbering, or at the same number) when its words are the
// same, or nil.
func currentTwin(kb *knowledge.KB, p *knowledge.Provision) *knowledge.Provision {
	cur := kb.Current(p.Doc)
	if cur == p.Doc || p.Number == 0 {
		return nil
	}
	n, sub := p.Number, p.Sub
	if r, ok := renumbering(kb, p.Doc, cur, n, sub); ok {
		n, sub = r.NewNum, r.NewSub
	}
	for _, q := range cur.Provisions {
		if q.Number == n && q.Sub == sub && normQuote(q.Text) == normQuote(p.Text) {
			return q
		}
	}
	return nil
}

// renumbering follows the renumberings from version old to version cur of
// one chain, article by article.
func renumbering(kb *knowledge.KB, old, cur *knowledge.Document, n, sub int) (knowledge.Renumbering, bool) {
	out := knowledge.Renumbering{OldNum: n, OldSub: sub, NewNum: n, NewSub: sub}
	moved := false
	for d := kb.Successor(old); d != nil; d = kb.Successor(d) {
		if r, ok := d.RenumberedFrom(out.NewNum, out.NewSub); ok {
			out.New, out.NewNum, out.NewSub = r.New, r.NewNum, r.NewSub
			if !moved {
				out.Old = r.Old
			}
			moved = true
		}
		if d == cur {
			break
		}
	}
	return out, moved && !strings.EqualFold(out.Old, out.New)
}

// versionWords names a version by its year: 2018年版; the version in force
// by its last change when known: 2024年修正后.
func versionYear(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

// amendedAs is how the current version is named: “2024年修正后的”.
func amendedAs(d *knowledge.Document) string {
	year := versionYear(d.Amended)
	if year == "" {
		year = versionYear(d.Effective)
	}
	if year == "" {
		return "现行的"
	}
	verb := d.Extra["amendment"]
	if verb == "" {
		verb = "修改"
	}
	return year + "年" + verb + "后的"
}

var yearRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)

// predecessorName names the version d replaced: 2018年版, from the document
// of the knowledge base or the year in its name; 修改前 otherwise.
func predecessorName(kb *knowledge.KB, d *knowledge.Document) string {
	if p := kb.Predecessor(d); p != nil && versionYear(p.Effective) != "" {
		return versionYear(p.Effective) + "年版"
	}
	if m := yearRe.FindStringSubmatch(d.Supersedes); m != nil {
		return m[1] + "年版"
	}
	return "修改前的版本"
}

// docName is a document as answers name it: 《监察法》.
func docName(d *knowledge.Document) string {
	if d.Short != "" {
		return "《" + d.Short + "》"
	}
	return "《" + d.Title + "》"
}

// oldVersionWords in a question say the cadre means the version before.
var oldVersionWords = []string{"旧版", "老版", "原来的", "修改前", "修正前", "修订前", "以前的"}

// versionNotes are the notes on versions an answer gives for a reading: the
// current number and text of an old article number the cadre quotes, and
// the version in force when the act the cadre dates took place.
func (a *Advisor) versionNotes(r *Reading) []string {
	kb := a.ix.KB()
	cited := a.selectCitations(r, 3)
	var notes []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			notes = append(notes, s)
		}
	}
	year := actYear(r.Question)
	for _, ref := range a.ix.ArticleRefs(r.Question) {
		add(a.oldNumberNote(kb, r.Question, year, ref))
	}
	if year != "" {
		done := map[*knowledge.Document]bool{}
		for _, p := range cited {
			if d := p.Doc; d != nil && !done[kb.Current(d)] {
				done[kb.Current(d)] = true
				add(a.inForceNote(kb, year, p))
			}
		}
	}
	return notes
}

// actYear is the year of the act a question dates (2019年), not of a
// version it names (2018年版): the earliest such year up to this one.
func actYear(q string) string {
	if !strings.ContainsAny(q, "0123456789") {
		return "" // yearRe's \d is an ASCII digit: most questions have none
	}
	best := ""
	for _, m := range yearRe.FindAllStringSubmatchIndex(q, -1) {
		y := q[m[2]:m[3]]
		rest := q[m[1]:]
		if strings.HasPrefix(rest, "版") || strings.HasPrefix(rest, "修") || strings.HasPrefix(rest, "施行") || strings.HasPrefix(rest, "颁布") {
			continue
		}
		if n, _ := strconv.Atoi(y); n > time.Now().Year() {
			continue
		}
		if best == "" || y < best {
			best = y
		}
	}
	return best
}

// oldNumberNote tells a cadre who quotes an article number that changed in
// the version in force what it is now. The note is firm when the question
// says the old version is meant (its year, or 旧版), conditional otherwise.
func (a *Advisor) oldNumberNote(kb *knowledge.KB, q, year string, ref knowledge.ArticleRef) string {
	for _, d := range ref.Docs {
		cur := kb.Current(d)
		r, ok := renumberedTo(kb, cur, ref.Number, ref.Sub)
		if !ok {
			continue
		}
		oldName := predecessorName(kb, cur)
		now := amendedAs(cur)
		text := articleText(cur, r.NewNum, r.NewSub, q)
		firm := containsAny(q, oldVersionWords) || strings.Contains(q, strings.TrimSuffix(oldName, "版")+"版") ||
			year != "" && versionYear(cur.Effective) != "" && year < versionYear(cur.Effective)
		if firm {
			return "您提到的" + docName(cur) + r.Old + "是" + oldName + "的条文号，现为" + now + r.New + text
		}
		return "提示：" + docName(cur) + strings.TrimSuffix(now, "的") + "条文号有调整。如您指的是" + oldName + "的" + r.Old + "，现为" + now + r.New + text
	}
	return ""
}

// renumberedTo finds what became of article n of an earlier version in the
// version cur: through the renumberings of each version since.
func renumberedTo(kb *knowledge.KB, cur *knowledge.Document, n, sub int) (knowledge.Renumbering, bool) {
	chain := kb.Versions(cur)
	if len(chain) == 0 || chain[len(chain)-1] != cur {
		chain = []*knowledge.Document{cur}
	}
	// The number may be of any earlier version; try from the newest back.
	for i := len(chain) - 1; i >= 0; i-- {
		r, moved := knowledge.Renumbering{}, false
		num, s := n, sub
		for _, d := range chain[i:] {
			if x, ok := d.RenumberedFrom(num, s); ok {
				if !moved {
					r.Old, r.OldNum, r.OldSub = x.Old, x.OldNum, x.OldSub
				}
				moved = true
				num, s = x.NewNum, x.NewSub
				r.New, r.NewNum, r.NewSub = x.New, x.NewNum, x.NewSub
			}
		}
		if moved && (r.OldNum != r.NewNum || r.OldSub != r.NewSub) {
			return r, true
		}
	}
	return knowledge.Renumbering{}, false
}

// articleText is “：” and the words of article n of d that matter for the
// question, marked when not verified; or a note that the knowledge base does
// not hold it.
func articleText(d *knowledge.Document, n, sub int, q string) string {
	for _, p := range d.Provisions {
		if p.Number != n || p.Sub != sub {
			continue
		}
		qt := chooseQuote(p, q)
		if !p.QuoteVerified(qt.Text) {
			return paraphraseMark + "：" + paraphrase(qt.Text) + tail(qt) + "。"
		}
		return "：“" + qt.Text + "”" + tail(qt)
	}
	return "（该条全文未收入本知识库）。"
}

// inForceNote says which version of a cited provision's document applied in
// the year of the act, when the documents say.
func (a *Advisor) inForceNote(kb *knowledge.KB, year string, p *knowledge.Provision) string {
	d := p.Doc
	cur := kb.Current(d)
	at := "按行为发生时（" + year + "年）"
	for _, v := range kb.Versions(cur) {
		if v == cur || !kb.InForceOn(v, year) || kb.InForceOn(cur, year) {
			continue
		}
		// An earlier version of the knowledge base applied then.
		line := at + "有效的" + docName(v) + "（" + versionYear(v.Effective) + "年版）"
		if old, ok := oldNumberOf(kb, v, cur, p); ok {
			line += "，对应条文为" + old.Article
			if normQuote(old.Text) == normQuote(p.Text) {
				line += "，与现行" + p.Article + "措辞相同"
			} else {
				line += "，措辞与现行" + p.Article + "不同，请以当时的文本为准"
			}
		}
		return line + "。"
	}
	if cur.Effective == "" || kb.InForceOn(cur, year) {
		switch {
		case cur.Supersedes == "":
			return ""
		case versionYear(cur.Effective) == year && len(cur.Effective) > 4:
			// The year of the change: which version depends on the day.
			return "行为发生在" + year + "年，" + amendedAs(cur) + docName(cur) + effectiveWords(cur) + "；行为在此之前的，适用" + predecessorName(kb, cur) + "。"
		}
		return at + "适用的就是" + amendedAs(cur) + docName(cur) + "（" + effectiveWords(cur) + "）。"
	}
	// The version in force came later, and the one before is not held.
	line := at + "有效的是" + docName(cur) + "的" + predecessorName(kb, cur) + "，本知识库未收录其全文"
	if cur.Supersedes == "" {
		line = at + docName(cur) + "尚未施行（" + effectiveWords(cur) + "），请以当时有效的规定为准"
	} else if old, ok := oldLabel(cur, p); ok {
		line += "；现行" + p.Article + "在" + predecessorName(kb, cur) + "中为" + old
	}
	return line + "；下面引用的是现行条文。"
}

// effectiveWords is “2024年12月25日起施行” from an effective date.
func effectiveWords(d *knowledge.Document) string {
	return dateWords(d.Effective) + "起施行"
}

func dateWords(date string) string {
	parts := strings.Split(date, "-")
	out := parts[0] + "年"
	if len(parts) > 1 {
		out += strings.TrimPrefix(parts[1], "0") + "月"
	}
	if len(parts) > 2 {
		out += strings.TrimPrefix(parts[2], "0") + "日"
	}
	return out
}

// oldNumberOf is the article of version old that p of version cur took the
// place of.
func oldNumberOf(kb *knowledge.KB, old, cur *knowledge.Document, p *knowledge.Provision) (*knowledge.Provision, bool) {
	n, sub := p.Number, p.Sub
	// Back through each version's renumbering to old.
	for d := cur; d != nil && d != old; d = kb.Predecessor(d) {
		for _, r := range d.Renumbered {
			if r.NewNum == n && r.NewSub == sub {
				n, sub = r.OldNum, r.OldSub
				break
			}
		}
	}
	for _, q := range old.Provisions {
		if q.Number == n && q.Sub == sub && p.Number > 0 {
			return q, true
		}
	}
	return nil, false
}

// oldLabel is the number p had in the version its document replaced, when
// it changed.
func oldLabel(cur *knowledge.Document, p *knowledge.Provision) (string, bool) {
	for _, r := range cur.Renumbered {
		if r.NewNum == p.Number && r.NewSub == p.Sub {
			return r.Old, true
		}
	}
	return "", false
}

// supersededNote follows the citation of a provision whose version was
// replaced: which version it is and what is in force now.
func supersededNote(kb *knowledge.KB, p *knowledge.Provision) string {
	d := p.Doc
	if d == nil || d.SupersededBy == "" {
		return ""
	}
	cur := kb.Current(d)
	if cur == d {
		return "（注意：这是已被" + d.SupersededBy + "取代的旧版本条文，请以现行版本为准）"
	}
	line := "（注意：这是" + versionYear(d.Effective) + "年版的条文，已被" + amendedAs(cur) + docName(cur) + "取代"
	if twin := currentTwin(kb, p); twin != nil {
		return line + "，现为" + twin.Article + "，措辞相同）"
	}
	if r, ok := renumbering(kb, d, cur, p.Number, p.Sub); ok {
		return line + "，现为" + r.New + "）"
	}
	return line + "，请以现行条文为准）"
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// withVersions puts the notes on versions into an answer as a paragraph of
// their own: after the conclusion of an assessment, first in other answers
// (they answer what the cadre named).
func withVersions(body string, notes []string, top bool) string {
	if len(notes) == 0 {
		return body
	}
	para := "**版本提示**\n- " + strings.Join(notes, "\n- ")
	first, rest, ok := strings.Cut(body, "\n\n")
	if top {
		return para + "\n\n" + body
	}
	if !ok {
		return body + "\n\n" + para
	}
	return first + "\n\n" + para + "\n\n" + rest
}

// currentName names what is in force in place of p, a provision of a
// replaced version: 2024年修正后的《监察法》第五十六条, or the version's name.
func currentName(kb *knowledge.KB, p *knowledge.Provision) string {
	d := p.Doc
	cur := kb.Current(d)
	if cur == d {
		return d.SupersededBy
	}
	name := amendedAs(cur) + docName(cur)
	if twin := currentTwin(kb, p); twin != nil {
		return name + twin.Article
	}
	if r, ok := renumbering(kb, d, cur, p.Number, p.Sub); ok {
		return name + r.New
	}
	return name
}
