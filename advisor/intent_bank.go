package advisor

import (
	_ "embed"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"rongcuo/knowledge"
)

// The example bank: questions written from the policy material, each with the
// intent a person asking it has (examples.tsv). When the rules of intent.go
// do not settle a question, its nearest examples do: character unigrams and
// bigrams weighted by TF-IDF, cosine similarity, and a vote of the nearest
// few weighted by their similarity.

//go:embed examples.tsv
var examplesTSV string

type bankExample struct {
	intent Intent
	text   string
	norm   float64
}

// exampleBank holds the examples' vectors as postings: for each feature (a
// number, see featureIDs), the examples that have it with its weight there.
type exampleBank struct {
	examples []bankExample
	idf      []float64 // by feature
	postings [][]bankPosting
	unigrams map[rune]int32    // Han characters
	bigrams  map[[2]rune]int32 // pairs of Han characters
	words    map[string]int32  // ASCII words
}

type bankPosting struct {
	example int32
	weight  float64
}

var bank = newBank(examplesTSV)

func newBank(tsv string) *exampleBank {
	b := &exampleBank{unigrams: map[rune]int32{}, bigrams: map[[2]rune]int32{}, words: map[string]int32{}}
	df := map[string]int{}
	var raw []map[string]float64
	for _, line := range strings.Split(tsv, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 {
			continue
		}
		in := Intent(strings.TrimSpace(f[0]))
		switch in {
		case IntentAssessment, IntentDefinition, IntentProcedure, IntentOutOfScope, IntentRefused:
		default:
			continue
		}
		tf := features(f[1])
		for g := range tf {
			df[g]++
		}
		b.examples = append(b.examples, bankExample{intent: in, text: f[1]})
		raw = append(raw, tf)
	}
	// Features are numbered in a fixed order.
	grams := make([]string, 0, len(df))
	for g := range df {
		grams = append(grams, g)
	}
	sort.Strings(grams)
	id := map[string]int32{}
	n := float64(len(b.examples))
	for i, g := range grams {
		id[g] = int32(i)
		b.idf = append(b.idf, math.Log(1+n/float64(df[g])))
		rs := []rune(g)
		switch {
		case rs[0] < 0x80:
			b.words[g] = int32(i)
		case len(rs) == 1:
			b.unigrams[rs[0]] = int32(i)
		default:
			b.bigrams[[2]rune{rs[0], rs[1]}] = int32(i)
		}
	}
	b.postings = make([][]bankPosting, len(grams))
	for i, tf := range raw {
		var sq float64
		for g, c := range tf {
			w := (1 + math.Log(c)) * b.idf[id[g]]
			sq += w * w
			b.postings[id[g]] = append(b.postings[id[g]], bankPosting{int32(i), w})
		}
		b.examples[i].norm = math.Sqrt(sq)
	}
	return b
}

// featureIDs returns the numbers of the bank's features in s, as features
// finds them, once for each time they occur; features the bank does not
// have are left out. They are appended to out; rs is a buffer for the runes
// of s, returned for reuse.
func (b *exampleBank) featureIDs(s string, out []int32, rs []rune) ([]int32, []rune) {
	rs = rs[:0]
	for _, r := range knowledge.Normalize(s) {
		rs = append(rs, r)
	}
	walkFeatures(rs, func(w []byte) {
		if id, ok := b.words[string(w)]; ok {
			out = append(out, id)
		}
	}, func(i int) {
		if id, ok := b.unigrams[rs[i]]; ok {
			out = append(out, id)
		}
		if i+1 < len(rs) && isHan(rs[i+1]) {
			if id, ok := b.bigrams[[2]rune{rs[i], rs[i+1]}]; ok {
				out = append(out, id)
			}
		}
	})
	return out, rs
}

// features are the Han unigrams and bigrams and the ASCII words of a text.
func features(s string) map[string]float64 {
	out := map[string]float64{}
	rs := []rune(knowledge.Normalize(s))
	walkFeatures(rs, func(w []byte) { out[string(w)]++ }, func(i int) {
		out[string(rs[i])]++
		if i+1 < len(rs) && isHan(rs[i+1]) {
			out[string(rs[i:i+2])]++
		}
	})
	return out
}

