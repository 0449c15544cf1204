package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"rongcuo/advisor"
	"rongcuo/conversation"
	"rongcuo/internal/chinatime"
)

// A turn is stored as "case|role|unix-nanoseconds|text": decoding twenty of
// them on every message is measurably cheaper than JSON.
func encodeTurn(caseID string, t advisor.Turn) string {
	var at int64
	if !t.At.IsZero() {
		at = t.At.UnixNano()
	}
	return caseID + "|" + t.Role + "|" + strconv.FormatInt(at, 10) + "|" + t.Text
}

func decodeTurn(s string) (caseID string, t advisor.Turn, ok bool) {
	caseID, s, ok1 := strings.Cut(s, "|")
	role, s, ok2 := strings.Cut(s, "|")
	at, text, ok3 := strings.Cut(s, "|")
	n, err := strconv.ParseInt(at, 10, 64)
	if !ok1 || !ok2 || !ok3 || err != nil {
		return "", advisor.Turn{}, false
	}
	t = advisor.Turn{Role: role, Text: text}
	if n != 0 {
		t.At = time.Unix(0, n)
	}
	return caseID, t, true
}

// outlineTurn is a turn as the chat's outline keeps it: a user turn whole,
// any other turn without its text.
func outlineTurn(caseID string, t advisor.Turn) string {
	if t.Role != "user" {
		t.Text = ""
	}
	return encodeTurn(caseID, t)
}

// Begin marks the update as seen, counts the request and loads the user, the
// case and its turns, all in one pipelined round trip. The turns come from
// the chat's outline (the turns without the answers' text) unless the
// transcript is asked for; a chat whose outline is short of its turns
// (written before the outline was kept) is read from the turns in a second
// round trip, until its older turns have aged out.
func (s *Store) Begin(ctx context.Context, b conversation.Begin) (conversation.Session, error) {
	now := b.Now
	if now.IsZero() {
		now = time.Now()
	}
	var (
		dedup             *redis.BoolCmd
		minute, today     *redis.IntCmd
		minuteKey, dayKey string
	)
	pipe := s.rdb.Pipeline()
	if b.UpdateID != 0 {
		dedup = pipe.SetNX(ctx, s.chatKey(b.ChatID, "upd:"+strconv.FormatInt(b.UpdateID, 10)), 1, 24*time.Hour)
	}
	if b.Count {
		minuteKey = s.userKey(b.UserID) + ":rl:" + strconv.FormatInt(now.Unix()/60, 10)
		dayKey = s.userKey(b.UserID) + ":q:" + now.In(chinatime.Zone).Format("20060102")
		minute = pipe.Incr(ctx, minuteKey)
		pipe.Expire(ctx, minuteKey, 2*time.Minute)
		today = pipe.Incr(ctx, dayKey)
		pipe.Expire(ctx, dayKey, 48*time.Hour)
	}
	user := pipe.HGetAll(ctx, s.userKey(b.UserID))
	state := pipe.HGetAll(ctx, s.chatKey(b.ChatID, "state"))
	keep := int64(s.opts.HistoryKeep)
	var turns *redis.StringSliceCmd
	var stored *redis.IntCmd // the turns kept, when reading the outline
	if b.Transcript {
		turns = pipe.LRange(ctx, s.chatKey(b.ChatID, "turns"), -keep, -1)
	} else {
		turns = pipe.LRange(ctx, s.chatKey(b.ChatID, "outline"), -keep, -1)
		stored = pipe.LLen(ctx, s.chatKey(b.ChatID, "turns"))
	}
	var answer *redis.StringCmd
	if b.Answer != "" {
		answer = pipe.HGet(ctx, s.chatKey(b.ChatID, "answers"), b.Answer)
	}
	if err := s.batch.exec(ctx, pipe); err != nil && !errors.Is(err, redis.Nil) {
		return conversation.Session{}, fmt.Errorf("redisstore: begin: %w", err)
	}

	var out conversation.Session
	if dedup != nil {
		out.Duplicate = !dedup.Val()
	}
	if minute != nil {
		out.Minute, out.Today = minute.Val(), today.Val()
		if out.Duplicate {
			// The counters went up before the duplicate showed; take the
			// extra round trip only in this rare case rather than on every
			// update.
			pipe := s.rdb.Pipeline()
			pipe.Decr(ctx, minuteKey)
			pipe.Decr(ctx, dayKey)
			if _, err := pipe.Exec(ctx); err != nil {
				return out, fmt.Errorf("redisstore: begin: uncount duplicate: %w", err)
			}
		}
	}
	if answer != nil {
		r, err := answer.Result()
		out.Answer = conversation.AnswerMark{ID: b.Answer, Known: err == nil, Rating: strings.TrimPrefix(r, "-")}
	}
	out.User = parseUser(b.UserID, user.Val())
	st := state.Val()
	out.Pending = st["pending"]
	if c := st["case"]; c != "" {
		if err := decodeCase(c, &out.Case); err != nil {
			// A case written by an older version: start afresh rather than fail the chat.
			out.Case = conversation.Case{}
		}
	}
	if out.Case.ID == "" {
		return out, nil
	}
	raws := turns.Val()
	if stored != nil && int64(len(raws)) < min(stored.Val(), keep) {
		full, err := s.rdb.LRange(ctx, s.chatKey(b.ChatID, "turns"), -keep, -1).Result()
		if err != nil {
			return out, fmt.Errorf("redisstore: begin: turns: %w", err)
		}
		raws = full
	}
	for _, raw := range raws {
		if c, t, ok := decodeTurn(raw); ok && c == out.Case.ID {
			if out.Turns == nil {
				out.Turns = make([]advisor.Turn, 0, len(raws))
			}
			if t.Role != "user" && !b.Transcript {
				t.Text = ""
			}
			out.Turns = append(out.Turns, t)
		}
	}
	return out, nil
}

