package main

import (
	"context"
	"fmt"
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
// base, conversations in a real Redis; from the update's delivery (queued
// durably in the Redis Stream) to the reply request, the saved turn and the
// update acknowledged. It also reports Redis round trips per answered
// message, the durable queue's included.
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
	// The path of a webhook delivery: queued durably in Redis (deliveries
	// arriving together share a round trip), read back in batches, handled
	// one chat at a time, acknowledged in batches.
	var wg sync.WaitGroup
	updates := bot.StartUpdates(context.Background(), bot.UpdatesConfig{
		Queue: store.UpdateQueue("bench"), Parse: bot.Parser(1, "bench_bot"), Reclaim: time.Minute, Log: log,
		Handle: func(ctx context.Context, u bot.Update) {
			defer wg.Done()
			core.Handle(ctx, u)
		},
	})
	defer updates.Stop(context.Background())
	const chats = 100
	var next atomic.Int64
	// run delivers n updates from the chats at once, as Telegram's
	// connections to the webhook would.
	run := func(n int) {
		var senders sync.WaitGroup
		for c := range chats {
			senders.Add(1)
			go func() {
				defer senders.Done()
				for i := c; i < n; i += chats {
					id := next.Add(1)
					chat := 1_000_000 + c
					q := benchQuestions[(i/chats)%len(benchQuestions)]
					data := fmt.Appendf(nil, `{"update_id":%d,"message":{"message_id":%d,"date":1,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"x"},"text":%q}}`, id, id, chat, chat, q)
					wg.Add(1)
					if _, err := updates.Accept(context.Background(), id, data); err != nil {
						wg.Done()
						b.Error(err)
					}
				}
			}()
		}
		senders.Wait()
		wg.Wait()
	}
	// Warm up: every chat has a conversation before timing starts.
	run(chats * 2)
	sends0, rt0 := sender.sends.Load(), rt.N()

	b.ResetTimer()
	start := time.Now()
	run(b.N)
	elapsed := time.Since(start)
	b.StopTimer()

	answered := sender.sends.Load() - sends0
	if answered < int64(b.N) {
		b.Fatalf("%d updates, %d replies", b.N, answered)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(rt.N()-rt0)/float64(b.N), "redis-roundtrips/msg")
}
