// Package conversationtest is the conformance suite every conversation.Store
// must pass: the Redis store and the in-memory fake run the same tests.
package conversationtest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
)

// Subject is a store under test with a way to read back its usage records.
type Subject struct {
	Store   conversation.Store
	Records func() []conversation.UsageRecord
}

// Keep is the number of turns per chat the store under test must keep.
const Keep = 6

// Run runs the suite; open returns a fresh, empty store keeping Keep turns
// per chat.
func Run(t *testing.T, open func(t *testing.T) Subject) {
	t.Run("BeginCountsAndDeduplicates", func(t *testing.T) { beginCounts(t, open(t).Store) })
	t.Run("CasesTurnsAndHistory", func(t *testing.T) { casesAndHistory(t, open(t).Store) })
	t.Run("Pending", func(t *testing.T) { pending(t, open(t).Store) })
	t.Run("UsersAccessAndRoles", func(t *testing.T) { users(t, open(t).Store) })
	t.Run("UsageRecords", func(t *testing.T) { usage(t, open(t)) })
	t.Run("Forget", func(t *testing.T) { forget(t, open(t)) })
	t.Run("AnswersAndRatings", func(t *testing.T) { answers(t, open(t).Store) })
}

// answers: a chat knows the answers it was given and their rating; another
// chat, an unknown id and a forgotten chat do not.
func answers(t *testing.T, s conversation.Store) {
	save(t, s, conversation.Change{ChatID: 7, Answer: &conversation.AnswerMark{ID: "abcdefgh", Known: true}})
	got := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Answer: "abcdefgh"}).Answer
	if !got.Known || got.Rating != "" || got.ID != "abcdefgh" {
		t.Errorf("answer given: %+v", got)
	}
	save(t, s, conversation.Change{ChatID: 7, Answer: &conversation.AnswerMark{ID: "abcdefgh", Known: true, Rating: "down"}})
	if got := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Answer: "abcdefgh"}).Answer; got.Rating != "down" {
		t.Errorf("rated answer: %+v", got)
	}
	if got := begin(t, s, conversation.Begin{ChatID: 8, UserID: 8, Now: now, Answer: "abcdefgh"}).Answer; got.Known {
		t.Errorf("another chat knows the answer: %+v", got)
	}
	if got := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Answer: "zzzzzzzz"}).Answer; got.Known {
		t.Errorf("an id never given is known: %+v", got)
	}
	if got := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now}).Answer; got.Known || got.ID != "" {
		t.Errorf("no answer asked for, one loaded: %+v", got)
	}
	if _, err := s.Forget(context.Background(), 7, "p7"); err != nil {
		t.Fatal(err)
	}
	if got := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Answer: "abcdefgh"}).Answer; got.Known {
		t.Errorf("a forgotten chat's answer is still known: %+v", got)
	}
}

var now = time.Date(2026, 3, 1, 10, 0, 30, 0, time.UTC)

func begin(t *testing.T, s conversation.Store, b conversation.Begin) conversation.Session {
	t.Helper()
	sess, err := s.Begin(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

func save(t *testing.T, s conversation.Store, c conversation.Change) {
	t.Helper()
	if err := s.Save(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

func beginCounts(t *testing.T, s conversation.Store) {
	first := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, UpdateID: 1, Count: true, Now: now})
	if first.Duplicate || first.Minute != 1 || first.Today != 1 || first.Case.ID != "" || first.User.ID != 7 {
		t.Fatalf("fresh chat: %+v", first)
	}
	if dup := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, UpdateID: 1, Count: true, Now: now}); !dup.Duplicate {
		t.Error("the same update id twice is not a duplicate")
	}
	next := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, UpdateID: 2, Count: true, Now: now})
	if next.Duplicate || next.Minute != 2 || next.Today != 2 {
		t.Errorf("after a duplicate the counts are %d/%d, want 2/2 (a duplicate is not counted)", next.Minute, next.Today)
	}
	later := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Count: true, Now: now.Add(2 * time.Minute)})
	if later.Minute != 1 || later.Today != 3 {
		t.Errorf("two minutes later: minute %d today %d, want 1 and 3", later.Minute, later.Today)
	}
	// 16:00 UTC is midnight in China: a new day for the quota.
	tomorrow := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Count: true, Now: time.Date(2026, 3, 1, 16, 0, 1, 0, time.UTC)})
	if tomorrow.Today != 1 {
		t.Errorf("after midnight in China today = %d, want 1", tomorrow.Today)
	}
	if other := begin(t, s, conversation.Begin{ChatID: 8, UserID: 8, Count: true, Now: now}); other.Minute != 1 {
		t.Errorf("another user starts at %d, want 1", other.Minute)
	}
	if quiet := begin(t, s, conversation.Begin{ChatID: 9, UserID: 9, Now: now}); quiet.Minute != 0 || quiet.Today != 0 {
		t.Errorf("an uncounted request reports counts %d/%d", quiet.Minute, quiet.Today)
	}
}

