package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"time"

	"rongcuo/redisstore"
)

// memQueue is an in-memory Durable with the Redis queue's rules: once per
// update id, one consumer per taken entry, idle entries claimable.
type memQueue struct {
	mu       sync.Mutex
	down     bool
	seen     map[int64]bool
	entries  []*memEntry
	next     int
	leaser   string
	answered map[int64]bool
	leases   map[int64]memLease
	sent     map[int64]map[int]int
}

type memLease struct {
	owner string
	until time.Time
}

type memEntry struct {
	q     redisstore.QueuedUpdate
	owner *memReader
	at    time.Time // when taken or last touched
}

var _ Durable = (*memReader)(nil)

var errMemDown = errors.New("memqueue: down")

func newMemQueue() *memReader {
	return &memReader{q: &memQueue{seen: map[int64]bool{}, answered: map[int64]bool{}, leases: map[int64]memLease{}, sent: map[int64]map[int]int{}}, name: "a"}
}

// memReader is one consumer of a memQueue.
type memReader struct {
	q    *memQueue
	name string
}

// consumer returns another consumer of the same queue.
func (r *memReader) consumer(name string) *memReader { return &memReader{q: r.q, name: name} }

func (r *memReader) setDown(d bool) { r.q.mu.Lock(); r.q.down = d; r.q.mu.Unlock() }

func (r *memReader) backlog() int {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	return len(r.q.entries)
}

func (r *memReader) Add(_ context.Context, us []redisstore.NewUpdate) ([]bool, error) {
	q := r.q
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.down {
		return nil, errMemDown
	}
	out := make([]bool, len(us))
	for i, u := range us {
		if q.seen[u.ID] {
			continue
		}
		q.seen[u.ID], out[i] = true, true
		q.next++
		q.entries = append(q.entries, &memEntry{q: redisstore.QueuedUpdate{Entry: strconv.Itoa(q.next), ID: u.ID, Data: u.Data, At: u.At}})
	}
	return out, nil
}

func (r *memReader) Read(ctx context.Context, count int, block time.Duration) ([]redisstore.QueuedUpdate, error) {
	deadline := time.Now().Add(block)
	for {
		r.q.mu.Lock()
		if r.q.down {
			r.q.mu.Unlock()
			return nil, errMemDown
		}
		var out []redisstore.QueuedUpdate
		for _, e := range r.q.entries {
			if e.owner == nil && len(out) < count {
				e.owner, e.at = r, time.Now()
				out = append(out, e.q)
			}
		}
		r.q.mu.Unlock()
		if len(out) > 0 || time.Now().After(deadline) || ctx.Err() != nil {
			return out, nil
		}
		time.Sleep(time.Millisecond)
	}
}

func (r *memReader) Claim(_ context.Context, minIdle time.Duration, count int) ([]redisstore.QueuedUpdate, error) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	var out []redisstore.QueuedUpdate
	for _, e := range r.q.entries {
		if e.owner != nil && time.Since(e.at) >= minIdle && len(out) < count {
			e.owner, e.at = r, time.Now()
			out = append(out, e.q)
		}
	}
	return out, nil
}

func (r *memReader) Ack(_ context.Context, entries []string) error {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.down {
		return errMemDown
	}
	drop := map[string]bool{}
	for _, e := range entries {
		drop[e] = true
	}
	keep := r.q.entries[:0]
	for _, e := range r.q.entries {
		if !drop[e.q.Entry] {
			keep = append(keep, e)
		}
	}
	r.q.entries = keep
	return nil
}

func (r *memReader) mark(entries []string, at time.Time) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	for _, e := range r.q.entries {
		for _, id := range entries {
			if e.q.Entry == id {
				e.owner, e.at = r, at
			}
		}
	}
}

func (r *memReader) Touch(_ context.Context, entries []string) error {
	r.mark(entries, time.Now())
	return nil
}

func (r *memReader) Release(_ context.Context, entries []string) error {
	r.mark(entries, time.Time{})
	return nil
}

func (r *memReader) Answered(_ context.Context, ids []int64) (map[int64]bool, error) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	out := map[int64]bool{}
	for _, id := range ids {
		if r.q.answered[id] {
			out[id] = true
		}
	}
	return out, nil
}

func (r *memReader) Take(_ context.Context, ids []int64, lease time.Duration) ([]redisstore.Taken, error) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.down {
		return nil, errMemDown
	}
	out := make([]redisstore.Taken, len(ids))
	for i, id := range ids {
		if l, ok := r.q.leases[id]; ok && l.owner != r.name && time.Now().Before(l.until) {
			continue
		}
		r.q.leases[id] = memLease{owner: r.name, until: time.Now().Add(lease)}
		out[i].Mine = true
		for n, m := range r.q.sent[id] {
			if out[i].Sent == nil {
				out[i].Sent = map[int]int{}
			}
			out[i].Sent[n] = m
		}
	}
	return out, nil
}

