package advisor

import (
	_ "embed"
	"math"
	"sort"
	"strings"

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
	vec    map[string]float64
	norm   float64
}

type exampleBank struct {
	examples []bankExample
	idf      map[string]float64
	postings map[string][]int
}

var bank = newBank(examplesTSV)

func newBank(tsv string) *exampleBank {
	b := &exampleBank{idf: map[string]float64{}, postings: map[string][]int{}}
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
	n := float64(len(b.examples))
	for g, d := range df {
		b.idf[g] = math.Log(1 + n/float64(d))
	}
	for i, tf := range raw {
		vec := map[string]float64{}
		var sq float64
		for g, c := range tf {
			w := (1 + math.Log(c)) * b.idf[g]
			vec[g] = w
			sq += w * w
			b.postings[g] = append(b.postings[g], i)
		}
		b.examples[i].vec, b.examples[i].norm = vec, math.Sqrt(sq)
	}
	return b
}

// features are the Han unigrams and bigrams and the ASCII words of a text.
func features(s string) map[string]float64 {
	out := map[string]float64{}
	rs := []rune(knowledge.Normalize(s))
	var word []rune
	flush := func() {
		if len(word) > 1 {
			out[string(word)]++
		}
		word = word[:0]
	}
	for i, r := range rs {
		if r < 0x80 {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				word = append(word, r)
			} else {
				flush()
			}
			continue
		}
		flush()
		if !isHan(r) {
			continue
		}
		out[string(r)]++
		if i+1 < len(rs) && isHan(rs[i+1]) {
			out[string(rs[i:i+2])]++
		}
	}
	flush()
	return out
}

func isHan(r rune) bool { return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF }

// vote is the intents of the nearest examples, each with its share of the
// similarity of the k nearest (summing to 1), and the best similarity.
type vote struct {
	share map[Intent]float64
	best  float64
}

const nearestK = 7

// nearest finds the k examples closest to s among the allowed intents (all
// when allowed is empty).
func (b *exampleBank) nearest(s string, allowed ...Intent) vote {
	tf := features(s)
	q := map[string]float64{}
	var sq float64
	for g, c := range tf {
		idf, ok := b.idf[g]
		if !ok {
			continue
		}
		w := (1 + math.Log(c)) * idf
		q[g] = w
		sq += w * w
	}
	v := vote{share: map[Intent]float64{}}
	if sq == 0 {
		return v
	}
	scores := map[int]float64{}
	for g, w := range q {
		for _, i := range b.postings[g] {
			scores[i] += w * b.examples[i].vec[g]
		}
	}
	type hit struct {
		i   int
		sim float64
	}
	var hits []hit
	for i, dot := range scores {
		if len(allowed) > 0 && !containsIntent(allowed, b.examples[i].intent) {
			continue
		}
		hits = append(hits, hit{i, dot / (math.Sqrt(sq) * b.examples[i].norm)})
	}
	sort.Slice(hits, func(a, c int) bool {
		if hits[a].sim != hits[c].sim {
			return hits[a].sim > hits[c].sim
		}
		return hits[a].i < hits[c].i
	})
	if len(hits) > nearestK {
		hits = hits[:nearestK]
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