func turns(prefix string, n int) []advisor.Turn {
	var out []advisor.Turn
	for i := range n {
		out = append(out, advisor.Turn{Role: "user", Text: prefix + string(rune('0'+i)), At: now.Add(time.Duration(i) * time.Second)})
	}
	return out
}

func casesAndHistory(t *testing.T, s conversation.Store) {
	ctx := context.Background()
	c1 := conversation.Case{ID: "c1", Text: "我签了字", Facts: assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目"}},
		AnswerID: "a1", FollowUps: []assess.FollowUp{{Key: assess.ExplicitBan, Question: "有文件禁止吗？"}}, Started: now}
	save(t, s, conversation.Change{ChatID: 7, UserID: 7, Case: &c1, Turns: turns("一", 2), Seen: now})
	sess := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if sess.Case.ID != "c1" || sess.Case.AnswerID != "a1" || sess.Case.Facts[assess.Motive].Evidence != "为了项目" ||
		len(sess.Case.FollowUps) != 1 || !sess.Case.Started.Equal(now) {
		t.Errorf("case read back: %+v", sess.Case)
	}
	if len(sess.Turns) != 2 || sess.Turns[0].Text != "一0" || sess.Turns[1].Text != "一1" || !sess.Turns[1].At.Equal(now.Add(time.Second)) {
		t.Errorf("turns read back: %+v", sess.Turns)
	}
	if sess.User.Seen.IsZero() {
		t.Error("Seen was not recorded")
	}
	// An answer's text comes with the transcript only.
	answer := advisor.Turn{Role: "assistant", Text: "答复", At: now.Add(2 * time.Second)}
	save(t, s, conversation.Change{ChatID: 7, UserID: 7, Case: &c1, Turns: []advisor.Turn{answer}})
	sess = begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if len(sess.Turns) != 3 || sess.Turns[0].Text != "一0" || sess.Turns[2].Role != "assistant" || sess.Turns[2].Text != "" || !sess.Turns[2].At.Equal(answer.At) {
		t.Errorf("turns without the transcript: %+v", sess.Turns)
	}
	sess = begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Transcript: true})
	if len(sess.Turns) != 3 || sess.Turns[2].Text != answer.Text || !sess.Turns[2].At.Equal(answer.At) {
		t.Errorf("transcript: %+v", sess.Turns)
	}
	// A new case: its turns only, the old ones stay in the history.
	c2 := conversation.Case{ID: "c2", Started: now}
	save(t, s, conversation.Change{ChatID: 7, UserID: 7, Case: &c2, Turns: turns("二", 2)})
	sess = begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if sess.Case.ID != "c2" || len(sess.Turns) != 2 || sess.Turns[0].Text != "二0" {
		t.Errorf("after a new case: case %q turns %+v", sess.Case.ID, sess.Turns)
	}
	h, err := s.History(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tu := range h {
		got = append(got, tu.CaseID+":"+tu.Text)
	}
	if want := []string{"c1:一0", "c1:一1", "c1:答复", "c2:二0", "c2:二1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("history = %v, want %v", got, want)
	}
	// Only the last Keep turns are kept.
	save(t, s, conversation.Change{ChatID: 7, UserID: 7, Case: &c2, Turns: turns("三", 4)})
	h, _ = s.History(ctx, 7)
	if len(h) != Keep || h[0].Text != "二0" || h[len(h)-1].Text != "三3" {
		t.Errorf("history after trimming: %d turns from %q", len(h), h[0].Text)
	}
	if h, _ := s.History(ctx, 99); len(h) != 0 {
		t.Errorf("an unknown chat has history %+v", h)
	}
}

