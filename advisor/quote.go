package advisor

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"rongcuo/knowledge"
)

// Quotations are exact, contiguous parts of a provision's stored text, chosen
// as the part that best matches what the cadre asked, so the answer quotes the
// words that matter instead of a whole article.

const (
	maxQuoteRunes      = 150
	maxDefinitionQuote = 320 // a definition quotes its source whole when it can
)

// segment is a contiguous span of a provision's text.
type segment struct {
	start, end int // byte offsets into the text
	para       int // paragraph index
}

// segments splits text at paragraph breaks, full stops and semicolons,
// keeping the delimiter with the segment before it.
func segments(text string) []segment {
	var out []segment
	para, start := 0, 0
	for i, r := range text {
		switch r {
		case '\n':
			if i > start {
				out = append(out, segment{start, i, para})
			}
			para++
			start = i + 1
		case '。', '；', ';':
			end := i + utf8.RuneLen(r)
			out = append(out, segment{start, end, para})
			start = end
		}
	}
	if start < len(text) {
		out = append(out, segment{start, len(text), para})
	}
	// Drop segments that are only spaces.
	kept := out[:0]
	for _, s := range out {
		if strings.TrimSpace(text[s.start:s.end]) != "" {
			kept = append(kept, s)
		}
	}
	return kept
}

// bigram is two adjacent Han characters.
type bigram [2]rune

// bigrams returns the set of Han bigrams of s, after normalisation, for
// overlap scoring.
func bigrams(s string) *bigramSet { return normBigrams(knowledge.Normalize(s), 0) }

// normBigrams is bigrams of a text already normalized; the set is made
// with room for extra more.
func normBigrams(norm string, extra int) *bigramSet {
	// A Han character takes three bytes: the text has at most a third as
	// many bigrams as bytes, and the set never grows while it is filled.
	set := newBigramSet(len(norm)/3 + extra)
	eachBigram(norm, set.add)
	return set
}

// bigramSet is a set of bigrams: open addressing with linear probing over
// the two runes packed in a word. A case's set is filled once and looked up
// for every segment of every provision quoted; this is several times
// cheaper than a map of the same size, to fill and to read.
type bigramSet struct {
	keys []uint64 // 0 is an empty slot; a key has its top bit set
	n    int
}

func newBigramSet(n int) *bigramSet {
	size := 16
	for size < 2*n {
		size *= 2
	}
	s := bigramSets.Get().(*bigramSet)
	if cap(s.keys) < size {
		s.keys = make([]uint64, size)
	} else {
		s.keys = s.keys[:size]
		clear(s.keys)
	}
	s.n = 0
	return s
}

// bigramSets recycles the sets released (see release): a case's set has
// room for every bigram of up to 800 characters, and was a tenth of what
// an answer allocated.
var bigramSets = sync.Pool{New: func() any { return new(bigramSet) }}

// release returns s to the pool; s must not be used after.
func (s *bigramSet) release() { bigramSets.Put(s) }

func bigramKey(b bigram) uint64 { return 1<<63 | uint64(uint32(b[0]))<<32 | uint64(uint32(b[1])) }

func (s *bigramSet) slot(k uint64) int {
	// Fibonacci hashing spreads the two runes over the table bits.
	return int((k * 0x9E3779B97F4A7C15) >> 32 & uint64(len(s.keys)-1))
}

func (s *bigramSet) add(b bigram) {
	if 2*(s.n+1) > len(s.keys) {
		old := s.keys
		s.keys, s.n = make([]uint64, 2*len(old)), 0
		for _, k := range old {
			if k != 0 {
				s.insert(k)
			}
		}
	}
	s.insert(bigramKey(b))
}

func (s *bigramSet) insert(k uint64) {
	mask := len(s.keys) - 1
	for i := s.slot(k); ; i = (i + 1) & mask {
		switch s.keys[i] {
		case k:
			return
		case 0:
			s.keys[i] = k
			s.n++
			return
		}
	}
}

