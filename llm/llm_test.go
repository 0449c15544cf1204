package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/llm/llmtest"
	"rongcuo/prompts"
)

const testKey = "sk-test-secret-0123456789"

// newTestClient returns a client of the fake server whose waits between
// retries are recorded instead of slept, with jitter at its maximum so the
// backoff is exact.
func newTestClient(t *testing.T, srv *llmtest.Server, cfg Config) (*Client, *[]time.Duration) {
	t.Helper()
	cfg.APIKey = testKey
	cfg.BaseURL = srv.BaseURL()
	if cfg.Model == "" {
		cfg.Model = "fake-chat"
	}
	if cfg.BackoffBase == 0 {
		cfg.BackoffBase = 10 * time.Millisecond
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 5 * time.Second
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	waits := &[]time.Duration{}
	c.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*waits = append(*waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	c.jitter = func(max time.Duration) time.Duration { return max }
	return c, waits
}

func msgs(user string) []prompts.Message {
	return []prompts.Message{{Role: prompts.RoleSystem, Content: "系统"}, {Role: prompts.RoleUser, Content: user}}
}

func TestStreamDeliversChunksAndFinalUsage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Key = testKey
	srv.Push(llmtest.Reply{Chunks: []string{"初步", "判断：", "可以容错。"}, Prompt: 321, Completion: 7, Model: "fake-chat-0613"})
	c, _ := newTestClient(t, srv, Config{Temperature: DefaultTemperature})
	var deltas []string
	r, err := c.Stream(context.Background(), msgs("问题"), func(d string) { deltas = append(deltas, d) })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(deltas, "|") != "初步|判断：|可以容错。" {
		t.Errorf("deltas = %q", deltas)
	}
	if r.Text != "初步判断：可以容错。" || r.FinishReason != "stop" || r.PromptTokens != 321 || r.CompletionTokens != 7 || r.Model != "fake-chat-0613" || r.Attempts != 1 {
		t.Errorf("reply = %+v", r)
	}
	if r.FirstToken <= 0 || r.Total < r.FirstToken {
		t.Errorf("latencies: first %v, total %v", r.FirstToken, r.Total)
	}
	req := srv.ChatRequests()[0]
	if !req.Chat.Stream || req.Chat.StreamOptions == nil || !req.Chat.StreamOptions.IncludeUsage {
		t.Errorf("the request does not ask for a stream with usage: %s", req.Body)
	}
	if req.Chat.Model != "fake-chat" || req.Chat.MaxTokens != DefaultMaxTokens || req.Chat.Temperature != DefaultTemperature {
		t.Errorf("model / max_tokens / temperature not sent as configured: %s", req.Body)
	}
	if len(req.Chat.Messages) != 2 || req.Chat.Messages[1].Content != "问题" {
		t.Errorf("messages = %+v", req.Chat.Messages)
	}
}

func TestStreamCutMidWayFailsWithoutRetry(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Chunks: []string{"一", "二", "三", "四"}, Cut: true, CutAfter: 2}, llmtest.Reply{Content: "不该用到"})
	c, _ := newTestClient(t, srv, Config{})
	var got string
	_, err := c.Stream(context.Background(), msgs("q"), func(d string) { got += d })
	if err == nil {
		t.Fatal("a cut stream succeeded")
	}
	if got != "一二" {
		t.Errorf("delivered %q before the cut", got)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests: a stream was retried after its first token", n)
	}
}

func TestStreamWithoutFinishReasonIsIncomplete(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: "说到一半", NoFinish: true})
	c, _ := newTestClient(t, srv, Config{})
	_, err := c.Stream(context.Background(), msgs("q"), nil)
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v, want ErrIncomplete", err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests after tokens were delivered", n)
	}
}

func TestStreamCutBeforeFirstTokenIsRetried(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: "没发出来", Cut: true, CutAfter: 0}, llmtest.Reply{Content: "第二次成功"})
	c, waits := newTestClient(t, srv, Config{})
	r, err := c.Stream(context.Background(), msgs("q"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "第二次成功" || r.Attempts != 2 || len(*waits) != 1 {
		t.Errorf("reply %+v after waits %v", r, *waits)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "2"}, llmtest.Reply{Content: "好了"})
	c, waits := newTestClient(t, srv, Config{})
	r, err := c.Stream(context.Background(), msgs("q"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != "好了" || len(srv.ChatRequests()) != 2 {
		t.Errorf("reply %+v after %d requests", r, len(srv.ChatRequests()))
	}
	if len(*waits) != 1 || (*waits)[0] != 2*time.Second {
		t.Errorf("waited %v, want the 2s Retry-After", *waits)
	}
}

func TestRateLimitTooLongFailsAtOnce(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: http.StatusTooManyRequests, RetryAfter: "3600"}, llmtest.Reply{Content: "不该用到"})
	c, waits := newTestClient(t, srv, Config{})
	_, err := c.Structured(context.Background(), msgs("q"), testSchema)
	if err == nil || !strings.Contains(err.Error(), "1h0m0s") {
		t.Fatalf("err = %v", err)
	}
	if len(srv.ChatRequests()) != 1 || len(*waits) != 0 {
		t.Errorf("%d requests, waits %v", len(srv.ChatRequests()), *waits)
	}
}

