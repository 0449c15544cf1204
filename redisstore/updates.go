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

// The durable update queue: a Redis Stream every replica appends the
// updates it accepts to (once per update_id), and a consumer group whose
// members, on any replica, read and answer them. An update is acknowledged
// (XACK, and XDEL so the stream holds only the backlog) once answered; one
// a replica took and never acknowledged (it died) is taken over by another
// with XAUTOCLAIM once it has been idle for a while. A replica working on
// an update keeps it from looking idle (Touch). In polling mode one replica
// at a time, holding a lease, polls Telegram and feeds the same stream.
//
// All the queue's keys share the hash tag {PREFIXupdates}, so a Cluster
// keeps them on one slot (the de-duplication script touches two of them):
//
//	{PREFIXupdates}            the stream: fields "id" (update_id), "at" (when queued, unix ms)
//	                           and "u" (the update's JSON)
//	{PREFIXupdates}:seen:ID    de-duplication marker of an update_id, 24 h
//	{PREFIXupdates}:poller     the polling lease: the owner's name, with a TTL
//	{PREFIXupdates}:lease:ID   who answers update ID: the consumer's name, with a TTL it
//	                           renews while it works (Take, Renew)
//	{PREFIXupdates}:sent:ID    hash: index → message id of each message Telegram accepted
//	                           while update ID was answered (Sent), 24 h
//
// Answering is effectively once: a consumer takes an update's lease before
// it answers it (one round trip per batch read), and after Telegram accepts
// each message it sends for the update it writes that message's index and
// id to the update's sent hash (Sent, with a batcher of its own so the
// write leaves at once). A replica taking the update over (the first died,
// or lost its lease) reads the hash with the lease and does not send again
// what was sent. What remains is the window between Telegram accepting a
// message and its mark reaching Redis: a replica killed in it leaves that
// message to be sent again. Telegram's sendMessage takes no idempotency
// key, so no ordering of the writes closes it.

// QueueGroup is the consumer group every replica reads the queue in.
const QueueGroup = "answerers"

// NewUpdate is an update to queue.
type NewUpdate struct {
	ID   int64  // Telegram's update_id
	Data []byte // the update as Telegram sent it
	At   time.Time
}

// QueuedUpdate is an update read from the queue.
type QueuedUpdate struct {
	Entry string // the stream entry id, for Ack
	ID    int64
	Data  []byte
	At    time.Time // when it was queued
}

// UpdateQueue is the durable update queue, read as one consumer of the
// group. It is safe for concurrent use.
type UpdateQueue struct {
	store    *Store
	marks    *batcher // Sent's writes: small, and not behind a batch of saves
	rdb      redis.UniversalClient
	stream   string
	consumer string
	dedupe   time.Duration
	maxLen   int64
}

// UpdateQueue returns the queue read as consumer (unique per process).
func (s *Store) UpdateQueue(consumer string) *UpdateQueue {
	return &UpdateQueue{store: s, rdb: s.rdb, marks: &batcher{rdb: s.rdb}, stream: "{" + s.opts.Prefix + "updates}", consumer: consumer, dedupe: 24 * time.Hour, maxLen: 1_000_000}
}

// Consumer is this queue's consumer name.
func (q *UpdateQueue) Consumer() string { return q.consumer }

// addUpdateScript: KEYS stream, marker; ARGV marker TTL (s), maximum
// length, update_id, data, queued at (unix ms). The update is appended only when its marker was
// not set: a delivery Telegram repeats, to this replica or another, is
// queued once.
var addUpdateScript = redis.NewScript(`
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'id', ARGV[3], 'at', ARGV[5], 'u', ARGV[4])
return 1
`)

