package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	"rongcuo/advisor"
	"rongcuo/internal/terminal"
	"rongcuo/knowledge"
	"rongcuo/llm"
	"rongcuo/redisstore"
)

// Model mode: with OPENAI_API_KEY and OPENAI_MODEL set, a language model
// writes the answers (the offline answer stays the fallback); with
// OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL set, dense retrieval joins BM25.
// Neither set: everything stays offline.

// modelOptions are the settings of model mode, shared by ask, chat, eval and
// serve.
type modelOptions struct {
	Key            string
	BaseURL        string
	Model          string
	EmbeddingModel string
	Timeout        time.Duration
	MaxTokens      int
	Temperature    float64
	Retries        int
	Structured     string
	RedactNames    string
	RedactFile     string

	fromEnv func() // reads the key from the environment after parsing
	// transport, when set, wraps the model client's HTTP transport (serve
	// counts the requests for its metrics).
	transport func(http.RoundTripper) http.RoundTripper
}

// addModelSettings declares the model settings on a command's settings.
func addModelSettings(s *settings, o *modelOptions) {
	o.fromEnv = secretSetting(s, &o.Key, "openai-key", "OPENAI_API_KEY", "API key of an OpenAI-compatible service; with a model set, the model writes the answers (secret)")
	s.String(&o.BaseURL, "openai-base-url", "OPENAI_BASE_URL", llm.DefaultBaseURL, "address of the OpenAI-compatible service (DeepSeek, DashScope, vLLM, Ollama: their /v1 address)")
	s.String(&o.Model, "openai-model", "OPENAI_MODEL", "", "chat model; empty: offline answers only")
	s.String(&o.EmbeddingModel, "openai-embedding-model", "OPENAI_EMBEDDING_MODEL", "", "embedding model; set: dense retrieval fused with BM25")
	s.Duration(&o.Timeout, "openai-timeout", "OPENAI_TIMEOUT", llm.DefaultTimeout, "wait for a reply, or for the next piece of a streamed one, per attempt")
	s.Int(&o.MaxTokens, "openai-max-tokens", "OPENAI_MAX_TOKENS", llm.DefaultMaxTokens, "longest model reply in tokens")
	s.Float(&o.Temperature, "openai-temperature", "OPENAI_TEMPERATURE", llm.DefaultTemperature, "sampling temperature; 0 leaves it to the service")
	s.Int(&o.Retries, "openai-retries", "OPENAI_RETRIES", llm.DefaultMaxRetries, "retries after a timeout, 429 or 5xx (0: none)")
	s.String(&o.Structured, "openai-structured", "OPENAI_STRUCTURED", llm.StructuredAuto, "structured output: auto (JSON schema, tool call when the service refuses it), schema or tool")
	s.String(&o.RedactNames, "redact-names", "RONGCUO_REDACT_NAMES", "", "names of people and units replaced by placeholders before text goes to a model, comma-separated")
	s.String(&o.RedactFile, "redact-file", "RONGCUO_REDACT_FILE", "", "file of such names, one per line or comma-separated, # for comments")
}

func (o *modelOptions) resolve() {
	if o.fromEnv != nil {
		o.fromEnv()
		o.fromEnv = nil
	}
}

// chatEnabled reports whether a model writes the answers.
func (o *modelOptions) chatEnabled() bool {
	o.resolve()
	return o.Key != "" && o.Model != ""
}

// vectorsEnabled reports whether dense retrieval is on.
func (o *modelOptions) vectorsEnabled() bool {
	o.resolve()
	return o.Key != "" && o.EmbeddingModel != ""
}

// llmConfig is the model client's configuration: the chat model only when
// a model writes the answers, the embedding model only when dense
// retrieval is on.
func (o *modelOptions) llmConfig() llm.Config {
	cfg := llm.Config{APIKey: o.Key, BaseURL: o.BaseURL, Timeout: o.Timeout, MaxTokens: o.MaxTokens,
		Temperature: o.Temperature, MaxRetries: o.Retries, Structured: o.Structured}
	if o.Retries == 0 {
		cfg.MaxRetries = -1 // the setting's 0 means none; the config's 0 means the default
	}
	if o.transport != nil {
		cfg.HTTPClient = &http.Client{Transport: o.transport(http.DefaultTransport)}
	}
	if o.chatEnabled() {
		cfg.Model = o.Model
	}
	if o.vectorsEnabled() {
		cfg.EmbeddingModel = o.EmbeddingModel
	}
	return cfg
}

// check validates the model settings when model mode is on (a command
// name prefixes the message); offline, they are not used.
func (o *modelOptions) check(cmd string) error {
	if !o.chatEnabled() && !o.vectorsEnabled() {
		return nil
	}
	if err := o.llmConfig().Validate(); err != nil {
		return usagef("%s: model settings: %v", cmd, err)
	}
	return nil
}

