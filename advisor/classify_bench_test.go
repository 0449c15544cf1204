package advisor

import (
	"syscall"
	"testing"
	"time"

	"rongcuo/knowledge"
)

// BenchmarkClassify reads the intent of the benchmark questions in turn. It
// also reports the process's CPU time per question, which a machine shared
// with other work disturbs less than the wall time.
func BenchmarkClassify(b *testing.B) {
	qs := make([]string, len(benchQuestions))
	for i, q := range benchQuestions {
		qs[i] = knowledge.Normalize(q)
	}
	b.ResetTimer()
	start := processCPU(b)
	for i := 0; i < b.N; i++ {
		classify(qs[i%len(qs)], false, true)
	}
	b.ReportMetric(float64((processCPU(b)-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
