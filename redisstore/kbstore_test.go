package redisstore_test

import (
	"context"
	"testing"
	"time"

	"rongcuo/redisstore"
)

func stage(t *testing.T, s *redisstore.Store, token, by string, changes ...redisstore.KBChange) {
	t.Helper()
	if err := s.KBStage(context.Background(), redisstore.KBStage{Token: token, By: by, Summary: token, Changes: changes}); err != nil {
		t.Fatal(err)
	}
}

func commit(t *testing.T, s *redisstore.Store, token, by string) redisstore.KBCommit {
	t.Helper()
	res, err := s.KBCommit(context.Background(), token, by, time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestKBCommitVersionsHistoryAndConflicts(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	versions, err := s.KBSubscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}

	stage(t, s, "t1", "张三", redisstore.KBChange{ID: "a", Action: redisstore.KBPut, Text: "A1", Summary: "新增 a"},
		redisstore.KBChange{ID: "b", Action: redisstore.KBPut, Text: "B1", Summary: "新增 b"})
	if res := commit(t, s, "t1", "李四"); !res.NotYours || res.Version != 0 {
		t.Fatalf("someone else's confirmation: %+v", res)
	}
	stage(t, s, "t1", "张三", redisstore.KBChange{ID: "a", Action: redisstore.KBPut, Text: "A1", Summary: "新增 a"},
		redisstore.KBChange{ID: "b", Action: redisstore.KBPut, Text: "B1", Summary: "新增 b"})
	if res := commit(t, s, "t1", "张三"); res.Version != 1 {
		t.Fatalf("first commit: %+v", res)
	}
	if res := commit(t, s, "t1", "张三"); !res.Gone {
		t.Fatalf("a confirmation used twice must find nothing: %+v", res)
	}
	select {
	case v := <-versions:
		if v != 1 {
			t.Errorf("announced %d, want 1", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no announcement")
	}

	// Two staff start from revision 1 of a; the second to confirm loses,
	// and nothing of their change is written (b stays too).
	stage(t, s, "x", "张三", redisstore.KBChange{ID: "a", Base: 1, Action: redisstore.KBPut, Text: "A2", Summary: "修改 a"})
	stage(t, s, "y", "王五", redisstore.KBChange{ID: "a", Base: 1, Action: redisstore.KBPut, Text: "A2'", Summary: "修改 a"},
		redisstore.KBChange{ID: "b", Base: 1, Action: redisstore.KBRetire, Summary: "停用 b"})
	if res := commit(t, s, "x", "张三"); res.Version != 2 {
		t.Fatalf("x: %+v", res)
	}
	res := commit(t, s, "y", "王五")
	if res.Version != 0 || len(res.Conflicts) != 1 || res.Conflicts[0] != (redisstore.KBConflict{ID: "a", Rev: 2}) {
		t.Fatalf("y: %+v", res)
	}
	snap, err := s.KBSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Version != 2 || len(snap.Items) != 2 || snap.Items["a"] != "A2" || snap.Items["b"] != "B1" {
		t.Fatalf("snapshot %+v", snap)
	}

	stage(t, s, "z", "王五", redisstore.KBChange{ID: "b", Base: 1, Action: redisstore.KBRetire, Summary: "停用 b"})
	if res := commit(t, s, "z", "王五"); res.Version != 3 {
		t.Fatalf("retire: %+v", res)
	}
	hist, err := s.KBHistory(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].By != "张三" || hist[0].Version != 1 || hist[1].Action != redisstore.KBRetire || hist[1].By != "王五" || hist[1].Version != 3 || !hist[1].At.Equal(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("history of b: %+v", hist)
	}
	for _, tt := range []struct {
		id   string
		rev  int64
		text string
		ok   bool
	}{{"a", 1, "A1", true}, {"a", 2, "A2", true}, {"b", 1, "B1", true}, {"b", 2, "", false}, {"a", 9, "", false}} {
		text, ok, err := s.KBRevisionText(ctx, tt.id, tt.rev)
		if err != nil || text != tt.text || ok != tt.ok {
			t.Errorf("revision %s@%d = %q %v %v; want %q %v", tt.id, tt.rev, text, ok, err, tt.text, tt.ok)
		}
	}
	revs, texts, err := s.KBCurrent(ctx, []string{"a", "b", "new"})
	if err != nil || revs["a"] != 2 || revs["b"] != 2 || revs["new"] != 0 || texts["a"] != "A2" || texts["b"] != "" {
		t.Errorf("current: %v %v %v", revs, texts, err)
	}
	log, err := s.KBLog(ctx, 10)
	if err != nil || len(log) != 3 || log[0].Version != 3 || log[0].Summary != "z" || log[2].By != "张三" {
		t.Errorf("log: %+v %v", log, err)
	}
}

func TestKBSeedOnlyOnce(t *testing.T) {
	ctx := context.Background()
	s, _, _ := newStore(t, redisstore.Options{})
	if v, err := s.KBVersion(ctx); err != nil || v != 0 {
		t.Fatalf("empty: %d %v", v, err)
	}
	seed := func(token, text string) redisstore.KBCommit {
		err := s.KBStage(ctx, redisstore.KBStage{Token: token, By: "seed", Seed: true, Tables: map[string]string{"terms.txt": "容错\n"},
			Changes: []redisstore.KBChange{{ID: "a", Action: redisstore.KBPut, Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		return commit(t, s, token, "seed")
	}
	if res := seed("s1", "first"); res.Version != 1 {
		t.Fatalf("seed: %+v", res)
	}
	if res := seed("s2", "second"); !res.Seeded {
		t.Fatalf("second seed: %+v", res)
	}
	snap, _ := s.KBSnapshot(ctx)
	if snap.Items["a"] != "first" || snap.Tables["terms.txt"] != "容错\n" || snap.Version != 1 {
		t.Errorf("snapshot %+v", snap)
	}
	if err := s.KBDiscard(ctx, "s2"); err != nil {
		t.Error(err)
	}
}