// Add queues updates in one round trip and reports, for each, whether it
// was new (false: queued before). When it returns nil every update is in
// the stream, to be answered even if this process dies now.
func (q *UpdateQueue) Add(ctx context.Context, us []NewUpdate) ([]bool, error) {
	if len(us) == 0 {
		return nil, nil
	}
	pipe := q.rdb.Pipeline()
	cmds := make([]*redis.Cmd, len(us))
	ttl := int64(q.dedupe / time.Second)
	for i, u := range us {
		id := strconv.FormatInt(u.ID, 10)
		at := u.At
		if at.IsZero() {
			at = time.Now()
		}
		cmds[i] = addUpdateScript.Eval(ctx, pipe, []string{q.stream, q.stream + ":seen:" + id}, ttl, q.maxLen, id, u.Data, at.UnixMilli())
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("redisstore: queue updates: %w", err)
	}
	added := make([]bool, len(us))
	for i, c := range cmds {
		n, _ := c.Int()
		added[i] = n == 1
	}
	return added, nil
}

// Read takes up to count new updates for this consumer, waiting up to
// block for one to come. The consumer group is made when missing (a new
// queue, or a Redis that came back empty).
func (q *UpdateQueue) Read(ctx context.Context, count int, block time.Duration) ([]QueuedUpdate, error) {
	args := &redis.XReadGroupArgs{Group: QueueGroup, Consumer: q.consumer, Streams: []string{q.stream, ">"}, Count: int64(count), Block: block}
	res, err := q.rdb.XReadGroup(ctx, args).Result()
	if isNoGroup(err) {
		if err := q.makeGroup(ctx); err != nil {
			return nil, err
		}
		res, err = q.rdb.XReadGroup(ctx, args).Result()
	}
	if errors.Is(err, redis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: read updates: %w", err)
	}
	var out []QueuedUpdate
	for _, st := range res {
		out = append(out, parseQueued(st.Messages)...)
	}
	return out, nil
}

func (q *UpdateQueue) makeGroup(ctx context.Context) error {
	err := q.rdb.XGroupCreateMkStream(ctx, q.stream, QueueGroup, "0").Err()
	if err != nil && !strings.Contains(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("redisstore: make the update queue's group: %w", err)
	}
	return nil
}

func isNoGroup(err error) bool { return err != nil && strings.HasPrefix(err.Error(), "NOGROUP") }

func parseQueued(ms []redis.XMessage) []QueuedUpdate {
	out := make([]QueuedUpdate, 0, len(ms))
	for _, m := range ms {
		id, _ := m.Values["id"].(string)
		data, _ := m.Values["u"].(string)
		atText, _ := m.Values["at"].(string)
		n, _ := strconv.ParseInt(id, 10, 64)
		ms, _ := strconv.ParseInt(atText, 10, 64)
		out = append(out, QueuedUpdate{Entry: m.ID, ID: n, Data: []byte(data), At: time.UnixMilli(ms)})
	}
	return out
}

// Claim takes over up to count updates another consumer took and left idle
// for at least minIdle (a replica that died, or shut down before it
// answered them).
func (q *UpdateQueue) Claim(ctx context.Context, minIdle time.Duration, count int) ([]QueuedUpdate, error) {
	ms, _, err := q.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{Stream: q.stream, Group: QueueGroup, Consumer: q.consumer,
		MinIdle: minIdle, Start: "0-0", Count: int64(count)}).Result()
	if isNoGroup(err) {
		return nil, q.makeGroup(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("redisstore: claim idle updates: %w", err)
	}
	return parseQueued(ms), nil
}

// Ack marks updates answered and removes them from the stream, in one
// round trip, shared with the conversations' reads and writes under load.
func (q *UpdateQueue) Ack(ctx context.Context, entries []string) error {
	if len(entries) == 0 {
		return nil
	}
	pipe := q.rdb.Pipeline()
	pipe.XAck(ctx, q.stream, QueueGroup, entries...)
	pipe.XDel(ctx, q.stream, entries...)
	if err := q.store.batch.exec(ctx, pipe); err != nil {
		return fmt.Errorf("redisstore: acknowledge updates: %w", err)
	}
	return nil
}

// Touch keeps updates this consumer is still working on from looking idle,
// so no other replica takes them over.
func (q *UpdateQueue) Touch(ctx context.Context, entries []string) error {
	return q.claimSelf(ctx, entries, 0)
}

// Release gives back updates this consumer took but will not answer (it is
// stopping): they look idle at once, and the next replica to look for idle
// updates takes them.
func (q *UpdateQueue) Release(ctx context.Context, entries []string) error {
	return q.claimSelf(ctx, entries, 365*24*time.Hour)
}

