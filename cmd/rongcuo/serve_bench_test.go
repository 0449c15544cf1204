package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
	// The offline advisor as serve builds it: its answer cache holds the
	// benchmark's few questions, so this is the cost of a repeated question.
	b.Run("advisor=offline", func(b *testing.B) { benchServe(b, nil) })
	// Without the cache: every question is worked out afresh.
	b.Run("advisor=offline-uncached", func(b *testing.B) {
		benchServe(b, advisor.New(benchIndex(b), advisor.Options{}))
	})
	// The same with an advisor that answers at once: what the bot and Redis
	// cost on their own.
	b.Run("advisor=instant", func(b *testing.B) { benchServe(b, instantAdvisor{}) })
}

var benchIx = sync.OnceValues(func() (*knowledge.Index, error) { return loadIndex(&globalOptions{}, io.Discard) })

func benchIndex(b *testing.B) *knowledge.Index {
	ix, err := benchIx()
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// maxHeldBench is more than a process holds at once (the reader stops
// taking updates at 2,000 held).
const maxHeldBench = 10_000

// dropFail fails the benchmark when an update is dropped (and counts it
// done: it will not be handled).
type dropFail struct {
	b  *testing.B
	wg *sync.WaitGroup
}

func (*dropFail) Telegram(string, string) {}
func (d *dropFail) Dropped(reason string) {
	d.b.Errorf("update dropped: %s", reason)
	d.wg.Done()
}
func (*dropFail) QueueDepth(int) {}

type instantAdvisor struct{}

func (instantAdvisor) Advise(_ context.Context, q advisor.Question) (advisor.Advice, error) {
	return advisor.Advice{Intent: advisor.IntentDefinition, Mode: advisor.ModeOffline, Answer: "**简要回答** " + q.Text,
		Citations: []advisor.Citation{{ID: "wzcl-2019#17", Document: "中国共产党问责条例", Article: "第十七条"}}}, nil
}

func benchServe(b *testing.B, adv conversation.Advisor) {
	rdb, prefix := redistest.Client(b)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	rt := redistest.Count(rdb)
	ix := benchIndex(b)
	sender := &countingSender{}
	if adv == nil {
		adv = advisor.New(ix, advisor.Options{AnswerCache: advisor.DefaultAnswerCache})
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
		// The senders are not paced: one may run far ahead of the others,
		// which must not count as a flood (its updates would be dropped and
		// never answered).
		PerChat: maxHeldBench, Observer: &dropFail{b: b, wg: &wg},
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
	cpuInfo := func() (string, error) { return rdb.Info(context.Background(), "cpu").Result() }
	cpu0, redisCPU0 := processCPU(), serverCPU(b, cpuInfo)

	b.ResetTimer()
	start := time.Now()
	run(b.N)
	elapsed := time.Since(start)
	b.StopTimer()
	cpu, rts := processCPU()-cpu0, rt.N()-rt0
	redisCPU := serverCPU(b, cpuInfo) - redisCPU0

	answered := sender.sends.Load() - sends0
	if answered < int64(b.N) {
		b.Fatalf("%d updates, %d replies", b.N, answered)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(rts)/float64(b.N), "redis-roundtrips/msg")
	// CPU time per update, of this process and of the Redis server: on a
	// machine shared with other work the rate above is what was left over,
	// these are what the updates cost.
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/msg")
	b.ReportMetric(float64(redisCPU.Microseconds())/float64(b.N), "redis-cpu-µs/msg")
	// Updates per second of CPU, the process's and Redis's together: what
	// one core given wholly to them would answer. Unlike updates/s it
	// moves little with the other work on the machine, as long as the
	// Redis serves nothing else (INFO cpu counts every client's commands).
	if used := cpu + redisCPU; used > 0 {
		b.ReportMetric(float64(b.N)/used.Seconds(), "updates/cpu-s")
	}
}

// processCPU returns the CPU time (user and system) this process used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// serverCPU returns the CPU time the Redis server used so far, from what
// INFO cpu says (asked through info: only redisstore imports go-redis).
func serverCPU(b *testing.B, cpuInfo func() (string, error)) time.Duration {
	info, err := cpuInfo()
	if err != nil {
		b.Fatal(err)
	}
	var total float64
	for line := range strings.Lines(info) {
		name, val, _ := strings.Cut(strings.TrimSpace(line), ":")
		if name == "used_cpu_sys" || name == "used_cpu_user" {
			f, _ := strconv.ParseFloat(val, 64)
			total += f
		}
	}
	return time.Duration(total * float64(time.Second))
}