func pending(t *testing.T, s conversation.Store) {
	v := "a1|7|123"
	save(t, s, conversation.Change{ChatID: 7, Pending: &v})
	if p := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now}).Pending; p != v {
		t.Errorf("pending = %q, want %q", p, v)
	}
	if p := begin(t, s, conversation.Begin{ChatID: 8, UserID: 8, Now: now}).Pending; p != "" {
		t.Errorf("another chat's pending = %q", p)
	}
	clear := ""
	save(t, s, conversation.Change{ChatID: 7, Pending: &clear})
	if p := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now}).Pending; p != "" {
		t.Errorf("cleared pending = %q", p)
	}
}

func users(t *testing.T, s conversation.Store) {
	ctx := context.Background()
	first, err := s.RequestAccess(ctx, conversation.User{ID: 5, Name: "李 四", Username: "lisi"}, now)
	if err != nil || !first {
		t.Fatalf("first request: %v %v", first, err)
	}
	if again, _ := s.RequestAccess(ctx, conversation.User{ID: 5, Name: "李四"}, now); again {
		t.Error("a second request is reported as the first")
	}
	u, err := s.User(ctx, 5)
	if err != nil || u.Status != conversation.StatusPending || u.Name != "李四" || !u.Created.Equal(now) {
		t.Errorf("pending user: %+v %v", u, err)
	}
	if err := s.SetStatus(ctx, 5, conversation.StatusActive, 1, now); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx, 6, conversation.RoleStaff, 1, now); err != nil {
		t.Fatal(err)
	}
	u, _ = s.User(ctx, 5)
	if u.Status != conversation.StatusActive || u.DecidedBy != 1 || !u.DecidedAt.Equal(now) {
		t.Errorf("approved user: %+v", u)
	}
	if u, _ := s.User(ctx, 6); u.Role != conversation.RoleStaff {
		t.Errorf("granted role = %q", u.Role)
	}
	pend, err := s.Users(ctx, func(u conversation.User) bool { return u.Status == conversation.StatusActive })
	if err != nil || len(pend) != 1 || pend[0].ID != 5 {
		t.Errorf("active users: %+v %v", pend, err)
	}
	all, _ := s.Users(ctx, func(conversation.User) bool { return true })
	if len(all) != 2 || all[0].ID != 5 || all[1].ID != 6 {
		t.Errorf("all users: %+v", all)
	}
	if err := s.SetRole(ctx, 6, conversation.RoleCadre, 1, now); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.User(ctx, 6); u.Role != "" {
		t.Errorf("revoked role = %q, want none stored", u.Role)
	}
	if u, err := s.User(ctx, 404); err != nil || u.ID != 404 || u.Status != "" || u.Role != "" {
		t.Errorf("unknown user: %+v %v", u, err)
	}
}

