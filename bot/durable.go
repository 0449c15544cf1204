package bot

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"time"

	"rongcuo/redisstore"
)

// Durable is the durable update queue (*redisstore.UpdateQueue): what this
// process accepts goes there first, and workers on any replica answer it.
type Durable interface {
	Add(ctx context.Context, us []redisstore.NewUpdate) ([]bool, error)
	Read(ctx context.Context, count int, block time.Duration) ([]redisstore.QueuedUpdate, error)
	Claim(ctx context.Context, minIdle time.Duration, count int) ([]redisstore.QueuedUpdate, error)
	Ack(ctx context.Context, entries []string) error
	Touch(ctx context.Context, entries []string) error
	Release(ctx context.Context, entries []string) error
	Lease(ctx context.Context, ttl time.Duration) (bool, error)
	Unlease(ctx context.Context) error
	// Answered reports which updates were answered already (their usage
	// record written), for updates taken over from a replica that died.
	Answered(ctx context.Context, ids []int64) (map[int64]bool, error)
	// Take takes the leases of updates about to be answered here, with the
	// messages sent for each before; Renew extends them (a lease of 0
	// frees them); Sent marks a message Telegram accepted (see claim).
	Take(ctx context.Context, ids []int64, lease time.Duration) ([]redisstore.Taken, error)
	Renew(ctx context.Context, ids []int64, lease time.Duration) ([]bool, error)
	Sent(ctx context.Context, id int64, n, msgID int) error
}

var _ Durable = (*redisstore.UpdateQueue)(nil)

// Observer is told what happens to updates and Telegram requests, for
// metrics. Every method must be cheap and safe for concurrent use.
type Observer interface {
	// Telegram counts one Bot API request: its method and outcome ("ok",
	// "retry_after" for a 429, "rejected", "forbidden" or "error").
	Telegram(method, outcome string)
	// Dropped counts an update given up: "flood" (its chat had too many
	// waiting), "shutdown" (taken without the durable queue and not
	// answered, waiting or in hand, when the shutdown timeout ran out),
	// "unreadable".
	Dropped(reason string)
	// QueueDepth reports the updates this process holds, taken and not yet
	// answered.
	QueueDepth(n int)
}

type noObserver struct{}

func (noObserver) Telegram(string, string) {}
func (noObserver) Dropped(string)          {}
func (noObserver) QueueDepth(int)          {}

// UpdatesConfig configures the durable path of updates.
type UpdatesConfig struct {
	Queue Durable
	// Handle answers one update (Bot.Handle).
	Handle func(ctx context.Context, u Update)
	// Parse reads an update as Telegram sent it; false for updates the bot
	// does not handle.
	Parse func(data []byte) (Update, bool)
	// Reclaim is how long an update another replica took may sit idle
	// before this one takes it over (the other died); default 30 s.
	Reclaim time.Duration
	// PerChat caps the updates waiting per chat; beyond it a flooding
	// chat's updates are dropped (default 50).
	PerChat  int
	Observer Observer
	Log      *slog.Logger
}

// Updates is the durable path: Accept queues updates in Redis (many callers'
// updates in one round trip), a reader takes batches of them for this
// process, runs them one chat at a time through the local Queue and
// acknowledges each once handled (again in batches). Updates another
// replica left unanswered are taken over after Reclaim; updates this one
// holds are kept from looking idle meanwhile.
type Updates struct {
	cfg   UpdatesConfig
	log   *slog.Logger
	obs   Observer
	queue *Queue
	work  context.Context

	adds chan addRequest

	// depthMu makes the depth reports one at a time, each reading the
	// count as it reports: concurrent reports of counts read earlier could
	// leave an old one last.
	depthMu sync.Mutex

	mu   sync.Mutex
	held map[string]int64 // entries read and not yet acknowledged → update id
	// claims are the held entries' claims (their leases), by entry.
	claims map[string]*claim
	// acked are the entries acknowledged lately: an acknowledgement that
	// got through only after Redis came back may come just after a claim
	// of idle updates took the entry, and the claim must not make it
	// answered again.
	acked  map[string]time.Time
	pruned time.Time // when acked was last pruned
	// local are the updates answered without the queue (Redis refused
	// them) lately: a refusal may hide a write that went through, and the
	// copy in the queue must not be answered again.
	local map[int64]time.Time
	// unqueued are the updates taken without the queue and not yet
	// handled: a stop that runs out of time loses them, waiting or in hand.
	unqueued map[int64]bool
	acks     []string
	ackWake  chan struct{}
	readStop context.CancelFunc
	readers  sync.WaitGroup
	bgStop   context.CancelFunc
	bg       sync.WaitGroup
	stopped  bool
}