func (r *memReader) Renew(_ context.Context, ids []int64, lease time.Duration) ([]bool, error) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.down {
		return nil, errMemDown
	}
	out := make([]bool, len(ids))
	for i, id := range ids {
		if l, ok := r.q.leases[id]; ok && l.owner != r.name && time.Now().Before(l.until) {
			continue
		}
		out[i] = true
		if lease == 0 {
			delete(r.q.leases, id)
		} else {
			r.q.leases[id] = memLease{owner: r.name, until: time.Now().Add(lease)}
		}
	}
	return out, nil
}

func (r *memReader) Sent(_ context.Context, id int64, n, msgID int) error {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.down {
		return errMemDown
	}
	if r.q.sent[id] == nil {
		r.q.sent[id] = map[int]int{}
	}
	r.q.sent[id][n] = msgID
	return nil
}

func (r *memReader) Lease(context.Context, time.Duration) (bool, error) {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.leaser == "" {
		r.q.leaser = r.name
	}
	return r.q.leaser == r.name, nil
}

func (r *memReader) Unlease(context.Context) error {
	r.q.mu.Lock()
	defer r.q.mu.Unlock()
	if r.q.leaser == r.name {
		r.q.leaser = ""
	}
	return nil
}

func textUpdate(id, chat int64, text string) []byte {
	return fmt.Appendf(nil, `{"update_id":%d,"message":{"message_id":1,"chat":{"id":%d,"type":"private"},"from":{"id":%d,"first_name":"x"},"text":%q}}`, id, chat, chat, text)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// handled records the updates a replica handled, and can hold them.
type handled struct {
	mu    sync.Mutex
	ids   []int64
	block chan struct{} // when set, handling waits for it to close
}

func (h *handled) handle(ctx context.Context, u Update) {
	if h.block != nil {
		select {
		case <-h.block:
		case <-ctx.Done():
			return
		}
	}
	h.mu.Lock()
	h.ids = append(h.ids, u.ID)
	h.mu.Unlock()
}

func (h *handled) got() []int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]int64(nil), h.ids...)
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestQueuedUpdatesAreAnsweredOnceAndAcknowledged(t *testing.T) {
	mq := newMemQueue()
	h := &handled{}
	p := StartUpdates(context.Background(), UpdatesConfig{Queue: mq, Handle: h.handle, Parse: Parser(9, ""), Reclaim: time.Hour, Log: quiet})
	for i := range 20 {
		for range 2 { // every delivery made twice
			if _, err := p.Accept(context.Background(), int64(100+i), textUpdate(int64(100+i), int64(i%3+1), "问")); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitUntil(t, "20 updates handled and acknowledged", func() bool { return len(h.got()) == 20 && mq.backlog() == 0 })
	if left, lost := p.Stop(context.Background()); len(left)+len(lost) != 0 {
		t.Errorf("left %v lost %v", left, lost)
	}
	if n := len(h.got()); n != 20 {
		t.Errorf("%d handled, want 20", n)
	}
}

func TestShutdownLeavesTheBacklogInTheQueueForAnotherReplica(t *testing.T) {
	mq := newMemQueue()
	stuck := &handled{block: make(chan struct{})}
	work, cancelWork := context.WithCancel(context.Background())
	a := StartUpdates(work, UpdatesConfig{Queue: mq, Handle: stuck.handle, Parse: Parser(9, ""), Reclaim: time.Hour, Log: quiet})
	for i := range 5 {
		a.Accept(context.Background(), int64(i+1), textUpdate(int64(i+1), 7, "问"))
	}
	waitUntil(t, "the updates taken", func() bool { return a.heldCount() == 5 })
	drain, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	left, lost := a.Stop(drain)
	cancelWork()
	if fmt.Sprint(left) != "[1 2 3 4 5]" || len(lost) != 0 {
		t.Fatalf("left %v lost %v; want the five updates named as left in the queue", left, lost)
	}
	// Another replica takes them at once: the stopping one released them.
	h := &handled{}
	b := StartUpdates(context.Background(), UpdatesConfig{Queue: mq.consumer("b"), Handle: h.handle, Parse: Parser(9, ""), Reclaim: time.Hour, Log: quiet})
	defer b.Stop(context.Background())
	waitUntil(t, "the backlog answered by the other replica", func() bool { return len(h.got()) == 5 && mq.backlog() == 0 })
}

func TestADeadReplicasUpdatesAreTakenOver(t *testing.T) {
	mq := newMemQueue()
	dead := mq.consumer("dead")
	// The dead replica took three updates: it answered the third (its
	// answer recorded) but died before acknowledging it.
	dead.Add(context.Background(), []redisstore.NewUpdate{{ID: 1, Data: textUpdate(1, 7, "一")}, {ID: 2, Data: textUpdate(2, 8, "二")}, {ID: 3, Data: textUpdate(3, 9, "三")}})
	if got, _ := dead.Read(context.Background(), 10, 0); len(got) != 3 {
		t.Fatal("setup: the dead replica did not take the updates")
	}
	mq.q.answered[3] = true
	h := &handled{}
	b := StartUpdates(context.Background(), UpdatesConfig{Queue: mq, Handle: h.handle, Parse: Parser(9, ""), Reclaim: 30 * time.Millisecond, Log: quiet})
	defer b.Stop(context.Background())
	waitUntil(t, "the dead replica's updates answered", func() bool { return len(h.got()) == 2 && mq.backlog() == 0 })
	time.Sleep(20 * time.Millisecond)
	if got := h.got(); len(got) != 2 || got[0] == 3 || got[1] == 3 {
		t.Errorf("handled %v; the update answered before the death must not be answered again", got)
	}
}

// depthWatch is an Observer that keeps the last queue depth reported and
// counts the updates dropped, by reason.
type depthWatch struct {
	mu      sync.Mutex
	last    int
	dropped map[string]int
}

func (*depthWatch) Telegram(string, string) {}
func (d *depthWatch) Dropped(reason string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dropped == nil {
		d.dropped = map[string]int{}
	}
	d.dropped[reason]++
}
func (d *depthWatch) QueueDepth(n int) { d.mu.Lock(); d.last = n; d.mu.Unlock() }
func (d *depthWatch) get() int         { d.mu.Lock(); defer d.mu.Unlock(); return d.last }
func (d *depthWatch) drops() string    { d.mu.Lock(); defer d.mu.Unlock(); return fmt.Sprint(d.dropped) }

// The depth gauge ends at zero once everything is answered: reports made
// from several chats at once must not leave an older count last.
func TestQueueDepthEndsAtZero(t *testing.T) {
	for round := range 20 {
		mq := newMemQueue()
		d := &depthWatch{}
		h := &handled{}
		p := StartUpdates(context.Background(), UpdatesConfig{Queue: mq, Handle: h.handle, Parse: Parser(9, ""), Reclaim: time.Hour, Log: quiet, Observer: d})
		var us []redisstore.NewUpdate
		for i := range 200 {
			id := int64(round*1000 + i + 1)
			us = append(us, redisstore.NewUpdate{ID: id, Data: textUpdate(id, int64(i%50+1), "问")})
		}
		if err := p.AcceptBatch(context.Background(), us); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "200 updates handled and acknowledged", func() bool { return len(h.got()) == 200 && mq.backlog() == 0 })
		time.Sleep(5 * time.Millisecond)
		if n := d.get(); n != 0 {
			t.Fatalf("round %d: queue depth %d reported last with nothing held", round, n)
		}
		p.Stop(context.Background())
	}
}

// Every update given up is counted under its reason: a flooding chat's
// beyond the cap, one that cannot be read, and at a shutdown that runs out
// of time one taken without the queue (Redis was down).
func TestDroppedUpdatesAreCountedByReason(t *testing.T) {
	mq := newMemQueue()
	d := &depthWatch{}
	entered := make(chan int64, 10)
	handle := func(ctx context.Context, u Update) {
		entered <- u.ID
		<-ctx.Done() // never answers: held until the stop gives up
	}
	work, cancelWork := context.WithCancel(context.Background())
	defer cancelWork()
	p := StartUpdates(work, UpdatesConfig{Queue: mq, Handle: handle, Parse: Parser(9, ""), Reclaim: time.Hour, Log: quiet,
		Observer: d, PerChat: 2})
	// Chat 7: one in hand, two waiting fill its cap; the fourth is a flood.
	p.Accept(context.Background(), 1, textUpdate(1, 7, "问"))
	if id := <-entered; id != 1 {
		t.Fatalf("update %d in hand first", id)
	}
	for i := int64(2); i <= 4; i++ {
		p.Accept(context.Background(), i, textUpdate(i, 7, "问"))
	}
	p.Accept(context.Background(), 10, []byte(`{"update_id":10,"message":`))
	waitUntil(t, "the flood and the unreadable update counted", func() bool { return d.drops() == "map[flood:1 unreadable:1]" })
	// Redis down: an update taken without the queue, in hand when a
	// shutdown runs out of time, is lost and counted so.
	if !p.Local(Update{ID: 20, Message: &Message{Chat: Chat{ID: 8, Type: "private"}, Text: "问"}}) {
		t.Fatal("the local update was not taken")
	}
	<-entered
	drain, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	left, lost := p.Stop(drain)
	if fmt.Sprint(left) != "[1 2 3]" || fmt.Sprint(lost) != "[20]" {
		t.Errorf("left %v lost %v; want the queued updates left in the queue and the one taken without it lost", left, lost)
	}
	if got := d.drops(); got != "map[flood:1 shutdown:1 unreadable:1]" {
		t.Errorf("dropped %s", got)
	}
}
