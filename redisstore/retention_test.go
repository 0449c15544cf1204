package redisstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"rongcuo/conversation"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

var admin = redisstore.Reader{Who: "tg:1", Via: "telegram"}

func TestRetentionDropsOldTextsAndKeepsTheCounts(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix, Retention: time.Hour})
	me, other := conversation.Pseudonym(secret, 7), conversation.Pseudonym(secret, 8)
	now := time.Now()

	old := []conversation.UsageRecord{
		answer(me, "a1", "旧问题一", now),
		answer(other, "a2", "旧问题二", now),
		{Kind: conversation.KindFeedback, At: now, AnswerID: "a1", User: me, Rating: "down", Reason: "旧理由"},
		{Kind: conversation.KindFeedback, At: now, AnswerID: "a2", User: other, Rating: "up"},
	}
	for _, r := range old {
		if err := s.AddUsage(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	// Records are aged by when they were stored; the cutoff falls between
	// the old and the new ones.
	time.Sleep(3 * time.Millisecond)
	cutoff := time.Now()
	time.Sleep(3 * time.Millisecond)
	if err := s.AddUsage(ctx, answer(me, "a3", "新问题", time.Now())); err != nil {
		t.Fatal(err)
	}
	before, err := s.ReviewStats(ctx, admin, time.Now())
	if err != nil {
		t.Fatal(err)
	}

	got, err := s.Retain(ctx, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if got.Scanned != 4 || got.Redacted != 3 || got.Through == "" {
		t.Errorf("retain: %+v; want 4 scanned, 3 redacted (the 👍 holds no text)", got)
	}
	recs, _ := s.Usage(ctx, "-", "+", 100)
	if len(recs) != 5 {
		t.Fatalf("%d records after retention, want 5", len(recs))
	}
	for _, r := range recs {
		kept := r.Question != "" || r.Answer != "" || r.Reason != ""
		if kept != (r.AnswerID == "a3") {
			t.Errorf("record %s: texts kept = %v", r.AnswerID, kept)
		}
		if r.AnswerID != "a3" && r.Kind == conversation.KindAnswer && (!r.Redacted || r.Intent != "assessment" || len(r.Citations) != 1 || !r.At.Equal(now)) {
			t.Errorf("redacted answer lost its counts: %+v", r)
		}
	}
	after, err := s.ReviewStats(ctx, admin, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if after.Week.Questions != before.Week.Questions || after.Week.Users != before.Week.Users || after.Week.Up != 1 || after.Week.Down != 1 ||
		after.Week.Verdicts["needs_more_facts"] != before.Week.Verdicts["needs_more_facts"] {
		t.Errorf("counts changed by retention:\nbefore %+v\nafter  %+v", before.Week, after.Week)
	}

	// The next run starts where this one stopped.
	again, err := s.Retain(ctx, cutoff)
	if err != nil || again.Scanned != 0 || again.Redacted != 0 {
		t.Errorf("second run: %+v %v; want nothing to read", again, err)
	}
	// Once the newer record ages too, it goes the same way; the redacted
	// copies stored since are read and left alone.
	time.Sleep(3 * time.Millisecond)
	last, err := s.Retain(ctx, time.Now())
	if err != nil || last.Redacted != 1 {
		t.Errorf("later run: %+v %v; want the one newer record redacted", last, err)
	}
	// And /forget afterwards has nothing left to redact.
	if n, err := s.Forget(ctx, 7, me); err != nil || n != 0 {
		t.Errorf("forget after retention: %d %v", n, err)
	}
}

// BenchmarkRetain measures a retention run over 10,000 aged records with
// texts: read, redacted and stored again.
func BenchmarkRetain(b *testing.B) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(b)
	me := conversation.Pseudonym(secret, 7)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		s := redisstore.New(rdb, redisstore.Options{Prefix: fmt.Sprintf("%s%d:", prefix, i)})
		pipe := rdb.Pipeline()
		for j := range 10_000 {
			pipe.XAdd(ctx, &redis.XAddArgs{Stream: fmt.Sprintf("%s%d:usage", prefix, i), Values: []any{
				"kind", "answer", "at", time.Now().UTC().Format(time.RFC3339Nano), "answer_id", fmt.Sprint(j), "user", me, "question", "问题", "answer", "答复"}})
		}
		if _, err := pipe.Exec(ctx); err != nil {
			b.Fatal(err)
		}
		time.Sleep(2 * time.Millisecond) // the cutoff after the last stream id
		start := time.Now()
		res, err := s.Retain(ctx, time.Now())
		total += time.Since(start)
		if err != nil || res.Redacted != 10_000 {
			b.Fatalf("retain: %+v %v", res, err)
		}
	}
	b.ReportMetric(float64(10_000*b.N)/total.Seconds(), "records/s")
}
