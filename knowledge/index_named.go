package knowledge

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Named laws, in a large collection. A question that names a law in full
// (根据《行政处罚法》…, 公务员法里…) asks about that law: its articles and
// those of its other versions are all scored, whether or not the first
// stage found them, and raised by namedBoost. The name itself is left out
// of the words searched: its characters are in every article of the law
// (the title field) and in the articles of every other law that cites it,
// so they say nothing about which article answers, and a long name
// (生产安全事故报告和调查处理条例) would outweigh the rest of the
// question.
const namedBoost = 2.0

// nameRunsOn reports whether a name ending in 法 runs on into a word
// (公司法定代表人, 劳动法律, 会计法规, 公司法人): the 法 belongs to the next
// word, and the name is no name. 法规定 is the name and 规定.
func nameRunsOn(last rune, rest string) bool {
	if last != '法' {
		return false
	}
	next, size := utf8.DecodeRuneInString(rest)
	switch next {
	case '律', '定', '人', '院', '官', '治', '制', '务', '庭', '理', '学':
		return true
	case '规':
		return !strings.HasPrefix(rest[size:], "定")
	}
	return false
}

// namedLaws returns the documents a normalized question names in full,
// appended to out, and the question with the names blanked out. A name is
// a document's title or short name, with or without 中华人民共和国 and a
// trailing parenthesis, of three characters or more (two for 刑法, 宪法);
// the longest one ending at a place wins. The question is kept whole when
// nothing but the names would be left of it.
func (ix *Index) namedLaws(text string, out []uint32) ([]uint32, string) {
	dn := ix.names
	var spans [][2]int // byte ranges of the names found
	end := len(text)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !dn.last[r] {
			end -= size
			continue
		}
		found := -1
		start, n := end-size, 1
		for start > 0 && n < maxNameRunes {
			_, s := utf8.DecodeLastRuneInString(text[:start])
			start -= s
			n++
			if (n >= 3 || r == '法') && dn.full[text[start:end]] && !nameRunsOn(r, text[end:]) {
				found = start // keep looking for a longer one
			}
		}
		if found < 0 {
			end -= size
			continue
		}
		for _, d := range dn.exact[text[found:end]] {
			for _, v := range ix.ver.with(d) {
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
		}
		spans = append(spans, [2]int{found, end})
		end = found
	}
	if len(spans) == 0 {
		return out, text
	}
	var b strings.Builder
	at := len(text)
	var parts []string
	for _, sp := range spans { // last first
		parts = append(parts, text[sp[1]:at])
		at = sp[0]
	}
	parts = append(parts, text[:at])
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
		if i > 0 {
			b.WriteString(",")
		}
	}
	content := b.String()
	han := 0
	for _, r := range content {
		if isHan(r) {
			han++
		}
	}
	if han < 2 {
		return out, text
	}
	return out, content
}

// withArticlesOf adds to the candidates every article of the given
// documents that the first stage left out and that matches more than a
// single character of the question, scored by the same BM25.
func (ix *Index) withArticlesOf(r *resolved, docs []uint32, hits, pinned []scored, allow func(uint32) bool) []scored {
	for _, doc := range docs {
		lo := ix.docFirst[doc]
		hi := uint32(len(ix.provs))
		if int(doc)+1 < len(ix.docFirst) {
			hi = ix.docFirst[doc+1]
		}
		score := make([]float64, hi-lo)
		strong := make([]bool, hi-lo)
		for i, id := range r.ids {
			ds, tfs := ix.prov.list(id)
			for j := seek(ds, 0, lo); j < len(ds) && ds[j] < hi; j++ {
				d := ds[j]
				tf := float32(tfs[j]) / tfUnit
				score[d-lo] += float64(r.wi[i] * tf / (tf + ix.prov.norm[d]))
				if !r.weak[i] {
					strong[d-lo] = true
				}
			}
		}
		for k, s := range score {
			d := lo + uint32(k)
			if !strong[k] || hasDoc(pinned, d) || (allow != nil && !allow(d)) || hasDoc(hits, d) {
				continue
			}
			hits = append(hits, scored{doc: d, score: s})
		}
	}
	return hits
}
