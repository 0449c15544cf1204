package redisstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

func TestUpdateQueueDeduplicatesAcknowledgesAndReclaims(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	a, b := s.UpdateQueue("a"), s.UpdateQueue("b")

	added, err := a.Add(ctx, []redisstore.NewUpdate{{ID: 1, Data: []byte(`{"update_id":1}`)}, {ID: 2, Data: []byte(`{"update_id":2}`)}})
	if err != nil || !added[0] || !added[1] {
		t.Fatalf("add: %v %v", added, err)
	}
	// Telegram delivering update 2 again, to the other replica.
	if again, err := b.Add(ctx, []redisstore.NewUpdate{{ID: 2, Data: []byte(`{"update_id":2}`)}}); err != nil || again[0] {
		t.Fatalf("a repeated delivery was queued again: %v %v", again, err)
	}
	got, err := a.Read(ctx, 10, 10*time.Millisecond)
	if err != nil || len(got) != 2 || got[0].ID != 1 || string(got[1].Data) != `{"update_id":2}` {
		t.Fatalf("read: %+v %v", got, err)
	}
	if more, err := b.Read(ctx, 10, 10*time.Millisecond); err != nil || len(more) != 0 {
		t.Fatalf("another consumer read taken updates: %+v %v", more, err)
	}
	if err := a.Ack(ctx, []string{got[0].Entry}); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.Backlog(ctx); n != 1 {
		t.Errorf("backlog %d after one of two acknowledged", n)
	}
	// a stops working on update 2: b does not take it while a keeps it
	// fresh, and takes it once a lets it go idle.
	time.Sleep(30 * time.Millisecond)
	if err := a.Touch(ctx, []string{got[1].Entry}); err != nil {
		t.Fatal(err)
	}
	if c, err := b.Claim(ctx, 25*time.Millisecond, 10); err != nil || len(c) != 0 {
		t.Fatalf("claimed an update its consumer is working on: %+v %v", c, err)
	}
	if err := a.Release(ctx, []string{got[1].Entry}); err != nil {
		t.Fatal(err)
	}
	c, err := b.Claim(ctx, time.Minute, 10)
	if err != nil || len(c) != 1 || c[0].ID != 2 {
		t.Fatalf("released update not claimed: %+v %v", c, err)
	}
	if err := b.Ack(ctx, []string{c[0].Entry}); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.Backlog(ctx); n != 0 {
		t.Errorf("backlog %d after all acknowledged", n)
	}
}

func TestUpdateQueueSurvivesItsGroupVanishing(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	q := redisstore.New(rdb, redisstore.Options{Prefix: prefix}).UpdateQueue("a")
	if _, err := q.Read(ctx, 1, time.Millisecond); err != nil {
		t.Fatal(err)
	}
	// A Redis restarted without its data: no stream, no group.
	redistest.Clean(t, rdb, prefix)
	q.Add(ctx, []redisstore.NewUpdate{{ID: 9, Data: []byte("{}")}})
	if got, err := q.Read(ctx, 1, time.Millisecond); err != nil || len(got) != 1 {
		t.Fatalf("read after the group vanished: %+v %v", got, err)
	}
}

func TestPollingLease(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	a, b := s.UpdateQueue("a"), s.UpdateQueue("b")
	if ok, err := a.Lease(ctx, 50*time.Millisecond); !ok || err != nil {
		t.Fatalf("free lease not taken: %v %v", ok, err)
	}
	if ok, _ := b.Lease(ctx, time.Second); ok {
		t.Fatal("a held lease was taken")
	}
	if ok, _ := a.Lease(ctx, time.Second); !ok {
		t.Fatal("the holder could not extend its lease")
	}
	if err := a.Unlease(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Lease(ctx, 30*time.Millisecond); !ok {
		t.Fatal("a released lease was not taken")
	}
	time.Sleep(60 * time.Millisecond)
	if ok, _ := a.Lease(ctx, time.Second); !ok {
		t.Fatal("an expired lease was not taken")
	}
}

// An update's lease keeps a second consumer from answering it; the
// messages marked sent come with the lease to the consumer that takes it
// over once it lapses.
func TestUpdateLeasesAndSentMarks(t *testing.T) {
	ctx := context.Background()
	rdb, prefix := redistest.Client(t)
	s := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	a, b := s.UpdateQueue("a"), s.UpdateQueue("b")
	got, err := a.Take(ctx, []int64{1, 2}, 50*time.Millisecond)
	if err != nil || len(got) != 2 || !got[0].Mine || !got[1].Mine || got[0].Sent != nil {
		t.Fatalf("free leases not taken: %+v %v", got, err)
	}
	if err := a.Sent(ctx, 1, 0, 41); err != nil {
		t.Fatal(err)
	}
	if err := a.Sent(ctx, 1, 1, 42); err != nil {
		t.Fatal(err)
	}
	if got, _ := b.Take(ctx, []int64{1}, time.Second); got[0].Mine {
		t.Fatal("a held lease was taken")
	}
	if ok, err := a.Renew(ctx, []int64{1, 2}, 50*time.Millisecond); err != nil || !ok[0] || !ok[1] {
		t.Fatalf("the holder could not renew: %v %v", ok, err)
	}
	// a frees update 2 and lets update 1's lease lapse.
	if _, err := a.Renew(ctx, []int64{2}, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(70 * time.Millisecond)
	got, err = b.Take(ctx, []int64{1, 2}, time.Second)
	if err != nil || !got[0].Mine || !got[1].Mine || fmt.Sprint(got[0].Sent) != "map[0:41 1:42]" || got[1].Sent != nil {
		t.Fatalf("lapsed and freed leases not taken with their marks: %+v %v", got, err)
	}
	if ok, _ := a.Renew(ctx, []int64{1}, time.Second); ok[0] {
		t.Error("a renewed a lease b holds")
	}
	if sent, err := b.SentMessages(ctx, []int64{1, 2}); err != nil || fmt.Sprint(sent) != "map[1:[41 42]]" {
		t.Errorf("sent messages %v %v", sent, err)
	}
}
