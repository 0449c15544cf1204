package redisstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

var _ advisor.VectorCache = (*redisstore.Store)(nil)

func TestVectorCacheRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, rt, prefix := newStore(t, redisstore.Options{})
	vecs := map[string][]float32{}
	var hashes []string
	for i := range 1200 { // more than one pipeline
		h := fmt.Sprintf("%064x", i)
		vecs[h] = []float32{float32(i), -0.5, 3.25e-7}
		hashes = append(hashes, h)
	}
	if err := s.SaveVectors(ctx, "text-embedding-3-small", vecs); err != nil {
		t.Fatal(err)
	}
	before := rt.N()
	got, err := s.LoadVectors(ctx, "text-embedding-3-small", append(hashes, "missing"))
	if err != nil {
		t.Fatal(err)
	}
	if n := rt.N() - before; n > 3 {
		t.Errorf("%d round trips to load 1,201 vectors; want one per 500", n)
	}
	if len(got) != len(vecs) {
		t.Fatalf("loaded %d vectors, want %d (and nothing for the missing hash)", len(got), len(vecs))
	}
	for h, v := range vecs {
		if fmt.Sprint(got[h]) != fmt.Sprint(v) {
			t.Fatalf("vector %s = %v, want %v", h, got[h], v)
		}
	}
	// Another model sees nothing.
	other, err := s.LoadVectors(ctx, "bge-m3", hashes[:3])
	if err != nil || len(other) != 0 {
		t.Errorf("other model: %v, %v", other, err)
	}
	// Keys carry the prefix and a TTL.
	ttl := s.Client().TTL(ctx, prefix+"vec:text-embedding-3-small:"+hashes[0]).Val()
	if ttl < 24*time.Hour {
		t.Errorf("TTL %v", ttl)
	}
}

func TestVectorCacheIgnoresCorruptEntries(t *testing.T) {
	ctx := context.Background()
	s, _, prefix := newStore(t, redisstore.Options{})
	s.Client().Set(ctx, prefix+"vec:m:bad", "abc", time.Hour)
	got, err := s.LoadVectors(ctx, "m", []string{"bad"})
	if err != nil || len(got) != 0 {
		t.Errorf("corrupt entry loaded: %v, %v", got, err)
	}
	// Whole float32s, but not numbers: NaN and +Inf.
	s.Client().Set(ctx, prefix+"vec:m:nan", []byte{0, 0, 0x80, 0x3f, 0, 0, 0xc0, 0x7f}, time.Hour)
	s.Client().Set(ctx, prefix+"vec:m:inf", []byte{0, 0, 0x80, 0x7f}, time.Hour)
	got, err = s.LoadVectors(ctx, "m", []string{"nan", "inf"})
	if err != nil || len(got) != 0 {
		t.Errorf("non-finite entries loaded: %v, %v", got, err)
	}
}

// The advisor's index re-embeds nothing on a second start over the same
// Redis.
func TestVectorCacheServesTheAdvisorIndex(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	doc := &knowledge.Document{ID: "d", Title: "问责条例", Status: knowledge.StatusCurrent, Provisions: []*knowledge.Provision{
		{ID: "d#1", DocID: "d", Article: "第一条", Number: 1, Text: "为了规范问责工作。"},
		{ID: "d#2", DocID: "d", Article: "第二条", Number: 2, Text: "问责工作坚持党的领导。"},
	}}
	kb := knowledge.New([]*knowledge.Document{doc}, []*knowledge.Case{{ID: "c", Title: "案例", Facts: "事实"}}, nil)
	embedded := 0
	e := advisor.EmbedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
		embedded += len(texts)
		out := make([][]float32, len(texts))
		for i, t := range texts {
			out[i] = []float32{float32(len(t)), 1, float32(i)}
		}
		return out, nil
	})
	for run, want := range []int{3, 0} {
		embedded = 0
		_, st, err := advisor.BuildVectors(ctx, kb, e, advisor.VectorOptions{Model: "m", Cache: s})
		if err != nil || st.CacheErr != nil {
			t.Fatalf("run %d: %v, %v", run, err, st.CacheErr)
		}
		if embedded != want || st.Cached != 3-want {
			t.Errorf("run %d: embedded %d, cached %d", run, embedded, st.Cached)
		}
	}
}
