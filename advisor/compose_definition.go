package advisor

func (a *Advisor) composeDefinition(r *Reading, adv *Advice) string {
	cites := a.selectCitations(r, 3)
	if len(cites) == 0 {
		return nothingFound(r.Question)
	}
	var b answerBuilder
	first := cites[0]
	q := chooseQuoteN(first, r.Question, maxDefinitionQuote)
	if first.Verified {
		b.para("**简要回答**", citeName(first)+"：“"+q.Text+"”"+tail(q))
	} else {
		b.para("**简要回答**", citationLine(first, q))
	}
	adv.Citations = append(adv.Citations, Citation{ID: first.ID, Document: docTitle(first), Article: first.Article, Quote: q.Text, Verified: first.QuoteVerified(q.Text)})
	if len(cites) > 1 {
		sec := a.citationSection(r, cites[1:], adv)
		sec[0] = "**相关规定**"
		b.para(sec...)
	}
	b.para(a.caseSection(r, adv, preferReal)...)
	b.para(disclaimer)
	return b.String()
}

// preferReal ranks nothing above anything else by outcome; with the
// real-before-illustrative rule of caseSection, a definition's example is a
// real case when one matches.
func preferReal(string) int { return 0 }
