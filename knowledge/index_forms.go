package knowledge

import (
	"slices"
	"strings"
)

// Question forms. How a question is asked says what shape of article answers
// it: 分为哪几种 wants the article that enumerates the kinds, 多少天内 the
// one that sets a time limit, 管哪些人 the one that names whom a rule
// covers, 会怎么处理 the one that sets the consequence. Each form has cues
// (in the normalized question) and marks (in an article's text or chapter
// heading: an article of that shape carries one). A candidate of the asked
// shape has its score raised by formBoost. (Adding the marks' words to the
// query as well was tried and measured worse on the law dev questions: they
// pull in every article that says 期限 or 予以.)
//
// Cues and marks are the ordinary wording of questions and of Chinese
// statutes (下列, 种类, 情形, 日内, 期限, 予以, 法律责任 …), not of any one
// law.

type questionForm struct {
	name  string
	cues  []string
	marks []string
}

var questionForms = []questionForm{
	{
		name:  "enumeration",
		cues:  []string{"哪几种", "几种", "哪几类", "几类", "哪些种类", "什么种类", "种类", "分为", "分成", "分哪", "包括哪些", "包括什么", "有哪些方式", "哪些方式", "什么方式"},
		marks: []string{"种类", "分为", "下列", "（一）", "包括", "方式"},
	},
	{
		name:  "condition",
		cues:  []string{"哪些情形", "什么情形", "哪种情形", "哪些情况", "什么情况", "哪种情况", "情况下", "什么条件", "哪些条件", "条件是", "情形"},
		marks: []string{"情形", "条件"},
	},
	{
		name:  "time",
		cues:  []string{"多长时间", "多久", "多少天", "几天", "多少日", "几日", "几个月", "多少个月", "几年", "多少年", "期限", "时限", "多长", "最长", "最迟", "什么时候", "之内", "以内", "有效期", "时效"},
		marks: []string{"日内", "日起", "个月", "年内", "期限", "期间", "时效", "小时", "工作日", "任期", "届满", "不得超过", "有效期"},
	},
	{
		name:  "subject",
		cues:  []string{"管哪些人", "管谁", "谁来管", "谁管", "归谁管", "归哪", "谁负责", "哪个部门", "哪个机关", "哪些部门", "哪些机关", "由谁", "哪些人", "对谁", "适用于哪些", "适用哪些"},
		marks: []string{"下列人员", "下列公职人员", "负责", "主管", "管辖", "适用于", "范围", "对象", "职责"},
	},
	{
		name:  "consequence",
		cues:  []string{"怎么处理", "如何处理", "怎么处罚", "如何处罚", "怎么罚", "罚多少", "什么处分", "哪些处分", "什么处罚", "什么后果", "什么责任", "哪些责任", "承担责任", "承担什么", "要担责", "会被", "受什么", "会怎样", "会怎么", "违法吗", "犯法吗"},
		marks: []string{"予以", "处分", "罚款", "追究", "责令", "吊销", "没收", "法律责任", "处以", "给予"},
	},
}

const (
	// formBoost raises the score of a candidate of the asked shape.
	formBoost = 0.25
)

// formsOf returns the bit set of the forms a normalized question asks in.
func formsOf(text string) uint8 {
	var f uint8
	for i, qf := range questionForms {
		for _, c := range qf.cues {
			if strings.Contains(text, c) {
				f |= 1 << i
				break
			}
		}
	}
	return f
}

// shapeMarks finds the marks of every form in one pass over a text.
type shapeMarks struct {
	byFirst map[rune][]shapeMark
	first   [0x10000 / 64]uint64 // bit set of the marks' first runes (BMP)
}

type shapeMark struct {
	text string
	bit  uint8
}

var marks = func() *shapeMarks {
	m := &shapeMarks{byFirst: map[rune][]shapeMark{}}
	for i, qf := range questionForms {
		for _, s := range qf.marks {
			r := []rune(s)[0]
			m.byFirst[r] = append(m.byFirst[r], shapeMark{s, 1 << i})
			m.first[r/64] |= 1 << (r % 64)
		}
	}
	return m
}()

