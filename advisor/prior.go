package advisor

import (
	"sort"
	"strings"

	"rongcuo/knowledge"
)

// Priors adjust the fused ranking by what a cadre can rely on: national rules
// apply to everyone, a province's regulation only there; amended or repealed
// texts are history. The question can lift a local document by naming its
// place or its short name ("湖北的容错办法").

func levelPrior(level string) float64 {
	switch level {
	case knowledge.LevelPartyRule, knowledge.LevelLaw, knowledge.LevelSpeech, knowledge.LevelRegulation:
		return 1
	case knowledge.LevelLocalLaw, knowledge.LevelCommentary:
		return 0.9
	}
	return 0.85
}

// mentions reports whether the question names the document's place or the
// document itself.
func mentions(question string, d *knowledge.Document) bool {
	if d.Short != "" {
		if strings.Contains(question, d.Short) {
			return true
		}
		if rs := []rune(d.Short); len(rs) >= 2 && strings.Contains(question, string(rs[:2])) {
			return true
		}
	}
	for _, stem := range regionStems(d.Region) {
		if strings.Contains(question, stem) {
			return true
		}
	}
	return false
}

// regionStems splits a region such as 云南昆明 or 广东深圳 into the place names a
// question would use: the whole, and each two-character part (provinces and
// most cities are two characters once 省/市 is dropped).
func regionStems(region string) []string {
	region = strings.NewReplacer("省", "", "市", "", "自治区", "", "县", "", "区", "").Replace(region)
	rs := []rune(region)
	if len(rs) < 2 {
		return nil
	}
	out := []string{region}
	if len(rs) >= 4 {
		out = append(out, string(rs[:2]), string(rs[2:]))
	}
	return out
}

// namesDocument reports whether the question names the document by its short
// name or full title.
func (a *Advisor) namesDocument(question string, d *knowledge.Document) bool {
	for _, n := range a.docNames[d.ID] {
		if strings.Contains(question, n) {
			return true
		}
	}
	return false
}

func isNational(d *knowledge.Document) bool {
	return d == nil || d.Region == "" || d.Region == "全国"
}

// applyPriors reweights hits in place and re-sorts them.
func (a *Advisor) applyPriors(hits []knowledge.ProvisionHit, question string) {
	for i := range hits {
		d := hits[i].Provision.Doc
		if d == nil {
			continue
		}
		w := levelPrior(d.Level)
		if a.namesDocument(question, d) {
			// "政务处分法里有容错的规定吗": the cadre asks about this document.
			w *= 1.5
		}
		switch {
		case isNational(d):
		case mentions(question, d):
			w *= 1.3
		default:
			w *= 0.5
		}
		if d.Status != knowledge.StatusCurrent {
			w *= 0.5
		}
		hits[i].Score *= w
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
}
