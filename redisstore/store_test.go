package redisstore_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

func newStore(t *testing.T, opts redisstore.Options) (*redisstore.Store, *redistest.RoundTrips, string) {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	opts.Prefix = prefix
	return redisstore.New(rdb, opts), redistest.Count(rdb), prefix
}

func TestConversationRoundTripsAndHistory(t *testing.T) {
	ctx := context.Background()
	s, rt, _ := newStore(t, redisstore.Options{HistoryKeep: 4, HistoryTTL: time.Hour})
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

	sess, err := s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7, UpdateID: 100, Count: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if sess.Duplicate || sess.Case.ID != "" || len(sess.Turns) != 0 || sess.Minute != 1 || sess.Today != 1 {
		t.Fatalf("fresh chat: %+v", sess)
	}
	c := conversation.Case{ID: "c1", Text: "我签了字", Facts: assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目"}}, AnswerID: "a1", Started: now}
	for i := range 3 {
		err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c, Seen: now, Turns: []advisor.Turn{
			{Role: "user", Text: fmt.Sprintf("问%d", i), At: now}, {Role: "assistant", Text: fmt.Sprintf("答%d", i), At: now},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	before := rt.N()
	sess, err = s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7, UpdateID: 101, Count: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.N() - before; got != 1 {
		t.Errorf("Begin took %d round trips, want 1", got)
	}
	// Answering reads the user's words; the answers' text comes with the
	// transcript only.
	if want := []string{"问1", "", "问2", ""}; !reflect.DeepEqual(turnTexts(sess.Turns), want) {
		t.Errorf("turns = %q, want the last 4 without the answers' text: %q", turnTexts(sess.Turns), want)
	}
	before = rt.N()
	full, err := s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Transcript: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.N() - before; got != 1 {
		t.Errorf("Begin with the transcript took %d round trips, want 1", got)
	}
	if want := []string{"问1", "答1", "问2", "答2"}; !reflect.DeepEqual(turnTexts(full.Turns), want) {
		t.Errorf("transcript = %q, want the last 4: %q", turnTexts(full.Turns), want)
	}
	if !reflect.DeepEqual(sess.Case, c) {
		t.Errorf("case = %+v, want %+v", sess.Case, c)
	}
	if sess.Minute != 2 || sess.Today != 2 {
		t.Errorf("counters = %d/%d, want 2/2", sess.Minute, sess.Today)
	}

	// A new case hides the old case's turns without deleting them.
	c2 := conversation.Case{ID: "c2", Started: now}
	before = rt.N()
	if err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c2, Turns: []advisor.Turn{{Role: "user", Text: "新案", At: now}}}); err != nil {
		t.Fatal(err)
	}
	if got := rt.N() - before; got != 1 {
		t.Errorf("Save took %d round trips, want 1", got)
	}
	sess, _ = s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if len(sess.Turns) != 1 || sess.Turns[0].Text != "新案" || sess.Case.ID != "c2" {
		t.Errorf("after a new case: %+v", sess)
	}
}

func turnTexts(ts []advisor.Turn) []string {
	out := make([]string, 0, len(ts))
	for _, tu := range ts {
		out = append(out, tu.Text)
	}
	return out
}

// A chat whose turns were written before the outline was kept is still read
// whole: from the turns, until the outline has caught up.
func TestBeginReadsTurnsWrittenBeforeTheOutline(t *testing.T) {
	ctx := context.Background()
	s, rt, prefix := newStore(t, redisstore.Options{HistoryKeep: 4, HistoryTTL: time.Hour})
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	c := conversation.Case{ID: "c1", Started: now}
	if err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c}); err != nil {
		t.Fatal(err)
	}
	at := strconv.FormatInt(now.UnixNano(), 10)
	if err := s.Client().RPush(ctx, prefix+"{c:7}:turns", "c0|user|"+at+"|旧案", "c1|user|"+at+"|问0", "c1|assistant|"+at+"|答0").Err(); err != nil {
		t.Fatal(err)
	}
	before := rt.N()
	sess, err := s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"问0", ""}; !reflect.DeepEqual(turnTexts(sess.Turns), want) {
		t.Errorf("old turns = %q, want %q", turnTexts(sess.Turns), want)
	}
	if got := rt.N() - before; got != 2 {
		t.Errorf("Begin on old turns took %d round trips, want 2", got)
	}
	if full := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now, Transcript: true}); !reflect.DeepEqual(turnTexts(full.Turns), []string{"问0", "答0"}) {
		t.Errorf("old transcript = %q", turnTexts(full.Turns))
	}
	// The next exchange: the outline holds it alone, the turns hold more.
	for i := 1; i <= 2; i++ {
		err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c, Turns: []advisor.Turn{
			{Role: "user", Text: fmt.Sprintf("问%d", i), At: now}, {Role: "assistant", Text: fmt.Sprintf("答%d", i), At: now}}})
		if err != nil {
			t.Fatal(err)
		}
		sess := begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
		want := []string{"问0", "", "问1", ""}
		if i == 2 {
			want = []string{"问1", "", "问2", ""} // the old turns have aged out
		}
		if !reflect.DeepEqual(turnTexts(sess.Turns), want) {
			t.Errorf("after exchange %d: %q, want %q", i, turnTexts(sess.Turns), want)
		}
	}
	before = rt.N()
	begin(t, s, conversation.Begin{ChatID: 7, UserID: 7, Now: now})
	if got := rt.N() - before; got != 1 {
		t.Errorf("Begin once the outline caught up took %d round trips, want 1", got)
	}
}

