// Package hanzi maps traditional Chinese characters to simplified ones, for
// matching only: the search index and the fact extractor read 問責 as 问责.
// It is the one copy of the table both use.
package hanzi

//go:generate go run tradsimp_gen.go

const (
	first = 0x4E00 // the CJK Unified Ideographs block the table covers
	last  = 0x9FFF
)

// table maps a character of the block to its simplified form, stored as an
// offset from first; zero means unchanged.
var table = func() []uint16 {
	t := make([]uint16, last-first+1)
	rs := []rune(tradSimpPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		t[rs[i]-first] = uint16(rs[i+1] - first)
	}
	return t
}()

// Simplified returns the simplified form of r, or r itself when it has none.
func Simplified(r rune) rune {
	if r >= first && r <= last {
		if s := table[r-first]; s != 0 {
			return rune(s) + first
		}
	}
	return r
}

// Pairs calls f with every traditional character of the table and its
// simplified form, in code-point order of the traditional one.
func Pairs(f func(trad, simp rune)) {
	rs := []rune(tradSimpPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		f(rs[i], rs[i+1])
	}
}
