package prompts

import (
	"encoding/json"
	"time"
)

// These types are what a prompt is and what comes back from a model, free of
// any model service's library: the advisor declares the small Chat interface
// it needs in these terms, and the llm adapter implements it without either
// side importing the other.

// Roles of chat messages.
const (
	RoleSystem    = "system"
	RoleUser      = "user"
	RoleAssistant = "assistant"
)

// Message is one message of a chat prompt.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Schema is the JSON schema a structured reply must match. JSON is the schema
// document itself; Name is a short identifier ([a-zA-Z0-9_-], as services
// require for response formats and tool names).
type Schema struct {
	Name        string
	Description string
	JSON        json.RawMessage
}

// Reply is a model's reply with what is known of how it was produced.
type Reply struct {
	Text             string // the message text, or the JSON of a structured reply
	Model            string // the model the service reports, or the one asked for
	FinishReason     string // "stop", "length", "tool_calls", "content_filter", ...
	PromptTokens     int
	CompletionTokens int
	FirstToken       time.Duration // from the request to the first token (streams) or the reply
	Total            time.Duration // from the request to the end of the reply, retries included
	Attempts         int           // requests made, retries included
}
