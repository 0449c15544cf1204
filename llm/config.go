// Package llm is the adapter to OpenAI-compatible chat and embedding services
// (OpenAI, DeepSeek, Qwen through DashScope, a local vLLM or Ollama) through
// github.com/sashabaranov/go-openai: streamed chat, structured output,
// embeddings in batches, and retries with bounded backoff. It is the only
// package that imports go-openai; its Client satisfies the advisor's Chat and
// Embedder interfaces, written in the terms of package prompts.
//
// # Retries
//
// Timeouts, 429 and 5xx replies and broken connections are retried with
// exponential backoff and full jitter (Config.BackoffBase doubling up to
// Config.BackoffMax), at most Config.MaxRetries times; a 429 or 503 with a
// Retry-After (or retry-after-ms) header waits that long instead, unless it
// asks for more than Config.MaxRetryAfter, in which case the call fails at
// once. Other 4xx replies are not retried. A stream is never retried after
// its first token was delivered: the caller has shown it.
//
// # Timeouts
//
// Config.Timeout bounds each attempt: until the whole reply for ordinary
// calls; until the first chunk, and then between chunks, for streams, so a
// long answer that keeps arriving is not cut.
//
// # Structured output
//
// Structured replies use a JSON-schema response format by default. Services
// without it (DeepSeek and some local servers reject response_format
// json_schema with a 400) get a forced tool call with the same schema as its
// parameters instead: in "auto" mode the client switches after the first such
// rejection and stays switched; "schema" and "tool" force one way.
//
// Nothing here logs; Config formats and logs without its key.
package llm

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Structured output modes.
const (
	StructuredAuto   = "auto"
	StructuredSchema = "schema"
	StructuredTool   = "tool"
)

// Defaults of Config.
const (
	DefaultBaseURL       = "https://api.openai.com/v1"
	DefaultTimeout       = 30 * time.Second
	DefaultMaxTokens     = 1500
	DefaultTemperature   = 0.2 // for settings; a zero Config.Temperature is left to the service
	DefaultMaxRetries    = 2
	DefaultEmbedBatch    = 64
	DefaultBackoffBase   = 500 * time.Millisecond
	DefaultBackoffMax    = 8 * time.Second
	DefaultMaxRetryAfter = 20 * time.Second
)

// Config configures a Client. Zero values take the defaults above.
type Config struct {
	APIKey         string // sent as a bearer token; never formatted or logged
	BaseURL        string // e.g. https://api.deepseek.com/v1, http://127.0.0.1:11434/v1
	Model          string // chat model; empty when only embeddings are used
	EmbeddingModel string // embedding model; empty disables Embed

	Timeout     time.Duration // per attempt; see the package comment
	MaxTokens   int           // upper bound of a reply's tokens
	Temperature float64       // 0 leaves it to the service; negative also means 0
	MaxRetries  int           // retries after the first attempt; negative means none
	Structured  string        // auto, schema or tool
	EmbedBatch  int           // texts per embedding request

	BackoffBase   time.Duration
	BackoffMax    time.Duration
	MaxRetryAfter time.Duration // longest Retry-After honoured; longer fails at once

	// HTTPClient sends the requests; nil means a client of its own. Its
	// Timeout, if any, should exceed Timeout: attempts are bounded here.
	HTTPClient *http.Client
}

func (c Config) withDefaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxTokens <= 0 {
		c.MaxTokens = DefaultMaxTokens
	}
	if c.Temperature < 0 {
		c.Temperature = 0
	}
	if c.MaxRetries == 0 {
		c.MaxRetries = DefaultMaxRetries
	} else if c.MaxRetries < 0 {
		c.MaxRetries = 0
	}
	if c.Structured == "" {
		c.Structured = StructuredAuto
	}
	if c.EmbedBatch <= 0 {
		c.EmbedBatch = DefaultEmbedBatch
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = DefaultBackoffBase
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = DefaultBackoffMax
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return c
}

// Validate reports what is wrong with the configuration, one English
// clause per problem naming its setting, or nil. New calls it; a command
// calls it when it reads its settings, to fail before it starts.
func (c Config) Validate() error {
	c = c.withDefaults()
	var errs []string
	if strings.TrimSpace(c.APIKey) == "" {
		errs = append(errs, "no API key (OPENAI_API_KEY; local services accept any value)")
	}
	if c.Model == "" && c.EmbeddingModel == "" {
		errs = append(errs, "neither a chat model (OPENAI_MODEL) nor an embedding model (OPENAI_EMBEDDING_MODEL)")
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Sprintf("base URL %q is not an http(s) URL (OPENAI_BASE_URL)", redactURL(c.BaseURL)))
	}
	if math.IsNaN(c.Temperature) || math.IsInf(c.Temperature, 0) {
		// Every request would fail to encode, and every answer fall back.
		errs = append(errs, fmt.Sprintf("temperature %g is not a number (OPENAI_TEMPERATURE)", c.Temperature))
	}
	switch c.Structured {
	case StructuredAuto, StructuredSchema, StructuredTool:
	default:
		errs = append(errs, fmt.Sprintf("structured output mode %q is not auto, schema or tool", c.Structured))
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// String describes the configuration without its key.
func (c Config) String() string {
	key := "unset"
	if c.APIKey != "" {
		key = "set"
	}
	return fmt.Sprintf("llm.Config{BaseURL: %s, Model: %q, EmbeddingModel: %q, Timeout: %s, MaxTokens: %d, Temperature: %g, MaxRetries: %d, Structured: %q, APIKey: %s}",
		redactURL(c.BaseURL), c.Model, c.EmbeddingModel, c.Timeout, c.MaxTokens, c.Temperature, c.MaxRetries, c.Structured, key)
}

// GoString keeps %#v from printing the key.
func (c Config) GoString() string { return c.String() }

// LogValue keeps slog from printing the key.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", redactURL(c.BaseURL)),
		slog.String("model", c.Model),
		slog.String("embedding_model", c.EmbeddingModel),
		slog.Duration("timeout", c.Timeout),
		slog.Int("max_tokens", c.MaxTokens),
		slog.Float64("temperature", c.Temperature),
		slog.Int("max_retries", c.MaxRetries),
		slog.String("structured", c.Structured),
		slog.Bool("api_key_set", c.APIKey != ""),
	)
}

// redactURL hides a password in a URL (some gateways take credentials there).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}
