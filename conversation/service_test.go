package conversation_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/conversation"
)

// echoAdvisor assesses every question as needing one more fact until the
// explicit-ban question is answered, and remembers what it was asked.
type echoAdvisor struct {
	mu    sync.Mutex
	asked []advisor.Question
}

func (a *echoAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	a.mu.Lock()
	a.asked = append(a.asked, q)
	a.mu.Unlock()
	if q.OnText != nil {
		q.OnText("正在")
	}
	facts := assess.Facts{}
	for k, v := range q.Facts {
		facts[k] = v
	}
	adv := advisor.Advice{Intent: advisor.IntentAssessment, Verdict: assess.NeedsMoreFacts, Mode: advisor.ModeOffline, Facts: facts,
		Answer: "答：" + q.Text, Citations: []advisor.Citation{{ID: "wzcl-2019#17"}}}
	if _, ok := q.Facts[assess.ExplicitBan]; !ok {
		adv.FollowUps = []assess.FollowUp{{Key: assess.ExplicitBan, Question: "当时有文件明确禁止吗？"}}
	} else {
		adv.Verdict = assess.LikelyTolerable
	}
	return adv, nil
}

func (a *echoAdvisor) last() advisor.Question {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.asked[len(a.asked)-1]
}

func apply(f assess.Facts, key string, r assess.Reply, question string) assess.Facts {
	out := assess.Facts{}
	for k, v := range f {
		out[k] = v
	}
	out[key] = assess.Fact{Status: assess.Favourable, Evidence: question, Answered: true}
	return out
}

// recorder is an Output that keeps what it was given.
type recorder struct {
	notices  []string
	started  bool
	streamed []string
	answer   *conversation.Answer
}

func (r *recorder) Notice(text string) { r.notices = append(r.notices, text) }
func (r *recorder) Start() func(string) {
	r.started = true
	return func(s string) { r.streamed = append(r.streamed, s) }
}
func (r *recorder) Answer(a conversation.Answer) { r.answer = &a }

type fixture struct {
	svc   *conversation.Service
	store *conversation.MemStore
	adv   *echoAdvisor
}