type addRequest struct {
	u    redisstore.NewUpdate
	done chan addResult
}

type addResult struct {
	added bool
	err   error
}

// ErrStopped is returned by Accept once the updates are stopping.
var ErrStopped = errors.New("bot: not taking updates: shutting down")

// readBatch is how many updates one read takes; maxHeld caps the updates
// this process holds before it stops reading.
const (
	readBatch = 100
	maxHeld   = 2000
)

// StartUpdates starts reading the queue. work is the context updates are
// handled on; it should outlive the intake so updates in hand can finish
// at shutdown (Stop).
func StartUpdates(work context.Context, cfg UpdatesConfig) *Updates {
	if cfg.Reclaim <= 0 {
		cfg.Reclaim = 30 * time.Second
	}
	if cfg.PerChat <= 0 {
		cfg.PerChat = 50
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Observer == nil {
		cfg.Observer = noObserver{}
	}
	p := &Updates{cfg: cfg, log: cfg.Log, obs: cfg.Observer, work: work, adds: make(chan addRequest, 1024),
		held: map[string]int64{}, claims: map[string]*claim{}, acked: map[string]time.Time{}, local: map[int64]time.Time{}, unqueued: map[int64]bool{}, ackWake: make(chan struct{}, 1)}
	p.queue = NewQueue(work, cfg.PerChat, p.handle)
	p.queue.handled = p.reportDepth
	readCtx, readStop := context.WithCancel(work)
	bgCtx, bgStop := context.WithCancel(work)
	p.readStop, p.bgStop = readStop, bgStop
	p.readers.Add(2)
	go func() { defer p.readers.Done(); p.read(readCtx) }()
	go func() { defer p.readers.Done(); p.reclaim(readCtx) }()
	p.bg.Add(3)
	go func() { defer p.bg.Done(); p.addLoop(bgCtx) }()
	go func() { defer p.bg.Done(); p.ackLoop(bgCtx) }()
	go func() { defer p.bg.Done(); p.touchLoop(bgCtx) }()
	return p
}

// Accept queues one update durably and returns once it is in Redis (or
// failed to get there): only then may Telegram be told it arrived. added
// is false for an update queued before (a repeated delivery).
func (p *Updates) Accept(ctx context.Context, id int64, data []byte) (added bool, err error) {
	p.mu.Lock()
	stopped := p.stopped
	p.mu.Unlock()
	if stopped {
		return false, ErrStopped
	}
	req := addRequest{u: redisstore.NewUpdate{ID: id, Data: data, At: time.Now()}, done: make(chan addResult, 1)}
	select {
	case p.adds <- req:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	select {
	case r := <-req.done:
		return r.added, r.err
	case <-ctx.Done():
		return false, ctx.Err()
	}
}

// AcceptBatch queues updates durably in one round trip.
func (p *Updates) AcceptBatch(ctx context.Context, us []redisstore.NewUpdate) error {
	if len(us) == 0 {
		return nil
	}
	_, err := p.cfg.Queue.Add(ctx, us)
	return err
}

// addLoop writes what Accept is given: whatever waits when a write starts
// goes in that write, so under load many updates share a round trip and
// none waits for a timer.
func (p *Updates) addLoop(ctx context.Context) {
	for {
		var batch []addRequest
		select {
		case <-ctx.Done():
			return
		case r := <-p.adds:
			batch = append(batch, r)
		}
	more:
		for len(batch) < 500 {
			select {
			case r := <-p.adds:
				batch = append(batch, r)
			default:
				break more
			}
		}
		us := make([]redisstore.NewUpdate, len(batch))
		for i, r := range batch {
			us[i] = r.u
		}
		added, err := p.cfg.Queue.Add(ctx, us)
		for i, r := range batch {
			res := addResult{err: err}
			if err == nil {
				res.added = added[i]
			}
			r.done <- res
		}
	}
}

// Local hands an update to this process without the durable queue (Redis
// is down): it is answered here, or lost if the process stops first.
func (p *Updates) Local(u Update) bool {
	now := time.Now()
	p.mu.Lock()
	if len(p.local) > 10000 {
		for id, at := range p.local {
			if now.Sub(at) > time.Hour {
				delete(p.local, id)
			}
		}
	}
	p.local[u.ID] = now
	p.unqueued[u.ID] = true
	p.mu.Unlock()
	res := p.queue.push(u)
	if res == pushed {
		p.reportDepth()
		return true
	}
	p.mu.Lock()
	delete(p.unqueued, u.ID)
	p.mu.Unlock()
	if res == chatFull {
		p.obs.Dropped("flood")
		p.log.Warn("update dropped: its chat has too many waiting", "update", u.ID)
	}
	return false
}

func (p *Updates) read(ctx context.Context) {
	var wait time.Duration
	for ctx.Err() == nil {
		if p.heldCount() >= maxHeld {
			sleep(ctx, 20*time.Millisecond)
			continue
		}
		us, err := p.cfg.Queue.Read(ctx, readBatch, time.Second)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			wait = min(max(2*wait, 100*time.Millisecond), 2*time.Second)
			p.log.Warn("update queue not read; trying again", "in", wait, "err", err)
			sleep(ctx, wait)
			continue
		}
		wait = 0
		p.take(us)
	}
}

func (p *Updates) reclaim(ctx context.Context) {
	t := time.NewTicker(p.cfg.Reclaim / 2)
	defer t.Stop()
	for {
		for {
			us, err := p.cfg.Queue.Claim(ctx, p.cfg.Reclaim, readBatch)
			if err != nil || len(us) == 0 {
				break
			}
			ids := make([]int64, len(us))
			for i, u := range us {
				ids[i] = u.ID
			}
			// The replica may have died after answering and before
			// acknowledging: an update whose answer was recorded is done.
			done, err := p.cfg.Queue.Answered(ctx, ids)
			if err != nil {
				done = nil
			}
			var todo []redisstore.QueuedUpdate
			for _, u := range us {
				if done[u.ID] {
					p.ack(u.Entry)
				} else {
					todo = append(todo, u)
				}
			}
			p.log.Info("updates another replica left unacknowledged taken over", "updates", len(us), "ids", ids, "answered_already", len(us)-len(todo))
			p.take(todo)
			if len(us) < readBatch {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// take hands updates read from the queue to the local queue, once their
// leases are taken (one round trip for the lot). An update whose lease
// another replica holds is being answered there and is left to it.
func (p *Updates) take(us []redisstore.QueuedUpdate) {
	var todo []Update
	for _, q := range us {
		u, ok := p.cfg.Parse(q.Data)
		if !ok {
			p.obs.Dropped("unreadable")
			p.ack(q.Entry)
			continue
		}
		u.ID, u.Queued, u.entry, u.Received = q.ID, true, q.Entry, q.At
		if u.Received.IsZero() || time.Since(u.Received) < 0 {
			u.Received = time.Now()
		}
		p.mu.Lock()
		_, answered := p.local[q.ID]
		_, mine := p.held[q.Entry]
		_, acked := p.acked[q.Entry]
		if !acked {
			p.held[q.Entry] = q.ID
		}
		p.mu.Unlock()
		if acked {
			continue // answered here, and acknowledged since
		}
		if mine {
			// Taken over from this very process: it looked idle while Redis
			// could not be told otherwise, and it is in hand already.
			continue
		}
		if answered {
			p.ack(q.Entry)
			continue
		}
		todo = append(todo, u)
	}
	if len(todo) == 0 {
		p.reportDepth()
		return
	}
	ids := make([]int64, len(todo))
	for i, u := range todo {
		ids[i] = u.ID
	}
	start := time.Now()
	taken, err := p.cfg.Queue.Take(p.work, ids, p.cfg.Reclaim)
	for wait := 100 * time.Millisecond; err != nil && wait <= 2*time.Second && p.work.Err() == nil; wait *= 2 {
		sleep(p.work, wait)
		start = time.Now()
		taken, err = p.cfg.Queue.Take(p.work, ids, p.cfg.Reclaim)
	}
	if err != nil {
		// Not answered without their leases: they look idle soon, and
		// this replica or another takes them again.
		p.log.Warn("update leases not taken; the updates are taken again once they look idle", "updates", ids, "err", err)
		p.mu.Lock()
		for _, u := range todo {
			delete(p.held, u.entry)
		}
		p.mu.Unlock()
		p.reportDepth()
		return
	}
	for i, u := range todo {
		if !taken[i].Mine {
			// Another replica is answering it: it acknowledges it, or dies
			// and the update is taken over again.
			p.mu.Lock()
			delete(p.held, u.entry)
			p.mu.Unlock()
			p.log.Info("update taken over is being answered by another replica; left to it", "update", u.ID)
			continue
		}
		c := &claim{id: u.ID, queue: p.cfg.Queue, lease: p.cfg.Reclaim, sent: taken[i].Sent, until: start.Add(p.cfg.Reclaim)}
		u.claim = c
		p.mu.Lock()
		p.claims[u.entry] = c
		p.mu.Unlock()
		switch p.queue.push(u) {
		case chatFull:
			p.obs.Dropped("flood")
			p.log.Warn("update dropped: its chat has too many waiting", "update", u.ID)
			p.ack(u.entry)
		case queueShut:
			// Stop releases it for another replica.
		}
	}
	p.reportDepth()
}

func (p *Updates) handle(ctx context.Context, u Update) {
	if u.claim != nil {
		ctx = withClaim(ctx, u.claim)
	}
	p.cfg.Handle(ctx, u)
	if u.claim != nil && u.claim.isLost() {
		// Another replica took it over and answers and acknowledges it.
		p.mu.Lock()
		delete(p.held, u.entry)
		delete(p.claims, u.entry)
		p.mu.Unlock()
		p.reportDepth()
		return
	}
	if u.entry != "" {
		p.ack(u.entry)
	} else {
		p.mu.Lock()
		delete(p.unqueued, u.ID)
		p.mu.Unlock()
	}
}

// reportDepth tells the observer how many updates the local queue holds.
func (p *Updates) reportDepth() {
	p.depthMu.Lock()
	p.obs.QueueDepth(p.queue.Len())
	p.depthMu.Unlock()
}

func (p *Updates) heldCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.held)
}

func (p *Updates) ack(entry string) {
	p.mu.Lock()
	p.acks = append(p.acks, entry)
	p.mu.Unlock()
	select {
	case p.ackWake <- struct{}{}:
	default:
	}
}

// ackLoop acknowledges handled updates, all that wait in one round trip;
// a failed write is tried again.
func (p *Updates) ackLoop(ctx context.Context) {
	var wait time.Duration
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.ackWake:
		}
		for ctx.Err() == nil {
			if err := p.flushAcks(ctx); err == nil {
				wait = 0
				break
			} else {
				wait = min(max(2*wait, 100*time.Millisecond), 2*time.Second)
				p.log.Warn("answered updates not acknowledged; trying again", "in", wait, "err", err)
				sleep(ctx, wait)
			}
		}
	}
}

func (p *Updates) flushAcks(ctx context.Context) error {
	p.mu.Lock()
	acks := p.acks
	p.acks = nil
	p.mu.Unlock()
	if len(acks) == 0 {
		return nil
	}
	if err := p.cfg.Queue.Ack(ctx, acks); err != nil {
		p.mu.Lock()
		p.acks = append(acks, p.acks...)
		p.mu.Unlock()
		return err
	}
	now := time.Now()
	p.mu.Lock()
	for _, e := range acks {
		delete(p.held, e)
		delete(p.claims, e)
		p.acked[e] = now
	}
	if now.Sub(p.pruned) > p.cfg.Reclaim/2 {
		p.pruned = now
		for e, at := range p.acked {
			if now.Sub(at) > 2*p.cfg.Reclaim {
				delete(p.acked, e)
			}
		}
	}
	p.mu.Unlock()
	return nil
}

// touchLoop keeps the updates this process holds from looking idle to the
// other replicas.
func (p *Updates) touchLoop(ctx context.Context) {
	t := time.NewTicker(p.cfg.Reclaim / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if entries := p.heldEntries(); len(entries) > 0 {
			if err := p.cfg.Queue.Touch(ctx, entries); err != nil && ctx.Err() == nil {
				p.log.Warn("held updates not kept fresh; another replica may take them over", "updates", len(entries), "err", err)
			}
		}
		p.renewLeases(ctx)
	}
}

// renewLeases extends the leases of the updates this process holds; one
// another replica took meanwhile (this one was cut off from Redis for
// longer than a lease) is sent nothing more from here.
func (p *Updates) renewLeases(ctx context.Context) {
	p.mu.Lock()
	cs := make([]*claim, 0, len(p.claims))
	for _, c := range p.claims {
		cs = append(cs, c)
	}
	p.mu.Unlock()
	if len(cs) == 0 {
		return
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.id
	}
	start := time.Now()
	ok, err := p.cfg.Queue.Renew(ctx, ids, p.cfg.Reclaim)
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("update leases not renewed; another replica may take the updates over", "updates", len(ids), "err", err)
		}
		return
	}
	for i, c := range cs {
		c.renewed(start, ok[i])
	}
}

