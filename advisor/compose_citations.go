package advisor

import (
	"strings"

	"rongcuo/knowledge"
)

// selectCitations picks up to n provisions to cite: the best ranked, at most
// two from one document, commentaries only when nothing else is found, and
// current documents before amended or repealed ones.
func (a *Advisor) selectCitations(r *Reading, n int) []*knowledge.Provision {
	var out, spare []*knowledge.Provision
	perDoc := map[string]int{}
	for i, h := range r.Provisions {
		// Far below the best match is filler, not a basis.
		if i > 0 && h.Score < citeFloor*r.Provisions[0].Score {
			break
		}
		p := h.Provision
		doc := p.Doc
		if doc != nil && (doc.Status != knowledge.StatusCurrent || isTranslation(p)) {
			spare = append(spare, p)
			continue
		}
		if perDoc[p.DocID] >= 2 {
			continue
		}
		perDoc[p.DocID]++
		out = append(out, p)
		if len(out) == n {
			return out
		}
	}
	for _, p := range spare {
		if len(out) == n {
			break
		}
		out = append(out, p)
	}
	return out
}

// isTranslation reports a passage that is mostly not Chinese, such as an
// official English translation kept for reference; answers quote the Chinese.
func isTranslation(p *knowledge.Provision) bool {
	// Spaces count for neither: the trimmed text's shape, which is kept,
	// says the same.
	return textShapeOf(strings.TrimSpace(p.Text)).translation
}

func translation(text string) bool {
	han, other := 0, 0
	for _, r := range text {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			han++
		case r > ' ' && r < 0x7F:
			other++
		}
	}
	return other > 2*han
}

// citeFloor: a provision is cited only when its fused score is at least this
// share of the best one's.
const citeFloor = 0.35

func docTitle(p *knowledge.Provision) string {
	if p.Doc != nil && p.Doc.Title != "" {
		return p.Doc.Title
	}
	return p.Document
}

// anchor is how a provision is named after its document: 第十七条, or
// “不予容错情形”部分 for a section.
func anchor(p *knowledge.Provision) string {
	if p.Number > 0 || strings.HasPrefix(p.Article, "第") {
		return p.Article
	}
	if p.Doc != nil && len(p.Doc.Provisions) == 1 {
		return ""
	}
	return "“" + p.Article + "”部分"
}

// citeName names a provision in an answer: 《中国共产党问责条例》第十七条; a
// long title gives way to its short name; a speech is named as cadres know it,
// “三个区分开来”（2016年1月讲话）.
func citeName(p *knowledge.Provision) string {
	d := p.Doc
	if d == nil {
		return "《" + p.Document + "》" + anchor(p)
	}
	if d.Level == knowledge.LevelSpeech && d.Short != "" {
		return "“" + d.Short + "”（" + yearMonth(d.Effective) + "讲话）"
	}
	title := d.Title
	if len([]rune(title)) > 24 && d.Short != "" {
		title = d.Short
	}
	return "《" + title + "》" + anchor(p)
}

// yearMonth renders 2016-01 as 2016年1月, 2016 as 2016年.
func yearMonth(date string) string {
	parts := strings.Split(date, "-")
	if len(parts) == 0 || parts[0] == "" {
		return ""
	}
	out := parts[0] + "年"
	if len(parts) > 1 {
		out += strings.TrimPrefix(parts[1], "0") + "月"
	}
	return out
}

// citationSection writes 依据 and fills adv.Citations.
func (a *Advisor) citationSection(r *Reading, cites []*knowledge.Provision, adv *Advice) []string {
	if len(cites) == 0 {
		return nil
	}
	lines := []string{"**依据**"}
	if r.terms == nil {
		// The bigrams of the case and of the concept queries (fixed texts,
		// whose bigrams are kept).
		norm := r.norm // Normalize(r.CaseText), unless the reading was made by hand
		if norm == "" {
			norm = knowledge.Normalize(r.CaseText)
		}
		extra := 0
		for _, cq := range r.concepts {
			extra += len(segmentBigrams(cq.text))
		}
		r.terms = normBigrams(norm, extra)
		for _, cq := range r.concepts {
			for _, b := range segmentBigrams(cq.text) {
				r.terms.add(b)
			}
		}
	}
	for _, p := range cites {
		q := chooseQuoteTerms(p, r.terms, maxQuoteRunes)
		adv.Citations = append(adv.Citations, Citation{ID: p.ID, Document: docTitle(p), Article: p.Article, Quote: q.Text, Verified: p.QuoteVerified(q.Text)})
		lines = append(lines, "- "+citationLine(p, q)+supersededNote(a.ix.KB(), p))
	}
	return lines
}

// citationLine quotes verified wording and marks anything else as a
// paraphrase awaiting verification.
func citationLine(p *knowledge.Provision, q quotation) string {
	name := citeName(p)
	if para := p.VerifiedParaOf(q.Text); para > 0 {
		// A paragraph verified word for word in an article that is not.
		return name + "第" + knowledge.FormatNumeral(para) + "款：“" + q.Text + "”" + tail(q)
	}
	if !p.Verified {
		return name + paraphraseMark + "：" + paraphrase(q.Text) + tail(q)
	}
	return name + "：" + q.LeadIn + "“" + q.Text + "”" + tail(q)
}

// paraphraseMark follows the name of a provision whose wording is not
// verified.
const paraphraseMark = "（概括，条文原文待核对）"

// paraphrase is an unverified text as an answer shows it after
// paraphraseMark: without the mark the stored text may open with
// (“（概述，条文原文待核对）”), which would say the same thing twice.
func paraphrase(text string) string {
	for _, mark := range []string{"（概述，条文原文待核对）", paraphraseMark} {
		text = strings.TrimPrefix(text, mark)
	}
	return text
}

func tail(q quotation) string {
	if q.Cut {
		return "……"
	}
	return ""
}

// ---- cases ----