func newFixture(t *testing.T, edit func(*conversation.Config)) *fixture {
	t.Helper()
	f := &fixture{store: conversation.NewMemStore(20), adv: &echoAdvisor{}}
	cfg := conversation.Config{Advisor: f.adv, Store: f.store, Apply: apply, Admins: []int64{1}, PerMinute: 5, PerDay: 50,
		UserSecret: []byte("0123456789abcdef"), Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if edit != nil {
		edit(&cfg)
	}
	svc, err := conversation.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.svc = svc
	return f
}

func (f *fixture) ask(p conversation.Person, chat conversation.Chat, text string) *recorder {
	ctx := context.Background()
	st := f.svc.Load(ctx, conversation.Begin{ChatID: chat.ID, UserID: p.ID, Count: true, Now: time.Now()})
	out := &recorder{}
	f.svc.Ask(ctx, conversation.Question{Person: p, Chat: chat, Received: time.Now(), Text: text, State: st}, out)
	return out
}

func (f *fixture) follow(p conversation.Person, chat conversation.Chat, answerID string, r assess.Reply) *recorder {
	ctx := context.Background()
	st := f.svc.Load(ctx, conversation.Begin{ChatID: chat.ID, UserID: p.ID, Count: true, Now: time.Now()})
	out := &recorder{}
	f.svc.Follow(ctx, conversation.FollowUp{Person: p, Chat: chat, Received: time.Now(), State: st, AnswerID: answerID, Key: assess.ExplicitBan, Reply: r}, out)
	return out
}

var (
	li       = conversation.Person{ID: 42, Name: "李四"}
	telegram = conversation.Chat{ID: 42, Type: "private"}
	web      = conversation.Chat{ID: 42, Type: conversation.ChatWeb}
)

func TestOnePersonAcrossTelegramAndWeb(t *testing.T) {
	f := newFixture(t, nil)
	first := f.ask(li, telegram, "我先办了施工手续")
	if first.answer == nil || first.answer.ID == "" || !first.started || len(first.streamed) == 0 {
		t.Fatalf("no streamed answer: %+v", first)
	}
	// The same person on the web continues the same case: the follow-up
	// under the Telegram answer is live there, and the history goes along.
	second := f.follow(li, web, first.answer.ID, assess.No)
	if second.answer == nil || second.answer.Case != first.answer.Case || second.answer.Advice.Verdict != assess.LikelyTolerable {
		t.Fatalf("follow-up on the web: notices %v answer %+v", second.notices, second.answer)
	}
	if h := f.adv.last().History; len(h) != 2 || h[0].Text != "我先办了施工手续" {
		t.Errorf("the web question did not see the Telegram history: %+v", h)
	}
	recs := f.store.Records()
	if len(recs) != 2 || recs[0].User != recs[1].User || recs[0].ChatType != "private" || recs[1].ChatType != conversation.ChatWeb || recs[1].Source != "followup" {
		t.Errorf("usage records: %+v", recs)
	}
	convs, err := f.svc.History(context.Background(), li)
	if err != nil || len(convs) != 1 || len(convs[0].Turns) != 4 {
		t.Errorf("one conversation of four turns expected, got %+v %v", convs, err)
	}
	// A role granted once holds in both channels.
	if _, err := f.svc.Grant(context.Background(), 1, li.ID, true); err != nil {
		t.Fatal(err)
	}
	u, _ := f.svc.User(context.Background(), li.ID)
	if f.svc.Role(li.ID, u) != conversation.RoleStaff {
		t.Errorf("role after grant = %q", f.svc.Role(li.ID, u))
	}
}

func TestStaleFollowUpAndBareReply(t *testing.T) {
	f := newFixture(t, nil)
	first := f.ask(li, web, "我签了字")
	if out := f.follow(li, web, "aaaaaaaa", assess.Yes); out.answer != nil || len(out.notices) != 1 || out.notices[0] != conversation.TextStale {
		t.Errorf("a follow-up under another answer: %+v", out)
	}
	// A bare 否 typed answers the first open question.
	out := f.ask(li, web, "否")
	if out.answer == nil || out.answer.Advice.Verdict != assess.LikelyTolerable {
		t.Fatalf("bare reply: %+v", out)
	}
	recs := f.store.Records()
	if q := recs[len(recs)-1].Question; !strings.HasPrefix(q, "追问：") || !strings.HasSuffix(q, "→ 否") {
		t.Errorf("recorded question %q", q)
	}
	if out := f.follow(li, web, first.answer.ID, assess.Yes); len(out.notices) == 0 || out.notices[0] != conversation.TextStale {
		t.Errorf("an answered question is still live: %+v", out.notices)
	}
}

func TestLimitsAndAccess(t *testing.T) {
	f := newFixture(t, func(c *conversation.Config) { c.PerMinute = 1; c.Access = conversation.AccessApproval })
	var told []conversation.Person
	f.svc.OnAccessRequest(func(_ context.Context, p conversation.Person) { told = append(told, p) })
	if out := f.ask(li, web, "问"); out.answer != nil || out.notices[0] != conversation.TextPending {
		t.Fatalf("a new user under approval: %+v", out)
	}
	f.ask(li, web, "再问")
	if len(told) != 1 || told[0].ID != li.ID {
		t.Errorf("admins told %d times, want once", len(told))
	}
	if _, err := f.svc.Decide(context.Background(), 99, li.ID, true); !errors.Is(err, conversation.ErrNotAdmin) {
		t.Errorf("a non-admin's decision: %v", err)
	}
	if _, err := f.svc.Decide(context.Background(), 1, li.ID, true); err != nil {
		t.Fatal(err)
	}
	// Two requests this minute were counted already: over the limit of one.
	if out := f.ask(li, web, "问"); out.answer != nil || out.notices[0] != conversation.TextRateLimited {
		t.Errorf("over the rate limit: %+v", out)
	}
	long := newFixture(t, func(c *conversation.Config) { c.MaxText = 3 })
	if out := long.ask(li, web, "四个字啊"); out.answer != nil || !strings.Contains(out.notices[0], "4 字") {
		t.Errorf("too long: %+v", out.notices)
	}
	if out := long.ask(li, web, ""); out.notices[0] != conversation.TextEmpty {
		t.Errorf("empty: %+v", out.notices)
	}
}

func TestRateForgetAndNewCase(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	ans := f.ask(li, web, "我签了字").answer
	if err := f.svc.Rate(ctx, conversation.Rating{Person: li, Chat: web, AnswerID: ans.ID, Reason: "  没说清楚程序 "}); err != nil {
		t.Fatal(err)
	}
	recs := f.store.Records()
	fb := recs[len(recs)-1]
	if fb.Kind != conversation.KindFeedback || fb.Rating != "down" || fb.Reason != "没说清楚程序" || fb.AnswerID != ans.ID {
		t.Errorf("feedback record: %+v", fb)
	}
	// A rating with its reason leaves nothing pending: the next text is a question.
	if out := f.ask(li, web, "下一个问题"); out.answer == nil {
		t.Errorf("the next question was taken as a reason: %+v", out.notices)
	}
	st := f.svc.Load(ctx, conversation.Begin{ChatID: li.ID, UserID: li.ID})
	old := st.Case.ID
	if err := f.svc.NewCase(ctx, li, web, st, time.Now()); err != nil {
		t.Fatal(err)
	}
	if c := f.store.Case(li.ID); c.ID == old || c.ID == "" {
		t.Errorf("new case: %q after %q", c.ID, old)
	}
	if err := f.svc.NewCase(ctx, li, web, conversation.State{}, time.Now()); !errors.Is(err, conversation.ErrStoreDown) {
		t.Errorf("new case with the store down: %v", err)
	}
	n, err := f.svc.Forget(ctx, li)
	if err != nil || n != 3 {
		t.Errorf("forget: %d %v, want the 2 answers and the reason redacted", n, err)
	}
	if convs, _ := f.svc.History(ctx, li); len(convs) != 0 {
		t.Errorf("history after forget: %+v", convs)
	}
}

func TestStoreDownAnswersWithoutMemory(t *testing.T) {
	f := newFixture(t, nil)
	f.store.SetDown(true)
	out := f.ask(li, web, "我签了字")
	if out.answer == nil || !strings.HasPrefix(out.answer.Text, conversation.TextHistoryDown) {
		t.Fatalf("store down: %+v", out)
	}
	if out := f.follow(li, web, out.answer.ID, assess.Yes); out.notices[0] != conversation.TextStoreDown {
		t.Errorf("follow-up with the store down: %+v", out.notices)
	}
}

func TestUsageRecordsOfAnOutageAreWrittenWhenTheStoreReturns(t *testing.T) {
	f := newFixture(t, nil)
	f.ask(li, web, "停机前的问题")
	f.store.SetDown(true)
	f.ask(li, web, "停机中的问题一")
	f.ask(li, web, "停机中的问题二")
	if n := len(f.store.Records()); n != 1 {
		t.Fatalf("%d records while the store is down", n)
	}
	if waiting, _ := f.svc.UsageBuffered(); waiting != 2 {
		t.Errorf("%d records waiting, want 2", waiting)
	}
	f.store.SetDown(false)
	f.ask(li, web, "恢复后的问题") // a save that works starts writing the others
	waitFor(t, "the buffered records written", func() bool { return len(f.store.Records()) == 4 })
	var qs []string
	for _, r := range f.store.Records() {
		qs = append(qs, r.Question)
	}
	for _, want := range []string{"停机前的问题", "停机中的问题一", "停机中的问题二", "恢复后的问题"} {
		if !strings.Contains(strings.Join(qs, "|"), want) {
			t.Errorf("record of %q lost: %q", want, qs)
		}
	}
}

func TestUsageBufferIsBoundedAndSpooled(t *testing.T) {
	spool := t.TempDir() + "/usage.spool"
	obs := &usageWatch{}
	f := newFixture(t, func(c *conversation.Config) { c.UsageBuffer = 2; c.UsageSpool = spool; c.Observer = obs })
	f.store.SetDown(true)
	for _, q := range []string{"一", "二", "三"} {
		f.ask(li, web, q)
	}
	if waiting, dropped := f.svc.UsageBuffered(); waiting != 2 || dropped != 1 {
		t.Errorf("waiting %d dropped %d; want 2 kept and 1 dropped, counted", waiting, dropped)
	}
	if obs.answers != 3 || obs.buffered != 2 || obs.dropped != 1 {
		t.Errorf("observer told of %d answers, %d records buffered, %d dropped; want 3, 2, 1", obs.answers, obs.buffered, obs.dropped)
	}
	// The process stops before the store returns: the next one on the same
	// spool file writes the records.
	next, err := conversation.New(conversation.Config{Advisor: f.adv, Store: f.store, Apply: apply, UserSecret: []byte("0123456789abcdef"),
		UsageSpool: spool, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if waiting, _ := next.UsageBuffered(); waiting != 2 {
		t.Fatalf("%d records read back from the spool, want 2", waiting)
	}
	f.store.SetDown(false)
	if n, err := next.FlushUsage(context.Background()); n != 2 || err != nil {
		t.Fatalf("flush: %d %v", n, err)
	}
	if recs := f.store.Records(); len(recs) != 2 || recs[0].Question != "一" || recs[1].Question != "二" {
		t.Errorf("records after the flush: %+v", recs)
	}
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("the spool file is left after every record was written: %v", err)
	}
}

func TestTypedReplyDuringAnOutage(t *testing.T) {
	f := newFixture(t, nil)
	f.ask(li, web, "我签了字")
	f.store.SetDown(true)
	out := f.ask(li, web, "是")
	if out.answer != nil || len(out.notices) != 1 || out.notices[0] != conversation.TextStoreDown {
		t.Errorf("a bare 是 with the case unreadable: notices %q answer %+v", out.notices, out.answer)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestConcurrentFlushesWriteEachRecordOnce(t *testing.T) {
	f := newFixture(t, nil)
	f.store.SetDown(true)
	for i := range 50 {
		f.ask(li, web, fmt.Sprint("停机中的问题", i))
	}
	f.store.SetDown(false)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); f.svc.FlushUsage(context.Background()) }()
	}
	wg.Wait()
	if n := len(f.store.Records()); n != 50 {
		t.Errorf("%d records after concurrent flushes of 50", n)
	}
}

// noteAdvisor answers with a notice at the top, as the advisor does when it
// cut a long question or the model was down: Note repeats it for channels
// that show it apart.
type noteAdvisor struct{}

func (noteAdvisor) Advise(context.Context, advisor.Question) (advisor.Advice, error) {
	const note = "智能问答服务暂时不可用，以下为依据知识库生成的离线答复。"
	return advisor.Advice{Intent: advisor.IntentDefinition, Mode: advisor.ModeOffline, Note: note, Answer: note + "\n\n答复正文"}, nil
}

func TestANoticeIsShownOnce(t *testing.T) {
	f := newFixture(t, func(c *conversation.Config) { c.Advisor = noteAdvisor{} })
	out := f.ask(li, telegram, "什么是三个区分开来")
	if out.answer == nil {
		t.Fatal("no answer")
	}
	if n := strings.Count(out.answer.Text, "暂时不可用"); n != 1 {
		t.Errorf("the notice appears %d times:\n%s", n, out.answer.Text)
	}
}

// usageWatch is a conversation.Observer that keeps what it was told.
type usageWatch struct {
	answers, buffered, dropped int
}

var _ conversation.Observer = (*usageWatch)(nil)

func (w *usageWatch) Answered(string, string, string, string, bool, time.Duration) { w.answers++ }
func (w *usageWatch) UsageBuffered(n int)                                          { w.buffered = n }
func (w *usageWatch) UsageDropped()                                                { w.dropped++ }
