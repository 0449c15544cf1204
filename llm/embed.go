package llm

import (
	"context"
	"fmt"

	openai "github.com/sashabaranov/go-openai"
)

// Embed returns one vector per text, in order, asking Config.EmbedBatch texts
// at a time; each batch is retried on its own. Every vector has the same
// length, or the call fails.
func (c *Client) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if c.cfg.EmbeddingModel == "" {
		return nil, fmt.Errorf("llm: embed: %w", ErrNoModel)
	}
	out := make([][]float32, 0, len(texts))
	dim := 0
	for from := 0; from < len(texts); from += c.cfg.EmbedBatch {
		batch := texts[from:min(from+c.cfg.EmbedBatch, len(texts))]
		vecs, err := c.embedBatch(ctx, batch)
		if err != nil {
			return nil, fmt.Errorf("llm: embed texts %d-%d of %d: %w", from+1, from+len(batch), len(texts), err)
		}
		for i, v := range vecs {
			if dim == 0 {
				dim = len(v)
			}
			if len(v) == 0 || len(v) != dim {
				return nil, fmt.Errorf("llm: embed text %d: vector of length %d, want %d", from+i+1, len(v), dim)
			}
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (c *Client) embedBatch(ctx context.Context, batch []string) ([][]float32, error) {
	var vecs [][]float32
	_, err := c.withRetry(ctx, func(ctx context.Context) error {
		actx, _, stop := deadline(ctx, c.cfg.Timeout)
		defer stop()
		resp, err := c.api.CreateEmbeddings(actx, openai.EmbeddingRequest{
			Input: batch,
			Model: openai.EmbeddingModel(c.cfg.EmbeddingModel),
		})
		if err != nil {
			return timedOut(actx, err)
		}
		if len(resp.Data) != len(batch) {
			return final{fmt.Errorf("the service returned %d vectors for %d texts", len(resp.Data), len(batch))}
		}
		vecs = make([][]float32, len(batch))
		for _, d := range resp.Data {
			if d.Index < 0 || d.Index >= len(batch) || vecs[d.Index] != nil {
				return final{fmt.Errorf("the service returned a vector with index %d out of place", d.Index)}
			}
			vecs[d.Index] = d.Embedding
		}
		return nil
	})
	return vecs, err
}
