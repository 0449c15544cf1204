package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/bot"
	"rongcuo/bot/telegramtest"
	"rongcuo/conversation"
	"rongcuo/internal/docxtest"
	"rongcuo/kblive"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

const (
	testToken  = "123456:TEST-TOKEN"
	testSecret = "a-test-secret-of-enough-length"
	waitFor    = 15 * time.Second
)

var cadre = telegramtest.From{ID: 4242, Name: "王", Username: "wang"}

// updateIDs gives each fake Bot API its own update ids: replicas sharing a
// Redis de-duplicate updates by id, as they must for one real bot.
var updateIDs atomic.Int64

// syncBuffer is the server's stderr, written by the bot's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// running is a `rongcuo serve` started through its real wiring against a
// fake Bot API and a real Redis.
type running struct {
	api    *telegramtest.Server
	store  *redisstore.Store
	cancel context.CancelFunc
	done   chan error
	stderr *syncBuffer
	prefix string
	live   atomic.Pointer[kblive.Advisor]
}

// startServe runs serve with the test environment plus env; it is stopped
// (and must stop cleanly) when the test ends.
func startServe(t *testing.T, extra map[string]string, d serveDeps) *running {
	t.Helper()
	api := telegramtest.New(t, testToken)
	api.NextUpdateID(updateIDs.Add(1_000_000))
	return startReplica(t, api, extra, d)
}

// startReplica runs serve against api, which other replicas of the same bot
// may share.
func startReplica(t *testing.T, api *telegramtest.Server, extra map[string]string, d serveDeps) *running {
	t.Helper()
	rdb, prefix := redistest.Client(t)
	url := redistest.URL()
	if u, ok := extra["REDIS_URL"]; ok {
		url = u
	}
	vars := map[string]string{
		"TELEGRAM_BOT_TOKEN": testToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": url,
		"RONGCUO_REDIS_PREFIX": prefix, "RONGCUO_USER_SECRET": testSecret, "RONGCUO_ADMINS": "1",
		"RONGCUO_CHAT_INTERVAL": "1ms", "RONGCUO_SEND_RATE": "0", "RONGCUO_POLL_TIMEOUT": "2s",
		"RONGCUO_SHUTDOWN_TIMEOUT": "10s", "RONGCUO_LOG_LEVEL": "debug", "RONGCUO_OPS_LISTEN": "127.0.0.1:0",
	}
	for k, v := range extra {
		vars[k] = v
	}
	prefix = vars["RONGCUO_REDIS_PREFIX"] // a second replica shares the first one's
	stderr := &syncBuffer{}
	e := env{getenv: func(k string) string { return vars[k] }, stdout: &bytes.Buffer{}, stderr: stderr}
	o, err := parseServe("serve", nil, e)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{api: api, cancel: cancel, done: make(chan error, 1), stderr: stderr, prefix: prefix,
		store: redisstore.New(rdb, redisstore.Options{Prefix: prefix})}
	d.onLive = func(l *kblive.Advisor) { r.live.Store(l) }
	go func() { r.done <- serve(ctx, e, &globalOptions{KB: vars["RONGCUO_KB"]}, o, d) }()
	t.Cleanup(func() {
		if err := r.stop(); err != nil {
			t.Errorf("serve did not stop cleanly: %v\n%s", err, stderr.String())
		}
		if t.Failed() {
			log := stderr.String()
			t.Logf("serve's log (the end):\n%s", log[max(0, len(log)-6000):])
		}
	})
	before := len(api.Calls())
	api.Wait(t, waitFor, "the bot to start polling or set its webhook", func(cs []telegramtest.Call) bool {
		return has(cs[before:], "deleteWebhook") || has(cs[before:], "setWebhook")
	})
	return r
}

func (r *running) stop() error {
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(waitFor):
		return errors.New("serve did not return")
	}
}

func has(cs []telegramtest.Call, method string) bool {
	for _, c := range cs {
		if c.Method == method {
			return true
		}
	}
	return false
}

// messages returns the messages delivered to a chat (sent or edited, not
// refused).
func messages(cs []telegramtest.Call, chat int64) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range cs {
		if (c.Method == "sendMessage" || c.Method == "editMessageText") && c.ChatID == chat && !c.Failed {
			out = append(out, c)
		}
	}
	return out
}

