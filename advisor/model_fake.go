package advisor

import (
	"context"
	"errors"
	"sync"

	"rongcuo/prompts"
)

// FakeChat is a scripted Chat for tests: Stream answers from Answers and
// Structured from Assessments, in order, and every call is recorded. With a
// script used up, Stream echoes the last user message (the prompt) and
// Structured fails.
type FakeChat struct {
	Answers     []FakeReply
	Assessments []FakeReply

	mu    sync.Mutex
	calls []FakeCall
}

// FakeReply is one scripted reply.
type FakeReply struct {
	Text             string
	Err              error  // returned after the text was streamed
	Finish           string // default "stop"
	Chunk            int    // characters per streamed delta, default 4
	Model            string // default "fake-model"
	PromptTokens     int
	CompletionTokens int
}

// FakeCall is one recorded call.
type FakeCall struct {
	Structured bool
	Messages   []prompts.Message
	Schema     prompts.Schema
}

var _ Chat = (*FakeChat)(nil)

// ErrFakeScript is what Structured returns once its script is used up.
var ErrFakeScript = errors.New("fake chat: no scripted reply")

// Calls returns the calls made so far.
func (f *FakeChat) Calls() []FakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FakeCall(nil), f.calls...)
}

// Stream implements Chat.
func (f *FakeChat) Stream(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (prompts.Reply, error) {
	f.mu.Lock()
	f.calls = append(f.calls, FakeCall{Messages: append([]prompts.Message(nil), msgs...)})
	var r FakeReply
	if len(f.Answers) > 0 {
		r, f.Answers = f.Answers[0], f.Answers[1:]
	} else {
		r = FakeReply{Text: lastUser(msgs)}
	}
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return prompts.Reply{}, err
	}
	n := r.Chunk
	if n <= 0 {
		n = 4
	}
	rs := []rune(r.Text)
	for i := 0; i < len(rs); i += n {
		if onDelta != nil {
			onDelta(string(rs[i:min(i+n, len(rs))]))
		}
	}
	return r.reply(), r.Err
}

// Structured implements Chat.
func (f *FakeChat) Structured(ctx context.Context, msgs []prompts.Message, s prompts.Schema) (prompts.Reply, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, FakeCall{Structured: true, Messages: append([]prompts.Message(nil), msgs...), Schema: s})
	if err := ctx.Err(); err != nil {
		return prompts.Reply{}, err
	}
	if len(f.Assessments) == 0 {
		return prompts.Reply{}, ErrFakeScript
	}
	r := f.Assessments[0]
	f.Assessments = f.Assessments[1:]
	return r.reply(), r.Err
}

func (r FakeReply) reply() prompts.Reply {
	out := prompts.Reply{Text: r.Text, Model: r.Model, FinishReason: r.Finish, PromptTokens: r.PromptTokens, CompletionTokens: r.CompletionTokens, Attempts: 1}
	if out.Model == "" {
		out.Model = "fake-model"
	}
	if out.FinishReason == "" {
		out.FinishReason = "stop"
	}
	return out
}

func lastUser(msgs []prompts.Message) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Role == prompts.RoleUser {
			return msgs[i].Content
		}
	}
	return ""
}