func TestDuplicateUpdateAndPending(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	b := conversation.Begin{ChatID: 1, UserID: 2, UpdateID: 55, Count: true}
	if sess, err := s.Begin(ctx, b); err != nil || sess.Duplicate {
		t.Fatalf("first delivery: %+v %v", sess, err)
	}
	if sess, err := s.Begin(ctx, b); err != nil || !sess.Duplicate {
		t.Fatalf("second delivery not flagged duplicate: %+v %v", sess, err)
	}
	b.UpdateID = 56
	if sess, _ := s.Begin(ctx, b); sess.Minute != 2 || sess.Today != 2 {
		t.Errorf("a duplicate must not count against the limits: minute=%d today=%d", sess.Minute, sess.Today)
	}
	p := "ans1"
	if err := s.Save(ctx, conversation.Change{ChatID: 1, Pending: &p}); err != nil {
		t.Fatal(err)
	}
	if sess, _ := s.Begin(ctx, conversation.Begin{ChatID: 1, UserID: 2}); sess.Pending != "ans1" {
		t.Errorf("pending = %q", sess.Pending)
	}
	clear := ""
	s.Save(ctx, conversation.Change{ChatID: 1, Pending: &clear})
	if sess, _ := s.Begin(ctx, conversation.Begin{ChatID: 1, UserID: 2}); sess.Pending != "" {
		t.Errorf("pending not cleared: %q", sess.Pending)
	}
}

func TestDailyQuotaResetsAtChinaMidnight(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	// 15:59 and 16:01 UTC are either side of midnight in China.
	a := time.Date(2026, 3, 1, 15, 59, 0, 0, time.UTC)
	s.Begin(ctx, conversation.Begin{ChatID: 1, UserID: 1, Count: true, Now: a})
	sess, _ := s.Begin(ctx, conversation.Begin{ChatID: 1, UserID: 1, Count: true, Now: a.Add(30 * time.Second)})
	if sess.Today != 2 {
		t.Fatalf("same day: %d", sess.Today)
	}
	sess, _ = s.Begin(ctx, conversation.Begin{ChatID: 1, UserID: 1, Count: true, Now: a.Add(2 * time.Minute)})
	if sess.Today != 1 || sess.Minute != 1 {
		t.Errorf("after midnight CST: today=%d minute=%d, want 1/1", sess.Today, sess.Minute)
	}
}

