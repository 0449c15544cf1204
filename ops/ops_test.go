package ops

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

func TestReadyzAsksEveryCheckAndSaysWhy(t *testing.T) {
	redisDown := errors.New("dial tcp 127.0.0.1:6379: connection refused")
	var down error
	reg := NewRegistry()
	NewMetrics(reg)
	h := Handler(Config{Gatherer: reg, Ready: []Check{
		{Name: "redis", Fn: func(context.Context) error { return down }},
		{Name: "knowledge base", Fn: func(ctx context.Context) error {
			if _, ok := ctx.Deadline(); !ok {
				return errors.New("asked without a deadline")
			}
			return nil
		}},
	}})
	if code, body := get(t, h, "/readyz"); code != 200 || body != "ready\n" {
		t.Errorf("ready: %d %q", code, body)
	}
	down = redisDown
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "redis: dial tcp") {
		t.Errorf("redis down: %d %q", code, body)
	}
	if code, _ := get(t, h, "/healthz"); code != 200 {
		t.Errorf("healthz while not ready: %d", code)
	}
	if code, _ := get(t, h, "/debug/pprof/"); code != 404 {
		t.Errorf("pprof without the flag: %d", code)
	}
	if code, _ := get(t, Handler(Config{Gatherer: reg, Pprof: true}), "/debug/pprof/"); code != 200 {
		t.Errorf("pprof with the flag: %d", code)
	}
}

func TestMetricsKeepTheirLabelsBounded(t *testing.T) {
	reg := NewRegistry()
	m := NewMetrics(reg)
	m.Answered("telegram", "assessment", "needs_more_facts", "offline", false, 30*time.Millisecond)
	m.Answered("web", "", "", "llm", true, time.Second)
	m.Telegram("sendMessage", "retry_after")
	m.RedisError("EVALSHA")
	m.RedisError("pipeline")
	m.Dropped("flood")
	// A value nobody should send does not make a series of its own.
	m.Answered("telegram", "<script>alert(1)</script>", "x y", "offline", false, 0)
	if n := testutil.ToFloat64(m.answers.WithLabelValues("web", "none", "none", "llm")); n != 1 {
		t.Errorf("web answer counted %v", n)
	}
	if n := testutil.ToFloat64(m.answers.WithLabelValues("telegram", "other", "other", "offline")); n != 1 {
		t.Errorf("odd labels counted %v under other", n)
	}
	if n := testutil.ToFloat64(m.modelFallbacks); n != 1 {
		t.Errorf("fallbacks %v", n)
	}
	if n := testutil.ToFloat64(m.telegram.WithLabelValues("sendmessage", "retry_after")); n != 1 {
		t.Errorf("429 counted %v", n)
	}
	if n := testutil.ToFloat64(m.redisErrors.WithLabelValues("evalsha")); n != 1 {
		t.Errorf("redis error counted %v", n)
	}
	_, body := get(t, Handler(Config{Gatherer: reg}), "/metrics")
	for _, want := range []string{
		`rongcuo_answers_total{channel="telegram",intent="assessment",mode="offline",verdict="needs_more_facts"} 1`,
		`rongcuo_answer_duration_seconds_bucket{channel="web",le="1"} 1`,
		`rongcuo_updates_dropped_total{reason="shutdown"} 0`,
		`rongcuo_model_requests_total{outcome="ok"} 0`,
		"rongcuo_usage_buffered 0", "rongcuo_kb_version 0", "rongcuo_queue_depth 0", "go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

func TestHTTPMiddlewareCountsByRouteAndClass(t *testing.T) {
	reg := NewRegistry()
	m := NewMetrics(reg)
	h := m.HTTP("ask", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Has("bad") {
			http.Error(w, "no", http.StatusBadRequest)
			return
		}
		io.WriteString(w, "ok")
	}))
	for _, p := range []string{"/ask", "/ask?bad", "/ask"} {
		get(t, h, p)
	}
	if n := testutil.ToFloat64(m.httpRequests.WithLabelValues("ask", "2xx")); n != 2 {
		t.Errorf("2xx %v", n)
	}
	if n := testutil.ToFloat64(m.httpRequests.WithLabelValues("ask", "4xx")); n != 1 {
		t.Errorf("4xx %v", n)
	}
}

func TestModelTransportCountsOutcomes(t *testing.T) {
	reg := NewRegistry()
	m := NewMetrics(reg)
	codes := []int{200, 429, 500}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(codes[0])
		codes = codes[1:]
	}))
	defer srv.Close()
	c := &http.Client{Transport: m.ModelTransport(nil)}
	for range 3 {
		resp, err := c.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	srv.Close()
	c.Get(srv.URL)
	for outcome, want := range map[string]float64{"ok": 1, "rate_limited": 1, "server_error": 1, "error": 1} {
		if n := testutil.ToFloat64(m.modelRequests.WithLabelValues(outcome)); n != want {
			t.Errorf("%s: %v", outcome, n)
		}
	}
}
