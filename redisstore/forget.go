package redisstore

import (
	"context"
	"errors"
	"fmt"
	"rongcuo/conversation"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Per-user index of the usage records with content, so that /forget reads
// a user's own entries instead of the whole stream, and the chats a user
// spoke in besides their private one.
//
// The index must be written atomically with the record (XADD gives the
// entry id only when it runs), so both go through one script, and a script
// may only touch keys of one Cluster slot. The stream key has no hash tag,
// so its slot is that of its whole name; a key whose hash tag is that name
// lands on the same slot. Hence the index key
// PREFIX{PREFIXusage}:u:PSEUDONYM.

// usageSlotKey names a key on the usage stream's Cluster slot.
func (s *Store) usageSlotKey(suffix string) string {
	stream := s.usageKey()
	if strings.Contains(stream, "{") {
		return stream + ":" + suffix // the stream already has a tag; share it
	}
	return s.opts.Prefix + "{" + stream + "}:" + suffix
}

func (s *Store) usageIndexKey(pseudonym string) string { return s.usageSlotKey("u:" + pseudonym) }

// indexedSinceKey holds the id of the first record written with the index:
// records with content before it may be missing from the index. IndexUsage
// sets it to 0-0 once those are indexed too.
func (s *Store) indexedSinceKey() string { return s.usageSlotKey("indexed-since") }

// IndexUsage indexes the records written before the index existed, once,
// so that /forget never scans the stream; afterwards it costs one round
// trip. serve runs it at start. It reports how many records it indexed.
func (s *Store) IndexUsage(ctx context.Context) (int, error) {
	end, indexed, err := s.unindexed(ctx)
	switch {
	case err != nil:
		return 0, fmt.Errorf("redisstore: index usage: %w", err)
	case indexed:
		return 0, nil
	case end == "":
		return 0, s.rdb.Set(ctx, s.indexedSinceKey(), "0-0", 0).Err()
	}
	n := 0
	ttl := s.opts.Retention + 24*time.Hour
	pipe := s.rdb.Pipeline()
	err = s.scanUsage(ctx, "-", end, func(r conversation.UsageRecord) (bool, error) {
		if r.User == "" || r.Redacted || !hasContent(&r) {
			return true, nil
		}
		k := s.usageIndexKey(r.User)
		pipe.ZAdd(ctx, k, redis.Z{Score: float64(r.At.UnixMilli()), Member: r.ID})
		pipe.Expire(ctx, k, ttl)
		n++
		if pipe.Len() >= 2*scanPage {
			_, err := pipe.Exec(ctx)
			return err == nil, err
		}
		return true, nil
	})
	if err == nil {
		_, err = pipe.Exec(ctx)
	}
	if err != nil {
		return n, fmt.Errorf("redisstore: index usage: %w", err)
	}
	return n, s.rdb.Set(ctx, s.indexedSinceKey(), "0-0", 0).Err()
}

// unindexed returns the XRANGE end of the records that may be missing
// from the per-user index: "" when there are none, either because
// IndexUsage has indexed them (indexed) or because the stream is empty. On
// a stream never indexed it is the id of the last record, so the redacted
// copies a scan adds behind it are not scanned again.
func (s *Store) unindexed(ctx context.Context) (end string, indexed bool, err error) {
	since, err := s.rdb.Get(ctx, s.indexedSinceKey()).Result()
	switch {
	case err == nil && since == "0-0":
		return "", true, nil
	case err == nil:
		return "(" + since, false, nil
	case !errors.Is(err, redis.Nil):
		return "", false, err
	}
	last, err := s.rdb.XRevRangeN(ctx, s.usageKey(), "+", "-", 1).Result()
	if err != nil || len(last) == 0 {
		return "", false, err
	}
	return last[0].ID, false, nil
}

func (s *Store) userChatsKey(userID int64) string { return s.userKey(userID) + ":chats" }

func hasContent(r *conversation.UsageRecord) bool {
	return r.Question != "" || r.Answer != "" || r.Reason != ""
}

// addUsageScript: KEYS stream, user index, indexed-since; ARGV maxlen,
// score (at, unix ms), index TTL in seconds, then the entry's fields and
// values.
var addUsageScript = redis.NewScript(`
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], ARGV[2], id)
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[3], id, 'NX')
return id
`)

// addUsageOnceScript is addUsageScript behind a marker: KEYS stream, user
// index, indexed-since, marker; ARGV maximum length, at (ms), index TTL,
// marker TTL, "1" to index, then the fields. Nothing is written when the
// marker was set before.
var addUsageOnceScript = redis.NewScript(`
if not redis.call('SET', KEYS[4], '1', 'NX', 'EX', ARGV[4]) then return 0 end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 6))
if ARGV[5] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[2], id)
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  redis.call('SET', KEYS[3], id, 'NX')
end
return id
`)

// onceKey marks the update whose answer's usage record was written; on the
// stream's slot.
func (s *Store) onceKey(update int64) string {
	return s.usageSlotKey("once:" + strconv.FormatInt(update, 10))
}

// addUsageOnce queues the append of a record written once per update.
func (s *Store) addUsageOnce(ctx context.Context, c redis.Cmdable, r *conversation.UsageRecord, update int64) redis.Cmder {
	index := "0"
	if r.User != "" && hasContent(r) {
		index = "1"
	}
	vals := usageValues(r)
	args := make([]any, 0, 5+len(vals))
	args = append(args, s.opts.UsageMaxLen, r.At.UnixMilli(), int64(s.opts.Retention/time.Second)+86400, 86400, index)
	args = append(args, vals...)
	return addUsageOnceScript.Eval(ctx, c, []string{s.usageKey(), s.usageIndexKey(r.User), s.indexedSinceKey(), s.onceKey(update)}, args...)
}

// Answered reports which of the updates had their answer's usage record
// written (Change.Once), in one round trip.
func (s *Store) Answered(ctx context.Context, updates []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(updates) == 0 {
		return out, nil
	}
	pipe := s.rdb.Pipeline()
	cmds := make([]*redis.IntCmd, len(updates))
	for i, u := range updates {
		cmds[i] = pipe.Exists(ctx, s.onceKey(u))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("redisstore: answered updates: %w", err)
	}
	for i, c := range cmds {
		if c.Val() == 1 {
			out[updates[i]] = true
		}
	}
	return out, nil
}

// addUsage queues the append of a record on pipe (or runs it on the
// client): a record with content and a user is indexed under the user.
func (s *Store) addUsage(ctx context.Context, c redis.Cmdable, r *conversation.UsageRecord) redis.Cmder {
	if r.User == "" || !hasContent(r) {
		return c.XAdd(ctx, &redis.XAddArgs{Stream: s.usageKey(), MaxLen: s.opts.UsageMaxLen, Approx: true, Values: usageValues(r)})
	}
	vals := usageValues(r)
	args := make([]any, 0, 3+len(vals))
	// The index lives as long as the content it points to: past the
	// retention period the records keep no content to forget.
	args = append(args, s.opts.UsageMaxLen, r.At.UnixMilli(), int64(s.opts.Retention/time.Second)+86400)
	args = append(args, vals...)
	return addUsageScript.Eval(ctx, c, []string{s.usageKey(), s.usageIndexKey(r.User), s.indexedSinceKey()}, args...)
}

// redactScript: KEYS stream, user index; ARGV entry id, then the fields
// and values of the redacted copy. The copy is added only when this call
// deleted the original, so two replicas (or /forget racing the retention
// job) never add two copies of one record.
var redactScript = redis.NewScript(`
if redis.call('XDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
return 1
`)

// redact replaces one entry by a copy without its question, answer and
// reason, keeping its original "at"; it reports whether it did.
func (s *Store) redact(ctx context.Context, r conversation.UsageRecord) (bool, error) {
	n, err := s.redactOn(ctx, s.rdb, r, redactScript.Run).Int()
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// redactOn queues a redaction on c (a pipeline takes Eval: EvalSha's
// fallback needs the answer before the next command).
func (s *Store) redactOn(ctx context.Context, c redis.Scripter, r conversation.UsageRecord, run func(context.Context, redis.Scripter, []string, ...any) *redis.Cmd) *redis.Cmd {
	id := r.ID
	r.ID, r.Question, r.Answer, r.Reason, r.Redacted = "", "", "", "", true
	args := append([]any{id}, usageValues(&r)...)
	return run(ctx, c, []string{s.usageKey(), s.usageIndexKey(r.User)}, args...)
}

// Forget erases what the bot keeps of a user's words: the conversation and
// case of chatID (the private chat, whose id is the user's), those of the
// groups the user spoke in (a group's conversation is shared, so it is
// restarted for everyone in it), and the question, answer and reason texts
// of the user's usage records, which stay as redacted copies so the counts
// admins rely on do not change. It reports how many records were redacted.
func (s *Store) Forget(ctx context.Context, chatID int64, pseudonym string) (int, error) {
	if err := s.forgetChats(ctx, chatID); err != nil {
		return 0, fmt.Errorf("redisstore: forget conversation: %w", err)
	}
	n, err := s.forgetIndexed(ctx, pseudonym)
	if err != nil {
		return n, fmt.Errorf("redisstore: forget usage: %w", err)
	}
	m, err := s.forgetUnindexed(ctx, pseudonym)
	if err != nil {
		return n + m, fmt.Errorf("redisstore: forget usage: %w", err)
	}
	return n + m, nil
}

func (s *Store) forgetChats(ctx context.Context, userID int64) error {
	groups, err := s.rdb.SMembers(ctx, s.userChatsKey(userID)).Result()
	if err != nil {
		return err
	}
	chats := []int64{userID}
	for _, g := range groups {
		if id, err := strconv.ParseInt(g, 10, 64); err == nil {
			chats = append(chats, id)
		}
	}
	// One DEL per chat: the keys of different chats sit on different slots.
	pipe := s.rdb.Pipeline()
	for _, id := range chats {
		pipe.Del(ctx, s.chatKey(id, "turns"), s.chatKey(id, "outline"), s.chatKey(id, "state"), s.chatKey(id, "answers"))
	}
	pipe.Del(ctx, s.userChatsKey(userID))
	_, err = pipe.Exec(ctx)
	return err
}

// forgetIndexed redacts the records the user's index points to.
func (s *Store) forgetIndexed(ctx context.Context, pseudonym string) (int, error) {
	key := s.usageIndexKey(pseudonym)
	ids, err := s.rdb.ZRange(ctx, key, 0, -1).Result()
	if err != nil {
		return 0, err
	}
	n := 0
	for len(ids) > 0 {
		batch := ids[:min(len(ids), 200)]
		ids = ids[len(batch):]
		pipe := s.rdb.Pipeline()
		cmds := make([]*redis.XMessageSliceCmd, len(batch))
		for i, id := range batch {
			cmds[i] = pipe.XRange(ctx, s.usageKey(), id, id)
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return n, err
		}
		redactions := s.rdb.Pipeline()
		var done []*redis.Cmd
		for _, c := range cmds {
			for _, m := range c.Val() { // none when trimmed or already redacted
				r := parseUsage(m)
				if r.User != pseudonym || r.Redacted || !hasContent(&r) {
					continue
				}
				done = append(done, s.redactOn(ctx, redactions, r, redactScript.Eval))
			}
		}
		if len(done) > 0 {
			if _, err := redactions.Exec(ctx); err != nil {
				return n, err
			}
		}
		for _, d := range done {
			if v, _ := d.Int(); v == 1 {
				n++
			}
		}
	}
	return n, s.rdb.Del(ctx, key).Err()
}

// forgetUnindexed scans the part of the stream written before the index
// existed: nothing once IndexUsage has run, or on a store that always had
// the index.
func (s *Store) forgetUnindexed(ctx context.Context, pseudonym string) (int, error) {
	end, _, err := s.unindexed(ctx)
	if err != nil || end == "" {
		return 0, err
	}
	n := 0
	err = s.scanUsage(ctx, "-", end, func(r conversation.UsageRecord) (bool, error) {
		if r.User != pseudonym || r.Redacted || !hasContent(&r) {
			return true, nil
		}
		done, err := s.redact(ctx, r)
		if done {
			n++
		}
		return err == nil, err
	})
	return n, err
}

// scanPage is how many entries a scan reads per round trip.
const scanPage = 1000

// scanUsage calls fn on each entry from start to end (XRANGE bounds),
// oldest first, until fn returns false or an error.
func (s *Store) scanUsage(ctx context.Context, start, end string, fn func(conversation.UsageRecord) (bool, error)) error {
	for {
		page, err := s.rdb.XRangeN(ctx, s.usageKey(), start, end, scanPage).Result()
		if err != nil {
			return err
		}
		for _, m := range page {
			more, err := fn(parseUsage(m))
			if err != nil || !more {
				return err
			}
		}
		if len(page) < scanPage {
			return nil
		}
		start = "(" + page[len(page)-1].ID
	}
}