func (q *UpdateQueue) claimSelf(ctx context.Context, entries []string, idle time.Duration) error {
	if len(entries) == 0 {
		return nil
	}
	args := make([]any, 0, 8+len(entries))
	args = append(args, "XCLAIM", q.stream, QueueGroup, q.consumer, 0)
	for _, e := range entries {
		args = append(args, e)
	}
	args = append(args, "IDLE", idle.Milliseconds(), "JUSTID")
	if err := q.rdb.Do(ctx, args...).Err(); err != nil {
		return fmt.Errorf("redisstore: touch updates: %w", err)
	}
	return nil
}

// Answered reports which of the updates were answered already: their
// answer's usage record was written (Store.Save with Change.Once). A replica
// taking over another's updates skips those.
func (q *UpdateQueue) Answered(ctx context.Context, ids []int64) (map[int64]bool, error) {
	return q.store.Answered(ctx, ids)
}

// Pending returns the updates some replica took and has not acknowledged.
func (q *UpdateQueue) Pending(ctx context.Context) (int64, error) {
	p, err := q.rdb.XPending(ctx, q.stream, QueueGroup).Result()
	if isNoGroup(err) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("redisstore: pending updates: %w", err)
	}
	return p.Count, nil
}

// Backlog returns the updates queued and not yet acknowledged.
func (q *UpdateQueue) Backlog(ctx context.Context) (int64, error) {
	n, err := q.rdb.XLen(ctx, q.stream).Result()
	if err != nil {
		return 0, fmt.Errorf("redisstore: queue length: %w", err)
	}
	return n, nil
}

// leaseScript: KEYS lease; ARGV owner, TTL (ms). Takes the lease when free,
// extends it when owner holds it; returns 1 when owner holds it afterwards.
var leaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`)

// releaseScript frees the lease if owner holds it.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

// Lease takes or extends the polling lease for this consumer and reports
// whether it holds it.
func (q *UpdateQueue) Lease(ctx context.Context, ttl time.Duration) (bool, error) {
	n, err := leaseScript.Run(ctx, q.rdb, []string{q.stream + ":poller"}, q.consumer, ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("redisstore: polling lease: %w", err)
	}
	return n == 1, nil
}

// Unlease frees the polling lease if this consumer holds it.
func (q *UpdateQueue) Unlease(ctx context.Context) error {
	if err := releaseScript.Run(ctx, q.rdb, []string{q.stream + ":poller"}, q.consumer).Err(); err != nil {
		return fmt.Errorf("redisstore: release the polling lease: %w", err)
	}
	return nil
}

// Taken is what Take found for an update.
type Taken struct {
	// Mine is true when this consumer holds the update's lease now; false
	// when another consumer holds it (it is answering the update).
	Mine bool
	// Sent are the messages Telegram accepted while the update was
	// answered before (by a consumer that died or lost its lease): message
	// index → message id.
	Sent map[int]int
}

// takeScript: KEYS the updates' lease keys, then their sent keys; ARGV
// consumer, lease (ms), sent keys' TTL (s). For each update: {1, sent
// fields and values} when the lease is the consumer's now, {0} when
// another consumer holds it. The sent hash is made here, with its TTL
// (field "t"), so a mark is one HSET.
var takeScript = redis.NewScript(`
local n = #KEYS / 2
local out = {}
for i = 1, n do
  local cur = redis.call('GET', KEYS[i])
  if cur == false or cur == ARGV[1] then
    redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
    out[i] = {1, redis.call('HGETALL', KEYS[n + i])}
    if redis.call('HSETNX', KEYS[n + i], 't', '') == 1 then redis.call('EXPIRE', KEYS[n + i], ARGV[3]) end
  else
    out[i] = {0}
  end
