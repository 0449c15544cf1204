package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/assess"
	"rongcuo/bot"
	"rongcuo/conversation"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// countingSender stands in for Telegram: the benchmark ends where the reply
// request would leave the process.
type countingSender struct{ sends atomic.Int64 }

var _ bot.Sender = (*countingSender)(nil)

func (c *countingSender) Send(context.Context, bot.Out) (int, error) { return int(c.sends.Add(1)), nil }
func (c *countingSender) Edit(context.Context, int, bot.Out) error   { return nil }
func (c *countingSender) AnswerCallback(context.Context, string, string) error {
	return nil
}
func (c *countingSender) Typing(context.Context, int64) error { return nil }

var benchQuestions = []string{
	"我在招商引资中为了让项目尽快开工，经镇党委会集体研究，先办了施工手续，后来补齐了材料，没有收任何好处。能容错吗？",
	"什么是三个区分开来？",
	"容错免责的申请程序是什么？需要准备哪些材料？",
	"我们单位在疫情期间紧急采购物资，没有走招标程序，现在被审计发现了，会被问责吗？",
	"今天天气怎么样？",
}

// BenchmarkServeOffline measures updates handled per second by one process:
// 100 chats asking at once, the offline advisor on the embedded knowledge
// base, conversations in a real Redis; from the update entering the queue to
// the reply request and the saved turn. It also reports Redis round trips
// per answered message.
func BenchmarkServeOffline(b *testing.B) {
	b.Run("advisor=offline", func(b *testing.B) { benchServe(b, nil) })
	// The same with an advisor that answers at once: what the bot and Redis
	// cost on their own.
	b.Run("advisor=instant", func(b *testing.B) { benchServe(b, instantAdvisor{}) })
}

type instantAdvisor struct{}

func (instantAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	return advisor.Advice{Intent: advisor.IntentDefinition, Mode: advisor.ModeOffline, Answer: "**简要回答** " + q.Text,
		Citations: []advisor.Citation{{ID: "wzcl-2019#17", Document: "中国共产党问责条例", Article: "第十七条"}}}, nil
}

func benchServe(b *testing.B, adv conversation.Advisor) {
	rdb, prefix := redistest.Client(b)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	rt := redistest.Count(rdb)
	ix, err := loadIndex(&globalOptions{}, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	sender := &countingSender{}
	if adv == nil {
		adv = advisor.New(ix, advisor.Options{})
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	conv, err := conversation.New(conversation.Config{Advisor: adv, Store: store, Apply: assess.Apply, UserSecret: []byte(testSecret), Log: log})
	if err != nil {
		b.Fatal(err)
	}
	core, err := bot.New(bot.Config{
		Service: conv, Library: bot.IndexLibrary{Index: func() *knowledge.Index { return ix }}, Store: store, Sender: sender,
		Log: log, TypingAfter: time.Minute,
	})
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	q := bot.NewQueue(context.Background(), 0, func(ctx context.Context, u bot.Update) {
		defer wg.Done()
		core.Handle(ctx, u)
	})
	const chats = 100
	push := func(i int) {
		chat := int64(1_000_000 + i%chats)
		wg.Add(1)
		q.Push(bot.Update{ID: int64(i + 1), Received: time.Now(), Message: &bot.Message{
			ID: i, Chat: bot.Chat{ID: chat, Type: bot.ChatPrivate}, From: bot.User{ID: chat}, Text: benchQuestions[(i/chats)%len(benchQuestions)],
		}})
	}
	// Warm up: every chat has a conversation before timing starts.
	for i := range chats * 2 {
		push(i)
	}
	wg.Wait()
	sends0, rt0 := sender.sends.Load(), rt.N()

	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		push(chats*2 + i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()

	answered := sender.sends.Load() - sends0
	if answered < int64(b.N) {
		b.Fatalf("%d updates, %d replies", b.N, answered)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(rt.N()-rt0)/float64(b.N), "redis-roundtrips/msg")
	q.Close(context.Background())
}
