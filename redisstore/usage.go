package redisstore

import (
	"context"
	"fmt"
	"rongcuo/conversation"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

func usageValues(r *conversation.UsageRecord) []any {
	v := []any{
		"kind", r.Kind,
		"at", r.At.UTC().Format(time.RFC3339Nano),
		"answer_id", r.AnswerID,
		"user", r.User,
		"chat_type", r.ChatType,
	}
	add := func(k, val string) {
		if val != "" {
			v = append(v, k, val)
		}
	}
	add("source", r.Source)
	add("intent", r.Intent)
	add("verdict", r.Verdict)
	add("citations", strings.Join(r.Citations, ","))
	add("cases", strings.Join(r.Cases, ","))
	add("mode", r.Mode)
	add("delivery", r.Delivery)
	if r.Kind == conversation.KindAnswer {
		v = append(v, "latency_ms", strconv.FormatInt(r.Latency.Milliseconds(), 10))
	}
	add("error", r.Error)
	add("question", r.Question)
	add("answer", r.Answer)
	add("model", r.Model)
	add("prompt_version", r.PromptVersion)
	add("passages", strings.Join(r.Passages, ","))
	add("check", r.Check)
	add("fallback", r.Fallback)
	add("rating", r.Rating)
	add("reason", r.Reason)
	if r.Redacted {
		v = append(v, "redacted", "1")
	}
	return v
}

func parseUsage(m redis.XMessage) conversation.UsageRecord {
	s := func(k string) string { x, _ := m.Values[k].(string); return x }
	list := func(k string) []string {
		if x := s(k); x != "" {
			return strings.Split(x, ",")
		}
		return nil
	}
	r := conversation.UsageRecord{
		ID: m.ID, Kind: s("kind"), AnswerID: s("answer_id"), User: s("user"), ChatType: s("chat_type"),
		Source: s("source"), Intent: s("intent"), Verdict: s("verdict"), Citations: list("citations"),
		Cases: list("cases"), Mode: s("mode"), Error: s("error"), Question: s("question"), Answer: s("answer"),
		Model: s("model"), PromptVersion: s("prompt_version"), Passages: list("passages"), Check: s("check"),
		Fallback: s("fallback"), Rating: s("rating"), Reason: s("reason"), Redacted: s("redacted") == "1", Delivery: s("delivery"),
	}
	r.At, _ = time.Parse(time.RFC3339Nano, s("at"))
	if ms, err := strconv.ParseInt(s("latency_ms"), 10, 64); err == nil {
		r.Latency = time.Duration(ms) * time.Millisecond
	}
	return r
}

// AddUsage appends one record to the usage stream (feedback, mostly; answers
// go with Save so they cost no extra round trip).
func (s *Store) AddUsage(ctx context.Context, r conversation.UsageRecord) error {
	if err := s.addUsage(ctx, s.rdb, &r).Err(); err != nil {
		return fmt.Errorf("redisstore: add usage record: %w", err)
	}
	return nil
}

// Usage reads up to count records with stream ids from start to end
// inclusive ("-" and "+" for the ends), oldest first.
func (s *Store) Usage(ctx context.Context, start, end string, count int64) ([]conversation.UsageRecord, error) {
	ms, err := s.rdb.XRangeN(ctx, s.usageKey(), start, end, count).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: read usage: %w", err)
	}
	out := make([]conversation.UsageRecord, len(ms))
	for i, m := range ms {
		out[i] = parseUsage(m)
	}
	return out, nil
}
