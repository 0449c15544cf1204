package redisstore_test

import (
	"context"
	"testing"
	"time"

	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

var admin = redisstore.Reader{Who: "tg:1", Via: "telegram"}

func TestRetentionDropsOldTextsAndKeepsTheCounts(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix, Retention: time.Hour})
	me, other := redisstore.Pseudonym(secret, 7), redisstore.Pseudonym(secret, 8)
	now := time.Now()

	old := []redisstore.UsageRecord{
		answer(me, "a1", "旧问题一", now),
		answer(other, "a2", "旧问题二", now),
		{Kind: redisstore.KindFeedback, At: now, AnswerID: "a1", User: me, Rating: "down", Reason: "旧理由"},
		{Kind: redisstore.KindFeedback, At: now, AnswerID: "a2", User: other, Rating: "up"},
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
		if r.AnswerID != "a3" && r.Kind == redisstore.KindAnswer && (!r.Redacted || r.Intent != "assessment" || len(r.Citations) != 1 || !r.At.Equal(now)) {
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
