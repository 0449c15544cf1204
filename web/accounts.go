package web

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"rongcuo/conversation"
)

// RoleStore is what AddAccount needs of the users: their stored role and
// access status.
type RoleStore interface {
	SetRole(ctx context.Context, id int64, role string, by int64, now time.Time) error
	SetStatus(ctx context.Context, id int64, status string, by int64, now time.Time) error
}

// AddAccount creates a web account or sets a new password and role for an
// existing one, for `rongcuo users add`. The account's user is made active,
// so it may ask under any access policy.
func AddAccount(ctx context.Context, accounts conversation.Accounts, users RoleStore, name, role, password string) (conversation.Account, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 64 || strings.ContainsAny(name, " \t\r\n:") {
		return conversation.Account{}, fmt.Errorf("account name %q: use 1 to 64 characters without spaces or colons", name)
	}
	switch role {
	case conversation.RoleCadre, conversation.RoleStaff, conversation.RoleAdmin:
	default:
		return conversation.Account{}, fmt.Errorf("role %q: want cadre, staff or admin", role)
	}
	if utf8.RuneCountInString(password) < MinPassword {
		return conversation.Account{}, fmt.Errorf("the password must have at least %d characters", MinPassword)
	}
	hash, err := HashPassword(password)
	if err != nil {
		return conversation.Account{}, err
	}
	a, err := accounts.PutAccount(ctx, conversation.Account{Name: name, Hash: hash})
	if err != nil {
		return conversation.Account{}, err
	}
	now := time.Now()
	if err := users.SetRole(ctx, a.UserID, role, 0, now); err != nil {
		return a, err
	}
	if err := users.SetStatus(ctx, a.UserID, conversation.StatusActive, 0, now); err != nil {
		return a, err
	}
	return a, nil
}