func (s *bigramSet) has(b bigram) bool {
	k, mask := bigramKey(b), len(s.keys)-1
	for i := s.slot(k); ; i = (i + 1) & mask {
		switch s.keys[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}

func eachBigram(s string, f func(bigram)) {
	var prev rune
	for _, r := range s {
		// The unified ideographs are all Han: most characters are decided
		// without a look-up in the Unicode tables.
		if r >= 0x4E00 && r <= 0x9FFF || r >= 0x80 && unicode.Is(unicode.Han, r) {
			if prev != 0 {
				f(bigram{prev, r})
			}
			prev = r
			continue
		}
		prev = 0
	}
}

// overlap counts the distinct bigrams of seg that the query has.
func overlap(seg string, query *bigramSet) int {
	n := 0
	for _, b := range segmentBigrams(seg) {
		if query.has(b) {
			n++
		}
	}
	return n
}

// textShape is what choosing a quote needs to know of a provision's text,
// kept per text like the segments' bigrams (the same provisions are quoted
// again and again). segs must not be changed.
type textShape struct {
	runes       int
	newline     bool
	segs        []segment
	translation bool // see isTranslation
}

func textShapeOf(text string) *textShape {
	if v, ok := textShapes.Load(text); ok {
		return v.(*textShape)
	}
	sh := &textShape{runes: utf8.RuneCountInString(text), newline: strings.Contains(text, "\n"), segs: segments(text),
		translation: translation(text)}
	if textShapeCount.Add(1) > maxSegmentLists {
		textShapes.Clear()
		textShapeCount.Store(0)
	}
	textShapes.Store(text, sh)
	return sh
}

// segmentBigrams returns the distinct bigrams of a segment of a provision's
// text, after normalisation. The same provisions are quoted again and again,
// so the lists are kept (up to maxSegmentLists of them; then all are
// dropped and made anew).
func segmentBigrams(seg string) []bigram {
	if v, ok := segmentLists.Load(seg); ok {
		return v.([]bigram)
	}
	var list []bigram
	seen := map[bigram]bool{}
	eachBigram(knowledge.Normalize(seg), func(b bigram) {
		if !seen[b] {
			seen[b] = true
			list = append(list, b)
		}
	})
	if segmentListCount.Add(1) > maxSegmentLists {
		segmentLists.Clear()
		segmentListCount.Store(0)
	}
	segmentLists.Store(seg, list)
	return list
}

const maxSegmentLists = 50_000

var (
	segmentLists     sync.Map // segment text → []bigram
	segmentListCount atomic.Int64
	textShapes       sync.Map // provision text → *textShape
	textShapeCount   atomic.Int64
)

// quotation is what an answer quotes of a provision.
type quotation struct {
	LeadIn string // the article's opening clause when the quote is one of its items, e.g. "有下列情形之一的，可以不予问责或者免予问责："
	Text   string // exact substring of the provision text
	Cut    bool   // Text stops before the end of its segment
}

// chooseQuote picks the part of p's text that best matches query.
func chooseQuote(p *knowledge.Provision, query string) quotation {
	return chooseQuoteN(p, query, maxQuoteRunes)
}

// chooseQuoteN is chooseQuote with a length limit: a text within it is quoted
// whole.
func chooseQuoteN(p *knowledge.Provision, query string, max int) quotation {
	return chooseQuoteTerms(p, bigrams(query), max)
}

// chooseQuoteTerms is chooseQuoteN with the query's bigrams already made.
func chooseQuoteTerms(p *knowledge.Provision, q *bigramSet, max int) quotation {
	text := strings.TrimSpace(p.Text)
	shape := textShapeOf(text)
	if n := shape.runes; n <= max && (n <= maxQuoteRunes || max > maxQuoteRunes) && (!shape.newline || max > maxQuoteRunes) {
		return quotation{Text: text}
	}
	segs := shape.segs
	if len(segs) == 0 {
		return quotation{}
	}
	best, bestScore := 0, -1
	for i, s := range segs {
		sc := overlap(text[s.start:s.end], q)
		if sc > bestScore {
			best, bestScore = i, sc
		}
	}
	// In an article verified only in part, a verified paragraph that
	// answers at all is quoted before unverified words that answer better:
	// only it can be quoted as the rule's wording.
	if !p.Verified && len(p.VerifiedParas) > 0 && !slices.Contains(p.VerifiedParas, segs[best].para+1) {
		vBest, vScore := -1, 0
		for i, s := range segs {
			if slices.Contains(p.VerifiedParas, s.para+1) {
				if sc := overlap(text[s.start:s.end], q); sc > vScore {
					vBest, vScore = i, sc
				}
			}
		}
		if vBest >= 0 {
			best = vBest
		}
	}
	s := segs[best]
	// Extend a short segment with its neighbours in the same paragraph.
	for utf8.RuneCountInString(text[s.start:s.end]) < 40 && best+1 < len(segs) && segs[best+1].para == s.para {
		best++
		s.end = segs[best].end
	}
	quote := quotation{Text: strings.TrimSpace(text[s.start:s.end])}
	if utf8.RuneCountInString(quote.Text) > max {
		quote.Text = cutRunes(quote.Text, max)
		quote.Cut = true
	}
	if s.para > 0 {
		first := segs[0]
		lead := strings.TrimSpace(text[first.start:first.end])
		if first.para == 0 && (strings.HasSuffix(lead, "：") || strings.HasSuffix(lead, ":")) && utf8.RuneCountInString(lead) <= 60 {
			quote.LeadIn = lead
		}
	}
	return quote
}

// cutRunes returns the first n runes of s, preferring to stop after a comma.
func cutRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for i := n - 1; i > n*2/3; i-- {
		if rs[i] == '，' || rs[i] == '、' {
			cut = i + 1
			break
		}
	}
	return string(rs[:cut])
}

// summary returns roughly the first sentence of s within max runes, for case
// facts and reasons shown in an answer.
func summary(s string, max int) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\n", ""))
	if utf8.ValidString(s) {
		// The same as below without making runes of the whole text.
		i := 0
		for at, r := range s {
			if i == max {
				return s[:at] + "……" // more than max runes, no stop within them
			}
			if (r == '。' || r == '；') && i >= 12 {
				return s[:at+utf8.RuneLen(r)] // i+1 <= max
			}
			i++
		}
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if (r == '。' || r == '；') && i >= 12 {
			if i+1 <= max {
				return string(rs[:i+1])
			}
			break
		}
	}
	if len(rs) <= max {
		return s
	}
	return string(rs[:max]) + "……"
}
