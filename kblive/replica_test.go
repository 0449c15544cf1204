package kblive_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"rongcuo/importer"
	"rongcuo/kblive"
	"rongcuo/knowledge"
	"rongcuo/redisstore"
	"rongcuo/redisstore/redistest"
)

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func finds(r *kblive.Replica, query, docID string) bool {
	for _, h := range r.Index().Provisions(query, knowledge.SearchOptions{Limit: 3}) {
		if h.Provision.DocID == docID {
			return true
		}
	}
	return false
}

// Two replicas share one store: what one side imports, the other's index
// finds, after the announcement; and with announcements lost (a replica
// that never subscribed), after the version check.
func TestReplicasSeeEachOthersChanges(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	svc, store := seeded(t)

	announced := kblive.NewReplica(store, kblive.ReplicaOptions{Poll: time.Hour}) // only messages can update it in time
	polling := kblive.NewReplica(store, kblive.ReplicaOptions{Poll: 50 * time.Millisecond, NoSubscribe: true})
	for _, r := range []*kblive.Replica{announced, polling} {
		if err := r.Load(ctx); err != nil {
			t.Fatal(err)
		}
		go r.Run(ctx)
	}
	const query = "无人机巡检 飞手资质"
	if finds(announced, query, "drone-rules") {
		t.Fatal("found before the import")
	}
	time.Sleep(50 * time.Millisecond) // let the subscription start
	text := "某市无人机巡检管理办法\n第一条 无人机巡检应当由取得飞手资质的人员操作。\n第二条 本办法自印发之日起施行。\n"
	p, err := svc.PreviewFiles(ctx, []importer.Source{{Name: "drone-rules.txt", Data: []byte(text)}}, "张三")
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Confirm(ctx, p.Token, "张三")
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the announced replica to find the new text", func() bool { return finds(announced, query, "drone-rules") })
	waitFor(t, "the polling replica to find the new text", func() bool { return finds(polling, query, "drone-rules") })
	if announced.Version() != res.Version || polling.Version() != res.Version {
		t.Errorf("versions %d and %d, want %d", announced.Version(), polling.Version(), res.Version)
	}

	// A retirement reaches both too.
	p, _ = svc.PreviewRetire(ctx, "drone-rules", "李四")
	if _, err := svc.Confirm(ctx, p.Token, "李四"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both replicas to drop the retired document", func() bool {
		return !finds(announced, query, "drone-rules") && !finds(polling, query, "drone-rules")
	})
}

// snapshotCounter counts the full reads of the live knowledge base.
type snapshotCounter struct {
	kblive.Store
	versions, snapshots atomic.Int32
}

func (s *snapshotCounter) KBVersion(ctx context.Context) (int64, error) {
	s.versions.Add(1)
	return s.Store.KBVersion(ctx)
}

func (s *snapshotCounter) KBSnapshot(ctx context.Context) (redisstore.KBSnapshot, error) {
	s.snapshots.Add(1)
	return s.Store.KBSnapshot(ctx)
}

// A store whose version went back (Redis flushed or restored) leaves the
// replica on its index without reading the whole store on every check.
func TestReplicaKeepsItsIndexWhenTheStoreGoesBack(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rdb, prefix := redistest.Client(t)
	store := redisstore.New(rdb, redisstore.Options{Prefix: prefix})
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kblive.NewService(store, kblive.Options{}).Seed(ctx, kb); err != nil {
		t.Fatal(err)
	}
	counter := &snapshotCounter{Store: store}
	r := kblive.NewReplica(counter, kblive.ReplicaOptions{Poll: 5 * time.Millisecond, NoSubscribe: true})
	if err := r.Load(ctx); err != nil {
		t.Fatal(err)
	}
	redistest.Clean(t, rdb, prefix)
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	waitFor(t, "ten version checks", func() bool { return counter.versions.Load() >= 10 })
	cancel()
	<-done
	if n := counter.snapshots.Load(); n != 1 {
		t.Errorf("%d full reads of the store, want only the first Load", n)
	}
	if r.Version() != 1 || r.Index().KB().Document("wzcl-2019") == nil {
		t.Errorf("version %d: the replica dropped its index", r.Version())
	}
}