func usage(t *testing.T, sub Subject) {
	rec := conversation.UsageRecord{Kind: conversation.KindAnswer, At: now, AnswerID: "abcdefgh", User: "p1", ChatType: conversation.ChatWeb,
		Source: "message", Intent: "assessment", Verdict: "needs_more_facts", Citations: []string{"wzcl-2019#17", "x#1"}, Cases: []string{"c1"},
		Mode: "offline", Latency: 1500 * time.Millisecond, Question: "问", Answer: "答", PromptVersion: "v1", Passages: []string{"P1"},
		Delivery: "partial 1/2", Error: "delivery: telegram: send message: timeout"}
	save(t, sub.Store, conversation.Change{ChatID: 7, Usage: &rec})
	fb := conversation.UsageRecord{Kind: conversation.KindFeedback, At: now.Add(time.Second), AnswerID: "abcdefgh", User: "p1", ChatType: "private", Rating: "down", Reason: "不准"}
	save(t, sub.Store, conversation.Change{ChatID: 7, Usage: &fb})
	// A request handled twice (a replica died halfway) keeps one record.
	once := conversation.UsageRecord{Kind: conversation.KindAnswer, At: now, AnswerID: "bcdefghi", User: "p1", Question: "再问"}
	save(t, sub.Store, conversation.Change{ChatID: 7, Usage: &once, Once: 77})
	save(t, sub.Store, conversation.Change{ChatID: 7, Usage: &once, Once: 77})
	if n := len(sub.Records()); n != 3 {
		t.Fatalf("%d records after a record saved twice with one Once; want 3", n)
	}
	got := sub.Records()[:2]
	got[0].ID, got[1].ID = "", ""
	if !reflect.DeepEqual(got[0], rec) {
		t.Errorf("answer record:\n got %+v\nwant %+v", got[0], rec)
	}
	if !reflect.DeepEqual(got[1], fb) {
		t.Errorf("feedback record:\n got %+v\nwant %+v", got[1], fb)
	}
}

func forget(t *testing.T, sub Subject) {
	ctx := context.Background()
	s := sub.Store
	c := conversation.Case{ID: "c1", Started: now}
	save(t, s, conversation.Change{ChatID: 7, UserID: 7, Case: &c, Turns: turns("私", 2)})
	save(t, s, conversation.Change{ChatID: -100, UserID: 7, Case: &c, Turns: turns("群", 2)})
	save(t, s, conversation.Change{ChatID: 8, UserID: 8, Case: &c, Turns: turns("他", 2)})
	for _, r := range []conversation.UsageRecord{
		{Kind: conversation.KindAnswer, At: now, AnswerID: "aaaaaaaa", User: "me", Question: "我的问题", Answer: "答"},
		{Kind: conversation.KindFeedback, At: now, AnswerID: "aaaaaaaa", User: "me", Rating: "up"},
		{Kind: conversation.KindAnswer, At: now, AnswerID: "bbbbbbbb", User: "other", Question: "别人的问题", Answer: "答"},
	} {
		save(t, s, conversation.Change{ChatID: 7, Usage: &r})
	}
	n, err := s.Forget(ctx, 7, "me")
	if err != nil || n != 1 {
		t.Fatalf("Forget = %d, %v; want 1 record redacted", n, err)
	}
	for _, chat := range []int64{7, -100} {
		if sess := begin(t, s, conversation.Begin{ChatID: chat, UserID: 7, Now: now}); sess.Case.ID != "" || len(sess.Turns) != 0 {
			t.Errorf("chat %d kept %+v", chat, sess)
		}
		if h, _ := s.History(ctx, chat); len(h) != 0 {
			t.Errorf("chat %d kept history %+v", chat, h)
		}
	}
	if sess := begin(t, s, conversation.Begin{ChatID: 8, UserID: 8, Now: now}); len(sess.Turns) != 2 {
		t.Error("another user's chat was erased")
	}
	mine, others := 0, 0
	for _, r := range sub.Records() {
		switch r.User {
		case "me":
			mine++
			if r.Question != "" || r.Answer != "" || (r.Kind == conversation.KindAnswer && !r.Redacted) {
				t.Errorf("my record kept text: %+v", r)
			}
		case "other":
			others++
			if r.Question != "别人的问题" || r.Redacted {
				t.Errorf("another user's record changed: %+v", r)
			}
		}
	}
	if mine != 2 || others != 1 {
		t.Errorf("records after forget: mine %d others %d, want 2 and 1 (counts stay)", mine, others)
	}
}
