package knowledge

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"sync"
)

// floorCoverage is the relevance floor. Raw BM25 scores are not comparable
// across queries, so the floor is set on two things that are:
//
//   - coverage: the share of the query's informative weight that a passage
//     matches. A term's weight is its query weight times its idf; the whole
//     is the sum over the typed terms that occur somewhere in the index (a
//     term found nowhere — a straddle such as 就签, or a word such as 护照 —
//     can never be matched, so it cannot count against a passage); synonyms
//     add to what a passage matches but not to the whole. A passage must
//     cover at least floorCoverage of the whole;
//   - an anchor: the passage must match at least one unit of the query (see
//     qplan): a domain phrase, a whole one- or two-character word the user
//     typed, a synonym word, an ordinary word of the lexicon, or a common
//     substring of three or more characters not held together by a particle
//     such as 的. Scattered bigrams of a long question are not enough.
//
// A question about something else (今天天气怎么样, 如何办理护照) shares at
// most a word or two of general language with the knowledge base, which
// gives no anchor; a real question matches its domain phrases and longer
// substrings. Coverage then trims passages that match only a sliver of a long
// question. The value was chosen on the dev half of the gold set: at 0.15 the
// floor loses none of the must-cite provisions that unfloored retrieval finds
// in its first ten, and no unrelated question returns anything. In the law
// collection it keeps no answer out of the first ten either: without it the
// first 120 law dev questions score MRR@10 0.610 instead of 0.612 and hit@5
// 0.700 instead of 0.717 (every answer ranked past ten is past ten without
// the floor too), so a floor relative to the best score has nothing to win.
const floorCoverage = 0.15

type scored struct {
	doc   uint32
	score float64
}

// resolved is a query bound to one set of postings, its terms sorted by
// their score upper bound, ascending, as max-score pruning needs.
type resolved struct {
	ids    []int32
	wi     []float32 // query weight · idf · (k1+1)
	ub     []float64 // the term's highest possible contribution
	cov    []float64 // query weight · idf, the term's share of coverage
	weak   []bool    // the term alone never makes a match (see analyzer.singles)
	units  [][]int
	total  float64 // the coverage of a passage matching every typed term
	sumUB  float64
	prefUB []float64 // prefix sums of ub and cov
	prefCv []float64
	syns   []synUse // the query's synonym groups, as resolved indices

	unitBuf []int // the backing array of units
	synBuf  []int // the backing array of syns
}

// rt is a term being resolved.
type rt struct {
	id       int32
	wi       float32
	ub, cov  float64
	original int
	weak     bool
}

// resolving is resolve's scratch space, reused between queries.
type resolving struct {
	at []int
	ts []rt
	// sortByBound's scratch space (the counts too: on a goroutine's
	// small stack an array of them would make the stack grow)
	keys, keys2 []boundKey
	sorted      []rt
	count       [256]int
}

var resolveScratch = sync.Pool{New: func() any { return new(resolving) }}

// resolvedPool recycles resolved queries (see release): a long question
// has hundreds of terms, and its arrays were most of what a search
// allocated.
var resolvedPool = sync.Pool{New: func() any { return new(resolved) }}

// release returns r to the pool; r must not be used after.
func (r *resolved) release() { resolvedPool.Put(r) }

