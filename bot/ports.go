package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"rongcuo/advisor"
	"rongcuo/conversation"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
)

// Advisor answers a question; *advisor.Advisor satisfies it.
type Advisor interface {
	Advise(ctx context.Context, q advisor.Question) (advisor.Advice, error)
}

// Library is what the commands read of the knowledge base: lookups for
// 查看原文 and searches for /policy and /cases. IndexLibrary adapts a search
// index to it.
type Library interface {
	Provision(id string) *knowledge.Provision
	SearchProvisions(query string, n int) []*knowledge.Provision
	SearchCases(query string, n int) []*knowledge.Case
	Provisions() []*knowledge.Provision // every provision, for ids hashed into callback data
}

// Store is the subset of *redisstore.Store the bot uses.
type Store interface {
	Begin(ctx context.Context, b conversation.Begin) (conversation.Session, error)
	Save(ctx context.Context, c conversation.Change) error
	Once(ctx context.Context, chatID int64, name string) (bool, error)
	User(ctx context.Context, id int64) (conversation.User, error)
	RequestAccess(ctx context.Context, u conversation.User, now time.Time) (bool, error)
	SetStatus(ctx context.Context, id int64, status string, by int64, now time.Time) error
	Forget(ctx context.Context, chatID int64, pseudonym string) (int, error)
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

// RetryAfterError is Telegram's flood control (HTTP 429): nothing may be sent
// for After.
type RetryAfterError struct{ After time.Duration }

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("telegram flood control: retry after %v", e.After)
}
