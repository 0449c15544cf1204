package advisor

import (
	"context"
	"errors"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"rongcuo/knowledge"
)

// bigramVector stands in for an embedding: hashed character bigrams, so
// texts sharing words are near each other.
func bigramVector(text string) []float32 {
	v := make([]float32, 64)
	rs := []rune(text)
	for i := 0; i+1 < len(rs); i++ {
		h := fnv.New32a()
		h.Write([]byte(string(rs[i : i+2])))
		v[h.Sum32()%64]++
	}
	return v
}

// countingEmbedder records every text it embeds.
type countingEmbedder struct {
	mu    sync.Mutex
	texts []string
	err   error
}

func (c *countingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return nil, c.err
	}
	c.texts = append(c.texts, texts...)
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = bigramVector(t)
	}
	return out, nil
}

func (c *countingEmbedder) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.texts)
}

func TestVectorsEmbedOnlyWhatChanged(t *testing.T) {
	kb := groundKB()
	cache := &MapVectorCache{}
	e := &countingEmbedder{}
	ctx := context.Background()
	_, st, err := BuildVectors(ctx, kb, e, VectorOptions{Model: "m", Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	all := len(kb.Provisions()) + len(kb.Cases)
	if st.Embedded != all || st.Cached != 0 || cache.Len() != all || st.Dim != 64 {
		t.Fatalf("first build %+v, cache %d", st, cache.Len())
	}
	// Same content: nothing embedded again.
	_, st, err = BuildVectors(ctx, groundKB(), e, VectorOptions{Model: "m", Cache: cache})
	if err != nil || st.Embedded != 0 || st.Cached != all {
		t.Fatalf("second build %+v, %v", st, err)
	}
	// One provision changed: only it is embedded.
	kb2 := groundKB()
	kb2.Provision("js#8").Text = "容错申请应当在问责决定作出前十五日内提出。"
	before := e.count()
	_, st, err = BuildVectors(ctx, kb2, e, VectorOptions{Model: "m", Cache: cache})
	if err != nil || st.Embedded != 1 || st.Cached != all-1 {
		t.Fatalf("after a change %+v, %v", st, err)
	}
	if got := e.texts[before]; !strings.Contains(got, "十五日") {
		t.Errorf("re-embedded %q", got)
	}
	// Another model: nothing cached for it.
	_, st, _ = BuildVectors(ctx, kb2, e, VectorOptions{Model: "other", Cache: cache})
	if st.Cached != 0 {
		t.Errorf("vectors of one model served for another: %+v", st)
	}
}

func TestVectorSearch(t *testing.T) {
	kb := groundKB()
	e := &countingEmbedder{}
	ix, _, err := BuildVectors(context.Background(), kb, e, VectorOptions{Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := ix.SearchProvisions(context.Background(), "应当从重或者加重问责，三令五申的指示要求不执行", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Provision.ID != "wzcl#18" || hits[0].Score < hits[1].Score {
		t.Errorf("hits %v", ids(hits))
	}
	cases, err := ix.SearchCases(context.Background(), "容缺审批 重点项目 企业限期补正", 5)
	if err != nil || len(cases) != 2 || cases[0].Case.ID != "ha" {
		t.Errorf("cases %v, %v", cases, err)
	}
	// The query is redacted before it leaves.
	if _, err := ix.SearchProvisions(context.Background(), "我手机13812345678", 3); err != nil {
		t.Fatal(err)
	}
	if last := e.texts[len(e.texts)-1]; strings.Contains(last, "13812345678") || !strings.Contains(last, "〔电话1〕") {
		t.Errorf("query sent as %q", last)
	}
	e.err = errors.New("down")
	if _, err := ix.SearchProvisions(context.Background(), "x", 3); err == nil {
		t.Error("a failing embedder gave hits")
	}
}

// The advisor searches provisions and cases with the same text: one
// embedding call serves both, and a repeated question costs none.
func TestQueryIsEmbeddedOnce(t *testing.T) {
	kb := groundKB()
	e := &countingEmbedder{}
	ctx := context.Background()
	ix, _, err := BuildVectors(ctx, kb, e, VectorOptions{Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	before := e.count()
	for range 2 {
		if _, err := ix.SearchProvisions(ctx, "先行先试出现失误", 3); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.SearchCases(ctx, "先行先试出现失误", 3); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.count() - before; n != 1 {
		t.Errorf("the query was embedded %d times", n)
	}
	// Old queries make room for new ones.
	for i := range recentQueries + 1 {
		if _, err := ix.SearchProvisions(ctx, "问题"+itoa(i), 1); err != nil {
			t.Fatal(err)
		}
	}
	if len(ix.recent) != recentQueries || len(ix.order) != recentQueries {
		t.Errorf("%d queries remembered, want %d", len(ix.recent), recentQueries)
	}
	before = e.count()
	if _, err := ix.SearchProvisions(ctx, "先行先试出现失误", 3); err != nil || e.count() != before+1 {
		t.Errorf("the oldest query was not forgotten: %d embeddings, %v", e.count()-before, err)
	}
}

func ids(hits []knowledge.ProvisionHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Provision.ID)
	}
	return out
}

func TestVectorBuildFailures(t *testing.T) {
	kb := groundKB()
	ctx := context.Background()
	// A failing cache is reported, the index still built.
	ix, st, err := BuildVectors(ctx, kb, &countingEmbedder{}, VectorOptions{Model: "m", Cache: &MapVectorCache{Err: errors.New("redis down")}})
	if err != nil || ix == nil || st.CacheErr == nil {
		t.Errorf("with a failing cache: %+v, %v", st, err)
	}
	if _, _, err := BuildVectors(ctx, kb, &countingEmbedder{err: errors.New("429")}, VectorOptions{}); err == nil {
		t.Error("a failing embedder built an index")
	}
	short := EmbedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
		return make([][]float32, len(texts)-1), nil
	})
	if _, _, err := BuildVectors(ctx, kb, short, VectorOptions{}); err == nil {
		t.Error("too few vectors accepted")
	}
	// Empty vectors would make every search divide by zero.
	empty := EmbedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
		return make([][]float32, len(texts)), nil
	})
	if _, _, err := BuildVectors(ctx, kb, empty, VectorOptions{}); err == nil {
		t.Error("empty vectors accepted")
	}
	// A cached vector of another length.
	cache := &MapVectorCache{}
	cache.SaveVectors(ctx, "m", map[string][]float32{contentHash(provisionEmbedText(kb.Provision("wzcl#17"))): {1, 2, 3}})
	if _, _, err := BuildVectors(ctx, kb, &countingEmbedder{}, VectorOptions{Model: "m", Cache: cache}); err == nil {
		t.Error("vectors of different lengths accepted")
	}
}

func TestNearest(t *testing.T) {
	rows := []float32{1, 0, 0, 1, 0.6, 0.8, 0.8, 0.6, -1, 0}
	got := nearest([]float32{1, 0}, rows, 2, 3)
	want := []int{0, 3, 2}
	for i, s := range got {
		if s.i != want[i] {
			t.Fatalf("nearest = %v, want rows %v", got, want)
		}
	}
	if n := nearest([]float32{1, 0}, rows, 2, 10); len(n) != 5 {
		t.Errorf("k beyond the rows: %d", len(n))
	}
}

// BenchmarkVectorSearch measures the brute-force scan: the size of the law
// collection (65,727 articles) at a small dimension, and a knowledge-base
// size at a large one.
func BenchmarkVectorSearch(b *testing.B) {
	for _, size := range []struct{ n, dim int }{{65727, 256}, {2000, 1536}} {
		rng := rand.New(rand.NewPCG(1, 2))
		rows := make([]float32, size.n*size.dim)
		for i := range rows {
			rows[i] = rng.Float32()*2 - 1
		}
		q := unit(rows[:size.dim])
		b.Run(strings.Join([]string{itoa(size.n), "x", itoa(size.dim)}, ""), func(b *testing.B) {
			for b.Loop() {
				nearest(q, rows, size.dim, 20)
			}
		})
	}
}