// resolve binds a query to the postings, dropping terms without postings.
// The result may be released when it is no longer used.
func (p *postings) resolve(q *qplan) *resolved {
	r := resolvedPool.Get().(*resolved)
	*r = resolved{ids: r.ids[:0], wi: r.wi[:0], ub: r.ub[:0], cov: r.cov[:0], weak: r.weak[:0],
		prefUB: r.prefUB[:0], prefCv: r.prefCv[:0], units: r.units[:0], syns: r.syns[:0], unitBuf: r.unitBuf, synBuf: r.synBuf}
	sc := resolveScratch.Get().(*resolving)
	defer resolveScratch.Put(sc)
	at := slices.Grow(sc.at[:0], len(q.terms))[:len(q.terms)] // query term → resolved index, or -1
	ts := slices.Grow(sc.ts[:0], len(q.terms))
	defer func() { sc.at, sc.ts = at[:0], ts[:0] }()
	for i, t := range q.terms {
		at[i] = -1
		id := p.v.lookup(t.kind, t.a, t.b, t.text)
		if id < 0 || p.off[id] == p.off[id+1] {
			continue
		}
		idf := p.idf[id]
		c := float64(t.w * idf)
		if t.typed {
			r.total += c
		}
		// The bound is widened by a hair so float32 rounding in the scores
		// can never push a document above it.
		ub := float64(t.w*idf*p.maxImp[id]) * (1 + 1e-5)
		ts = append(ts, rt{id: id, wi: t.w * idf * (bm25K1 + 1), ub: ub, cov: c, original: i, weak: t.weak})
	}
	sortByBound(ts, sc)
	r.ids = slices.Grow(r.ids, len(ts))
	r.wi = slices.Grow(r.wi, len(ts))
	r.ub = slices.Grow(r.ub, len(ts))
	r.cov = slices.Grow(r.cov, len(ts))
	r.weak = slices.Grow(r.weak, len(ts))
	r.prefUB = slices.Grow(r.prefUB, len(ts))
	r.prefCv = slices.Grow(r.prefCv, len(ts))
	for i, t := range ts {
		at[t.original] = i
		r.ids = append(r.ids, t.id)
		r.wi = append(r.wi, t.wi)
		r.ub = append(r.ub, t.ub)
		r.cov = append(r.cov, t.cov)
		r.weak = append(r.weak, t.weak)
		r.sumUB += t.ub
		r.prefUB = append(r.prefUB, r.sumUB)
		r.prefCv = append(r.prefCv, sumLast(r.prefCv)+t.cov)
	}
	// The synonym groups' indices share one backing array, as the units do.
	sbuf := r.synBuf[:0]
syns:
	for _, u := range q.syns {
		start := len(sbuf)
		for _, t := range u.typed {
			if at[t] < 0 {
				sbuf = sbuf[:start]
				continue syns // the words typed are found nowhere whole
			}
			sbuf = append(sbuf, at[t])
		}
		mid := len(sbuf)
		for _, t := range u.added {
			if at[t] >= 0 {
				sbuf = append(sbuf, at[t])
			}
		}
		if mid > start && len(sbuf) > mid {
			r.syns = append(r.syns, synUse{typed: sbuf[start:mid:mid], added: sbuf[mid:len(sbuf):len(sbuf)]})
		} else {
			sbuf = sbuf[:start]
		}
	}
	r.synBuf = sbuf
	// The units share one backing array, each with its own capacity.
	n := 0
	for _, u := range q.units {
		n += len(u)
	}
	if cap(r.unitBuf) < n {
		r.unitBuf = make([]int, n)
	}
	buf := r.unitBuf[:n]
	r.units = slices.Grow(r.units, len(q.units))
units:
	for _, u := range q.units {
		ru := buf[:len(u):len(u)]
		for i, t := range u {
			if at[t] < 0 {
				continue units // a unit with a term found nowhere can never match
			}
			ru[i] = at[t]
		}
		r.units = append(r.units, ru)
		buf = buf[len(u):]
	}
	if p.ndocs >= uniDropMinDocs {
		// In a large collection a typed pair of characters found in few
		// passages is a word in all likelihood (留置, 年假, 醉驾), and
		// anchors a match by itself.
		for i, t := range q.terms {
			if at[i] >= 0 && t.typed && t.kind == kindBi && p.df(r.ids[at[i]]) <= p.ndocs/rareAnchorFraction {
				r.units = append(r.units, []int{at[i]})
			}
		}
	}
	return r
}

