package conversation

import (
	"context"
	"time"
)

// Store keeps conversations, users and usage records. *redisstore.Store
// implements it and MemStore fakes it; conversationtest.Run checks both
// against one suite.
type Store interface {
	// Begin marks the update as seen, counts the request when asked and
	// loads the user, the chat's case and its turns.
	Begin(ctx context.Context, b Begin) (Session, error)
	// Save writes what a request leaves behind.
	Save(ctx context.Context, c Change) error
	// History lists the turns kept for a chat, every case's, oldest first.
	History(ctx context.Context, chatID int64) ([]CaseTurn, error)
	// User loads one user; an unknown one comes back with only its ID.
	User(ctx context.Context, id int64) (User, error)
	// Users lists the users that pass match.
	Users(ctx context.Context, match func(User) bool) ([]User, error)
	// RequestAccess records u as pending unless it already has a status,
	// and reports whether it did.
	RequestAccess(ctx context.Context, u User, now time.Time) (bool, error)
	// SetStatus records an admin's access decision.
	SetStatus(ctx context.Context, id int64, status string, by int64, now time.Time) error
	// SetRole grants a role ("" or RoleCadre removes a grant).
	SetRole(ctx context.Context, id int64, role string, by int64, now time.Time) error
	// Forget erases the conversations of the user (chatID is the user's own
	// chat) and the texts of their usage records, and reports how many
	// records it redacted.
	Forget(ctx context.Context, chatID int64, pseudonym string) (int, error)
}