// waitMessage waits for a message to the chat, after the first `after`
// ones, whose text contains want.
func (r *running) waitMessage(t *testing.T, chat int64, after int, want string) telegramtest.Call {
	t.Helper()
	var found telegramtest.Call
	r.api.Wait(t, waitFor, fmt.Sprintf("a message containing %q", want), func(cs []telegramtest.Call) bool {
		ms := messages(cs, chat)
		for i := after; i < len(ms); i++ {
			if strings.Contains(ms[i].Text, want) {
				found = ms[i]
				return true
			}
		}
		return false
	})
	return found
}

// answersFrom waits until the bot answers from knowledge-base version v or
// later: the advisor and index it uses are swapped, not just loaded.
func (r *running) answersFrom(t *testing.T, v int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if !r.live.Load().Wait(ctx, v) {
		t.Fatalf("the bot still answers from an older knowledge base than version %d", v)
	}
}

func (r *running) count(chat int64) int { return len(messages(r.api.Calls(), chat)) }

func button(t *testing.T, c telegramtest.Call, prefix string) telegramtest.Button {
	t.Helper()
	for _, row := range c.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, prefix) {
				return b
			}
		}
	}
	t.Fatalf("no %q button under %q: %+v", prefix, c.Text, c.Buttons)
	return telegramtest.Button{}
}

func (r *running) usage(t *testing.T) []conversation.UsageRecord {
	t.Helper()
	recs, err := r.store.Usage(context.Background(), "-", "+", 1000)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

const caseText = "我在招商引资中为了让项目尽快开工，先办了施工手续，后来补齐了材料。现在纪委找我谈话，能容错吗？"

func TestServeWholeConversation(t *testing.T) {
	r := startServe(t, nil, serveDeps{})
	chat := cadre.ID
	cs := r.api.Wait(t, waitFor, "setMyCommands", func(cs []telegramtest.Call) bool { return has(cs, "setMyCommands") })
	for _, c := range cs {
		if c.Method == "setMyCommands" && (!strings.Contains(c.Params["commands"], `"forget"`) || !strings.Contains(c.Params["commands"], "删除我的对话")) {
			t.Errorf("commands registered: %s", c.Params["commands"])
		}
	}

	r.api.Push(telegramtest.Text(chat, "private", cadre, "/start"))
	r.waitMessage(t, chat, 0, "请勿输入任何涉密信息或敏感信息")

	// A case: the answer comes in HTML with follow-up, 查看原文 and rating buttons.
	n := r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, caseText))
	answer := r.waitMessage(t, chat, n, "初步判断")
	if answer.ParseMode != "HTML" {
		t.Errorf("answer parse mode %q", answer.ParseMode)
	}
	yes := button(t, answer, "1 是")
	original := button(t, answer, "查看原文")
	down := button(t, answer, "👎")

	// A follow-up answer updates the case and brings a new assessment.
	n = r.count(chat)
	r.api.Push(telegramtest.Press(chat, cadre, answer.MessageID, yes.CallbackData))
	r.api.Wait(t, waitFor, "the follow-up press answered", func(cs []telegramtest.Call) bool {
		for _, c := range cs {
			if c.Method == "answerCallbackQuery" && c.Params["text"] == "已记录：是" {
				return true
			}
		}
		return false
	})
	r.waitMessage(t, chat, n, "初步判断")

	// 查看原文 shows the provision.
	n = r.count(chat)
	r.api.Push(telegramtest.Press(chat, cadre, answer.MessageID, original.CallbackData))
	r.waitMessage(t, chat, n, "》第")

	// 👎 with a reason.
	n = r.count(chat)
	r.api.Push(telegramtest.Press(chat, cadre, answer.MessageID, down.CallbackData))
	r.waitMessage(t, chat, n, "哪里不满意")
	r.api.Push(telegramtest.Text(chat, "private", cadre, "没有说清楚申请程序"))
	r.waitMessage(t, chat, n, "已记录您的意见")

	eventually(t, "the feedback reason recorded", func() bool {
		for _, rec := range r.usage(t) {
			if rec.Reason != "" {
				return true
			}
		}
		return false
	})
	recs := r.usage(t)
	var answers, followups, reasons int
	for _, rec := range recs {
		switch {
		case rec.Kind == conversation.KindAnswer && rec.Source == "message":
			answers++
			if rec.Question != caseText || rec.Intent != "assessment" || rec.Verdict == "" || len(rec.Citations) == 0 || rec.Mode != "offline" || rec.User != conversation.Pseudonym([]byte(testSecret), chat) {
				t.Errorf("answer record: %+v", rec)
			}
		case rec.Kind == conversation.KindAnswer && rec.Source == "followup":
			followups++
		case rec.Kind == conversation.KindFeedback && rec.Reason == "没有说清楚申请程序":
			reasons++
			if rec.AnswerID == "" {
				t.Error("feedback not linked to its answer")
			}
		}
	}
	if answers != 1 || followups != 1 || reasons != 1 {
		t.Errorf("usage records: %d answers, %d follow-ups, %d reasons: %+v", answers, followups, reasons, recs)
	}

	// /policy and /cases search the knowledge base.
	n = r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, "/policy 不予问责或者免予问责"))
	policy := r.waitMessage(t, chat, n, "相关规定")
	r.api.Push(telegramtest.Press(chat, cadre, policy.MessageID, button(t, policy, "1. 查看原文").CallbackData))
	r.waitMessage(t, chat, n+1, "<b>《")
	r.api.Push(telegramtest.Text(chat, "private", cadre, "/cases 招商引资 容缺审批"))
	r.waitMessage(t, chat, n+2, "类似案例")

	// /new starts a new case; the old turns stay stored.
	eventually(t, "the follow-up answer saved", func() bool {
		s, _ := r.store.Begin(context.Background(), conversation.Begin{ChatID: chat, UserID: chat})
		return len(s.Turns) == 4
	})
	before, _ := r.store.Begin(context.Background(), conversation.Begin{ChatID: chat, UserID: chat})
	n = r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, "/new"))
	r.waitMessage(t, chat, n, "已开始新的案例")
	after, _ := r.store.Begin(context.Background(), conversation.Begin{ChatID: chat, UserID: chat})
	if after.Case.ID == before.Case.ID || len(after.Turns) != 0 || len(before.Turns) == 0 {
		t.Errorf("/new: case %q → %q, turns %d → %d", before.Case.ID, after.Case.ID, len(before.Turns), len(after.Turns))
	}

	// /forget asks, then deletes the conversation and the texts of the records.
	n = r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, "/forget"))
	confirm := r.waitMessage(t, chat, n, "确定要删除")
	r.api.Push(telegramtest.Press(chat, cadre, confirm.MessageID, button(t, confirm, "确认删除").CallbackData))
	r.waitMessage(t, chat, n, "已删除您的对话记录")
	for _, rec := range r.usage(t) {
		if rec.Question != "" || rec.Answer != "" || rec.Reason != "" {
			t.Errorf("text left after /forget: %+v", rec)
		}
	}
	if s, _ := r.store.Begin(context.Background(), conversation.Begin{ChatID: chat, UserID: chat}); s.Case.ID != "" {
		t.Errorf("case left after /forget: %+v", s.Case)
	}
}

