package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// The live knowledge base. All its keys share the hash tag {kb}, so one
// Lua script can check and change them atomically on a Cluster too.
//
//	{kb}:version         the knowledge base's version: +1 on every committed change
//	{kb}:items           hash id -> knowledge file (front-matter Markdown) of every live document and case
//	{kb}:revs            hash id -> the item's revision (1, 2, …); retired items keep theirs
//	{kb}:hist            hash "id\x1frev" -> "version\tunix-ms\taction\tby\tsummary"
//	{kb}:old             hash "id\x1frev" -> the text of a revision since replaced or retired
//	{kb}:tables          hash synonyms.txt / terms.txt -> text
//	{kb}:log             list of "version\tunix-ms\tby\tsummary", newest first, last 1,000
//	{kb}:pending:TOKEN   hash: a staged change awaiting confirmation (TTL)
//	kb:changed           pub/sub channel; each message is a new version
//
// A change is staged first (the preview) and committed by its token (the
// confirmation): the commit checks that every item is still at the
// revision the preview was made from, and writes all items or none. The
// pending hash is deleted by the first commit, so a confirmation used twice
// finds nothing.

// Actions of a staged change.
const (
	KBPut    = "put"
	KBRetire = "retire"
)

// KBChange is one item of a staged change.
type KBChange struct {
	ID      string
	Base    int64  // the revision the change was made from; 0 for a new item
	Action  string // KBPut or KBRetire
	Text    string // the new knowledge file (KBPut)
	Summary string // what changed, one line, for the history
}

// KBStage is a change awaiting confirmation.
type KBStage struct {
	Token   string
	By      string // who staged it; only they may commit it
	Summary string // one line for the change log
	Changes []KBChange
	Tables  map[string]string // synonyms.txt, terms.txt; written only when seeding
	Seed    bool              // commit only into an empty knowledge base
	TTL     time.Duration     // default one hour
}

// KBCommit is the outcome of a commit.
type KBCommit struct {
	Version   int64        // the new version; 0 when nothing was written
	Gone      bool         // no such pending change: never staged, expired, committed or discarded
	NotYours  bool         // staged by someone else
	Seeded    bool         // a seed found the knowledge base already there
	Conflicts []KBConflict // items changed since the preview
}

// KBConflict is an item whose revision moved since a change was staged.
type KBConflict struct {
	ID  string
	Rev int64
}

// KBRevision is one entry of an item's history.
type KBRevision struct {
	Rev     int64
	Version int64
	At      time.Time
	Action  string
	By      string
	Summary string
}

// KBLogEntry is one committed change of the whole knowledge base.
type KBLogEntry struct {
	Version int64
	At      time.Time
	By      string
	Summary string
}

// KBSnapshot is the whole live knowledge base at one version.
type KBSnapshot struct {
	Version int64
	Items   map[string]string
	Tables  map[string]string
}

const kbLogKeep = 1000

func (s *Store) kbKey(name string) string { return s.opts.Prefix + "{kb}:" + name }

func (s *Store) kbChannel() string { return s.opts.Prefix + "kb:changed" }

func histField(id string, rev int64) string { return id + "\x1f" + strconv.FormatInt(rev, 10) }

// oneLine keeps a field of a tab-separated record in its column.
func oneLine(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// KBStage stores a change for a later KBCommit.
func (s *Store) KBStage(ctx context.Context, st KBStage) error {
	if st.Token == "" || len(st.Changes) == 0 && !st.Seed {
		return errors.New("redisstore: stage kb change: empty token or no changes")
	}
	ttl := st.TTL
	if ttl <= 0 {
		ttl = time.Hour
	}
	fields := make([]any, 0, 8+len(st.Changes)*10+len(st.Tables)*2)
	fields = append(fields, "n", len(st.Changes), "by", oneLine(st.By), "summary", oneLine(st.Summary), "seed", strconv.FormatBool(st.Seed))
	for i, c := range st.Changes {
		n := strconv.Itoa(i + 1)
		fields = append(fields, "id:"+n, c.ID, "base:"+n, c.Base, "action:"+n, c.Action, "text:"+n, c.Text, "summary:"+n, oneLine(c.Summary))
	}
	for name, text := range st.Tables {
		fields = append(fields, "table:"+name, text)
	}
	k := s.kbKey("pending:" + st.Token)
	pipe := s.rdb.TxPipeline()
	pipe.Del(ctx, k)
	pipe.HSet(ctx, k, fields...)
	pipe.Expire(ctx, k, ttl)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: stage kb change: %w", err)
	}
	return nil
}

