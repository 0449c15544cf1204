package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"rongcuo/conversation"
)

// Web sign-in keys (see conversation.Accounts):
//
//	account:NAME        hash: name, user_id, hash, created (NAME in lower case)
//	accounts            set of account names
//	webusers            counter of the ids given to web accounts
//	session:ID          hash: user_id, name, csrf, created, seen; TTL the idle timeout
//	{u:USERID}:sessions set of the user's session ids, for logout everywhere
//	login:HASH          a one-time login token's user id; TTL 10 minutes
//	throttle:KEY        failed logins under KEY (an account or an address); TTL the window

func (s *Store) accountKey(name string) string {
	return s.opts.Prefix + "account:" + strings.ToLower(name)
}
func (s *Store) sessionKey(id string) string { return s.opts.Prefix + "session:" + id }
func (s *Store) userSessionsKey(userID int64) string {
	return s.userKey(userID) + ":sessions"
}

// PutAccount implements conversation.Accounts.
func (s *Store) PutAccount(ctx context.Context, a conversation.Account) (conversation.Account, error) {
	k := s.accountKey(a.Name)
	old, err := s.rdb.HGetAll(ctx, k).Result()
	if err != nil {
		return conversation.Account{}, fmt.Errorf("redisstore: put account: %w", err)
	}
	if len(old) > 0 {
		if err := s.rdb.HSet(ctx, k, "hash", a.Hash).Err(); err != nil {
			return conversation.Account{}, fmt.Errorf("redisstore: put account: %w", err)
		}
		got := parseAccount(old)
		got.Hash = a.Hash
		return got, nil
	}
	if a.UserID == 0 {
		n, err := s.rdb.Incr(ctx, s.opts.Prefix+"webusers").Result()
		if err != nil {
			return conversation.Account{}, fmt.Errorf("redisstore: new web user id: %w", err)
		}
		a.UserID = conversation.WebUserBase + n
	}
	if a.Created.IsZero() {
		a.Created = time.Now().UTC().Truncate(time.Second)
	}
	// HSETNX on the name guards a race of two creations: the first wins.
	pipe := s.rdb.TxPipeline()
	set := pipe.HSetNX(ctx, k, "name", a.Name)
	if _, err := pipe.Exec(ctx); err != nil {
		return conversation.Account{}, fmt.Errorf("redisstore: put account: %w", err)
	}
	if !set.Val() {
		return s.PutAccount(ctx, a)
	}
	pipe = s.rdb.Pipeline()
	pipe.HSet(ctx, k, "user_id", a.UserID, "hash", a.Hash, "created", a.Created.UTC().Format(time.RFC3339))
	pipe.SAdd(ctx, s.opts.Prefix+"accounts", strings.ToLower(a.Name))
	if _, err := pipe.Exec(ctx); err != nil {
		return conversation.Account{}, fmt.Errorf("redisstore: put account: %w", err)
	}
	return a, nil
}

func parseAccount(m map[string]string) conversation.Account {
	a := conversation.Account{Name: m["name"], Hash: m["hash"]}
	a.UserID, _ = strconv.ParseInt(m["user_id"], 10, 64)
	a.Created, _ = time.Parse(time.RFC3339, m["created"])
	return a
}

// Account implements conversation.Accounts.
func (s *Store) Account(ctx context.Context, name string) (conversation.Account, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.accountKey(name)).Result()
	if err != nil {
		return conversation.Account{}, false, fmt.Errorf("redisstore: load account: %w", err)
	}
	if m["user_id"] == "" {
		return conversation.Account{}, false, nil
	}
	return parseAccount(m), true, nil
}

// AccountList implements conversation.Accounts.
func (s *Store) AccountList(ctx context.Context) ([]conversation.Account, error) {
	names, err := s.rdb.SMembers(ctx, s.opts.Prefix+"accounts").Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: list accounts: %w", err)
	}
	sort.Strings(names)
	pipe := s.rdb.Pipeline()
	cmds := make([]*redis.MapStringStringCmd, len(names))
	for i, n := range names {
		cmds[i] = pipe.HGetAll(ctx, s.accountKey(n))
	}
	if len(names) > 0 {
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, fmt.Errorf("redisstore: list accounts: %w", err)
		}
	}
	var out []conversation.Account
	for _, c := range cmds {
		if m := c.Val(); m["user_id"] != "" {
			out = append(out, parseAccount(m))
		}
	}
	return out, nil
}

// RemoveAccount implements conversation.Accounts.
func (s *Store) RemoveAccount(ctx context.Context, name string) (bool, error) {
	n, err := s.rdb.Del(ctx, s.accountKey(name)).Result()
	if err != nil {
		return false, fmt.Errorf("redisstore: remove account: %w", err)
	}
	if err := s.rdb.SRem(ctx, s.opts.Prefix+"accounts", strings.ToLower(name)).Err(); err != nil {
		return false, fmt.Errorf("redisstore: remove account: %w", err)
	}
	return n > 0, nil
}

