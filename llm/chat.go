package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"rongcuo/prompts"
)

// Stream asks for a chat reply and passes each piece of text to onDelta as
// it arrives (onDelta may be nil). The service is asked to end the stream
// with a usage chunk; a stream that ends without a finish reason is
// ErrIncomplete. Failures before the first delta are retried; failures after
// it are not, since the caller has already shown the text.
func (c *Client) Stream(ctx context.Context, msgs []prompts.Message, onDelta func(string)) (prompts.Reply, error) {
	if c.cfg.Model == "" {
		return prompts.Reply{}, fmt.Errorf("llm: chat stream: %w", ErrNoModel)
	}
	start := time.Now()
	req := c.chatRequest(msgs)
	req.Stream = true
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}

	var reply prompts.Reply
	delivered := false
	attempts, err := c.withRetry(ctx, func(ctx context.Context) error {
		r, err := c.streamOnce(ctx, req, start, func(s string) {
			delivered = true
			if onDelta != nil {
				onDelta(s)
			}
		})
		if err != nil && delivered {
			return final{err}
		}
		reply = r
		return err
	})
	reply.Attempts, reply.Total = attempts, time.Since(start)
	if err != nil {
		return reply, fmt.Errorf("llm: chat stream: %w", err)
	}
	if strings.TrimSpace(reply.Text) == "" {
		return reply, fmt.Errorf("llm: chat stream: %w", ErrEmpty)
	}
	return reply, nil
}

func (c *Client) streamOnce(ctx context.Context, req openai.ChatCompletionRequest, start time.Time, onDelta func(string)) (prompts.Reply, error) {
	actx, reset, stop := deadline(ctx, c.cfg.Timeout)
	defer stop()
	reply := prompts.Reply{Model: c.cfg.Model}
	stream, err := c.api.CreateChatCompletionStream(actx, req)
	if err != nil {
		return reply, timedOut(actx, err)
	}
	defer stream.Close()
	var text strings.Builder
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return reply, timedOut(actx, err)
		}
		reset()
		if chunk.Model != "" {
			reply.Model = chunk.Model
		}
		if chunk.Usage != nil {
			reply.PromptTokens, reply.CompletionTokens = chunk.Usage.PromptTokens, chunk.Usage.CompletionTokens
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if d := ch.Delta.Content; d != "" {
				if text.Len() == 0 {
					reply.FirstToken = time.Since(start)
				}
				text.WriteString(d)
				onDelta(d)
			}
			if ch.FinishReason != "" {
				reply.FinishReason = string(ch.FinishReason)
			}
		}
	}
	reply.Text = text.String()
	if reply.FinishReason == "" {
		return reply, ErrIncomplete
	}
	return reply, nil
}

// messageText is the text of a plain reply.
func messageText(m openai.ChatCompletionMessage) string { return m.Content }

// Structured asks for a reply that is JSON matching the schema, through a
// JSON-schema response format or a forced tool call (see the package
// comment), and returns the JSON as Reply.Text. It does not check the JSON
// against the schema: services differ in how strictly they enforce it, so
// the caller validates.
func (c *Client) Structured(ctx context.Context, msgs []prompts.Message, s prompts.Schema) (prompts.Reply, error) {
	if c.cfg.Model == "" {
		return prompts.Reply{}, fmt.Errorf("llm: structured: %w", ErrNoModel)
	}
	if s.Name == "" || len(s.JSON) == 0 {
		return prompts.Reply{}, errors.New("llm: structured: the schema has no name or no body")
	}
	useTool := c.cfg.Structured == StructuredTool || (c.cfg.Structured == StructuredAuto && c.noSchema.Load())
	if !useTool {
		req := c.chatRequest(msgs)
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: s.Name, Description: s.Description, Schema: s.JSON, Strict: true,
			},
		}
		reply, err := c.complete(ctx, req, messageText)
		switch {
		case err == nil:
			return reply, nil
		case c.cfg.Structured != StructuredAuto || !rejectsSchema(err):
			return reply, fmt.Errorf("llm: structured: %w", err)
		}
		c.noSchema.Store(true)
	}
	req := c.chatRequest(msgs)
	req.Tools = []openai.Tool{{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
		Name: s.Name, Description: s.Description, Parameters: s.JSON,
	}}}
	req.ToolChoice = openai.ToolChoice{Type: openai.ToolTypeFunction, Function: openai.ToolFunction{Name: s.Name}}
	reply, err := c.complete(ctx, req, func(m openai.ChatCompletionMessage) string {
		for _, tc := range m.ToolCalls {
			if tc.Function.Name == s.Name {
				return tc.Function.Arguments
			}
		}
		// Some services answer a forced tool call with plain JSON content.
		return messageText(m)
	})
	if err != nil {
		return reply, fmt.Errorf("llm: structured (tool call): %w", err)
	}
	return reply, nil
}

// rejectsSchema reports whether an error is the service refusing the
// JSON-schema response format (a 400 or 422 that names it).
func rejectsSchema(err error) bool {
	s := httpStatus(err)
	if s != 400 && s != 422 {
		return false
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "response_format") || strings.Contains(msg, "schema")
}

// complete makes a non-streamed call with retries and takes the reply text
// from the first choice's message with pick.
func (c *Client) complete(ctx context.Context, req openai.ChatCompletionRequest, pick func(openai.ChatCompletionMessage) string) (prompts.Reply, error) {
	start := time.Now()
	reply := prompts.Reply{Model: c.cfg.Model}
	attempts, err := c.withRetry(ctx, func(ctx context.Context) error {
		actx, _, stop := deadline(ctx, c.cfg.Timeout)
		defer stop()
		resp, err := c.api.CreateChatCompletion(actx, req)
		if err != nil {
			return timedOut(actx, err)
		}
		if len(resp.Choices) == 0 {
			return ErrEmpty
		}
		ch := resp.Choices[0]
		reply.Text = pick(ch.Message)
		reply.FinishReason = string(ch.FinishReason)
		reply.PromptTokens, reply.CompletionTokens = resp.Usage.PromptTokens, resp.Usage.CompletionTokens
		if resp.Model != "" {
			reply.Model = resp.Model
		}
		reply.FirstToken = time.Since(start)
		return nil
	})
	reply.Attempts, reply.Total = attempts, time.Since(start)
	if err != nil {
		return reply, err
	}
	if strings.TrimSpace(reply.Text) == "" {
		return reply, ErrEmpty
	}
	return reply, nil
}