// advisorOptions builds the advisor options of the settings: Model nil
// unless OPENAI_API_KEY and OPENAI_MODEL are set; Vectors nil unless
// OPENAI_API_KEY and OPENAI_EMBEDDING_MODEL are set. cache keeps the
// vectors between runs (nil: embed the knowledge base on every start). A
// failure to build the vectors is logged and leaves retrieval as BM25; bad
// settings are a usage error.
func (o *modelOptions) advisorOptions(ctx context.Context, kb *knowledge.KB, cache advisor.VectorCache, log *slog.Logger) (advisor.Options, error) {
	var opts advisor.Options
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if !o.chatEnabled() && !o.vectorsEnabled() {
		if o.Key == "" && (o.Model != "" || o.EmbeddingModel != "") {
			log.Warn("a model is set but OPENAI_API_KEY is not; answering offline")
		}
		return opts, nil
	}
	cfg := o.llmConfig()
	client, err := llm.New(cfg)
	if err != nil {
		return opts, usagef("%v", err)
	}
	red, err := o.redactor()
	if err != nil {
		return opts, err
	}
	if cfg.Model != "" {
		opts.Model = advisor.NewModelWriter(kb, client, advisor.ModelOptions{Redactor: red, Logger: log})
		log.Info("answers written by a model, offline answers as fallback", "llm", cfg)
	}
	if cfg.EmbeddingModel != "" {
		start := time.Now()
		vx, st, err := advisor.BuildVectors(ctx, kb, client, advisor.VectorOptions{Model: cfg.EmbeddingModel, Cache: cache, Redactor: red})
		switch {
		case err != nil:
			log.Warn("dense retrieval off: the knowledge base could not be embedded", "err", err)
		default:
			opts.Vectors = vx
			log.Info("dense retrieval on", "model", cfg.EmbeddingModel, "passages", st.Provisions+st.Cases,
				"cached", st.Cached, "embedded", st.Embedded, "dim", st.Dim, "took", time.Since(start).Round(time.Millisecond))
		}
		if st.CacheErr != nil {
			log.Warn("vector cache unavailable; vectors not kept", "err", st.CacheErr)
		}
	}
	return opts, nil
}

// redactor reads the staff's list of names.
func (o *modelOptions) redactor() (*advisor.Redactor, error) {
	names := advisor.ParseNameList(o.RedactNames)
	if o.RedactFile != "" {
		b, err := os.ReadFile(o.RedactFile)
		if err != nil {
			return nil, usagef("redact file: %v", err)
		}
		names = append(names, advisor.ParseNameList(string(b))...)
	}
	return advisor.NewRedactor(names), nil
}

// redisVectorCache opens the Redis at url as a vector cache, under the same
// key prefix as serve, for commands that otherwise run without Redis (ask,
// chat, eval): nil, with a warning, when it does not answer, so embedding
// simply happens on every run.
func redisVectorCache(ctx context.Context, url, prefix string, log *slog.Logger) (advisor.VectorCache, func()) {
	store, err := redisstore.Open(ctx, url, redisstore.Options{Prefix: prefix})
	if err != nil {
		log.Warn("vector cache off; vectors are embedded on every start", "err", err)
		return nil, func() {}
	}
	return store, func() { store.Close() }
}

// streamPrinter prints a model's answer on a terminal as it is written
// (Question.OnText) and then, once checked, whatever differs. Text is only
// ever appended, so a part that may still change (an unfinished [P1]
// marker) is held back.
type streamPrinter struct {
	w       io.Writer
	style   terminal.Style // of the checked answer printed at the end
	printed string
}

var unfinishedMarker = regexp.MustCompile(`[\[【［][PpCc]?\d{0,3}$`)

// OnText is the Question.OnText of a terminal.
func (p *streamPrinter) OnText(sofar string) {
	show := plain(sofar)
	if loc := unfinishedMarker.FindStringIndex(show); loc != nil {
		show = show[:loc[0]]
	}
	if !strings.HasPrefix(show, p.printed) {
		return // earlier text changed (a placeholder restored); wait for the checked answer
	}
	fmt.Fprint(p.w, show[len(p.printed):])
	p.printed = show
}

// finish prints the rest of an answer after streaming: the follow-up
// questions when the checked answer is what was shown, else the checked
// answer in full under a rule (or the offline answer with its notice when
// the model failed half-way).
func (p *streamPrinter) finish(a advisor.Advice) {
	if p.printed == "" {
		printAdvice(p.w, a, p.style)
		return
	}
	if plain(a.Answer) == p.printed {
		a.Answer = ""
		printAdvice(p.w, a, p.style)
		return
	}
	if a.Mode == advisor.ModeLLM {
		fmt.Fprintln(p.w, "\n\n—— 核对引用后的答复 ——")
	} else {
		fmt.Fprintln(p.w, "\n\n—— 以上未能完成，改为离线答复 ——")
	}
	printAdvice(p.w, a, p.style)
}
