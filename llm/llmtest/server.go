// Package llmtest is a fake OpenAI-compatible service for tests: an httptest
// server speaking the real wire format of /v1/chat/completions (plain and
// streamed as server-sent events, with the final usage chunk that has no
// choices and the closing "data: [DONE]") and /v1/embeddings. Replies are
// scripted per test; every request is recorded.
package llmtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// Reply scripts one answer of the fake service.
type Reply struct {
	Status     int           // answer with this error status instead (429, 500, 400, ...)
	RetryAfter string        // Retry-After header of an error reply
	ErrorBody  string        // raw error body; default an OpenAI error object
	Delay      time.Duration // wait before answering; ends early when the client goes away
	Content    string        // the reply text
	Chunks     []string      // streamed deltas; default Content in pieces of a few characters
	ChunkDelay time.Duration // wait between streamed chunks
	ToolArgs   string        // answer with a call of the requested tool with these arguments
	Finish     string        // finish reason; default "stop", or "tool_calls" with ToolArgs
	NoFinish   bool          // send no finish reason at all
	Cut        bool          // stream: drop the connection after CutAfter content chunks
	CutAfter   int
	NoUsage    bool // no usage (stream: no final usage chunk)
	Model      string
	Prompt     int // prompt tokens reported; default 100
	Completion int // completion tokens reported; default the number of chunks
}

// Request is one recorded request.
type Request struct {
	Path   string
	Header http.Header
	Body   []byte
	Chat   ChatRequest  // for /chat/completions
	Embed  EmbedRequest // for /embeddings
}

// ChatRequest is the part of a chat request the tests look at.
type ChatRequest struct {
	Model         string    `json:"model"`
	Messages      []Message `json:"messages"`
	Stream        bool      `json:"stream"`
	StreamOptions *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options"`
	MaxTokens           int             `json:"max_tokens"`
	MaxCompletionTokens int             `json:"max_completion_tokens"`
	Temperature         float64         `json:"temperature"`
	ResponseFormat      json.RawMessage `json:"response_format"`
	Tools               json.RawMessage `json:"tools"`
	ToolChoice          json.RawMessage `json:"tool_choice"`
}

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// EmbedRequest is an embeddings request.
type EmbedRequest struct {
	Model string   `json:"model"`
	Input []string `json:"input"`
}

// Server is the fake service. Its zero script answers every chat request
// by echoing the last user message (an echo model).
type Server struct {
	*httptest.Server
	Key string // when set, requests without "Bearer Key" get 401

	// Embed computes the vector of one text; default Vector.
	Embed func(text string) []float32

	mu       sync.Mutex
	script   []Reply
	requests []Request
}