func TestKeysOfAChatShareAHashTag(t *testing.T) {
	ctx := context.Background()
	s, _, prefix := newStore(t, redisstore.Options{})
	rdb := s.Client()
	c := conversation.Case{ID: "x"}
	s.Begin(ctx, conversation.Begin{ChatID: -100123, UserID: 9, UpdateID: 3, Count: true})
	s.Save(ctx, conversation.Change{ChatID: -100123, UserID: 9, Case: &c, Seen: time.Now(), Turns: []advisor.Turn{{Role: "user", Text: "q"}}})
	keys, err := rdb.Keys(ctx, prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	var chatKeys int
	for _, k := range keys {
		rest := strings.TrimPrefix(k, prefix)
		switch {
		case strings.HasPrefix(rest, "{c:-100123}:"):
			chatKeys++
		case strings.HasPrefix(rest, "{u:9}"), rest == "users":
		default:
			t.Errorf("key %q has neither the chat's nor the user's hash tag", k)
		}
	}
	if chatKeys != 4 { // turns, outline, state, upd:3
		t.Errorf("found %d chat keys, want 4: %v", chatKeys, keys)
	}
	for _, k := range []string{"turns", "outline"} {
		ttl, _ := rdb.TTL(ctx, prefix+"{c:-100123}:"+k).Result()
		if ttl < 29*24*time.Hour {
			t.Errorf("%s TTL = %v, want the 30-day default", k, ttl)
		}
	}
}

func TestUsersAccessAndRoles(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	now := time.Now().Truncate(time.Second)
	first, err := s.RequestAccess(ctx, conversation.User{ID: 42, Name: "张三", Username: "zs"}, now)
	if err != nil || !first {
		t.Fatalf("first request: %v %v", first, err)
	}
	if again, _ := s.RequestAccess(ctx, conversation.User{ID: 42, Name: "张三"}, now); again {
		t.Error("a second request must not ask the admins again")
	}
	u, _ := s.User(ctx, 42)
	if u.Status != conversation.StatusPending || u.Name != "张三" || u.Created.IsZero() {
		t.Errorf("pending user = %+v", u)
	}
	if err := s.SetStatus(ctx, 42, conversation.StatusActive, 1, now); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx, 42, conversation.RoleStaff, 1, now); err != nil {
		t.Fatal(err)
	}
	u, _ = s.User(ctx, 42)
	if u.Status != conversation.StatusActive || u.Role != conversation.RoleStaff || u.DecidedBy != 1 || !u.DecidedAt.Equal(now) {
		t.Errorf("after approval and grant: %+v", u)
	}
	s.SetRole(ctx, 42, conversation.RoleCadre, 1, now)
	if u, _ = s.User(ctx, 42); u.Role != "" {
		t.Errorf("grant not removed: %q", u.Role)
	}
	ids, _ := s.UserIDs(ctx)
	if !reflect.DeepEqual(ids, []int64{42}) {
		t.Errorf("user ids = %v", ids)
	}
}

