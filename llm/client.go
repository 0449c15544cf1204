package llm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"rongcuo/prompts"
)

// Errors a caller may want to tell apart.
var (
	// ErrTimeout: the service did not answer (or a stream stalled) within
	// Config.Timeout. Like a net.Error it says Timeout() true, so a caller
	// can tell a slow service from other failures without this package.
	ErrTimeout error = timeoutError{}
	// ErrIncomplete: a stream ended without a finish reason (cut mid-way).
	ErrIncomplete = errors.New("llm: the stream ended without a finish reason")
	// ErrEmpty: the service answered with no text.
	ErrEmpty = errors.New("llm: empty reply")
	// ErrNoModel: the call needs a model the configuration does not name.
	ErrNoModel = errors.New("llm: no model configured for this call")
)

type timeoutError struct{}

func (timeoutError) Error() string { return "llm: no reply within the timeout" }
func (timeoutError) Timeout() bool { return true }

// Client talks to one OpenAI-compatible service. It is safe for concurrent
// use.
type Client struct {
	cfg Config
	api *openai.Client
	// noSchema is set once the service rejected a JSON-schema response
	// format, in auto mode; from then on structured calls use a tool call.
	noSchema atomic.Bool
	sleep    func(ctx context.Context, d time.Duration) error
	jitter   func(max time.Duration) time.Duration
}

// New returns a client for the configuration.
func New(cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("llm: config: %w", err)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = hintingDoer{hc}
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), sleep: sleepCtx, jitter: randomJitter}, nil
}

// hintingDoer records the Retry-After of a 429 or 503 reply in the hint the
// attempt put into the request's context: go-openai's errors do not carry
// the headers.
type hintingDoer struct{ hc *http.Client }

func (d hintingDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.hc.Do(req)
	if err != nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) {
		return resp, err
	}
	if h, ok := req.Context().Value(hintKey{}).(*retryHint); ok {
		h.after, h.set = parseRetryAfter(resp.Header, time.Now())
	}
	return resp, err
}

type hintKey struct{}

// retryHint is what one attempt learnt about when to try again.
type retryHint struct {
	after time.Duration
	set   bool
}

// parseRetryAfter reads retry-after-ms (OpenAI) or Retry-After, in seconds or
// as an HTTP date. Anything beyond a day reads as a day: the caller gives up
// on such waits anyway, and the conversion must not overflow.
func parseRetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	const day = 24 * time.Hour
	amount := func(v string, unit time.Duration) (time.Duration, bool) {
		n, err := strconv.ParseFloat(v, 64)
		switch {
		case err != nil || n != n || n < 0: // n != n: NaN
			return 0, false
		case n >= float64(day/unit):
			return day, true
		}
		return time.Duration(n * float64(unit)), true
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if d, ok := amount(v, time.Millisecond); ok {
			return d, true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if d, ok := amount(v, time.Second); ok {
		return d, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), day), true
	}
	return 0, false
}

// usesCompletionTokens reports whether a model takes max_completion_tokens
// and a fixed temperature (OpenAI's reasoning models; go-openai refuses
// max_tokens for them). Other services take max_tokens.
func usesCompletionTokens(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

func (c *Client) chatRequest(msgs []prompts.Message) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{Model: c.cfg.Model}
	for _, m := range msgs {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	if usesCompletionTokens(c.cfg.Model) {
		req.MaxCompletionTokens = c.cfg.MaxTokens
	} else {
		// max_tokens, deprecated by OpenAI, is what DeepSeek, DashScope,
		// vLLM and Ollama read.
		//lint:ignore SA1019 the compatible services take max_tokens
		req.MaxTokens = c.cfg.MaxTokens
		req.Temperature = float32(c.cfg.Temperature)
	}
	return req
}