// New starts a server that is closed when the test ends.
func New(t testing.TB) *Server {
	s := &Server{Embed: Vector}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// BaseURL is what a client takes as its base URL.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Push queues chat replies, answered in order.
func (s *Server) Push(r ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, r...)
}

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ChatRequests returns the chat requests received so far.
func (s *Server) ChatRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if strings.HasSuffix(r.Path, "/chat/completions") {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := Request{Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	if r.Method != http.MethodPost {
		writeError(w, Reply{Status: http.StatusMethodNotAllowed})
		return
	}
	if s.Key != "" && r.Header.Get("Authorization") != "Bearer "+s.Key {
		s.record(rec)
		writeError(w, Reply{Status: http.StatusUnauthorized, ErrorBody: `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`})
		return
	}
	var decodeErr error
	switch r.URL.Path {
	case "/v1/chat/completions":
		decodeErr = json.Unmarshal(body, &rec.Chat)
	case "/v1/embeddings":
		decodeErr = json.Unmarshal(body, &rec.Embed)
	}
	s.record(rec)
	switch {
	case decodeErr != nil:
		writeError(w, Reply{Status: http.StatusBadRequest})
	case r.URL.Path == "/v1/chat/completions":
		s.chat(w, r, rec.Chat)
	case r.URL.Path == "/v1/embeddings":
		s.embeddings(w, rec.Embed)
	default:
		writeError(w, Reply{Status: http.StatusNotFound})
	}
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}

func (s *Server) next(req ChatRequest) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.script) > 0 {
		r := s.script[0]
		s.script = s.script[1:]
		return r
	}
	last := ""
	for _, m := range req.Messages {
		if m.Role == "user" {
			last = m.Content
		}
	}
	return Reply{Content: last}
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request, req ChatRequest) {
	rep := s.next(req)
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.Status != 0 {
		writeError(w, rep)
		return
	}
	if rep.Model == "" {
		rep.Model = req.Model
	}
	if rep.Prompt == 0 {
		rep.Prompt = 100
	}
	if req.Stream {
		s.stream(w, r, req, rep)
		return
	}
	finish := rep.Finish
	msg := map[string]any{"role": "assistant", "content": rep.Content}
	if rep.ToolArgs != "" {
		name := toolName(req.Tools)
		msg["content"] = nil
		msg["tool_calls"] = []any{map[string]any{"id": "call_1", "type": "function", "function": map[string]any{"name": name, "arguments": rep.ToolArgs}}}
		if finish == "" {
			finish = "tool_calls"
		}
	}
	if finish == "" {
		finish = "stop"
	}
	choice := map[string]any{"index": 0, "message": msg, "finish_reason": finish}
	if rep.NoFinish {
		choice["finish_reason"] = nil
	}
	completion := rep.Completion
	if completion == 0 {
		completion = utf8.RuneCountInString(rep.Content+rep.ToolArgs)/2 + 1
	}
	resp := map[string]any{"id": "chatcmpl-fake", "object": "chat.completion", "created": 1700000000, "model": rep.Model, "choices": []any{choice}}
	if !rep.NoUsage {
		resp["usage"] = usage(rep.Prompt, completion)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, req ChatRequest, rep Reply) {
	chunks := rep.Chunks
	if chunks == nil {
		chunks = split(rep.Content, 3)
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	fl, _ := w.(http.Flusher)
	send := func(v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if fl != nil {
			fl.Flush()
		}
	}
	chunk := func(delta map[string]any, finish any) map[string]any {
		return map[string]any{"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1700000000, "model": rep.Model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}}}
	}
	send(chunk(map[string]any{"role": "assistant", "content": ""}, nil))
	for i, c := range chunks {
		if rep.Cut && i == rep.CutAfter {
			panic(http.ErrAbortHandler) // drops the connection mid-stream
		}
		if rep.ChunkDelay > 0 && i > 0 {
			select {
			case <-time.After(rep.ChunkDelay):
			case <-r.Context().Done():
				return
			}
		}
		send(chunk(map[string]any{"content": c}, nil))
	}
	if rep.Cut {
		panic(http.ErrAbortHandler)
	}
	if !rep.NoFinish {
		finish := rep.Finish
		if finish == "" {
			finish = "stop"
		}
		send(chunk(map[string]any{}, finish))
	}
	if !rep.NoUsage && req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		completion := rep.Completion
		if completion == 0 {
			completion = len(chunks)
		}
		send(map[string]any{"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1700000000, "model": rep.Model,
			"choices": []any{}, "usage": usage(rep.Prompt, completion)})
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	if fl != nil {
		fl.Flush()
	}
}

func (s *Server) embeddings(w http.ResponseWriter, req EmbedRequest) {
	s.mu.Lock()
	embed := s.Embed
	s.mu.Unlock()
	data := make([]any, len(req.Input))
	tokens := 0
	for i, t := range req.Input {
		data[i] = map[string]any{"object": "embedding", "index": i, "embedding": embed(t)}
		tokens += utf8.RuneCountInString(t)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": req.Model,
		"usage": map[string]any{"prompt_tokens": tokens, "total_tokens": tokens}})
}

func usage(prompt, completion int) map[string]any {
	return map[string]any{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
}

func writeError(w http.ResponseWriter, rep Reply) {
	body := rep.ErrorBody
	if body == "" {
		typ := "server_error"
		switch {
		case rep.Status == http.StatusTooManyRequests:
			typ = "rate_limit_exceeded"
		case rep.Status < 500:
			typ = "invalid_request_error"
		}
		body = fmt.Sprintf(`{"error":{"message":"fake %d","type":%q,"param":null,"code":null}}`, rep.Status, typ)
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.Status)
	io.WriteString(w, body)
}

// toolName is the name of the first tool of a request, as a forced tool call
// answers with it.
func toolName(raw json.RawMessage) string {
	var tools []struct {
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	}
	if json.Unmarshal(raw, &tools) == nil && len(tools) > 0 {
		return tools[0].Function.Name
	}
	return "unknown"
}

// split cuts s into pieces of n characters, as a service streams tokens.
func split(s string, n int) []string {
	var out []string
	rs := []rune(s)
	for len(rs) > 0 {
		k := min(n, len(rs))
		out = append(out, string(rs[:k]))
		rs = rs[k:]
	}
	return out
}

// Dim is the length of Vector's vectors.
const Dim = 64

// Vector is a deterministic stand-in for an embedding: hashed character
// bigrams, normalised, so texts sharing words are near each other.
func Vector(text string) []float32 {
	v := make([]float32, Dim)
	rs := []rune(text)
	for i := range rs {
		h := fnv.New32a()
		h.Write([]byte(string(rs[i:min(i+2, len(rs))])))
		v[h.Sum32()%Dim]++
	}
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		v[0] = 1
		return v
	}
	inv := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= inv
	}
	return v
}