func (p *Updates) heldEntries() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]string, 0, len(p.held))
	for e := range p.held {
		out = append(out, e)
	}
	return out
}

// Stop stops reading, waits until the updates in hand are answered or ctx
// ends, acknowledges what was answered, and gives the rest back to the
// queue for another replica or the next start. It returns the update ids
// left unanswered (in the queue still) and those lost (taken without the
// queue while Redis was down).
func (p *Updates) Stop(ctx context.Context) (left, lost []int64) {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
	p.readStop()
	p.readers.Wait()
	p.queue.Close(ctx)
	p.reportDepth()
	// Updates taken without the queue and not handled by now, waiting or
	// still in hand, are lost: nothing else will answer them.
	p.mu.Lock()
	for id := range p.unqueued {
		lost = append(lost, id)
		p.obs.Dropped("shutdown")
	}
	p.mu.Unlock()
	final, cancel := context.WithTimeout(context.WithoutCancel(p.work), 5*time.Second)
	defer cancel()
	if err := p.flushAcks(final); err != nil {
		p.log.Warn("answered updates not acknowledged at shutdown; another replica may answer them again", "err", err)
	}
	p.mu.Lock()
	var entries []string
	var leased []int64
	for e, id := range p.held {
		entries = append(entries, e)
		left = append(left, id)
		if c := p.claims[e]; c != nil {
			leased = append(leased, id)
			c.renewed(time.Time{}, false) // freed: whatever is still in hand sends nothing more
		}
	}
	p.mu.Unlock()
	if len(leased) > 0 {
		if _, err := p.cfg.Queue.Renew(final, leased, 0); err != nil {
			p.log.Warn("leases of unanswered updates not freed; another replica takes them once they lapse", "err", err)
		}
	}
	if len(entries) > 0 {
		if err := p.cfg.Queue.Release(final, entries); err != nil {
			p.log.Warn("unanswered updates not released; another replica takes them once they look idle", "err", err)
		}
	}
	p.bgStop()
	p.bg.Wait()
	sort.Slice(left, func(i, j int) bool { return left[i] < left[j] })
	sort.Slice(lost, func(i, j int) bool { return lost[i] < lost[j] })
	return left, lost
}
