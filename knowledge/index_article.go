package knowledge

import (
	"strings"
	"unicode/utf8"
)

// Article references: a query such as "问责条例第十七条" names a document and
// an article. The name is matched against the ends of document titles and
// short names (问责条例 ends 中国共产党问责条例, 政务处分法 ends
// 中华人民共和国公职人员政务处分法), and the article found is pinned above
// every other hit, so the cadre gets the provision asked for even when its
// wording shares little with the query.
//
// Only part of the name may match when the rest is not part of a title: the
// matched ending must then be a document's full name (its title or short
// name, with or without 中华人民共和国 / 中国共产党 and a trailing
// parenthesis), or the rest must end with a word that introduces a name
// (根据, 依照, 关于 …). So 根据问责条例 finds 问责条例, while 纪律处分条例
// does not pin 行政机关公务员处分条例 merely because both end in 处分条例.

// genericNameEnds are title endings that name a kind of document, not one
// document; a query naming only these does not pin anything.
var genericNameEnds = map[string]bool{
	"条例": true, "办法": true, "规定": true, "决定": true, "意见": true, "通知": true,
	"细则": true, "规则": true, "准则": true, "纲要": true, "解释": true, "措施": true,
	"本法": true, "该法": true, "法律": true, "本条例": true, "实施条例": true,
	"实施办法": true, "实施细则": true, "暂行办法": true, "暂行规定": true, "若干规定": true,
}

// nationalPrefixes are dropped from titles to form the names cadres use.
var nationalPrefixes = []string{"中华人民共和国", "中国共产党"}

// nameLeads are words that come right before a document's name in a
// question.
var nameLeads = []string{"根据", "依据", "依照", "按照", "参照", "对照", "关于", "违反", "适用", "了解", "查询", "请问", "看看", "问问", "想问"}

// maxNameRunes bounds the name endings stored per title.
const maxNameRunes = 30

// docNames finds documents by the end of their name.
type docNames struct {
	ends  map[string][]uint32 // every ending of every name → documents
	full  map[string]bool     // the full names
	exact map[string][]uint32 // the full names → their documents
	last  map[rune]bool       // the last characters of the full names
}

func newDocNames() *docNames {
	return &docNames{ends: map[string][]uint32{}, full: map[string]bool{}, exact: map[string][]uint32{}, last: map[rune]bool{}}
}

// add records the names of a document and all their endings.
func (dn *docNames) add(di uint32, d *Document) {
	for _, name := range []string{d.Title, d.Short} {
		name = strings.ReplaceAll(Normalize(name), " ", "")
		for _, n := range []string{name, stripParen(name)} {
			forms := []string{n}
			for _, p := range nationalPrefixes {
				if t, ok := strings.CutPrefix(n, p); ok && t != "" {
					forms = append(forms, t)
				}
			}
			for _, f := range forms {
				if !genericNameEnds[f] && f != "" {
					dn.full[f] = true
					if l := dn.exact[f]; len(l) == 0 || l[len(l)-1] != di {
						dn.exact[f] = append(l, di)
					}
					r, _ := utf8.DecodeLastRuneInString(f)
					dn.last[r] = true
				}
			}
			rs := []rune(n)
			for i := max(len(rs)-maxNameRunes, 0); i <= len(rs)-2; i++ {
				end := string(rs[i:])
				if genericNameEnds[end] {
					continue
				}
				if l := dn.ends[end]; len(l) == 0 || l[len(l)-1] != di {
					dn.ends[end] = append(l, di)
				}
			}
		}
	}
}

// stripParen drops a trailing parenthesised part of a title.
func stripParen(s string) string {
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "）") {
		return s
	}
	if i := strings.LastIndexAny(s, "(（"); i > 0 {
		return s[:i]
	}
	return s
}

// find returns the documents a name before 第X条 refers to: those whose
// name ends with the longest ending of the name that any document has,
// under the rule above.
func (dn *docNames) find(name string) []uint32 {
	rs := []rune(name)
	for i := 0; i <= len(rs)-2; i++ {
		end := string(rs[i:])
		docs := dn.ends[end]
		if len(docs) == 0 {
			continue
		}
		if i == 0 || dn.full[end] || hasLead(string(rs[:i])) {
			return docs
		}
		return nil
	}
	return nil
}

func hasLead(s string) bool {
	for _, l := range nameLeads {
		if strings.HasSuffix(s, l) {
			return true
		}
	}
	return false
}

// pinned returns the provisions a query asks for by document and article,
// scored above anything the text alone can score.
func (ix *Index) pinned(q *qplan, r *resolved, allow func(uint32) bool) []scored {
	var out []scored
	for _, ref := range q.refs {
		for _, di := range ix.names.find(ref.name) {
			for j, p := range ix.kb.Documents[di].Provisions {
				pi := ix.docFirst[di] + uint32(j)
				if p.Number != ref.number || p.Sub != ref.sub || (allow != nil && !allow(pi)) || hasDoc(out, pi) {
					continue
				}
				out = append(out, scored{doc: pi})
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	// A pinned article outranks anything the text alone can score (at most
	// sumUB), and the version in force (see versions) outranks older ones.
	for i := range out {
		base := r.sumUB + 1
		if ix.ver.factor(ix.kb.Documents, ix.provDoc[out[i].doc], q.year, q.oldText) == 1 {
			base *= 2
		}
		out[i].score = base + ix.prov.exactScore(r, out[i].doc)
	}
	return out
}

func hasDoc(s []scored, d uint32) bool {
	for _, x := range s {
		if x.doc == d {
			return true
		}
	}
	return false
}
