package bot

import (
	"context"
	"sync"
)

// Queue runs updates one chat at a time, in arrival order, and chats in
// parallel: a follow-up answer is never handled before the question it
// answers. Close stops taking updates and waits for those in flight.
type Queue struct {
	handle func(context.Context, Update)
	ctx    context.Context
	max    int
	// handled, when set, is called after each update is handled and no
	// longer counted by Len.
	handled func()

	mu      sync.Mutex
	chats   map[int64][]Update
	waiting int
	closed  bool
	wg      sync.WaitGroup
}

// NewQueue runs handle on ctx, which should outlive the intake so updates in
// flight can finish after it stops. max caps the updates waiting per chat;
// beyond it a flooding chat's updates are dropped.
func NewQueue(ctx context.Context, max int, handle func(context.Context, Update)) *Queue {
	return &Queue{handle: handle, ctx: ctx, max: max, chats: map[int64][]Update{}}
}

// Push queues an update and reports whether it was taken.
func (q *Queue) Push(u Update) bool { return q.push(u) == pushed }

type pushResult int

const (
	pushed    pushResult = iota
	chatFull             // the chat has max updates waiting: a flood
	queueShut            // Close was called
)

func (q *Queue) push(u Update) pushResult {
	chat := chatOf(u)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return queueShut
	}
	waiting, busy := q.chats[chat]
	if q.max > 0 && len(waiting) >= q.max {
		return chatFull
	}
	q.chats[chat] = append(waiting, u)
	q.waiting++
	if !busy {
		q.wg.Add(1)
		go q.run(chat)
	}
	return pushed
}

// Len returns the updates taken and not yet handled (waiting or in hand).
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting
}

func (q *Queue) run(chat int64) {
	defer q.wg.Done()
	for {
		q.mu.Lock()
		waiting := q.chats[chat]
		if len(waiting) == 0 {
			delete(q.chats, chat)
			q.mu.Unlock()
			return
		}
		u := waiting[0]
		q.chats[chat] = waiting[1:]
		q.mu.Unlock()
		q.handle(q.ctx, u)
		q.mu.Lock()
		q.waiting--
		q.mu.Unlock()
		if q.handled != nil {
			q.handled()
		}
	}
}

// Close stops taking updates and waits until those taken are handled or ctx
// ends. Then the updates still waiting are dropped (never started) and
// returned, with ctx's error.
func (q *Queue) Close(ctx context.Context) ([]Update, error) {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	done := make(chan struct{})
	go func() { q.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil, nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	var left []Update
	for chat, waiting := range q.chats {
		left = append(left, waiting...)
		q.waiting -= len(waiting)
		q.chats[chat] = nil
	}
	return left, ctx.Err()
}

func chatOf(u Update) int64 {
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.Callback != nil:
		return u.Callback.Chat.ID
	}
	return 0
}
