package knowledge

// pairTable maps bigram keys (and unigrams outside the BMP) to term ids. It
// is an open-addressing table with linear probing: building the law
// collection looks up some nine million bigrams, and this runs about twice as
// fast as a Go map there. Key 0 marks an empty slot; no key is 0, since every
// key holds at least one non-zero rune.
type pairTable struct {
	keys []uint64
	vals []uint32
	n    int
}

const pairTableMinSize = 1 << 10

func (t *pairTable) slot(k uint64) uint64 {
	// Fibonacci hashing spreads the two runes over the table bits.
	return (k * 0x9E3779B97F4A7C15) >> 32 & uint64(len(t.keys)-1)
}

func (t *pairTable) get(k uint64) (uint32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// put adds a key that is not in the table.
func (t *pairTable) put(k uint64, v uint32) {
	if 4*(t.n+1) > 3*len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := t.slot(k)
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = k, v
	t.n++
}

func (t *pairTable) grow() {
	keys, vals := t.keys, t.vals
	size := max(2*len(keys), pairTableMinSize)
	t.keys, t.vals, t.n = make([]uint64, size), make([]uint32, size), 0
	for i, k := range keys {
		if k != 0 {
			t.put(k, vals[i])
		}
	}
}

// reset empties the table, keeping its arrays.
func (t *pairTable) reset() {
	if t.n > 0 {
		clear(t.keys)
		t.n = 0
	}
}

// copyFrom makes t a copy of o, reusing t's arrays where they are large
// enough.
func (t *pairTable) copyFrom(o *pairTable) {
	if cap(t.keys) < len(o.keys) {
		t.keys, t.vals = make([]uint64, len(o.keys)), make([]uint32, len(o.keys))
	}
	t.keys, t.vals = t.keys[:len(o.keys)], t.vals[:len(o.keys)]
	copy(t.keys, o.keys)
	copy(t.vals, o.vals)
	t.n = o.n
}
