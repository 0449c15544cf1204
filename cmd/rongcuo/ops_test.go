package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rongcuo/bot/telegramtest"
	"rongcuo/llm/llmtest"
	"rongcuo/redisstore/redistest"
)

// opsGet fetches a path from the ops listener.
func opsGet(t testing.TB, addr, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// metric returns the value of the first sample whose line starts with
// series (name and labels), or -1.
func metric(body, series string) float64 {
	for _, line := range strings.Split(body, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			if err == nil {
				return v
			}
		}
	}
	return -1
}

func TestServeOpsListenerMetricsAndReadiness(t *testing.T) {
	rs := startRedis(t)
	addrs := make(chan string, 1)
	r := startServe(t, map[string]string{"REDIS_URL": rs.url(), "RONGCUO_LOG_FORMAT": "json"},
		serveDeps{opsListening: func(a string) { addrs <- a }})
	addr := <-addrs
	if code, body := opsGet(t, addr, "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	if code, body := opsGet(t, addr, "/readyz"); code != 200 {
		t.Errorf("readyz with Redis up and the knowledge base loaded: %d %q", code, body)
	}
	if code, _ := opsGet(t, addr, "/debug/pprof/"); code != 404 {
		t.Errorf("pprof is served without --pprof: %d", code)
	}

	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, caseText))
	r.waitMessage(t, cadre.ID, 0, "初步判断")
	var body string
	// The answer is counted when it is handed to the channel, its
	// sendMessage when Telegram has answered: both are waited for.
	eventually(t, "the answer and its sendMessage counted", func() bool {
		_, body = opsGet(t, addr, "/metrics")
		return (metric(body, `rongcuo_answers_total{channel="telegram",intent="assessment",mode="offline",verdict="needs_more_facts"}`) == 1 ||
			metric(body, `rongcuo_answers_total{channel="telegram",intent="assessment",mode="offline",verdict="likely_tolerable"}`) == 1) &&
			metric(body, `rongcuo_telegram_requests_total{method="sendmessage",outcome="ok"}`) >= 1
	})
	for series, atLeast := range map[string]float64{
		`rongcuo_telegram_requests_total{method="sendmessage",outcome="ok"}`: 1,
		`rongcuo_telegram_requests_total{method="getupdates",outcome="ok"}`:  1,
		`rongcuo_kb_version`: 1,
		`rongcuo_answer_duration_seconds_count{channel="telegram"}`: 1,
		`rongcuo_http_requests_total{route="webhook",code="2xx"}`:   -1,
		`rongcuo_usage_buffered`:                                    0,
		`rongcuo_updates_dropped_total{reason="flood"}`:             0,
	} {
		if got := metric(body, series); got < atLeast {
			t.Errorf("%s = %v, want at least %v", series, got, atLeast)
		}
	}

	// Redis goes away: not ready, saying why; the errors are counted and
	// go-redis's own complaints come through the structured log.
	rs.stop()
	down := time.Now()
	eventually(t, "readyz to turn 503", func() bool {
		code, body := opsGet(t, addr, "/readyz")
		return code == 503 && strings.Contains(body, "not ready: redis:")
	})
	notReady := time.Since(down)
	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, "什么是三个区分开来？"))
	r.waitMessage(t, cadre.ID, 1, "三个区分开来")
	eventually(t, "redis errors counted and the record buffered", func() bool {
		_, body := opsGet(t, addr, "/metrics")
		return regexp.MustCompile(`rongcuo_redis_errors_total\{op="[a-z]+"\} [1-9]`).MatchString(body) &&
			metric(body, "rongcuo_usage_buffered") >= 1
	})
	rs.start()
	back := time.Now()
	eventually(t, "readyz to turn 200 again", func() bool { code, _ := opsGet(t, addr, "/readyz"); return code == 200 })
	readyAgain := time.Since(back)
	// Each measured when it happened (the outage itself lasts longer).
	t.Logf("not ready %v after Redis stopped; ready again %v after it answered", notReady.Round(time.Millisecond), readyAgain.Round(time.Millisecond))
	eventually(t, "the buffered record written", func() bool {
		_, body := opsGet(t, addr, "/metrics")
		return metric(body, "rongcuo_usage_buffered") == 0
	})

	lines := strings.Split(strings.TrimSpace(r.stderr.String()), "\n")
	client := false
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("a log line that is not JSON: %q", l)
		}
		if m["msg"] == "redis client" {
			client = true
		}
	}
	if !client {
		t.Error("go-redis's own log lines did not come through slog")
	}
}

// In model mode the model service's requests are counted by outcome, and an
// answer that fell back to the offline one is counted as a fallback.
func TestServeCountsModelRequestsAndFallbacks(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: 500}, llmtest.Reply{Status: 500}, llmtest.Reply{Status: 500}, llmtest.Reply{Status: 500})
	addrs := make(chan string, 1)
	r := startServe(t, map[string]string{"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": srv.BaseURL(), "OPENAI_MODEL": "fake-chat",
		"OPENAI_RETRIES": "0"}, serveDeps{opsListening: func(a string) { addrs <- a }})
	addr := <-addrs
	r.api.Push(telegramtest.Text(cadre.ID, "private", cadre, caseText))
	r.waitMessage(t, cadre.ID, 0, "初步判断")
	var body string
	eventually(t, "the model's failures and the fallback counted", func() bool {
		_, body = opsGet(t, addr, "/metrics")
		return metric(body, `rongcuo_model_requests_total{outcome="server_error"}`) >= 1 && metric(body, "rongcuo_model_fallbacks_total") == 1
	})
	if n := metric(body, `rongcuo_model_requests_total{outcome="ok"}`); n != 0 {
		t.Errorf("%v model requests counted ok; the service answered only 500s", n)
	}
	if len(srv.Requests()) == 0 {
		t.Error("the model service was never asked")
	}
}

// `rongcuo web` runs the ops listener too: ready once Redis answers and the
// knowledge base is loaded, with the process's metrics.
func TestWebServesTheOpsListener(t *testing.T) {
	_, prefix := redistest.Client(t)
	vars := map[string]string{"REDIS_URL": redistest.URL(), "RONGCUO_REDIS_PREFIX": prefix, "RONGCUO_USER_SECRET": testSecret,
		"RONGCUO_WEB_LISTEN": "127.0.0.1:0", "RONGCUO_OPS_LISTEN": "127.0.0.1:0", "RONGCUO_RETENTION_EVERY": "0"}
	stderr := &syncBuffer{}
	e := env{getenv: func(k string) string { return vars[k] }, stdout: &bytes.Buffer{}, stderr: stderr}
	o, err := parseServe("web", nil, e)
	if err != nil {
		t.Fatal(err)
	}
	addrs := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, e, &globalOptions{}, o, serveDeps{opsListening: func(a string) { addrs <- a }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("web did not stop cleanly: %v\n%s", err, stderr.String())
		}
	}()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		done <- nil // the deferred stop reads it
		t.Fatalf("web stopped at start: %v\n%s", err, stderr.String())
	}
	if code, body := opsGet(t, addr, "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", code, body)
	}
	eventually(t, "readyz to say ready", func() bool { code, _ := opsGet(t, addr, "/readyz"); return code == 200 })
	_, body := opsGet(t, addr, "/metrics")
	if metric(body, "rongcuo_kb_version") < 1 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("the console's metrics lack the knowledge-base version or the runtime's:\n%.2000s", body)
	}
}
