package knowledge

import "sync"

// In a small collection (the embedded knowledge base has a few hundred
// passages) a long case text's terms, a hundred or more, hold a few hundred
// postings between them, and nearly every passage is a candidate: search
// then spends its time stepping through every essential list for every
// candidate. searchByDoc turns the query's postings around first, each
// passage with the terms it holds, and walks the passages in order instead.
// It visits the same candidates in the same order, sums each score in the
// same order and prunes at the same points as search, so it returns the
// same documents with the same scores, bit for bit (a test checks).

// byDocMaxDocs: collections of at most this many passages are searched by
// document; in a larger one (the law collection) the postings of a long
// question are too many to turn around, and max-score pruning skips most
// of them.
const byDocMaxDocs = 4096

// docTerm is one term a passage holds: the term's index in the resolved
// query and its stored frequency there.
type docTerm struct {
	term int32
	tf   uint8
}

// byDocBufs is searchByDoc's scratch space, reused between queries.
type byDocBufs struct {
	off     []int32 // per passage: where its terms start in terms
	fill    []int32
	terms   []docTerm
	matched []bool
}

// searchByDoc is search (see there) for a collection of at most
// byDocMaxDocs passages.
func (p *postings) searchByDoc(r *resolved, k int, allow func(uint32) bool, floor bool, pinned []scored) []scored {
	n := len(r.ids)
	h, need := startSearch(r, k, floor, pinned)
	sb := byDocScratch.Get().(*byDocBufs)
	defer byDocScratch.Put(sb)
	// Each passage's terms, in query order: counted, then placed.
	off := grown(sb.off, p.ndocs+1)
	clear(off)
	total := 0
	for _, id := range r.ids {
		docs, _ := p.list(id)
		total += len(docs)
		for _, d := range docs {
			off[d+1]++
		}
	}
	for d := 1; d <= p.ndocs; d++ {
		off[d] += off[d-1]
	}
	fill := grown(sb.fill, p.ndocs)
	copy(fill, off[:p.ndocs])
	terms := grown(sb.terms, total)
	for i, id := range r.ids {
		docs, tfs := p.list(id)
		for j, d := range docs {
			terms[fill[d]] = docTerm{term: int32(i), tf: tfs[j]}
			fill[d]++
		}
	}
	matched := grown(sb.matched, n)
	clear(matched)
	sb.off, sb.fill, sb.terms, sb.matched = off, fill, terms, matched

	ess := 0
	for d := range uint32(p.ndocs) {
		held := terms[off[d]:off[d+1]]
		if len(held) == 0 {
			continue
		}
		for ess < n && ((h.full() && r.prefUB[ess] <= h.min()) || r.prefCv[ess] < need) {
			ess++
		}
		if ess >= n {
			break
		}
		if int(held[len(held)-1].term) < ess {
			continue // holds no essential term: not a candidate
		}
		if (allow != nil && !allow(d)) || hasDoc(pinned, d) {
			continue
		}
		// The essential terms, in query order, then the others, best
		// first, as long as the passage can still qualify.
		first := len(held) - 1
		for first > 0 && int(held[first-1].term) >= ess {
			first--
		}
		var s, c float64
		for _, t := range held[first:] {
			tf := float32(t.tf) / tfUnit
			s += float64(r.wi[t.term] * tf / (tf + p.norm[d]))
			c += r.cov[t.term]
			matched[t.term] = true
		}
		ok := true
		j := first - 1
		for i := ess - 1; i >= 0; i-- {
			if (h.full() && s+r.prefUB[i] <= h.min()) || c+r.prefCv[i] < need {
				ok = false
				break
			}
			if j >= 0 && int(held[j].term) == i {
				tf := float32(held[j].tf) / tfUnit
				s += float64(r.wi[i] * tf / (tf + p.norm[d]))
				c += r.cov[i]
				matched[i] = true
				j--
			}
		}
		if ok && c >= need && (!floor || r.anchored(matched)) && r.strong(matched) {
			h.offer(scored{doc: d, score: s})
		}
		for _, t := range held[j+1:] {
			matched[t.term] = false // the terms matched are the ones walked
		}
	}
	return h.sorted()
}

var byDocScratch = sync.Pool{New: func() any { return new(byDocBufs) }}
