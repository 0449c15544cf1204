package knowledge

// ArticleRef is an article a query names by document and number
// (监察法第四十九条): the documents the name can mean, every version of a law
// among them, and the number.
type ArticleRef struct {
	Docs        []*Document
	Number, Sub int
}

// Label is the article's label: 第四十九条, 第十七条之一.
func (r ArticleRef) Label() string { return ArticleLabel(r.Number, r.Sub) }

// ArticleRefs returns the articles a query names by document and number,
// as the search pins them.
func (ix *Index) ArticleRefs(query string) []ArticleRef {
	_, refs := cutArticleRefs(Normalize(query))
	var out []ArticleRef
	for _, ref := range refs {
		var docs []*Document
		for _, di := range ix.names.find(ref.name) {
			docs = append(docs, ix.kb.Documents[di])
		}
		if len(docs) > 0 {
			out = append(out, ArticleRef{Docs: docs, Number: ref.number, Sub: ref.sub})
		}
	}
	return out
}

// ArticleLabel writes an article label: 第四十九条, 第一百零五条, 第十七条之一.
func ArticleLabel(n, sub int) string {
	s := "第" + FormatNumeral(n) + "条"
	if sub > 0 {
		s += "之" + FormatNumeral(sub)
	}
	return s
}

// FormatNumeral writes 1–9999 in Chinese numerals as statutes number their
// articles: 十七, 一百零五, 一千二百六十.
func FormatNumeral(n int) string {
	if n <= 0 || n > 9999 {
		return ""
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"千", "百", "十", ""}
	parts := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	out := ""
	zero := false
	for i, d := range parts {
		switch {
		case d == 0:
			zero = out != ""
		default:
			if zero {
				out += "零"
				zero = false
			}
			if !(i == 2 && d == 1 && out == "") { // 十七, not 一十七
				out += digits[d]
			}
			out += units[i]
		}
	}
	return out
}