// KBDiscard drops a staged change (the user cancelled).
func (s *Store) KBDiscard(ctx context.Context, token string) error {
	if err := s.rdb.Del(ctx, s.kbKey("pending:"+token)).Err(); err != nil {
		return fmt.Errorf("redisstore: discard kb change: %w", err)
	}
	return nil
}

// KBCommit writes a staged change, all or nothing, and announces the new
// version. Conflicts, a change that is gone or someone else's are not
// errors: they are reported in the result and nothing is written.
func (s *Store) KBCommit(ctx context.Context, token, by string, at time.Time) (KBCommit, error) {
	keys := []string{s.kbKey("pending:" + token), s.kbKey("items"), s.kbKey("revs"), s.kbKey("hist"),
		s.kbKey("old"), s.kbKey("version"), s.kbKey("log"), s.kbKey("tables")}
	res, err := commitScript.Run(ctx, s.rdb, keys, at.UnixMilli(), oneLine(by), kbLogKeep).Slice()
	if err != nil {
		return KBCommit{}, fmt.Errorf("redisstore: commit kb change: %w", err)
	}
	if len(res) == 0 {
		return KBCommit{}, errors.New("redisstore: commit kb change: empty reply")
	}
	var out KBCommit
	code, _ := res[0].(int64)
	switch code {
	case -1:
		out.Gone = true
	case -2:
		out.NotYours = true
	case -3:
		out.Seeded = true
	case -4:
		for i := 1; i+1 < len(res); i += 2 {
			id, _ := res[i].(string)
			rev, _ := strconv.ParseInt(fmt.Sprint(res[i+1]), 10, 64)
			out.Conflicts = append(out.Conflicts, KBConflict{ID: id, Rev: rev})
		}
	default:
		out.Version = code
		// The version counter is the safety net for a lost message.
		s.rdb.Publish(ctx, s.kbChannel(), code)
	}
	return out, nil
}

// commitScript: KEYS pending items revs hist old version log tables; ARGV
// at-ms, by, log length. Returns {version} or {-1} gone, {-2} not yours,
// {-3} already seeded, {-4, id, rev, …} conflicts (the first 20).
var commitScript = redis.NewScript(`
local p = redis.call('HGETALL', KEYS[1])
if #p == 0 then return {-1} end
local f = {}
for i = 1, #p, 2 do f[p[i]] = p[i+1] end
if f['by'] ~= ARGV[2] then return {-2} end
redis.call('DEL', KEYS[1])
if f['seed'] == 'true' and redis.call('EXISTS', KEYS[6]) == 1 then return {-3} end
local n = tonumber(f['n'])
local conflicts = {-4}
for i = 1, n do
  local id = f['id:'..i]
  local cur = tonumber(redis.call('HGET', KEYS[3], id) or '0')
  if cur ~= tonumber(f['base:'..i]) and #conflicts < 41 then
    table.insert(conflicts, id)
    table.insert(conflicts, tostring(cur))
  end
end
if #conflicts > 1 then return conflicts end
local v = redis.call('INCR', KEYS[6])
for i = 1, n do
  local id = f['id:'..i]
  local base = tonumber(f['base:'..i])
  local rev = base + 1
  if base > 0 then
    local old = redis.call('HGET', KEYS[2], id)
    if old then redis.call('HSET', KEYS[5], id..'\31'..base, old) end
  end
  if f['action:'..i] == 'retire' then
    redis.call('HDEL', KEYS[2], id)
  else
    redis.call('HSET', KEYS[2], id, f['text:'..i])
  end
  redis.call('HSET', KEYS[3], id, rev)
  redis.call('HSET', KEYS[4], id..'\31'..rev, v..'\t'..ARGV[1]..'\t'..f['action:'..i]..'\t'..ARGV[2]..'\t'..f['summary:'..i])
end
for k, text in pairs(f) do
  if string.sub(k, 1, 6) == 'table:' then redis.call('HSET', KEYS[8], string.sub(k, 7), text) end
end
redis.call('LPUSH', KEYS[7], v..'\t'..ARGV[1]..'\t'..ARGV[2]..'\t'..f['summary'])
redis.call('LTRIM', KEYS[7], 0, tonumber(ARGV[3]) - 1)
return {v}
`)