func TestServeRateLimitAndDuplicateUpdate(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_RATE_PER_MINUTE": "2"}, serveDeps{})
	chat := cadre.ID
	r.api.PushTwice(telegramtest.Text(chat, "private", cadre, "什么是三个区分开来？"))
	r.api.Push(telegramtest.Text(chat, "private", cadre, "容错的程序是什么？"))
	r.api.Push(telegramtest.Text(chat, "private", cadre, "第三个问题，能容错吗？"))
	r.waitMessage(t, chat, 0, "您发送得有点快")
	if n := r.count(chat); n != 3 {
		t.Errorf("want two answers and one rate-limit notice for four deliveries (one a duplicate), got %d:\n%s", n, telegramtest.Dump(messages(r.api.Calls(), chat)))
	}
	eventually(t, "two usage records", func() bool { return len(r.usage(t)) >= 2 })
	if recs := r.usage(t); len(recs) != 2 {
		t.Errorf("usage records: %d, want 2", len(recs))
	}
}

func TestServeFloodControlAndMarkupFallback(t *testing.T) {
	r := startServe(t, nil, serveDeps{})
	chat := cadre.ID
	r.api.Fail(telegramtest.Failure{Method: "sendMessage", Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
	r.api.Push(telegramtest.Text(chat, "private", cadre, "什么是三个区分开来？"))
	r.waitMessage(t, chat, 0, "三个区分开来")
	cs := r.api.Calls()
	var refused, delivered time.Time
	for _, c := range cs {
		if c.Method == "sendMessage" && c.Failed && refused.IsZero() {
			refused = c.At
		}
		if c.Method == "sendMessage" && !c.Failed && delivered.IsZero() {
			delivered = c.At
		}
	}
	if refused.IsZero() || delivered.Sub(refused) < 900*time.Millisecond {
		t.Errorf("after a 429 with retry_after 1 the reply came %v later", delivered.Sub(refused))
	}

	n := r.count(chat)
	r.api.Fail(telegramtest.Failure{Method: "sendMessage", When: func(c telegramtest.Call) bool { return c.ParseMode == "HTML" },
		Code: 400, Description: `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 0`})
	r.api.Push(telegramtest.Text(chat, "private", cadre, "容错免责的申请程序是什么？"))
	plain := r.waitMessage(t, chat, n, "")
	if plain.ParseMode != "" || strings.Contains(plain.Text, "<b>") || strings.Contains(plain.Text, "**") || len(plain.Buttons) == 0 {
		t.Errorf("fallback message: mode %q buttons %d text %q", plain.ParseMode, len(plain.Buttons), plain.Text)
	}
}

// longAdvisor answers with 10,000 characters in paragraphs.
type longAdvisor struct{}

func (longAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	var paras []string
	for i := 0; ; i++ {
		p := fmt.Sprintf("**第%d段** %s", i+1, strings.Repeat("容错纠错机制<说明>&", 20))
		if n := len([]rune(strings.Join(append(paras, p), "\n\n"))); n > 10000 {
			break
		}
		paras = append(paras, p)
	}
	return advisor.Advice{Intent: advisor.IntentDefinition, Mode: advisor.ModeOffline, Answer: strings.Join(paras, "\n\n")}, nil
}

func TestServeSplitsALongAnswer(t *testing.T) {
	r := startServe(t, nil, serveDeps{advisor: longAdvisor{}})
	chat := cadre.ID
	r.api.Push(telegramtest.Text(chat, "private", cadre, "请详细说明"))
	r.api.Wait(t, waitFor, "the rating buttons under the last piece", func(cs []telegramtest.Call) bool {
		ms := messages(cs, chat)
		return len(ms) > 0 && len(ms[len(ms)-1].Buttons) > 0
	})
	ms := messages(r.api.Calls(), chat)
	if len(ms) < 3 {
		t.Fatalf("10,000 characters in %d messages", len(ms))
	}
	var joined []string
	for i, m := range ms {
		if bot.UTF16Len(m.Text) >= 4096 || m.ParseMode != "HTML" || !strings.HasPrefix(m.Text, "<b>第") {
			t.Errorf("piece %d: %d units, mode %q, starts %q", i, bot.UTF16Len(m.Text), m.ParseMode, m.Text[:20])
		}
		joined = append(joined, m.Text)
	}
	want, _ := longAdvisor{}.Advise(context.Background(), advisor.Question{})
	if strings.Join(joined, "\n\n") != bot.HTML(want.Answer) {
		t.Error("the pieces do not add up to the answer")
	}
}

func TestServeGroupMessageWithoutMention(t *testing.T) {
	r := startServe(t, nil, serveDeps{})
	group := int64(-1001234)
	r.api.Push(telegramtest.Text(group, "supergroup", cadre, "今天下午三点开会，大家准时参加"))
	r.api.Push(telegramtest.Text(group, "supergroup", cadre, "@"+telegramtest.BotUsername+" 什么是三个区分开来？"))
	r.waitMessage(t, group, 0, "三个区分开来")
	if n := r.count(group); n != 1 {
		t.Errorf("the group got %d messages; only the mention is answered:\n%s", n, telegramtest.Dump(messages(r.api.Calls(), group)))
	}
}

func TestServeWebhook(t *testing.T) {
	port := freePort(t)
	r := startServe(t, map[string]string{
		"RONGCUO_MODE": "webhook", "RONGCUO_LISTEN": "127.0.0.1:" + port,
		"RONGCUO_WEBHOOK_URL": "http://127.0.0.1:" + port + "/tg/hook", "RONGCUO_WEBHOOK_SECRET": "hook-secret",
	}, serveDeps{})
	hook, secret := r.api.Webhook()
	if hook != "http://127.0.0.1:"+port+"/tg/hook" || secret != "hook-secret" {
		t.Fatalf("setWebhook: %q %q", hook, secret)
	}
	chat := cadre.ID
	if code, err := r.api.Post(telegramtest.Text(chat, "private", cadre, "什么是容错？"), "wrong"); err != nil || code != 401 {
		t.Errorf("a wrong secret token: %d %v", code, err)
	}
	if code, err := r.api.Post(telegramtest.Text(chat, "private", cadre, "什么是容错？"), ""); err != nil || code != 401 {
		t.Errorf("no secret token: %d %v", code, err)
	}
	u := telegramtest.Text(chat, "private", cadre, "什么是三个区分开来？")
	for range 2 { // Telegram retrying a delivery
		if code, err := r.api.PostID(u, 500, "hook-secret"); err != nil || code != 200 {
			t.Fatalf("webhook delivery: %d %v", code, err)
		}
	}
	r.waitMessage(t, chat, 0, "三个区分开来")
	r.api.Push(telegramtest.Text(chat, "private", cadre, "/help")) // not delivered: webhook mode does not poll
	if code, _ := r.api.Post(telegramtest.Text(chat, "private", cadre, "/whoami"), "hook-secret"); code != 200 {
		t.Fatal("second delivery refused")
	}
	r.waitMessage(t, chat, 0, "您的用户 ID")
	if n := r.count(chat); n != 2 {
		t.Errorf("%d messages; want one answer for the delivery made twice and one /whoami", n)
	}
}

func TestServeFinishesUpdatesInFlightAtShutdown(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	slow := slowAdvisor{entered: entered, release: release}
	r := startServe(t, nil, serveDeps{advisor: slow})
	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "慢问题"))
	<-entered
	r.cancel()
	close(release)
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if len(messages(r.api.Calls(), cadre.ID)) != 1 {
		t.Errorf("the update in flight at shutdown was not answered:\n%s", telegramtest.Dump(r.api.Calls()))
	}
}