// PutSession implements conversation.Accounts.
func (s *Store) PutSession(ctx context.Context, ls conversation.LoginSession, idle time.Duration) error {
	k := s.sessionKey(ls.ID)
	pipe := s.rdb.Pipeline()
	pipe.HSet(ctx, k, "user_id", ls.UserID, "name", ls.Name, "csrf", ls.CSRF,
		"created", ls.Created.UTC().Format(time.RFC3339Nano), "seen", ls.Seen.UTC().Format(time.RFC3339Nano))
	pipe.Expire(ctx, k, idle)
	pipe.SAdd(ctx, s.userSessionsKey(ls.UserID), ls.ID)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: put session: %w", err)
	}
	return nil
}

// LoginSession implements conversation.Accounts.
func (s *Store) LoginSession(ctx context.Context, id string) (conversation.LoginSession, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.sessionKey(id)).Result()
	if err != nil {
		return conversation.LoginSession{}, false, fmt.Errorf("redisstore: load session: %w", err)
	}
	if m["user_id"] == "" {
		return conversation.LoginSession{}, false, nil
	}
	ls := conversation.LoginSession{ID: id, Name: m["name"], CSRF: m["csrf"]}
	ls.UserID, _ = strconv.ParseInt(m["user_id"], 10, 64)
	ls.Created, _ = time.Parse(time.RFC3339Nano, m["created"])
	ls.Seen, _ = time.Parse(time.RFC3339Nano, m["seen"])
	return ls, true, nil
}

// TouchSession implements conversation.Accounts.
func (s *Store) TouchSession(ctx context.Context, id string, seen time.Time, idle time.Duration) error {
	k := s.sessionKey(id)
	// Only a live session is touched: HSET on an expired key would revive
	// it without its fields.
	ok, err := s.rdb.Expire(ctx, k, idle).Result()
	if err != nil {
		return fmt.Errorf("redisstore: touch session: %w", err)
	}
	if ok {
		if err := s.rdb.HSet(ctx, k, "seen", seen.UTC().Format(time.RFC3339Nano)).Err(); err != nil {
			return fmt.Errorf("redisstore: touch session: %w", err)
		}
	}
	return nil
}

// EndSession implements conversation.Accounts.
func (s *Store) EndSession(ctx context.Context, id string) error {
	if err := s.rdb.Del(ctx, s.sessionKey(id)).Err(); err != nil {
		return fmt.Errorf("redisstore: end session: %w", err)
	}
	return nil
}

// EndSessions implements conversation.Accounts.
func (s *Store) EndSessions(ctx context.Context, userID int64) (int, error) {
	ids, err := s.rdb.SMembers(ctx, s.userSessionsKey(userID)).Result()
	if err != nil {
		return 0, fmt.Errorf("redisstore: end sessions: %w", err)
	}
	// One DEL per session: the keys sit on different Cluster slots.
	pipe := s.rdb.Pipeline()
	dels := make([]*redis.IntCmd, len(ids))
	for i, id := range ids {
		dels[i] = pipe.Del(ctx, s.sessionKey(id))
	}
	pipe.Del(ctx, s.userSessionsKey(userID))
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("redisstore: end sessions: %w", err)
	}
	n := 0
	for _, d := range dels {
		n += int(d.Val())
	}
	return n, nil
}

// PutLoginToken implements conversation.Accounts.
func (s *Store) PutLoginToken(ctx context.Context, tokenHash string, userID int64, ttl time.Duration) error {
	if err := s.rdb.Set(ctx, s.opts.Prefix+"login:"+tokenHash, userID, ttl).Err(); err != nil {
		return fmt.Errorf("redisstore: put login token: %w", err)
	}
	return nil
}

// TakeLoginToken implements conversation.Accounts.
func (s *Store) TakeLoginToken(ctx context.Context, tokenHash string) (int64, bool, error) {
	v, err := s.rdb.GetDel(ctx, s.opts.Prefix+"login:"+tokenHash).Result()
	if errors.Is(err, redis.Nil) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("redisstore: take login token: %w", err)
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil, nil
}

// Fail implements conversation.Accounts.
func (s *Store) Fail(ctx context.Context, key string, window time.Duration) (int64, error) {
	k := s.opts.Prefix + "throttle:" + key
	pipe := s.rdb.Pipeline()
	n := pipe.Incr(ctx, k)
	pipe.ExpireNX(ctx, k, window)
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("redisstore: count failed login: %w", err)
	}
	return n.Val(), nil
}

// Failures implements conversation.Accounts.
func (s *Store) Failures(ctx context.Context, key string) (int64, error) {
	n, err := s.rdb.Get(ctx, s.opts.Prefix+"throttle:"+key).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("redisstore: read failed logins: %w", err)
	}
	return n, nil
}

// ClearFailures implements conversation.Accounts.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	if err := s.rdb.Del(ctx, s.opts.Prefix+"throttle:"+key).Err(); err != nil {
		return fmt.Errorf("redisstore: clear failed logins: %w", err)
	}
	return nil
}

var _ conversation.Accounts = (*Store)(nil)
