package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultRetention is how long usage records keep their question, answer
// and reason texts.
const DefaultRetention = 180 * 24 * time.Hour

// Retained is what one retention run did.
type Retained struct {
	Scanned  int    // entries read
	Redacted int    // entries whose texts were dropped
	Through  string // the last stream id handled; the next run starts after it
}

func (s *Store) retainedKey() string { return s.opts.Prefix + "usage:retained" }

// Retain drops the texts of the usage records stored before the cutoff,
// as /forget does: each keeps its counts (kind, time, intent, verdict,
// citations, latency, rating…) as a redacted copy. Records are aged by
// when they were stored, their stream id. A cursor remembers how far the
// last run got, so a run reads only what has aged since; runs on several
// replicas at once are safe (a record is redacted once).
func (s *Store) Retain(ctx context.Context, cutoff time.Time) (Retained, error) {
	var out Retained
	start := "-"
	cur, err := s.rdb.Get(ctx, s.retainedKey()).Result()
	switch {
	case err == nil:
		start = "(" + cur
	case err != redis.Nil:
		return out, fmt.Errorf("redisstore: retain: %w", err)
	}
	end := "(" + strconv.FormatInt(cutoff.UnixMilli(), 10) + "-0"
	for {
		page, err := s.rdb.XRangeN(ctx, s.usageKey(), start, end, scanPage).Result()
		if err != nil {
			return out, fmt.Errorf("redisstore: retain: %w", err)
		}
		if len(page) == 0 {
			return out, nil
		}
		pipe := s.rdb.Pipeline()
		var done []*redis.Cmd
		for _, m := range page {
			out.Scanned++
			if r := parseUsage(m); !r.Redacted && hasContent(&r) {
				done = append(done, s.redactOn(ctx, pipe, r, redactScript.Eval))
			}
		}
		if len(done) > 0 {
			if _, err := pipe.Exec(ctx); err != nil {
				return out, fmt.Errorf("redisstore: retain: %w", err)
			}
		}
		for _, d := range done {
			if v, _ := d.Int(); v == 1 {
				out.Redacted++
			}
		}
		out.Through = page[len(page)-1].ID
		if err := s.advanceRetained(ctx, out.Through); err != nil {
			return out, fmt.Errorf("redisstore: retain: %w", err)
		}
		start = "(" + out.Through
	}
}

// advanceRetainedScript moves the cursor forward only: a slower run
// finishing after a faster one must not move it back.
var advanceRetainedScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur then
  local a, b = string.match(cur, '^(%d+)-(%d+)$')
  local c, d = string.match(ARGV[1], '^(%d+)-(%d+)$')
  a, b, c, d = tonumber(a), tonumber(b), tonumber(c), tonumber(d)
  if a and (a > c or (a == c and b >= d)) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`)

func (s *Store) advanceRetained(ctx context.Context, id string) error {
	return advanceRetainedScript.Run(ctx, s.rdb, []string{s.retainedKey()}, id).Err()
}
