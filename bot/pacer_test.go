package bot

import (
	"context"
	"sync"
	"testing"
	"time"
)

func TestPacerSpacesMessagesPerChat(t *testing.T) {
	out := newFakeSender()
	p := NewPacer(out, 150*time.Millisecond, 0)
	ctx := context.Background()
	for range 3 {
		p.Send(ctx, Out{ChatID: 1, Text: "x"})
	}
	p.Send(ctx, Out{ChatID: 2, Text: "y"})
	s := out.all()
	for i := 1; i < 3; i++ {
		if gap := s[i].At.Sub(s[i-1].At); gap < 140*time.Millisecond {
			t.Errorf("messages %d and %d to one chat were %v apart", i-1, i, gap)
		}
	}
	if gap := s[3].At.Sub(s[2].At); gap > 100*time.Millisecond {
		t.Errorf("another chat waited %v behind the first", gap)
	}
}

func TestPacerGlobalRate(t *testing.T) {
	out := newFakeSender()
	p := NewPacer(out, 0, 10*time.Millisecond)
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Add(1)
		go func() { defer wg.Done(); p.Send(context.Background(), Out{ChatID: int64(i)}) }()
	}
	wg.Wait()
	if d := time.Since(start); d < 85*time.Millisecond {
		t.Errorf("10 requests at 100/s took %v", d)
	}
}

func TestPacerHonoursRetryAfterBotWideAndDropsNothing(t *testing.T) {
	out := newFakeSender()
	var once sync.Once
	out.reject = func(method string, m Out) error {
		var err error
		if m.ChatID == 1 {
			once.Do(func() { err = &RetryAfterError{After: 150 * time.Millisecond} })
		}
		return err
	}
	p := NewPacer(out, 0, 0)
	ctx := context.Background()
	start := time.Now()
	if _, err := p.Send(ctx, Out{ChatID: 1, Text: "first"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Send(ctx, Out{ChatID: 2, Text: "other chat"}); err != nil {
		t.Fatal(err)
	}
	s := out.all()
	if len(s) != 3 || !s[0].Refused || s[1].Out.Text != "first" || s[2].Out.Text != "other chat" {
		t.Fatalf("requests: %+v", s)
	}
	if wait := s[1].At.Sub(start); wait < 140*time.Millisecond {
		t.Errorf("retried after %v, before retry_after", wait)
	}
	if err := p.AnswerCallback(ctx, "id", ""); err != nil {
		t.Fatal(err)
	}
}

func TestPacerGivesUpWhenTheContextEnds(t *testing.T) {
	out := newFakeSender()
	out.reject = func(string, Out) error { return &RetryAfterError{After: time.Hour} }
	p := NewPacer(out, 0, 0)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := p.Send(ctx, Out{ChatID: 1}); err == nil {
		t.Error("a send that cannot happen before the context ends must fail")
	}
}

func TestQueueKeepsChatOrderAndDrains(t *testing.T) {
	var mu sync.Mutex
	got := map[int64][]int64{}
	release := make(chan struct{})
	q := NewQueue(context.Background(), 0, func(_ context.Context, u Update) {
		<-release
		mu.Lock()
		got[u.Message.Chat.ID] = append(got[u.Message.Chat.ID], u.ID)
		mu.Unlock()
	})
	for i := range 30 {
		if !q.Push(Update{ID: int64(i), Message: &Message{Chat: Chat{ID: int64(i % 3)}}}) {
			t.Fatal("push refused")
		}
	}
	close(release)
	if _, err := q.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	for chat, ids := range got {
		if len(ids) != 10 {
			t.Errorf("chat %d: %d updates handled", chat, len(ids))
		}
		for i := 1; i < len(ids); i++ {
			if ids[i] < ids[i-1] {
				t.Errorf("chat %d handled out of order: %v", chat, ids)
			}
		}
	}
	if q.Push(Update{Message: &Message{}}) {
		t.Error("a closed queue takes no updates")
	}
}

func TestQueueCapsAFloodingChat(t *testing.T) {
	block, started := make(chan struct{}), make(chan struct{}, 10)
	q := NewQueue(context.Background(), 2, func(context.Context, Update) { started <- struct{}{}; <-block })
	taken := 0
	if q.Push(Update{Message: &Message{Chat: Chat{ID: 1}}}) {
		taken++
	}
	<-started
	for range 4 {
		if q.Push(Update{Message: &Message{Chat: Chat{ID: 1}}}) {
			taken++
		}
	}
	close(block)
	q.Close(context.Background())
	if taken != 3 { // one in hand, two waiting
		t.Errorf("took %d updates", taken)
	}
}