// sortByBound orders the terms by their bound, ties in query order: what a
// stable sort by bound gives (ts is in query order). A long case text has
// hundreds of terms, and a comparison sort of them was a tenth of a search;
// they are sorted by radix on their bounds' bits instead (stable, so ties
// stay in query order), unless they are few or a bound is one whose bits do
// not order as cmp.Compare does (NaN, -0).
func sortByBound(ts []rt, sc *resolving) {
	if len(ts) < radixMin || !radixable(ts) {
		slices.SortFunc(ts, func(a, b rt) int {
			if c := cmp.Compare(a.ub, b.ub); c != 0 {
				return c
			}
			return cmp.Compare(a.original, b.original)
		})
		return
	}
	a := grown(sc.keys, len(ts))
	b := grown(sc.keys2, len(ts))
	for i, t := range ts {
		a[i] = boundKey{key: floatKey(t.ub), i: int32(i)}
	}
	count := &sc.count
	for shift := 0; shift < 64; shift += 8 {
		clear(count[:])
		for _, k := range a {
			count[byte(k.key>>shift)]++
		}
		if count[byte(a[0].key>>shift)] == len(a) {
			continue // every key has this byte
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, k := range a {
			d := byte(k.key >> shift)
			b[count[d]] = k
			count[d]++
		}
		a, b = b, a
	}
	sorted := grown(sc.sorted, len(ts))
	for i, k := range a {
		sorted[i] = ts[k.i]
	}
	copy(ts, sorted)
	sc.keys, sc.keys2, sc.sorted = a, b, sorted
}

// radixMin: fewer terms than this are sorted by comparison.
const radixMin = 32

// boundKey is a term's bound as bits that order as the bound does, and the
// term's index.
type boundKey struct {
	key uint64
	i   int32
}

// floatKey maps a float64 to bits whose unsigned order is the numeric order
// (NaN and -0 aside: see radixable).
func floatKey(f float64) uint64 {
	b := math.Float64bits(f)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// radixable reports whether every bound orders by its bits as cmp.Compare
// orders it: no NaN, and no -0 (which cmp.Compare takes for +0).
func radixable(ts []rt) bool {
	for _, t := range ts {
		if t.ub != t.ub || t.ub == 0 && math.Signbit(t.ub) {
			return false
		}
	}
	return true
}

// rareAnchorFraction: in a large collection, a typed pair found in at most
// 1/rareAnchorFraction of the passages anchors a match.
const rareAnchorFraction = 100

func (p *postings) df(id int32) int { return int(p.off[id+1] - p.off[id]) }

func sumLast(s []float64) float64 {
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1]
}

// strong reports whether a matched term is more than a weak single
// character.
func (r *resolved) strong(matched []bool) bool {
	for i, m := range matched {
		if m && !r.weak[i] {
			return true
		}
	}
	return false
}

// anchored reports whether the matched terms complete a unit.
func (r *resolved) anchored(matched []bool) bool {
units:
	for _, u := range r.units {
		for _, t := range u {
			if !matched[t] {
				continue units
			}
		}
		return true
	}
	return false
}

// exactScore is the full BM25 score of one document.
func (p *postings) exactScore(r *resolved, d uint32) float64 {
	var s float64
	for i := range r.ids {
		s += p.termScore(r, i, d)
	}
	return s
}

// termScore is what resolved term i adds to the score of document d.
func (p *postings) termScore(r *resolved, i int, d uint32) float64 {
	docs, tfs := p.list(r.ids[i])
	if j, ok := slices.BinarySearch(docs, d); ok {
		tf := float32(tfs[j]) / tfUnit
		return float64(r.wi[i] * tf / (tf + p.norm[d]))
	}
	return 0
}

// synOverlap: a passage that holds both a word the cadre typed and a
// synonym of it says the same thing twice, not two things. Where a
// candidate matches both, synOverlap of the smaller of the two scores (the
// typed words' and the synonyms') is taken off, so 公职人员 expanded with
// 公务员 does not favour the articles that happen to name both over the one
// article that governs the conduct asked about (出国 → 出境). Measured on
// the law dev questions: MRR@10 0.557 → 0.566, the vocabulary questions
// 0.333 → 0.400; the default knowledge base's measures unchanged.
const synOverlap = 0.5

// singlesWeight is the weight the single characters of a question (see
// analyzer.singles) carry when the first candidates are ranked: as much as
// a pair. They are searched at uniWeight, half that, so that their long
// posting lists stay out of the way of max-score pruning (searching at 1.0
// costs a fifth more time a query), and reweighed on the candidates only.
// Measured on the 92 law dev questions: MRR@10 0.567 at 0.5, 0.589 with
// singles at 1.0 in the search, 0.589 with them reweighed here.
const singlesWeight = 1.0

// reweighSingles raises the scores of hits by what their single characters
// add at singlesWeight instead of uniWeight.
func (p *postings) reweighSingles(r *resolved, hits, pinned []scored) {
	f := float64(singlesWeight/uniWeight - 1)
	for h := range hits {
		if hasDoc(pinned, hits[h].doc) {
			continue
		}
		var s float64
		for i, weak := range r.weak {
			if weak {
				s += p.termScore(r, i, hits[h].doc)
			}
		}
		hits[h].score += f * s
	}
}

// dedupeSynonyms lowers the scores of hits by the overlap of each synonym
// group of the query (see synOverlap). The synonym terms' scores in the
// hits are found first, each term's list walked once for all the hits.
func (p *postings) dedupeSynonyms(r *resolved, hits, pinned []scored) {
	if len(r.syns) == 0 || len(hits) == 0 {
		return
	}
	sb := dedupeScratch.Get().(*dedupeBufs)
	defer dedupeScratch.Put(sb)
	col := grown(sb.col, len(r.ids)) // a term's column in score, or -1
	for i := range col {
		col[i] = -1
	}
	terms := sb.terms[:0]
	for _, u := range r.syns {
		for _, ts := range [2][]int{u.typed, u.added} {
			for _, i := range ts {
				if col[i] < 0 {
					col[i] = int32(len(terms))
					terms = append(terms, i)
				}
			}
		}
	}
	byDoc := sb.byDoc[:0]
	for h := range hits {
		if !hasDoc(pinned, hits[h].doc) {
			byDoc = append(byDoc, docHit{doc: hits[h].doc, hit: int32(h)})
		}
	}
	slices.SortFunc(byDoc, func(a, b docHit) int { return cmp.Compare(a.doc, b.doc) })
	nc := len(terms)
	score := grown(sb.score, len(hits)*nc)
	clear(score)
	for c, i := range terms {
		docs, tfs := p.list(r.ids[i])
		j := 0
		for _, dh := range byDoc {
			if j = seek(docs, j, dh.doc); j == len(docs) {
				break
			}
			if docs[j] == dh.doc {
				tf := float32(tfs[j]) / tfUnit
				score[int(dh.hit)*nc+c] = float64(r.wi[i] * tf / (tf + p.norm[dh.doc])) // as termScore
			}
		}
	}
	sb.col, sb.terms, sb.byDoc, sb.score = col, terms, byDoc, score
	for _, dh := range byDoc {
		h := int(dh.hit)
		row := score[h*nc : (h+1)*nc]
	groups:
		for _, u := range r.syns {
			var typed, added float64
			for _, i := range u.typed {
				s := row[col[i]]
				if s == 0 {
					continue groups // the passage does not hold the words typed whole
				}
				typed += s
			}
			for _, i := range u.added {
				added += row[col[i]]
			}
			hits[h].score -= synOverlap * min(typed, added)
		}
	}
}

// dedupeBufs is dedupeSynonyms' scratch space, reused between queries.
type dedupeBufs struct {
	col   []int32
	terms []int
	byDoc []docHit
	score []float64 // per hit, per synonym term
}

// docHit is a hit by its document.
type docHit struct {
	doc uint32
	hit int32
}

var dedupeScratch = sync.Pool{New: func() any { return new(dedupeBufs) }}

// search returns the k best documents by max-score document-at-a-time
// evaluation. Terms are ordered by their upper bound; the lowest ones whose
// bounds together cannot lift a document above the current k-th score, or
// whose weights together cannot reach the relevance floor, are
// non-essential: only documents found in the essential lists are
// candidates, and the non-essential lists are merely probed for them, most
// promising first, until the candidate can no longer qualify.
func (p *postings) search(r *resolved, k int, allow func(uint32) bool, floor bool, pinned []scored) []scored {
	if p.ndocs <= byDocMaxDocs {
		return p.searchByDoc(r, k, allow, floor, pinned)
	}
	return p.searchMaxScore(r, k, allow, floor, pinned)
}

// startSearch returns the top-k heap holding the pinned hits, and the
// coverage a hit needs when floor is set (0 otherwise): what both search
// algorithms start from.
func startSearch(r *resolved, k int, floor bool, pinned []scored) (*topK, float64) {
	h := &topK{k: k}
	for _, s := range pinned {
		h.offer(s)
	}
	need := 0.0
	if floor {
		need = floorCoverage*r.total - 1e-9
	}
	return h, need
}

// searchMaxScore is search for a large collection.
func (p *postings) searchMaxScore(r *resolved, k int, allow func(uint32) bool, floor bool, pinned []scored) []scored {
	n := len(r.ids)
	h, need := startSearch(r, k, floor, pinned)
	sb := searchScratch.Get().(*searchBufs)
	defer searchScratch.Put(sb)
	sb.docs, sb.tfs = grown(sb.docs, n), grown(sb.tfs, n)
	sb.pos, sb.cur, sb.matched = grown(sb.pos, n), grown(sb.cur, n), grown(sb.matched, n)
	docs, tfs, pos, cur, matched := sb.docs, sb.tfs, sb.pos, sb.cur, sb.matched
	for i, id := range r.ids {
		docs[i], tfs[i] = p.list(id)
	}
	clear(pos)
	clear(matched)
	// cur[i] is the document at pos[i], or none (math.MaxUint32) past the
	// end of the list.
	head := func(i int) uint32 {
		if pos[i] < len(docs[i]) {
			return docs[i][pos[i]]
		}
		return math.MaxUint32
	}
	for i := range cur {
		cur[i] = head(i)
	}
	ess := 0
	// next is the smallest current document of the lists from nextEss on,
	// found while the last candidate was scored.
	next, nextEss := uint32(math.MaxUint32), -1
	for {
		for ess < n && ((h.full() && r.prefUB[ess] <= h.min()) || r.prefCv[ess] < need) {
			ess++
		}
		if ess >= n {
			break
		}
		d := next
		if ess != nextEss {
			d = math.MaxUint32
			for _, c := range cur[ess:] {
				d = min(d, c)
			}
		}
		if d == math.MaxUint32 {
			break
		}
		skip := (allow != nil && !allow(d)) || hasDoc(pinned, d)
		var s, c float64
		next, nextEss = math.MaxUint32, ess
		for i := ess; i < n; i++ {
			if cur[i] == d {
				if !skip {
					tf := float32(tfs[i][pos[i]]) / tfUnit
					s += float64(r.wi[i] * tf / (tf + p.norm[d]))
					c += r.cov[i]
					matched[i] = true
				}
				pos[i]++
				cur[i] = head(i)
			}
			next = min(next, cur[i])
		}
		if skip {
			continue
		}
		ok := true
		for i := ess - 1; i >= 0; i-- {
			if (h.full() && s+r.prefUB[i] <= h.min()) || c+r.prefCv[i] < need {
				ok = false
				break
			}
			if cur[i] < d {
				pos[i] = seek(docs[i], pos[i], d)
				cur[i] = head(i)
			}
			if cur[i] == d {
				tf := float32(tfs[i][pos[i]]) / tfUnit
				s += float64(r.wi[i] * tf / (tf + p.norm[d]))
				c += r.cov[i]
				matched[i] = true
			}
		}
		if ok && c >= need && (!floor || r.anchored(matched)) && r.strong(matched) {
			h.offer(scored{doc: d, score: s})
		}
		clear(matched)
	}
	return h.sorted()
}

// searchBufs is search's scratch space, reused between queries: its arrays
// have one entry per query term.
type searchBufs struct {
	docs    [][]uint32
	tfs     [][]uint8
	pos     []int
	cur     []uint32
	matched []bool
}

var searchScratch = sync.Pool{New: func() any { return new(searchBufs) }}

// grown returns s resized to n, its contents undefined.
func grown[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// seek returns the first index at or after i whose document is at least d,
// galloping ahead before a binary search.
func seek(docs []uint32, i int, d uint32) int {
	if i >= len(docs) || docs[i] >= d {
		return i
	}
	lo, step := i, 1
	hi := lo + step
	for hi < len(docs) && docs[hi] < d {
		lo = hi
		step *= 2
		hi = lo + step
	}
	hi = min(hi, len(docs))
	return lo + 1 + sort.Search(hi-lo-1, func(k int) bool { return docs[lo+1+k] >= d })
}

// topK keeps the k best documents; ties go to the earlier document. It is
// a min-heap on worse, the k-th best at the root.
type topK struct {
	k int
	h []scored
}

func (t *topK) full() bool   { return len(t.h) >= t.k }
func (t *topK) min() float64 { return t.h[0].score }
func (t *topK) offer(s scored) {
	if !t.full() {
		if t.h == nil {
			t.h = make([]scored, 0, min(t.k, 64))
		}
		t.h = append(t.h, s)
		t.up(len(t.h) - 1)
		return
	}
	if worse(t.h[0], s) {
		t.h[0] = s
		t.down(0)
	}
}

func (t *topK) up(j int) {
	for j > 0 {
		i := (j - 1) / 2
		if !worse(t.h[j], t.h[i]) {
			break
		}
		t.h[i], t.h[j] = t.h[j], t.h[i]
		j = i
	}
}

func (t *topK) down(i int) {
	n := len(t.h)
	for {
		j := 2*i + 1
		if j >= n {
			return
		}
		if j+1 < n && worse(t.h[j+1], t.h[j]) {
			j++
		}
		if !worse(t.h[j], t.h[i]) {
			return
		}
		t.h[i], t.h[j] = t.h[j], t.h[i]
		i = j
	}
}

// sorted returns the documents best first (worse is a total order: the
// result is the same whatever the heap's layout).
func (t *topK) sorted() []scored {
	out := t.h
	slices.SortFunc(out, func(a, b scored) int {
		switch {
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	return out
}

// worse reports whether a ranks below b.
func worse(a, b scored) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return a.doc > b.doc
}
