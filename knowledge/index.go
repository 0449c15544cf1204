package knowledge

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Index is the in-memory search index of a knowledge base: BM25 over Han
// unigrams and bigrams, letter and digit words and domain phrases, with two
// separate ranked lists, one for provisions and one for cases. It is
// read-only once built and safe for concurrent use.
//
// Provisions are indexed on their document's title, their chapter, their
// section heading (for documents without articles) and their text; cases on
// title, facts, handling, reasons, field and region. Queries are expanded
// with the synonym table (see analyze), a 第X条 label after a document's name
// pins that article to the top (see pinned), and a relevance floor keeps
// unrelated passages out (see floorCoverage).
type Index struct {
	kb         *KB
	lx         *lexicon
	syn        [][]string         // normalized synonym groups
	synW       []float32          // per group: the weight of the words it adds
	synBuiltin []bool             // per group: from the built-in thesaurus
	synFirst   map[rune][]synWord // every synonym word by its first rune, to find them in one pass
	// synStart has bit r%4096 set when some synonym word may start with r:
	// most of a text's characters are passed over without a map look-up.
	synStart [64]uint64
	synPlans [][]synPlan // per group and word: the word analysed once (see synPlan)
	synBase  []int       // per group: the number of its first word among all the groups' words
	synWords int         // the number of words of all the groups

	prov     *postings
	provs    []*Provision
	provDoc  []uint32  // document index of each provision
	shape    []formSet // per provision: the question forms it answers (see questionForms)
	ver      *versions
	docFirst []uint32 // index in provs of each document's first provision
	docCore  []string // each document's name core (see nameCore)
	names    *docNames
	cited    []bool // per document: cited by another (large collections only; see citedBoost)

	cases    *postings
	caseList []*Case
}

// SearchOptions narrows and sizes a search.
//
// Levels, Statuses and Region filter provisions by their document; Region,
// Fields and Outcomes filter cases. An empty filter lets everything through.
// Region keeps what applies in that region: national documents and cases
// (region 全国 or empty) plus those whose region names the same place, a
// place within it or the place it lies within, judged by name (浙江 keeps
// 浙江省 and 浙江省杭州市; 杭州 keeps 浙江省杭州市; 浙江省杭州市 keeps
// 浙江省); administrative suffixes such as 省, 市 and 自治区 are ignored.
type SearchOptions struct {
	Limit    int // maximum hits; 0 means 10
	Levels   []string
	Region   string
	Statuses []string
	Fields   []string
	Outcomes []string
	NoFloor  bool // return matches below the relevance floor too
}

// ProvisionHit is one provision found by a search.
type ProvisionHit struct {
	Provision *Provision
	Score     float64
}

// CaseHit is one case found by a search.
type CaseHit struct {
	Case  *Case
	Score float64
}

const defaultLimit = 10

// Field weights of a provision (BM25F), in units of 1/tfUnit per occurrence:
// a word of the chapter heading (政务处分的种类和适用) says what every article
// under it is about, and counts more than one in the text; the document's
// title, repeated on every article of a long law, counts less.
const (
	titleWeight   = tfUnit
	chapterWeight = 2 * tfUnit
	headingWeight = tfUnit
	textWeight    = tfUnit
	// lawTitleWeight is titleWeight in a large collection, where the
	// title is what tells the laws that share a question's words apart (a
	// question about 复议 is about the 行政复议法 before an article of
	// another law on appeals): measured on the three law dev files, MRR@10
	// 0.638 → 0.640, 0.623 → 0.629 and 0.514 → 0.522 at twice the weight
	// (at 1.5 times 0.639, 0.633, 0.521; at half the weight all three lost).
	lawTitleWeight = 2 * tfUnit
)

// rerankDepth is how many candidates the question form and version priors
// reorder before the list is cut to the limit. In a law collection a deeper
// list gives the law support (see lawSupport) more of each law's articles
// to count: measured on the 160 law dev questions, MRR@10 0.584 at 40,
// 0.587 at 60, 0.584 at 80 and 0.585 at 120; on the 68 of them that were
// measured before anything was tuned on them, 0.511 at 40 and 0.521 at 60
// (the first 92, 0.637 and 0.636); the five vocabulary questions 0.444 →
// 0.469. The median query takes
// about a tenth longer; the default knowledge base's measures are unchanged.
const rerankDepth = 60

