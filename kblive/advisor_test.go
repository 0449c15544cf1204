package kblive_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rongcuo/advisor"
	"rongcuo/kblive"
	"rongcuo/knowledge"
)

// named answers with its name, so a test sees which advisor answered.
type named string

func (n named) Advise(context.Context, advisor.Question) (advisor.Advice, error) {
	return advisor.Advice{Answer: string(n)}, nil
}

var _ kblive.Answerer = named("")

func liveAt(t *testing.T, v int64) *kblive.Live {
	t.Helper()
	kb, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return &kblive.Live{Snapshot: &kblive.Snapshot{Version: v, KB: kb}, Index: knowledge.NewIndex(kb)}
}

func answer(t *testing.T, a *kblive.Advisor) string {
	t.Helper()
	adv, err := a.Advise(context.Background(), advisor.Question{Text: "什么是三个区分开来"})
	if err != nil {
		t.Fatal(err)
	}
	return adv.Answer
}

func TestAdvisorSwapsInVersionOrder(t *testing.T) {
	var versions []int64
	a := kblive.NewAdvisor(kblive.AdvisorOptions{
		Build: func(l *kblive.Live) (kblive.Answerer, error) {
			return named("v" + strconv.FormatInt(l.Version, 10)), nil
		},
		OnVersion: func(v int64) { versions = append(versions, v) },
	})
	if err := a.Ready(context.Background()); err == nil {
		t.Error("ready before anything was loaded")
	}
	if _, err := a.Advise(context.Background(), advisor.Question{Text: "问"}); err == nil {
		t.Error("an answer before anything was loaded")
	}
	if a.Version() != 0 || a.Index() == nil {
		t.Errorf("before the first swap: version %d, index %v", a.Version(), a.Index())
	}

	two, three := liveAt(t, 2), liveAt(t, 3)
	a.Swap(two)
	if got := answer(t, a); got != "v2" || a.Version() != 2 || a.Index() != two.Index {
		t.Errorf("after version 2: answer %q, version %d", got, a.Version())
	}
	if err := a.Ready(context.Background()); err != nil {
		t.Errorf("not ready with version 2 loaded: %v", err)
	}
	a.Swap(three)
	a.Swap(two) // a slow rebuild of an older version finishing late
	if got := answer(t, a); got != "v3" || a.Index() != three.Index {
		t.Errorf("an older rebuild replaced a newer one: answer %q, version %d", got, a.Version())
	}
	if want := []int64{2, 3}; len(versions) != 2 || versions[0] != want[0] || versions[1] != want[1] {
		t.Errorf("versions told %v, want %v", versions, want)
	}
}

func TestAdvisorBuildFailures(t *testing.T) {
	bad := errors.New("model settings rejected")
	fail := true
	a := kblive.NewAdvisor(kblive.AdvisorOptions{Build: func(l *kblive.Live) (kblive.Answerer, error) {
		if fail {
			return nil, bad
		}
		return named("model"), nil
	}})
	a.Swap(liveAt(t, 1))
	if !errors.Is(a.Err(), bad) || a.Version() != 0 {
		t.Fatalf("first build failed: Err %v, version %d; want the error and nothing in use", a.Err(), a.Version())
	}
	fail = false
	a.Swap(liveAt(t, 1))
	if a.Err() != nil || answer(t, a) != "model" {
		t.Fatalf("after a build that works: Err %v, answer %q", a.Err(), answer(t, a))
	}
	// A later failure keeps answering, offline on the new index.
	fail = true
	a.Swap(liveAt(t, 2))
	if a.Err() != nil || a.Version() != 2 {
		t.Fatalf("a later failure: Err %v, version %d", a.Err(), a.Version())
	}
	if got := answer(t, a); got == "model" || !strings.Contains(got, "三个区分开来") {
		t.Errorf("after a failed rebuild the answer should come from the offline advisor on version 2:\n%s", got)
	}
}

func TestAdvisorDefaultsToOffline(t *testing.T) {
	a := kblive.NewAdvisor(kblive.AdvisorOptions{})
	a.Swap(liveAt(t, 1))
	if got := answer(t, a); !strings.Contains(got, "三个区分开来") {
		t.Errorf("offline answer:\n%s", got)
	}
}

func TestAdvisorWait(t *testing.T) {
	a := kblive.NewAdvisor(kblive.AdvisorOptions{Build: func(*kblive.Live) (kblive.Answerer, error) { return named("x"), nil }})
	a.Swap(liveAt(t, 1))
	ctx := context.Background()
	if !a.Wait(ctx, 1) {
		t.Fatal("Wait for the version in use did not return true")
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if a.Wait(short, 2) {
		t.Fatal("Wait for a version never loaded returned true")
	}

	var wg sync.WaitGroup
	got := make(chan bool, 1)
	wg.Add(1)
	go func() { defer wg.Done(); got <- a.Wait(ctx, 3) }()
	a.Swap(liveAt(t, 2))
	select {
	case <-got:
		t.Fatal("Wait for version 3 returned at version 2")
	case <-time.After(20 * time.Millisecond):
	}
	a.Swap(liveAt(t, 3))
	wg.Wait()
	if !<-got {
		t.Error("Wait for version 3 did not see it")
	}
}

func TestAdvisorNotReadyWithoutDocuments(t *testing.T) {
	a := kblive.NewAdvisor(kblive.AdvisorOptions{})
	empty := &knowledge.KB{}
	a.Swap(&kblive.Live{Snapshot: &kblive.Snapshot{Version: 4, KB: empty}, Index: knowledge.NewIndex(empty)})
	if err := a.Ready(context.Background()); err == nil || !strings.Contains(err.Error(), "version 4") {
		t.Errorf("an empty knowledge base is ready: %v", err)
	}
}
