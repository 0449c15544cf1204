package redisstore

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// A waiter that gives up leaves the queue; a lead it was handed goes to the
// next waiter, or lapses when none is left.
func TestBatcherWithdrawPassesTheLeadOn(t *testing.T) {
	newReq := func() *batched { return &batched{lead: make(chan struct{}), done: make(chan struct{})} }
	b := &batcher{busy: true}
	a, c := newReq(), newReq()
	b.waiting = []*batched{a, c}
	close(a.lead)
	if !b.withdraw(a) {
		t.Fatal("a waiting request was not withdrawn")
	}
	select {
	case <-c.lead:
	default:
		t.Fatal("the lead did not pass to the next waiter")
	}
	if len(b.waiting) != 1 || b.waiting[0] != c || !b.busy {
		t.Fatalf("after withdrawing: %d waiting, busy %v", len(b.waiting), b.busy)
	}
	if !b.withdraw(c) || len(b.waiting) != 0 || b.busy {
		t.Fatalf("the last waiter's lead did not lapse: %d waiting, busy %v", len(b.waiting), b.busy)
	}
	if b.withdraw(c) {
		t.Error("a request no longer waiting was withdrawn")
	}
}

// While a batch hangs on a server that never answers, a caller whose
// context ends returns at once; one still waiting sends its own batch
// after, and every caller gets its commands' error.
func TestBatcherWaitEndsWithTheContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { // reads what comes and never answers
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); io.Copy(io.Discard, c) }()
		}
	}()
	rdb := redis.NewClient(&redis.Options{Addr: ln.Addr().String(), ReadTimeout: 300 * time.Millisecond, WriteTimeout: 300 * time.Millisecond,
		DialTimeout: 300 * time.Millisecond, MaxRetries: -1, Protocol: 2, DisableIdentity: true})
	defer rdb.Close()
	b := &batcher{rdb: rdb}
	queued := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
			b.mu.Lock()
			got, busy := len(b.waiting), b.busy
			b.mu.Unlock()
			if busy && got == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d requests waiting, want %d", got, n)
			}
		}
	}
	get := func(ctx context.Context, key string) (*redis.StringCmd, <-chan error) {
		pipe := rdb.Pipeline()
		cmd := pipe.Get(ctx, key)
		errc := make(chan error, 1)
		go func() { errc <- b.exec(ctx, pipe) }()
		return cmd, errc
	}
	_, leader := get(context.Background(), "a")
	queued(0)
	ctx, cancel := context.WithCancel(context.Background())
	_, quitter := get(ctx, "b")
	queued(1)
	patient, waiter := get(context.Background(), "c")
	queued(2)
	cancel()
	select {
	case err := <-quitter:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the caller that gave up: %v", err)
		}
	case <-time.After(200 * time.Millisecond):
		t.Fatal("a caller whose context ended kept waiting for the batch")
	}
	if err := <-leader; err == nil {
		t.Error("the leader's batch on a silent server did not fail")
	}
	if err := <-waiter; err == nil || patient.Err() == nil {
		t.Errorf("the waiter's batch on a silent server: %v / %v", err, patient.Err())
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.busy || len(b.waiting) != 0 {
		t.Errorf("after the batches: busy %v, %d waiting", b.busy, len(b.waiting))
	}
}
