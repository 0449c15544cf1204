package redisstore

import (
	"context"
	"slices"
	"sync"

	"github.com/redis/go-redis/v9"
)

// batcher sends the pipelines of requests that come while another is on the
// wire together, as one pipeline: under load the chats' Begin and Save
// share round trips (a write and a read for each side, and the wake-ups
// around them, are what a round trip costs), and alone a request goes at
// once. Each caller reads its own commands' replies and errors, as after
// its own Exec.
type batcher struct {
	rdb redis.UniversalClient

	mu      sync.Mutex
	busy    bool // a leader is sending
	waiting []*batched
}

type batched struct {
	cmds []redis.Cmder
	lead chan struct{} // closed to make a waiter the next leader
	done chan struct{} // closed once its commands have their replies
}

// exec sends the commands queued on pipe and returns the error of the
// first that failed, as pipe.Exec would.
//
// The caller that finds no one sending becomes the leader: it sends what
// is waiting (its own commands among them), hands the lead to the first
// request that came meanwhile, and returns. The others wait for their
// batch to be sent. A caller's context bounds its wait, not a batch's send
// (the client's timeouts do, as a batch serves several callers): commands
// already on the wire may still run after their caller gave up, as after
// any request that timed out.
func (b *batcher) exec(ctx context.Context, pipe redis.Pipeliner) error {
	r := &batched{cmds: pipe.Cmds(), lead: make(chan struct{}), done: make(chan struct{})}
	if len(r.cmds) == 0 {
		return nil
	}
	b.mu.Lock()
	b.waiting = append(b.waiting, r)
	leader := !b.busy
	b.busy = true
	b.mu.Unlock()
	if !leader {
		select {
		case <-r.done:
			return firstErr(r.cmds)
		case <-r.lead:
		case <-ctx.Done():
			if b.withdraw(r) {
				return ctx.Err()
			}
			// Already in a batch on the wire, or made the leader.
			select {
			case <-r.done:
				return firstErr(r.cmds)
			case <-r.lead:
			}
		}
	}
	b.mu.Lock()
	batch := b.waiting
	b.waiting = nil
	b.mu.Unlock()
	b.send(context.WithoutCancel(ctx), batch)
	b.mu.Lock()
	if len(b.waiting) > 0 {
		close(b.waiting[0].lead)
	} else {
		b.busy = false
	}
	b.mu.Unlock()
	return firstErr(r.cmds)
}

// withdraw takes r out of the waiting requests unless a batch took it; a
// lead it was handed goes to the next request, or lapses.
func (b *batcher) withdraw(r *batched) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	i := slices.Index(b.waiting, r)
	if i < 0 {
		return false
	}
	b.waiting = slices.Delete(b.waiting, i, i+1)
	select {
	case <-r.lead:
		if len(b.waiting) > 0 {
			close(b.waiting[0].lead)
		} else {
			b.busy = false
		}
	default:
	}
	return true
}

// send runs the batch as one pipeline. Each command keeps its reply or
// error, which its caller reads.
func (b *batcher) send(ctx context.Context, batch []*batched) {
	pipe := b.rdb.Pipeline()
	for _, r := range batch {
		_ = pipe.BatchProcess(ctx, r.cmds...)
	}
	_, _ = pipe.Exec(ctx)
	for _, r := range batch {
		close(r.done)
	}
}

// firstErr is the error Pipeline.Exec returns: the first command's that
// failed, redis.Nil included.
func firstErr(cmds []redis.Cmder) error {
	for _, c := range cmds {
		if err := c.Err(); err != nil {
			return err
		}
	}
	return nil
}
