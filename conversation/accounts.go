package conversation

import (
	"context"
	"time"
)

// Web sign-in: accounts with a password, sessions, one-time login links and
// the counters that throttle password guessing. The web console uses them;
// `rongcuo users` manages the accounts and the bot's /web issues the links.

// Account is a web login. Its UserID is a User's id: an account made on the
// command line gets an id of its own (from WebUserBase), and a Telegram user
// who signs in through /web needs no account at all.
type Account struct {
	Name    string // login name, as typed (case kept, compared in lower case)
	UserID  int64
	Hash    string // the password hash, in its encoded form
	Created time.Time
}

// LoginSession is a signed-in browser. ID is the hash of the cookie's
// token, so a copy of the store holds no usable cookie.
type LoginSession struct {
	ID      string
	UserID  int64
	Name    string // the account name, or "tg:ID" for a Telegram login
	CSRF    string // the token every state-changing request must carry
	Created time.Time
	Seen    time.Time
}

// Accounts keeps the web sign-in state. *redisstore.Store implements it and
// MemAccounts fakes it; conversationtest.RunAccounts checks both.
type Accounts interface {
	// PutAccount creates the account (a new one with UserID 0 gets a new
	// web user id) or replaces the password hash of an existing one, and
	// returns it as stored.
	PutAccount(ctx context.Context, a Account) (Account, error)
	// Account loads an account by name; ok is false when there is none.
	Account(ctx context.Context, name string) (a Account, ok bool, err error)
	// AccountList lists every account, by name.
	AccountList(ctx context.Context) ([]Account, error)
	// RemoveAccount deletes an account and reports whether there was one.
	RemoveAccount(ctx context.Context, name string) (bool, error)

	// PutSession stores a session that lives until idle passes without a
	// touch.
	PutSession(ctx context.Context, s LoginSession, idle time.Duration) error
	// LoginSession loads a session; ok is false when it ended.
	LoginSession(ctx context.Context, id string) (s LoginSession, ok bool, err error)
	// TouchSession records activity and extends the idle timeout.
	TouchSession(ctx context.Context, id string, seen time.Time, idle time.Duration) error
	// EndSession ends one session.
	EndSession(ctx context.Context, id string) error
	// EndSessions ends every session of a user and reports how many.
	EndSessions(ctx context.Context, userID int64) (int, error)

	// PutLoginToken stores a one-time login token (its hash) for a user.
	PutLoginToken(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error
	// TakeLoginToken returns the token's user and deletes it: a token works
	// once.
	TakeLoginToken(ctx context.Context, tokenHash string) (userID int64, ok bool, err error)

	// Fail counts a failed login under key for window and returns the count.
	Fail(ctx context.Context, key string, window time.Duration) (int64, error)
	// Failures returns the count under key.
	Failures(ctx context.Context, key string) (int64, error)
	// ClearFailures resets the count under key.
	ClearFailures(ctx context.Context, key string) error
}
