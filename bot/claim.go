package bot

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// A claim is this process's hold on a queued update while it answers it:
// the update's lease in Redis (taken with the batch it came in, renewed by
// the touch loop) and the messages sent for it so far. Every message sent
// on the update's context goes through the claim (guardSender): one that
// Telegram accepted while a replica that died or lost its lease answered
// the update is not sent again, and each one Telegram accepts now is
// marked sent in Redis before the handler goes on. A message is sent only
// while this process holds the lease, so two live replicas never answer
// one update at once.
//
// What is left is the window between Telegram accepting a message and its
// mark reaching Redis: a replica killed (or cut off from Redis) in it
// leaves no mark, and the replica taking the update over sends that
// message again. The Bot API takes no idempotency key, so no order of
// writes closes it; it spans one Redis write per message.
type claim struct {
	id    int64
	queue Durable
	lease time.Duration

	mu    sync.Mutex
	sent  map[int]int // message index → id, accepted before this process took the update
	next  int         // the index of the next message
	until time.Time   // the lease holds at least until then
	lost  bool        // another consumer holds the lease: send nothing more
}

// errLeaseLost is returned for a message not sent because another replica
// took the update over.
var errLeaseLost = errors.New("bot: the update was taken over by another replica; not sent")

type claimKey struct{}

func withClaim(ctx context.Context, c *claim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

func claimOf(ctx context.Context) *claim {
	c, _ := ctx.Value(claimKey{}).(*claim)
	return c
}

// renewed notes a renewal of the lease sent at start; ok is false when
// another consumer holds the lease.
func (c *claim) renewed(start time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !ok {
		c.lost = true
		return
	}
	if u := start.Add(c.lease); u.After(c.until) {
		c.until = u
	}
}

func (c *claim) isLost() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lost
}

// hold reports whether this process may send for the update now: the
// lease is known to hold for a while yet, or renewing it now works.
func (c *claim) hold(ctx context.Context) bool {
	c.mu.Lock()
	lost, fresh := c.lost, time.Until(c.until) > c.lease/3
	c.mu.Unlock()
	if lost {
		return false
	}
	if fresh {
		return true
	}
	// The touch loop has not renewed the lease lately (Redis was away):
	// another replica may have taken the update over.
	start := time.Now()
	ok, err := c.queue.Renew(ctx, []int64{c.id}, c.lease)
	if err != nil {
		// Redis cannot say; sending risks a second answer, not sending a
		// lost one.
		return true
	}
	c.renewed(start, ok[0])
	return ok[0]
}

// turn takes the next message's index and, when that message was sent
// before, its id.
func (c *claim) turn() (n, id int, done bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n = c.next
	c.next++
	id, done = c.sent[n]
	return n, id, done
}

// mark records message n as sent, waiting until Redis has it.
func (c *claim) mark(ctx context.Context, n, id int) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return c.queue.Sent(ctx, c.id, n, id)
}

// guardSender sends through the claim of the update being answered, if
// any (see claim). Edits and typing indicators are not counted: sent again
// they change nothing the user sees twice.
type guardSender struct {
	Sender
	log *slog.Logger
}

func (g guardSender) Send(ctx context.Context, m Out) (int, error) {
	c := claimOf(ctx)
	if c == nil {
		return g.Sender.Send(ctx, m)
	}
	n, id, done := c.turn()
	if done {
		return id, nil
	}
	if !c.hold(ctx) {
		return 0, errLeaseLost
	}
	id, err := g.Sender.Send(ctx, m)
	if err == nil {
		if merr := c.mark(ctx, n, id); merr != nil {
			g.log.Warn("message not marked sent; a replica taking the update over would send it again", "update", c.id, "err", merr)
		}
	}
	return id, err
}

func (g guardSender) AnswerCallback(ctx context.Context, cbID, text string) error {
	c := claimOf(ctx)
	if c == nil {
		return g.Sender.AnswerCallback(ctx, cbID, text)
	}
	n, _, done := c.turn()
	if done {
		return nil
	}
	if !c.hold(ctx) {
		return errLeaseLost
	}
	err := g.Sender.AnswerCallback(ctx, cbID, text)
	if err == nil {
		if merr := c.mark(ctx, n, 0); merr != nil {
			g.log.Warn("callback answer not marked sent; a replica taking the update over would answer it again", "update", c.id, "err", merr)
		}
	}
	return err
}

func (g guardSender) Edit(ctx context.Context, messageID int, m Out) error {
	if c := claimOf(ctx); c != nil && !c.hold(ctx) {
		return errLeaseLost
	}
	return g.Sender.Edit(ctx, messageID, m)
}
