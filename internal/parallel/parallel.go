// Package parallel runs independent pieces of work on all CPUs.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// returns when all calls have returned. Calls must not depend on each other;
// results go into slots the caller indexes by i, so their order stays
// deterministic.
func For(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
