package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// Library is what the commands read of the knowledge base: lookups for
// 查看原文 and searches for /policy and /cases. IndexLibrary adapts a search
// index to it.
type Library interface {
	Provision(id string) *knowledge.Provision
	SearchProvisions(query string, n int) []*knowledge.Provision
	SearchCases(query string, n int) []*knowledge.Case
	Provisions() []*knowledge.Provision // every provision, for ids hashed into callback data
}

// Store keeps the bot's own notices; *redisstore.Store satisfies it. The
// conversation state is the conversation service's.
type Store interface {
	// Once reports whether the named notice is due in the chat for the first
	// time, and marks it given.
	Once(ctx context.Context, chatID int64, name string) (bool, error)
}

var _ Store = (*redisstore.Store)(nil)

// Sender talks to Telegram. The adapter over go-telegram/bot implements it,
// the Pacer wraps it, tests fake it.
type Sender interface {
	Send(ctx context.Context, m Out) (int, error)
	Edit(ctx context.Context, messageID int, m Out) error
	AnswerCallback(ctx context.Context, id, text string) error
	Typing(ctx context.Context, chatID int64) error
}

// ErrRejected wraps a request Telegram refused as malformed (HTTP 400), such
// as HTML it cannot parse; the caller may retry in another form.
var ErrRejected = errors.New("telegram rejected the request")

// ErrForbidden wraps a request Telegram refused because the bot may not
// write there (HTTP 403: the user blocked the bot, or it left the group);
// trying again does not help.
var ErrForbidden = errors.New("telegram forbade the request")

// RetryAfterError is Telegram's flood control (HTTP 429): nothing may be sent
// for After.
type RetryAfterError struct{ After time.Duration }

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("telegram flood control: retry after %v", e.After)
}