// KBVersion returns the live version; 0 when the knowledge base was never
// seeded.
func (s *Store) KBVersion(ctx context.Context) (int64, error) {
	v, err := s.rdb.Get(ctx, s.kbKey("version")).Int64()
	if errors.Is(err, redis.Nil) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("redisstore: kb version: %w", err)
	}
	return v, nil
}

// KBCurrent returns the revision and live text of each id (0 and "" for an
// id never stored; the revision and "" for a retired one).
func (s *Store) KBCurrent(ctx context.Context, ids []string) (map[string]int64, map[string]string, error) {
	revs, texts := make(map[string]int64, len(ids)), make(map[string]string, len(ids))
	if len(ids) == 0 {
		return revs, texts, nil
	}
	pipe := s.rdb.Pipeline()
	r := pipe.HMGet(ctx, s.kbKey("revs"), ids...)
	t := pipe.HMGet(ctx, s.kbKey("items"), ids...)
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, nil, fmt.Errorf("redisstore: kb current: %w", err)
	}
	for i, id := range ids {
		if v, ok := r.Val()[i].(string); ok {
			revs[id], _ = strconv.ParseInt(v, 10, 64)
		}
		if v, ok := t.Val()[i].(string); ok {
			texts[id] = v
		}
	}
	return revs, texts, nil
}

// KBSnapshot reads the whole live knowledge base in one transaction, so
// items and version agree.
func (s *Store) KBSnapshot(ctx context.Context) (KBSnapshot, error) {
	pipe := s.rdb.TxPipeline()
	v := pipe.Get(ctx, s.kbKey("version"))
	items := pipe.HGetAll(ctx, s.kbKey("items"))
	tables := pipe.HGetAll(ctx, s.kbKey("tables"))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return KBSnapshot{}, fmt.Errorf("redisstore: kb snapshot: %w", err)
	}
	snap := KBSnapshot{Items: items.Val(), Tables: tables.Val()}
	snap.Version, _ = v.Int64()
	return snap, nil
}

// KBHistory returns every revision of an item, oldest first; none for an
// id never stored.
func (s *Store) KBHistory(ctx context.Context, id string) ([]KBRevision, error) {
	n, err := s.rdb.HGet(ctx, s.kbKey("revs"), id).Int64()
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: kb history: %w", err)
	}
	fields := make([]string, n)
	for i := range fields {
		fields[i] = histField(id, int64(i+1))
	}
	vals, err := s.rdb.HMGet(ctx, s.kbKey("hist"), fields...).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: kb history: %w", err)
	}
	out := make([]KBRevision, 0, n)
	for i, v := range vals {
		rec, _ := v.(string)
		f := strings.SplitN(rec, "\t", 5)
		if len(f) != 5 {
			continue
		}
		r := KBRevision{Rev: int64(i + 1), Action: f[2], By: f[3], Summary: f[4]}
		r.Version, _ = strconv.ParseInt(f[0], 10, 64)
		r.At = unixMilli(f[1])
		out = append(out, r)
	}
	return out, nil
}

func unixMilli(s string) time.Time {
	ms, _ := strconv.ParseInt(s, 10, 64)
	return time.UnixMilli(ms).UTC()
}

