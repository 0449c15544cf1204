package redisstore

import (
	"context"
	"fmt"
	"rongcuo/conversation"
	"strconv"
	"time"
)

func parseUser(id int64, m map[string]string) conversation.User {
	u := conversation.User{ID: id, Role: m["role"], Status: m["status"], Name: m["name"], Username: m["username"]}
	u.Created = parseTime(m["created"])
	u.Seen = parseTime(m["seen"])
	u.DecidedAt = parseTime(m["decided_at"])
	u.DecidedBy, _ = strconv.ParseInt(m["decided_by"], 10, 64)
	return u
}

// parseTime reads an RFC 3339 time, the zero time when there is none (an
// unset field is common: not parsed, no error made).
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// User loads one user.
func (s *Store) User(ctx context.Context, id int64) (conversation.User, error) {
	m, err := s.rdb.HGetAll(ctx, s.userKey(id)).Result()
	if err != nil {
		return conversation.User{}, fmt.Errorf("redisstore: load user: %w", err)
	}
	return parseUser(id, m), nil
}

// RequestAccess records u as pending unless it already has a status, and
// reports whether it did (so admins are asked once, not on every message).
func (s *Store) RequestAccess(ctx context.Context, u conversation.User, now time.Time) (bool, error) {
	k := s.userKey(u.ID)
	pipe := s.rdb.TxPipeline()
	set := pipe.HSetNX(ctx, k, "status", conversation.StatusPending)
	pipe.HSetNX(ctx, k, "created", now.UTC().Format(time.RFC3339))
	pipe.HSet(ctx, k, "name", u.Name, "username", u.Username)
	if _, err := pipe.Exec(ctx); err != nil {
		return false, fmt.Errorf("redisstore: request access: %w", err)
	}
	if err := s.rdb.SAdd(ctx, s.usersKey(), u.ID).Err(); err != nil {
		return false, fmt.Errorf("redisstore: request access: %w", err)
	}
	return set.Val(), nil
}

// SetStatus records an admin's decision on a user.
func (s *Store) SetStatus(ctx context.Context, id int64, status string, by int64, now time.Time) error {
	k := s.userKey(id)
	pipe := s.rdb.Pipeline()
	pipe.HSet(ctx, k, "status", status, "decided_by", by, "decided_at", now.UTC().Format(time.RFC3339))
	pipe.HSetNX(ctx, k, "created", now.UTC().Format(time.RFC3339))
	pipe.SAdd(ctx, s.usersKey(), id)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: set status: %w", err)
	}
	return nil
}

// SetRole grants a role ("" or RoleCadre removes a grant). For the admin
// commands.
func (s *Store) SetRole(ctx context.Context, id int64, role string, by int64, now time.Time) error {
	k := s.userKey(id)
	pipe := s.rdb.Pipeline()
	if role == "" || role == conversation.RoleCadre {
		pipe.HDel(ctx, k, "role")
	} else {
		pipe.HSet(ctx, k, "role", role)
	}
	pipe.HSet(ctx, k, "decided_by", by, "decided_at", now.UTC().Format(time.RFC3339))
	pipe.SAdd(ctx, s.usersKey(), id)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: set role: %w", err)
	}
	return nil
}

// UserIDs lists every user id seen.
func (s *Store) UserIDs(ctx context.Context) ([]int64, error) {
	ms, err := s.rdb.SMembers(ctx, s.usersKey()).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: list users: %w", err)
	}
	ids := make([]int64, 0, len(ms))
	for _, m := range ms {
		if id, err := strconv.ParseInt(m, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