type slowAdvisor struct{ entered, release chan struct{} }

func (s slowAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	close(s.entered)
	<-s.release
	return advisor.Advice{Intent: advisor.IntentDefinition, Answer: "慢回答", Mode: "offline"}, nil
}

func TestServeStartErrors(t *testing.T) {
	api := telegramtest.New(t, "999:OTHER")
	// A start that gets as far as Redis seeds the live knowledge base: under
	// this test's own prefix, never the default one.
	_, prefix := redistest.Client(t)
	base := map[string]string{
		"TELEGRAM_BOT_TOKEN": testToken, "TELEGRAM_API_URL": api.URL(), "REDIS_URL": redistest.URL(), "RONGCUO_USER_SECRET": testSecret,
		"RONGCUO_REDIS_PREFIX": prefix,
		"RONGCUO_OPS_LISTEN":   "127.0.0.1:0",
	}
	cases := []struct {
		name, key, value, want string
	}{
		{"missing token", "TELEGRAM_BOT_TOKEN", "", "TELEGRAM_BOT_TOKEN"},
		{"rejected token", "", "", "rejected the bot token"},
		{"unreachable Redis", "REDIS_URL", "redis://127.0.0.1:1/0", "cannot reach Redis"},
		{"missing user secret", "RONGCUO_USER_SECRET", "", "RONGCUO_USER_SECRET"},
		{"bad admin id", "RONGCUO_ADMINS", "12,abc", "not a Telegram user id"},
		{"webhook without secret", "RONGCUO_MODE", "webhook", "webhook mode needs"},
		{"bad log format", "RONGCUO_LOG_FORMAT", "xml", "want text or json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vars := map[string]string{}
			for k, v := range base {
				vars[k] = v
			}
			if c.key != "" {
				vars[c.key] = c.value
			}
			stderr := &syncBuffer{}
			err := run(context.Background(), []string{"serve"}, func(k string) string { return vars[k] }, nil, &bytes.Buffer{}, stderr)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one mentioning %q", err, c.want)
			}
			if strings.Contains(err.Error()+stderr.String(), "TEST-TOKEN") {
				t.Error("the token leaked into the error or the log")
			}
		})
	}
}

