// Package advisor is the use case: a cadre's question and the conversation so
// far go in; the intent, the retrieved provisions and cases, the assessment and
// a composed Chinese answer come out. It knows nothing of Telegram, Redis or
// any particular model service; those reach it through small interfaces.
package advisor

import (
	"time"

	"rongcuo/assess"
)

// Intent of a question.
type Intent string

const (
	IntentAssessment Intent = "assessment" // "can my case be tolerated?"
	IntentDefinition Intent = "definition" // "what is 三个区分开来?"
	IntentProcedure  Intent = "procedure"  // "how do I apply?"
	IntentOutOfScope Intent = "out_of_scope"
	IntentRefused    Intent = "refused" // hide, falsify or back-date evidence
)

// Modes of an answer.
const (
	ModeOffline = "offline"
	ModeLLM     = "llm"
)

// Turn is one message of a conversation.
type Turn struct {
	Role string    `json:"role"` // "user" or "assistant"
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// Question is what the advisor is asked.
type Question struct {
	Text    string
	History []Turn       // earlier turns of the same case, oldest first
	Facts   assess.Facts // case facts known so far (from earlier turns and follow-up answers)

	// OnText, when set, is called with the answer text written so far while a
	// model writes it (model mode only; the offline advisor answers at once).
	// The final, checked text is Advice.Answer, which may differ.
	OnText func(sofar string)
}

// Citation is one provision an answer rests on.
type Citation struct {
	ID       string `json:"id"`
	Document string `json:"document"`
	Article  string `json:"article"`
	Quote    string `json:"quote"` // the provision's stored text or a contiguous part of it
	Verified bool   `json:"verified"`
}

// CaseRef is one similar case shown with an answer.
type CaseRef struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Region       string `json:"region"`
	Outcome      string `json:"outcome"`
	Year         string `json:"-"`
	Illustrative bool   `json:"illustrative"` // invented for teaching, not a real case
}

// Advice is the advisor's answer. Its JSON form is the `ask --json` contract.
//
// Answer uses a small Markdown subset that every front end can render: "**…**"
// for bold spans, lines starting with "- " for list items, blank lines between
// paragraphs. Nothing else is markup; everything else is text to escape.
type Advice struct {
	Intent    Intent             `json:"intent"`
	Verdict   assess.Verdict     `json:"verdict,omitempty"`
	Criteria  []assess.Criterion `json:"criteria"`
	Citations []Citation         `json:"citations"`
	Cases     []CaseRef          `json:"cases"`
	FollowUp  []string           `json:"follow_up"`
	Answer    string             `json:"answer"` // see the markup note on Advice
	Mode      string             `json:"mode"`

	// Not part of the JSON contract.
	FollowUps []assess.FollowUp `json:"-"` // the follow-up questions with their criterion keys
	Facts     assess.Facts      `json:"-"` // the case facts after this question, to carry to the next turn
	Note      string            `json:"-"` // notices, e.g. that the model was unavailable; already at the top of Answer
	Usage     Usage             `json:"-"`
}

// Usage is what the advisor knows about how an answer was produced, for the
// usage record.
type Usage struct {
	Model            string
	PromptVersion    string
	PromptTokens     int
	CompletionTokens int
	FirstToken       time.Duration
	Total            time.Duration
	Passages         []string // ids of the provisions and cases given to the model
	Check            string   // outcome of the grounding check of a model answer
	Fallback         string   // why the model answer was not used, if it was not
}
