package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/conversation"
	"rongcuo/internal/clip"
)

// BenchmarkChatRoundTrip measures a cadre's question on the console from the
// POST to the last line of the streamed answer, through the real offline
// advisor, the conversation service and Redis; it reports the median and the
// 99th percentile.
func BenchmarkChatRoundTrip(b *testing.B) {
	late := &lateAdvisor{}
	h := newHarnessWith(b, late)
	late.a.Store(advisor.New(h.replica.Index(), advisor.Options{}))
	c := h.signedIn("cadre")
	questions := []string{
		"我是副镇长，为了让招商项目尽快开工，经镇党委会集体研究先办了施工手续，当时没有文件禁止，我没收任何好处，后来企业按期补齐了材料。能容错吗？",
		"什么是三个区分开来？",
		"容错免责要走什么程序？",
		"否",
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		p := c.post("/ask", url.Values{"question": {questions[i%len(questions)]}}, "X-Stream", "1")
		lat = append(lat, time.Since(start))
		if p.status != http.StatusOK || !strings.Contains(p.body, `"type":"answer"`) {
			b.Fatalf("round trip %d: %d %s", i, p.status, clip.Line(p.body, 200))
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
}

// lateAdvisor is the real advisor, made once the harness has loaded the
// knowledge base it answers from.
type lateAdvisor struct {
	a atomic.Pointer[advisor.Advisor]
}

func (l *lateAdvisor) Advise(ctx context.Context, q advisor.Question) (advisor.Advice, error) {
	return l.a.Load().Advise(ctx, q)
}

// BenchmarkAdminLogView measures the admin log view over 100,000 usage
// records: the first page, a page deep in the records (following the
// cursor), and a filter that matches rarely (so a page scans far).
func BenchmarkAdminLogView(b *testing.B) {
	h := newHarness(b)
	fillUsage(b, h, 100_000)
	a := h.signedIn("admin")
	next := regexp.MustCompile(`id="next" href="([^"]+)"`)
	deep := "/admin/logs"
	for range 20 { // twenty pages in: 1,000 answers back
		m := next.FindStringSubmatch(a.get(deep).body)
		if m == nil {
			b.Fatal("no next page")
		}
		deep = strings.ReplaceAll(m[1], "&amp;", "&")
	}
	for _, c := range []struct{ name, path, want string }{
		{"first", "/admin/logs", "question 99"},
		{"page21", deep, "question 9"},
		{"filter", "/admin/logs?text=" + url.QueryEscape("question 4242"), "question 4242"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				p := a.get(c.path)
				if p.status != 200 || !strings.Contains(p.body, c.want) {
					b.Fatalf("%s: %d", c.path, p.status)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// fillUsage writes n answers from 50 users, one in ten rated, through the
// store's own Save.
func fillUsage(b *testing.B, h *harness, n int) {
	b.Helper()
	ctx := context.Background()
	start := time.Now().Add(-time.Duration(n) * time.Second)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				at := start.Add(time.Duration(i) * time.Second)
				id := fmt.Sprintf("a%07d", i)
				rec := &conversation.UsageRecord{Kind: conversation.KindAnswer, At: at, AnswerID: id, User: fmt.Sprintf("%064x", i%50),
					ChatType: "private", Source: "message", Intent: "assessment", Verdict: "needs_more_facts", Mode: "offline",
					Citations: []string{"wzcl-2019#17"}, Latency: 40 * time.Millisecond, Question: fmt.Sprintf("question %d 我先办了施工手续能容错吗", i),
					Answer: "**初步判断：需要补充事实。**"}
				if err := h.store.Save(ctx, conversation.Change{ChatID: int64(i % 50), Usage: rec}); err != nil {
					errs <- err
					return
				}
				if i%10 == 0 {
					fb := &conversation.UsageRecord{Kind: conversation.KindFeedback, At: at.Add(time.Millisecond), AnswerID: id, User: rec.User, Rating: "down", Reason: "不够具体"}
					if err := h.store.Save(ctx, conversation.Change{ChatID: int64(i % 50), Usage: fb}); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
}
