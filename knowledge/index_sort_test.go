package knowledge

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortByBound must order the terms exactly as the stable sort by bound it
// replaces: many terms share a bound (the same idf and weight), and their
// order decides which of them max-score pruning treats as essential.
func TestSortByBoundIsStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		ts := make([]rt, n)
		for i := range ts {
			// Few distinct bounds, so ties are common.
			ts[i] = rt{id: int32(rng.IntN(1000)), ub: float64(rng.IntN(1+n/4)) / 4, original: i}
		}
		want := slices.Clone(ts)
		slices.SortStableFunc(want, func(a, b rt) int { return cmp.Compare(a.ub, b.ub) })
		got := slices.Clone(ts)
		sortByBound(got)
		if !slices.Equal(got, want) {
			t.Fatalf("%d terms: order differs from the stable sort", n)
		}
	}
}