// in returns the bit set of the forms whose marks occur in s.
func (m *shapeMarks) in(s string) uint8 {
	var bits uint8
	for i, r := range s {
		if r >= 0x10000 || m.first[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		for _, mk := range m.byFirst[r] {
			if bits&mk.bit == 0 && strings.HasPrefix(s[i:], mk.text) {
				bits |= mk.bit
			}
		}
	}
	return bits
}

// shapeOf returns the bit set of the forms an article answers, from its
// text and its chapter heading.
func shapeOf(p *Provision) uint8 {
	return marks.in(p.Text) | marks.in(p.Chapter)
}

// rerank reorders the first candidates of a search by the priors of the
// question (its forms, the versions it asks for) and cuts the list to k.
// Pinned articles keep their place at the top.
func (ix *Index) rerank(q *qplan, hits, pinned []scored, k int) []scored {
	docs := ix.kb.Documents
	for i := range hits {
		if hasDoc(pinned, hits[i].doc) {
			continue
		}
		f := ix.ver.factor(docs, ix.provDoc[hits[i].doc], q.year, q.oldText) * ix.docPrior(q, hits[i].doc)
		if q.forms&ix.shape[hits[i].doc] != 0 {
			f *= 1 + formBoost
		}
		hits[i].score *= f
	}
	if ix.prov.ndocs >= uniDropMinDocs {
		ix.lawSupport(hits, pinned)
	}
	slices.SortStableFunc(hits, func(a, b scored) int {
		pa, pb := hasDoc(pinned, a.doc), hasDoc(pinned, b.doc)
		switch {
		case pa != pb && pa:
			return -1
		case pa != pb:
			return 1
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	return hits[:min(k, len(hits))]
}

// Law support, in a large collection: the candidates of one law back each
// other. A question about 年休假 that finds several articles of the
// 职工带薪年休假条例 among its candidates is about that law, and its
// articles should come before a lone article of an unrelated law that shares
// a stray word with a long question. Each law's support is the sum of its
// candidates' scores, the best first, the i-th divided by i, over its
// lawSupportDepth best; each candidate's score is multiplied by
// 1 + lawSupportWeight times its law's support over the best law's.
// Measured on the law dev questions: MRR@10 0.448 → 0.472.
const (
	lawSupportWeight = 0.6
	lawSupportDepth  = 3
)

func (ix *Index) lawSupport(hits, pinned []scored) {
	type law struct {
		doc     uint32
		n       int
		support float64
	}
	var laws []law // few candidates: a slice beats a map
	at := func(d uint32) *law {
		for i := range laws {
			if laws[i].doc == d {
				return &laws[i]
			}
		}
		laws = append(laws, law{doc: d})
		return &laws[len(laws)-1]
	}
	// Each law's candidates are taken best first.
	order := slices.Clone(hits)
	slices.SortFunc(order, func(a, b scored) int {
		if worse(b, a) {
			return -1
		}
		if worse(a, b) {
			return 1
		}
		return 0
	})
	for _, h := range order {
		if hasDoc(pinned, h.doc) {
			continue
		}
		l := at(ix.provDoc[h.doc])
		if l.n < lawSupportDepth {
			l.n++
			l.support += h.score / float64(l.n)
		}
	}
	best := 0.0
	for _, l := range laws {
		best = max(best, l.support)
	}
	if best <= 0 {
		return
	}
	for i := range hits {
		if hasDoc(pinned, hits[i].doc) {
			continue
		}
		hits[i].score *= 1 + lawSupportWeight*at(ix.provDoc[hits[i].doc]).support/best
	}
}

// Document priors of a large collection (an imported law collection, where
// a question mostly concerns the national rules): a local regulation the
// question does not place, a normative document (judicial interpretations,
// ministry rules) and a section of a text without articles (a guide, a
// standard) are each scored a little lower than a national law or
// regulation saying the same. A small knowledge base is curated for its
// users, and none of this applies.
const (
	localFactor     = 0.9
	normativeFactor = 0.9
	sectionFactor   = 0.85
)

func (ix *Index) docPrior(q *qplan, p uint32) float64 {
	if ix.prov.ndocs < uniDropMinDocs {
		return 1
	}
	f := 1.0
	d := ix.kb.Documents[ix.provDoc[p]]
	switch d.Level {
	case LevelLocalLaw:
		if r := regionKey(d.Region); r == "" || !strings.Contains(q.text, r) {
			f *= localFactor
		}
	case LevelNormative:
		f *= normativeFactor
	}
	if ix.provs[p].Number == 0 {
		f *= sectionFactor
	}
	return f
}
