package advisor

import (
	"context"
	"sync"
)

// MapVectorCache is a VectorCache in memory, for tests.
type MapVectorCache struct {
	mu   sync.Mutex
	vecs map[string][]float32
	Err  error // when set, every call fails with it
}

var _ VectorCache = (*MapVectorCache)(nil)

// LoadVectors implements VectorCache.
func (m *MapVectorCache) LoadVectors(ctx context.Context, model string, hashes []string) (map[string][]float32, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return nil, m.Err
	}
	out := map[string][]float32{}
	for _, h := range hashes {
		if v, ok := m.vecs[model+"/"+h]; ok {
			out[h] = v
		}
	}
	return out, nil
}

// SaveVectors implements VectorCache.
func (m *MapVectorCache) SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Err != nil {
		return m.Err
	}
	if m.vecs == nil {
		m.vecs = map[string][]float32{}
	}
	for h, v := range vecs {
		m.vecs[model+"/"+h] = v
	}
	return nil
}

// Len is how many vectors the cache holds.
func (m *MapVectorCache) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.vecs)
}