// KBRevisionText returns the text of one revision of an item; false when
// there is no such revision or it is a retirement (which has no text).
func (s *Store) KBRevisionText(ctx context.Context, id string, rev int64) (string, bool, error) {
	pipe := s.rdb.Pipeline()
	cur := pipe.HGet(ctx, s.kbKey("revs"), id)
	live := pipe.HGet(ctx, s.kbKey("items"), id)
	old := pipe.HGet(ctx, s.kbKey("old"), histField(id, rev))
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return "", false, fmt.Errorf("redisstore: kb revision: %w", err)
	}
	if n, _ := cur.Int64(); n == rev && live.Err() == nil {
		return live.Val(), true, nil
	}
	if old.Err() == nil {
		return old.Val(), true, nil
	}
	return "", false, nil
}

// KBLog returns the last n committed changes, newest first.
func (s *Store) KBLog(ctx context.Context, n int64) ([]KBLogEntry, error) {
	vals, err := s.rdb.LRange(ctx, s.kbKey("log"), 0, n-1).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: kb log: %w", err)
	}
	out := make([]KBLogEntry, 0, len(vals))
	for _, rec := range vals {
		f := strings.SplitN(rec, "\t", 4)
		if len(f) != 4 {
			continue
		}
		e := KBLogEntry{By: f[2], Summary: f[3], At: unixMilli(f[1])}
		e.Version, _ = strconv.ParseInt(f[0], 10, 64)
		out = append(out, e)
	}
	return out, nil
}

// KBSubscribe delivers the versions announced after each commit until ctx
// ends. Messages can be lost (a reconnect, a slow reader): readers also
// poll KBVersion. The channel closes when ctx ends.
func (s *Store) KBSubscribe(ctx context.Context) (<-chan int64, error) {
	sub := s.rdb.Subscribe(ctx, s.kbChannel())
	if _, err := sub.Receive(ctx); err != nil {
		sub.Close()
		return nil, fmt.Errorf("redisstore: subscribe to kb changes: %w", err)
	}
	out := make(chan int64, 1)
	go func() {
		defer close(out)
		defer sub.Close()
		msgs := sub.Channel()
		for {
			select {
			case <-ctx.Done():
				return
			case m, ok := <-msgs:
				if !ok {
					return
				}
				v, err := strconv.ParseInt(m.Payload, 10, 64)
				if err != nil {
					continue
				}
				select { // keep only the newest: a reader wants the latest version
				case out <- v:
				default:
					select {
					case <-out:
					default:
					}
					out <- v
				}
			}
		}
	}()
	return out, nil
}

// KBPending reads a staged change back, with the time it has left; ok is
// false when it is gone (never staged, expired, committed or discarded).
func (s *Store) KBPending(ctx context.Context, token string) (st KBStage, ok bool, err error) {
	k := s.kbKey("pending:" + token)
	pipe := s.rdb.TxPipeline()
	all := pipe.HGetAll(ctx, k)
	ttl := pipe.PTTL(ctx, k)
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return KBStage{}, false, fmt.Errorf("redisstore: read staged kb change: %w", err)
	}
	f := all.Val()
	if len(f) == 0 {
		return KBStage{}, false, nil
	}
	n, _ := strconv.Atoi(f["n"])
	st = KBStage{Token: token, By: f["by"], Summary: f["summary"], Seed: f["seed"] == "true", TTL: ttl.Val()}
	for i := 1; i <= n; i++ {
		is := strconv.Itoa(i)
		base, _ := strconv.ParseInt(f["base:"+is], 10, 64)
		st.Changes = append(st.Changes, KBChange{ID: f["id:"+is], Base: base, Action: f["action:"+is], Text: f["text:"+is], Summary: f["summary:"+is]})
	}
	for name, text := range f {
		if t, found := strings.CutPrefix(name, "table:"); found {
			if st.Tables == nil {
				st.Tables = map[string]string{}
			}
			st.Tables[t] = text
		}
	}
	return st, true, nil
}
