package redisstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
	"rongcuo/redisstore"
)

var console = redisstore.Reader{Who: "web:admin", Via: "web"}

func TestLogPagesFollowTheCursorWithTheirFeedback(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	now := time.Now()
	for i := range 25 {
		add(t, s, conversation.UsageRecord{Kind: conversation.KindAnswer, At: now.Add(time.Duration(i) * time.Second), AnswerID: fmt.Sprintf("a%02d", i),
			User: "u1", Intent: "assessment", Question: fmt.Sprintf("问%02d", i)})
	}
	// A rating of an old answer comes after everything.
	add(t, s, conversation.UsageRecord{Kind: conversation.KindFeedback, At: now.Add(time.Minute), AnswerID: "a01", User: "u1", Rating: "down", Reason: "太笼统"})
	var got []string
	before, pages := "", 0
	for {
		page, next, err := s.ReviewLogPage(ctx, console, 10, redisstore.LogFilter{}, before)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, a := range page {
			got = append(got, a.Question)
			if a.AnswerID == "a01" && (a.Rating != "down" || a.Reason != "太笼统") {
				t.Errorf("the rating of a01 on page %d: %q %q", pages, a.Rating, a.Reason)
			}
		}
		if next == "" {
			break
		}
		before = next
	}
	if len(got) != 25 || got[0] != "问24" || got[24] != "问00" || pages != 3 {
		t.Errorf("%d pages, answers %v", pages, got)
	}
	seen := map[string]bool{}
	for _, q := range got {
		if seen[q] {
			t.Errorf("%s on two pages", q)
		}
		seen[q] = true
	}
	entries, _ := s.ReviewAudit(ctx, redisstore.Reader{Who: "test", Via: "cli"}, 10)
	n := 0
	for _, e := range entries {
		if e.Who == "web:admin" && e.Action == redisstore.AuditLogs {
			n++
		}
	}
	if n != pages {
		t.Errorf("%d page reads audited, want %d", n, pages)
	}
}

func TestDashboardFigures(t *testing.T) {
	ctx := context.Background()
	s := reviewStore(t)
	now := time.Now()
	yesterday := chinatime.DayStart(now).Add(-12 * time.Hour)
	add(t, s,
		conversation.UsageRecord{Kind: conversation.KindAnswer, At: yesterday, AnswerID: "a1", User: "u1", Intent: "assessment", Verdict: "likely_tolerable", Mode: "offline", Citations: []string{"wzcl-2019#17", "x#1"}, Question: "能容错吗"},
		conversation.UsageRecord{Kind: conversation.KindAnswer, At: now.Add(-time.Minute), AnswerID: "a2", User: "u2", Intent: "out_of_scope", Mode: "llm", Fallback: "timeout", Citations: []string{"wzcl-2019#17"}, Question: "明天天气如何"},
		conversation.UsageRecord{Kind: conversation.KindAnswer, At: now.Add(-time.Second), AnswerID: "a3", User: "u2", Error: "advisor: boom", Question: "没答上的问题"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now.Add(-30 * time.Second), AnswerID: "a2", User: "u2", Rating: "up"},
		conversation.UsageRecord{Kind: conversation.KindFeedback, At: now.Add(-20 * time.Second), AnswerID: "a2", User: "u2", Rating: "down"},
		conversation.UsageRecord{Kind: conversation.KindAnswer, At: now.AddDate(0, 0, -30), AnswerID: "old", User: "u3", Intent: "assessment", Question: "很久以前"},
	)
	d, err := s.ReviewDashboard(ctx, console, 7, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Days) != 7 || d.Days[5].Questions != 1 || d.Days[6].Questions != 2 || d.Days[6].Down != 1 || d.Days[6].Up != 0 {
		t.Errorf("days: %+v", d.Days)
	}
	if d.Questions != 3 || d.Users != 2 || d.Intents["out_of_scope"] != 1 || d.Verdicts["likely_tolerable"] != 1 || d.Up != 0 || d.Down != 1 {
		t.Errorf("window: %+v", d.UsageWindow)
	}
	if d.LLM != 1 || d.Fallbacks != 1 {
		t.Errorf("model answers %d, fallbacks %d", d.LLM, d.Fallbacks)
	}
	if len(d.TopCited) != 2 || d.TopCited[0] != (redisstore.Count{ID: "wzcl-2019#17", N: 2}) {
		t.Errorf("top cited: %+v", d.TopCited)
	}
	if len(d.OutOfScope) != 1 || d.OutOfScope[0].Question != "明天天气如何" || len(d.Unanswered) != 1 || d.Unanswered[0].Question != "没答上的问题" {
		t.Errorf("lists: %+v %+v", d.OutOfScope, d.Unanswered)
	}
}
