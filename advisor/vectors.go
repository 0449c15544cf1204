package advisor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sync"

	"rongcuo/knowledge"
)

// Dense retrieval, optional: every provision and case is embedded once, its
// vector kept in a cache under the hash of the text it was made from (so a
// changed provision is embedded again and an unchanged one never is), and a
// query is compared with all of them by cosine similarity, brute force. The
// advisor fuses these hits with BM25 by reciprocal rank (see retrieve.go).
// The query is the cadre's text, so it is redacted before it is embedded.

// Embedder turns texts into vectors of one length; *llm.Client has it.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// EmbedFunc is an Embedder made of a function.
type EmbedFunc func(ctx context.Context, texts []string) ([][]float32, error)

// Embed implements Embedder.
func (f EmbedFunc) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return f(ctx, texts)
}

// VectorCache keeps vectors by model and content hash; *redisstore.Store
// has it. Load returns the vectors it holds and leaves the others out.
type VectorCache interface {
	LoadVectors(ctx context.Context, model string, hashes []string) (map[string][]float32, error)
	SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error
}

// VectorOptions configure BuildVectors.
type VectorOptions struct {
	Model    string      // the embedding model, part of the cache key
	Cache    VectorCache // nil embeds everything on every start
	Redactor *Redactor   // for queries; nil redacts the pattern kinds only
}

// VectorStats says how an index was built.
type VectorStats struct {
	Provisions, Cases int
	Cached            int   // vectors found in the cache
	Embedded          int   // texts sent to the embedder
	Dim               int   // vector length
	CacheErr          error // the cache failed; the index was built without it
}

// VectorIndex is the dense index of a knowledge base. Its vectors are
// read-only once built; it is safe for concurrent use.
type VectorIndex struct {
	emb   Embedder
	red   *Redactor
	dim   int
	provs []*knowledge.Provision
	pvecs []float32 // len(provs) rows of dim, unit length
	cases []*knowledge.Case
	cvecs []float32

	mu     sync.Mutex
	recent map[string][]float32 // redacted query -> unit vector
	order  []string             // keys of recent, oldest first
}

var _ Vectors = (*VectorIndex)(nil)

// maxEmbedRunes bounds the text of one passage sent for embedding.
const maxEmbedRunes = 2000

func provisionEmbedText(p *knowledge.Provision) string {
	return clip("《"+docTitle(p)+"》"+p.Article+"\n"+p.Text, maxEmbedRunes)
}

func caseEmbedText(c *knowledge.Case) string {
	return clip(c.Title+"\n"+c.Region+" "+c.Year+" "+c.Field+"\n"+c.Facts+"\n"+c.Handling+"\n"+c.Reasons, maxEmbedRunes)
}

func contentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// BuildVectors embeds what the cache does not hold and returns the index. A
// failing cache is reported in the stats, not as an error: the index is
// still built, only more slowly.
func BuildVectors(ctx context.Context, kb *knowledge.KB, e Embedder, opts VectorOptions) (*VectorIndex, VectorStats, error) {
	provs := kb.Provisions()
	texts := make([]string, 0, len(provs)+len(kb.Cases))
	for _, p := range provs {
		texts = append(texts, provisionEmbedText(p))
	}
	for _, c := range kb.Cases {
		texts = append(texts, caseEmbedText(c))
	}
	st := VectorStats{Provisions: len(provs), Cases: len(kb.Cases)}
	// Passages of the same text share one hash and are embedded once.
	hashes := make([]string, len(texts))
	textOf := map[string]string{}
	var unique []string
	for i, t := range texts {
		h := contentHash(t)
		hashes[i] = h
		if _, ok := textOf[h]; !ok {
			textOf[h] = t
			unique = append(unique, h)
		}
	}
	vecs := map[string][]float32{}
	if opts.Cache != nil {
		cached, err := opts.Cache.LoadVectors(ctx, opts.Model, unique)
		if err != nil {
			st.CacheErr = err
		}
		for h, v := range cached {
			if _, ok := textOf[h]; ok && len(v) > 0 {
				vecs[h] = v
			}
		}
		st.Cached = len(vecs)
	}
	var missing, missingText []string
	for _, h := range unique {
		if _, ok := vecs[h]; !ok {
			missing = append(missing, h)
			missingText = append(missingText, textOf[h])
		}
	}
	if len(missing) > 0 {
		fresh, err := e.Embed(ctx, missingText)
		if err != nil {
			return nil, st, fmt.Errorf("advisor: embed the knowledge base: %w", err)
		}
		if len(fresh) != len(missing) {
			return nil, st, fmt.Errorf("advisor: embed the knowledge base: %d vectors for %d texts", len(fresh), len(missing))
		}
		add := make(map[string][]float32, len(missing))
		for i, h := range missing {
			vecs[h] = fresh[i]
			add[h] = fresh[i]
		}
		st.Embedded = len(missing)
		if opts.Cache != nil {
			if err := opts.Cache.SaveVectors(ctx, opts.Model, add); err != nil && st.CacheErr == nil {
				st.CacheErr = err
			}
		}
	}
	ix := &VectorIndex{emb: e, red: opts.Redactor, provs: provs, cases: kb.Cases, recent: map[string][]float32{}}
	if len(hashes) > 0 {
		ix.dim = len(vecs[hashes[0]])
		if ix.dim == 0 {
			// A search would divide by the length.
			return nil, st, errors.New("advisor: embed the knowledge base: the embedder returned empty vectors")
		}
	}
	st.Dim = ix.dim
	rows := func(hs []string) ([]float32, error) {
		out := make([]float32, 0, len(hs)*ix.dim)
		for _, h := range hs {
			v := vecs[h]
			if len(v) != ix.dim {
				return nil, fmt.Errorf("advisor: vectors of lengths %d and %d: the cache holds vectors of another configuration of model %q", len(v), ix.dim, opts.Model)
			}
			out = append(out, unit(v)...)
		}
		return out, nil
	}
	var err error
	if ix.pvecs, err = rows(hashes[:len(provs)]); err != nil {
		return nil, st, err
	}
	if ix.cvecs, err = rows(hashes[len(provs):]); err != nil {
		return nil, st, err
	}
	return ix, st, nil
}