// NewIndex builds the index of a knowledge base; a nil one gives an empty
// index.
func NewIndex(kb *KB) *Index {
	if kb == nil {
		kb = New(nil, nil, nil)
	}
	ix := &Index{kb: kb, lx: newLexicon(kb.Terms)}
	size, nprov := 0, 0
	for _, d := range kb.Documents {
		nprov += len(d.Provisions)
		for _, p := range d.Provisions {
			size += len(p.Text) + len(p.Chapter)
		}
	}
	groups, builtin := searchSynonyms(kb, nprov >= uniDropMinDocs)
	for gi, g := range groups {
		var ng []string
		for _, w := range g {
			if w = strings.TrimSpace(Normalize(w)); w != "" && !slices.Contains(ng, w) {
				ng = append(ng, w)
			}
		}
		if len(ng) > 1 {
			ix.syn = append(ix.syn, ng)
			ix.synW = append(ix.synW, synWeight)
			ix.synBuiltin = append(ix.synBuiltin, gi < builtin)
			if gi < builtin {
				ix.synW[len(ix.synW)-1] = thesaurusWeight
			}
		}
	}
	ix.synFirst = map[rune][]synWord{}
	for gi, g := range ix.syn {
		for wi, w := range g {
			r, _ := utf8.DecodeRuneInString(w)
			ix.synFirst[r] = append(ix.synFirst[r], synWord{w, gi, wi})
			ix.synStart[(r>>6)&63] |= 1 << (r & 63)
		}
	}

	tw := uint32(titleWeight)
	if nprov >= uniDropMinDocs {
		tw = lawTitleWeight
	}
	b := newBuilder(ix.lx, tw, chapterWeight, headingWeight, textWeight)
	ix.names = newDocNames()
	ix.ver = newVersions(kb.Documents)
	b.reserve(size)
	for di, d := range kb.Documents {
		ix.docFirst = append(ix.docFirst, uint32(len(ix.provs)))
		ix.docCore = append(ix.docCore, nameCore(d.Title))
		ix.names.add(uint32(di), d)
		for _, p := range d.Provisions {
			heading := ""
			if p.Number == 0 {
				heading = p.Article
			}
			b.add(p.Document, p.Chapter, heading, p.Text)
			ix.provs = append(ix.provs, p)
			ix.provDoc = append(ix.provDoc, uint32(di))
			ix.shape = append(ix.shape, shapeOf(p))
		}
	}
	ix.prov = b.finish()
	if ix.prov.ndocs >= uniDropMinDocs {
		ix.cited = citedDocs(kb.Documents)
	}

	b = newBuilder(ix.lx)
	for _, c := range kb.Cases {
		b.add(c.Title, c.Facts, c.Handling, c.Reasons, c.Field, c.Region)
		ix.caseList = append(ix.caseList, c)
	}
	ix.cases = b.finish()
	ix.planSynonyms()
	return ix
}

// KB returns the knowledge base the index was built from.
func (ix *Index) KB() *KB { return ix.kb }

// Provisions returns the provisions matching a query, best first.
func (ix *Index) Provisions(query string, opt SearchOptions) []ProvisionHit {
	q := ix.analyze(query)
	defer q.release()
	return ix.provisionHits(q, opt)
}

func (ix *Index) provisionHits(q *qplan, opt SearchOptions) []ProvisionHit {
	r := ix.prov.resolve(q)
	allow := ix.provisionFilter(opt)
	pinned := ix.pinned(q, r, allow)
	hits := ix.prov.search(r, max(limit(opt), rerankDepth), allow, !opt.NoFloor, pinned)
	ix.prov.dedupeSynonyms(r, hits, pinned)
	if ix.prov.ndocs >= uniDropMinDocs {
		hits = ix.withArticlesOf(r, q.named, hits, pinned, allow)
		ix.prov.reweighSingles(r, hits, pinned)
	}
	hits = ix.rerank(q, hits, pinned, limit(opt))
	r.release()
	out := make([]ProvisionHit, len(hits))
	for i, h := range hits {
		out[i] = ProvisionHit{Provision: ix.provs[h.doc], Score: h.score}
	}
	return out
}

// Cases returns the cases matching a query, best first.
func (ix *Index) Cases(query string, opt SearchOptions) []CaseHit {
	q := ix.analyzeFor(query, false)
	r := ix.cases.resolve(q)
	hits := ix.cases.search(r, limit(opt), ix.caseFilter(opt), !opt.NoFloor, nil)
	r.release()
	q.release()
	out := make([]CaseHit, len(hits))
	for i, h := range hits {
		out[i] = CaseHit{Case: ix.caseList[h.doc], Score: h.score}
	}
	return out
}

func limit(opt SearchOptions) int {
	if opt.Limit <= 0 {
		return defaultLimit
	}
	return opt.Limit
}