// walkFeatures finds the features of rs in text order: word for each ASCII
// word of two or more lower-case letters or digits, han for each Han
// character (at i; a bigram starts there when the next rune is Han too).
func walkFeatures(rs []rune, word func(w []byte), han func(i int)) {
	var buf []byte
	flush := func() {
		if len(buf) > 1 {
			word(buf)
		}
		buf = buf[:0]
	}
	for i, r := range rs {
		if r < 0x80 {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				buf = append(buf, byte(r))
			} else {
				flush()
			}
			continue
		}
		flush()
		if isHan(r) {
			han(i)
		}
	}
	flush()
}

func isHan(r rune) bool { return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF }

// vote is the intents of the nearest examples, each with its share of the
// similarity of the k nearest (summing to 1), and the best similarity.
type vote struct {
	share map[Intent]float64
	best  float64
}

const nearestK = 7

// nearestScratch holds the buffers of one call of nearest, reused by the
// next: scores is all zero between calls.
type nearestScratch struct {
	ids     []int32
	rs      []rune
	q       []queryTerm
	scores  []float64
	touched []int32
}

type queryTerm struct {
	id int32
	w  float64
}

var nearestScratches sync.Pool

// nearest finds the k examples closest to s among the allowed intents (all
// when allowed is empty).
func (b *exampleBank) nearest(s string, allowed ...Intent) vote {
	sc, _ := nearestScratches.Get().(*nearestScratch)
	if sc == nil || len(sc.scores) != len(b.examples) {
		sc = &nearestScratch{scores: make([]float64, len(b.examples))}
	}
	defer nearestScratches.Put(sc)
	ids, rs := b.featureIDs(s, sc.ids[:0], sc.rs)
	sc.ids, sc.rs = ids, rs
	slices.Sort(ids)
	q := sc.q[:0]
	defer func() { sc.q = q[:0] }()
	var sq float64
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		w := (1 + math.Log(float64(j-i))) * b.idf[ids[i]]
		q = append(q, queryTerm{ids[i], w})
		sq += w * w
		i = j
	}
	v := vote{share: map[Intent]float64{}}
	if sq == 0 {
		return v
	}
	scores := sc.scores
	touched := sc.touched[:0]
	defer func() {
		for _, e := range touched {
			scores[e] = 0
		}
		sc.touched = touched[:0]
	}()
	for _, t := range q {
		for _, p := range b.postings[t.id] {
			if scores[p.example] == 0 {
				touched = append(touched, p.example)
			}
			scores[p.example] += t.w * p.weight
		}
	}
	type hit struct {
		i   int
		sim float64
	}
	// The k nearest, most similar first (the lower index first on a tie).
	var hits []hit
	for _, e := range touched {
		i := int(e)
		if len(allowed) > 0 && !containsIntent(allowed, b.examples[i].intent) {
			continue
		}
		h := hit{i, scores[i] / (math.Sqrt(sq) * b.examples[i].norm)}
		at := len(hits)
		for at > 0 && (h.sim > hits[at-1].sim || h.sim == hits[at-1].sim && h.i < hits[at-1].i) {
			at--
		}
		if at >= nearestK {
			continue
		}
		if len(hits) < nearestK {
			hits = append(hits, hit{})
		}
		copy(hits[at+1:], hits[at:len(hits)-1])
		hits[at] = h
	}
	var total float64
	for _, h := range hits {
		total += h.sim
	}
	if len(hits) == 0 || total == 0 {
		return v
	}
	v.best = hits[0].sim
	for _, h := range hits {
		v.share[b.examples[h.i].intent] += h.sim / total
	}
	return v
}

// top returns the intent with the largest share.
func (v vote) top() (Intent, float64) {
	var best Intent
	var share float64
	for _, in := range []Intent{IntentAssessment, IntentProcedure, IntentDefinition, IntentOutOfScope, IntentRefused} {
		if v.share[in] > share {
			best, share = in, v.share[in]
		}
	}
	return best, share
}

func containsIntent(list []Intent, x Intent) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}