// unit returns v scaled to length 1 (a copy), so a dot product is the cosine.
func unit(v []float32) []float32 {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	out := make([]float32, len(v))
	if n == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(n))
	for i, x := range v {
		out[i] = x * inv
	}
	return out
}

// recentQueries is how many query vectors an index remembers.
const recentQueries = 64

// query returns the unit vector of a query, redacted before it is embedded.
// The advisor searches provisions and then cases with the same text: the
// vector of a recent query is remembered, so one embedding call serves both
// and a repeated question costs none. Only the redacted text is kept.
func (ix *VectorIndex) query(ctx context.Context, q string) ([]float32, error) {
	text := ix.red.Session().Redact(clip(q, maxEmbedRunes))
	ix.mu.Lock()
	v, ok := ix.recent[text]
	ix.mu.Unlock()
	if ok {
		return v, nil
	}
	vs, err := ix.emb.Embed(ctx, []string{text})
	if err != nil {
		return nil, fmt.Errorf("advisor: embed the query: %w", err)
	}
	if len(vs) != 1 || len(vs[0]) != ix.dim {
		return nil, fmt.Errorf("advisor: embed the query: got %d vectors, want one of length %d", len(vs), ix.dim)
	}
	v = unit(vs[0])
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.recent[text]; !ok {
		if len(ix.order) == recentQueries {
			delete(ix.recent, ix.order[0])
			ix.order = ix.order[1:]
		}
		ix.recent[text] = v
		ix.order = append(ix.order, text)
	}
	return v, nil
}

// SearchProvisions returns the k provisions nearest the query.
func (ix *VectorIndex) SearchProvisions(ctx context.Context, query string, k int) ([]knowledge.ProvisionHit, error) {
	return search(ctx, ix, query, k, ix.pvecs, func(i int, score float64) knowledge.ProvisionHit {
		return knowledge.ProvisionHit{Provision: ix.provs[i], Score: score}
	})
}

// SearchCases returns the k cases nearest the query.
func (ix *VectorIndex) SearchCases(ctx context.Context, query string, k int) ([]knowledge.CaseHit, error) {
	return search(ctx, ix, query, k, ix.cvecs, func(i int, score float64) knowledge.CaseHit {
		return knowledge.CaseHit{Case: ix.cases[i], Score: score}
	})
}

// search returns the hits of the k rows nearest the query, made by hit from
// a row's index and its cosine.
func search[H any](ctx context.Context, ix *VectorIndex, query string, k int, rows []float32, hit func(i int, score float64) H) ([]H, error) {
	if len(rows) == 0 || k <= 0 {
		return nil, nil
	}
	q, err := ix.query(ctx, query)
	if err != nil {
		return nil, err
	}
	top := nearest(q, rows, ix.dim, k)
	out := make([]H, len(top))
	for i, s := range top {
		out[i] = hit(s.i, float64(s.score))
	}
	return out, nil
}

type scored struct {
	i     int
	score float32
}

// nearest returns the k rows with the highest dot product with q, best
// first; ties keep the earlier row.
func nearest(q, rows []float32, dim, k int) []scored {
	n := len(rows) / dim
	k = min(k, n)
	top := make([]scored, 0, k+1)
	for i := 0; i < n; i++ {
		row := rows[i*dim : (i+1)*dim : (i+1)*dim]
		var s float32
		for j, x := range row {
			s += x * q[j]
		}
		if len(top) == k && s <= top[k-1].score {
			continue
		}
		// insert in order
		pos := len(top)
		for pos > 0 && top[pos-1].score < s {
			pos--
		}
		top = append(top, scored{})
		copy(top[pos+1:], top[pos:])
		top[pos] = scored{i, s}
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}