func TestServeSurvivesARedisRestart(t *testing.T) {
	redistest.Needed(t)
	if _, err := exec.LookPath("redis-server"); err != nil {
		t.Fatal("this test starts its own redis-server, which is not installed (apt-get install redis-server)")
	}
	dir, port := t.TempDir(), freePort(t)
	start := func() *exec.Cmd {
		cmd := exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		redistest.Require(t, waitRedis(t, "redis://127.0.0.1:"+port+"/0"))
		return cmd
	}
	srv := start()
	t.Cleanup(func() { srv.Process.Kill(); srv.Wait() })

	url := "redis://127.0.0.1:" + port + "/0"
	r := startServe(t, map[string]string{"REDIS_URL": url}, serveDeps{})
	own, err := redisstore.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer own.Close()
	st := redisstore.New(own, redisstore.Options{Prefix: r.prefix})
	chat := cadre.ID
	r.api.Push(telegramtest.Text(chat, "private", cadre, caseText))
	r.waitMessage(t, chat, 0, "初步判断")
	// The turn is saved just after the reply goes out: Redis stops once it
	// holds the turn, or the outage would fall between the two and the
	// conversation would rightly have nothing from before it.
	waitUserTurns(t, st, chat, caseText)

	srv.Process.Signal(syscall.SIGTERM)
	srv.Wait()
	n := r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, "什么是三个区分开来？"))
	down := r.waitMessage(t, chat, n, "三个区分开来")
	if !strings.Contains(down.Text, "对话记录暂时不可用") {
		t.Errorf("no notice that history is unavailable:\n%s", down.Text)
	}

	srv = start()
	n = r.count(chat)
	r.api.Push(telegramtest.Text(chat, "private", cadre, "补充：经过了集体研究"))
	back := r.waitMessage(t, chat, n, "")
	if strings.Contains(back.Text, "对话记录暂时不可用") {
		t.Errorf("still without history after Redis came back:\n%s", back.Text)
	}
	// The conversation from before the outage is still there, joined by the
	// new turn; the question asked during the outage was answered without
	// history and is not in it.
	waitUserTurns(t, st, chat, caseText, "补充：经过了集体研究")
}