func TestServerErrorsRetriedWithBoundedBackoff(t *testing.T) {
	srv := llmtest.New(t)
	for range 4 {
		srv.Push(llmtest.Reply{Status: http.StatusInternalServerError})
	}
	c, waits := newTestClient(t, srv, Config{MaxRetries: 3, BackoffBase: 10 * time.Millisecond, BackoffMax: 25 * time.Millisecond})
	_, err := c.Stream(context.Background(), msgs("q"), nil)
	if httpStatus(err) != 500 {
		t.Fatalf("err = %v, want the 500", err)
	}
	if n := len(srv.ChatRequests()); n != 4 {
		t.Errorf("%d requests, want 1 + 3 retries", n)
	}
	want := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 25 * time.Millisecond}
	if fmt.Sprint(*waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v (doubling, capped)", *waits, want)
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: http.StatusBadGateway}, llmtest.Reply{Content: "恢复"})
	c, _ := newTestClient(t, srv, Config{})
	r, err := c.Structured(context.Background(), msgs("q"), testSchema)
	if err != nil || r.Text != "恢复" || r.Attempts != 2 {
		t.Fatalf("reply %+v, err %v", r, err)
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 422} {
		srv := llmtest.New(t)
		srv.Push(llmtest.Reply{Status: status}, llmtest.Reply{Content: "不该用到"})
		c, _ := newTestClient(t, srv, Config{})
		_, err := c.Stream(context.Background(), msgs("q"), nil)
		if httpStatus(err) != status {
			t.Errorf("%d: err = %v", status, err)
		}
		if n := len(srv.ChatRequests()); n != 1 {
			t.Errorf("%d: %d requests", status, n)
		}
	}
}

func TestSlowReplyTimesOutAndIsRetried(t *testing.T) {
	srv := llmtest.New(t)
	for range 2 {
		srv.Push(llmtest.Reply{Delay: 5 * time.Second, Content: "太慢"})
	}
	c, _ := newTestClient(t, srv, Config{Timeout: 50 * time.Millisecond, MaxRetries: 1})
	_, err := c.Stream(context.Background(), msgs("q"), nil)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	if n := len(srv.ChatRequests()); n != 2 {
		t.Errorf("%d requests, want the slow one and one retry", n)
	}
	// Callers tell a slow service apart without importing this package.
	var slow interface{ Timeout() bool }
	if !errors.As(err, &slow) || !slow.Timeout() {
		t.Errorf("a timeout does not say Timeout(): %v", err)
	}
	srv.Push(llmtest.Reply{Delay: 5 * time.Second}, llmtest.Reply{Content: `{"ok":true}`})
	r, err := c.Structured(context.Background(), msgs("q"), prompts.Schema{Name: "s", JSON: json.RawMessage(`{"type":"object"}`)})
	if err != nil || r.Text != `{"ok":true}` {
		t.Fatalf("structured after a timeout: %+v, %v", r, err)
	}
}

// The timeout bounds the wait for each chunk, not the whole answer.
func TestStreamTimeoutIsBetweenChunks(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Chunks: []string{"a", "b", "c", "d", "e", "f"}, ChunkDelay: 40 * time.Millisecond})
	c, _ := newTestClient(t, srv, Config{Timeout: 150 * time.Millisecond})
	r, err := c.Stream(context.Background(), msgs("q"), nil)
	if err != nil || r.Text != "abcdef" {
		t.Fatalf("a steadily arriving stream longer than the timeout failed: %+v, %v", r, err)
	}
	srv.Push(llmtest.Reply{Chunks: []string{"a", "b"}, ChunkDelay: 2 * time.Second})
	_, err = c.Stream(context.Background(), msgs("q"), nil)
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("a stalled stream: err = %v, want ErrTimeout", err)
	}
	if n := len(srv.ChatRequests()); n != 2 {
		t.Errorf("%d requests: the stalled stream was retried after its first token", n)
	}
}

