package redisstore

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/redis/go-redis/v9"
)

// Embedding vectors of knowledge passages, cached by content hash so a
// restart or another replica re-embeds only what changed:
//
//	vec:MODEL:SHA256   the vector as little-endian float32s, 180 days TTL,
//	                   renewed whenever it is loaded
//
// Each vector is its own key, read and written in pipelines, so the keys
// spread over a Cluster's slots.

const (
	vectorTTL   = 180 * 24 * time.Hour
	vectorBatch = 500 // commands per pipeline
)

func (s *Store) vectorKey(model, hash string) string {
	return s.opts.Prefix + "vec:" + model + ":" + hash
}

// LoadVectors returns the cached vectors of the given content hashes; those
// not cached are left out. It satisfies advisor.VectorCache.
func (s *Store) LoadVectors(ctx context.Context, model string, hashes []string) (map[string][]float32, error) {
	out := make(map[string][]float32, len(hashes))
	for from := 0; from < len(hashes); from += vectorBatch {
		batch := hashes[from:min(from+vectorBatch, len(hashes))]
		cmds := make([]*redis.StringCmd, len(batch))
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, h := range batch {
				cmds[i] = p.GetEx(ctx, s.vectorKey(model, h), vectorTTL)
			}
			return nil
		})
		if err != nil && !errors.Is(err, redis.Nil) {
			return out, fmt.Errorf("redisstore: load vectors: %w", err)
		}
		for i, c := range cmds {
			b, err := c.Bytes()
			if err != nil {
				continue // not cached
			}
			if v, ok := decodeVector(b); ok {
				out[batch[i]] = v
			}
		}
	}
	return out, nil
}

// SaveVectors caches vectors under their content hashes.
func (s *Store) SaveVectors(ctx context.Context, model string, vecs map[string][]float32) error {
	hashes := make([]string, 0, len(vecs))
	for h := range vecs {
		hashes = append(hashes, h)
	}
	for from := 0; from < len(hashes); from += vectorBatch {
		batch := hashes[from:min(from+vectorBatch, len(hashes))]
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, h := range batch {
				p.Set(ctx, s.vectorKey(model, h), encodeVector(vecs[h]), vectorTTL)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("redisstore: save vectors: %w", err)
		}
	}
	return nil
}

func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return b
}

// decodeVector reads a cached vector; anything but a whole number of finite
// float32s is not one (a NaN would poison every cosine it enters), so the
// passage is embedded again.
func decodeVector(b []byte) ([]float32, bool) {
	if len(b) == 0 || len(b)%4 != 0 {
		return nil, false
	}
	v := make([]float32, len(b)/4)
	for i := range v {
		x := math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, false
		}
		v[i] = x
	}
	return v, true
}
