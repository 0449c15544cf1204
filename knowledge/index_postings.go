package knowledge

import "math"

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// Unigrams whose document frequency exceeds 1/uniDropFraction of the
// documents keep no postings once an index has uniDropMinDocs documents:
// they are covered by bigrams wherever they sit in a longer run, carry
// almost no weight, and their lists are the longest of all.
const (
	uniDropFraction = 8
	uniDropMinDocs  = 2000
)

// tfUnit is what one occurrence of a term in a field of weight 1 adds to its
// stored term frequency; fields weigh more or less in multiples of 1/tfUnit
// (see builder.weights), and scores divide the stored value by tfUnit.
const tfUnit = 4

// Term kinds.
const (
	kindUni uint8 = iota
	kindBi
	kindWord
	kindPhrase
)

// vocab maps terms to dense ids, built once per index.
type vocab struct {
	uni  []uint32          // BMP rune → id+1
	pair pairTable         // bigram, or a unigram outside the BMP
	str  map[string]uint32 // words and phrases (never Han-only words, so no clash)
	kind []uint8           // term kinds, needed only while building
}

func newVocab() *vocab {
	return &vocab{uni: make([]uint32, 0x10000), str: map[string]uint32{}}
}

func pairKey(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }

// lookup returns the id of a term, or -1. For kindUni and kindBi the term is
// given by its runes, for the others by its text.
func (v *vocab) lookup(kind uint8, a, b rune, text string) int32 {
	switch kind {
	case kindUni:
		if a < 0x10000 {
			return int32(v.uni[a]) - 1
		}
		if id, ok := v.pair.get(uint64(a)); ok {
			return int32(id)
		}
	case kindBi:
		if id, ok := v.pair.get(pairKey(a, b)); ok {
			return int32(id)
		}
	default:
		if id, ok := v.str[text]; ok {
			return int32(id)
		}
	}
	return -1
}

func (v *vocab) next(kind uint8) uint32 {
	v.kind = append(v.kind, kind)
	return uint32(len(v.kind) - 1)
}

func (v *vocab) uniID(r rune) uint32 {
	if r < 0x10000 {
		if id := v.uni[r]; id != 0 {
			return id - 1
		}
		id := v.next(kindUni)
		v.uni[r] = id + 1
		return id
	}
	if id, ok := v.pair.get(uint64(r)); ok {
		return id
	}
	id := v.next(kindUni)
	v.pair.put(uint64(r), id)
	return id
}

func (v *vocab) biID(a, b rune) uint32 {
	k := pairKey(a, b)
	if id, ok := v.pair.get(k); ok {
		return id
	}
	id := v.next(kindBi)
	v.pair.put(k, id)
	return id
}

func (v *vocab) strID(kind uint8, b []byte) uint32 {
	if id, ok := v.str[string(b)]; ok {
		return id
	}
	id := v.next(kind)
	v.str[string(b)] = id
	return id
}

// postings is a compact inverted index: the postings of term t are
// docs[off[t]:off[t+1]] (ascending document numbers) with their term
// frequencies in tfs. There are no per-term slices or pointers, so the
// garbage collector sees a handful of large arrays.
type postings struct {
	v      *vocab
	off    []uint32
	docs   []uint32
	tfs    []uint8   // term frequency in units of 1/tfUnit, field weights applied
	idf    []float32 // BM25 idf, from the document frequency even where postings were dropped
	maxImp []float32 // the largest tf factor tf(k1+1)/(tf+norm) over the postings
	norm   []float32 // per document: k1(1-b+b·len/avglen)
	ndocs  int
}

func (p *postings) list(t int32) (docs []uint32, tfs []uint8) {
	a, b := p.off[t], p.off[t+1]
	return p.docs[a:b], p.tfs[a:b]
}

// builder collects documents in order and produces postings. Each document's
// distinct terms are written to a flat stream; finish sorts the stream into
// postings by counting, so no term ever owns a growing slice.
type builder struct {
	lx *lexicon
	v  *vocab
	sc scanner

	weights []uint32 // per field position: units one occurrence adds (tfUnit when absent)
	w       uint32   // the weight of the field being read

	seen  []uint32 // term → 1 + the document where it was last seen
	slot  []uint32 // term → its index in cur
	cur   []uint32 // distinct terms of the current document
	curTF []uint32
	ndoc  uint32
	dlen  uint32
	occ   []phraseOcc
	skip  []bool

	ids    []uint32 // the stream: distinct terms of every document, in order
	tfs    []uint8
	docEnd []uint32 // end of each document's part of the stream
	dlens  []uint32
	df     []uint32
}

// reserve sizes the term stream for documents of about n bytes of text in
// all, so that building a large collection does not copy it over and over
// as it grows: a Han character is three bytes and adds at most two terms.
func (b *builder) reserve(n int) {
	n = n / 3 * 2
	b.ids = make([]uint32, 0, n)
	b.tfs = make([]uint8, 0, n)
}

// newBuilder returns a builder whose documents are made of fields weighted
// as given, in units of 1/tfUnit per occurrence; fields past the list weigh
// one whole occurrence.
func newBuilder(lx *lexicon, weights ...uint32) *builder {
	return &builder{lx: lx, v: newVocab(), weights: weights}
}