func TestCallerCancellationIsNotRetried(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Delay: 5 * time.Second}, llmtest.Reply{Content: "不该用到"})
	c, _ := newTestClient(t, srv, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Stream(ctx, msgs("q"), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests after the caller gave up", n)
	}
}

func TestEmptyReplyIsAnError(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: "  "}, llmtest.Reply{Content: ""})
	c, _ := newTestClient(t, srv, Config{})
	if _, err := c.Stream(context.Background(), msgs("q"), nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("stream: err = %v, want ErrEmpty", err)
	}
	if _, err := c.Structured(context.Background(), msgs("q"), testSchema); !errors.Is(err, ErrEmpty) {
		t.Errorf("structured: err = %v, want ErrEmpty", err)
	}
}

var testSchema = prompts.Schema{Name: "assessment", Description: "d", JSON: json.RawMessage(`{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false}`)}

func TestStructuredUsesJSONSchemaFormat(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: `{"a":1}`})
	c, _ := newTestClient(t, srv, Config{})
	r, err := c.Structured(context.Background(), msgs("q"), testSchema)
	if err != nil || r.Text != `{"a":1}` {
		t.Fatalf("reply %+v, err %v", r, err)
	}
	var rf struct {
		Type       string `json:"type"`
		JSONSchema struct {
			Name   string          `json:"name"`
			Strict bool            `json:"strict"`
			Schema json.RawMessage `json:"schema"`
		} `json:"json_schema"`
	}
	req := srv.ChatRequests()[0]
	if err := json.Unmarshal(req.Chat.ResponseFormat, &rf); err != nil {
		t.Fatalf("response_format: %v in %s", err, req.Body)
	}
	if rf.Type != "json_schema" || rf.JSONSchema.Name != "assessment" || !rf.JSONSchema.Strict || !bytes.Contains(rf.JSONSchema.Schema, []byte(`"required":["a"]`)) {
		t.Errorf("response_format = %s", req.Chat.ResponseFormat)
	}
	if req.Chat.Stream || len(req.Chat.Tools) != 0 {
		t.Errorf("structured call streamed or sent tools: %s", req.Body)
	}
}

func TestStructuredSwitchesToToolCallWhenSchemaRejected(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(
		llmtest.Reply{Status: 400, ErrorBody: `{"error":{"message":"This response_format type is unavailable now","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}`},
		llmtest.Reply{ToolArgs: `{"a":2}`},
		llmtest.Reply{ToolArgs: `{"a":3}`},
	)
	c, _ := newTestClient(t, srv, Config{})
	r, err := c.Structured(context.Background(), msgs("q"), testSchema)
	if err != nil || r.Text != `{"a":2}` || r.FinishReason != "tool_calls" {
		t.Fatalf("reply %+v, err %v", r, err)
	}
	r, err = c.Structured(context.Background(), msgs("q"), testSchema)
	if err != nil || r.Text != `{"a":3}` {
		t.Fatalf("second call: reply %+v, err %v", r, err)
	}
	reqs := srv.ChatRequests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for i, req := range reqs[1:] {
		if len(req.Chat.ResponseFormat) != 0 || !bytes.Contains(req.Chat.Tools, []byte(`"name":"assessment"`)) || !bytes.Contains(req.Chat.ToolChoice, []byte(`"name":"assessment"`)) {
			t.Errorf("request %d is not a forced tool call: %s", i+2, req.Body)
		}
	}
}

func TestStructuredSchemaModeDoesNotSwitch(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Status: 400, ErrorBody: `{"error":{"message":"response_format json_schema not supported","type":"invalid_request_error"}}`})
	c, _ := newTestClient(t, srv, Config{Structured: StructuredSchema})
	if _, err := c.Structured(context.Background(), msgs("q"), testSchema); httpStatus(err) != 400 {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.ChatRequests()); n != 1 {
		t.Errorf("%d requests", n)
	}
}

func TestReasoningModelsGetCompletionTokens(t *testing.T) {
	srv := llmtest.New(t)
	srv.Push(llmtest.Reply{Content: "ok"})
	c, _ := newTestClient(t, srv, Config{Model: "o3-mini", MaxTokens: 900})
	if _, err := c.Stream(context.Background(), msgs("q"), nil); err != nil {
		t.Fatal(err)
	}
	req := srv.ChatRequests()[0].Chat
	if req.MaxCompletionTokens != 900 || req.MaxTokens != 0 || req.Temperature != 0 {
		t.Errorf("max_completion_tokens %d, max_tokens %d, temperature %g", req.MaxCompletionTokens, req.MaxTokens, req.Temperature)
	}
}

