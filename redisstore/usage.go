package redisstore

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Kinds of usage records.
const (
	KindAnswer   = "answer"
	KindFeedback = "feedback"
)

// UsageRecord is one entry of the usage stream; the package comment lists
// the stream fields.
type UsageRecord struct {
	ID            string // stream entry id; set when read
	Kind          string
	At            time.Time
	AnswerID      string
	User          string // pseudonym, see Pseudonym
	ChatType      string
	Source        string
	Intent        string
	Verdict       string
	Citations     []string
	Cases         []string
	Mode          string
	Latency       time.Duration
	Error         string
	Question      string
	Answer        string
	Model         string
	PromptVersion string
	Passages      []string
	Check         string
	Fallback      string
	Rating        string // "up" or "down"
	Reason        string
	Redacted      bool
}

// Pseudonym is the user id as the usage records keep it: stable for one
// secret, not reversible without it.
func Pseudonym(secret []byte, userID int64) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strconv.FormatInt(userID, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

func (r *UsageRecord) values() []any {
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
	if r.Kind == KindAnswer {
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

func parseUsage(m redis.XMessage) UsageRecord {
	s := func(k string) string { x, _ := m.Values[k].(string); return x }
	list := func(k string) []string {
		if x := s(k); x != "" {
			return strings.Split(x, ",")
		}
		return nil
	}
	r := UsageRecord{
		ID: m.ID, Kind: s("kind"), AnswerID: s("answer_id"), User: s("user"), ChatType: s("chat_type"),
		Source: s("source"), Intent: s("intent"), Verdict: s("verdict"), Citations: list("citations"),
		Cases: list("cases"), Mode: s("mode"), Error: s("error"), Question: s("question"), Answer: s("answer"),
		Model: s("model"), PromptVersion: s("prompt_version"), Passages: list("passages"), Check: s("check"),
		Fallback: s("fallback"), Rating: s("rating"), Reason: s("reason"), Redacted: s("redacted") == "1",
	}
	r.At, _ = time.Parse(time.RFC3339Nano, s("at"))
	if ms, err := strconv.ParseInt(s("latency_ms"), 10, 64); err == nil {
		r.Latency = time.Duration(ms) * time.Millisecond
	}
	return r
}

// AddUsage appends one record to the usage stream (feedback, mostly; answers
// go with Save so they cost no extra round trip).
func (s *Store) AddUsage(ctx context.Context, r UsageRecord) error {
	if err := s.addUsage(ctx, s.rdb, &r).Err(); err != nil {
		return fmt.Errorf("redisstore: add usage record: %w", err)
	}
	return nil
}

// Usage reads up to count records with stream ids from start to end
// inclusive ("-" and "+" for the ends), oldest first.
func (s *Store) Usage(ctx context.Context, start, end string, count int64) ([]UsageRecord, error) {
	ms, err := s.rdb.XRangeN(ctx, s.usageKey(), start, end, count).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: read usage: %w", err)
	}
	out := make([]UsageRecord, len(ms))
	for i, m := range ms {
		out[i] = parseUsage(m)
	}
	return out, nil
}