func TestUsageRecordsAndForget(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	secret := []byte("0123456789abcdef")
	me, other := conversation.Pseudonym(secret, 7), conversation.Pseudonym(secret, 8)
	if me == other || me != conversation.Pseudonym(secret, 7) || len(me) != 64 {
		t.Fatalf("pseudonyms: %q %q", me, other)
	}
	at := time.Date(2026, 3, 1, 10, 0, 0, 123, time.UTC)
	rec := conversation.UsageRecord{
		Kind: conversation.KindAnswer, At: at, AnswerID: "a1", User: me, ChatType: "private", Source: "message",
		Intent: "assessment", Verdict: "needs_more_facts", Citations: []string{"wzcl-2019#17", "x#1"}, Cases: []string{"c1"},
		Mode: "offline", Latency: 42 * time.Millisecond, Question: "能容错吗", Answer: "**初步判断**", PromptVersion: "v1",
	}
	c := conversation.Case{ID: "k"}
	if err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c, Usage: &rec, Turns: []advisor.Turn{{Role: "user", Text: "能容错吗"}}}); err != nil {
		t.Fatal(err)
	}
	s.AddUsage(ctx, conversation.UsageRecord{Kind: conversation.KindFeedback, At: at, AnswerID: "a1", User: me, ChatType: "private", Rating: "down", Reason: "太长"})
	s.AddUsage(ctx, conversation.UsageRecord{Kind: conversation.KindAnswer, At: at, AnswerID: "b1", User: other, ChatType: "private", Question: "别人的问题"})

	recs, err := s.Usage(ctx, "-", "+", 10)
	if err != nil || len(recs) != 3 {
		t.Fatalf("usage: %d %v", len(recs), err)
	}
	got := recs[0]
	got.ID = ""
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("record read back\n got %+v\nwant %+v", got, rec)
	}

	n, err := s.Forget(ctx, 7, me)
	if err != nil || n != 2 {
		t.Fatalf("forget: %d %v", n, err)
	}
	recs, _ = s.Usage(ctx, "-", "+", 10)
	if len(recs) != 3 {
		t.Fatalf("forget must keep the records, without their text: %d", len(recs))
	}
	for _, r := range recs {
		switch r.User {
		case me:
			if !r.Redacted || r.Question != "" || r.Answer != "" || r.Reason != "" || !r.At.Equal(at) || r.AnswerID != "a1" {
				t.Errorf("my record not redacted properly: %+v", r)
			}
		case other:
			if r.Redacted || r.Question != "别人的问题" {
				t.Errorf("someone else's record touched: %+v", r)
			}
		}
	}
	if sess, _ := s.Begin(ctx, conversation.Begin{ChatID: 7, UserID: 7}); sess.Case.ID != "" || len(sess.Turns) != 0 {
		t.Errorf("conversation survived forget: %+v", sess)
	}
}

func TestRedisDownIsAnError(t *testing.T) {
	rdb, err := redisstore.Connect("redis://127.0.0.1:1/0")
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	s := redisstore.New(rdb, redisstore.Options{})
	if _, err := s.Begin(context.Background(), conversation.Begin{ChatID: 1, UserID: 1}); err == nil || !strings.Contains(err.Error(), "redisstore: begin") {
		t.Errorf("Begin on a dead Redis: %v", err)
	}
	if _, err := redisstore.Connect("::not a url"); err == nil {
		t.Error("a bad URL must be an error")
	}
	_, err = redisstore.Open(context.Background(), "redis://:hunter2@127.0.0.1:1/0", redisstore.Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot reach Redis at redis://:xxxxx@127.0.0.1:1/0") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("Open on a dead Redis: %v", err)
	}
}

func TestOpenReachesARedis(t *testing.T) {
	redistest.Needed(t)
	if s, err := redisstore.Open(context.Background(), redistest.URL(), redisstore.Options{}); err != nil {
		t.Errorf("Open on the test Redis: %v", err)
	} else {
		s.Close()
	}
}

func TestConnectPicksTheClientKind(t *testing.T) {
	cases := map[string]string{
		"redis://127.0.0.1:6379/0":                                   "*redis.Client",
		"redis://:pw@10.0.0.1:7000?addr=10.0.0.2:7000":               "*redis.ClusterClient",
		"redis://127.0.0.1:26379?master_name=mymaster&addr=h2:26379": "*redis.Client", // a Sentinel-backed failover client
	}
	for url, want := range cases {
		rdb, err := redisstore.Connect(url)
		if err != nil {
			t.Errorf("%s: %v", url, err)
			continue
		}
		if got := fmt.Sprintf("%T", rdb); got != want {
			t.Errorf("%s: %s, want %s", url, got, want)
		}
		rdb.Close()
	}
	if got := redisstore.Redacted("redis://user:secret@host:6379/0"); strings.Contains(got, "secret") {
		t.Errorf("Redacted kept the password: %s", got)
	}
}