func (b *builder) hit(id uint32) {
	if int(id) >= len(b.seen) {
		n := max(2*len(b.seen), int(id)+1, 1024)
		b.seen = append(b.seen, make([]uint32, n-len(b.seen))...)
		b.slot = append(b.slot, make([]uint32, n-len(b.slot))...)
	}
	if b.seen[id] != b.ndoc+1 {
		b.seen[id] = b.ndoc + 1
		b.slot[id] = uint32(len(b.cur))
		b.cur = append(b.cur, id)
		b.curTF = append(b.curTF, b.w)
		return
	}
	b.curTF[b.slot[id]] += b.w
}

// add indexes one document made of the given fields; fields never run into
// each other (no bigram spans two fields).
func (b *builder) add(fields ...string) {
	for i, f := range fields {
		b.w = tfUnit
		if i < len(b.weights) {
			b.w = b.weights[i]
		}
		if b.w > 0 {
			b.sc.scan(f, b.han, b.word)
		}
	}
	for i, id := range b.cur {
		if int(id) >= len(b.df) {
			b.df = append(b.df, make([]uint32, max(int(id)+1-len(b.df), len(b.df)))...)
		}
		b.df[id]++
		b.ids = append(b.ids, id)
		b.tfs = append(b.tfs, uint8(max(min(b.curTF[i], math.MaxUint8), 1)))
	}
	b.docEnd = append(b.docEnd, uint32(len(b.ids)))
	b.dlens = append(b.dlens, max(b.dlen, 1))
	b.cur, b.curTF, b.dlen = b.cur[:0], b.curTF[:0], 0
	b.ndoc++
}

func (b *builder) han(run []rune) {
	b.occ = b.lx.find(run, b.occ)
	b.skip = b.skip[:0]
	for _, o := range b.occ {
		switch {
		case !o.domain:
			b.hit(b.phraseID(o.entry))
		case o.accidental && o.end-o.start == 2:
			if len(b.skip) == 0 {
				b.skip = append(b.skip, make([]bool, len(run))...)
			}
			b.skip[o.start] = true
		case !o.accidental && o.end-o.start > 2:
			b.hit(b.phraseID(o.entry))
		}
	}
	for i, r := range run {
		b.hit(b.v.uniID(r))
		if i+1 < len(run) && (len(b.skip) == 0 || !b.skip[i]) {
			b.hit(b.v.biID(r, run[i+1]))
		}
	}
	b.dlen += uint32(max(len(run)-1, 1))
}

func (b *builder) phraseID(e int32) uint32 {
	text := b.lx.entries[e].text
	if id, ok := b.v.str[text]; ok {
		return id
	}
	id := b.v.next(kindPhrase)
	b.v.str[text] = id
	return id
}

func (b *builder) word(w []byte) {
	b.hit(b.v.strID(kindWord, w))
	b.dlen++
}

// finish turns the stream into postings and computes the BM25 statistics.
func (b *builder) finish() *postings {
	nterms := len(b.v.kind)
	b.df = append(b.df, make([]uint32, max(nterms-len(b.df), 0))...)[:nterms]
	ndocs := len(b.docEnd)
	p := &postings{v: b.v, ndocs: ndocs}

	dropDF := uint32(math.MaxUint32)
	if ndocs >= uniDropMinDocs {
		dropDF = uint32(ndocs / uniDropFraction)
	}
	kept := func(t int) bool { return b.v.kind[t] != kindUni || b.df[t] <= dropDF }

	p.off = make([]uint32, nterms+1)
	for t := 0; t < nterms; t++ {
		n := uint32(0)
		if kept(t) {
			n = b.df[t]
		}
		p.off[t+1] = p.off[t] + n
	}
	total := p.off[nterms]
	p.docs = make([]uint32, total)
	p.tfs = make([]uint8, total)
	fill := make([]uint32, nterms)
	copy(fill, p.off[:nterms])
	start := uint32(0)
	for d, end := range b.docEnd {
		for i := start; i < end; i++ {
			t := b.ids[i]
			if !kept(int(t)) {
				continue
			}
			p.docs[fill[t]] = uint32(d)
			p.tfs[fill[t]] = b.tfs[i]
			fill[t]++
		}
		start = end
	}

	var sum float64
	for _, l := range b.dlens {
		sum += float64(l)
	}
	avg := max(sum/float64(max(ndocs, 1)), 1)
	p.norm = make([]float32, ndocs)
	for d, l := range b.dlens {
		p.norm[d] = float32(bm25K1 * (1 - bm25B + bm25B*float64(l)/avg))
	}
	p.idf = make([]float32, nterms)
	p.maxImp = make([]float32, nterms)
	for t := 0; t < nterms; t++ {
		p.idf[t] = bm25IDF(ndocs, int(b.df[t]))
		var m float32
		for i := p.off[t]; i < p.off[t+1]; i++ {
			tf := float32(p.tfs[i]) / tfUnit
			if f := tf * (bm25K1 + 1) / (tf + p.norm[p.docs[i]]); f > m {
				m = f
			}
		}
		p.maxImp[t] = m
	}
	b.v.kind = nil // only the build needs the kinds
	*b = builder{}
	return p
}

func bm25IDF(n, df int) float32 {
	return float32(math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5)))
}