// Save writes a change in one pipelined round trip.
func (s *Store) Save(ctx context.Context, c conversation.Change) error {
	pipe := s.rdb.Pipeline()
	ttl := s.opts.HistoryTTL
	stateKey := s.chatKey(c.ChatID, "state")
	if len(c.Turns) > 0 {
		caseID := ""
		if c.Case != nil {
			caseID = c.Case.ID
		}
		// The outline holds the same turns as the list, trimmed alike, so
		// that Begin reads the user's words without every answer's text.
		vals := make([]any, 0, len(c.Turns))
		outline := make([]any, 0, len(c.Turns))
		for _, t := range c.Turns {
			v := encodeTurn(caseID, t)
			vals = append(vals, v)
			if t.Role != "user" {
				v = outlineTurn(caseID, t)
			}
			outline = append(outline, v)
		}
		keep := int64(s.opts.HistoryKeep)
		tk, ol := s.chatKey(c.ChatID, "turns"), s.chatKey(c.ChatID, "outline")
		pipe.RPush(ctx, tk, vals...)
		pipe.LTrim(ctx, tk, -keep, -1)
		pipe.Expire(ctx, tk, ttl)
		pipe.RPush(ctx, ol, outline...)
		pipe.LTrim(ctx, ol, -keep, -1)
		pipe.Expire(ctx, ol, ttl)
	}
	var fields []any
	if c.Case != nil {
		b, err := encodeCase(c.Case)
		if err != nil {
			return fmt.Errorf("redisstore: save case: %w", err)
		}
		fields = append(fields, "case", b)
	}
	if c.Pending != nil {
		if *c.Pending == "" {
			pipe.HDel(ctx, stateKey, "pending")
		} else {
			fields = append(fields, "pending", *c.Pending)
		}
	}
	if len(fields) > 0 {
		pipe.HSet(ctx, stateKey, fields...)
		pipe.Expire(ctx, stateKey, ttl)
	}
	if !c.Seen.IsZero() && c.UserID != 0 {
		pipe.HSet(ctx, s.userKey(c.UserID), "seen", c.Seen.UTC().Format(time.RFC3339))
		pipe.SAdd(ctx, s.usersKey(), c.UserID)
	}
	if c.UserID != 0 && c.UserID != c.ChatID && len(c.Turns) > 0 {
		// A group the user spoke in, for /forget.
		pipe.SAdd(ctx, s.userChatsKey(c.UserID), c.ChatID)
		pipe.Expire(ctx, s.userChatsKey(c.UserID), ttl)
	}
	if a := c.Answer; a != nil {
		// "-" stands for not rated: an empty field would read as absent
		// to some clients.
		ak := s.chatKey(c.ChatID, "answers")
		pipe.HSet(ctx, ak, a.ID, "-"+a.Rating)
		pipe.Expire(ctx, ak, ttl)
	}
	switch {
	case c.Usage != nil && c.Once != 0:
		s.addUsageOnce(ctx, pipe, c.Usage, c.Once)
	case c.Usage != nil:
		s.addUsage(ctx, pipe, c.Usage)
	}
	if pipe.Len() == 0 {
		return nil
	}
	if err := s.batch.exec(ctx, pipe); err != nil {
		return fmt.Errorf("redisstore: save: %w", err)
	}
	return nil
}

// Once reports whether this is the first time the named notice is due in the
// chat, and marks it given.
func (s *Store) Once(ctx context.Context, chatID int64, name string) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.chatKey(chatID, "once:"+name), 1, 0).Result()
	if err != nil {
		return false, fmt.Errorf("redisstore: once: %w", err)
	}
	return ok, nil
}

// History lists the turns kept for a chat, every case's, oldest first.
func (s *Store) History(ctx context.Context, chatID int64) ([]conversation.CaseTurn, error) {
	raw, err := s.rdb.LRange(ctx, s.chatKey(chatID, "turns"), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: history: %w", err)
	}
	out := make([]conversation.CaseTurn, 0, len(raw))
	for _, r := range raw {
		if c, t, ok := decodeTurn(r); ok {
			out = append(out, conversation.CaseTurn{CaseID: c, Turn: t})
		}
	}
	return out, nil
}

var _ conversation.Store = (*Store)(nil)