end
return out
`)

func (q *UpdateQueue) leaseKey(id int64) string {
	return q.stream + ":lease:" + strconv.FormatInt(id, 10)
}
func (q *UpdateQueue) sentKey(id int64) string {
	return q.stream + ":sent:" + strconv.FormatInt(id, 10)
}

// Take takes the leases of updates for this consumer, for lease, in one
// round trip, with what was sent for each before. An update whose lease
// another consumer holds is being answered there and is not Mine.
func (q *UpdateQueue) Take(ctx context.Context, ids []int64, lease time.Duration) ([]Taken, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]string, 2*len(ids))
	for i, id := range ids {
		keys[i], keys[len(ids)+i] = q.leaseKey(id), q.sentKey(id)
	}
	res, err := takeScript.Run(ctx, q.rdb, keys, q.consumer, lease.Milliseconds(), int64(q.dedupe/time.Second)).Slice()
	if err != nil {
		return nil, fmt.Errorf("redisstore: take updates: %w", err)
	}
	out := make([]Taken, len(ids))
	for i := range ids {
		r, _ := res[i].([]any)
		if len(r) == 0 || r[0] != int64(1) {
			continue
		}
		out[i].Mine = true
		kv, _ := r[1].([]any)
		for j := 0; j+1 < len(kv); j += 2 {
			k, _ := kv[j].(string)
			v, _ := kv[j+1].(string)
			n, err1 := strconv.Atoi(k)
			m, err2 := strconv.Atoi(v)
			if err1 == nil && err2 == nil {
				if out[i].Sent == nil {
					out[i].Sent = map[int]int{}
				}
				out[i].Sent[n] = m
			}
		}
	}
	return out, nil
}

// renewScript: KEYS lease keys; ARGV consumer, lease (ms; 0 frees). For
// each: 1 when the consumer holds the lease afterwards (or, freeing, held
// it), 0 when another consumer holds it.
var renewScript = redis.NewScript(`
local out = {}
for i = 1, #KEYS do
  local cur = redis.call('GET', KEYS[i])
  if cur ~= false and cur ~= ARGV[1] then
    out[i] = 0
  elseif ARGV[2] == '0' then
    if cur ~= false then redis.call('DEL', KEYS[i]) end
    out[i] = 1
  else
    redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
    out[i] = 1
  end
end
return out
`)

// Renew extends this consumer's leases of updates it is answering, in one
// round trip, and reports for each whether it still holds it (false:
// another consumer took it over). A lease that lapsed and was not taken is
// taken again. A lease of 0 frees the leases instead.
func (q *UpdateQueue) Renew(ctx context.Context, ids []int64, lease time.Duration) ([]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = q.leaseKey(id)
	}
	res, err := renewScript.Run(ctx, q.rdb, keys, q.consumer, lease.Milliseconds()).Int64Slice()
	if err != nil {
		return nil, fmt.Errorf("redisstore: renew update leases: %w", err)
	}
	out := make([]bool, len(ids))
	for i := range ids {
		out[i] = i < len(res) && res[i] == 1
	}
	return out, nil
}

// Sent records that Telegram accepted message n (counted from 0) sent
// for update id, as message msgID. It returns once Redis has it: a replica
// taking the update over does not send that message again. The update
// was taken (Take) before, which gave its marks their TTL.
func (q *UpdateQueue) Sent(ctx context.Context, id int64, n, msgID int) error {
	pipe := q.rdb.Pipeline()
	pipe.HSet(ctx, q.sentKey(id), strconv.Itoa(n), msgID)
	if err := q.marks.exec(ctx, pipe); err != nil {
		return fmt.Errorf("redisstore: mark a message sent: %w", err)
	}
	return nil
}

// SentMessages returns the ids of the messages marked sent (Sent) for the
// updates, in one round trip.
func (q *UpdateQueue) SentMessages(ctx context.Context, ids []int64) (map[int64][]int, error) {
	pipe := q.rdb.Pipeline()
	cmds := make([]*redis.StringSliceCmd, len(ids))
	for i, id := range ids {
		cmds[i] = pipe.HVals(ctx, q.sentKey(id))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("redisstore: sent messages: %w", err)
	}
	out := map[int64][]int{}
	for i, c := range cmds {
		for _, v := range c.Val() {
			if m, err := strconv.Atoi(v); err == nil { // not "t", the hash's own field
				out[ids[i]] = append(out[ids[i]], m)
			}
		}
	}
	return out, nil
}
