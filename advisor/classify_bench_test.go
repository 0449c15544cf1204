package advisor

import (
	"rongcuo/knowledge"
	"testing"
)

func BenchmarkClassify(b *testing.B) {
	qs := make([]string, len(benchQuestions))
	for i, q := range benchQuestions {
		qs[i] = knowledge.Normalize(q)
	}
	for i := 0; i < b.N; i++ {
		classify(qs[i%len(qs)], false, true)
	}
}