func begin(t *testing.T, s *redisstore.Store, b conversation.Begin) conversation.Session {
	t.Helper()
	sess, err := s.Begin(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	return sess
}

// Chats asking at once share round trips (Begin and Save batch what comes
// while a pipeline is on the wire): each still reads back its own case and
// turns, and a command failing for one chat fails that chat's call only.
func TestConcurrentChatsShareRoundTripsAndKeepTheirOwnResults(t *testing.T) {
	ctx := context.Background()
	s, rt, prefix := newStore(t, redisstore.Options{HistoryTTL: time.Hour})
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	// Chat 13's state is not a hash: its Begin fails, the others' must not.
	if err := s.Client().Set(ctx, prefix+"{c:13}:state", "x", time.Hour).Err(); err != nil {
		t.Fatal(err)
	}
	const chats, rounds = 40, 5
	before := rt.N()
	var wg sync.WaitGroup
	errs := make(chan error, chats*rounds)
	for chat := int64(1); chat <= chats; chat++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := conversation.Case{ID: fmt.Sprintf("case%d", chat), Started: now}
			for i := range rounds {
				sess, err := s.Begin(ctx, conversation.Begin{ChatID: chat, UserID: chat, Count: true, Now: now})
				if chat == 13 {
					if err == nil {
						errs <- fmt.Errorf("chat 13: Begin on a state that is no hash did not fail")
					}
					return
				}
				if err != nil {
					errs <- fmt.Errorf("chat %d: %w", chat, err)
					return
				}
				if sess.Minute != int64(i+1) || len(sess.Turns) != 2*i || i > 0 && sess.Case.ID != c.ID {
					errs <- fmt.Errorf("chat %d round %d: minute %d, %d turns, case %q", chat, i, sess.Minute, len(sess.Turns), sess.Case.ID)
				}
				for _, tu := range sess.Turns {
					if tu.Role == "user" && !strings.HasPrefix(tu.Text, fmt.Sprintf("%d:", chat)) {
						errs <- fmt.Errorf("chat %d read another chat's turn %q", chat, tu.Text)
					}
				}
				err = s.Save(ctx, conversation.Change{ChatID: chat, UserID: chat, Case: &c, Turns: []advisor.Turn{
					{Role: "user", Text: fmt.Sprintf("%d:问%d", chat, i), At: now}, {Role: "assistant", Text: "答", At: now}}})
				if err != nil {
					errs <- fmt.Errorf("chat %d save: %w", chat, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got, alone := rt.N()-before, int64(2*(chats-1)*rounds+1); got > alone {
		t.Errorf("%d round trips, more than the %d of one per call", got, alone)
	}
}

// The store speaks RESP2 unless the URL asks for RESP3 (protocol=3): it uses
// nothing RESP3 adds, and RESP3 makes go-redis look for push notifications
// before every reply.
func TestConnectSpeaksRESP2UnlessTold(t *testing.T) {
	redistest.Needed(t)
	for url, want := range map[string]string{redistest.URL(): "resp=2", withQuery(redistest.URL(), "protocol=3"): "resp=3"} {
		rdb, err := redisstore.Connect(url)
		if err != nil {
			t.Fatal(err)
		}
		info, err := rdb.Do(context.Background(), "CLIENT", "INFO").Text()
		rdb.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(strings.Fields(info), want) {
			t.Errorf("%s: CLIENT INFO says %q, want %s", redisstore.Redacted(url), strings.TrimSpace(info), want)
		}
	}
}

func withQuery(url, q string) string {
	if strings.Contains(url, "?") {
		return url + "&" + q
	}
	return url + "?" + q
}
