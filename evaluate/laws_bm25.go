package evaluate

import (
	"math"
	"sort"

	"rongcuo/knowledge"
)

// LawBaseline is the yardstick of the law measures: textbook BM25 (k1 1.2,
// b 0.75) over knowledge.Tokenize's tokens (Han unigrams and bigrams, letter
// and digit words, after the same normalization as the product) of each
// provision's document title, chapter and text run together. No field
// weights, no synonyms, no phrases, no query analysis, no floor: whatever the
// product adds on top of this must earn its place against it.
type LawBaseline struct {
	ids   []string
	terms map[string]int32
	docs  [][]int32 // per term: documents, ascending
	tfs   [][]uint16
	idf   []float64
	norm  []float64 // per document: k1(1-b+b·len/avglen)

	acc     []float64 // per document score of the query being ranked
	touched []int32
}

const (
	baselineK1 = 1.2
	baselineB  = 0.75
)

// NewLawBaseline indexes every provision of a knowledge base.
func NewLawBaseline(kb *knowledge.KB) *LawBaseline {
	b := &LawBaseline{terms: map[string]int32{}}
	var lens []int
	for _, d := range kb.Documents {
		for _, p := range d.Provisions {
			doc := int32(len(b.ids))
			b.ids = append(b.ids, p.ID)
			n := 0
			for _, f := range []string{d.Title, p.Chapter, p.Text} {
				for _, t := range knowledge.Tokenize(f) {
					id, ok := b.terms[t]
					if !ok {
						id = int32(len(b.docs))
						b.terms[t] = id
						b.docs = append(b.docs, nil)
						b.tfs = append(b.tfs, nil)
					}
					if l := len(b.docs[id]); l > 0 && b.docs[id][l-1] == doc {
						b.tfs[id][l-1] = min(b.tfs[id][l-1]+1, math.MaxUint16-1)
					} else {
						b.docs[id] = append(b.docs[id], doc)
						b.tfs[id] = append(b.tfs[id], 1)
					}
					n++
				}
			}
			lens = append(lens, n)
		}
	}
	var sum float64
	for _, l := range lens {
		sum += float64(l)
	}
	avg := max(sum/float64(max(len(lens), 1)), 1)
	b.norm = make([]float64, len(lens))
	for d, l := range lens {
		b.norm[d] = baselineK1 * (1 - baselineB + baselineB*float64(l)/avg)
	}
	n := float64(len(lens))
	b.idf = make([]float64, len(b.docs))
	for t, ds := range b.docs {
		df := float64(len(ds))
		b.idf[t] = math.Log(1 + (n-df+0.5)/(df+0.5))
	}
	return b
}

// Rank returns the ids of the k provisions with the highest BM25 score for
// the question (each distinct query token counted once), best first; ties
// go to the earlier provision. It is not safe for concurrent use.
func (b *LawBaseline) Rank(question string, k int) []string {
	if k <= 0 {
		return nil
	}
	if len(b.acc) != len(b.ids) {
		b.acc = make([]float64, len(b.ids))
	}
	seen := map[int32]bool{}
	for _, t := range knowledge.Tokenize(question) {
		id, ok := b.terms[t]
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		w := b.idf[id] * (baselineK1 + 1)
		for i, d := range b.docs[id] {
			f := float64(b.tfs[id][i])
			if b.acc[d] == 0 {
				b.touched = append(b.touched, d)
			}
			b.acc[d] += w * f / (f + b.norm[d])
		}
	}
	// The k best, kept sorted by insertion: k is small.
	top := make([]int32, 0, k+1)
	better := func(a, c int32) bool {
		if b.acc[a] != b.acc[c] {
			return b.acc[a] > b.acc[c]
		}
		return a < c
	}
	for _, d := range b.touched {
		if len(top) == k && !better(d, top[k-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return better(d, top[i]) })
		top = append(top, 0)
		copy(top[i+1:], top[i:])
		top[i] = d
		if len(top) > k {
			top = top[:k]
		}
	}
	out := make([]string, len(top))
	for i, d := range top {
		out[i] = b.ids[d]
	}
	for _, d := range b.touched {
		b.acc[d] = 0
	}
	b.touched = b.touched[:0]
	return out
}
