package advisor

import (
	"testing"
	"unicode"
)

// eachBigram takes the unified ideographs (U+4E00–U+9FFF) for Han without
// asking the Unicode tables: they must all be Han there.
func TestUnifiedIdeographsAreHan(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not Han in the Unicode tables", r)
		}
	}
}