// waitUserTurns waits until the chat's stored conversation holds exactly
// the user turns want, in order: turns are saved after the reply is sent,
// so no message announces them.
func waitUserTurns(t *testing.T, st *redisstore.Store, chat int64, want ...string) {
	t.Helper()
	var texts []string
	deadline := time.Now().Add(waitFor)
	for {
		s, err := st.Begin(context.Background(), conversation.Begin{ChatID: chat, UserID: chat})
		texts = texts[:0]
		for _, tu := range s.Turns {
			if tu.Role == "user" {
				texts = append(texts, tu.Text)
			}
		}
		if err == nil && slices.Equal(texts, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("stored user turns %q (err %v), want %q", texts, err, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// eventually waits until cond holds, checking it every few milliseconds, for
// state written after the message the test saw (no event announces it).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

// waitRedis waits until a Redis answers at url.
func waitRedis(t *testing.T, url string) string {
	t.Helper()
	rdb, err := redisstore.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	deadline := time.Now().Add(waitFor)
	for rdb.Ping(context.Background()).Err() != nil {
		if time.Now().After(deadline) {
			t.Fatalf("redis-server at %s did not start", url)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return url
}

// The staff side end to end: files uploaded in Telegram, previewed,
// confirmed into the live knowledge base, and answered from at once.

var staffer = telegramtest.From{ID: 7, Name: "李工", Username: "ligong"}

// buildDocx writes a Word document of plain paragraphs.
func buildDocx(t *testing.T, paragraphs ...string) []byte {
	t.Helper()
	return docxtest.Build(paragraphs...)
}

var granaryRules = []string{
	"某县数字乡村建设容错免责办法",
	"第一条 为了鼓励干部在数字乡村建设中担当作为，制定本办法。",
	"第二条 干部在云上粮仓项目建设中先行先试，因政策界限不明出现失误，经集体研究决策、未谋取私利的，可以免予问责。",
	"第三条 本办法自印发之日起施行。",
}

// The question names the county measure's subject: the measure is the
// county's (its region is read from its title), and a local rule is cited
// where the question is about it.
const granaryQuestion = "我在数字乡村建设的云上粮仓项目中先行先试，经集体研究决策，出现了失误，没有谋取私利，能容错吗？"

// upload sends a file as a document message from a chat's user.
func (r *running) upload(from telegramtest.From, name string, data []byte) {
	id := r.api.AddFile(data)
	r.api.Push(telegramtest.Document(from.ID, "private", from, id, name, len(data)))
}

// confirm presses the ✅ under a preview and waits for the outcome.
func (r *running) confirm(t *testing.T, from telegramtest.From, preview telegramtest.Call, want string) telegramtest.Call {
	t.Helper()
	n := r.count(from.ID)
	r.api.Push(telegramtest.Press(from.ID, from, preview.MessageID, button(t, preview, "✅").CallbackData))
	return r.waitMessage(t, from.ID, n, want)
}

func (r *running) kbVersion(t *testing.T) int64 {
	t.Helper()
	v, err := r.store.KBVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestServeStaffUploadIsCitedInTheNextAnswer(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_STAFF": "7"}, serveDeps{})
	if r.kbVersion(t) != 1 {
		t.Fatalf("serve did not seed the live knowledge base: version %d", r.kbVersion(t))
	}
	r.upload(staffer, "digital-village.docx", buildDocx(t, granaryRules...))
	preview := r.waitMessage(t, staffer.ID, 0, "【新增】《某县数字乡村建设容错免责办法》")
	if !strings.Contains(preview.Text, "条文：3 条") || !strings.Contains(preview.Text, "首条：第一条") {
		t.Errorf("preview:\n%s", preview.Text)
	}
	if r.kbVersion(t) != 1 {
		t.Fatal("a preview stored something")
	}
	r.confirm(t, staffer, preview, "已生效")
	if r.kbVersion(t) != 2 {
		t.Fatalf("version after confirmation: %d", r.kbVersion(t))
	}

	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, granaryQuestion))
	answer := r.waitMessage(t, cadre.ID, 0, "初步判断")
	if b := button(t, answer, "查看原文：某县数字乡村建设"); b.CallbackData != "p|digital-village#2" {
		t.Errorf("the new provision is not cited: %+v", answer.Buttons)
	}

	// The text PDF the importer's tests use goes the same way.
	pdf, err := os.ReadFile(filepath.Join("..", "..", "importer", "testdata", "sample.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	n := r.count(staffer.ID)
	r.upload(staffer, "示例办法.pdf", pdf)
	preview = r.waitMessage(t, staffer.ID, n, "【新增】《某市干部容错纠错工作办法（示例）》")
	r.confirm(t, staffer, preview, "已生效")
	n = r.count(staffer.ID)
	r.api.Push(telegramtest.Text(staffer.ID, "private", staffer, "/kbstatus"))
	status := r.waitMessage(t, staffer.ID, n, "知识库第 3 版")
	if !strings.Contains(status.Text, "tg:7") || !strings.Contains(status.Text, "新增《某市干部容错纠错工作办法（示例）》") {
		t.Errorf("/kbstatus:\n%s", status.Text)
	}
}

func TestServeNonStaffUploadIsRefusedAndNotDownloaded(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_STAFF": "7"}, serveDeps{})
	r.upload(cadre, "digital-village.docx", buildDocx(t, granaryRules...))
	r.waitMessage(t, cadre.ID, 0, "只有工作人员可以上传")
	for _, c := range r.api.Calls() {
		if c.Method == "getFile" || c.Method == "downloadFile" {
			t.Errorf("a cadre's upload was fetched: %s", c.Method)
		}
	}
	// A staff file that is too big is refused before download as well.
	n := r.count(staffer.ID)
	big := r.api.AddFile([]byte("x"))
	r.api.Push(telegramtest.Document(staffer.ID, "private", staffer, big, "大文件.pdf", 30<<20))
	r.waitMessage(t, staffer.ID, n, "太大，上限为 20 MB")
	for _, c := range r.api.Calls() {
		if c.Method == "getFile" || c.Method == "downloadFile" {
			t.Errorf("an oversize file was fetched: %s", c.Method)
		}
	}
	if v := r.kbVersion(t); v != 1 {
		t.Errorf("knowledge base changed to version %d", v)
	}
}

func TestServeAddCaseAndStaleConfirmation(t *testing.T) {
	r := startServe(t, map[string]string{"RONGCUO_STAFF": "7"}, serveDeps{})
	say := func(text, want string) telegramtest.Call {
		t.Helper()
		n := r.count(staffer.ID)
		r.api.Push(telegramtest.Text(staffer.ID, "private", staffer, text))
		return r.waitMessage(t, staffer.ID, n, want)
	}
	press := func(msg telegramtest.Call, label, want string) telegramtest.Call {
		t.Helper()
		n := r.count(staffer.ID)
		r.api.Push(telegramtest.Press(staffer.ID, staffer, msg.MessageID, button(t, msg, label).CallbackData))
		return r.waitMessage(t, staffer.ID, n, want)
	}
	say("/addcase", "第 1/7 步")
	say("云上粮仓数据迁移失误免责案", "第 2/7 步")
	fields := say("浙江某县", "第 3/7 步")
	say("也不知道", "请点下面的按钮选择")
	press(fields, "项目建设", "第 4/7 步")
	outcomes := say("县农业农村局在云上粮仓项目数据迁移中先行先试，因技术标准未出台导致部分数据需重新录入，及时补救，未造成损失。", "第 5/7 步")
	press(outcomes, "容错免责", "第 6/7 步")
	say("出于公心，经集体研究决策，主动纠错。", "第 7/7 步")
	preview := say("https://example.org/cases/granary", "案例《云上粮仓数据迁移失误免责案》")
	r.confirm(t, staffer, preview, "已生效")

	// The same confirmation again: explained, and nothing stored twice.
	before := r.kbVersion(t)
	n := r.count(staffer.ID)
	r.api.Push(telegramtest.Press(staffer.ID, staffer, preview.MessageID, button(t, preview, "✅").CallbackData))
	r.waitMessage(t, staffer.ID, n, "已经确认过")
	if r.kbVersion(t) != before {
		t.Error("a second press stored the case again")
	}
	n = r.count(cadre.ID)
	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "/cases 云上粮仓 数据迁移"))
	r.waitMessage(t, cadre.ID, n, "云上粮仓数据迁移失误免责案")
}

func TestServeTwoReplicasSeeEachOthersChanges(t *testing.T) {
	a := startServe(t, map[string]string{"RONGCUO_STAFF": "7"}, serveDeps{})
	// The second replica of the same bot checks the version rarely: the
	// announcement must be what wakes it. Either replica may answer any
	// update (they share the queue), so each is waited for.
	b := startReplica(t, a.api, map[string]string{"RONGCUO_STAFF": "7", "RONGCUO_REDIS_PREFIX": a.prefix, "RONGCUO_KB_POLL": "1h"}, serveDeps{})

	a.upload(staffer, "digital-village.docx", buildDocx(t, granaryRules...))
	a.confirm(t, staffer, a.waitMessage(t, staffer.ID, 0, "【新增】"), "已生效")
	a.answersFrom(t, 2)
	b.answersFrom(t, 2)
	b.api.Push(telegramtest.Text(cadre.ID, "private", cadre, granaryQuestion))
	answer := b.waitMessage(t, cadre.ID, 0, "初步判断")
	button(t, answer, "查看原文：某县数字乡村建设")

	// Retired on B, gone from A.
	n := b.count(staffer.ID)
	b.api.Push(telegramtest.Text(staffer.ID, "private", staffer, "/kb retire digital-village"))
	b.confirm(t, staffer, b.waitMessage(t, staffer.ID, n, "【停用】"), "已生效")
	a.answersFrom(t, 3)
	b.answersFrom(t, 3)
	n = a.count(cadre.ID)
	a.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "/policy 云上粮仓"))
	if got := a.waitMessage(t, cadre.ID, n, ""); strings.Contains(got.Text, "数字乡村") {
		t.Errorf("replica A still cites the retired document:\n%s", got.Text)
	}
}

func TestServeSeedsFromKBDirOnlyWhenEmpty(t *testing.T) {
	dir := t.TempDir()
	law := "# 某省云上粮仓管理条例\n\n第一条 为了规范云上粮仓管理，制定本条例。\n\n第二条 云上粮仓建设中先行先试出现失误的，依照容错规定处理。\n"
	if err := os.WriteFile(filepath.Join(dir, "某省云上粮仓管理条例.md"), []byte(law), 0o644); err != nil {
		t.Fatal(err)
	}
	a := startServe(t, map[string]string{"RONGCUO_KB": dir}, serveDeps{})
	a.say(t, cadre, "/policy 云上粮仓", "某省云上粮仓管理条例")
	a.stop()

	// A second start on the same Redis keeps the live knowledge base and
	// says why --kb is not read.
	b := startServe(t, map[string]string{"RONGCUO_KB": t.TempDir(), "RONGCUO_REDIS_PREFIX": a.prefix}, serveDeps{})
	b.say(t, cadre, "/policy 云上粮仓", "某省云上粮仓管理条例")
	if !strings.Contains(b.stderr.String(), "--kb only seeds an empty live knowledge base") {
		t.Errorf("no warning that --kb was not used:\n%s", b.stderr.String())
	}
}
