package assess

// runeSet is a set of runes that answers membership without hashing for the
// Basic Multilingual Plane, where nearly all the runes read fall.
type runeSet struct {
	bmp   [1 << 16 / 64]uint64
	other map[rune]bool
}

func newRuneSet(rs []rune) *runeSet {
	s := &runeSet{}
	for _, r := range rs {
		s.add(r)
	}
	return s
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if s.other == nil {
		s.other = map[rune]bool{}
	}
	s.other[r] = true
}

func (s *runeSet) has(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return s.bmp[r>>6]&(1<<(r&63)) != 0
	}
	return s.other[r]
}
