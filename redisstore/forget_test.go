package redisstore_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"rongcuo/advisor"
	"rongcuo/conversation"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

var secret = []byte("0123456789abcdef")

func answer(user, id, question string, at time.Time) conversation.UsageRecord {
	return conversation.UsageRecord{Kind: conversation.KindAnswer, At: at, AnswerID: id, User: user, ChatType: "private",
		Source: "message", Intent: "assessment", Verdict: "needs_more_facts", Mode: "offline", Latency: 40 * time.Millisecond,
		Question: question, Answer: "答复：" + question, Citations: []string{"wzcl-2019#17"}}
}

// count returns the records per user and how many of them still hold text.
func count(t *testing.T, s *redisstore.Store) (records, withText map[string]int) {
	t.Helper()
	recs, err := s.Usage(context.Background(), "-", "+", 100000)
	if err != nil {
		t.Fatal(err)
	}
	records, withText = map[string]int{}, map[string]int{}
	for _, r := range recs {
		records[r.User]++
		if r.Question != "" || r.Answer != "" || r.Reason != "" {
			withText[r.User]++
		}
	}
	return records, withText
}

func TestForgetErasesEverywhereWithoutScanningTheStream(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	me, other := conversation.Pseudonym(secret, 7), conversation.Pseudonym(secret, 8)
	now := time.Now()

	// A record from before the index existed, as an older version wrote it.
	if err := rdb.XAdd(ctx, &redis.XAddArgs{Stream: prefix + "usage", Values: []any{
		"kind", "answer", "at", now.UTC().Format(time.RFC3339Nano), "answer_id", "old1", "user", me, "chat_type", "private", "question", "旧问题",
	}}).Err(); err != nil {
		t.Fatal(err)
	}

	// My private conversation, a group I asked in, and a 👎 with a reason.
	c := conversation.Case{ID: "k1"}
	mine := answer(me, "a1", "我的问题", now)
	if err := s.Save(ctx, conversation.Change{ChatID: 7, UserID: 7, Case: &c, Usage: &mine, Turns: []advisor.Turn{{Role: "user", Text: "我的问题"}}}); err != nil {
		t.Fatal(err)
	}
	inGroup := answer(me, "a2", "群里的问题", now)
	inGroup.ChatType = "supergroup"
	if err := s.Save(ctx, conversation.Change{ChatID: -100, UserID: 7, Case: &c, Usage: &inGroup, Turns: []advisor.Turn{{Role: "user", Text: "群里的问题"}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUsage(ctx, conversation.UsageRecord{Kind: conversation.KindFeedback, At: now, AnswerID: "a1", User: me, Rating: "down", Reason: "太长"}); err != nil {
		t.Fatal(err)
	}
	// Someone else's many records: /forget must not read them.
	pipe := rdb.Pipeline()
	for i := range 5000 {
		r := answer(other, fmt.Sprintf("o%d", i), "别人的问题", now)
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: prefix + "usage", Values: []any{"kind", r.Kind, "at", r.At.UTC().Format(time.RFC3339Nano), "answer_id", r.AnswerID, "user", other, "question", r.Question}})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	recsBefore, _ := count(t, s)

	rt := redistest.Count(rdb)
	n, err := s.Forget(ctx, 7, me)
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("redacted %d records, want 4 (two answers, the reason, the record from before the index)", n)
	}
	// Pages of 1,000 over 5,000 records would be at least 6 round trips on
	// their own; the index needs a handful whatever the stream's length.
	if got := rt.N(); got > 12 {
		t.Errorf("forget took %d round trips: it scanned the stream", got)
	}
	records, withText := count(t, s)
	if records[me] != recsBefore[me] || records[other] != 5000 {
		t.Errorf("records after forget: %v, before %v; counts must stay", records, recsBefore)
	}
	if withText[me] != 0 || withText[other] != 5000 {
		t.Errorf("records with text after forget: %v", withText)
	}
	for _, chat := range []int64{7, -100} {
		if sess, _ := s.Begin(ctx, conversation.Begin{ChatID: chat, UserID: 7}); sess.Case.ID != "" || len(sess.Turns) != 0 {
			t.Errorf("chat %d conversation survived forget: %+v", chat, sess)
		}
		if left, _ := rdb.Keys(ctx, prefix+"{c:"+strconv.FormatInt(chat, 10)+"}:*").Result(); len(left) != 0 {
			t.Errorf("chat %d keys left after forget: %v", chat, left)
		}
	}
	keys, _ := rdb.Keys(ctx, prefix+"*"+me+"*").Result()
	if len(keys) != 0 {
		t.Errorf("keys naming the user left: %v", keys)
	}

	// Forgetting again finds nothing to do.
	if n, err := s.Forget(ctx, 7, me); err != nil || n != 0 {
		t.Errorf("second forget: %d %v", n, err)
	}
}

func TestIndexUsageCoversRecordsFromBeforeTheIndex(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	me, other := conversation.Pseudonym(secret, 7), conversation.Pseudonym(secret, 8)
	// As an older version wrote them: no index.
	pipe := rdb.Pipeline()
	for i := range 3000 {
		user := other
		if i%1000 == 0 {
			user = me
		}
		pipe.XAdd(ctx, &redis.XAddArgs{Stream: prefix + "usage", Values: []any{"kind", "answer", "at", time.Now().UTC().Format(time.RFC3339Nano), "user", user, "question", "问题"}})
	}
	if _, err := pipe.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUsage(ctx, answer(me, "new", "新问题", time.Now())); err != nil {
		t.Fatal(err)
	}
	if n, err := s.IndexUsage(ctx); err != nil || n != 3000 {
		t.Fatalf("indexed %d, %v; want the 3,000 older records", n, err)
	}
	if n, err := s.IndexUsage(ctx); err != nil || n != 0 {
		t.Errorf("second run indexed %d, %v", n, err)
	}
	rt := redistest.Count(rdb)
	n, err := s.Forget(ctx, 7, me)
	if err != nil || n != 4 {
		t.Fatalf("forget: %d %v; want the 3 older records and the new one", n, err)
	}
	if got := rt.N(); got > 12 {
		t.Errorf("forget took %d round trips after indexing: it scanned the stream", got)
	}
	if _, withText := count(t, s); withText[me] != 0 || withText[other] != 2997 {
		t.Errorf("records with text: %v", withText)
	}
}

func TestRedactionIsOnceUnderConcurrentRuns(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	me := conversation.Pseudonym(secret, 7)
	for i := range 300 {
		r := answer(me, fmt.Sprintf("a%d", i), fmt.Sprintf("问题%d", i), time.Now())
		if err := s.AddUsage(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(3 * time.Millisecond) // the cutoff must fall after the last stream id
	cutoff := time.Now()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Two replicas running the retention job and the user's /forget at once.
			other := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
			var err error
			if i%2 == 0 {
				_, err = other.Retain(ctx, cutoff)
			} else {
				_, err = other.Forget(ctx, 7, me)
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	records, withText := count(t, s)
	if records[me] != 300 || withText[me] != 0 {
		t.Errorf("after concurrent redactions: %d records (want 300), %d with text (want 0)", records[me], withText[me])
	}
}

// BenchmarkForget measures /forget for a user with 10 records among
// 100,000 of other users: the index makes it read the user's own only.
func BenchmarkForget(b *testing.B) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(b)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	other, me := conversation.Pseudonym(secret, 8), conversation.Pseudonym(secret, 7)
	for range 10 {
		pipe := rdb.Pipeline()
		for range 10_000 {
			pipe.XAdd(ctx, &redis.XAddArgs{Stream: prefix + "usage", Values: []any{"kind", "answer", "user", other, "question", "别人的问题"}})
		}
		if _, err := pipe.Exec(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if n, err := s.IndexUsage(ctx); err != nil || n != 100_000 {
		b.Fatalf("index: %d %v", n, err)
	}
	rt := redistest.Count(rdb)
	var trips int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for j := range 10 {
			if err := s.AddUsage(ctx, answer(me, fmt.Sprintf("a%d-%d", i, j), "我的问题", time.Now())); err != nil {
				b.Fatal(err)
			}
		}
		before := rt.N()
		b.StartTimer()
		if n, err := s.Forget(ctx, 7, me); err != nil || n != 10 {
			b.Fatalf("forget: %d %v", n, err)
		}
		b.StopTimer()
		trips += rt.N() - before
		b.StartTimer()
	}
	b.ReportMetric(float64(trips)/float64(b.N), "redis-roundtrips/op")
}
