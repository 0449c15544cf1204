package bot

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// cutOff is a replica's view of the queue when its writes (the touches
// that keep its updates fresh, the lease renewals, the acknowledgements)
// do not get through: Redis was away, the process stalled or died.
type cutOff struct {
	*redisstore.UpdateQueue
	down atomic.Bool
}

var errCutOff = errors.New("cut off")

func (c *cutOff) Touch(ctx context.Context, entries []string) error {
	if c.down.Load() {
		return errCutOff
	}
	return c.UpdateQueue.Touch(ctx, entries)
}

func (c *cutOff) Renew(ctx context.Context, ids []int64, lease time.Duration) ([]bool, error) {
	if c.down.Load() {
		return nil, errCutOff
	}
	return c.UpdateQueue.Renew(ctx, ids, lease)
}

func (c *cutOff) Ack(ctx context.Context, entries []string) error {
	if c.down.Load() {
		return errCutOff
	}
	return c.UpdateQueue.Ack(ctx, entries)
}

// answers counts the answers (messages with the rating buttons) a replica
// sent.
func answers(f *fakeSender) int {
	n := 0
	for _, s := range f.of("send") {
		for _, row := range s.Out.Buttons {
			for _, b := range row {
				if b.Text == "👍" {
					n++
				}
			}
		}
	}
	return n
}

// A replica that stalls while it answers an update (its touches and lease
// renewals not getting through) has the update taken over by another,
// which answers it. When the first comes back it sends nothing: the lease
// is the other's now. Before updates had leases both answered.
func TestAStalledReplicasUpdateIsAnsweredOnceWhenTakenOver(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	ha, hb := newHarness(t, nil), newHarness(t, nil)
	const reclaim = 300 * time.Millisecond

	qa := &cutOff{UpdateQueue: store.UpdateQueue("a")}
	qa.down.Store(true)
	stalled, handledA := make(chan struct{}), make(chan struct{})
	a := StartUpdates(context.Background(), UpdatesConfig{Queue: qa, Parse: Parser(9, ""), Reclaim: reclaim, Log: quiet,
		Handle: func(ctx context.Context, u Update) {
			defer close(handledA)
			<-stalled
			ha.bot.Handle(ctx, u)
		}})
	defer a.Stop(context.Background())
	if _, err := a.Accept(context.Background(), 1, textUpdate(1, 7, "招商引资先行先试出了问题，能容错吗？")); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "replica a holding the update", func() bool { return a.heldCount() == 1 })

	b := StartUpdates(context.Background(), UpdatesConfig{Queue: store.UpdateQueue("b"), Parse: Parser(9, ""), Reclaim: reclaim, Log: quiet,
		Handle: hb.bot.Handle})
	defer b.Stop(context.Background())
	if err := hb.out.wait("replica b answering the update a left idle", func() bool { return answers(hb.out) == 1 }); err != nil {
		t.Fatal(err)
	}
	// a is back and goes on with the update it had in hand.
	qa.down.Store(false)
	close(stalled)
	<-handledA
	if n := answers(ha.out); n != 0 {
		t.Errorf("the stalled replica answered too (%d answers): the user got two", n)
	}
	waitUntil(t, "the update acknowledged", func() bool { n, _ := qa.Backlog(context.Background()); return n == 0 })
}

// A replica dies after Telegram accepted its answer (and the answer was
// marked sent) but before its acknowledgement reached Redis: the replica
// that takes the update over goes through it again without sending the
// answer a second time. Before the marks it sent it again.
func TestAnAnswerSentBeforeATakeOverIsNotSentAgain(t *testing.T) {
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	ha, hb := newHarness(t, nil), newHarness(t, nil)
	const reclaim = 300 * time.Millisecond

	// Once its answer is accepted, nothing more from replica a reaches
	// Redis: no touch, no renewal, no acknowledgement.
	qa := &cutOff{UpdateQueue: store.UpdateQueue("a")}
	ha.out.reject = func(method string, m Out) error {
		if method == "send" && len(m.Buttons) > 0 {
			qa.down.Store(true)
		}
		return nil
	}
	work, stopA := context.WithCancel(context.Background())
	defer stopA()
	a := StartUpdates(work, UpdatesConfig{Queue: qa, Parse: Parser(9, ""), Reclaim: reclaim, Log: quiet, Handle: ha.bot.Handle})
	if _, err := a.Accept(context.Background(), 1, textUpdate(1, 7, "招商引资先行先试出了问题，能容错吗？")); err != nil {
		t.Fatal(err)
	}
	if err := ha.out.wait("replica a's answer", func() bool { return answers(ha.out) == 1 }); err != nil {
		t.Fatal(err)
	}

	b := StartUpdates(context.Background(), UpdatesConfig{Queue: store.UpdateQueue("b"), Parse: Parser(9, ""), Reclaim: reclaim, Log: quiet,
		Handle: hb.bot.Handle})
	defer b.Stop(context.Background())
	waitUntil(t, "replica b taking the update over and acknowledging it", func() bool {
		n, _ := store.UpdateQueue("probe").Backlog(context.Background())
		return n == 0
	})
	if n := answers(hb.out); n != 0 {
		t.Errorf("the answer was sent again by the replica that took the update over (%d answers)", n)
	}
	// b went through the update all the same: its usage record is written.
	if recs := hb.store.records(); len(recs) != 1 {
		t.Errorf("%d usage records on the replica that took over, want 1", len(recs))
	}
}
