package advisor

import (
	"math/rand/v2"
	"testing"
)

// A bigramSet holds what a map of the same bigrams holds, also once it
// has grown past the size it was made for.
func TestBigramSetIsASet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, made := range []int{0, 1, 10, 1000} {
		set, want := newBigramSet(made), map[bigram]bool{}
		for range 3000 {
			b := bigram{0x4E00 + rune(rng.IntN(60)), 0x4E00 + rune(rng.IntN(60))}
			set.add(b)
			want[b] = true
		}
		if set.n != len(want) {
			t.Fatalf("made for %d: %d bigrams, want %d", made, set.n, len(want))
		}
		for a := rune(0x4E00 - 2); a < 0x4E00+62; a++ {
			for b := rune(0x4E00 - 2); b < 0x4E00+62; b++ {
				if got := set.has(bigram{a, b}); got != want[bigram{a, b}] {
					t.Fatalf("made for %d: has(%c%c) = %v", made, a, b, got)
				}
			}
		}
		if set.has(bigram{}) {
			t.Fatal("the empty bigram is found")
		}
	}
}
