package knowledge

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortByBound must order the terms exactly as the stable sort by bound it
// replaces: many terms share a bound (the same idf and weight), and their
// order decides which of them max-score pruning treats as essential.
func TestSortByBoundIsStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	odd := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), -1.5, 1e-300, math.MaxFloat64, -math.SmallestNonzeroFloat64}
	sc := new(resolving)
	for n := range 600 {
		ts := make([]rt, n)
		for i := range ts {
			// Few distinct bounds, so ties are common; some of them
			// negative, and now and then an odd one.
			ub := float64(rng.IntN(1+n/4)-n/16) / 4 * (1 + 1e-5)
			if n%5 == 0 && rng.IntN(50) == 0 {
				ub = odd[rng.IntN(len(odd))]
			}
			ts[i] = rt{id: int32(rng.IntN(1000)), ub: ub, original: i}
		}
		want := slices.Clone(ts)
		slices.SortStableFunc(want, func(a, b rt) int { return cmp.Compare(a.ub, b.ub) })
		got := slices.Clone(ts)
		sortByBound(got, sc)
		if !slices.EqualFunc(got, want, func(a, b rt) bool { return a.original == b.original && a.id == b.id }) {
			t.Fatalf("%d terms: order differs from the stable sort", n)
		}
	}
}