func TestEmbedInBatches(t *testing.T) {
	srv := llmtest.New(t)
	c, _ := newTestClient(t, srv, Config{EmbeddingModel: "fake-embed", EmbedBatch: 3})
	texts := []string{"容错", "免责", "问责条例", "第十七条", "谋取私利", "集体研究", "补救"}
	vecs, err := c.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != len(texts) {
		t.Fatalf("%d vectors for %d texts", len(vecs), len(texts))
	}
	for i, v := range vecs {
		if fmt.Sprint(v) != fmt.Sprint(llmtest.Vector(texts[i])) {
			t.Errorf("vector %d is not the one of %q", i, texts[i])
		}
	}
	var sizes []int
	for _, r := range srv.Requests() {
		if r.Embed.Model != "fake-embed" {
			t.Errorf("embedding model %q", r.Embed.Model)
		}
		sizes = append(sizes, len(r.Embed.Input))
	}
	if fmt.Sprint(sizes) != "[3 3 1]" {
		t.Errorf("batch sizes %v, want [3 3 1]", sizes)
	}
}

func TestEmbedRejectsMixedDimensions(t *testing.T) {
	srv := llmtest.New(t)
	srv.Embed = func(s string) []float32 {
		if s == "短" {
			return []float32{1}
		}
		return llmtest.Vector(s)
	}
	c, _ := newTestClient(t, srv, Config{EmbeddingModel: "fake-embed"})
	if _, err := c.Embed(context.Background(), []string{"长文本", "短"}); err == nil {
		t.Fatal("vectors of different lengths accepted")
	}
	c2, _ := newTestClient(t, srv, Config{})
	if _, err := c2.Embed(context.Background(), []string{"x"}); !errors.Is(err, ErrNoModel) {
		t.Errorf("embed without a model: %v", err)
	}
}

func TestSecretsStayOutOfFormattingAndErrors(t *testing.T) {
	cfg := Config{APIKey: testKey, BaseURL: "https://user:pw-secret@gateway.example/v1", Model: "m"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "llm", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), logs.String()} {
		if strings.Contains(s, testKey) || strings.Contains(s, "pw-secret") {
			t.Errorf("a secret is printed: %s", s)
		}
	}
	srv := llmtest.New(t)
	srv.Key = "another-key"
	c, _ := newTestClient(t, srv, Config{})
	_, err := c.Stream(context.Background(), msgs("q"), nil)
	if httpStatus(err) != 401 || strings.Contains(err.Error(), testKey) {
		t.Errorf("err = %v", err)
	}
}

func TestConfigValidation(t *testing.T) {
	for _, cfg := range []Config{
		{Model: "m"},
		{APIKey: "k"},
		{APIKey: "k", Model: "m", BaseURL: "ftp://x"},
		{APIKey: "k", Model: "m", Structured: "xml"},
		{APIKey: "k", Model: "m", Temperature: math.NaN()},
		{APIKey: "k", Model: "m", Temperature: math.Inf(1)},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%v accepted", cfg)
		}
	}
	c, err := New(Config{APIKey: "k", Model: "m"})
	if err != nil || c.cfg.Timeout != DefaultTimeout || c.cfg.BaseURL != DefaultBaseURL {
		t.Errorf("defaults: %v, %v", c, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"7"}}, 7 * time.Second, true},
		{http.Header{"Retry-After": {"0.5"}}, 500 * time.Millisecond, true},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"9"}}, 250 * time.Millisecond, true},
		{http.Header{"Retry-After": {now.Add(3 * time.Second).Format(http.TimeFormat)}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{}, 0, false},
	} {
		got, ok := parseRetryAfter(c.h, now)
		if got != c.want || ok != c.ok {
			t.Errorf("%v: %v %v, want %v %v", c.h, got, ok, c.want, c.ok)
		}
	}
}

func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"7", "0.5", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "NaN", "1e308", ""} {
		f.Add(s, "")
		f.Add("", s)
	}
	now := time.Now()
	f.Fuzz(func(t *testing.T, ra, ms string) {
		h := http.Header{}
		h.Set("Retry-After", ra)
		h.Set("Retry-After-Ms", ms)
		if d, ok := parseRetryAfter(h, now); d < 0 || (!ok && d != 0) {
			t.Fatalf("%q %q -> %v %v", ra, ms, d, ok)
		}
	})
}
