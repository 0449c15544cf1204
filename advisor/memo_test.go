package advisor

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"rongcuo/assess"
)

// memoQuestions are questions with and without a case behind them.
func memoQuestions(t *testing.T) []Question {
	t.Helper()
	a := embedded(t)
	first := Question{Text: benchQuestions[0]}
	adv, err := a.Advise(context.Background(), first)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	history := []Turn{{Role: "user", Text: first.Text, At: at}, {Role: "assistant", Text: adv.Answer, At: at.Add(time.Second)}}
	var qs []Question
	for _, text := range benchQuestions {
		qs = append(qs, Question{Text: text})
	}
	qs = append(qs,
		Question{Text: "是", History: history, Facts: adv.Facts},
		Question{Text: "企业后来补齐了材料，没有造成损失。", History: history, Facts: adv.Facts},
		Question{Text: "什么是三个区分开来？", History: history, Facts: adv.Facts},
		Question{Text: "企业后来补齐了材料，没有造成损失。", History: history[:1]},
	)
	return qs
}

func withoutTime(a Advice) Advice {
	a.Usage.Total = 0
	return a
}

// A kept answer is the answer the advisor gives without the memo, however
// often it is asked, and a caller changing its copy changes nothing kept.
func TestMemoAnswersAsTheAdvisorDoes(t *testing.T) {
	ctx := context.Background()
	plain := embedded(t)
	cached := New(plain.Index(), Options{AnswerCache: 16})
	if cached.memo == nil {
		t.Fatal("an offline advisor with AnswerCache has no memo")
	}
	for _, q := range memoQuestions(t) {
		want, err := plain.Advise(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for round := range 3 {
			got, err := cached.Advise(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(withoutTime(got), withoutTime(want)) {
				t.Fatalf("round %d of %q: the memo's answer differs from the advisor's", round, q.Text)
			}
			// The caller owns what it got.
			for k := range got.Facts {
				got.Facts[k] = assess.Fact{Status: assess.Unfavourable, Evidence: "changed"}
			}
			if len(got.Citations) > 0 {
				got.Citations[0].Quote = "changed"
			}
			if len(got.Criteria) > 0 {
				got.Criteria[0].Evidence = "changed"
			}
			if len(got.FollowUps) > 0 {
				got.FollowUps[0].Question = "changed"
			}
		}
	}
	if n := len(cached.memo.cur) + len(cached.memo.old); n == 0 {
		t.Error("nothing kept")
	}
}

// Questions that differ in anything the advisor reads are different keys.
func TestMemoKeySeesEveryInput(t *testing.T) {
	base := Question{Text: "能容错吗", History: []Turn{{Role: "user", Text: "先办了手续"}},
		Facts: assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目"}}}
	variants := []Question{
		{Text: "能容错吗？", History: base.History, Facts: base.Facts},
		{Text: base.Text, Facts: base.Facts},
		{Text: base.Text, History: []Turn{{Role: "assistant", Text: "先办了手续"}}, Facts: base.Facts},
		{Text: base.Text, History: []Turn{{Role: "user", Text: "后办了手续"}}, Facts: base.Facts},
		{Text: base.Text, History: base.History},
		{Text: base.Text, History: base.History, Facts: assess.Facts{assess.Motive: {Status: assess.Unknown, Evidence: "为了项目"}}},
		{Text: base.Text, History: base.History, Facts: assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目", Inferred: true}}},
		{Text: base.Text, History: base.History, Facts: assess.Facts{assess.Motive: {Status: assess.Favourable, Evidence: "为了项目", Other: "x"}}},
		// Length-prefixed: moving text from one field to the next is a new key.
		{Text: "能容错吗先办了手续", History: []Turn{{Role: "user"}}, Facts: base.Facts},
	}
	k := keyOf(base, 2026)
	if keyOf(base, 2027) == k {
		t.Error("the year is not in the key")
	}
	for i, v := range variants {
		if keyOf(v, 2026) == k {
			t.Errorf("variant %d has the base question's key", i)
		}
	}
	same := base
	same.History = []Turn{{Role: "user", Text: "先办了手续", At: time.Now()}}
	if keyOf(same, 2026) != k {
		t.Error("a turn's time changed the key")
	}
	// Every field of what is asked is either in the key or named here as
	// left out: a new field must be considered.
	fields := func(v any) []string {
		var out []string
		for f := range reflect.TypeOf(v).Fields() {
			out = append(out, f.Name)
		}
		return out
	}
	for _, c := range []struct {
		v    any
		want []string
	}{
		{Question{}, []string{"Text", "History", "Facts", "OnText"}},
		{Turn{}, []string{"Role", "Text", "At"}},
		{assess.Fact{}, []string{"Status", "Evidence", "Answered", "Inferred", "Conflict", "Other", "Raised", "AmidEmergency"}},
	} {
		if got := fields(c.v); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%T has fields %v; the memo key (keyOf) was written for %v", c.v, got, c.want)
		}
	}
}

// The advisor reads a turn's words, not its time: the memo may leave the
// time out of its key.
func TestMemoIgnoresOnlyTurnTimes(t *testing.T) {
	ctx := context.Background()
	a := embedded(t)
	for _, q := range memoQuestions(t) {
		if len(q.History) == 0 {
			continue
		}
		moved := q
		moved.History = make([]Turn, len(q.History))
		for i, turn := range q.History {
			turn.At = turn.At.Add(400 * 24 * time.Hour)
			moved.History[i] = turn
		}
		want, err := a.Advise(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := a.Advise(ctx, moved)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(withoutTime(got), withoutTime(want)) {
			t.Errorf("%q: the answer depends on when the earlier turns were said; the memo key must include it", q.Text)
		}
	}
}

// Questions asked at once with the same key are answered once, and all get
// the answer.
func TestMemoComputesOnceForConcurrentAsks(t *testing.T) {
	m := newMemo(8)
	var mu sync.Mutex
	calls := 0
	release := make(chan struct{})
	compute := func() (Advice, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		<-release
		return Advice{Answer: "答", Facts: assess.Facts{assess.Motive: {Status: assess.Favourable}}}, nil
	}
	var wg sync.WaitGroup
	answers := make([]Advice, 10)
	for i := range answers {
		wg.Go(func() {
			adv, err := m.advise(context.Background(), Question{Text: "同一个问题"}, compute)
			if err != nil {
				t.Error(err)
			}
			answers[i] = adv
		})
	}
	// Let every caller reach the memo before the first answer comes.
	for {
		m.mu.Lock()
		started := len(m.inflight)
		m.mu.Unlock()
		if started == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if calls != 1 {
		t.Errorf("computed %d times", calls)
	}
	for i, a := range answers {
		if a.Answer != "答" || a.Facts[assess.Motive].Status != assess.Favourable {
			t.Errorf("caller %d got %+v", i, a)
		}
	}
	answers[0].Facts[assess.Motive] = assess.Fact{}
	if answers[1].Facts[assess.Motive].Status != assess.Favourable {
		t.Error("callers share a map")
	}
}

// An error is not kept, the cap holds, and a model or vectors switch the
// memo off.
func TestMemoBounds(t *testing.T) {
	m := newMemo(4)
	fail := true
	compute := func() (Advice, error) {
		if fail {
			return Advice{}, context.Canceled
		}
		return Advice{Answer: "答"}, nil
	}
	if _, err := m.advise(context.Background(), Question{Text: "问"}, compute); err == nil {
		t.Fatal("no error")
	}
	fail = false
	if adv, err := m.advise(context.Background(), Question{Text: "问"}, compute); err != nil || adv.Answer != "答" {
		t.Fatalf("after an error: %+v %v", adv, err)
	}
	for i := range 50 {
		m.advise(context.Background(), Question{Text: string(rune('a' + i))}, compute)
		if n := len(m.cur) + len(m.old); n > 4 {
			t.Fatalf("%d answers kept, cap 4", n)
		}
	}
	ix := embedded(t).Index()
	if New(ix, Options{AnswerCache: 8, Model: stubModel{}}).memo != nil {
		t.Error("an advisor with a model has a memo")
	}
	if New(ix, Options{AnswerCache: 8}).memo == nil || New(ix, Options{}).memo != nil {
		t.Error("AnswerCache does not decide the memo")
	}
}

type stubModel struct{}

func (stubModel) Answer(context.Context, *Reading, Advice, func(string)) (Advice, error) {
	return Advice{}, context.Canceled
}

// A computation that panics leaves nobody waiting: the next ask computes.
func TestMemoSurvivesAPanic(t *testing.T) {
	m := newMemo(8)
	func() {
		defer func() { recover() }()
		m.advise(context.Background(), Question{Text: "问"}, func() (Advice, error) { panic("boom") })
	}()
	done := make(chan Advice, 1)
	go func() {
		adv, _ := m.advise(context.Background(), Question{Text: "问"}, func() (Advice, error) { return Advice{Answer: "答"}, nil })
		done <- adv
	}()
	select {
	case adv := <-done:
		if adv.Answer != "答" {
			t.Errorf("got %+v", adv)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the ask after a panic waits for it forever")
	}
}
