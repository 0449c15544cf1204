package advisor

import (
	"cmp"
	"slices"
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

// mentionWords are the words by which a question names a local document:
// its place, and distinctive parts of its short name (接诉即办 for
// 北京接诉即办条例, 知识城 for 中新广州知识城条例).
func mentionWords(d *knowledge.Document) []string {
	stems := regionStems(d.Region)
	words := append([]string(nil), stems...)
	rs := []rune(distinctive(d.Short, stems))
	if len(rs) == 2 {
		return append(words, string(rs))
	}
	for i := 0; i+3 <= len(rs); i++ {
		words = append(words, string(rs[i:i+3]))
	}
	return words
}

// genericNameWords are parts of document names that say what kind of
// document it is, not which: they must not make a question "name" it.
var genericNameWords = strings.NewReplacer("容错纠错", "", "容错免责", "", "容错", "", "纠错", "", "实施意见", "", "实施办法", "",
	"暂行办法", "", "若干意见", "", "条例", "", "办法", "", "意见", "", "规定", "", "细则", "", "试行", "", "暂行", "",
	"工作", "", "机制", "", "激励干部担当作为", "", "优化营商环境", "", "促进", "", "省", "", "市", "", "县", "", "州", "")

func distinctive(short string, stems []string) string {
	for _, st := range stems {
		short = strings.ReplaceAll(short, st, "")
	}
	return genericNameWords.Replace(short)
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

func isNational(d *knowledge.Document) bool {
	return d == nil || d.Region == "" || d.Region == "全国"
}

// nonParty: the cadre says they are not a Party member, so Party rules bind
// them less than the law on government sanctions.
var nonParty = mustGuard(`不是党员|非党员|非中共党员|群众身份|民主党派|无党派`)

// applyPriors reweights hits in place and re-sorts them.
func (a *Advisor) applyPriors(hits []knowledge.ProvisionHit, question string) {
	outsideParty := nonParty.MatchString(question)
	found := a.priorWords.find(question)
	// Hits share documents, a few of them: each document's weight is
	// worked out once, and found again by a look along the list.
	type docWeight struct {
		doc *knowledge.Document
		w   float64
	}
	var weights []docWeight
hits:
	for i := range hits {
		d := hits[i].Provision.Doc
		if d == nil {
			continue
		}
		for _, dw := range weights {
			if dw.doc == d {
				hits[i].Score *= dw.w
				continue hits
			}
		}
		w := a.docPrior(d, found, outsideParty)
		weights = append(weights, docWeight{d, w})
		hits[i].Score *= w
	}
	slices.SortStableFunc(hits, func(a, b knowledge.ProvisionHit) int { return cmp.Compare(b.Score, a.Score) })
}

// docWords finds in one pass which documents' names and mention words
// (a.docNames, a.mentionWords) a question holds.
type docWords struct {
	words    []guardWord
	index    *wordIndex
	names    map[string][]int // document ID → its names' word numbers; -1 for an empty name (found in any text)
	mentions map[string][]int // the same for its mention words
}

func newDocWords(names, mentions map[string][]string) *docWords {
	x := &docWords{names: map[string][]int{}, mentions: map[string][]int{}}
	ids := map[string]int{}
	add := func(to map[string][]int, doc string, ws []string) {
		for _, w := range ws {
			if w == "" {
				to[doc] = append(to[doc], -1)
				continue
			}
			id, ok := ids[w]
			if !ok {
				id = len(x.words)
				ids[w] = id
				x.words = append(x.words, guardWord{text: w})
			}
			to[doc] = append(to[doc], id)
		}
	}
	for doc, ws := range names {
		add(x.names, doc, ws)
	}
	for doc, ws := range mentions {
		add(x.mentions, doc, ws)
	}
	x.index = newWordIndex(x.words)
	return x
}

// find returns the words found in s, by number.
func (x *docWords) find(s string) []uint64 {
	found := make([]uint64, (len(x.words)+63)/64)
	x.index.scan(s, x.words, found, scanAll)
	return found
}

// any reports whether one of a document's words is among those found.
func (x *docWords) any(found []uint64, ids []int) bool {
	for _, id := range ids {
		if id < 0 || found[id>>6]&(1<<(id&63)) != 0 {
			return true
		}
	}
	return false
}

// docPrior is the weight of a document's provisions for a question, given
// the document words found in it.
func (a *Advisor) docPrior(d *knowledge.Document, found []uint64, outsideParty bool) float64 {
	w := levelPrior(d.Level)
	if a.priorWords.any(found, a.priorWords.names[d.ID]) { // the question names the document by its short name or full title
		// "政务处分法里有容错的规定吗": the cadre asks about this document.
		w *= 1.5
	}
	switch {
	case isNational(d):
	case a.priorWords.any(found, a.priorWords.mentions[d.ID]): // the question names the document's place or the document
		w *= 1.3
	default:
		w *= 0.5
	}
	if d.Status != knowledge.StatusCurrent {
		w *= 0.5
	}
	if outsideParty && d.Level == knowledge.LevelPartyRule {
		w *= 0.6
	}
	return w
}
